//! Writing a reviewer's decision into `gwlint.toml`: "ignore this finding"
//! adds an `[[ignore]]` table, "turn this rule off" adds the rule id to
//! `disable`.
//!
//! The file is edited with `toml_edit`, which keeps everything it does not
//! touch (comments, blank lines, key order, quoting) exactly as the user
//! wrote it. A file that does not parse is left alone and the user is told.

use std::path::{Path, PathBuf};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

/// A change to a workspace's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigChange {
    /// Dismiss the findings of `rule` on `text` (in `file`, relative to the config's folder).
    Ignore { rule: String, text: String, file: Option<String> },
    /// Turn `rule` off.
    Disable { rule: String },
}

/// Where a change goes: the `gwlint.toml` in force, else a new one in the
/// workspace folder holding the document, else beside the document.
pub fn target_file(config_in_force: Option<&Path>, root: Option<&Path>, document: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = config_in_force {
        return Some(path.to_path_buf());
    }
    let dir = match (root, document) {
        (Some(root), Some(doc)) if doc.starts_with(root) => root,
        (Some(root), None) => root,
        (_, Some(doc)) => doc.parent()?,
        (None, None) => return None,
    };
    Some(dir.join(gwlint_rules::config::CONFIG_FILE))
}

/// The path of `document` relative to the folder of `config`, with `/`.
pub fn relative_file(config: &Path, document: &Path) -> Option<String> {
    let relative = document.strip_prefix(config.parent()?).ok()?;
    Some(relative.to_string_lossy().replace('\\', "/"))
}

/// Applies `change` to the file at `path` (created when absent).
pub fn write_change(path: &Path, change: &ConfigChange) -> Result<(), String> {
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("无法读取 {}：{e}", path.display())),
    };
    let edited = apply(&source, change).map_err(|e| format!("{}：{e}", path.display()))?;
    std::fs::write(path, edited).map_err(|e| format!("无法写入 {}：{e}", path.display()))
}

/// The text of a `gwlint.toml` after `change`.
pub fn apply(source: &str, change: &ConfigChange) -> Result<String, String> {
    let mut doc: DocumentMut =
        source.parse().map_err(|e: toml_edit::TomlError| format!("配置文件格式有误，未作修改：{}", e.message()))?;
    match change {
        ConfigChange::Ignore { rule, text, file } => add_ignore(&mut doc, rule, text, file.as_deref())?,
        ConfigChange::Disable { rule } => add_disabled(&mut doc, rule)?,
    }
    Ok(doc.to_string())
}

fn add_disabled(doc: &mut DocumentMut, rule: &str) -> Result<(), String> {
    let item = doc.entry("disable").or_insert_with(|| value(Array::new()));
    let array = item.as_array_mut().ok_or("disable 应当是规则 id 的列表")?;
    if !array.iter().any(|v| v.as_str() == Some(rule)) {
        array.push(rule);
    }
    Ok(())
}

fn add_ignore(doc: &mut DocumentMut, rule: &str, text: &str, file: Option<&str>) -> Result<(), String> {
    let item = doc.entry("ignore").or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let same = |rule_of: Option<&str>, text_of: Option<&str>, file_of: Option<&str>| {
        rule_of == Some(rule) && text_of == Some(text) && file_of == file
    };
    match item {
        Item::ArrayOfTables(tables) => {
            let exists = tables.iter().any(|t| {
                same(
                    t.get("rule").and_then(Item::as_str),
                    t.get("text").and_then(Item::as_str),
                    t.get("file").and_then(Item::as_str),
                )
            });
            if !exists {
                let mut table = Table::new();
                table.insert("rule", value(rule));
                table.insert("text", value(text));
                if let Some(file) = file {
                    table.insert("file", value(file));
                }
                tables.push(table);
            }
        }
        // `ignore = [{ rule = "…", text = "…" }]`: keep the user's inline style.
        Item::Value(Value::Array(array)) => {
            let exists = array.iter().filter_map(Value::as_inline_table).any(|t| {
                same(
                    t.get("rule").and_then(Value::as_str),
                    t.get("text").and_then(Value::as_str),
                    t.get("file").and_then(Value::as_str),
                )
            });
            if !exists {
                let mut table = toml_edit::InlineTable::new();
                table.insert("rule", rule.into());
                table.insert("text", text.into());
                if let Some(file) = file {
                    table.insert("file", file.into());
                }
                array.push(table);
            }
        }
        _ => return Err("ignore 应当是 [[ignore]] 表".to_string()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER_FILE: &str = "# 本县的设置\nprofile = \"local\"   # 顺序方案\n\n[severity]\n\"phrase\" = \"info\"\n";

    #[test]
    fn ignore_appends_a_table_and_keeps_comments() {
        let change = ConfigChange::Ignore {
            rule: "typo.common".into(),
            text: "目标导间".into(),
            file: Some("报告/a.txt".into()),
        };
        let out = apply(USER_FILE, &change).unwrap();
        assert!(out.starts_with(USER_FILE), "{out}");
        assert!(
            out.ends_with("[[ignore]]\nrule = \"typo.common\"\ntext = \"目标导间\"\nfile = \"报告/a.txt\"\n"),
            "{out}"
        );
        assert_eq!(apply(&out, &change).unwrap(), out, "recording twice changes nothing");
        let config = gwlint_rules::Config::parse("gwlint.toml", &out).unwrap();
        assert_eq!(config.ignore.len(), 1);
    }

    #[test]
    fn disable_adds_the_rule_once() {
        let change = ConfigChange::Disable { rule: "typo.common".into() };
        let out = apply(USER_FILE, &change).unwrap();
        assert!(out.contains("# 本县的设置") && out.contains("# 顺序方案"), "{out}");
        assert_eq!(apply(&out, &change).unwrap(), out);
        assert_eq!(gwlint_rules::Config::parse("gwlint.toml", &out).unwrap().disable, ["typo.common"]);
        assert_eq!(apply("", &change).unwrap(), "disable = [\"typo.common\"]\n");
    }

    #[test]
    fn broken_files_are_not_touched() {
        let change = ConfigChange::Disable { rule: "x".into() };
        assert!(apply("disable = [", &change).unwrap_err().contains("未作修改"));
        assert!(apply("disable = 3", &change).is_err());
    }

    #[test]
    fn the_target_is_the_config_in_force_else_the_workspace_folder() {
        let (root, doc) = (Path::new("/ws"), Path::new("/ws/报告/a.txt"));
        assert_eq!(
            target_file(Some(Path::new("/ws/报告/gwlint.toml")), Some(root), Some(doc)).unwrap(),
            Path::new("/ws/报告/gwlint.toml")
        );
        assert_eq!(target_file(None, Some(root), Some(doc)).unwrap(), Path::new("/ws/gwlint.toml"));
        assert_eq!(
            target_file(None, Some(root), Some(Path::new("/else/b.txt"))).unwrap(),
            Path::new("/else/gwlint.toml")
        );
        assert_eq!(relative_file(Path::new("/ws/gwlint.toml"), doc).unwrap(), "报告/a.txt");
    }
}
