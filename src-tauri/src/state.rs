//! What the app keeps between commands.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clerkdesk_core::activity::ActivityLog;
use clerkdesk_core::edits::EditStore;
use clerkdesk_core::settings::Settings;
use clerkdesk_core::Session;
use powerclerk_api::CancellationToken;
use tokio::sync::{Notify, RwLock};

/// A drop not taken by an upload within this time is forgotten (its paths with it).
const DROP_LIFETIME: Duration = Duration::from_secs(600);
/// At most this many drops are remembered.
const MAX_DROPS: usize = 32;
/// How long closing the app waits for cancelled transfers to clean up their partial files.
const TRANSFER_STOP_WAIT: Duration = Duration::from_secs(5);

/// Managed state of the app.
pub struct AppState {
    /// `--demo` on the command line.
    pub demo_flag: bool,
    /// Non-secret settings (mirrored to tauri-plugin-store).
    pub settings: Mutex<Settings>,
    /// The open connection.
    pub session: RwLock<Option<Arc<Session>>>,
    /// With `--demo`: the demo connection being opened since start-up, while the webview
    /// loads (taken by the first `connection_status`).
    pub warming: tokio::sync::Mutex<Option<Warming>>,
    /// Unsaved edits on disk.
    pub edits: EditStore,
    /// The activity log on disk.
    pub activity: ActivityLog,
    /// Transfers that can be cancelled, by id.
    pub transfers: Mutex<HashMap<u64, CancellationToken>>,
    /// Files dropped on the window, by drop id: the only paths an upload may read besides
    /// those picked in a dialog. Each is taken once; old ones are pruned.
    drops: Mutex<HashMap<u64, (Instant, Vec<PathBuf>)>>,
    /// Woken whenever a transfer ends.
    transfer_ended: Notify,
    /// The task forwarding the limiter's status to the window (replaced on reconnect).
    pub rate_forwarder: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
    /// The task keeping the limiter's recent calls on disk (replaced on reconnect).
    pub rate_keeper: Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// Files this app saved: the only paths "Show in folder" may reveal.
    saved: Mutex<HashSet<PathBuf>>,
    /// The app data folder (the bulk journal lives there).
    pub data_dir: PathBuf,
    /// The Bulk screen's sheet between its steps.
    pub bulk: tokio::sync::Mutex<Option<clerkdesk_core::bulk::screen::BulkDraft>>,
    /// Pause/cancel of the running bulk job (closing the window asks while one runs).
    pub bulk_control: Mutex<Option<Arc<clerkdesk_core::bulk::RunControl>>>,
    /// The window holds edits not yet saved to PowerClerk (closing asks first).
    pub has_unsaved: AtomicBool,
    /// The last compatibility check, for "Save report…".
    pub last_compat: Mutex<Option<clerkdesk_core::compat::CompatReport>>,
    /// The day the watch last counted what becomes overdue tomorrow (once a day).
    pub watch_told: Mutex<Option<chrono::NaiveDate>>,
    next_id: AtomicU64,
}

/// A connection being opened in the background.
pub type Warming = tauri::async_runtime::JoinHandle<Result<Session, clerkdesk_core::CoreError>>;

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
            warming: Default::default(),
            edits: EditStore::new(data_dir.join("unsaved-edits"))?,
            activity: ActivityLog::new(data_dir.join("activity.jsonl")),
            data_dir: data_dir.clone(),
            bulk: Default::default(),
            bulk_control: Default::default(),
            transfers: Mutex::new(HashMap::new()),
            drops: Mutex::new(HashMap::new()),
            transfer_ended: Notify::new(),
            rate_forwarder: Mutex::new(None),
            rate_keeper: Mutex::new(None),
            saved: Mutex::new(HashSet::new()),
            has_unsaved: AtomicBool::new(false),
            last_compat: Mutex::new(None),
            watch_told: Mutex::new(None),
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

    /// Remembers a drop and returns its id (pruning drops never used).
    pub fn add_drop(&self, paths: Vec<PathBuf>) -> u64 {
        let id = self.next_id();
        let now = Instant::now();
        let mut drops = self.drops.lock().unwrap_or_else(|e| e.into_inner());
        drops.retain(|_, (at, _)| now.duration_since(*at) < DROP_LIFETIME);
        while drops.len() >= MAX_DROPS {
            let oldest = *drops.keys().min().expect("not empty");
            drops.remove(&oldest);
        }
        drops.insert(id, (now, paths));
        id
    }

    /// Takes a drop's paths (once).
    pub fn take_drop(&self, id: u64) -> Option<Vec<PathBuf>> {
        self.drops
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id)
            .map(|(_, paths)| paths)
    }

    /// Forgets a finished transfer.
    pub fn end_transfer(&self, id: u64) {
        self.transfers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
        self.transfer_ended.notify_waiters();
    }

    /// True while a transfer runs.
    pub fn has_transfers(&self) -> bool {
        !self
            .transfers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty()
    }

    /// Cancels every transfer and waits (a few seconds at most) until each has ended, so
    /// that their partial files are removed before the app exits.
    pub async fn stop_transfers(&self) {
        let wait = async {
            loop {
                let ended = self.transfer_ended.notified();
                tokio::pin!(ended);
                ended.as_mut().enable();
                let tokens: Vec<CancellationToken> = self
                    .transfers
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .values()
                    .cloned()
                    .collect();
                if tokens.is_empty() {
                    return;
                }
                tokens.iter().for_each(CancellationToken::cancel);
                ended.await;
            }
        };
        let _ = tokio::time::timeout(TRANSFER_STOP_WAIT, wait).await;
    }

    /// The saved connection called `name`.
    pub fn profile_named(
        &self,
        name: &str,
    ) -> Result<clerkdesk_core::Profile, clerkdesk_core::UiError> {
        self.settings()
            .profiles
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .ok_or_else(|| crate::error::input(format!("There is no saved connection \"{name}\".")))
    }

    /// The settings, locked.
    /// Remembers a file this app wrote (it may then be shown, opened or reopened).
    pub fn remember_saved(&self, path: &std::path::Path) {
        self.saved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf());
    }

    /// Whether this app wrote `path`.
    pub fn was_saved(&self, path: &std::path::Path) -> bool {
        self.saved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(path)
    }

    /// True while a bulk job runs.
    pub fn bulk_running(&self) -> bool {
        self.bulk_control
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// The settings.
    pub fn settings(&self) -> std::sync::MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }
}
