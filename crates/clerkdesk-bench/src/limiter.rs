//! Limiter use: how close to the server's rule 300 calls from 4 tasks get, with no 429.

use std::time::{Duration, Instant};

use powerclerk_api::{Client, DataVersion, FormRef, RateLimit};
use powerclerk_sim::{Knobs, SimOptions, Simulator};

const MAX: u32 = 50;
const WINDOW: Duration = Duration::from_secs(5);
const CALLS: u32 = 300;
const TASKS: u32 = 4;

async fn sim() -> Simulator {
    Simulator::start(SimOptions {
        knobs: Knobs {
            max_calls: MAX,
            window_ms: WINDOW.as_millis() as u64,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("simulator")
}

fn rate_limited(sim: &Simulator) -> u64 {
    sim.with_state(|s| s.stats.rate_limited)
}

/// Prints the figures.
pub async fn run() {
    let ideal = WINDOW.as_secs_f64() * ((CALLS as f64 / MAX as f64).ceil() - 1.0);
    println!(
        "## limiter: {CALLS} calls, {TASKS} tasks, server limit {MAX} per {} s; ideal {ideal:.1} s",
        WINDOW.as_secs()
    );

    let s = sim().await;
    let cfg = crate::demo::config(&s, RateLimit::new(MAX, WINDOW));
    let client = Client::new(cfg).expect("client");
    client.authenticate().await.expect("token");
    let start = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|t| {
            let c = client.clone();
            tokio::spawn(async move {
                for i in 0..CALLS / TASKS {
                    let n = 1 + (t * 75 + i) % 300;
                    let f = FormRef::new(
                        powerclerk_sim::demo::PROGRAM_ID,
                        format!("INTG-{n:05}"),
                        "APPLICATION",
                    );
                    c.project_data(&f, DataVersion::Submitted)
                        .await
                        .expect("call");
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task");
    }
    let wall = start.elapsed().as_secs_f64();
    println!(
        "clerkdesk client, 4 tasks, 1 client:  wall {wall:.2} s, wall/ideal {:.3}, 429s {}",
        wall / ideal,
        rate_limited(&s)
    );

    let tpm = MAX as f64 * 60.0 / WINDOW.as_secs_f64();
    let s = sim().await;
    let one = super::article::run(&s, tpm, &["calls", "300", "1"]).await;
    println!(
        "article class, 1 instance (MAX_TPM {tpm}): wall {:.2} s, wall/ideal {:.3}, 429s {}",
        one["wall_s"].as_f64().unwrap_or(0.0),
        one["wall_s"].as_f64().unwrap_or(0.0) / ideal,
        one["errors_429"]
    );
    let s = sim().await;
    let four = super::article::run(&s, tpm, &["calls", "300", "4"]).await;
    println!(
        "article class, 4 instances, same key:  wall {:.2} s, 429s {} (each 429 raised an error: {} of 300 calls failed)",
        four["wall_s"].as_f64().unwrap_or(0.0),
        rate_limited(&s),
        four["errors_429"]
    );
}
