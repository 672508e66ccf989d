//! `clerk report --out FILE.xlsx`: the Overview as a workbook, for a scheduler to mail each
//! month. The deadlines and the status history are the app's own (the app data folder).

use std::path::Path;

use clerkdesk_core::bulk::job::data_dir;
use clerkdesk_core::status_log::StatusLog;
use clerkdesk_core::{deadlines, CoreError};

use crate::args::Cli;
use crate::connect::session_in_program;

/// Writes the report; its path is the last line on stdout.
pub async fn report(cli: &Cli, out: &Path) -> Result<(), CoreError> {
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(CoreError::Input(format!(
            "The report is an Excel workbook: give --out a name ending in .xlsx (not {}).",
            out.display()
        )));
    }
    let dir = data_dir()?;
    let settings = deadlines::load(&dir)?;
    let log = StatusLog::open(&dir)?;
    let session = session_in_program(cli).await?;
    let done = session.report(&settings, &log, out).await?;
    eprintln!(
        "Report of {} projects in {} statuses.",
        done.projects, done.statuses
    );
    println!("{}", done.path.display());
    Ok(())
}
