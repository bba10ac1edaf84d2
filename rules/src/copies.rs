//! Passages shared between reports: boilerplate copied across the reports of a
//! folder, and text carried over from last year's report.
//!
//! Texts are compared after normalising: only letters and digits count
//! (punctuation and spaces are dropped) and variant spellings are unified
//! (法制→法治, 其它→其他, 制订→制定), so a passage copied and lightly
//! re-punctuated still matches. Every run of [`MIN_CHARS`] normalised
//! characters is indexed; matches are extended to maximal shared stretches and
//! reported once per pair of places.
//!
//! Fixed wording is not copying. Three kinds are set aside: the official
//! formulations a pack lists ([`FixedWording`]: 以习近平新时代中国特色社会主义思想为指导,
//! 职能科学、权责法定……的法治政府 …), the titles of documents cited in 《》 and
//! what is quoted in “” (a superior's numbered deployment, “1310”; a slogan), and
//! what more than half of the texts share (when there are more than two). A
//! passage is reported only when at least [`MIN_CHARS`] of its characters are
//! none of these: a report's own sentences, not the formulas around them.
//!
//! A reviewer's batch holds hundreds of reports, so runs are indexed by a
//! rolling hash (a number per run, computed in one pass) rather than by their
//! characters; a hash shared by two different runs only adds a candidate that
//! the character-by-character extension then rejects.

use crate::parallel::map_on_all_cores;
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// The shortest shared passage reported, in normalised characters.
pub const MIN_CHARS: usize = 20;

/// Spellings unified before comparing (same length, compared character by character).
const VARIANTS: &[(&str, &str)] = &[("法制", "法治"), ("其它", "其他"), ("制订", "制定")];

/// A text reduced to what is compared, remembering where each character was.
struct Normalised {
    chars: Vec<char>,
    /// Byte range of each kept character in the original text.
    spans: Vec<Range<usize>>,
    /// Is the character fixed wording: inside 《》 or a listed formulation?
    fixed: Vec<bool>,
}

/// Official formulations that every report may use word for word, found in
/// texts normalised as they are compared.
#[derive(Debug, Clone, Default)]
pub struct FixedWording {
    finder: Option<AhoCorasick>,
}

impl FixedWording {
    /// A finder for `formulations` (as written; normalised here). Fails only
    /// when the automaton would be too large.
    pub fn new<S: AsRef<str>>(formulations: &[S]) -> Result<FixedWording, String> {
        let normalised: Vec<String> = formulations
            .iter()
            .map(|f| normalise_chars(f.as_ref()).into_iter().collect::<String>())
            .filter(|f| !f.is_empty())
            .collect();
        if normalised.is_empty() {
            return Ok(FixedWording::default());
        }
        let finder = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&normalised)
            .map_err(|e| format!("固定表述过多或过长：{e}"))?;
        Ok(FixedWording { finder: Some(finder) })
    }

    /// Marks the characters of `chars` that are inside a formulation.
    fn mark(&self, chars: &[char], fixed: &mut [bool]) {
        let Some(finder) = &self.finder else { return };
        let text: String = chars.iter().collect();
        // Byte offsets of the string back to character indexes.
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for m in finder.find_iter(&text) {
            let (a, b) = (starts.partition_point(|&s| s < m.start()), starts.partition_point(|&s| s < m.end()));
            fixed[a..b].iter_mut().for_each(|f| *f = true);
        }
    }
}

/// The characters of `text` that are compared, with variants unified.
fn normalise_chars(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().filter(|&c| kept(c)).collect();
    unify_variants(&mut chars);
    chars
}

fn kept(c: char) -> bool {
    // Most characters are ideographs: spare them the Unicode tables.
    matches!(c, '\u{4E00}'..='\u{9FFF}') || c.is_alphanumeric()
}

fn unify_variants(chars: &mut [char]) {
    for (from, to) in VARIANTS {
        let from: Vec<char> = from.chars().collect();
        let to: Vec<char> = to.chars().collect();
        for i in 0..chars.len().saturating_sub(from.len() - 1) {
            if chars[i..i + from.len()] == from[..] {
                chars[i..i + from.len()].copy_from_slice(&to);
            }
        }
    }
}

