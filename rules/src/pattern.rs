//! Regular expressions written in packs, compiled with gwlint's limits.
//!
//! A pack is data from anywhere (a colleague's folder, a zip from another
//! office), so its regexes are compiled with size limits: a pathological
//! pattern becomes a load error at the pattern instead of eating memory.
//! Every regex a pack writes goes through [`compile_regex`]: `phrase`
//! patterns, `section` headings and the pack's `figure_units`.
//!
//! Compiling a regex is the dearest part of loading a pack (about 0.1 ms
//! each, a hundred of them in the built-in pack), and most of a pack's
//! patterns match nothing in a given report. So a pattern carries a
//! [`LiteralScreen`], the literals one of which its every match holds, read
//! from its syntax without compiling it; a text whose [`CharacterPairs`]
//! cannot hold any of them is not searched with it. The built-in packs'
//! patterns (which the test suite compiles with the limits) are
//! [`DeferredRegex`]es, compiled the first time a text passes their screen
//! (so is any pack's short literal phrase, which cannot be too big); a pack
//! from disk compiles its patterns at load, so that a pattern too big is an
//! error at its line.

use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::collections::HashSet;
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

/// A pack regex compiled the first time it is searched with.
///
/// Made only for a pattern that parses and is known to compile within the
/// limit: it belongs to a built-in pack, every regex of which the test suite
/// compiles with the limits (`builtin::check_specs` loads the packs as a
/// pack from disk is loaded), or it is a short escaped literal.
/// If compiling failed all the same, [`DeferredRegex::get`] gives nothing and
/// the pattern finds nothing.
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

    /// Has it been compiled?
    #[cfg(test)]
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// The compiled regex, compiling it now if this is its first use.
    pub fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| compile_regex(&self.source).ok()).as_ref()
    }
}

/// Literals one of which every match of a regex holds, read from the pattern
/// without compiling it: a text holding none of them cannot match, so the
/// regex need not be compiled or run for it.
///
/// Most rules of the built-in packs match few reports, and compiling their
/// patterns is most of what loading the packs costs; with a screen, a pattern
/// is compiled only for a text that may hold one of its literals. A pattern
/// some of whose matches hold no literal (`[0-9]{4}[\u4e00-\u9fff]`) has no
/// screen.
///
/// The screen asks a text's [`CharacterPairs`], not the text: a literal can
/// be in a text only if each pair of adjacent characters in it is, and a
/// text's pairs are gathered once for all the rules, where searching the text
/// for each pattern's literals would take an automaton per pattern.
#[derive(Debug, Clone)]
pub struct LiteralScreen {
    /// Each literal as the keys of its character pairs (of its character, if
    /// it has one).
    literals: Vec<Vec<u64>>,
}

impl LiteralScreen {
    /// How many literals a screen may have, and how many characters a class
    /// may have to be read as one-character literals.
    const MOST_LITERALS: usize = 256;
    const MOST_CLASS_CHARS: usize = 8;

    /// The screen of `pattern`, or nothing when some of its matches hold no
    /// literal (or it does not parse).
    #[cfg(test)]
    pub fn of(pattern: &str) -> Option<LiteralScreen> {
        LiteralScreen::of_hir(&regex_syntax::Parser::new().parse(pattern).ok()?)
    }

    /// The screen of a parsed pattern.
    pub fn of_hir(hir: &Hir) -> Option<LiteralScreen> {
        let literals = Self::required(hir)?;
        let literals = literals.iter().map(|literal| CharacterPairs::keys_of(literal)).collect::<Option<_>>()?;
        Some(LiteralScreen { literals })
    }

    /// Literals one of which every match of `hir` holds, if there are such.
    fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
        let literals = match hir.kind() {
            HirKind::Literal(literal) => vec![literal.0.to_vec()],
            HirKind::Class(Class::Unicode(class)) => {
                let chars = class.ranges().iter().map(|r| r.len()).sum::<usize>();
                if chars > Self::MOST_CLASS_CHARS {
                    return None;
                }
                let chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
                chars.map(|c| c.to_string().into_bytes()).collect()
            }
            HirKind::Capture(capture) => Self::required(&capture.sub)?,
            HirKind::Repetition(repetition) if repetition.min > 0 => Self::required(&repetition.sub)?,
            // Any part's literals are in every match, and so are the
            // openings and endings of the whole; the set whose shortest
            // literal is longest screens best.
            HirKind::Concat(parts) => {
                let shortest = |literals: &Vec<Vec<u8>>| literals.iter().map(Vec::len).min().unwrap_or(0);
                let ends = [ExtractKind::Prefix, ExtractKind::Suffix].map(|kind| {
                    let seq = Extractor::new().kind(kind).limit_total(Self::MOST_LITERALS).extract(hir);
                    seq.literals().map(|literals| literals.iter().map(|l| l.as_bytes().to_vec()).collect())
                });
                parts
                    .iter()
                    .map(Self::required)
                    .chain(ends)
                    .flatten()
                    .filter(|literals: &Vec<Vec<u8>>| literals.iter().all(|literal| !literal.is_empty()))
                    .max_by_key(shortest)?
            }
            HirKind::Alternation(alternatives) => {
                let mut all = Vec::new();
                for alternative in alternatives {
                    all.extend(Self::required(alternative)?);
                }
                all
            }
            _ => return None,
        };
        let useful = literals.len() <= Self::MOST_LITERALS && literals.iter().all(|literal| !literal.is_empty());
        useful.then_some(literals)
    }

    /// May a text with these pairs hold one of the literals (and so a match)?
    pub fn admits(&self, pairs: &CharacterPairs) -> bool {
        self.literals.iter().any(|keys| keys.iter().all(|key| pairs.keys.contains(key)))
    }
}

