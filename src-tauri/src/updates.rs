//! Checking for, downloading and installing a new Clerkdesk with tauri-plugin-updater. The
//! plugin verifies every download against the public key in `tauri.conf.json` (and, with
//! `requireSignedVersion`, that the signature was made for the version announced); the rules
//! of when to check and the words to show are `clerkdesk_core::updates`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clerkdesk_core::updates::{UpdateProblem, UpdateView};
use clerkdesk_core::CoreError;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Error as UpdaterError, Update, Updater, UpdaterExt};

/// Points the updater at another address — the tests' local server, or a maintainer trying
/// a release. Whatever it serves must still be signed with the built-in key.
pub const UPDATE_URL_ENV: &str = "CLERKDESK_UPDATE_URL";

/// Bound on asking the update server.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(30);
/// Bound on downloading an installer (the Windows one carries WebView2: ~140 MB).
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// No Clerkdesk installer is anywhere near this size; a larger download is refused.
pub const MAX_DOWNLOAD: u64 = 512 * 1024 * 1024;

/// Where updates come from and the update the last check offered (kept until it is
/// installed or replaced).
pub struct Updates {
    /// Instead of `tauri.conf.json`'s endpoints (none in a build from source).
    endpoint: Option<String>,
    offered: Mutex<Option<Update>>,
}

impl Updates {
    /// Endpoints from `tauri.conf.json`, or [`UPDATE_URL_ENV`] when it is set.
    pub fn from_env() -> Self {
        Self::at(std::env::var(UPDATE_URL_ENV).ok())
    }

    /// Updates from `endpoint` (`None`: `tauri.conf.json`'s endpoints).
    pub fn at(endpoint: Option<String>) -> Self {
        Updates {
            endpoint,
            offered: Mutex::new(None),
        }
    }

    fn set(&self, update: Option<Update>) {
        *self.offered.lock().unwrap_or_else(|e| e.into_inner()) = update;
    }

    fn take(&self) -> Option<Update> {
        self.offered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

/// Which problem a plugin error is, with its own words kept for "Details".
pub fn problem(e: &UpdaterError) -> CoreError {
    use UpdaterError as E;
    let kind = match e {
        E::EmptyEndpoints | E::InsecureTransportProtocol => UpdateProblem::NoAddress,
        E::Reqwest(_) | E::Network(_) => UpdateProblem::Unreachable,
        E::Serialization(_)
        | E::ReleaseNotFound
        | E::TargetNotFound(_)
        | E::TargetsNotFound(_)
        | E::Semver(_)
        | E::UrlParse(_)
        | E::FormatDate => UpdateProblem::BadRelease,
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => UpdateProblem::BadSignature,
        E::UnsupportedOs
        | E::UnsupportedArch
        | E::InvalidUpdaterFormat
        | E::FailedToDetermineExtractPath => UpdateProblem::CannotInstallHere,
        _ => UpdateProblem::InstallFailed,
    };
    kind.into_error(Some(e.to_string()))
}

fn updater<R: Runtime>(app: &AppHandle<R>) -> Result<Updater, CoreError> {
    let mut builder = app.updater_builder().timeout(CHECK_TIMEOUT);
    if let Some(address) = &app.state::<Updates>().endpoint {
        let url = address.parse::<tauri::Url>().map_err(|e| {
            UpdateProblem::NoAddress.into_error(Some(format!("{UPDATE_URL_ENV}: {e}")))
        })?;
        builder = builder.endpoints(vec![url]).map_err(|e| problem(&e))?;
    }
    builder.build().map_err(|e| problem(&e))
}

/// Asks the update server whether there is a newer version. An older or equal version is
/// never offered (the plugin's comparator: newer only).
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateView, CoreError> {
    let current = app.package_info().version.to_string();
    let found = updater(app)?.check().await.map_err(|e| problem(&e))?;
    let view = match &found {
        Some(u) => UpdateView::offer(&current, &u.version, u.body.clone()),
        None => UpdateView::newest(&current),
    };
    app.state::<Updates>().set(found);
    Ok(view)
}

/// Downloads the offered update and verifies its signature; nothing is installed here.
/// `progress` gets (bytes so far, total if known).
pub async fn download_verified<R: Runtime>(
    app: &AppHandle<R>,
    progress: impl FnMut(u64, Option<u64>),
) -> Result<(Update, Vec<u8>), CoreError> {
    let mut update = app
        .state::<Updates>()
        .take()
        .ok_or_else(|| UpdateProblem::NothingOffered.into_error(None))?;
    update.timeout = Some(DOWNLOAD_TIMEOUT);
    let bytes = bounded_download(&update, progress).await?;
    Ok((update, bytes))
}

/// The plugin reads the whole download into memory: stop it once it passes [`MAX_DOWNLOAD`].
async fn bounded_download(
    update: &Update,
    mut progress: impl FnMut(u64, Option<u64>),
) -> Result<Vec<u8>, CoreError> {
    let too_large = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(tokio::sync::Notify::new());
    let mut done = 0u64;
    let download = update.download(
        {
            let (too_large, stop) = (too_large.clone(), stop.clone());
            move |chunk, total| {
                done += chunk as u64;
                if done > MAX_DOWNLOAD || total.is_some_and(|t| t > MAX_DOWNLOAD) {
                    too_large.store(true, Ordering::SeqCst);
                    stop.notify_one();
                }
                progress(done, total);
            }
        },
        || {},
    );
    tokio::select! {
        result = download => {
            if too_large.load(Ordering::SeqCst) {
                return Err(UpdateProblem::TooLarge.into_error(None));
            }
            result.map_err(|e| problem(&e))
        }
        _ = stop.notified() => Err(UpdateProblem::TooLarge.into_error(None)),
    }
}

/// Installs verified bytes (the plugin verifies them once more) on a blocking thread: the
/// platform's installer runs synchronously.
pub async fn install(update: Update, bytes: Vec<u8>) -> Result<(), CoreError> {
    tokio::task::spawn_blocking(move || update.install(bytes))
        .await
        .map_err(|e| UpdateProblem::InstallFailed.into_error(Some(e.to_string())))?
        .map_err(|e| problem(&e))
}
