//! `gwlint rules`, `gwlint explain` and `gwlint schema`.

use crate::ConfigArgs;
use crate::check::{EXIT_CLEAN, EXIT_TROUBLE};
use crate::files::{RuleCache, Rules, print_load_errors};
use crate::stdout::{out, outln};
use gwlint_rules::rule::Rule;
use std::path::Path;
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

fn load(config: &ConfigArgs) -> Option<Arc<Rules>> {
    match RuleCache::default().for_dir(config, Path::new(".")) {
        Ok(rules) => {
            for warning in &rules.warnings {
                eprintln!("警告：{warning}");
            }
            Some(rules)
        }
        Err(errors) => {
            print_load_errors(&errors);
            None
        }
    }
}

/// One line per active rule: id, kind, severity, message.
pub fn list(config: &ConfigArgs) -> u8 {
    let Some(rules) = load(config) else {
        return EXIT_TROUBLE;
    };
    let linter = &rules.linter;
    let width = linter.rules().iter().map(|r| r.meta.id.width()).max().unwrap_or(0);
    for rule in linter.rules() {
        let m = &rule.meta;
        outln!("{:width$}  {:7}  {:7}  {}", m.id, m.kind.as_str(), m.severity.as_str(), m.message);
    }
    if let Some(profile) = linter.profile() {
        outln!("\n必备部分顺序方案：{}（{}）", profile.id, profile.title);
    }
    EXIT_CLEAN
}

/// The rule's explanation, source and examples.
pub fn explain(id: &str, config: &ConfigArgs) -> u8 {
    let Some(rules) = load(config) else {
        return EXIT_TROUBLE;
    };
    match rules.linter.rule(id) {
        Some(rule) => {
            out!("{}", explanation(rule));
            EXIT_CLEAN
        }
        None => {
            let similar: Vec<&str> = rules
                .linter
                .rules()
                .iter()
                .map(|r| r.meta.id.as_str())
                .filter(|other| shares_prefix(other, id))
                .collect();
            eprintln!("没有规则“{id}”。");
            if !similar.is_empty() {
                eprintln!("相近的规则：{}", similar.join("、"));
            }
            eprintln!("用 gwlint rules 查看全部规则。");
            EXIT_TROUBLE
        }
    }
}

fn shares_prefix(a: &str, b: &str) -> bool {
    let category = |s: &str| s.split('.').next().unwrap_or("").to_string();
    category(a) == category(b) || a.contains(b) || b.contains(a)
}

/// The text `gwlint explain` prints.
pub fn explanation(rule: &Rule) -> String {
    let m = &rule.meta;
    let mut out = format!(
        "{}（{} · {} · 规则包 {}）\n{}\n\n{}\n\n依据：{}\n",
        m.id,
        m.severity.label_zh(),
        m.kind.as_str(),
        m.pack,
        m.message,
        m.explanation.trim(),
        m.source
    );
    let example = |text: &str| text.trim().replace('\n', "\n    ");
    if !m.specs.fire.is_empty() {
        out.push_str("\n会报告的写法：\n");
        for spec in &m.specs.fire {
            out.push_str(&format!("  ✗ {}\n", example(spec)));
        }
    }
    if !m.specs.pass.is_empty() {
        out.push_str("\n不会报告的写法：\n");
        for spec in &m.specs.pass {
            out.push_str(&format!("  ✓ {}\n", example(spec)));
        }
    }
    if !m.specs.fixed.is_empty() {
        out.push_str("\n修正示例：\n");
        for (from, to) in &m.specs.fixed {
            out.push_str(&format!("  {} → {}\n", example(from), example(to)));
        }
    }
    out.push_str(&format!("\n详见：{}\n", gwlint_rules::rule_doc_url(&m.id)));
    out.push_str(&format!(
        "\n关闭此规则：在 gwlint.toml 中写 disable = [\"{}\"]；调整级别：[severity] \"{}\" = \"info\"\n",
        m.id, m.id
    ));
    out
}

/// Prints a JSON Schema.
pub fn schema(pack: bool) -> u8 {
    out!("{}", if pack { gwlint_rules::json_schema::pack() } else { gwlint_rules::json_schema::config() });
    EXIT_CLEAN
}

/// Writes one Markdown page per rule, and an index, into `out`.
pub fn docs(out: &Path, extra_packs: &[std::path::PathBuf]) -> u8 {
    let mut packs: Vec<gwlint_rules::Pack> = match gwlint_rules::builtin::packs() {
        Ok(packs) => packs.to_vec(),
        Err(errors) => {
            print_load_errors(errors);
            return EXIT_TROUBLE;
        }
    };
    for file in extra_packs {
        match gwlint_rules::workspace::load_pack_file(file) {
            Ok(pack) => packs.push(pack),
            Err(errors) => {
                print_load_errors(&errors);
                return EXIT_TROUBLE;
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: 无法创建文件夹：{e}", out.display());
        return EXIT_TROUBLE;
    }
    let pages = gwlint_rules::rule_pages::pages(&packs);
    for (name, text) in &pages {
        if let Err(e) = std::fs::write(out.join(name), text) {
            eprintln!("{}: 无法写入：{e}", out.join(name).display());
            return EXIT_TROUBLE;
        }
    }
    outln!("已在 {} 生成 {} 个说明页", out.display(), pages.len());
    EXIT_CLEAN
}
