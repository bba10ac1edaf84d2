//! `kind = "citation"`: the laws, regulations and documents a report names in 《》,
//! checked against a catalogue that ships with the pack.
//!
//! | `check` | what it reports | fix |
//! |---|---|---|
//! | `title` | a title the catalogue does not know that is one small edit (a character missing, extra, or two swapped; or one replaced by a character easily confused with it) away from exactly one title it knows: 《法治政府建设与责任落实督查工作规定》; or a plan cited with its period whose name lacks a few characters of the one entry of that period that holds it in order: 《法治政府实施纲要（2021－2025年）》 | the catalogue's characters, inside the 《》 only (offered) |
//! | `repealed` | a title the catalogue records as repealed on or before 1 January of the report's year (the year in its title): 《合同法》 in a 2023 report | the successor's title (offered) |
//! | `unmarked` | a catalogue title written without 书名号 in running text: 严格执行党政主要负责人履行推进法治建设第一责任人职责规定 (GB/T 15834-2011 4.15). Only titles of eight characters or more (a leading 中华人民共和国 and a trailing period left out) that end in a document's type — 条例, 规定, 纲要, 办法, 意见, 规划, 决定, 细则, 规则 — and are not laws: a law's short name (宪法, 行政处罚法) is also a common noun, and reviewers leave it; inside 《》, 〈〉, <> or “” nothing is reported | 《》 around the title and its period (offered; none after a place's name, 广东省法治政府建设实施纲要, whose marks open before the place) |
//! | `short-title` | a law cited by its short name (《民法典》) in a report that cites another law by its full title (《中华人民共和国宪法》): the same kind of title written two ways. Not a law whose full title the report gave before (a later short mention of a law named in full is usual), nor a short name the catalogue does not give with 中华人民共和国 | the full title, inside the 《》 (offered) |
//! | `issuer` | a central document credited, right before its 《》, to organs other than those the catalogue records as its issuers: 国务院《法治政府建设实施纲要（2021－2025年）》 (中共中央、国务院), 中央《党政主要负责人履行推进法治建设第一责任人职责规定》 (the two general offices), a local Party committee or government (省政府《……纲要》). Short names count as the organ (党中央, 中办、国办, 两办); organs may be joined by 、, 和, 与, a space or nothing, and followed by 印发的, 出台的 …; whole-area words (全市, 我县) are not organs | the recorded issuers in place of the organs written (offered) |
//! | `law-name` | a law cited by a name that is not its name nor its short name (the name without 中华人民共和国): a title ending in 法 (or, for an administrative regulation, in 条例, four characters or more and not a Party regulation: 《抚恤优待条例》 for 军人抚恤优待条例) that the catalogue does not know and that is shorter than the name of at least one law it knows, which holds all its characters in order — 《土地法》 (土地管理法), 《招投标法》 (招标投标法), 《行政法》 (行政处罚法, 行政许可法 …). A title close to no law (《五步调解法》, a method) or that `title` compares (one edit away, long enough) is not reported; nor one the report defines as its own short name (以下简称《企业法》, anywhere in the report), a method or a deed ending in 法 (办法, 工作法, 普法) unless a law ends in the same three characters (《消费者保护法》 is reported), the Basic Laws without 特别行政区 (《香港基本法》), or a name in the rule's `short_names` (选举法: the NPC's own short names) | only when sure: the one law that holds the title, or the closest (in force before repealed) when it keeps the title's first character and adds no more characters than the title has; none for 条例, which may be a local regulation without its place; inside the 《》 (offered) |
//! | `outdated` | a plan or edition with a known successor, cited as the current one: in the plans section (`section = "plans"`) when its period ends before the year planned for, elsewhere when the period ended before the report's year and the sentence implements it (贯彻, 落实, 按照 …) | the successor's title (offered) |
//!
//! Messages may use `{text}` (the cited title), `{title}` and `{entry}` (the
//! catalogue's title and a description: kind, dates, status), `{replacement}`
//! (`title`: the cited title corrected), `{difference}` (`title`: 与所引书名只差一字, or
//! 所引书名少了其中N个字 for a period title's name), `{successor}` and `{successor_entry}`
//! (the entry that replaces it), `{repealed}` (the date), `{instead}` (`，已由《…》取代`
//! or nothing) and `{year}` (the report's year; in the plans section the year planned for).
//!
//! # The catalogue
//!
//! `catalogue = "data/citations.tsv"` names a file beside the pack (inside its
//! folder, like a typo dictionary). One entry a line, tab-separated:
//!
//! ```text
//! title  kind  status  issued  in_force  repealed  superseded_by  sources  [issuers]
//! 中华人民共和国合同法  法律  已废止  …  …  2021-01-01  中华人民共和国民法典  M
//! 法治政府建设实施纲要（2021－2025年）  中央文件  现行有效  …  …      H  中共中央、国务院
//! ```
//!
//! Dates are `YYYY-MM-DD` or empty; `superseded_by` names another entry; the
//! optional ninth column names the issuing organs (中共中央, 国务院,
//! 中共中央办公厅, 国务院办公厅, joined by 、) for `issuer`; `#`
//! lines are comments. A broken line is a load error `file:line:column`.
//! `confusables = "data/citation-confusables.tsv"` (for `title`): one
//! `character<TAB>characters` line per character of the titles.
//! `rules/packs/data/build_citations.py` builds the shipped file from its
//! sources (see `rules/packs/data/README.md`).
//!
//! # Comparing titles
//!
//! Titles are compared *normalised*: spaces dropped, half-width brackets and
//! every kind of dash or tilde mapped to （）and －, full-width digits to ASCII,
//! and a leading 中华人民共和国 removed — so 《行政复议法》 is
//! 《中华人民共和国行政复议法》 and 《纲要（2021-2025年）》 is 《纲要（2021－2025年）》
//! (punctuation is the `punctuation` rules' business). Exact matches are a hash
//! lookup. For `title`, a cited title the catalogue does not know is compared
//! only with entries of length ±1 that share its first or its last character
//! (one edit cannot change both), and reported only when all of this holds:
//!
//! - it is long enough (8 characters, or 5 after a 中华人民共和国 prefix): short
//!   titles are one edit away from too much;
//! - exactly one entry is one edit away, and the edit changes Chinese
//!   characters only — not digits or numerals (another edition: （2016－2020年）,
//!   修正案（十二）) nor punctuation;
//! - a replaced character is one the `confusables` file (same pinyin and tone,
//!   similar shape) pairs with the right one: 查/察, 列/例. Real titles one
//!   character apart mostly differ in another way (兽药/农药管理条例, 城市/城乡规划法):
//!   of the shipped catalogue's 1,236 titles, 28 would be taken for a neighbour
//!   if they were missing without this condition, 2 with it;
//! - so an unknown local document (《XX县行政执法公示办法》), a book or a short
//!   form that is close to nothing is never reported.
//!
//! A title with a period (（2021－2025年）, also written without 年 or with it
//! twice) that is no edit away from any title is compared once more: a period belongs to one document, so when exactly one
//! entry of the same period holds the cited name's characters in order (four
//! or more, no numerals) with at most four characters more, the writer left
//! words out of that document's name (《法治建设纲要（2021－2025年）》). A local
//! plan of the period names its place and its own words, which no national
//! title holds.
//!
//! One edit is reported whatever the title's length: a law's name without its
//! leading 反 (《有组织犯罪法》 for 《反有组织犯罪法》), when the name with 反 is in
//! the catalogue and the name without it is not.
//!
//! # Paragraph-locality
//!
//! `title`, `unmarked` and `issuer` depend on one paragraph's text: they are paragraph-local; `law-name`
//! reads the whole report for the short names it defines itself (以下简称《企业法》). `repealed`
//! and `outdated` depend on the report's year (its title) and `outdated` on the
//! plans section: they are document-wide.

use super::{CompileError, Edit, Finding, Fix, Kind, LintContext, PackContext, Rule, check_of, fill};
use crate::fnv::BuildFnv1a;
use crate::pack_data::read_data_file;
use crate::schema::RuleDef;
use crate::text::{inside_quotes, is_chinese_numeral, is_han};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// A compiled `citation` rule.
#[derive(Debug, Clone)]
pub struct CitationRule {
    check: CitationCheck,
    catalogue: Arc<Catalogue>,
    /// `title`: which characters are easily confused; without it no replaced
    /// character is reported (a missing, extra or swapped one still is).
    confusables: Confusables,
    /// `outdated`: the key of the plans section.
    plans_section: String,
    /// `unmarked`: the titles looked for in running text.
    unmarked: Option<Arc<UnmarkedTitles>>,
    /// `law-name`: short names that are right (normalised, see [`CitationFields::short_names`]).
    short_names: std::collections::HashSet<String>,
}

/// The catalogue titles `unmarked` looks for outside 书名号, and the entry
/// each stands for, by their first four characters: a hash lookup per
/// character of a paragraph finds them, and building the table costs almost
/// nothing at start-up (an Aho-Corasick automaton of the same titles cost
/// 16 M instructions to build, 2 % of a one-report run).
#[derive(Debug)]
struct UnmarkedTitles {
    /// First four characters → (title, entry), longest title first. Asked
    /// at every character of a report: FNV-1a, not SipHash.
    by_start: HashMap<[char; 4], Vec<(String, usize)>, BuildFnv1a>,
}

/// A document's type, at the end of a title `unmarked` looks for.
const DOCUMENT_TYPES: &[&str] = &["条例", "规定", "纲要", "办法", "意见", "规划", "决定", "细则", "规则"];

