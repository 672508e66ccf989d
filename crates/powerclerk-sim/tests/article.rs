//! The article's own Python class, imported unchanged from `../shared/reference`, makes the
//! article's calls against the simulator and succeeds.

use std::path::PathBuf;

use powerclerk_sim::{SimOptions, Simulator};

/// `../shared` beside the checkout, or `CLERKDESK_SHARED`.
fn shared_dir() -> PathBuf {
    std::env::var_os("CLERKDESK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

#[tokio::test]
async fn article_client_works_unchanged_against_the_simulator() {
    let reference = shared_dir().join("reference");
    if !reference.join("article_client.py").is_file() {
        // Our CI has `../shared`; a clone elsewhere (CI unset or empty) does not.
        let in_our_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty());
        assert!(
            !in_our_ci,
            "the article's client is expected at {} (set CLERKDESK_SHARED)",
            reference.display()
        );
        eprintln!(
            "SKIPPED: the article's reference client is not at {} (it lives beside the repository, in ../shared, or set CLERKDESK_SHARED)",
            reference.display()
        );
        return;
    }
    let sim = Simulator::start(SimOptions::default()).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/article_calls.py");
    let out = tokio::process::Command::new(std::env::var("PYTHON").unwrap_or("python3".into()))
        .arg(&script)
        .current_dir(work.path())
        .env("ARTICLE_CLIENT_DIR", &reference)
        .env("POWERCLERK_API_URL", sim.api_url())
        .env("POWERCLERK_TOKEN_URL", sim.token_url())
        .env("POWERCLERK_API_KEY", powerclerk_sim::DEMO_API_KEY)
        .env("POWERCLERK_CLIENT_ID", powerclerk_sim::DEMO_CLIENT_ID)
        .env("POWERCLERK_SECRET", powerclerk_sim::DEMO_SECRET)
        // The article throttles to MAX_TPM; the simulator's limit is 60/min, so six calls
        // at one a second stay inside it.
        .env("POWERCLERK_MAX_TPM", "60")
        .output()
        .await
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "article script failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("ARTICLE CALLS OK"));
    assert!(work.path().join("single_line_diagram.pdf").is_file());
    let submits = sim.with_state(|s| s.submits.values().sum::<u32>());
    assert_eq!(submits, 1);
    let api_calls = sim.with_state(|s| {
        s.log
            .iter()
            .filter(|e| e.path.contains("/services/v2/"))
            .map(|e| (e.method.clone(), e.status))
            .collect::<Vec<_>>()
    });
    assert_eq!(api_calls.len(), 5);
    assert!(api_calls.iter().all(|(_, s)| *s == 200), "{api_calls:?}");
}
