//! `clerkdesk-bench`: the figures of docs/benchmarks.md, each reproducible with one command.
//!
//! - `limiter`: 4 tasks × 75 calls against a simulator limited to 50 per 5 s; wall time vs
//!   the ideal (⌈300/50⌉ − 1) × 5 s = 25 s and 429s; the article's class beside it.
//! - `per-call`: 2,000 GETs with the limiter off, Clerkdesk's client vs the article's class.
//! - `streaming`: `clerk upload` of a 50 MiB file and `clerk download` of a 1 GiB one; peak
//!   RSS and throughput.
//! - `hostile`: `clerk` against endless bodies; time to a plain error and peak RSS.
//! - `opens`: API calls per project opened in the window's way, from the simulator's log.
//! - `bulk`: 1,000 rows at a compressed limit (wall vs ideal, calls), again (zero writes),
//!   with faults (duplicates, audit), an export's calls; `validate`: 10,000 .xlsx rows.

mod article;
mod bulk;
mod child;
mod demo;
mod hostile;
mod limiter;
mod opens;
mod per_call;
mod restart;
mod streaming;

use clap::{Parser, Subcommand};

/// Clerkdesk benchmarks (build with --release).
#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    bench: Bench,
}

#[derive(Subcommand)]
enum Bench {
    /// Rate-limiter use: 300 calls from 4 tasks at 50 per 5 s.
    Limiter,
    /// Per-call cost with the limiter off: 2,000 GETs.
    PerCall {
        /// Number of GETs.
        #[arg(long, default_value_t = 2000)]
        calls: u32,
    },
    /// Streaming a large file up and down with `clerk`.
    Streaming {
        /// Size of the downloaded file in MiB.
        #[arg(long, default_value_t = 1024)]
        mib: u64,
    },
    /// `clerk` against servers that send without end.
    Hostile,
    /// API calls per project open.
    Opens,
    /// Bulk jobs: run, rerun, faults, export.
    Bulk {
        /// Rows.
        #[arg(long, default_value_t = 1000)]
        rows: u32,
    },
    /// Validating a big sheet, reads not counted.
    Validate {
        /// Rows.
        #[arg(long, default_value_t = 10_000)]
        rows: u32,
    },
    /// The rate limit across a restart: a bulk run killed at a random point, resumed.
    Restart {
        /// Rows.
        #[arg(long, default_value_t = 60)]
        rows: u32,
    },
    /// All of the above.
    All,
}

fn main() {
    let args = Args::parse();
    // One thread for the client side, like a desktop app's command; servers started by a
    // benchmark run on their own threads where that matters (per-call).
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        match args.bench {
            Bench::Limiter => limiter::run().await,
            Bench::PerCall { calls } => per_call::run(calls).await,
            Bench::Streaming { mib } => streaming::run(mib).await,
            Bench::Hostile => hostile::run().await,
            Bench::Opens => opens::run().await,
            Bench::Bulk { rows } => bulk::run(rows).await,
            Bench::Validate { rows } => bulk::validate_speed(rows).await,
            Bench::Restart { rows } => restart::run(rows).await,
            Bench::All => {
                limiter::run().await;
                per_call::run(2000).await;
                streaming::run(1024).await;
                hostile::run().await;
                opens::run().await;
                bulk::run(1000).await;
                bulk::validate_speed(10_000).await;
                restart::run(60).await;
            }
        }
    });
}
