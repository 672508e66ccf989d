//! Bulk runs when things go wrong: injected faults on about one call in ten, and `kill -9`
//! of the CLI at random points followed by `clerk bulk resume`. Whatever happens, no
//! project is submitted twice, no file is uploaded twice, and the results file says what
//! the simulator shows (checked by `clerk bulk audit`).

mod common;

use std::path::Path;
use std::process::Stdio;

use common::{assert_clean, clerk_command, stderr, stdout};
use powerclerk_sim::{SimOptions, Simulator};

const ROWS: u32 = 40;

async fn bulk_sim() -> Simulator {
    let sim = Simulator::start(SimOptions {
        bulk_projects: ROWS,
        ..Default::default()
    })
    .await
    .unwrap();
    sim.set_knobs(|k| k.max_calls = u32::MAX);
    sim
}

fn command(sim: &Simulator, data: &Path, dir: &Path, args: &[&str]) -> tokio::process::Command {
    let mut c = clerk_command(sim, args);
    c.env("CLERKDESK_DATA_DIR", data)
        .env("POWERCLERK_MAX_TPM", "100000")
        .current_dir(dir);
    c
}

async fn clerk(sim: &Simulator, data: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    let out = command(sim, data, dir, args).output().await.unwrap();
    assert_clean(args, &out);
    out
}

/// A sheet that sets two fields and uploads the diagram for every BULK project.
fn sheet(dir: &Path) {
    std::fs::write(dir.join("diagram.pdf"), b"%PDF-1.4 bulk diagram").unwrap();
    let mut body = String::from("Project Number,HCA results,HCA engineer,SINGLE_LINE_DIAGRAM\n");
    for i in 1..=ROWS {
        body.push_str(&format!("BULK-{i:05},Pass,Engineer {i},diagram.pdf\n"));
    }
    std::fs::write(dir.join("bulk.csv"), body).unwrap();
}

/// No project submitted twice, no file uploaded twice.
fn assert_no_duplicates(sim: &Simulator) -> (u32, u32) {
    sim.with_state(|st| {
        for (k, n) in &st.submits {
            assert!(*n <= 1, "submitted {n} times: {k:?}");
        }
        for (k, n) in &st.uploads {
            assert!(*n <= 1, "uploaded {n} times: {k:?}");
        }
        (st.submits.values().sum(), st.uploads.values().sum())
    })
}

fn results(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let mut r =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn faults_on_one_call_in_ten_never_duplicate_and_the_results_match() {
    let sim = bulk_sim().await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    sheet(dir);
    sim.set_knobs(|k| k.fail_one_in_ten());
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "run",
            "bulk.csv",
            "--form",
            "TECHNICAL_REVIEW",
            "--submit",
            "--yes",
        ],
    )
    .await;
    sim.set_knobs(|k| k.fail_never());
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "bulk results.csv", "{}", stderr(&out));
    let rows = results(dir, "bulk results.csv");
    assert_eq!(rows.len(), ROWS as usize);
    for r in &rows {
        let (result, message) = (&r[4], &r[5]);
        // Skipped: the project could not be read while validating (nothing sent for it).
        assert!(
            ["Submitted", "Failed", "Skipped"].contains(&result.as_str()),
            "{r:?}"
        );
        assert!(!message.is_empty(), "every row says what happened: {r:?}");
    }
    let (submits, _) = assert_no_duplicates(&sim);
    let submitted = rows.iter().filter(|r| r[4] == "Submitted").count() as u32;
    assert_eq!(
        submits, submitted,
        "the results count every submit the server took"
    );
    let audit = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "audit",
            "bulk results.csv",
            "--form",
            "TECHNICAL_REVIEW",
        ],
    )
    .await;
    assert!(
        audit.status.success(),
        "{}{}",
        stdout(&audit),
        stderr(&audit)
    );

    // The failed rows, run again from the errors file as it is, all go through.
    if rows.iter().any(|r| r[4] != "Submitted") {
        let out = clerk(
            &sim,
            data.path(),
            dir,
            &[
                "bulk",
                "run",
                "bulk errors.csv",
                "--form",
                "TECHNICAL_REVIEW",
                "--submit",
                "--yes",
            ],
        )
        .await;
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let (submits, uploads) = assert_no_duplicates(&sim);
    assert_eq!((submits, uploads), (ROWS, ROWS));
}

/// A small deterministic generator (the seed is printed, so a failure can be replayed).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[tokio::test]
async fn kill_9_at_five_random_points_then_resume_ends_as_a_clean_run() {
    let sim = bulk_sim().await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    sheet(dir);
    let seed = std::env::var("CLERK_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("seed {seed} (set CLERK_TEST_SEED to replay)");
    let mut rng = Lcg(seed);
    let writes = |st: &powerclerk_sim::state::SimState| {
        st.log
            .iter()
            .filter(|e| e.method == "POST" && e.path.contains("/services/v2/"))
            .count() as u64
    };
    // Every row makes three writes (save, upload, submit).
    let total = u64::from(ROWS) * 3;
    let mut points: Vec<u64> = (0..5).map(|_| 1 + rng.below(total - 1)).collect();
    points.sort_unstable();
    points.dedup();
    eprintln!("killing after writes {points:?}");
    let run_args = [
        "bulk",
        "run",
        "bulk.csv",
        "--form",
        "TECHNICAL_REVIEW",
        "--submit",
        "--yes",
    ];
    let resume_args = ["bulk", "resume"];
    for (n, at) in points.iter().enumerate() {
        let args: &[&str] = if n == 0 { &run_args } else { &resume_args };
        let mut child = command(&sim, data.path(), dir, args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let at = *at;
        tokio::select! {
            _ = sim.wait_until(move |st| writes(st) >= at) => {}
            status = child.wait() => panic!("the run ended before write {at}: {status:?}"),
        }
        child.start_kill().unwrap(); // SIGKILL: no chance to tidy up
        child.wait().await.unwrap();
    }
    let out = clerk(&sim, data.path(), dir, &resume_args).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let (submits, uploads) = assert_no_duplicates(&sim);
    assert_eq!(
        (submits, uploads),
        (ROWS, ROWS),
        "every project once, as a clean run"
    );
    let name = stdout(&out).trim().to_string();
    let rows = results(dir, &name);
    assert!(
        rows.iter()
            .all(|r| r[4] == "Submitted" && r[6] == "Inspection Pending"),
        "{rows:?}"
    );
    let audit = clerk(
        &sim,
        data.path(),
        dir,
        &["bulk", "audit", &name, "--form", "TECHNICAL_REVIEW"],
    )
    .await;
    assert!(
        audit.status.success(),
        "{}{}",
        stdout(&audit),
        stderr(&audit)
    );
    let out = clerk(&sim, data.path(), dir, &resume_args).await;
    assert!(
        stderr(&out).contains("Nothing to resume."),
        "{}",
        stderr(&out)
    );
}
