//! `gwlint check`: lint files and folders, optionally fixing them.

use crate::files::{RuleCache, collect, print_load_errors};
use crate::output::{FileReport, Unchecked, html, human, json, sarif};
use crate::stdout::{out, outln};
use crate::{CheckArgs, OutputFormat};
use gwlint::docx::Positions;
use gwlint_rules::fix::apply_fixes;
use gwlint_rules::{Document, Format, Linter, Severity};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

/// Exit codes: no error-level finding, some, or a usage/configuration/IO error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn run(args: &CheckArgs) -> u8 {
    if args.fix && !args.dry_run && args.paths.iter().any(|p| crate::files::is_stdin(p)) {
        eprintln!("标准输入（-）无法就地修正：用 --fix --dry-run 查看修改，或把报告存为文件再修正");
        return EXIT_TROUBLE;
    }
    let files = match collect(&args.paths) {
        Ok((files, warnings)) => {
            for warning in warnings {
                eprintln!("警告：{warning}");
            }
            files
        }
        Err(message) => {
            eprintln!("{message}");
            return EXIT_TROUBLE;
        }
    };
    // Build jieba while the packs load and the files are read (see `segment::warm_up`).
    gwlint_rules::segment::warm_up();
    gwlint_rules::pack::warm_up_builtin_models();
    // The rules for each file, in order: load errors stop the run before any
    // linting, and warnings print once, as the files are listed.
    let mut cache = RuleCache::default();
    let mut warned = HashSet::new();
    let mut jobs = Vec::with_capacity(files.len());
    for path in &files {
        // Standard input takes the configuration of the current folder.
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let rules = match cache.for_dir(&args.config, dir) {
            Ok(rules) => rules,
            Err(errors) => {
                print_load_errors(&errors);
                return EXIT_TROUBLE;
            }
        };
        for warning in &rules.warnings {
            if warned.insert(warning.clone()) {
                eprintln!("警告：{warning}");
            }
        }
        jobs.push((path.as_path(), rules.linter.clone()));
    }
    let mut reports = Vec::new();
    let mut trouble = false;
    // Files that could not be read or checked (each also named on standard error).
    let mut unchecked = Vec::new();
    // Files are linted in parallel; what each one prints is replayed in file
    // order, so the output is the same as a sequential run's.
    for outcome in lint_in_parallel(&jobs, args) {
        for line in &outcome.output {
            match line {
                Output::Stdout(text) => out!("{text}"),
                Output::Stderr(text) => eprintln!("{text}"),
            }
        }
        match outcome.report {
            Ok(report) => reports.push(report),
            Err(unread) => {
                trouble = true;
                unchecked.push(unread);
            }
        }
    }
    crate::batch::add_shared_passages(&mut reports);
    if let Some(previous) = &args.previous {
        match read_report(previous) {
            Ok(read) => {
                let last_year = Document::parse(read.text, Format::from_path(previous));
                for report in &mut reports {
                    crate::batch::add_previous_year(report, &last_year, previous);
                }
            }
            Err(message) => {
                eprintln!("{}: {message}", previous.display());
                trouble = true;
            }
        }
    }
    if args.annotate || (args.fix && !args.dry_run) {
        trouble |= !write_reviewed_copies(&mut reports, args);
    }
    if !(args.fix && args.dry_run) {
        match args.format {
            OutputFormat::Human => {
                for report in &reports {
                    out!("{}", human::render_file(report));
                }
                outln!("{}", human::summary(&reports, unchecked.len()));
            }
            OutputFormat::Json => out!("{}", json::render(&reports, &unchecked)),
            OutputFormat::Sarif => out!("{}", sarif::render(&reports, &unchecked)),
            OutputFormat::Html => out!("{}", html::render(&reports, &unchecked)),
        }
    }
    let errors = reports.iter().flat_map(|r| &r.findings).any(|f| f.severity == Severity::Error);
    // The process ends with this run: freeing the compiled rules' tables and
    // automata (a tenth of a one-report run's instructions) is work nobody
    // waits for.
    std::mem::forget((cache, jobs));
    if trouble {
        EXIT_TROUBLE
    } else if errors {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// What checking one file printed, held back to be printed in file order.
enum Output {
    Stdout(String),
    Stderr(String),
}

struct Outcome {
    /// The file and why, when it could not be read, checked or written (the
    /// reason is also in `output`, for standard error).
    report: Result<FileReport, Unchecked>,
    output: Vec<Output>,
}

/// Reads and checks every file, on as many threads as there are cores (at
/// most one per file). Results come back in the order of `jobs`. Files are
/// independent and a `Linter` is shared read-only.
fn lint_in_parallel(jobs: &[(&Path, Arc<Linter>)], args: &CheckArgs) -> Vec<Outcome> {
    let progress = crate::progress::Progress::new(jobs.len());
    let check_one = |(path, linter): &(&Path, Arc<Linter>)| {
        let mut output = Vec::new();
        let report = match read_report(path) {
            Ok(read) => check_file(path, read, linter, args, &mut output),
            Err(message) => Err(message),
        };
        let report = report.map_err(|reason| {
            output.push(Output::Stderr(format!("{}: {reason}", path.display())));
            Unchecked { path: path.to_path_buf(), reason }
        });
        progress.file_done(path);
        Outcome { report, output }
    };
    let done = gwlint_rules::parallel::map_on_all_cores(jobs.len(), |i| check_one(&jobs[i]));
    progress.finish();
    done
}

/// A report as read: its text, where its lines are in a Word document, and the
/// encoding of a text file that was not UTF-8 (written back in it by `--fix`).
struct ReadReport {
    text: String,
    docx: Option<Positions>,
    encoding: Option<TextEncoding>,
}

/// The encodings of plain-text reports besides UTF-8 that Windows editors
/// save: Notepad's "ANSI" on a Chinese system (GBK, which GB18030 extends)
/// and its "Unicode" (UTF-16 with a byte-order mark).
#[derive(Debug, Clone, Copy, PartialEq)]
enum TextEncoding {
    Gb18030,
    Utf16Le,
    Utf16Be,
}

/// Reads a report: a Word document, or a text file in UTF-8, UTF-16 with a
/// byte-order mark, or GB18030 (GBK). A file that is none of these whole —
/// a byte sequence no decoder accepts — is refused, never read with
/// replacement characters a fix could write back.
fn read_report(path: &Path) -> Result<ReadReport, String> {
    let limit = gwlint_rules::file_limits::REPORT_FILE;
    let bytes = if crate::files::is_stdin(path) {
        gwlint_rules::file_limits::read_stream_at_most(std::io::stdin().lock(), limit)
    } else {
        gwlint_rules::file_limits::read_at_most(path, limit)
    }
    .map_err(|e| format!("无法读取：{e}"))?;
    // A Word package under another name (报告.txt that is a .docx renamed, or
    // saved so) is read as the Word document it is; standard input never is,
    // since there would be no file to write a reviewed copy beside.
    const ZIP: &[u8] = b"PK\x03\x04";
    if crate::files::is_docx(path) || (bytes.starts_with(ZIP) && !crate::files::is_stdin(path)) {
        let docx = gwlint::docx::read(&bytes)?;
        return Ok(ReadReport { text: docx.text, docx: Some(docx.positions), encoding: None });
    }
    // Formats gwlint does not read, recognised by their first bytes so that
    // the message says what to do rather than that the encoding is unknown.
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        return Err("是旧版 Word（.doc）或 WPS 文档，不是文本：请在 Word 或 WPS 中另存为 .docx 后再检查".into());
    }
    if bytes.starts_with(b"%PDF-") {
        return Err("是 PDF 文件，不是文本：请检查报告的 Word 原稿（.docx）".into());
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(ReadReport { text, docx: None, encoding: None }),
        Err(e) => e.into_bytes(),
    };
    let refused = || {
        "不是可识别编码的文本文件（UTF-8、UTF-16、GB18030/GBK），也不是 Word 文档（.docx）：\
         .doc、.wps、.pdf 请先另存为 .docx"
            .to_string()
    };
    let (encoding, text) = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((bom, length)) => {
            let encoding = if bom == encoding_rs::UTF_16LE {
                TextEncoding::Utf16Le
            } else if bom == encoding_rs::UTF_16BE {
                TextEncoding::Utf16Be
            } else {
                // A UTF-8 byte-order mark before bytes that are not UTF-8.
                return Err(refused());
            };
            let text = bom.decode_without_bom_handling_and_without_replacement(&bytes[length..]);
            (encoding, text.ok_or_else(refused)?)
        }
        None => {
            let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes);
            (TextEncoding::Gb18030, text.ok_or_else(refused)?)
        }
    };
    // Any bytes can be read as UTF-16, and most bytes below 0x80 as GB18030:
    // a NUL says the file is binary (a report never holds one).
    if text.contains('\0') {
        return Err(refused());
    }
    Ok(ReadReport { text: text.into_owned(), docx: None, encoding: Some(encoding) })
}

