//! `kind = "consistency"`: agreement across the whole document.
//!
//! | `check` | what it reports | fix |
//! |---|---|---|
//! | `report-year` | `2023度` for `2023年度`; a plan section (`section = "plans"`) not for the year after the title's; a part heading or the date whose year does not fit the report year | the right year |
//! | `self-reference` | 我镇, 我局, 我中心 … when the unit named in the opening lines or signature is no 镇, 局, 中心 …; a bare 我 opening a clause (同时，我积极融入) in a report that calls itself 我局 elsewhere | the unit's own |
//! | `variants` | one term written two ways (`variants = [["其他", "其它"]]`): each minority spelling | the dominant spelling |
//! | `timeline` | from the report's year and the rule's dated `events`: a Party congress's spirit studied as current after its successor met (贯彻党的十九大精神 in a 2023 report), and likewise a plenary session of its term (十九届六中全会精神); a report on a year in which a listed plenary session met that names the congress but not the session (党的二十大精神 alone in a 2024 report), or in which a congress met that studies only the previous one (党的十九大精神 alone in a 2022 report); in the plans section, a plan whose period ended before the year planned for (推进“十四五”规划 in the plans for 2026) | the successor |
//! | `year-range` | a year range that cannot be: reversed (2025－2021年), with its end missing (2021－年), or without its dash (20212025年; in a title also without its brackets and 年: 方案20222025》) | the dash, where missing |
//! | `year-since` | “2024年以来” in the report on 2024: the report covers the whole year, written after it ended | `2024年` |
//! | `party-organ` | the unit's own Party organ named two ways (局党组 and 局党委, 党组书记 and 党委会; module `party_organ`): each minority name | the dominant name, offered for review |
//! | `data-cutoff` | figures “截至目前” (as of when?) or “截至10月” / “截至2024年11月” in the report on 2024 (short of the year) | — |

use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, check_of, fill};
use crate::dictionary::EveryOccurrence;
use crate::document::{Document, ParagraphKind};
use crate::schema::RuleDef;
use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;
use toml::Spanned;

/// A compiled `consistency` rule: the check it runs (the table above), with its settings.
#[derive(Debug, Clone)]
pub enum ConsistencyRule {
    ReportYear { plans_section: String },
    SelfReference,
    Variants(Variants),
    Timeline(Timeline),
    YearRange,
    YearSince,
    DataCutoff,
    PartyOrgan,
}

/// The dated facts of a `timeline` check.
#[derive(Debug, Clone)]
pub struct Timeline {
    plans_section: String,
    /// Congresses by opening day (`YYYYMMDD`), oldest first.
    congresses: Vec<(String, u32)>,
    /// Plenary sessions whose decisions later documents name beside their
    /// congress (二十届三中全会), by opening day, oldest first.
    plenaries: Vec<Plenary>,
    /// Plans: name, first and last year, successor (the next plan of the same
    /// series: the one whose first year follows this one's last).
    plans: Vec<Plan>,
}

#[derive(Debug, Clone)]
struct Plan {
    name: String,
    series: String,
    first: u32,
    last: u32,
    successor: Option<String>,
}

