//! `kind = "section"`: the required parts of a report.
//!
//! Each section rule describes one required part: the patterns that recognise
//! its heading, its title, its place in each order profile and conditions on its
//! body. Section rules are evaluated together, because finding a part, placing a
//! missing one and judging the order all depend on the others:
//!
//! 1. [`assign`]: every top-level heading is claimed by the first rule (in pack
//!    order) whose patterns match its title and that has not claimed one yet.
//! 2. [`lint_all`]: for the profile in use, the longest run of found parts that
//!    is already in order is kept; every other found part is reported as out of
//!    order. A missing part is reported where it belongs, with a fix that inserts
//!    its heading with the ordinal it takes there. Found parts are checked for an
//!    empty body and for the words they must mention.

use super::{CompileError, Finding, Fix, Kind, LintContext, Matcher, PackContext, Related, Rule, Severity, fill};
use crate::document::{Document, OrdinalStyle};
use crate::finding::Edit;
use crate::pattern::compile_regex;
use crate::schema::RuleDef;
use crate::text::{dominant_line_end, item_marker_end};
use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

#[derive(Debug, Clone)]
pub struct SectionRule {
    pub key: String,
    /// The full heading text a fix inserts.
    pub title: String,
    /// The short name messages use.
    pub label: String,
    pub headings: Vec<Regex>,
    /// Position in each order profile.
    pub order: BTreeMap<String, u32>,
    pub require_body: bool,
    /// The part may be written under themes of its own (一、加强党的领导
    /// 二、聚焦关键环节 …) rather than under a heading that names it: see [`assign`].
    pub themed: bool,
    /// The part may be written inside another part: see [`Claim::within`].
    pub embedded: bool,
    /// Sentences that write the part's content wherever they stand (履行……第一责任人职责):
    /// see [`written_as_sentence`].
    pub written_as: Vec<Regex>,
    /// Keys of the parts where such a sentence does not count (a plan to do it is
    /// no report that it was done).
    pub not_written_in: Vec<String>,
    pub must_mention: Vec<String>,
    pub order_severity: Severity,
    pub order_message: String,
    pub empty_message: String,
    pub mention_message: String,
}

/// An order profile: which order the required sections must follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub id: String,
    pub title: String,
}

pub const DEFAULT_ORDER_MESSAGE: &str = "“{title}”部分的位置不符合{profile}：应排在“{other}”{where}";
pub const DEFAULT_EMPTY_MESSAGE: &str = "“{title}”部分没有内容";
pub const DEFAULT_MENTION_MESSAGE: &str = "“{title}”部分应写到{words}";

/// A required section of the report, found by its heading.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionFields {
    /// Key other rules use in `scope = "section:KEY"` (default: the rule's id).
    #[serde(default)]
    pub key: Option<String>,
    /// The section's title, used when a fix inserts its heading.
    #[serde(default)]
    pub title: Option<String>,
    /// A short name used in messages (default: `title`).
    #[serde(default)]
    pub label: Option<String>,
    /// Regular expressions that recognise the section's heading.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub headings: Vec<Spanned<String>>,
    /// Its position in each order profile, e.g. `{ regulation = 1, local = 2 }`.
    #[serde(default)]
    pub order: BTreeMap<String, u32>,
    /// The section must have body text.
    #[serde(default)]
    pub require_body: bool,
    /// The part may be written under themes of its own rather than under a heading that
    /// names it: when no heading names it, the first top-level part no rule names, before every
    /// named part, is taken for it.
    #[serde(default)]
    pub themed: bool,
    /// The part may be written inside another part — under a sub-heading, or as an item
    /// (一是…, （一）…) whose first clause names it — and is then not missing.
    #[serde(default)]
    pub embedded: bool,
    /// With `embedded`: regular expressions of a body sentence that writes the part's content
    /// wherever it stands — not only where a heading or an item's opening names it (a
    /// sentence of the measures: 局长切实履行推进法治建设第一责任人职责，主持召开……).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub written_as: Vec<Spanned<String>>,
    /// Keys of the parts (their section rules' `key`) where a `written_as` sentence does not
    /// count: the next year's plans say what will be done, not what was.
    #[serde(default)]
    pub not_written_in: Vec<String>,
    /// The body must mention at least one of these words.
    #[serde(default)]
    pub must_mention: Vec<String>,
    /// Severity of "out of order" findings (default: warning; a part in
    /// the wrong place is less serious than a missing one).
    #[serde(default)]
    pub order_severity: Option<Severity>,
    /// Messages for the other findings ({title}, {other}, {profile}, {words}).
    #[serde(default)]
    pub messages: SectionMessages,
}

