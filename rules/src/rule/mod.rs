//! Compiled rules and what they report.
//!
//! One file per rule kind: [`section`], [`phrase`], [`typo`], [`punctuation`],
//! [`numbering`], [`consistency`], [`artefact`], [`privacy`], [`figures`], [`spelling`], [`citation`],
//! [`copy`] (the one kind judged across documents, by [`crate::across`]).
//! Each file owns its kind whole: the compiled struct (`PhraseRule`,
//! `TypoRule` …), its [`Kind`] implementation — the fields of `[[rule]]` it
//! reads and the constructor that decodes and validates them at load time —
//! and the matcher that, at lint time, reads the [`Document`](crate::Document)
//! through a [`LintContext`]. The pack loader's builder
//! (`pack/builder.rs`) has one line per kind and knows nothing of their fields.

pub mod artefact;
pub mod citation;
pub mod consistency;
pub mod copy;
pub mod figures;
pub mod numbering;
pub mod phrase;
pub mod privacy;
pub mod punctuation;
pub mod scope;
pub mod section;
pub mod spelling;
pub mod typo;

use crate::document::Document;
use crate::figure::FigureFinder;
use crate::schema::{RuleDef, RuleKind};
use std::collections::HashMap;
use std::ops::Range;

// What rules report is defined below them, so that the pack format and the
// fixer can use it without depending on the matchers.
pub use crate::finding::{Edit, Finding, Fix, Related, Severity};

/// Why a `[[rule]]` table does not compile: where in the pack file (a byte
/// range), and why.
pub type CompileError = (Range<usize>, String);

/// A rule kind as the pack loader sees it: the fields of a `[[rule]]` table it
/// owns, and how it turns them into its compiled struct.
pub trait Kind: Sized {
    /// The fields of [`RuleDef`] this kind reads, besides those every rule has
    /// (`id`, `kind`, `severity`, `message`, `explanation`, `source`, `specs`).
    /// A field of another kind in a rule of this one is a load error, rather
    /// than a setting silently ignored.
    const FIELDS: &'static [&'static str];

    /// Decodes and validates the kind's fields of `def`. An error points at the
    /// field at fault, or at `kind` when a required field is missing.
    fn from_def(def: &RuleDef, pack: &PackContext) -> Result<Self, CompileError>;

    /// The compiled rule as the engine holds it.
    fn into_matcher(self) -> Matcher;
}

/// What a kind's constructor may know of the pack its rule is in.
pub struct PackContext<'a> {
    /// Where the pack came from (a file path or `builtin:FILE`): data files
    /// are read relative to it ([`crate::pack_data`]).
    pub origin: &'a str,
    /// The pack's order profiles, which `section` rules place themselves in.
    pub profiles: &'a [section::Profile],
}

/// The rule's `scope`, or `default` when it has none.
pub fn scope_of(def: &RuleDef, default: scope::Scope) -> Result<scope::Scope, CompileError> {
    match &def.scope {
        Some(s) => scope::Scope::parse(s.get_ref()).map_err(|m| (s.span(), m)),
        None => Ok(default),
    }
}

/// The `check` of a kind that has several checks, and where it is written.
pub fn check_of(def: &RuleDef) -> Result<(&str, Range<usize>), CompileError> {
    match &def.check {
        Some(check) => Ok((check.get_ref().as_str(), check.span())),
        None => Err((
            def.kind.span(),
            format!("kind = \"{}\" 的规则需要 check：指明运行哪一项检查", def.kind.get_ref().as_str()),
        )),
    }
}

/// The parts of a rule every kind shares.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub kind: RuleKind,
    pub severity: Severity,
    pub message: String,
    pub explanation: String,
    pub source: String,
    pub pack: String,
    pub specs: Specs,
}

/// A rule's examples, kept after loading so `gwlint explain` can show them.
#[derive(Debug, Clone, Default)]
pub struct Specs {
    pub fire: Vec<String>,
    pub pass: Vec<String>,
    pub fixed: Vec<(String, String)>,
}

/// The matcher of a rule, by kind.
#[derive(Debug, Clone)]
pub enum Matcher {
    Section(section::SectionRule),
    Phrase(phrase::PhraseRule),
    Typo(typo::TypoRule),
    Punctuation(punctuation::PunctuationRule),
    Numbering(numbering::NumberingRule),
    Consistency(consistency::ConsistencyRule),
    Artefact(artefact::ArtefactRule),
    Privacy(privacy::PrivacyRule),
    Figures(figures::FiguresRule),
    Spelling(spelling::SpellingRule),
    Citation(citation::CitationRule),
    Copy(copy::CopyRule),
}

