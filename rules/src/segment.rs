//! Word segmentation with jieba, built once and shared.
//!
//! Building a `Jieba` with its default dictionary takes about 0.1 s and
//! 33 MiB, so there is exactly one per process, created the first time a rule
//! needs word boundaries or part-of-speech tags — or earlier, on a background
//! thread, when a command knows it will lint ([`warm_up`]).
//!
//! Two lazy structures make up jieba's start-up cost, measured with callgrind
//! on `gwlint check` of one report: decompressing and loading the dictionary
//! (`Jieba::new`, ~425 M instructions) and parsing the part-of-speech model that
//! tags unknown words (~155 M, built on the first unknown word `tag` meets,
//! shared by every `Jieba`). Pack loading is ~130 M more. Done one after the
//! other on the first lint, they were most of the half second a cold start
//! took; [`warm_up`] runs them on their own threads while the packs load.

use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The shared segmenter.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// Starts building the segmenter and jieba's part-of-speech model on two
/// background threads, and returns at once. Commands that are about to lint
/// (`gwlint check`, `gwlint lsp`) call it first, so that the work overlaps
/// with loading packs and reading files instead of delaying the first lint;
/// a rule that needs jieba meanwhile simply waits for the build to finish.
/// Calling it again does nothing.
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| LazyLock::force(&JIEBA));
        // The part-of-speech model is global in jieba-rs and built when `tag`
        // first meets a word outside the dictionary; with an empty dictionary
        // every word is one, and building that `Jieba` costs nothing.
        std::thread::spawn(|| Jieba::empty().tag("刘庆", true).len());
    });
}

/// Does `range` (absolute) start and end on word boundaries of `text[context]`?
pub fn on_word_boundaries(text: &str, context: Range<usize>, range: Range<usize>) -> bool {
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

    #[test]
    fn a_hit_inside_a_longer_word_is_not_on_boundaries() {
        assert!(!boundary("坚持实施了党委中心组学法制度", "法制"));
        assert!(boundary("注重农村法制宣传教育", "法制宣传"));
        assert!(!boundary("注重农村法制宣传教育", "法制"));
    }
}
