//! A report's scorecard: the overview a reviewer reads before the findings.
//!
//! Computed from the parsed [`Document`], what the linter learned in its lint
//! (the required parts it found, [`Parts`], and the findings — as they stand,
//! which may include findings made after the lint), and the linter's own rules
//! (so a workspace's packs and settings apply):
//!
//! - **parts**: for each `section` rule, in the order of the profile in use,
//!   whether its part is present, missing or out of order (from the
//!   [`Parts`] and the rule's findings: an order finding is the one
//!   pointing at the part it should follow or precede), with the heading found
//!   and the other problems the rule reported (empty, a word it lacks);
//! - **findings** by severity and by rule;
//! - **figures** per 1,000 characters of the part the `figures` density rule
//!   looks at (主要举措和成效 in the built-in pack), via
//!   [`figures::section_density`];
//! - **title, addressee, signature, date**: present or not, and their text.

use crate::document::Document;
use crate::engine::Linter;
use crate::rule::figures::{self, FiguresRule};
use crate::rule::section::Parts;
use crate::rule::{Finding, LintContext, Matcher, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub parts: Vec<Part>,
    pub severity: SeverityCounts,
    /// Findings per rule id.
    pub rules: BTreeMap<String, usize>,
    /// Figures in the part the density rule checks; absent when the report
    /// lacks that part or no rule says which part it is.
    pub figures: Option<FigureDensity>,
    pub title: Element,
    pub addressee: Element,
    pub signature: Element,
    pub date: Element,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartStatus {
    Present,
    Missing,
    OutOfOrder,
}

impl PartStatus {
    /// 有、缺、顺序不对.
    pub fn label_zh(self) -> &'static str {
        match self {
            PartStatus::Present => "有",
            PartStatus::Missing => "缺",
            PartStatus::OutOfOrder => "顺序不对",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The section rule's key (`measures`, `shortfalls`, …) and id.
    pub key: String,
    pub rule: String,
    /// The part's short name (主要举措和成效).
    pub label: String,
    pub status: PartStatus,
    /// The heading that was taken for this part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Byte offset of that heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// What else the rule says about the part (no body, a word it lacks).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub hint: usize,
}

impl SeverityCounts {
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info + self.hint
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureDensity {
    /// The part's key and short name.
    pub part: String,
    pub label: String,
    pub figures: usize,
    /// Non-blank characters of the part's body.
    pub characters: usize,
    /// Figures per 1,000 characters (one decimal).
    pub per_1000: f64,
    /// The least the density rule accepts, if one is in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Element {
    pub present: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The scorecard of `doc`, linted by `linter`, which found the required parts
/// `found` ([`crate::engine::Lint::parts`]) and reported `findings`.
pub fn compute(linter: &Linter, doc: &Document, found: &Parts, findings: &[Finding]) -> Scorecard {
    let mut parts = Vec::new();
    for claim in found.claims() {
        let (rule, s) = claim.rule(linter.rules());
        let own: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule.meta.id).collect();
        let (status, heading, offset) = match claim.section {
            None => (PartStatus::Missing, None, None),
            Some(section) => {
                let heading = &doc.headings[doc.sections[section].heading];
                // The order finding is the one on the heading that points at another part.
                let out_of_order = own.iter().any(|f| f.range == heading.range && !f.related.is_empty());
                let status = if out_of_order { PartStatus::OutOfOrder } else { PartStatus::Present };
                (status, Some(doc.slice(&heading.range).to_string()), Some(heading.range.start))
            }
        };
        let problems = match claim.section {
            None => Vec::new(),
            Some(_) => own.iter().filter(|f| f.related.is_empty()).map(|f| f.message.clone()).collect(),
        };
        parts.push(Part {
            key: s.key.clone(),
            rule: rule.meta.id.clone(),
            label: s.label.clone(),
            status,
            heading,
            offset,
            problems,
        });
    }
    if let Some(profile) = found.profile().or(linter.profile()) {
        let position = |key: &str| {
            found
                .claims()
                .iter()
                .map(|c| c.rule(linter.rules()).1)
                .filter(|s| s.key == key)
                .find_map(|s| s.order.get(&profile.id).copied())
        };
        parts.sort_by_key(|p| position(&p.key).unwrap_or(u32::MAX));
    }

    let mut severity = SeverityCounts::default();
    let mut rules = BTreeMap::new();
    for finding in findings {
        match finding.severity {
            Severity::Error => severity.error += 1,
            Severity::Warning => severity.warning += 1,
            Severity::Info => severity.info += 1,
            Severity::Hint => severity.hint += 1,
        }
        *rules.entry(finding.rule.clone()).or_insert(0) += 1;
    }

    let (density_key, minimum) = linter
        .rules()
        .iter()
        .find_map(|r| match &r.matcher {
            Matcher::Figures(FiguresRule::Density { section, min_per_1000, .. }) => {
                Some((section.clone(), Some(*min_per_1000)))
            }
            _ => None,
        })
        .unwrap_or_else(|| ("measures".to_string(), None));
    let sections = found.by_key();
    let figures = sections.get(&density_key).copied().map(|section| {
        let cx = LintContext::new(doc, sections.clone(), linter.figures(), None);
        let (figures, characters) = figures::section_density(&cx, section);
        let per_1000 =
            if characters == 0 { 0.0 } else { (figures as f64 * 10_000.0 / characters as f64).round() / 10.0 };
        let label = parts.iter().find(|p| p.key == density_key).map(|p| p.label.clone()).unwrap_or_default();
        FigureDensity { part: density_key.clone(), label, figures, characters, per_1000, minimum }
    });

    let element = |paragraph: Option<usize>| Element {
        present: paragraph.is_some(),
        text: paragraph.map(|p| doc.slice(&doc.paragraphs[p].range).to_string()),
    };
    let signature = if doc.signers.is_empty() {
        element(None)
    } else {
        let text: Vec<&str> = doc.signers.iter().map(|&p| doc.slice(&doc.paragraphs[p].range)).collect();
        Element { present: true, text: Some(text.join(" ")) }
    };
    Scorecard {
        parts,
        severity,
        rules,
        figures,
        title: element(doc.title),
        addressee: element(doc.addressee),
        signature,
        date: element(doc.date),
    }
}
