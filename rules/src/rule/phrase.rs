//! `kind = "phrase"`: discouraged phrases and regular expressions.
//!
//! Literal `phrases` and regex `patterns` are searched in the rule's scope,
//! paragraph by paragraph. `unless = ["sentence-has-figure"]` keeps a vague
//! claim (取得了显著成效) quiet when its sentence states a figure (调处矛盾纠纷50件);
//! `not_after` and `not_before` keep a match quiet beside the words that make it
//! another (法治思想 after 习近平 is the full name, before 观念 another word) —
//! what a regex without look-around cannot say; `not_after_in_sentence` keeps
//! a short form quiet after the full one in its sentence (a back-reference).

use super::scope::{Scope, ranges_that_may_match};
use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, fill, scope_of};
use crate::pattern::{DeferredRegex, LiteralScreen, compile_regex};
use crate::schema::RuleDef;
use schemars::JsonSchema;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// Discouraged phrases or regular expressions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhraseFields {
    /// Literal phrases.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax; write them as TOML literal strings). A group
    /// named `at` is the part the finding points at and `{text}` quotes (the slogan, not the
    /// characters read around it to know it is unquoted); a fix that keeps those characters
    /// replaces the group only.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<Spanned<String>>,
    /// Conditions under which the rule does not fire.
    #[serde(default)]
    pub unless: Vec<Unless>,
    /// Words after which a match is not reported (`法治思想` after `习近平`: the full name).
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Words before which a match is not reported (`法治思想` before `观念`: another word).
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Words that keep a match quiet when they stand earlier in its sentence: a short form
    /// right after the full one refers back to it (《……推进法治建设第一责任人职责……》，履行好第一责任人职责).
    #[serde(default)]
    pub not_after_in_sentence: Vec<String>,
    /// Words a match may not contain (《……的通知》 with 关于 is a whole title): cheaper than
    /// excluding them in the pattern, which a regex without look-around can only do character
    /// by character.
    #[serde(default)]
    pub not_containing: Vec<String>,
    /// The suggested replacement (`$1` refers to a pattern's group).
    #[serde(default)]
    pub replacement: Option<String>,
    /// Fire only in reports of this year or later (the title's year), for wording that
    /// was superseded in that year and was right before it.
    #[serde(default)]
    pub from_year: Option<u32>,
    /// Where the rule looks: `document`, `body` (the default), `parts` (body text from the first
    /// heading on), `headings`, `title` or `section:KEY` (the body of the section a `section` rule
    /// with that key finds).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub scope: Option<Spanned<String>>,
    /// Is the fix safe to apply without reading it (`gwlint check --fix`)? Default: false.
    #[serde(default)]
    pub safe_fix: Option<bool>,
}

/// A condition under which a `phrase` rule does not fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unless {
    /// The sentence states a figure: a number with a measure word (50件, 95%, 3次).
    /// Years, dates and ordinals are not figures.
    SentenceHasFigure,
    /// The match follows a place name's last character (省, 市, 县, 区, 州, 盟, 旗): a local
    /// edition of a national document (《广东省法治政府建设实施纲要（2016—2020年）》), which has
    /// dates of its own.
    AfterPlaceName,
    /// The clause states an aim, not a result: a verb of aim (推动, 促进, 确保, 力争, 引领 …)
    /// stands before the match in its clause, whose object the match describes
    /// (推动法治建设再上新台阶: what the work is for).
    AimInClause,
    /// The document's title names it a summary (……工作总结), not a report: what a
    /// report must say another way is then the document's own word (总结如下).
    TitleNamesASummary,
}

/// Verbs that make what follows them in their clause an aim: 推动/促进/助推/带动/引领 X 再上新台阶
/// (X is made to), 确保/力争/争取/努力/奋力 (to be reached).
const AIM_VERBS: &[&str] = &["推动", "促进", "助推", "带动", "引领", "确保", "力争", "争取", "努力", "奋力", "致力"];

