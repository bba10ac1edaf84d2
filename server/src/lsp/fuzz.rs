//! A whole language-server session decoded from arbitrary bytes.
//!
//! [`session_bytes`] is what the fuzz target `lsp_session` runs, and what
//! `tests/fuzz_corpus.rs` replays for every file of its corpus. The bytes are
//! read as a little program: the first byte picks the position encoding the
//! client offers, then each operation starts with an opcode byte followed by
//! its operands (document number, positions, text), so that a mutation of one
//! byte changes one message and the fuzzer can explore sequences of opens,
//! edits, hovers and code actions with positions anywhere — inside a
//! character, past a line's end, past the text's end, reversed ranges.
//!
//! The session runs in-process over in-memory pipes through [`serve`], the
//! same code `gwlint lsp` runs on standard input and output, framing guard
//! included. It ends with `shutdown` and the end of the input; the check is
//! that the server survives (no panic, no hang) and answers `shutdown`.

use super::serve_with_rules;
use gwlint_rules::workspace::RuleCache;
use serde_json::{Value, json};
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const DOCUMENTS: [&str; 3] = ["file:///gwlint-fuzz/a.txt", "file:///gwlint-fuzz/b.md", "untitled:c"];
const ENCODINGS: [&str; 3] = ["utf-16", "utf-8", "utf-32"];
/// The id of the final `shutdown` request (operations use ids from 1).
const SHUTDOWN_ID: i64 = 1_000_000;

/// Reads operands from the input; an exhausted input reads as zeros.
struct Cursor<'a> {
    data: &'a [u8],
}

impl Cursor<'_> {
    fn byte(&mut self) -> u8 {
        let (&first, rest) = self.data.split_first().unwrap_or((&0, &[]));
        self.data = rest;
        first
    }

    /// A line or character: mostly small, sometimes huge.
    fn number(&mut self) -> u32 {
        match self.byte() {
            255 => u32::MAX,
            254 => u32::from(self.byte()) << 16,
            n => u32::from(n) % 40,
        }
    }

    fn position(&mut self) -> Value {
        json!({"line": self.number() % 12, "character": self.number()})
    }

    fn range(&mut self) -> Value {
        json!({"start": self.position(), "end": self.position()})
    }

    /// Text: a length byte, then that many bytes, lossily decoded. Some
    /// lengths stand for pieces the rules react to, so that short inputs
    /// still reach the matchers.
    fn text(&mut self) -> String {
        const PIECES: [&str; 8] = [
            "关于2023年度法治政府建设情况的报告\n",
            "一、主要举措和成效\n",
            "强化目标导间，取得了显著成效。\r\n",
            "（一）法制宣传教育，，\r",
            "二、存在的不足和原因\n",
            "𠀋\u{0}\r\n",
            "# 标题\n\n正文。",
            "张三同志负责。\n三、下一年度主要安排\n",
        ];
        let length = self.byte();
        if length >= 248 {
            return PIECES[usize::from(length - 248)].to_string();
        }
        let taken = usize::from(length).min(self.data.len());
        let (text, rest) = self.data.split_at(taken);
        self.data = rest;
        String::from_utf8_lossy(text).into_owned()
    }

    fn document(&mut self) -> &'static str {
        DOCUMENTS[usize::from(self.byte()) % DOCUMENTS.len()]
    }
}

/// The client's messages for `data`, each a JSON-RPC body (a body may
/// also be raw bytes that are not JSON at all).
pub fn messages(data: &[u8]) -> Vec<Vec<u8>> {
    let mut cursor = Cursor { data };
    let encoding = ENCODINGS[usize::from(cursor.byte()) % ENCODINGS.len()];
    let mut out = vec![
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "processId": null, "rootUri": null,
            "capabilities": {"general": {"positionEncodings": [encoding]}},
            "initializationOptions": {"debounceMs": 0},
        }}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ];
    let mut raw = Vec::new();
    let mut id = 1;
    let mut version = 1;
    // At most 64 operations, so that one input cannot run for long.
    while !cursor.data.is_empty() && out.len() < 66 {
        let request = |method: &str, params: Value, id: &mut i64| {
            *id += 1;
            json!({"jsonrpc": "2.0", "id": *id, "method": method, "params": params})
        };
        version += 1;
        let message = match cursor.byte() % 10 {
            0 => {
                let uri = cursor.document();
                let language = if uri.ends_with(".md") { "markdown" } else { "plaintext" };
                let text = cursor.text();
                json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                    "textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}})
            }
            1 | 2 => {
                let uri = cursor.document();
                let range = cursor.range();
                let text = cursor.text();
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": range, "text": text}]}})
            }
            3 => {
                let uri = cursor.document();
                let text = cursor.text();
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
            }
            4 => {
                let params = json!({"textDocument": {"uri": cursor.document()}, "position": cursor.position()});
                request("textDocument/hover", params, &mut id)
            }
            5 => {
                let only = if cursor.byte().is_multiple_of(2) { json!(null) } else { json!(["source.fixAll.gwlint"]) };
                let params = json!({"textDocument": {"uri": cursor.document()}, "range": cursor.range(),
                    "context": {"diagnostics": [], "only": only}});
                request("textDocument/codeAction", params, &mut id)
            }
            6 => {
                let params = json!({"textDocument": {"uri": cursor.document()}, "position": cursor.position()});
                request("textDocument/completion", params, &mut id)
            }
            7 => request("textDocument/documentSymbol", json!({"textDocument": {"uri": cursor.document()}}), &mut id),
            8 => {
                let target = id - i64::from(cursor.byte() % 4);
                json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": target}})
            }
            _ => {
                // Garbage on the wire: whatever bytes follow, as one body.
                raw.push(out.len());
                Value::String(cursor.text())
            }
        };
        out.push(message);
    }
    out.push(json!({"jsonrpc": "2.0", "id": SHUTDOWN_ID, "method": "shutdown", "params": null}));
    out.into_iter()
        .enumerate()
        .map(|(i, message)| match message {
            Value::String(body) if raw.contains(&i) => body.into_bytes(),
            message => message.to_string().into_bytes(),
        })
        .collect()
}

