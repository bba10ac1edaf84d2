//! The kinds with several checks (punctuation, numbering, consistency,
//! artefact, privacy, figures), each run alone from the default pack: what
//! fires, what must not, and what the fix makes of the text.

use gwlint_rules::fix::apply_fixes;
use gwlint_rules::{Document, Finding, Format, Linter, builtin};

fn run(rule: &str, text: &str) -> Vec<Finding> {
    let pack = builtin::packs().expect("built-in packs load").iter().find(|p| p.info.id == "fzzf-report").unwrap();
    let linter = Linter::for_specs(pack, rule);
    linter.lint(&Document::parse(text, Format::Text)).into_iter().filter(|f| f.rule == rule).collect()
}

fn texts(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.text.as_str()).collect()
}

fn fixed(rule: &str, text: &str) -> String {
    apply_fixes(text, &run(rule, text), false).0
}

// ------------------------------------------------------------ punctuation

#[test]
fn half_width_marks_beside_chinese_become_full_width() {
    assert_eq!(fixed("punctuation.half-width", "要求,采取;办理:完成(试行)?"), "要求，采取；办理：完成（试行）？");
}

#[test]
fn half_width_marks_in_numbers_urls_latin_and_ordinals_stay() {
    for text in ["共1,500元，12:30开会。", "见https://a.gov.cn/x?a=1,2页。", "Hello, world!", "(一)加强领导。"]
    {
        assert!(run("punctuation.half-width", text).is_empty(), "{text}");
    }
}

#[test]
fn a_dot_inside_a_short_quotation_is_offered_as_an_interpunct_not_applied() {
    // “扫黄打非.新风2021”: the campaign's name; a full stop there would be wrong, and which mark
    // was meant is the writer's call.
    let text = "开展“扫黄打非.新风2021”集中行动。";
    let findings = run("punctuation.half-width", text);
    assert_eq!(texts(&findings), ["."]);
    assert_eq!(findings[0].fixes[0].edits[0].replacement, "·");
    assert_eq!(apply_fixes(text, &findings, true).0, text, "not a safe fix");
    // A sentence ending outside quotation marks still gets its full stop, safely.
    assert_eq!(
        apply_fixes("共办理案件12件.全年无败诉。", &run("punctuation.half-width", "共办理案件12件.全年无败诉。"), true)
            .0,
        "共办理案件12件。全年无败诉。"
    );
}

#[test]
fn a_list_of_titles_with_pause_marks_is_one_finding_with_one_fix() {
    let rule = "punctuation.quoted-list-comma";
    let text = "学习《宪法》、《民法典》、《行政处罚法》等法律，开展“宪法进万家”、“八五普法”活动。";
    let findings = run(rule, text);
    assert_eq!(findings.len(), 2, "one per list: {findings:?}");
    assert!(findings[0].message.contains("《宪法》、《民法典》、《行政处罚法》"), "{}", findings[0].message);
    assert_eq!(findings[0].fixes[0].edits.len(), 2);
    assert_eq!(fixed(rule, text), "学习《宪法》《民法典》《行政处罚法》等法律，开展“宪法进万家”“八五普法”活动。");
    // Two lists one after the other are two findings.
    assert_eq!(run(rule, "《甲》、《乙》，《丙》、《丁》").len(), 2);
}

#[test]
fn unpaired_marks_are_found_on_either_side() {
    let findings = run("punctuation.unbalanced", "有错必纠”，学习《宪法。“甲”（乙）");
    assert_eq!(texts(&findings), ["”", "《"]);
    assert_eq!(findings[0].message, "标点不成对：有后引号，缺少对应的前引号");
    assert_eq!(findings[1].message, "标点不成对：有前书名号，缺少对应的后书名号");
}

#[test]
fn a_dot_date_becomes_an_interpunct_in_quotes_but_decimals_stay() {
    assert_eq!(fixed("punctuation.date-dot", "开展12.4国家宪法日活动。"), "开展“12·4”国家宪法日活动。");
    assert_eq!(
        fixed("punctuation.date-dot", "开展“4.15全民国家安全教育日”活动。"),
        "开展“4·15全民国家安全教育日”活动。"
    );
    assert!(run("punctuation.date-dot", "增长1.5倍，印发2.3万份。").is_empty());
}

// ------------------------------------------------------------ numbering

