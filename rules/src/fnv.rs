//! FNV-1a, the hash of gwlint's short text keys: the spelling model's lexicon
//! (hashes written by `build_spelling.py`, which computes the same function)
//! and the word tables of [`crate::dictionary`]. Keys are a few bytes each and
//! probed many times per lint, where SipHash's set-up cost dominates; no key
//! comes from an adversary who could gain by colliding them.

use std::hash::{BuildHasherDefault, Hasher};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a as a [`Hasher`], for hash maps of short keys.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(OFFSET)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    }
}

/// A `HashMap` hasher builder for [`Fnv1a`].
pub type BuildFnv1a = BuildHasherDefault<Fnv1a>;

/// The FNV-1a hash of a string's UTF-8 bytes.
pub fn fnv1a64(word: &str) -> u64 {
    let mut h = Fnv1a::default();
    h.write(word.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_test_vectors() {
        // From the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/): "" and "a".
        assert_eq!(fnv1a64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
