//! The adapter between the engine's byte offsets and the protocol's positions.
//!
//! The engine addresses text by byte offsets into a UTF-8 string; LSP addresses
//! it by `(line, character)`, where `character` counts code units of the
//! *negotiated* encoding: UTF-16 units by default (so `𠀋` counts 2), UTF-8
//! bytes or UTF-32 scalar values when client and server agree on them. Lines
//! end at `\n`, `\r\n` or a lone `\r`: [`Positions`] reads them from the
//! engine's own `LineIndex`, which each linted version already has, and
//! counts only the column in the protocol's units.
//!
//! Everything that turns engine values into `ls_types` values (positions,
//! ranges, diagnostics, text edits, and the answers of the engine's editor
//! features, `gwlint_rules::ide`: hovers, outline symbols, completion items)
//! lives here, so that when the protocol types change between versions there
//! is one file to adapt. Positions that point
//! past the end of a line are clamped to the line's end, and lines past the
//! end of the text to the end of the text: a client's stale or sloppy position
//! never makes the server panic.

use gwlint_rules::ide::{self, CompletionKind, OutlineItem};
use gwlint_rules::rule::{Edit, Finding, Severity};
use gwlint_rules::text::{Checkpoint, LineIndex};
use gwlint_rules::{LoadError, rule_doc_url};
use ropey::Rope;
use std::ops::Range;
use tower_lsp_server::ls_types::{
    CodeDescription, CompletionItem, CompletionItemKind, CompletionTextEdit, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, DocumentSymbol, Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString,
    Position, PositionEncodingKind, Range as LspRange, SymbolKind, TextEdit, Uri,
};

/// The name every diagnostic carries as its `source`.
pub const SOURCE: &str = "gwlint";

/// What a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    /// The protocol's default, and the only encoding every client supports.
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use: the first one the client offers (it lists them by
    /// preference) that the server knows, UTF-16 when it offers none.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or_default()
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// How many code units `c` takes in this encoding.
    pub fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    /// Code units in `s`.
    pub fn len(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.encode_utf16().count(),
            Encoding::Utf32 => s.chars().count(),
        }
    }

    /// The byte length of the longest prefix of `line` that is at most
    /// `units` code units long (a position inside a character or past the
    /// line's end is clamped back to a character boundary).
    pub fn prefix_bytes(self, line: &str, units: usize) -> usize {
        let mut counted = 0;
        for (i, c) in line.char_indices() {
            counted += self.units(c);
            if counted > units {
                return i;
            }
        }
        line.len()
    }
}

/// The positions of one text in the negotiated encoding.
///
/// A thin layer over the engine's [`LineIndex`], which every parsed
/// [`Document`](gwlint_rules::Document) already holds: the line starts are
/// found once per linted version, and only the column is counted here, in
/// the encoding's code units, within the one line a conversion touches.
#[derive(Debug, Clone, Copy)]
pub struct Positions<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    encoding: Encoding,
}

impl<'a> Positions<'a> {
    /// `lines` must be the index of `text`.
    pub fn new(text: &'a str, lines: &'a LineIndex, encoding: Encoding) -> Positions<'a> {
        Positions { text, lines, encoding }
    }

    /// The content of 0-based `line`, without its line end. A BOM is part of
    /// the first line: the protocol counts it as a character.
    fn line_content(&self, line: usize) -> Range<usize> {
        self.lines.line_span(line)
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let content = self.line_content(line);
        // An offset inside a CRLF pair belongs to the end of the line.
        let offset = offset.min(content.end);
        // In a long line, counted from the nearest checkpoint (a report written as one paragraph would
        // otherwise cost the square of its length for its findings' positions).
        let column = match (self.encoding, self.lines.checkpoint_before(offset)) {
            (Encoding::Utf8, _) | (_, None) => self.encoding.len(&self.text[content.start..offset]),
            (encoding, Some(checkpoint)) => {
                // The checkpoint counts from after a BOM; the protocol counts the BOM.
                let bom = encoding.len(&self.text[content.start..self.lines.line_range(line).start]);
                let counted = if encoding == Encoding::Utf16 { checkpoint.utf16 } else { checkpoint.chars };
                bom + counted + encoding.len(&self.text[checkpoint.at..offset])
            }
        };
        Position::new(line as u32, column as u32)
    }

    /// The byte offset of `position`, clamped to its line's end and the text's end (and back to the start
    /// of a character it falls inside).
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        let content = self.line_content(line);
        let units = position.character as usize;
        if self.encoding == Encoding::Utf8 {
            let mut offset = content.start.saturating_add(units).min(content.end);
            while !self.text.is_char_boundary(offset) {
                offset -= 1;
            }
            return offset;
        }
        // In a long line, counted on from the last checkpoint at or before the position, as `position` counts
        // (an edit or a request on a report written as one paragraph would otherwise walk the whole line).
        let bom = self.encoding.len(&self.text[content.start..self.lines.line_range(line).start]);
        let counted = |c: &Checkpoint| bom + if self.encoding == Encoding::Utf16 { c.utf16 } else { c.chars };
        let checkpoints = self.lines.checkpoints_in(line);
        let (from, before) = match checkpoints.partition_point(|c| counted(c) <= units).checked_sub(1) {
            Some(k) => (checkpoints[k].at, counted(&checkpoints[k])),
            None => (content.start, 0),
        };
        from + self.encoding.prefix_bytes(&self.text[from..content.end], units - before)
    }

    pub fn range(&self, range: &Range<usize>) -> LspRange {
        LspRange::new(self.position(range.start), self.position(range.end))
    }

    /// The byte range of an LSP range; a reversed range is put in order.
    pub fn byte_range(&self, range: LspRange) -> Range<usize> {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        a.min(b)..a.max(b)
    }
}

