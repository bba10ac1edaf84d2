//! Findings about copied text, which need more than one document: passages
//! shared between the reports checked together (`copy.shared`), and passages
//! carried over from last year's report (`copy.previous-year`), worst of all
//! last year's plans repeated as this year's (`copy.previous-plans`).
//! The matching itself is `gwlint_rules::copies`.

use crate::output::FileReport;
use gwlint_rules::copies::{FixedWording, Shared, find_shared};
use gwlint_rules::{Document, Finding, Severity};
use std::path::Path;

/// The section key of the plans part in the default pack.
const PLANS: &str = "plans";

fn finding(rule: &str, severity: Severity, doc: &Document, shared: &Shared, message: String) -> Finding {
    Finding {
        rule: rule.to_string(),
        severity,
        message,
        range: shared.here.clone(),
        text: doc.slice(&shared.here).to_string(),
        fixes: Vec::new(),
        related: Vec::new(),
    }
}

fn line_of(doc: &Document, offset: usize) -> usize {
    doc.lines.line_col(&doc.text, offset).0
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule)));
}

/// Adds `copy.shared` findings to each report that shares passages with another.
pub fn add_shared_passages(reports: &mut [FileReport]) {
    if reports.len() < 2 {
        return;
    }
    // Body paragraphs only: the title, addressee and headings follow fixed patterns.
    let texts: Vec<(&str, Vec<std::ops::Range<usize>>)> =
        reports.iter().map(|r| (r.doc.text.as_str(), r.doc.body_ranges().to_vec())).collect();
    let shared = find_shared(&texts, &FixedWording::default());
    let mut added: Vec<Vec<Finding>> = Vec::new();
    for (i, passages) in shared.iter().enumerate() {
        let doc = &reports[i].doc;
        // One finding per passage, however many reports share it: a folder of
        // near-identical reports would otherwise get one per pair.
        let mut by_place: Vec<(&Shared, Vec<&Shared>)> = Vec::new();
        for s in passages {
            match by_place.iter_mut().find(|(first, _)| first.here == s.here) {
                Some((_, others)) => others.push(s),
                None => by_place.push((s, vec![s])),
            }
        }
        let found = by_place
            .into_iter()
            .map(|(first, all)| {
                let other = &reports[first.other];
                let place = format!("{} 第{}行", other.path.display(), line_of(&other.doc, first.there.start));
                let whom = if all.len() == 1 { place } else { format!("{place}等{}份报告", all.len()) };
                let message =
                    format!("这段文字（{}字）与 {whom}的一段相同：各单位的报告应写本单位的实际情况", first.chars);
                finding("copy.shared", Severity::Info, doc, first, message)
            })
            .collect();
        added.push(found);
    }
    for (report, found) in reports.iter_mut().zip(added) {
        report.findings.extend(found);
        sort(&mut report.findings);
    }
}

/// Adds findings about text carried over from last year's report.
pub fn add_previous_year(report: &mut FileReport, previous: &Document, previous_path: &Path) {
    let this_plans = report.linter.section_range(&report.doc, PLANS);
    let last_plans = report.linter.section_range(previous, PLANS);
    let texts = [
        (report.doc.text.as_str(), report.doc.body_ranges().to_vec()),
        (previous.text.as_str(), previous.body_ranges().to_vec()),
    ];
    let shared = find_shared(&texts, &FixedWording::default());
    let inside = |range: &Option<std::ops::Range<usize>>, span: &std::ops::Range<usize>| {
        range.as_ref().is_some_and(|r| r.start <= span.start && span.end <= r.end)
    };
    let mut found = Vec::new();
    for s in &shared[0] {
        let line = line_of(previous, s.there.start);
        let name = previous_path.display();
        let f = if inside(&this_plans, &s.here) && inside(&last_plans, &s.there) {
            let message = format!(
                "去年的“下一年度安排”原样写进了今年的安排（与 {name} 第{line}行相同，{}字）：今年的安排应当写新的任务",
                s.chars
            );
            finding("copy.previous-plans", Severity::Warning, &report.doc, s, message)
        } else {
            let message = format!("这段文字（{}字）与去年的报告 {name} 第{line}行相同", s.chars);
            finding("copy.previous-year", Severity::Info, &report.doc, s, message)
        };
        found.push(f);
    }
    report.findings.extend(found);
    sort(&mut report.findings);
}
