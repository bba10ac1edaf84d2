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
//! Fixed political formulations (以习近平新时代中国特色社会主义思想为指导 …) are
//! in every report and are not copying: a stretch whose opening run occurs in
//! more than half of the texts (when there are more than two) is skipped.

use std::collections::HashMap;
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
}

/// A character that ends a stretch: private to one text, so that no passage
/// runs across a paragraph break or matches another text's break.
fn boundary(text_index: usize) -> char {
    char::from_u32(0xF0000 + (text_index as u32 % 0xFFFD)).expect("a private-use character")
}

fn normalise(text: &str, ranges: &[Range<usize>], text_index: usize) -> Normalised {
    let mut chars = Vec::new();
    let mut spans = Vec::new();
    for range in ranges {
        for (i, c) in text[range.clone()].char_indices() {
            if c.is_alphanumeric() {
                chars.push(c);
                let start = range.start + i;
                spans.push(start..start + c.len_utf8());
            }
        }
        chars.push(boundary(text_index));
        spans.push(range.end..range.end);
    }
    for (from, to) in VARIANTS {
        let from: Vec<char> = from.chars().collect();
        let to: Vec<char> = to.chars().collect();
        for i in 0..chars.len().saturating_sub(from.len() - 1) {
            if chars[i..i + from.len()] == from[..] {
                chars[i..i + from.len()].copy_from_slice(&to);
            }
        }
    }
    Normalised { chars, spans }
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

/// For each text (its paragraphs `text[range]` for each range), the passages
/// it shares with the others. A passage never spans two of the ranges.
pub fn find_shared(texts: &[(&str, Vec<Range<usize>>)]) -> Vec<Vec<Shared>> {
    let normalised: Vec<Normalised> =
        texts.iter().enumerate().map(|(i, (t, ranges))| normalise(t, ranges, i)).collect();
    // Every run of MIN_CHARS characters → where it occurs.
    let mut index: HashMap<&[char], Vec<(usize, usize)>> = HashMap::new();
    for (t, n) in normalised.iter().enumerate() {
        for start in 0..n.chars.len().saturating_sub(MIN_CHARS - 1) {
            index.entry(&n.chars[start..start + MIN_CHARS]).or_default().push((t, start));
        }
    }
    let common = |places: &[(usize, usize)]| {
        let mut files: Vec<usize> = places.iter().map(|p| p.0).collect();
        files.dedup();
        texts.len() > 2 && files.len() * 2 > texts.len()
    };
    let mut result = vec![Vec::new(); texts.len()];
    for (t, n) in normalised.iter().enumerate() {
        // Characters inside a formulation most texts share do not make a passage one text's own.
        let mut in_common = vec![false; n.chars.len()];
        for start in 0..n.chars.len().saturating_sub(MIN_CHARS - 1) {
            if common(&index[&n.chars[start..start + MIN_CHARS]]) {
                in_common[start..start + MIN_CHARS].iter_mut().for_each(|c| *c = true);
            }
        }
        let mut start = 0;
        while start + MIN_CHARS <= n.chars.len() {
            let places = &index[&n.chars[start..start + MIN_CHARS]];
            let mut longest_here = 0;
            if !common(places) {
                for &(other, there) in places.iter().filter(|p| p.0 != t) {
                    let m = &normalised[other];
                    let length = n.chars[start..].iter().zip(&m.chars[there..]).take_while(|(a, b)| a == b).count();
                    let already = result[t].iter().any(|s: &Shared| {
                        s.other == other && s.here.start <= n.spans[start].start && n.spans[start].end <= s.here.end
                    });
                    let own = in_common[start..start + length].iter().filter(|c| !**c).count();
                    if !already && length >= MIN_CHARS && own * 2 >= MIN_CHARS {
                        result[t].push(Shared {
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
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str) -> (&str, Vec<Range<usize>>) {
        (s, vec![0..s.len()])
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
    fn short_common_phrases_are_not_passages() {
        let shared = find_shared(&[whole("深入学习贯彻习近平法治思想。甲"), whole("深入学习贯彻习近平法治思想。乙")]);
        assert!(shared.iter().all(Vec::is_empty));
    }

    #[test]
    fn formulations_in_most_texts_are_not_copying() {
        let formula = "坚持以习近平新时代中国特色社会主义思想为指导";
        let texts: Vec<String> = (0..4).map(|i| format!("第{i}份。{formula}。各不相同的内容{i}")).collect();
        let refs: Vec<(&str, Vec<Range<usize>>)> = texts.iter().map(|t| whole(t)).collect();
        assert!(find_shared(&refs).iter().all(Vec::is_empty));
        // Nor is a formulation with a character or two more.
        let two: Vec<String> = (0..2).map(|i| format!("第{i}份。{formula}，全面推进。另{i}")).collect();
        let mut refs: Vec<(&str, Vec<Range<usize>>)> = two.iter().map(|t| whole(t)).collect();
        refs.extend(texts.iter().map(|t| whole(t)));
        assert!(find_shared(&refs).iter().all(Vec::is_empty));
    }

    #[test]
    fn passages_do_not_run_across_paragraphs() {
        let a = "甲乙丙丁戊己庚辛壬癸子丑。寅卯辰巳午未申酉戌亥天地";
        let b = "甲乙丙丁戊己庚辛壬癸子丑。寅卯辰巳午未申酉戌亥天地";
        let split = |s: &'static str| {
            let cut = s.find('。').unwrap() + '。'.len_utf8();
            (s, vec![0..cut, cut..s.len()])
        };
        assert!(find_shared(&[split(a), split(b)]).iter().all(Vec::is_empty));
        assert_eq!(find_shared(&[whole(a), whole(b)])[0].len(), 1);
    }
}
