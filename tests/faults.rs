//! Fault tests: `gwlint lsp` against things that go wrong in real sessions —
//! a workspace pack that breaks, disappears or grows to 100,000 rules while
//! reports are open, a 10 MB report, odd bytes and line ends, garbage on the
//! wire, cancelled requests, a client that vanishes mid-request, an enormous
//! regex. After each, the server must still answer.
//!
//! Every wait is bounded: by the harness's timeout, or by an explicit limit
//! where the point of the test is that an answer comes *soon* (measured, never
//! slept for).

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How soon "still answers" must be: well under the harness's timeout, and
/// above the server's patience with rule builds (8 s) plus a debug build's lint.
const PROMPT: Duration = Duration::from_secs(30);

const REPORT: &str =
    "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n强化目标导间，暗访背查，取得了显著成效。\n";

/// A workspace whose gwlint.toml lists `规则/本县.toml`, holding `pack`.
fn workspace_with_pack(name: &str, pack: &str) -> (TempDir, PathBuf) {
    let dir = temp_dir(name);
    std::fs::write(dir.join("gwlint.toml"), "rules = [\"规则/本县.toml\"]\n").expect("gwlint.toml");
    std::fs::create_dir(dir.join("规则")).expect("pack folder");
    let pack_path = dir.join("规则/本县.toml");
    std::fs::write(&pack_path, pack).expect("pack");
    (dir, pack_path)
}

fn watching_client() -> Value {
    json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}})
}

fn changed(file: &Path) -> Value {
    json!({"changes": [{"uri": uri(file), "type": 2}]})
}

/// The text after every safe fix of the built-in rules, as `gwlint check --fix`
/// applies them: round after round until the text settles.
fn fixed_by_the_engine(text: &str) -> String {
    let linter = gwlint_rules::fuzz::default_linter();
    let lint = |text: &str| linter.lint(&gwlint_rules::Document::parse(text, gwlint_rules::Format::Text));
    gwlint_rules::fix::fix_until_settled(text, lint(text), lint).text
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().filter_map(|d| d["code"].as_str()).collect()
}

/// Runs `request` and checks that the answer came within [`PROMPT`].
fn promptly(client: &mut LspClient, what: &str, request: impl FnOnce(&mut LspClient) -> Value) -> Value {
    let started = Instant::now();
    let answer = request(client);
    assert!(started.elapsed() < PROMPT, "{what} took {:?}", started.elapsed());
    answer
}

fn hover(client: &mut LspClient, doc: &str, line: u32, character: u32) -> Value {
    client.request_response(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": line, "character": character}}),
    )
}

