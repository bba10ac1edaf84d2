//! `gwlint.toml`: a workspace's settings.
//!
//! ```toml
//! builtin = ["fzzf-report"]      # built-in packs to use (default: all of them)
//! rules = ["规则/本县.toml"]      # more pack files, relative to this file
//! profile = "local"              # require this order of the required sections (default: any of the packs' orders)
//! disable = ["phrase.vague-claim", "typo"]   # rule ids or categories
//! allow = ["学法制度"]            # words never reported
//!
//! [[ignore]]                     # one dismissed finding
//! rule = "phrase.vague-claim"
//! text = "取得了显著成效"
//! file = "报告/2023.txt"          # optional: only in this file
//!
//! [severity]
//! "phrase" = "info"              # by category or by rule id
//!
//! [dictionary]                   # the workspace's own wrong → right entries
//! "沈邱县" = "沈丘县"
//! ```

use crate::finding::Severity;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The file name gwlint looks for in a checked file's folder and above.
pub const CONFIG_FILE: &str = "gwlint.toml";

#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gwlint.toml")]
pub struct Config {
    /// Built-in packs to use, by id. Absent: all built-in packs; `[]`: none.
    #[serde(default)]
    pub builtin: Option<Vec<String>>,
    /// Pack files to add, relative to this file. They must lie in this file's
    /// folder (or below it) or in the user's gwlint configuration folder: no
    /// `..`, no absolute path or symlink leading elsewhere.
    #[serde(default)]
    pub rules: Vec<String>,
    /// The order profile the required sections are checked against. Without it, a report that
    /// follows any of the packs' profiles is in order (judged by the one it follows best).
    #[serde(default)]
    pub profile: Option<String>,
    /// Rules to turn off: rule ids (`phrase.vague-claim`) or categories (`phrase`).
    #[serde(default)]
    pub disable: Vec<String>,
    /// Severity overrides by rule id or category.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Words never reported: a finding inside one of them is dropped.
    #[serde(default)]
    pub allow: Vec<String>,
    /// The workspace's own dictionary, wrong → right (`[dictionary]`), checked as
    /// the rule `typo.workspace`.
    #[serde(default)]
    pub dictionary: BTreeMap<String, String>,
    /// Findings a reviewer has dismissed, as `[[ignore]]` tables. They match by
    /// rule and matched text, so they survive edits elsewhere in the file.
    #[serde(default)]
    pub ignore: Vec<Ignore>,
}

/// One dismissed finding.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// The rule id.
    pub rule: String,
    /// The matched text of the finding.
    pub text: String,
    /// Only in this file (relative to `gwlint.toml`); absent: in every file.
    #[serde(default)]
    pub file: Option<String>,
}

impl Config {
    /// Parses a `gwlint.toml`; `path` is only used in error messages.
    pub fn parse(path: &str, source: &str) -> Result<Config, crate::pack::LoadError> {
        toml::from_str(source).map_err(|e| {
            let message = format!("配置文件格式错误：{}", e.message().trim());
            match e.span() {
                Some(span) => crate::pack::LoadError::at(path, source, span, message),
                None => crate::pack::LoadError::file(path, message),
            }
        })
    }
}
