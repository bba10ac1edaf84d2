//! `gwlint check`, `rules` and `explain`, driven through the real binary.

mod common;

use common::*;
use serde_json::Value;

const SAMPLE: &str = "sample-report.txt";

fn sample_text() -> String {
    std::fs::read_to_string(fixture(SAMPLE)).expect("sample report")
}

/// `gwlint check --format json FILE` in `dir`, parsed.
fn check_json(dir: &std::path::Path, file: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json", file];
    args.extend_from_slice(extra);
    let output = run_in(dir, &args);
    let json = serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    (code(&output), json)
}

fn findings(json: &Value) -> &Vec<Value> {
    json["files"][0]["findings"].as_array().expect("findings array")
}

fn rules_found(json: &Value) -> Vec<String> {
    findings(json).iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

fn sample_dir() -> TempDir {
    let dir = TempDir::new("sample");
    dir.write(SAMPLE, &sample_text());
    dir
}

#[test]
fn human_output_points_at_the_finding_and_underlines_it() {
    let dir = sample_dir();
    let output = run_in(dir.path(), &["check", SAMPLE]);
    let out = stdout(&output);
    assert_eq!(code(&output), 1, "error-level findings exit 1\n{out}");
    let expected = "sample-report.txt:7:15: 错误[typo.common]: “目标导间”疑为错别字，应为“目标导向”\n  |\n7 | （二）规范行政执法行为。强化目标导间，推行行政执法公示、执法全过程记录和重大执法决定…\n  |                             ^^^^^^^^\n  = 修改建议：改为“目标导向”\n";
    assert!(out.contains(expected), "{out}");
    assert!(out.trim_end().ends_with("检查了1个文件：错误3处，警告6处，提示1处"), "{out}");
}

#[test]
fn a_reader_that_stops_reading_ends_the_run_quietly() {
    // `gwlint check … | head`: the pipe closes before gwlint writes. Writing
    // then fails with BrokenPipe, which must end the run without a panic.
    let dir = sample_dir();
    for args in
        [&["check", SAMPLE][..], &["check", "--format", "json", SAMPLE], &["rules"], &["explain", "typo.common"]]
    {
        let mut child = gwlint()
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("gwlint runs");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("gwlint ends");
        assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

#[test]
fn a_report_saved_as_gbk_or_utf16_is_read_and_fixed_in_its_own_encoding() {
    let dir = sample_dir();
    let text = sample_text();
    let (_, utf8) = check_json(dir.path(), SAMPLE, &[]);
    let summary = |json: &Value| -> Vec<(String, String, u64)> {
        findings(json)
            .iter()
            .map(|f| {
                (f["rule"].as_str().unwrap().into(), f["text"].as_str().unwrap().into(), f["line"].as_u64().unwrap())
            })
            .collect()
    };
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut utf16be = vec![0xFE, 0xFF];
    utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    for (name, bytes) in [("gbk.txt", &gbk), ("le.txt", &utf16le), ("be.txt", &utf16be)] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let (code, json) = check_json(dir.path(), name, &[]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(summary(&json), summary(&utf8), "{name}: the same findings as the UTF-8 text");
    }
    // --fix writes the file back in the encoding it was read in.
    let output = run_in(dir.path(), &["check", "--fix", "gbk.txt", "le.txt", "be.txt"]);
    assert!(code(&output) <= 1, "{}", stderr(&output));
    let fixed = std::fs::read(dir.path().join("gbk.txt")).unwrap();
    let (fixed, _, malformed) = encoding_rs::GBK.decode(&fixed);
    assert!(!malformed && fixed.contains("强化目标导向") && !fixed.contains("目标导间"), "{fixed}");
    for (name, bom, encoding) in
        [("le.txt", [0xFF, 0xFE], encoding_rs::UTF_16LE), ("be.txt", [0xFE, 0xFF], encoding_rs::UTF_16BE)]
    {
        let fixed = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(fixed[..2], bom, "{name}: the byte-order mark is kept");
        let (fixed, _, malformed) = encoding.decode(&fixed);
        assert!(!malformed && fixed.contains("强化目标导向") && !fixed.starts_with('\u{feff}'), "{fixed}");
    }
    // An old Word or WPS file and a PDF are named as what they are.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend([0; 504]);
    for (name, bytes, says) in [("报告.doc", doc, "另存为 .docx"), ("报告.pdf", b"%PDF-1.7\n".to_vec(), "PDF")] {
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let output = run_in(dir.path(), &["check", name, SAMPLE]);
        assert_eq!(code(&output), 2, "{name}");
        assert!(stderr(&output).contains(says), "{}", stderr(&output));
        // The summary counts the file it could not check.
        assert!(
            stdout(&output)
                .trim_end()
                .ends_with("检查了1个文件：错误3处，警告6处，提示1处；另有1个文件无法检查（见上方说明）"),
            "{}",
            stdout(&output)
        );
        // Every format for tools and print lists it, with the reason.
        let output = run_in(dir.path(), &["check", "--format", "json", name, SAMPLE]);
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(json["files"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["unchecked"][0]["path"], name);
        assert!(json["unchecked"][0]["reason"].as_str().is_some_and(|r| r.contains(says)), "{json}");
        let output = run_in(dir.path(), &["check", "--format", "sarif", name, SAMPLE]);
        let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF");
        let invocation = &sarif["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notification = &invocation["toolExecutionNotifications"][0];
        assert_eq!(notification["level"], "error");
        // The file is an artifact of the run, named by the same (percent-encoded) URI.
        let uri = &notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        let artifacts = sarif["runs"][0]["artifacts"].as_array().expect("artifacts");
        assert!(uri.as_str().is_some_and(|u| u.ends_with(&name[name.len() - 4..])), "{uri}");
        assert!(artifacts.iter().any(|a| &a["location"]["uri"] == uri) && artifacts.len() == 2, "{sarif}");
        let output = run_in(dir.path(), &["check", "--format", "html", name, SAMPLE]);
        let html = stdout(&output);
        assert!(html.contains("无法检查的文件（1个）") && html.contains(name) && html.contains(says), "{html}");
    }
    // With every file checked, JSON has no `unchecked` and SARIF says the run succeeded.
    let (_, json) = check_json(dir.path(), SAMPLE, &[]);
    assert!(json.get("unchecked").is_none(), "{json}");
    let output = run_in(dir.path(), &["check", "--format", "sarif", SAMPLE]);
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF");
    assert_eq!(sarif["runs"][0]["invocations"][0]["executionSuccessful"], true);
    // Bytes no encoding reads, or a NUL, are refused: nothing is read with
    // replacement characters, and nothing is written.
    for (name, bytes) in [("broken.txt", &[0xB0, 0xA1, 0xFF, 0x41][..]), ("binary.txt", &[0x41, 0x00, 0x42, 0xB0])] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let output = run_in(dir.path(), &["check", "--fix", name]);
        assert_eq!(code(&output), 2, "{name}");
        assert!(stderr(&output).contains("不是可识别编码的文本文件"), "{}", stderr(&output));
        assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), bytes, "{name} is left as it was");
    }
}

#[test]
fn a_report_piped_in_as_dash_is_checked_and_not_fixed_in_place() {
    let dir = sample_dir();
    let (_, from_file) = check_json(dir.path(), SAMPLE, &[]);
    let piped = |args: &[&str], input: &[u8]| {
        use std::io::Write;
        let mut child = gwlint()
            .args(args)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("gwlint runs");
        // gwlint may refuse the run before reading (--fix on standard input)
        // and close the pipe: a failed write is then expected.
        let _ = child.stdin.take().unwrap().write_all(input);
        child.wait_with_output().expect("gwlint ends")
    };
    let output = piped(&["check", "--format", "json", "-", "-"], sample_text().as_bytes());
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1, "standard input is read once");
    assert_eq!(json["files"][0]["path"], "-");
    assert_eq!(json["files"][0]["findings"], from_file["files"][0]["findings"]);
    // GBK through a pipe too.
    let output = piped(&["check", "--format", "json", "-"], &encoding_rs::GBK.encode(&sample_text()).0);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["findings"], from_file["files"][0]["findings"]);
    // There is no file to fix in place; the dry run shows the change.
    let output = piped(&["check", "--fix", "-"], "强化目标导间。\n".as_bytes());
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("标准输入（-）无法就地修正"), "{}", stderr(&output));
    let output = piped(&["check", "--fix", "--dry-run", "-"], "强化目标导间。\n".as_bytes());
    assert!(stdout(&output).contains("+强化目标导向。"), "{}", stdout(&output));
}