#[test]
fn a_workspace_pack_broken_deleted_or_grown_to_100000_rules_while_a_report_is_open() {
    let (dir, pack) = workspace_with_pack("pack-faults", LOCAL_PACK);
    let mut client = LspClient::start(&dir, watching_client(), Value::Null);
    let doc = uri(&dir.join("报告.txt"));
    client.open(&doc, REPORT, "plaintext", 1);
    assert!(codes(&client.diagnostics(&doc, 1)).contains(&"typo.local"));

    // Broken: the error is shown on the pack, the last good rules stay.
    std::fs::write(&pack, LOCAL_PACK.replace("kind = \"typo\"", "kind = typo")).expect("break");
    client.notify("workspace/didChangeWatchedFiles", changed(&pack));
    let errors = client.diagnostics_where(&uri(&pack), "errors on the broken pack", |d| !d.is_empty());
    assert!(errors[0]["message"].as_str().unwrap().contains("规则包格式错误"), "{errors:#?}");
    let answer = promptly(&mut client, "hover with a broken pack", |c| hover(c, &doc, 2, 8));
    assert!(answer["result"]["contents"]["value"].as_str().is_some_and(|h| h.contains("暗访")), "{answer}");

    // Deleted: said so on the pack's path; still answering.
    std::fs::remove_file(&pack).expect("delete");
    client.notify("workspace/didChangeWatchedFiles", changed(&pack));
    client.diagnostics_where(&uri(&pack), "the missing pack reported", |d| {
        d.iter().any(|e| e["message"].as_str().is_some_and(|m| m.contains("无法读取规则包")))
    });
    promptly(&mut client, "text with a deleted pack", |c| json!(c.server_text(&doc)));

    // 100,000 rules: loading takes long; requests are answered meanwhile.
    let mut huge = String::from("[pack]\nid = \"huge\"\ntitle = \"大\"\nversion = \"1\"\ndescription = \"十万条\"\n");
    for i in 0..100_000 {
        huge.push_str(&format!(
            "\n[[rule]]\nid = \"phrase.p{i}\"\nkind = \"phrase\"\nseverity = \"info\"\nmessage = \"m\"\n\
             explanation = \"e\"\nsource = \"s\"\nphrases = [\"词{i}号\"]\nspecs.fire = [\"词{i}号\"]\n"
        ));
    }
    std::fs::write(&pack, huge).expect("huge pack");
    client.notify("workspace/didChangeWatchedFiles", changed(&pack));
    let answer = promptly(&mut client, "hover while 100,000 rules load", |c| hover(c, &doc, 2, 1));
    assert!(answer.get("error").is_none(), "{answer}");
    let change =
        json!({"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "词7号"});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [change]}),
    );
    let text = promptly(&mut client, "text while 100,000 rules load", |c| json!(c.server_text(&doc)));
    assert!(text.as_str().unwrap().contains("词7号强化"));
    assert!(client.shutdown().success());
}

#[test]
fn a_ten_megabyte_report_does_not_stop_the_server_answering() {
    let dir = temp_dir("ten-mb");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let small = uri(&dir.join("small.txt"));
    client.open(&small, REPORT, "plaintext", 1);
    client.diagnostics(&small, 1);
    let paragraph = "（一）强化目标导间，推行行政执法公示，全年办理行政处罚案件23件，取得了显著成效。\r\n";
    let big_text = paragraph.repeat(10 * 1024 * 1024 / paragraph.len() + 1);
    assert!(big_text.len() >= 10 * 1024 * 1024);
    let big = uri(&dir.join("big.txt"));
    client.open(&big, &big_text, "plaintext", 1);
    // While the big report is linted, the small one is served.
    let answer = promptly(&mut client, "hover on another report", |c| hover(c, &small, 2, 3));
    assert!(answer["result"]["contents"]["value"].as_str().is_some(), "{answer}");
    let copy = promptly(&mut client, "the big report's text", |c| json!(c.server_text(&big)));
    assert_eq!(copy.as_str().map(str::len), Some(big_text.len()));
    // An edit at its very end lands where the client means.
    let last = big_text.lines().count() as u32;
    let change = json!({"range": {"start": {"line": last, "character": 0}, "end": {"line": last, "character": 0}}, "text": "完。"});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": big, "version": 2}, "contentChanges": [change]}),
    );
    assert!(client.server_text(&big).ends_with("成效。\r\n完。"));
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": big}}));
    assert!(client.shutdown().success());
}

/// A text longer than `gwlint check` reads (64 MiB) is kept, not linted:
/// one diagnostic says why, every request is answered, and once the text is
/// short again it is linted as usual.
#[test]
fn a_document_over_the_report_ceiling_is_kept_and_not_linted() {
    let dir = temp_dir("over-ceiling");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let paragraph = "（一）强化目标导间，推行行政执法公示，全年办理行政处罚案件23件，取得了显著成效。\n";
    let huge_text = paragraph.repeat(64 * 1024 * 1024 / paragraph.len() + 1);
    assert!(huge_text.len() > 64 * 1024 * 1024);
    let huge = uri(&dir.join("huge.txt"));
    client.open(&huge, &huge_text, "plaintext", 1);
    let diagnostics = client.diagnostics(&huge, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().expect("message");
    assert!(
        message.contains("64.0 MiB") && message.contains("上限（64 MiB）") && message.contains("未检查"),
        "{message}"
    );
    let line = (huge_text.len() / paragraph.len() / 2) as u32;
    for (method, params) in [
        ("textDocument/hover", json!({"textDocument": {"uri": huge}, "position": {"line": line, "character": 3}})),
        ("textDocument/completion", json!({"textDocument": {"uri": huge}, "position": {"line": line, "character": 0}})),
        ("textDocument/documentSymbol", json!({"textDocument": {"uri": huge}})),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": huge}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 9}}, "context": {"diagnostics": []}}),
        ),
    ] {
        let answer = promptly(&mut client, method, |c| c.request_response(method, params));
        assert!(answer.get("error").is_none(), "{method}: {answer}");
    }
    assert_eq!(client.server_text(&huge).len(), huge_text.len(), "the text is kept");
    // Cut down to a report, it is linted again.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": huge, "version": 2}, "contentChanges": [{"text": REPORT}]}),
    );
    let diagnostics = client.diagnostics(&huge, 2);
    assert!(codes(&diagnostics).contains(&"typo.common"), "{diagnostics:#?}");
    assert!(client.shutdown().success());
}

