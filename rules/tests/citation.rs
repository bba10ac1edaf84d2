//! `kind = "citation"`: titles in 《》 against a catalogue — close titles,
//! repealed laws, outdated plans — on a small catalogue written for the test
//! (in a temporary pack folder), the findings that must and must not appear,
//! the errors of a broken catalogue, and the shipped catalogue itself.

use gwlint_rules::fix::apply_fixes;
use gwlint_rules::rule::citation::{Catalogue, Date};
use gwlint_rules::rule::{Kind, Matcher};
use gwlint_rules::{Config, Document, Finding, Format, Linter, load_pack};

#[path = "../../tests/support/temp.rs"]
mod temp;
use temp::TempDir;

const CATALOGUE: &str = "\
# test catalogue
中华人民共和国行政复议法\t法律\t现行有效\t2023-09-01\t2024-01-01\t\t\tM
中华人民共和国民法典\t法律\t现行有效\t2020-05-28\t2021-01-01\t\t\tM
中华人民共和国合同法\t法律\t已废止\t\t\t2021-01-01\t中华人民共和国民法典\tM
中华人民共和国城市规划法\t法律\t已废止\t\t\t2008-01-01\t中华人民共和国城乡规划法\tM
中华人民共和国城乡规划法\t法律\t现行有效\t2019-04-23\t2008-01-01\t\t\tM
信访工作条例\t党内法规\t现行有效\t2022-01-24\t2022-05-01\t\t\tH
信访条例\t行政法规\t已废止\t2005-01-10\t2005-05-01\t2022-05-01\t信访工作条例\tHL
中华人民共和国某某法\t法律\t已废止\t\t\t2021-06-01\t中华人民共和国民法典\tM
法治政府建设与责任落实督察工作规定\t党内法规\t现行有效\t2019-05-06\t2019-05-06\t\t\tH
党政主要负责人履行推进法治建设第一责任人职责规定\t党内法规\t现行有效\t2016-12-14\t2016-12-14\t\t\tH
法治政府建设实施纲要（2021－2025年）\t中央文件\t现行有效\t2021-08-11\t2021-08-11\t\t\tH
法治政府建设实施纲要（2015－2020年）\t中央文件\t现行有效\t2015-12-27\t2015-12-27\t\t法治政府建设实施纲要（2021－2025年）\tH
全面推进依法行政实施纲要\t国务院文件\t现行有效\t2004-03-22\t2004-03-22\t\t法治政府建设实施纲要（2015－2020年）\tH
中华人民共和国农药管理条例\t行政法规\t现行有效\t\t\t\t\tL
甲乙丙丁戊己庚辛一\t行政法规\t现行有效\t\t\t\t\tL
甲乙丙丁戊己庚辛二\t行政法规\t现行有效\t\t\t\t\tL
";

/// Characters easily confused, for the test.
const CONFUSABLES: &str = "# test confusables\n察\t查\n例\t列\n法\t发\n";

/// A pack with one citation rule of `check` in a fresh folder beside `catalogue`
/// (and, for `title`, the confusables).
fn linter_for(check: &str, catalogue: &str) -> Linter {
    linter_with(check, catalogue, check == "title")
}

fn linter_with(check: &str, catalogue: &str, confusables: bool) -> Linter {
    let dir = TempDir::new("citation");
    dir.write("data/c.tsv", catalogue);
    dir.write("data/x.tsv", CONFUSABLES);
    let confusables = if confusables { "confusables = \"data/x.tsv\"\n" } else { "" };
    let pack = format!(
        "[pack]\nid = \"t\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"d\"\n\n\
         [[rule]]\nid = \"section.plans\"\nkind = \"section\"\nseverity = \"error\"\nkey = \"plans\"\n\
         title = \"下一年度安排\"\nheadings = ['安排$']\nmessage = \"m\"\nexplanation = \"e\"\nsource = \"s\"\n\
         specs.fire = [\"一、成效\"]\n\n\
         [[rule]]\nid = \"citation.{check}\"\nkind = \"citation\"\ncheck = \"{check}\"\n\
         catalogue = \"data/c.tsv\"\n{confusables}severity = \"warning\"\n\
         message = \"{{text}}|{{replacement}}|{{title}}|{{successor}}|{{repealed}}|{{year}}|{{entry}}|{{detail}}|{{difference}}\"\n\
         explanation = \"e\"\nsource = \"s\"\nspecs.fire = []\nspecs.fixed = [{{ from = \"x\", to = \"x\" }}]\n"
    );
    let path = dir.write("p.toml", &pack);
    let pack = load_pack(&path.display().to_string(), &pack)
        .unwrap_or_else(|e| panic!("{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")));
    Linter::new(vec![pack], &Config::default()).0
}

