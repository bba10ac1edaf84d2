//! Settings the editor sends: `initializationOptions` and
//! `workspace/didChangeConfiguration`.
//!
//! They use the field names of `gwlint.toml` (`builtin`, `rules`, `profile`,
//! `disable`, `severity`, `allow`) plus `debounceMs`, either at the top level
//! or under a `"gwlint"` key, the way editors namespace settings:
//!
//! ```json
//! {"gwlint": {"disable": ["phrase"], "severity": {"typo": "warning"}, "debounceMs": 300}}
//! ```
//!
//! They are laid over the workspace's `gwlint.toml`: lists (`rules`,
//! `disable`, `allow`) are added to, single values (`builtin`, `profile`) and
//! severities of the same pattern are replaced. This way a user's editor can
//! turn a rule off for themselves without editing the shared file.

use gwlint_rules::Config;
use gwlint_rules::rule::Severity;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// How long the server waits after a change before linting, by default.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// The editor's settings, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientSettings {
    overlay: Overlay,
    pub debounce: Duration,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings { overlay: Overlay::default(), debounce: DEFAULT_DEBOUNCE }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Overlay {
    builtin: Option<Vec<String>>,
    #[serde(default)]
    rules: Vec<String>,
    profile: Option<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    allow: Vec<String>,
    debounce_ms: Option<u64>,
}

impl ClientSettings {
    /// Parses the settings value (`null` means no settings). Relative pack
    /// paths in `rules` are taken relative to `root`, the workspace folder.
    /// The error is a message for the user.
    pub fn parse(value: &Value, root: Option<&Path>) -> Result<ClientSettings, String> {
        let value = match value {
            Value::Null => return Ok(ClientSettings::default()),
            Value::Object(map) if map.contains_key("gwlint") => &map["gwlint"],
            other => other,
        };
        let mut overlay =
            Overlay::deserialize(value).map_err(|e| format!("编辑器中的 gwlint 设置有误，已忽略：{e}"))?;
        if let Some(root) = root {
            overlay.rules = overlay.rules.iter().map(|r| root.join(r).to_string_lossy().into_owned()).collect();
        }
        let debounce = overlay.debounce_ms.map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
        Ok(ClientSettings { overlay, debounce })
    }

    /// The workspace configuration with these settings laid over it.
    pub fn apply(&self, mut config: Config) -> Config {
        let o = &self.overlay;
        if o.builtin.is_some() {
            config.builtin = o.builtin.clone();
        }
        if o.profile.is_some() {
            config.profile = o.profile.clone();
        }
        config.rules.extend(o.rules.iter().cloned());
        config.disable.extend(o.disable.iter().cloned());
        config.allow.extend(o.allow.iter().cloned());
        config.severity.extend(o.severity.iter().map(|(k, v)| (k.clone(), *v)));
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_and_flat_settings_mean_the_same() {
        let nested = json!({"gwlint": {"disable": ["typo"], "debounceMs": 20}});
        let flat = json!({"disable": ["typo"], "debounceMs": 20});
        let a = ClientSettings::parse(&nested, None).unwrap();
        assert_eq!(a, ClientSettings::parse(&flat, None).unwrap());
        assert_eq!(a.debounce, Duration::from_millis(20));
        assert_eq!(a.apply(Config::default()).disable, ["typo"]);
    }

    #[test]
    fn settings_extend_lists_and_replace_values() {
        let settings = ClientSettings::parse(
            &json!({"profile": "local", "allow": ["学法"], "severity": {"phrase": "info"}, "rules": ["p.toml"]}),
            Some(Path::new("/ws")),
        )
        .unwrap();
        let base = Config { profile: Some("x".into()), allow: vec!["甲".into()], ..Config::default() };
        let config = settings.apply(base);
        assert_eq!(config.profile.as_deref(), Some("local"));
        assert_eq!(config.allow, ["甲", "学法"]);
        assert_eq!(config.severity["phrase"], Severity::Info);
        assert_eq!(config.rules, [Path::new("/ws/p.toml").to_string_lossy()]);
    }

    #[test]
    fn bad_settings_are_a_message_not_a_crash() {
        let error = ClientSettings::parse(&json!({"disable": 3}), None).unwrap_err();
        assert!(error.contains("设置有误"), "{error}");
        assert_eq!(ClientSettings::parse(&Value::Null, None).unwrap(), ClientSettings::default());
    }
}
