//! An open connection: the profile, a client, and — in demo mode — the embedded simulator
//! that must live as long as the connection.

use powerclerk_api::Client;
use serde::Serialize;
use ts_rs::TS;

use crate::credentials;
use crate::demo::{self, Demo};
use crate::error::CoreError;
use crate::listing::{ProjectListing, LISTING_FRESH_FOR};
use crate::profile::{Environment, Profile};

/// What the window shows about the connection.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct ConnectionInfo {
    /// Which environment (for the band's colour and word).
    pub environment: Environment,
    /// "TRIAL", "PRODUCTION", "DEMO", "CUSTOM".
    pub environment_label: String,
    /// The profile's name.
    pub profile: String,
    /// The sentence for the status line.
    pub summary: String,
    /// The program's name.
    pub program_name: Option<String>,
    /// The program's id (shown on demand only).
    pub program_id: Option<String>,
}

/// A form as chosen by the user: the key calls use and the name people read.
#[derive(Clone, Debug, PartialEq)]
pub struct FormChoice {
    /// Custom id, or generated id.
    pub key: String,
    /// Display name.
    pub name: String,
}

/// A connection in use.
pub struct Session {
    /// The profile it was opened with.
    pub profile: Profile,
    /// The client.
    pub client: Client,
    demo: Option<Demo>,
    /// The program chosen in the window (overrides the profile's), or the one found first.
    chosen_program: std::sync::Mutex<Option<String>>,
    /// The program's project list (owners come only from GetProjects), read once and then
    /// brought up to date with `changed_since`.
    listing: tokio::sync::Mutex<Option<ProjectListing>>,
    /// The program's forms (GetForms), fetched once; `None` inside when the server has no
    /// form list (contract D5).
    forms: tokio::sync::Mutex<Option<Option<Vec<powerclerk_api::Form>>>>,
}

impl Session {
    /// Starts the embedded simulator and connects to it with the demo credentials.
    pub async fn open_demo() -> Result<Self, CoreError> {
        #[cfg(feature = "bench-hooks")]
        let options = powerclerk_sim::SimOptions {
            big_form_fields: std::env::var(demo::ENV_BIG_FORM)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            ..Default::default()
        };
        #[cfg(not(feature = "bench-hooks"))]
        let options = powerclerk_sim::SimOptions::default();
        let demo = demo::start(options).await?;
        let client = demo.profile.client(demo.credentials())?;
        crate::redaction::register(client.redactor());
        Ok(Self {
            profile: demo.profile.clone(),
            client,
            demo: Some(demo),
            chosen_program: Default::default(),
            listing: Default::default(),
            forms: Default::default(),
        })
    }

    /// Connects with a saved profile and its credentials (environment or keychain).
    pub async fn open(profile: Profile) -> Result<Self, CoreError> {
        let creds = credentials::resolve(&profile.name).await?;
        Self::with_credentials(profile, creds)
    }

    /// Connects with explicit credentials (the "Connect to PowerClerk" form, before they are
    /// saved).
    pub fn with_credentials(
        profile: Profile,
        creds: powerclerk_api::Credentials,
    ) -> Result<Self, CoreError> {
        let client = profile.client(creds)?;
        Ok(Self::with_client(profile, client))
    }

    /// A connection over a client configured by the caller (benchmarks that compress the
    /// rate limit's window; the profile still names the connection).
    pub fn with_client(profile: Profile, client: Client) -> Self {
        crate::redaction::register(client.redactor());
        Self {
            profile,
            client,
            demo: None,
            chosen_program: Default::default(),
            listing: Default::default(),
            forms: Default::default(),
        }
    }

    /// The demo simulator, in demo mode (tests and benchmarks reach its controls).
    pub fn demo(&self) -> Option<&Demo> {
        self.demo.as_ref()
    }

