//! One documentation page per rule, generated from the packs (like
//! markdownlint's `doc/` pages). The pages live in `rules/docs/rules/`; hover
//! and `gwlint explain` link to them, and a test keeps them in step with the packs.

use crate::pack::Pack;
use crate::rule::Rule;
use std::fmt::Write;

/// The Markdown page of one rule.
pub fn rule_page(rule: &Rule, pack: &Pack) -> String {
    let m = &rule.meta;
    let mut page = format!("# {}\n\n", m.id);
    let _ = writeln!(page, "> {}\n", m.message);
    let _ = writeln!(page, "| | |\n|---|---|");
    let _ = writeln!(page, "| 级别 | {}（{}） |", m.severity.label_zh(), m.severity.as_str());
    let _ = writeln!(page, "| 类型 | {} |", m.kind.as_str());
    let _ = writeln!(page, "| 规则包 | {}（{}） |", pack.info.title, pack.info.id);
    let _ = writeln!(page, "| 可自动修正 | {} |\n", if has_safe_fix(rule, pack) { "是" } else { "否" });
    let _ = writeln!(page, "## 说明\n\n{}\n", m.explanation.trim());
    let _ = writeln!(page, "## 依据\n\n{}\n", m.source.trim());
    if !m.specs.fire.is_empty() {
        page.push_str("## 会报告的写法\n\n");
        for text in &m.specs.fire {
            let _ = writeln!(page, "```text\n{}\n```\n", text.trim());
        }
    }
    if !m.specs.pass.is_empty() {
        page.push_str("## 不会报告的写法\n\n");
        for text in &m.specs.pass {
            let _ = writeln!(page, "```text\n{}\n```\n", text.trim());
        }
    }
    if !m.specs.fixed.is_empty() {
        page.push_str("## 修正示例\n\n| 原文 | 修正后 |\n|---|---|\n");
        for (from, to) in &m.specs.fixed {
            let _ = writeln!(page, "| {} | {} |", cell(from), cell(to));
        }
        page.push('\n');
    }
    let _ = writeln!(
        page,
        "## 配置\n\n在 `gwlint.toml` 中关闭此规则或调整级别：\n\n```toml\ndisable = [\"{id}\"]\n\n[severity]\n\"{id}\" = \"info\"\n```",
        id = m.id
    );
    page
}

/// Does `gwlint check --fix` apply this rule's fixes? Judged by linting the
/// rule's own examples and looking at the fixes it offers.
fn has_safe_fix(rule: &Rule, pack: &Pack) -> bool {
    let linter = crate::Linter::for_specs(pack, &rule.meta.id);
    let examples = rule.meta.specs.fire.iter().chain(rule.meta.specs.fixed.iter().map(|(from, _)| from));
    examples.into_iter().any(|text| {
        let doc = crate::Document::parse(text.as_str(), crate::Format::Text);
        linter.lint(&doc).iter().any(|f| f.rule == rule.meta.id && f.fixes.first().is_some_and(|fix| fix.safe))
    })
}

fn cell(text: &str) -> String {
    text.trim().replace('|', "\\|").replace('\n', "<br>")
}

/// The index page: every rule, by category.
pub fn index_page(packs: &[Pack]) -> String {
    let mut page = String::from("# 规则一览\n\n由规则包生成（`gwlint docs`），请勿手工编辑。\n\n");
    for pack in packs {
        let _ = writeln!(page, "## {}（{}）\n\n{}\n", pack.info.title, pack.info.id, pack.info.description);
        let _ = writeln!(page, "| 规则 | 级别 | 说明 |\n|---|---|---|");
        for rule in &pack.rules {
            let m = &rule.meta;
            let _ = writeln!(page, "| [{id}]({id}.md) | {} | {} |", m.severity.label_zh(), cell(&m.message), id = m.id);
        }
        page.push('\n');
        if !pack.info.credits.is_empty() {
            page.push_str("数据来源：\n\n");
            for credit in &pack.info.credits {
                let _ = writeln!(page, "- {credit}");
            }
            page.push('\n');
        }
    }
    page
}

/// Every page as `(file name, contents)`.
pub fn pages(packs: &[Pack]) -> Vec<(String, String)> {
    let mut pages = vec![("README.md".to_string(), index_page(packs))];
    for pack in packs {
        for rule in &pack.rules {
            pages.push((format!("{}.md", rule.meta.id), rule_page(rule, pack)));
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    /// The committed pages match the packs; regenerate with
    /// `GWLINT_UPDATE_DOCS=1 cargo test -p gwlint-rules rule_pages` (or `gwlint docs rules/docs/rules`).
    #[test]
    fn rule_pages_are_up_to_date() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
        let packs = crate::builtin::packs().expect("built-in packs load");
        let pages = super::pages(packs);
        if std::env::var_os("GWLINT_UPDATE_DOCS").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for (name, text) in &pages {
                std::fs::write(dir.join(name), text).unwrap();
            }
        }
        let mut stale = Vec::new();
        for (name, text) in &pages {
            if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        let committed = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert!(
            stale.is_empty() && committed == pages.len(),
            "rule pages out of date ({stale:?}; {committed} files for {} pages): run GWLINT_UPDATE_DOCS=1 cargo test -p gwlint-rules rule_pages",
            pages.len()
        );
    }
}