/// The ids of the requests among the messages for `data`, sorted: the
/// replies a well-behaved server sends (cancelled requests get an error reply).
pub fn request_ids(data: &[u8]) -> Vec<i64> {
    let mut ids: Vec<i64> = messages(data)
        .iter()
        .filter_map(|body| serde_json::from_slice::<Value>(body).ok())
        .filter(|m| m["jsonrpc"] == "2.0" && m["method"].is_string())
        .filter_map(|m| m["id"].as_i64())
        .collect();
    ids.sort();
    ids
}

/// The runtime and the rule cache every session runs on. Building them for
/// each input cost more than the session itself; what a session leaves
/// behind is bounded (its file poller stops at `shutdown`, its debounced
/// lints end on their own).
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a tokio runtime")
});
static RULES: LazyLock<Arc<RuleCache>> = LazyLock::new(Arc::default);

/// Runs the session `data` describes against an in-process server and
/// returns every message the server sent. Panics if the server does not
/// answer `shutdown` (a panic inside the server is a panic here too).
pub fn session_bytes(data: &[u8]) -> Vec<Value> {
    let frames: Vec<Vec<u8>> = messages(data)
        .into_iter()
        .map(|body| [format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes(), body].concat())
        .collect();
    let output = RUNTIME.block_on(async move {
        let (mut client_end, server_input) = tokio::io::duplex(1 << 16);
        let (server_output, mut replies) = tokio::io::duplex(1 << 16);
        let (replied, mut reply_ids) = tokio::sync::mpsc::unbounded_channel();
        // Read while writing: either pipe may fill up.
        let reader = tokio::spawn(async move {
            let mut bytes = Vec::new();
            let mut buffer = [0; 1 << 14];
            let mut seen = 0;
            while let Ok(n @ 1..) = replies.read(&mut buffer).await {
                bytes.extend_from_slice(&buffer[..n]);
                let messages = parse_frames(&bytes);
                for message in &messages[seen..] {
                    if message.get("method").is_none() {
                        let _ = replied.send(message["id"].clone());
                    }
                }
                seen = messages.len();
            }
            bytes
        });
        let server = tokio::spawn(serve_with_rules(server_input, server_output, RULES.clone()));
        // Like an editor, wait for the reply to `initialize` before sending
        // anything else (the server refuses requests until then).
        let _ = client_end.write_all(&frames[0]).await;
        wait_for_reply(&mut reply_ids, 0).await;
        let _ = client_end.write_all(&frames[1..].concat()).await;
        // The input stays open until `shutdown` is answered, so that the
        // server is not cut off while it works.
        wait_for_reply(&mut reply_ids, SHUTDOWN_ID).await;
        drop(client_end);
        let clean = tokio::time::timeout(PATIENCE, server).await.expect("the session ends once its input does");
        assert!(clean.expect("the server does not panic"), "the server saw shutdown");
        reader.await.expect("reader task")
    });
    parse_frames(&output)
}

/// Waits for the reply to request `id`; one that takes a minute means the
/// server hangs.
async fn wait_for_reply(reply_ids: &mut tokio::sync::mpsc::UnboundedReceiver<Value>, id: i64) {
    let found = tokio::time::timeout(PATIENCE, async {
        while let Some(reply) = reply_ids.recv().await {
            if reply == id {
                return true;
            }
        }
        false
    });
    assert!(matches!(found.await, Ok(true)), "no reply to request {id} within {PATIENCE:?}");
}

/// How long a session may take before it counts as hung.
const PATIENCE: Duration = Duration::from_secs(60);

/// Splits the server's output into its JSON bodies.
fn parse_frames(mut bytes: &[u8]) -> Vec<Value> {
    let mut messages = Vec::new();
    while let Some(header_end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
        let header = String::from_utf8_lossy(&bytes[..header_end]);
        let length: usize = header
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("the server frames its messages");
        let Some(body) = bytes.get(header_end + 4..header_end + 4 + length) else {
            break; // Not all read yet.
        };
        messages.push(serde_json::from_slice(body).expect("the server writes JSON"));
        bytes = &bytes[header_end + 4 + length..];
    }
    messages
}