#[test]
fn nul_bytes_lone_cr_and_mixed_line_ends_keep_positions_exact() {
    let dir = temp_dir("line-ends");
    for encoding in ["utf-16", "utf-8"] {
        let capabilities = json!({"general": {"positionEncodings": [encoding]}});
        let mut client = LspClient::start(&dir, capabilities, Value::Null);
        let doc = uri(&dir.join(format!("odd-{encoding}.txt")));
        let text = "关于\0报告\r一、主要举措\r\n\0\0强化目标导间。\n\r\r\n𠀋\0目标导间\r";
        client.open(&doc, text, "plaintext", 1);
        let diagnostics = client.diagnostics(&doc, 1);
        let typos: Vec<&Value> =
            diagnostics.iter().filter(|d| d["code"] == "typo.common").map(|d| &d["range"]).collect();
        let expected: Vec<Value> =
            text.match_indices("目标导间").map(|(at, w)| range(text, at..at + w.len(), encoding)).collect();
        assert_eq!(typos, expected.iter().collect::<Vec<_>>(), "{encoding}: {diagnostics:#?}");
        // Fix-all through the protocol gives the engine's result.
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range(text, 0..text.len(), encoding),
                   "context": {"diagnostics": [], "only": ["source.fixAll.gwlint"]}}),
        );
        let edits = actions[0]["edit"]["changes"][&doc].as_array().cloned().unwrap_or_default();
        let fixed = apply_edits(text, &edits, encoding);
        assert_eq!(fixed, fixed_by_the_engine(text), "{encoding}");
        assert_eq!(fixed.matches("目标导向").count(), 2, "{fixed:?}");
        // An edit across a lone CR and a CRLF.
        let at = text.find("一、").unwrap();
        let change = json!({"range": range(text, at - 1..at + "一、主要举措\r\n".len(), encoding), "text": "\n"});
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [change]}),
        );
        let mut edited = text.to_string();
        edited.replace_range(at - 1..at + "一、主要举措\r\n".len(), "\n");
        assert_eq!(client.server_text(&doc), edited);
        assert!(client.shutdown().success());
    }
}

#[test]
fn a_client_that_disconnects_mid_request_ends_the_server() {
    let dir = temp_dir("disconnect");
    // Gone after sending a request.
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&dir.join("a.txt"));
    client.open(&doc, REPORT, "plaintext", 1);
    client.send(&json!({"jsonrpc": "2.0", "id": 99, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": doc}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}},
        "context": {"diagnostics": []}}}));
    client.close_input();
    assert_eq!(client.wait_exit().code(), Some(1), "no shutdown was asked for");
    // Gone in the middle of a message.
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    client.write_bytes(b"Content-Length: 200\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 5, \"meth");
    client.close_input();
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
fn cancelled_requests_get_an_answer_and_the_session_goes_on() {
    let dir = temp_dir("cancel");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&dir.join("a.txt"));
    client.open(&doc, &REPORT.repeat(2000), "plaintext", 1);
    for id in 1000..1010 {
        client.send(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
            "params": {"textDocument": {"uri": doc}}}));
        client.notify("$/cancelRequest", json!({"id": id}));
    }
    for id in 1000..1010 {
        let reply = client.wait_for("a reply to a cancelled request", |m| m["id"] == id && m.get("method").is_none());
        // Either it finished first, or it was cancelled: never silence.
        assert!(reply.get("result").is_some() || reply["error"]["code"] == -32800, "{reply}");
    }
    // Cancelling what does not exist is harmless.
    client.notify("$/cancelRequest", json!({"id": 123456}));
    client.notify("$/cancelRequest", json!({"id": "nonsense"}));
    let outline = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": doc}}));
    assert!(outline.as_array().is_some_and(|o| !o.is_empty()));
    assert!(client.shutdown().success());
}

