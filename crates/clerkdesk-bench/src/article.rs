//! Runs the article's Python class (imported from ../shared/reference by
//! bench/article_bench.py) against a simulator and reads its JSON report.

use std::path::PathBuf;

use powerclerk_sim::Simulator;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> PathBuf {
    std::env::var_os("CLERKDESK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared"))
}

/// `python3 bench/article_bench.py MODE ...` with the simulator's URLs and demo credentials.
pub async fn run(sim: &Simulator, max_tpm: f64, args: &[&str]) -> serde_json::Value {
    let out = tokio::process::Command::new("python3")
        .arg(workspace().join("bench/article_bench.py"))
        .args(args)
        .env("ARTICLE_CLIENT_DIR", shared().join("reference"))
        .env("POWERCLERK_API_URL", sim.api_url())
        .env("POWERCLERK_TOKEN_URL", sim.token_url())
        .env("POWERCLERK_API_KEY", powerclerk_sim::DEMO_API_KEY)
        .env("POWERCLERK_CLIENT_ID", powerclerk_sim::DEMO_CLIENT_ID)
        .env("POWERCLERK_SECRET", powerclerk_sim::DEMO_SECRET)
        .env("POWERCLERK_MAX_TPM", max_tpm.to_string())
        .output()
        .await
        .expect("python3 runs");
    if !out.status.success() {
        panic!(
            "article benchmark failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}