/// The char index in `rope` of `position` (clamped like [`Positions::offset`]).
///
/// The rope is built with ropey's `cr_lines` feature only, so its lines are
/// exactly the protocol's lines.
pub fn rope_char(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    // The line's content, without its line end (\n, \r\n or \r).
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let end = start + len;
    let units = position.character as usize;
    // ropey's indexes convert in O(log n): an edit in a report written as one paragraph does not walk its line.
    // A position inside a character (a surrogate pair's second half, a byte of a multi-byte character) is that
    // character's.
    match encoding {
        Encoding::Utf32 => start + units.min(len),
        Encoding::Utf16 => {
            let target = rope.char_to_utf16_cu(start).saturating_add(units);
            if target >= rope.char_to_utf16_cu(end) { end } else { rope.utf16_cu_to_char(target) }
        }
        Encoding::Utf8 => {
            let target = rope.char_to_byte(start).saturating_add(units);
            if target >= rope.char_to_byte(end) { end } else { rope.byte_to_char(target) }
        }
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The diagnostic of a finding in the document `uri` indexed by `index`.
pub fn diagnostic(finding: &Finding, index: &Positions, uri: &Uri) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(&r.range)),
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range: index.range(&finding.range),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.clone())),
        code_description: rule_doc_url(&finding.rule).parse().ok().map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The one diagnostic of a document too long to lint (see
/// [`Analysis::too_long`](super::analysis::Analysis::too_long)), at its start.
pub fn too_long_diagnostic(length: usize) -> Diagnostic {
    const MIB: f64 = 1024.0 * 1024.0;
    let limit = gwlint_rules::file_limits::REPORT_FILE as f64 / MIB;
    Diagnostic {
        range: LspRange::default(),
        severity: Some(DiagnosticSeverity::WARNING),
        source: Some(SOURCE.to_string()),
        message: format!(
            "文档有 {:.1} MiB，超过 gwlint 检查的上限（{limit} MiB），未检查。报告通常不到 1 MiB：请确认打开的是报告，或拆分后再检查。",
            length as f64 / MIB
        ),
        ..Diagnostic::default()
    }
}

/// The diagnostic of a pack or config load error. `source` is the file's text
/// when it could be read: LoadError columns count characters, which must be
/// re-counted in the negotiated encoding.
pub fn load_error_diagnostic(error: &LoadError, source: Option<&str>, encoding: Encoding) -> Diagnostic {
    let range = match (error.line, source) {
        (0, _) => LspRange::default(),
        (_, Some(source)) => {
            let lines = LineIndex::new(source);
            let index = Positions::new(source, &lines, encoding);
            let start = line_column_offset(source, &index, error.line, error.column);
            let end = line_column_offset(source, &index, error.end_line.max(error.line), error.end_column);
            index.range(&(start..end.max(start)))
        }
        (_, None) => {
            let at = |line: usize, column: usize| {
                Position::new(line.saturating_sub(1) as u32, column.saturating_sub(1) as u32)
            };
            LspRange::new(at(error.line, error.column), at(error.end_line.max(error.line), error.end_column))
        }
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message: error.message.clone(),
        ..Diagnostic::default()
    }
}

/// The byte offset of a 1-based line and 1-based character column.
fn line_column_offset(source: &str, index: &Positions, line: usize, column: usize) -> usize {
    let line_start = index.offset(Position::new(line.saturating_sub(1) as u32, 0));
    let line_end = index.offset(Position::new(line.saturating_sub(1) as u32, u32::MAX));
    let in_line = Encoding::Utf32.prefix_bytes(&source[line_start..line_end], column.saturating_sub(1));
    line_start + in_line
}

/// A hover, its Markdown as markup.
pub fn hover(hover: ide::Hover, index: &Positions) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: hover.markdown }),
        range: Some(index.range(&hover.range)),
    }
}

