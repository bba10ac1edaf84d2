//! `gwlint lsp` driven over stdio by a test client, the way an editor drives it.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use gwlint_rules::fuzz::SeededRng;
use lsp_client::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const REPORT: &str = "000_36b2f45d7a297d29.txt";
const TYPO: &str = "目标导间";

fn corpus_report() -> String {
    std::fs::read_to_string(corpus_dir().join(REPORT)).expect("corpus report (../shared/corpus)")
}

/// A workspace folder holding the corpus report (and optionally a gwlint.toml).
fn workspace(name: &str, config: Option<&str>) -> (TempDir, PathBuf) {
    let dir = temp_dir(name);
    let report = dir.join("报告.txt");
    std::fs::write(&report, corpus_report()).expect("copy report");
    if let Some(config) = config {
        std::fs::write(dir.join("gwlint.toml"), config).expect("write gwlint.toml");
    }
    (dir, report)
}

/// Capabilities of a client that watches files for the server.
fn watching_client() -> Value {
    json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}})
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

fn has_text(diagnostics: &[Value], text: &str, code: &str, report: &str) -> bool {
    let at = report.find(text);
    diagnostics
        .iter()
        .any(|d| d["code"] == code && at.is_some_and(|at| d["range"] == range(report, at..at + text.len(), "utf-16")))
}

fn changed(file: &Path) -> Value {
    json!({"changes": [{"uri": uri(file), "type": 2}]})
}

#[test]
fn each_encoding_counts_astral_characters_its_own_way() {
    let dir = temp_dir("encodings");
    let text = "𠀋强化目标导间，紧盯重点工作。\n";
    for (encoding, start) in [("utf-16", 4), ("utf-8", 4 + 6), ("utf-32", 3)] {
        let capabilities = json!({"general": {"positionEncodings": [encoding]}});
        let mut client = LspClient::start(&dir, capabilities, Value::Null);
        assert_eq!(client.encoding, encoding);
        let doc = uri(&dir.join("a.txt"));
        client.open(&doc, text, "plaintext", 1);
        let diagnostics = client.diagnostics(&doc, 1);
        let typo = with_code(&diagnostics, "typo.common");
        assert_eq!(typo.len(), 1, "{diagnostics:#?}");
        let width = if encoding == "utf-8" { 12 } else { 4 };
        assert_eq!(
            typo[0]["range"],
            json!({"start": {"line": 0, "character": start}, "end": {"line": 0, "character": start + width}}),
            "{encoding}"
        );
        assert!(client.shutdown().success());
    }
}

#[test]
fn a_corpus_report_gets_exact_diagnostics() {
    // The regulation's order required, so that the report's 第一责任人 part (first, as in the local order) is out of order.
    let (dir, report) = workspace("corpus", Some("profile = \"regulation\"\n"));
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &corpus_report(), "plaintext", 7);
    let diagnostics = client.diagnostics(&doc, 7);
    let typos = with_code(&diagnostics, "typo.common");
    let ranges: Vec<&Value> = typos.iter().map(|d| &d["range"]).collect();
    assert_eq!(
        ranges,
        [
            &json!({"start": {"line": 15, "character": 212}, "end": {"line": 15, "character": 216}}),
            &json!({"start": {"line": 15, "character": 507}, "end": {"line": 15, "character": 511}}),
        ]
    );
    let typo = typos[0];
    assert_eq!(typo["severity"], 1);
    assert_eq!(typo["source"], "gwlint");
    assert_eq!(typo["message"], "“目标导间”疑为错别字，应为“目标导向”");
    assert_eq!(
        typo["codeDescription"]["href"],
        "https://github.com/gwlint/gwlint/blob/main/rules/docs/rules/typo.common.md"
    );
    // The out-of-order part points at the part it should follow.
    let order = with_code(&diagnostics, "section.duty");
    assert_eq!(order[0]["range"]["start"], json!({"line": 4, "character": 0}));
    assert_eq!(order[0]["severity"], 2);
    let related = &order[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], doc);
    assert_eq!(related["location"]["range"]["start"], json!({"line": 19, "character": 0}));
    assert!(client.shutdown().success());
}

