//! `clerk`: PowerClerk API V2 from the command line, on the same crates as the desktop app.
//!
//! Exit status: 0 success; 1 PowerClerk or the network refused; 2 bad usage or input
//! (nothing was sent). Messages are plain sentences on stderr.

mod args;
mod assign;
mod bulk;
mod commands;
mod compat;
mod connect;
mod progress;
mod read;
mod report;
mod table;
mod write;

use std::process::ExitCode;

use clap::Parser;
use clerkdesk_core::CoreError;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints usage errors itself and exits 2 for them; --help/--version exit 0.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Could not start: {e}");
            return ExitCode::from(1);
        }
    };
    let is_bulk = matches!(
        cli.command,
        args::Command::Bulk(_) | args::Command::Export { .. }
    );
    // Bulk jobs and exports last as long as their estimate says; each call stays bounded.
    let seconds = cli
        .timeout
        .unwrap_or(if is_bulk { u64::MAX / 4 } else { 1800 });
    let deadline = std::time::Duration::from_secs(seconds);
    let outcome = runtime.block_on(async {
        tokio::select! {
            r = tokio::time::timeout(deadline, commands::run(cli)) => Some(r),
            // Dropping the command's future ends its transfer and removes the partial file
            // (downloads are written under a temporary name that is deleted when dropped).
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    // This run's last calls, for the next run within the window.
    clerkdesk_core::rate_memory::save_kept();
    match outcome {
        None if is_bulk => {
            eprintln!("Stopped. Every step sent so far is in the job's journal: `clerk bulk resume` goes on where this stopped, and nothing is sent twice.");
            ExitCode::from(130)
        }
        None => {
            eprintln!("Cancelled. Nothing partly downloaded was left behind; an upload or save that was under way may or may not have reached PowerClerk — check with `clerk get`.");
            ExitCode::from(130)
        }
        Some(Err(_)) if is_bulk => {
            eprintln!(
                "Stopped after {} s (--timeout). `clerk bulk resume` goes on where this stopped.",
                deadline.as_secs()
            );
            ExitCode::from(1)
        }
        Some(Err(_)) => {
            eprintln!(
                "Stopped after {} s, the time limit for one command (--timeout or CLERK_TIMEOUT). Nothing partly downloaded was left behind; check with `clerk get` whether a save or upload under way reached PowerClerk.",
                deadline.as_secs()
            );
            ExitCode::from(1)
        }
        Some(Ok(Ok(bulk::Done::AllOk))) => ExitCode::SUCCESS,
        Some(Ok(Ok(bulk::Done::SomeRowsNot))) => ExitCode::from(1),
        Some(Ok(Ok(bulk::Done::SomeListed))) => ExitCode::from(3),
        Some(Ok(Err(e))) => {
            report(&e);
            ExitCode::from(if e.is_local() { 2 } else { 1 })
        }
    }
}

fn report(e: &CoreError) {
    eprintln!("{e}");
    if let CoreError::Api(api) = e {
        if let Some(d) = api.details() {
            match (d.status, &d.server_message) {
                (Some(s), Some(m)) => eprintln!("Details: HTTP status {s}; PowerClerk said: {m}"),
                (Some(s), None) => eprintln!("Details: HTTP status {s}"),
                (None, Some(m)) => eprintln!("Details: {m}"),
                (None, None) => {}
            }
        }
    }
}
