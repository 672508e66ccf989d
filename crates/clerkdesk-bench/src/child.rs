//! Running the `clerk` binary as a child process and reading its peak memory from the
//! kernel (wait4's rusage; Unix only — elsewhere the memory figure is not measured).

use std::path::PathBuf;
use std::time::Instant;

use powerclerk_sim::Simulator;

/// What one `clerk` run cost.
pub struct Run {
    /// Wall time, seconds.
    pub seconds: f64,
    /// Peak resident memory in KiB (`None` where it cannot be measured).
    pub peak_rss_kib: Option<i64>,
    /// Exit status.
    pub code: Option<i32>,
}

/// The `clerk` binary next to this benchmark's.
pub fn clerk() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    let p = exe
        .parent()
        .expect("target dir")
        .join(format!("clerk{}", std::env::consts::EXE_SUFFIX));
    assert!(
        p.is_file(),
        "build clerk first (cargo build --release -p clerk-cli): {}",
        p.display()
    );
    p
}

fn command(sim: &Simulator, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(clerk());
    cmd.args(args)
        .env("POWERCLERK_API_URL", sim.api_url())
        .env("POWERCLERK_TOKEN_URL", sim.token_url())
        .env("POWERCLERK_API_KEY", powerclerk_sim::DEMO_API_KEY)
        .env("POWERCLERK_CLIENT_ID", powerclerk_sim::DEMO_CLIENT_ID)
        .env("POWERCLERK_SECRET", powerclerk_sim::DEMO_SECRET)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// Runs `clerk` to the end.
#[cfg(unix)]
// The child is reaped with wait4 (for its rusage), which clippy cannot see.
#[allow(clippy::zombie_processes)]
pub fn run_clerk(sim: &Simulator, args: &[&str]) -> Run {
    let start = Instant::now();
    let child = command(sim, args).spawn().expect("clerk runs");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child we just spawned; pointers are to live locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    Run {
        seconds: start.elapsed().as_secs_f64(),
        peak_rss_kib: Some(usage.ru_maxrss),
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
    }
}

/// Runs `clerk` to the end.
#[cfg(not(unix))]
pub fn run_clerk(sim: &Simulator, args: &[&str]) -> Run {
    let start = Instant::now();
    let status = command(sim, args).status().expect("clerk runs");
    Run {
        seconds: start.elapsed().as_secs_f64(),
        peak_rss_kib: None,
        code: status.code(),
    }
}

/// "8.4 MiB", or "not measured here".
pub fn rss_text(kib: Option<i64>) -> String {
    kib.map(|k| format!("{:.1} MiB", k as f64 / 1024.0))
        .unwrap_or_else(|| "not measured here".into())
}