impl Timeline {
    fn parse(events: &[EventDef], plans_section: &str) -> Result<Timeline, String> {
        let mut congresses = Vec::new();
        let mut plenaries = Vec::new();
        let mut plans: Vec<Plan> = Vec::new();
        let year = |s: &str, what: &str| -> Result<u32, String> {
            s.parse::<u32>()
                .ok()
                .filter(|y| (1900..=2100).contains(y))
                .ok_or(format!("events 中“{what}”的年份“{s}”无效：应为四位年份"))
        };
        for e in events {
            if e.name.trim().is_empty() || e.source.trim().is_empty() {
                return Err("events 的每一项都需要 name 和 source".into());
            }
            match e.kind.as_str() {
                "congress" | "plenary" => {
                    let parts: Vec<&str> = e.start.split('-').collect();
                    let day = match parts.as_slice() {
                        [y, m, d] => {
                            let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
                            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                                return Err(format!("events 中“{}”的日期“{}”无效：应为 YYYY-MM-DD", e.name, e.start));
                            }
                            year(y, &e.name)? * 10_000 + m * 100 + d
                        }
                        _ => return Err(format!("events 中“{}”的日期“{}”无效：应为 YYYY-MM-DD", e.name, e.start)),
                    };
                    if e.kind == "congress" {
                        congresses.push((e.name.clone(), day));
                        continue;
                    }
                    // 二十届三中全会 belongs to the term of 二十大.
                    let Some((term, session)) = e.name.split_once('届').filter(|(t, s)| !t.is_empty() && !s.is_empty())
                    else {
                        return Err(format!("events 中的全会“{}”应写作“二十届三中全会”的形式", e.name));
                    };
                    plenaries.push(Plenary {
                        name: e.name.clone(),
                        day,
                        term: format!("{term}届"),
                        session: session.to_string(),
                        congress: format!("{term}大"),
                    });
                }
                "plan" => {
                    let first = year(&e.start, &e.name)?;
                    let last = year(e.end.as_deref().unwrap_or(""), &e.name)?;
                    if last < first {
                        return Err(format!("events 中“{}”的起止年份颠倒", e.name));
                    }
                    let series =
                        e.series.clone().ok_or(format!("events 中的规划“{}”需要 series（所属系列）", e.name))?;
                    plans.push(Plan { name: e.name.clone(), series, first, last, successor: None });
                }
                other => {
                    return Err(format!(
                        "events 中“{}”的 kind = \"{other}\" 未知：应为 congress、plenary 或 plan",
                        e.name
                    ));
                }
            }
        }
        congresses.sort_by_key(|c| c.1);
        plenaries.sort_by_key(|p| p.day);
        if let Some(p) = plenaries.iter().find(|p| !congresses.iter().any(|c| c.0 == p.congress)) {
            return Err(format!("events 中的全会“{}”所属的“{}”不在 events 中", p.name, p.congress));
        }
        // A plan's successor: the plan of its series that starts the year after it ends.
        for i in 0..plans.len() {
            plans[i].successor = plans
                .iter()
                .find(|q| q.first == plans[i].last + 1 && q.series == plans[i].series)
                .map(|q| q.name.clone());
        }
        Ok(Timeline { plans_section: plans_section.to_string(), congresses, plenaries, plans })
    }
}

/// A plenary session of a Central Committee (二十届三中全会): its term
/// (二十届), the session's own name (三中全会) and the congress that elected
/// the committee (二十大).
#[derive(Debug, Clone)]
struct Plenary {
    name: String,
    /// Opening day, `YYYYMMDD`.
    day: u32,
    term: String,
    session: String,
    congress: String,
}

/// Groups of spellings of one term, and one finder for them all.
#[derive(Debug, Clone)]
pub struct Variants {
    groups: Vec<Vec<String>>,
    finder: EveryOccurrence,
    /// The group and the place in it of each of the finder's words.
    words: Vec<(usize, usize)>,
}

/// Agreement across the document: years, self-reference, variant spellings, what is current.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyFields {
    /// Which check the rule runs: `report-year`, `self-reference`, `variants`, `timeline` or `year-range`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
    /// variants: groups of spellings of one term; mixing them is reported.
    #[serde(default)]
    pub variants: Vec<Vec<String>>,
    /// timeline: dated facts — Party congresses and plan periods — that decide which is current in
    /// the report's year.
    #[serde(default)]
    pub events: Vec<EventDef>,
    /// report-year, timeline: the key of the plans section (default `plans`).
    #[serde(default)]
    pub section: Option<String>,
}

/// A dated fact of `consistency` `timeline`: a Party congress that opened on a
/// day, or a plan that runs over whole years.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// How reports write it: `十九大`, `十四五`, `八五普法`.
    pub name: String,
    /// `congress` (党的全国代表大会) or `plan` (五年规划, 普法规划).
    pub kind: String,
    /// congress: the opening day, `YYYY-MM-DD`; plan: the first year, `YYYY`.
    pub start: String,
    /// plan: the last year, `YYYY`.
    #[serde(default)]
    pub end: Option<String>,
    /// plan: the series it belongs to (`五年规划`, `普法规划`); a plan's successor is the
    /// plan of its series that starts the year after it ends.
    #[serde(default)]
    pub series: Option<String>,
    /// Where the date comes from.
    pub source: String,
}

impl Kind for ConsistencyRule {
    const NAME: &'static str = "consistency";
    type Fields = ConsistencyFields;

    fn from_def(def: &RuleDef, fields: ConsistencyFields, _: &PackContext) -> Result<ConsistencyRule, CompileError> {
        let (name, span) = check_of(def, &fields.check)?;
        ConsistencyRule::parse(name, &fields.variants, &fields.events, fields.section.as_deref()).map_err(|m| (span, m))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        match self {
            ConsistencyRule::ReportYear { plans_section } => report_year(rule, cx, plans_section, out),
            ConsistencyRule::SelfReference => self_reference(rule, cx, out),
            ConsistencyRule::Variants(check) => variants(rule, cx, check, out),
            ConsistencyRule::Timeline(timeline) => check_timeline(rule, cx, timeline, out),
            ConsistencyRule::YearRange => year_range(rule, cx, out),
            ConsistencyRule::YearSince => year_since(rule, cx, out),
            ConsistencyRule::DataCutoff => data_cutoff(rule, cx, out),
            ConsistencyRule::PartyOrgan => super::party_organ::party_organ(rule, cx, out),
        }
    }
}

