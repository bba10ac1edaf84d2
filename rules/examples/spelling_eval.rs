//! Scores the `spelling.context` rule of the built-in pack.
//!
//! ```sh
//! cargo run --release -p gwlint-rules --example spelling_eval -- \
//!     [--dev tests/bench/spelling/dev.tsv] [--threshold 7] [--sweep] [--show N] [--wording FILE] [REPORT.txt ...]
//! ```
//!
//! On the development sentences (each written with its wrong characters and
//! corrected; see `tests/bench/spelling/README.md`) it prints sentence-level
//! detection and correction precision, recall and F1 in the SIGHAN manner: a
//! sentence counts as detected when the set of positions reported equals the
//! set of wrong positions, and as corrected when the replacements match too;
//! an error-free sentence with any report is a false positive. Character-level
//! figures follow. With report files it lints each with the whole built-in
//! pack and prints every `spelling.context` finding and the false alarms per
//! 1,000 characters (each finding there is read by hand: the corpus reports
//! are real, published text).

use gwlint_rules::rule::spelling::SpellingRule;
use gwlint_rules::rule::{Kind, Matcher};
use gwlint_rules::{Document, Format, Linter, builtin};

struct Sentence {
    wrong: Vec<char>,
    right: Vec<char>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dev = String::from("tests/bench/spelling/dev.tsv");
    let mut threshold: Option<f64> = None;
    let mut sweep = false;
    let mut show = 0usize;
    let mut wording: Option<String> = None;
    let mut reports = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dev" => dev = args.next().expect("--dev FILE"),
            "--threshold" => threshold = Some(args.next().expect("--threshold N").parse().expect("a number")),
            "--sweep" => sweep = true,
            "--show" => show = args.next().expect("--show N").parse().expect("a number"),
            "--wording" => wording = Some(args.next().expect("--wording FILE")),
            _ => reports.push(a),
        }
    }
    let bytes = builtin::binary_file("data/spelling.model").expect("the model is built in");
    let started = std::time::Instant::now();
    let model = gwlint_rules::language_model::Model::from_static(bytes).expect("the model loads");
    let (c, b, t) = model.sizes();
    println!(
        "model: {} bytes, {c} characters, {b} bigrams, {t} trigrams; decoded in {:.1} ms",
        bytes.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    drop(model);
    let packs = builtin::packs().expect("built-in packs load");
    let rule = packs
        .iter()
        .flat_map(|p| p.rules.iter())
        .find(|r| r.meta.id == "spelling.context")
        .expect("the pack has spelling.context");
    let Matcher::Spelling(spelling) = &rule.matcher else { panic!("spelling.context is a spelling rule") };
    let spelling = match threshold {
        Some(t) => spelling.with_threshold(t).expect("valid threshold"),
        None => spelling.clone(),
    };
    // Another established-wording file (build_report_wording.py --exclude SET:
    // the list built without the reports it is measured on).
    let spelling = match &wording {
        Some(path) => spelling.with_wording(
            gwlint_rules::rule::spelling::Wording::parse(
                &std::fs::read_to_string(path).expect("readable wording file"),
            )
            .expect("a valid wording file"),
        ),
        None => spelling,
    };

    let sentences = read_dev(&dev);
    println!(
        "development set: {dev}: {} sentences, {} with errors",
        sentences.len(),
        sentences.iter().filter(|s| s.wrong != s.right).count()
    );
    if sweep {
        println!("threshold  det-P  det-R  det-F1  cor-P  cor-R  cor-F1  char-P  char-R");
        for t in [4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0] {
            let r = spelling.with_threshold(t).expect("valid");
            let s = score(&r, &sentences, 0);
            println!("{t:9.1}  {}", s.row());
        }
    } else {
        let s = score(&spelling, &sentences, show);
        println!("det-P  det-R  det-F1  cor-P  cor-R  cor-F1  char-P  char-R");
        println!("{}", s.row());
        println!("correction accuracy of detected sentences: {:.3}", s.correct_of_detected());
        println!("{}", s.lenient());
    }

    if !reports.is_empty() {
        // The reports are linted with the whole pack, this threshold included.
        let mut packs = packs.to_vec();
        for rule in packs.iter_mut().flat_map(|p| p.rules.iter_mut()) {
            if rule.meta.id == "spelling.context" {
                rule.matcher = Matcher::Spelling(spelling.clone());
            }
        }
        let linter = Linter::new(packs, &gwlint_rules::Config::default()).0;
        let (mut chars, mut found) = (0usize, 0usize);
        for path in &reports {
            let text = std::fs::read_to_string(path).expect("readable report");
            let doc = Document::parse(text.clone(), Format::Text);
            let n = text.chars().filter(|c| !c.is_whitespace()).count();
            chars += n;
            for f in linter.lint(&doc).into_iter().filter(|f| f.rule == "spelling.context") {
                found += 1;
                let (line, col) = doc.lines.line_col(&doc.text, f.range.start);
                println!("{path}:{line}:{col}: {}", f.message);
            }
        }
        println!(
            "reports: {} files, {chars} characters, {found} findings, {:.3} per 1,000 characters",
            reports.len(),
            found as f64 * 1000.0 / chars.max(1) as f64
        );
    }
}