    /// The program this session works in: the one chosen, else the profile's, else the
    /// only one the account sees. With several and none chosen this is an error that names
    /// them — the window and the CLI follow the same rule (the window offers the choice by
    /// name; a script passes `--program`).
    pub async fn program(&self) -> Result<String, CoreError> {
        let chosen = self
            .chosen_program
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if let Some(p) = chosen.or_else(|| self.profile.program.clone()) {
            return Ok(p);
        }
        let programs = self.client.programs().await?;
        let only = match programs.as_slice() {
            [only] => only.program_id.clone(),
            [] => {
                return Err(CoreError::Input(
                    "This account sees no program. Ask a program administrator for access.".into(),
                ))
            }
            many => {
                return Err(CoreError::ChooseProgram {
                    programs: many
                        .iter()
                        .map(|p| format!("{} ({})", p.name, p.program_id))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        };
        // Remembered, so that every later call skips GetPrograms.
        *self
            .chosen_program
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(only.clone());
        Ok(only)
    }

    /// The program chosen or configured, without asking PowerClerk.
    pub fn program_if_known(&self) -> Option<String> {
        self.chosen_program
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .or_else(|| self.profile.program.clone())
    }

    /// Works in another program from now on (the project list is fetched again).
    pub async fn choose_program(&self, program: &str) {
        *self
            .chosen_program
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(program.to_string());
        *self.listing.lock().await = None;
        *self.forms.lock().await = None;
    }

    /// The program's forms, read once per program; `None` when the server cannot list
    /// forms (then forms are addressed by the id the user typed).
    pub async fn forms(&self) -> Result<Option<Vec<powerclerk_api::Form>>, CoreError> {
        let program = self.program().await?;
        let mut cache = self.forms.lock().await;
        if let Some(forms) = cache.as_ref() {
            return Ok(forms.clone());
        }
        let listed = match self.client.forms(&program).await {
            Ok(f) => Some(f),
            Err(e) if matches!(e.status(), Some(404 | 405)) => None,
            Err(e) => return Err(e.into()),
        };
        *cache = Some(listed.clone());
        Ok(listed)
    }

    /// The form a user means by `name`: its custom id, id or name (case-insensitive).
    /// Without a form list (D5), the text is taken as the form's id.
    pub async fn find_form(&self, name: &str) -> Result<FormChoice, CoreError> {
        let wanted = name.trim();
        let Some(forms) = self.forms().await? else {
            return Ok(FormChoice {
                key: wanted.to_string(),
                name: wanted.to_string(),
            });
        };
        forms
            .iter()
            .find(|f| f.is(wanted) || f.name.eq_ignore_ascii_case(wanted))
            .map(|f| FormChoice {
                key: f.custom_id.clone().unwrap_or(f.form_id.clone()),
                name: f.name.clone(),
            })
            .ok_or_else(|| {
                CoreError::Input(format!(
                    "This program has no form \"{wanted}\". Its forms: {}.",
                    forms
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    /// What the program's listing says of `project` (number or id), read from PowerClerk
    /// only when the listing is older than [`LISTING_FRESH_FOR`] or does not hold the
    /// project yet (then one `changed_since` call finds new projects). `None` when the
    /// program has no such project, or the listing cannot be read.
    pub async fn listed_project(
        &self,
        project: &str,
    ) -> Result<Option<powerclerk_api::ProjectSummary>, CoreError> {
        let program = self.program().await?;
        let mut cache = self.listing.lock().await;
        let (listing, just_read) = match cache.take() {
            Some(l) if l.program() == program => (cache.insert(l), false),
            _ => (
                cache.insert(ProjectListing::read(&self.client, &program).await?),
                true,
            ),
        };
        if !just_read && (!listing.is_fresh(LISTING_FRESH_FOR) || listing.find(project).is_none()) {
            listing.refresh(&self.client).await?;
        }
        Ok(listing.find(project).cloned())
    }

    /// Reads the program's listing if it is not held yet; with `refresh`, brings it up to
    /// date (one `changed_since` call). Returns the ids of the projects that changed.
    pub async fn refreshed_listing(&self, refresh: bool) -> Result<Vec<String>, CoreError> {
        let program = self.program().await?;
        let mut cache = self.listing.lock().await;
        match cache.as_mut() {
            Some(l) if l.program() == program => {
                if refresh {
                    return Ok(l.refresh(&self.client).await?);
                }
                Ok(Vec::new())
            }
            _ => {
                *cache = Some(ProjectListing::read(&self.client, &program).await?);
                Ok(Vec::new())
            }
        }
    }

    /// Runs `f` on the projects of the listing held (empty when none).
    pub async fn with_listing<T>(
        &self,
        f: impl FnOnce(&[powerclerk_api::ProjectSummary]) -> T,
    ) -> T {
        let cache = self.listing.lock().await;
        f(cache.as_ref().map_or(&[], |l| l.projects()))
    }

    /// The generation of the listing held (0 when none): see `ProjectListing::generation`.
    pub async fn listing_generation(&self) -> u64 {
        self.listing
            .lock()
            .await
            .as_ref()
            .map_or(0, |l| l.generation())
    }

    /// Takes what a read said of a project (its status) into the listing.
    pub async fn note_project(&self, seen: &powerclerk_api::ProjectSummary) {
        if let Some(l) = self.listing.lock().await.as_mut() {
            l.note(seen);
        }
    }

    /// True in demo mode.
    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }

    /// Checks the connection with one API call and describes it.
    pub async fn describe(&self) -> Result<ConnectionInfo, CoreError> {
        let programs = self.client.programs().await?;
        let chosen = match &self.profile.program {
            Some(id) => programs.iter().find(|p| p.is(id)),
            // Several and none chosen: none is taken silently; the window asks.
            None if programs.len() == 1 => programs.first(),
            None => None,
        };
        let env = self.profile.environment;
        let summary = match env {
            Environment::Demo => "Demo data — nothing is sent to PowerClerk".to_string(),
            Environment::Production => "Connected to PowerClerk — PRODUCTION data".to_string(),
            Environment::PciTrial => "Connected to PowerClerk (PCI Trial)".to_string(),
            Environment::Custom => "Connected to PowerClerk".to_string(),
        };
        Ok(ConnectionInfo {
            environment: env,
            environment_label: env.label().to_string(),
            profile: self.profile.name.clone(),
            summary,
            program_name: chosen.map(crate::workflow::program_name),
            program_id: chosen.map(|p| p.program_id.clone()),
        })
    }
}
