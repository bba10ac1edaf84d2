//! The [`Linter`]: the rules in force and the one function that runs them.
//!
//! A language server lints the same document again after every keystroke, and
//! an edit changes one paragraph. So the findings of the paragraph-local rules
//! ([`Matcher::is_paragraph_local`]: phrases, typos, names, most punctuation,
//! the bulk of the work) can be kept per paragraph in a [`LintCache`]:
//! [`Linter::lint_cached`] re-runs those rules only on paragraphs whose text
//! or place in the structure is new, and runs the document-wide rules
//! (sections, numbering, consistency, figures, artefacts) in full. Its result
//! is always that of [`Linter::lint`].
//!
//! A lint also learns facts on the way, and returns them with the findings in
//! a [`Lint`] ([`Linter::analyse`]): today the required parts the `section`
//! rules found ([`Parts`]), which the `section:KEY` scopes, the scorecard and
//! the editor features ([`crate::ide`]) read instead of finding them again.

use crate::config::Config;
use crate::document::{Document, ParagraphKind};
use crate::figure_finder::FigureFinder;
use crate::pack::{Pack, PackInfo};
use crate::rule::section::{self, Parts, Profile};
use crate::rule::{Finding, LintContext, Matcher, Rule};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

/// Compiled rules from one or more packs, with the workspace's settings applied.
#[derive(Debug, Clone)]
pub struct Linter {
    rules: Vec<Rule>,
    packs: Vec<PackInfo>,
    profile: Option<Profile>,
    /// The other order profiles a report may follow when the configuration
    /// names none (empty when it names one): a report in one of them is in
    /// order (see [`Linter::run`]).
    alternatives: Vec<Profile>,
    figures: FigureFinder,
    allow: Vec<String>,
    ignore: Vec<crate::config::Ignore>,
    /// The folder of `gwlint.toml`, against which `ignore.file` is resolved.
    config_dir: Option<std::path::PathBuf>,
    /// Tells a [`LintCache`] filled by another linter (other rules) apart.
    id: u64,
}

/// What one lint of a document gave: its findings, and what the rules learned
/// about the document on the way.
#[derive(Debug, Clone, Default)]
pub struct Lint {
    /// Sorted by position, then rule id (see [`Linter::lint`]).
    pub findings: Vec<Finding>,
    /// The required parts the `section` rules found; [`Claim::rule`](section::Claim::rule)
    /// indexes this linter's [`rules`](Linter::rules).
    pub parts: Parts,
}

/// Findings of the paragraph-local rules by paragraph, kept between lints of
/// one document (see the module documentation). It holds the paragraphs of the
/// last lint only, so it never outgrows one document's findings.
#[derive(Debug, Default)]
pub struct LintCache {
    linter: u64,
    /// (paragraph text, its role) → findings with ranges relative to its start.
    paragraphs: HashMap<(String, ParagraphRole), Vec<Finding>>,
}

impl LintCache {
    pub fn new() -> LintCache {
        LintCache::default()
    }
}

