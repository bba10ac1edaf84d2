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
#[path = "../../tests/support/lsp_client.rs"]
mod lsp_client;

use gwlint_rules::fuzz::SeededRng;
use lsp_client::{LspClient, position};
use serde_json::json;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The server's peak resident memory (`VmHWM`), in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
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
    let mut rng = SeededRng::new(42);
    let mut text = text.to_string();
    let mut out = Vec::new();
    while out.len() < edits {
        // Just before a sentence end mark in the middle of the document.
        let marks: Vec<usize> = text.match_indices('。').map(|(i, _)| i).collect();
        let mut at = marks[marks.len() / 4 + rng.below(marks.len() / 2)];
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
    let dir = lsp_client::TempDir::new("lsp-bench");
    let uri = format!("file://{}/report-{label}.txt", dir.display());
    let started = Instant::now();
    let mut server = LspClient::spawn_with_log(Stdio::null());
    let init = server.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": null,
            "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
            "initializationOptions": {"gwlint": {"debounceMs": 0}},
        }),
    );
    server.encoding = init["capabilities"]["positionEncoding"].as_str().unwrap_or("utf-16").to_string();
    server.notify("initialized", json!({}));
    server.open(&uri, text, "plaintext", 1);
    let (first, found) = server.diagnostics_timed(&uri, 1);
    let mut diagnostics = found.len();
    let cold_start = first - started;

    let mut current = text.to_string();
    let mut latencies = Vec::new();
    for (i, edit) in session(text, edits).into_iter().enumerate() {
        let version = i as i64 + 2;
        let range = json!({
            "start": position(&current, edit.range.start, &server.encoding),
            "end": position(&current, edit.range.end, &server.encoding),
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
        let (arrived, found) = server.diagnostics_timed(&uri, version);
        diagnostics = found.len();
        latencies.push((edit.kind, arrived - sent));
    }
    let peak_rss_kib = peak_rss_kib(server.pid());
    let _ = server.shutdown();
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
