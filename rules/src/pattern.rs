//! Regular expressions written in packs, compiled with gwlint's limits.
//!
//! A pack is data from anywhere (a colleague's folder, a zip from another
//! office), so its regexes are compiled with size limits: a pathological
//! pattern becomes a load error at the pattern instead of eating memory.
//! Every regex a pack writes goes through [`compile_regex`]: `phrase`
//! patterns, `section` headings and the pack's `figure_units`.

use regex::Regex;

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
