//! Alarms a careful reviewer would dismiss, on text written for these tests:
//! each must stay silent, and the real defect beside it must still be found.

use gwlint_rules::{Config, Document, Finding, Format, Linter, builtin};

fn lint(text: &str) -> Vec<Finding> {
    let packs = builtin::packs().expect("built-in packs load");
    let linter = Linter::new(packs.to_vec(), &Config::default()).0;
    linter.lint(&Document::parse(text, Format::Text))
}

fn of_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a str> {
    findings.iter().filter(|f| f.rule == rule).map(|f| f.text.as_str()).collect()
}

/// A report: `head` (a title, a covering letter), then [`PARTS`] with the
/// sentence `sentence` written as `written`.
fn report(head: &str, sentence: &str, written: &str) -> String {
    assert!(PARTS.contains(sentence), "{sentence} is not in PARTS");
    format!("{head}\n{}", PARTS.replace(sentence, written))
}

const PARTS: &str = "一、主要举措和成效\n全年办理行政处罚案件12件。\n二、存在的不足和原因\n执法人员数量不足，原因是编制有限。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法。\n四、下一年度主要安排\n继续推进严格规范公正文明执法。\n五、其他需要报告的情况\n无。\n\n某某县司法局\n2024年1月10日\n";

#[test]
fn anonymised_names_are_not_personal_data() {
    let text = report(
        "某某县司法局2023年度法治政府建设情况报告",
        "全年办理行政处罚案件12件。",
        "全年办理行政处罚案件12件，其中张某无证经营案、李某某非法占用道路案依法处理，王某某等3人的违法行为依法纠正，王小红的违法行为依法处罚。",
    );
    let findings = lint(&text);
    assert_eq!(of_rule(&findings, "privacy.person-name"), ["王小红"]);
}

#[test]
fn a_word_and_a_count_run_together_are_not_a_name() {
    // 宣传单张 + 超800份 (set 51): jieba reads 张超 as a name. A name before a figure is still one.
    let text = report(
        "某某县司法局2023年度法治政府建设情况报告",
        "主要负责人带头学法。",
        "发放宣传单张超800份，王小红1985年出生，其违法行为依法处罚。",
    );
    assert_eq!(of_rule(&lint(&text), "privacy.person-name"), ["王小红"]);
}

#[test]
fn a_covering_letter_and_a_two_line_title_are_not_broken_lines() {
    let text = report(
        "某某县司法局文件\n某司发〔2024〕3号\n县人民政府：\n现将《某某县司法局2023年度法治政府建设情况报告》报送，请审阅。\n某某县司法局\n2024年1月5日\n某某县司法局\n2023年度法治政府建设情况报告\n2023年，我局坚持依法行政。",
        "执法人员数量不足，原因是编制有限。",
        "执法人员数量不\n足，原因是编制有限。",
    );
    let doc = Document::parse(text.as_str(), Format::Text);
    assert_eq!(doc.title.map(|t| doc.slice(&doc.paragraphs[t].range)), Some("2023年度法治政府建设情况报告"));
    let findings = lint(&text);
    // Only the line broken in the middle of the sentence.
    assert_eq!(of_rule(&findings, "artefact.broken-line"), ["不"]);
}

#[test]
fn a_lead_in_ending_with_a_colon_is_not_the_title() {
    let text = format!("现将2023年度法治政府建设情况报告如下：\n{PARTS}");
    let doc = Document::parse(text.as_str(), Format::Text);
    assert_eq!(doc.title, None);
}

#[test]
fn joint_organs_in_the_header_are_conventional_but_a_space_after_a_closing_quote_is_not() {
    let text = report(
        "中共某某县委 某某县人民政府\n关于2023年度法治政府建设情况的报告",
        "全年办理行政处罚案件12件。",
        "开展“美好生活·民法典相伴” 主题宣传月活动，发放资料2000份。群众 反映的问题得到解决。",
    );
    let findings = lint(&text);
    // The space in running text is still reported, and so is one after a closing
    // quotation mark (a full-width mark carries its own spacing); the others are not.
    let spaces: Vec<usize> =
        findings.iter().filter(|f| f.rule == "artefact.inner-space").map(|f| f.range.start).collect();
    assert_eq!(spaces, [text.find("” 主题").unwrap() + "”".len(), text.find("群众 ").unwrap() + "群众".len()]);
}

#[test]
fn a_wide_space_after_a_name_is_still_reported() {
    let text = report(
        "关于2023年度法治政府建设情况的报告",
        "全年办理行政处罚案件12件。",
        "开展“宪法宣传周”\u{3000}系列活动12场。",
    );
    assert_eq!(of_rule(&lint(&text), "artefact.inner-space"), ["\u{3000}"]);
}