fn lint(linter: &Linter, text: &str) -> Vec<Finding> {
    linter.lint(&Document::parse(text, Format::Text)).into_iter().filter(|f| f.rule.starts_with("citation")).collect()
}

fn texts(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.text.as_str()).collect()
}

const REPORT_2023: &str = "关于2023年度法治政府建设情况的报告\n";

// ------------------------------------------------------------------ title

#[test]
fn a_title_one_character_off_a_known_one_is_reported_with_a_fix_inside_the_marks() {
    let linter = linter_for("title", CATALOGUE);
    for (cited, fixed) in [
        ("法治政府建设与责任落实督查工作规定", "法治政府建设与责任落实督察工作规定"), // wrong character
        ("党政主要负责人履行推进法治建设第一责任人职责的规定", "党政主要负责人履行推进法治建设第一责任人职责规定"), // extra
        ("党政主要负责人履行推进法治建设第一责任人职规定", "党政主要负责人履行推进法治建设第一责任人职责规定"), // missing
        ("法治政府建设与责任落实察督工作规定", "法治政府建设与责任落实督察工作规定"), // swapped
        ("中华人民共和国行政复议发", "中华人民共和国行政复议法"),                     // short, but with the prefix
    ] {
        let text = format!("严格落实《{cited}》。");
        let findings = lint(&linter, &text);
        assert_eq!(texts(&findings), [cited], "{cited}");
        let fix = &findings[0].fixes[0];
        assert!(!fix.safe, "a close-title fix needs a person");
        let open = text.find('《').unwrap() + '《'.len_utf8();
        let close = text.find('》').unwrap();
        assert!(fix.edits.iter().all(|e| open <= e.range.start && e.range.end <= close), "{cited}: {fix:?}");
        assert_eq!(apply_fixes(&text, &findings, false).0, format!("严格落实《{fixed}》。"));
        assert!(findings[0].message.starts_with(&format!("{cited}|{fixed}|")), "{}", findings[0].message);
    }
}

#[test]
fn a_known_title_whose_period_lacks_nian_is_that_title_not_a_close_one() {
    // 《纲要（2021-2025）》 names the 2021–2025 纲要: the missing 年 is for the
    // phrase rule citation.period-without-nian, not a second finding here.
    let linter = linter_for("title", CATALOGUE);
    assert!(lint(&linter, "严格落实《法治政府建设实施纲要（2021-2025）》。").is_empty());
}

#[test]
fn the_message_names_the_catalogue_entry_and_its_status() {
    let linter = linter_for("title", CATALOGUE);
    let findings = lint(&linter, "落实《法治政府建设与责任落实督查工作规定》。");
    assert_eq!(
        findings[0].message,
        "法治政府建设与责任落实督查工作规定|法治政府建设与责任落实督察工作规定|法治政府建设与责任落实督察工作规定\
         |{successor}|{repealed}|{year}|党内法规，2019年5月6日印发，现行有效|{detail}|与所引书名只差一字"
    );
}

#[test]
fn known_titles_short_forms_unknown_documents_and_other_editions_are_left_alone() {
    let linter = linter_for("title", CATALOGUE);
    for text in [
        "依照《中华人民共和国行政复议法》和《行政复议法》办理。", // full title and short form
        "落实《法治政府建设实施纲要(2021-2025年)》。",            // brackets and dash written otherwise
        "落实《法治政府建设实施纲要（2021—2025年）》。",
        "落实《法治政府建设实施纲要 （2021－2025年）》。", // a space
        "制定《沈丘县行政执法公示办法》和《舆情风险应对处理措施预案》。", // local documents
        "学习《习近平谈治国理政》。",                      // a book
        "回顾《法治政府建设实施纲要（2016－2020年）》。",  // digits: another edition
        "落实《党政主要负责人履行推进法治建设第一责任人职责、规定》。", // punctuation
        "落实《甲乙丙丁戊己庚辛三》。",                    // as close to two titles
        "落实《行政复议发》。",                            // too short without the prefix
        "落实《中华人民共和国兽药管理条例》。",            // another document: 兽 is not confused with 农
        "落实《法治政府建设实施纲领（2021－2025年）》。",  // 领 is not confused with 要
        "落实《法治政府督察》《》《",                      // short, empty, unclosed
    ] {
        assert!(lint(&linter, text).is_empty(), "{text}: {:?}", lint(&linter, text));
    }
}

