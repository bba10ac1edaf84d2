//! Word segmentation with jieba, built once and shared.
//!
//! Building a `Jieba` takes tens of milliseconds and tens of MiB (its trie
//! holds every word of the dictionary), so there is exactly one per process,
//! built from a pruned copy of jieba's dictionary, created the first time a rule
//! needs word boundaries or part-of-speech tags — or earlier, on a background
//! thread, when a command knows it will lint ([`warm_up`]).
//!
//! Two lazy structures make up jieba's start-up cost, measured with callgrind
//! on `gwlint check` of one report: loading the dictionary into the trie
//! (~425 M instructions for jieba's whole dictionary) and parsing the part-of-speech model that
//! tags unknown words (~155 M, built on the first unknown word `tag` meets,
//! shared by every `Jieba`). Pack loading is ~130 M more. Done one after the
//! other on the first lint, they were most of the half second a cold start
//! took; [`warm_up`] runs them, one after the other, on a thread of their
//! own while the packs load. The privacy rule asks for tags only for a word
//! that passed every other test of a name, so the lint of most reports never
//! waits for the part-of-speech model.

use jieba_rs::Jieba;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// jieba's dictionary without its rarest short words (built by
/// `rules/packs/data/build_segmenter_dict.py`; why, and what it changes, in
/// the script's documentation and `BENCHMARKS.md`).
const DICTIONARY: &str = include_str!("../packs/data/segmenter-dict.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    Jieba::with_dict(&mut DICTIONARY.as_bytes()).expect("the built-in segmenter dictionary is well formed (tested)")
});

/// The shared segmenter.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// The last two characters of every idiom and fixed expression of four or
/// more characters in the dictionary (tagged `i` or `l`: 并驾齐驱, 远走高飞).
/// Built on first use, which is rare: only a word that has passed every other
/// test of a person's name asks.
static IDIOM_TAILS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    idioms()
        .filter_map(|word| {
            let start = word.char_indices().rev().nth(1)?.0;
            word.chars().nth(3).is_some().then(|| &word[start..])
        })
        .collect()
});

/// The idioms and fixed expressions of the dictionary (its words tagged `i`
/// or `l`), found by their lines' endings: splitting each of its 143,577
/// lines cost more than the lint of a whole report, and even finding the
/// line breaks one by one is most of a few milliseconds.
fn idioms() -> impl Iterator<Item = &'static str> {
    [" i\n", " l\n"].into_iter().flat_map(|ending| {
        memchr::memmem::find_iter(DICTIONARY.as_bytes(), ending).filter_map(|end| {
            let start = memchr::memrchr(b'\n', &DICTIONARY.as_bytes()[..end]).map_or(0, |newline| newline + 1);
            DICTIONARY[start..end].split_once(' ').map(|(word, _)| word)
        })
    })
}

/// The frames of four-character idioms and fixed expressions: the first and
/// third characters that at least three of them share (真…实…: 真抓实干,
/// 真心实意, 真才实学). Built when the spelling rule first meets a character it
/// would report.
static IDIOM_FRAMES: LazyLock<HashSet<(char, char)>> = LazyLock::new(|| {
    let mut frames: Vec<(char, char)> = idioms()
        .filter_map(|word| {
            let mut chars = word.chars();
            match (chars.next(), chars.next(), chars.next(), chars.next(), chars.next()) {
                (Some(first), Some(_), Some(third), Some(_), None) => Some((first, third)),
                _ => None,
            }
        })
        .collect();
    frames.sort_unstable();
    frames.chunk_by(|a, b| a == b).filter(|same| same.len() >= 3).map(|same| same[0]).collect()
});

/// Do `first` and `third` frame several four-character idioms (真…实…)? A
/// phrase coined on such a frame (真督实察, after 真抓实干) is written on purpose.
pub fn frames_idioms(first: char, third: char) -> bool {
    IDIOM_FRAMES.contains(&(first, third))
}

/// Does some idiom of the dictionary end with `word` (齐驱 of 并驾齐驱)? A
/// slogan put in place of an idiom's first half (“三联”齐驱) leaves its second
/// half standing alone, where it may look like a name.
pub fn ends_an_idiom(word: &str) -> bool {
    IDIOM_TAILS.contains(word)
}

/// Is `word` in the segmenter's dictionary? A stricter word list than the
/// spelling model's lexicon, which also holds a frequency list's strings.
pub fn has_word(word: &str) -> bool {
    jieba().has_word(word)
}

