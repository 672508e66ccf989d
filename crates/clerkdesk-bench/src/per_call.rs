//! Per-call cost with the limiter off: sequential GETs on loopback.

use std::time::Instant;

use powerclerk_api::{Client, ClientConfig, Credentials, DataVersion, FormRef, RateLimit};
use powerclerk_sim::{Knobs, SimOptions, Simulator};

/// Prints the figures.
pub async fn run(calls: u32) {
    println!("## per-call: {calls} sequential GETs of one form's data, limiter off, loopback");
    let sim = Simulator::start(SimOptions {
        knobs: Knobs::default().unlimited(),
        ..Default::default()
    })
    .await
    .expect("simulator");
    let cfg = ClientConfig::new(
        &sim.api_url(),
        &sim.token_url(),
        Credentials::new(
            powerclerk_sim::DEMO_API_KEY,
            powerclerk_sim::DEMO_CLIENT_ID,
            powerclerk_sim::DEMO_SECRET,
        ),
    )
    .expect("config")
    .with_rate_limit(RateLimit::unlimited());
    let client = Client::new(cfg).expect("client");
    let f = FormRef::new(
        powerclerk_sim::demo::PROGRAM_ID,
        "INTG-00256",
        "TECHNICAL_REVIEW",
    );
    client
        .project_data(&f, DataVersion::Submitted)
        .await
        .expect("warm-up");
    let start = Instant::now();
    for _ in 0..calls {
        client
            .project_data(&f, DataVersion::Submitted)
            .await
            .expect("call");
    }
    let rust = start.elapsed().as_secs_f64();
    let py = super::article::run(&sim, 1e12, &["gets", &calls.to_string()]).await;
    let py_s = py["wall_s"].as_f64().unwrap_or(f64::NAN);
    println!(
        "clerkdesk client: {rust:.3} s, {:.0} µs per call",
        rust * 1e6 / calls as f64
    );
    println!(
        "article class:    {py_s:.3} s, {:.0} µs per call",
        py_s * 1e6 / calls as f64
    );
    println!("ratio (article / clerkdesk): {:.1}x", py_s / rust);
}
