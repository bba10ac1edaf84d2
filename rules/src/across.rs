//! Rules judged across documents: the `copy` kind ([`crate::rule::copy`]).
//!
//! A linter lints one document; what several reports share needs the batch.
//! [`shared_passages`] runs each report's `copy` `shared` rule against the
//! other reports of a run, [`carried_over`] a report's `previous-year` and
//! `previous-plans` rules against last year's report. Each report is judged
//! by its own linter: a rule it disabled reports nothing, its severity is the
//! configured one, and `allow` and `[[ignore]]` apply as to any finding
//! ([`Linter::keep_reportable`]).

use crate::copies::{Compared, FixedWording, Shared, find_shared};
use crate::document::{Document, Format};
use crate::engine::Linter;
use crate::rule::copy::{CopyCheck, CopyRule};
use crate::rule::section::Parts;
use crate::rule::{Finding, Matcher, Rule, fill};
use std::path::Path;
use std::sync::LazyLock;

/// One report of a batch.
pub struct Report<'a> {
    pub doc: &'a Document,
    /// The required parts its lint found ([`crate::engine::Lint::parts`]).
    pub parts: &'a Parts,
    /// How the other reports' findings name it (its path as given).
    pub name: String,
    /// Its file, for `[[ignore]]` entries that name one.
    pub path: Option<&'a Path>,
    pub linter: &'a Linter,
}

/// The linter's `copy` rule that makes `check`, if it has one in force.
fn copy_rule(linter: &Linter, check: CopyCheck) -> Option<(&Rule, &CopyRule)> {
    linter.rules().iter().find_map(|rule| match &rule.matcher {
        Matcher::Copy(copy) if copy.check == check => Some((rule, copy)),
        _ => None,
    })
}

static NO_WORDING: LazyLock<FixedWording> = LazyLock::new(FixedWording::default);

fn line_of(doc: &Document, offset: usize) -> usize {
    doc.lines.line_col(&doc.text, offset).0
}

/// For each report, its `copy.shared`-style findings: the passages of its own
/// that another report of the batch also has. One finding per place, however
/// many reports share it (a folder of near-identical reports would otherwise
/// get one per pair); a passage inside a longer one shared with another report
/// is counted with it.
pub fn shared_passages(reports: &[Report]) -> Vec<Vec<Finding>> {
    let mut out = vec![Vec::new(); reports.len()];
    let rules: Vec<Option<(&Rule, &CopyRule)>> =
        reports.iter().map(|r| copy_rule(r.linter, CopyCheck::Shared)).collect();
    if reports.len() < 2 || rules.iter().all(Option::is_none) {
        return out;
    }
    // Body paragraphs only: the title, addressee and headings follow fixed patterns.
    let texts: Vec<Compared> = reports
        .iter()
        .zip(&rules)
        .map(|(report, rule)| Compared {
            text: &report.doc.text,
            ranges: report.doc.body_ranges().to_vec(),
            wording: rule.map_or(&NO_WORDING, |(_, copy)| &copy.wording),
        })
        .collect();
    for (i, passages) in find_shared(&texts).into_iter().enumerate() {
        let (Some((rule, _)), report) = (rules[i], &reports[i]) else { continue };
        let found = grouped(passages)
            .into_iter()
            .map(|(longest, others)| {
                let other = &reports[longest.other];
                let place = format!("{} 第{}行", other.name, line_of(other.doc, longest.there.start));
                let whom = if others == 1 { place } else { format!("{place}等{others}份报告") };
                let chars = longest.chars.to_string();
                let message = fill(&rule.meta.message, &[("chars", &chars), ("whom", &whom)]);
                rule.finding(report.doc, longest.here.clone(), message)
            })
            .collect();
        out[i] = report.linter.keep_reportable(report.doc, found, report.path);
    }
    out
}

