//! Unsaved edits, kept on disk (the app data folder) until PowerClerk has them, so that they
//! survive a failed save, a crash and a restart. One small JSON file per (connection,
//! project, form); written to a temporary file and renamed, so a crash never leaves half a
//! file. Holds field values only — never a secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreError;

/// A field's edited value: one text, or a list (multi-choice, table rows).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(untagged)]
pub enum EditValue {
    /// `Value`.
    Single(String),
    /// `Values`.
    Multi(Vec<String>),
}

/// The unsaved edits of one form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LocalEdits {
    /// Connection name.
    pub profile: String,
    /// Project number (or id).
    pub project: String,
    /// Form (custom id or id).
    pub form: String,
    /// When they were last written (RFC 3339).
    pub updated_at: String,
    /// By field key (custom id or id).
    pub fields: BTreeMap<String, EditValue>,
}

/// The folder of unsaved edits.
#[derive(Clone, Debug)]
pub struct EditStore {
    dir: PathBuf,
}

fn file_key(profile: &str, project: &str, form: &str) -> String {
    // Names from users and servers are not trusted as paths: hex-encode them.
    let raw = format!("{profile}\u{1f}{project}\u{1f}{form}");
    raw.bytes().map(|b| format!("{b:02x}")).collect::<String>() + ".json"
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> CoreError {
    CoreError::io(&format!("{what} the unsaved edits in"), path, &e)
}

impl EditStore {
    /// Uses (and creates) `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, CoreError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|e| io_error("create the folder for", &dir, e))?;
        Ok(Self { dir })
    }

    fn path(&self, profile: &str, project: &str, form: &str) -> PathBuf {
        self.dir.join(file_key(profile, project, form))
    }

    /// Writes the edits (an empty set removes the file).
    pub fn save(&self, edits: &LocalEdits) -> Result<(), CoreError> {
        let path = self.path(&edits.profile, &edits.project, &edits.form);
        if edits.fields.is_empty() {
            return self.remove(&edits.profile, &edits.project, &edits.form);
        }
        let mut stamped = edits.clone();
        stamped.updated_at = chrono::Utc::now().to_rfc3339();
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_vec_pretty(&stamped).expect("edits serialise");
        std::fs::write(&tmp, text).map_err(|e| io_error("save", &tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| io_error("save", &path, e))
    }

    /// [`Self::save`] on a blocking thread (for async callers).
    pub async fn save_async(&self, edits: LocalEdits) -> Result<(), CoreError> {
        let store = self.clone();
        crate::blocking::run(move || store.save(&edits)).await?
    }

    /// [`Self::remove`] on a blocking thread (for async callers).
    pub async fn remove_async(
        &self,
        profile: &str,
        project: &str,
        form: &str,
    ) -> Result<(), CoreError> {
        let store = self.clone();
        let (a, b, c) = (profile.to_string(), project.to_string(), form.to_string());
        crate::blocking::run(move || store.remove(&a, &b, &c)).await?
    }

    /// [`Self::load`] on a blocking thread (for async callers).
    pub async fn load_async(&self, profile: &str, project: &str, form: &str) -> Option<LocalEdits> {
        let store = self.clone();
        let (a, b, c) = (profile.to_string(), project.to_string(), form.to_string());
        crate::blocking::run(move || store.load(&a, &b, &c))
            .await
            .ok()
            .flatten()
    }

    /// The saved edits of a form, if any.
    pub fn load(&self, profile: &str, project: &str, form: &str) -> Option<LocalEdits> {
        let text = std::fs::read(self.path(profile, project, form)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Forgets the edits of a form (after a successful save, or when discarded).
    pub fn remove(&self, profile: &str, project: &str, form: &str) -> Result<(), CoreError> {
        let path = self.path(profile, project, form);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error("remove", &path, e)),
        }
    }

    /// Every form with unsaved edits.
    pub fn list(&self) -> Vec<LocalEdits> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut all: Vec<LocalEdits> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| serde_json::from_slice(&std::fs::read(e.path()).ok()?).ok())
            .collect();
        all.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_load_remove() {
        let dir = tempfile::tempdir().unwrap();
        let store = EditStore::new(dir.path().join("edits")).unwrap();
        let mut e = LocalEdits {
            profile: "Demo".into(),
            project: "../INTG-00256".into(),
            form: "TECHNICAL_REVIEW".into(),
            ..Default::default()
        };
        e.fields
            .insert("HCA_RESULTS".into(), EditValue::Single("Pass".into()));
        e.fields.insert(
            "MITIGATIONS".into(),
            EditValue::Multi(vec!["Export limit".into()]),
        );
        store.save(&e).unwrap();
        let back = store
            .load("Demo", "../INTG-00256", "TECHNICAL_REVIEW")
            .unwrap();
        assert_eq!(back.fields, e.fields);
        assert_eq!(store.list().len(), 1);
        // The file stays inside the folder whatever the names are.
        assert_eq!(
            std::fs::read_dir(dir.path().join("edits")).unwrap().count(),
            1
        );
        store
            .remove("Demo", "../INTG-00256", "TECHNICAL_REVIEW")
            .unwrap();
        assert!(store
            .load("Demo", "../INTG-00256", "TECHNICAL_REVIEW")
            .is_none());
        store.remove("Demo", "x", "y").unwrap();
    }
}
