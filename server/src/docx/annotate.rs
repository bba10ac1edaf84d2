//! Writing findings back into a Word document: each finding a comment (批注)
//! on exactly the text it is about, each safe fix a tracked change (修订) the
//! writer accepts or rejects in Word.
//!
//! The document is edited by splicing, not by rewriting: the reader's
//! [`TextMap`](super::TextMap) says which bytes of `word/document.xml` every
//! character of the checked text came from, and every edit is an insertion of
//! markup at such a byte. To put a mark between two characters of one run, the
//! run is closed and reopened with a copy of its properties:
//!
//! ```text
//! <w:r><w:rPr>…</w:rPr><w:t>推进依法行政</w:t></w:r>
//! <w:r><w:rPr>…</w:rPr><w:t>推进</w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:rPr>…</w:rPr><w:t xml:space="preserve">依法行政</w:t></w:r>
//! ```
//!
//! so the formatting of the text is unchanged and nothing outside the marks
//! moves. A deletion is the same split around the deleted characters, which go
//! into `w:del` as `w:delText`; the inserted text follows in `w:ins` with the
//! first deleted run's properties. Parts other than `document.xml`, the
//! comments part, its relationship and the content types are copied byte for
//! byte (their compressed data is not even unpacked).
//!
//! What cannot be a tracked change stays a comment: a fix that touches an
//! automatic number, a tab or a line break (made by Word, not text), text inside
//! someone else's tracked insertion, or text a comment boundary falls inside.
//! Before anything is returned, the annotated document is read back: its text
//! with all changes accepted must be the checked text with the fixes applied,
//! or nothing is written.

use super::read::{CharSource, TextMap};
use gwlint_rules::{Finding, Linter};
use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::ops::Range;

/// What to write into the copy.
pub struct Request<'a> {
    /// The text the findings are about (the reader's text of the document).
    pub text: &'a str,
    pub findings: &'a [Finding],
    /// For each finding's rule: why and on what basis (the comment's text).
    pub linter: &'a Linter,
    /// A comment for every finding.
    pub comments: bool,
    /// The safe fixes as tracked changes.
    pub changes: bool,
    /// The date the comments and changes carry (`2026-12-02T08:00:00Z`).
    pub date: &'a str,
}

/// The annotated document and what was written into it.
pub struct Annotated {
    pub bytes: Vec<u8>,
    pub comments: usize,
    pub changes: usize,
    /// Safe fixes written as comments only (see the module docs for why).
    pub fixes_left_to_comments: usize,
}

/// The author of every comment and change.
pub const AUTHOR: &str = "gwlint";