impl UnmarkedTitles {
    fn new(catalogue: &Catalogue) -> UnmarkedTitles {
        let mut entry_of: HashMap<&str, usize> = HashMap::new();
        for (i, entry) in catalogue.entries.iter().enumerate() {
            if matches!(entry.kind.as_str(), "法律" | "宪法") || entry.title.contains(['(', ')']) {
                continue;
            }
            let title = entry.title.strip_prefix(PRC).unwrap_or(&entry.title);
            // The base title, without its period: 法治政府建设实施纲要 for …（2021－2025年）.
            let base = title.find('（').map_or(title, |i| &title[..i]);
            if base.chars().count() < 8 || !DOCUMENT_TYPES.iter().any(|t| base.ends_with(t)) {
                continue;
            }
            // Editions share a base title: the current one (superseded by none) stands for it.
            match entry_of.get(base) {
                Some(_) if entry.superseded_by.is_some() => {}
                _ => {
                    entry_of.insert(base, i);
                }
            }
        }
        let mut by_start: HashMap<[char; 4], Vec<(String, usize)>, BuildFnv1a> = HashMap::default();
        for (title, entry) in entry_of {
            let key = first_four(title).expect("titles of eight characters or more");
            by_start.entry(key).or_default().push((title.to_string(), entry));
        }
        for titles in by_start.values_mut() {
            titles.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        UnmarkedTitles { by_start }
    }

    /// The titles in `text`, leftmost and longest first, not overlapping:
    /// (byte range, entry).
    fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut found = Vec::new();
        let mut from = 0;
        for (at, _) in text.char_indices() {
            if at < from {
                continue;
            }
            let Some(titles) = first_four(&text[at..]).and_then(|key| self.by_start.get(&key)) else { continue };
            if let Some((title, entry)) = titles.iter().find(|(t, _)| text[at..].starts_with(t.as_str())) {
                found.push((at..at + title.len(), *entry));
                from = at + title.len();
            }
        }
        found
    }
}

/// The first four characters of `text`, if it has four.
fn first_four(text: &str) -> Option<[char; 4]> {
    let mut chars = text.chars();
    Some([chars.next()?, chars.next()?, chars.next()?, chars.next()?])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationCheck {
    Title,
    Repealed,
    Outdated,
    Unmarked,
    ShortTitle,
    Issuer,
    LawName,
}

/// Why a rule did not compile: its `check`, its catalogue or its confusables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitationError {
    Check(String),
    Catalogue(String),
    Confusables(String),
}

/// Titles in 《》 against a catalogue: close to a known title, repealed, outdated.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationFields {
    /// Which check the rule runs: `title`, `repealed`, `outdated`, `unmarked`, `short-title`, `issuer` or `law-name`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
    /// outdated: the key of the plans section (default `plans`).
    #[serde(default)]
    pub section: Option<String>,
    /// The catalogue file (`title<TAB>kind<TAB>status<TAB>issued<TAB>in_force<TAB>repealed<TAB>superseded_by<TAB>sources`
    /// per line, `#` comments), relative to the pack file and inside its folder.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub catalogue: Option<Spanned<String>>,
    /// title: characters easily confused (`character<TAB>characters` per line, `#` comments);
    /// without it a title with a replaced character is not reported.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub confusables: Option<Spanned<String>>,
    /// law-name: short names that are right although they hold fewer characters than the law's name, because the
    /// National People's Congress itself writes them so (选举法, 地方组织法); compared as titles are (normalised).
    #[serde(default)]
    pub short_names: Vec<String>,
}

impl Kind for CitationRule {
    const NAME: &'static str = "citation";
    type Fields = CitationFields;

    fn from_def(def: &RuleDef, fields: CitationFields, pack: &PackContext) -> Result<CitationRule, CompileError> {
        let (name, span) = check_of(def, &fields.check)?;
        let missing = || (def.kind.span(), "citation 规则需要 catalogue：目录文件".to_string());
        let file = fields.catalogue.as_ref().ok_or_else(missing)?;
        let text = read_data_file(pack.origin, file.get_ref()).map_err(|m| (file.span(), m))?;
        let confusables = match &fields.confusables {
            Some(c) => Some((c, read_data_file(pack.origin, c.get_ref()).map_err(|m| (c.span(), m))?)),
            None => None,
        };
        let confusables_named = confusables.as_ref().map(|(c, text)| (c.get_ref().as_str(), text.as_str()));
        let rule = CitationRule::new(name, (file.get_ref(), &text), confusables_named, fields.section.as_deref());
        let rule = rule.map_err(|e| match e {
            CitationError::Check(m) => (span.clone(), m),
            CitationError::Catalogue(m) => (file.span(), m),
            CitationError::Confusables(m) => (confusables.as_ref().map_or(def.kind.span(), |(c, _)| c.span()), m),
        })?;
        if !fields.short_names.is_empty() && rule.check != CitationCheck::LawName {
            return Err((span, "short_names 只用于 check = \"law-name\" 的规则".into()));
        }
        Ok(rule.with_short_names(&fields.short_names))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        match self.check {
            CitationCheck::Title => self.close_titles(rule, cx, out),
            CitationCheck::Unmarked => self.unmarked_titles(rule, cx, out),
            CitationCheck::ShortTitle => self.short_titles(rule, cx, out),
            CitationCheck::Issuer => self.issuers(rule, cx, out),
            CitationCheck::LawName => self.law_names(rule, cx, out),
            CitationCheck::Repealed | CitationCheck::Outdated => {
                // The title's year, or for a text without a dated title the
                // year its first paragraph opens with (“2023年，我局……”).
                let Some(year) = crate::rule::consistency::year_of_report(cx.doc) else { return };
                for paragraph in &cx.doc.paragraphs {
                    for cited in citations(&cx.doc.text, paragraph.range.clone()) {
                        if self.check == CitationCheck::Repealed {
                            self.repealed(rule, cx, year, &cited, out);
                        } else {
                            self.outdated(rule, cx, year, &cited, out);
                        }
                    }
                }
            }
        }
    }

    /// `title` looks at one paragraph at a time; the others need the report's year.
    fn is_paragraph_local(&self) -> bool {
        matches!(self.check, CitationCheck::Title | CitationCheck::Unmarked | CitationCheck::Issuer)
    }
}

impl CitationRule {
    /// Decodes and validates a rule: the check's name, the catalogue file's
    /// name and text, the confusables file's (`title`), and the plans
    /// section's key (`outdated`).
    pub fn new(
        check: &str,
        catalogue: (&str, &str),
        confusables: Option<(&str, &str)>,
        section: Option<&str>,
    ) -> Result<CitationRule, CitationError> {
        let check = match check {
            "title" => CitationCheck::Title,
            "repealed" => CitationCheck::Repealed,
            "outdated" => CitationCheck::Outdated,
            "unmarked" => CitationCheck::Unmarked,
            "short-title" => CitationCheck::ShortTitle,
            "issuer" => CitationCheck::Issuer,
            "law-name" => CitationCheck::LawName,
            _ => {
                return Err(CitationError::Check(format!(
                    "未知的 citation 检查“{check}”：应为 title、repealed、outdated、unmarked、short-title、issuer 或 law-name"
                )));
            }
        };
        let catalogue = Catalogue::shared(catalogue.0, catalogue.1).map_err(CitationError::Catalogue)?;
        let confusables = match confusables {
            Some(_) if check != CitationCheck::Title => {
                return Err(CitationError::Confusables("confusables 只用于 check = \"title\" 的规则".into()));
            }
            Some((name, text)) => Confusables::parse(name, text).map_err(CitationError::Confusables)?,
            None => Confusables::default(),
        };
        let unmarked = (check == CitationCheck::Unmarked).then(|| Arc::new(UnmarkedTitles::new(&catalogue)));
        Ok(CitationRule {
            check,
            catalogue,
            confusables,
            plans_section: section.unwrap_or("plans").to_string(),
            unmarked,
            short_names: Default::default(),
        })
    }

    /// The rule with `names` as right short names of laws (`law-name`).
    pub fn with_short_names(mut self, names: &[String]) -> CitationRule {
        self.short_names = names.iter().map(|n| key_string(n)).collect();
        self
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    fn close_titles(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
            for cited in citations(&doc.text, paragraph.range.clone()) {
                let Some(close) = self.catalogue.close_to(&doc.text, cited.inner.clone(), &self.confusables) else {
                    continue;
                };
                let entry = &self.catalogue.entries[close.entry];
                let mut fixed = doc.text[cited.inner.clone()].to_string();
                let relative = close.edit.range.start - cited.inner.start..close.edit.range.end - cited.inner.start;
                fixed.replace_range(relative, &close.edit.replacement);
                let text = doc.slice(&cited.inner);
                let difference = match close.missing {
                    0 => "与所引书名只差一字".to_string(),
                    n => format!("所引书名少了其中{n}个字"),
                };
                let values = [
                    ("text", text),
                    ("replacement", fixed.as_str()),
                    ("title", entry.title.as_str()),
                    ("entry", &describe(rule, "{entry}", entry)),
                    ("difference", &difference),
                ];
                let mut finding = rule.finding(doc, cited.inner.clone(), fill(&rule.meta.message, &values));
                finding.fixes.push(Fix { title: format!("改为《{fixed}》"), edits: vec![close.edit], safe: false });
                out.push(finding);
            }
        }
    }