/// Starts building the segmenter, the idioms' frames, then jieba's
/// part-of-speech model, on one background thread, and returns at once.
/// Commands that are about to lint (`gwlint check`, `gwlint lsp`) call it
/// first, so that the work overlaps with loading packs and reading files
/// instead of delaying the first lint;
/// a rule that needs jieba meanwhile simply waits for the build to finish.
/// Calling it again does nothing.
///
/// The model comes second because few texts need it: only the privacy rule
/// does, for a word that has passed every other test of a name (13 of the
/// 752 real texts the project holds; one of the five corpus reports). Built
/// beside the dictionary, it took a core from the packs and the dictionary on
/// a two-core machine at every start; built after the dictionary, it runs
/// while the report is linted, and a run that never needs it ends without
/// waiting for it.
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| {
            LazyLock::force(&JIEBA);
            // The spelling rule asks for them at its first candidate, in most reports.
            LazyLock::force(&IDIOM_FRAMES);
            // The model is global in jieba-rs and built when `tag` first meets
            // a word outside the dictionary; with an empty dictionary every
            // word is one, and building that `Jieba` costs nothing.
            Jieba::empty().tag("刘庆", true).len()
        });
    });
}

/// Does `range` (absolute) start and end on word boundaries of `text[context]`?
///
/// Only the [`han_block`] around `range` is segmented when `range` lies inside
/// one: jieba segments each block on its own, so the answer is the same.
pub fn on_word_boundaries(text: &str, context: Range<usize>, range: Range<usize>) -> bool {
    let context =
        han_block(text, context.clone(), range.start).filter(|block| range.end <= block.end).unwrap_or(context);
    let tokens = jieba().cut(&text[context.clone()], false);
    let mut starts = false;
    let mut ends = false;
    for token in tokens {
        let start = context.start + token.byte_start;
        let end = context.start + token.byte_end;
        starts |= start == range.start;
        ends |= end == range.end;
    }
    starts && ends
}

/// The characters jieba-rs 0.11 segments as words (its `RE_HAN_DEFAULT`):
/// CJK ideographs, ASCII letters and digits, and `+#&._%-`. Everything else is
/// a token of its own.
fn is_segmented(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | 'a'..='z' | 'A'..='Z' | '0'..='9'
        | '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The blocks jieba segments independently of each other: the maximal runs of
/// [`is_segmented`] characters, as byte ranges into `text`. jieba finds the best
/// route through each block on its own, so segmenting (or tagging) a block
/// alone gives exactly the tokens it has in the whole text; a rule can skip the
/// blocks that cannot hold what it looks for. The test
/// `blocks_segment_as_in_the_whole_text` holds this against jieba itself.
pub fn han_blocks(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = (at..text.len()).find(|&i| text.is_char_boundary(i) && segmented_char_at(text, i).is_some())?;
        let mut end = start;
        while let Some(length) = segmented_char_at(text, end) {
            end += length;
        }
        at = end;
        Some(start..end)
    })
}

/// The length of the character at byte `at` (a character boundary) if jieba
/// segments it; `None` for others and at the end.
fn segmented_char_at(text: &str, at: usize) -> Option<usize> {
    // The common case without decoding: a first byte E5–E9 begins one of
    // U+5000–U+9FFF, all CJK ideographs.
    if (0xE5..=0xE9).contains(text.as_bytes().get(at)?) {
        return Some(3);
    }
    let c = text[at..].chars().next()?;
    is_segmented(c).then(|| c.len_utf8())
}

