//! A small LSP client for driving `gwlint lsp` over stdio in tests (and in
//! the latency benchmark, `server/benches/lsp_latency.rs`).
//!
//! It frames messages with `Content-Length` headers, reads the server's
//! output on a thread, answers the server's own requests (such as
//! `client/registerCapability`) with `null`, and lets a test wait, with a
//! timeout, for the first message that satisfies a condition. Messages that
//! did not match are kept, so waiting for one thing never loses another.
//! Every message is timestamped when it arrives, for measuring latency.
//!
//! It also keeps a client-side model of each document's text with its own
//! position arithmetic (UTF-16 by default), written independently of the
//! server's, so tests can compare the two.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

#[path = "temp.rs"]
mod temp;
#[allow(unused_imports)] // not every test that includes this file needs both
pub use temp::{TempDir, corpus_dir};

/// How long to wait for an expected message before failing the test. Long,
/// because debug builds on a busy CI machine are slow; a passing test never
/// waits this long.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A workspace pack with one typo rule (暗访背查 → 暗访督查), for tests that
/// load, break, mend or replace a user's pack.
pub const LOCAL_PACK: &str = include_str!("../fixtures/local-pack.toml");

pub struct LspClient {
    child: Child,
    /// `None` once the test has closed the server's input.
    stdin: Option<ChildStdin>,
    incoming: Receiver<(Instant, Value)>,
    backlog: VecDeque<(Instant, Value)>,
    next_id: i64,
    /// Position encoding the server chose.
    pub encoding: String,
}

impl LspClient {
    /// Starts `gwlint lsp` (not yet initialized); its log goes to the test's output.
    pub fn spawn() -> LspClient {
        LspClient::spawn_with_log(Stdio::inherit())
    }