#[derive(Debug, Clone)]
pub struct PhraseRule {
    /// Each pattern, compiled now or on first use (see [`compile_patterns`]).
    patterns: Vec<Pattern>,
    unless: Vec<Unless>,
    /// What the text may not end with before a match, or start with after it.
    not_after: Vec<String>,
    not_before: Vec<String>,
    not_after_in_sentence: Vec<String>,
    not_containing: Vec<String>,
    replacement: Option<String>,
    scope: Scope,
    safe: bool,
    /// Fires only in reports of this year or later (by the title's year; a
    /// report without one is taken as current): wording superseded in a
    /// year was right before it.
    from_year: Option<u32>,
    /// The message names the report's year (`{report_year}`), which the title
    /// decides: a finding then depends on more than its paragraph.
    names_report_year: bool,
}

impl Kind for PhraseRule {
    const NAME: &'static str = "phrase";
    type Fields = PhraseFields;

    fn from_def(def: &RuleDef, fields: PhraseFields, cx: &PackContext) -> Result<PhraseRule, CompileError> {
        let scope = scope_of(&fields.scope, Scope::Body)?;
        let mut sources: Vec<Source> = (fields.phrases.iter())
            .map(|phrase| Source { regex: regex::escape(phrase), span: def.kind.span(), literal: true })
            .collect();
        sources.extend((fields.patterns.iter()).map(|p| Source {
            regex: p.get_ref().clone(),
            span: p.span(),
            literal: false,
        }));
        let patterns = compile_patterns(sources, cx.defer_compilation)?;
        let safe = fields.safe_fix.unwrap_or(false);
        let words = [&fields.not_after, &fields.not_before, &fields.not_after_in_sentence, &fields.not_containing];
        if words.iter().any(|list| list.iter().any(String::is_empty)) {
            return Err((
                def.kind.span(),
                "not_after、not_before、not_after_in_sentence 和 not_containing 中不能有空字符串".into(),
            ));
        }
        let rule = PhraseRule::new(patterns, fields.unless, fields.replacement, scope, safe);
        let mut rule = rule.map_err(|m| (def.kind.span(), m))?.from_year(fields.from_year);
        rule.not_after = fields.not_after;
        rule.not_before = fields.not_before;
        rule.not_after_in_sentence = fields.not_after_in_sentence;
        rule.not_containing = fields.not_containing;
        rule.names_report_year = def.message.contains("{report_year}");
        Ok(rule)
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        if let (Some(from), Some(year)) = (self.from_year, super::consistency::year_of_report(doc))
            && year < from
        {
            return;
        }
        // (match start, match end, replacement, the part reported: a group named `at`, or the match)
        let mut hits: Vec<(usize, usize, Option<String>, Range<usize>)> = Vec::new();
        let ranges: Vec<Range<usize>> = self.scope.ranges(cx).into_iter().filter(|r| cx.wants(r)).collect();
        let pairs = cx.character_pairs(&ranges);
        for pattern in &self.patterns {
            if pattern.literals.as_ref().is_some_and(|literals| !literals.admits(&pairs)) {
                continue;
            }
            let Some(regex) = pattern.regex.get() else { continue };
            // After an edit, a few paragraphs are searched: one by one is cheaper.
            let searched = match cx.dirty {
                None => ranges_that_may_match(regex, &doc.text, ranges.clone()),
                Some(_) => ranges.clone(),
            };
            for range in searched {
                let slice = &doc.text[range.clone()];
                if self.replacement.is_none() && !regex.capture_names().any(|n| n == Some("at")) {
                    // Without a template to fill or a part to point at, no capture groups are needed.
                    let matches = regex.find_iter(slice).filter(|m| !m.is_empty());
                    hits.extend(matches.map(|m| {
                        let (start, end) = (range.start + m.start(), range.start + m.end());
                        (start, end, None, start..end)
                    }));
                    continue;
                }
                for caps in regex.captures_iter(slice) {
                    let m = caps.get(0).expect("group 0");
                    if m.is_empty() {
                        continue;
                    }
                    let replacement = self.replacement.as_ref().map(|template| {
                        let mut expanded = String::new();
                        caps.expand(template, &mut expanded);
                        expanded
                    });
                    let (start, end) = (range.start + m.start(), range.start + m.end());
                    hits.push((start, end, replacement, reported(&caps, range.start, start..end)));
                }
            }
        }
        // Two patterns of one rule matching overlapping text report once.
        hits.sort_by_key(|h| (h.0, std::cmp::Reverse(h.1)));
        // The year to write instead of 今年 (2023年), read only by a message that names it.
        let report_year = if hits.is_empty() || !rule.meta.message.contains("{report_year}") {
            String::new()
        } else {
            super::consistency::year_of_report(doc).map_or_else(|| "××××年".to_string(), |y| format!("{y}年"))
        };
        let mut last_end = 0;
        for (start, end, replacement, at) in hits {
            if start < last_end
                || self.suppressed(cx, start)
                || self.not_after.iter().any(|w| doc.text[..start].ends_with(w.as_str()))
                || self.not_before.iter().any(|w| doc.text[end..].starts_with(w.as_str()))
                || self.not_containing.iter().any(|w| doc.text[start..end].contains(w.as_str()))
                || self.refers_back(doc, start)
            {
                continue;
            }
            last_end = end;
            // A fix that keeps the characters around the reported part replaces that part only.
            let (before, after) = (&doc.text[start..at.start], &doc.text[at.end..end]);
            let (edited, replacement) = match replacement {
                Some(r) if at != (start..end) && r.starts_with(before) && r[before.len()..].ends_with(after) => {
                    (at.clone(), Some(r[before.len()..r.len() - after.len()].to_string()))
                }
                r => (start..end, r),
            };
            let text = &doc.text[at.clone()];
            let values = [
                ("text", text),
                ("replacement", replacement.as_deref().unwrap_or("")),
                ("report_year", report_year.as_str()),
            ];
            let mut finding = rule.finding(doc, at, fill(&rule.meta.message, &values));
            if let Some(replacement) = replacement {
                let title = match replacement.as_str() {
                    "" => "删除".to_string(),
                    quoted if quoted.starts_with('“') => format!("改为{quoted}"),
                    plain => format!("改为“{plain}”"),
                };
                finding.fixes.push(Fix::replace(title, edited, replacement, self.safe));
            }
            out.push(finding);
        }
    }

