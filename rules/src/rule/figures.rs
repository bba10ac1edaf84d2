//! `kind = "figures"`: are the claims backed by figures, and do the figures add up?
//!
//! | `check` | what it reports | fix |
//! |---|---|---|
//! | `density` | a section (`section = "measures"`) of at least `min_chars` characters with fewer than `min_per_1000` figures per 1,000 characters | — |
//! | `approx-small-count` | 余 after an exact count (4余次, 38余次): 余 goes with round numbers (10余次, 500余人) | delete 余 |
//! | `percentage` | a rate that no whole count can give (调处纠纷50件，调处率95%: 47.5件) | — |

use super::{CompileError, Finding, Fix, Kind, LintContext, PackContext, Rule, check_of, fill};
use crate::figure_finder::DEFAULT_UNITS;
use crate::schema::RuleDef;
use regex::Regex;
use schemars::JsonSchema;
use serde::Deserialize;
use std::sync::LazyLock;
use toml::Spanned;

/// A compiled `figures` rule: the check it runs (the table above), with its settings.
#[derive(Debug, Clone)]
pub enum FiguresRule {
    Density { section: String, min_per_1000: f64, min_chars: usize },
    ApproxSmallCount,
    Percentage,
}

/// Figures backing the claims: density, 余 after exact counts, impossible percentages.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FiguresFields {
    /// Which check the rule runs: `density`, `approx-small-count` or `percentage`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
    /// density: the key of the section to measure.
    #[serde(default)]
    pub section: Option<String>,
    /// density: the minimum figures per 1,000 characters.
    #[serde(default)]
    pub min_per_1000: Option<f64>,
    /// density: the shortest section measured (characters); a shorter one is too short
    /// for a rate per 1,000 characters to say anything. Default 0.
    #[serde(default)]
    pub min_chars: Option<usize>,
}

impl Kind for FiguresRule {
    const NAME: &'static str = "figures";
    type Fields = FiguresFields;

    fn from_def(def: &RuleDef, fields: FiguresFields, _: &PackContext) -> Result<FiguresRule, CompileError> {
        let (name, span) = check_of(def, &fields.check)?;
        FiguresRule::parse(name, fields.section.as_deref(), fields.min_per_1000, fields.min_chars)
            .map_err(|m| (span, m))
    }

    fn lint(&self, rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
        match self {
            FiguresRule::Density { section, min_per_1000, min_chars } => {
                density(rule, cx, section, *min_per_1000, *min_chars, out)
            }
            FiguresRule::ApproxSmallCount => approx_small_count(rule, cx, out),
            FiguresRule::Percentage => percentage(rule, cx, out),
        }
    }
}

impl FiguresRule {
    pub fn parse(
        name: &str,
        section: Option<&str>,
        min_per_1000: Option<f64>,
        min_chars: Option<usize>,
    ) -> Result<FiguresRule, String> {
        Ok(match name {
            "density" => FiguresRule::Density {
                section: section.unwrap_or("measures").to_string(),
                min_per_1000: min_per_1000.unwrap_or(0.5),
                min_chars: min_chars.unwrap_or(0),
            },
            "approx-small-count" => FiguresRule::ApproxSmallCount,
            "percentage" => FiguresRule::Percentage,
            _ => return Err(format!("未知的 figures 检查“{name}”：应为 density、approx-small-count 或 percentage")),
        })
    }
}

/// Figures per 1,000 non-blank characters of a section's body.
pub fn section_density(cx: &LintContext, section: usize) -> (usize, usize) {
    let doc = cx.doc;
    let body = doc.sections[section].body.clone();
    let figures: usize = doc
        .sentences
        .iter()
        .filter(|s| s.range.start >= body.start && s.range.end <= body.end)
        .map(|s| cx.figures.find(&doc.text, s.range.clone()).len())
        .sum();
    let chars = doc.slice(&body).chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').count();
    (figures, chars)
}