/// Messages of a `section` rule's findings other than "missing".
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionMessages {
    pub order: Option<String>,
    pub empty: Option<String>,
    pub mention: Option<String>,
}

impl Kind for SectionRule {
    const NAME: &'static str = "section";
    type Fields = SectionFields;

    fn from_def(def: &RuleDef, fields: SectionFields, pack: &PackContext) -> Result<SectionRule, CompileError> {
        let span = def.kind.span();
        let title = fields.title.ok_or((span.clone(), "section 规则需要 title（插入标题时使用）".to_string()))?;
        if fields.headings.is_empty() {
            return Err((span, "section 规则需要 headings：识别该部分标题的正则表达式".into()));
        }
        let mut headings = Vec::new();
        for pattern in &fields.headings {
            headings.push(compile_regex(pattern.get_ref()).map_err(|m| (pattern.span(), m))?);
        }
        let mut written_as = Vec::new();
        for pattern in &fields.written_as {
            written_as.push(compile_regex(pattern.get_ref()).map_err(|m| (pattern.span(), m))?);
        }
        if !written_as.is_empty() && !fields.embedded {
            return Err((span, "written_as 只用于 embedded = true 的部分（可写在其他部分之中的内容）".into()));
        }
        for profile in fields.order.keys() {
            if !pack.profiles.iter().any(|p| &p.id == profile) {
                return Err((span, format!("order 中的顺序方案“{profile}”未在 [[pack.profiles]] 中定义")));
            }
        }
        Ok(SectionRule {
            key: fields.key.unwrap_or_else(|| def.id.get_ref().clone()),
            label: fields.label.unwrap_or_else(|| title.clone()),
            title,
            headings,
            order: fields.order,
            require_body: fields.require_body,
            themed: fields.themed,
            embedded: fields.embedded,
            written_as,
            not_written_in: fields.not_written_in,
            must_mention: fields.must_mention,
            // A part in the wrong place is less serious than a missing one.
            order_severity: fields.order_severity.unwrap_or(Severity::Warning),
            order_message: fields.messages.order.unwrap_or_else(|| DEFAULT_ORDER_MESSAGE.into()),
            empty_message: fields.messages.empty.unwrap_or_else(|| DEFAULT_EMPTY_MESSAGE.into()),
            mention_message: fields.messages.mention.unwrap_or_else(|| DEFAULT_MENTION_MESSAGE.into()),
        })
    }

    /// Section rules report nothing one by one: they are judged together,
    /// before the others ([`lint_all`]), because each claims a heading the
    /// others then cannot.
    fn lint(&self, _rule: &Rule, _cx: &LintContext, _out: &mut Vec<Finding>) {}
}

impl SectionRule {
    pub fn matches_heading(&self, title: &str) -> bool {
        self.headings.iter().any(|p| p.is_match(title))
    }
}

fn section_rule(rule: &Rule) -> &SectionRule {
    match &rule.matcher {
        Matcher::Section(s) => s,
        _ => unreachable!("only section rules are passed here"),
    }
}

/// The required parts of one document as the section rules found them
/// ([`assign`]): for each section rule in force, in rule order, the top-level
/// section it claimed. A lint finds them once and returns them with its
/// findings ([`crate::engine::Lint`]); the `section:KEY` scopes, the scorecard
/// and the editor features ([`crate::ide`]) read them from there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    claims: Vec<Claim>,
    /// The order profile the lint judged the parts by ([`Parts::profile`]).
    profile: Option<Profile>,
}

/// One section rule and the part it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The section rule, as an index into the rules [`Parts::find`] was given
    /// (a linter's [`rules`](crate::engine::Linter::rules)).
    pub rule: usize,
    /// The rule's key.
    pub key: String,
    /// The top-level section it claimed (an index into `doc.sections`), if any.
    pub section: Option<usize>,
    /// With no part of its own: the paragraph where its content is written
    /// inside another part, under a sub-heading or as an item that names it
    /// (（一）党政主要负责人履行推进法治建设第一责任人职责 under 一、…; …。二是落实…第一责任人职责。).
    /// The regulation lists what a report must say, not how it is divided,
    /// so such a part is not missing.
    pub within: Option<usize>,
}

