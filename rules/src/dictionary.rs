//! Finding the words of a large dictionary in text, fast.
//!
//! A typo dictionary holds ~10,000 words. Scanned with an unanchored
//! Aho-Corasick automaton, Chinese text is slow going: every character is three
//! bytes the automaton must step through, and aho-corasick's prefilters find a
//! candidate byte almost everywhere in CJK text. So [`WordFinder`] asks a
//! cheaper question first: *can* a dictionary word start at this character? It
//! keeps bitmaps of the hashed first three characters of every word (the first
//! two, or the one, for shorter words); only where the characters at a position
//! have their bit set does the automaton run, anchored at that position, to
//! confirm and find the longest word there. Three characters, because the
//! first two of a typo are often a real word (目标导间 starts with 目标): on
//! report text, pairs let a fifth of all positions through, triples 3 %.
//!
//! A small dictionary does not need this: aho-corasick's own prefilters skip
//! through text quickly when there are a few words, so below
//! [`FILTER_FROM_WORDS`] words the automaton searches unanchored.
//!
//! The results are exactly those of an unanchored leftmost-longest search: the
//! positions are tried left to right, the first confirmed one is the leftmost
//! match, anchored leftmost-longest gives the longest word there, and the next
//! search starts where it ends.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use std::ops::Range;

/// One dictionary hit: the byte range in the haystack and the word's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    pub range: Range<usize>,
    pub word: usize,
}

/// From this many words on, positions are filtered before the automaton runs.
pub const FILTER_FROM_WORDS: usize = 200;

/// Leftmost-longest, non-overlapping search for many words.
#[derive(Debug, Clone)]
pub struct WordFinder {
    automaton: AhoCorasick,
    /// Filter positions (large dictionaries) or search unanchored (small ones).
    filtered: bool,
    /// The first three characters of the words of three or more.
    triples: Bitmap,
    /// The two characters of the two-character words.
    pairs: Bitmap,
    /// The one-character words.
    singles: Bitmap,
}

impl WordFinder {
    /// Builds the finder. Words must not be empty.
    pub fn new<W: AsRef<str>>(words: &[W]) -> Result<WordFinder, aho_corasick::BuildError> {
        WordFinder::with_filter(words, words.len() >= FILTER_FROM_WORDS)
    }

    fn with_filter<W: AsRef<str>>(words: &[W], filtered: bool) -> Result<WordFinder, aho_corasick::BuildError> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(if filtered { StartKind::Anchored } else { StartKind::Unanchored })
            .build(words.iter().map(AsRef::as_ref))?;
        let starts: Vec<[Option<char>; 3]> = words
            .iter()
            .map(|w| {
                let mut chars = w.as_ref().chars();
                [chars.next(), chars.next(), chars.next()]
            })
            .collect();
        let count = |n: usize| starts.iter().filter(|s| s.iter().flatten().count() == n).count();
        let mut triples = Bitmap::with_capacity(count(3));
        let mut pairs = Bitmap::with_capacity(count(2));
        let mut singles = Bitmap::with_capacity(count(1));
        for start in starts {
            match start {
                [Some(a), Some(b), Some(c)] => triples.insert(key(a, b, c)),
                [Some(a), Some(b), None] => pairs.insert(key(a, b, '\0')),
                [Some(a), None, _] => singles.insert(key(a, '\0', '\0')),
                _ => {}
            }
        }
        Ok(WordFinder { automaton, filtered, triples, pairs, singles })
    }

    /// The matches in `haystack`, left to right, never overlapping.
    pub fn find_iter<'h>(&'h self, haystack: &'h str) -> Box<dyn Iterator<Item = WordMatch> + 'h> {
        if !self.filtered {
            let matches = self.automaton.find_iter(haystack);
            return Box::new(matches.map(|m| WordMatch { range: m.range(), word: m.pattern().as_usize() }));
        }
        let mut chars = haystack.char_indices();
        // The character at the position tried and the two after it.
        let mut window = [chars.next(), chars.next(), chars.next()];
        let mut resume = 0;
        Box::new(std::iter::from_fn(move || {
            while let [Some((offset, a)), b, c] = window {
                window = [b, c, chars.next()];
                if offset < resume || !self.may_start(a, b.map(|b| b.1), c.map(|c| c.1)) {
                    continue;
                }
                let input = Input::new(haystack).range(offset..).anchored(Anchored::Yes);
                if let Some(found) = self.automaton.find(input).filter(|m| !m.is_empty()) {
                    resume = found.end();
                    return Some(WordMatch { range: found.range(), word: found.pattern().as_usize() });
                }
            }
            None
        }))
    }

    /// Can a word start with `a`, followed by `b` and `c`?
    fn may_start(&self, a: char, b: Option<char>, c: Option<char>) -> bool {
        if self.singles.has_keys && self.singles.contains(key(a, '\0', '\0')) {
            return true;
        }
        let Some(b) = b else { return false };
        if self.pairs.has_keys && self.pairs.contains(key(a, b, '\0')) {
            return true;
        }
        c.is_some_and(|c| self.triples.has_keys && self.triples.contains(key(a, b, c)))
    }
}