fn density(rule: &Rule, cx: &LintContext, key: &str, min: f64, min_chars: usize, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(&section) = cx.sections.get(key) else { return };
    let (figures, chars) = section_density(cx, section);
    if chars == 0 || chars < min_chars {
        return;
    }
    let per_1000 = figures as f64 * 1000.0 / chars as f64;
    if per_1000 >= min {
        return;
    }
    let heading = &doc.headings[doc.sections[section].heading];
    let values = [
        ("count", figures.to_string()),
        ("chars", chars.to_string()),
        ("density", format!("{per_1000:.1}")),
        ("min", format!("{min}")),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    out.push(rule.finding(doc, heading.range.clone(), fill(&rule.meta.message, &values)));
}

static APPROX: LazyLock<Regex> = LazyLock::new(|| {
    let units: Vec<String> = DEFAULT_UNITS.iter().map(|u| regex::escape(u)).collect();
    Regex::new(&format!(r"(?:^|[^\d.．])(\d+)(余)(?:{})", units.join("|"))).expect("pattern")
});

fn approx_small_count(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for range in doc.body_ranges().iter().cloned() {
        let text = doc.slice(&range);
        for caps in APPROX.captures_iter(text) {
            let number: u64 = caps[1].parse().unwrap_or(0);
            if number >= 10 && number.is_multiple_of(10) {
                continue;
            }
            let digits = caps.get(1).expect("digits");
            let yu = caps.get(2).expect("余");
            let whole = caps.get(0).expect("match");
            let span = range.start + digits.start()..range.start + whole.end();
            let values = [("text", &doc.text[span.clone()]), ("number", &caps[1])];
            let mut finding = rule.finding(doc, span, fill(&rule.meta.message, &values));
            let yu_span = range.start + yu.start()..range.start + yu.end();
            finding.fixes.push(Fix::replace("删除“余”", yu_span, "", false));
            out.push(finding);
        }
    }
}

static RATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"率(?:达到|达|为|是)?(\d{1,3}(?:\.\d+)?)\s*[%％]").expect("pattern"));
static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d.．])(\d+)(?:件|人|次|起|个|项|户|名|家|宗|单|份|场)").expect("pattern"));

fn percentage(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for sentence in &doc.sentences {
        let text = doc.slice(&sentence.range);
        for rate in RATE.captures_iter(text) {
            let value = rate.get(1).expect("value");
            // Only a single count before the rate, in its clause or the one
            // just before (调处纠纷50件，调处率95%), says what the rate is of: a
            // clause between them moves on (承接事项54项，推行……改革，网上可办率达99%).
            let before = &text[..value.start()];
            let from = crate::text::clause_start(text, value.start(), 1);
            let counts: Vec<u64> = COUNT.captures_iter(&before[from..]).filter_map(|c| c[1].parse().ok()).collect();
            let [total] = counts[..] else { continue };
            if total == 0 || total > 100_000 {
                continue;
            }
            let decimals = value.as_str().split('.').nth(1).map_or(0, str::len) as i32;
            let percent: f64 = value.as_str().parse().unwrap_or(0.0);
            // The count may be the whole (50件, 95%) or the part (持证32人, 持证率91.4%: of 35).
            if percent > 100.0 || achievable(total, percent, decimals) || achievable_as_part(total, percent, decimals) {
                continue;
            }
            let exact = total as f64 * percent / 100.0;
            let whole = rate.get(0).expect("match");
            let span = sentence.range.start + value.start()..sentence.range.start + whole.end();
            let values = [
                ("text", doc.text[span.clone()].to_string()),
                ("total", total.to_string()),
                ("exact", format!("{exact:.2}").trim_end_matches('0').trim_end_matches('.').to_string()),
            ];
            let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            out.push(rule.finding(doc, span, fill(&rule.meta.message, &values)));
        }
    }
}

/// Is there a whole number k ≤ total with k/total rounding to `percent` at `decimals` places?
fn achievable(total: u64, percent: f64, decimals: i32) -> bool {
    let scale = 10f64.powi(decimals);
    (0..=total).any(|k| ((k as f64 * 100.0 / total as f64) * scale).round() / scale == percent)
}

/// Is there a whole number d ≥ part with part/d rounding to `percent` at
/// `decimals` places?
fn achievable_as_part(part: u64, percent: f64, decimals: i32) -> bool {
    if percent <= 0.0 {
        return false;
    }
    let scale = 10f64.powi(decimals);
    let around = part as f64 * 100.0 / percent;
    let (low, high) = ((around.floor() as u64).saturating_sub(1).max(part.max(1)), around.ceil() as u64 + 1);
    (low..=high).any(|d| ((part as f64 * 100.0 / d as f64) * scale).round() / scale == percent)
}

#[cfg(test)]
mod tests {
    use super::{achievable, achievable_as_part};

    #[test]
    fn a_count_may_be_the_part_a_rate_is_of() {
        // 32 of 35 hold a licence: 91.4%.
        assert!(!achievable(32, 91.4, 1));
        assert!(achievable_as_part(32, 91.4, 1));
        // 50 as a part gives 94.3% or 96.2%, never 95%.
        assert!(!achievable_as_part(50, 95.0, 0));
        assert!(achievable_as_part(3, 100.0, 0));
        assert!(!achievable_as_part(3, 0.0, 0));
    }

    #[test]
    fn whole_counts_give_only_some_percentages() {
        assert!(!achievable(50, 95.0, 0));
        assert!(achievable(50, 96.0, 0));
        assert!(achievable(3, 66.7, 1));
        assert!(achievable(3, 67.0, 0));
        assert!(!achievable(4, 60.0, 0));
    }
}
