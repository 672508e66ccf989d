//! The check's report as Markdown, for a support request: the server's host, the table of
//! decisions, nothing secret (credentials never reach the report's data; every text is
//! passed through the session's redaction anyway) and no field value.

use std::path::{Path, PathBuf};

use super::{CompatReport, Verdict};
use crate::error::CoreError;

fn verdict_text(v: Verdict) -> &'static str {
    match v {
        Verdict::Confirmed => "Confirmed",
        Verdict::Differs => "**Differs**",
        Verdict::NotChecked => "Not checked",
    }
}

/// A table cell: one line, no `|`.
fn cell(s: &str) -> String {
    s.replace('|', "/").replace(['\n', '\r'], " ")
}

/// The report as Markdown.
pub fn markdown(r: &CompatReport) -> String {
    let mut out = format!(
        "# Clerkdesk compatibility report\n\n\
         - PowerClerk: {}\n- Checked: {}\n- Calls: {} (read-only; nothing was written)\n- Took: {:.1} s\n- Differs: {} of {} rows\n\n\
         | Decision | Topic | This server | What it showed | What Clerkdesk does |\n\
         | --- | --- | --- | --- | --- |\n",
        cell(&r.server),
        r.when,
        r.calls,
        r.seconds,
        r.differs(),
        r.rows.len()
    );
    for row in &r.rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&row.decision),
            cell(&row.topic),
            verdict_text(row.verdict),
            cell(&row.seen),
            cell(&row.clerkdesk)
        ));
    }
    out.push_str(
        "\nThe decisions are those of the PowerClerk API contract Clerkdesk is built on \
         (section 8). This report holds no API key, secret, token or field value.\n",
    );
    crate::redaction::redact(&out)
}

/// Writes the report into `dir` under a new name (never replacing a file) and returns it.
pub fn write_report(r: &CompatReport, dir: &Path) -> Result<PathBuf, CoreError> {
    let stamp = r.when.replace([':', ' '], "-");
    let base = format!("Clerkdesk compatibility {stamp}");
    let mut path = dir.join(format!("{base}.md"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base} ({n}).md"));
        n += 1;
    }
    std::fs::write(&path, markdown(r))
        .map_err(|e| CoreError::io("write the report to", &path, &e))?;
    Ok(path)
}
