//! `clerk`: PowerClerk API V2 from the command line, on the same crates as the desktop app.
//!
//! Exit status: 0 success; 1 PowerClerk or the network refused; 2 bad usage or input
//! (nothing was sent). Messages are plain sentences on stderr.

mod args;
mod assign;
mod commands;
mod table;

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
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
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