/// Every occurrence of each of the `automaton`'s words in `haystack`, as
/// `(word, start)` in order of position: for each word, exactly what
/// `haystack.match_indices(word)` finds, all words in one pass. The automaton
/// must use [`MatchKind::Standard`], so that a word is found even where it
/// overlaps another one.
pub fn find_each_word(automaton: &AhoCorasick, haystack: &str) -> Vec<(usize, usize)> {
    let mut next_free = vec![0; automaton.patterns_len()];
    let mut found = Vec::new();
    for m in automaton.find_overlapping_iter(haystack) {
        let word = m.pattern().as_usize();
        // match_indices does not let a word overlap itself (哈哈 in 哈哈哈).
        if m.start() >= next_free[word] && !m.is_empty() {
            next_free[word] = m.end();
            found.push((word, m.start()));
        }
    }
    found
}

/// Three characters (21 bits each) in one number; `'\0'` for none.
fn key(a: char, b: char, c: char) -> u64 {
    (a as u64) << 42 | (b as u64) << 21 | c as u64
}

/// A one-hash Bloom filter over `u64` keys.
#[derive(Debug, Clone)]
struct Bitmap {
    bits: Vec<u64>,
    /// `64 - log2(number of bits)`: the shift that keeps a hash's top bits.
    shift: u32,
    /// Lets a lookup in an empty map be skipped.
    has_keys: bool,
}

impl Bitmap {
    /// About 64 bits per key (at most 2^22 bits, 512 KiB), so that few
    /// positions pass by accident.
    fn with_capacity(keys: usize) -> Bitmap {
        let bits = keys.saturating_mul(64).clamp(1 << 6, 1 << 22).next_power_of_two();
        Bitmap { bits: vec![0; bits / 64], shift: 64 - bits.trailing_zeros(), has_keys: false }
    }

    fn slot(&self, key: u64) -> usize {
        // Fibonacci hashing: multiply by 2^64 / φ and keep the top bits.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn insert(&mut self, key: u64) {
        let slot = self.slot(key);
        self.bits[slot / 64] |= 1 << (slot % 64);
        self.has_keys = true;
    }

    fn contains(&self, key: u64) -> bool {
        let slot = self.slot(key);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: aho-corasick's own unanchored leftmost-longest search.
    fn unanchored(words: &[&str], haystack: &str) -> Vec<WordMatch> {
        let automaton = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(words).unwrap();
        automaton.find_iter(haystack).map(|m| WordMatch { range: m.range(), word: m.pattern().as_usize() }).collect()
    }

    /// What the filtered search finds; the unfiltered one must agree.
    fn found(words: &[&str], haystack: &str) -> Vec<WordMatch> {
        let filtered: Vec<WordMatch> = WordFinder::with_filter(words, true).unwrap().find_iter(haystack).collect();
        let unfiltered: Vec<WordMatch> = WordFinder::with_filter(words, false).unwrap().find_iter(haystack).collect();
        assert_eq!(filtered, unfiltered, "in {haystack:?}");
        filtered
    }

    #[test]
    fn each_word_is_found_as_match_indices_finds_it() {
        let words = ["哈哈", "哈", "制定", "定制", "a"];
        let automaton = AhoCorasick::new(words).unwrap();
        for haystack in ["哈哈哈哈哈", "制定制定制度", "", "aaa哈a", "定制定"] {
            let mut expected: Vec<(usize, usize)> = words
                .iter()
                .enumerate()
                .flat_map(|(w, word)| haystack.match_indices(word).map(move |(i, _)| (w, i)))
                .collect();
            let mut found = find_each_word(&automaton, haystack);
            expected.sort();
            found.sort();
            assert_eq!(found, expected, "in {haystack:?}");
        }
    }

    #[test]
    fn the_longest_word_at_the_leftmost_position_wins() {
        let words = ["法制宣传", "法制宣传教育", "宣传教育活动"];
        let hits = found(&words, "开展法制宣传教育活动");
        assert_eq!(hits, vec![WordMatch { range: 6..24, word: 1 }]);
    }

    #[test]
    fn one_character_words_and_words_at_the_very_end_are_found() {
        let words = ["的", "导间"];
        assert_eq!(found(&words, "目标导间"), unanchored(&words, "目标导间"));
        assert_eq!(found(&words, "我的"), vec![WordMatch { range: 3..6, word: 0 }]);
    }

    #[test]
    fn agrees_with_an_unanchored_search_on_mixed_text() {
        let words = ["ab", "abc", "b", "bcd", "目标导间", "导间", "𠀋𠀋", "c d", "a", "dd目标", "标导间"];
        let mut rng = crate::fuzz::SeededRng::new(7);
        let alphabet: Vec<char> = "abcd 目标导间𠀋，".chars().collect();
        for _ in 0..2000 {
            let haystack = rng.text(&alphabet, 0..24);
            assert_eq!(found(&words, &haystack), unanchored(&words, &haystack), "in {haystack:?}");
        }
    }
}
