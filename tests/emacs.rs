//! Emacs as a real LSP client: `emacs --batch` loads the user-facing eglot
//! setup (`editors/emacs/gwlint.el`), opens a corpus report, and the
//! diagnostics Flymake ends up holding are compared with `gwlint check`.
//!
//! Needs `emacs` (Debian: `emacs-nox`) with eglot 1.9+ (`elpa-eglot`); CI
//! installs both, so a missing Emacs is a failure, not a skip.

mod common;

use common::{TempDir, corpus_reports, gwlint, repo_root};
use serde_json::Value;
use std::process::Command;

/// A finding as `gwlint check --format json` reports it.
struct Expected {
    rule: String,
    severity: String,
    message: String,
    line: u64,
    column: u64,
    empty: bool,
}

fn expected_findings(report: &std::path::Path) -> Vec<Expected> {
    let output = gwlint().args(["check", "--format", "json"]).arg(report).output().expect("gwlint runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| Expected {
            rule: f["rule"].as_str().unwrap().to_string(),
            severity: f["severity"].as_str().unwrap().to_string(),
            message: f["message"].as_str().unwrap().to_string(),
            line: f["line"].as_u64().unwrap(),
            column: f["column"].as_u64().unwrap(),
            empty: f["start_byte"] == f["end_byte"],
        })
        .collect()
}

/// Flymake's diagnostic types for LSP severities, as eglot 1.9 maps them.
fn flymake_type(severity: &str) -> &'static str {
    match severity {
        "error" => "eglot-error",
        "warning" => "eglot-warning",
        _ => "eglot-note",
    }
}

#[test]
fn eglot_shows_the_findings_of_a_corpus_report() {
    let emacs = Command::new("emacs").arg("--version").output();
    assert!(
        emacs.is_ok_and(|o| o.status.success()),
        "Emacs is not installed: apt-get install emacs-nox elpa-eglot (CI installs them)"
    );
    let source = corpus_reports().into_iter().next().expect("../shared/corpus has reports");
    let dir = TempDir::new("emacs");
    let report = dir.write("报告.txt", &std::fs::read_to_string(&source).expect("read report"));
    let out = dir.path().join("diagnostics.jsonl");
    let root = repo_root();

    let run = Command::new("emacs")
        .args(["--batch", "-q", "-l"])
        .arg(root.join("tests/emacs/diagnostics.el"))
        .arg(root.join("editors/emacs/gwlint.el"))
        .arg(env!("CARGO_BIN_EXE_gwlint"))
        .arg(&report)
        .arg(&out)
        // Keep Emacs from reading or writing the user's files.
        .env("HOME", dir.path())
        .output()
        .expect("emacs runs");
    assert!(run.status.success(), "emacs failed:\n{}", String::from_utf8_lossy(&run.stderr));

    let diagnostics: Vec<Value> = std::fs::read_to_string(&out)
        .expect("diagnostics written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let expected = expected_findings(&report);
    assert!(!expected.is_empty(), "the report has findings");
    assert_eq!(diagnostics.len(), expected.len(), "Emacs shows every finding, and only those: {diagnostics:#?}");
    for f in &expected {
        // eglot writes "SOURCE [CODE]: MESSAGE".
        let text = format!("gwlint [{}]: {}", f.rule, f.message);
        let found = diagnostics.iter().find(|d| {
            d["text"] == text.as_str()
                && d["line"] == f.line
                && d["type"] == flymake_type(&f.severity)
                // eglot widens an empty range (a missing part) to a word, so
                // only a finding with text has its column checked.
                && (f.empty || d["column"] == f.column)
        });
        assert!(found.is_some(), "no Emacs diagnostic for {text} at {}:{}; got {diagnostics:#?}", f.line, f.column);
    }
}