impl ConsistencyRule {
    pub fn parse(
        name: &str,
        variants: &[Vec<String>],
        events: &[EventDef],
        section: Option<&str>,
    ) -> Result<ConsistencyRule, String> {
        Ok(match name {
            "timeline" => {
                if events.is_empty() {
                    return Err("timeline 检查需要 events：党代会召开日期、规划起止年份".into());
                }
                ConsistencyRule::Timeline(Timeline::parse(events, section.unwrap_or("plans"))?)
            }
            "year-range" => ConsistencyRule::YearRange,
            "year-since" => ConsistencyRule::YearSince,
            "data-cutoff" => ConsistencyRule::DataCutoff,
            "party-organ" => ConsistencyRule::PartyOrgan,
            "report-year" => ConsistencyRule::ReportYear { plans_section: section.unwrap_or("plans").to_string() },
            "self-reference" => ConsistencyRule::SelfReference,
            "variants" => {
                if variants.is_empty() || variants.iter().any(|g| g.len() < 2 || g.iter().any(String::is_empty)) {
                    return Err("variants 检查需要 variants = [[\"写法一\", \"写法二\"], …]，每组至少两种写法".into());
                }
                let words: Vec<(usize, usize)> =
                    variants.iter().enumerate().flat_map(|(g, group)| (0..group.len()).map(move |i| (g, i))).collect();
                let spellings: Vec<&str> = words.iter().map(|&(g, i)| variants[g][i].as_str()).collect();
                let finder = EveryOccurrence::new(&spellings).map_err(|e| format!("variants 无法构建：{e}"))?;
                ConsistencyRule::Variants(Variants { groups: variants.to_vec(), finder, words })
            }
            _ => {
                return Err(format!(
                    "未知的 consistency 检查“{name}”：应为 report-year、self-reference、variants、timeline、year-range、year-since、data-cutoff 或 party-organ"
                ));
            }
        })
    }
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}").expect("pattern"));
static YEAR_WITHOUT_NIAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})度").expect("pattern"));
static YEAR_WITH_NIAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年(度)?").expect("pattern"));

/// The year the report is about: the first year in its title, which may be
/// set on two lines (the issuing organ on one, 关于2023年度…的报告 on the next).
pub(crate) fn title_year(doc: &Document) -> Option<u32> {
    YEAR.find(doc.slice(&doc.title_range()?)).and_then(|m| m.as_str().parse().ok())
}

/// The year the report is about: its title's, or, for a text without a
/// dated title (an excerpt, a report pasted without its header), the year
/// its first body paragraph opens with (“2020年，市司法局坚持……”, “2020年以来，……”),
/// the usual first words of these reports — after a covering letter's
/// document number and 主送 line (保政呈〔2025〕5号 / 河北省人民政府：), if any —
/// or the year the opening paragraph says it reports on (现将六枝特区2022年法治政府
/// 建设工作情况报告如下).
pub(crate) fn year_of_report(doc: &Document) -> Option<u32> {
    static OPENING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*((?:19|20)\d{2})\s*年(?:以来)?\s*[，,]").expect("pattern"));
    static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"现将[^。！？\n]{0,30}?((?:19|20)\d{2})\s*年[^。！？\n]{0,40}?(?:报告|汇报|总结)如下")
            .expect("pattern")
    });
    let covering =
        |line: &str| super::artefact::is_document_number(line) || crate::document::looks_like_addressee(line);
    title_year(doc).or_else(|| {
        let first = doc
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Body)
            .map(|p| doc.slice(&p.range).trim())
            .find(|line| !covering(line))?;
        OPENING.captures(first).or_else(|| INTRODUCED.captures(first)).and_then(|c| c[1].parse().ok())
    })
}

/// A fix, offered for review, that puts `replacement` in place of `span`.
fn replace_with(span: Range<usize>, replacement: &str) -> Fix {
    Fix::replace(format!("改为“{replacement}”"), span, replacement, false)
}

fn year_fix(span: Range<usize>, year: u32) -> Fix {
    Fix::replace(format!("改为{year}"), span, year.to_string(), false)
}