impl Linter {
    /// Combines packs under a configuration. Returns the linter and warnings
    /// about settings that refer to nothing (an unknown rule id or profile).
    pub fn new(packs: Vec<Pack>, config: &Config) -> (Linter, Vec<String>) {
        let mut warnings = Vec::new();
        let known: Vec<String> = packs.iter().flat_map(|p| p.rules.iter().map(|r| r.meta.id.clone())).collect();
        for pattern in config.disable.iter().chain(config.severity.keys()) {
            if !known.iter().any(|id| rule_selected(id, pattern)) {
                warnings.push(format!("配置中的“{pattern}”不对应任何规则"));
            }
        }
        let infos: Vec<PackInfo> = packs.iter().map(|p| p.info.clone()).collect();
        let profile = choose_profile(&infos, config.profile.as_deref(), &mut warnings);
        let alternatives: Vec<Profile> = match (&config.profile, &profile) {
            (None, Some(default)) => {
                infos.iter().flat_map(|p| p.profiles.iter()).filter(|p| p.id != default.id).cloned().collect()
            }
            _ => Vec::new(),
        };
        let units: Vec<String> = infos.iter().flat_map(|p| p.figure_units.iter().cloned()).collect();
        // Each pack's units were checked when it loaded; together they may still be too many.
        let figures = FigureFinder::try_new(&units).unwrap_or_else(|e| {
            warnings.push(format!("{e}；改用内置量词"));
            FigureFinder::new(&[])
        });
        let workspace = workspace_dictionary(config, &mut warnings);
        // A later pack's rule with the same id replaces an earlier one, and
        // takes its place at the end. By index, not by searching the list for
        // each rule: a pack may hold 100,000 rules.
        let mut slots: Vec<Option<Rule>> = Vec::new();
        let mut slot_of: HashMap<String, usize> = HashMap::new();
        for rule in packs.into_iter().flat_map(|p| p.rules).chain(workspace) {
            if config.disable.iter().any(|pattern| rule_selected(&rule.meta.id, pattern)) {
                continue;
            }
            if let Some(earlier) = slot_of.insert(rule.meta.id.clone(), slots.len()) {
                slots[earlier] = None;
            }
            slots.push(Some(rule));
        }
        let mut rules: Vec<Rule> = slots.into_iter().flatten().collect();
        for rule in &mut rules {
            let most_specific = config
                .severity
                .iter()
                .filter(|(pattern, _)| rule_selected(&rule.meta.id, pattern))
                .max_by_key(|(pattern, _)| pattern.len());
            if let Some((_, &severity)) = most_specific {
                rule.meta.severity = severity;
            }
        }
        let linter = Linter {
            rules,
            packs: infos,
            profile,
            alternatives,
            figures,
            allow: config.allow.clone(),
            ignore: config.ignore.clone(),
            config_dir: None,
            id: next_linter_id(),
        };
        (linter, warnings)
    }

    /// A linter for checking one rule's specs: that rule and the pack's section
    /// rules (which give `section:KEY` scopes their meaning), default settings.
    pub fn for_specs(pack: &Pack, rule_id: &str) -> Linter {
        let rule = pack.rules.iter().find(|r| r.meta.id == rule_id);
        Linter::for_spec_rule(pack, &section_rules(pack), rule)
    }

    /// [`Linter::for_specs`] with the pack's section rules gathered once, so
    /// that checking every rule of a large pack stays linear.
    pub fn for_spec_rule(pack: &Pack, sections: &[Rule], rule: Option<&Rule>) -> Linter {
        let mut rules = sections.to_vec();
        if let Some(rule) = rule.filter(|r| !matches!(r.matcher, Matcher::Section(_))) {
            rules.push(rule.clone());
        }
        Linter::new(vec![Pack { info: pack.info.clone(), rules }], &Config::default()).0
    }