#[test]
fn hover_explains_findings_and_sections() {
    let (dir, report) = workspace("hover", None);
    let text = corpus_report();
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    client.diagnostics(&doc, 1);
    let hover = |client: &mut LspClient, line: u32, character: u32| {
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": line, "character": character}}),
        )
    };
    let on_typo = hover(&mut client, 15, 214);
    let markdown = on_typo["contents"]["value"].as_str().expect("markdown hover");
    assert_eq!(on_typo["contents"]["kind"], "markdown");
    for part in [
        "“目标导间”疑为错别字",
        "**为什么**",
        "**依据**",
        "《党政机关公文处理工作条例》",
        "**错误写法**",
        "强化目标导间",
        "**正确写法**",
        "强化目标导向",
        "**如何配置**",
        "disable = [\"typo.common\"]",
    ] {
        assert!(markdown.contains(part), "missing {part} in {markdown}");
    }
    assert_eq!(on_typo["range"]["start"], json!({"line": 15, "character": 212}));
    // 三、存在的不足、原因和问题整改情况: the shortfalls section must mention causes.
    let on_heading = hover(&mut client, 19, 3);
    let markdown = on_heading["contents"]["value"].as_str().expect("section hover");
    assert!(markdown.contains("必备部分：推进法治政府建设存在的不足和原因"), "{markdown}");
    assert!(
        markdown.contains("本部分应当") && markdown.contains("**尚缺**") && markdown.contains("没有分析原因"),
        "{markdown}"
    );
    // Plain body text has nothing to say.
    assert_eq!(hover(&mut client, 5, 3), Value::Null);
    // A position past the end is clamped to the end of the text, not an error.
    let far = hover(&mut client, 9999, 9999);
    let last_line = text.split('\n').count() - 1;
    assert!(far.is_null() || far["range"]["end"]["line"] == last_line, "{far}");
    assert!(client.shutdown().success());
}

#[test]
fn quick_fixes_and_fix_all_produce_the_corrected_text() {
    let (dir, report) = workspace("actions", None);
    let text = corpus_report();
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    client.diagnostics(&doc, 1);
    let at = text.find(TYPO).unwrap();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": range(&text, at..at, "utf-16"), "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().expect("actions");
    let fix = actions.iter().find(|a| a["title"] == "改为“目标导向”").expect("quick fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "typo.common");
    let edits = fix["edit"]["changes"][&doc].as_array().expect("edits");
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "向", "the edit is minimal");
    assert_eq!(apply_edits(&text, edits, "utf-16"), text.replacen(TYPO, "目标导向", 1));
    assert!(actions.iter().any(|a| a["command"]["command"] == "gwlint.ignoreFinding"));
    assert!(actions.iter().any(|a| a["command"]["command"] == "gwlint.disableRule"));

    let fix_all = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": range(&text, 0..0, "utf-16"), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let fix_all = fix_all.as_array().expect("actions");
    assert_eq!(fix_all.len(), 1, "{fix_all:#?}");
    assert_eq!(fix_all[0]["kind"], "source.fixAll.gwlint");
    let edits = fix_all[0]["edit"]["changes"][&doc].as_array().expect("edits");
    let fixed = apply_edits(&text, edits, "utf-16");
    assert_eq!(fixed, fixed_by_the_engine(&text), "fix-all applies what `gwlint check --fix` applies");
    assert!(fixed.contains("强化目标导向") && fixed.contains("督查事项办理"));

    // Sending the fixed text leaves no typo behind.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    assert!(with_code(&client.diagnostics(&doc, 2), "typo.common").is_empty());
    assert!(client.shutdown().success());
}

/// The text after every safe fix of the built-in rules, as `gwlint check --fix`
/// applies them: round after round until the text settles.
fn fixed_by_the_engine(text: &str) -> String {
    let (linter, _) =
        gwlint_rules::workspace::build_linter(&gwlint_rules::Config::default(), None, &[]).expect("built-in packs");
    let lint = |text: &str| linter.lint(&gwlint_rules::Document::parse(text, gwlint_rules::Format::Text));
    gwlint_rules::fix::fix_until_settled(text, lint(text), lint).text
}

#[test]
fn fix_all_fixes_what_its_first_round_uncovers() {
    // Fixing the half-width comma makes the space before it a space before
    // Chinese punctuation, which a second round deletes, as `--fix` does.
    let text = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n推进工作 ,完成任务。\n";
    let dir = temp_dir("fix-all-rounds");
    let report = dir.join("报告.txt");
    std::fs::write(&report, text).expect("write report");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, text, "plaintext", 1);
    client.diagnostics(&doc, 1);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": range(text, 0..0, "utf-16"), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let edits = actions[0]["edit"]["changes"][&doc].as_array().expect("edits");
    let fixed = apply_edits(text, edits, "utf-16");
    assert!(fixed.contains("推进工作，完成任务。"), "{fixed}");
    assert_eq!(fixed, fixed_by_the_engine(text));
    // The same text as the command line's --fix.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(["check", "--fix"])
        .arg(&report)
        .current_dir(&dir)
        .output()
        .expect("gwlint runs");
    assert!(output.status.code().is_some(), "{output:?}");
    assert_eq!(std::fs::read_to_string(&report).expect("fixed report"), fixed);
    assert!(client.shutdown().success());
}