/// A character that ends a stretch: private to one text, so that no passage
/// runs across a paragraph break or matches another text's break.
fn boundary(text_index: usize) -> char {
    char::from_u32(0xF0000 + (text_index as u32 % 0xFFFD)).expect("a private-use character")
}

fn normalise(text: &str, ranges: &[Range<usize>], text_index: usize, wording: &FixedWording) -> Normalised {
    let mut chars = Vec::new();
    let mut spans = Vec::new();
    let mut fixed = Vec::new();
    for range in ranges {
        // Titles in 《》 and what is in quotation marks (省委“1310”具体部署,
        // “第一议题”制度) are cited, not written: fixed wording.
        let (mut in_title, mut in_quote) = (0usize, 0usize);
        for (i, c) in text[range.clone()].char_indices() {
            match c {
                '《' => in_title += 1,
                '》' => in_title = in_title.saturating_sub(1),
                '“' => in_quote += 1,
                '”' => in_quote = in_quote.saturating_sub(1),
                c if kept(c) => {
                    chars.push(c);
                    let start = range.start + i;
                    spans.push(start..start + c.len_utf8());
                    fixed.push(in_title > 0 || in_quote > 0);
                }
                _ => {}
            }
        }
        chars.push(boundary(text_index));
        spans.push(range.end..range.end);
        fixed.push(false);
    }
    unify_variants(&mut chars);
    wording.mark(&chars, &mut fixed);
    Normalised { chars, spans, fixed }
}

/// One passage of a text that also occurs in another text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// Byte range in this text.
    pub here: Range<usize>,
    /// Index of the other text.
    pub other: usize,
    /// Byte range in the other text.
    pub there: Range<usize>,
    /// Length in normalised characters.
    pub chars: usize,
}

/// The hash of every run of [`MIN_CHARS`] characters, by its start.
fn run_hashes(chars: &[char]) -> Vec<u64> {
    const BASE: u64 = 0x100_0000_01B3; // odd, so that it is invertible modulo 2^64
    // A text of MIN_CHARS − 1 characters has no run (and no first run to hash).
    if chars.len() < MIN_CHARS {
        return Vec::new();
    }
    let runs = chars.len() - MIN_CHARS + 1;
    let dropped = (0..MIN_CHARS - 1).fold(1u64, |power, _| power.wrapping_mul(BASE));
    let mut hash = chars[..MIN_CHARS].iter().fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(c as u64));
    let mut hashes = Vec::with_capacity(runs);
    hashes.push(hash);
    for start in 1..runs {
        hash = hash.wrapping_sub((chars[start - 1] as u64).wrapping_mul(dropped));
        hash = hash.wrapping_mul(BASE).wrapping_add(chars[start + MIN_CHARS - 1] as u64);
        hashes.push(hash);
    }
    hashes
}

/// Keys that are hashes already only need mixing into the table's bits.
#[derive(Default)]
struct RunHasher(u64);

impl Hasher for RunHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.0 = self.0.rotate_left(8) ^ u64::from(b));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// How many characters `a` and `b` share at their start. Compared a chunk at
/// a time (a memory comparison), since copied passages run to hundreds of
/// characters and a batch compares each with every copy.
fn common_prefix_len(a: &[char], b: &[char]) -> usize {
    const CHUNK: usize = 32;
    let mut same = 0;
    while same + CHUNK <= a.len().min(b.len()) && a[same..same + CHUNK] == b[same..same + CHUNK] {
        same += CHUNK;
    }
    same + a[same..].iter().zip(&b[same..]).take_while(|(x, y)| x == y).count()
}

/// Where each run of [`MIN_CHARS`] characters occurs, by the run's hash.
/// The places of one hash are chained in text order through `next`, so that
/// a batch of reports (millions of runs, most of them in one text only) needs
/// no list per run.
struct RunIndex {
    runs: HashMap<u64, Run, BuildHasherDefault<RunHasher>>,
    /// `(text, start)` of every place, in text order.
    places: Vec<(u32, u32)>,
    /// The next place with the same hash (`u32::MAX`: none).
    next: Vec<u32>,
    texts: usize,
}

