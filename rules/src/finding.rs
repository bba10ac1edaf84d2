//! What a rule reports: a [`Finding`] with its [`Severity`], and the [`Fix`]es
//! that resolve it as [`Edit`]s of byte ranges.
//!
//! These types sit below everything that produces or consumes findings: the
//! pack format names a rule's severity, the matchers in [`crate::rule`]
//! report findings, [`crate::fix`] applies their edits, and the binary prints
//! them. They depend on nothing else in the crate.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How serious a finding is. Only `error` makes `gwlint check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    /// The word a Chinese reader sees.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
            Severity::Hint => "建议",
        }
    }
}

/// A single replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// A way to resolve a finding: a set of non-overlapping edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in Chinese (`改为“目标导向”`).
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe fixes are applied by `--fix` and "fix all" without review.
    pub safe: bool,
}

impl Fix {
    /// The usual fix: one stretch of text replaced (an empty `range` inserts,
    /// an empty `replacement` deletes).
    pub fn replace(title: impl Into<String>, range: Range<usize>, replacement: impl Into<String>, safe: bool) -> Fix {
        Fix { title: title.into(), edits: vec![Edit { range, replacement: replacement.into() }], safe }
    }
}

/// Another place a finding refers to (the section it should come before…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// What a rule reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the document text (may be empty for "missing here").
    pub range: Range<usize>,
    /// The matched text.
    pub text: String,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}