fn report_year(rule: &Rule, cx: &LintContext, plans_key: &str, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    // 2023度 → 2023年度, wherever it is.
    for paragraph in &doc.paragraphs {
        let text = doc.slice(&paragraph.range);
        for caps in YEAR_WITHOUT_NIAN.captures_iter(text) {
            let m = caps.get(0).expect("match");
            let span = paragraph.range.start + m.start()..paragraph.range.start + m.end();
            let fixed = format!("{}年度", &caps[1]);
            let detail = format!("“{}”缺少“年”字，应为“{fixed}”", m.as_str());
            let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &[("detail", &detail)]));
            finding.fixes.push(Fix::replace(format!("改为“{fixed}”"), span, fixed, true));
            out.push(finding);
        }
    }
    let Some(year) = title_year(doc) else { return };
    let plans = cx.sections.get(plans_key).copied();
    for &section in &doc.top_sections {
        let heading = &doc.headings[doc.sections[section].heading];
        let in_plans = Some(section) == plans;
        let expected = if in_plans { year + 1 } else { year };
        // The heading's years; in the plan section also the body's "N年度".
        let mut places: Vec<Range<usize>> = years_in(doc, heading.title_range.clone(), false);
        if in_plans {
            places.extend(years_in(doc, doc.sections[section].body.clone(), true));
        }
        for span in places {
            let found: u32 = doc.slice(&span).parse().unwrap_or(expected);
            if found == expected {
                continue;
            }
            let detail = if in_plans {
                format!("本报告是{year}年度报告，下一年度安排应为{expected}年，这里写的是{found}年")
            } else {
                format!("本报告是{year}年度报告，这一部分的标题却写{found}年")
            };
            let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &[("detail", &detail)]));
            finding.fixes.push(year_fix(span, expected));
            out.push(finding);
        }
    }
    if let Some(date) = doc.date
        && let Some(m) = YEAR.find(doc.slice(&doc.paragraphs[date].range))
    {
        let found: u32 = m.as_str().parse().unwrap_or(year);
        if found != year && found != year + 1 {
            let start = doc.paragraphs[date].range.start + m.start();
            let detail = format!("落款日期是{found}年，与{year}年度报告不符");
            out.push(rule.finding(doc, start..start + m.len(), fill(&rule.meta.message, &[("detail", &detail)])));
        }
    }
}

/// Ranges of the digits of years written with 年 (with 年度 only, when asked).
fn years_in(doc: &Document, range: Range<usize>, only_niandu: bool) -> Vec<Range<usize>> {
    YEAR_WITH_NIAN
        .captures_iter(doc.slice(&range))
        .filter(|caps| !only_niandu || caps.get(2).is_some())
        .map(|caps| {
            let digits = caps.get(1).expect("group");
            range.start + digits.start()..range.start + digits.end()
        })
        .collect()
}

/// Self-references that name a kind of unit, with the word the unit's name must contain.
const SELF_REFERENCES: &[(&str, &str)] = &[
    ("我镇", "镇"),
    ("我乡", "乡"),
    ("我街道", "街道"),
    ("我中心", "中心"),
    ("我局", "局"),
    ("我办", "办"),
    ("我委", "委"),
];

/// Characters after which 我X is another word (我办理, 我委托, 我乡村).
fn continues_word(reference: &str, next: Option<char>) -> bool {
    matches!((reference, next), ("我办", Some('理' | '事')) | ("我委", Some('托')) | ("我乡", Some('村')))
}

/// The unit's name: the lines before the title and the signature.
fn unit_name(doc: &Document) -> Option<String> {
    let name: String = doc
        .paragraphs
        .iter()
        .filter(|p| matches!(p.kind, ParagraphKind::Preamble | ParagraphKind::Signer))
        .map(|p| doc.slice(&p.range))
        .collect();
    (!name.trim().is_empty()).then_some(name)
}

/// How a unit with this name refers to itself.
fn own_reference(name: &str) -> Option<&'static str> {
    let checks: [(&str, &str); 8] = [
        ("镇", "我镇"),
        ("街道", "我街道"),
        ("区", "我区"),
        ("中心", "我中心"),
        ("局", "我局"),
        ("办", "我办"),
        ("委", "我委"),
        ("县", "我县"),
    ];
    checks.iter().find(|(word, _)| name.contains(word)).map(|(_, reference)| *reference)
}

static SELF_REFERENCE_FINDER: LazyLock<EveryOccurrence> = LazyLock::new(|| {
    EveryOccurrence::new(&SELF_REFERENCES.iter().map(|r| r.0).collect::<Vec<_>>()).expect("self references")
});