    /// Sets the folder `ignore.file` entries are relative to.
    pub fn with_config_dir(mut self, dir: Option<std::path::PathBuf>) -> Linter {
        self.config_dir = dir;
        self
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.meta.id == id)
    }

    pub fn packs(&self) -> &[PackInfo] {
        &self.packs
    }

    /// How figures (调处纠纷50件) are recognised, with the packs' units.
    pub fn figures(&self) -> &FigureFinder {
        &self.figures
    }

    /// The required parts this linter's `section` rules find in `doc`, without
    /// linting it (a lint returns them in [`Lint::parts`]).
    pub fn parts(&self, doc: &Document) -> Parts {
        Parts::find(doc, &self.rules)
    }

    /// The range of the top-level section the `section` rule with this key
    /// finds in `doc` (heading included), if any.
    pub fn section_range(&self, doc: &Document, key: &str) -> Option<std::ops::Range<usize>> {
        self.parts(doc).section(key).map(|section| doc.sections[section].range.clone())
    }

    /// The order profile in use, if any pack defines profiles.
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    /// Lints the document of file `path`: like [`Linter::lint`], and also
    /// drops the findings `[[ignore]]` entries for that file dismiss.
    pub fn lint_file(&self, doc: &Document, path: Option<&std::path::Path>) -> Vec<Finding> {
        self.analyse(doc, path, None).findings
    }

    /// The one lint the others wrap: the findings on `doc` (of file `path`,
    /// whose `[[ignore]]` entries apply; with `cache`, as
    /// [`Linter::lint_cached`]) and the facts the rules learned.
    pub fn analyse(&self, doc: &Document, path: Option<&std::path::Path>, cache: Option<&mut LintCache>) -> Lint {
        let mut lint = self.run(doc, cache);
        lint.findings = self.drop_ignored_in_file(lint.findings, path);
        lint
    }

    /// Drops the findings the configuration dismisses — inside an `allow`ed
    /// word, or matched by an `[[ignore]]` entry (for any file, or for `path`) —
    /// from findings made outside [`Linter::lint`] (the rules judged across
    /// documents, [`crate::across`]).
    pub fn keep_reportable(
        &self,
        doc: &Document,
        mut findings: Vec<Finding>,
        path: Option<&std::path::Path>,
    ) -> Vec<Finding> {
        findings.retain(|f| !self.allowed(doc, f));
        findings.retain(|f| !self.ignore.iter().any(|i| i.file.is_none() && i.rule == f.rule && i.text == f.text));
        // A fix that changes nothing would be offered, applied and offered
        // again for ever (a fuzzed document found one); no rule means to.
        for finding in &mut findings {
            finding
                .fixes
                .retain(|fix| fix.edits.iter().any(|e| doc.text.get(e.range.clone()) != Some(&*e.replacement)));
        }
        self.drop_ignored_in_file(findings, path)
    }

    fn drop_ignored_in_file(&self, mut findings: Vec<Finding>, path: Option<&std::path::Path>) -> Vec<Finding> {
        let relative = match (path, &self.config_dir) {
            (Some(path), Some(dir)) => path.strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")),
            _ => None,
        };
        findings.retain(|f| {
            !self.ignore.iter().any(|i| {
                i.rule == f.rule
                    && i.text == f.text
                    && i.file.as_ref().is_some_and(|file| relative.as_deref() == Some(file.trim_start_matches("./")))
            })
        });
        findings
    }

    /// Runs every rule on `doc`. Findings come sorted by position, then rule id.
    /// `[[ignore]]` entries without a `file` apply here.
    pub fn lint(&self, doc: &Document) -> Vec<Finding> {
        self.run(doc, None).findings
    }

    /// [`Linter::lint`], re-running the paragraph-local rules only on the
    /// paragraphs `cache` has not seen, and leaving this lint in `cache`.
    pub fn lint_cached(&self, doc: &Document, cache: &mut LintCache) -> Vec<Finding> {
        self.run(doc, Some(cache)).findings
    }

    fn run(&self, doc: &Document, cache: Option<&mut LintCache>) -> Lint {
        let parts = self.parts(doc);
        let section_rules: Vec<&Rule> = parts.claims().iter().map(|c| &self.rules[c.rule]).collect();
        let claimed: Vec<Option<usize>> = parts.claims().iter().map(|c| c.section).collect();
        let within: Vec<bool> = parts.claims().iter().map(|c| c.within.is_some()).collect();
        let cx = LintContext::new(doc, parts.by_key(), &self.figures, None);
        // The profile in use; when the configuration names none, the one of
        // the pack's profiles the report follows best (the fewest parts out of
        // order; the default on a tie): a report that puts 第一责任人 first,
        // as a common local order does, is not out of order for it.
        let mut findings = Vec::new();
        let mut profile = self.profile.as_ref();
        section::lint_all(&section_rules, &claimed, &within, profile, &cx, &mut findings);
        for other in &self.alternatives {
            let mut theirs = Vec::new();
            section::lint_all(&section_rules, &claimed, &within, Some(other), &cx, &mut theirs);
            if theirs.len() < findings.len() {
                (findings, profile) = (theirs, Some(other));
            }
        }
        let mut parts = parts;
        parts.set_profile(profile.cloned());
        for rule in self.rules.iter().filter(|r| !r.matcher.is_paragraph_local()) {
            rule.lint(&cx, &mut findings);
        }
        match cache {
            None => {
                for rule in self.paragraph_local_rules() {
                    rule.lint(&cx, &mut findings);
                }
            }
            Some(cache) => self.run_local_cached(&cx, cache, &mut findings),
        }
        for rule in &self.rules {
            rule.matcher.dismiss_in_document(&rule.meta.id, doc, &mut findings);
        }
        findings.retain(|f| !self.allowed(doc, f));
        findings.retain(|f| !self.ignore.iter().any(|i| i.file.is_none() && i.rule == f.rule && i.text == f.text));
        // A fix that changes nothing would be offered, applied and offered
        // again for ever (a fuzzed document found one); no rule means to.
        for finding in &mut findings {
            finding
                .fixes
                .retain(|fix| fix.edits.iter().any(|e| doc.text.get(e.range.clone()) != Some(&*e.replacement)));
        }
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.severity, &a.rule).cmp(&(b.range.start, b.range.end, b.severity, &b.rule))
        });
        // Two rules saying the same thing about the same text (a word in two
        // dictionaries, or a word and one character of it) report once.
        drop_same_corrections(&doc.text, &mut findings);
        Lint { findings, parts }
    }

    /// The paragraph-local rules, those that may wait for a model still being
    /// built last (see [`Kind::may_wait_for_a_model`](crate::rule::Kind)).
    fn paragraph_local_rules(&self) -> impl Iterator<Item = &Rule> {
        let local = self.rules.iter().filter(|r| r.matcher.is_paragraph_local());
        let waits = |r: &&Rule| r.matcher.may_wait_for_a_model();
        local.clone().filter(move |r| !waits(r)).chain(local.filter(waits))
    }

    /// The paragraph-local rules' findings: cached ones for paragraphs seen in
    /// the last lint, fresh ones for the rest.
    fn run_local_cached(&self, cx: &LintContext, cache: &mut LintCache, findings: &mut Vec<Finding>) {
        let doc = cx.doc;
        if cache.linter != self.id {
            cache.paragraphs.clear();
            cache.linter = self.id;
        }
        let keys: Vec<(String, ParagraphRole)> = (0..doc.paragraphs.len())
            .map(|p| (doc.slice(&doc.paragraphs[p].range).to_string(), paragraph_role(cx, p)))
            .collect();
        let dirty: Vec<bool> = keys.iter().map(|key| !cache.paragraphs.contains_key(key)).collect();
        let mut fresh: Vec<Vec<Finding>> = vec![Vec::new(); doc.paragraphs.len()];
        if dirty.contains(&true) {
            let mut found = Vec::new();
            let only_dirty = LintContext::new(doc, cx.sections.clone(), cx.figures, Some(&dirty));
            for rule in self.paragraph_local_rules() {
                rule.lint(&only_dirty, &mut found);
            }
            for finding in found {
                let paragraph = doc.paragraph_at(finding.range.start);
                match paragraph.filter(|&p| dirty[p] && within(&finding, &doc.paragraphs[p].range)) {
                    Some(p) => fresh[p].push(finding),
                    // Not the paragraph-local rule it claims to be: report it,
                    // and cache nothing from this lint.
                    None => {
                        findings.push(finding);
                        cache.linter = u64::MAX;
                    }
                }
            }
        }
        let mut kept = HashMap::with_capacity(keys.len());
        for (p, key) in keys.into_iter().enumerate() {
            let start = doc.paragraphs[p].range.start;
            let relative = match cache.paragraphs.remove(&key).or_else(|| kept.get(&key).cloned()) {
                Some(relative) => relative,
                None => fresh[p].drain(..).map(|f| shift(f, start, Direction::Back)).collect(),
            };
            findings.extend(relative.iter().cloned().map(|f| shift(f, start, Direction::Forward)));
            kept.insert(key, relative);
        }
        cache.paragraphs = kept;
    }
    /// Is the finding's text part of a word the workspace allows?
    fn allowed(&self, doc: &Document, finding: &Finding) -> bool {
        if finding.range.is_empty() {
            return false;
        }
        let Some(paragraph) = doc.paragraph_at(finding.range.start) else {
            return false;
        };
        let range = doc.paragraphs[paragraph].range.clone();
        let text = &doc.text[range.clone()];
        self.allow.iter().filter(|w| !w.is_empty()).any(|word| {
            text.match_indices(word.as_str()).any(|(i, m)| {
                let start = range.start + i;
                start <= finding.range.start && finding.range.end <= start + m.len()
            })
        })
    }
}