/// An outline item and its children as a document symbol.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, though it is deprecated.
pub fn document_symbol(item: &OutlineItem, index: &Positions) -> DocumentSymbol {
    DocumentSymbol {
        name: item.name.clone(),
        detail: item.detail.clone(),
        // The kind only picks the icon: parts of the report, then their points.
        kind: if item.top_level { SymbolKind::MODULE } else { SymbolKind::STRING },
        tags: None,
        deprecated: None,
        range: index.range(&item.range),
        selection_range: index.range(&item.heading),
        children: Some(item.children.iter().map(|c| document_symbol(c, index)).collect()),
    }
}

/// A completion as an item that replaces what was typed; `rank` (its place
/// among the completions, best first) keeps the engine's order.
pub fn completion_item(rank: usize, completion: ide::Completion, index: &Positions) -> CompletionItem {
    let kind = match completion.kind {
        CompletionKind::Ordinal => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Part => CompletionItemKind::MODULE,
    };
    CompletionItem {
        label: completion.label.clone(),
        kind: Some(kind),
        detail: Some(completion.detail),
        sort_text: Some(format!("{rank:03}")),
        filter_text: Some(completion.label.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(index.range(&completion.replace), completion.label))),
        ..CompletionItem::default()
    }
}

/// An engine edit as a minimal text edit: the part the replacement shares
/// with the original text at either end is left alone, so `目标导间 → 目标导向`
/// only replaces `间`.
pub fn text_edit(edit: &Edit, index: &Positions, text: &str) -> TextEdit {
    let range = edit.range.start.min(text.len())..edit.range.end.min(text.len());
    let (range, replacement) = match text.get(range.clone()) {
        Some(original) => trim_common(original, &edit.replacement, range.start),
        None => (range, edit.replacement.as_str()),
    };
    TextEdit::new(index.range(&range), replacement.to_string())
}

