//! Finding the words of a dictionary in text, fast.
//!
//! A typo dictionary holds from two to ~10,000 words. Scanned with an
//! unanchored Aho-Corasick automaton, Chinese text is slow going: every
//! character is three bytes the automaton must step through, and the
//! automaton's "rare bytes" prefilter is a lottery on CJK text: its bytes are
//! the lead and continuation bytes every Chinese character shares, so for some
//! dictionaries (党政主要责任人, 第一负责人职责) it stops at almost every
//! character and the search takes twenty times longer than for others.
//!
//! So [`WordFinder`] first finds the positions where a word *can* start, and
//! only there looks the text up, longest candidate first, in a hash table of
//! the words, to confirm and find the longest word. (An anchored Aho-Corasick
//! automaton confirmed as fast, but building it for the 10,000-word typo
//! dictionary cost a tenth of a one-report `gwlint check`; the table is
//! built in a small fraction of that.) Two ways to find those positions,
//! chosen when the finder is built:
//!
//! - **Prefixes** (at most [`MAX_PREFIXES`] distinct first two characters, so
//!   every dictionary a pack writes by hand): aho-corasick's packed SIMD
//!   searcher (Teddy) finds the next occurrence of any prefix, whatever bytes
//!   they are made of.
//! - **Bitmap** (larger dictionaries, or no SIMD): each character is tried in
//!   turn against bitmaps of hashed characters: the first two of every word
//!   (one lookup turns most positions away), then the first three of every
//!   word (the first two, or the one, for shorter words). Three characters,
//!   because the first two of a typo are often a real word (目标导间 starts
//!   with 目标): on report text, pairs let a fifth of all positions through,
//!   triples 3 %.
//!
//! The results are exactly those of an unanchored leftmost-longest search: the
//! positions are tried left to right, the first confirmed one is the leftmost
//! match, anchored leftmost-longest gives the longest word there, and the next
//! search starts where it ends.

use crate::fnv::BuildFnv1a;
use aho_corasick::{AhoCorasick, Span, packed};
use std::collections::HashMap;
use std::ops::Range;

/// One dictionary hit: the byte range in the haystack and the word's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    pub range: Range<usize>,
    pub word: usize,
}

/// Up to this many distinct two-character prefixes, candidates are found by
/// the packed searcher (Teddy handles up to 64 patterns).
pub const MAX_PREFIXES: usize = 64;

/// Leftmost-longest, non-overlapping search for many words.
#[derive(Debug, Clone)]
pub struct WordFinder {
    /// Confirms a word at a candidate position.
    table: WordTable,
    candidates: Candidates,
}

/// The words by their text, for the longest word at a position.
#[derive(Debug, Clone)]
struct WordTable {
    /// Each word's index (the first, for a word listed twice).
    index: HashMap<Box<str>, usize, BuildFnv1a>,
    /// For the first two characters of the words (the first alone for a
    /// one-character word), the words' distinct lengths in bytes, longest
    /// first: a position is looked up at those lengths only.
    lengths: HashMap<(char, Option<char>), Vec<usize>, BuildFnv1a>,
}

impl WordTable {
    fn new<W: AsRef<str>>(words: &[W]) -> WordTable {
        let mut index: HashMap<Box<str>, usize, BuildFnv1a> =
            HashMap::with_capacity_and_hasher(words.len(), BuildFnv1a::default());
        let mut lengths: HashMap<(char, Option<char>), Vec<usize>, BuildFnv1a> = HashMap::default();
        for (i, word) in words.iter().enumerate() {
            let word = word.as_ref();
            let mut chars = word.chars();
            let Some(first) = chars.next() else { continue };
            index.entry(Box::from(word)).or_insert(i);
            lengths.entry((first, chars.next())).or_default().push(word.len());
        }
        for list in lengths.values_mut() {
            list.sort_unstable_by(|a, b| b.cmp(a));
            list.dedup();
        }
        WordTable { index, lengths }
    }

    /// The longest word that starts at `offset`.
    fn longest_at(&self, haystack: &str, offset: usize) -> Option<WordMatch> {
        let rest = haystack.get(offset..)?;
        let mut chars = rest.chars();
        let first = chars.next()?;
        let second = chars.next();
        // Words of two characters or more first: they are longer than a one-character word.
        let keys = [second.map(|second| (first, Some(second))), Some((first, None))];
        keys.into_iter().flatten().filter_map(|key| self.lengths.get(&key)).flatten().find_map(|&len| {
            let word = *self.index.get(rest.get(..len)?)?;
            Some(WordMatch { range: offset..offset + len, word })
        })
    }
}

/// How the positions where a word may start are found.
#[derive(Debug, Clone)]
enum Candidates {
    Prefixes(packed::Searcher),
    Bitmap(StartBitmaps),
}

impl WordFinder {
    /// Builds the finder. Words must not be empty.
    pub fn new<W: AsRef<str>>(words: &[W]) -> WordFinder {
        let candidates = match prefix_searcher(words) {
            Some(searcher) => Candidates::Prefixes(searcher),
            None => Candidates::Bitmap(StartBitmaps::new(words)),
        };
        WordFinder { table: WordTable::new(words), candidates }
    }