    fn unmarked_titles(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let Some(titles) = &self.unmarked else { return };
        let doc = cx.doc;
        for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
            let text = doc.slice(&paragraph.range);
            for (m, entry) in titles.find(text) {
                if inside_marks(text, m.start) {
                    continue;
                }
                // The period right after the title belongs inside the marks.
                let rest = &text[m.end..];
                let period = PERIOD.find(rest).filter(|p| p.start() == 0).map_or(0, |p| p.end());
                let (start, end) = (paragraph.range.start + m.start, paragraph.range.start + m.end + period);
                let entry = &self.catalogue.entries[entry];
                let shown = &doc.text[start..end];
                let values =
                    [("text", shown), ("title", entry.title.as_str()), ("entry", &describe(rule, "{entry}", entry))];
                let mut finding = rule.finding(doc, start..end, fill(&rule.meta.message, &values));
                // After a place's name the marks open before it (《广东省法治政府建设实施纲要》): no fix here.
                let after_place = text[..m.start].ends_with(['省', '市', '县', '区', '州', '旗', '镇', '乡']);
                if !after_place {
                    let edits = vec![
                        Edit { range: start..start, replacement: "《".into() },
                        Edit { range: end..end, replacement: "》".into() },
                    ];
                    finding.fixes.push(Fix { title: format!("加书名号：《{shown}》"), edits, safe: false });
                }
                out.push(finding);
            }
        }
    }

    /// Laws cited by their short name in a report that gives another law its
    /// full title (see the module documentation).
    fn short_titles(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let cited: Vec<Cited> = doc.paragraphs.iter().flat_map(|p| citations(&doc.text, p.range.clone())).collect();
        let full = |c: &Cited| doc.text[c.inner.clone()].trim_start().starts_with(PRC);
        // Laws and the Constitution: reviewers hold their titles to one form.
        let law = |index: usize| matches!(self.catalogue.entries[index].kind.as_str(), "法律" | "宪法");
        let Some(example) =
            cited.iter().find(|c| full(c) && self.catalogue.lookup(doc.slice(&c.inner)).is_some_and(law))
        else {
            return;
        };
        let example = doc.slice(&example.inner);
        let mut named_in_full = std::collections::HashSet::new();
        for c in &cited {
            let Some(index) = self.catalogue.lookup(doc.slice(&c.inner)) else { continue };
            if full(c) {
                named_in_full.insert(index);
                continue;
            }
            let entry = &self.catalogue.entries[index];
            if !law(index) || !entry.title.starts_with(PRC) || named_in_full.contains(&index) || !cx.wants(&c.inner) {
                continue;
            }
            let text = doc.slice(&c.inner);
            let values = [
                ("text", text),
                ("title", entry.title.as_str()),
                ("example", example),
                ("entry", &describe(rule, "{entry}", entry)),
            ];
            let mut finding = rule.finding(doc, c.inner.clone(), fill(&rule.meta.message, &values));
            let edit = Edit { range: c.inner.start..c.inner.start, replacement: PRC.into() };
            finding.fixes.push(Fix { title: format!("改为《{PRC}{text}》"), edits: vec![edit], safe: false });
            out.push(finding);
        }
    }

    /// Laws cited by a name that is not theirs (see the module documentation).
    fn law_names(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let cited: Vec<(usize, Cited)> = (doc.paragraphs.iter())
            .flat_map(|p| citations(&doc.text, p.range.clone()).into_iter().map(move |c| (p.range.start, c)))
            .collect();
        // The short names the report gives a law itself (以下简称《企业法》, 简称为《企业法》, 以下简称：《企业法》),
        // wherever it then uses them: titles whose text starts where a definition's name does.
        let defined: std::collections::HashSet<&str> = (cited.iter())
            .filter(|(start, c)| {
                crate::text::defined_name_start(&doc.text[*start..c.inner.start]) == Some(c.inner.start - start)
            })
            .map(|(_, c)| doc.slice(&c.inner))
            .collect();
        // Each title is judged once, however often the report cites it (a long report cites the same law
        // dozens of times, a hostile one thousands).
        let mut judged: HashMap<&str, Option<LawNamedWrongly>, BuildFnv1a> = HashMap::default();
        for (_, cited) in &cited {
            let text = doc.slice(&cited.inner);
            let named = judged.entry(text).or_insert_with(|| {
                let right = defined.contains(text) || self.short_names.contains(&key_string(text));
                if right { None } else { self.catalogue.law_named_wrongly(&doc.text, cited.inner.clone()) }
            });
            let Some(named) = named.clone() else { continue };
            let detail = match named.meant {
                Some(i) => {
                    let entry = &self.catalogue.entries[i];
                    format!("，疑为《{}》（{}）", key_string(&entry.title), entry.describe())
                }
                None => {
                    let shown: String = named
                        .close
                        .iter()
                        .take(3)
                        .map(|&i| format!("《{}》", key_string(&self.catalogue.entries[i].title)))
                        .collect();
                    let more = if named.close.len() > 3 { "等" } else { "" };
                    if named.kind == "行政法规" {
                        // Not in the catalogue, and it holds no local regulation: perhaps one whose place is left out.
                        format!(
                            "：地方性法规应写明地名（《××省……条例》），行政法规应写全称（名称相近的有{shown}{more}）"
                        )
                    } else {
                        format!("：名称相近的有{shown}{more}，请写明所指的{}", named.kind)
                    }
                }
            };
            let mut finding = rule.finding(
                doc,
                cited.inner.clone(),
                fill(&rule.meta.message, &[("text", text), ("kind", named.kind), ("detail", &detail)]),
            );
            if let Some(i) = named.meant {
                let prc = if text.trim_start().starts_with(PRC) { PRC } else { "" };
                let fixed = format!("{prc}{}", key_string(&self.catalogue.entries[i].title));
                let edit = Edit { range: cited.inner.clone(), replacement: fixed.clone() };
                finding.fixes.push(Fix { title: format!("改为《{fixed}》"), edits: vec![edit], safe: false });
            }
            out.push(finding);
        }
    }

    /// Central documents credited to the wrong organs: 国务院《法治政府建设实施纲要（2021－2025年）》
    /// (中共中央、国务院), 中央《党政主要负责人履行推进法治建设第一责任人职责规定》 (the two offices).
    ///
    /// A title later in a list (中共中央、国务院印发的《……纲要》《……督察工作规定》) is credited to the
    /// organs before the list's first title; it is reported, on itself and without a fix (the
    /// organs are right for the first), only when it shares none of them: 中共中央、国务院《……》
    /// 《法治社会建设实施纲要》 (中共中央) is loose, not wrong.
    fn issuers(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for paragraph in doc.paragraphs.iter().filter(|p| cx.wants(&p.range)) {
            let cited_here = citations(&doc.text, paragraph.range.clone());
            for (i, cited) in cited_here.iter().enumerate() {
                let Some(index) = self.catalogue.lookup(doc.slice(&cited.inner)) else { continue };
                let entry = &self.catalogue.entries[index];
                if entry.issuers.is_empty() {
                    continue;
                }
                let first = first_of_list(&doc.text, &cited_here, i);
                let before = &doc.text[paragraph.range.start..cited_here[first].outer.start];
                let Some((at, written)) = organs_before(before) else { continue };
                let mut issuers = entry.issuers.clone();
                issuers.sort();
                if written.as_deref() == Some(&issuers[..]) {
                    continue;
                }
                let organs = paragraph.range.start + at.start..paragraph.range.start + at.end;
                let in_list = first != i;
                if in_list && written.as_ref().is_none_or(|w| w.is_empty() || w.iter().any(|o| issuers.contains(o))) {
                    continue;
                }
                let names: Vec<&str> = entry.issuers.iter().map(|o| o.name()).collect();
                let names = names.join("、");
                let values = [
                    ("text", doc.slice(&organs)),
                    ("title", entry.title.as_str()),
                    ("issuers", names.as_str()),
                    ("entry", &describe(rule, "{entry}", entry)),
                ];
                let span = if in_list { cited.outer.clone() } else { organs.clone() };
                let mut finding = rule.finding(doc, span, fill(&rule.meta.message, &values));
                if !in_list {
                    finding.fixes.push(Fix::replace(format!("改为“{names}”"), organs, names.clone(), false));
                }
                out.push(finding);
            }
        }
    }

    fn repealed(&self, rule: &Rule, cx: &LintContext, year: u32, cited: &Cited, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(index) = self.catalogue.lookup(&doc.text[cited.inner.clone()]) else { return };
        let entry = &self.catalogue.entries[index];
        let Some(repealed) = entry.repealed else { return };
        // Repealed on or before the first day of the report's year: not in force at any time of it.
        if repealed > Date(year, 1, 1) || speaks_of_the_past(doc, cited, REPEAL_WORDS, &[]) {
            return;
        }
        let successor = entry.superseded_by.map(|s| &self.catalogue.entries[s]);
        let successor_title = successor.map_or(String::new(), |s| s.title.clone());
        let instead = successor.map_or(String::new(), |s| format!("，已由《{}》取代", s.title));
        let values = [
            ("instead", instead.as_str()),
            ("text", doc.slice(&cited.inner)),
            ("title", entry.title.as_str()),
            ("repealed", &repealed.to_string()),
            ("successor", successor_title.as_str()),
            ("year", &year.to_string()),
            ("entry", &describe(rule, "{entry}", entry)),
        ];
        let mut finding = rule.finding(doc, cited.inner.clone(), fill(&rule.meta.message, &values));
        // Not when an article follows: 《合同法》第五十二条 is not 《民法典》第五十二条.
        if let Some(successor) = successor.filter(|_| !doc.text[cited.outer.end..].starts_with('第')) {
            finding.fixes.push(successor_fix(doc.slice(&cited.inner), successor, cited));
        }
        out.push(finding);
    }

    fn outdated(&self, rule: &Rule, cx: &LintContext, year: u32, cited: &Cited, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(index) = self.catalogue.lookup(&doc.text[cited.inner.clone()]) else { return };
        let entry = &self.catalogue.entries[index];
        let Some(successor) = entry.superseded_by.map(|s| &self.catalogue.entries[s]) else { return };
        if entry.repealed.is_some() {
            return; // the `repealed` check's
        }
        // The successor must have been issued by the end of the report's year:
        // the writer could have known it.
        let Some(Date(issued, _, _)) = successor.issued.or(successor.in_force) else { return };
        if issued > year {
            return;
        }
        let in_plans = cx.sections.get(&self.plans_section).is_some_and(|&s| {
            let body = &doc.sections[s].body;
            body.start <= cited.outer.start && cited.outer.end <= body.end
        });
        // The year the citation is meant for: the plans are for the next one.
        let meant_for = if in_plans { year + 1 } else { year };
        if entry.period_end.is_some_and(|end| end >= meant_for) {
            return;
        }
        if speaks_of_the_past(doc, cited, REPEAL_WORDS, RETROSPECTIVE_WORDS) || (!in_plans && !implements(doc, cited)) {
            return;
        }
        let values = [
            ("text", doc.slice(&cited.inner)),
            ("title", entry.title.as_str()),
            ("successor", successor.title.as_str()),
            ("year", &meant_for.to_string()),
            ("entry", &describe(rule, "{entry}", entry)),
            ("successor_entry", &describe(rule, "{successor_entry}", successor)),
        ];
        let mut finding = rule.finding(doc, cited.inner.clone(), fill(&rule.meta.message, &values));
        finding.fixes.push(successor_fix(doc.slice(&cited.inner), successor, cited));
        out.push(finding);
    }
}

