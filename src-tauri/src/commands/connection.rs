//! Connecting: demo mode, saved connections, the "Connect to PowerClerk" form, secrets.

use std::sync::Arc;

use clerkdesk_core::about::{About, Facts};
use clerkdesk_core::connect::ConnectForm;
use clerkdesk_core::{secrets, ConnectionInfo, Profile, Session};
use powerclerk_api::Credentials;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ts_rs::TS;

use crate::error::CommandResult;
use crate::state::AppState;
use crate::store;

/// A saved connection as the settings screen shows it: never a secret, only whether one is
/// saved.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ProfileView {
    #[serde(flatten)]
    profile: Profile,
    secret_saved: bool,
}

/// What the window needs at start-up.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    /// No connection saved and not started with `--demo`: show the welcome screen.
    first_run: bool,
    /// `--demo` was given: connect to the embedded simulator at once.
    demo_flag: bool,
    profiles: Vec<ProfileView>,
    active_profile: Option<String>,
    recent_projects: Vec<String>,
}

/// Start-up facts.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let settings = state.settings().clone();
    let mut profiles = Vec::new();
    for p in settings.profiles {
        let secret_saved = secrets::is_saved(&p.name).await.unwrap_or(false);
        profiles.push(ProfileView {
            profile: p,
            secret_saved,
        });
    }
    Ok(AppInfo {
        first_run: settings.active_profile.is_none() && !state.demo_flag,
        demo_flag: state.demo_flag,
        profiles,
        active_profile: settings.active_profile,
        recent_projects: settings.recent_projects,
    })
}

/// "About Clerkdesk": version, build date, licence, log folder and the diagnostics text.
#[tauri::command]
pub async fn about<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<About> {
    let built = env!("CLERKDESK_BUILT_AT")
        .parse::<i64>()
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map_or_else(|| "unknown".into(), |d| d.format("%Y-%m-%d").to_string());
    let connection = state.session.read().await.as_ref().map(|s| {
        (
            s.profile.environment.label().to_string(),
            s.profile.api_url.clone(),
        )
    });
    Ok(About::of(&Facts {
        version: app.package_info().version.to_string(),
        built,
        tauri: tauri::VERSION.to_string(),
        webview: tauri::webview_version().ok(),
        log_folder: app
            .path()
            .app_log_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        connection,
    }))
}

/// Makes `session` the connection in use (after its switches changed).
pub(crate) async fn reopen<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    session: Session,
) -> CommandResult<ConnectionInfo> {
    open(app, state, session).await
}

async fn open<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    session: Session,
) -> CommandResult<ConnectionInfo> {
    let info = session.describe().await.map_err(|e| {
        log::warn!("Connecting to {} failed: {e}", session.profile.api_url);
        clerkdesk_core::UiError::from(e)
    })?;
    log::info!(
        "Connected ({}) to {}",
        info.environment_label,
        session.profile.api_url
    );
    let session = Arc::new(session);
    let forwarder = watch_rate_limit(app, &session);
    // The previous connection's forwarder would otherwise run for as long as the app.
    if let Some(old) = state
        .rate_forwarder
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .replace(forwarder)
    {
        old.abort();
    }
    // A real PowerClerk's key: its calls of the last window (an earlier run of the app or
    // of `clerk`) count, and this run's are kept for the next (the demo starts afresh).
    if session.demo().is_none() {
        let keeper = clerkdesk_core::rate_memory::keep(&session.client, state.data_dir.clone());
        if let Some(old) = state
            .rate_keeper
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(keeper)
        {
            old.abort();
        }
    }
    *state.session.write().await = Some(session);
    Ok(info)
}

/// Forwards the limiter's status to the status line ("Waiting N s for PowerClerk's rate
/// limit").
fn watch_rate_limit<R: Runtime>(
    app: &AppHandle<R>,
    session: &Arc<Session>,
) -> tauri::async_runtime::JoinHandle<()> {
    let mut rx = session.client.limiter().subscribe();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        while rx.changed().await.is_ok() {
            let s = rx.borrow_and_update().clone();
            let _ = app.emit("clerkdesk://rate", RateView::from(&s));
        }
    })
}

/// The limiter as the status line shows it.
#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct RateView {
    waiting_s: u64,
    used: u32,
    limit: u32,
    slowed_down: bool,
}

