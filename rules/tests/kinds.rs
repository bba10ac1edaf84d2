//! Each rule kind, on small packs written for the test: cases that fire and
//! cases that must not.

use gwlint_rules::fix::apply_fixes;
use gwlint_rules::{Config, Document, Finding, Format, Linter, load_pack};

const HEAD: &str = r#"
[pack]
id = "test"
title = "测试"
version = "1"
description = "测试包"
"#;

/// A rule table with the shared fields filled in; `body` adds the rest.
fn rule(id: &str, body: &str) -> String {
    format!("[[rule]]\nid = \"{id}\"\nseverity = \"warning\"\nexplanation = \"说明\"\nsource = \"来源\"\n{body}\n")
}

fn linter(rules: &str, config: &Config) -> Linter {
    let source = format!("{HEAD}\n{rules}");
    let pack = load_pack("test.toml", &source)
        .unwrap_or_else(|errors| panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")));
    Linter::new(vec![pack], config).0
}

fn lint(linter: &Linter, text: &str) -> Vec<Finding> {
    linter.lint(&Document::parse(text, Format::Text))
}

fn texts(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.text.as_str()).collect()
}

// ------------------------------------------------------------------ typo

fn typo_linter(extra: &str) -> Linter {
    let body = format!(
        "kind = \"typo\"\nmessage = \"“{{text}}”应为“{{replacement}}”\"\nspecs.fire = [\"一、法制宣传\"]\n{extra}\n[rule.entries]\n\"法制宣传\" = \"法治宣传\"\n\"法制宣传教育\" = \"法治宣传教育\"\n\"法制\" = \"法治\"\n"
    );
    linter(&rule("typo.t", &body), &Config::default())
}

#[test]
fn typo_prefers_the_longest_entry_and_offers_its_replacement() {
    let findings = lint(&typo_linter(""), "加强法制宣传教育。");
    assert_eq!(texts(&findings), ["法制宣传教育"]);
    assert_eq!(findings[0].message, "“法制宣传教育”应为“法治宣传教育”");
    assert_eq!(apply_fixes("加强法制宣传教育。", &findings, true).0, "加强法治宣传教育。");
}

#[test]
fn typo_without_boundary_check_fires_inside_longer_words() {
    let findings = lint(&typo_linter(""), "坚持实施了党委中心组学法制度。");
    assert_eq!(texts(&findings), ["法制"]);
}

#[test]
fn typo_with_word_boundaries_skips_hits_inside_longer_words() {
    let linter = typo_linter("boundary = \"word\"");
    assert!(lint(&linter, "坚持实施了党委中心组学法制度。").is_empty());
    assert_eq!(texts(&lint(&linter, "注重农村法制宣传教育。")), ["法制宣传教育"]);
}

#[test]
fn typo_scope_limits_where_it_looks() {
    let linter = typo_linter("scope = \"headings\"");
    let text = "一、法制宣传工作\n全年开展法制宣传3次。\n";
    let findings = lint(&linter, text);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].range.start, text.find("法制宣传工作").unwrap());
}

#[test]
fn typo_allow_list_keeps_a_word_quiet() {
    let config = Config { allow: vec!["学法制度".into()], ..Config::default() };
    let body = "kind = \"typo\"\nmessage = \"m\"\nspecs.fire = [\"法制\"]\n[rule.entries]\n\"法制\" = \"法治\"\n";
    let linter = linter(&rule("typo.t", body), &config);
    assert!(lint(&linter, "党委中心组学法制度。").is_empty());
    assert_eq!(texts(&lint(&linter, "法制建设。")), ["法制"]);
}

// ------------------------------------------------------------------ phrase

fn vague_linter(extra: &str) -> Linter {
    let body = format!(
        "kind = \"phrase\"\nmessage = \"“{{text}}”空泛\"\npatterns = ['取得了?显著成效']\nunless = [\"sentence-has-figure\"]\nspecs.fire = [\"取得了显著成效。\"]\n{extra}"
    );
    linter(&rule("phrase.t", &body), &Config::default())
}

