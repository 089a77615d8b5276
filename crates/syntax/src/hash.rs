//! Allocation-free hashing of word forms and feature templates into `u64` keys.

use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;
const K: u64 = 0x517c_c1b7_2722_0a95;

/// FNV-1a over the bytes of `s`.
pub fn hash_str(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a over a sequence of chars (used for lowercased forms and affixes without allocating).
pub fn hash_chars(chars: &[char]) -> u64 {
    let mut h = FNV_OFFSET;
    for &c in chars {
        // An ASCII char is its own one-byte UTF-8 encoding (most words): no encoding step.
        if c.is_ascii() {
            h ^= u64::from(c as u8);
            h = h.wrapping_mul(FNV_PRIME);
            continue;
        }
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// Writes the keys into `out` in place: the templates become consecutive stores into a
/// fixed-size array (constant indices, no bounds checks) instead of an array built on the
/// stack and then copied.
macro_rules! write_keys {
    ($out:expr; $($key:expr),* $(,)?) => {{
        const N: usize = [$(stringify!($key)),*].len();
        $out.resize(N, 0);
        let o: &mut [u64; N] = (&mut $out[..N]).try_into().expect("length set above");
        let mut k = 0usize;
        $(
            o[k] = $key;
            k += 1;
        )*
        debug_assert_eq!(k, N);
    }};
}
pub(crate) use write_keys;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final step of a feature key: the high half of the last product (which depends on every
/// input bit) becomes the low half the lookup tables use.
#[inline]
fn fold(h: u64) -> u64 {
    h.rotate_left(32) | 1 // 0 marks an empty slot in the lookup table
}

#[inline]
pub fn f1(t: u32, a: u64) -> u64 {
    fold(mix(u64::from(t).wrapping_mul(0x9e37_79b9_7f4a_7c15), a))
}

#[inline]
pub fn f2(t: u32, a: u64, b: u64) -> u64 {
    fold(mix(
        mix(u64::from(t).wrapping_mul(0x9e37_79b9_7f4a_7c15), a),
        b,
    ))
}

#[inline]
pub fn f3(t: u32, a: u64, b: u64, c: u64) -> u64 {
    fold(mix(
        mix(mix(u64::from(t).wrapping_mul(0x9e37_79b9_7f4a_7c15), a), b),
        c,
    ))
}

/// Hasher for keys that are already well-mixed hashes.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdBuild = BuildHasherDefault<IdHasher>;

/// Small deterministic PRNG (splitmix64) so training is reproducible from a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x2545_f491_4f6c_dd1d)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_keys_differ_by_template_and_are_nonzero() {
        let a = hash_str("dog");
        assert_ne!(f1(1, a), f1(2, a));
        assert_ne!(f2(1, a, 0), f2(1, 0, a));
        assert_eq!(f1(1, a) & 1, 1);
    }

    #[test]
    fn char_hash_matches_str_hash() {
        let s = "Iran's";
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(hash_chars(&chars), hash_str(s));
    }
}
