//! Word segmentation with jieba, built once and shared.
//!
//! Building a `Jieba` with its default dictionary takes about 0.1 s and
//! 33 MiB, so there is exactly one per process, created the first time a rule
//! needs word boundaries or part-of-speech tags.

use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The shared segmenter.
pub fn jieba() -> &'static Jieba {
    &JIEBA
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
    fn a_hit_inside_a_longer_word_is_not_on_boundaries() {
        assert!(!boundary("坚持实施了党委中心组学法制度", "法制"));
        assert!(boundary("注重农村法制宣传教育", "法制宣传"));
        assert!(!boundary("注重农村法制宣传教育", "法制"));
    }
}