/// Passages grouped by place: each passage not inside a longer one, with how
/// many other reports share it or a part of it.
fn grouped(mut passages: Vec<Shared>) -> Vec<(Shared, usize)> {
    passages.sort_by_key(|s| (s.here.start, std::cmp::Reverse(s.here.end)));
    let mut groups: Vec<(Shared, Vec<usize>)> = Vec::new();
    for passage in passages {
        match groups
            .iter_mut()
            .rev()
            .find(|(g, _)| g.here.start <= passage.here.start && passage.here.end <= g.here.end)
        {
            Some((_, others)) => {
                if !others.contains(&passage.other) {
                    others.push(passage.other);
                }
            }
            None => {
                let other = passage.other;
                groups.push((passage, vec![other]));
            }
        }
    }
    groups.into_iter().map(|(longest, others)| (longest, others.len())).collect()
}

/// A report's findings about text carried over from last year's report
/// (`previous`, named `previous_name`): last year's plans repeated as this
/// year's plans (`previous-plans`), any other passage (`previous-year`).
pub fn carried_over(report: &Report, previous: &Document, previous_name: &str) -> Vec<Finding> {
    let year = copy_rule(report.linter, CopyCheck::PreviousYear);
    let plans = copy_rule(report.linter, CopyCheck::PreviousPlans);
    let Some((_, any)) = year.or(plans) else { return Vec::new() };
    let (this_plans, last_plans) = match plans {
        Some((_, copy)) => (
            report.parts.section(&copy.plans_section).map(|s| report.doc.sections[s].range.clone()),
            // Last year's report is compared, never linted: its parts are found here.
            report.linter.section_range(previous, &copy.plans_section),
        ),
        None => (None, None),
    };
    let texts = [
        Compared { text: &report.doc.text, ranges: report.doc.body_ranges().to_vec(), wording: &any.wording },
        Compared { text: &previous.text, ranges: previous.body_ranges().to_vec(), wording: &any.wording },
    ];
    let inside = |range: &Option<std::ops::Range<usize>>, span: &std::ops::Range<usize>| {
        range.as_ref().is_some_and(|r| r.start <= span.start && span.end <= r.end)
    };
    let mut found = Vec::new();
    for s in find_shared(&texts).swap_remove(0) {
        let in_plans = inside(&this_plans, &s.here) && inside(&last_plans, &s.there);
        let Some((rule, _)) = (if in_plans { plans.or(year) } else { year }) else { continue };
        let line = line_of(previous, s.there.start).to_string();
        let chars = s.chars.to_string();
        let values = [("chars", chars.as_str()), ("name", previous_name), ("line", line.as_str())];
        found.push(rule.finding(report.doc, s.here.clone(), fill(&rule.meta.message, &values)));
    }
    report.linter.keep_reportable(report.doc, found, report.path)
}

/// The line that separates the documents of a `copy` rule's spec: the report
/// first, then the other reports (`shared`) or last year's report.
pub const SPEC_SEPARATOR: &str = "\n---\n";

/// What `rule` (a `copy` rule of `linter`) reports on a spec text; `None` for
/// a rule of another kind, whose specs are one document.
pub fn spec_findings(linter: &Linter, rule: &Rule, spec: &str) -> Option<Vec<Finding>> {
    let Matcher::Copy(copy) = &rule.matcher else { return None };
    let docs: Vec<Document> = spec.split(SPEC_SEPARATOR).map(|text| Document::parse(text, Format::Text)).collect();
    let parts: Vec<Parts> = docs.iter().map(|doc| linter.parts(doc)).collect();
    let reports: Vec<Report> = docs
        .iter()
        .zip(&parts)
        .enumerate()
        .map(|(i, (doc, parts))| Report { doc, parts, name: format!("示例{}", i + 1), path: None, linter })
        .collect();
    let findings = match (copy.check, docs.get(1)) {
        (CopyCheck::Shared, _) => shared_passages(&reports).swap_remove(0),
        (_, Some(previous)) => carried_over(&reports[0], previous, "去年的报告"),
        (_, None) => Vec::new(),
    };
    Some(findings.into_iter().filter(|f| f.rule == rule.meta.id).collect())
}