#[test]
fn a_plan_cited_with_its_period_but_words_left_out_of_its_name_is_reported() {
    let linter = linter_for("title", CATALOGUE);
    for cited in [
        "法治政府实施纲要（2021—2025年）",
        "法治建设纲要（2021-2025年）",
        "法治政府纲要（2021－2025年）",
        "法治建设纲要（2015－2020年）", // each period its own entry
        "法治建设纲要（2021-2025）",    // the period without 年, or with 年 twice: the name is still short
        "法治建设纲要（2021年—2025年）",
    ] {
        let text = format!("严格落实《{cited}》。");
        let findings = lint(&linter, &text);
        assert_eq!(texts(&findings), [cited], "{cited}");
        assert!(!findings[0].fixes[0].safe);
        let period = &cited[cited.find('（').unwrap()..];
        assert_eq!(apply_fixes(&text, &findings, false).0, format!("严格落实《法治政府建设实施纲要{period}》。"));
        let missing = "法治政府建设实施纲要".chars().count() - cited[..cited.find('（').unwrap()].chars().count();
        assert!(findings[0].message.ends_with(&format!("|所引书名少了其中{missing}个字")), "{}", findings[0].message);
    }
    for text in [
        "落实《法治纲要（2021－2025年）》。", // six characters missing: any programme's short name
        "落实《政府纲要（2021－2025年）》。",
        "落实《法治政纲要（2021－2025年）》。", // five characters missing: too many
        "落实《法治要（2021－2025年）》。",
        "落实《纲要（2021－2025年）》。",
        "制定《乐山市法治政府建设实施方案（2021－2025年）》。", // a local plan of the period
        "落实《法治建设规划（2021－2025年）》。",               // 规划: no national title of the period holds it
        "落实《法治纲要（2021－2030年）》。",                   // a period no entry has
    ] {
        assert!(lint(&linter, text).is_empty(), "{text}: {:?}", lint(&linter, text));
    }
    // Two national plans of one period both hold 法治建设纲要: which one was meant?
    let more = format!(
        "{CATALOGUE}法治社会建设实施纲要（2021－2025年）\t中央文件\t现行有效\t\t\t\t\tH\n\
         甲乙丙丁戊己（2031－2035年）\t中央文件\t现行有效\t\t\t\t\tH\n"
    );
    let linter = linter_for("title", &more);
    assert!(lint(&linter, "落实《法治建设纲要（2021－2025年）》。").is_empty());
    assert_eq!(lint(&linter, "落实《法治政府实施纲要（2021－2025年）》。").len(), 1);
    // Three characters of a six-character name: too few to tell.
    assert!(lint(&linter, "落实《甲丙戊（2031－2035年）》。").is_empty());
}

#[test]
fn without_confusables_only_missing_extra_or_swapped_characters_are_reported() {
    let linter = linter_with("title", CATALOGUE, false);
    assert!(lint(&linter, "落实《法治政府建设与责任落实督查工作规定》。").is_empty());
    let text = "落实《法治政府建设与责任落实督察工作的规定》和《法治政府建设与责任落实察督工作规定》。";
    assert_eq!(lint(&linter, text).len(), 2);
}

