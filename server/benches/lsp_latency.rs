//! Language-server latency harness: `cargo bench -p gwlint --bench lsp_latency`.
//!
//! It starts the freshly built `gwlint lsp` (one process per document size),
//! opens a report and then types into it the way a person does — single
//! characters, a pasted sentence, backspaces — and times each `didChange`
//! until the `publishDiagnostics` for that document version arrives. The
//! debounce is set to zero (`initializationOptions: {"debounceMs": 0}`), so
//! the figure is the server's own work: applying the edit, parsing, linting,
//! converting positions and writing the message.
//!
//! Reported per document size (a 10 KB corpus report; 100 KB and 1 MB
//! synthetic reports made from corpus paragraphs, as in the engine benches):
//!
//! - **cold start**: from spawning the process to the first diagnostics of the
//!   opened document (process start, `initialize`, loading the built-in pack,
//!   building jieba, the first lint);
//! - **keystroke → diagnostics**: median, p90, p99 and maximum over the edits;
//! - **peak resident memory**: `VmHWM` of the server process at the end.
//!
//! The client waits for each edit's diagnostics before sending the next, so
//! every edit is linted (a fast typist's edits would be coalesced by the
//! debounce, which is excluded here on purpose). Environment: `GWLINT_LSP_EDITS`
//! scales the number of edits (default 1.0); `GWLINT_CORPUS` as for the engine
//! benches.
//!
//! This is a plain program (`harness = false`), not a test: nothing here
//! asserts a time.

#[path = "../../rules/benches/common/mod.rs"]
mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// A running `gwlint lsp` and the messages it sends, timestamped on arrival.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Byte offsets are positions when the server agrees to UTF-8.
    utf8: bool,
}

impl Server {
    fn start() -> (Server, Instant) {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_gwlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("gwlint lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if send.send((Instant::now(), message)).is_err() {
                    break;
                }
            }
        });
        (Server { child, stdin, messages, next_id: 1, utf8: false }, started)
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("server reads");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none()).1
    }

    /// The next message satisfying `want`; server requests are answered on the way.
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> (Instant, Value) {
        loop {
            let (at, message) = self.messages.recv_timeout(TIMEOUT).expect("the server answers in time");
            if want(&message) {
                return (at, message);
            }
            if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
                let id = id.clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
        }
    }

    fn wait_diagnostics(&mut self, uri: &str, version: i64) -> (Instant, usize) {
        let (at, message) = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        (at, message["params"]["diagnostics"].as_array().map_or(0, Vec::len))
    }

    fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
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
            length = value.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The LSP position of byte `offset`: line and column in UTF-8 bytes or UTF-16 units.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let prefix = &text[line_start..offset];
    let character = if utf8 { prefix.len() } else { prefix.encode_utf16().count() };
    json!({"line": line, "character": character})
}

/// One edit a person makes: replace `range` (bytes) with `insert`.
struct Edit {
    kind: &'static str,
    range: std::ops::Range<usize>,
    insert: String,
}

/// A deterministic writing session on `text`: at a few places in the body,
/// type a phrase one character at a time, paste a sentence, then backspace
/// over part of what was typed. The edits are computed against the text as it
/// will be when each is applied.
fn session(text: &str, edits: usize) -> Vec<Edit> {
    const TYPED: &str = "依法行政";
    const PASTED: &str = "全年共调处矛盾纠纷50件，调处成功率达到96%，群众满意度进一步提高。";
    let mut seed: u64 = 42;
    let mut random = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut text = text.to_string();
    let mut out = Vec::new();
    while out.len() < edits {
        // Just before a sentence end mark in the middle of the document.
        let marks: Vec<usize> = text.match_indices('。').map(|(i, _)| i).collect();
        let mut at = marks[marks.len() / 4 + random(marks.len() / 2)];
        let mut apply = |kind, range: std::ops::Range<usize>, insert: &str, text: &mut String| {
            text.replace_range(range.clone(), insert);
            out.push(Edit { kind, range, insert: insert.to_string() });
        };
        for c in TYPED.chars() {
            apply("char", at..at, c.encode_utf8(&mut [0; 4]), &mut text);
            at += c.len_utf8();
        }
        apply("paste", at..at, PASTED, &mut text);
        at += PASTED.len();
        for _ in 0..3 {
            let previous = text[..at].chars().next_back().expect("typed text is there");
            apply("delete", at - previous.len_utf8()..at, "", &mut text);
            at -= previous.len_utf8();
        }
    }
    out.truncate(edits);
    out
}