/// The places of one run in the index.
struct Run {
    first: u32,
    last: u32,
    /// How many texts it occurs in.
    texts: u32,
}

impl RunIndex {
    fn new(hashes: &[Vec<u64>]) -> RunIndex {
        let count: usize = hashes.iter().map(Vec::len).sum();
        let mut index = RunIndex {
            runs: HashMap::default(),
            places: Vec::with_capacity(count),
            next: Vec::with_capacity(count),
            texts: hashes.len(),
        };
        for (t, runs) in hashes.iter().enumerate() {
            for (start, &hash) in runs.iter().enumerate() {
                let place = index.places.len() as u32;
                index.places.push((t as u32, start as u32));
                index.next.push(u32::MAX);
                match index.runs.entry(hash) {
                    Entry::Vacant(new) => {
                        new.insert(Run { first: place, last: place, texts: 1 });
                    }
                    Entry::Occupied(mut known) => {
                        let run = known.get_mut();
                        let last_text = index.places[run.last as usize].0;
                        index.next[run.last as usize] = place;
                        run.last = place;
                        run.texts += u32::from(last_text != t as u32);
                    }
                }
            }
        }
        index
    }

    /// Is the run with this hash in more than half of the texts, and where
    /// does it occur (`(text, start)`, in text order)?
    fn run(&self, hash: u64) -> (bool, impl Iterator<Item = (usize, usize)> + '_) {
        let run = &self.runs[&hash];
        let in_most_texts = self.texts > 2 && run.texts as usize * 2 > self.texts;
        let chain = std::iter::successors(Some(run.first), |&p| Some(self.next[p as usize]).filter(|&n| n != u32::MAX));
        (in_most_texts, chain.map(|p| (self.places[p as usize].0 as usize, self.places[p as usize].1 as usize)))
    }
}

/// One text to compare: its paragraphs (`text[range]` for each range) and
/// the wording that is not its own.
pub struct Compared<'a> {
    pub text: &'a str,
    pub ranges: Vec<Range<usize>>,
    pub wording: &'a FixedWording,
}

/// For each text, the passages it shares with the others, fixed wording
/// aside (see the module docs). A passage never spans two of the ranges.
pub fn find_shared(texts: &[Compared]) -> Vec<Vec<Shared>> {
    let normalised: Vec<Normalised> =
        map_on_all_cores(texts.len(), |i| normalise(texts[i].text, &texts[i].ranges, i, texts[i].wording));
    let hashes: Vec<Vec<u64>> = map_on_all_cores(texts.len(), |i| run_hashes(&normalised[i].chars));
    let index = RunIndex::new(&hashes);
    map_on_all_cores(texts.len(), |t| shared_with_others(t, &normalised, &hashes[t], &index))
}

