//! `consistency` `timeline` and `year-range`, on reports written for the tests,
//! and the validation of a pack's dated `events`.

use gwlint_rules::fix::apply_fixes;
use gwlint_rules::{Config, Document, Finding, Format, Linter, builtin, load_pack};

fn findings(text: &str, rule: &str) -> Vec<Finding> {
    let packs = builtin::packs().expect("built-in packs load");
    let linter = Linter::new(packs.to_vec(), &Config::default()).0;
    linter.lint(&Document::parse(text, Format::Text)).into_iter().filter(|f| f.rule == rule).collect()
}

fn report(year: u32, body: &str, plans: &str) -> String {
    format!(
        "关于{year}年度法治政府建设情况的报告\n一、主要举措和成效\n{body}\n二、存在的不足和原因\n人员不足，原因是编制有限。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n带头学法。\n四、下一年度主要安排\n{plans}\n五、其他需要报告的情况\n无。\n"
    )
}

#[test]
fn a_congress_studied_after_its_successor_met_is_outdated() {
    let text = report(2024, "深入学习贯彻党的十九大精神，办理案件12件。", "继续推进依法行政。");
    let found = findings(&text, "consistency.timeline");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "十九大");
    assert!(found[0].message.contains("二十大") && found[0].message.contains("2022年10月"), "{}", found[0].message);
    let (fixed, _) = apply_fixes(&text, &found, false);
    assert!(fixed.contains("深入学习贯彻党的二十大精神"));
}

#[test]
fn a_plenary_session_of_a_superseded_term_is_outdated_too() {
    let text = report(2023, "深入学习贯彻党的十九届六中全会精神，办理案件12件。", "继续推进依法行政。");
    let found = findings(&text, "consistency.timeline");
    assert_eq!(found.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(), ["十九届六中全会"]);
    assert!(found[0].message.contains("二十大"), "{}", found[0].message);
    // Of the current term, or before the next congress met: current.
    for (year, session) in [(2024, "二十届三中全会"), (2021, "十九届六中全会"), (2021, "十九届历次全会")]
    {
        let text = report(year, &format!("深入学习贯彻党的{session}精神。"), "继续推进依法行政。");
        assert!(findings(&text, "consistency.timeline").is_empty(), "{year} {session}");
    }
    // In the year the next congress met, with that congress beside it: current.
    let text = report(2022, "深入学习贯彻党的十九届历次全会精神和党的二十大精神。", "继续推进依法行政。");
    assert!(findings(&text, "consistency.timeline").is_empty());
    let text = report(2024, "学习贯彻党的二十大和十九届历次全会精神。", "继续推进依法行政。");
    assert_eq!(findings(&text, "consistency.timeline").len(), 1);
}

#[test]
fn the_congress_that_was_latest_when_the_year_began_is_current() {
    for (year, congress) in [(2023, "二十大"), (2018, "十九大")] {
        let text = report(year, &format!("深入学习贯彻党的{congress}精神。"), "继续推进依法行政。");
        assert!(findings(&text, "consistency.timeline").is_empty(), "{year} {congress}");
    }
    // 二十大 met in October 2022: a report on 2022, written after it, that studies 十九大 alone stopped short.
    let text = report(2022, "深入学习贯彻党的十九大精神。", "继续推进依法行政。");
    let found = findings(&text, "consistency.timeline");
    assert_eq!(found.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(), ["十九大精神"]);
    assert!(
        found[0].message.contains("2022年10月") && found[0].message.contains("党的二十大精神"),
        "{}",
        found[0].message
    );
    assert!(found[0].fixes.is_empty(), "both congresses belong in the text: no one replacement");
    // History is not a claim of currency.
    let text = report(2024, "党的十八大以来，法治政府建设取得重大进展。", "继续推进依法行政。");
    assert!(findings(&text, "consistency.timeline").is_empty());
}

#[test]
fn a_plan_that_ends_before_the_planned_year_is_outdated_in_the_plans() {
    let text = report(2025, "办理案件12件。", "扎实推进“十四五”规划和“八五”普法各项任务。");
    let found = findings(&text, "consistency.timeline");
    let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["十四五", "八五"]);
    assert!(found[0].message.contains("十五五"), "{}", found[0].message);
    // No successor in the data: reported, with no fix.
    assert!(found[1].fixes.is_empty());
    // Looking back, or in the year's own account, it is fine.
    let back = report(2025, "“十四五”规划顺利推进。", "做好“十四五”规划实施情况总结评估。");
    assert!(findings(&back, "consistency.timeline").is_empty());
}

