//! The "Connect to PowerClerk" form: what it holds and the checks made before anything is
//! sent (a name, the addresses the environment needs, the three credentials).

use powerclerk_api::Credentials;
use serde::Deserialize;

use crate::error::CoreError;
use crate::profile::{Environment, Profile};

/// The form as the window sends it (keys are the form's field names, so that an error can
/// be shown next to its field).
#[derive(Clone, Deserialize)]
pub struct ConnectForm {
    /// The connection's name ("Trial").
    pub name: String,
    /// PCI Trial, Production or custom addresses.
    pub environment: Environment,
    /// The V2 root (custom only).
    pub api_url: Option<String>,
    /// The token endpoint (production and custom).
    pub token_url: Option<String>,
    /// API key.
    pub api_key: String,
    /// Client id.
    pub client_id: String,
    /// Client secret.
    pub client_secret: String,
    /// Calls per minute allowed for the key.
    pub max_tpm: Option<u32>,
    /// Program id, typed when the server cannot list programs (contract D5).
    pub program: Option<String>,
}

fn at(field: &str, message: impl Into<String>) -> CoreError {
    CoreError::Input(message.into()).at_field(Some(field.to_string()))
}

impl ConnectForm {
    /// The connection profile the form describes.
    pub fn profile(&self) -> Result<Profile, CoreError> {
        let mut p = Profile::pci_trial(self.name.trim());
        if p.name.is_empty() {
            return Err(at(
                "name",
                "Give the connection a name, for example \"Trial\".",
            ));
        }
        p.environment = self.environment;
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        match self.environment {
            Environment::PciTrial => {}
            Environment::Production => {
                p.api_url = powerclerk_api::decisions::PRODUCTION_API_URL.into();
                p.token_url = given(&self.token_url).ok_or_else(|| {
                    at(
                        "token_url",
                        "Enter the production token address (ask Clean Power Research for it).",
                    )
                })?;
            }
            Environment::Custom => {
                p.api_url =
                    given(&self.api_url).ok_or_else(|| at("api_url", "Enter the API address."))?;
                p.token_url = given(&self.token_url)
                    .ok_or_else(|| at("token_url", "Enter the token address."))?;
            }
            Environment::Demo => {
                return Err(CoreError::Input(
                    "Use \"Try with demo data\" for the demo.".into(),
                ))
            }
        }
        if let Some(t) = self.max_tpm {
            if t == 0 {
                return Err(at("max_tpm", "Calls per minute must be at least 1."));
            }
            p.max_tpm = t;
        }
        p.program = given(&self.program);
        // The addresses are checked (https, or loopback) before anything is sent.
        p.client_config(Credentials::new("-", "-", "-"))?;
        Ok(p)
    }

    /// The credentials, each present.
    pub fn credentials(&self) -> Result<Credentials, CoreError> {
        for (v, field, what) in [
            (&self.api_key, "api_key", "the API key"),
            (&self.client_id, "client_id", "the client id"),
            (&self.client_secret, "client_secret", "the client secret"),
        ] {
            if v.trim().is_empty() {
                return Err(at(field, format!("Enter {what}.")));
            }
        }
        Ok(Credentials::new(
            self.api_key.trim(),
            self.client_id.trim(),
            self.client_secret.trim(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UiError;

    fn form(environment: Environment) -> ConnectForm {
        ConnectForm {
            name: "Trial".into(),
            environment,
            api_url: None,
            token_url: None,
            api_key: "k".into(),
            client_id: "c".into(),
            client_secret: "s".into(),
            max_tpm: None,
            program: None,
        }
    }

    fn field_of(e: CoreError) -> Option<String> {
        UiError::from(e).field
    }

    #[test]
    fn each_problem_points_at_its_field() {
        assert!(form(Environment::PciTrial).profile().is_ok());
        let mut f = form(Environment::PciTrial);
        f.name = "  ".into();
        assert_eq!(field_of(f.profile().unwrap_err()).as_deref(), Some("name"));
        let f = form(Environment::Production);
        assert_eq!(
            field_of(f.profile().unwrap_err()).as_deref(),
            Some("token_url")
        );
        let mut f = form(Environment::Custom);
        f.token_url = Some("https://id.example/t".into());
        assert_eq!(
            field_of(f.profile().unwrap_err()).as_deref(),
            Some("api_url")
        );
        f.api_url = Some("http://api.example.com/v2".into());
        assert_eq!(f.profile().unwrap_err().kind(), "insecure_url");
        let mut f = form(Environment::PciTrial);
        f.client_secret = " ".into();
        assert_eq!(
            field_of(f.credentials().unwrap_err()).as_deref(),
            Some("client_secret")
        );
        assert!(form(Environment::Demo).profile().is_err());
    }
}
