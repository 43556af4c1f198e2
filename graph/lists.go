package graph

// lists is an arena of append-only linked lists of int32: the article
// list and the evidence list of every edge. One flat, pointer-free slice
// instead of two slices per edge keeps the edge table free of pointers, so
// the garbage collector never scans it and growing it is a plain copy,
// which matters with millions of edges.
type lists struct {
	val, next []int32
}

// list is one list in a lists arena; the zero list is empty.
type list struct {
	head, tail int32 // index+1 of the first and last cell; 0 when empty
	n          int32
}

func (l *lists) push(x *list, v int32) {
	l.val = append(l.val, v)
	l.next = append(l.next, 0)
	c := int32(len(l.val)) // index+1 of the new cell
	if x.tail == 0 {
		x.head = c
	} else {
		l.next[x.tail-1] = c
	}
	x.tail = c
	x.n++
}

// last returns the list's last value; the list must not be empty.
func (l *lists) last(x list) int32 { return l.val[x.tail-1] }

// slice returns the list's values in order.
func (l *lists) slice(x list) []int32 {
	out := make([]int32, 0, x.n)
	for c := x.head; c != 0; c = l.next[c-1] {
		out = append(out, l.val[c-1])
	}
	return out
}
