//! Shared set-up: a simulator on 127.0.0.1 and a client pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use powerclerk_api::{Client, ClientConfig, Credentials, FormRef, RateLimit, RetryPolicy};
use powerclerk_sim::{Knobs, SimOptions, Simulator};
use serde_json::Value;

pub const PROGRAM: &str = "M5JGHPZK7GFC";

pub async fn sim(knobs: Knobs) -> Simulator {
    Simulator::start(SimOptions {
        knobs,
        ..Default::default()
    })
    .await
    .expect("simulator starts")
}

/// A client with its own API key namespace: each simulator has its own port, so the
/// process-wide limiter registry gives each test its own limiter.
pub fn client_for(sim: &Simulator, limit: RateLimit) -> Client {
    client_with(
        sim,
        limit,
        powerclerk_sim::DEMO_CLIENT_ID,
        powerclerk_sim::DEMO_SECRET,
    )
}

pub fn client_with(sim: &Simulator, limit: RateLimit, id: &str, secret: &str) -> Client {
    let config = ClientConfig::new(
        &sim.api_url(),
        &sim.token_url(),
        Credentials::new(powerclerk_sim::DEMO_API_KEY, id, secret),
    )
    .unwrap()
    .with_rate_limit(limit)
    .with_retry(RetryPolicy {
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
        ..Default::default()
    });
    Client::new(config).unwrap()
}

pub fn client(sim: &Simulator) -> Client {
    client_for(sim, RateLimit::new(1000, Duration::from_secs(1)))
}

pub fn form(project: &str, form: &str) -> FormRef {
    FormRef::new(PROGRAM, project, form)
}

/// The simulator's request log (API and token calls).
pub async fn log(sim: &Simulator) -> Vec<Value> {
    let v: Value = reqwest::get(sim.sim_url("log"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["entries"].as_array().unwrap().clone()
}

pub async fn sim_json(sim: &Simulator, path: &str) -> Value {
    reqwest::get(sim.sim_url(path))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub async fn post_sim(sim: &Simulator, path: &str, body: Value) -> Value {
    reqwest::Client::new()
        .post(sim.sim_url(path))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Log entries whose path contains `needle`.
pub async fn calls_to(sim: &Simulator, needle: &str) -> Vec<Value> {
    log(sim)
        .await
        .into_iter()
        .filter(|e| e["path"].as_str().unwrap().contains(needle))
        .collect()
}

/// The most calls (by arrival time) in any window of `window` among `entries`.
pub fn max_in_window(entries: &[Value], window: Duration) -> usize {
    let mut t: Vec<u64> = entries
        .iter()
        .map(|e| e["t_us"].as_u64().unwrap())
        .collect();
    t.sort_unstable();
    let w = window.as_micros() as u64;
    let mut best = 0;
    let mut j = 0;
    for i in 0..t.len() {
        while t[i] - t[j] >= w {
            j += 1;
        }
        best = best.max(i - j + 1);
    }
    best
}