/// An entry's description, when the rule's message uses `placeholder`.
fn describe(rule: &Rule, placeholder: &str, entry: &Entry) -> String {
    if rule.meta.message.contains(placeholder) { entry.describe() } else { String::new() }
}

/// Replaces the cited title by its successor's, keeping or leaving out the
/// 中华人民共和国 prefix as the report did.
fn successor_fix(cited: &str, successor: &Entry, at: &Cited) -> Fix {
    let title = match successor.title.strip_prefix(PRC) {
        Some(short) if !cited.trim_start().starts_with(PRC) && !short.is_empty() => short,
        _ => successor.title.as_str(),
    };
    Fix::replace(format!("改为《{title}》"), at.inner.clone(), title, false)
}

/// Words that show a sentence speaks of a law's repeal, not of it as in force.
const REPEAL_WORDS: &[&str] = &["废止", "失效", "取代", "替代", "代替", "修订前", "修改前", "施行前"];

/// Words that show a plan spoken of as past (its completion, a look back),
/// when they are in the citation's clause or after it; see [`speaks_of_the_past`].
const RETROSPECTIVE_WORDS: &[&str] = &["完成", "收官", "到期", "期满", "回顾", "总结"];

/// Words before a citation that implement it as current.
const IMPLEMENTING: &[&str] =
    &["贯彻", "落实", "实施", "执行", "按照", "依照", "依据", "根据", "对照", "遵循", "围绕", "对标"];

/// Does the sentence of the citation say it is past (or is the title
/// preceded by 原, "the former")? `words` (repeal, replacement: 施行前,
/// 废止) count anywhere in the sentence; `retrospective` words (完成, 回顾)
/// from the clause of the citation on: in 完成年度报告，推动落实《……（2015－2020年）》
/// the 完成 is about something else, while 《……》确定的目标已经完成 speaks of
/// the cited plan.
fn speaks_of_the_past(doc: &crate::document::Document, cited: &Cited, words: &[&str], retrospective: &[&str]) -> bool {
    if doc.text[..cited.outer.start].ends_with('原') {
        return true;
    }
    let sentence = doc.sentence_at(cited.outer.start).map_or(cited.outer.clone(), |s| s.range.clone());
    let (start, end) = (sentence.start.min(cited.outer.start), sentence.end.max(cited.outer.end));
    let clause_start = doc.text[start..cited.outer.start].rfind(['，', '；', '：']).map_or(start, |i| start + i);
    let (whole, from_clause) = (&doc.text[start..end], &doc.text[clause_start..end]);
    words.iter().any(|w| whole.contains(w)) || retrospective.iter().any(|w| from_clause.contains(w))
}

/// Does the sentence implement the cited text (贯彻落实《…》, 按照《…》要求)?
fn implements(doc: &crate::document::Document, cited: &Cited) -> bool {
    let sentence = doc.sentence_at(cited.outer.start).map_or(cited.outer.clone(), |s| s.range.clone());
    let before = &doc.text[sentence.start.min(cited.outer.start)..cited.outer.start];
    IMPLEMENTING.iter().any(|w| before.contains(w))
}

// ------------------------------------------------------------ citations

/// A 《…》 in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// The title, between the marks.
    pub inner: Range<usize>,
    /// With the marks.
    pub outer: Range<usize>,
}

/// A plan's period right after its title: （2021－2025年）, (2021-2025).
static PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[（(]\s*\d{4}\s*年?\s*[-－—–~～至一]\s*\d{4}\s*年?\s*[）)]").expect("pattern")
});

/// Is byte `at` of `text` inside title or quotation marks opened before it in
/// the paragraph ([`inside_quotes`]), or inside the half-width <…> that reports
/// write for a title nested in another (<法治政府建设实施纲要…>)? Only this
/// check reads <> as marks: elsewhere < is a comparison (PM2.5<35).
fn inside_marks(text: &str, at: usize) -> bool {
    let before = &text[..at];
    inside_quotes(before) || before.rfind('<').is_some_and(|o| !before[o..].contains('>'))
}

/// The longest title looked at, in bytes (a 《 left open would otherwise
/// swallow a paragraph).
const MAX_TITLE_BYTES: usize = 300;

/// The 《…》 of `range` in `text`: innermost pairs, not nested, not empty.
/// The marks are found with `str::find` (a byte search), so text without
/// them costs next to nothing.
pub fn citations(text: &str, range: Range<usize>) -> Vec<Cited> {
    const MARK: usize = '《'.len_utf8(); // both marks are three bytes
    let slice = &text[range.clone()];
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = slice[from..].find('《').map(|i| from + i) {
        let Some(close) = slice[open + MARK..].find('》').map(|i| open + MARK + i) else { break };
        // 《甲《乙》: the innermost 《 before the 》 opens the title.
        let open = slice[open + MARK..close].rfind('《').map_or(open, |i| open + MARK + i);
        let inner = range.start + open + MARK..range.start + close;
        if !inner.is_empty() && inner.len() <= MAX_TITLE_BYTES {
            found.push(Cited { outer: inner.start - MARK..inner.end + MARK, inner });
        }
        from = close + MARK;
    }
    found
}

// ------------------------------------------------------------ issuers

/// A central organ that issues Party and State documents, as the catalogue's
/// `issuers` column names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Organ {
    PartyCentre,
    StateCouncil,
    PartyCentreOffice,
    StateCouncilOffice,
}

impl Organ {
    /// The names the catalogue may use, for its errors.
    const NAMES: &'static str = "中共中央、国务院、中共中央办公厅、国务院办公厅";