#[test]
fn an_incremental_edit_that_fixes_a_typo_clears_its_diagnostic() {
    let (dir, report) = workspace("incremental", None);
    let text = corpus_report();
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    assert!(has_text(&client.diagnostics(&doc, 1), TYPO, "typo.common", &text));
    let at = text.find(TYPO).unwrap() + "目标导".len();
    let change = json!({"range": range(&text, at..at + "间".len(), "utf-16"), "text": "向"});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [change]}),
    );
    let diagnostics = client.diagnostics(&doc, 2);
    let typos = with_code(&diagnostics, "typo.common");
    assert_eq!(typos.len(), 1, "only 督查车项 is left: {typos:#?}");
    assert_eq!(typos[0]["range"]["start"], json!({"line": 15, "character": 507}));
    assert_eq!(client.server_text(&doc), text.replacen(TYPO, "目标导向", 1));
    assert!(client.shutdown().success());
}

#[test]
fn ignoring_a_finding_and_disabling_a_rule_write_gwlint_toml() {
    let config = "# 本县设置（勿删此注释）\nallow = [\"学法制度\"]\n";
    let (dir, report) = workspace("ignore", Some(config));
    let text = corpus_report();
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    assert!(has_text(&client.diagnostics(&doc, 1), TYPO, "typo.common", &text));

    let argument = json!({"uri": doc, "rule": "typo.common", "text": TYPO});
    client.request("workspace/executeCommand", json!({"command": "gwlint.ignoreFinding", "arguments": [argument]}));
    let written = std::fs::read_to_string(dir.join("gwlint.toml")).unwrap();
    assert_eq!(
        written,
        format!("{config}\n[[ignore]]\nrule = \"typo.common\"\ntext = \"{TYPO}\"\nfile = \"报告.txt\"\n")
    );
    let diagnostics = client
        .diagnostics_where(&doc, "diagnostics without 目标导间", |d| !has_text(d, TYPO, "typo.common", &text));
    assert!(has_text(&diagnostics, "督查车项", "typo.common", &text), "other typos stay: {diagnostics:#?}");

    let argument = json!({"uri": doc, "rule": "typo.common", "text": "督查车项"});
    client.request("workspace/executeCommand", json!({"command": "gwlint.disableRule", "arguments": [argument]}));
    let written = std::fs::read_to_string(dir.join("gwlint.toml")).unwrap();
    assert!(
        written.starts_with("# 本县设置（勿删此注释）\nallow = [\"学法制度\"]\ndisable = [\"typo.common\"]\n"),
        "{written}"
    );
    client.diagnostics_where(&doc, "diagnostics without typo.common", |d| with_code(d, "typo.common").is_empty());
    assert!(client.shutdown().success());
}

#[test]
fn ignoring_creates_gwlint_toml_when_there_is_none() {
    let (dir, report) = workspace("ignore-create", None);
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &corpus_report(), "plaintext", 1);
    client.diagnostics(&doc, 1);
    let argument = json!({"uri": doc, "rule": "typo.common", "text": "督查车项"});
    client.request("workspace/executeCommand", json!({"command": "gwlint.ignoreFinding", "arguments": [argument]}));
    let written = std::fs::read_to_string(dir.join("gwlint.toml")).expect("gwlint.toml created");
    assert_eq!(written, "[[ignore]]\nrule = \"typo.common\"\ntext = \"督查车项\"\nfile = \"报告.txt\"\n");
    let bad = client.request_response(
        "workspace/executeCommand",
        json!({"command": "gwlint.ignoreFinding", "arguments": [{"uri": 3}]}),
    );
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    assert!(client.shutdown().success());
}

