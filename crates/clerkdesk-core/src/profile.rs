//! A named connection to PowerClerk: which environment, which program, how fast. Holds no
//! secret; secrets live in the keychain under the profile's name.

use std::time::Duration;

use powerclerk_api::{decisions, ClientConfig, Credentials, RateLimit};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreError;

/// Which PowerClerk a profile talks to. Production is shown distinctly everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    /// The PCI Trial sandbox.
    #[default]
    PciTrial,
    /// Real program data.
    Production,
    /// Any other URLs (another test instance).
    Custom,
    /// The embedded simulator.
    Demo,
}

impl Environment {
    /// A short label for the environment band.
    pub fn label(self) -> &'static str {
        match self {
            Environment::PciTrial => "TRIAL",
            Environment::Production => "PRODUCTION",
            Environment::Custom => "CUSTOM",
            Environment::Demo => "DEMO",
        }
    }
}

/// The section-8 choices no answer can settle, per connection (defaults: the contract):
/// how a cleared field and changed values are written. Settings → Connection in the window;
/// `--cleared-field` / `--value-writing` (or their environment variables) for `clerk`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct ConnectionSwitches {
    /// Send a cleared field as `null` instead of empty text.
    pub cleared_as_null: bool,
    /// Write every value as text, even where the server writes numbers or true/false.
    pub values_as_text: bool,
}

impl From<ConnectionSwitches> for decisions::Switches {
    fn from(s: ConnectionSwitches) -> Self {
        Self {
            cleared_field: if s.cleared_as_null {
                decisions::ClearedField::Null
            } else {
                decisions::ClearedField::EmptyText
            },
            value_writing: if s.values_as_text {
                decisions::ValueWriting::AlwaysText
            } else {
                decisions::ValueWriting::AsTheServerWrites
            },
        }
    }
}

/// A saved connection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Profile {
    /// The name the user gave it (also the keychain entry's name).
    pub name: String,
    /// Which PowerClerk.
    pub environment: Environment,
    /// V2 root.
    pub api_url: String,
    /// Token endpoint.
    pub token_url: String,
    /// Program id, when chosen.
    pub program: Option<String>,
    /// Calls per minute allowed for the API key.
    pub max_tpm: u32,
    /// How values are written to this server.
    #[serde(default)]
    pub switches: ConnectionSwitches,
}

impl Profile {
    /// The PCI Trial sandbox with default settings.
    pub fn pci_trial(name: &str) -> Self {
        Self {
            name: name.into(),
            environment: Environment::PciTrial,
            api_url: decisions::PCI_TRIAL_API_URL.into(),
            token_url: decisions::PCI_TRIAL_TOKEN_URL.into(),
            program: None,
            max_tpm: decisions::DEFAULT_MAX_CALLS,
            switches: ConnectionSwitches::default(),
        }
    }

    /// The client configuration for this profile and these credentials.
    pub fn client_config(&self, credentials: Credentials) -> Result<ClientConfig, CoreError> {
        if self.max_tpm == 0 {
            return Err(CoreError::Input(
                "The rate limit must be at least 1 call a minute.".into(),
            ));
        }
        let mut config = ClientConfig::new(&self.api_url, &self.token_url, credentials)?
            .with_rate_limit(RateLimit::new(self.max_tpm, Duration::from_secs(60)));
        config.switches = self.switches.into();
        Ok(config)
    }

    /// A client for this profile.
    pub fn client(&self, credentials: Credentials) -> Result<powerclerk_api::Client, CoreError> {
        Ok(powerclerk_api::Client::new(
            self.client_config(credentials)?,
        )?)
    }
}