#[test]
fn a_broken_confusables_file_is_reported_at_its_line() {
    let dir = TempDir::new("citation-confusables");
    dir.write("c.tsv", "甲法\t法律\t现行有效\t\t\t\t\tM\n");
    for (text, expected) in
        [("察查\n", "x.tsv:1:2: 应为“字<Tab>易混的字”"), ("# c\n察\t查 茶\n", "x.tsv:2:3: 易混的字应连写")]
    {
        dir.write("x.tsv", text);
        let pack = "[pack]\nid = \"t\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"d\"\n\n[[rule]]\nid = \"citation.x\"\n\
                    kind = \"citation\"\ncheck = \"title\"\ncatalogue = \"c.tsv\"\nconfusables = \"x.tsv\"\n\
                    severity = \"warning\"\nmessage = \"m\"\nexplanation = \"e\"\nsource = \"s\"\nspecs.fire = [\"x\"]\n";
        let path = dir.write("p.toml", pack);
        let error = load_pack(&path.display().to_string(), pack).expect_err("must not load")[0].to_string();
        assert!(error.contains(expected) && error.contains("p.toml:12:15: "), "{error}");
    }
}

#[test]
fn the_title_check_is_paragraph_local_and_the_others_are_not() {
    let local = |check: &str| {
        let linter = linter_for(check, CATALOGUE);
        linter.rules().iter().any(|r| matches!(&r.matcher, Matcher::Citation(c) if c.is_paragraph_local()))
    };
    assert!(local("title"));
    assert!(!local("repealed"));
    assert!(!local("outdated"));
}

// ------------------------------------------------------------------ repealed

#[test]
fn a_law_repealed_before_the_report_year_is_reported_with_its_successor() {
    let linter = linter_for("repealed", CATALOGUE);
    // 完成 speaks of the work, not of the law: still reported
    let text = format!("{REPORT_2023}依据《合同法》完成合同审查32份，落实《信访条例》。");
    let findings = lint(&linter, &text);
    assert_eq!(texts(&findings), ["合同法", "信访条例"]);
    assert_eq!(
        findings[0].message,
        "合同法|{replacement}|中华人民共和国合同法|中华人民共和国民法典|2021年1月1日|2023|法律，2021年1月1日废止|{detail}|{difference}"
    );
    // the fix keeps the short form the report used
    let fixed = apply_fixes(&text, &findings, false).0;
    assert_eq!(fixed, format!("{REPORT_2023}依据《民法典》完成合同审查32份，落实《信访工作条例》。"));
    assert!(findings.iter().all(|f| f.fixes.iter().all(|fix| !fix.safe)));
}

#[test]
fn repeal_on_new_years_day_counts_and_a_repeal_during_the_year_does_not() {
    let linter = linter_for("repealed", CATALOGUE);
    let cite = "依据《合同法》和《某某法》办理。";
    assert_eq!(texts(&lint(&linter, &format!("关于2021年度法治政府建设情况的报告\n{cite}"))), ["合同法"]);
    assert!(lint(&linter, &format!("关于2020年度法治政府建设情况的报告\n{cite}")).is_empty());
    assert_eq!(texts(&lint(&linter, &format!("关于2022年度法治政府建设情况的报告\n{cite}"))), ["合同法", "某某法"]);
}

#[test]
fn a_text_without_a_dated_title_takes_its_year_from_its_opening() {
    let linter = linter_for("repealed", CATALOGUE);
    // An excerpt or a report pasted without its header: “2023年，我局……” dates it.
    let text = "2023年，我局坚持依法行政。\n开展《信访条例》等法律法规宣传。";
    assert_eq!(texts(&lint(&linter, text)), ["信访条例"]);
    // An opening year before the repeal: nothing to report.
    assert!(lint(&linter, "2021年，我局坚持依法行政。\n开展《信访条例》等法律法规宣传。").is_empty());
}

#[test]
fn a_repealed_law_spoken_of_as_such_or_without_a_report_year_is_left_alone() {
    let linter = linter_for("repealed", CATALOGUE);
    for text in [
        format!("{REPORT_2023}《民法典》施行后，《合同法》同时废止。"),
        format!("{REPORT_2023}原《合同法》规定的事项。"),
        format!("{REPORT_2023}《民法典》施行前，依照《合同法》签订的合同。"),
        format!("{REPORT_2023}依据《民法典》和《城乡规划法》办理。"),
        "工作总结\n依据《合同法》审查合同。".to_string(),
    ] {
        assert!(lint(&linter, &text).is_empty(), "{text}");
    }
}

