package view

// Resident returns the bytes of b, an array embedded in this program's
// executable file (a model or table), read from the file into memory of
// their own on 2 MB pages; or b itself where that is not possible (not
// Linux, no transparent huge pages, b not from the executable, any error)
// or not worth it (b under MinResident bytes). The copy is never freed:
// it is for data that lives as long as the process.
//
// Embedded data is mapped from the executable in 4 KB pages, and a
// program that reads megabytes of it at random (a tagger's weights, a
// hashed word table) touches nearly every page. On a virtual machine
// with shadow page tables, as cograph is measured on, a first touch of a
// 4 KB page costs a microsecond or two even when the kernel mapped it
// ahead (it maps 16 pages a fault), a fault tens, and the exit pays
// again to unmap them all: touching 11 MB of embedded data took 7.5 ms
// more than touching none, reading the same bytes into huge pages 4.4.
func Resident(b []byte) []byte {
	if len(b) < MinResident {
		return b
	}
	return resident(b)
}

// MinResident is the least size Resident copies: below it the copy's
// fixed costs (a 2 MB page zeroed, three system calls) outweigh what it
// saves.
const MinResident = 1 << 20
