//! Per-call cost with the limiter off: sequential GETs on loopback.

use std::time::Instant;

use powerclerk_api::{Client, DataVersion, FormRef, RateLimit};
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
    let cfg = crate::demo::config(&sim, RateLimit::unlimited());
    // The client runs on a thread of its own (a current-thread runtime), so that the CPU
    // time of that thread is the client's cost per call.
    let (rust, rust_cpu) = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
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
            let cpu0 = thread_cpu();
            let start = Instant::now();
            for _ in 0..calls {
                client
                    .project_data(&f, DataVersion::Submitted)
                    .await
                    .expect("call");
            }
            (start.elapsed().as_secs_f64(), thread_cpu() - cpu0)
        })
    })
    .join()
    .expect("client thread");
    // The floor: the same GET with bare reqwest (no token cache, limiter or parsing).
    let raw = reqwest_floor(&sim, calls).await;
    let py = super::article::run(&sim, 1e12, &["gets", &calls.to_string()]).await;
    let py_s = py["wall_s"].as_f64().unwrap_or(f64::NAN);
    let py_cpu = py["cpu_s"].as_f64().unwrap_or(f64::NAN);
    let per = |s: f64| s * 1e6 / calls as f64;
    println!(
        "clerkdesk client: wall {rust:.3} s = {:.0} µs per call; client CPU {:.0} µs per call",
        per(rust),
        per(rust_cpu)
    );
    println!(
        "article class:    wall {py_s:.3} s = {:.0} µs per call; client CPU {:.0} µs per call",
        per(py_s),
        per(py_cpu)
    );
    println!(
        "ratio (article / clerkdesk): wall {:.1}x, client CPU {:.1}x",
        py_s / rust,
        py_cpu / rust_cpu
    );
    println!("bare reqwest, same GETs: {:.0} µs per call (the loopback + simulator floor of the wall time)", per(raw));
}

async fn reqwest_floor(sim: &Simulator, calls: u32) -> f64 {
    let http = reqwest::Client::new();
    let token: serde_json::Value = http
        .post(sim.token_url())
        .basic_auth(
            powerclerk_sim::DEMO_CLIENT_ID,
            Some(powerclerk_sim::DEMO_SECRET),
        )
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let bearer = format!("Bearer {}", token["access_token"].as_str().expect("token"));
    let url = format!(
        "{}/Programs/M5JGHPZK7GFC/Projects/INTG-00256/Forms/TECHNICAL_REVIEW/Data",
        sim.api_url()
    );
    let start = Instant::now();
    for _ in 0..calls {
        let r = http
            .get(&url)
            .header("Authorization", &bearer)
            .header("X-ApiKey", powerclerk_sim::DEMO_API_KEY)
            .header("Accept", "application/json")
            .send()
            .await
            .expect("get");
        r.bytes().await.expect("body");
    }
    start.elapsed().as_secs_f64()
}

/// CPU time (user + system) of the calling thread, in seconds (Linux only; NaN elsewhere).
#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> f64 {
    f64::NAN
}

/// CPU time (user + system) of the calling thread, in seconds.
#[cfg(target_os = "linux")]
fn thread_cpu() -> f64 {
    // SAFETY: an all-zero rusage is valid; getrusage fills it for the calling thread.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pointer is to a live local.
    unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut u) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}