#[test]
fn no_successor_fix_before_an_article_number() {
    let linter = linter_for("repealed", CATALOGUE);
    let findings = lint(&linter, &format!("{REPORT_2023}依据《城市规划法》第三条办理。"));
    assert_eq!(texts(&findings), ["城市规划法"]);
    assert!(findings[0].fixes.is_empty());
}

// ------------------------------------------------------------------ outdated

#[test]
fn an_expired_plan_in_the_plans_section_is_reported() {
    let linter = linter_for("outdated", CATALOGUE);
    let text = format!("{REPORT_2023}一、2024年工作安排\n对照《法治政府建设实施纲要（2015－2020年）》查漏补缺。");
    let findings = lint(&linter, &text);
    assert_eq!(texts(&findings), ["法治政府建设实施纲要（2015－2020年）"]);
    assert!(findings[0].message.contains("|法治政府建设实施纲要（2021－2025年）|{repealed}|2024|"));
    assert_eq!(
        apply_fixes(&text, &findings, false).0,
        format!("{REPORT_2023}一、2024年工作安排\n对照《法治政府建设实施纲要（2021－2025年）》查漏补缺。")
    );
}

#[test]
fn outside_the_plans_an_expired_plan_is_reported_only_when_implemented() {
    let linter = linter_for("outdated", CATALOGUE);
    let implemented = format!("{REPORT_2023}认真贯彻落实《法治政府建设实施纲要（2015-2020年）》。");
    assert_eq!(lint(&linter, &implemented).len(), 1);
    let undated = format!("{REPORT_2023}按照《全面推进依法行政实施纲要》要求。");
    assert_eq!(texts(&lint(&linter, &undated)), ["全面推进依法行政实施纲要"]);
    for text in [
        format!("{REPORT_2023}《法治政府建设实施纲要（2015－2020年）》是上一个五年的纲要。"), // no implementing verb
        format!("{REPORT_2023}落实《法治政府建设实施纲要（2015－2020年）》的任务已经完成。"), // looking back
        format!("{REPORT_2023}认真贯彻落实《法治政府建设实施纲要（2021－2025年）》。"),       // the current one
        "关于2020年度法治政府建设情况的报告\n认真贯彻落实《法治政府建设实施纲要（2015－2020年）》。".into(),
        // a 2020 report planning 2021: the successor came out in August 2021
        "关于2020年度法治政府建设情况的报告\n一、2021年工作安排\n落实《法治政府建设实施纲要（2015－2020年）》。".into(),
    ] {
        assert!(lint(&linter, &text).is_empty(), "{text}");
    }
}

// ------------------------------------------------------------------ catalogue errors

fn load_error(check: &str, catalogue_field: &str, files: &[(&str, &str)]) -> String {
    let dir = TempDir::new("citation-error");
    for (name, text) in files {
        dir.write(name, text);
    }
    let pack = format!(
        "[pack]\nid = \"t\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"d\"\n\n[[rule]]\nid = \"citation.x\"\n\
         kind = \"citation\"\ncheck = \"{check}\"\n{catalogue_field}\nseverity = \"warning\"\nmessage = \"m\"\n\
         explanation = \"e\"\nsource = \"s\"\nspecs.fire = [\"x\"]\n"
    );
    let path = dir.write("p.toml", &pack);
    let errors = load_pack(&path.display().to_string(), &pack).expect_err("must not load");
    errors[0].to_string()
}

#[test]
fn a_broken_catalogue_line_is_reported_at_its_line_and_column() {
    let field = "catalogue = \"c.tsv\"";
    let cases = [
        ("甲法\t法律\t现行有效\n", "c.tsv:1:11: 应有 8 或 9 列"),
        ("甲法\t法律\t现行有效\t\t\t\t\tM\t中共中央\tX\n", "c.tsv:1:23: 应有 8 或 9 列"),
        ("甲法\t法律\t现行有效\t\t\t\t\tM\t中共中央、X\n", "c.tsv:1:18: 发文机关“中共中央、X”中有不认识的机关"),
        ("# c\n甲法\t法律\t现行有效\t2021-13-01\t\t\t\tM\n", "c.tsv:2:12: 日期“2021-13-01”"),
        ("甲法\t法律\t有效\t\t\t\t\tM\n", "c.tsv:1:7: 状态“有效”"),
        ("甲法\t法律\t已废止\t\t\t2020-01-01\t乙法\tM\n", "c.tsv:1:24: 取代它的“乙法”"),
        (
            "中华人民共和国甲法\t法律\t现行有效\t\t\t\t\tM\n甲法\t法律\t现行有效\t\t\t\t\tM\n",
            "c.tsv:2:1: 标题“甲法”重复",
        ),
        ("《甲法》\t法律\t现行有效\t\t\t\t\tM\n", "c.tsv:1:1: 标题为空或含书名号"),
        ("# only comments\n", "c.tsv: 目录没有任何条目"),
    ];
    for (catalogue, expected) in cases {
        let error = load_error("title", field, &[("c.tsv", catalogue)]);
        assert!(error.contains(expected), "{catalogue:?}: {error}");
        assert!(error.contains("p.toml:11:13: "), "points at the catalogue field of the pack: {error}");
    }
}