#[test]
fn a_sibling_written_at_another_level_is_renumbered_in_the_series_style() {
    let text = "一、主要举措\n（一）加强领导。\n（2） 健全机构。\n（三）强化监督。\n";
    let findings = run("numbering.continuity", text);
    assert_eq!(texts(&findings), ["（2）"]);
    assert!(fixed("numbering.continuity", text).contains("（二） 健全机构。"));
}

#[test]
fn skipped_and_restarted_ordinals_get_their_position() {
    let text = "一、甲\n内容。\n二、乙\n内容。\n四、丙\n内容。\n五、丁\n内容。\n";
    assert_eq!(texts(&run("numbering.continuity", text)), ["四、", "五、"]);
    assert_eq!(fixed("numbering.continuity", text), text.replace("四、丙", "三、丙").replace("五、丁", "四、丁"));
}

#[test]
fn look_alike_ordinals_take_the_standard_form() {
    assert_eq!(
        fixed("numbering.style", "(一)加强领导\n(2)完善制度\n一．总体"),
        "（一）加强领导\n（2）完善制度\n一、总体"
    );
}

#[test]
fn enumerations_report_skips_and_repeats_but_allow_new_lists() {
    let text = "问题有：一是甲；三是乙。原因是：一是丙；二是丁；二是戊。";
    let findings = run("numbering.enumeration", text);
    assert_eq!(texts(&findings), ["三是", "二是"]);
    assert!(findings[0].message.contains("跳过了“二是”"));
    assert!(findings[1].message.contains("前面已有“二是”"));
}

// ------------------------------------------------------------ consistency

#[test]
fn the_plan_section_must_be_for_the_next_year() {
    let text = "关于2023年度法治政府建设情况的报告\n一、2023年度主要举措和成效\n办案3件。\n二、2023年度下一步工作安排\n推进2023年度工作。\n";
    let findings = run("consistency.report-year", text);
    assert_eq!(texts(&findings), ["2023", "2023"]);
    assert!(findings[0].message.contains("应为2024年"), "{}", findings[0].message);
    assert_eq!(fixed("consistency.report-year", text).matches("2024").count(), 2);
}

#[test]
fn a_date_outside_the_report_year_and_the_next_is_reported() {
    let text = "关于2023年度法治政府建设情况的报告\n一、主要举措\n办案3件。\n\n某镇人民政府\n2021年1月5日\n";
    assert_eq!(texts(&run("consistency.report-year", text)), ["2021"]);
    assert!(run("consistency.report-year", &text.replace("2021年", "2024年")).is_empty());
}

#[test]
fn self_reference_follows_the_signing_unit() {
    let text = "关于2023年度法治政府建设情况的报告\n结合我镇实际，为我县发展服务。\n\n青山示范区管委会\n2024年1月5日\n";
    let findings = run("consistency.self-reference", text);
    assert_eq!(texts(&findings), ["我镇"]);
    assert!(fixed("consistency.self-reference", text).contains("结合我区实际"));
    let town = text.replace("青山示范区管委会", "青山镇人民政府");
    assert!(run("consistency.self-reference", &town).is_empty());
}

#[test]
fn the_minority_spelling_of_a_term_is_reported() {
    let findings = run("consistency.variants", "其它事项。其他单位。其他部门。制订计划。制定办法。");
    assert_eq!(texts(&findings), ["其它"]);
    assert!(findings[0].message.contains("全文多写作“其他”（2处）"));
    // 制定 and 制订 are two words, each right where it is (set 6); 县委、县政府 and 县委县政府 both usual (sets 3, 5).
    assert!(
        run("consistency.variants", "制订计划。制定方案。制定办法。县委县政府。县委、县政府。县委、县政府。")
            .is_empty()
    );
}

// ------------------------------------------------------------ artefact

#[test]
fn conversion_leftovers_are_removed() {
    assert_eq!(fixed("artefact.leftover", "[bookmark: _GoBack]关于报告"), "关于报告");
    assert_eq!(texts(&run("artefact.leftover", "详见www.example.com网站的通知")), ["www.example.com"]);
    assert!(run("artefact.leftover", "详见 www.example.com 。").is_empty(), "a URL set apart is a citation");
}

#[test]
fn edge_spaces_are_trimmed_but_ideographic_indent_stays() {
    assert_eq!(fixed("artefact.edge-space", "  一是甲。\t\n　　二是乙。"), "一是甲。\n　　二是乙。");
}

