//! `clerk check --deep`: the compatibility check with its table on stdout, progress on
//! stderr, and the report's path as the last line.

use std::io::IsTerminal;
use std::path::Path;

use clerkdesk_core::compat::{self, Verdict};
use clerkdesk_core::CoreError;

use crate::args::Cli;
use crate::connect::session;
use crate::table;

/// Runs the check, prints the decisions and writes the report into `dir` (default: here).
pub async fn check_deep(cli: &Cli, dir: Option<&Path>) -> Result<(), CoreError> {
    let s = session(cli).await?;
    let tty = std::io::stderr().is_terminal();
    let report = compat::check(&s, &move |p| {
        let line = format!(
            "Checking {} ({} of at most {} calls)…",
            p.doing,
            p.done + 1,
            p.of
        );
        if tty {
            eprint!("\r\x1b[2K{line}");
        } else {
            eprintln!("{line}");
        }
    })
    .await?;
    if tty {
        eprint!("\r\x1b[2K");
    }
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            vec![
                r.decision.clone(),
                r.topic.clone(),
                match r.verdict {
                    Verdict::Confirmed => "confirmed",
                    Verdict::Differs => "DIFFERS",
                    Verdict::NotChecked => "not checked",
                }
                .to_string(),
                r.seen.clone(),
                r.clerkdesk.clone(),
            ]
        })
        .collect();
    println!(
        "{}",
        table::render(
            &[
                "",
                "Topic",
                "This server",
                "What it showed",
                "What Clerkdesk does"
            ],
            &rows
        )
    );
    println!();
    println!(
        "{} calls in {:.1} s, nothing written; {} of {} rows differ from the contract (Clerkdesk adapts as the last column says).",
        report.calls,
        report.seconds,
        report.differs(),
        report.rows.len()
    );
    let dir = dir.unwrap_or(Path::new("."));
    let path = compat::write_report(&report, dir)?;
    println!("{}", path.display());
    Ok(())
}