#[test]
fn the_catalogue_must_be_named_exist_and_stay_in_the_pack_folder_and_the_check_must_be_known() {
    let ok = [("c.tsv", "甲法\t法律\t现行有效\t\t\t\t\tM\n")];
    assert!(load_error("title", "", &ok).contains("citation 规则需要 catalogue"));
    assert!(load_error("title", "catalogue = \"none.tsv\"", &ok).contains("无法读取数据文件“none.tsv”"));
    assert!(load_error("title", "catalogue = \"../c.tsv\"", &ok).contains("不能用绝对路径或 .."));
    assert!(load_error("wrong", "catalogue = \"c.tsv\"", &ok).contains("未知的 citation 检查“wrong”"));
    assert!(load_error("title", "catalogue = \"c.tsv\"\nboundary = \"word\"", &ok).contains("字段 boundary"));
    let both = [ok[0], ("x.tsv", "察\t查\n")];
    let error = load_error("repealed", "catalogue = \"c.tsv\"\nconfusables = \"x.tsv\"", &both);
    assert!(error.contains("p.toml:12:15: confusables 只用于 check = \"title\""), "{error}");
}

// ------------------------------------------------------------------ the shipped catalogue

#[test]
fn the_shipped_catalogue_knows_the_documents_reports_cite() {
    let text = gwlint_rules::builtin::data_file("data/citations.tsv").expect("shipped");
    let catalogue = Catalogue::parse("data/citations.tsv", text).expect("parses");
    assert!(catalogue.entries.len() > 1000, "{}", catalogue.entries.len());
    let entry = |title: &str| {
        let i = catalogue.lookup(title).unwrap_or_else(|| panic!("{title} not in the catalogue"));
        &catalogue.entries[i]
    };
    assert_eq!(entry("行政复议法").title, "中华人民共和国行政复议法");
    assert_eq!(entry("政府信息公开条例").title, "中华人民共和国政府信息公开条例");
    for title in [
        "法治政府建设实施纲要（2021-2025年）",
        "法治政府建设与责任落实督察工作规定",
        "党政主要负责人履行推进法治建设第一责任人职责规定",
        "重大行政决策程序暂行条例",
        "优化营商环境条例",
        "中华人民共和国行政处罚法",
    ] {
        assert_eq!(entry(title).status, "现行有效", "{title}");
    }
    let contract = entry("合同法");
    assert_eq!((contract.status.as_str(), contract.repealed), ("已废止", Some(Date(2021, 1, 1))));
    assert_eq!(catalogue.entries[contract.superseded_by.expect("successor")].title, "中华人民共和国民法典");
    let old_plan = entry("法治政府建设实施纲要（2015－2020年）");
    assert_eq!(old_plan.period_end, Some(2020));
    assert_eq!(
        catalogue.entries[old_plan.superseded_by.expect("successor")].title,
        "法治政府建设实施纲要（2021－2025年）"
    );
}

#[test]
fn odd_text_never_breaks_the_checks() {
    let mut odd = String::from(REPORT_2023);
    odd.push_str("《《《》》》《\u{0}》《𠀋》《");
    odd.push_str(&"很长".repeat(500));
    odd.push_str("》《中华人民共和国》《中华人民共和国中华人民共和国》《－》《（）》《 》\n一、安排\n《》");
    odd.push_str(&"《法治政府建设与责任落实督查工作规定》".repeat(200));
    for check in ["title", "repealed", "outdated"] {
        let linter = linter_for(check, CATALOGUE);
        let findings = lint(&linter, &odd);
        if check == "title" {
            assert_eq!(findings.len(), 200);
        }
        let _ = apply_fixes(&odd, &findings, false);
    }
}

