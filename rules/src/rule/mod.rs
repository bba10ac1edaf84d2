//! Compiled rules and what they report.
//!
//! One file per rule kind: [`section`], [`phrase`], [`typo`], [`punctuation`],
//! [`numbering`], [`consistency`], [`artefact`], [`privacy`], [`figures`], [`spelling`], [`citation`],
//! [`copy`] (the one kind judged across documents, by [`crate::across`]).
//! Each file owns its kind whole: the kind's fields of a `[[rule]]` table
//! (`PhraseFields` …, which serde decodes and the JSON Schema documents), the
//! compiled struct (`PhraseRule` …) and its [`Kind`] implementation — the
//! constructor that validates the fields at load time, and the matcher that,
//! at lint time, reads the [`Document`](crate::Document) through a
//! [`LintContext`].
//!
//! The kinds are tied together in one place, the list `kinds!` below: one
//! line per kind gives [`RuleKind`] (the names a pack may write), [`Matcher`]
//! (a compiled rule of any kind) and the `match`es that hand loading and
//! linting to each kind. The pack loader's builder (`pack/builder.rs`) and the
//! JSON Schema go through [`RuleKind`] and know nothing of any kind's fields.

pub mod artefact;
pub mod citation;
pub mod consistency;
pub mod copy;
pub mod figures;
pub mod numbering;
mod party_organ;
pub mod phrase;
pub mod privacy;
pub mod punctuation;
pub mod scope;
pub mod section;
pub mod spelling;
pub mod typo;

use crate::document::Document;
use crate::figure_finder::FigureFinder;
use crate::pattern::CharacterPairs;
use crate::schema::RuleDef;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

// What rules report is defined below them, so that the pack format and the
// fixer can use it without depending on the matchers.
pub use crate::finding::{Edit, Finding, Fix, Related, Severity};

/// Why a `[[rule]]` table does not compile: where in the pack file (a byte
/// range), and why.
pub type CompileError = (Range<usize>, String);

/// A rule kind: how a rule of it is read from a pack and how it looks at a
/// document. Implemented by the kind's compiled struct, in the kind's file.
pub trait Kind: Sized {
    /// The value of `kind = "…"`.
    const NAME: &'static str;

    /// The kind's own fields of a `[[rule]]` table, besides those every rule
    /// has ([`RuleDef`]): a struct deriving `Deserialize` and `JsonSchema`,
    /// with `#[serde(deny_unknown_fields)]`. Its doc comment describes the
    /// kind and each field's doc comment the field, in the JSON Schema editors
    /// show; a field of another kind in a rule of this one is a load error,
    /// rather than a setting silently ignored.
    type Fields: DeserializeOwned + schemars::JsonSchema;

    /// Validates the decoded fields and builds the compiled rule. An error
    /// points at the field at fault, or at `kind` when a required field is
    /// missing. Data files are read relative to [`PackContext::origin`].
    fn from_def(def: &RuleDef, fields: Self::Fields, pack: &PackContext) -> Result<Self, CompileError>;

    /// Reports the rule's findings on the document in `cx`, with
    /// [`Rule::finding`]. (Named `lint`, not `check`: in a pack, `check` is the
    /// field that picks one of a kind's checks, and the compiled rules of
    /// those kinds keep it in a field of that name.)
    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>);

    /// Are this rule's findings in a paragraph a function of that paragraph
    /// alone: its text, its kind (body, heading, title …), its heading's parts
    /// and the sections it lies in? Such rules honour [`LintContext::dirty`] and
    /// report nothing outside the paragraphs they examine; the engine caches
    /// their findings per paragraph. The test `cached_lints_equal_full_lints`
    /// holds the claim against random edits. By default no: a rule taken for
    /// document-wide is never wrong, only re-run in full after each edit.
    fn is_paragraph_local(&self) -> bool {
        false
    }

    /// May this rule wait for work a background thread has not finished (the
    /// privacy rule, for jieba's part-of-speech model, built after the
    /// dictionary)? The engine runs such rules after the others of their
    /// sort, so that the wait overlaps the others' lint instead of coming
    /// first. The findings are the same in any order.
    fn may_wait_for_a_model(&self) -> bool {
        false
    }

    /// Drops this rule's findings that the whole document explains. Runs after
    /// the paragraph-local findings are gathered, cached or fresh, so a kind can
    /// search paragraph by paragraph and still judge against the document (a
    /// spelling rule: a string written elsewhere too is meant). Most kinds
    /// have nothing to drop.
    fn dismiss_in_document(&self, _rule_id: &str, _doc: &Document, _findings: &mut Vec<Finding>) {}
}