#[test]
fn json_output_has_positions_bytes_text_and_fixes() {
    let dir = sample_dir();
    let (exit, json) = check_json(dir.path(), SAMPLE, &[]);
    assert_eq!(exit, 1);
    assert_eq!(json["files"][0]["path"], SAMPLE);
    let typo = findings(&json).iter().find(|f| f["text"] == "目标导间").expect("typo found");
    assert_eq!(typo["rule"], "typo.common");
    assert_eq!(typo["severity"], "error");
    assert_eq!((typo["line"].as_u64(), typo["column"].as_u64()), (Some(7), Some(15)));
    assert_eq!((typo["end_line"].as_u64(), typo["end_column"].as_u64()), (Some(7), Some(19)));
    let text = sample_text();
    let (start, end) = (typo["start_byte"].as_u64().unwrap() as usize, typo["end_byte"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "目标导间");
    let edit = &typo["fixes"][0]["edits"][0];
    assert_eq!(edit["replacement"], "目标导向");
    assert_eq!(typo["fixes"][0]["safe"], true);
    assert_eq!((edit["start_byte"].as_u64(), edit["end_byte"].as_u64()), (Some(start as u64), Some(end as u64)));
}

#[test]
fn the_sample_report_shows_each_planted_defect_once() {
    let dir = sample_dir();
    let (_, json) = check_json(dir.path(), SAMPLE, &[]);
    let found: Vec<(String, String)> = findings(&json)
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["text"].as_str().unwrap().to_string()))
        .collect();
    let expected = [
        ("punctuation.half-width", ","),
        ("figures.approx-small-count", "8余次"),
        ("typo.common", "目标导间"),
        ("typo.fazhi", "法制宣传教育"),
        ("phrase.vague-claim", "取得了显著成效"),
        ("numbering.style", "(四)"),
        ("phrase.etc", "等等"),
        ("typo.official-terms", "党政主要责任人"),
        ("typo.common", "截止目前"),
        ("section.other", ""),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(r, t)| (r.to_string(), t.to_string())).collect();
    assert_eq!(found, expected);
}

