#include "textflag.h"

// func acc11AVX2(a *[11]int32, q *int16, rows []uint32)
//
// The sums are held in two registers: Y0 = a[0..7] and X1 = a[7..10]. A
// row's 22 bytes are read as elements 0-7 (bytes 0-15) and 7-10 (bytes
// 14-21), so that no read goes past the row, the last of the table
// included; element 7 is added to both registers, which therefore agree
// on a[7] and can both be stored whole.
TEXT ·acc11AVX2(SB), NOSPLIT, $0-40
	MOVQ a+0(FP), DI
	MOVQ q+8(FP), SI
	MOVQ rows_base+16(FP), BX
	MOVQ rows_len+24(FP), CX
	VMOVDQU (DI), Y0
	VMOVDQU 28(DI), X1
	TESTQ CX, CX
	JZ done

loop:
	MOVL (BX), AX
	IMUL3Q $22, AX, AX
	VPMOVSXWD (SI)(AX*1), Y2
	VPMOVSXWD 14(SI)(AX*1), X3
	VPADDD Y2, Y0, Y0
	VPADDD X3, X1, X1
	ADDQ $4, BX
	DECQ CX
	JNZ loop

done:
	VMOVDQU Y0, (DI)
	VMOVDQU X1, 28(DI)
	VZEROUPPER
	RET

// func cpuid(leaf, subleaf uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL subleaf+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET
