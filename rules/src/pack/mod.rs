//! Rule packs: reading TOML rule files and compiling their rules.
//!
//! A pack's text becomes a [`Pack`] of compiled [`Rule`]s or a list of
//! [`LoadError`]s, each pointing at a position in the file, in two steps:
//!
//! 1. [`parse`]: the TOML reads into [`PackFile`] (syntax, unknown fields, types);
//! 2. [`compile`]: every rule compiles (its kind's fields present, regexes
//!    valid, ids unique); every error is collected, not only the first.
//!
//! A third step, running every rule's `specs`, needs the engine and lives
//! above it in [`crate::specs`], whose [`load_pack`](crate::specs::load_pack)
//! is how a pack from disk is loaded; [`load_pack_trusted`] skips the specs
//! for the built-in packs.

pub mod error;

pub use crate::pack_data::warm_up_builtin_models;
pub use error::LoadError;

use crate::pack_data::{load_model, read_data_file};
use crate::pattern::compile_regex;
use crate::rule::artefact::ArtefactRule;
use crate::rule::citation::{CitationError, CitationRule};
use crate::rule::consistency::ConsistencyRule;
use crate::rule::figures::FiguresRule;
use crate::rule::numbering::NumberingRule;
use crate::rule::phrase::PhraseRule;
use crate::rule::privacy::PrivacyRule;
use crate::rule::punctuation::PunctuationRule;
use crate::rule::scope::Scope;
use crate::rule::section::{self, SectionRule};
use crate::rule::spelling::SpellingRule;
use crate::rule::typo::TypoRule;
use crate::rule::{Matcher, Rule, RuleMeta, Specs};
use crate::schema::{self, PackFile, RuleDef, RuleKind};
use std::collections::HashSet;
use std::ops::Range;

/// A pack's metadata, kept after loading.
#[derive(Debug, Clone)]
pub struct PackInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub document_types: Vec<String>,
    pub profiles: Vec<section::Profile>,
    pub default_profile: Option<String>,
    pub figure_units: Vec<String>,
    pub credits: Vec<String>,
    /// Where it came from: a file path, or `builtin:ID`.
    pub origin: String,
}

/// A loaded pack: metadata and compiled rules.
#[derive(Debug, Clone)]
pub struct Pack {
    pub info: PackInfo,
    pub rules: Vec<Rule>,
}

/// Loads a pack from its text without running its specs: for the built-in
/// packs, whose specs the test suite checks (`builtin::check_specs`), so that
/// start-up stays fast. [`crate::specs::load_pack`] runs them too.
pub fn load_pack_trusted(path: &str, source: &str) -> Result<Pack, Vec<LoadError>> {
    compile(path, source, &parse(path, source)?)
}

/// Reads a pack's TOML into its format ([`PackFile`]): syntax, unknown fields, types.
pub fn parse(path: &str, source: &str) -> Result<PackFile, Vec<LoadError>> {
    toml::from_str(source).map_err(|e| vec![toml_error(path, source, &e)])
}

/// Compiles a parsed pack: its metadata and every rule, with every error
/// found rather than the first.
pub fn compile(path: &str, source: &str, file: &PackFile) -> Result<Pack, Vec<LoadError>> {
    let info = PackInfo {
        id: file.pack.id.clone(),
        title: file.pack.title.clone(),
        version: file.pack.version.clone(),
        description: file.pack.description.clone(),
        document_types: file.pack.document_types.clone(),
        profiles: file
            .pack
            .profiles
            .iter()
            .map(|p| section::Profile { id: p.id.clone(), title: p.title.clone() })
            .collect(),
        default_profile: file.pack.default_profile.clone(),
        figure_units: file.pack.figure_units.as_ref().map(|u| u.get_ref().clone()).unwrap_or_default(),
        credits: file.pack.credits.clone(),
        origin: path.to_string(),
    };
    let mut errors = Vec::new();
    if let Some(units) = &file.pack.figure_units
        && let Err(message) = crate::figure::FigureFinder::try_new(units.get_ref())
    {
        errors.push(LoadError::at(path, source, units.span(), message));
    }
    let mut rules = Vec::new();
    let mut seen = HashSet::new();
    for def in &file.rules {
        if !seen.insert(def.id.get_ref().clone()) {
            errors.push(LoadError::at(path, source, def.id.span(), format!("规则 id “{}” 重复", def.id.get_ref())));
            continue;
        }
        match compile_rule(def, &info) {
            Ok(rule) => rules.push(rule),
            Err((span, message)) => errors.push(LoadError::at(path, source, span, message)),
        }
    }
    if let Some(profile) = &info.default_profile
        && !info.profiles.iter().any(|p| &p.id == profile)
    {
        errors.push(LoadError::file(path, format!("default_profile = \"{profile}\" 不在 profiles 中")));
    }
    if errors.is_empty() { Ok(Pack { info, rules }) } else { Err(errors) }
}

fn toml_error(path: &str, source: &str, error: &toml::de::Error) -> LoadError {
    let message = format!("规则包格式错误：{}", error.message().trim());
    match error.span() {
        Some(span) => LoadError::at(path, source, span, message),
        None => LoadError::file(path, message),
    }
}

type CompileError = (Range<usize>, String);

fn compile_rule(def: &RuleDef, pack: &PackInfo) -> Result<Rule, CompileError> {
    let kind = *def.kind.get_ref();
    let kind_span = def.kind.span();
    let id = def.id.get_ref();
    if id.trim().is_empty() || id.contains(char::is_whitespace) {
        return Err((def.id.span(), "规则 id 不能为空或含空白".into()));
    }
    check_fields_belong_to_kind(def, kind).map_err(|m| (kind_span.clone(), m))?;
    let scope = match &def.scope {
        Some(s) => Scope::parse(s.get_ref()).map_err(|m| (s.span(), m))?,
        None => Scope::Body,
    };
    let matcher = match kind {
        RuleKind::Typo => {
            let mut entries: Vec<(String, String)> = def.entries.iter().map(|(w, r)| (w.clone(), r.clone())).collect();
            for file in &def.dictionaries {
                let text = read_data_file(&pack.origin, file.get_ref()).map_err(|m| (file.span(), m))?;
                entries.extend(parse_dictionary(file.get_ref(), &text).map_err(|m| (file.span(), m))?);
            }
            let scope = if def.scope.is_some() { scope } else { Scope::Document };
            Matcher::Typo(
                TypoRule::new(entries, def.boundary, scope, def.safe_fix.unwrap_or(true))
                    .map_err(|m| (kind_span.clone(), m))?,
            )
        }
        RuleKind::Phrase => {
            let mut patterns = Vec::new();
            for phrase in &def.phrases {
                patterns.push(compile_regex(&regex::escape(phrase)).map_err(|m| (kind_span.clone(), m))?);
            }
            for pattern in &def.patterns {
                patterns.push(compile_regex(pattern.get_ref()).map_err(|m| (pattern.span(), m))?);
            }
            Matcher::Phrase(
                PhraseRule::new(
                    patterns,
                    def.unless.clone(),
                    def.replacement.clone(),
                    scope,
                    def.safe_fix.unwrap_or(false),
                )
                .map_err(|m| (kind_span.clone(), m))?
                .from_year(def.from_year),
            )
        }
        RuleKind::Section => Matcher::Section(compile_section(def, pack)?),
        RuleKind::Punctuation => Matcher::Punctuation(
            PunctuationRule::parse(check_name(def)?.0).map_err(|m| (check_name(def).expect("checked").1, m))?,
        ),
        RuleKind::Numbering => Matcher::Numbering(
            NumberingRule::parse(check_name(def)?.0).map_err(|m| (check_name(def).expect("checked").1, m))?,
        ),
        RuleKind::Artefact => Matcher::Artefact(
            ArtefactRule::parse(check_name(def)?.0).map_err(|m| (check_name(def).expect("checked").1, m))?,
        ),
        RuleKind::Consistency => {
            let (name, span) = check_name(def)?;
            Matcher::Consistency(
                ConsistencyRule::parse(name, &def.variants, &def.events, def.section.as_deref())
                    .map_err(|m| (span, m))?,
            )
        }
        RuleKind::Figures => {
            let (name, span) = check_name(def)?;
            Matcher::Figures(FiguresRule::parse(name, def.section.as_deref(), def.min_per_1000).map_err(|m| (span, m))?)
        }
        RuleKind::Spelling => {
            let file = def
                .model
                .as_ref()
                .ok_or((kind_span.clone(), "spelling 规则需要 model：语言模型文件的路径".to_string()))?;
            let model = load_model(&pack.origin, file.get_ref()).map_err(|m| (file.span(), m))?;
            Matcher::Spelling(
                SpellingRule::new(model, def.threshold, scope, def.safe_fix.unwrap_or(false))
                    .map_err(|m| (kind_span.clone(), m))?,
            )
        }
        RuleKind::Citation => {
            let (name, span) = check_name(def)?;
            let missing = (kind_span.clone(), "citation 规则需要 catalogue：目录文件".to_string());
            let file = def.catalogue.as_ref().ok_or(missing)?;
            let text = read_data_file(&pack.origin, file.get_ref()).map_err(|m| (file.span(), m))?;
            let confusables = match &def.confusables {
                Some(c) => Some((c, read_data_file(&pack.origin, c.get_ref()).map_err(|m| (c.span(), m))?)),
                None => None,
            };
            let confusables_named = confusables.as_ref().map(|(c, text)| (c.get_ref().as_str(), text.as_str()));
            let rule = CitationRule::new(name, (file.get_ref(), &text), confusables_named, def.section.as_deref());
            Matcher::Citation(rule.map_err(|e| match e {
                CitationError::Check(m) => (span, m),
                CitationError::Catalogue(m) => (file.span(), m),
                CitationError::Confusables(m) => (confusables.as_ref().map_or(kind_span.clone(), |(c, _)| c.span()), m),
            })?)
        }
        RuleKind::Privacy => Matcher::Privacy(PrivacyRule::new(
            def.surnames.as_deref().ok_or((kind_span.clone(), "privacy 规则需要 surnames：常见姓氏".to_string()))?,
            def.titles.clone(),
            def.known_names.clone(),
        )),
    };
    Ok(Rule {
        meta: RuleMeta {
            id: id.clone(),
            kind,
            severity: def.severity,
            message: def.message.clone(),
            explanation: def.explanation.clone(),
            source: def.source.clone(),
            pack: pack.id.clone(),
            specs: Specs {
                fire: def.specs.get_ref().fire.iter().map(|s| s.get_ref().clone()).collect(),
                pass: def.specs.get_ref().pass.iter().map(|s| s.get_ref().clone()).collect(),
                fixed: def.specs.get_ref().fixed.iter().map(|f| (f.from.get_ref().clone(), f.to.clone())).collect(),
            },
        },
        matcher,
    })
}

/// `wrong<TAB>right` per line; blank lines and `#` comments are skipped.
fn parse_dictionary(name: &str, text: &str) -> Result<Vec<(String, String)>, String> {
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        match (fields.next(), fields.next(), fields.next()) {
            (Some(wrong), Some(right), None) if !wrong.is_empty() && !right.is_empty() => {
                entries.push((wrong.to_string(), right.to_string()))
            }
            _ => return Err(format!("{name} 第{}行格式错误：应为“错词<Tab>正词”", number + 1)),
        }
    }
    Ok(entries)
}

/// The `check` of a kind that has several checks, and where it is written.
fn check_name(def: &RuleDef) -> Result<(&str, Range<usize>), CompileError> {
    match &def.check {
        Some(check) => Ok((check.get_ref().as_str(), check.span())),
        None => Err((
            def.kind.span(),
            format!("kind = \"{}\" 的规则需要 check：指明运行哪一项检查", def.kind.get_ref().as_str()),
        )),
    }
}

fn compile_section(def: &RuleDef, pack: &PackInfo) -> Result<SectionRule, CompileError> {
    let span = def.kind.span();
    let title = def.title.clone().ok_or((span.clone(), "section 规则需要 title（插入标题时使用）".to_string()))?;
    if def.headings.is_empty() {
        return Err((span, "section 规则需要 headings：识别该部分标题的正则表达式".into()));
    }
    let mut headings = Vec::new();
    for pattern in &def.headings {
        headings.push(compile_regex(pattern.get_ref()).map_err(|m| (pattern.span(), m))?);
    }
    for profile in def.order.keys() {
        if !pack.profiles.iter().any(|p| &p.id == profile) {
            return Err((span, format!("order 中的顺序方案“{profile}”未在 [[pack.profiles]] 中定义")));
        }
    }
    Ok(SectionRule {
        key: def.key.clone().unwrap_or_else(|| def.id.get_ref().clone()),
        label: def.label.clone().unwrap_or_else(|| title.clone()),
        title,
        headings,
        order: def.order.clone(),
        require_body: def.require_body,
        must_mention: def.must_mention.clone(),
        order_severity: def.order_severity.unwrap_or(crate::rule::Severity::Warning),
        order_message: def.messages.order.clone().unwrap_or_else(|| section::DEFAULT_ORDER_MESSAGE.into()),
        empty_message: def.messages.empty.clone().unwrap_or_else(|| section::DEFAULT_EMPTY_MESSAGE.into()),
        mention_message: def.messages.mention.clone().unwrap_or_else(|| section::DEFAULT_MENTION_MESSAGE.into()),
    })
}

/// Rejects fields of another kind, which would otherwise be silently ignored.
fn check_fields_belong_to_kind(def: &RuleDef, kind: RuleKind) -> Result<(), String> {
    use RuleKind::*;
    let used: [(&str, bool, &[RuleKind]); 30] = [
        ("phrases", !def.phrases.is_empty(), &[Phrase]),
        ("patterns", !def.patterns.is_empty(), &[Phrase]),
        ("unless", !def.unless.is_empty(), &[Phrase]),
        ("replacement", def.replacement.is_some(), &[Phrase]),
        ("from_year", def.from_year.is_some(), &[Phrase]),
        ("entries", !def.entries.is_empty(), &[Typo]),
        ("boundary", def.boundary != schema::Boundary::None, &[Typo]),
        ("dictionaries", !def.dictionaries.is_empty(), &[Typo]),
        ("key", def.key.is_some(), &[Section]),
        ("title", def.title.is_some(), &[Section]),
        ("label", def.label.is_some(), &[Section]),
        ("headings", !def.headings.is_empty(), &[Section]),
        ("order", !def.order.is_empty(), &[Section]),
        ("require_body", def.require_body, &[Section]),
        ("must_mention", !def.must_mention.is_empty(), &[Section]),
        ("order_severity", def.order_severity.is_some(), &[Section]),
        ("check", def.check.is_some(), &[Punctuation, Numbering, Consistency, Artefact, Figures, Citation]),
        ("variants", !def.variants.is_empty(), &[Consistency]),
        ("events", !def.events.is_empty(), &[Consistency]),
        ("section", def.section.is_some(), &[Consistency, Figures, Citation]),
        ("catalogue", def.catalogue.is_some(), &[Citation]),
        ("confusables", def.confusables.is_some(), &[Citation]),
        ("min_per_1000", def.min_per_1000.is_some(), &[Figures]),
        ("surnames", def.surnames.is_some(), &[Privacy]),
        ("titles", !def.titles.is_empty(), &[Privacy]),
        ("known_names", !def.known_names.is_empty(), &[Privacy]),
        ("model", def.model.is_some(), &[Spelling]),
        ("threshold", def.threshold.is_some(), &[Spelling]),
        ("scope", def.scope.is_some(), &[Phrase, Typo, Spelling]),
        ("safe_fix", def.safe_fix.is_some(), &[Phrase, Typo, Spelling]),
    ];
    for (field, present, owners) in used {
        if present && !owners.contains(&kind) {
            let names: Vec<&str> = owners.iter().map(|k| k.as_str()).collect();
            return Err(format!(
                "字段 {field} 只用于 kind = \"{}\" 的规则，不能用于 \"{}\"",
                names.join("\"、\""),
                kind.as_str()
            ));
        }
    }
    Ok(())
}