/// Writes `request` into a copy of the .docx `original`. Errors are messages
/// for the user; on error nothing is returned to be written.
pub fn annotate(original: &[u8], request: &Request) -> Result<Annotated, String> {
    let docx = super::read(original)?;
    if docx.text != request.text {
        return Err("文件在检查期间被修改，未写入审校稿：请重新检查".into());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(original))
        .map_err(|_| "文件已损坏或不是 Word 文档（.docx），无法打开".to_string())?;
    let document = super::read::part(&mut zip, "word/document.xml")?
        .ok_or_else(|| "文件中没有正文（缺少 word/document.xml）".to_string())?;
    let rels_name = "word/_rels/document.xml.rels";
    let rels = super::read::part(&mut zip, rels_name)?;
    let comments_part = rels.as_deref().and_then(comments_target);
    let existing_comments = match &comments_part {
        Some(name) => super::read::part(&mut zip, name)?,
        None => None,
    };

    let anchors = Anchors::new(&docx.text, &docx.map, &document);
    // Comments and revisions are numbered above every annotation id of the
    // document's parts (headers, footnotes and comments hold them too).
    let mut next_id = max_id(&document) + 1;
    let others: Vec<String> = zip
        .file_names()
        .flatten()
        .map(|n| n.into_owned())
        .filter(|n| n.starts_with("word/") && n.ends_with(".xml") && n != "word/document.xml")
        .collect();
    for name in others {
        if let Some(xml) = super::read::part(&mut zip, &name)? {
            next_id = next_id.max(max_id(&xml) + 1);
        }
    }
    let mut splices = Vec::new();
    let mut comment_xml = String::new();
    let mut comment_bounds = Vec::new();
    let mut notes: Vec<Option<CommentNote>> = vec![None; request.findings.len()];

    // The fixes first: a comment says whether its fix became a change. The
    // fixes are those `--fix` would choose; one a tracked change cannot hold
    // is left to its comment.
    let mut changes = Vec::new();
    let mut left_to_comments = 0;
    if request.changes {
        let plan = |fix: &gwlint_rules::Fix| -> Option<Vec<PlannedChange>> {
            fix.edits.iter().map(|e| anchors.change(e.range.clone(), &e.replacement)).collect()
        };
        gwlint_rules::fix::choose_fixes(&docx.text, request.findings, true, |i, fix| match plan(fix) {
            Some(planned) => {
                changes.push((i, planned));
                true
            }
            None => {
                left_to_comments += 1;
                notes[i] = Some(CommentNote::Manual);
                false
            }
        });
    }
    let mut anchored = Vec::new();
    if request.comments {
        for (i, finding) in request.findings.iter().enumerate() {
            if let Some(anchor) = anchors.comment(finding.range.clone()) {
                comment_bounds.push(anchor.start.at);
                comment_bounds.push(anchor.end.at);
                anchored.push((i, anchor));
            }
        }
    }
    // A comment boundary inside a deletion would cut the w:del apart: that
    // fix is left to the comment.
    changes.retain(|(i, planned)| {
        let cut =
            planned.iter().flat_map(|c| &c.deleted).any(|s| comment_bounds.iter().any(|&b| s.start < b && b < s.end));
        if cut {
            left_to_comments += 1;
            notes[*i] = Some(CommentNote::Manual);
        }
        !cut
    });
    let mut applied_edits = Vec::new();
    for (i, planned) in &changes {
        notes[*i] = Some(CommentNote::Tracked);
        for change in planned {
            change.splice(&anchors, &mut next_id, request.date, &mut splices);
        }
        applied_edits.extend(request.findings[*i].fixes.iter().find(|f| f.safe).into_iter().flat_map(|f| &f.edits));
    }
    for (i, anchor) in &anchored {
        let id = next_id;
        next_id += 1;
        let finding = &request.findings[*i];
        let run = |at: &Point| anchors.run_properties(at);
        splices.push(Splice {
            at: anchor.start.at,
            rank: Rank::CommentStart,
            text: in_run(&format!(r#"<w:commentRangeStart w:id="{id}"/>"#), &run(&anchor.start)),
            splits: Some(anchor.start.text),
        });
        splices.push(Splice {
            at: anchor.end.at,
            rank: Rank::CommentEnd,
            text: in_run(
                &format!(r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#),
                &run(&anchor.end),
            ),
            splits: Some(anchor.end.text),
        });
        comment_xml.push_str(&comment(id, request.date, &comment_text(finding, request.linter, notes[*i])));
    }
    // Texts whose spaces are now at a run's edge must keep them.
    let split_texts: BTreeSet<u32> = splices.iter().filter_map(|s| s.splits).collect();
    for text in split_texts {
        let element = &docx.map.texts[text as usize];
        if !element.preserves_space {
            splices.push(Splice {
                at: element.start_tag.end - 1,
                rank: Rank::Attribute,
                text: PRESERVE.to_string(),
                splits: None,
            });
        }
    }
    let new_document = apply(&document, splices);

    // Read the result back: with the changes accepted it must be the checked
    // text with the fixes applied, and its comments must be where we put them.
    let mut applied_edits: Vec<gwlint_rules::Edit> = applied_edits.into_iter().cloned().collect();
    applied_edits.sort_by_key(|e| (e.range.start, e.range.end));
    let expected = gwlint_rules::fix::apply_edits(&docx.text, &applied_edits);

    let mut parts: Vec<(String, Vec<u8>)> = vec![("word/document.xml".into(), new_document.into_bytes())];
    if !comment_xml.is_empty() {
        match (&comments_part, existing_comments) {
            (Some(name), Some(existing)) => {
                let close = existing
                    .rfind("</w:comments>")
                    .ok_or_else(|| format!("文档的批注部分（{name}）格式不认识，未写入批注"))?;
                let merged = format!("{}{}{}", &existing[..close], comment_xml, &existing[close..]);
                parts.push((name.clone(), merged.into_bytes()));
            }
            _ => {
                let name = free_name(&mut zip, "word/comments.xml");
                parts.push((name.clone(), new_comments_part(&comment_xml).into_bytes()));
                let target = name.trim_start_matches("word/").to_string();
                let rels = add_relationship(rels.as_deref(), &target)?;
                parts.push((rels_name.into(), rels.into_bytes()));
                let types = super::read::part(&mut zip, "[Content_Types].xml")?
                    .ok_or_else(|| "文件中没有 [Content_Types].xml，不是有效的 Word 文档".to_string())?;
                parts.push(("[Content_Types].xml".into(), add_content_type(&types, &name)?.into_bytes()));
            }
        }
    }
    let bytes = repack(&mut zip, &parts)?;
    let check = super::read(&bytes).map_err(|e| format!("内部错误：写出的文档无法读回（{e}），未写入"))?;
    if check.text != expected {
        return Err("内部错误：写出的文档与修正后的文字不一致，未写入（请将此文档报告给 gwlint 维护者）".into());
    }
    Ok(Annotated { bytes, comments: anchored.len(), changes: changes.len(), fixes_left_to_comments: left_to_comments })
}

const PRESERVE: &str = r#" xml:space="preserve""#;

// ------------------------------------------------------------------ anchors

/// A place between two characters of a `w:t`: a byte of document.xml and the
/// text element it is in.
#[derive(Debug, Clone, Copy)]
struct Point {
    at: usize,
    text: u32,
}

#[derive(Debug, Clone, Copy)]
struct Anchor {
    start: Point,
    end: Point,
}

/// One edit of a fix, as it will be written: the byte ranges of deleted text
/// (one per `w:t` it crosses) and what is inserted after them (or at `at`).
#[derive(Debug, Clone)]
struct PlannedChange {
    deleted: Vec<Range<usize>>,
    deleted_texts: Vec<u32>,
    at: Point,
    inserted: String,
}

/// Where the characters of the checked text are in document.xml.
struct Anchors<'a> {
    map: &'a TextMap,
    /// document.xml.
    xml: &'a str,
    /// Byte offset in the text of each character.
    char_starts: Vec<usize>,
    text: &'a str,
}

impl<'a> Anchors<'a> {
    fn new(text: &'a str, map: &'a TextMap, xml: &'a str) -> Self {
        Anchors { map, xml, char_starts: text.char_indices().map(|(i, _)| i).collect(), text }
    }

    fn char_index(&self, byte: usize) -> usize {
        self.char_starts.partition_point(|&s| s < byte)
    }

    /// The character's bytes and text element, if it is text in a run.
    fn source(&self, i: usize) -> Option<(usize, usize, u32)> {
        match self.map.chars.get(i)? {
            CharSource::Text { start, end, text } if self.map.texts[*text as usize].run.is_some() => {
                Some((*start, *end, *text))
            }
            _ => None,
        }
    }

    fn in_revision(&self, text: u32) -> bool {
        self.map.texts[text as usize].run.is_some_and(|r| self.map.runs[r as usize].in_revision)
    }

    fn story(&self, text: u32) -> u32 {
        self.map.texts[text as usize].story
    }

    /// The text a finding's comment covers: its own characters that are text;
    /// for a finding with none (something missing, a number Word makes), its
    /// line, or the nearest line with text after it, else before it.
    fn comment(&self, range: Range<usize>) -> Option<Anchor> {
        let (a, b) = (self.char_index(range.start), self.char_index(range.end));
        if let Some(anchor) = self.anchor_in(a, b) {
            return Some(anchor);
        }
        let lines = self.line_bounds();
        let line = lines.partition_point(|l| l.end <= a).min(lines.len().saturating_sub(1));
        let after = (line..lines.len()).find_map(|l| self.anchor_in(lines[l].start, lines[l].end));
        after.or_else(|| (0..line).rev().find_map(|l| self.anchor_in(lines[l].start, lines[l].end)))
    }

    /// The first and last characters of `a..b` that are text, in one story;
    /// when they are in different stories (a text box and the body), the
    /// first character alone.
    fn anchor_in(&self, a: usize, b: usize) -> Option<Anchor> {
        let first = (a..b).find_map(|i| self.source(i))?;
        let last = (a..b).rev().find_map(|i| self.source(i))?;
        let start = Point { at: first.0, text: first.2 };
        if self.story(first.2) == self.story(last.2) && last.1 > first.0 {
            Some(Anchor { start, end: Point { at: last.1, text: last.2 } })
        } else {
            Some(Anchor { start, end: Point { at: first.1, text: first.2 } })
        }
    }

    /// Character ranges of the lines of the text.
    fn line_bounds(&self) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, c) in self.text.chars().enumerate() {
            if c == '\n' {
                lines.push(start..i);
                start = i + 1;
            }
        }
        lines.push(start..self.char_starts.len());
        lines
    }

    /// How an edit becomes a tracked change, if it can: every deleted
    /// character is text outside other revisions, in one story; an insertion
    /// sits next to such a character; the inserted text is one line of
    /// characters XML can hold.
    fn change(&self, range: Range<usize>, replacement: &str) -> Option<PlannedChange> {
        if replacement.chars().any(|c| c == '\n' || c == '\t' || !xml_char(c)) {
            return None;
        }
        let (a, b) = (self.char_index(range.start), self.char_index(range.end));
        let usable = |i: usize| self.source(i).filter(|s| !self.in_revision(s.2));
        let mut deleted: Vec<Range<usize>> = Vec::new();
        let mut deleted_texts = Vec::new();
        for i in a..b {
            let (start, end, text) = usable(i)?;
            match (deleted.last_mut(), deleted_texts.last()) {
                (Some(last), Some(&t)) if t == text && last.end == start => last.end = end,
                _ => {
                    deleted.push(start..end);
                    deleted_texts.push(text);
                }
            }
        }
        if let (Some(&first), Some(&last)) = (deleted_texts.first(), deleted_texts.last())
            && self.story(first) != self.story(last)
        {
            return None;
        }
        let at = match (deleted.last(), deleted_texts.last()) {
            (Some(last), Some(&text)) => Point { at: last.end, text },
            _ => {
                // An insertion: after the character before it, else before the one after it.
                let before = a.checked_sub(1).and_then(usable).map(|(_, end, text)| Point { at: end, text });
                before.or_else(|| usable(a).map(|(start, _, text)| Point { at: start, text }))?
            }
        };
        Some(PlannedChange { deleted, deleted_texts, at, inserted: replacement.to_string() })
    }

    /// The properties (`<w:rPr>…</w:rPr>`, or nothing) of the run a point is
    /// in, without any record of a formatting revision (its id must not be
    /// repeated).
    fn run_properties(&self, point: &Point) -> String {
        let Some(run) = self.map.texts[point.text as usize].run else { return String::new() };
        let range = self.map.runs[run as usize].properties.clone();
        without_property_change(self.xml.get(range).unwrap_or(""))
    }
}