impl Parts {
    /// Assigns the top-level sections of `doc` to the section rules among `rules`.
    pub fn find(doc: &Document, rules: &[Rule]) -> Parts {
        let indices: Vec<usize> =
            (0..rules.len()).filter(|&i| matches!(rules[i].matcher, Matcher::Section(_))).collect();
        let section_rules: Vec<&Rule> = indices.iter().map(|&i| &rules[i]).collect();
        let claimed = assign(doc, &section_rules);
        let claimed_by_key: Vec<(&str, usize)> = section_rules
            .iter()
            .zip(&claimed)
            .filter_map(|(rule, section)| Some((section_rule(rule).key.as_str(), (*section)?)))
            .collect();
        let claims = indices
            .into_iter()
            .zip(claimed.iter().copied())
            .map(|(rule, section)| {
                let this = section_rule(&rules[rule]);
                let within = if section.is_none() && this.embedded {
                    let excluded: Vec<usize> = claimed_by_key
                        .iter()
                        .filter(|(key, _)| this.not_written_in.iter().any(|k| k == key))
                        .map(|&(_, s)| s)
                        .collect();
                    written_within(doc, this, &excluded).or_else(|| written_as_sentence(doc, this, &excluded))
                } else {
                    None
                };
                Claim { rule, key: this.key.clone(), section, within }
            })
            .collect();
        Parts { claims, profile: None }
    }

    /// The order profile a lint judged these parts by: the configured one, or
    /// the one the report follows best (`None` for parts found without a lint).
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    pub fn set_profile(&mut self, profile: Option<Profile>) {
        self.profile = profile;
    }

    /// Every section rule's claim, in rule order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Section key → claimed section, as `section:KEY` scopes see it (where
    /// two rules share a key, the later rule's part).
    pub fn by_key(&self) -> HashMap<String, usize> {
        self.claims.iter().filter_map(|c| Some((c.key.clone(), c.section?))).collect()
    }

    /// The part found by the first rule with `key` that found one.
    pub fn section(&self, key: &str) -> Option<usize> {
        self.claims.iter().find_map(|c| c.section.filter(|_| c.key == key))
    }

    /// The claim on top-level section `section`, if a rule claimed it.
    pub fn claim_of(&self, section: usize) -> Option<&Claim> {
        self.claims.iter().find(|c| c.section == Some(section))
    }

    /// The claims of the rules whose part the document lacks, in rule order.
    pub fn missing(&self) -> impl Iterator<Item = &Claim> {
        self.claims.iter().filter(|c| c.section.is_none() && c.within.is_none())
    }
}

impl Claim {
    /// The claiming rule and its section matcher, from the rules
    /// [`Parts::find`] was given.
    pub fn rule<'a>(&self, rules: &'a [Rule]) -> (&'a Rule, &'a SectionRule) {
        let rule = &rules[self.rule];
        (rule, section_rule(rule))
    }
}

/// The longest item title (一是压实主体责任。) that opens the sentence after it.
const ITEM_TITLE_LONGEST: usize = 12;

