//! "About Clerkdesk": the version, when it was built, the licence, where the log files are,
//! and the diagnostics a support request needs — versions, system and the connection's
//! environment, never a credential, a token or a project's data.

use serde::Serialize;
use ts_rs::TS;

/// What the About section shows.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct About {
    /// Clerkdesk's version (the same as `clerk --version`).
    pub version: String,
    /// The build's date (YYYY-MM-DD, UTC).
    pub built: String,
    /// The licence.
    pub licence: String,
    /// The folder with the support log.
    pub log_folder: String,
    /// Plain text for "Copy diagnostics".
    pub diagnostics: String,
    /// The third-party crates shipped, with their licences.
    pub third_party: Vec<ThirdParty>,
}

/// A third-party component and its licence.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct ThirdParty {
    /// The crate's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its licence (an SPDX expression).
    pub licence: String,
}

/// The list `scripts/third-party-licenses.sh` generates (cargo-license, every platform).
const THIRD_PARTY: &str = include_str!("../licenses/third-party.tsv");
/// The webview's vendored libraries (`scripts/vendor-ui.sh` writes it).
const THIRD_PARTY_UI: &str = include_str!("../licenses/third-party-ui.tsv");

/// The third-party crates shipped with the app and the CLI, and the webview's libraries.
pub fn third_party() -> Vec<ThirdParty> {
    THIRD_PARTY
        .lines()
        .chain(THIRD_PARTY_UI.lines())
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some(ThirdParty {
                name: f.next()?.to_string(),
                version: f.next()?.to_string(),
                licence: f
                    .next()
                    .filter(|s| !s.is_empty())
                    .unwrap_or("see the crate")
                    .to_string(),
            })
        })
        .collect()
}

/// The facts the diagnostics are made of (the shell knows the WebView and the folders).
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Clerkdesk's version.
    pub version: String,
    /// The build's date.
    pub built: String,
    /// Tauri's version.
    pub tauri: String,
    /// The WebView's version, when it can be read.
    pub webview: Option<String>,
    /// The log folder.
    pub log_folder: String,
    /// The connection in use: its environment label and the API address.
    pub connection: Option<(String, String)>,
}

impl About {
    /// The About section of these facts.
    pub fn of(facts: &Facts) -> Self {
        let connection = match &facts.connection {
            // The address only: scheme, host and path of the API root carry no secret.
            Some((env, api)) => format!("{env} — {}", address_only(api)),
            None => "none".to_string(),
        };
        let diagnostics = [
            format!("Clerkdesk {} (built {})", facts.version, facts.built),
            format!(
                "System: {} {}",
                std::env::consts::OS,
                std::env::consts::ARCH
            ),
            format!("Tauri {}", facts.tauri),
            format!(
                "WebView: {}",
                facts.webview.as_deref().unwrap_or("version unknown")
            ),
            format!("Connection: {connection}"),
            format!("Log folder: {}", facts.log_folder),
        ]
        .join("\n");
        Self {
            version: facts.version.clone(),
            built: facts.built.clone(),
            licence: "MIT".into(),
            log_folder: facts.log_folder.clone(),
            diagnostics,
            third_party: third_party(),
        }
    }
}

/// A URL without user info, query or fragment (where a careless address could hold a key).
fn address_only(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => "(not a valid address)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_third_party_list_names_each_crate_with_its_licence() {
        let list = third_party();
        assert!(list.len() > 100, "{}", list.len());
        for needed in [
            "tauri",
            "reqwest",
            "rusqlite",
            "calamine",
            "rust_xlsxwriter",
            "keyring",
        ] {
            assert!(
                list.iter().any(|t| t.name == needed),
                "{needed} missing: run scripts/third-party-licenses.sh"
            );
        }
        assert!(list
            .iter()
            .all(|t| !t.version.is_empty() && !t.licence.is_empty()));
        assert!(!list
            .iter()
            .any(|t| t.name.starts_with("clerkdesk") || t.name.starts_with("powerclerk")));
    }

    #[test]
    fn diagnostics_name_versions_and_the_environment_but_no_secret() {
        let about = About::of(&Facts {
            version: "0.1.0".into(),
            built: "2026-11-28".into(),
            tauri: "2.9.0".into(),
            webview: Some("2.50.6".into()),
            log_folder: "/home/u/.local/share/com.clerkdesk.desktop/logs".into(),
            connection: Some((
                "PRODUCTION".into(),
                "https://user:hunter2@example.com/Tenant/services/v2?api_key=abc#x".into(),
            )),
        });
        let text = &about.diagnostics;
        assert!(
            text.contains("Clerkdesk 0.1.0 (built 2026-11-28)"),
            "{text}"
        );
        assert!(text.contains("WebView: 2.50.6"), "{text}");
        assert!(
            text.contains("Connection: PRODUCTION — https://example.com/Tenant/services/v2"),
            "{text}"
        );
        for secret in ["hunter2", "user", "api_key", "abc"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}