fn read_dev(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).expect("readable development set");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (wrong, right): (Vec<char>, Vec<char>) = (f.get(2)?.chars().collect(), f.get(3)?.chars().collect());
            (wrong.len() == right.len()).then_some(Sentence { wrong, right })
        })
        .collect()
}

#[derive(Default)]
struct Score {
    gold_pos: usize,
    pred_pos: usize,
    det_ok: usize,
    cor_ok: usize,
    char_pred: usize,
    char_ok: usize,
    char_gold: usize,
    /// Flagged sentences that do hold an error (wherever the flag is).
    flagged_with_error: usize,
}

impl Score {
    fn row(&self) -> String {
        let p = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        let (dp, dr) = (p(self.det_ok, self.pred_pos), p(self.det_ok, self.gold_pos));
        let (cp, cr) = (p(self.cor_ok, self.pred_pos), p(self.cor_ok, self.gold_pos));
        format!(
            "{dp:.3}  {dr:.3}  {:.3}   {cp:.3}  {cr:.3}  {:.3}   {:.3}   {:.3}",
            f1(dp, dr),
            f1(cp, cr),
            p(self.char_ok, self.char_pred),
            p(self.char_ok, self.char_gold)
        )
    }

    fn lenient(&self) -> String {
        let p = self.flagged_with_error as f64 / self.pred_pos.max(1) as f64;
        let r = self.flagged_with_error as f64 / self.gold_pos.max(1) as f64;
        format!("flagged sentences that hold an error: P {p:.3}, R {r:.3}, F1 {:.3}", 2.0 * p * r / (p + r).max(1e-9))
    }

    fn correct_of_detected(&self) -> f64 {
        if self.det_ok == 0 { 0.0 } else { self.cor_ok as f64 / self.det_ok as f64 }
    }
}

fn score(rule: &SpellingRule, sentences: &[Sentence], mut show: usize) -> Score {
    let mut s = Score::default();
    for sentence in sentences {
        let text: String = sentence.wrong.iter().collect();
        let doc = Document::parse(text.clone(), Format::Text);
        // The rule's own search and its document-wide guards, as in a lint.
        let mut findings: Vec<gwlint_rules::Finding> = rule
            .suggestions(&text)
            .into_iter()
            .map(|sug| gwlint_rules::Finding {
                rule: "spelling.context".into(),
                severity: gwlint_rules::Severity::Warning,
                message: String::new(),
                text: sug.found.clone(),
                range: sug.range.clone(),
                fixes: vec![gwlint_rules::Fix {
                    title: String::new(),
                    edits: vec![gwlint_rules::Edit { range: sug.range, replacement: sug.replacement.clone() }],
                    safe: false,
                }],
                related: Vec::new(),
            })
            .collect();
        rule.dismiss_in_document("spelling.context", &doc, &mut findings);
        let predicted: Vec<(usize, char)> = findings
            .iter()
            .flat_map(|f| {
                let index = text[..f.range.start].chars().count();
                let replacement: Vec<char> = f.fixes[0].edits[0].replacement.chars().collect();
                replacement.into_iter().enumerate().map(move |(k, c)| (index + k, c))
            })
            .collect();
        let gold: Vec<(usize, char)> = (0..sentence.wrong.len())
            .filter(|&i| sentence.wrong[i] != sentence.right[i])
            .map(|i| (i, sentence.right[i]))
            .collect();
        if !gold.is_empty() {
            s.gold_pos += 1;
        }
        if !predicted.is_empty() {
            s.pred_pos += 1;
            if !gold.is_empty() {
                s.flagged_with_error += 1;
            }
        }
        let same_positions =
            !gold.is_empty() && predicted.len() == gold.len() && predicted.iter().zip(&gold).all(|(p, g)| p.0 == g.0);
        if same_positions {
            s.det_ok += 1;
            if predicted == gold {
                s.cor_ok += 1;
            }
        }
        s.char_gold += gold.len();
        s.char_pred += predicted.len();
        s.char_ok += predicted.iter().filter(|p| gold.iter().any(|g| g.0 == p.0)).count();
        if show > 0 && predicted != gold {
            show -= 1;
            let mark = |v: &[(usize, char)]| {
                v.iter().map(|(i, c)| format!("{}→{c}@{i}", sentence.wrong[*i])).collect::<Vec<_>>().join(" ")
            };
            println!("  {text}\n    gold: {}\n    got:  {}", mark(&gold), mark(&predicted));
        }
    }
    s
}
