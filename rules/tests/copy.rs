//! The `copy` rules, judged across documents (`gwlint_rules::across`), on
//! reports written for the tests.

use gwlint_rules::across::{Report, carried_over, shared_passages};
use gwlint_rules::{Config, Document, Format, Linter, builtin};

fn linter(config: &Config) -> Linter {
    Linter::new(builtin::packs().expect("built-in packs load").to_vec(), config).0
}

fn report(body: &str) -> String {
    format!("关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n{body}\n")
}

const OWN: &str = "全年在各村组织开展送法进村入户活动二十三场次覆盖群众八千余人";
const MORE: &str = "并为每个村配备一名法律顾问开展法律咨询服务";

#[test]
fn a_passage_inside_a_longer_one_shared_with_another_report_is_one_finding() {
    // A shares OWN with B, and OWN followed by MORE with C: one place in A.
    // (Four more reports of their own, so that three of seven is not "most
    // reports", which would make OWN a common formulation.)
    let mut texts = vec![
        report(&format!("甲局{OWN}{MORE}。")),
        report(&format!("乙乡{OWN}。另有安排。")),
        report(&format!("丙所{OWN}{MORE}。")),
    ];
    texts.extend(["丁", "戊", "己", "庚"].map(|unit| report(&format!("{unit}镇全年办理行政复议案件{unit}件。"))));
    let docs: Vec<Document> = texts.iter().map(|t| Document::parse(t.as_str(), Format::Text)).collect();
    let linter = linter(&Config::default());
    let parts: Vec<_> = docs.iter().map(|doc| linter.parts(doc)).collect();
    let batch: Vec<Report> = docs
        .iter()
        .zip(&parts)
        .enumerate()
        .map(|(i, (doc, parts))| Report { doc, parts, name: format!("{i}.txt"), path: None, linter: &linter })
        .collect();
    let found = shared_passages(&batch);
    let a: Vec<_> = found[0].iter().filter(|f| f.rule == "copy.shared").collect();
    assert_eq!(a.len(), 1, "{a:#?}");
    assert_eq!(a[0].text, format!("{OWN}{MORE}"));
    assert!(a[0].message.contains("等2份报告"), "{}", a[0].message);
    assert_eq!(found[1].len(), 1, "{:#?}", found[1]);
}

#[test]
fn a_disabled_rule_reports_nothing_and_last_years_plans_are_told_from_other_text() {
    let texts = [report(&format!("甲镇{OWN}。")), report(&format!("乙镇{OWN}。"))];
    let docs: Vec<Document> = texts.iter().map(|t| Document::parse(t.as_str(), Format::Text)).collect();
    let config: Config = toml::from_str("disable = [\"copy.shared\"]").expect("config");
    let off = linter(&config);
    let parts: Vec<_> = docs.iter().map(|doc| off.parts(doc)).collect();
    let batch: Vec<Report> = docs
        .iter()
        .zip(&parts)
        .map(|(doc, parts)| Report { doc, parts, name: "x.txt".into(), path: None, linter: &off })
        .collect();
    assert!(shared_passages(&batch).iter().all(Vec::is_empty));

    // The plans repeated from last year are copy.previous-plans; the rest copy.previous-year.
    let plans = "继续深入开展送法进村入户活动全年组织法治讲座不少于十二场次";
    let this = Document::parse(
        format!("关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n{OWN}。\n二、2025年度工作安排\n{plans}。\n"),
        Format::Text,
    );
    let last = Document::parse(
        format!("关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{OWN}。\n二、2024年度工作安排\n{plans}。\n"),
        Format::Text,
    );
    let on = linter(&Config::default());
    let parts = on.parts(&this);
    let report = Report { doc: &this, parts: &parts, name: "2024.txt".into(), path: None, linter: &on };
    let found = carried_over(&report, &last, "2023.txt");
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["copy.previous-year", "copy.previous-plans"], "{found:#?}");
    assert!(found[1].message.contains("2023.txt 第5行"), "{}", found[1].message);
}