    fn named(name: &str) -> Option<Organ> {
        Some(match name {
            "中共中央" => Organ::PartyCentre,
            "国务院" => Organ::StateCouncil,
            "中共中央办公厅" => Organ::PartyCentreOffice,
            "国务院办公厅" => Organ::StateCouncilOffice,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Organ::PartyCentre => "中共中央",
            Organ::StateCouncil => "国务院",
            Organ::PartyCentreOffice => "中共中央办公厅",
            Organ::StateCouncilOffice => "国务院办公厅",
        }
    }
}

/// The first title of the list `cited[i]` ends: titles written one after another, with nothing
/// or a 、, 和, 及, 与 or 以及 between them (《甲》《乙》、《丙》和《丁》). `i` itself when it opens one.
fn first_of_list(text: &str, cited: &[Cited], i: usize) -> usize {
    let mut first = i;
    while first > 0 {
        let between = text[cited[first - 1].outer.end..cited[first].outer.start].trim();
        if !matches!(between, "" | "、" | "和" | "及" | "与" | "以及") {
            break;
        }
        first -= 1;
    }
    first
}

/// How reports name the organs they credit a document to, right before its
/// 《》: the central organs and their short forms, and the local Party
/// committees and governments (an empty list), which issue no central
/// document. Whole-area words (全市, 我县) are not organs: 推动全市《……》落实
/// names where a document is carried out, not who issued it.
const WRITTEN_ORGANS: &[(&str, &[Organ])] = &[
    ("中共中央办公厅", &[Organ::PartyCentreOffice]),
    ("中央办公厅", &[Organ::PartyCentreOffice]),
    ("中办", &[Organ::PartyCentreOffice]),
    ("国务院办公厅", &[Organ::StateCouncilOffice]),
    ("国办", &[Organ::StateCouncilOffice]),
    ("两办", &[Organ::PartyCentreOffice, Organ::StateCouncilOffice]),
    ("中共中央", &[Organ::PartyCentre]),
    ("党中央", &[Organ::PartyCentre]),
    ("中央", &[Organ::PartyCentre]),
    ("国务院", &[Organ::StateCouncil]),
    ("省人民政府", &[]),
    ("市人民政府", &[]),
    ("县人民政府", &[]),
    ("区人民政府", &[]),
    ("省委", &[]),
    ("省政府", &[]),
    ("市委", &[]),
    ("市政府", &[]),
    ("县委", &[]),
    ("县政府", &[]),
    ("区委", &[]),
    ("区政府", &[]),
];

/// The verbs (and 的) that may stand between the organs and the 《》.
const ISSUING: &[&str] =
    &["印发的", "印发了", "印发", "发布的", "发布", "出台的", "出台", "制定的", "颁布的", "颁布", "的"];

/// The organs named at the end of `before` (the paragraph up to a 《): where
/// they are written, and which they are — sorted, or `None` when a local organ
/// is among them. Organs may be joined by 、, 和, 与 or a space, or run
/// together (中共中央、国务院, 中共中央 国务院, 中共中央国务院), and followed by a
/// verb (印发的).
fn organs_before(before: &str) -> Option<(Range<usize>, Option<Vec<Organ>>)> {
    let mut end = before.trim_end().len();
    if let Some(verb) = ISSUING.iter().find(|v| before[..end].ends_with(**v)) {
        end -= verb.len();
    }
    let organ_end = end;
    let mut start = end;
    let mut organs: Vec<Organ> = Vec::new();
    let mut local = false;
    // The longest name ending here (中共中央 before 中央).
    let longest_ending_at = |end: usize| {
        WRITTEN_ORGANS.iter().filter(|(name, _)| before[..end].ends_with(name)).max_by_key(|(n, _)| n.len())
    };
    while let Some((name, named)) = longest_ending_at(end) {
        start = end - name.len();
        organs.extend_from_slice(named);
        local |= named.is_empty();
        // Joined by a mark or a word, or run together (中共中央国务院: the missing 、 is not this check's).
        let rest = &before[..start];
        end = start - ['、', '和', '与', ' ', '　'].into_iter().find(|j| rest.ends_with(*j)).map_or(0, char::len_utf8);
    }
    if start == organ_end {
        return None;
    }
    organs.sort();
    organs.dedup();
    Some((start..organ_end, (!local).then_some(organs)))
}

// ------------------------------------------------------------ catalogue

const PRC: &str = "中华人民共和国";

/// A calendar date from the catalogue (year, month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub u32, pub u32, pub u32);

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}年{}月{}日", self.0, self.1, self.2)
    }
}

impl Date {
    fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        ((1..=12).contains(&date.1) && (1..=31).contains(&date.2)).then_some(date)
    }
}

/// One title the catalogue knows.
#[derive(Debug, Clone)]
pub struct Entry {
    pub title: String,
    /// 法律, 行政法规, 部门规章, 党内法规 …
    pub kind: String,
    /// 现行有效, 已废止 or 已被修改.
    pub status: String,
    pub issued: Option<Date>,
    pub in_force: Option<Date>,
    pub repealed: Option<Date>,
    /// Index of the entry that replaces this one.
    pub superseded_by: Option<usize>,
    /// The last year of a plan's period: 2025 for （2021－2025年）.
    pub period_end: Option<u32>,
    /// Where the entry comes from (the catalogue's own codes).
    pub sources: String,
    /// The organs that issued a Party or State document (empty: not recorded).
    pub issuers: Vec<Organ>,
    key: Vec<char>,
}

impl Entry {
    /// `法律，2020年5月28日公布，2021年1月1日施行，现行有效` (Party and State Council documents: 印发) — for messages.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.kind.clone()];
        if let Some(d) = self.issued {
            // Laws and regulations are 公布ed, Party and State Council documents 印发ed.
            let law = matches!(self.kind.as_str(), "宪法" | "法律" | "行政法规" | "部门规章");
            parts.push(format!("{d}{}", if law { "公布" } else { "印发" }));
        }
        if let Some(d) = self.in_force.filter(|d| Some(*d) != self.issued) {
            parts.push(format!("{d}施行"));
        }
        match self.repealed {
            Some(d) => parts.push(format!("{d}废止")),
            // A book has a title, not a status.
            None if self.kind == "图书" => {}
            None => parts.push(self.status.clone()),
        }
        parts.join("，")
    }
}

/// The titles of laws, regulations and documents, looked up by normalised title.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub entries: Vec<Entry>,
    by_key: HashMap<String, usize, BuildFnv1a>,
    /// (first character, length) and (last character, length) → entries: the
    /// candidates one edit away from a title.
    by_first: HashMap<(char, usize), Vec<usize>, BuildFnv1a>,
    by_last: HashMap<(char, usize), Vec<usize>, BuildFnv1a>,
}

/// A title's character as compared: `None` for a space, one form for every
/// bracket, dash and digit that has several.
fn normal_char(c: char) -> Option<char> {
    Some(match c {
        c if c.is_whitespace() => return None,
        '(' => '（',
        ')' => '）',
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '－' | '~' | '～' | '〜' => '－',
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    })
}

/// A normalised title: its characters and where each came from in the text,
/// without a leading 中华人民共和国 (which names the same law as the short form).
fn normalise(text: &str, range: Range<usize>) -> Vec<(char, Range<usize>)> {
    let mut out: Vec<(char, Range<usize>)> = Vec::with_capacity(range.len() / 3 + 1);
    for (i, c) in text[range.clone()].char_indices() {
        if let Some(normal) = normal_char(c) {
            out.push((normal, range.start + i..range.start + i + c.len_utf8()));
        }
    }
    let prc = PRC.chars().count();
    if out.len() > prc && out.iter().zip(PRC.chars()).all(|((c, _), p)| *c == p) {
        out.drain(..prc);
    }
    out
}

/// [`normalise`]d, as the string the catalogue is keyed by; a period written
/// without 年 (（2021-2025）) is looked up as the period (（2021－2025年）): the
/// missing 年 is `citation.period-without-nian`'s to report, and the title is
/// still the one it names.
fn key_string(title: &str) -> String {
    let mut key = String::with_capacity(title.len() + 3);
    key.extend(title.chars().filter_map(normal_char));
    if key.len() > PRC.len() && key.starts_with(PRC) {
        key.drain(..PRC.len());
    }
    if let Some(head) = key.strip_suffix('）')
        && let Some((_, period)) = head.rsplit_once('（')
        && let Some((from, to)) = period.split_once('－')
        && [from, to].iter().all(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
    {
        key.insert(key.len() - '）'.len_utf8(), '年');
    }
    key
}

fn key_of(title: &str) -> Vec<char> {
    key_string(title).chars().collect()
}

/// The last year of a period written （2021－2025年）.
fn period_end(key: &[char]) -> Option<u32> {
    if key.last() != Some(&'）') {
        return None;
    }
    let s: String = key.iter().collect();
    let open = s.rfind('（')?;
    let inner = s[open + '（'.len_utf8()..].strip_suffix('）')?.strip_suffix('年')?;
    let (from, to) = inner.split_once('－')?;
    let (from, to): (u32, u32) = (from.trim_end_matches('年').parse().ok()?, to.parse().ok()?);
    (from <= to && to - from < 50).then_some(to)
}

/// A title one edit away from an entry, or a period title whose name lacks a few of an entry's characters
/// (see `title` in the module documentation): which entry and the edit that makes it so.
#[derive(Debug, Clone)]
pub struct Close {
    pub entry: usize,
    pub edit: Edit,
    /// How many characters of the entry's name the cited title lacks beyond
    /// one edit (a period title's name with words left out); 0 for one edit.
    pub missing: usize,
}

/// A law (or an administrative regulation) cited by a name that is not its name: the laws that hold the
/// cited name's characters in order, and the one meant when that is sure (see `law-name` in the module
/// documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawNamedWrongly {
    /// The laws, fewest characters added first (in force before repealed).
    pub close: Vec<usize>,
    /// The law the fix names, if sure; never for a regulation.
    pub meant: Option<usize>,
    /// 法律 or 行政法规: what the title claims to name.
    pub kind: &'static str,
}

/// Titles ending in 法 that name a method, a deed or a subject, not a law:
/// 《管理办法》, 《枫桥工作法》, 《以案释法》, 《今日说法》.
const NOT_A_LAW: &[&str] = &[
    "办法",
    "方法",
    "做法",
    "工作法",
    "疗法",
    "书法",
    "兵法",
    "算法",
    "语法",
    "写法",
    "说法",
    "看法",
    "想法",
    "手法",
    "技法",
    "文法",
    "笔法",
    "司法",
    "执法",
    "普法",
    "学法",
    "守法",
    "尊法",
    "用法",
    "依法",
    "违法",
    "犯法",
    "不法",
    "合法",
    "非法",
    "护法",
    "懂法",
    "讲法",
    "释法",
];

/// The first character of the laws against something (反垄断法, 反有组织犯罪法).
const FAN: char = '反';

/// Shortest titles the `title` check compares, in normalised characters.
const MIN_CLOSE_CHARS: usize = 8;
const MIN_CLOSE_CHARS_WITH_PRC: usize = 5;

