use super::*;

const REPORT: &str = "县司法局\n关于2023年度法治政府建设情况的报告\n县人民政府：\n2023年，我局坚持依法行政。现将有关情况报告如下：\n一、主要举措和成效\n（一）加强组织领导。成立领导小组，召开会议3次。\n（二）推进依法决策。\n1.完善制度。一是健全规则；二是规范程序。\n二、存在的不足和原因\n法治宣传不够深入。\n\n县司法局\n2023年12月14日\n";

fn kinds(doc: &Document) -> Vec<ParagraphKind> {
    doc.paragraphs.iter().map(|p| p.kind).collect()
}

#[test]
fn finds_the_parts_of_a_report() {
    let doc = Document::parse(REPORT, Format::Text);
    use ParagraphKind::*;
    assert_eq!(
        kinds(&doc),
        [
            Preamble,
            Title,
            Addressee,
            Body,
            Heading(0),
            Heading(1),
            Heading(2),
            Heading(3),
            Heading(4),
            Body,
            Signer,
            Date
        ]
    );
    assert_eq!(doc.slice(&doc.paragraphs[doc.title.unwrap()].range), "关于2023年度法治政府建设情况的报告");
    assert_eq!(doc.slice(&doc.paragraphs[doc.addressee.unwrap()].range), "县人民政府：");
    assert_eq!(doc.signers, [10]);
    assert_eq!(doc.date, Some(11));
}

#[test]
fn headings_carry_level_ordinal_and_title() {
    let doc = Document::parse(REPORT, Format::Text);
    let summary: Vec<(u8, Option<u32>, &str, bool)> = doc
        .headings
        .iter()
        .enumerate()
        .map(|(i, h)| (h.rank(), h.ordinal.as_ref().and_then(|o| o.number), doc.heading_title(i), h.run_in))
        .collect();
    assert_eq!(
        summary,
        [
            (11, Some(1), "主要举措和成效", false),
            (12, Some(1), "加强组织领导", true),
            (12, Some(2), "推进依法决策", false),
            (13, Some(1), "完善制度", true),
            (11, Some(2), "存在的不足和原因", false),
        ]
    );
}

#[test]
fn sections_nest_and_end_before_the_closing_block() {
    let doc = Document::parse(REPORT, Format::Text);
    assert_eq!(doc.top_sections, [0, 4]);
    assert_eq!(doc.sections[0].children, [1, 2]);
    assert_eq!(doc.sections[2].children, [3]);
    assert_eq!(doc.sections[3].parent, Some(2));
    let last = &doc.sections[4];
    assert!(doc.slice(&last.body).trim().ends_with("法治宣传不够深入。"), "{:?}", doc.slice(&last.body));
    assert_eq!(doc.slice(&doc.sections[1].body).trim(), "成立领导小组，召开会议3次。");
}

#[test]
fn the_section_at_an_offset_is_the_innermost_one_containing_it() {
    let headings = ["一、甲", "（一）乙", "1.丙", "（1）丁", "二、戊", "（二）己", "2.庚", "三、辛"];
    let mut rng = crate::fuzz::SeededRng::new(23);
    for _ in 0..200 {
        let mut text = String::from("关于2023年度法治政府建设情况的报告\n");
        for _ in 0..rng.below(12) {
            let heading: &&str = rng.pick(&headings);
            text.push_str(heading);
            text.push_str("\n正文一是甲，二是乙。\n");
        }
        text.push_str("\n县司法局\n2023年12月14日\n");
        let doc = Document::parse(&text, Format::Text);
        for offset in 0..=text.len() {
            let innermost = doc
                .sections
                .iter()
                .enumerate()
                .filter(|(_, s)| s.range.contains(&offset))
                .max_by_key(|(_, s)| s.depth)
                .map(|(i, _)| i);
            assert_eq!(doc.section_at(offset), innermost, "at {offset} in {text:?}");
        }
    }
}

#[test]
fn sentences_split_inside_paragraphs() {
    let doc = Document::parse(REPORT, Format::Text);
    let enumerated = doc.headings[3].paragraph;
    let sentences: Vec<&str> =
        doc.paragraphs[enumerated].sentences.clone().map(|s| doc.slice(&doc.sentences[s].range)).collect();
    assert_eq!(sentences, ["1.完善制度。", "一是健全规则；", "二是规范程序。"]);
    let offset = REPORT.find("召开").unwrap();
    assert_eq!(doc.slice(&doc.sentence_at(offset).unwrap().range), "成立领导小组，召开会议3次。");
}

#[test]
fn body_ranges_exclude_headings_but_keep_run_in_text() {
    let doc = Document::parse(REPORT, Format::Text);
    let body: Vec<&str> = doc.body_ranges().iter().map(|r| doc.slice(r)).collect();
    assert_eq!(
        body,
        [
            "2023年，我局坚持依法行政。现将有关情况报告如下：",
            "成立领导小组，召开会议3次。",
            "一是健全规则；二是规范程序。",
            "法治宣传不够深入。",
        ]
    );
}

#[test]
fn crlf_cr_and_bom_keep_byte_ranges_exact() {
    let text = format!("\u{feff}{}", REPORT.replace('\n', "\r\n"));
    let doc = Document::parse(text.as_str(), Format::Text);
    assert_eq!(doc.headings.len(), 5);
    assert_eq!(doc.heading_title(4), "存在的不足和原因");
    let cr = REPORT.replace('\n', "\r");
    let doc = Document::parse(cr.as_str(), Format::Text);
    assert_eq!(doc.headings.len(), 5);
    assert_eq!(doc.date, Some(11));
}