impl PlannedChange {
    fn splice(&self, anchors: &Anchors, next_id: &mut u64, date: &str, splices: &mut Vec<Splice>) {
        let mut id = || {
            *next_id += 1;
            *next_id - 1
        };
        let insertion = |id: u64, properties: &str| {
            if self.inserted.is_empty() {
                return String::new();
            }
            format!(
                r#"<w:ins w:id="{id}" w:author="{AUTHOR}" w:date="{date}"><w:r>{properties}<w:t xml:space="preserve">{}</w:t></w:r></w:ins>"#,
                escape(&self.inserted)
            )
        };
        if self.deleted.is_empty() {
            let properties = anchors.run_properties(&self.at);
            splices.push(Splice {
                at: self.at.at,
                rank: Rank::Insert,
                text: in_run(&insertion(id(), &properties), &properties),
                splits: Some(self.at.text),
            });
            return;
        }
        let first_properties =
            anchors.run_properties(&Point { at: self.deleted[0].start, text: self.deleted_texts[0] });
        for (k, (range, &text)) in self.deleted.iter().zip(&self.deleted_texts).enumerate() {
            let properties = anchors.run_properties(&Point { at: range.start, text });
            splices.push(Splice {
                at: range.start,
                rank: Rank::DeleteOpen,
                text: format!(
                    r#"</w:t></w:r><w:del w:id="{}" w:author="{AUTHOR}" w:date="{date}"><w:r>{properties}<w:delText xml:space="preserve">"#,
                    id()
                ),
                splits: Some(text),
            });
            let last = k + 1 == self.deleted.len();
            let inserted = if last { insertion(id(), &first_properties) } else { String::new() };
            splices.push(Splice {
                at: range.end,
                rank: Rank::DeleteClose,
                text: format!(r#"</w:delText></w:r></w:del>{inserted}<w:r>{properties}<w:t xml:space="preserve">"#),
                splits: Some(text),
            });
        }
    }
}

/// Markup placed between two characters of a run: the run is closed before
/// it and reopened after it with the same properties.
fn in_run(markup: &str, properties: &str) -> String {
    format!(r#"</w:t></w:r>{markup}<w:r>{properties}<w:t xml:space="preserve">"#)
}

fn without_property_change(properties: &str) -> String {
    let mut out = properties.to_string();
    while let Some(start) = out.find("<w:rPrChange") {
        let rest = &out[start..];
        let end = if let Some(close) = rest.find("</w:rPrChange>") {
            close + "</w:rPrChange>".len()
        } else if let Some(close) = rest.find("/>") {
            close + 2
        } else {
            break;
        };
        out.replace_range(start..start + end, "");
    }
    out
}

// ------------------------------------------------------------------ splicing

/// What goes first when two insertions fall on one byte: what closes before
/// what opens, so that marks nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Attribute,
    DeleteClose,
    Insert,
    CommentEnd,
    CommentStart,
    DeleteOpen,
}

struct Splice {
    at: usize,
    rank: Rank,
    text: String,
    /// The `w:t` the splice splits (`None` for one that does not split text).
    splits: Option<u32>,
}

fn apply(xml: &str, mut splices: Vec<Splice>) -> String {
    // A stable sort keeps the order splices were made in within one rank.
    splices.sort_by_key(|s| (s.at, s.rank));
    let mut out = String::with_capacity(xml.len() + splices.iter().map(|s| s.text.len()).sum::<usize>());
    let mut cursor = 0;
    // Where the run the previous splice reopened begins in `out`, if nothing
    // has been written into it yet.
    let mut empty_run: Option<usize> = None;
    for splice in &splices {
        let between = &xml[cursor..splice.at];
        let mut text = splice.text.as_str();
        match (empty_run, between.is_empty(), text.strip_prefix(CLOSE_RUN)) {
            // A run reopened by one splice and closed at once by the next
            // would be empty: leave both out.
            (Some(start), true, Some(rest)) => {
                out.truncate(start);
                text = rest;
            }
            _ => out.push_str(between),
        }
        out.push_str(text);
        empty_run = text.ends_with(OPEN_TEXT).then(|| out.len() - (text.len() - text.rfind("<w:r>").unwrap_or(0)));
        cursor = splice.at;
    }
    out.push_str(&xml[cursor..]);
    out
}

const CLOSE_RUN: &str = "</w:t></w:r>";
const OPEN_TEXT: &str = r#"<w:t xml:space="preserve">"#;

// ------------------------------------------------------------------ comments

/// What a comment says about its finding's fix.
#[derive(Debug, Clone, Copy)]
enum CommentNote {
    /// Written as a tracked change.
    Tracked,
    /// Safe, but it touches what a tracked change cannot (see module docs).
    Manual,
}

/// The lines of a finding's comment: what, the suggestion, why, the basis,
/// the rule.
fn comment_text(finding: &Finding, linter: &Linter, note: Option<CommentNote>) -> Vec<String> {
    let mut lines = vec![format!("【{}】{}", finding.severity.label_zh(), finding.message)];
    if let Some(fix) = finding.fixes.first() {
        let how = match note {
            Some(CommentNote::Tracked) => "（已作为修订标出，可接受或拒绝）",
            Some(CommentNote::Manual) => "（涉及自动编号、换行或他人修订，请手动修改）",
            None if fix.safe => "",
            None => "（请核实后手动修改）",
        };
        lines.push(format!("建议：{}{how}", fix.title));
    }
    if let Some(rule) = linter.rule(&finding.rule) {
        let why = rule.meta.explanation.trim().split("\n\n").next().unwrap_or("").replace('\n', "");
        if !why.is_empty() {
            lines.push(format!("原因：{why}"));
        }
        if !rule.meta.source.trim().is_empty() {
            lines.push(format!("依据：{}", rule.meta.source.trim()));
        }
    }
    lines.push(format!("规则：{}（gwlint）", finding.rule));
    lines
}

fn comment(id: u64, date: &str, lines: &[String]) -> String {
    let mut xml = format!(r#"<w:comment w:id="{id}" w:author="{AUTHOR}" w:date="{date}" w:initials="GW">"#);
    for (i, line) in lines.iter().enumerate() {
        xml.push_str("<w:p>");
        if i == 0 {
            xml.push_str("<w:r><w:annotationRef/></w:r>");
        }
        xml.push_str(&format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, escape(line)));
    }
    xml.push_str("</w:comment>");
    xml
}

fn new_comments_part(comments: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{comments}</w:comments>"#
    )
}