impl From<&powerclerk_api::RateStatus> for RateView {
    fn from(s: &powerclerk_api::RateStatus) -> Self {
        Self {
            waiting_s: s
                .waiting()
                .map(|d| d.as_secs_f64().ceil() as u64)
                .unwrap_or(0),
            used: s.used,
            limit: s.limit,
            slowed_down: s.fallback_interval.is_some(),
        }
    }
}

/// The limiter right now.
#[tauri::command]
pub async fn rate_status(state: State<'_, AppState>) -> CommandResult<Option<RateView>> {
    Ok(state
        .session
        .read()
        .await
        .as_ref()
        .map(|s| RateView::from(&s.client.rate_status())))
}

/// Starts the embedded simulator and connects to it.
#[tauri::command]
pub async fn start_demo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<ConnectionInfo> {
    let session = Session::open_demo().await?;
    open(&app, &state, session).await
}

/// The current connection; opens the active saved one (or the demo, with `--demo`) when
/// none is open. On a first run (nothing saved, no `--demo`) it opens nothing: the welcome
/// screen lets the user choose.
#[tauri::command]
pub async fn connection_status<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<ConnectionInfo> {
    // Clone out of the lock first: holding the guard across `describe().await` would block
    // every reconnect until PowerClerk answered.
    let current = state.session.read().await.clone();
    if let Some(s) = current {
        return s.describe().await.map_err(Into::into);
    }
    let active = if state.demo_flag {
        None
    } else {
        state.settings().active().cloned()
    };
    let warming = state.warming.lock().await.take();
    let session = match (active, warming) {
        (Some(p), _) => Session::open(p).await?,
        (None, Some(warm)) => match warm.await {
            Ok(opened) => opened?,
            Err(_) => Session::open_demo().await?,
        },
        (None, None) if state.demo_flag => Session::open_demo().await?,
        (None, None) => return Err(super::not_connected()),
    };
    open(&app, &state, session).await
}

/// Tests the connection with the given credentials; on success saves the credentials in the
/// keychain and the connection in the settings. The secrets are never sent back.
#[tauri::command]
pub async fn connect<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    form: ConnectForm,
) -> CommandResult<ConnectionInfo> {
    let profile = form.profile()?;
    let creds = form.credentials()?;
    let session = Session::with_credentials(profile.clone(), creds.clone())?;
    let info = open(&app, &state, session).await?;
    secrets::save(&profile.name, &creds).await?;
    store::update(&app, &state, |s| s.upsert(profile)).await?;
    Ok(info)
}

/// Switches to another saved connection.
#[tauri::command]
pub async fn use_profile<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
) -> CommandResult<ConnectionInfo> {
    let profile = state.profile_named(&name)?;
    let session = Session::open(profile).await?;
    let info = open(&app, &state, session).await?;
    store::update(&app, &state, |s| s.active_profile = Some(name)).await;
    Ok(info)
}

/// Removes the saved secret of a connection (the connection stays).
#[tauri::command]
pub async fn forget_secret(name: String) -> CommandResult<bool> {
    Ok(secrets::remove(&name).await?)
}

/// New credentials for a saved connection.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReplaceSecret {
    /// The connection's name.
    name: String,
    /// API key.
    api_key: String,
    /// Client id.
    client_id: String,
    /// Client secret.
    client_secret: String,
}

/// Replaces the saved secret of a connection after testing it.
#[tauri::command]
pub async fn replace_secret(
    state: State<'_, AppState>,
    options: ReplaceSecret,
) -> CommandResult<()> {
    let ReplaceSecret {
        name,
        api_key,
        client_id,
        client_secret,
    } = options;
    let profile = state.profile_named(&name)?;
    let creds = Credentials::new(api_key.trim(), client_id.trim(), client_secret.trim());
    Session::with_credentials(profile, creds.clone())?
        .describe()
        .await?;
    secrets::save(&name, &creds).await?;
    Ok(())
}

/// Deletes a saved connection and its secret.
#[tauri::command]
pub async fn delete_profile<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
) -> CommandResult<()> {
    secrets::remove(&name).await?;
    store::update(&app, &state, |s| s.remove(&name)).await;
    Ok(())
}