/// What a kind's constructor may know of the pack its rule is in.
pub struct PackContext<'a> {
    /// Where the pack came from (a file path or `builtin:FILE`): data files
    /// are read relative to it ([`crate::pack_data`]).
    pub origin: &'a str,
    /// The pack's order profiles, which `section` rules place themselves in.
    pub profiles: &'a [section::Profile],
    /// Compile regexes on first use rather than now: for the built-in packs,
    /// whose regexes the test suite compiles with the limits, so that a run
    /// compiles only the patterns its texts need. A pack from disk is
    /// compiled now, so that a pattern too big is a load error at its line.
    pub defer_compilation: bool,
}

/// A rule's `scope`, or `default` when it has none.
pub fn scope_of(scope: &Option<Spanned<String>>, default: scope::Scope) -> Result<scope::Scope, CompileError> {
    match scope {
        Some(s) => scope::Scope::parse(s.get_ref()).map_err(|m| (s.span(), m)),
        None => Ok(default),
    }
}

/// The `check` of a kind that has several checks, and where it is written;
/// a rule without one is an error at its `kind`.
pub fn check_of<'a>(
    def: &RuleDef,
    check: &'a Option<Spanned<String>>,
) -> Result<(&'a str, Range<usize>), CompileError> {
    match check {
        Some(check) => Ok((check.get_ref().as_str(), check.span())),
        None => {
            Err((def.kind.span(), format!("kind = \"{}\" 的规则需要 check：指明运行哪一项检查", def.kind.get_ref())))
        }
    }
}

/// Decodes a rule's own fields as kind `K` reads them, and compiles it.
fn compile<K: Kind>(def: &RuleDef, pack: &PackContext) -> Result<K, CompileError> {
    K::from_def(def, def.fields.decode()?, pack)
}

/// Generates, from the list of kinds, everything that has one entry per kind:
/// the names ([`RuleKind`]), the compiled rule of any kind ([`Matcher`]), and
/// the `match`es that dispatch to each kind's [`Kind`] implementation. An enum
/// rather than `Box<dyn Kind>`: each call is a direct one the compiler can
/// inline (the lint runs every rule on every edit), and code that needs one
/// kind's rule can match on it (`Matcher::Section(section)`).
macro_rules! kinds {
    ($($variant:ident($module:ident::$rule:ident),)+) => {
        /// A rule kind, as written in `kind = "…"` ([`RuleKind::as_str`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleKind {
            $($variant,)+
        }

        impl RuleKind {
            /// Every kind, in the order of the list (the order error messages
            /// and the JSON Schema list them in).
            pub const ALL: &'static [RuleKind] = &[$(RuleKind::$variant,)+];

            /// The name written in `kind = "…"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleKind::$variant => <$module::$rule as Kind>::NAME,)+
                }
            }

            /// The kind named `name`, if there is one.
            pub fn from_name(name: &str) -> Option<RuleKind> {
                RuleKind::ALL.iter().copied().find(|kind| kind.as_str() == name)
            }

            /// The fields of a `[[rule]]` table that belong to this kind.
            pub fn fields(self) -> &'static [&'static str] {
                match self {
                    $(RuleKind::$variant => crate::schema::field_names::<<$module::$rule as Kind>::Fields>(),)+
                }
            }

            /// The JSON Schema of this kind's fields (its [`Kind::Fields`]).
            pub fn fields_schema(self, generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                match self {
                    $(RuleKind::$variant => {
                        <<$module::$rule as Kind>::Fields as schemars::JsonSchema>::json_schema(generator)
                    })+
                }
            }

            /// Decodes and validates the kind's fields of `def` and compiles
            /// the rule's matcher.
            pub fn compile(self, def: &RuleDef, pack: &PackContext) -> Result<Matcher, CompileError> {
                match self {
                    $(RuleKind::$variant => compile::<$module::$rule>(def, pack).map(Matcher::$variant),)+
                }
            }
        }

        /// The matcher of a rule, by kind.
        #[derive(Debug, Clone)]
        pub enum Matcher {
            $($variant($module::$rule),)+
        }

        impl Matcher {
            /// See [`Kind::is_paragraph_local`].
            pub fn is_paragraph_local(&self) -> bool {
                match self {
                    $(Matcher::$variant(matcher) => Kind::is_paragraph_local(matcher),)+
                }
            }

            /// See [`Kind::may_wait_for_a_model`].
            pub fn may_wait_for_a_model(&self) -> bool {
                match self {
                    $(Matcher::$variant(matcher) => Kind::may_wait_for_a_model(matcher),)+
                }
            }

            /// See [`Kind::dismiss_in_document`].
            pub fn dismiss_in_document(&self, rule_id: &str, doc: &Document, findings: &mut Vec<Finding>) {
                match self {
                    $(Matcher::$variant(matcher) => Kind::dismiss_in_document(matcher, rule_id, doc, findings),)+
                }
            }

            fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
                match self {
                    $(Matcher::$variant(matcher) => Kind::lint(matcher, rule, cx, out),)+
                }
            }
        }
    };
}