/// Catalogues already read in this process, by text: a pack's citation rules
/// share one file, and a reload reads the same file again. Only weak
/// references: a catalogue no rule uses any more is freed.
static SHARED: std::sync::Mutex<Vec<(Arc<str>, std::sync::Weak<Catalogue>)>> = std::sync::Mutex::new(Vec::new());

impl Catalogue {
    /// [`Catalogue::parse`], or the catalogue already read from the same text.
    /// (The name only appears in errors, and a text that parsed once has none.)
    pub fn shared(name: &str, text: &str) -> Result<Arc<Catalogue>, String> {
        let mut shared = SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        shared.retain(|(_, catalogue)| catalogue.strong_count() > 0);
        if let Some(catalogue) = shared.iter().find(|(t, _)| **t == *text).and_then(|(_, c)| c.upgrade()) {
            return Ok(catalogue);
        }
        let catalogue = Arc::new(Catalogue::parse(name, text)?);
        shared.push((Arc::from(text), Arc::downgrade(&catalogue)));
        Ok(catalogue)
    }

    /// Reads a catalogue file; errors are `name:line:column: message`.
    pub fn parse(name: &str, text: &str) -> Result<Catalogue, String> {
        let mut catalogue = Catalogue::default();
        let mut successors: Vec<(usize, String, usize, usize)> = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            // The 1-based column (in characters) of field `i`.
            let column =
                |i: usize| 1 + fields[..i.min(fields.len())].iter().map(|f| f.chars().count() + 1).sum::<usize>();
            let at = |i: usize, message: String| format!("{name}:{}:{}: {message}", number + 1, column(i));
            if !(8..=9).contains(&fields.len()) {
                // Too few: where the next field should begin (the line's end); too many: the extra one.
                let column = if fields.len() < 8 { line.chars().count() + 1 } else { column(9) };
                return Err(format!(
                    "{name}:{}:{column}: 应有 8 或 9 列（以 Tab 分隔）：标题、类别、状态、公布、施行、废止、被何取代、来源，以及可选的发文机关，这一行有 {} 列",
                    number + 1,
                    fields.len()
                ));
            }
            let title = fields[0].trim();
            let key = key_of(title);
            if key.is_empty() || title.contains(['《', '》']) {
                return Err(at(0, "标题为空或含书名号（书名号中的书名号写作〈〉）".into()));
            }
            if !matches!(fields[2], "现行有效" | "已废止" | "已被修改") {
                return Err(at(2, format!("状态“{}”应为 现行有效、已废止 或 已被修改", fields[2])));
            }
            let mut dates = [None; 3];
            for (slot, i) in dates.iter_mut().zip(3..6) {
                if !fields[i].is_empty() {
                    *slot = Some(
                        Date::parse(fields[i])
                            .ok_or_else(|| at(i, format!("日期“{}”应写作 YYYY-MM-DD，或留空", fields[i])))?,
                    );
                }
            }
            let index = catalogue.entries.len();
            let key_string: String = key.iter().collect();
            if catalogue.by_key.insert(key_string, index).is_some() {
                return Err(at(0, format!("标题“{title}”重复（不计“中华人民共和国”）")));
            }
            if !fields[6].is_empty() {
                successors.push((index, fields[6].to_string(), number + 1, column(6)));
            }
            let issuers = match fields.get(8).filter(|f| !f.is_empty()) {
                None => Vec::new(),
                Some(field) => {
                    let organs: Option<Vec<Organ>> = field.split('、').map(Organ::named).collect();
                    organs.ok_or_else(|| {
                        at(8, format!("发文机关“{field}”中有不认识的机关：应为 {} 等，以“、”分隔", Organ::NAMES))
                    })?
                }
            };
            catalogue.entries.push(Entry {
                title: title.to_string(),
                kind: fields[1].to_string(),
                status: fields[2].to_string(),
                issued: dates[0],
                in_force: dates[1],
                repealed: dates[2],
                superseded_by: None,
                period_end: period_end(&key),
                sources: fields[7].to_string(),
                issuers,
                key,
            });
        }
        for (index, successor, line, column) in successors {
            let found = catalogue.lookup(&successor);
            match found {
                Some(s) if s != index => catalogue.entries[index].superseded_by = Some(s),
                _ => {
                    return Err(format!("{name}:{line}:{column}: 取代它的“{successor}”不是目录中的另一个标题"));
                }
            }
        }
        if catalogue.entries.is_empty() {
            return Err(format!("{name}: 目录没有任何条目"));
        }
        for (i, entry) in catalogue.entries.iter().enumerate() {
            let (first, last, len) = (entry.key[0], entry.key[entry.key.len() - 1], entry.key.len());
            catalogue.by_first.entry((first, len)).or_default().push(i);
            catalogue.by_last.entry((last, len)).or_default().push(i);
        }
        Ok(catalogue)
    }

    /// The entry a title names, if the catalogue knows it.
    pub fn lookup(&self, title: &str) -> Option<usize> {
        self.by_key.get(&key_string(title)).copied()
    }

    /// The one entry that `text[range]`, a title the catalogue does not know,
    /// is a small edit away from — see the module documentation for when.
    pub fn close_to(&self, text: &str, range: Range<usize>, confusables: &Confusables) -> Option<Close> {
        self.close_among(text, range, confusables, None)
    }

    /// A title ending in 法 (or 条例) that names no law (administrative
    /// regulation) the catalogue knows but is shorter than some one's name
    /// holding its characters in order (see
    /// `law-name` in the module documentation). `None` for every other title.
    pub fn law_named_wrongly(&self, text: &str, range: Range<usize>) -> Option<LawNamedWrongly> {
        let cited = normalise(text, range.clone());
        let chars: Vec<char> = cited.iter().map(|(c, _)| *c).collect();
        let cited_str: String = chars.iter().collect();
        // A law (…法), or an administrative regulation (…条例): the catalogue holds all of both, not the
        // Party's regulations (中国共产党……条例, 党政机关……条例) nor the local ones.
        let regulation = cited_str.ends_with("条例");
        if regulation && (chars.len() < 4 || cited_str.contains('党')) {
            return None;
        }
        // 《管理办法》, 《今日说法》 name no law; but 《消费者保护法》 ends in 护法 as 消费者权益保护法 does: an
        // ending says "not a law" only when no law ends in the title's last three characters.
        let a_law_ends_so = || {
            let tail = &chars[chars.len().saturating_sub(3)..];
            chars.len() >= 3 && self.entries.iter().any(|e| e.kind == "法律" && e.key.ends_with(tail))
        };
        if !(regulation || chars.last() == Some(&'法'))
            || !chars.iter().all(|&c| is_han(c))
            || (NOT_A_LAW.iter().any(|ending| cited_str.ends_with(ending)) && !a_law_ends_so())
            || self.lookup(&text[range.clone()]).is_some()
            || self.without_fan(&chars).is_some()
            // The Basic Laws are named without 特别行政区 by the NPC itself: 《香港基本法》.
            || cited_str.ends_with("基本法")
        {
            return None;
        }
        // Long enough for `title` to compare with its neighbours one edit away: its business.
        let with_prc = text[range].trim_start().starts_with(PRC);
        let compared = chars.len() >= if with_prc { MIN_CLOSE_CHARS_WITH_PRC } else { MIN_CLOSE_CHARS };
        if compared && self.entries.iter().any(|e| one_edit(&chars, &e.key).is_some()) {
            return None;
        }
        let mut close: Vec<(usize, bool, usize)> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let same_kind = if regulation {
                entry.kind == "行政法规" && entry.key.ends_with(&['条', '例'])
            } else {
                matches!(entry.kind.as_str(), "法律" | "宪法") && entry.key.last() == Some(&'法')
            };
            if same_kind && entry.key.len() > chars.len() && holds_in_order(&entry.key, &chars) {
                close.push((entry.key.len() - chars.len(), entry.status == "已废止", i));
            }
        }
        close.sort_unstable();
        let (added, repealed, first) = *close.first()?;
        let rival = close.get(1).is_some_and(|&(a, r, _)| a == added && r == repealed);
        // The law meant, offered as the fix: the only one that holds the title, or the closest when it keeps the
        // title's first character and adds no more characters than the title has (土地法 → 土地管理法, not
        // 安全法 → 核安全法 nor 代表法 → 全国人民代表大会组织法). A regulation's short title may be a local
        // regulation's without its place (《安全生产条例》): no fix, the message says both.
        let keeps_its_start =
            self.entries[first].key.first() == chars.first() && added <= chars.len() && chars.len() >= 3;
        let sure = close.len() == 1 || (!rival && keeps_its_start);
        Some(LawNamedWrongly {
            close: close.iter().map(|&(_, _, i)| i).collect(),
            meant: (sure && !regulation).then_some(first),
            kind: if regulation { "行政法规" } else { "法律" },
        })
    }

    /// The law a title names once 反 is put in front of it (《有组织犯罪法》,
    /// 《不正当竞争法》), whatever its length: the names of the laws against
    /// something begin with 反, and writers drop it.
    fn without_fan(&self, chars: &[char]) -> Option<usize> {
        if chars.first() == Some(&FAN) || chars.last() != Some(&'法') {
            return None;
        }
        let mut key = String::with_capacity(4 * (chars.len() + 1));
        key.push(FAN);
        key.extend(chars);
        self.by_key.get(&key).copied()
    }

    /// [`Catalogue::close_to`] as if entry `left_out` were not in the catalogue.
    fn close_among(
        &self,
        text: &str,
        range: Range<usize>,
        confusables: &Confusables,
        left_out: Option<usize>,
    ) -> Option<Close> {
        let cited = normalise(text, range.clone());
        let with_prc = text[range.clone()].trim_start().starts_with(PRC);
        let n = cited.len();
        let chars: Vec<char> = cited.iter().map(|(c, _)| *c).collect();
        // A title the catalogue knows (also one whose period lacks 年: that is
        // `citation.period-without-nian`'s finding, not a different title).
        if self.lookup(&text[range.clone()]).is_some_and(|i| Some(i) != left_out) {
            return None;
        }
        if let Some(entry) = self.without_fan(&chars).filter(|&i| Some(i) != left_out) {
            let at = cited[0].1.start;
            return Some(Close { entry, edit: Edit { range: at..at, replacement: FAN.to_string() }, missing: 0 });
        }
        if n < if with_prc { MIN_CLOSE_CHARS_WITH_PRC } else { MIN_CLOSE_CHARS } {
            return None;
        }
        let mut found: Option<(usize, Range<usize>, Range<usize>)> = None;
        let mut seen: Vec<usize> = Vec::new();
        for len in n - 1..=n + 1 {
            let by_first = self.by_first.get(&(chars[0], len)).into_iter().flatten();
            let by_last = self.by_last.get(&(chars[n - 1], len)).into_iter().flatten();
            for &i in by_first.chain(by_last) {
                if seen.contains(&i) || Some(i) == left_out {
                    continue;
                }
                seen.push(i);
                let Some((ours, theirs)) = one_edit(&chars, &self.entries[i].key) else { continue };
                if found.is_some() {
                    return None; // two titles are that close: which one is meant?
                }
                found = Some((i, ours, theirs));
            }
        }
        let Some((entry, ours, theirs)) = found else {
            return self.period_title_shortened(&cited, left_out);
        };
        let key = &self.entries[entry].key;
        if !acceptable(&chars[ours.clone()], &key[theirs.clone()], confusables) {
            return None;
        }
        let replacement: String = key[theirs].iter().collect();
        let at = if ours.is_empty() {
            // A character is missing: insert after the one before it.
            let position = if ours.start == 0 { cited[0].1.start } else { cited[ours.start - 1].1.end };
            position..position
        } else {
            cited[ours.start].1.start..cited[ours.end - 1].1.end
        };
        Some(Close { entry, edit: Edit { range: at, replacement }, missing: 0 })
    }

    /// A plan or programme cited with its period but a name the catalogue
    /// does not give it: the name of exactly one entry of the same period holds
    /// the cited name's characters in order, with at most
    /// [`MAX_PERIOD_NAME_MISSING`] more (《法治政府实施纲要（2021－2025年）》,
    /// 《法治建设纲要（2021－2025年）》 for 法治政府建设实施纲要). A period is a
    /// document's own: a local plan of that period has its place and other
    /// words in its name, which no national title holds.
    fn period_title_shortened(&self, cited: &[(char, Range<usize>)], left_out: Option<usize>) -> Option<Close> {
        let chars: Vec<char> = cited.iter().map(|(c, _)| *c).collect();
        let open = chars.iter().rposition(|&c| c == '（')?;
        let (name, written) = chars.split_at(open);
        // The period as the catalogue writes it, （2021－2025年）, whether 年 was left out or written twice (those are
        // the punctuation rules' business; the name is this route's).
        let mut period: Vec<char> = written.iter().copied().filter(|&c| c != '年').collect();
        period.insert(period.len() - 1, '年');
        let period = period.as_slice();
        period_end(period)?;
        if name.len() < MIN_PERIOD_NAME_CHARS || !name.iter().all(|&c| is_han(c) && !is_chinese_numeral(c)) {
            return None;
        }
        let mut holders = self.entries.iter().enumerate().filter(|&(i, e)| {
            Some(i) != left_out
                && e.key.ends_with(period)
                && e.key.len() - period.len() > name.len()
                && e.key.len() - period.len() <= name.len() + MAX_PERIOD_NAME_MISSING
                && holds_in_order(&e.key[..e.key.len() - period.len()], name)
        });
        let (entry, holder) = holders.next()?;
        if holders.next().is_some() {
            return None; // two plans of that period hold it: which one is meant?
        }
        let range = cited[0].1.start..cited[open - 1].1.end;
        let replacement: String = holder.key[..holder.key.len() - period.len()].iter().collect();
        let missing = holder.key.len() - period.len() - name.len();
        Some(Close { entry, edit: Edit { range, replacement }, missing })
    }
}