/// The comments part named in document.xml.rels, if any (`word/comments.xml`).
fn comments_target(rels: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "Relationship" =>
            {
                let get = |name: &str| {
                    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.into_owned())
                };
                let kind = get("Type").unwrap_or_default();
                let external = get("TargetMode").is_some_and(|m| m == "External");
                if kind.ends_with("/relationships/comments") && !external {
                    let target = get("Target")?;
                    return Some(match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("word/{target}"),
                    });
                }
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

fn add_relationship(rels: Option<&str>, target: &str) -> Result<String, String> {
    const COMMENTS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
    let rels = rels.unwrap_or(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#,
    );
    let mut id = "rIdGwlintComments".to_string();
    while rels.contains(&format!("Id=\"{id}\"")) {
        id.push('1');
    }
    let close = rels.rfind("</Relationships>").ok_or("文档的关系部分（document.xml.rels）格式不认识，未写入批注")?;
    Ok(format!(
        r#"{}<Relationship Id="{id}" Type="{COMMENTS}" Target="{}"/>{}"#,
        &rels[..close],
        escape(target),
        &rels[close..]
    ))
}

fn add_content_type(types: &str, part: &str) -> Result<String, String> {
    const COMMENTS: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
    let close = types.rfind("</Types>").ok_or("文档的 [Content_Types].xml 格式不认识，未写入批注")?;
    Ok(format!(
        r#"{}<Override PartName="/{}" ContentType="{COMMENTS}"/>{}"#,
        &types[..close],
        escape(part),
        &types[close..]
    ))
}