#[test]
fn superseded_wording_is_right_in_the_years_before_it_was_superseded() {
    let goal = "紧紧围绕“职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信”的总体目标推进。";
    let thought = "将习近平总书记全面依法治国新理念新思想新战略纳入中心组学习。";
    let pufa = "深入推进“七五”普法。";
    let body = format!("{goal}{thought}{pufa}");
    let in_year = |year: u32| {
        let text = report(&format!("关于{year}年度法治政府建设情况的报告"), "全年办理行政处罚案件12件。", &body);
        let findings = lint(&text);
        let mut rules: Vec<&str> = ["phrase.outdated-goal", "phrase.fazhi-thought", "phrase.qiwu-pufa"]
            .into_iter()
            .filter(|r| !of_rule(&findings, r).is_empty())
            .collect();
        rules.sort();
        rules
    };
    assert_eq!(in_year(2017), Vec::<&str>::new());
    assert_eq!(in_year(2020), ["phrase.fazhi-thought"]);
    assert_eq!(in_year(2023), ["phrase.fazhi-thought", "phrase.outdated-goal", "phrase.qiwu-pufa"]);
    // Without a year in the title, the report is taken as current.
    let undated = report("法治政府建设情况", "全年办理行政处罚案件12件。", &body);
    assert_eq!(of_rule(&lint(&undated), "phrase.outdated-goal").len(), 1);
}

#[test]
fn a_document_number_and_a_title_ending_in_qingkuang_are_not_broken_lines() {
    let text = format!("雷东府〔2025〕26号\n2025年，我镇坚持依法行政。\n{PARTS}");
    assert!(of_rule(&lint(&text), "artefact.broken-line").is_empty());
    let text = format!("某某省人民政府2022年度法治政府建设工作情况\n2022年，省政府坚持依法行政。\n{PARTS}");
    let doc = Document::parse(text.as_str(), Format::Text);
    assert_eq!(doc.title, Some(0));
    assert!(of_rule(&lint(&text), "artefact.broken-line").is_empty());
}

#[test]
fn without_a_dated_title_the_year_the_text_opens_with_is_the_report_year() {
    let text = format!("2020年，市司法局深入推进“七五”普法。\n{PARTS}");
    assert!(of_rule(&lint(&text), "phrase.qiwu-pufa").is_empty());
    let text = format!("2023年，市司法局深入推进“七五”普法。\n{PARTS}");
    assert_eq!(of_rule(&lint(&text), "phrase.qiwu-pufa").len(), 1);
}

#[test]
fn a_measures_part_titled_by_the_year_s_work_is_the_measures_part() {
    for heading in ["2023年法治政府建设情况", "2023年度推进法治政府建设工作情况", "2023年主要工作"]
    {
        let text = report("关于2023年度法治政府建设情况的报告", "主要举措和成效", heading);
        let findings = lint(&text);
        assert_eq!(of_rule(&findings, "section.measures"), Vec::<&str>::new(), "{heading}");
    }
    // The parts after it keep their own headings: plans titled 主要工作安排 are plans.
    let text = format!(
        "关于2023年度法治政府建设情况的报告\n{}",
        PARTS.replace("主要举措和成效", "2023年主要工作").replace("下一年度主要安排", "2024年主要工作安排")
    );
    let findings = lint(&text);
    for rule in ["section.measures", "section.plans"] {
        assert_eq!(of_rule(&findings, rule), Vec::<&str>::new(), "{rule}");
    }
}

#[test]
fn a_department_s_abbreviation_and_a_document_number_are_not_names() {
    // 林草 (林业和草原) is a field: 林草局 names the unit, 林草工作 the field, and
    // elsewhere it stands alone; 刘法领发 is the organ's code of a document number.
    let names = names_in_report(
        "某某县林业和草原局2024年度法治政府建设情况报告",
        "县林草局结合林草工作实际推进依法行政，各项工作统一于林草法治建设。林草执法办理案件12件，印发《实施方案》（刘法领发〔2024〕3号）。王小红的违法行为依法处罚。",
    );
    assert_eq!(names, ["王小红"]);
}

/// The names `privacy.person-name` reports in a whole report titled `title`
/// whose measures are `measures`.
fn names_in_report(title: &str, measures: &str) -> Vec<String> {
    let text = report(title, "全年办理行政处罚案件12件。", measures);
    of_rule(&lint(&text), "privacy.person-name").into_iter().map(String::from).collect()
}

