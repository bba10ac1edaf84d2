//! JSON Schemas for rule packs and `gwlint.toml`, derived from the very types
//! the loader reads, so they cannot drift. Editors use them (through Taplo or
//! Even Better TOML) for completion and validation while a pack is written;
//! the copies in `rules/schema/` are checked against these in the test suite.
//!
//! A `[[rule]]` table is one of several shapes, one per kind: the fields every
//! rule has ([`RuleDef`](crate::schema::RuleDef)) and those of its kind
//! (`Kind::Fields` in `rule/<kind>.rs`), told apart by the value of `kind`.
//! The schema says so with a `oneOf` of one object per kind, each closed
//! (`additionalProperties: false`), so that an editor offers a rule the fields
//! of its own kind and flags those of another, as the loader does.

use crate::rule::RuleKind;
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

/// The JSON Schema of a rule pack file.
pub fn pack() -> String {
    let mut generator = SchemaGenerator::default();
    // The kinds' fields first: the types they use (EventDef …) join the
    // generator's definitions, which the root schema then carries.
    let kinds: Vec<(RuleKind, Schema)> =
        RuleKind::ALL.iter().map(|&kind| (kind, kind.fields_schema(&mut generator))).collect();
    let mut root = generator.into_root_schema_for::<crate::schema::PackFile>();
    let defs = root.get_mut("$defs").and_then(Value::as_object_mut).expect("the pack schema has definitions");
    let common = defs.remove("RuleDef").expect("a rule's common fields are a definition");
    let mut variants = Vec::new();
    for (kind, fields) in kinds {
        let name = definition_name(kind);
        variants.push(json!({ "$ref": format!("#/$defs/{name}") }));
        defs.insert(name, rule_of_kind(&common, kind, fields));
    }
    let rule = json!({
        "description": "`[[rule]]`: one rule: the fields every rule has, and those of its kind.",
        "oneOf": variants,
    });
    defs.insert("RuleDef".into(), rule);
    render(root)
}

/// The JSON Schema of `gwlint.toml`.
pub fn config() -> String {
    render(schemars::schema_for!(crate::config::Config))
}

/// `PhraseRule` for `phrase`, as the compiled structs are named.
fn definition_name(kind: RuleKind) -> String {
    let name = kind.as_str();
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).into_iter();
    first.chain(chars).chain("Rule".chars()).collect()
}

/// A rule of one kind: the common fields, the kind's, and `kind` fixed to its
/// name, which the kind's description (its `Fields`' doc comment) explains.
fn rule_of_kind(common: &Value, kind: RuleKind, fields: Schema) -> Value {
    let mut rule = common.clone();
    let fields = fields.to_value();
    let description = fields.get("description").cloned().unwrap_or(Value::Null);
    let object = rule.as_object_mut().expect("a rule is an object");
    object.insert("description".into(), description.clone());
    let properties = object.entry("properties").or_insert_with(|| Value::Object(Map::new()));
    let properties = properties.as_object_mut().expect("properties are an object");
    if let Some(own) = fields.get("properties").and_then(Value::as_object) {
        properties.extend(own.clone());
    }
    properties.insert("kind".into(), json!({ "description": description, "const": kind.as_str() }));
    if let Some(own) = fields.get("required").and_then(Value::as_array) {
        let required = object.entry("required").or_insert_with(|| Value::Array(Vec::new()));
        required.as_array_mut().expect("required is a list").extend(own.iter().cloned());
    }
    rule
}

fn render(schema: Schema) -> String {
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use crate::rule::RuleKind;
    use crate::schema::{RuleDef, field_names};

    /// Each kind's object in the schema has exactly the fields the loader
    /// accepts for it: the common ones and the kind's own.
    #[test]
    fn each_kind_has_its_fields_in_the_schema() {
        let schema: serde_json::Value = serde_json::from_str(&super::pack()).unwrap();
        for &kind in RuleKind::ALL {
            let object = &schema["$defs"][super::definition_name(kind)];
            let mut listed: Vec<&str> = object["properties"].as_object().unwrap().keys().map(String::as_str).collect();
            let mut expected: Vec<&str> = field_names::<RuleDef>().iter().chain(kind.fields()).copied().collect();
            listed.sort_unstable();
            expected.sort_unstable();
            assert_eq!(listed, expected, "{}", kind.as_str());
            assert_eq!(object["properties"]["kind"]["const"], kind.as_str());
            assert_eq!(object["additionalProperties"], false);
        }
    }

    #[test]
    fn published_schemas_are_up_to_date() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
        for (file, current) in [("pack.schema.json", super::pack()), ("gwlint.schema.json", super::config())] {
            let path = dir.join(file);
            if std::env::var_os("GWLINT_UPDATE_SCHEMAS").is_some() {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &current).unwrap();
            }
            let published = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                published == current,
                "{} is out of date: run `GWLINT_UPDATE_SCHEMAS=1 cargo test -p gwlint-rules json_schema`",
                path.display()
            );
        }
    }
}