/// Shrinks a replacement of `original` (starting at byte `start`) by the
/// characters both share at the start and at the end.
fn trim_common<'r>(original: &str, replacement: &'r str, start: usize) -> (Range<usize>, &'r str) {
    let prefix: usize =
        original.chars().zip(replacement.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    let (original_rest, replacement_rest) = (&original[prefix..], &replacement[prefix..]);
    let suffix: usize = original_rest
        .chars()
        .rev()
        .zip(replacement_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let range = start + prefix..start + original.len() - suffix;
    (range, &replacement_rest[..replacement_rest.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_on_long_lines_are_counted_as_on_short_ones() {
        // Long lines (counted from checkpoints) after a BOM, of characters of every width: every position
        // agrees with the count from the line's start, in every encoding, and maps back to its offset.
        let long = "法治a𠀋é，".repeat(2000);
        let text = format!("\u{feff}{long}\r\n短\n{long}");
        let lines = LineIndex::new(&text);
        assert!(lines.checkpoint_before(text.len()).is_some());
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let index = Positions::new(&text, &lines, encoding);
            for (i, _) in text.char_indices().step_by(7) {
                let line = lines.line_of(i);
                let content = lines.line_span(line);
                let expected = encoding.len(&text[content.start..i.min(content.end)]);
                assert_eq!(index.position(i), Position::new(line as u32, expected as u32), "{encoding:?} at {i}");
                if i < content.end {
                    assert_eq!(index.offset(index.position(i)), i, "{encoding:?} at {i}");
                }
            }
            // Every position, inside characters and past the line's end too, is the offset the walk from the
            // line's start gives, and the rope (edits) agrees.
            let rope = Rope::from_str(&text);
            for line in 0..lines.line_count() {
                let content = lines.line_span(line);
                let units = encoding.len(&text[content.clone()]);
                for character in (0..units + 3).step_by(5).chain([units.saturating_sub(1), units, units + 1]) {
                    let position = Position::new(line as u32, character as u32);
                    let walked = content.start + encoding.prefix_bytes(&text[content.clone()], character);
                    assert_eq!(index.offset(position), walked, "{encoding:?} {position:?}");
                    assert_eq!(
                        rope.char_to_byte(rope_char(&rope, position, encoding)),
                        walked,
                        "{encoding:?} {position:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn astral_characters_count_by_encoding() {
        let text = "甲𠀋目标导间\r\n乙";
        let typo = text.find("导间").unwrap();
        for (encoding, column) in [(Encoding::Utf16, 5), (Encoding::Utf8, 3 + 4 + 6), (Encoding::Utf32, 4)] {
            let lines = LineIndex::new(text);
            let index = Positions::new(text, &lines, encoding);
            assert_eq!(index.position(typo), Position::new(0, column), "{encoding:?}");
            assert_eq!(index.offset(Position::new(0, column)), typo, "{encoding:?}");
        }
    }

    #[test]
    fn positions_past_line_end_are_clamped_and_all_line_ends_count() {
        let text = "一\r二\n三\r\n四";
        let lines = LineIndex::new(text);
        let index = Positions::new(text, &lines, Encoding::Utf16);
        assert_eq!(index.offset(Position::new(0, 99)), "一".len());
        assert_eq!(index.offset(Position::new(2, 1)), text.find('三').unwrap() + "三".len());
        assert_eq!(index.offset(Position::new(3, 0)), text.find('四').unwrap());
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
        // Inside a surrogate pair: back to the character's start.
        let lines = LineIndex::new("𠀋");
        let index = Positions::new("𠀋", &lines, Encoding::Utf16);
        assert_eq!(index.offset(Position::new(0, 1)), 0);
    }

    #[test]
    fn a_bom_is_a_character_to_the_protocol() {
        let text = "\u{feff}甲\n乙";
        let lines = LineIndex::new(text);
        let index = Positions::new(text, &lines, Encoding::Utf16);
        assert_eq!(index.position(text.find('甲').unwrap()), Position::new(0, 1));
        assert_eq!(index.offset(Position::new(0, 1)), text.find('甲').unwrap());
    }

    #[test]
    fn rope_positions_agree_with_the_text_index() {
        let text = "一𠀋\r二\n\n三\r\n四";
        let rope = Rope::from_str(text);
        let lines = LineIndex::new(text);
        let index = Positions::new(text, &lines, Encoding::Utf16);
        for line in 0..6 {
            for character in 0..5 {
                let position = Position::new(line, character);
                let byte = rope.char_to_byte(rope_char(&rope, position, Encoding::Utf16));
                assert_eq!(byte, index.offset(position), "{position:?}");
            }
        }
    }

    /// Random texts of awkward pieces: every line end, astral and CJK
    /// characters, NUL, a BOM. Seeded, so a failure names its case.
    fn random_text(seed: u64) -> String {
        const PIECES: &[&str] = &["一", "𠀋", "a", "\r", "\n", "\r\n", "\0", "\u{feff}", "é", "。", "\u{2028}"];
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..next() % 40).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect()
    }

    #[test]
    fn positions_round_trip_in_every_encoding_for_any_text() {
        for seed in 0..600 {
            let text = random_text(seed);
            let rope = Rope::from_str(&text);
            let lines = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let index = Positions::new(&text, &lines, encoding);
                for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                    let inside_crlf = offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
                    let position = index.position(offset);
                    let back = index.offset(position);
                    let expected = if inside_crlf { offset - 1 } else { offset };
                    assert_eq!(back, expected, "{seed} {encoding:?} {text:?} @{offset}");
                    assert_eq!(rope.char_to_byte(rope_char(&rope, position, encoding)), back, "{seed} {encoding:?}");
                }
                // Any position, however wild, lands on a boundary, and the
                // rope (used for edits) and the index (used for answers) agree.
                for (line, character) in [(0, 0), (1, 1), (2, 3), (3, 99), (99, 0), (0, u32::MAX)] {
                    let position = Position::new(line, character);
                    let offset = index.offset(position);
                    assert!(text.is_char_boundary(offset));
                    assert_eq!(rope.char_to_byte(rope_char(&rope, position, encoding)), offset, "{seed} {encoding:?}");
                    assert_eq!(index.offset(index.position(offset)), offset, "clamping is idempotent");
                }
            }
        }
    }

    #[test]
    fn edits_keep_only_what_changes() {
        assert_eq!(trim_common("目标导间", "目标导向", 10), (19..22, "向"));
        assert_eq!(trim_common("ab", "ab", 0), (2..2, ""));
        assert_eq!(trim_common("", "一、", 5), (5..5, "一、"));
    }
}
