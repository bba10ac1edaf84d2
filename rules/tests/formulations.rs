//! The official-formulation tables of the built-in pack: a corrupted form must
//! never fire on correct text — not inside any correct formulation of the
//! tables, and not in sentences that use the formulations correctly.

use gwlint_rules::rule::Matcher;
use gwlint_rules::{Config, Document, Format, Linter, builtin};

const TABLES: [&str; 2] = ["typo.formulation-order", "typo.official-terms"];
const RULES: [&str; 4] =
    ["typo.formulation-order", "typo.official-terms", "phrase.zunfa-xuefa", "phrase.social-governance"];

fn entries() -> Vec<(String, String)> {
    let packs = builtin::packs().expect("built-in packs load");
    let mut out = Vec::new();
    for rule in packs.iter().flat_map(|p| p.rules.iter()) {
        if let (true, Matcher::Typo(typo)) = (TABLES.contains(&rule.meta.id.as_str()), &rule.matcher) {
            out.extend(typo.entries().map(|(w, r)| (w.to_string(), r.to_string())));
        }
    }
    assert!(out.len() > 100, "the formulation tables are loaded");
    out
}

fn findings(text: &str) -> Vec<(String, String)> {
    let packs = builtin::packs().expect("built-in packs load");
    let linter = Linter::new(packs.to_vec(), &Config::default()).0;
    linter
        .lint(&Document::parse(text, Format::Text))
        .into_iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
        .map(|f| (f.rule, f.text))
        .collect()
}

#[test]
fn no_corrupted_form_lies_inside_a_correct_form() {
    let entries = entries();
    for (wrong, _) in &entries {
        for (_, right) in &entries {
            assert!(!right.contains(wrong.as_str()), "“{wrong}” lies inside the correct “{right}”");
        }
    }
}

#[test]
fn every_correct_form_is_silent() {
    let mut rights: Vec<String> = entries().into_iter().map(|(_, r)| r).collect();
    rights.sort();
    rights.dedup();
    for right in rights {
        let sentence = format!("我局坚持{right}，取得成效。");
        assert_eq!(findings(&sentence), [], "{sentence}");
    }
}

#[test]
fn correct_formulations_in_running_text_are_silent() {
    let text = "关于2024年度法治政府建设情况的报告\n\
        2024年，我局深入学习贯彻党的二十大和二十届二中、三中全会精神，深入贯彻习近平总书记视察重庆重要讲话重要指示精神，\
        学习贯彻习近平总书记重要讲话和重要指示批示精神。\n\
        一、2024年法治政府建设工作情况\n\
        党政主要负责人认真履行推进法治建设第一责任人职责，加强法治政府建设；主要负责人是本单位推进法治建设第一责任人。\
        落实《党政主要负责人履行推进法治建设第一责任人职责规定》，推动领导干部带头尊法学法守法用法，\
        带头尊法、学法、守法、用法，组织学法用法考试、学法考法活动，引导群众学法懂法。\
        坚持严格规范公正文明执法，坚持严格、规范、公正、文明执法，全面推行重大执法决定法制审核制度。\
        深入实施“八五”普法规划，制定我局2024年普法计划和普法责任清单，学习《习近平法治思想学习纲要》\
        和《中华人民共和国突发事件应对法》等突发事件法律法规。加强和创新社会治理，履行社会管理和公共服务职能。\
        现将2024年度法治政府建设工作情况报告如下。\n";
    assert_eq!(findings(text), []);
}

#[test]
fn corrupted_forms_in_running_text_are_found() {
    let text = "关于2024年度法治政府建设情况的报告\n\
        局主要负责人履行法治政府建设第一责任人职责，带头学法、用法、尊法、守法，做到学法守法用法，\
        坚持严格规范公正执法，推进实施“八五”普法计划，贯彻党的二十大及历届全会精神，以加强和创新社会管理为重点。\n";
    let found: Vec<String> = findings(text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        found,
        [
            "法治政府建设第一责任人",
            "学法、用法、尊法、守法",
            "到学法守法用法",
            "严格规范公正执法",
            "“八五”普法计划",
            "二十大及历届全会",
            "加强和创新社会管理"
        ]
    );
}