#[test]
fn markdown_paragraphs_span_lines_and_hash_headings_nest() {
    let text = "# 关于2024年度法治政府建设情况的报告\n\n## 一、主要举措和成效\n\n第一行\n第二行。\n\n### （一）加强领导\n\n内容。\n";
    let doc = Document::parse(text, Format::Markdown);
    assert_eq!(doc.title, Some(0));
    assert_eq!(doc.headings.len(), 2);
    assert_eq!(doc.heading_title(0), "主要举措和成效");
    assert_eq!(doc.headings[0].ordinal.as_ref().unwrap().number, Some(1));
    assert_eq!(doc.sections[0].children, [1]);
    assert!(doc.paragraphs.iter().any(|p| doc.slice(&p.range) == "第一行\n第二行。"));
}

#[test]
fn empty_and_blank_documents_have_no_parts() {
    for text in ["", "\n\n", "\u{feff}", "  \u{3000}\r\n"] {
        let doc = Document::parse(text, Format::Text);
        assert!(doc.paragraphs.is_empty() && doc.title.is_none() && doc.sections.is_empty(), "{text:?}");
    }
}

#[test]
fn a_title_that_reads_as_one_only_across_its_two_lines_is_found_after_a_covering_letter() {
    let text = "市委、市政府：\n现将工作总结报送如下。\n特此报告。\n某市交通运输局\n2025年1月15日\n2024年度交通运输法治政府建设\n工作总结\n2024年，我局深入推进依法行政。\n";
    let doc = Document::parse(text, Format::Text);
    use ParagraphKind::*;
    assert_eq!(kinds(&doc), [Preamble, Preamble, Preamble, Preamble, Preamble, Title, Title, Body]);
    // A title without 报告 that ends in 总结 is found on its own line.
    let doc = Document::parse("塔庄镇2022法治政府建设工作总结\n2022年，塔庄镇坚持依法行政。\n", Format::Text);
    assert_eq!(kinds(&doc), [Title, Body]);
    // So is a summary and a plan in one (set 39), but not a plan alone.
    let text = "某县卫生健康局2022年法治政府建设工作总结和2023年度工作计划\n2022年，县卫生健康局坚持依法行政。\n";
    assert_eq!(kinds(&Document::parse(text, Format::Text)), [Title, Body]);
    let text = "某县卫生健康局2023年度工作计划\n2022年，县卫生健康局坚持依法行政。\n";
    assert_eq!(kinds(&Document::parse(text, Format::Text)), [Body, Body]);
    // An organ's line above a title that is one by itself stays the preamble.
    let doc = Document::parse(
        "某示范区管委会\n关于2023年度法治政府建设情况的报告\n2023年，我区坚持依法行政。\n",
        Format::Text,
    );
    assert_eq!(kinds(&doc), [Preamble, Title, Body]);
    // A second line that only finishes the title (情况报告) is not a title by itself.
    let doc = Document::parse("某区2024年度法治政府建设\n情况报告\n2024年，我区坚持依法行政。\n", Format::Text);
    assert_eq!(kinds(&doc), [Title, Title, Body]);
}

#[test]
fn sentences_in_a_range_are_those_overlapping_it() {
    let doc = Document::parse("甲。乙。丙。\n丁。", Format::Text);
    let second = doc.text.find('乙').unwrap();
    let texts =
        |r: std::ops::Range<usize>| doc.sentences_in(&r).iter().map(|s| doc.slice(&s.range)).collect::<Vec<_>>();
    assert_eq!(texts(second..second + 1), ["乙。"]);
    assert_eq!(texts(second..doc.text.find('丙').unwrap() + 1), ["乙。", "丙。"]);
    assert_eq!(texts(0..doc.text.len()).len(), 4);
    assert!(texts(doc.text.len()..doc.text.len()).is_empty());
}

#[test]
fn a_heading_that_lost_its_pause_mark_is_one_where_the_numbering_agrees() {
    let bare = |text: &str| -> Vec<(String, Option<OrdinalStyle>)> {
        let doc = Document::parse(text, Format::Text);
        doc.headings
            .iter()
            .map(|h| (doc.slice(&h.title_range).to_string(), h.ordinal.as_ref().map(|o| o.style)))
            .collect()
    };
    // The next paragraph opens the first sub-heading.
    let found = bare("2024年，我镇扎实推进法治政府建设。\n一主要举措和成效\n（一）强化组织领导。成立领导小组。\n");
    assert_eq!(found[0], ("主要举措和成效".to_string(), Some(OrdinalStyle::ChineseBare)));
    // The first-level heading after it carries the next number.
    let found = bare("前言。\n一主要举措和成效\n成立领导小组。\n二、存在的不足和原因\n宣传不够。\n");
    assert_eq!(
        found.iter().map(|h| h.1).collect::<Vec<_>>(),
        [Some(OrdinalStyle::ChineseBare), Some(OrdinalStyle::ChineseComma)]
    );
    // Lines that start with a numeral and are no headings: a title, a clause, numbering that does not agree.
    for text in [
        "六安市公安局关于2022年法治政府建设情况的报告\n（一）加强组织领导。\n",
        "一年来成效明显\n（一）加强组织领导。\n",
        "一主要举措和成效，成立领导小组\n（一）加强组织领导。\n",
        "前言。\n三主要举措和成效\n成立领导小组。\n二、存在的不足和原因\n",
    ] {
        assert!(bare(text).iter().all(|h| h.1 != Some(OrdinalStyle::ChineseBare)), "{text}");
    }
}
