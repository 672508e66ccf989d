//! The rate limit survives a restart: `clerk` runs one after another on one API key count
//! the calls of the runs before them (kept in the app data folder, never the key itself), so
//! a run started at once waits for the window instead of colliding with its own earlier
//! calls (a 429 from PowerClerk).

mod common;

use common::{clerk_command, stderr};
use powerclerk_sim::{Knobs, SimOptions, Simulator};

#[tokio::test]
async fn runs_in_a_row_share_the_window_and_never_collide() {
    // Six calls a minute, on both sides: three runs of two calls use the minute up.
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            max_calls: 6,
            window_ms: 60_000,
            ..Knobs::default()
        },
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let run = |timeout: &'static str| {
        let mut cmd = clerk_command(&sim, &["projects", "--limit", "1", "--timeout", timeout]);
        cmd.env("CLERKDESK_DATA_DIR", data.path())
            .env("POWERCLERK_MAX_TPM", "6");
        cmd
    };
    for _ in 0..3 {
        let out = run("30").output().await.unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let kept = std::fs::read_to_string(data.path().join("rate-limit.json")).unwrap();
    assert!(!kept.contains(powerclerk_sim::DEMO_API_KEY), "{kept}");
    let times: serde_json::Value = serde_json::from_str(&kept).unwrap();
    let counted: usize = times
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_array().unwrap().len())
        .sum();
    assert_eq!(counted, 6, "{kept}");
    // A fourth run at once: it waits for the window (and here stops at its 2 s deadline)
    // rather than sending a call PowerClerk would refuse.
    let out = run("2").output().await.unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Waiting"), "{}", stderr(&out));
    let refused = sim.with_state(|st| st.stats.rate_limited);
    assert_eq!(refused, 0, "no call collided with the earlier runs' calls");
}