    /// A rule that depends on the report's year or its title looks beyond the paragraph.
    fn is_paragraph_local(&self) -> bool {
        self.from_year.is_none()
            && !self.names_report_year
            && !self.unless.contains(&Unless::TitleNamesASummary)
            && self.scope.is_paragraph_local()
    }
}

/// The part of a match a finding points at and its message quotes: the group
/// named `at` when the pattern has one and it took part (a pattern that must
/// read the characters around a slogan to know it is unquoted reports the
/// slogan only: `(?:[^“]|^)(?P<at>三会一课)`), otherwise the whole match. A fix
/// that leaves the characters around it as they were replaces the group only.
fn reported(caps: &regex::Captures, offset: usize, whole: Range<usize>) -> Range<usize> {
    caps.name("at").filter(|g| !g.is_empty()).map_or(whole, |g| offset + g.start()..offset + g.end())
}

/// One of a rule's patterns, and the literals one of which its every match
/// holds, when there are such: a text without them is not searched, and the
/// pattern not compiled.
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: DeferredRegex,
    literals: Option<LiteralScreen>,
}

/// A pattern as the pack wrote it: a regex of `patterns`, or an escaped phrase
/// of `phrases`, with where it is written.
struct Source {
    regex: String,
    span: Range<usize>,
    literal: bool,
}

/// The longest escaped phrase, in bytes, left to compile on first use in a
/// pack from disk too: a literal this long compiles far within
/// [`crate::pattern::REGEX_SIZE_LIMIT`] (tested), so a long list of
/// `phrases` costs nothing at load.
const SHORT_LITERAL: usize = 3_000;

/// A rule's patterns, checked and compiled.
///
/// Each pattern is compiled now, so that a pattern too big is a load error at
/// it. With `defer` (a built-in pack, whose patterns the test suite compiles
/// with the limits), each is only parsed, for its literals, and compiled the
/// first time a text may hold a match; so is a short literal phrase of any
/// pack.
fn compile_patterns(sources: Vec<Source>, defer: bool) -> Result<Vec<Pattern>, CompileError> {
    let mut patterns = Vec::new();
    for Source { regex: source, span, literal } in sources {
        let defer = defer || (literal && source.len() <= SHORT_LITERAL);
        // Compiled (or known to parse) before its literals are read: a pattern
        // too big is refused before any work is spent on it.
        let hir = regex_syntax::Parser::new().parse(&source).ok().filter(|_| defer);
        let regex = match hir {
            Some(_) => DeferredRegex::later(source),
            None => DeferredRegex::now(compile_regex(&source).map_err(|m| (span, m))?),
        };
        let hir = match hir {
            Some(hir) => Some(hir),
            None => regex_syntax::Parser::new().parse(regex.as_str()).ok(),
        };
        let literals = hir.as_ref().and_then(LiteralScreen::of_hir);
        patterns.push(Pattern { regex, literals });
    }
    Ok(patterns)
}