fn next_linter_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Everything besides its text that paragraph-local rules may consult about
/// paragraph `p`, relative to its start: its kind, its heading's parts, and the
/// part of each keyed section's body it holds. Two paragraphs with equal text
/// and role get equal findings from those rules.
/// A byte range relative to the start of its paragraph.
type Relative = (usize, usize);

/// What a paragraph-local rule may know of a paragraph besides its text: its
/// kind, a heading's parts, and the sections whose bodies it lies in (by key,
/// with the part of it inside each). Two paragraphs with the same text and
/// role get the same findings, shifted to their place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ParagraphRole {
    kind: RoleKind,
    sections: Vec<(String, Relative)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum RoleKind {
    Heading { ordinal: Relative, title: Relative, whole: Relative, run_in: bool },
    Other(ParagraphKind),
}

fn paragraph_role(cx: &LintContext, p: usize) -> ParagraphRole {
    let doc = cx.doc;
    let paragraph = &doc.paragraphs[p];
    let start = paragraph.range.start;
    let relative = |r: &Range<usize>| (r.start.saturating_sub(start), r.end.saturating_sub(start));
    let kind = match paragraph.kind {
        ParagraphKind::Heading(h) => {
            let heading = &doc.headings[h];
            RoleKind::Heading {
                ordinal: relative(&heading.ordinal_range),
                title: relative(&heading.title_range),
                whole: relative(&heading.range),
                run_in: heading.run_in,
            }
        }
        other => RoleKind::Other(other),
    };
    let mut sections: Vec<(String, Relative)> = cx
        .sections
        .iter()
        .filter_map(|(key, &section)| {
            let body = &doc.sections[section].body;
            let overlap = body.start.max(start)..body.end.min(paragraph.range.end);
            (overlap.start < overlap.end).then(|| (key.clone(), relative(&overlap)))
        })
        .collect();
    sections.sort();
    ParagraphRole { kind, sections }
}

