//! The TOML format of a rule pack, as serde reads it.
//!
//! These types are the single source of truth for the format: the loader
//! deserialises into them and `gwlint schema pack` derives the published JSON
//! Schema from them. Fields whose position an error may need to point at are
//! [`Spanned`].

use crate::finding::Severity;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A rule pack: metadata and rules.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gwlint rule pack")]
pub struct PackFile {
    pub pack: PackMeta,
    /// The rules, as `[[rule]]` tables.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleDef>,
}

/// `[pack]`: what the pack is and where its rules come from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    /// Stable identifier, e.g. `fzzf-report`.
    pub id: String,
    /// Title shown to users, in Chinese.
    pub title: String,
    pub version: String,
    pub description: String,
    /// The kinds of document the pack is written for, e.g. `法治政府建设年度报告`.
    #[serde(default)]
    pub document_types: Vec<String>,
    /// Orders in which `section` rules may appear; a workspace chooses one.
    #[serde(default)]
    pub profiles: Vec<ProfileDef>,
    /// The profile used when the workspace chooses none.
    #[serde(default)]
    pub default_profile: Option<String>,
    /// Extra measure words (量词) that make a number a figure, besides the built-in ones.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub figure_units: Option<Spanned<Vec<String>>>,
    /// Credits for data taken from public sources, with their licences.
    #[serde(default)]
    pub credits: Vec<String>,
}

/// An order profile for the required sections.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileDef {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// What kind of matcher a rule uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// A required section of the report, found by its heading.
    Section,
    /// Discouraged phrases or regular expressions.
    Phrase,
    /// A dictionary of wrong → right words.
    Typo,
    /// Punctuation by GB/T 15834-2011 (`check` names which).
    Punctuation,
    /// Heading ordinals and enumerations by GB/T 9704-2012 (`check`).
    Numbering,
    /// Agreement across the document: years, self-reference, variant spellings (`check`).
    Consistency,
    /// Leftovers of conversion from Word and stray whitespace (`check`).
    Artefact,
    /// Private persons' names in a published report.
    Privacy,
    /// Figures backing the claims: density, 余 after exact counts, impossible percentages (`check`).
    Figures,
    /// Wrong characters found from their context by a language model.
    Spelling,
    /// Titles in 《》 against a catalogue: close to a known title, repealed, outdated (`check`).
    Citation,
    /// Passages shared with the other reports checked together, or with last year's report
    /// (`check`); judged across documents, never in one alone.
    Copy,
}

impl RuleKind {
    /// Every kind, in the order above (the order error messages list them in).
    pub const ALL: [RuleKind; 12] = [
        RuleKind::Section,
        RuleKind::Phrase,
        RuleKind::Typo,
        RuleKind::Punctuation,
        RuleKind::Numbering,
        RuleKind::Consistency,
        RuleKind::Artefact,
        RuleKind::Privacy,
        RuleKind::Figures,
        RuleKind::Spelling,
        RuleKind::Citation,
        RuleKind::Copy,
    ];

    /// The name written in `kind = "…"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Section => "section",
            RuleKind::Phrase => "phrase",
            RuleKind::Typo => "typo",
            RuleKind::Punctuation => "punctuation",
            RuleKind::Numbering => "numbering",
            RuleKind::Consistency => "consistency",
            RuleKind::Artefact => "artefact",
            RuleKind::Privacy => "privacy",
            RuleKind::Figures => "figures",
            RuleKind::Spelling => "spelling",
            RuleKind::Citation => "citation",
            RuleKind::Copy => "copy",
        }
    }
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
}

/// Word-boundary check for dictionary hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Boundary {
    /// Every hit fires.
    #[default]
    None,
    /// A hit fires only if it starts and ends on word boundaries (jieba), so that
    /// 法制 inside 学法制度 (学法/制度) does not fire.
    Word,
}

/// `[[rule]]`: one rule. Fields below "kind-specific" apply to one kind only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Stable identifier: `category.name`, e.g. `phrase.vague-claim`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "RuleKind")]
    pub kind: Spanned<RuleKind>,
    pub severity: Severity,
    /// The finding's message, in Chinese. `{text}` is the matched text and
    /// `{replacement}` the suggested one.
    pub message: String,
    /// Markdown: why it matters and what to write instead.
    pub explanation: String,
    /// Where the rule comes from: regulation and article, standard and clause, or usage.
    pub source: String,
    /// Examples checked when the pack loads.
    #[schemars(with = "SpecsDef")]
    pub specs: Spanned<SpecsDef>,
    /// Where the rule looks: `document`, `body`, `parts` (body text from the first heading on),
    /// `headings`, `title` or `section:KEY` (the body of the section a `section` rule with that key finds).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub scope: Option<Spanned<String>>,

    // kind-specific: phrase
    /// phrase: literal phrases.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// phrase: regular expressions (Rust `regex` syntax; write them as TOML literal strings).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<Spanned<String>>,
    /// phrase: conditions under which the rule does not fire.
    #[serde(default)]
    pub unless: Vec<Unless>,
    /// phrase: the suggested replacement (`$1` refers to a pattern's group).
    #[serde(default)]
    pub replacement: Option<String>,
    /// phrase: fire only in reports of this year or later (the title's year), for wording that
    /// was superseded in that year and was right before it.
    #[serde(default)]
    pub from_year: Option<u32>,

    // kind-specific: typo
    /// typo: wrong → right. Quote CJK keys: `"目标导间" = "目标导向"`.
    #[serde(default)]
    pub entries: BTreeMap<String, String>,
    /// typo: word-boundary check.
    #[serde(default)]
    pub boundary: Boundary,
    /// typo: more entries from files (`wrong<TAB>right` per line, `#` comments),
    /// relative to the pack file and inside its folder.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub dictionaries: Vec<Spanned<String>>,

    // kind-specific: punctuation, numbering, consistency, artefact, figures
    /// Which check of the kind the rule runs, e.g. `half-width` for punctuation.
    /// punctuation: half-width, unbalanced, ordinal-mark, quoted-list-comma, date-dot;
    /// numbering: continuity, style, levels, enumeration;
    /// consistency: report-year, self-reference, variants, timeline, year-range;
    /// artefact: leftover, blank-line, edge-space, inner-space, broken-line, doubled-word;
    /// figures: density, approx-small-count, percentage;
    /// citation: title, repealed, outdated;
    /// copy: shared, previous-year, previous-plans.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
    /// consistency (variants): groups of spellings of one term; mixing them is reported.
    #[serde(default)]
    pub variants: Vec<Vec<String>>,
    /// figures (density): the section key to measure and the minimum figures per 1,000 characters;
    /// consistency (report-year), citation (outdated), copy (previous-plans): the key of the plans
    /// section (default `plans`).
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub min_per_1000: Option<f64>,
    /// privacy: characters that start a Chinese surname.
    #[serde(default)]
    pub surnames: Option<String>,
    /// privacy: words next to a name that mark it as an official's (书记, 主任 …).
    #[serde(default)]
    pub titles: Vec<String>,
    /// privacy: public figures' names that are never reported.
    #[serde(default)]
    pub known_names: Vec<String>,

    /// consistency (timeline): dated facts — Party congresses and plan periods —
    /// that decide which is current in the report's year.
    #[serde(default)]
    pub events: Vec<EventDef>,

    // kind-specific: spelling
    /// spelling: the language model file (built by `rules/packs/data/build_spelling.py`),
    /// relative to the pack file and inside its folder.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub model: Option<Spanned<String>>,
    /// spelling: how much more probable (in nats, natural log) the text must read with the
    /// other character before the rule reports it; default 7.
    #[serde(default)]
    pub threshold: Option<f64>,
    // kind-specific: citation
    /// citation: the catalogue file (`title<TAB>kind<TAB>status<TAB>issued<TAB>in_force<TAB>repealed<TAB>superseded_by<TAB>sources`
    /// per line, `#` comments), relative to the pack file and inside its folder.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub catalogue: Option<Spanned<String>>,
    /// citation (title): characters easily confused (`character<TAB>characters` per line, `#` comments);
    /// without it a title with a replaced character is not reported.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub confusables: Option<Spanned<String>>,

    // kind-specific: copy
    /// copy: official formulations every report may use word for word (以习近平新时代中国特色社会主义思想为指导 …);
    /// they, and titles cited in 《》, do not count toward a copied passage.
    #[serde(default)]
    pub fixed_wording: Vec<String>,

    // kind-specific: section
    /// section: key other rules use in `scope = "section:KEY"`.
    #[serde(default)]
    pub key: Option<String>,
    /// section: the section's title, used when a fix inserts its heading.
    #[serde(default)]
    pub title: Option<String>,
    /// section: a short name used in messages (default: `title`).
    #[serde(default)]
    pub label: Option<String>,
    /// section: regular expressions that recognise the section's heading.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub headings: Vec<Spanned<String>>,
    /// section: its position in each order profile, e.g. `{ regulation = 1, local = 2 }`.
    #[serde(default)]
    pub order: BTreeMap<String, u32>,
    /// section: the section must have body text.
    #[serde(default)]
    pub require_body: bool,
    /// section: the part may be written under themes of its own rather than under a heading that
    /// names it: when no heading names it, the first top-level part no rule names, before every
    /// named part, is taken for it.
    #[serde(default)]
    pub themed: bool,
    /// section: the part may be written inside another part — under a sub-heading, or as an item
    /// (一是…, （一）…) whose first clause names it — and is then not missing.
    #[serde(default)]
    pub embedded: bool,
    /// section: the body must mention at least one of these words.
    #[serde(default)]
    pub must_mention: Vec<String>,
    /// section: severity of "out of order" findings (default: warning; a part in
    /// the wrong place is less serious than a missing one).
    #[serde(default)]
    pub order_severity: Option<Severity>,
    /// section: messages for the other findings ({title}, {other}, {profile}, {words}).
    #[serde(default)]
    pub messages: SectionMessages,

    /// Is the fix safe to apply without reading it (`gwlint check --fix`)? Default: true for typo, false otherwise.
    #[serde(default)]
    pub safe_fix: Option<bool>,
}

