//! The TOML format of a rule pack, as serde reads it: the pack's metadata and
//! the fields every `[[rule]]` has.
//!
//! These types are the single source of truth for the format: the loader
//! deserialises into them and `gwlint schema pack` derives the published JSON
//! Schema from them. Fields whose position an error may need to point at are
//! [`Spanned`].
//!
//! A `[[rule]]` table is read in two steps, because which fields it may have
//! depends on its `kind`. [`PackFile::parse`] reads the fields every rule has
//! ([`RuleDef`]) and sets the others aside as written, with their places
//! ([`KindTable`]); once the kind is known, the kind decodes them into its own
//! struct (`Kind::Fields`, in `rule/<kind>.rs`) with [`KindTable::decode`]. So
//! a kind's fields live in the kind's file, and an error in one still points
//! at the line and column it was written at: serde's `flatten` would have
//! buffered them and lost both the places and `deny_unknown_fields`.

use crate::finding::Severity;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A rule pack: metadata and rules.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "gwlint rule pack")]
pub struct PackFile<'s> {
    pub pack: PackMeta,
    /// The rules, as `[[rule]]` tables.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleDef<'s>>,
}

/// `[pack]`: what the pack is and where its rules come from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    /// Stable identifier, e.g. `fzzf-report`.
    pub id: String,
    /// Title shown to users, in Chinese.
    pub title: String,
    pub version: String,
    pub description: String,
    /// The kinds of document the pack is written for, e.g. `法治政府建设年度报告`.
    #[serde(default)]
    pub document_types: Vec<String>,
    /// Orders in which `section` rules may appear; a workspace chooses one.
    #[serde(default)]
    pub profiles: Vec<ProfileDef>,
    /// The profile used when the workspace chooses none.
    #[serde(default)]
    pub default_profile: Option<String>,
    /// Extra measure words (量词) that make a number a figure, besides the built-in ones.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub figure_units: Option<Spanned<Vec<String>>>,
    /// Credits for data taken from public sources, with their licences.
    #[serde(default)]
    pub credits: Vec<String>,
}

/// An order profile for the required sections.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileDef {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// `[[rule]]`: one rule. Besides these fields, every rule has those of its
/// kind (see `gwlint schema pack`, or the kind's `Fields` in `rule/<kind>.rs`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef<'s> {
    /// Stable identifier: `category.name`, e.g. `phrase.vague-claim`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What kind of rule it is: `section`, `phrase`, `typo` … (one of the kinds
    /// in `rule/mod.rs`); it decides which other fields the rule has.
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    pub severity: Severity,
    /// The finding's message, in Chinese. `{text}` is the matched text and
    /// `{replacement}` the suggested one; in `phrase` rules `{report_year}` is the
    /// year the report is about (2023年; ××××年 when the text does not say).
    pub message: String,
    /// Markdown: why it matters and what to write instead.
    pub explanation: String,
    /// Where the rule comes from: regulation and article, standard and clause, or usage.
    pub source: String,
    /// Examples checked when the pack loads.
    #[schemars(with = "SpecsDef")]
    pub specs: Spanned<SpecsDef>,
    /// The other fields of the table, for the kind to decode.
    #[serde(skip)]
    pub fields: KindTable<'s>,
}

/// The fields of a `[[rule]]` table that belong to its kind, as written: the
/// values with their places in the pack file, not yet decoded.
#[derive(Debug, Default)]
pub struct KindTable<'s> {
    /// The whole `[[rule]]` table, where an error that has no field of its own points.
    pub span: Range<usize>,
    pub fields: DeTable<'s>,
}

impl KindTable<'_> {
    /// The fields' names and where each is written, in the order written.
    pub fn names(&self) -> Vec<(&str, Range<usize>)> {
        let mut names: Vec<(&str, Range<usize>)> =
            self.fields.iter().map(|(name, _)| (name.get_ref().as_ref(), name.span())).collect();
        names.sort_by_key(|(_, span)| span.start);
        names
    }

    /// Decodes the fields into a kind's struct. An error says what is wrong as
    /// the TOML parser says it, at the field at fault.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, (Range<usize>, String)> {
        let table = Spanned::new(self.span.clone(), DeValue::Table(self.fields.clone()));
        T::deserialize(toml::de::ValueDeserializer::from(table)).map_err(|error| {
            let (span, message) = format_error(&error);
            (span.unwrap_or_else(|| self.span.clone()), message)
        })
    }
}