#[test]
fn spaces_inside_chinese_text_are_removed_but_not_between_latin_words() {
    assert_eq!(
        fixed("artefact.inner-space", "关于 2023年度，参加 WTO 培训，推进\t工作"),
        "关于2023年度，参加 WTO 培训，推进工作"
    );
}

#[test]
fn a_space_between_two_phrases_is_reported_but_not_deleted_by_itself() {
    // It may part a heading's two phrases (a comma's place) or split one; only the reader can tell.
    for line in ["（一）党建引领法治建设 深化基层依法治理", "2.健全领导干部 学法用法机制。"]
    {
        let findings = run("artefact.inner-space", line);
        assert_eq!(texts(&findings), [" "], "{line}");
        assert!(findings[0].fixes.iter().all(|fix| !fix.safe), "{line}");
        assert_eq!(apply_fixes(line, &findings, true).0, line, "--fix leaves it");
    }
    // A shorter run on either side is a stray blank: deleted.
    assert_eq!(fixed("artefact.inner-space", "推进 法治政府建设"), "推进法治政府建设");
}

/// inner-space as first written: every character of each line in turn; a
/// line set letter-spaced (法 治 。) is layout and has none; a blank before a
/// pause or stop mark is stray whatever precedes it (100% ，).
fn stray_blanks_char_by_char(line: &str) -> Vec<std::ops::Range<usize>> {
    let is_blank = |c: char| matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{feff}');
    let chinese = |c: char| gwlint_rules::text::is_han(c) || gwlint_rules::text::is_cjk_punct(c);
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let pieces: Vec<&str> = line.split(is_blank).filter(|p| !p.is_empty()).collect();
    if pieces.len() >= 2 && pieces.iter().all(|p| p.chars().count() == 1) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut i = 1;
    while i < chars.len() {
        if !is_blank(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_blank(chars[i].1) {
            i += 1;
        }
        if i == chars.len() {
            continue;
        }
        let (before, after) = (chars[start - 1].1, chars[i].1);
        let digit = |c: char| c.is_ascii_digit();
        let pause = matches!(after, '，' | '。' | '、' | '；' | '：' | '？' | '！');
        let stray = pause || (chinese(before) && (chinese(after) || digit(after))) || (digit(before) && chinese(after));
        let wide_or_tab = chars[start..i].iter().any(|c| c.1 == '\t' || c.1 == '\u{3000}');
        if stray || (wide_or_tab && (chinese(before) || chinese(after))) {
            found.push(chars[start].0..chars[i].0);
        }
    }
    found
}

#[test]
fn stray_blanks_are_found_as_reading_every_character() {
    let alphabet: Vec<char> = "法治，。（a1 \t\u{3000}\u{a0}\u{feff}、".chars().collect();
    let mut rng = gwlint_rules::fuzz::SeededRng::new(17);
    for _ in 0..3000 {
        let line = rng.text(&alphabet, 0..20);
        let found: Vec<std::ops::Range<usize>> =
            run("artefact.inner-space", &line).into_iter().map(|f| f.range).collect();
        // Paragraphs are trimmed lines: the reference looks at the trimmed text.
        let trimmed = gwlint_rules::text::trim_range(&line, 0..line.len());
        let expected: Vec<std::ops::Range<usize>> = stray_blanks_char_by_char(&line[trimmed.clone()])
            .into_iter()
            .map(|r| trimmed.start + r.start..trimmed.start + r.end)
            .collect();
        assert_eq!(found, expected, "in {line:?}");
    }
}

#[test]
fn a_line_broken_mid_sentence_is_joined() {
    let text = "（五）健全化解体系，不断促\n进社会公平正义。邢庄镇制定了思路。\n";
    assert_eq!(fixed("artefact.broken-line", text), "（五）健全化解体系，不断促进社会公平正义。邢庄镇制定了思路。\n");
    assert!(run("artefact.broken-line", "一、主要举措和成效\n全年调处纠纷50件。\n").is_empty());
}

// ------------------------------------------------------------ privacy

#[test]
fn a_private_name_is_reported_but_officials_public_figures_and_words_are_not() {
    assert_eq!(texts(&run("privacy.person-name", "也发生了刘庆房屋拆除案件。")), ["刘庆"]);
    for text in [
        "镇党委书记张明主持会议。",
        "学习习近平法治思想。",
        "周密部署，杜绝失职，向心力增强。",
        "邢庄镇开展普法。",
        // An idiom's second half after a slogan that took the place of its first (并驾齐驱).
        "推动党建与业务“三联”齐驱，形成合力。",
    ] {
        assert!(run("privacy.person-name", text).is_empty(), "{text}");
    }
}

// ------------------------------------------------------------ figures

#[test]
fn a_measures_part_without_figures_is_reported() {
    // 20 characters a paragraph: the pack measures a part of 1,000 characters or more (51 paragraphs), not 980 (49).
    let paragraph = "加强领导，完善制度，强化监督，取得成效。\n";
    let bare = format!("一、主要举措和成效\n{}", paragraph.repeat(51));
    assert_eq!(run("figures.density", &bare).len(), 1);
    assert!(run("figures.density", &bare.replacen("取得成效", "办案23件", 1)).is_empty());
    // A part too short for a rate per 1,000 characters (an excerpt, a short themed part) is not measured.
    assert!(run("figures.density", &format!("一、主要举措和成效\n{}", paragraph.repeat(49))).is_empty());
}

#[test]
fn yu_goes_only_after_round_numbers() {
    assert_eq!(
        texts(&run("figures.approx-small-count", "调解38余次，培训4余场，宣传100余次，发放5000余份。")),
        ["38余次", "4余场"]
    );
}

#[test]
fn a_rate_no_whole_count_can_give_is_reported() {
    assert_eq!(texts(&run("figures.percentage", "调处纠纷50件，调处率95%。")), ["95%"]);
    assert!(run("figures.percentage", "调处纠纷50件，调处率96%。").is_empty());
    assert!(run("figures.percentage", "办理30件，其中20件，办结率95%。").is_empty(), "two counts: the base is unclear");
}

// ------------------------------------------------------------ the unit's own Party organ

#[test]
fn the_units_party_organ_named_two_ways_is_reported_where_it_is_the_minority() {
    let majority = "局党委高度重视。年初局党组召开会议。全年召开党委会12次。";
    assert_eq!(texts(&run("consistency.party-organ", majority)), ["党组"]);
    // On a tie, the name that departs from the first.
    let tie = "组成以党组书记、局长为组长的领导小组，定期在党委会上分析研究。";
    assert_eq!(texts(&run("consistency.party-organ", tie)), ["党委"]);
    // Others' organs and the general formula do not count.
    let others =
        "局党组书记主持会议。指导各镇党委书记履行职责，推动各级党委（党组）理论学习中心组学法，机关党委抓好落实。";
    assert!(run("consistency.party-organ", others).is_empty());
}

// ------------------------------------------------------------ the report's own year in a message

#[test]
fn the_year_to_write_instead_of_this_year_is_the_reports_own() {
    let dated = "关于2022年度法治政府建设情况的报告\n今年以来，我镇共调处矛盾纠纷12件。\n";
    let findings = run("phrase.this-year", dated);
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message.contains("（如“2022年”）"), "{}", findings[0].message);
    // A text that does not say its year gets no made-up one.
    let undated = run("phrase.this-year", "今年以来，我镇共调处矛盾纠纷12件。");
    assert!(undated[0].message.contains("（如“××××年”）"), "{}", undated[0].message);
}

#[test]
fn a_cached_lint_follows_the_reports_year_into_the_message() {
    // The message names the title's year: a cached paragraph must not keep the old one when only the title changes.
    let pack = builtin::packs().expect("built-in packs load").iter().find(|p| p.info.id == "fzzf-report").unwrap();
    let linter = Linter::for_specs(pack, "phrase.this-year");
    let mut cache = gwlint_rules::engine::LintCache::new();
    let body = "今年以来，我镇共调处矛盾纠纷12件。\n";
    let message = |year: &str, cache: &mut gwlint_rules::engine::LintCache| {
        let doc = Document::parse(format!("关于{year}年度法治政府建设情况的报告\n{body}"), Format::Text);
        let findings = linter.lint_cached(&doc, cache);
        findings.into_iter().find(|f| f.rule == "phrase.this-year").expect("fires").message
    };
    assert!(message("2022", &mut cache).contains("“2022年”"));
    assert!(message("2023", &mut cache).contains("“2023年”"));
}
