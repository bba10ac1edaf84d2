//! What a workspace's files can make gwlint do (see SECURITY.md): a
//! `gwlint.toml` or a pack reads only files inside the workspace or the
//! user's configuration folder, a pack's regexes are size-limited, and the
//! engine and the binary contain no way to run a program.

use gwlint_rules::workspace::{check_pack_path, load_config};
use std::path::Path;

#[path = "../../tests/support/temp.rs"]
mod temp;
use temp::TempDir;

/// A fresh folder holding `ws/` (the workspace) and `outside/` beside it,
/// removed when the test ends.
fn sandbox(name: &str) -> TempDir {
    let dir = TempDir::new(&format!("security-{name}"));
    for sub in ["ws/规则", "outside", "home/gwlint"] {
        std::fs::create_dir_all(dir.join(sub)).expect("sandbox");
    }
    std::fs::write(dir.join("outside/secret.toml"), "[pack]\n").expect("outside file");
    std::fs::write(dir.join("ws/规则/本县.toml"), "[pack]\n").expect("inside file");
    std::fs::write(dir.join("home/gwlint/mine.toml"), "[pack]\n").expect("user file");
    dir
}

/// Writes `config` as the workspace's gwlint.toml and loads it.
fn load(dir: &Path, config: &str) -> Result<gwlint_rules::Config, gwlint_rules::LoadError> {
    let path = dir.join("ws/gwlint.toml");
    std::fs::write(&path, config).expect("write gwlint.toml");
    load_config(&path)
}

#[test]
fn a_parent_dir_escape_is_refused_at_its_string() {
    let dir = sandbox("dotdot");
    let error =
        load(&dir, "profile = \"local\"\nrules = [\"规则/本县.toml\", \"../outside/secret.toml\"]\n").unwrap_err();
    assert_eq!((error.line, error.column), (2, 24), "{error}");
    assert!(error.message.contains("含有 ..") && error.message.contains("拒绝读取"), "{error}");
    // Even a `..` that comes back inside is refused: the rule is simple to state.
    let error = load(&dir, "rules = [\"规则/../规则/本县.toml\"]\n").unwrap_err();
    assert_eq!(error.column, 10);
    assert!(load(&dir, "rules = [\"规则/本县.toml\"]\n").is_ok());
}

#[test]
fn an_absolute_path_outside_the_workspace_is_refused() {
    let dir = sandbox("absolute");
    let outside = dir.join("outside/secret.toml");
    let error = load(&dir, &format!("rules = ['{}']\n", outside.display())).unwrap_err();
    assert!(error.message.contains("位于工作区之外"), "{error}");
    let inside = dir.join("ws/规则/本县.toml");
    assert!(load(&dir, &format!("rules = ['{}']\n", inside.display())).is_ok());
}

#[test]
fn the_users_config_folder_is_allowed() {
    let dir = sandbox("user");
    let user = dir.join("home/gwlint");
    let mine = user.join("mine.toml");
    let ws = dir.join("ws");
    assert_eq!(check_pack_path(&ws, &mine.to_string_lossy(), Some(&user)), Ok(()));
    let refused = check_pack_path(&ws, &mine.to_string_lossy(), None).unwrap_err();
    assert!(refused.contains("位于工作区之外"), "{refused}");
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_out_of_the_workspace_is_refused() {
    use std::os::unix::fs::symlink;
    let dir = sandbox("symlink");
    let ws = dir.join("ws");
    symlink(dir.join("outside/secret.toml"), ws.join("link.toml")).expect("file symlink");
    symlink(dir.join("outside"), ws.join("linked-folder")).expect("folder symlink");
    symlink(ws.join("规则/本县.toml"), ws.join("inside-link.toml")).expect("inner symlink");
    for listed in ["link.toml", "linked-folder/secret.toml"] {
        let error = load(&dir, &format!("rules = [\"{listed}\"]\n")).unwrap_err();
        assert!(error.message.contains("经符号链接指向工作区之外"), "{listed}: {error}");
        assert_eq!(error.line, 1);
    }
    assert!(load(&dir, "rules = [\"inside-link.toml\"]\n").is_ok(), "a symlink within the workspace is fine");
}

#[cfg(unix)]
#[test]
fn a_packs_data_files_stay_in_its_folder() {
    use std::os::unix::fs::symlink;
    let dir = sandbox("data");
    std::fs::write(dir.join("outside/words.tsv"), "错词\t正词\n").expect("outside data");
    symlink(dir.join("outside/words.tsv"), dir.join("ws/规则/link.tsv")).expect("data symlink");
    let pack = |dictionary: &str| {
        format!(
            "[pack]\nid = \"p\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"d\"\n\n[[rule]]\nid = \"typo.p\"\n\
             kind = \"typo\"\nseverity = \"error\"\nmessage = \"m\"\nexplanation = \"e\"\nsource = \"s\"\n\
             specs.fire = [\"错词\"]\ndictionaries = [\"{dictionary}\"]\n"
        )
    };
    let path = dir.join("ws/规则/p.toml");
    for (dictionary, reason) in [
        ("../../outside/words.tsv", "不能用绝对路径或 .."),
        (&dir.join("outside/words.tsv").display().to_string(), "不能用绝对路径或 .."),
        ("link.tsv", "经符号链接指向规则包文件夹之外"),
    ] {
        let errors = gwlint_rules::load_pack(&path.display().to_string(), &pack(dictionary)).unwrap_err();
        assert!(errors[0].message.contains(reason), "{dictionary}: {}", errors[0]);
    }
}

#[test]
fn an_enormous_user_regex_is_refused_with_a_clear_error() {
    let source = "[pack]\nid = \"p\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"d\"\n\n[[rule]]\nid = \"phrase.big\"\n\
                  kind = \"phrase\"\nseverity = \"info\"\nmessage = \"m\"\nexplanation = \"e\"\nsource = \"s\"\n\
                  specs.fire = [\"a\"]\npatterns = ['(?:\\w{1000}){1000}']\n";
    let errors = gwlint_rules::load_pack("big.toml", source).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("正则表达式过大"), "{}", errors[0]);
    assert_eq!(errors[0].line, 15, "the error points at the pattern");
}