// The kinds, one line each: the `Matcher` variant, and the kind's module and
// compiled struct. Adding a kind is its file, `pub mod` above, and a line here.
kinds! {
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

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub meta: RuleMeta,
    pub matcher: Matcher,
}

impl Rule {
    /// Runs the rule on the document in `cx`. `section` rules report nothing
    /// here: they are judged together, before the others
    /// ([`section::lint_all`]), because each claims a heading the others
    /// then cannot.
    pub fn lint(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        self.matcher.lint(self, cx, out);
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
    /// See [`LintContext::character_pairs`]; gathered on first use.
    edited_pairs: std::sync::OnceLock<CharacterPairs>,
}

impl<'a> LintContext<'a> {
    /// A context for linting `doc`: every paragraph, or with `dirty` those marked.
    pub fn new(
        doc: &'a Document,
        sections: HashMap<String, usize>,
        figures: &'a FigureFinder,
        dirty: Option<&'a [bool]>,
    ) -> LintContext<'a> {
        LintContext { doc, sections, figures, dirty, edited_pairs: Default::default() }
    }

    /// The characters and character pairs of the text a rule searches in
    /// `ranges`, which its [literal screens](crate::pattern::LiteralScreen)
    /// ask: the whole document's (gathered once per version of it), or after
    /// an edit those of the paragraphs to re-check (gathered once per lint)
    /// when `ranges` lie within them.
    pub fn character_pairs(&self, ranges: &[Range<usize>]) -> Cow<'_, CharacterPairs> {
        let Some(dirty) = self.dirty else { return Cow::Borrowed(self.doc.character_pairs()) };
        let paragraphs = &self.doc.paragraphs;
        let within_edited = |r: &Range<usize>| {
            self.doc.paragraph_at(r.start).is_some_and(|p| dirty[p] && r.end <= paragraphs[p].range.end)
        };
        if !ranges.iter().all(within_edited) {
            return Cow::Owned(CharacterPairs::of(ranges.iter().map(|r| self.doc.slice(r))));
        }
        Cow::Borrowed(self.edited_pairs.get_or_init(|| {
            let edited = paragraphs.iter().zip(dirty).filter(|(_, dirty)| **dirty);
            CharacterPairs::of(edited.map(|(p, _)| self.doc.slice(&p.range)))
        }))
    }

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
/// Unknown placeholders stay. A value quoted by the template (“{text}”) that
/// holds quotation marks itself has them turned a level inward — 开展“法治
/// 讲堂”活动 shows as “开展‘法治讲堂’活动” — since a quotation inside a
/// quotation takes single marks (GB/T 15834-2011 4.1.3.4).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    fill_with(template, values, true)
}

/// [`fill`] with every value as written, marks and all: for messages about
/// the marks themselves (the `punctuation` kind), where a changed mark would
/// misstate what the text holds.
pub fn fill_verbatim(template: &str, values: &[(&str, &str)]) -> String {
    fill_with(template, values, false)
}

fn fill_with(template: &str, values: &[(&str, &str)], nest_quotations: bool) -> String {
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
                rest = &after[close + 1..];
                if nest_quotations && out.ends_with('“') && rest.starts_with('”') && holds_quotations(value) {
                    out.extend(value.chars().map(|c| match c {
                        '“' => '‘',
                        '”' => '’',
                        '‘' => '“',
                        '’' => '”',
                        c => c,
                    }));
                } else {
                    out.push_str(value);
                }
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

/// Does `text` hold quotation marks, each of them paired? A lone mark (the
/// “ a half-width " should be) is a character shown, not a quotation.
fn holds_quotations(text: &str) -> bool {
    let mut open = Vec::new();
    for c in text.chars() {
        match c {
            '“' | '‘' => open.push(c),
            '”' if open.pop() != Some('“') => return false,
            '’' if open.pop() != Some('‘') => return false,
            _ => {}
        }
    }
    open.is_empty() && text.contains(['“', '‘'])
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

    #[test]
    fn a_quoted_value_has_its_own_quotation_marks_turned_inward() {
        let values = [("text", "开展“法治讲堂”‘三进’活动")];
        assert_eq!(fill("“{text}”搭配不当", &values), "“开展‘法治讲堂’“三进”活动”搭配不当");
        // Not quoted by the template: the marks stay as written.
        assert_eq!(fill("{text}：搭配不当", &values), "开展“法治讲堂”‘三进’活动：搭配不当");
        assert_eq!(fill("《{text}》", &values), "《开展“法治讲堂”‘三进’活动》");
        // A lone mark is a character shown (“"”应为“““), and so are marks that do not pair.
        assert_eq!(fill("“{text}”", &[("text", "“")]), "““”");
        assert_eq!(fill("“{text}”", &[("text", "“法治”讲堂”")]), "““法治”讲堂””");
        assert_eq!(super::fill_verbatim("“{text}”", &values), "“开展“法治讲堂”‘三进’活动”");
    }
}
