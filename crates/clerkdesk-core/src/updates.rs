//! The rules for updating Clerkdesk itself: when the quiet check at start runs, what the
//! window shows about an update, and the plain words for each way an update can fail. The
//! desktop shell does the checking and installing with tauri-plugin-updater, which verifies
//! every download against the public key built into the app; this module holds no network
//! code.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreError;

/// The quiet check at start runs at most this often.
pub const START_CHECK_EVERY: Duration = Duration::hours(24);

/// What the user chose about updates, and when the app last looked (saved in the settings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdatePrefs {
    /// Look for an update quietly when Clerkdesk starts (at most once a day).
    pub check_at_start: bool,
    /// When the app last asked the update server (by either kind of check).
    pub last_checked: Option<DateTime<Utc>>,
}

impl Default for UpdatePrefs {
    fn default() -> Self {
        UpdatePrefs {
            check_at_start: true,
            last_checked: None,
        }
    }
}

impl UpdatePrefs {
    /// Whether the quiet check should run now: switched on, not during a bulk run (an update
    /// restarts the app), and the last check a day ago or more — or in the future, which
    /// only a changed clock explains.
    pub fn start_check_due(&self, now: DateTime<Utc>, bulk_running: bool) -> bool {
        if !self.check_at_start || bulk_running {
            return false;
        }
        match self.last_checked {
            None => true,
            Some(last) => now - last >= START_CHECK_EVERY || last > now,
        }
    }
}

/// What the window shows after a check.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UpdateView {
    /// The version running now.
    pub current: String,
    /// The newer version on offer, if there is one.
    pub available: Option<String>,
    /// The release notes, as the release gives them.
    pub notes: Option<String>,
    /// The sentence to show.
    pub message: String,
}

impl UpdateView {
    /// No newer version: the server offered nothing, the same version or an older one (an
    /// older one is never installed).
    pub fn newest(current: &str) -> Self {
        UpdateView {
            current: current.to_string(),
            available: None,
            notes: None,
            message: format!("Clerkdesk {current} is the newest version."),
        }
    }

    /// A newer version is on offer; it is installed only when the user says so.
    pub fn offer(current: &str, version: &str, notes: Option<String>) -> Self {
        UpdateView {
            current: current.to_string(),
            available: Some(version.to_string()),
            notes: notes.filter(|n| !n.trim().is_empty()),
            message: format!(
                "Clerkdesk {version} is available (you have {current}). Installing it closes and restarts Clerkdesk."
            ),
        }
    }
}

/// Each way checking for or installing an update can fail, as the shell tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateProblem {
    /// The app was built without an update address (a build from source).
    NoAddress,
    /// The update server could not be reached or did not answer in time.
    Unreachable,
    /// The server's answer was not a usable release description.
    BadRelease,
    /// The download does not carry a valid signature of Clerkdesk's publisher.
    BadSignature,
    /// The download was larger than any installer should be.
    TooLarge,
    /// A bulk run is going on; installing restarts the app.
    BulkRunning,
    /// Nothing was checked yet, or the offer is gone.
    NothingOffered,
    /// This kind of installation cannot update itself.
    CannotInstallHere,
    /// The installer ran and failed.
    InstallFailed,
}

impl UpdateProblem {
    /// The sentence the user reads: what happened and what to do next.
    pub fn message(&self) -> &'static str {
        match self {
            UpdateProblem::NoAddress => {
                "This copy of Clerkdesk was built from source and has no update address. Build the new version from source, or install Clerkdesk from its download page."
            }
            UpdateProblem::Unreachable => {
                "The update server could not be reached. Check the internet connection and try again later; nothing was changed."
            }
            UpdateProblem::BadRelease => {
                "The update server's answer could not be read. Try again later; nothing was changed."
            }
            UpdateProblem::BadSignature => {
                "The update was refused: it is not signed by Clerkdesk's publisher. Nothing was installed. Download Clerkdesk from its official page if this happens again."
            }
            UpdateProblem::TooLarge => {
                "The update was refused: the download is far larger than a Clerkdesk installer. Nothing was installed."
            }
            UpdateProblem::BulkRunning => {
                "A bulk run is going on. Install the update when it has finished: installing closes Clerkdesk."
            }
            UpdateProblem::NothingOffered => {
                "There is no update to install. Choose Check for updates first."
            }
            UpdateProblem::CannotInstallHere => {
                "This copy of Clerkdesk cannot update itself (it was not installed with an installer). Download the new version from Clerkdesk's page."
            }
            UpdateProblem::InstallFailed => {
                "The update was downloaded and verified, but installing it failed. Clerkdesk is unchanged; try again, or install the new version by hand."
            }
        }
    }

    /// The error to return, with the updater's own words as details.
    pub fn into_error(self, details: Option<String>) -> CoreError {
        CoreError::Update {
            message: self.message().to_string(),
            details,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_start_check_runs_at_most_daily_only_when_wanted_and_never_during_a_bulk_run() {
        let now = at("2026-11-29T10:00:00Z");
        let never = UpdatePrefs::default();
        assert!(never.start_check_due(now, false));
        assert!(!never.start_check_due(now, true), "never during a bulk run");

        let recent = UpdatePrefs {
            last_checked: Some(at("2026-11-29T02:00:00Z")),
            ..UpdatePrefs::default()
        };
        assert!(
            !recent.start_check_due(now, false),
            "8 hours ago: not again"
        );
        assert!(recent.start_check_due(at("2026-11-30T02:00:00Z"), false));

        let clock_moved = UpdatePrefs {
            last_checked: Some(at("2027-01-01T00:00:00Z")),
            ..UpdatePrefs::default()
        };
        assert!(clock_moved.start_check_due(now, false));

        let off = UpdatePrefs {
            check_at_start: false,
            last_checked: None,
        };
        assert!(!off.start_check_due(now, false));
    }

    #[test]
    fn an_offer_names_both_versions_and_says_the_app_restarts() {
        let v = UpdateView::offer("0.1.0", "0.2.0", Some("  ".into()));
        assert_eq!(v.available.as_deref(), Some("0.2.0"));
        assert_eq!(v.notes, None);
        assert!(v.message.contains("0.2.0") && v.message.contains("0.1.0"));
        assert!(v.message.contains("restarts"));
        assert_eq!(UpdateView::newest("0.1.0").available, None);
    }

    #[test]
    fn a_refused_update_says_nothing_was_installed() {
        let e = UpdateProblem::BadSignature.into_error(Some("minisign: bad signature".into()));
        assert_eq!(e.kind(), "update");
        assert!(e.to_string().contains("Nothing was installed"));
        let ui = crate::UiError::from(&e);
        assert_eq!(ui.details.as_deref(), Some("minisign: bad signature"));
    }
}