impl Matcher {
    /// Are this rule's findings in a paragraph a function of that paragraph
    /// alone: its text, its kind (body, heading, title …), its heading's parts
    /// and the sections it lies in? Such rules honour [`LintContext::dirty`] and
    /// report nothing outside the paragraphs they examine; the engine caches
    /// their findings per paragraph. The test `cached_lints_equal_full_lints`
    /// holds the claim against random edits.
    pub fn is_paragraph_local(&self) -> bool {
        match self {
            // A spelling or privacy rule's search is paragraph-local; the
            // document-wide guards run after it (`Matcher::dismiss_in_document`).
            Matcher::Privacy(_) => true,
            Matcher::Typo(typo) => typo.is_paragraph_local(),
            Matcher::Spelling(spelling) => spelling.is_paragraph_local(),
            Matcher::Phrase(phrase) => phrase.is_paragraph_local(),
            Matcher::Punctuation(check) => check.is_paragraph_local(),
            Matcher::Citation(citation) => citation.is_paragraph_local(),
            Matcher::Section(_)
            | Matcher::Numbering(_)
            | Matcher::Consistency(_)
            | Matcher::Artefact(_)
            | Matcher::Figures(_)
            | Matcher::Copy(_) => false,
        }
    }
}

impl Matcher {
    /// Drops this rule's findings that the whole document explains. Runs after
    /// the paragraph-local findings are gathered, cached or fresh, so a kind can
    /// search paragraph by paragraph and still judge against the document (a
    /// spelling rule: a string written elsewhere too is meant). Most kinds
    /// have nothing to drop.
    pub fn dismiss_in_document(&self, rule_id: &str, doc: &Document, findings: &mut Vec<Finding>) {
        match self {
            Matcher::Spelling(spelling) => spelling.dismiss_in_document(rule_id, doc, findings),
            Matcher::Privacy(privacy) => privacy.dismiss_in_document(rule_id, doc, findings),
            _ => {}
        }
    }
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub meta: RuleMeta,
    pub matcher: Matcher,
}

impl Rule {
    /// Runs the rule on the document in `cx`. `section` rules report nothing
    /// here: they are judged together, before the others
    /// ([`section::check_all`]), because each claims a heading the others
    /// then cannot.
    pub fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        match &self.matcher {
            Matcher::Section(_) => {}
            Matcher::Phrase(phrase) => phrase.check(self, cx, out),
            Matcher::Typo(typo) => typo.check(self, cx, out),
            Matcher::Punctuation(punctuation) => punctuation.check(self, cx, out),
            Matcher::Numbering(numbering) => numbering.check(self, cx, out),
            Matcher::Consistency(consistency) => consistency.check(self, cx, out),
            Matcher::Artefact(artefact) => artefact.check(self, cx, out),
            Matcher::Privacy(privacy) => privacy.check(self, cx, out),
            Matcher::Figures(figures) => figures.check(self, cx, out),
            Matcher::Spelling(spelling) => spelling.check(self, cx, out),
            Matcher::Citation(citation) => citation.check(self, cx, out),
            Matcher::Copy(copy) => copy.check(self, cx, out),
        }
    }

    /// A finding of this rule at `range`, with the rule's severity.
    pub fn finding(&self, doc: &Document, range: Range<usize>, message: String) -> Finding {
        Finding {
            rule: self.meta.id.clone(),
            severity: self.meta.severity,
            message,
            text: doc.slice(&range).to_string(),
            range,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }
}

/// What rules may consult besides the document itself.
pub struct LintContext<'a> {
    pub doc: &'a Document,
    /// Section key → index into `doc.sections`, as the `section` rules found them.
    pub sections: HashMap<String, usize>,
    pub figures: &'a FigureFinder,
    /// Which paragraphs the [paragraph-local](Matcher::is_paragraph_local) rules
    /// should examine, by index; `None`: all of them. The engine re-checks only
    /// the paragraphs an edit changed and takes the others' findings from its
    /// [`LintCache`](crate::engine::LintCache).
    pub dirty: Option<&'a [bool]>,
}

impl LintContext<'_> {
    /// Should a paragraph-local rule examine `range`?
    pub fn wants(&self, range: &Range<usize>) -> bool {
        match self.dirty {
            None => true,
            Some(dirty) => self.doc.paragraph_at(range.start).is_some_and(|p| dirty[p]),
        }
    }
}

/// Fills `{name}` placeholders in a message template, in one pass: a value
/// goes in as it is, even when it holds braces itself (the report's text can).
/// Unknown placeholders stay.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, value)| (close, *value))
        });
        match known {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_are_filled_once_and_others_kept() {
        let values = [("text", "{replacement}"), ("replacement", "正")];
        assert_eq!(fill("“{text}”应为“{replacement}”", &values), "“{replacement}”应为“正”");
        assert_eq!(fill("{unknown} {text", &values), "{unknown} {text");
        assert_eq!(fill("{}{{replacement}}", &values), "{}{正}");
        assert_eq!(fill("", &values), "");
    }
}