/// The passages text `t` shares with the other texts.
fn shared_with_others(t: usize, normalised: &[Normalised], hashes: &[u64], index: &RunIndex) -> Vec<Shared> {
    let n = &normalised[t];
    let mut result = Vec::new();
    // Characters of fixed wording, or inside a formulation most texts share,
    // do not make a passage one text's own. own_before[i]: how many of the
    // first i characters are the text's own, so that any stretch's count is
    // one subtraction.
    let mut in_common = n.fixed.clone();
    for (start, &hash) in hashes.iter().enumerate() {
        if index.run(hash).0 {
            in_common[start..start + MIN_CHARS].iter_mut().for_each(|c| *c = true);
        }
    }
    let own_before: Vec<usize> = std::iter::once(0)
        .chain(in_common.iter().scan(0, |own, &common| {
            *own += usize::from(!common);
            Some(*own)
        }))
        .collect();
    // For each other text, the last passage shared with it: where it ends
    // here, and how far its place there is from its place here. Passages
    // are found left to right, so a start before that end is inside it;
    // and along the same alignment the match runs exactly to that end
    // (the passage was as long as it could be), which spares comparing
    // the characters again for every start inside a long passage.
    let mut covered: Vec<(usize, isize)> = vec![(0, 0); normalised.len()];
    let mut start = 0;
    while start + MIN_CHARS <= n.chars.len() {
        let (common, places) = index.run(hashes[start]);
        let mut longest_here = 0;
        if !common {
            for (other, there) in places.filter(|p| p.0 != t) {
                let m = &normalised[other];
                let (covered_until, alignment) = covered[other];
                let already = start < covered_until;
                let length = if already && there as isize - start as isize == alignment {
                    covered_until - start
                } else {
                    common_prefix_len(&n.chars[start..], &m.chars[there..])
                };
                let own = own_before[start + length] - own_before[start];
                if !already && length >= MIN_CHARS && own >= MIN_CHARS {
                    covered[other] = (start + length, there as isize - start as isize);
                    result.push(Shared {
                        here: n.spans[start].start..n.spans[start + length - 1].end,
                        other,
                        there: m.spans[there].start..m.spans[there + length - 1].end,
                        chars: length,
                    });
                }
                longest_here = longest_here.max(length);
            }
        }
        start += longest_here.max(1);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    static NONE: std::sync::LazyLock<FixedWording> = std::sync::LazyLock::new(FixedWording::default);

    fn whole(s: &str) -> Compared<'_> {
        Compared { text: s, ranges: std::iter::once(0..s.len()).collect(), wording: &NONE }
    }

    #[test]
    fn a_copied_passage_is_found_in_both_texts_despite_punctuation_and_variants() {
        let a = "开头不同。加强法制宣传教育，深入开展送法进村入户活动，提高群众法律意识。结尾甲。";
        let b = "另一个开头：加强法治宣传教育、深入开展送法进村入户活动、提高群众法律意识！收尾乙";
        let shared = find_shared(&[whole(a), whole(b)]);
        assert_eq!(shared[0].len(), 1);
        assert_eq!(shared[1].len(), 1);
        assert_eq!(&a[shared[0][0].here.clone()], "加强法制宣传教育，深入开展送法进村入户活动，提高群众法律意识");
        assert_eq!(&b[shared[0][0].there.clone()], "加强法治宣传教育、深入开展送法进村入户活动、提高群众法律意识");
        assert_eq!(shared[0][0].chars, 28);
    }

    #[test]
    fn common_prefixes_are_measured_exactly_across_chunks() {
        let a: Vec<char> = (0..100).map(|i| char::from_u32(0x4E00 + i).unwrap()).collect();
        for cut in [0, 1, 31, 32, 33, 64, 99] {
            let mut b = a.clone();
            b[cut] = '甲';
            assert_eq!(common_prefix_len(&a, &b), cut);
        }
        assert_eq!(common_prefix_len(&a, &a[..70]), 70);
        assert_eq!(common_prefix_len(&a, &a), 100);
    }

    #[test]
    fn quoted_wording_counts_as_cited_not_written() {
        // 26 characters in common, of which 8 are quoted: 18 of the reports' own.
        let a = "甲局。紧密围绕省委“1310”具体部署和市委“1312”思路举措，落实本局任务。";
        let b = "乙局。紧密围绕省委“1310”具体部署和市委“1312”思路举措，积极落实制度。";
        assert!(find_shared(&[whole(a), whole(b)]).iter().all(Vec::is_empty));
        // Without the quotation marks the same characters are the writers' own.
        let (a, b) = (a.replace(['“', '”'], ""), b.replace(['“', '”'], ""));
        assert_eq!(find_shared(&[whole(&a), whole(&b)])[0].len(), 1);
    }

    #[test]
    fn texts_of_every_length_around_one_run_are_compared_without_panicking() {
        // Normalising adds one boundary per paragraph, so a paragraph of
        // MIN_CHARS − 2 characters gives exactly MIN_CHARS − 1 (a crash once).
        let body: String = (0..MIN_CHARS + 2).map(|i| char::from_u32(0x4E00 + i as u32).unwrap()).collect();
        for len in 0..=MIN_CHARS + 2 {
            let text: String = body.chars().take(len).collect();
            let shared = find_shared(&[whole(&text), whole(&text)]);
            let expected = len >= MIN_CHARS;
            assert_eq!(!shared[0].is_empty(), expected, "{len} characters");
        }
        let hashes = run_hashes(&body.chars().take(MIN_CHARS - 1).collect::<Vec<_>>());
        assert!(hashes.is_empty());
    }

    #[test]
    fn short_common_phrases_are_not_passages() {
        let shared = find_shared(&[whole("深入学习贯彻习近平法治思想。甲"), whole("深入学习贯彻习近平法治思想。乙")]);
        assert!(shared.iter().all(Vec::is_empty));
    }

    #[test]
    fn formulations_in_most_texts_are_not_copying() {
        let formula = "坚持以习近平新时代中国特色社会主义思想为指导";
        let texts: Vec<String> = (0..4).map(|i| format!("第{i}份。{formula}。各不相同的内容{i}")).collect();
        let refs: Vec<Compared> = texts.iter().map(|t| whole(t)).collect();
        assert!(find_shared(&refs).iter().all(Vec::is_empty));
        // Nor is a formulation with a character or two more.
        let two: Vec<String> = (0..2).map(|i| format!("第{i}份。{formula}，全面推进。另{i}")).collect();
        let mut refs: Vec<Compared> = two.iter().map(|t| whole(t)).collect();
        refs.extend(texts.iter().map(|t| whole(t)));
        assert!(find_shared(&refs).iter().all(Vec::is_empty));
    }

    #[test]
    fn passages_do_not_run_across_paragraphs() {
        let a = "甲乙丙丁戊己庚辛壬癸子丑。寅卯辰巳午未申酉戌亥天地";
        let b = "甲乙丙丁戊己庚辛壬癸子丑。寅卯辰巳午未申酉戌亥天地";
        let split = |s: &'static str| {
            let cut = s.find('。').unwrap() + '。'.len_utf8();
            Compared { text: s, ranges: vec![0..cut, cut..s.len()], wording: &NONE }
        };
        assert!(find_shared(&[split(a), split(b)]).iter().all(Vec::is_empty));
        assert_eq!(find_shared(&[whole(a), whole(b)])[0].len(), 1);
    }

    #[test]
    fn listed_formulations_and_cited_titles_are_not_a_texts_own() {
        // Two different units that open with the same formulas and cite the
        // same document: no copying. The formulas are listed as written
        // (with punctuation); the texts punctuate them differently.
        let formulas = [
            "以习近平新时代中国特色社会主义思想为指导",
            "职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府",
        ];
        let wording = FixedWording::new(&formulas).unwrap();
        fn with<'a>(s: &'a str, wording: &'a FixedWording) -> Compared<'a> {
            Compared { text: s, ranges: std::iter::once(0..s.len()).collect(), wording }
        }
        let a = "甲局坚持以习近平新时代中国特色社会主义思想为指导，贯彻《法治政府建设实施纲要（2021－2025年）》，建设职能科学权责法定执法严明公开公正智能高效廉洁诚信人民满意的法治政府。甲局自己的话";
        let b = "乙镇坚持以习近平新时代中国特色社会主义思想为指导，贯彻《法治政府建设实施纲要（2021－2025年）》，建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府。乙镇另说";
        assert!(find_shared(&[with(a, &wording), with(b, &wording)]).iter().all(Vec::is_empty));
        // Without the list the formulas are a shared passage.
        assert!(!find_shared(&[whole(a), whole(b)])[0].is_empty());
        // A unit's own sentence copied among the formulas is still found.
        let own = "全年组织开展送法进村入户活动二十三场次覆盖群众八千余人";
        let (a2, b2) = (format!("{a}。{own}。"), format!("{b}。{own}。"));
        let shared = find_shared(&[with(&a2, &wording), with(&b2, &wording)]);
        assert_eq!(shared[0].len(), 1, "{shared:?}");
        assert_eq!(&a2[shared[0][0].here.clone()], own);
    }
}