/// A period title's name is compared only from this many characters on:
/// 《纲要（2021－2025年）》 may be any programme's short name.
const MIN_PERIOD_NAME_CHARS: usize = 4;
/// At most this many characters may be missing from a period title's name.
const MAX_PERIOD_NAME_MISSING: usize = 4;

/// Is an edit that turns `ours` into `theirs` a slip rather than another
/// document? Only Chinese characters, and no numerals: digits and numerals are
/// another edition (（2016－2020年）, 修正案（十二）), punctuation the punctuation
/// rules' business. A replaced character must be one easily confused with
/// the right one: titles that differ in another character are mostly two
/// documents (兽药/农药管理条例, 城市/城乡规划法).
fn acceptable(ours: &[char], theirs: &[char], confusables: &Confusables) -> bool {
    if !ours.iter().chain(theirs).all(|&c| is_han(c) && !is_chinese_numeral(c)) {
        return false;
    }
    match (ours, theirs) {
        ([wrong], [right]) => confusables.confused(*wrong, *right),
        _ => true,
    }
}

/// Characters easily typed or read for others: same pinyin and tone, similar
/// shape. A file of `character<TAB>characters` lines, `#` comments.
#[derive(Debug, Clone, Default)]
pub struct Confusables {
    /// (right, wrong) pairs, in both orders.
    pairs: std::collections::HashSet<(char, char), BuildFnv1a>,
}

impl Confusables {
    /// Reads a confusables file; errors are `name:line:column: message`.
    pub fn parse(name: &str, text: &str) -> Result<Confusables, String> {
        let mut pairs = std::collections::HashSet::default();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut chars = line.chars();
            let (Some(right), Some('\t'), rest) = (chars.next(), chars.next(), chars.as_str()) else {
                let column = line.chars().next().map_or(1, |_| 2);
                return Err(format!("{name}:{}:{column}: 应为“字<Tab>易混的字”", number + 1));
            };
            if rest.is_empty() || rest.contains(char::is_whitespace) {
                return Err(format!("{name}:{}:3: 易混的字应连写在一列中，不能为空或含空白", number + 1));
            }
            for wrong in rest.chars() {
                pairs.insert((right, wrong));
                pairs.insert((wrong, right));
            }
        }
        Ok(Confusables { pairs })
    }

    /// Is one of the two easily typed or read for the other?
    pub fn confused(&self, a: char, b: char) -> bool {
        self.pairs.contains(&(a, b))
    }
}

/// Does `whole` hold every character of `part`, in order (not necessarily
/// side by side)? 土地管理法 holds 土地法.
fn holds_in_order(whole: &[char], part: &[char]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|c| rest.any(|w| w == c))
}

