//! Non-secret settings: saved connections, the active one, recent projects. The desktop app
//! keeps them in tauri-plugin-store; this module only knows their shape and rules.

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::profile::Profile;

/// How many recent projects are remembered.
pub const RECENT_PROJECTS: usize = 10;

/// Everything that is saved between runs (and nothing secret).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Saved connections.
    pub profiles: Vec<Profile>,
    /// The connection opened at start-up.
    pub active_profile: Option<String>,
    /// Most recent first.
    pub recent_projects: Vec<String>,
    /// The Bulk screen's column choices, per form key: header → field key (`None`: the
    /// column is not used).
    pub bulk_mappings:
        std::collections::BTreeMap<String, std::collections::HashMap<String, Option<String>>>,
    /// Whether to look for updates at start, and when the app last looked.
    pub updates: crate::updates::UpdatePrefs,
    /// Save attachments straight into the Downloads folder, without the save dialog (as
    /// browsers can); a name already there gets a number, nothing is replaced.
    pub downloads_without_asking: bool,
    /// What the watch looks for, and how often.
    pub watch: crate::watch::WatchPrefs,
}

/// The switches of the Settings screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Preferences {
    /// Look for updates quietly at start (at most daily).
    pub check_updates_at_start: bool,
    /// Save attachments into Downloads without asking where.
    pub downloads_without_asking: bool,
}

impl Settings {
    /// The switches as the Settings screen shows them.
    pub fn preferences(&self) -> Preferences {
        Preferences {
            check_updates_at_start: self.updates.check_at_start,
            downloads_without_asking: self.downloads_without_asking,
        }
    }

    /// The active profile, if it still exists.
    pub fn active(&self) -> Option<&Profile> {
        let name = self.active_profile.as_deref()?;
        self.profiles.iter().find(|p| p.name == name)
    }

    /// Adds or replaces a profile (by name) and makes it active.
    pub fn upsert(&mut self, profile: Profile) -> Result<(), CoreError> {
        let name = profile.name.trim();
        if name.is_empty() {
            return Err(CoreError::Input("Give the connection a name.".into()));
        }
        self.profiles.retain(|p| p.name != name);
        self.active_profile = Some(name.to_string());
        self.profiles.push(Profile {
            name: name.to_string(),
            ..profile
        });
        Ok(())
    }

    /// Removes a profile; the active one falls back to another or none.
    pub fn remove(&mut self, name: &str) {
        self.profiles.retain(|p| p.name != name);
        if self.active_profile.as_deref() == Some(name) {
            self.active_profile = self.profiles.first().map(|p| p.name.clone());
        }
    }

    /// Remembers a project as the most recent.
    pub fn remember_project(&mut self, number: &str) {
        let number = number.trim();
        if number.is_empty() {
            return;
        }
        self.recent_projects.retain(|p| p != number);
        self.recent_projects.insert(0, number.to_string());
        self.recent_projects.truncate(RECENT_PROJECTS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_projects_are_unique_most_recent_first_and_capped() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.remember_project(&format!("INTG-{i:05}"));
        }
        s.remember_project("INTG-00010");
        assert_eq!(s.recent_projects.len(), RECENT_PROJECTS);
        assert_eq!(s.recent_projects[0], "INTG-00010");
        assert_eq!(
            s.recent_projects
                .iter()
                .filter(|p| *p == "INTG-00010")
                .count(),
            1
        );
    }

    #[test]
    fn profiles_upsert_and_remove() {
        let mut s = Settings::default();
        s.upsert(Profile::pci_trial("Trial")).unwrap();
        s.upsert(Profile::pci_trial("Other")).unwrap();
        assert_eq!(s.active().unwrap().name, "Other");
        s.remove("Other");
        assert_eq!(s.active().unwrap().name, "Trial");
        assert!(s.upsert(Profile::pci_trial("  ")).is_err());
    }
}