#[test]
fn a_changed_gwlint_toml_is_reloaded_when_the_client_reports_it() {
    let (dir, report) = workspace("reload", None);
    let text = corpus_report();
    let mut client = LspClient::start(&dir, watching_client(), Value::Null);
    client.wait_for("registration of file watching", |m| {
        m["method"] == "client/registerCapability"
            && m["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
    });
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    assert!(has_text(&client.diagnostics(&doc, 1), TYPO, "typo.common", &text));
    std::fs::write(dir.join("gwlint.toml"), "disable = [\"typo.common\"]\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed(&dir.join("gwlint.toml")));
    let diagnostics =
        client.diagnostics_where(&doc, "diagnostics without typos", |d| with_code(d, "typo.common").is_empty());
    assert!(!with_code(&diagnostics, "phrase.vague-claim").is_empty(), "other rules still run");
    assert!(client.shutdown().success());
}

#[test]
fn without_a_watching_client_the_server_polls_for_changes() {
    let (dir, report) = workspace("poll", None);
    let text = corpus_report();
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    assert!(has_text(&client.diagnostics(&doc, 1), TYPO, "typo.common", &text));
    std::fs::write(dir.join("gwlint.toml"), "disable = [\"typo\"]\n").unwrap();
    client.diagnostics_where(&doc, "diagnostics after polling", |d| with_code(d, "typo.common").is_empty());
    assert!(client.shutdown().success());
}

#[test]
fn a_broken_pack_is_shown_on_its_file_and_the_last_good_rules_stay() {
    let (dir, report) = workspace("pack", Some("rules = [\"规则/本县.toml\"]\n"));
    std::fs::create_dir(dir.join("规则")).unwrap();
    let pack = dir.join("规则/本县.toml");
    std::fs::write(&pack, LOCAL_PACK).unwrap();
    let text = corpus_report();
    let mut client = LspClient::start(&dir, watching_client(), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    assert!(has_text(&client.diagnostics(&doc, 1), "暗访背查", "typo.local", &text));

    // Break it: an unterminated string on line 11 (the pack file is not open).
    std::fs::write(&pack, LOCAL_PACK.replace("severity = \"warning\"", "severity = \"warning")).unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed(&pack));
    let errors = client.diagnostics_where(&uri(&pack), "errors on the pack", |d| !d.is_empty());
    assert_eq!(errors[0]["range"]["start"], json!({"line": 10, "character": 19}), "{errors:#?}");
    assert_eq!(errors[0]["severity"], 1);
    assert!(errors[0]["message"].as_str().unwrap().contains("规则包格式错误"), "{errors:#?}");
    let shown = client
        .wait_for("a message about the pack", |m| m["method"] == "window/showMessage" && m["params"]["type"] == 1);
    assert!(shown["params"]["message"].as_str().unwrap().contains("继续使用上次成功加载的规则"), "{shown}");
    // Linting goes on with the last good rules, the local rule included.
    let at = text.find(TYPO).unwrap();
    let change = json!({"range": range(&text, at..at + TYPO.len(), "utf-16"), "text": "目标导向"});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [change]}),
    );
    let diagnostics = client.diagnostics(&doc, 2);
    let edited = text.replacen(TYPO, "目标导向", 1);
    assert!(has_text(&diagnostics, "暗访背查", "typo.local", &edited), "{diagnostics:#?}");
    assert!(!has_text(&diagnostics, TYPO, "typo.common", &text));

    // Mend it: the pack's diagnostics are cleared.
    std::fs::write(&pack, LOCAL_PACK).unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed(&pack));
    client.diagnostics_where(&uri(&pack), "cleared pack errors", |d| d.is_empty());
    assert!(has_text(&client.diagnostics(&doc, 2), "暗访背查", "typo.local", &edited));
    assert!(client.shutdown().success());
}

#[test]
fn client_settings_turn_rules_off_and_on() {
    let (dir, report) = workspace("settings", None);
    let text = corpus_report();
    let options = json!({"gwlint": {"disable": ["typo"], "severity": {"phrase": "info"}, "debounceMs": 10}});
    let mut client = LspClient::start(&dir, json!({}), options);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    let diagnostics = client.diagnostics(&doc, 1);
    assert!(with_code(&diagnostics, "typo.common").is_empty());
    assert!(with_code(&diagnostics, "phrase.vague-claim").iter().all(|d| d["severity"] == 3), "{diagnostics:#?}");
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"disable": []}}));
    client.diagnostics_where(&doc, "typos back", |d| has_text(d, TYPO, "typo.common", &text));
    assert!(client.shutdown().success());
}