    /// Starts `gwlint lsp` with its standard error going to `log`.
    pub fn spawn_with_log(log: Stdio) -> LspClient {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gwlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("gwlint lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send((Instant::now(), message)).is_err() {
                    break;
                }
            }
        });
        LspClient {
            child,
            stdin: Some(stdin),
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            encoding: "utf-16".into(),
        }
    }

    /// Starts the server and initializes it for the workspace folder `root`.
    pub fn start(root: &Path, capabilities: Value, options: Value) -> LspClient {
        let mut client = LspClient::spawn();
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{"uri": uri(root), "name": "ws"}],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        client.encoding = result["capabilities"]["positionEncoding"].as_str().unwrap_or("utf-16").to_string();
        client.notify("initialized", json!({}));
        client
    }

    pub fn send_raw(&mut self, body: &str) {
        self.write_bytes(format!("Content-Length: {}\r\n\r\n{}", body.len(), body).as_bytes());
    }

    /// Writes bytes to the server exactly as given, framing and all.
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("the server's input is open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    /// Closes the server's input, as a client that disappears does.
    pub fn close_input(&mut self) {
        self.stdin = None;
    }

    pub fn send(&mut self, message: &Value) {
        self.send_raw(&message.to_string());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (result or error).
    pub fn request_response(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("response to {method}"), |m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// Sends a request and returns its result; fails the test on an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_response(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// The first message (kept or new) satisfying `matches`, removed from the
    /// backlog. Fails the test after [`TIMEOUT`].
    pub fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_timed(what, matches).1
    }

    /// [`LspClient::wait_for`], with the time the message arrived.
    pub fn wait_for_timed(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> (Instant, Value) {
        if let Some(i) = self.backlog.iter().position(|(_, m)| matches(m)) {
            return self.backlog.remove(i).expect("index is in range");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (arrived, message) = match self.incoming.recv_timeout(left) {
                Ok(timed) => timed,
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}; kept: {:#?}", self.backlog),
                Err(RecvTimeoutError::Disconnected) => panic!("server closed its output while waiting for {what}"),
            };
            self.answer_server_request(&message);
            if matches(&message) {
                return (arrived, message);
            }
            self.backlog.push_back((arrived, message));
        }
    }

    /// Replies `null` to a request the server sends to the client.
    fn answer_server_request(&mut self, message: &Value) {
        if message.get("method").is_some() && message.get("id").is_some() {
            let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
            self.send(&reply);
        }
    }

    /// Has the server sent (and the test not consumed) a message satisfying `matches`?
    pub fn received(&self, matches: impl Fn(&Value) -> bool) -> bool {
        self.backlog.iter().any(|(_, m)| matches(m))
    }

    pub fn open(&mut self, uri: &str, text: &str, language: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// The diagnostics the server publishes for `uri` at `version` next.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.diagnostics_timed(uri, version).1
    }

    /// [`LspClient::diagnostics`], with the time they arrived.
    pub fn diagnostics_timed(&mut self, uri: &str, version: i64) -> (Instant, Vec<Value>) {
        let (arrived, message) = self.wait_for_timed(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        (arrived, message["params"]["diagnostics"].as_array().cloned().unwrap_or_default())
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next diagnostics for `uri` that satisfy `matches`.
    pub fn diagnostics_where(&mut self, uri: &str, what: &str, matches: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let message = self.wait_for(what, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && matches(m["params"]["diagnostics"].as_array().map(Vec::as_slice).unwrap_or_default())
        });
        message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// The server's copy of a document (`gwlint/documentText`).
    pub fn server_text(&mut self, uri: &str) -> String {
        let result = self.request("gwlint/documentText", json!({"uri": uri}));
        result["text"].as_str().unwrap_or_else(|| panic!("no text for {uri}: {result}")).to_string()
    }

    /// `shutdown` then `exit`; the server's exit status.
    pub fn shutdown(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits (bounded) for the server process to end.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one framed message; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of a path (the paths tests use need no escaping beyond UTF-8).
pub fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A fresh, empty temporary folder, removed when the returned guard drops.
pub fn temp_dir(name: &str) -> TempDir {
    TempDir::new(&format!("lsp-{name}"))
}

// ------------------------------------------------------------- text model

/// Code units of `c` in a position encoding.
fn units(c: char, encoding: &str) -> usize {
    match encoding {
        "utf-8" => c.len_utf8(),
        "utf-32" => 1,
        _ => c.len_utf16(),
    }
}

/// Byte offsets where lines start (`\n`, `\r\n` and `\r` end lines).
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            starts.push(i + 1);
        }
    }
    starts
}

/// The LSP position of byte `offset` (which must not split a CRLF or a character).
pub fn position(text: &str, offset: usize, encoding: &str) -> Value {
    let starts = line_starts(text);
    let line = starts.iter().rposition(|&s| s <= offset).expect("line 0 starts at 0");
    let character: usize = text[starts[line]..offset].chars().map(|c| units(c, encoding)).sum();
    json!({"line": line, "character": character})
}

/// The byte offset of an LSP position inside `text` (exact, no clamping).
pub fn offset(text: &str, position: &Value, encoding: &str) -> usize {
    let starts = line_starts(text);
    let line = position["line"].as_u64().expect("line") as usize;
    let mut character = position["character"].as_u64().expect("character") as usize;
    let mut at = starts[line];
    for c in text[at..].chars() {
        if character == 0 {
            break;
        }
        character -= units(c, encoding);
        at += c.len_utf8();
    }
    at
}

pub fn range(text: &str, bytes: std::ops::Range<usize>, encoding: &str) -> Value {
    json!({"start": position(text, bytes.start, encoding), "end": position(text, bytes.end, encoding)})
}

/// Applies LSP text edits (non-overlapping, any order) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let start = offset(text, &e["range"]["start"], encoding);
            let end = offset(text, &e["range"]["end"], encoding);
            (start, end, e["newText"].as_str().expect("newText").to_string())
        })
        .collect();
    resolved.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = text.to_string();
    for (start, end, new_text) in resolved.into_iter().rev() {
        out.replace_range(start..end, &new_text);
    }
    out
}