#[test]
fn a_sibling_at_a_deeper_markdown_level_is_not_told_to_take_its_own_ordinal() {
    // `### 二、` between `## 一、` and `## 三、`: the ordinal is right, the level
    // is not. The continuity rule once said “应为‘二、’” and offered a fix that
    // changed nothing, which `--fix` applied for ever.
    let text = "# 关于2023年度法治政府建设情况的报告\n\n## 一、主要举措和成效\n\n全年办理案件12件。\n\n### 二、存在的不足和原因\n\n编制有限。\n\n## 三、下一年度主要安排\n\n继续推进。\n";
    let packs = builtin::packs().expect("built-in packs load");
    let linter = Linter::new(packs.to_vec(), &Config::default()).0;
    let findings = linter.lint(&Document::parse(text, Format::Markdown));
    assert!(
        !findings.iter().any(|f| f.rule == "numbering.continuity" && f.text == "二、"),
        "{:?}",
        of_rule(&findings, "numbering.continuity")
    );
    for finding in &findings {
        for fix in &finding.fixes {
            assert!(
                fix.edits.iter().any(|e| text[e.range.clone()] != e.replacement),
                "{}: a fix that changes nothing",
                finding.rule
            );
        }
    }
}

#[test]
fn a_title_on_two_lines_and_an_item_after_a_heading_are_not_broken_lines() {
    let text = report(
        "某某县交通运输局\n关于2023年度法治政府部门建设\n工作情况的报告\n2023年，我局坚持依法行政。",
        "全年办理行政处罚案件12件。",
        "（一）强化组织保障，推进法治建设\n一是加强组织领导。全年办理行政处罚案件12件。\n（二）强化执法监督，\n规范执法。",
    );
    let doc = Document::parse(text.as_str(), Format::Text);
    let title_lines: Vec<&str> = doc
        .paragraphs
        .iter()
        .filter(|p| p.kind == gwlint_rules::document::ParagraphKind::Title)
        .map(|p| doc.slice(&p.range))
        .collect();
    assert_eq!(title_lines, ["关于2023年度法治政府部门建设", "工作情况的报告"]);
    // Only the heading whose sentence runs on to the next line.
    assert_eq!(of_rule(&lint(&text), "artefact.broken-line"), ["，"]);
}

#[test]
fn a_county_s_short_name_is_a_place_when_the_report_names_the_county() {
    // 罗源县 names the county, so 法治罗源 (rule of law in 罗源) is the place,
    // not a person; a citizen's name in the same report still is one.
    let names = names_in_report(
        "罗源县2024年度法治政府建设情况报告",
        "深入推进法治罗源建设，印发《工作要点》。王小红的违法行为依法处罚。",
    );
    assert_eq!(names, ["王小红"]);
}

#[test]
fn a_historical_person_a_place_or_a_meeting_is_named_after_is_not_a_private_name() {
    // 梁柏台 (1899–1935) gives his name to a red-education base and a seminar;
    // a citizen's name in the same report still is one.
    let names = names_in_report(
        "新昌县2023年度法治政府建设情况报告",
        "组织干部参观梁柏台红色教育基地，举办梁柏台法治精神研讨会。王小红的违法行为依法处罚。",
    );
    assert_eq!(names, ["王小红"]);
}

#[test]
fn the_name_of_a_new_area_or_a_park_is_a_place() {
    // 金普新区 (a state-level new area of 大连): two characters and 新区, named
    // like a person; a citizen's name in the same report still is one.
    let names = names_in_report(
        "金普新区卫生健康局2025年度法治政府建设情况报告",
        "2025年，金普新区卫生健康局在党工委、管委会的坚强领导下，深入推进依法行政。王小红的违法行为依法处罚。",
    );
    assert_eq!(names, ["王小红"]);
}

#[test]
fn a_title_is_quoted_as_written_so_a_typo_fix_inside_one_is_offered_not_applied() {
    // 法治政府示范创建 for 法治政府建设示范创建: in running text the fix is safe; inside a cited
    // document's title it is what the document may really be called.
    let text = "开展法治政府示范创建工作，印发《某市法治政府示范创建工作台账》。";
    let findings: Vec<Finding> = lint(text).into_iter().filter(|f| f.rule == "typo.official-terms").collect();
    let safe: Vec<bool> = findings.iter().map(|f| f.fixes[0].safe).collect();
    assert_eq!(safe, [true, false], "{findings:?}");
    // An entry that holds the marks itself is the title's own slip.
    let pack = "[pack]\nid = \"t\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"d\"\n\n\
        [[rule]]\nid = \"typo.t\"\nkind = \"typo\"\nseverity = \"error\"\nmessage = \"m\"\n\
        explanation = \"e\"\nsource = \"s\"\nspecs.fire = [\"学习《甲乙法》。\"]\n\
        [rule.entries]\n\"《甲乙法》\" = \"《甲乙丙法》\"\n";
    let pack = gwlint_rules::load_pack("t.toml", pack).expect("the pack loads");
    let linter = Linter::new(vec![pack], &Config::default()).0;
    let findings = linter.lint(&Document::parse("学习《甲乙法》。", Format::Text));
    let fixes: Vec<bool> = findings.iter().filter(|f| f.rule == "typo.t").map(|f| f.fixes[0].safe).collect();
    assert_eq!(fixes, [true]);
}
