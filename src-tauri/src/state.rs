//! What the app keeps between commands.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use clerkdesk_core::activity::ActivityLog;
use clerkdesk_core::edits::EditStore;
use clerkdesk_core::settings::Settings;
use clerkdesk_core::Session;
use powerclerk_api::CancellationToken;
use tokio::sync::RwLock;

/// Managed state of the app.
pub struct AppState {
    /// `--demo` on the command line.
    pub demo_flag: bool,
    /// Non-secret settings (mirrored to tauri-plugin-store).
    pub settings: Mutex<Settings>,
    /// The open connection.
    pub session: RwLock<Option<Arc<Session>>>,
    /// Unsaved edits on disk.
    pub edits: EditStore,
    /// The activity log on disk.
    pub activity: ActivityLog,
    /// Transfers that can be cancelled, by id.
    pub transfers: Mutex<HashMap<u64, CancellationToken>>,
    /// Files dropped on the window, by drop id: the only paths an upload may read besides
    /// those picked in a dialog.
    pub drops: Mutex<HashMap<u64, Vec<PathBuf>>>,
    /// Files this app saved: the only paths "Show in folder" may reveal.
    pub saved: Mutex<HashSet<PathBuf>>,
    /// The window holds edits not yet saved to PowerClerk (closing asks first).
    pub has_unsaved: AtomicBool,
    next_id: AtomicU64,
}

impl AppState {
    /// New state over the app data folder.
    pub fn new(
        demo_flag: bool,
        settings: Settings,
        data_dir: PathBuf,
    ) -> Result<Self, clerkdesk_core::CoreError> {
        Ok(Self {
            demo_flag,
            settings: Mutex::new(settings),
            session: RwLock::new(None),
            edits: EditStore::new(data_dir.join("unsaved-edits"))?,
            activity: ActivityLog::new(data_dir.join("activity.jsonl")),
            transfers: Mutex::new(HashMap::new()),
            drops: Mutex::new(HashMap::new()),
            saved: Mutex::new(HashSet::new()),
            has_unsaved: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
        })
    }

    /// A fresh id for a transfer or a drop.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Records whether unsaved edits exist.
    pub fn set_unsaved(&self, yes: bool) {
        self.has_unsaved.store(yes, Ordering::Relaxed);
    }

    /// The settings, locked.
    pub fn settings(&self) -> std::sync::MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }
}
