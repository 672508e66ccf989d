//! The client configuration every benchmark uses: the simulator's demo key, at a given rate.

use powerclerk_api::{ClientConfig, Credentials, RateLimit};
use powerclerk_sim::Simulator;

/// A client of `sim` with the demo program's credentials and `limit` as its rate rule.
pub fn config(sim: &Simulator, limit: RateLimit) -> ClientConfig {
    let creds = Credentials::new(
        powerclerk_sim::DEMO_API_KEY,
        powerclerk_sim::DEMO_CLIENT_ID,
        powerclerk_sim::DEMO_SECRET,
    );
    ClientConfig::new(&sim.api_url(), &sim.token_url(), creds)
        .expect("config")
        .with_rate_limit(limit)
}
