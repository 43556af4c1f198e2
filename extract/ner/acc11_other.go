//go:build !amd64

package ner

func haveAVX2() bool { return false }

func acc11AVX2(a *[11]int32, q *int16, rows []uint32) { panic("ner: acc11AVX2 without AVX2") }