/// Are all of the finding's places inside `range`?
fn within(finding: &Finding, range: &Range<usize>) -> bool {
    let inside = |r: &Range<usize>| range.start <= r.start && r.end <= range.end;
    inside(&finding.range)
        && finding.fixes.iter().flat_map(|f| &f.edits).all(|e| inside(&e.range))
        && finding.related.iter().all(|r| inside(&r.range))
}

#[derive(Clone, Copy)]
enum Direction {
    /// From document offsets to offsets from a paragraph's start.
    Back,
    /// And back again.
    Forward,
}

/// Moves a finding's ranges (its own, its fixes' and related places') by `by`.
fn shift(mut finding: Finding, by: usize, direction: Direction) -> Finding {
    let move_range = |r: &mut Range<usize>| {
        *r = match direction {
            Direction::Back => r.start - by..r.end - by,
            Direction::Forward => r.start + by..r.end + by,
        }
    };
    move_range(&mut finding.range);
    for fix in &mut finding.fixes {
        fix.edits.iter_mut().for_each(|e| move_range(&mut e.range));
    }
    finding.related.iter_mut().for_each(|r| move_range(&mut r.range));
    finding
}

/// The rule `typo.workspace` for a `[dictionary]` in `gwlint.toml`.
fn workspace_dictionary(config: &Config, warnings: &mut Vec<String>) -> Option<Rule> {
    use crate::rule::typo::{Boundary, TypoRule};
    use crate::rule::{RuleKind, RuleMeta, Severity, Specs, scope::Scope};
    if config.dictionary.is_empty() {
        return None;
    }
    let entries = config.dictionary.iter().map(|(w, r)| (w.clone(), r.clone()));
    let typo = match TypoRule::new(entries, Boundary::None, Scope::Document, true) {
        Ok(typo) => typo,
        Err(message) => {
            warnings.push(format!("gwlint.toml 的 [dictionary] 无法使用：{message}"));
            return None;
        }
    };
    Some(Rule {
        meta: RuleMeta {
            id: "typo.workspace".into(),
            kind: RuleKind::Typo,
            severity: Severity::Warning,
            message: "“{text}”应为“{replacement}”（本工作区词典）".into(),
            explanation: "这个词条来自本工作区 `gwlint.toml` 的 `[dictionary]`：本单位约定的正确写法。".into(),
            source: "本工作区 gwlint.toml [dictionary]".into(),
            pack: "workspace".into(),
            specs: Specs::default(),
        },
        matcher: Matcher::Typo(typo),
    })
}