#[test]
fn pull_diagnostics_are_answered_when_the_client_supports_them() {
    let (dir, report) = workspace("pull", None);
    let text = corpus_report();
    let mut client = LspClient::start(&dir, json!({"textDocument": {"diagnostic": {}}}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &text, "plaintext", 1);
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": doc}}));
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().expect("items");
    assert!(has_text(items, TYPO, "typo.common", &text), "{items:#?}");
    let unknown =
        client.request_response("textDocument/diagnostic", json!({"textDocument": {"uri": "file:///nowhere.txt"}}));
    assert!(unknown.get("error").is_some(), "{unknown}");
    assert!(client.shutdown().success());
}

#[test]
fn document_symbols_are_the_report_outline() {
    let (dir, report) = workspace("symbols", None);
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &corpus_report(), "plaintext", 1);
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": doc}}));
    let symbols = symbols.as_array().expect("symbols");
    let names: Vec<&str> = symbols.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "一、单位负责人履行推进法治建设第一责任人职责情况",
            "二、法治政府建设的主要举措和成效",
            "三、存在的不足、原因和问题整改情况",
            "四、下一年度法治政府建设的初步安排",
            "五、其他需要报告的情况"
        ]
    );
    let children: Vec<&str> =
        symbols[0]["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(children, ["（一）加强组织领导", "（二）宣传教育", "（三）监督检查"]);
    assert_eq!(symbols[0]["selectionRange"]["start"], json!({"line": 4, "character": 0}));
    assert_eq!(symbols[0]["range"]["end"]["line"], 9);
    assert_eq!(symbols[2]["detail"], "必备部分：推进法治政府建设存在的不足和原因");
    assert!(client.shutdown().success());
}

#[test]
fn completion_offers_the_next_ordinal_and_missing_sections() {
    let dir = temp_dir("completion");
    let text = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）加强领导。成立领导小组。\n（二）严格执法。全年办案30件。\n\n";
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&dir.join("草稿.txt"));
    client.open(&doc, text, "plaintext", 1);
    let result = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": doc}, "position": {"line": 4, "character": 0}}),
    );
    let items = result.as_array().expect("items");
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels[..3], ["（三）", "二、", "1."], "{labels:?}");
    assert!(labels.contains(&"二、推进法治政府建设存在的不足和原因"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.ends_with("主要举措和成效")), "present sections are not offered: {labels:?}");
    // Mid-sentence there is nothing to offer.
    let inside = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": doc}, "position": {"line": 2, "character": 5}}),
    );
    assert_eq!(inside, Value::Null);
    assert!(client.shutdown().success());
}

#[test]
fn markdown_documents_are_recognised_by_language_or_extension() {
    let dir = temp_dir("markdown");
    let text = "# 关于2023年度法治政府建设情况的报告\n\n## 一、主要举措和成效\n\n全年办案30件。\n\n## 二、存在的不足和原因\n\n人手不足。\n";
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    for (name, language) in [("a.md", "markdown"), ("b.md", "")] {
        let doc = uri(&dir.join(name));
        client.open(&doc, text, language, 1);
        let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": doc}}));
        let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["一、主要举措和成效", "二、存在的不足和原因"], "{language:?}");
    }
    assert!(client.shutdown().success());
}

