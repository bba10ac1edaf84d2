//! The editor features over a lint (`gwlint_rules::ide`) and the facts a lint
//! returns with its findings (`Linter::analyse`): what the language server
//! converts into hovers, outline symbols and completion items.

use gwlint_rules::engine::LintCache;
use gwlint_rules::ide::{self, CompletionKind};
use gwlint_rules::{Config, Document, Format, Linter, builtin};

const DRAFT: &str = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）加强领导。成立领导小组。\n（二）严格执法。全年办案30件。\n\n";

fn linter() -> Linter {
    Linter::new(builtin::packs().expect("built-in packs load").to_vec(), &Config::default()).0
}

#[test]
fn a_lint_returns_the_findings_of_lint_and_the_parts_it_found() {
    let linter = linter();
    let doc = Document::parse(DRAFT.to_string(), Format::Text);
    let lint = linter.analyse(&doc, None, None);
    assert_eq!(lint.findings, linter.lint(&doc));
    // The same parts as found without a lint; the lint also says which order profile judged them.
    assert_eq!(lint.parts.claims(), linter.parts(&doc).claims());
    assert_eq!(lint.parts.profile().map(|p| p.id.as_str()), Some("regulation"));
    let cached = linter.analyse(&doc, None, Some(&mut LintCache::new()));
    assert_eq!((cached.findings, cached.parts), (lint.findings, lint.parts.clone()));
    // The one part the draft has is claimed by the rule of that key, the others are missing.
    let measures = lint.parts.section("measures").expect("主要举措和成效 is found");
    assert_eq!(doc.heading_title(doc.sections[measures].heading), "主要举措和成效");
    assert_eq!(lint.parts.claim_of(measures).map(|c| c.key.as_str()), Some("measures"));
    assert_eq!(lint.parts.by_key().len(), 1);
    assert!(lint.parts.missing().count() >= 3);
    assert!(lint.parts.missing().all(|c| c.key != "measures" && c.section.is_none()));
    let range = linter.section_range(&doc, "measures").expect("range");
    assert_eq!(range, doc.sections[measures].range);
}

#[test]
fn completion_offers_the_next_ordinals_then_the_missing_parts() {
    let linter = linter();
    let doc = Document::parse(DRAFT.to_string(), Format::Text);
    let lint = linter.analyse(&doc, None, None);
    let end = doc.text.len();
    let completions = ide::completions(&doc, &linter, &lint, end, end);
    let labels: Vec<&str> = completions.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels[..3], ["（三）", "二、", "1."], "{labels:?}");
    assert!(completions[..3].iter().all(|c| c.kind == CompletionKind::Ordinal && c.replace == (end..end)));
    let part = completions.iter().find(|c| c.label == "二、推进法治政府建设存在的不足和原因").expect("missing part");
    assert_eq!(part.kind, CompletionKind::Part);
    assert!(!labels.iter().any(|l| l.ends_with("主要举措和成效")), "present parts are not offered: {labels:?}");
    // What is typed narrows the offer, and is what a completion replaces.
    let text = format!("{DRAFT}  （");
    let doc = Document::parse(text.clone(), Format::Text);
    let lint = linter.analyse(&doc, None, None);
    let completions = ide::completions(&doc, &linter, &lint, DRAFT.len(), text.len());
    let labels: Vec<&str> = completions.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["（三）"]);
    assert_eq!(completions[0].replace, DRAFT.len() + 2..text.len());
}

#[test]
fn the_outline_nests_points_under_parts_and_names_the_required_ones() {
    let linter = linter();
    let text = format!("{DRAFT}二、典型案例\n无。\n");
    let doc = Document::parse(text, Format::Text);
    let lint = linter.analyse(&doc, None, None);
    let outline = ide::outline(&doc, &linter, &lint);
    let names: Vec<&str> = outline.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["一、主要举措和成效", "二、典型案例"]);
    assert!(outline[0].top_level && !outline[0].children[0].top_level);
    let children: Vec<&str> = outline[0].children.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(children, ["（一）加强领导", "（二）严格执法"]);
    assert!(outline[0].detail.as_deref().is_some_and(|d| d.starts_with("必备部分：")), "{:?}", outline[0].detail);
    assert_eq!(outline[1].detail, None);
    assert_eq!(doc.slice(&outline[0].heading), "一、主要举措和成效");
}

#[test]
fn hover_over_a_heading_tells_what_the_part_needs_or_what_is_missing() {
    let linter = linter();
    let text = format!("{DRAFT}二、典型案例\n无。\n");
    let doc = Document::parse(text.clone(), Format::Text);
    let lint = linter.analyse(&doc, None, None);
    let at = |heading: &str| text.find(heading).expect("heading") + 1;
    let required = ide::hover(&doc, &linter, &lint, at("一、主要举措")).expect("hover");
    assert!(required.markdown.starts_with("**必备部分："), "{}", required.markdown);
    assert_eq!(doc.slice(&required.range), "一、主要举措和成效");
    let other = ide::hover(&doc, &linter, &lint, at("二、典型")).expect("hover");
    assert!(other.markdown.starts_with("此标题不对应规则包中的任何必备部分。"), "{}", other.markdown);
    assert!(other.markdown.contains("报告尚缺的必备部分："), "{}", other.markdown);
    assert_eq!(ide::hover(&doc, &linter, &lint, at("成立领导小组")), None);
}