impl RuleDef {
    /// Each field that belongs to some kinds only, and whether this rule gives
    /// it. Which kinds own which field is the kinds' own business
    /// ([`crate::rule::Kind::FIELDS`]); the loader refuses a field given to a
    /// kind that does not own it, the first in this order.
    pub fn kind_fields(&self) -> [(&'static str, bool); 33] {
        [
            ("phrases", !self.phrases.is_empty()),
            ("patterns", !self.patterns.is_empty()),
            ("unless", !self.unless.is_empty()),
            ("replacement", self.replacement.is_some()),
            ("from_year", self.from_year.is_some()),
            ("entries", !self.entries.is_empty()),
            ("boundary", self.boundary != Boundary::None),
            ("dictionaries", !self.dictionaries.is_empty()),
            ("key", self.key.is_some()),
            ("title", self.title.is_some()),
            ("label", self.label.is_some()),
            ("headings", !self.headings.is_empty()),
            ("order", !self.order.is_empty()),
            ("require_body", self.require_body),
            ("themed", self.themed),
            ("embedded", self.embedded),
            ("must_mention", !self.must_mention.is_empty()),
            ("order_severity", self.order_severity.is_some()),
            ("check", self.check.is_some()),
            ("variants", !self.variants.is_empty()),
            ("events", !self.events.is_empty()),
            ("section", self.section.is_some()),
            ("catalogue", self.catalogue.is_some()),
            ("confusables", self.confusables.is_some()),
            ("min_per_1000", self.min_per_1000.is_some()),
            ("surnames", self.surnames.is_some()),
            ("titles", !self.titles.is_empty()),
            ("known_names", !self.known_names.is_empty()),
            ("model", self.model.is_some()),
            ("threshold", self.threshold.is_some()),
            ("fixed_wording", !self.fixed_wording.is_empty()),
            ("scope", self.scope.is_some()),
            ("safe_fix", self.safe_fix.is_some()),
        ]
    }
}

/// A dated fact of `consistency` `timeline`: a Party congress that opened on a
/// day, or a plan that runs over whole years.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// How reports write it: `十九大`, `十四五`, `八五普法`.
    pub name: String,
    /// `congress` (党的全国代表大会) or `plan` (五年规划, 普法规划).
    pub kind: String,
    /// congress: the opening day, `YYYY-MM-DD`; plan: the first year, `YYYY`.
    pub start: String,
    /// plan: the last year, `YYYY`.
    #[serde(default)]
    pub end: Option<String>,
    /// plan: the series it belongs to (`五年规划`, `普法规划`); a plan's successor is the
    /// plan of its series that starts the year after it ends.
    #[serde(default)]
    pub series: Option<String>,
    /// Where the date comes from.
    pub source: String,
}

/// Messages of a `section` rule's findings other than "missing".
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionMessages {
    pub order: Option<String>,
    pub empty: Option<String>,
    pub mention: Option<String>,
}

/// Examples for a rule, checked when the pack loads (a failing spec is a load error).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecsDef {
    /// Texts on which the rule must fire.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub fire: Vec<Spanned<String>>,
    /// Texts on which the rule must not fire.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub pass: Vec<Spanned<String>>,
    /// Texts and what they become after the rule's fixes are applied.
    #[serde(default)]
    pub fixed: Vec<FixedSpec>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedSpec {
    #[schemars(with = "String")]
    pub from: Spanned<String>,
    pub to: String,
}

#[cfg(test)]
mod tests {
    use super::RuleKind;

    /// `RuleKind::ALL` is kept by hand beside the enum: it must name every
    /// variant (as the derived JSON Schema does), in order.
    #[test]
    fn all_kinds_are_listed_in_order() {
        let schema = serde_json::to_value(schemars::schema_for!(RuleKind)).expect("serialises");
        let names: Vec<&str> = schema["oneOf"]
            .as_array()
            .expect("one entry per variant")
            .iter()
            .map(|variant| variant["const"].as_str().expect("a name"))
            .collect();
        let listed: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(listed, names);
    }
}