#[test]
fn phrase_fires_alone_and_not_beside_a_figure_in_the_same_sentence() {
    let linter = vague_linter("");
    assert_eq!(texts(&lint(&linter, "法治宣传取得了显著成效。")), ["取得了显著成效"]);
    assert!(lint(&linter, "调处矛盾纠纷50件，取得显著成效。").is_empty());
    // The figure must be in the same sentence, not the one before.
    assert_eq!(texts(&lint(&linter, "调处矛盾纠纷50件。取得显著成效。")), ["取得显著成效"]);
    // A year, a date or an ordinal is not a figure.
    assert_eq!(lint(&linter, "2023年12月，第一季度取得显著成效。").len(), 1);
}

#[test]
fn phrase_scope_body_skips_headings_and_title() {
    let linter = vague_linter("scope = \"body\"");
    let text = "关于取得显著成效的报告\n一、取得显著成效\n（一）加强领导。取得显著成效。\n";
    let findings = lint(&linter, text);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].range.start, text.rfind("取得显著成效").unwrap());
}

#[test]
fn phrase_scope_section_looks_only_inside_that_section() {
    let sections = section_rules();
    let phrase = rule(
        "phrase.t",
        "kind = \"phrase\"\nmessage = \"m\"\nphrases = [\"一定会\"]\nscope = \"section:plans\"\nspecs.fire = [\"一、下一年度安排\\n工作一定会更好。\"]\n",
    );
    let linter = linter(&format!("{sections}\n{phrase}"), &Config::default());
    let text = "一、主要举措和成效\n工作一定会更好。\n二、下一年度安排\n工作一定会更好。\n";
    let findings: Vec<Finding> = lint(&linter, text).into_iter().filter(|f| f.rule == "phrase.t").collect();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].range.start, text.rfind("一定会").unwrap());
}

#[test]
fn phrase_replacement_can_use_groups() {
    let body = "kind = \"phrase\"\nscope = \"document\"\nmessage = \"m\"\npatterns = ['(\\d{4})度']\nreplacement = '${1}年度'\nspecs.fixed = [{ from = \"2023度工作\", to = \"2023年度工作\" }]\n";
    let linter = linter(&rule("phrase.t", body), &Config::default());
    let findings = lint(&linter, "一、2023度主要举措");
    assert_eq!(apply_fixes("一、2023度主要举措", &findings, false).0, "一、2023年度主要举措");
}

#[test]
fn a_group_named_at_is_what_a_phrase_finding_points_at_and_its_fix_replaces() {
    // The pattern reads the characters around 三会一课 to know it is unquoted; the finding
    // and its fix are the slogan's alone, with or without a replacement template.
    let text = "落实三会一课制度。";
    let at = text.find("三会一课").unwrap();
    let with_fix = "kind = \"phrase\"\nscope = \"document\"\nmessage = \"“{text}”\"\npatterns = ['([^“]|^)(?P<at>三会一课)([^”]|$)']\nreplacement = '$1“$2”$3'\nspecs.fire = [\"落实三会一课制度\"]\n";
    let findings = lint(&linter(&rule("phrase.t", with_fix), &Config::default()), text);
    assert_eq!(texts(&findings), ["三会一课"]);
    assert_eq!(findings[0].message, "“三会一课”");
    assert_eq!(findings[0].fixes[0].title, "改为“三会一课”");
    assert_eq!(findings[0].fixes[0].edits[0].range, at..at + "三会一课".len(), "the fix leaves 实 and 制 alone");
    assert_eq!(apply_fixes(text, &findings, false).0, "落实“三会一课”制度。");
    let without_fix = "kind = \"phrase\"\nscope = \"document\"\nmessage = \"m\"\npatterns = ['([^“]|^)(?P<at>三会一课)([^”]|$)']\nspecs.fire = [\"落实三会一课制度\"]\n";
    assert_eq!(texts(&lint(&linter(&rule("phrase.t", without_fix), &Config::default()), text)), ["三会一课"]);
}

