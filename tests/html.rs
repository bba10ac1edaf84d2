//! `gwlint check --format html`: the review sheet opened in headless Chromium
//! (Debian's `chromium`, installed by .ci/run). Checks that it renders without
//! console errors, that its script ran (sorting by the address's `#sort=`), and
//! that the findings are there; keeps a screenshot in target/screenshots/ (copy
//! it over tests/screenshots/review-sheet.png, the one the README shows, when the
//! sheet's look changes).

mod common;

use common::*;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn the_review_sheet_renders_in_chromium_with_the_findings_and_no_console_errors() {
    let dir = TempDir::new("html");
    dir.write("甲镇.txt", &std::fs::read_to_string(fixture("sample-report.txt")).unwrap());
    dir.write(
        "乙局.txt",
        "关于2024年度法治政府建设情况的报告\n县人民政府：\n一、主要举措和成效\n截止目前，全年办理案件12件。\n",
    );
    for report in corpus_reports().iter().take(2) {
        dir.write(report.file_name().unwrap().to_str().unwrap(), &std::fs::read_to_string(report).unwrap());
    }
    let output = run_in(dir.path(), &["check", "--format", "html", "."]);
    let html = stdout(&output);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(!html.contains("http://") && !html.contains("src=\"https"), "no external resources");
    std::fs::write(dir.path().join("审校意见单.html"), &html).unwrap();

    assert!(std::path::Path::new(CHROMIUM).exists(), "Chromium is needed: apt-get install chromium fonts-noto-cjk");
    let profile = TempDir::new("html-chromium-profile");
    let screenshot = repo_root().join("target/screenshots/review-sheet.png");
    std::fs::create_dir_all(screenshot.parent().unwrap()).unwrap();
    let url = format!("file://{}#sort=errors", dir.path().join("审校意见单.html").display());
    let run = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,1700",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&run.stdout).to_string();
    let log = String::from_utf8_lossy(&run.stderr).to_string();
    assert!(run.status.success(), "{log}");
    // Console messages are logged as INFO:CONSOLE(line)] "message"; errors as
    // uncaught exceptions.
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE") || l.contains("Uncaught")).collect();
    assert!(console.is_empty(), "console output:\n{}", console.join("\n"));
    assert!(dom.contains("data-ready=\"yes\""), "the script ran to the end");

    // The findings, their context and fixes, and the rule explanations.
    assert!(dom.contains("<h1>审校意见单</h1>"));
    assert!(dom.contains("“目标导间”疑为错别字，应为“目标导向”"), "finding message");
    assert!(dom.contains("强化<mark>目标导间</mark>，推行行政执法公示"), "finding in context");
    assert!(dom.contains("修改建议：改为“目标导向”"), "suggested fix");
    assert!(dom.contains("id=\"rule-typo.common\""), "rule explanation");
    assert!(dom.contains("第7行第15列"), "position");
    // Sorted by errors, most first; the file lists them by name, in another order.
    let errors = |page: &str| -> Vec<u64> {
        page.split("<tr>")
            .skip(2)
            .map(|row| row.split("class=\"num\">").nth(1).unwrap().split('<').next().unwrap().parse().unwrap())
            .collect()
    };
    let sorted = errors(&dom);
    assert!(sorted.windows(2).all(|w| w[0] >= w[1]), "sorted by errors: {sorted:?}");
    assert!(!errors(&html).windows(2).all(|w| w[0] >= w[1]), "the sheet's own order is by name: {:?}", errors(&html));
    assert!(dom.contains("aria-sort=\"descending\""));
    let rows: Vec<&str> = dom.split("<tr>").skip(2).collect();
    let row = rows.iter().find(|r| r.contains("乙局.txt")).expect("乙局 row");
    // 乙局 lacks four parts, a signature and a date.
    assert_eq!(row.matches(">缺<").count(), 4, "{row}");
    assert!(row.contains("落款✗") && row.contains("日期✗"), "{row}");
    let png = std::fs::read(&screenshot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a real screenshot");
}
