//! Credentials in the OS keychain (macOS Keychain, Windows Credential Manager, Secret
//! Service on Linux), one entry per profile. Only the API key, client id and secret are
//! stored (well under Windows' 2,560-byte limit); tokens stay in memory.

use powerclerk_api::Credentials;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// The keychain service name of every Clerkdesk entry.
pub const SERVICE: &str = "Clerkdesk";

#[derive(Serialize, Deserialize)]
struct Stored {
    api_key: String,
    client_id: String,
    client_secret: String,
}

fn keychain_error(e: keyring::Error) -> CoreError {
    CoreError::Keychain {
        reason: e.to_string(),
        hint: "On Linux, make sure a keyring (GNOME Keyring or KWallet) is running and unlocked; or set POWERCLERK_API_KEY, POWERCLERK_CLIENT_ID and POWERCLERK_SECRET instead.",
    }
}

fn entry(profile: &str) -> Result<keyring::Entry, CoreError> {
    keyring::Entry::new(SERVICE, profile).map_err(keychain_error)
}

// keyring's Secret Service backend starts its own runtime: calling it from async code
// panics, so every call runs on a blocking thread.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> Result<T, CoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CoreError::Keychain {
            reason: e.to_string(),
            hint: "Try again.",
        })?
}

/// Saves the credentials of `profile`, replacing any saved before.
pub async fn save(profile: &str, creds: &Credentials) -> Result<(), CoreError> {
    // Wiped from memory when dropped, like the credentials themselves.
    let stored = SecretString::from(
        serde_json::to_string(&Stored {
            api_key: creds.api_key().to_string(),
            client_id: creds.client_id.clone(),
            client_secret: creds.client_secret().to_string(),
        })
        .expect("plain strings serialise"),
    );
    let profile = profile.to_string();
    blocking(move || {
        entry(&profile)?
            .set_password(stored.expose_secret())
            .map_err(keychain_error)
    })
    .await
}

/// Whether credentials are saved for `profile`, without reading the secret itself (the
/// Secret Service hands out only the entry's attributes).
pub async fn is_saved(profile: &str) -> Result<bool, CoreError> {
    let profile = profile.to_string();
    blocking(move || match entry(&profile)?.get_attributes() {
        Ok(_) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(keychain_error(e)),
    })
    .await
}

/// The saved credentials of `profile`, or `None` when there are none.
pub async fn load(profile: &str) -> Result<Option<Credentials>, CoreError> {
    let profile = profile.to_string();
    blocking(move || match entry(&profile)?.get_password() {
        Ok(text) => {
            let s: Stored = serde_json::from_str(&text).map_err(|_| CoreError::Keychain {
                reason: "the saved entry is not in Clerkdesk's format".into(),
                hint: "Save the credentials again.",
            })?;
            Ok(Some(Credentials::new(
                s.api_key,
                s.client_id,
                s.client_secret,
            )))
        }
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(keychain_error(e)),
    })
    .await
}

/// Removes the saved credentials of `profile`. Returns whether there were any.
pub async fn remove(profile: &str) -> Result<bool, CoreError> {
    let profile = profile.to_string();
    blocking(move || match entry(&profile)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(keychain_error(e)),
    })
    .await
}