#[test]
fn a_pack_or_a_report_past_its_size_ceiling_is_refused_with_a_clear_error() {
    // Sparse files: as large as they claim, written in no time. Before the
    // ceiling a 300 MB line of text made `gwlint check` abort on a failed
    // 4.8 GB allocation, and `--rules /dev/zero` ate memory without end.
    let dir = TempDir::new("ceiling");
    dir.write("clean.txt", &sample_text());
    let sparse = |name: &str, len: u64| {
        std::fs::File::create(dir.path().join(name)).expect("create").set_len(len).expect("set_len");
    };
    sparse("huge.txt", gwlint_rules::file_limits::REPORT_FILE + 1);
    sparse("huge.toml", gwlint_rules::file_limits::PACK_FILE + 1);

    let output = run_in(dir.path(), &["check", "--rules", "huge.toml", "clean.txt"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("huge.toml: 无法读取规则包：文件超过 64 MiB 的上限"), "{}", stderr(&output));

    // The report past the ceiling is named, the other one is still checked.
    let output = run_in(dir.path(), &["check", "--format", "json", "huge.txt", "clean.txt"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("上限"), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("json");
    assert!(json.to_string().contains("clean.txt"), "{json}");

    #[cfg(unix)]
    {
        let output = run_in(dir.path(), &["check", "--rules", "/dev/zero", "clean.txt"]);
        assert_eq!(code(&output), 2);
        assert!(stderr(&output).contains("上限"), "{}", stderr(&output));
    }
}

#[test]
fn exit_code_is_zero_without_errors_and_two_for_a_missing_path() {
    let dir = TempDir::new("exit");
    dir.write(
        "clean.txt",
        &sample_text()
            .replace("目标导间", "目标导向")
            .replace("截止目前", "截至目前")
            .replace("党政主要责任人", "党政主要负责人"),
    );
    let output = run_in(dir.path(), &["check", "clean.txt"]);
    assert_eq!(code(&output), 0, "warnings alone exit 0\n{}", stdout(&output));
    let output = run_in(dir.path(), &["check", "no-such-file.txt"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("no-such-file.txt: 文件或文件夹不存在"));
    let output = run_in(dir.path(), &["check"]);
    assert_eq!(code(&output), 2, "usage error");
}

#[test]
fn fix_applies_safe_fixes_and_a_second_check_no_longer_reports_them() {
    let dir = sample_dir();
    let output = run_in(dir.path(), &["check", "--fix", SAMPLE]);
    assert_eq!(code(&output), 0, "only warnings remain\n{}", stdout(&output));
    assert!(stdout(&output).contains("已修正7处"), "{}", stdout(&output));
    let fixed = dir.read(SAMPLE);
    for (gone, now) in [
        ("目标导间", "目标导向"),
        ("截止目前", "截至目前"),
        ("法制宣传教育", "法治宣传教育"),
        ("党政主要责任人", "党政主要负责人"),
        ("，等等。", "，等。"),
    ] {
        assert!(!fixed.contains(gone) && fixed.contains(now), "{gone} → {now}");
    }
    // Unsafe fixes (inserting a missing section) are left for a person.
    assert!(!fixed.contains("其他需要报告的情况"));
    let (_, json) = check_json(dir.path(), SAMPLE, &[]);
    // 截至目前, once the typo is fixed, is still no time a yearly report can name.
    assert_eq!(
        rules_found(&json),
        ["figures.approx-small-count", "phrase.vague-claim", "consistency.data-cutoff", "section.other"]
    );
    // Nothing outside the fixes changed.
    let original = sample_text();
    assert_eq!(original.lines().count(), fixed.lines().count());
}

#[test]
fn dry_run_prints_a_diff_and_leaves_the_file_alone() {
    let dir = sample_dir();
    let output = run_in(dir.path(), &["check", "--fix", "--dry-run", SAMPLE]);
    let out = stdout(&output);
    assert!(
        out.contains("-（二）规范行政执法行为。强化目标导间") && out.contains("+（二）规范行政执法行为。强化目标导向"),
        "{out}"
    );
    assert_eq!(dir.read(SAMPLE), sample_text());
}

#[test]
fn crlf_line_ends_and_a_bom_keep_positions_right() {
    let dir = TempDir::new("crlf");
    dir.write("crlf.txt", &format!("\u{feff}{}", sample_text().replace('\n', "\r\n")));
    let (_, json) = check_json(dir.path(), "crlf.txt", &[]);
    let typo = findings(&json).iter().find(|f| f["text"] == "目标导间").expect("typo");
    assert_eq!((typo["line"].as_u64(), typo["column"].as_u64()), (Some(7), Some(15)));
    let output = run_in(dir.path(), &["check", "--fix", "crlf.txt"]);
    assert_eq!(code(&output), 0);
    let fixed = dir.read("crlf.txt");
    assert!(fixed.starts_with('\u{feff}') && fixed.contains("目标导向，") && !fixed.replace("\r\n", "").contains('\n'));
}

#[test]
fn markdown_reports_are_checked_by_extension() {
    let dir = TempDir::new("md");
    let text = "# 关于2024年度法治政府建设情况的报告\n\n## 一、主要举措和成效\n\n强化目标导间，全年办案23件。\n";
    dir.write("report.md", text);
    let (_, json) = check_json(dir.path(), "report.md", &[]);
    let missing = findings(&json).iter().find(|f| f["rule"] == "section.shortfalls").expect("missing section");
    assert_eq!(missing["fixes"][0]["title"], "插入标题“## 二、推进法治政府建设存在的不足和原因”");
    assert!(findings(&json).iter().any(|f| f["text"] == "目标导间"));
}

#[test]
fn folders_are_searched_for_reports() {
    let dir = TempDir::new("folder");
    dir.write("a/one.txt", "强化目标导间。\n");
    dir.write("a/b/two.md", "强化目标导间。\n");
    dir.write("a/ignored.docx.bak", "强化目标导间。\n");
    let output = run_in(dir.path(), &["check", "--format", "json", "a"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let paths: Vec<&str> = json["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a/b/two.md", "a/one.txt"]);
    assert_eq!(stderr(&output), "", "a folder with reports gets no warning");
}

#[test]
fn a_folder_without_reports_is_named_on_standard_error() {
    let dir = TempDir::new("folder-empty");
    dir.write("old/报告.doc", "not read");
    dir.write("new/报告.txt", "强化目标导间。\n");
    let output = run_in(dir.path(), &["check", "--format", "json", "old", "new"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1, "the other folder is still checked");
    let err = stderr(&output);
    assert!(err.starts_with("警告：old: 文件夹中没有可检查的报告") && err.contains(".doc"), "{err}");
    assert!(!err.contains("new"), "{err}");
}

#[test]
fn a_symlink_loop_in_a_folder_is_walked_once() {
    let dir = TempDir::new("folder-loop");
    dir.write("a/one.txt", "强化目标导间。\n");
    dir.write("a/b/two.txt", "强化目标导间。\n");
    std::os::unix::fs::symlink("..", dir.path().join("a/b/up")).unwrap();
    let output = run_in(dir.path(), &["check", "--format", "json", "a"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&output)));
    let paths: Vec<&str> = json["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a/b/two.txt", "a/one.txt"]);
}

// ------------------------------------------------------------ broken packs

fn broken_pack_error(pack: &str) -> (i32, String) {
    let dir = sample_dir();
    dir.write("bad.toml", pack);
    let output = run_in(dir.path(), &["check", "--rules", "bad.toml", SAMPLE]);
    (code(&output), stderr(&output))
}

const PACK_HEAD: &str = "[pack]\nid = \"t\"\ntitle = \"测试\"\nversion = \"1\"\ndescription = \"测试包\"\n\n";

fn rule(body: &str) -> String {
    format!(
        "{PACK_HEAD}[[rule]]\nid = \"t.rule\"\nseverity = \"warning\"\nmessage = \"m\"\nexplanation = \"e\"\nsource = \"s\"\n{body}"
    )
}

#[test]
fn a_bad_regex_is_reported_at_its_position_with_a_caret() {
    let (exit, err) =
        broken_pack_error(&rule("kind = \"phrase\"\npatterns = ['取得(显著']\nspecs.fire = [\"取得显著\"]\n"));
    assert_eq!(exit, 2);
    assert!(err.contains("bad.toml:14:13: 正则表达式无效：unclosed group\n"), "{err}");
    assert!(err.contains("14 | patterns = ['取得(显著']\n   |             ^^^^^^^^^^^"), "{err}");
}

#[test]
fn toml_syntax_errors_and_unknown_fields_point_at_the_line() {
    let (exit, err) = broken_pack_error(&format!("{PACK_HEAD}[[rule]\n"));
    assert_eq!(exit, 2);
    assert!(err.contains("bad.toml:7:"), "{err}");
    let (exit, err) = broken_pack_error(&rule("kind = \"typo\"\nentrys = { \"a\" = \"b\" }\n"));
    assert_eq!(exit, 2);
    assert!(err.contains("bad.toml:14:1: 规则包格式错误：unknown field `entrys`"), "{err}");
}

#[test]
fn a_failing_spec_is_a_load_error_at_the_spec() {
    let pack = rule("kind = \"typo\"\nentries = { \"目标导间\" = \"目标导向\" }\nspecs.fire = [\"目标导向\"]\n");
    let (exit, err) = broken_pack_error(&pack);
    assert_eq!(exit, 2);
    assert!(err.contains("bad.toml:15:15: 示例未通过：规则 t.rule 应当在这段文字上报告，但没有报告"), "{err}");
}

#[test]
fn fields_of_another_kind_are_rejected() {
    let (exit, err) = broken_pack_error(&rule("kind = \"typo\"\npatterns = ['x']\nspecs.fire = [\"x\"]\n"));
    assert_eq!(exit, 2);
    assert!(err.contains("字段 patterns 只用于 kind = \"phrase\" 的规则"), "{err}");
}

// ------------------------------------------------------------ gwlint.toml

#[test]
fn gwlint_toml_turns_rules_off_and_overrides_severities() {
    let dir = sample_dir();
    dir.write(
        "gwlint.toml",
        "disable = [\"typo.common\", \"typo.dictionary\", \"phrase\"]\n\n[severity]\n\"typo.official-terms\" = \"info\"\n",
    );
    let (exit, json) = check_json(dir.path(), SAMPLE, &[]);
    assert_eq!(
        rules_found(&json),
        [
            "punctuation.half-width",
            "figures.approx-small-count",
            "typo.fazhi",
            "numbering.style",
            "typo.official-terms",
            "section.other"
        ]
    );
    assert_eq!(findings(&json)[4]["severity"], "info");
    assert_eq!(exit, 0);
}

#[test]
fn gwlint_toml_in_a_parent_folder_applies_and_lists_pack_files() {
    let dir = TempDir::new("config");
    dir.write("reports/2024/r.txt", "主要安排。强化目标导间。推进“放管服”改革。\n");
    dir.write(
        "packs/local.toml",
        &format!(
            "{PACK_HEAD}[[rule]]\nid = \"local.fangguanfu\"\nkind = \"phrase\"\nseverity = \"error\"\nphrases = [\"放管服\"]\nmessage = \"本县统一写作“放管服”改革全称\"\nexplanation = \"e\"\nsource = \"本县惯例\"\nspecs.fire = [\"放管服\"]\n"
        ),
    );
    dir.write("gwlint.toml", "rules = [\"packs/local.toml\"]\nallow = [\"目标导间\"]\n");
    let (_, json) = check_json(&dir.path().join("reports/2024"), "r.txt", &[]);
    let found = rules_found(&json);
    assert!(found.contains(&"local.fangguanfu".to_string()), "{found:?}");
    assert!(!found.contains(&"typo.common".to_string()), "allow-listed: {found:?}");
}

#[test]
fn the_local_order_profile_accepts_duty_first() {
    let reports = corpus_reports();
    let Some(report) = reports.first() else { return };
    let dir = TempDir::new("profile");
    dir.write("r.txt", &std::fs::read_to_string(report).unwrap());
    let out_of_order =
        |json: &Value| findings(json).iter().any(|f| f["message"].as_str().unwrap().contains("位置不符合"));
    // Without a configured profile, a report that follows one of the pack's orders is in order.
    let (_, json) = check_json(dir.path(), "r.txt", &[]);
    assert!(!out_of_order(&json), "the local order (第一责任人 first) is an order");
    dir.write("gwlint.toml", "profile = \"regulation\"\n");
    let (_, json) = check_json(dir.path(), "r.txt", &[]);
    assert!(out_of_order(&json), "a configured profile is the one that counts");
    dir.write("gwlint.toml", "profile = \"local\"\n");
    let (_, json) = check_json(dir.path(), "r.txt", &[]);
    assert!(!out_of_order(&json));
}

#[test]
fn ignore_entries_dismiss_one_finding_by_rule_and_text() {
    let dir = sample_dir();
    dir.write(
        "gwlint.toml",
        "[[ignore]]\nrule = \"typo.common\"\ntext = \"截止目前\"\nfile = \"sample-report.txt\"\n\n[[ignore]]\nrule = \"phrase.etc\"\ntext = \"等等\"\n",
    );
    let (_, json) = check_json(dir.path(), SAMPLE, &[]);
    let texts: Vec<&str> = findings(&json).iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"目标导间") && !texts.contains(&"截止目前") && !texts.contains(&"等等"), "{texts:?}");
}

#[test]
fn a_broken_gwlint_toml_is_a_configuration_error() {
    let dir = sample_dir();
    dir.write("gwlint.toml", "disable = \"typo\"\n");
    let output = run_in(dir.path(), &["check", SAMPLE]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("gwlint.toml:1:11: 配置文件格式错误"), "{}", stderr(&output));
}

// ------------------------------------------------------------ rules, explain

#[test]
fn rules_lists_every_active_rule_with_kind_and_severity() {
    let dir = TempDir::new("rules");
    let output = run_in(dir.path(), &["rules"]);
    assert_eq!(code(&output), 0);
    let out = stdout(&output);
    let line = out.lines().find(|l| l.starts_with("typo.common ")).expect("typo.common listed");
    let columns: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&columns[..3], ["typo.common", "typo", "error"]);
    assert!(out.lines().any(|l| l.starts_with("section.shortfalls ")));
    dir.write("gwlint.toml", "disable = [\"section\"]\n");
    let out = stdout(&run_in(dir.path(), &["rules"]));
    assert!(!out.contains("section.shortfalls"));
}

#[test]
fn explain_prints_why_the_source_and_examples() {
    let dir = TempDir::new("explain");
    let output = run_in(dir.path(), &["explain", "typo.fazhi"]);
    assert_eq!(code(&output), 0);
    let out = stdout(&output);
    for part in [
        "typo.fazhi（警告 · typo",
        "依据：",
        "八个五年规划",
        "会报告的写法：",
        "✗ 注重农村法制宣传教育。",
        "✓ 坚持实施了党委中心组学法制度。",
        "加大对法制宣传经费投入。 → 加大对法治宣传经费投入。",
    ] {
        assert!(out.contains(part), "missing {part}:\n{out}");
    }
    let output = run_in(dir.path(), &["explain", "typo.nope"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("相近的规则：typo.common"));
}

#[test]
fn schema_commands_print_the_published_schemas() {
    let dir = TempDir::new("schema");
    for (which, file) in [("pack", "pack.schema.json"), ("config", "gwlint.schema.json")] {
        let out = stdout(&run_in(dir.path(), &["schema", which]));
        let published = std::fs::read_to_string(repo_root().join("rules/schema").join(file)).unwrap();
        assert_eq!(out, published);
    }
}

// ------------------------------------------------------------ corpus snapshots

/// One line per finding: position, severity, rule, matched text, message.
fn snapshot_of(json: &Value) -> String {
    let mut out = String::new();
    for f in findings(json) {
        let text: String = f["text"].as_str().unwrap().chars().take(30).collect();
        out.push_str(&format!(
            "{}:{} {} {} “{}” {}\n",
            f["line"],
            f["column"],
            f["severity"].as_str().unwrap(),
            f["rule"].as_str().unwrap(),
            text,
            f["message"].as_str().unwrap()
        ));
    }
    out
}

/// The findings on each real report are kept as reviewed snapshots in
/// `tests/snapshots/corpus/`. A change in findings fails here; after reviewing
/// the new findings by hand (every false positive is a bug), accept them with
/// `GWLINT_UPDATE_SNAPSHOTS=1 cargo test --test cli corpus`.
#[test]
fn corpus_findings_match_the_reviewed_snapshots() {
    let reports = corpus_reports();
    let snapshots = repo_root().join("tests/snapshots/corpus");
    let mut mismatches = Vec::new();
    for report in &reports {
        let dir = TempDir::new("corpus");
        let name = report.file_name().unwrap().to_str().unwrap();
        dir.write(name, &std::fs::read_to_string(report).unwrap());
        let (_, json) = check_json(dir.path(), name, &[]);
        let current = snapshot_of(&json);
        let path = snapshots.join(name);
        if std::env::var_os("GWLINT_UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(&snapshots).unwrap();
            std::fs::write(&path, &current).unwrap();
        }
        let reviewed = std::fs::read_to_string(&path).unwrap_or_default();
        if reviewed != current {
            mismatches.push(format!("{name}:\n--- reviewed\n{reviewed}+++ current\n{current}"));
        }
    }
    assert!(mismatches.is_empty(), "findings changed; review them:\n{}", mismatches.join("\n"));
}

#[test]
fn gwlint_toml_adds_the_workspaces_own_dictionary() {
    let dir = TempDir::new("dictionary");
    dir.write("r.txt", "沈邱县司法局开展普法。\n");
    dir.write("gwlint.toml", "[dictionary]\n\"沈邱县\" = \"沈丘县\"\n");
    let (_, json) = check_json(dir.path(), "r.txt", &[]);
    let finding = findings(&json).iter().find(|f| f["rule"] == "typo.workspace").expect("workspace entry fires");
    assert_eq!(finding["text"], "沈邱县");
    assert_eq!(finding["fixes"][0]["edits"][0]["replacement"], "沈丘县");
}

#[test]
fn docs_writes_a_page_per_rule_including_the_users_packs() {
    let dir = TempDir::new("docs");
    dir.write(
        "local.toml",
        &format!(
            "{PACK_HEAD}[[rule]]\nid = \"local.name\"\nkind = \"phrase\"\nseverity = \"info\"\nphrases = [\"放管服\"]\nmessage = \"本县写全称\"\nexplanation = \"本县统一写全称。\"\nsource = \"本县惯例\"\nspecs.fire = [\"放管服\"]\n"
        ),
    );
    let output = run_in(dir.path(), &["docs", "out", "--rules", "local.toml"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let builtin = dir.read("out/typo.common.md");
    let shipped = std::fs::read_to_string(repo_root().join("rules/docs/rules/typo.common.md")).unwrap();
    assert_eq!(builtin, shipped, "the CLI writes the same pages as the committed ones");
    let local = dir.read("out/local.name.md");
    assert!(local.starts_with("# local.name\n") && local.contains("本县惯例"), "{local}");
    assert!(dir.read("out/README.md").contains("[local.name](local.name.md)"));
}

// ------------------------------------------------------------ copied text

const COPIED: &str = "组织全体执法人员每季度集中学习一次行政执法相关法律法规并进行闭卷考试";

#[test]
fn passages_shared_between_reports_checked_together_are_reported_in_each() {
    let dir = TempDir::new("shared");
    dir.write("a.txt", &format!("一、主要举措和成效\n青山镇{COPIED}，全年办案3件。\n"));
    dir.write("b.txt", &format!("一、主要举措和成效\n绿水乡：{COPIED}；年内调解纠纷8件。\n"));
    let output = run_in(dir.path(), &["check", "--format", "json", "a.txt", "b.txt"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    for (i, other) in [(0, "b.txt"), (1, "a.txt")] {
        let copies: Vec<&Value> =
            json["files"][i]["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "copy.shared").collect();
        assert_eq!(copies.len(), 1, "{}", json["files"][i]);
        assert_eq!(copies[0]["text"], COPIED);
        assert_eq!(copies[0]["severity"], "info");
        assert!(copies[0]["message"].as_str().unwrap().contains(&format!("{other} 第2行")));
    }
    let (_, alone) = check_json(dir.path(), "a.txt", &[]);
    assert!(!rules_found(&alone).contains(&"copy.shared".to_string()), "one file alone shares nothing");
}

#[test]
fn previous_reports_last_years_plans_repeated_and_text_carried_over() {
    let dir = TempDir::new("previous");
    let plans = "（一）加强学习培训。每季度组织一次全体执法人员集中学习并开展行政执法案卷评查工作。";
    dir.write(
        "2023.txt",
        &format!("关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{COPIED}。\n二、2024年度推进法治政府建设的主要安排\n{plans}\n"),
    );
    dir.write(
        "2024.txt",
        &format!("关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n{COPIED}。\n二、2025年度推进法治政府建设的主要安排\n{plans}\n"),
    );
    let (_, json) = check_json(dir.path(), "2024.txt", &["--previous", "2023.txt"]);
    let copies: Vec<(&str, &str)> = findings(&json)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("copy."))
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(copies, [("copy.previous-year", "info"), ("copy.previous-plans", "warning")]);
    let plans_finding = findings(&json).iter().find(|f| f["rule"] == "copy.previous-plans").unwrap();
    assert!(plans_finding["message"].as_str().unwrap().contains("2023.txt 第5行"), "{plans_finding}");
}

#[test]
fn the_copy_rules_obey_disable_severity_and_ignore_like_any_rule() {
    let dir = TempDir::new("copy-config");
    dir.write("a.txt", &format!("一、主要举措和成效\n青山镇{COPIED}，全年办案3件。\n"));
    dir.write("b.txt", &format!("一、主要举措和成效\n绿水乡：{COPIED}；年内调解纠纷8件。\n"));
    let copies = |json: &Value| -> Vec<(String, String)> {
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["findings"].as_array().unwrap())
            .filter(|f| f["rule"].as_str().unwrap().starts_with("copy."))
            .map(|f| (f["rule"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string()))
            .collect()
    };
    let run = |dir: &TempDir| {
        let output = run_in(dir.path(), &["check", "--format", "json", "a.txt", "b.txt"]);
        (serde_json::from_str::<Value>(&stdout(&output)).unwrap(), stderr(&output))
    };
    dir.write("gwlint.toml", "disable = [\"copy\"]\n");
    let (json, err) = run(&dir);
    assert!(copies(&json).is_empty(), "{json}");
    assert!(!err.contains("不对应任何规则"), "copy is a category of real rules: {err}");
    dir.write("gwlint.toml", "[severity]\n\"copy.shared\" = \"warning\"\n");
    let (json, _) = run(&dir);
    assert_eq!(copies(&json), [("copy.shared".into(), "warning".into()), ("copy.shared".into(), "warning".into())]);
    dir.write("gwlint.toml", &format!("[[ignore]]\nrule = \"copy.shared\"\ntext = \"{COPIED}\"\n"));
    let (json, _) = run(&dir);
    assert!(copies(&json).is_empty(), "{json}");
    // And it is explained like any rule.
    let output = run_in(dir.path(), &["explain", "copy.previous-plans"]);
    assert!(stdout(&output).contains("下一年度推进法治政府建设的主要安排"), "{}", stdout(&output));
}

#[test]
fn official_formulations_and_cited_titles_shared_by_two_units_are_not_copying() {
    let dir = TempDir::new("copy-formulas");
    let formulas = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真贯彻落实《法治政府建设实施纲要（2021－2025年）》，\
                    努力建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府";
    dir.write("a.txt", &format!("一、主要举措和成效\n青山镇{formulas}。全年办案3件。\n"));
    dir.write("b.txt", &format!("一、主要举措和成效\n绿水乡{formulas}。年内调解纠纷8件。\n"));
    let output = run_in(dir.path(), &["check", "--format", "json", "a.txt", "b.txt"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let copies: Vec<&Value> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter(|f| f["rule"] == "copy.shared")
        .collect();
    assert!(copies.is_empty(), "{copies:?}");
}

// ------------------------------------------------------------ progress

fn folder_of_reports(dir: &TempDir, count: usize) {
    for i in 0..count {
        dir.write(&format!("reports/{i:02}.txt"), &sample_text());
    }
}

#[test]
fn a_progress_line_is_shown_only_on_a_terminal() {
    let dir = TempDir::new("progress");
    folder_of_reports(&dir, 6);
    let piped = run_in(dir.path(), &["check", "reports"]);
    assert!(!stderr(&piped).contains("检查中"), "no progress line in a pipe: {}", stderr(&piped));
    // `script` gives the run a pseudo-terminal, as a reviewer's shell would.
    let command = format!("{} check reports > /dev/null", env!("CARGO_BIN_EXE_gwlint"));
    let tty = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .output()
        .expect("script (util-linux) runs");
    let seen = String::from_utf8_lossy(&tty.stdout);
    assert!(seen.contains("检查中 [") && seen.contains("6/6"), "{seen}");
}

#[test]
fn a_passage_shared_by_many_reports_is_reported_once_per_report() {
    let dir = TempDir::new("shared-many");
    for name in ["a", "b", "c"] {
        dir.write(&format!("{name}.txt"), &format!("一、主要举措和成效\n{name}单位{COPIED}。\n"));
    }
    // Three of six share it: not most of them, so not a common formulation.
    for (name, unit) in [("d", "丁"), ("e", "戊"), ("f", "己")] {
        dir.write(&format!("{name}.txt"), &format!("一、主要举措和成效\n{unit}单位另有写法，全年办案5件。\n"));
    }
    let files = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"];
    let output = run_in(dir.path(), &[&["check", "--format", "json"][..], &files[..]].concat());
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let copies: Vec<&Value> =
        json["files"][0]["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "copy.shared").collect();
    assert_eq!(copies.len(), 1, "{}", json["files"][0]);
    assert!(copies[0]["message"].as_str().unwrap().contains("b.txt 第2行等2份报告"), "{}", copies[0]);
}
