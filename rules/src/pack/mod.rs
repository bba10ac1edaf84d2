//! Rule packs: reading TOML rule files and compiling their rules.
//!
//! A pack's text becomes a [`Pack`] of compiled [`Rule`]s or a list of
//! [`LoadError`]s, each pointing at a position in the file, in two steps:
//!
//! 1. [`parse`]: the TOML reads into [`PackFile`] (syntax; unknown fields and
//!    types of the metadata and of the fields every rule has; each rule's
//!    other fields are set aside for its kind);
//! 2. [`compile`]: ids are unique and every rule compiles (`builder.rs`: the
//!    rule's kind decodes and validates its own fields, in `rule/<kind>.rs`);
//!    every error is collected, not only the first.
//!
//! A third step, running every rule's `specs`, needs the engine and lives
//! above it in [`crate::specs`], whose [`load_pack`](crate::specs::load_pack)
//! is how a pack from disk is loaded; [`load_pack_trusted`] skips the specs
//! for the built-in packs.

mod builder;
pub mod error;

pub use crate::pack_data::warm_up_builtin_models;
pub use error::LoadError;

use crate::rule::section;
use crate::rule::{Rule, RuleKind};
use crate::schema::PackFile;
use builder::compile_rule;
use std::collections::HashSet;

/// A pack's metadata, kept after loading.
#[derive(Debug, Clone)]
pub struct PackInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub document_types: Vec<String>,
    pub profiles: Vec<section::Profile>,
    pub default_profile: Option<String>,
    pub figure_units: Vec<String>,
    pub credits: Vec<String>,
    /// Where it came from: a file path, or `builtin:ID`.
    pub origin: String,
}

/// A loaded pack: metadata and compiled rules.
#[derive(Debug, Clone)]
pub struct Pack {
    pub info: PackInfo,
    pub rules: Vec<Rule>,
}

/// Loads a pack from its text without running its specs and with its regexes
/// compiled on first use: for the built-in packs, whose specs and regexes the
/// test suite checks (`builtin::check_specs`), so that start-up stays fast.
/// [`crate::specs::load_pack`] compiles every regex now and runs the specs.
pub fn load_pack_trusted(path: &str, source: &str) -> Result<Pack, Vec<LoadError>> {
    compile_with(path, source, &parse(path, source)?, true)
}

/// Reads a pack's TOML into its format ([`PackFile`]); see [`PackFile::parse`].
pub fn parse<'s>(path: &str, source: &'s str) -> Result<PackFile<'s>, Vec<LoadError>> {
    let kinds: Vec<(&str, &[&str])> = RuleKind::ALL.iter().map(|kind| (kind.as_str(), kind.fields())).collect();
    PackFile::parse(source, &kinds).map_err(|(span, message)| {
        vec![match span {
            Some(span) => LoadError::at(path, source, span, message),
            None => LoadError::file(path, message),
        }]
    })
}

/// Compiles a parsed pack: its metadata and every rule, with every error
/// found rather than the first.
pub fn compile(path: &str, source: &str, file: &PackFile) -> Result<Pack, Vec<LoadError>> {
    compile_with(path, source, file, false)
}

/// [`compile`], with the rules' regexes compiled on first use when
/// `defer_compilation` (see [`crate::rule::PackContext`]).
fn compile_with(path: &str, source: &str, file: &PackFile, defer_compilation: bool) -> Result<Pack, Vec<LoadError>> {
    let info = PackInfo {
        id: file.pack.id.clone(),
        title: file.pack.title.clone(),
        version: file.pack.version.clone(),
        description: file.pack.description.clone(),
        document_types: file.pack.document_types.clone(),
        profiles: file
            .pack
            .profiles
            .iter()
            .map(|p| section::Profile { id: p.id.clone(), title: p.title.clone() })
            .collect(),
        default_profile: file.pack.default_profile.clone(),
        figure_units: file.pack.figure_units.as_ref().map(|u| u.get_ref().clone()).unwrap_or_default(),
        credits: file.pack.credits.clone(),
        origin: path.to_string(),
    };
    let mut errors = Vec::new();
    if let Some(units) = &file.pack.figure_units
        && let Err(message) = crate::figure_finder::FigureFinder::try_new(units.get_ref())
    {
        errors.push(LoadError::at(path, source, units.span(), message));
    }
    let mut rules = Vec::new();
    let mut seen = HashSet::new();
    for def in &file.rules {
        if !seen.insert(def.id.get_ref().clone()) {
            errors.push(LoadError::at(path, source, def.id.span(), format!("规则 id “{}” 重复", def.id.get_ref())));
            continue;
        }
        match compile_rule(def, &info, defer_compilation) {
            Ok(rule) => rules.push(rule),
            Err((span, message)) => errors.push(LoadError::at(path, source, span, message)),
        }
    }
    if let Some(profile) = &info.default_profile
        && !info.profiles.iter().any(|p| &p.id == profile)
    {
        errors.push(LoadError::file(path, format!("default_profile = \"{profile}\" 不在 profiles 中")));
    }
    if errors.is_empty() { Ok(Pack { info, rules }) } else { Err(errors) }
}