/// What may follow 我 in a unit's report: its own short name (我局, 我县 …),
/// a larger place (我国, 我省), 们, or a word (我为群众办实事 is quoted; 我方).
const AFTER_WO: &str = "们国省市县区镇乡局委办厅部院中单司所站队处科校街村社会方党军的州旗盟";

/// A unit's reference to itself, 我 and its kind (我局, 我县, 我中心 …).
static OWN_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"我(?:镇|乡|街道|中心|局|办|委|县|区|市|所|站|院)").expect("pattern"));

/// A bare 我 opening a clause (同时，我积极融入……) in a report whose text
/// otherwise calls the unit 我局: the unit's name word was dropped. The fix is
/// the self-reference the report uses most.
fn bare_self_reference(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for range in doc.body_ranges() {
        for m in OWN_WORD.find_iter(doc.slice(range)) {
            match counts.iter_mut().find(|(w, _)| *w == m.as_str()) {
                Some((_, n)) => *n += 1,
                None => counts.push((m.as_str(), 1)),
            }
        }
    }
    let Some(&(own, _)) = counts.iter().max_by_key(|(_, n)| *n) else { return };
    for range in doc.body_ranges() {
        let text = doc.slice(range);
        for (i, _) in text.match_indices('我') {
            let before = text[..i].chars().next_back();
            let after = text[i + '我'.len_utf8()..].chars().next();
            let opens_clause = before.is_none_or(|c| "，。；：！？".contains(c));
            if !opens_clause
                || crate::text::inside_quotes(&text[..i])
                || after.is_none_or(|c| !crate::text::is_han(c) || AFTER_WO.contains(c))
            {
                continue;
            }
            let start = range.start + i;
            let span = start..start + '我'.len_utf8();
            let detail = format!("单独的“我”像是漏了单位简称，报告其他地方自称“{own}”");
            let values = [("text", "我"), ("detail", detail.as_str()), ("replacement", own)];
            let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
            finding.fixes.push(replace_with(span, own));
            out.push(finding);
        }
    }
}

fn self_reference(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    bare_self_reference(rule, cx, out);
    let doc = cx.doc;
    let Some(name) = unit_name(doc) else { return };
    let own = own_reference(&name);
    for range in doc.body_ranges().iter().cloned() {
        let text = doc.slice(&range);
        for (found, i) in SELF_REFERENCE_FINDER.find(text) {
            let (reference, word) = SELF_REFERENCES[found];
            if name.contains(word) || continues_word(reference, text[i + reference.len()..].chars().next()) {
                continue;
            }
            let start = range.start + i;
            let span = start..start + reference.len();
            let detail = format!("与发文单位“{}”不符", name.trim());
            let values = [("text", reference), ("detail", detail.as_str()), ("replacement", own.unwrap_or(""))];
            let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
            finding.fixes.extend(own.map(|own| replace_with(span, own)));
            out.push(finding);
        }
    }
}

fn variants(rule: &Rule, cx: &LintContext, check: &Variants, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let mut ranges: Vec<Range<usize>> =
        doc.body_ranges().iter().cloned().chain(doc.headings.iter().map(|h| h.title_range.clone())).collect();
    ranges.sort_by_key(|r| r.start);
    // occurrences[group][spelling]: where each spelling starts, in order.
    let mut occurrences: Vec<Vec<Vec<usize>>> = check.groups.iter().map(|g| vec![Vec::new(); g.len()]).collect();
    for range in &ranges {
        for (word, i) in check.finder.find(doc.slice(range)) {
            let (group, spelling) = check.words[word];
            occurrences[group][spelling].push(range.start + i);
        }
    }
    for (group, occurrences) in check.groups.iter().zip(occurrences) {
        let used = occurrences.iter().filter(|o| !o.is_empty()).count();
        if used < 2 {
            continue;
        }
        // The most used spelling wins; on a tie, the one listed first.
        let dominant =
            (0..group.len()).max_by_key(|&i| (occurrences[i].len(), std::cmp::Reverse(i))).expect("non-empty");
        let count = occurrences[dominant].len().to_string();
        for (i, starts) in occurrences.iter().enumerate() {
            if i == dominant {
                continue;
            }
            for &start in starts {
                let span = start..start + group[i].len();
                let values =
                    [("text", group[i].as_str()), ("replacement", group[dominant].as_str()), ("count", &count)];
                let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
                finding.fixes.push(Fix::replace(
                    format!("统一为“{}”", group[dominant]),
                    span,
                    group[dominant].clone(),
                    false,
                ));
                out.push(finding);
            }
        }
    }
}