/// A report's text in the encoding it was read in (with its byte-order mark).
fn encode_report(text: &str, encoding: Option<TextEncoding>) -> Vec<u8> {
    match encoding {
        None => text.as_bytes().to_vec(),
        // GB18030 encodes every Unicode character: nothing is lost.
        Some(TextEncoding::Gb18030) => encoding_rs::GB18030.encode(text).0.into_owned(),
        Some(utf16) => {
            let to_bytes = if utf16 == TextEncoding::Utf16Le { u16::to_le_bytes } else { u16::to_be_bytes };
            // The byte-order mark first, as the file had it.
            std::iter::once(0xFEFF).chain(text.encode_utf16()).flat_map(to_bytes).collect()
        }
    }
}

fn check_file(
    path: &Path,
    read: ReadReport,
    linter: &Arc<Linter>,
    args: &CheckArgs,
    output: &mut Vec<Output>,
) -> Result<FileReport, String> {
    let ReadReport { text, docx, encoding } = read;
    let format = Format::from_path(path);
    let mut doc = Document::parse(text, format);
    let lint = linter.analyse(&doc, Some(&absolute(path)), None);
    let (mut findings, mut parts) = (lint.findings, lint.parts);
    let mut fixed = 0;
    if args.fix && args.dry_run && docx.is_some() {
        // The changes the reviewed copy would carry (one round: a tracked
        // change is made on the text as it stands).
        let (text, _) = apply_fixes(&doc.text, &findings, true);
        if text != doc.text {
            output.push(Output::Stdout(diff(path, &doc.text, &text)));
        }
    } else if args.fix && docx.is_none() {
        let original = doc.text.clone();
        let lint = |text: &str| linter.lint_file(&Document::parse(text, format), Some(&absolute(path)));
        let settled = gwlint_rules::fix::fix_until_settled(&original, findings, lint);
        fixed = settled.applied;
        findings = settled.findings;
        doc = Document::parse(settled.text, format);
        if fixed > 0 {
            // The parts of the fixed text, judged as a lint judges them (its profile).
            parts = linter.analyse(&doc, None, None).parts;
        }
        if doc.text != original {
            if args.dry_run {
                output.push(Output::Stdout(diff(path, &original, &doc.text)));
            } else {
                std::fs::write(path, encode_report(&doc.text, encoding))
                    .map_err(|e| format!("无法写入修正：{}", gwlint_rules::file_limits::io_write_error_zh(&e)))?;
            }
        }
    }
    Ok(FileReport { path: path.to_path_buf(), doc, findings, fixed, docx, parts, linter: linter.clone() })
}

