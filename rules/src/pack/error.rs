//! Load errors that point at the exact place in a pack or config file.
//!
//! Rendered like a compiler error, so that a pack author sees where to look:
//!
//! ```text
//! packs/my.toml:12:13: 正则表达式无效：unclosed group
//!    |
//! 12 | patterns = ['取得(显著']
//!    |             ^^^^^^^^^^^^
//! ```

use std::fmt;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the user named it.
    pub path: String,
    pub message: String,
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    /// 1-based line and column (in characters) of the span's start; 0 when unknown.
    pub line: usize,
    pub column: usize,
    /// 1-based line and column of the span's end.
    pub end_line: usize,
    pub end_column: usize,
    /// The source line the span starts on.
    pub snippet: Option<String>,
}

impl LoadError {
    /// An error about the whole file.
    pub fn file(path: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_string(),
            message: message.into(),
            span: None,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            snippet: None,
        }
    }

    /// An error at `span` of `source`.
    pub fn at(path: &str, source: &str, span: Range<usize>, message: impl Into<String>) -> LoadError {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let index = crate::text::LineIndex::new(source);
        let (line, column) = index.line_col(source, start);
        let (end_line, end_column) = index.line_col(source, end);
        let snippet = source[index.line_range(line - 1)].to_string();
        LoadError {
            path: path.to_string(),
            message: message.into(),
            span: Some(start..end),
            line,
            column,
            end_line,
            end_column,
            snippet: Some(snippet),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.path, self.message);
        }
        writeln!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)?;
        let Some(snippet) = &self.snippet else {
            return Ok(());
        };
        let gutter = self.line.to_string().len();
        let before: String = snippet.chars().take(self.column - 1).collect();
        let underlined_chars = if self.end_line == self.line {
            self.end_column.saturating_sub(self.column).max(1)
        } else {
            snippet.chars().count().saturating_sub(self.column - 1).max(1)
        };
        let underlined: String = snippet.chars().skip(self.column - 1).take(underlined_chars).collect();
        writeln!(f, "{:gutter$} |", "")?;
        writeln!(f, "{} | {}", self.line, snippet)?;
        write!(f, "{:gutter$} | {}{}", "", " ".repeat(before.width()), "^".repeat(underlined.width().max(1)))
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_snippet_and_caret_with_wide_characters() {
        let source = "a = 1\nid = \"法制\" # x\n";
        let start = source.find("\"法制\"").unwrap();
        let error = LoadError::at("p.toml", source, start..start + "\"法制\"".len(), "坏了");
        assert_eq!((error.line, error.column, error.end_column), (2, 6, 10));
        assert_eq!(error.to_string(), "p.toml:2:6: 坏了\n  |\n2 | id = \"法制\" # x\n  |      ^^^^^^");
    }

    #[test]
    fn a_file_error_has_no_position() {
        assert_eq!(LoadError::file("x.toml", "读不到").to_string(), "x.toml: 读不到");
    }
}