#[test]
fn phrase_not_after_and_not_before_keep_a_match_quiet_beside_those_words() {
    let body = "kind = \"phrase\"\nscope = \"document\"\nmessage = \"m\"\nphrases = [\"法治思想\"]\nnot_after = [\"习近平\"]\nnot_before = [\"观念\"]\nspecs.fire = [\"学习法治思想\"]\n";
    let linter = linter(&rule("phrase.t", body), &Config::default());
    assert_eq!(texts(&lint(&linter, "学习法治思想，贯彻习近平法治思想，树立法治思想观念。")), ["法治思想"]);
    // An empty word would silence every match: a load error, not a quiet rule.
    let body = "kind = \"phrase\"\nmessage = \"m\"\nphrases = [\"甲\"]\nnot_after = [\"\"]\nspecs.fire = [\"甲\"]\n";
    let errors = load_pack("test.toml", &format!("{HEAD}\n{}", rule("phrase.t", body))).unwrap_err();
    assert!(errors.iter().any(|e| e.to_string().contains("not_after")), "{errors:?}");
}

#[test]
fn phrase_patterns_each_report_their_own_matches_paragraph_by_paragraph() {
    // Overlapping matches of two patterns reported once, a paragraph that only
    // the last pattern matches; the same with two patterns sharing a group name
    // (which cannot be joined into one alternation).
    let text = "效率大大提高了。\n无关的一段。\n成效显著。\n提高了质量，成效显著。";
    let third = text.find("提高了质量").unwrap();
    let expected_starts = [6, text.find("成效").unwrap(), third, third + text[third..].find("成效").unwrap()];
    for patterns in ["'大大提高', '提高了', '成效显著'", "'大大提高', '(?<w>提高)了', '(?<w>成效)显著'"]
    {
        let body = format!(
            "kind = \"phrase\"\nscope = \"document\"\nmessage = \"m\"\npatterns = [{patterns}]\nspecs.fire = [\"成效显著\"]\n"
        );
        let linter = linter(&rule("phrase.t", &body), &Config::default());
        let findings = lint(&linter, text);
        assert_eq!(texts(&findings), ["大大提高", "成效显著", "提高了", "成效显著"], "{patterns}");
        let starts: Vec<usize> = findings.iter().map(|f| f.range.start).collect();
        assert_eq!(starts, expected_starts, "{patterns}");
    }
}

// ------------------------------------------------------------------ section

fn section_rules() -> String {
    let mut rules = String::from(
        "[[pack.profiles]]\nid = \"regulation\"\ntitle = \"规定顺序\"\n\n[[pack.profiles]]\nid = \"local\"\ntitle = \"本地顺序\"\n\n",
    );
    let parts = [
        ("measures", "主要举措和成效", "举措", 1, 2, ""),
        ("shortfalls", "存在的不足和原因", "不足", 2, 3, "must_mention = [\"原因\"]\n"),
        ("duty", "第一责任人职责情况", "第一责任人", 3, 1, ""),
        ("plans", "下一年度安排", "下一年度", 4, 4, ""),
    ];
    for (key, title, pattern, regulation, local, extra) in parts {
        let body = format!(
            "kind = \"section\"\nkey = \"{key}\"\ntitle = \"{title}\"\nheadings = ['{pattern}']\norder = {{ regulation = {regulation}, local = {local} }}\nrequire_body = true\nmessage = \"缺少“{{title}}”\"\n{extra}specs.fire = [\"无关\"]\n"
        );
        rules.push_str(&rule(&format!("section.{key}"), &body));
    }
    rules
}

fn section_linter(profile: Option<&str>) -> Linter {
    let config = Config { profile: profile.map(String::from), ..Config::default() };
    linter(&section_rules(), &config)
}