/// Where `rule`'s part is written inside another part (for rules with
/// `embedded = true`): the paragraph of the first sub-heading whose title
/// names it, or of the first body text that opens by naming it — a body
/// paragraph's first sentence, the text after a run-in heading (（二）加强组织领导。
/// 严格落实…第一责任人职责，…), an item (…。二是落实…职责。), or the sentence after an
/// item's short title (一是压实主体责任。严格落实…). Nothing in the top-level
/// sections `excluded` counts (the parts of the rule's `not_written_in` keys).
fn written_within(doc: &Document, rule: &SectionRule, excluded: &[usize]) -> Option<usize> {
    let outside = |offset: usize| !in_any_section(doc, excluded, offset);
    let under_heading = doc
        .sections
        .iter()
        .filter(|s| s.parent.is_some() && rule.matches_heading(doc.heading_title(s.heading)))
        .filter(|s| outside(s.range.start))
        .map(|s| doc.headings[s.heading].paragraph)
        .min();
    let first_clause = |sentence: &str| {
        let sentence = sentence.trim_end_matches(['。', '；', '！', '？']);
        sentence.split(['：', '，']).next().unwrap_or(sentence).to_string()
    };
    let in_body = doc.body_ranges().iter().find_map(|range| {
        let mut opens = true;
        doc.sentences_in(range).iter().find_map(|sentence| {
            let text = doc.slice(&sentence.range);
            let marker_end = item_marker_end(text);
            let item = marker_end.map(|end| first_clause(&text[end..]));
            // An item whose whole sentence is a short title of two clauses
            // (一是加强组织领导，完善法治建设机制。) is named by either clause.
            let item_title = marker_end
                .map(|end| text[end..].trim_end_matches(['。', '；', '！', '？']))
                .filter(|title| title.chars().count() <= 2 * ITEM_TITLE_LONGEST && !title.contains('。'));
            let named = match &item {
                Some(rest) => rule.matches_heading(rest) || item_title.is_some_and(|t| rule.matches_heading(t)),
                None => opens && rule.matches_heading(&first_clause(text)),
            };
            opens = item.is_some_and(|rest| rest.chars().count() <= ITEM_TITLE_LONGEST);
            (named && outside(sentence.range.start)).then_some(sentence.paragraph)
        })
    });
    match (under_heading, in_body) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Is byte `offset` inside one of `sections` (sub-sections included)?
fn in_any_section(doc: &Document, sections: &[usize], offset: usize) -> bool {
    sections.iter().any(|&s| doc.sections[s].range.contains(&offset))
}

/// The paragraph of the first body sentence that matches one of `rule`'s
/// `written_as` patterns outside the top-level sections `excluded` (the parts
/// of its `not_written_in` keys). Reports often write the principal's duty
/// inside an item of the measures named after something else (（二）强化组织
/// 领导 … 局长切实履行推进法治建设第一责任人职责，主持召开……): the regulation
/// asks what the report says, not under which heading.
fn written_as_sentence(doc: &Document, rule: &SectionRule, excluded: &[usize]) -> Option<usize> {
    if rule.written_as.is_empty() {
        return None;
    }
    doc.body_ranges().iter().flat_map(|range| doc.sentences_in(range)).find_map(|sentence| {
        let written = rule.written_as.iter().any(|p| p.is_match(doc.slice(&sentence.range)));
        (written && !in_any_section(doc, excluded, sentence.range.start)).then_some(sentence.paragraph)
    })
}

/// For each rule, the top-level section it claims.
pub fn assign(doc: &Document, rules: &[&Rule]) -> Vec<Option<usize>> {
    let mut claimed: Vec<Option<usize>> = vec![None; rules.len()];
    for &section in &doc.top_sections {
        let title = doc.heading_title(doc.sections[section].heading);
        if let Some(r) =
            (0..rules.len()).find(|&r| claimed[r].is_none() && section_rule(rules[r]).matches_heading(title))
        {
            claimed[r] = Some(section);
        }
    }
    // A part written under themes of its own: when no heading names it, the
    // first top-level part no rule claimed, if it comes before every claimed
    // part that follows it in every order profile, is taken for it (a report
    // that opens with 一、加强党的领导 二、聚焦关键环节 and then has 三、存在的不足
    // reports its measures there; so does one that opens with its duty part,
    // which one profile puts first and the other after the measures).
    for r in 0..rules.len() {
        if claimed[r].is_some() || !section_rule(rules[r]).themed {
            continue;
        }
        let order = &section_rule(rules[r]).order;
        let always_after = |q: usize| {
            let theirs = &section_rule(rules[q]).order;
            order.iter().all(|(profile, mine)| theirs.get(profile).is_some_and(|pos| pos > mine))
        };
        let first_claimed = (0..rules.len())
            .filter(|&q| always_after(q))
            .filter_map(|q| claimed[q])
            .map(|s| doc.sections[s].range.start)
            .min();
        claimed[r] = doc.top_sections.iter().copied().find(|&s| {
            !claimed.contains(&Some(s)) && first_claimed.is_none_or(|first| doc.sections[s].range.start < first)
        });
    }
    claimed
}

/// Reports missing, out-of-order, empty and incomplete sections.
pub fn lint_all(
    rules: &[&Rule],
    claimed: &[Option<usize>],
    within: &[bool],
    profile: Option<&Profile>,
    cx: &LintContext,
    out: &mut Vec<Finding>,
) {
    let doc = cx.doc;
    let position = |r: usize| profile.and_then(|p| section_rule(rules[r]).order.get(&p.id).copied());
    // Found rules in document order, with their profile positions.
    let mut found: Vec<usize> = (0..rules.len()).filter(|&r| claimed[r].is_some()).collect();
    found.sort_by_key(|&r| doc.sections[claimed[r].expect("found")].range.start);
    let ordered: Vec<usize> = found.iter().copied().filter(|&r| position(r).is_some()).collect();
    let in_order = longest_increasing(&ordered.iter().map(|&r| position(r).expect("filtered")).collect::<Vec<_>>());
    let kept: Vec<usize> = in_order.iter().map(|&i| ordered[i]).collect();

    for (i, &r) in ordered.iter().enumerate() {
        if !in_order.contains(&i) {
            report_out_of_order(
                rules,
                claimed,
                r,
                &kept,
                position,
                profile.expect("positions imply a profile"),
                cx,
                out,
            );
        }
    }
    for r in 0..rules.len() {
        match claimed[r] {
            Some(section) => check_body(rules[r], section, cx, out),
            // Written inside another part (`Claim::within`): not missing.
            None if within[r] => {}
            None => report_missing(rules, claimed, r, &kept, position, cx, out),
        }
    }
    let _ = doc;
}

/// Indices of a longest strictly increasing subsequence (earliest-ending on ties).
fn longest_increasing(values: &[u32]) -> Vec<usize> {
    let n = values.len();
    let mut length = vec![1usize; n];
    let mut previous: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if values[j] < values[i] && length[j] + 1 >= length[i].max(2) {
                length[i] = length[j] + 1;
                previous[i] = Some(j);
            }
        }
    }
    let Some(mut end) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(values[i]), std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut chain = vec![end];
    while let Some(p) = previous[end] {
        chain.push(p);
        end = p;
    }
    chain.reverse();
    chain
}

