package ner

// Features are hashed: a template number and one or two value hashes are
// mixed into a 64-bit hash whose top bits index the weight table. Nothing
// is concatenated, so extracting features does not allocate.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// mix is the splitmix64 finalizer.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func feat1(tmpl int, v uint64) uint64 {
	return mix(v ^ uint64(tmpl+1)*0x9E3779B97F4A7C15)
}

func feat2(tmpl int, a, b uint64) uint64 {
	return mix(mix(a^uint64(tmpl+1)*0x9E3779B97F4A7C15) + b*0xC2B2AE3D27D4EB4F)
}