/// A congress's spirit studied or carried out (学习贯彻党的十九大精神), or that of
/// a plenary session of its term (贯彻党的十九届六中全会精神, 十九届历次全会精神):
/// the name, and the term (十九) that says which congress it belongs to.
static SPIRIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:学习|贯彻|落实|宣传|领会|宣讲)[^。；！？\n]{0,12}?(?:党的)?(((?:十|二十)[一二三四五六七八九]?)(?:大|届(?:[一二三四五六七八九]中|历次)全会))精神",
    )
    .expect("pattern")
});

/// Words that look back at a plan rather than carry it out.
const LOOKING_BACK: &[&str] = &["收官", "总结", "回顾", "评估", "验收", "期间", "以来", "完成情况"];

fn check_timeline(rule: &Rule, cx: &LintContext, timeline: &Timeline, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(year) = year_of_report(doc) else { return };
    // The latest congress that had met when the year began.
    let new_year = year * 10_000 + 101;
    let latest = timeline.congresses.iter().rev().find(|c| c.1 < new_year);
    if let Some((latest_name, latest_day)) = latest {
        for range in doc.body_ranges() {
            let text = doc.slice(range);
            for caps in SPIRIT.captures_iter(text) {
                let (Some(m), Some(term)) = (caps.get(1), caps.get(2)) else { continue };
                let congress = format!("{}大", term.as_str());
                let named = timeline.congresses.iter().find(|c| c.0 == congress);
                if named.is_none_or(|c| c.1 >= *latest_day) {
                    continue;
                }
                let span = range.start + m.start()..range.start + m.end();
                let (met_year, met_month) = (latest_day / 10_000, latest_day / 100 % 100);
                // A plenary session has no one successor to put in its place.
                let plenary = m.as_str() != congress;
                let detail = if plenary {
                    format!(
                        "{year}年度报告学习贯彻的应是党的{latest_name}（{met_year}年{met_month}月召开）和此后全会的精神，“{}”属于{congress}一届，已不是最新的",
                        m.as_str()
                    )
                } else {
                    format!(
                        "{year}年度报告学习贯彻的应是党的{latest_name}精神（{met_year}年{met_month}月召开），“{}精神”已不是最新的",
                        m.as_str()
                    )
                };
                let values = [("text", m.as_str()), ("detail", detail.as_str())];
                let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
                if !plenary {
                    finding.fixes.push(replace_with(span, latest_name));
                }
                out.push(finding);
            }
        }
    }
    congress_of_the_year_missing(rule, cx, timeline, year, out);
    latest_plenary_missing(rule, cx, timeline, year, out);
    // In the plans for the next year: a plan that will be over by then.
    let Some(&section) = cx.sections.get(&timeline.plans_section) else { return };
    let body = doc.sections[section].body.clone();
    let planned = year + 1;
    for sentence in doc.sentences.iter().filter(|s| s.range.start >= body.start && s.range.end <= body.end) {
        let text = doc.slice(&sentence.range);
        if LOOKING_BACK.iter().any(|w| text.contains(w)) {
            continue;
        }
        for plan in timeline.plans.iter().filter(|p| p.last < planned) {
            for (at, _) in text.match_indices(plan.name.as_str()) {
                let span = sentence.range.start + at..sentence.range.start + at + plan.name.len();
                let successor = plan.successor.as_deref();
                let detail = match successor {
                    Some(next) => format!(
                        "“{}”（{}－{}年）已结束，{planned}年的安排应依据“{next}”",
                        plan.name, plan.first, plan.last
                    ),
                    None => format!("“{}”（{}－{}年）在{planned}年已结束", plan.name, plan.first, plan.last),
                };
                let values = [("text", plan.name.as_str()), ("detail", detail.as_str())];
                let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
                finding.fixes.extend(successor.map(|next| replace_with(span, next)));
                out.push(finding);
            }
        }
    }
}

/// The body paragraphs and headings, whole: where a report says what it
/// studies (a heading can: （一）深入学习宣传贯彻党的二十大精神).
pub(super) fn body_and_headings(doc: &Document) -> impl Iterator<Item = Range<usize>> + '_ {
    doc.paragraphs
        .iter()
        .filter(|p| matches!(p.kind, ParagraphKind::Body | ParagraphKind::Heading(_)))
        .map(|p| p.range.clone())
}

