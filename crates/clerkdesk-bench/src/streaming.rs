//! Streaming: `clerk upload` then `clerk download` of a large file; peak RSS of each `clerk`
//! process (from the kernel's rusage of the child) and throughput.

use std::io::Write;

use powerclerk_sim::{Knobs, SimOptions, Simulator};

use crate::child::{rss_text, run_clerk, Run};

fn ok(run: Run, what: &str) -> (f64, Option<i64>) {
    assert_eq!(run.code, Some(0), "clerk {what} failed");
    (run.seconds, run.peak_rss_kib)
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
        let r = run_clerk(
            sim_ref,
            &[
                "upload",
                "INTG-00256",
                "TECHNICAL_REVIEW",
                "SINGLE_LINE_DIAGRAM",
                f,
            ],
        );
        ok(r, "upload")
    });
    let (down_s, down_rss) = tokio::task::block_in_place(|| {
        let r = run_clerk(
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
        );
        ok(r, "download")
    });
    let got = out.join("big.pdf");
    assert_eq!(
        std::fs::metadata(&got).expect("downloaded").len(),
        mib * 1024 * 1024
    );
    let mb = mib as f64;
    println!(
        "upload:   {up_s:.2} s, {:.0} MiB/s, clerk peak RSS {}",
        mb / up_s,
        rss_text(up_rss)
    );
    println!(
        "download: {down_s:.2} s, {:.0} MiB/s, clerk peak RSS {}",
        mb / down_s,
        rss_text(down_rss)
    );
}