// ------------------------------------------------------------------ unmarked

#[test]
fn a_catalogue_title_without_title_marks_is_reported_with_the_current_edition() {
    let linter = linter_for("unmarked", CATALOGUE);
    let text = format!(
        "{REPORT_2023}严格执行党政主要负责人履行推进法治建设第一责任人职责规定，落实法治政府建设实施纲要（2021-2025年）。\n"
    );
    let findings = lint(&linter, &text);
    assert_eq!(
        texts(&findings),
        ["党政主要负责人履行推进法治建设第一责任人职责规定", "法治政府建设实施纲要（2021-2025年）"]
    );
    // The base title names the edition in force, not the one it replaced.
    assert!(findings[1].message.contains("|法治政府建设实施纲要（2021－2025年）|"), "{}", findings[1].message);
    let fixed = apply_fixes(&text, &findings, false).0;
    assert!(fixed.contains(
        "执行《党政主要负责人履行推进法治建设第一责任人职责规定》，落实《法治政府建设实施纲要（2021-2025年）》。"
    ));
}

#[test]
fn titles_in_marks_quotes_short_forms_and_laws_are_left_alone() {
    let linter = linter_for("unmarked", CATALOGUE);
    for text in [
        "落实《法治政府建设实施纲要（2021－2025年）》和〈法治政府建设与责任落实督察工作规定〉。",
        "开设“法治政府建设实施纲要解读”专栏。",
        "学习民法典和行政复议法，贯彻信访工作条例。",
    ] {
        assert_eq!(texts(&lint(&linter, &format!("{REPORT_2023}{text}\n"))), Vec::<&str>::new(), "{text}");
    }
    // After a place's name the marks belong before it: reported, no fix offered.
    let findings = lint(&linter, &format!("{REPORT_2023}贯彻落实广东省法治政府建设实施纲要。\n"));
    assert_eq!(texts(&findings), ["法治政府建设实施纲要"]);
    assert!(findings[0].fixes.is_empty());
}

// ------------------------------------------------------------------ law-name

const LAWS: &str = "\
中华人民共和国土地管理法\t法律\t现行有效\t2019-08-26\t2020-01-01\t\t\tM
中华人民共和国农村土地承包法\t法律\t现行有效\t2018-12-29\t2019-01-01\t\t\tM
中华人民共和国行政处罚法\t法律\t现行有效\t2021-01-22\t2021-07-15\t\t\tM
中华人民共和国行政许可法\t法律\t现行有效\t2019-04-23\t2004-07-01\t\t\tM
中华人民共和国招标投标法\t法律\t现行有效\t2017-12-27\t2000-01-01\t\t\tM
中华人民共和国香港特别行政区基本法\t法律\t现行有效\t1990-04-04\t1997-07-01\t\t\tM
中华人民共和国全民所有制工业企业法\t法律\t现行有效\t2009-08-27\t1988-08-01\t\t\tM
中华人民共和国预防未成年人犯罪法\t法律\t现行有效\t2020-12-26\t2021-06-01\t\t\tM
中华人民共和国甲乙丙法\t法律\t已废止\t\t\t2020-01-01\t\tM
中华人民共和国甲乙丁法\t法律\t现行有效\t2020-01-01\t2020-01-01\t\t\tM
土地管理办法实施规定\t部门规章\t现行有效\t\t\t\t\tL
军人抚恤优待条例\t行政法规\t现行有效\t2024-08-05\t2024-10-01\t\t\tL
甲党乙条例\t行政法规\t现行有效\t\t\t\t\tL
中华人民共和国核安全法\t法律\t现行有效\t2017-09-01\t2018-01-01\t\t\tM
中华人民共和国数据安全法\t法律\t现行有效\t2021-06-10\t2021-09-01\t\t\tM
中华人民共和国消费者权益保护法\t法律\t现行有效\t2013-10-25\t2014-03-15\t\t\tM
中国共产党纪律处分条例\t党内法规\t现行有效\t2023-12-19\t2024-01-01\t\t\tH
";

