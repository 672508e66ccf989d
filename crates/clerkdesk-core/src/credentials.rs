//! Where credentials come from: the environment (for scripts and schedulers) when all three
//! variables are set, otherwise the profile's keychain entry.

use powerclerk_api::Credentials;

use crate::error::CoreError;
use crate::secrets;

/// Environment variable of the API key.
pub const ENV_API_KEY: &str = "POWERCLERK_API_KEY";
/// Environment variable of the client id.
pub const ENV_CLIENT_ID: &str = "POWERCLERK_CLIENT_ID";
/// Environment variable of the client secret.
pub const ENV_SECRET: &str = "POWERCLERK_SECRET";

/// Credentials from the environment, if all three are set (and not empty).
pub fn from_env() -> Result<Option<Credentials>, CoreError> {
    let get = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    match (get(ENV_API_KEY), get(ENV_CLIENT_ID), get(ENV_SECRET)) {
        (Some(k), Some(i), Some(s)) => Ok(Some(Credentials::new(k, i, s))),
        (None, None, None) => Ok(None),
        _ => Err(CoreError::Input(format!(
            "Set all three of {ENV_API_KEY}, {ENV_CLIENT_ID} and {ENV_SECRET}, or none of them to use the saved credentials."
        ))),
    }
}

/// The environment's credentials, else the keychain's for `profile`.
pub async fn resolve(profile: &str) -> Result<Credentials, CoreError> {
    if let Some(c) = from_env()? {
        return Ok(c);
    }
    secrets::load(profile)
        .await?
        .ok_or_else(|| CoreError::NoCredentials {
            profile: profile.to_string(),
        })
}