#[test]
fn garbage_on_the_wire_gets_errors_and_the_session_goes_on() {
    let dir = temp_dir("garbage");
    let mut client = LspClient::start(&dir, json!({}), Value::Null);
    let doc = uri(&dir.join("a.txt"));
    client.open(&doc, REPORT, "plaintext", 1);
    let frames: [&[u8]; 6] = [
        b"Content-Type: application/json\r\n\r\n",       // no length
        b"Content-Length: -5\r\n\r\n",                   // a length that is not one
        b"Content-Length: 99999999999999999999\r\n\r\n", // too long to be true
        b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01",    // not UTF-8
        b"Content-Length: 12\r\n\r\n{\"a\": [1, 2]",     // JSON, not JSON-RPC
        b"\r\n\r\nContent-Length: 2\r\n\r\n[]",          // stray blank lines, then an empty batch
    ];
    for frame in frames {
        client.write_bytes(frame);
        let error = client.wait_for("an error reply", |m| m["id"].is_null() && m.get("error").is_some());
        assert!([-32700, -32600].contains(&error["error"]["code"].as_i64().unwrap()), "{error}");
        assert_eq!(client.server_text(&doc), REPORT, "still answering after {frame:?}");
    }
    // Well-formed JSON-RPC that makes no sense: answered or ignored, never fatal.
    client.send_raw(r#"{"jsonrpc":"2.0","id":77,"result":{"unasked":true}}"#);
    // Ids the protocol library cannot read used to end the session.
    for id in [r#"{"x":1}"#, "1.5", "100000000000000000000"] {
        client.send_raw(&format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{}}}}"#));
        let error = client.wait_for("an invalid request error", |m| m["error"]["code"] == -32600);
        assert_eq!(error["id"], Value::Null, "{id}");
    }
    client.send_raw(r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":7}}"#);
    let wrong = client.request_response("textDocument/codeAction", json!({"textDocument": {"uri": doc}}));
    assert_eq!(wrong["error"]["code"], -32602, "{wrong}");
    assert_eq!(client.server_text(&doc), REPORT);
    assert!(client.shutdown().success());
}

#[test]
fn an_enormous_regex_in_a_workspace_pack_is_refused_with_a_clear_error() {
    let pack = LOCAL_PACK
        .replace("kind = \"typo\"", "kind = \"phrase\"\npatterns = ['(?:\\w{1000}){1000}']")
        .replace("\n[rule.entries]\n\"暗访背查\" = \"暗访督查\"\n", "");
    let (dir, pack_path) = workspace_with_pack("huge-regex", &pack);
    let mut client = LspClient::start(&dir, watching_client(), Value::Null);
    let doc = uri(&dir.join("报告.txt"));
    client.open(&doc, REPORT, "plaintext", 1);
    let errors = client.diagnostics_where(&uri(&pack_path), "the regex refused", |d| !d.is_empty());
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.contains("正则表达式过大"), "{message}");
    let line = pack.lines().position(|l| l.starts_with("patterns")).unwrap();
    assert_eq!(errors[0]["range"]["start"]["line"], line, "{errors:#?}");
    // The built-in rules still run on the report.
    let diagnostics = client.diagnostics_where(&doc, "the report's diagnostics", |d| !d.is_empty());
    assert!(codes(&diagnostics).contains(&"typo.common"), "{diagnostics:#?}");
    assert!(client.shutdown().success());
}