/// A rule's patterns are compiled on first use when their alternation compiles
/// (`pattern::DeferredRegex`): a pattern too big, or one that is only valid
/// inside the alternation's group, is still a load error at the pattern.
#[test]
fn every_pattern_of_a_rule_is_checked_at_load_even_those_compiled_later() {
    for (second, reason) in [("(?:\\w{1000}){1000}", "正则表达式过大"), ("乙)|(丙", "正则表达式无效")] {
        let source = format!(
            "[pack]\nid = \"p\"\ntitle = \"t\"\nversion = \"1\"\ndescription = \"d\"\n\n[[rule]]\nid = \"phrase.two\"\n\
             kind = \"phrase\"\nseverity = \"info\"\nmessage = \"m\"\nexplanation = \"e\"\nsource = \"s\"\n\
             specs.fire = [\"甲\"]\npatterns = [\n  '甲',\n  '{second}',\n]\n"
        );
        let errors = gwlint_rules::load_pack("two.toml", &source).unwrap_err();
        assert_eq!(errors.len(), 1, "{second}: {errors:?}");
        assert!(errors[0].message.contains(reason), "{second}: {}", errors[0]);
        assert_eq!(errors[0].line, 17, "{second}: the error points at the second pattern");
    }
}

/// gwlint never runs anything: no process spawning, no dynamic loading, in
/// the engine or the binary. (Tests may start processes; they are not
/// shipped.) A new use has to come with a change to SECURITY.md and here.
#[test]
fn no_source_file_can_start_a_program() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut checked = 0;
    let mut stack = vec![root.join("rules/src"), root.join("server/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("source file");
            for forbidden in ["process::Command", "Command::new(", "libloading", "dlopen", "std::process::Stdio"] {
                assert!(!source.contains(forbidden), "{} uses {forbidden}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "found the sources ({checked} files)");
}

/// The language server writes one kind of file: `gwlint.toml`, when the user
/// asks to ignore a finding or turn a rule off (`config_edit::write_change`,
/// whose target is always a `gwlint.toml`). No other module under
/// `server/src/lsp/` may write, create, rename or delete files.
#[test]
fn the_language_server_writes_only_gwlint_toml() {
    let lsp = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/src/lsp");
    let writes = ["fs::write", "File::create", "OpenOptions", "fs::rename", "remove_file", "create_dir", "fs::copy"];
    let mut writers = Vec::new();
    for entry in std::fs::read_dir(&lsp).expect("server/src/lsp") {
        let path = entry.expect("entry").path();
        let source = std::fs::read_to_string(&path).expect("source file");
        // Only the code the server runs, not its unit tests.
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        if writes.iter().any(|w| code.contains(w)) {
            writers.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert_eq!(writers, ["config_edit.rs"]);
    let config_edit = std::fs::read_to_string(lsp.join("config_edit.rs")).expect("config_edit.rs");
    assert_eq!(config_edit.matches("std::fs::write(").count(), 1, "one write, in write_change");
    assert!(config_edit.contains("Some(dir.join(gwlint_rules::config::CONFIG_FILE))"), "a new file is a gwlint.toml");
}

/// A pack's measure words become one regular expression: tens of thousands
/// of them used to panic (`CompiledTooBig`) in `gwlint check` and take the
/// editor's rule build down. Now they are a load error pointing at the field.
#[test]
fn a_pack_with_too_many_figure_units_is_a_load_error_not_a_panic() {
    let head = |units: &str| {
        format!(
            "[pack]\nid = \"t\"\ntitle = \"测试\"\nversion = \"1\"\ndescription = \"测试\"\nfigure_units = [{units}]\n"
        )
    };
    let many: Vec<String> = (0..50_000).map(|i| format!("\"单位{i}\"")).collect();
    let source = head(&many.join(", "));
    let errors = gwlint_rules::load_pack("many.toml", &source).expect_err("too many units");
    let shown = errors[0].to_string();
    assert!(shown.starts_with("many.toml:6:"), "{shown}");
    assert!(shown.contains("figure_units") && shown.contains("上限"), "{shown}");

    let long = head("\"一二三四五六七八九十一二\"");
    assert!(gwlint_rules::load_pack("long.toml", &long).is_err());
    let empty = head("\"\"");
    assert!(gwlint_rules::load_pack("empty.toml", &empty).is_err());

    let fine: Vec<String> = (0..1_500).map(|i| format!("\"单位{i}\"")).collect();
    let pack = gwlint_rules::load_pack("fine.toml", &head(&fine.join(", "))).expect("1,500 short units load");
    // Two such packs together exceed the limit: the linter warns and keeps the built-in units.
    let mut other = pack.clone();
    other.info.id = "u".into();
    let (linter, warnings) = gwlint_rules::Linter::new(vec![pack, other], &gwlint_rules::Config::default());
    assert!(warnings.iter().any(|w| w.contains("figure_units")), "{warnings:?}");
    let doc = gwlint_rules::Document::parse("调处纠纷50件。", gwlint_rules::Format::Text);
    assert!(linter.figures().has_figure(&doc.text, 0..doc.text.len()));
}