#[allow(clippy::too_many_arguments)]
fn report_out_of_order(
    rules: &[&Rule],
    claimed: &[Option<usize>],
    r: usize,
    kept: &[usize],
    position: impl Fn(usize) -> Option<u32>,
    profile: &Profile,
    cx: &LintContext,
    out: &mut Vec<Finding>,
) {
    let doc = cx.doc;
    let p = position(r).expect("ordered rules have positions");
    let start = |k: usize| doc.sections[claimed[k].expect("found")].range.start;
    let here = start(r);
    // Either a part that belongs before it comes after it, or one that belongs
    // after it comes before it.
    let belongs_before = kept.iter().rev().find(|&&k| position(k) < Some(p) && start(k) > here);
    let belongs_after = kept.iter().find(|&&k| position(k) > Some(p) && start(k) < here);
    let (other, where_) = match (belongs_before, belongs_after) {
        (Some(&k), _) => (k, "之后"),
        (None, Some(&k)) => (k, "之前"),
        (None, None) => return,
    };
    let rule = rules[r];
    let section = &doc.sections[claimed[r].expect("found")];
    let heading = &doc.headings[section.heading];
    let other_title = &section_rule(rules[other]).label;
    let this = section_rule(rule);
    let message = fill(
        &this.order_message,
        &[("title", &this.label), ("other", other_title), ("profile", &profile.title), ("where", where_)],
    );
    let mut finding = rule.finding(doc, heading.range.clone(), message);
    // Never more severe than the rule itself.
    finding.severity = finding.severity.max(this.order_severity);
    let other_heading = &doc.headings[doc.sections[claimed[other].expect("kept")].heading];
    finding
        .related
        .push(Related { range: other_heading.range.clone(), message: format!("“{other_title}”部分在这里") });
    out.push(finding);
}

fn check_body(rule: &Rule, section: usize, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let this = section_rule(rule);
    let section = &doc.sections[section];
    let heading = &doc.headings[section.heading];
    let body = doc.slice(&section.body).trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if this.require_body && body.is_empty() {
        let message = fill(&this.empty_message, &[("title", &this.label)]);
        out.push(rule.finding(doc, heading.range.clone(), message));
        return;
    }
    if !this.must_mention.is_empty() && !this.must_mention.iter().any(|w| body.contains(w.as_str())) {
        let words: Vec<String> = this.must_mention.iter().map(|w| format!("“{w}”")).collect();
        let message = fill(&this.mention_message, &[("title", &this.label), ("words", &words.join("或"))]);
        out.push(rule.finding(doc, heading.range.clone(), message));
    }
}