#[test]
fn bad_input_gets_error_replies_and_never_a_crash() {
    let dir = temp_dir("robust");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    client.send_raw("{this is not json");
    let parse_error = client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    client.send_raw("[1, 2]");
    client.wait_for("an invalid request error", |m| m["error"]["code"] == -32600);
    let unknown = client.request_response("gwlint/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let wrong_params = client.request_response("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(wrong_params["error"]["code"], -32602);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    client.notify("textDocument/didChange", json!({"garbage": true}));
    let doc = uri(&dir.join("a.txt"));
    client.open(&doc, "一行", "plaintext", 1);
    let far = json!({"start": {"line": 99, "character": 99}, "end": {"line": 0, "character": 999}});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"range": far, "text": "！"}]}),
    );
    assert_eq!(client.server_text(&doc), "一行！");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);
    assert_eq!(client.shutdown().code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_an_error_code() {
    let dir = temp_dir("exit");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

// ------------------------------------------------------- edit consistency

/// Pieces random edits insert: CJK, astral characters, every line end, typos.
const PIECES: &[&str] = &[
    "目标导间",
    "𠀋",
    "\r\n",
    "\n",
    "\r",
    "（一）加强领导。",
    "取得了显著成效",
    "。",
    "a",
    "",
    "𠀋𠀋强化",
    "一、主要举措和成效\n",
];

/// A byte offset in `text` on a character boundary and not inside a CRLF pair.
fn random_offset(rng: &mut SeededRng, text: &str) -> usize {
    loop {
        let at = rng.below(text.len() + 1);
        let splits_crlf =
            at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r') && text.as_bytes().get(at) == Some(&b'\n');
        if text.is_char_boundary(at) && !splits_crlf {
            return at;
        }
    }
}

/// A random change to `text`, as the LSP change and the text after it.
fn random_change(rng: &mut SeededRng, text: &str, encoding: &str) -> (Value, String) {
    let (a, b) = (random_offset(rng, text), random_offset(rng, text));
    let (start, end) = (a.min(b), a.max(b).min(a.min(b) + 40));
    // A cut-off end that splits a character or a CRLF pair becomes an insertion.
    let splits_crlf = end > 0 && text.as_bytes()[end - 1] == b'\r' && text.as_bytes().get(end) == Some(&b'\n');
    let end = if text.is_char_boundary(end) && !splits_crlf { end } else { start };
    let piece = *rng.pick(PIECES);
    let change = json!({"range": range(text, start..end, encoding), "text": piece});
    let mut after = text.to_string();
    after.replace_range(start..end, piece);
    (change, after)
}

fn normalized(mut diagnostics: Vec<Value>) -> Vec<Value> {
    for d in &mut diagnostics {
        if let Some(related) = d.get_mut("relatedInformation").and_then(Value::as_array_mut) {
            for r in related {
                r["location"]["uri"] = Value::Null;
            }
        }
    }
    diagnostics
}

#[test]
fn hundreds_of_rapid_changes_leave_the_server_with_the_clients_text() {
    let dir = temp_dir("rapid");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&dir.join("rapid.txt"));
    let mut text = corpus_report().lines().take(12).collect::<Vec<_>>().join("\r\n");
    client.open(&doc, &text, "plaintext", 0);
    let mut rng = SeededRng::new(1);
    for version in 1..=400 {
        let (change, after) = random_change(&mut rng, &text, "utf-16");
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [change]}),
        );
        text = after;
    }
    assert_eq!(client.server_text(&doc), text);
    client.diagnostics(&doc, 400);
    assert!(client.shutdown().success());
}

#[test]
fn random_edit_sequences_lint_like_a_fresh_open_of_the_final_text() {
    let dir = temp_dir("random");
    for (seed, encoding) in [(1u64, "utf-16"), (2, "utf-8"), (3, "utf-32"), (4, "utf-16")] {
        let capabilities = json!({"general": {"positionEncodings": [encoding]}});
        let mut client = LspClient::start(&dir, capabilities, Value::Null);
        let doc = uri(&dir.join(format!("edited-{seed}.txt")));
        let mut text = String::from(
            "关于2023年度法治政府建设情况的报告\r\n一、主要举措和成效\n强化目标导间，𠀋取得了显著成效。\r",
        );
        client.open(&doc, &text, "plaintext", 0);
        let mut rng = SeededRng::new(seed);
        let mut version = 0;
        for _ in 0..60 {
            // Several changes in one notification apply one after another.
            let mut changes = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let (change, after) = random_change(&mut rng, &text, encoding);
                changes.push(change);
                text = after;
            }
            version += 1;
            client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": changes}),
            );
        }
        assert_eq!(client.server_text(&doc), text, "seed {seed}");
        let incremental = normalized(client.diagnostics(&doc, version));
        let fresh_doc = uri(&dir.join(format!("fresh-{seed}.txt")));
        client.open(&fresh_doc, &text, "plaintext", 1);
        let fresh = normalized(client.diagnostics(&fresh_doc, 1));
        assert_eq!(incremental, fresh, "seed {seed}, text {text:?}");
        assert!(client.shutdown().success());
    }
}

#[test]
fn the_scorecard_of_an_open_report_is_the_one_gwlint_check_gives() {
    let (dir, report) = workspace("scorecard", None);
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&report);
    client.open(&doc, &corpus_report(), "plaintext", 1);
    let card = client.request("gwlint/scorecard", json!({"uri": doc}));
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(["check", "--format", "json", "报告.txt"])
        .current_dir(&dir)
        .output()
        .expect("run gwlint check");
    let output: Value = serde_json::from_slice(&check.stdout).expect("json output");
    assert_eq!(card, output["files"][0]["scorecard"]);
    // In the order the report follows (the local one: 第一责任人 first).
    assert_eq!(card["parts"][0]["heading"], "一、单位负责人履行推进法治建设第一责任人职责情况", "{card:#}");
    let unknown = client.request("gwlint/scorecard", json!({"uri": "file:///nowhere.txt"}));
    assert_eq!(unknown, Value::Null);
    assert!(client.shutdown().success());
}
