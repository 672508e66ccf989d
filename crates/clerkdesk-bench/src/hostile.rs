//! Hostile servers: `clerk` against endless bodies (an API answer, a token answer, a 500
//! on a download). Each must end with a plain error while its memory stays flat: peak RSS
//! under 64 MiB although the server would send without end.

use powerclerk_sim::{FaultKind, ScheduledFault, SimOptions, Simulator};

use crate::child::{rss_text, run_clerk};

/// The memory goal: well under the 64 MiB JSON cap plus the process's own size.
const RSS_GOAL_MIB: f64 = 64.0;

fn endless(path: &str, status: Option<u16>) -> ScheduledFault {
    ScheduledFault {
        kind: FaultKind::EndlessBody,
        path_contains: Some(path.into()),
        method: None,
        count: 100,
        status,
        value: None,
    }
}

/// Prints the figures; panics when a case does not end with exit status 1 or passes the
/// memory goal.
pub async fn run() {
    println!(
        "## hostile: clerk against endless bodies (goal: exit 1, peak RSS < {RSS_GOAL_MIB} MiB)"
    );
    let cases: [(&str, ScheduledFault, &[&str]); 3] = [
        (
            "endless JSON answer (GetProjects)",
            endless("/Projects", None),
            &["projects", "--limit", "1000"],
        ),
        (
            "endless token answer",
            endless("/connect/token", None),
            &["check"],
        ),
        (
            "500 with an endless body on a download",
            endless("/Download", Some(500)),
            &[
                "download",
                "INTG-00256",
                "TECHNICAL_REVIEW",
                "SINGLE_LINE_DIAGRAM",
                "--out",
                ".",
            ],
        ),
    ];
    for (what, fault, args) in cases {
        let sim = Simulator::start(SimOptions::default())
            .await
            .expect("simulator");
        sim.schedule(fault);
        let dir = tempfile::tempdir().expect("temp dir");
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "." {
                    dir.path().to_str().expect("utf-8")
                } else {
                    a
                }
            })
            .collect();
        let r = tokio::task::block_in_place(|| run_clerk(&sim, &args));
        println!(
            "{what}: ended in {:.2} s with exit status {:?}, clerk peak RSS {}",
            r.seconds,
            r.code,
            rss_text(r.peak_rss_kib)
        );
        assert_eq!(r.code, Some(1), "{what}: a plain error");
        if let Some(kib) = r.peak_rss_kib {
            assert!(
                (kib as f64 / 1024.0) < RSS_GOAL_MIB,
                "{what}: memory passed the goal"
            );
        }
    }
}
