//! The rate limit across a restart: `clerk bulk run --submit` on a 60-a-minute key (the
//! documented default, on both sides) is killed at a random point and resumed at once with
//! `clerk bulk resume`. The resumed run counts the killed run's calls (kept in the app data
//! folder), so the whole job takes about its ideal time and PowerClerk refuses (almost)
//! nothing. Ideal = (⌈calls / 60⌉ − 1) × 60 s.

use std::time::{Duration, Instant};

use powerclerk_sim::{Knobs, SimOptions, Simulator};
use rand::Rng;

/// Runs the benchmark with `rows` rows.
pub async fn run(rows: u32) {
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            max_calls: 60,
            window_ms: 60_000,
            ..Knobs::default()
        },
        bulk_projects: rows,
        ..SimOptions::default()
    })
    .await
    .expect("simulator");
    let work = tempfile::tempdir().expect("temp dir");
    let data = tempfile::tempdir().expect("temp dir");
    let sheet = crate::bulk::sheet(work.path(), rows);
    let clerk = |args: &[&str]| {
        let mut cmd = tokio::process::Command::new(crate::child::clerk());
        cmd.args(args)
            .env("POWERCLERK_API_URL", sim.api_url())
            .env("POWERCLERK_TOKEN_URL", sim.token_url())
            .env("POWERCLERK_API_KEY", powerclerk_sim::DEMO_API_KEY)
            .env("POWERCLERK_CLIENT_ID", powerclerk_sim::DEMO_CLIENT_ID)
            .env("POWERCLERK_SECRET", powerclerk_sim::DEMO_SECRET)
            .env("POWERCLERK_MAX_TPM", "60")
            .env("CLERKDESK_DATA_DIR", data.path())
            .current_dir(work.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true);
        cmd
    };
    let sheet_arg = sheet.display().to_string();
    let started = Instant::now();
    let mut first = clerk(&[
        "bulk",
        "run",
        &sheet_arg,
        "--form",
        "TECHNICAL_REVIEW",
        "--submit",
        "--yes",
    ])
    .spawn()
    .expect("clerk runs");
    // A random point of the run itself (the job is in the journal once its first write
    // goes out; the check before it reads every project first), before it can end.
    sim.wait_until(|st| {
        st.log
            .iter()
            .any(|e| e.method == "POST" && e.path.contains("/services/v2/"))
    })
    .await;
    let kill_after = Duration::from_millis(rand::thread_rng().gen_range(0..60_000));
    tokio::time::sleep(kill_after).await;
    let _ = first.start_kill();
    let _ = first.wait().await;
    let killed_at = started.elapsed();
    let resumed = clerk(&["bulk", "resume"])
        .status()
        .await
        .expect("clerk runs");
    let wall = started.elapsed().as_secs_f64();
    let (calls, refused, submits) = sim.with_state(|st| {
        let api = st
            .log
            .iter()
            .filter(|e| e.path.contains("/services/v2/") && e.status != 0)
            .count();
        (api, st.stats.rate_limited, st.submits.values().sum::<u32>())
    });
    let accepted = calls as u64 - refused;
    let ideal = (accepted.div_ceil(60).saturating_sub(1) * 60) as f64;
    println!("restart: {rows} rows, --submit, 60 calls a minute on both sides");
    println!(
        "  killed after {:.1} s, resumed at once (exit {:?})",
        killed_at.as_secs_f64(),
        resumed.code()
    );
    println!("  {accepted} calls accepted, {refused} refused (429), {submits} submits (of {rows})");
    println!(
        "  wall {wall:.1} s, ideal {ideal:.1} s, wall/ideal {:.3}",
        if ideal > 0.0 { wall / ideal } else { f64::NAN }
    );
}
