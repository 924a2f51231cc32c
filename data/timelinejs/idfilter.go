package timelinejs

// idFilter is a Bloom filter of the unique_ids an import has given to new
// events. When the chronology had no events before the import, an id the
// filter has never seen cannot belong to any event, so the store need not
// be asked; a "maybe" is always checked against the store. Its size is
// fixed (1 MiB), so memory stays bounded however large the file: past a
// million ids it answers "maybe" more often and the import only slows.
type idFilter struct {
	bits []uint64
}

const idFilterBits = 1 << 23

func newIDFilter() *idFilter { return &idFilter{bits: make([]uint64, idFilterBits/64)} }

// hashes returns two FNV-1a-based hashes of s for double hashing.
func idHashes(s string) (uint64, uint64) {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h2 := h ^ (h >> 29) ^ 0x9e3779b97f4a7c15
	h2 *= 0xbf58476d1ce4e5b9
	h2 ^= h2 >> 32
	return h, h2 | 1
}

func (f *idFilter) add(s string) {
	a, b := idHashes(s)
	for i := range uint64(4) {
		k := (a + i*b) % idFilterBits
		f.bits[k/64] |= 1 << (k % 64)
	}
}

// mayHave reports whether s may have been added (false: certainly not).
func (f *idFilter) mayHave(s string) bool {
	a, b := idHashes(s)
	for i := range uint64(4) {
		k := (a + i*b) % idFilterBits
		if f.bits[k/64]&(1<<(k%64)) == 0 {
			return false
		}
	}
	return true
}
