//! The `party-organ` check of `kind = "consistency"`: the reporting unit's own
//! Party organ named two ways.
//!
//! A unit has one leading Party organ: a department its 党组 (or, for some, a
//! 党委), a township its 党委, a subdistrict its 党工委. A report that calls it
//! 局党委 in one paragraph and 局党组 in the next, or holds 党委会 where the
//! rest says 党组书记, has copied from another unit's report or not been read
//! through. Only mentions that can be the unit's own count: the organ after the
//! unit's word (局党组, 委党组, 街道党工委) or before one of its own bodies or
//! posts (党组书记, 党委会, 党工委理论学习中心组), and not after a level or a
//! qualifier that makes it someone else's (镇党委 in a department's report, 机关党委,
//! 各级党委) or inside the general formula 党委（党组）.

use super::{Finding, Fix, LintContext, Rule, fill};

const ORGANS: [&str; 3] = ["党工委", "党组", "党委"];

/// The unit's word before an organ that makes the organ the unit's own.
const OWN_BEFORE: [&str; 6] = ["街道", "中心", "局", "委", "厅", "办"];

/// What follows an organ that makes it a body or post of the unit itself.
const OWN_AFTER: [&str; 7] = ["理论学习中心组", "中心组", "副书记", "书记", "成员", "班子", "会"];

/// Before an organ: someone else's organ, or organs in general.
const OTHERS_BEFORE: [&str; 19] = [
    "各级", "机关", "支部", "基层", "部门", "单位", "企业", "学校", "政府", "乡镇", "县", "市", "区", "省", "镇", "乡",
    "村", "州", "旗",
];

/// Before 委 in an OWN_BEFORE position: 县委 is a level's committee, not a unit's word.
const LEVEL_BEFORE_WEI: &str = "县市区省镇乡州旗纪法";

/// The unit's own organ mentioned at `at` (its name), if the mention is one.
fn own_organ_at(text: &str, at: usize) -> Option<&'static str> {
    let organ = ORGANS.iter().find(|o| text[at..].starts_with(*o))?;
    let before = &text[..at];
    let after = &text[at + organ.len()..];
    // 党组（党委）, 党委（党组）: the formula for whichever a unit has.
    if after.starts_with(['（', '(']) || before.ends_with(['（', '(']) {
        return None;
    }
    let own_word = OWN_BEFORE.iter().find(|w| before.ends_with(*w));
    let own = match own_word {
        Some(&"委") => {
            let wei = before.len() - "委".len();
            !text[..wei].chars().next_back().is_some_and(|c| LEVEL_BEFORE_WEI.contains(c))
        }
        Some(_) => true,
        None => OWN_AFTER.iter().any(|w| after.starts_with(w)) && !OTHERS_BEFORE.iter().any(|w| before.ends_with(w)),
    };
    own.then_some(*organ)
}

pub(super) fn party_organ(rule: &Rule, cx: &LintContext, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    // Every own mention: (start, organ), in order.
    let mut mentions: Vec<(usize, &'static str)> = Vec::new();
    for range in super::consistency::body_and_headings(doc) {
        let slice = doc.slice(&range);
        for (i, _) in slice.match_indices('党') {
            if let Some(organ) = own_organ_at(slice, i) {
                mentions.push((range.start + i, organ));
            }
        }
    }
    let count = |organ: &str| mentions.iter().filter(|m| m.1 == organ).count();
    let mut used: Vec<&str> = ORGANS.iter().copied().filter(|o| count(o) > 0).collect();
    if used.len() < 2 {
        return;
    }
    // The organ named most often is taken for the unit's and the others are reported; on a tie, the one named
    // first (the later name is the one that departs from it).
    let first_at = |organ: &str| mentions.iter().position(|m| m.1 == organ);
    used.sort_by_key(|o| (std::cmp::Reverse(count(o)), first_at(o)));
    let dominant = used[0];
    let dominant_count = count(dominant).to_string();
    for &(start, organ) in mentions.iter().filter(|m| m.1 != dominant) {
        let span = start..start + organ.len();
        let values = [("text", organ), ("replacement", dominant), ("count", dominant_count.as_str())];
        let mut finding = rule.finding(doc, span.clone(), fill(&rule.meta.message, &values));
        finding.fixes.push(Fix::replace(format!("统一为“{dominant}”"), span, dominant.to_string(), false));
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(text: &str) -> Vec<&'static str> {
        text.match_indices('党').filter_map(|(i, _)| own_organ_at(text, i)).collect()
    }

    #[test]
    fn the_units_own_organ_is_told_from_others() {
        assert_eq!(own("局党组书记主持召开党组会议，局党委"), ["党组", "党组", "党委"]);
        assert_eq!(own("街道党工委统一领导，召开党工委会议"), ["党工委", "党工委"]);
        assert_eq!(own("县卫健委党组理论学习中心组"), ["党组"]);
        for other in [
            "各级党委（党组）理论学习中心组",
            "党组（党委）书记",
            "机关党委书记",
            "指导各镇党委书记",
            "县委党组",
            "在党委领导下",
            "县委常委会",
            "党委、政府",
        ] {
            assert_eq!(own(other), Vec::<&str>::new(), "{other}");
        }
    }
}