impl<'s> PackFile<'s> {
    /// Reads a pack's TOML: syntax, unknown fields and types of the metadata
    /// and of the fields every rule has. Each rule's other fields are set aside
    /// for its kind ([`RuleDef::fields`]); `kinds` names each kind and its
    /// fields, so that a field of no kind is refused here, at the field, as
    /// serde would refuse it. An error is its place, if it has one, and its
    /// message.
    pub fn parse(source: &'s str, kinds: &[(&str, &[&str])]) -> Result<PackFile<'s>, (Option<Range<usize>>, String)> {
        let mut root = DeTable::parse(source).map_err(|e| format_error(&e))?;
        let common = field_names::<RuleDef>();
        let mut kind_tables = Vec::new();
        // Anything that is not an array of tables is left as it is, for serde
        // to refuse with its usual message.
        if let Some(rules) = root.get_mut().get_mut("rule")
            && let DeValue::Array(rules) = rules.get_mut()
        {
            for rule in rules.iter_mut() {
                let span = rule.span();
                let mut kind_table = KindTable { span, fields: DeTable::new() };
                if let DeValue::Table(table) = rule.get_mut() {
                    for (name, value) in std::mem::take(table) {
                        if common.contains(&name.get_ref().as_ref()) {
                            table.insert(name, value);
                        } else {
                            kind_table.fields.insert(name, value);
                        }
                    }
                    let kind = table.get("kind").and_then(|kind| kind.get_ref().as_str());
                    check_known_fields(&kind_table, kind, kinds)?;
                }
                kind_tables.push(kind_table);
            }
        }
        let mut file = PackFile::deserialize(toml::de::Deserializer::from(root)).map_err(|e| format_error(&e))?;
        for (rule, kind_table) in file.rules.iter_mut().zip(kind_tables) {
            rule.fields = kind_table;
        }
        Ok(file)
    }
}

/// Refuses a field no kind has (a misspelt one, most likely), at the field,
/// before any other error of the rule: what it should have been is the first
/// thing to know. Naming the rule's kind's own fields, when it has a kind.
fn check_known_fields(
    table: &KindTable,
    kind: Option<&str>,
    kinds: &[(&str, &[&str])],
) -> Result<(), (Option<Range<usize>>, String)> {
    let Some((field, span)) =
        table.names().into_iter().find(|(field, _)| !kinds.iter().any(|(_, fields)| fields.contains(field)))
    else {
        return Ok(());
    };
    let message = match kinds.iter().find(|(name, _)| Some(*name) == kind) {
        Some((name, fields)) => {
            format!(
                "规则包格式错误：unknown field `{field}`（kind = \"{name}\" 的规则除共有字段外只有：{}）",
                fields.join("、")
            )
        }
        None => format!("规则包格式错误：unknown field `{field}`"),
    };
    Err((Some(span), message))
}

/// A TOML error's place, if it has one, and its message as a pack error
/// gives it.
fn format_error(error: &toml::de::Error) -> (Option<Range<usize>>, String) {
    (error.span(), format!("规则包格式错误：{}", error.message().trim()))
}

/// The names of a struct's fields as its derived `Deserialize` knows them
/// (serde hands them to [`serde::Deserializer::deserialize_struct`], which is
/// all this deserializer answers): the fields every rule has, a kind's own.
pub fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Names<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Names<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("only the names were wanted"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Names(&mut fields));
    fields
}

/// Examples for a rule, checked when the pack loads (a failing spec is a load error).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecsDef {
    /// Texts on which the rule must fire.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub fire: Vec<Spanned<String>>,
    /// Texts on which the rule must not fire.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub pass: Vec<Spanned<String>>,
    /// Texts and what they become after the rule's fixes are applied.
    #[serde(default)]
    pub fixed: Vec<FixedSpec>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedSpec {
    #[schemars(with = "String")]
    pub from: Spanned<String>,
    pub to: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_table_splits_into_the_common_fields_and_the_kinds() {
        let source = "[pack]\nid = 'p'\ntitle = 't'\nversion = '1'\ndescription = 'd'\n\n[[rule]]\nid = 'x'\n\
                      kind = 'phrase'\nseverity = 'info'\nmessage = ''\nexplanation = ''\nsource = ''\nspecs = {}\n\
                      phrases = ['甲']\n[rule.messages]\norder = 'o'\n";
        let kinds: &[(&str, &[&str])] = &[("phrase", &["phrases"]), ("section", &["messages"])];
        let file = PackFile::parse(source, kinds).expect("parses");
        let rule = &file.rules[0];
        assert_eq!(rule.kind.get_ref(), "phrase");
        let names: Vec<&str> = rule.fields.names().into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["phrases", "messages"]);
        let (_, span) = rule.fields.names()[0].clone();
        assert_eq!(&source[span], "phrases");
    }

    #[test]
    fn the_common_fields_are_the_structs() {
        assert_eq!(field_names::<RuleDef>(), ["id", "kind", "severity", "message", "explanation", "source", "specs"]);
    }
}
