package graph

// lists is an arena of append-only linked lists of int32: the article
// list and the evidence list of every edge. Cells live in fixed-size,
// pointer-free blocks instead of two slices per edge: the edge table then
// holds no pointers, so the garbage collector never scans it, and the
// arena grows by adding a block, never by copying what it holds (a large
// corpus has tens of millions of cells).
type lists struct {
	blocks [][]cell
	n      int32 // cells in use
}

// cell is one value of a list and the index+1 of the next cell (0: none).
type cell struct{ val, next int32 }

const (
	blockBits = 16
	blockSize = 1 << blockBits
)

// list is one list in a lists arena; the zero list is empty.
type list struct {
	head, tail int32 // index+1 of the first and last cell; 0 when empty
	n          int32
}

// at returns the cell with index+1 c.
func (l *lists) at(c int32) *cell {
	i := c - 1
	return &l.blocks[i>>blockBits][i&(blockSize-1)]
}

func (l *lists) push(x *list, v int32) {
	if int(l.n) == len(l.blocks)*blockSize {
		l.blocks = append(l.blocks, make([]cell, blockSize))
	}
	l.n++
	c := l.n // index+1 of the new cell
	*l.at(c) = cell{val: v}
	if x.tail == 0 {
		x.head = c
	} else {
		l.at(x.tail).next = c
	}
	x.tail = c
	x.n++
}

// last returns the list's last value; the list must not be empty.
func (l *lists) last(x list) int32 { return l.at(x.tail).val }

// slice returns the list's values in order.
func (l *lists) slice(x list) []int32 {
	return l.appendTo(make([]int32, 0, x.n), x)
}

// appendTo appends the list's values to dst in order.
func (l *lists) appendTo(dst []int32, x list) []int32 {
	for c := x.head; c != 0; {
		cl := l.at(c)
		dst = append(dst, cl.val)
		c = cl.next
	}
	return dst
}