fn report_missing(
    rules: &[&Rule],
    claimed: &[Option<usize>],
    r: usize,
    kept: &[usize],
    position: impl Fn(usize) -> Option<u32>,
    cx: &LintContext,
    out: &mut Vec<Finding>,
) {
    let doc = cx.doc;
    let rule = rules[r];
    let this = section_rule(rule);
    let eol = dominant_line_end(&doc.text);
    let p = position(r);
    // Before the first in-order part that comes after it, else after the last part.
    let next = p.and_then(|p| kept.iter().find(|&&k| position(k) > Some(p)));
    let (at, number, before) = match next {
        Some(&k) => {
            let section = claimed[k].expect("kept");
            let paragraph = doc.headings[doc.sections[section].heading].paragraph;
            let at = doc.paragraphs[paragraph].range.start;
            (at, top_sections_before(doc, at) + 1, true)
        }
        None => {
            let at = doc.top_sections.last().map_or_else(|| content_end(doc), |&s| doc.sections[s].range.end);
            (at, doc.top_sections.len() + 1, false)
        }
    };
    let heading = heading_text(doc, number as u32, &this.title);
    let blank = if doc.format == crate::Format::Markdown { eol } else { "" };
    let insert = if before { format!("{heading}{eol}{blank}") } else { format!("{eol}{blank}{heading}") };
    let mut finding = rule.finding(doc, at..at, fill(&rule.meta.message, &[("title", &this.label)]));
    let edits = if before {
        renumbered_after(doc, at, number as u32, insert)
    } else {
        vec![Edit { range: at..at, replacement: insert }]
    };
    finding.fixes.push(Fix { title: format!("插入标题“{heading}”"), edits, safe: false });
    out.push(finding);
    let _ = claimed;
}

/// The edits that insert a part's heading (`insert`, numbered `number`) at `at`, before the
/// top-level headings that follow, and number those one higher, so that the numbers do not clash
/// (一、 二、(inserted) 三、 四、). Only a regular sequence is renumbered: the heading at `at` must
/// state `number` and each next one the number after; past the first that does not, headings
/// are left as written.
fn renumbered_after(doc: &Document, at: usize, number: u32, insert: String) -> Vec<Edit> {
    let mut edits = Vec::new();
    let (mut insert, mut insert_end) = (insert, at);
    let mut expected = number;
    for &s in &doc.top_sections {
        let h = &doc.headings[doc.sections[s].heading];
        if h.range.start < at {
            continue;
        }
        let Some(ordinal) = h.ordinal.as_ref().filter(|o| o.number == Some(expected)) else { break };
        let next = ordinal.style.render(expected + 1, 0);
        if h.ordinal_range.start == at {
            // The heading's ordinal starts where the new heading goes in: one edit, so the two do not touch.
            insert.push_str(&next);
            insert_end = h.ordinal_range.end;
        } else {
            edits.push(Edit { range: h.ordinal_range.clone(), replacement: next });
        }
        expected += 1;
    }
    edits.insert(0, Edit { range: at..insert_end, replacement: insert });
    edits
}

fn top_sections_before(doc: &Document, offset: usize) -> usize {
    doc.top_sections.iter().filter(|&&s| doc.sections[s].range.start < offset).count()
}

fn content_end(doc: &Document) -> usize {
    let end = doc.content_end();
    doc.paragraphs.iter().rev().map(|p| p.range.end).find(|&e| e <= end).unwrap_or(0)
}

/// The heading a fix inserts for a missing part: `title` numbered `n` in the
/// style of the document's top-level headings (一、 when it has none).
pub fn heading_text(doc: &Document, n: u32, title: &str) -> String {
    let first = doc.top_sections.first().map(|&s| &doc.headings[doc.sections[s].heading]);
    let markdown = first.and_then(|h| h.markdown_level).map(|level| format!("{} ", "#".repeat(level as usize)));
    let ordinal = match first.and_then(|h| h.ordinal.as_ref()) {
        Some(o) => o.style.render(n, 0),
        None if markdown.is_some() => String::new(),
        None => OrdinalStyle::ChineseComma.render(n, 0),
    };
    format!("{}{ordinal}{title}", markdown.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn longest_increasing_keeps_the_run_in_order() {
        assert_eq!(longest_increasing(&[1, 3, 2, 4]), [0, 2, 3]);
        assert_eq!(longest_increasing(&[3, 1, 2, 4, 5]), [1, 2, 3, 4]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[2, 1]), [1]);
    }
}