    /// The matches in `haystack`, left to right, never overlapping.
    pub fn find_iter<'h>(&'h self, haystack: &'h str) -> Box<dyn Iterator<Item = WordMatch> + 'h> {
        match &self.candidates {
            Candidates::Prefixes(searcher) => {
                let mut from = 0;
                Box::new(std::iter::from_fn(move || {
                    while let Some(candidate) = searcher.find_in(haystack, Span::from(from..haystack.len())) {
                        let offset = candidate.start();
                        if let Some(found) = self.confirm(haystack, offset) {
                            from = found.range.end;
                            return Some(found);
                        }
                        // Prefixes start with a character's first byte, so the
                        // next candidate cannot start inside this character.
                        from = offset + 1;
                    }
                    from = haystack.len();
                    None
                }))
            }
            Candidates::Bitmap(bitmaps) => {
                let mut chars = haystack.char_indices();
                // The character at the position tried and the one after it.
                let mut here = chars.next();
                let mut next = chars.next();
                let mut resume = 0;
                Box::new(std::iter::from_fn(move || {
                    while let Some((offset, a)) = here {
                        let b = next;
                        here = next;
                        next = chars.next();
                        if offset < resume || !bitmaps.may_start(a, b.map(|b| b.1), || next.map(|c| c.1)) {
                            continue;
                        }
                        if let Some(found) = self.confirm(haystack, offset) {
                            resume = found.range.end;
                            return Some(found);
                        }
                    }
                    None
                }))
            }
        }
    }

    /// The longest word starting at `offset`, if any.
    fn confirm(&self, haystack: &str, offset: usize) -> Option<WordMatch> {
        self.table.longest_at(haystack, offset).filter(|m| !m.range.is_empty())
    }
}

/// A packed searcher for the words' distinct first two characters, if there
/// are few enough and the machine has the SIMD instructions it needs.
fn prefix_searcher<W: AsRef<str>>(words: &[W]) -> Option<packed::Searcher> {
    let mut prefixes: Vec<&str> = words
        .iter()
        .map(|w| {
            let w = w.as_ref();
            w.char_indices().nth(2).map_or(w, |(end, _)| &w[..end])
        })
        .collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    if prefixes.len() > MAX_PREFIXES || prefixes.iter().any(|p| p.is_empty()) {
        return None;
    }
    packed::Config::new().match_kind(packed::MatchKind::LeftmostFirst).builder().extend(prefixes).build()
}

/// Bitmaps of the words' first characters, for dictionaries too large for the
/// packed searcher.
#[derive(Debug, Clone)]
struct StartBitmaps {
    /// The first two characters of every word of two or more: most positions
    /// fail here, after one lookup.
    openings: Bitmap,
    /// The first three characters of the words of three or more.
    triples: Bitmap,
    /// The two characters of the two-character words.
    pairs: Bitmap,
    /// The one-character words.
    singles: Bitmap,
}

impl StartBitmaps {
    fn new<W: AsRef<str>>(words: &[W]) -> StartBitmaps {
        let starts: Vec<[Option<char>; 3]> = words
            .iter()
            .map(|w| {
                let mut chars = w.as_ref().chars();
                [chars.next(), chars.next(), chars.next()]
            })
            .collect();
        let count = |n: usize| starts.iter().filter(|s| s.iter().flatten().count() == n).count();
        let mut bitmaps = StartBitmaps {
            openings: Bitmap::with_capacity(count(2) + count(3)),
            triples: Bitmap::with_capacity(count(3)),
            pairs: Bitmap::with_capacity(count(2)),
            singles: Bitmap::with_capacity(count(1)),
        };
        for start in starts {
            if let [Some(a), Some(b), _] = start {
                bitmaps.openings.insert(key(a, b, '\0'));
            }
            match start {
                [Some(a), Some(b), Some(c)] => bitmaps.triples.insert(key(a, b, c)),
                [Some(a), Some(b), None] => bitmaps.pairs.insert(key(a, b, '\0')),
                [Some(a), None, _] => bitmaps.singles.insert(key(a, '\0', '\0')),
                _ => {}
            }
        }
        bitmaps
    }

    /// Can a word start with `a`, followed by `b` and `c`? The third character
    /// is decoded only when the first two open a word.
    #[inline]
    fn may_start(&self, a: char, b: Option<char>, c: impl FnOnce() -> Option<char>) -> bool {
        if self.singles.has_keys && self.singles.contains(key(a, '\0', '\0')) {
            return true;
        }
        let Some(b) = b else { return false };
        if !self.openings.contains(key(a, b, '\0')) {
            return false;
        }
        if self.pairs.has_keys && self.pairs.contains(key(a, b, '\0')) {
            return true;
        }
        c().is_some_and(|c| self.triples.has_keys && self.triples.contains(key(a, b, c)))
    }
}

/// Every occurrence of each of a few words, all words in one pass: for each
/// word, exactly what `haystack.match_indices(word)` finds, so a word is found
/// even where it overlaps another one.
#[derive(Debug, Clone)]
pub struct EveryOccurrence {
    words: Vec<String>,
    /// Finds where a word may start (see [`WordFinder`]); without it (too many
    /// prefixes, or no SIMD), an overlapping search of `automaton`.
    candidates: Option<packed::Searcher>,
    automaton: AhoCorasick,
}

