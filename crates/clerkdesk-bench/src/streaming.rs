//! Streaming: `clerk upload` then `clerk download` of a large file; peak RSS of each `clerk`
//! process (from the kernel's rusage of the child) and throughput.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use powerclerk_sim::{Knobs, SimOptions, Simulator};

fn clerk() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    let p = exe.parent().expect("target dir").join("clerk");
    assert!(
        p.is_file(),
        "build clerk first (cargo build --release -p clerkdesk-core): {}",
        p.display()
    );
    p
}

/// Runs `clerk`, returns (seconds, peak RSS in KiB) from wait4's rusage.
// The child is reaped with wait4 (for its rusage), which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run_clerk(sim: &Simulator, args: &[&str]) -> (f64, i64) {
    let start = Instant::now();
    let child = std::process::Command::new(clerk())
        .args(args)
        .env("POWERCLERK_API_URL", sim.api_url())
        .env("POWERCLERK_TOKEN_URL", sim.token_url())
        .env("POWERCLERK_API_KEY", powerclerk_sim::DEMO_API_KEY)
        .env("POWERCLERK_CLIENT_ID", powerclerk_sim::DEMO_CLIENT_ID)
        .env("POWERCLERK_SECRET", powerclerk_sim::DEMO_SECRET)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("clerk runs");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child we just spawned; pointers are to live locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "clerk {args:?} failed"
    );
    (start.elapsed().as_secs_f64(), usage.ru_maxrss)
}

/// Prints the figures.
pub async fn run(mib: u64) {
    println!("## streaming: upload then download a {mib} MiB file with clerk");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.pdf");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&file).expect("create"));
        let block: Vec<u8> = (0..1024 * 1024u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        for _ in 0..mib {
            f.write_all(&block).expect("write");
        }
    }
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            size_limit: (mib + 1) * 1024 * 1024,
            ..Knobs::default().unlimited()
        },
        ..Default::default()
    })
    .await
    .expect("simulator");
    let f = file.to_str().expect("utf-8 path");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out dir");
    let sim_ref = &sim;
    let (up_s, up_rss) = tokio::task::block_in_place(|| {
        run_clerk(
            sim_ref,
            &[
                "upload",
                "INTG-00256",
                "TECHNICAL_REVIEW",
                "SINGLE_LINE_DIAGRAM",
                f,
            ],
        )
    });
    let (down_s, down_rss) = tokio::task::block_in_place(|| {
        run_clerk(
            sim_ref,
            &[
                "download",
                "INTG-00256",
                "TECHNICAL_REVIEW",
                "SINGLE_LINE_DIAGRAM",
                "--draft",
                "--out",
                out.to_str().expect("utf-8"),
            ],
        )
    });
    let got = out.join("big.pdf");
    assert_eq!(
        std::fs::metadata(&got).expect("downloaded").len(),
        mib * 1024 * 1024
    );
    let mb = mib as f64;
    println!(
        "upload:   {up_s:.2} s, {:.0} MiB/s, clerk peak RSS {:.1} MiB",
        mb / up_s,
        up_rss as f64 / 1024.0
    );
    println!(
        "download: {down_s:.2} s, {:.0} MiB/s, clerk peak RSS {:.1} MiB",
        mb / down_s,
        down_rss as f64 / 1024.0
    );
}