/// `name`, or a variant of it no part of the package has.
fn free_name(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> String {
    let taken: HashSet<String> = zip.file_names().flatten().map(|n| n.into_owned()).collect();
    let mut candidate = name.to_string();
    let mut n = 1;
    while taken.contains(&candidate) {
        candidate = name.replace(".xml", &format!("-gwlint{n}.xml"));
        n += 1;
    }
    candidate
}

/// The largest number in a `w:id="…"` of the part: new comments and changes
/// are numbered above every annotation the document has.
fn max_id(xml: &str) -> u64 {
    xml.match_indices("w:id=\"")
        .filter_map(|(i, m)| {
            let digits: String = xml[i + m.len()..].chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u64>().ok()
        })
        .filter(|&id| id < u64::from(u32::MAX))
        .max()
        .unwrap_or(0)
}

/// Can XML 1.0 hold this character?
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for XML content and attribute values; characters XML cannot hold
/// are left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

// ------------------------------------------------------------------ the package

/// The package with `parts` replaced or added; every other entry is copied
/// as it is stored (compressed bytes, dates, order).
fn repack(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let damaged = |_| "文件已损坏，无法复制其中的内容：请在 Word 中打开并重新保存后再检查".to_string();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut written = HashSet::new();
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(damaged)?;
        let name = file.name().map_err(damaged)?.into_owned();
        match parts.iter().find(|(part, _)| *part == name) {
            Some((_, contents)) => {
                drop(file);
                out.start_file(name.clone(), options).map_err(damaged)?;
                out.write_all(contents).map_err(|e| damaged(zip::result::ZipError::Io(e)))?;
                written.insert(name);
            }
            None => out.raw_copy_file(file).map_err(damaged)?,
        }
    }
    for (name, contents) in parts.iter().filter(|(name, _)| !written.contains(name)) {
        out.start_file(name.clone(), options).map_err(damaged)?;
        out.write_all(contents).map_err(|e| damaged(zip::result::ZipError::Io(e)))?;
    }
    let cursor = out.finish().map_err(damaged)?;
    Ok(cursor.into_inner())
}

/// The current time as Word writes it in `w:date` (UTC, to the second), or
/// the time in `SOURCE_DATE_EPOCH` when it is set (reproducible output).
pub fn now() -> String {
    let seconds =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
        });
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// The Gregorian date of a day counted from 1970-01-01 (H. Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_gregorian() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn ids_start_above_the_documents() {
        assert_eq!(max_id(r#"<w:ins w:id="12"/><w:bookmarkStart w:id="3"/><w:x w:id="-1"/>"#), 12);
        assert_eq!(max_id("<w:p/>"), 0);
    }

    #[test]
    fn formatting_revisions_are_not_copied() {
        let properties = r#"<w:rPr><w:b/><w:rPrChange w:id="4" w:author="a"><w:rPr/></w:rPrChange></w:rPr>"#;
        assert_eq!(without_property_change(properties), "<w:rPr><w:b/></w:rPr>");
    }
}
