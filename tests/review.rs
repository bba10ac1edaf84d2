//! The reviewer's outputs of `gwlint check`: the scorecard of each report,
//! SARIF, and boilerplate shared between reports or copied from last year.

mod common;

use common::*;
use serde_json::Value;

fn check_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&output), stderr(&output)))
}

const OUT_OF_ORDER: &str = "关于2024年度法治政府建设情况的报告
县人民政府：
一、存在的不足和原因
部分干部法治意识不强，原因是学法培训不够。
二、主要举措和成效
全年办理行政复议案件12件，开展普法活动30场，培训执法人员200人次。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人主持召开专题会议4次。
四、2025年度工作安排
完善执法制度。
五、其他需要报告的情况
无。
";

fn statuses(scorecard: &Value) -> Vec<(String, String)> {
    scorecard["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["key"].as_str().unwrap().to_string(), p["status"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn the_scorecard_shows_parts_counts_figures_and_the_frame_of_the_report() {
    let dir = TempDir::new("scorecard");
    dir.write("sample.txt", &std::fs::read_to_string(fixture("sample-report.txt")).unwrap());
    dir.write("order.txt", OUT_OF_ORDER);
    let json = check_json(dir.path(), &["sample.txt", "order.txt"]);
    let sample = &json["files"][0]["scorecard"];
    let expected = [("measures", "present"), ("shortfalls", "present"), ("duty", "present")];
    let mut expected: Vec<(String, String)> = expected.iter().map(|(k, s)| (k.to_string(), s.to_string())).collect();
    expected.push(("plans".into(), "present".into()));
    expected.push(("other".into(), "missing".into()));
    assert_eq!(statuses(sample), expected);
    assert_eq!(sample["parts"][0]["heading"], "一、2024年度推进法治政府建设的主要举措和成效");
    assert_eq!(sample["severity"], serde_json::json!({"error": 3, "warning": 6, "info": 1, "hint": 0}));
    assert_eq!(sample["rules"]["typo.common"], 2);
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let by_rule: usize = sample["rules"].as_object().unwrap().values().map(|n| n.as_u64().unwrap() as usize).sum();
    assert_eq!(by_rule, findings.len());
    assert_eq!(sample["figures"]["part"], "measures");
    assert_eq!(sample["figures"]["figures"], 6);
    assert_eq!(sample["figures"]["per_1000"], 25.1);
    assert_eq!(sample["title"]["text"], "关于2024年度法治政府建设情况的报告");
    assert_eq!(sample["addressee"]["text"], "县人民政府：");
    assert_eq!(sample["signature"]["text"], "青山镇人民政府");
    assert_eq!(sample["date"]["text"], "2025年1月15日");

    let order = &json["files"][1]["scorecard"];
    let statuses = statuses(order);
    assert!(statuses.contains(&("shortfalls".into(), "out-of-order".into())), "{statuses:?}");
    assert!(statuses.contains(&("other".into(), "present".into())), "{statuses:?}");
    assert_eq!(order["figures"]["figures"], 3);
    assert_eq!(order["signature"]["present"], false);
    assert_eq!(order["date"]["present"], false);
}

#[test]
fn sarif_output_is_sarif_2_1_0_with_rules_results_regions_and_fixes() {
    let dir = TempDir::new("sarif");
    dir.write("报告.txt", &std::fs::read_to_string(fixture("sample-report.txt")).unwrap());
    let output = run_in(dir.path(), &["check", "--format", "sarif", "报告.txt"]);
    assert_eq!(code(&output), 1);
    let sarif: Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "gwlint");
    let rules = driver["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for rule in rules {
        assert!(rule["shortDescription"]["text"].is_string() && rule["fullDescription"]["text"].is_string());
        assert!(rule["help"]["text"].as_str().unwrap().contains("依据："), "{rule}");
        let id = rule["id"].as_str().unwrap();
        assert_eq!(
            rule["helpUri"].as_str().unwrap(),
            format!("{}{id}.md", "https://github.com/gwlint/gwlint/blob/main/rules/docs/rules/")
        );
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = run["results"].as_array().unwrap();
    let json = check_json(dir.path(), &["报告.txt"]);
    let findings = json["files"][0]["findings"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        let id = result["ruleId"].as_str().unwrap();
        assert_eq!(id, finding["rule"]);
        assert_eq!(rule_ids[result["ruleIndex"].as_u64().unwrap() as usize], id);
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        assert_eq!(result["message"]["text"], finding["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "%E6%8A%A5%E5%91%8A.txt");
        let region = &location["region"];
        for (sarif_key, json_key) in
            [("startLine", "line"), ("startColumn", "column"), ("endLine", "end_line"), ("endColumn", "end_column")]
        {
            assert_eq!(region[sarif_key], finding[json_key], "{sarif_key} of {result}");
        }
        assert_eq!(result["fixes"].as_array().map_or(0, Vec::len), finding["fixes"].as_array().unwrap().len());
    }
    let typo =
        results.iter().find(|r| r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "目标导间");
    let fix = &typo.expect("typo result")["fixes"][0];
    assert_eq!(fix["description"]["text"], "改为“目标导向”");
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "目标导向");
    assert_eq!(replacement["deletedRegion"]["startLine"], 7);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 15);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 19);
}
