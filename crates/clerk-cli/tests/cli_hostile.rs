//! `clerk` against broken servers: echoed secrets never printed, rate-limit waits announced
//! in a log file too, a whole-command deadline, and Ctrl-C during a stalled download leaves
//! no partial file.

mod common;

use common::*;
use powerclerk_sim::{FaultKind, ScheduledFault};

fn fault(kind: FaultKind, path: &str, count: u32) -> ScheduledFault {
    ScheduledFault {
        kind,
        path_contains: Some(path.into()),
        method: None,
        count,
        status: None,
        value: None,
    }
}

#[tokio::test]
async fn echoed_secrets_are_redacted() {
    let sim = sim().await;
    sim.schedule(fault(FaultKind::EchoSecrets, "/Programs", 1));
    let o = clerk(&sim, &["programs"]).await; // asserts: no secret in any output
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("[redacted]"), "{}", stderr(&o));
}

#[tokio::test]
async fn rate_limit_waits_are_announced_when_stderr_is_a_file() {
    let sim = sim().await;
    let mut f = fault(FaultKind::RetryAfter, "/Programs", 1);
    f.value = Some("2".into());
    sim.schedule(f);
    let o = clerk(&sim, &["programs"]).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("s for PowerClerk's rate limit"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test]
async fn a_command_never_runs_past_its_deadline() {
    let sim = sim().await;
    sim.schedule(fault(FaultKind::Hang, "/Programs", 10));
    let o = clerk(&sim, &["programs", "--timeout", "1"]).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Stopped after 1 s"), "{}", stderr(&o));
}

// Sends SIGINT with kill(1); Ctrl-C on Windows takes the same path in the binary.
#[cfg(unix)]
#[tokio::test]
async fn ctrl_c_during_a_stalled_download_leaves_no_partial_file() {
    let sim = sim().await;
    sim.schedule(fault(FaultKind::StallBody, "/Download", 1));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let child = clerk_command(
        &sim,
        &[
            "download",
            "INTG-00256",
            "TECHNICAL_REVIEW",
            "SINGLE_LINE_DIAGRAM",
            "--out",
            out,
        ],
    )
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    // Wait until the stalled answer has been sent (the simulator logs it) and the partial
    // file exists.
    loop {
        let log: serde_json::Value = reqwest::get(sim.sim_url("log"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let started = log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["path"].as_str().unwrap().contains("/Download"));
        if started && std::fs::read_dir(dir.path()).unwrap().count() > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let o = child.wait_with_output().await.unwrap();
    assert_clean(&["download"], &o);
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(stderr(&o).contains("Cancelled"), "{}", stderr(&o));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