struct Figures {
    label: String,
    bytes: usize,
    cold_start: Duration,
    latencies: Vec<(&'static str, Duration)>,
    peak_rss_kib: Option<u64>,
    diagnostics: usize,
}

fn run(label: &str, text: &str, edits: usize) -> Figures {
    let dir = std::env::temp_dir().join(format!("gwlint-lsp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let uri = format!("file://{}/report-{label}.txt", dir.display());
    let (mut server, started) = Server::start();
    let init = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": null,
            "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
            "initializationOptions": {"gwlint": {"debounceMs": 0}},
        }),
    );
    server.utf8 = init["result"]["capabilities"]["positionEncoding"] == "utf-8";
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let (first, mut diagnostics) = server.wait_diagnostics(&uri, 1);
    let cold_start = first - started;

    let mut current = text.to_string();
    let mut latencies = Vec::new();
    for (i, edit) in session(text, edits).into_iter().enumerate() {
        let version = i as i64 + 2;
        let range = json!({
            "start": position(&current, edit.range.start, server.utf8),
            "end": position(&current, edit.range.end, server.utf8),
        });
        current.replace_range(edit.range.clone(), &edit.insert);
        let sent = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range, "text": edit.insert}],
            }),
        );
        let (arrived, count) = server.wait_diagnostics(&uri, version);
        diagnostics = count;
        latencies.push((edit.kind, arrived - sent));
    }
    let peak_rss_kib = server.peak_rss_kib();
    server.stop();
    let _ = std::fs::remove_dir_all(&dir);
    Figures { label: label.to_string(), bytes: text.len(), cold_start, latencies, peak_rss_kib, diagnostics }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument picks sizes by label.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let scale: f64 = std::env::var("GWLINT_LSP_EDITS").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let corpus = common::corpus();
    let cases: Vec<(&str, String, usize)> = vec![
        ("10KB", corpus[0].1.clone(), 300),
        ("100KB", common::synthetic(&corpus, 100_000), 200),
        ("1MB", common::synthetic(&corpus, 1_000_000), 60),
    ];
    println!(
        "| document | bytes | cold start ms | edits | median ms | p90 ms | p99 ms | max ms | char p99 | paste p99 | delete p99 | peak RSS MiB | diagnostics |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (label, text, edits) in cases {
        if !filter.is_empty() && !filter.iter().any(|f| label.contains(f.as_str())) {
            continue;
        }
        let edits = ((edits as f64 * scale) as usize).max(10);
        let figures = run(label, &text, edits);
        let mut all: Vec<Duration> = figures.latencies.iter().map(|l| l.1).collect();
        all.sort();
        let p99_of = |kind: &str| {
            let mut some: Vec<Duration> = figures.latencies.iter().filter(|l| l.0 == kind).map(|l| l.1).collect();
            some.sort();
            if some.is_empty() { "-".to_string() } else { ms(percentile(&some, 0.99)) }
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            figures.label,
            figures.bytes,
            ms(figures.cold_start),
            all.len(),
            ms(percentile(&all, 0.5)),
            ms(percentile(&all, 0.9)),
            ms(percentile(&all, 0.99)),
            ms(*all.last().expect("edits")),
            p99_of("char"),
            p99_of("paste"),
            p99_of("delete"),
            figures.peak_rss_kib.map_or("?".to_string(), |k| format!("{:.1}", k as f64 / 1024.0)),
            figures.diagnostics,
        );
    }
}