#[test]
fn impossible_year_ranges_are_reported() {
    let text =
        report(2024, "按照《纲要（20212025年）》和《方案（2025－2021年）》推进，另有《计划（2021－年）》。", "无。");
    let found = findings(&text, "consistency.year-range");
    let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["20212025年", "2025－2021年", "2021－年"]);
    assert_eq!(found[0].fixes[0].edits[0].replacement, "2021－2025年");
    let fine = report(2024, "按照《纲要（2021－2025年）》推进，2023年至2024年办案12件。", "无。");
    assert!(findings(&fine, "consistency.year-range").is_empty());
}

#[test]
fn bad_events_are_load_errors() {
    let pack = |events: &str| {
        format!(
            "[pack]\nid = \"t\"\ntitle = \"测试\"\nversion = \"1\"\ndescription = \"测试\"\n\n[[rule]]\nid = \"consistency.t\"\nkind = \"consistency\"\ncheck = \"timeline\"\nseverity = \"warning\"\nmessage = \"{{detail}}\"\nexplanation = \"说明\"\nsource = \"来源\"\nspecs.fire = [\"关于2024年度的报告\\n学习贯彻党的十九大精神。\"]\n{events}"
        )
    };
    let congress = |start: &str| {
        format!("[[rule.events]]\nname = \"十九大\"\nkind = \"congress\"\nstart = \"{start}\"\nsource = \"公报\"\n")
    };
    let both = format!("{}{}", congress("2017-10-18"), congress("2022-10-16").replace("十九大", "二十大"));
    assert!(load_pack("ok.toml", &pack(&both)).is_ok());
    for bad in [congress("2017-13-18"), congress("17-10-18"), congress("2017/10/18")] {
        let errors = load_pack("bad.toml", &pack(&bad)).expect_err("a bad date");
        assert!(errors[0].to_string().contains("无效"), "{}", errors[0]);
    }
    let no_series =
        "[[rule.events]]\nname = \"十四五\"\nkind = \"plan\"\nstart = \"2021\"\nend = \"2025\"\nsource = \"纲要\"\n";
    assert!(
        load_pack("bad.toml", &pack(no_series))
            .expect_err("no series")
            .iter()
            .any(|e| e.to_string().contains("series"))
    );
    let reversed = "[[rule.events]]\nname = \"十四五\"\nkind = \"plan\"\nseries = \"五年规划\"\nstart = \"2025\"\nend = \"2021\"\nsource = \"纲要\"\n";
    assert!(load_pack("bad.toml", &pack(reversed)).is_err());
    assert!(load_pack("bad.toml", &pack("")).expect_err("no events").iter().any(|e| e.to_string().contains("events")));
    // A plenary session belongs to a listed congress, and is named by its term.
    let plenary = |name: &str| {
        format!("[[rule.events]]\nname = \"{name}\"\nkind = \"plenary\"\nstart = \"2019-10-28\"\nsource = \"公报\"\n")
    };
    assert!(load_pack("ok.toml", &pack(&format!("{both}{}", plenary("十九届四中全会")))).is_ok());
    for bad in [plenary("十八届四中全会"), plenary("四中全会")] {
        let errors = load_pack("bad.toml", &pack(&format!("{both}{bad}"))).expect_err("an unknown term");
        assert!(errors[0].to_string().contains("全会"), "{}", errors[0]);
    }
}

#[test]
fn a_report_that_stops_before_its_year_s_plenary_session_is_outdated() {
    // 二十届三中全会 met in July 2024: a 2024 report that studies only 党的二十大精神 stopped short.
    let found =
        findings(&report(2024, "深入学习贯彻党的二十大精神，全年办案3件。", "继续推进。"), "consistency.timeline");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "二十大精神");
    assert!(found[0].message.contains("二十届三中全会"), "{}", found[0].message);
    // Named, or 历次全会, or in a report of a year before the session: nothing.
    for (year, body) in [
        (2024, "深入学习贯彻党的二十大和二十届二中、三中全会精神。"),
        (2024, "深入学习贯彻党的二十大和二十届历次全会精神。"),
        (2023, "深入学习贯彻党的二十大精神。"),
    ] {
        assert!(findings(&report(year, body, "继续推进。"), "consistency.timeline").is_empty(), "{year} {body}");
    }
    // A 2025 report that stops at 三中全会 is short of the fourth (October 2025).
    let found =
        findings(&report(2025, "深入学习贯彻党的二十大和二十届三中全会精神。", "继续推进。"), "consistency.timeline");
    assert!(found.len() == 1 && found[0].message.contains("四中全会"), "{found:?}");
}