/// Does `pattern` (a rule id, or a category prefix such as `phrase` or
/// `phrase.vague`) select rule `id`?
pub fn rule_selected(id: &str, pattern: &str) -> bool {
    id == pattern || (id.starts_with(pattern) && id[pattern.len()..].starts_with('.'))
}

/// The section rules of a pack: they give `section:KEY` scopes their meaning.
pub fn section_rules(pack: &Pack) -> Vec<Rule> {
    pack.rules.iter().filter(|r| matches!(r.matcher, Matcher::Section(_))).cloned().collect()
}

fn choose_profile(packs: &[PackInfo], wanted: Option<&str>, warnings: &mut Vec<String>) -> Option<Profile> {
    let all: Vec<&Profile> = packs.iter().flat_map(|p| p.profiles.iter()).collect();
    if let Some(wanted) = wanted {
        if let Some(p) = all.iter().find(|p| p.id == wanted) {
            return Some((*p).clone());
        }
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        warnings
            .push(format!("配置的顺序方案 profile = \"{wanted}\" 不存在（可选：{}），改用默认方案", ids.join("、")));
    }
    let default = packs.iter().find_map(|p| p.default_profile.as_deref());
    default.and_then(|d| all.iter().find(|p| p.id == d)).or(all.first()).map(|p| (*p).clone())
}