fn messages(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.message.as_str()).collect()
}

const COMPLETE: &str = "一、主要举措和成效\n办案3件。\n二、存在的不足和原因\n原因是人少。\n三、第一责任人职责情况\n开会2次。\n四、下一年度安排\n继续。\n";

#[test]
fn a_complete_report_in_order_has_no_section_findings() {
    assert!(lint(&section_linter(None), COMPLETE).is_empty());
}

#[test]
fn a_missing_section_is_reported_where_it_belongs_with_a_heading_fix() {
    let text =
        COMPLETE.replace("二、存在的不足和原因\n原因是人少。\n", "").replace("三、", "二、").replace("四、", "三、");
    let findings = lint(&section_linter(None), &text);
    assert_eq!(messages(&findings), ["缺少“存在的不足和原因”"]);
    let at = text.find("二、第一责任人").unwrap();
    assert_eq!(findings[0].range, at..at);
    let fix = &findings[0].fixes[0];
    assert!(!fix.safe, "inserting an empty section needs a person");
    let fixed = apply_fixes(&text, &findings, false).0;
    // The parts after it are numbered on, so that no two headings share a number.
    assert!(
        fixed.contains("办案3件。\n二、存在的不足和原因\n三、第一责任人职责情况\n开会2次。\n四、下一年度安排"),
        "{fixed}"
    );
}

#[test]
fn a_missing_last_section_is_inserted_after_the_last_one() {
    let text = COMPLETE.replace("四、下一年度安排\n继续。\n", "");
    let findings = lint(&section_linter(None), &text);
    assert_eq!(messages(&findings), ["缺少“下一年度安排”"]);
    let fixed = apply_fixes(&text, &findings, false).0;
    assert!(fixed.ends_with("开会2次。\n四、下一年度安排\n"), "{fixed}");
}

#[test]
fn order_is_judged_against_the_profile_in_use() {
    let duty_first = "一、第一责任人职责情况\n开会2次。\n二、主要举措和成效\n办案3件。\n三、存在的不足和原因\n原因是人少。\n四、下一年度安排\n继续。\n";
    let findings = lint(&section_linter(Some("regulation")), duty_first);
    assert_eq!(messages(&findings), ["“第一责任人职责情况”部分的位置不符合规定顺序：应排在“存在的不足和原因”之后"]);
    assert_eq!(findings[0].severity, gwlint_rules::Severity::Warning);
    assert_eq!(findings[0].related.len(), 1);
    assert!(lint(&section_linter(Some("local")), duty_first).is_empty());
    assert_eq!(lint(&section_linter(Some("local")), COMPLETE).len(), 1);
}

#[test]
fn an_empty_section_and_a_section_missing_its_words_are_reported() {
    let text = COMPLETE.replace("办案3件。\n", "").replace("原因是人少。", "人少。");
    let findings = lint(&section_linter(None), &text);
    assert_eq!(messages(&findings), ["“主要举措和成效”部分没有内容", "“存在的不足和原因”部分应写到“原因”"]);
}

#[test]
fn only_top_level_headings_count_as_parts() {
    let text = COMPLETE.replace("办案3件。", "（一）存在的不足\n办案3件。");
    assert!(lint(&section_linter(None), &text).is_empty());
}

#[test]
fn section_written_as_needs_an_embedded_part() {
    // `written_as` says where an embedded part may also be written; on a part
    // that must have a heading of its own it would silently do nothing.
    let body = "kind = \"section\"\ntitle = \"甲\"\nheadings = ['甲']\nwritten_as = ['乙']\nmessage = \"m\"\nspecs.fire = [\"丙\"]\n";
    let errors = load_pack("test.toml", &format!("{HEAD}\n{}", rule("section.t", body))).unwrap_err();
    assert!(errors.iter().any(|e| e.to_string().contains("written_as")), "{errors:?}");
}