/// If `a` and `b` differ by one edit — one character inserted, deleted or
/// replaced, or two neighbours swapped — the differing parts of each.
fn one_edit(a: &[char], b: &[char]) -> Option<(Range<usize>, Range<usize>)> {
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return None;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    let (ours, theirs) = (prefix..a.len() - suffix, prefix..b.len() - suffix);
    let swapped = ours.len() == 2
        && theirs.len() == 2
        && a[ours.start] == b[theirs.start + 1]
        && a[ours.start + 1] == b[theirs.start];
    let one = (ours.len() <= 1 && theirs.len() <= 1) || swapped;
    one.then_some((ours, theirs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_finds_the_differing_parts() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(one_edit(&c("督查工作规定"), &c("督察工作规定")), Some((1..2, 1..2)));
        assert_eq!(one_edit(&c("督察规定"), &c("督察工作规定")), None);
        assert_eq!(one_edit(&c("职责的规定"), &c("职责规定")), Some((2..3, 2..2)));
        assert_eq!(one_edit(&c("ab"), &c("ba")), Some((0..2, 0..2)));
        assert_eq!(one_edit(&c("abc"), &c("abc")), None);
        // 法法 / 法: the common suffix cannot overlap the prefix
        assert_eq!(one_edit(&c("法法"), &c("法")), Some((1..2, 1..1)));
    }

    #[test]
    fn periods_and_dates() {
        assert_eq!(period_end(&key_of("法治政府建设实施纲要（2021-2025年）")), Some(2025));
        assert_eq!(period_end(&key_of("规划(2016—2020年)")), Some(2020));
        assert_eq!(period_end(&key_of("条例（试行）")), None);
        assert_eq!(Date::parse("2021-01-01"), Some(Date(2021, 1, 1)));
        assert_eq!(Date::parse("2021-13-01"), None);
        assert_eq!(Date::parse("2021-1-01"), None);
    }

    #[test]
    fn the_organs_before_a_title_are_read_back_to_the_first_that_is_not_one() {
        use Organ::*;
        fn read(before: &str) -> Option<(&str, Option<Vec<Organ>>)> {
            organs_before(before).map(|(at, organs)| (&before[at], organs))
        }
        assert_eq!(read("贯彻国务院"), Some(("国务院", Some(vec![StateCouncil]))));
        assert_eq!(
            read("贯彻中共中央、国务院印发的"),
            Some(("中共中央、国务院", Some(vec![PartyCentre, StateCouncil])))
        );
        assert_eq!(read("对照中共中央国务院印发的 "), Some(("中共中央国务院", Some(vec![PartyCentre, StateCouncil]))));
        assert_eq!(read("落实中办、国办"), Some(("中办、国办", Some(vec![PartyCentreOffice, StateCouncilOffice]))));
        // The longest name: 中共中央办公厅 is not 中央办公厅 after 中共, nor 中央 after 党.
        assert_eq!(read("落实中共中央办公厅"), Some(("中共中央办公厅", Some(vec![PartyCentreOffice]))));
        assert_eq!(read("坚持党中央"), Some(("党中央", Some(vec![PartyCentre]))));
        assert_eq!(read("按照省委、省政府"), Some(("省委、省政府", None)));
        assert_eq!(read("省政府和国务院"), Some(("省政府和国务院", None)));
        // A joiner with no organ before it is not part of the organs.
        assert_eq!(read("学习和国务院"), Some(("国务院", Some(vec![StateCouncil]))));
        assert_eq!(read("推动全市"), None);
        assert_eq!(read("认真学习"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn a_period_without_nian_is_looked_up_as_the_period() {
        assert_eq!(key_string("法治政府建设实施纲要（2021-2025）"), key_string("法治政府建设实施纲要（2021－2025年）"));
        assert_eq!(key_string("纲要（2021）"), "纲要（2021）");
        assert_eq!(key_string("纲要（二〇二一－二〇二五）"), "纲要（二〇二一－二〇二五）");
    }

    #[test]
    fn an_entry_is_described_by_its_kind_dates_and_status_a_book_by_its_kind() {
        let text = "习近平法治思想学习纲要\t图书\t现行有效\t\t\t\t\tH\n\
                    中华人民共和国行政复议法\t法律\t现行有效\t2023-09-01\t2024-01-01\t\t\tM\n";
        let catalogue = Catalogue::parse("citations.tsv", text).expect("parses");
        let described: Vec<String> = catalogue.entries.iter().map(Entry::describe).collect();
        assert_eq!(described, ["图书", "法律，2023年9月1日公布，2024年1月1日施行，现行有效"]);
    }

    /// The shipped confusables, and each character's as a list.
    fn shipped_confusables() -> (Confusables, HashMap<char, Vec<char>>) {
        let text = crate::builtin::data_file("data/citation-confusables.tsv").expect("shipped");
        let mut lists = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut chars = line.chars();
            let right = chars.next().expect("a character");
            lists.insert(right, chars.skip(1).collect());
        }
        (Confusables::parse("citation-confusables.tsv", text).expect("parses"), lists)
    }

    /// `close_to` compares only entries of length ±1 sharing the first or last
    /// character: it must find what a comparison with every entry finds.
    #[test]
    fn the_candidate_index_finds_what_a_scan_of_all_entries_finds() {
        let text = crate::builtin::data_file("data/citations.tsv").expect("shipped");
        let catalogue = Catalogue::parse("citations.tsv", text).expect("parses");
        let (confusables, confused_with) = shipped_confusables();
        let scan = |cited: &str| -> Option<usize> {
            let chars: Vec<char> = normalise(cited, 0..cited.len()).into_iter().map(|(c, _)| c).collect();
            let min = if cited.starts_with(PRC) { MIN_CLOSE_CHARS_WITH_PRC } else { MIN_CLOSE_CHARS };
            if catalogue.lookup(cited).is_some() {
                return None;
            }
            if chars.last() == Some(&'法') && chars.first() != Some(&FAN) {
                let with_fan: String = std::iter::once(FAN).chain(chars.iter().copied()).collect();
                if let Some(i) = catalogue.lookup(&with_fan) {
                    return Some(i);
                }
            }
            if chars.len() < min {
                return None;
            }
            let close: Vec<(usize, Range<usize>, Range<usize>)> = (0..catalogue.entries.len())
                .filter_map(|i| one_edit(&chars, &catalogue.entries[i].key).map(|(a, b)| (i, a, b)))
                .collect();
            match close.as_slice() {
                [(i, a, b)] if acceptable(&chars[a.clone()], &catalogue.entries[*i].key[b.clone()], &confusables) => {
                    Some(*i)
                }
                _ => None,
            }
        };
        let mut compared = 0;
        let mut found = 0;
        for entry in catalogue.entries.iter().step_by(3) {
            let chars: Vec<char> = entry.title.chars().collect();
            for i in 0..chars.len() {
                let mut variants = Vec::new();
                let mut deleted = chars.clone();
                deleted.remove(i);
                variants.push(deleted);
                let mut replaced = chars.clone();
                replaced[i] = '某';
                variants.push(replaced);
                if let Some(&other) = confused_with.get(&chars[i]).and_then(|o| o.first()) {
                    let mut confused = chars.clone();
                    confused[i] = other;
                    variants.push(confused);
                }
                let mut inserted = chars.clone();
                inserted.insert(i, '的');
                variants.push(inserted);
                if i + 1 < chars.len() {
                    let mut swapped = chars.clone();
                    swapped.swap(i, i + 1);
                    variants.push(swapped);
                }
                for variant in variants {
                    let cited: String = variant.into_iter().collect();
                    let indexed = catalogue.close_to(&cited, 0..cited.len(), &confusables).map(|c| c.entry);
                    assert_eq!(indexed, scan(&cited), "{cited}");
                    compared += 1;
                    found += usize::from(indexed.is_some());
                }
            }
        }
        assert!(compared > 10_000 && found > 1_000, "{compared} compared, {found} found");
    }

    /// A real document the catalogue lacks but that is one character away from
    /// one it has (兽药管理条例 / 农药管理条例) would be a false alarm. Taking each
    /// entry out in turn measures how often that happens among real titles.
    #[test]
    fn few_real_titles_would_be_mistaken_for_their_neighbours() {
        let text = crate::builtin::data_file("data/citations.tsv").expect("shipped");
        let catalogue = Catalogue::parse("citations.tsv", text).expect("parses");
        let mistaken = |confusables: &Confusables| -> Vec<String> {
            let mut mistaken = Vec::new();
            for (i, entry) in catalogue.entries.iter().enumerate() {
                for cited in [entry.title.clone(), format!("{PRC}{}", entry.title)] {
                    if let Some(close) = catalogue.close_among(&cited, 0..cited.len(), confusables, Some(i)) {
                        mistaken.push(format!("{} → {}", entry.title, catalogue.entries[close.entry].title));
                        break;
                    }
                }
            }
            mistaken
        };
        // Without the confusables 28 (兽药/农药管理条例, 城乡/城市规划法, 水生/陆生野生动物保护实施条例 …);
        // with them 2: 环境保护法 / 环境保护税法, a character missing, each other's neighbour.
        let with = mistaken(&shipped_confusables().0);
        assert!(with.len() <= 2, "{} of {}: {with:#?}", with.len(), catalogue.entries.len());
        // Any replaced character allowed: a plain comparison of every pair of titles.
        let keys: Vec<&[char]> = catalogue.entries.iter().map(|e| e.key.as_slice()).collect();
        let any_replacement = (0..keys.len())
            .filter(|&i| {
                let close: Vec<(Range<usize>, Range<usize>)> =
                    (0..keys.len()).filter(|&j| j != i).filter_map(|j| one_edit(keys[i], keys[j])).collect();
                let long_enough = keys[i].len() >= MIN_CLOSE_CHARS_WITH_PRC; // cited with the prefix
                let han = |(a, b): &(Range<usize>, Range<usize>), j: usize| {
                    keys[i][a.clone()].iter().chain(&keys[j][b.clone()]).all(|&c| is_han(c) && !is_chinese_numeral(c))
                };
                let j = (0..keys.len()).filter(|&j| j != i).find(|&j| one_edit(keys[i], keys[j]).is_some());
                long_enough && close.len() == 1 && j.is_some_and(|j| han(&close[0], j))
            })
            .count();
        assert!(any_replacement >= 20, "the confusables should matter: {any_replacement}");
    }

    /// The byte search for the marks gives what a walk over every character gives.
    #[test]
    fn citations_match_a_character_walk() {
        fn walk(text: &str) -> Vec<Cited> {
            let mut found = Vec::new();
            let mut open: Option<usize> = None;
            for (at, c) in text.char_indices() {
                match c {
                    '《' => open = Some(at),
                    '》' => {
                        if let Some(start) = open.take() {
                            let inner = start + 3..at;
                            if !inner.is_empty() && inner.len() <= MAX_TITLE_BYTES {
                                found.push(Cited { inner, outer: start..at + 3 });
                            }
                        }
                    }
                    _ => {}
                }
            }
            found
        }
        let pieces = [
            "《",
            "》",
            "法",
            "a",
            "《》",
            "\n",
            "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长",
        ];
        let mut rng = crate::fuzz::SeededRng::new(7);
        for _ in 0..3000 {
            let text: String = (0..rng.below(40)).map(|_| *rng.pick(&pieces)).collect();
            assert_eq!(citations(&text, 0..text.len()), walk(&text), "{text:?}");
        }
    }

    #[test]
    fn citations_are_innermost_pairs() {
        let text = "依据《甲》和《乙《丙》以及》》《";
        let found: Vec<&str> = citations(text, 0..text.len()).iter().map(|c| &text[c.inner.clone()]).collect();
        assert_eq!(found, ["甲", "丙"]);
    }
}
