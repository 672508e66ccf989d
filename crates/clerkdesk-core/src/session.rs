//! An open connection: the profile, a client, and — in demo mode — the embedded simulator
//! that must live as long as the connection.

use powerclerk_api::Client;
use serde::Serialize;

use crate::credentials;
use crate::demo::{self, Demo};
use crate::error::CoreError;
use crate::profile::{Environment, Profile};

/// What the window shows about the connection.
#[derive(Clone, Debug, Serialize, PartialEq)]
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

/// A connection in use.
pub struct Session {
    /// The profile it was opened with.
    pub profile: Profile,
    /// The client.
    pub client: Client,
    demo: Option<Demo>,
}

impl Session {
    /// Starts the embedded simulator and connects to it with the demo credentials.
    pub async fn open_demo() -> Result<Self, CoreError> {
        let demo = demo::start(Default::default()).await?;
        let client = demo.profile.client(demo.credentials())?;
        Ok(Self {
            profile: demo.profile.clone(),
            client,
            demo: Some(demo),
        })
    }

    /// Connects with a saved profile and its credentials (environment or keychain).
    pub async fn open(profile: Profile) -> Result<Self, CoreError> {
        let creds = credentials::resolve(&profile.name).await?;
        let client = profile.client(creds)?;
        Ok(Self {
            profile,
            client,
            demo: None,
        })
    }

    /// True in demo mode.
    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }

    /// Checks the connection with one API call and describes it.
    pub async fn describe(&self) -> Result<ConnectionInfo, CoreError> {
        let programs = self.client.programs().await?;
        let chosen = match &self.profile.program {
            Some(id) => programs
                .iter()
                .find(|p| &p.program_id == id || p.custom_id.as_deref() == Some(id)),
            None => programs.first(),
        };
        let env = self.profile.environment;
        let summary = match env {
            Environment::Demo => "Connected to PowerClerk (demo data)".to_string(),
            Environment::Production => "Connected to PowerClerk — PRODUCTION data".to_string(),
            Environment::PciTrial => "Connected to PowerClerk (PCI Trial)".to_string(),
            Environment::Custom => "Connected to PowerClerk".to_string(),
        };
        Ok(ConnectionInfo {
            environment: env,
            environment_label: env.label().to_string(),
            profile: self.profile.name.clone(),
            summary,
            program_name: chosen.map(|p| p.name.clone()),
            program_id: chosen.map(|p| p.program_id.clone()),
        })
    }
}