/// The block of `text[context]` that holds the character at `offset`, if that
/// character is one jieba segments.
fn han_block(text: &str, context: Range<usize>, offset: usize) -> Option<Range<usize>> {
    let within = text.get(context.clone())?;
    let relative = offset.checked_sub(context.start)?;
    if !within.get(relative..)?.chars().next().is_some_and(is_segmented) {
        return None;
    }
    let start = within[..relative]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_segmented(c))
        .last()
        .map_or(relative, |(i, _)| i);
    let end =
        within[relative..].char_indices().find(|&(_, c)| !is_segmented(c)).map_or(within.len(), |(i, _)| relative + i);
    Some(context.start + start..context.start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boundary(sentence: &str, word: &str) -> bool {
        let start = sentence.find(word).unwrap();
        on_word_boundaries(sentence, 0..sentence.len(), start..start + word.len())
    }

    #[test]
    fn warming_up_twice_is_harmless_and_leaves_one_segmenter() {
        warm_up();
        warm_up();
        assert!(boundary("注重农村法制宣传教育", "法制宣传"));
    }

    /// Random text from han characters jieba knows and does not know, Latin
    /// letters, digits, the joining marks and separators.
    fn random_texts() -> impl Iterator<Item = String> {
        let alphabet: Vec<char> =
            "法治政府建设刘庆王村镇长学制度宣传教育目标导间的了一二aZ09+#&._%- ，。、（）“”\n\t𠀋㐀\u{4DBF}\u{4DC0}\u{4E00}\u{9FFF}\u{A000}".chars().collect();
        let mut rng = crate::fuzz::SeededRng::new(3);
        (0..400).map(move |_| rng.text(&alphabet, 0..40))
    }

    #[test]
    fn blocks_segment_as_in_the_whole_text() {
        for text in random_texts() {
            let whole: Vec<(usize, &str, &str)> = jieba()
                .tag(&text, true)
                .into_iter()
                .filter(|t| t.word.chars().all(is_segmented))
                .map(|t| (t.byte_start, t.word, t.tag))
                .collect();
            let blockwise: Vec<(usize, &str, &str)> = han_blocks(&text)
                .flat_map(|block| {
                    jieba()
                        .tag(&text[block.clone()], true)
                        .into_iter()
                        .map(move |t| (block.start + t.byte_start, t.word, t.tag))
                })
                .collect();
            assert_eq!(whole, blockwise, "in {text:?}");
        }
    }

    #[test]
    fn boundaries_agree_with_segmenting_the_whole_context() {
        for text in random_texts() {
            let cut: Vec<(usize, usize)> =
                jieba().cut(&text, false).iter().map(|t| (t.byte_start, t.byte_end)).collect();
            for (i, &(start, _)) in cut.iter().enumerate() {
                for &(_, end) in &cut[i..(i + 3).min(cut.len())] {
                    assert!(
                        on_word_boundaries(&text, 0..text.len(), start..end),
                        "{:?} in {text:?}",
                        &text[start..end]
                    );
                }
                if let Some(inner) = text[start..].char_indices().nth(1).map(|(i, _)| start + i) {
                    let expected = cut.iter().any(|t| t.0 == inner);
                    let end = cut[i].1.max(inner);
                    if end > inner {
                        assert_eq!(on_word_boundaries(&text, 0..text.len(), inner..end), expected, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_hit_inside_a_longer_word_is_not_on_boundaries() {
        assert!(!boundary("坚持实施了党委中心组学法制度", "法制"));
        assert!(boundary("注重农村法制宣传教育", "法制宣传"));
        assert!(!boundary("注重农村法制宣传教育", "法制"));
    }
}

#[cfg(test)]
mod dictionary_tests {
    use super::*;

    #[test]
    fn the_pruned_dictionary_keeps_common_words_and_long_rare_ones() {
        let jieba = jieba();
        // Frequent words, and a phrase jieba saw only three times that a word-boundary rule lists (法制宣传).
        for word in ["法治", "依法行政", "法制宣传", "行政复议"] {
            assert!(jieba.has_word(word), "{word}");
        }
        // Of the words jieba saw three or four times, those kept are long (five characters, or
        // four seen four times) or listed by a word-boundary rule of the built-in pack.
        let packs = crate::builtin::packs().expect("built-in packs load");
        let listed: std::collections::HashSet<&str> = packs
            .iter()
            .flat_map(|p| p.rules.iter())
            .filter_map(|r| match &r.matcher {
                crate::rule::Matcher::Typo(typo) => Some(typo.entries()),
                _ => None,
            })
            .flatten()
            .flat_map(|(wrong, right)| [wrong, right])
            .collect();
        let rare: Vec<(&str, &str)> = DICTIONARY
            .lines()
            .filter_map(|l| Some((l.split(' ').next()?, l.split(' ').nth(1)?)))
            .filter(|&(_, f)| f == "3" || f == "4")
            .collect();
        assert!(rare.iter().any(|(w, _)| w.chars().count() >= 5), "long rare words are kept");
        for (word, frequency) in rare {
            let long = word.chars().count() >= 5 || (word.chars().count() == 4 && frequency == "4");
            assert!(long || listed.contains(word), "{word} {frequency}");
        }
        // The second half of an idiom (并驾齐驱, 远走高飞), not of an ordinary word or a name.
        assert!(ends_an_idiom("齐驱") && ends_an_idiom("高飞"));
        assert!(!ends_an_idiom("刘庆") && !ends_an_idiom("周明") && !ends_an_idiom("并驾"));
        // Idioms are found by their lines' endings: the last line has one too.
        assert!(DICTIONARY.ends_with('\n'));
        // 真…实… frames 真抓实干, 真心实意, 真才实学; 大…小… 大同小异, 大惊小怪, 大街小巷; the order counts.
        assert!(frames_idioms('真', '实') && frames_idioms('大', '小'));
        assert!(!frames_idioms('刘', '庆') && !frames_idioms('实', '真'));
        // 一丸 and 一丁不识 (frequency 3 in jieba's dictionary) are words left out.
        assert!(!jieba.has_word("一丸") && !jieba.has_word("一丁不识"));
        // Part-of-speech tags come through: a name jieba does not know is tagged nr.
        assert!(jieba.tag("刘庆同志", true).iter().any(|t| t.tag == "nr"));
    }
}
