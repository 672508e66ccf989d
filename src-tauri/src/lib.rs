//! The Clerkdesk desktop shell: window, plugins, state and commands. Everything that is not
//! wiring lives in `clerkdesk-core`.

mod commands;
mod error;
mod state;

use clerkdesk_core::Profile;
use tauri_plugin_store::StoreExt;

use state::{AppState, StartMode};

/// The settings file of tauri-plugin-store (non-secret settings only).
const SETTINGS_FILE: &str = "settings.json";

/// The saved active profile, if any.
fn saved_profile(app: &tauri::App) -> Option<Profile> {
    let store = app.store(SETTINGS_FILE).ok()?;
    let active = store.get("active_profile")?.as_str()?.to_string();
    let profiles: Vec<Profile> = serde_json::from_value(store.get("profiles")?).ok()?;
    profiles.into_iter().find(|p| p.name == active)
}

/// Builds and runs the app.
pub fn run() {
    let demo_flag = std::env::args().any(|a| a == "--demo");
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::new().build())
        .setup(move |app| {
            use tauri::Manager;
            let saved = if demo_flag { None } else { saved_profile(app) };
            let mode = if saved.is_some() {
                StartMode::Saved
            } else {
                StartMode::Demo
            };
            app.manage(AppState {
                mode,
                saved_profile: saved,
                session: Default::default(),
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::connection_status])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Clerkdesk could not start: {e}");
            std::process::exit(1);
        });
}
