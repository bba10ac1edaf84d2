//! Regular expressions written in packs, compiled with gwlint's limits.
//!
//! A pack is data from anywhere (a colleague's folder, a zip from another
//! office), so its regexes are compiled with size limits: a pathological
//! pattern becomes a load error at the pattern instead of eating memory.
//! Every regex a pack writes goes through [`compile_regex`]: `phrase`
//! patterns, `section` headings and the pack's `figure_units`.
//!
//! Compiling a regex is the dearest part of loading a pack (about 0.1 ms
//! each, a hundred of them in the built-in pack), and a rule's patterns are
//! often never searched: a `phrase` rule with several patterns first searches
//! their alternation, which holds each of them, and most reports match none.
//! Such patterns are [`DeferredRegex`]es: their syntax is checked at load (the
//! error still points at the pattern) and they are compiled on first use.
//! The alternation, compiled within the limit, bounds each of its parts.

use regex::Regex;
use std::sync::OnceLock;

/// The size limit, in bytes, of a pack regex's compiled program and of its lazy DFA.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiles a pack regex with gwlint's limits.
pub fn compile_regex(pattern: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern).size_limit(REGEX_SIZE_LIMIT).dfa_size_limit(REGEX_SIZE_LIMIT).build().map_err(
        |e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("正则表达式过大（超过 {limit} 字节的编译上限），请拆分或简化")
            }
            // The syntax error repeats the pattern with a caret over several
            // lines; the load error shows the pattern already, so keep the reason.
            other => {
                let text = other.to_string();
                let reason =
                    text.lines().rev().find_map(|l| l.trim().strip_prefix("error: ")).unwrap_or(&text).to_string();
                format!("正则表达式无效：{reason}")
            }
        },
    )
}

/// Checks a pack regex's syntax without compiling it: the error
/// [`compile_regex`] would give, or nothing.
pub fn check_syntax(pattern: &str) -> Result<(), String> {
    match regex_syntax::Parser::new().parse(pattern) {
        Ok(_) => Ok(()),
        // The parser and the compiler agree on syntax; the compiler words the error.
        Err(_) => compile_regex(pattern).map(drop),
    }
}

/// A pack regex compiled the first time it is searched with.
///
/// Made only for a pattern whose syntax [`check_syntax`] accepted and which a
/// compiled regex holds (an alternation of it and others), so compiling it
/// within the limit cannot fail; if it did, [`DeferredRegex::get`] gives
/// nothing and the pattern finds nothing.
#[derive(Debug, Clone)]
pub struct DeferredRegex {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl DeferredRegex {
    /// A pattern to compile on first use.
    pub fn later(source: String) -> DeferredRegex {
        DeferredRegex { source, compiled: OnceLock::new() }
    }

    /// A pattern compiled already.
    pub fn now(regex: Regex) -> DeferredRegex {
        DeferredRegex { source: regex.as_str().to_string(), compiled: OnceLock::from(Some(regex)) }
    }

    /// The pattern as the pack wrote it.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The compiled regex, compiling it now if this is its first use.
    pub fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| compile_regex(&self.source).ok()).as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_is_checked_without_compiling_and_worded_as_the_compiler_does() {
        assert_eq!(check_syntax("推进([^，。]{1,16})取得"), Ok(()));
        let error = check_syntax("推进(工作").unwrap_err();
        assert_eq!(Err(error), compile_regex("推进(工作").map(drop));
        assert!(check_syntax("a)|(b").is_err(), "valid only inside an alternation's group");
    }

    #[test]
    fn a_deferred_regex_compiles_on_first_use() {
        let later = DeferredRegex::later("定期(每[日周月季年])".into());
        assert!(later.compiled.get().is_none());
        assert!(later.get().is_some_and(|r| r.is_match("定期每月")));
        assert!(later.compiled.get().is_some());
        assert_eq!(DeferredRegex::now(compile_regex("甲").unwrap()).as_str(), "甲");
    }
}
