//! Demo mode: the simulator runs inside the app on a loopback port and the app connects to
//! it with the demo credentials, so anyone can try Clerkdesk without an account.

use powerclerk_api::Credentials;
use powerclerk_sim::{SimOptions, Simulator};

use crate::error::CoreError;
use crate::profile::{Environment, Profile};

/// Environment variable: when set to N > 0, the demo program gets a form `LARGE_SURVEY` with
/// N fields (for measuring how a very large form renders; `bench-hooks` builds only).
#[cfg(feature = "bench-hooks")]
pub const ENV_BIG_FORM: &str = "CLERKDESK_DEMO_FORM_FIELDS";

/// The name of the demo profile.
pub const PROFILE_NAME: &str = "Demo";

/// A running demo: keep it alive as long as the connection is used.
pub struct Demo {
    /// The embedded simulator.
    pub simulator: Simulator,
    /// A profile pointing at it.
    pub profile: Profile,
}

impl Demo {
    /// The demo credentials (public, documented; not secrets).
    pub fn credentials(&self) -> Credentials {
        Credentials::new(
            powerclerk_sim::DEMO_API_KEY,
            powerclerk_sim::DEMO_CLIENT_ID,
            powerclerk_sim::DEMO_SECRET,
        )
    }
}

/// Starts the simulator on a free loopback port (inside the current tokio runtime).
pub async fn start(options: SimOptions) -> Result<Demo, CoreError> {
    let simulator = Simulator::start(options)
        .await
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    let profile = Profile {
        name: PROFILE_NAME.into(),
        environment: Environment::Demo,
        api_url: simulator.api_url(),
        token_url: simulator.token_url(),
        program: Some(powerclerk_sim::demo::PROGRAM_ID.into()),
        max_tpm: powerclerk_sim::decisions::DEFAULT_MAX_CALLS,
        switches: Default::default(),
    };
    Ok(Demo { simulator, profile })
}
