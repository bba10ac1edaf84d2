//! Splitting a paragraph into sentences.
//!
//! A sentence ends at 。！？； (and their half-width forms ! ? ; when they
//! stand beside Chinese text) unless the mark is inside quotes or brackets:
//! `他说：“要依法办事。”然后…` is one sentence up to its last mark. Closing
//! quotes and brackets right after the end mark belong to the sentence.
//!
//! Only brackets, quotes and end marks matter, so the splitter looks at the
//! bytes that can begin one of them ([`MAY_MATTER`]) and steps over the rest of
//! the text without decoding it.

use crate::text::FirstBytes;
use std::ops::Range;

const OPENERS: [char; 11] = ['“', '‘', '（', '(', '《', '〈', '【', '「', '『', '〔', '['];
const CLOSERS: [char; 11] = ['”', '’', '）', ')', '》', '〉', '】', '」', '』', '〕', ']'];
const FULL_WIDTH_END_MARKS: [char; 4] = ['。', '！', '？', '；'];
const HALF_WIDTH_END_MARKS: [char; 3] = ['!', '?', ';'];

fn is_opener(c: char) -> bool {
    OPENERS.contains(&c)
}

fn is_closer(c: char) -> bool {
    CLOSERS.contains(&c)
}

fn is_end_mark(c: char, prev: Option<char>, next: Option<char>) -> bool {
    if FULL_WIDTH_END_MARKS.contains(&c) {
        return true;
    }
    // Half-width marks end a sentence only beside non-ASCII text, so that
    // `a;b` in a URL or code stays whole.
    HALF_WIDTH_END_MARKS.contains(&c)
        && (!prev.is_some_and(|p| p.is_ascii_alphanumeric()) || !next.is_some_and(|n| n.is_ascii_alphanumeric()))
}

/// Where a bracket, quote or end mark may begin.
const MAY_MATTER: FirstBytes = FirstBytes::new(&[&OPENERS, &CLOSERS, &FULL_WIDTH_END_MARKS, &HALF_WIDTH_END_MARKS]);

/// Byte ranges (absolute, within `text`) of the sentences of `range`.
/// Blank-only stretches are not sentences.
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[range.clone()];
    let mut sentences = Vec::new();
    let mut depth: i32 = 0;
    let mut start = 0;
    for (at, c) in MAY_MATTER.candidates(slice) {
        let from = at + c.len_utf8();
        if start > at {
            continue; // absorbed into the sentence before
        }
        if is_opener(c) {
            depth += 1;
        } else if is_closer(c) {
            depth = (depth - 1).max(0);
        } else if depth == 0 {
            let prev = slice[..at].chars().next_back();
            if is_end_mark(c, prev, slice[from..].chars().next()) {
                // Absorb repeated marks and closing quotes: 。”  ！？
                let mut end = from;
                while let Some(n) = slice[end..].chars().next().filter(|&n| is_closer(n) || is_end_mark(n, None, None))
                {
                    end += n.len_utf8();
                }
                push_sentence(text, &mut sentences, range.start + start, range.start + end);
                start = end;
            }
        }
    }
    push_sentence(text, &mut sentences, range.start + start, range.end);
    sentences
}

fn push_sentence(text: &str, sentences: &mut Vec<Range<usize>>, start: usize, end: usize) {
    let trimmed = crate::text::trim_range(text, start..end);
    if !trimmed.is_empty() {
        sentences.push(trimmed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    /// The splitter before it skipped bytes: every character in turn.
    fn split_char_by_char(text: &str) -> Vec<Range<usize>> {
        let mut sentences = Vec::new();
        let mut depth: i32 = 0;
        let mut start = 0;
        let mut prev = None;
        let mut chars = text.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if is_opener(c) {
                depth += 1;
            } else if is_closer(c) {
                depth = (depth - 1).max(0);
            } else if depth == 0 && is_end_mark(c, prev, chars.peek().map(|n| n.1)) {
                while chars.next_if(|&(_, n)| is_closer(n) || is_end_mark(n, None, None)).is_some() {}
                let end = chars.peek().map_or(text.len(), |n| n.0);
                push_sentence(text, &mut sentences, start, end);
                start = end;
                prev = None;
                continue;
            }
            prev = Some(c);
        }
        push_sentence(text, &mut sentences, start, text.len());
        sentences
    }

    #[test]
    fn skipping_bytes_splits_as_reading_every_character() {
        let alphabet: Vec<char> =
            "“”（）()《》【】[]。！？；!?;a1 的事、，𠀋\u{3000}\u{2019}\u{FF0C}".chars().collect();
        let mut rng = crate::fuzz::SeededRng::new(3);
        for _ in 0..5000 {
            let text = rng.text(&alphabet, 0..30);
            assert_eq!(split_sentences(&text, 0..text.len()), split_char_by_char(&text), "in {text:?}");
        }
    }

    #[test]
    fn splits_on_end_marks() {
        assert_eq!(
            split("一是加强领导；二是完善制度。三是强化监督"),
            ["一是加强领导；", "二是完善制度。", "三是强化监督"]
        );
    }

    #[test]
    fn does_not_split_inside_quotes_or_brackets() {
        assert_eq!(split("做到“法无授权不可为。”坚持（试行。）到底。"), ["做到“法无授权不可为。”坚持（试行。）到底。"]);
    }

    #[test]
    fn closing_quotes_after_the_mark_stay_with_the_sentence() {
        assert_eq!(split("他说：“好。”下一句。"), ["他说：“好。”下一句。"]);
        assert_eq!(split("真的吗？！是的。"), ["真的吗？！", "是的。"]);
    }

    #[test]
    fn half_width_marks_split_only_beside_chinese() {
        assert_eq!(split("把关;二是审核"), ["把关;", "二是审核"]);
        assert_eq!(split("见 a;b 处"), ["见 a;b 处"]);
    }
}
