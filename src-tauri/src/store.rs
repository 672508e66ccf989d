//! Loading and saving the non-secret settings with tauri-plugin-store.

use clerkdesk_core::settings::Settings;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

/// The settings file in the app data folder.
pub const SETTINGS_FILE: &str = "settings.json";
const KEY: &str = "settings";

/// The saved settings, or defaults (first run).
pub fn load<R: Runtime>(app: &AppHandle<R>) -> Settings {
    app.store(SETTINGS_FILE)
        .ok()
        .and_then(|s| s.get(KEY))
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

/// Changes the settings in memory with `change` and saves them (on a blocking thread): the
/// one way commands change settings.
pub async fn update<R: Runtime, T>(
    app: &AppHandle<R>,
    state: &crate::state::AppState,
    change: impl FnOnce(&mut Settings) -> T,
) -> T {
    let (out, settings) = {
        let mut s = state.settings();
        let out = change(&mut s);
        (out, s.clone())
    };
    save(app, &settings).await;
    out
}

/// Saves the settings on a blocking thread (the store writes a file).
pub async fn save<R: Runtime>(app: &AppHandle<R>, settings: &Settings) {
    let app = app.clone();
    let settings = settings.clone();
    let _ = clerkdesk_core::blocking::run(move || save_now(&app, &settings)).await;
}

fn save_now<R: Runtime>(app: &AppHandle<R>, settings: &Settings) {
    if let Ok(store) = app.store(SETTINGS_FILE) {
        store.set(
            KEY,
            serde_json::to_value(settings).expect("settings serialise"),
        );
        let _ = store.save();
    }
}
