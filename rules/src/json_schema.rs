//! JSON Schemas for rule packs and `gwlint.toml`, derived from the very types
//! the loader reads, so they cannot drift. Editors use them (through Taplo or
//! Even Better TOML) for completion and validation while a pack is written;
//! the copies in `rules/schema/` are checked against these in the test suite.

/// The JSON Schema of a rule pack file.
pub fn pack() -> String {
    render(schemars::schema_for!(crate::schema::PackFile))
}

/// The JSON Schema of `gwlint.toml`.
pub fn config() -> String {
    render(schemars::schema_for!(crate::config::Config))
}

fn render(schema: schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
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
