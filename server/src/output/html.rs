//! `--format html`: one self-contained review sheet (审校意见单) for the run.
//!
//! - a table of the reports with their scorecards (click a column heading to
//!   sort; `#sort=COLUMN` in the address sorts on opening);
//! - each report's findings: where, the text in context with the finding
//!   marked, the suggested fixes, and a link to the rule's explanation;
//! - the explanations of the rules that fired, once each, at the end.
//!
//! Everything is inline (CSS, a few lines of JS, no fonts or images fetched),
//! so the file can be mailed or archived as is; the print style lays it out
//! on A4.

use super::{FileReport, Unchecked};
use gwlint_rules::scorecard::{PartStatus, Scorecard};
use gwlint_rules::{Finding, Severity};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Characters of context shown on each side of a finding.
const CONTEXT_CHARS: usize = 40;

const STYLE: &str = r#"
:root { --error: #b42318; --warning: #b54708; --info: #175cd3; --hint: #5d6b82; --line: #d0d5dd; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  margin: 0 auto; max-width: 1100px; padding: 24px; color: #101828; line-height: 1.6; font-size: 15px; }
h1 { font-size: 24px; margin: 0 0 4px; text-align: center; letter-spacing: 4px; }
.meta { text-align: center; color: #475467; margin-bottom: 20px; }
h2 { font-size: 18px; border-bottom: 2px solid #101828; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 16px; margin: 24px 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
#reports { font-size: 13px; }
#reports th { cursor: pointer; user-select: none; }
#reports td.title { min-width: 12em; }
#reports th[aria-sort=ascending]::after { content: " ▲"; }
#reports th[aria-sort=descending]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #067647; } .bad { color: var(--error); font-weight: 600; } .warn { color: var(--warning); font-weight: 600; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0 12px; background: #fcfcfd; }
.card span { margin-right: 16px; white-space: nowrap; }
.finding { border-left: 4px solid var(--line); padding: 6px 10px; margin: 10px 0; break-inside: avoid; }
.finding.error { border-color: var(--error); } .finding.warning { border-color: var(--warning); }
.finding.info { border-color: var(--info); } .finding.hint { border-color: var(--hint); }
.sev { font-weight: 600; } .error .sev { color: var(--error); } .warning .sev { color: var(--warning); }
.info .sev { color: var(--info); } .hint .sev { color: var(--hint); }
.where { font-family: ui-monospace, monospace; color: #475467; font-size: 13px; }
.context { background: #f9fafb; border: 1px solid #eaecf0; padding: 4px 8px; margin: 4px 0; white-space: pre-wrap; }
mark { background: #fde68a; padding: 0 1px; } mark.empty { background: none; border-left: 2px solid var(--error); }
.fix { color: #067647; } .fix.optional { color: #475467; }
.rule-doc { break-inside: avoid; border-top: 1px solid var(--line); padding-top: 6px; }
.rule-doc pre { white-space: pre-wrap; font-family: inherit; margin: 4px 0; }
a { color: #175cd3; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  #reports th { cursor: auto; } #reports th::after { content: "" !important; }
  .report { break-before: page; } h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .noprint { display: none; }
}
"#;

const SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('reports');
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  function key(cell) {
    var v = cell.getAttribute('data-sort');
    if (v === null) v = cell.textContent;
    var n = Number(v);
    return isNaN(n) || v === '' ? v : n;
  }
  function sortBy(col, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), 'zh');
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    heads[col].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  }
  for (var i = 0; i < heads.length; i++) {
    (function (col) {
      heads[col].addEventListener('click', function () {
        sortBy(col, heads[col].getAttribute('aria-sort') === 'ascending');
      });
    })(i);
  }
  var m = /sort=([\w-]+)/.exec(location.hash);
  if (m) {
    for (var j = 0; j < heads.length; j++) {
      if (heads[j].getAttribute('data-key') === m[1]) sortBy(j, heads[j].getAttribute('data-order') === 'desc');
    }
  }
  document.body.setAttribute('data-ready', 'yes');
})();
"#;

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn anchor(text: &str) -> String {
    text.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).collect()
}

pub fn render(reports: &[FileReport], unchecked: &[Unchecked]) -> String {
    let cards: Vec<Scorecard> = reports.iter().map(FileReport::scorecard).collect();
    let mut out = String::new();
    let total = |s: Severity| reports.iter().flat_map(|r| &r.findings).filter(|f| f.severity == s).count();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>审校意见单</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>审校意见单</h1>\n<p class=\"meta\">共{}份报告：错误{}处，警告{}处，提示{}处，建议{}处（gwlint {}）</p>\n",
        reports.len(),
        total(Severity::Error),
        total(Severity::Warning),
        total(Severity::Info),
        total(Severity::Hint),
        env!("CARGO_PKG_VERSION"),
    );
    if !unchecked.is_empty() {
        let _ = write!(out, "<h2>无法检查的文件（{}个）</h2>\n<ul class=\"unchecked\">\n", unchecked.len());
        for file in unchecked {
            let _ = writeln!(out, "<li><b>{}</b>：{}</li>", esc(&file.path.display().to_string()), esc(&file.reason));
        }
        out.push_str("</ul>\n");
    }
    overview(reports, &cards, &mut out);
    let mut fired: BTreeMap<String, &FileReport> = BTreeMap::new();
    for (i, (report, card)) in reports.iter().zip(&cards).enumerate() {
        report_section(i, report, card, &mut out);
        for finding in &report.findings {
            fired.entry(finding.rule.clone()).or_insert(report);
        }
    }
    rule_docs(&fired, &mut out);
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn overview(reports: &[FileReport], cards: &[Scorecard], out: &mut String) {
    out.push_str("<h2>报告一览</h2>\n<p class=\"noprint\">点击表头可排序。</p>\n<table id=\"reports\">\n<thead><tr>");
    let parts: Vec<(String, String)> =
        cards.first().map(|c| c.parts.iter().map(|p| (p.key.clone(), p.label.clone())).collect()).unwrap_or_default();
    let mut heads = vec![("file", "报告", "asc"), ("title", "标题", "asc")];
    let part_heads: Vec<(String, String)> = parts.iter().map(|(k, l)| (format!("part-{k}"), l.clone())).collect();
    for (key, label, order) in heads.drain(..) {
        let _ = write!(out, "<th data-key=\"{key}\" data-order=\"{order}\">{label}</th>");
    }
    for (key, label) in &part_heads {
        let _ = write!(out, "<th data-key=\"{}\" data-order=\"desc\">{}</th>", esc(key), esc(label));
    }
    for (key, label) in [
        ("errors", "错误"),
        ("warnings", "警告"),
        ("infos", "提示"),
        ("hints", "建议"),
        ("figures", "成效数据/千字"),
        ("frame", "主送·落款·日期"),
    ] {
        let _ = write!(out, "<th data-key=\"{key}\" data-order=\"desc\">{label}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, (report, card)) in reports.iter().zip(cards).enumerate() {
        let path = report.path.display().to_string();
        let _ = write!(out, "<tr><td data-sort=\"{}\"><a href=\"#report-{i}\">{}</a></td>", esc(&path), esc(&path));
        match &card.title.text {
            Some(t) => {
                let _ = write!(out, "<td class=\"title\">{}</td>", esc(t));
            }
            None => out.push_str("<td data-sort=\"\" class=\"bad\">无标题</td>"),
        }
        for (key, _) in &parts {
            match card.parts.iter().find(|p| &p.key == key) {
                Some(part) => {
                    let (class, rank) = match part.status {
                        PartStatus::Present if part.problems.is_empty() => ("ok", 0),
                        PartStatus::Present => ("warn", 1),
                        PartStatus::OutOfOrder => ("warn", 2),
                        PartStatus::Missing => ("bad", 3),
                    };
                    let label = if part.status == PartStatus::Present && !part.problems.is_empty() {
                        "有，不完整"
                    } else {
                        part.status.label_zh()
                    };
                    let tip = part.problems.join("；");
                    let _ =
                        write!(out, "<td data-sort=\"{rank}\" class=\"{class}\" title=\"{}\">{label}</td>", esc(&tip));
                }
                None => out.push_str("<td data-sort=\"-1\">—</td>"),
            }
        }
        let s = &card.severity;
        for n in [s.error, s.warning, s.info, s.hint] {
            let _ = write!(out, "<td class=\"num\">{n}</td>");
        }
        match &card.figures {
            Some(f) => {
                let low = f.minimum.is_some_and(|m| f.per_1000 < m);
                let _ = write!(
                    out,
                    "<td class=\"num{}\" data-sort=\"{}\" title=\"{}个数据 / {}字\">{:.1}</td>",
                    if low { " bad" } else { "" },
                    f.per_1000,
                    f.figures,
                    f.characters,
                    f.per_1000
                );
            }
            None => out.push_str("<td class=\"num\" data-sort=\"-1\">—</td>"),
        }
        let marks: Vec<String> = [("主送", &card.addressee), ("落款", &card.signature), ("日期", &card.date)]
            .iter()
            .map(
                |(label, e)| {
                    if e.present { format!("{label}✓") } else { format!("<span class=\"bad\">{label}✗</span>") }
                },
            )
            .collect();
        let missing = [&card.addressee, &card.signature, &card.date].iter().filter(|e| !e.present).count();
        let _ = writeln!(out, "<td data-sort=\"{missing}\">{}</td></tr>", marks.join("<br>"));
    }
    out.push_str("</tbody>\n</table>\n");
}

fn report_section(i: usize, report: &FileReport, card: &Scorecard, out: &mut String) {
    let path = report.path.display().to_string();
    let _ = writeln!(out, "<section class=\"report\" id=\"report-{i}\">\n<h2>{}</h2>", esc(&path));
    out.push_str("<div class=\"card\">");
    let _ = write!(
        out,
        "<span>标题：{}</span>",
        card.title.text.as_deref().map_or_else(|| "<b class=\"bad\">缺</b>".to_string(), esc)
    );
    for part in &card.parts {
        let class = match part.status {
            PartStatus::Present => "ok",
            PartStatus::OutOfOrder => "warn",
            PartStatus::Missing => "bad",
        };
        let _ = write!(out, "<span>{}：<b class=\"{class}\">{}</b></span>", esc(&part.label), part.status.label_zh());
    }
    if let Some(f) = &card.figures {
        let _ = write!(
            out,
            "<span>“{}”部分数据：{}个 / {}字，每千字{:.1}个</span>",
            esc(&f.label),
            f.figures,
            f.characters,
            f.per_1000
        );
    }
    let s = &card.severity;
    let _ = writeln!(out, "<span>错误{} 警告{} 提示{} 建议{}</span></div>", s.error, s.warning, s.info, s.hint);
    if report.findings.is_empty() {
        out.push_str("<p class=\"ok\">未发现问题。</p>\n");
    }
    for finding in &report.findings {
        finding_html(report, finding, out);
    }
    out.push_str("</section>\n");
}

fn finding_html(report: &FileReport, finding: &Finding, out: &mut String) {
    let place = report.place(finding.range.start);
    let where_ = match place.paragraph {
        Some((p, c)) => format!("第{p}段第{c}字"),
        None => format!("第{}行第{}列", place.line, place.column),
    };
    let severity = finding.severity.as_str();
    let _ = write!(
        out,
        "<div class=\"finding {severity}\" data-rule=\"{}\">\n<div><span class=\"sev\">{}</span> \
         <span class=\"where\">{where_}</span> {} \
         <a class=\"rule\" href=\"#rule-{}\">[{}]</a></div>\n",
        esc(&finding.rule),
        finding.severity.label_zh(),
        esc(&finding.message),
        anchor(&finding.rule),
        esc(&finding.rule),
    );
    let _ = writeln!(out, "<div class=\"context\">{}</div>", context(report, finding));
    for fix in &finding.fixes {
        let (class, label) = if fix.safe { ("fix", "修改建议") } else { ("fix optional", "可选修改") };
        let _ = writeln!(out, "<div class=\"{class}\">{label}：{}</div>", esc(&fix.title));
    }
    for related in &finding.related {
        let at = report.place(related.range.start);
        let at = match at.paragraph {
            Some((p, c)) => format!("第{p}段第{c}字"),
            None => format!("第{}行第{}列", at.line, at.column),
        };
        let _ = writeln!(out, "<div class=\"related\">参见{at}：{}</div>", esc(&related.message));
    }
    out.push_str("</div>\n");
}

/// The finding's paragraph around it, the finding marked.
fn context(report: &FileReport, finding: &Finding) -> String {
    let doc = &report.doc;
    let line = doc.lines.line_range(doc.lines.line_of(finding.range.start));
    let start = finding.range.start.clamp(line.start, line.end);
    let end = finding.range.end.clamp(start, line.end);
    let before: Vec<char> = doc.text[line.start..start].chars().collect();
    let after: Vec<char> = doc.text[end..line.end].chars().collect();
    let mut html = String::new();
    if before.len() > CONTEXT_CHARS {
        html.push('…');
    }
    html.push_str(&esc(&before[before.len().saturating_sub(CONTEXT_CHARS)..].iter().collect::<String>()));
    if start == end {
        html.push_str("<mark class=\"empty\" title=\"此处\"></mark>");
    } else {
        let _ = write!(html, "<mark>{}</mark>", esc(&doc.text[start..end]));
    }
    html.push_str(&esc(&after.iter().take(CONTEXT_CHARS).collect::<String>()));
    if after.len() > CONTEXT_CHARS {
        html.push('…');
    }
    html
}

fn rule_docs(fired: &BTreeMap<String, &FileReport>, out: &mut String) {
    if fired.is_empty() {
        return;
    }
    out.push_str("<section class=\"report\" id=\"rules\">\n<h2>规则说明</h2>\n");
    for (id, report) in fired {
        let Some(rule) = report.linter.rule(id) else { continue };
        let _ = writeln!(
            out,
            "<div class=\"rule-doc\" id=\"rule-{}\"><h3>{}</h3><pre>{}</pre><p>依据：{}</p>\
             <p class=\"noprint\"><a href=\"{}\">规则说明页</a></p></div>",
            anchor(id),
            esc(id),
            esc(rule.meta.explanation.trim()),
            esc(&rule.meta.source),
            esc(&gwlint_rules::rule_doc_url(id)),
        );
    }
    out.push_str("</section>\n");
}