/// Writes the reviewed copy (`报告.审校.docx`) of every Word document among
/// `reports`: comments for `--annotate`, tracked changes for the safe fixes.
/// Returns false when one could not be written (the reason is printed).
fn write_reviewed_copies(reports: &mut [FileReport], args: &CheckArgs) -> bool {
    let date = gwlint::docx::annotate::now();
    let wanted: Vec<usize> = (0..reports.len()).filter(|&i| reports[i].docx.is_some()).collect();
    let shared: &[FileReport] = reports;
    let outcomes = gwlint_rules::parallel::map_on_all_cores(wanted.len(), |k| {
        let report = &shared[wanted[k]];
        write_reviewed_copy(report, args, &date)
    });
    let mut ok = true;
    for (k, outcome) in outcomes.into_iter().enumerate() {
        let report = &mut reports[wanted[k]];
        match outcome {
            Ok((target, annotated)) => {
                let mut line = format!("{}: 已写入审校稿 {}（", report.path.display(), target.display());
                let mut parts = Vec::new();
                if args.annotate {
                    parts.push(format!("批注 {} 条", annotated.comments));
                }
                parts.push(format!("修订 {} 处", annotated.changes));
                if annotated.fixes_left_to_comments > 0 {
                    parts.push(format!("{} 处修正需在 Word 中手动修改", annotated.fixes_left_to_comments));
                }
                line.push_str(&parts.join("，"));
                line.push('）');
                eprintln!("{line}");
                if args.fix {
                    report.fixed = annotated.changes;
                }
            }
            Err(message) => {
                eprintln!("{}: {message}", report.path.display());
                ok = false;
            }
        }
    }
    ok
}

fn write_reviewed_copy(
    report: &FileReport,
    args: &CheckArgs,
    date: &str,
) -> Result<(std::path::PathBuf, gwlint::docx::annotate::Annotated), String> {
    let target = crate::files::reviewed_copy_path(&report.path);
    if target.exists() && !args.force {
        return Err(format!("审校稿 {} 已存在，未覆盖（加 --force 覆盖）", target.display()));
    }
    let original = gwlint_rules::file_limits::read_at_most(&report.path, gwlint_rules::file_limits::REPORT_FILE)
        .map_err(|e| format!("无法读取：{e}"))?;
    let request = gwlint::docx::annotate::Request {
        text: &report.doc.text,
        findings: &report.findings,
        linter: &report.linter,
        comments: args.annotate,
        changes: true,
        date,
    };
    let annotated = gwlint::docx::annotate::annotate(&original, &request)?;
    std::fs::write(&target, &annotated.bytes).map_err(|e| {
        format!("无法写入审校稿 {}：{}", target.display(), gwlint_rules::file_limits::io_write_error_zh(&e))
    })?;
    Ok((target, annotated))
}

fn diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(1)
        .header(&name, &format!("{name}（修正后）"))
        .to_string()
}

fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