/// A report on a year in which a Party congress met (二十大, October 2022)
/// that studies the previous congress's spirit (党的十九大精神) and never names
/// the new one: the report was written after the congress, and its year's
/// work went on under both. Reported once, at the first such mention.
fn congress_of_the_year_missing(rule: &Rule, cx: &LintContext, timeline: &Timeline, year: u32, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(position) = timeline.congresses.iter().position(|c| c.1 / 10_000 == year) else { return };
    let (name, day) = &timeline.congresses[position];
    if position == 0 || doc.text.contains(name.as_str()) {
        return;
    }
    let previous = &timeline.congresses[position - 1].0;
    let Some(first) = body_and_headings(doc).find_map(|range| {
        SPIRIT.captures_iter(doc.slice(&range)).find_map(|caps| {
            let (m, term) = (caps.get(1)?, caps.get(2)?);
            (format!("{}大", term.as_str()) == *previous)
                .then(|| range.start + m.start()..range.start + m.end() + "精神".len())
        })
    }) else {
        return;
    };
    let (met_year, met_month) = (day / 10_000, day / 100 % 100);
    let text = doc.slice(&first);
    let detail = format!(
        "{year}年度报告只写到“{text}”：党的{name}已于{met_year}年{met_month}月召开，报告在此后写成，学习贯彻的应包括党的{name}精神"
    );
    let values = [("text", text), ("detail", detail.as_str())];
    out.push(rule.finding(doc, first, fill(&rule.meta.message, &values)));
}

/// A report on a year in which a plenary session of the current term met
/// (二十届三中全会, July 2024) that studies the congress's spirit (党的二十大精神)
/// but never names that session, nor 历次全会: the report's guiding wording
/// stopped before its year did. Reported once, at the first mention of the
/// congress in the body.
fn latest_plenary_missing(rule: &Rule, cx: &LintContext, timeline: &Timeline, year: u32, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let year_end = year * 10_000 + 1231;
    let Some(Plenary { name, day, term, session, congress }) =
        timeline.plenaries.iter().rev().find(|p| p.day <= year_end)
    else {
        return;
    };
    // The session's term must still be the current one at the year's end.
    if timeline.congresses.iter().rev().find(|c| c.1 <= year_end).is_none_or(|c| &c.0 != congress) {
        return;
    }
    // 三中全会 as written in 二十届二中、三中全会 too.
    if doc.text.contains(session.as_str()) || doc.text.contains("历次全会") {
        return;
    }
    // The congress and what the sentence studies of it (党的二十大和二十届二中、三中全会精神).
    // Only its spirit: the congress's decisions on a subject (党的二十大关于法治建设的战略部署)
    // or its report are what they were, whatever session met since. Nor a description of the
    // year (2024年是全面贯彻落实党的二十大精神的关键之年, the central government's words for it).
    let Some(first) = body_and_headings(doc).find_map(|range| {
        let text = doc.slice(&range);
        text.match_indices(congress.as_str()).find_map(|(at, _)| {
            let rest = &text[at..];
            let clause = rest.find(['。', '；', '，']).map_or(rest, |end| &rest[..end]);
            let end = clause.find("精神")? + "精神".len();
            let describes_the_year =
                clause[end..].strip_prefix('的').is_some_and(|after| after.chars().take(4).any(|c| c == '年'));
            (!describes_the_year).then(|| range.start + at..range.start + at + end)
        })
    }) else {
        return;
    };
    let (met_year, met_month) = (day / 10_000, day / 100 % 100);
    let detail = format!(
        "{year}年度报告只写到“{congress}”：党的{name}已于{met_year}年{met_month}月召开，学习贯彻的应是“党的{congress}和{name}精神”（或“党的{congress}和{term}历次全会精神”）"
    );
    let values = [("text", doc.slice(&first)), ("detail", detail.as_str())];
    out.push(rule.finding(doc, first, fill(&rule.meta.message, &values)));
}

/// 2025－2021年 (reversed), 2021－年 (no end), 20212025年 (no dash), and
/// a title's period that lost its dash, brackets and 年 (实施方案20222025》).
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"((?:19|20)\d{2})\s*[-－—–~～至到]\s*((?:19|20)\d{2})?\s*年",
        r"|((?:19|20)\d{2})((?:19|20)\d{2})(年|[》）)])"
    ))
    .expect("pattern")
});

/// “2024年以来”, and its shorter form “2024年来，” (only before a comma: 2024年来自……).
static YEAR_SINCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年(?:以来|来[，,])").expect("pattern"));

