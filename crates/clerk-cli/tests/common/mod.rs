//! Running the `clerk` binary against a simulator, checking every output for secrets.
#![allow(dead_code)]

pub mod bulk;

use std::process::Output;

use powerclerk_sim::{SimOptions, Simulator};

pub const SECRETS: [&str; 2] = [powerclerk_sim::DEMO_API_KEY, powerclerk_sim::DEMO_SECRET];

pub async fn clerk(sim: &Simulator, args: &[&str]) -> Output {
    clerk_in(sim, args, None).await
}

/// The `clerk` command for this simulator with the demo credentials in the environment.
pub fn clerk_command(sim: &Simulator, args: &[&str]) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_clerk"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("POWERCLERK_API_URL", sim.api_url())
        .env("POWERCLERK_TOKEN_URL", sim.token_url())
        .env("POWERCLERK_API_KEY", powerclerk_sim::DEMO_API_KEY)
        .env("POWERCLERK_CLIENT_ID", powerclerk_sim::DEMO_CLIENT_ID)
        .env("POWERCLERK_SECRET", powerclerk_sim::DEMO_SECRET)
        .stdin(std::process::Stdio::null());
    cmd
}

/// Runs `clerk` to the end and checks its output holds no secret and no panic.
pub async fn clerk_in(sim: &Simulator, args: &[&str], dir: Option<&std::path::Path>) -> Output {
    let mut cmd = clerk_command(sim, args);
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let out = cmd.output().await.unwrap();
    assert_clean(args, &out);
    out
}

/// No secret and no panic in what a run printed.
pub fn assert_clean(args: &[&str], out: &Output) {
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for s in SECRETS {
        assert!(!all.contains(s), "secret in output of {args:?}: {all}");
    }
    assert!(
        !all.contains("panicked") && !all.contains("RUST_BACKTRACE"),
        "{all}"
    );
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub async fn sim() -> Simulator {
    Simulator::start(SimOptions::default()).await.unwrap()
}