impl EveryOccurrence {
    /// Builds the finder. Words must not be empty.
    pub fn new<W: AsRef<str>>(words: &[W]) -> Result<EveryOccurrence, aho_corasick::BuildError> {
        Ok(EveryOccurrence {
            words: words.iter().map(|w| w.as_ref().to_string()).collect(),
            candidates: prefix_searcher(words),
            automaton: AhoCorasick::new(words.iter().map(AsRef::as_ref))?,
        })
    }

    /// `(word, start)` of every occurrence, in order of position.
    pub fn find(&self, haystack: &str) -> Vec<(usize, usize)> {
        // match_indices does not let a word overlap itself (哈哈 in 哈哈哈).
        let mut next_free = vec![0; self.words.len()];
        let mut found = Vec::new();
        let Some(candidates) = &self.candidates else {
            for m in self.automaton.find_overlapping_iter(haystack) {
                let word = m.pattern().as_usize();
                if m.start() >= next_free[word] {
                    next_free[word] = m.end();
                    found.push((word, m.start()));
                }
            }
            found.sort_by_key(|&(word, start)| (start, word));
            return found;
        };
        let mut from = 0;
        while let Some(candidate) = candidates.find_in(haystack, Span::from(from..haystack.len())) {
            let at = candidate.start();
            for (word, text) in self.words.iter().enumerate() {
                if at >= next_free[word] && haystack[at..].starts_with(text.as_str()) {
                    next_free[word] = at + text.len();
                    found.push((word, at));
                }
            }
            from = at + 1;
        }
        found
    }
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
        let automaton =
            AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(words).unwrap();
        automaton.find_iter(haystack).map(|m| WordMatch { range: m.range(), word: m.pattern().as_usize() }).collect()
    }

    /// What both ways of finding candidates find; they must agree.
    fn found(words: &[&str], haystack: &str) -> Vec<WordMatch> {
        let finder = WordFinder::new(words);
        assert!(matches!(finder.candidates, Candidates::Prefixes(_)), "a small dictionary uses the packed searcher");
        let by_prefixes: Vec<WordMatch> = finder.find_iter(haystack).collect();
        let bitmap = WordFinder { candidates: Candidates::Bitmap(StartBitmaps::new(words)), ..finder };
        let by_bitmap: Vec<WordMatch> = bitmap.find_iter(haystack).collect();
        assert_eq!(by_prefixes, by_bitmap, "in {haystack:?}");
        by_prefixes
    }

    /// Each word's `match_indices`, in order of position, then word.
    fn match_indices(words: &[&str], haystack: &str) -> Vec<(usize, usize)> {
        let mut expected: Vec<(usize, usize)> = words
            .iter()
            .enumerate()
            .flat_map(|(w, word)| haystack.match_indices(word).map(move |(i, _)| (w, i)))
            .collect();
        expected.sort_by_key(|&(word, start)| (start, word));
        expected
    }

    #[test]
    fn every_occurrence_of_each_word_is_found_as_match_indices_finds_it() {
        let words = ["哈哈", "哈", "制定", "定制", "a", "县委、县政府", "县委县政府", "𠀋𠀋"];
        let finder = EveryOccurrence::new(&words).unwrap();
        assert!(finder.candidates.is_some(), "few words use the packed searcher");
        let without_candidates = EveryOccurrence { candidates: None, ..finder.clone() };
        let alphabet: Vec<char> = "哈制定度a县委、政府𠀋".chars().collect();
        let mut rng = crate::fuzz::SeededRng::new(13);
        let mut texts: Vec<String> = ["哈哈哈哈哈", "制定制定制度", "", "aaa哈a", "定制定"].map(String::from).to_vec();
        texts.extend((0..2000).map(|_| rng.text(&alphabet, 0..30)));
        for haystack in &texts {
            let expected = match_indices(&words, haystack);
            assert_eq!(finder.find(haystack), expected, "in {haystack:?}");
            assert_eq!(without_candidates.find(haystack), expected, "in {haystack:?}");
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

    #[test]
    fn a_large_dictionary_uses_the_bitmaps_and_agrees_with_an_unanchored_search() {
        let mut rng = crate::fuzz::SeededRng::new(11);
        let alphabet: Vec<char> = "法制治宣传教育目标导间向a1𠀋，".chars().collect();
        let mut words: Vec<String> = (0..400).map(|_| rng.text(&alphabet, 1..5)).filter(|w| !w.is_empty()).collect();
        words.sort();
        words.dedup();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let finder = WordFinder::new(&words);
        assert!(matches!(finder.candidates, Candidates::Bitmap(_)), "more than {MAX_PREFIXES} prefixes");
        for _ in 0..500 {
            let haystack = rng.text(&alphabet, 0..40);
            let hits: Vec<WordMatch> = finder.find_iter(&haystack).collect();
            assert_eq!(hits, unanchored(&words, &haystack), "in {haystack:?}");
        }
    }
}
