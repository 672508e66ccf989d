//! Helpers of the bulk tests: `clerk` with its own journal, what reached the simulator,
//! and a sheet edited as Excel would save it.

use std::path::Path;

use clerkdesk_core::bulk::cells::Cell;
use clerkdesk_core::bulk::read_sheet;
use clerkdesk_core::bulk::table::{write_table, Table};
use powerclerk_sim::Simulator;

use super::{assert_clean, clerk_command, sim};

/// Runs `clerk` with its journal in `data`, in folder `dir`.
pub async fn clerk(
    sim: &Simulator,
    data: &Path,
    dir: &Path,
    args: &[&str],
) -> std::process::Output {
    let out = clerk_command(sim, args)
        .env("CLERKDESK_DATA_DIR", data)
        .env("POWERCLERK_MAX_TPM", "6000")
        .current_dir(dir)
        .output()
        .await
        .unwrap();
    assert_clean(args, &out);
    out
}

/// A simulator without the rate limit: these tests are about what is sent, not pacing.
pub async fn fast_sim() -> Simulator {
    let s = sim().await;
    s.set_knobs(|k| k.max_calls = u32::MAX);
    s
}

pub fn writes(sim: &Simulator) -> usize {
    sim.with_state(|st| {
        st.log
            .iter()
            .filter(|e| e.method == "POST" && e.path.contains("/services/v2/"))
            .count()
    })
}

pub fn submits(sim: &Simulator) -> u32 {
    sim.with_state(|st| st.submits.values().sum())
}

pub fn status_of(sim: &Simulator, number: &str) -> String {
    sim.with_state(|st| {
        let p = st
            .program
            .projects
            .iter()
            .find(|p| p.number.as_deref() == Some(number))
            .unwrap();
        st.program.statuses[p.status].name.clone()
    })
}

/// Rewrites a sheet as Excel would after the user typed into it: `edit` changes the cells
/// of data rows (index 0 = the first project row); headers, other sheets and keys stay.
pub fn edit_sheet(path: &Path, edit: impl Fn(usize, &mut Vec<Cell>)) {
    let sheet = read_sheet(path, None).unwrap();
    let keys: Vec<Option<String>> = sheet
        .headers
        .iter()
        .map(|h| sheet.keys.get(h).cloned())
        .collect();
    let mut rows: Vec<Vec<Cell>> = sheet.rows.iter().map(|r| r.cells.clone()).collect();
    for (i, r) in rows.iter_mut().enumerate() {
        edit(i, r);
    }
    let table = Table {
        name: sheet.sheet_name.as_deref().unwrap_or("Sheet1"),
        headers: &sheet.headers,
        keys: &keys,
        rows: &rows,
    };
    write_table(path, sheet.format, &table).unwrap();
}

pub fn col(path: &Path, header: &str) -> usize {
    read_sheet(path, None)
        .unwrap()
        .headers
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

pub fn cells_of(path: &Path) -> Vec<Vec<String>> {
    read_sheet(path, None)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.cells.iter().map(Cell::display).collect())
        .collect()
}

/// The file whose path a command printed as its last line (relative paths are in `dir`).
pub fn results_path(printed: &str, dir: &Path) -> std::path::PathBuf {
    let last = std::path::PathBuf::from(printed.trim().lines().last().unwrap_or(""));
    if last.is_absolute() {
        last
    } else {
        dir.join(last)
    }
}