impl PhraseRule {
    pub fn new(
        patterns: Vec<Pattern>,
        unless: Vec<Unless>,
        replacement: Option<String>,
        scope: Scope,
        safe: bool,
    ) -> Result<PhraseRule, String> {
        if patterns.is_empty() {
            return Err("phrase 规则需要 phrases 或 patterns".into());
        }
        Ok(PhraseRule {
            patterns,
            unless,
            not_after: Vec::new(),
            not_before: Vec::new(),
            not_after_in_sentence: Vec::new(),
            not_containing: Vec::new(),
            replacement,
            scope,
            safe,
            from_year: None,
            names_report_year: false,
        })
    }

    /// The same rule, firing only in reports of `year` or later.
    pub fn from_year(mut self, year: Option<u32>) -> PhraseRule {
        self.from_year = year;
        self
    }

    /// Does one of `not_after_in_sentence` stand before `start` in its sentence?
    fn refers_back(&self, doc: &crate::document::Document, start: usize) -> bool {
        if self.not_after_in_sentence.is_empty() {
            return false;
        }
        let sentence_start = doc.sentence_at(start).map_or(start, |s| s.range.start.min(start));
        let before = &doc.text[sentence_start..start];
        self.not_after_in_sentence.iter().any(|w| before.contains(w.as_str()))
    }

