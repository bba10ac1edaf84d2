//! The `copy` rules for a `gwlint check` run: they need the whole batch (or
//! last year's report), so they run after every file is linted. What they find
//! and how the configuration applies is `gwlint_rules::across`; this adds their
//! findings to the file reports.

use crate::output::FileReport;
use gwlint_rules::across::{self, Report};
use gwlint_rules::{Document, Finding};
use std::path::{Path, PathBuf};

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule)));
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Adds the passages each report shares with another of the run.
pub fn add_shared_passages(reports: &mut [FileReport]) {
    let paths: Vec<PathBuf> = reports.iter().map(|r| absolute(&r.path)).collect();
    let batch: Vec<Report> = reports
        .iter()
        .zip(&paths)
        .map(|(r, path)| Report {
            doc: &r.doc,
            parts: &r.parts,
            name: r.path.display().to_string(),
            path: Some(path),
            linter: &r.linter,
        })
        .collect();
    let found = across::shared_passages(&batch);
    for (report, found) in reports.iter_mut().zip(found) {
        report.findings.extend(found);
        sort(&mut report.findings);
    }
}

/// Adds the findings about text carried over from last year's report.
pub fn add_previous_year(report: &mut FileReport, previous: &Document, previous_path: &Path) {
    let path = absolute(&report.path);
    let this = Report {
        doc: &report.doc,
        parts: &report.parts,
        name: report.path.display().to_string(),
        path: Some(&path),
        linter: &report.linter,
    };
    let found = across::carried_over(&this, previous, &previous_path.display().to_string());
    report.findings.extend(found);
    sort(&mut report.findings);
}