/// Two findings say the same thing when they cover the same text with the same first fix (or none: a word in two
/// dictionaries), or overlap and their first fixes leave the same text (a typo list replacing 自贸实验区 with
/// 自贸试验区, the spelling model 实 with 试): the more severe one stays, the earlier of two as severe. `findings`
/// is sorted by start, then end.
fn drop_same_corrections(text: &str, findings: &mut Vec<Finding>) {
    let mut dropped = vec![false; findings.len()];
    for i in 0..findings.len() {
        for j in i + 1..findings.len() {
            let (a, b) = (&findings[i], &findings[j]);
            let same_place = a.range == b.range;
            if b.range.start >= a.range.end && !same_place {
                break;
            }
            let same_fix = a.fixes.first().map(|f| &f.edits) == b.fixes.first().map(|f| &f.edits);
            if dropped[i] || dropped[j] || !((same_place && same_fix) || same_correction(text, a, b)) {
                continue;
            }
            let later = if findings[j].severity < findings[i].severity { i } else { j };
            dropped[later] = true;
        }
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
}

/// Do the first fixes of `a` and `b` make the same text of the stretch both touch?
fn same_correction(text: &str, a: &Finding, b: &Finding) -> bool {
    let (Some(fa), Some(fb)) = (a.fixes.first(), b.fixes.first()) else { return false };
    let span = |fix: &crate::rule::Fix| {
        fix.edits.iter().map(|e| e.range.clone()).reduce(|x, y| x.start.min(y.start)..x.end.max(y.end))
    };
    let (Some(sa), Some(sb)) = (span(fa), span(fb)) else { return false };
    let whole = sa.start.min(sb.start)..sa.end.max(sb.end);
    let (Some(ra), Some(rb)) = (corrected(text, &whole, fa), corrected(text, &whole, fb)) else { return false };
    ra == rb
}

/// `text[whole]` with `fix` applied (its edits all inside `whole`), or `None` if its edits overlap or do not fall
/// on the text's characters.
fn corrected(text: &str, whole: &Range<usize>, fix: &crate::rule::Fix) -> Option<String> {
    let mut edits: Vec<&crate::rule::Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| e.range.start);
    let mut out = String::new();
    let mut at = whole.start;
    for edit in edits {
        out.push_str(text.get(at..edit.range.start)?);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(text.get(at..whole.end)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::rule_selected;
    use crate::rule::{Edit, Finding, Fix, Severity};

    #[test]
    fn a_rule_that_may_wait_for_a_model_runs_after_the_other_local_rules() {
        let packs = crate::builtin::packs().expect("built-in packs load").to_vec();
        let (linter, _) = super::Linter::new(packs, &crate::config::Config::default());
        let order: Vec<&str> = linter.paragraph_local_rules().map(|r| r.meta.id.as_str()).collect();
        let local = linter.rules.iter().filter(|r| r.matcher.is_paragraph_local()).count();
        assert_eq!(order.len(), local, "every local rule, once");
        // The privacy rule is listed before the spelling rule in the pack, and runs last.
        assert_eq!(order.last(), Some(&"privacy.person-name"));
        assert!(order.contains(&"spelling.context"));
    }

    fn finding(
        rule: &str,
        severity: Severity,
        range: std::ops::Range<usize>,
        edit: (std::ops::Range<usize>, &str),
    ) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            message: String::new(),
            range,
            text: String::new(),
            fixes: vec![Fix {
                title: String::new(),
                edits: vec![Edit { range: edit.0, replacement: edit.1.into() }],
                safe: false,
            }],
            related: Vec::new(),
        }
    }

    #[test]
    fn overlapping_findings_that_correct_alike_report_once_the_more_severe() {
        let text = "推进自贸实验区建设";
        let word = text.find("自贸实验区").unwrap()..text.find("建设").unwrap();
        let shi = text.find('实').unwrap()..text.find('验').unwrap();
        let list = finding("typo.common", Severity::Error, word.clone(), (word.clone(), "自贸试验区"));
        let model = finding("spelling.context", Severity::Warning, shi.clone(), (shi.clone(), "试"));
        let mut findings = vec![list.clone(), model.clone()];
        super::drop_same_corrections(text, &mut findings);
        assert_eq!(findings, std::slice::from_ref(&list));
        // The more severe stays whichever comes first.
        let first = finding("typo.common", Severity::Warning, word.clone(), (word.clone(), "自贸试验区"));
        let mut findings = vec![first, finding("spelling.context", Severity::Error, shi.clone(), (shi.clone(), "试"))];
        super::drop_same_corrections(text, &mut findings);
        assert_eq!(findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["spelling.context"]);
        // The same place and no fix (or the same fix): once, the more severe.
        let mut bare = finding("a.rule", Severity::Warning, word.clone(), (word.clone(), ""));
        bare.fixes.clear();
        let mut worse = bare.clone();
        worse.severity = Severity::Error;
        let mut findings = vec![worse.clone(), bare.clone()];
        super::drop_same_corrections(text, &mut findings);
        assert_eq!(findings, [worse]);
        let mut at_end = bare.clone();
        at_end.range = word.end..word.end;
        let mut findings = vec![at_end.clone(), at_end.clone()];
        super::drop_same_corrections(text, &mut findings);
        assert_eq!(findings.len(), 1, "an empty range too");
        // Another correction of the same text is another opinion: both stay.
        let other = finding("spelling.context", Severity::Warning, shi.clone(), (shi.clone(), "事"));
        let mut findings = vec![list.clone(), other];
        super::drop_same_corrections(text, &mut findings);
        assert_eq!(findings.len(), 2);
    }

    #[test]
    fn a_typo_list_entry_and_the_spelling_model_on_one_slip_report_it_once() {
        let packs = crate::builtin::packs().expect("built-in packs load").to_vec();
        let (linter, _) = super::Linter::new(packs, &crate::config::Config::default());
        let doc = crate::Document::parse("积极推进自贸实验区制度创新，复制推广改革经验。", crate::Format::Text);
        let rules: Vec<String> = linter
            .lint(&doc)
            .into_iter()
            .map(|f| f.rule)
            .filter(|r| r.starts_with("typo") || r.starts_with("spelling"))
            .collect();
        assert_eq!(rules, ["typo.common"]);
    }

    #[test]
    fn categories_select_by_dotted_prefix() {
        assert!(rule_selected("phrase.vague-claim", "phrase"));
        assert!(rule_selected("phrase.vague-claim", "phrase.vague-claim"));
        assert!(!rule_selected("phrase.vague-claim", "phrase.vague"));
        assert!(!rule_selected("phrases.x", "phrase"));
    }
}
