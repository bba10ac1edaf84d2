//! Finding the files to check and the rules that apply to each.

use crate::ConfigArgs;
use gwlint_rules::workspace::{self, find_config};
use gwlint_rules::{Linter, LoadError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Extensions `gwlint check` picks up inside folders.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx"];

/// Is this a Word document (read as .docx rather than as text)?
pub fn is_docx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Where the reviewed copy of a Word document goes: `报告.docx` → `报告.审校.docx`
/// beside it.
pub fn reviewed_copy_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().map_or_else(|| "报告".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}.{REVIEWED}.docx"))
}

/// The mark in a reviewed copy's name.
const REVIEWED: &str = "审校";

/// Is this a reviewed copy gwlint wrote (left out when a folder is searched,
/// so a second run does not review its own output)?
fn is_reviewed_copy(path: &Path) -> bool {
    is_docx(path) && path.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.ends_with(&format!(".{REVIEWED}")))
}

/// Is this path `-`, standard input (a report piped in: `… | gwlint check -`)?
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Expands folders into the report files inside them (sorted, hidden entries
/// skipped). Files named explicitly are always taken, and `-` (standard
/// input) once. A folder with no report
/// in it is most likely the wrong folder, or one of formats gwlint cannot
/// read (.doc, .pdf, .wps): each such folder gets a warning, for standard
/// error, saying so.
pub fn collect(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        if is_stdin(path) {
            if !files.iter().any(|f: &PathBuf| is_stdin(f)) {
                files.push(path.clone());
            }
        } else if path.is_dir() {
            let before = files.len();
            walk(path, &mut files).map_err(|e| format!("{}: 无法读取文件夹：{e}", path.display()))?;
            if files.len() == before {
                warnings.push(format!(
                    "{}: 文件夹中没有可检查的报告（.txt、.md、.docx 文件）；.doc、.wps、.pdf 请先另存为 .docx",
                    path.display()
                ));
            }
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            return Err(format!("{}: 文件或文件夹不存在", path.display()));
        }
    }
    Ok((files, warnings))
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), walkdir::Error> {
    // Hidden entries, and Word's lock files (~$报告.docx) while a document is open.
    let hidden = |entry: &walkdir::DirEntry| {
        entry.depth() > 0 && entry.file_name().to_str().is_some_and(|n| n.starts_with('.') || n.starts_with("~$"))
    };
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| !hidden(e)) {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a folder above it: its files are walked already.
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => return Err(e),
        };
        let path = entry.path();
        let report = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if entry.file_type().is_file() && report && !is_reviewed_copy(path) {
            files.push(path.to_path_buf());
        }
    }
    Ok(())
}

/// A linter together with the warnings its configuration produced, each
/// naming the `gwlint.toml` it is about.
pub struct Rules {
    pub linter: Arc<Linter>,
    pub warnings: Vec<String>,
}

/// The rules of a run: the configuration the command line asks for (or the
/// nearest `gwlint.toml`), over the shared [`workspace::RuleCache`], so that
/// a folder of reports under one `gwlint.toml` loads its packs once.
#[derive(Default)]
pub struct RuleCache {
    by_config: workspace::RuleCache,
}

impl RuleCache {
    /// The rules for a file in `dir` (or for the current folder).
    pub fn for_dir(&mut self, args: &ConfigArgs, dir: &Path) -> Result<Arc<Rules>, Vec<LoadError>> {
        let config_path = match &args.config {
            Some(path) => Some(path.clone()),
            None => find_config(&absolute(dir)),
        };
        let rules = self.by_config.get_or_load(&config_path, &args.rules)?;
        let warnings = rules
            .warnings
            .iter()
            .map(|w| match &config_path {
                Some(p) => format!("{}: {w}", p.display()),
                None => w.clone(),
            })
            .collect();
        Ok(Arc::new(Rules { linter: rules.linter.clone(), warnings }))
    }
}

fn absolute(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// Prints load errors for the user, one block each.
pub fn print_load_errors(errors: &[LoadError]) {
    for error in errors {
        eprintln!("{error}\n");
    }
    eprintln!("规则加载失败：共 {} 处错误", errors.len());
}
