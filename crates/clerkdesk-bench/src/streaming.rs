//! Streaming: `clerk upload` of the largest file Clerkdesk sends (50 MiB), then `clerk
//! download` of a large attachment (1 GiB, put there through the library, which has no size
//! rule of its own); peak RSS of each `clerk` process (from the kernel's rusage of the
//! child) and throughput. Memory far below the file sizes shows both directions stream.

use std::io::Write;
use std::path::Path;

use clerkdesk_core::workflow::MAX_UPLOAD_BYTES;
use powerclerk_api::{Client, FormRef, RateLimit, Transfer};
use powerclerk_sim::{Knobs, SimOptions, Simulator};

use crate::child::{rss_text, run_clerk, Run};

fn ok(run: Run, what: &str) -> (f64, Option<i64>) {
    assert_eq!(run.code, Some(0), "clerk {what} failed");
    (run.seconds, run.peak_rss_kib)
}

/// A file of `mib` MiB of varied bytes.
fn make_file(path: &Path, mib: u64) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let block: Vec<u8> = (0..1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    for _ in 0..mib {
        f.write_all(&block).expect("write");
    }
}

/// Prints the figures; `mib` is the size of the downloaded file.
pub async fn run(mib: u64) {
    let up_mib = MAX_UPLOAD_BYTES / (1024 * 1024);
    println!("## streaming: clerk upload of a {up_mib} MiB file (the largest Clerkdesk sends), clerk download of a {mib} MiB file");
    let dir = tempfile::tempdir().expect("temp dir");
    let (small, big) = (dir.path().join("upload.pdf"), dir.path().join("big.pdf"));
    make_file(&small, up_mib);
    make_file(&big, mib);
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            size_limit: (mib.max(up_mib) + 1) * 1024 * 1024,
            ..Knobs::default().unlimited()
        },
        ..Default::default()
    })
    .await
    .expect("simulator");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out dir");
    let sim_ref = &sim;
    let small_path = small.to_str().expect("utf-8 path");
    let (up_s, up_rss) = tokio::task::block_in_place(|| {
        let r = run_clerk(
            sim_ref,
            &[
                "upload",
                "INTG-00256",
                "TECHNICAL_REVIEW",
                "SINGLE_LINE_DIAGRAM",
                small_path,
            ],
        );
        ok(r, "upload")
    });
    // The big file goes in through the library: the 50 MiB rule is the app's, not the API's.
    let cfg = crate::demo::config(&sim, RateLimit::unlimited());
    let client = Client::new(cfg).expect("client");
    let form = FormRef::new(
        powerclerk_sim::demo::PROGRAM_ID,
        "INTG-00256",
        "TECHNICAL_REVIEW",
    );
    client
        .upload(&form, "SINGLE_LINE_DIAGRAM", &big, &Transfer::default())
        .await
        .expect("the big file uploads");
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
    println!(
        "upload:   {up_mib} MiB in {up_s:.2} s, {:.0} MiB/s, clerk peak RSS {}",
        up_mib as f64 / up_s,
        rss_text(up_rss)
    );
    println!(
        "download: {mib} MiB in {down_s:.2} s, {:.0} MiB/s, clerk peak RSS {}",
        mib as f64 / down_s,
        rss_text(down_rss)
    );
}
