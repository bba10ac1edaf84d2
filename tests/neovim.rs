//! A real editor as the client: headless Neovim opens a corpus report,
//! attaches `gwlint lsp` through Neovim's built-in LSP client and reports the
//! diagnostics it received (`tests/neovim/diagnostics.lua`).
//!
//! Neovim is required: CI installs it (`apt-get install neovim`), and a
//! missing `nvim` fails this test rather than skipping it.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const REPORT: &str = "000_36b2f45d7a297d29.txt";

#[test]
fn neovim_shows_gwlint_diagnostics_for_a_corpus_report() {
    let dir = lsp_client::temp_dir("neovim");
    let report = dir.join("report.txt");
    let text = std::fs::read_to_string(lsp_client::corpus_dir().join(REPORT)).expect("corpus report");
    std::fs::write(&report, &text).expect("copy report");
    // The regulation's order required: the report's 第一责任人 part comes first (the local order), so a
    // document-wide finding (section.duty, out of order) is among the diagnostics too.
    std::fs::write(dir.join("gwlint.toml"), "profile = \"regulation\"\n").expect("write gwlint.toml");
    let out = dir.join("diagnostics.out");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/neovim/diagnostics.lua");

    let mut nvim = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("GWLINT_BIN", env!("CARGO_BIN_EXE_gwlint"))
        .env("GWLINT_FILE", &report)
        .env("GWLINT_OUT", &out)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim must be installed for this test (apt-get install neovim)");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = nvim.try_wait().expect("wait for nvim") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = nvim.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim failed: {status}");

    let written = std::fs::read_to_string(&out).expect("the script wrote its output");
    let mut lines = written.lines();
    assert_eq!(lines.next(), Some("ok"), "{written}");
    let diagnostics: Vec<&str> = lines.collect();
    // Neovim keeps byte columns: 目标导间 on line 16 starts 212 characters in.
    let line = text.lines().nth(15).expect("line 16");
    let col = line.find("目标导间").expect("typo on line 16");
    let expected = format!("15:{col}:15:{}\ttypo.common\t“目标导间”疑为错别字，应为“目标导向”", col + "目标导间".len());
    assert!(diagnostics.contains(&expected.as_str()), "{expected} not in {diagnostics:#?}");
    assert!(diagnostics.iter().any(|d| d.contains("\tsection.duty\t")), "{diagnostics:#?}");
}