/// The characters and the pairs of adjacent characters of a text, which a
/// [`LiteralScreen`] asks.
#[derive(Debug, Clone, Default)]
pub struct CharacterPairs {
    /// Hashed with FNV-1a: each lint inserts a key or two per character of
    /// the text and screens ask thousands of them; SipHash's set-up was most
    /// of that work, and no key comes from an adversary.
    keys: HashSet<u64, crate::fnv::BuildFnv1a>,
}

impl CharacterPairs {
    /// The pairs of `texts`' characters (a pair across two texts only lets
    /// a screen admit more).
    pub fn of<'t>(texts: impl IntoIterator<Item = &'t str>) -> CharacterPairs {
        let mut keys = HashSet::default();
        let mut last = None;
        for c in texts.into_iter().flat_map(str::chars) {
            keys.insert(Self::one(c));
            if let Some(last) = last {
                keys.insert(Self::two(last, c));
            }
            last = Some(c);
        }
        CharacterPairs { keys }
    }

    fn one(c: char) -> u64 {
        1 << 42 | c as u64
    }

    fn two(first: char, second: char) -> u64 {
        (first as u64) << 21 | second as u64
    }

    /// The keys a text holding `literal` holds: its pairs, or its character.
    /// A literal cut inside a character (an opening or ending the extractor
    /// shortened) keeps its whole characters; one with none gives nothing.
    fn keys_of(literal: &[u8]) -> Option<Vec<u64>> {
        let start = literal.iter().position(|&b| b & 0xC0 != 0x80)?;
        let literal = &literal[start..];
        let whole = match std::str::from_utf8(literal) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&literal[..e.valid_up_to()]).ok()?,
        };
        let chars: Vec<char> = whole.chars().collect();
        match &chars[..] {
            [] => None,
            [one] => Some(vec![Self::one(*one)]),
            _ => Some(chars.windows(2).map(|w| Self::two(w[0], w[1])).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_reads_the_literals_every_match_holds() {
        let admits =
            |pattern: &str, text: &str| LiteralScreen::of(pattern).unwrap().admits(&CharacterPairs::of([text]));
        // A part, the openings (将 before the clause), a small class, a literal cut by the extractor.
        assert!(admits("(?P<pre>^|[。；])(?P<at>将[^，。]{1,40}?报告如下)", "现将有关情况报告如下"));
        assert!(!admits("(?P<pre>^|[。；])(?P<at>将[^，。]{1,40}?报告如下)", "现将有关情况汇报如下"));
        assert!(admits("(?:工作|任务)落实不到位", "任务落实不到位"));
        assert!(!admits("(?:工作|任务)落实不到位", "落实到位"));
        assert!(admits("[甲乙]{2,}", "乙"));
        assert!(!admits("[甲乙]{2,}", "丙"));
        // A pair the text holds apart is not the pair: 推进 … 进推.
        assert!(!admits("推进", "推动进展"));
        // The extractor's openings of a repeated class: a digit.
        assert!(admits(r"[0-9]{4}[\u4e00-\u9fff]", "2024年"));
        assert!(!admits(r"[0-9]{4}[\u4e00-\u9fff]", "二〇二四年"));
        // Matches that hold no literal: no screen.
        for pattern in [r"[a-z]{4}[\u4e00-\u9fff]", "甲?", r"(?:甲|[\u4e00-\u9fff])乙?", "", "^$"] {
            assert!(LiteralScreen::of(pattern).is_none(), "{pattern}");
        }
    }

    #[test]
    fn a_screen_admits_every_text_its_pattern_matches() {
        let patterns = [
            "甲乙",
            "乙+丙",
            "(?:甲|乙丙)丁?甲",
            "(?P<pre>^|[，。])(?P<at>甲乙{1,3})",
            "[甲乙]丙|丁[甲乙]",
            "a(?:b|c)*丙",
            "(丙|丁)(甲乙|乙甲)(丙|丁)",
            "乙{2}",
            "[0-9]{2}甲",
        ];
        let alphabet: Vec<char> = "甲乙丙丁ab12，。\n".chars().collect();
        let mut rng = crate::fuzz::SeededRng::new(23);
        for pattern in patterns {
            let regex = Regex::new(pattern).unwrap();
            let screen = LiteralScreen::of(pattern).unwrap_or_else(|| panic!("{pattern} has literals"));
            for _ in 0..2000 {
                let text = rng.text(&alphabet, 0..12);
                if regex.is_match(&text) {
                    assert!(screen.admits(&CharacterPairs::of([text.as_str()])), "{pattern} matches {text:?}");
                }
            }
        }
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