    fn suppressed(&self, cx: &LintContext, offset: usize) -> bool {
        self.unless.iter().any(|condition| match condition {
            Unless::SentenceHasFigure => {
                cx.doc.sentence_at(offset).is_some_and(|s| cx.figures.has_figure(&cx.doc.text, s.range.clone()))
            }
            Unless::AfterPlaceName => {
                cx.doc.text[..offset].chars().next_back().is_some_and(|c| "省市县区州盟旗".contains(c))
            }
            Unless::AimInClause => {
                let clause = &cx.doc.text[crate::text::clause_start(&cx.doc.text, offset, 0)..offset];
                AIM_VERBS.iter().any(|verb| clause.contains(verb))
            }
            Unless::TitleNamesASummary => {
                cx.doc.title_range().is_some_and(|title| cx.doc.slice(&title).contains("总结"))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::scope::looks_around;
    use super::super::{Matcher, Rule};
    use super::*;
    use crate::document::{Document, Format};
    use crate::figure_finder::FigureFinder;
    use regex::Regex;

    /// A one-rule pack's phrase rule with these fields (`patterns = [...]`,
    /// `phrases = [...]`), loaded as a built-in pack (`defer`) or as a pack
    /// from disk.
    fn phrase_rule(fields: &str, defer: bool) -> Rule {
        let source = format!(
            "[pack]\nid = \"t\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"t\"\n\n[[rule]]\nid = \"t.p\"\n\
             kind = \"phrase\"\nseverity = \"warning\"\nmessage = \"{{text}}\"\nexplanation = \"说明\"\n\
             source = \"来源\"\nspecs.fire = []\n{fields}\n"
        );
        let pack = match defer {
            true => crate::pack::load_pack_trusted("builtin:t.toml", &source),
            false => crate::pack::compile("t.toml", &source, &crate::pack::parse("t.toml", &source).unwrap()),
        };
        pack.unwrap().rules.remove(0)
    }

    /// Which of the rule's patterns are compiled, and what it finds in `text`.
    fn lint(rule: &Rule, text: &str) -> (Vec<bool>, Vec<String>) {
        let doc = Document::parse(text, Format::Text);
        let figures = FigureFinder::default();
        let cx = LintContext::new(&doc, Default::default(), &figures, None);
        let mut out = Vec::new();
        rule.lint(&cx, &mut out);
        let Matcher::Phrase(phrase) = &rule.matcher else { panic!("a phrase rule") };
        (phrase.patterns.iter().map(|p| p.regex.is_compiled()).collect(), out.into_iter().map(|f| f.text).collect())
    }

    #[test]
    fn a_built_in_pattern_is_compiled_only_for_a_text_that_may_hold_its_literals() {
        let patterns =
            r"patterns = ['推进([\u4e00-\u9fff]{1,8})取得', '(?:工作|任务)落实不到位', '[A-Za-z]{2,}[\u4e00-\u9fff]']";
        let rule = phrase_rule(patterns, true);
        // The third pattern holds no literal: it is compiled for any text.
        assert_eq!(lint(&rule, "全年依法行政水平稳步提高。"), (vec![false, false, true], vec![]));
        let rule = phrase_rule(patterns, true);
        let (compiled, found) = lint(&rule, "推进法治政府建设取得新成效，任务落实不到位。");
        assert_eq!(
            (compiled, found),
            (vec![true, true, true], vec!["推进法治政府建设取得".into(), "任务落实不到位".into()])
        );
        // A pack from disk compiles every pattern at load: one too big is an error at its line.
        let (compiled, _) = lint(&phrase_rule(patterns, false), "全年依法行政水平稳步提高。");
        assert_eq!(compiled, vec![true, true, true]);
    }

    #[test]
    fn a_short_literal_phrase_is_compiled_on_first_use_in_any_pack() {
        // As a pack from disk.
        let load = |phrase: &str| phrase_rule(&format!("phrases = [\"{phrase}\", \"取得显著成效\"]"), false);
        let rule = load("落实不到位");
        assert_eq!(lint(&rule, "全年依法行政水平稳步提高。"), (vec![false, false], vec![]));
        let rule = load("落实不到位");
        assert_eq!(lint(&rule, "任务落实不到位。"), (vec![true, false], vec!["落实不到位".to_string()]));
        // The longest phrase left for later compiles within the limit.
        let longest = "法".repeat(SHORT_LITERAL / "法".len());
        assert!(compile_regex(&regex::escape(&longest)).is_ok());
        assert_eq!(lint(&load(&longest), "法治").0, vec![false, false]);
    }

    #[test]
    fn patterns_that_look_around_are_recognised() {
        for pattern in ["^一", "年$", r"\b2023", r"\Bx", r"\A", r"\z", r"(?m)^$"] {
            assert!(looks_around(pattern), "{pattern}");
        }
        for pattern in ["取得了?显著成效", r"\d+年", "(，)，+", r"[〇○]+0年"] {
            assert!(!looks_around(pattern), "{pattern}");
        }
    }

    #[test]
    fn a_regex_that_looks_around_gets_every_range_back() {
        // "^甲" matches the second paragraph on its own, not the whole text there.
        let ranges = vec![0..3, 4..7];
        assert_eq!(ranges_that_may_match(&Regex::new("^甲").unwrap(), "乙\n甲", ranges.clone()), ranges);
    }

    #[test]
    fn the_whole_text_search_finds_every_range_with_a_match_in_it() {
        let patterns = ["甲乙", "乙+丙", "丙", "a.*b", "[^甲]乙", "甲\\s*乙", "，，+"];
        let alphabet: Vec<char> = "甲乙丙a b，\n".chars().collect();
        let mut rng = crate::fuzz::SeededRng::new(19);
        for pattern in patterns {
            let regex = Regex::new(pattern).unwrap();
            for _ in 0..400 {
                let text = rng.text(&alphabet, 0..30);
                // Random disjoint ranges on character boundaries, in order.
                let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let mut cuts: Vec<usize> = (0..rng.below(6) * 2).map(|_| *rng.pick(&bounds)).collect();
                cuts.sort();
                cuts.dedup();
                let ranges: Vec<Range<usize>> = cuts.chunks(2).filter(|c| c.len() == 2).map(|c| c[0]..c[1]).collect();
                let found = ranges_that_may_match(&regex, &text, ranges.clone());
                // Every range with a match, perhaps others (a match may start
                // in a range and end after it), never anything but the ranges.
                for range in ranges.iter().filter(|r| regex.is_match(&text[(*r).clone()])) {
                    assert!(found.contains(range), "{pattern} in {text:?}: {range:?} missed");
                }
                assert!(found.iter().all(|f| ranges.contains(f)), "{pattern} in {text:?}");
            }
        }
    }
}