/// The law-name findings of `text`: (cited title, the fix's replacement if one is offered).
fn law_names(text: &str) -> Vec<(String, Option<String>)> {
    let linter = linter_for("law-name", LAWS);
    lint(&linter, text)
        .into_iter()
        .map(|f| (f.text.clone(), f.fixes.first().map(|fix| fix.edits[0].replacement.clone())))
        .collect()
}

#[test]
fn a_law_cited_by_a_name_that_is_not_its_own_is_reported_with_the_law_that_needs_fewest_characters_added() {
    let found = |cited: &str, fixed: Option<&str>| (cited.to_string(), fixed.map(str::to_string));
    // 土地管理法 and 农村土地承包法 both hold 土地法: the one with fewer added characters is meant.
    assert_eq!(law_names("重点学习《土地法》。"), [found("土地法", Some("土地管理法"))]);
    assert_eq!(
        law_names("重点学习《中华人民共和国土地法》。"),
        [found("中华人民共和国土地法", Some("中华人民共和国土地管理法"))]
    );
    assert_eq!(law_names("组织学习《招投标法》。"), [found("招投标法", Some("招标投标法"))]);
    // 行政处罚法 and 行政许可法 are equally close to 行政法: reported, no fix.
    assert_eq!(law_names("学习《行政处罚法》《行政法》。"), [found("行政法", None)]);
    // As close, in force and repealed: the law in force is meant.
    assert_eq!(law_names("学习《甲乙法》。"), [found("甲乙法", Some("甲乙丁法"))]);
    let linter = linter_for("law-name", LAWS);
    let findings = lint(&linter, "学习《行政法》。");
    assert!(
        findings[0].message.contains("《行政处罚法》") && findings[0].message.contains("《行政许可法》"),
        "{findings:?}"
    );
    let findings = lint(&linter, "学习《土地法》。");
    assert!(findings[0].message.contains("疑为《土地管理法》（法律，"), "{findings:?}");
    assert!(findings[0].fixes.iter().all(|f| !f.safe), "offered, not applied: {findings:?}");
    // The closest law is offered only when it keeps the title's first character: 核安全法 and 数据安全法
    // both hold 安全法, and the writer may have meant either (or another).
    assert_eq!(law_names("学习《安全法》。"), [found("安全法", None)]);
    // An ending that names no law elsewhere (护法 of 以案护法) is one a law has here: reported.
    assert_eq!(law_names("学习《消费者保护法》。"), [found("消费者保护法", Some("消费者权益保护法"))]);
    // An administrative regulation likewise, but without a fix (it may be a local regulation without its
    // place); not a Party regulation, which the catalogue does not hold whole.
    assert_eq!(law_names("落实《抚恤优待条例》。"), [found("抚恤优待条例", None)]);
    assert_eq!(law_names("学习《党乙条例》。"), []);
    let findings = lint(&linter, "落实《抚恤优待条例》。");
    assert!(
        findings[0].message.contains("地名") && findings[0].message.contains("《军人抚恤优待条例》"),
        "{findings:?}"
    );
}

#[test]
fn a_law_s_name_a_method_a_defined_short_name_and_a_basic_law_are_left_alone() {
    for text in [
        "重点学习《土地管理法》和《中华人民共和国行政许可法》。",
        "推广《五步调解法》等基层经验。",
        "根据《中华人民共和国全民所有制工业企业法》（以下简称《企业法》），制定本办法。",
        // A short name the report defines holds in its later paragraphs too, however the definition is written.
        "根据《中华人民共和国全民所有制工业企业法》（以下简称《企业法》），制定本办法。\n依照《企业法》第二条。",
        "根据《中华人民共和国全民所有制工业企业法》（简称为《企业法》）。依照《企业法》第二条。",
        "根据《中华人民共和国全民所有制工业企业法》（以下简称：《企业法》）。依照《企业法》第二条。",
        "执行《土地管理办法》。",
        "开展《以案释法》专栏宣传，落实《香港基本法》。",
        // One edit away and long enough: `title` compares it with its neighbours.
        "贯彻《预防未成年犯罪法》。",
        "落实《土地法（草案）》征求意见。",
    ] {
        assert_eq!(law_names(text), [], "{text}");
    }
}