/// “2024年以来” in the report on 2024. A yearly report is written after the
/// year it reports on has ended, so “since the start of the year” reads as
/// if it were written during it (and the figures may stop short of the year's
/// end); the report's year is the whole period. An earlier year (2021年以来)
/// is a longer period, and right.
fn year_since(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(year) = year_of_report(doc) else { return };
    for range in doc.body_ranges() {
        let text = doc.slice(range);
        for caps in YEAR_SINCE.captures_iter(text) {
            if caps[1].parse::<u32>() != Ok(year) {
                continue;
            }
            let m = caps.get(0).expect("match");
            let written = m.as_str().trim_end_matches(['，', ',']);
            let span = range.start + m.start()..range.start + m.start() + written.len();
            let fixed = format!("{year}年");
            let detail = format!("本报告写的是{year}全年的情况，“{written}”像是年中的写法，应写“{fixed}”");
            let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &[("detail", &detail)]));
            finding.fixes.push(replace_with(span, &fixed));
            out.push(finding);
        }
    }
}

static CUTOFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"截至(?:(目前|今日|当前|发稿时)|(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月(?:底|末|份|\d{1,2}日)?)")
        .expect("pattern")
});

/// Figures “截至目前” in a yearly report (as of when? the report is read
/// months later), or “截至10月” / “截至2024年11月” in the report on 2024
/// (the year is not whole). A month of another year (截至2023年6月, in a
/// report on 2024) is a different matter, and left alone.
fn data_cutoff(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let year = year_of_report(doc);
    let year_end = year.map_or_else(|| "年底".to_string(), |y| format!("{y}年底"));
    for range in doc.body_ranges() {
        let text = doc.slice(range);
        for caps in CUTOFF.captures_iter(text) {
            let m = caps.get(0).expect("match");
            let detail = if caps.get(1).is_some() {
                format!(
                    "“{}”：报告在次年报送和公开，读者不知道“目前”是何时，应写明时点（如“截至{year_end}”）",
                    m.as_str()
                )
            } else {
                let month: u32 = caps[3].parse().unwrap_or(12);
                let written_year = caps.get(2).and_then(|y| y.as_str().parse::<u32>().ok());
                if month >= 12 || month == 0 || written_year.is_some_and(|y| Some(y) != year) {
                    continue;
                }
                // Without a year the month is the report's (or the year is unknown).
                format!("“{}”：年度报告的数据只统计到{month}月，应给出全年的数据（截至{year_end}）", m.as_str())
            };
            let span = range.start + m.start()..range.start + m.end();
            out.push(rule.finding(doc, span, fill(&rule.meta.message, &[("detail", &detail)])));
        }
    }
}

fn year_range(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for paragraph in &doc.paragraphs {
        let text = doc.slice(&paragraph.range);
        for caps in YEAR_RANGE.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            // A longer number (a phone or document number) is no year range.
            let mut before = text[..m.start()].chars().rev();
            let digit_before = match before.next() {
                Some(c) if c.is_ascii_digit() => true,
                Some('-' | '－') => before.next().is_some_and(|c| c.is_ascii_digit()),
                _ => false,
            };
            if digit_before {
                continue;
            }
            // Only the figures (and their 年) are reported and replaced, not a closing mark.
            let closing = caps.get(5).filter(|t| t.as_str() != "年");
            let end = closing.map_or(m.end(), |t| t.start());
            let written = &text[m.start()..end];
            let span = paragraph.range.start + m.start()..paragraph.range.start + end;
            let mut fix = None;
            let detail = match (caps.get(1), caps.get(2), caps.get(3), caps.get(4)) {
                (Some(first), Some(last), _, _) => {
                    let (a, b): (u32, u32) = (first.as_str().parse().unwrap_or(0), last.as_str().parse().unwrap_or(0));
                    if b >= a {
                        continue;
                    }
                    format!("年份区间“{}”起止颠倒（{a}年在{b}年之后）", m.as_str())
                }
                (Some(_), None, _, _) => format!("年份区间“{}”缺少终止年份", m.as_str()),
                (None, None, Some(first), Some(last)) => {
                    let (a, b): (u32, u32) = (first.as_str().parse().unwrap_or(0), last.as_str().parse().unwrap_or(0));
                    if b <= a || b - a > 20 {
                        continue;
                    }
                    // Before 》 the period's brackets went too: 《……方案（2022－2025年）》.
                    let fixed = match closing.map(|t| t.as_str()) {
                        Some("》") => format!("（{a}－{b}年）"),
                        _ => format!("{a}－{b}年"),
                    };
                    fix = Some(fixed.clone());
                    format!("年份区间“{written}”缺少连接号，应为“{fixed}”")
                }
                _ => continue,
            };
            let values = [("text", written), ("detail", detail.as_str())];
            let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
            finding.fixes.extend(fix.map(|fixed| replace_with(span, &fixed)));
            out.push(finding);
        }
    }
}
