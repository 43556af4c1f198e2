package corpus

import (
	"io/fs"
	"syscall"
)

// readWhole returns the contents of the file at path, read into buf (grown
// if it is too small), or a *SkipError; a file of more than limit bytes is
// not read past limit+1 bytes. It makes the system calls directly: os.Open
// would also register the file with the network poller (which refuses
// regular files) and set and reset its flags, doubling the calls per
// file, and on virtual machines system calls cost as much as cleaning a
// short article.
func readWhole(path string, limit int64, buf []byte) ([]byte, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return nil, &SkipError{Path: path, Err: &fs.PathError{Op: "open", Path: path, Err: err}}
	}
	defer syscall.Close(fd)
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &SkipError{Path: path, Err: &fs.PathError{Op: "read", Path: path, Err: err}}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, tooLargeAt(path, limit)
		}
	}
}
