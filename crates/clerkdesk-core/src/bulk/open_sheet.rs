//! Opening a sheet: checks of the file (size, kind, header, rows), then the reader for its
//! format. The readers depend on the sheet types, and this module on both.

use std::path::Path;

use super::cells::Cell;
use super::sheet::Sheet;
use super::{read_csv, read_xlsx};
use crate::error::CoreError;

/// The largest sheet file read (a 100,000-row workbook is far below it).
pub const MAX_SHEET_BYTES: u64 = 100 * 1024 * 1024;
/// The most rows one job takes.
pub const MAX_ROWS: usize = 100_000;

/// The visible worksheets of an .xlsx workbook, in order (none for a .csv).
pub fn worksheets(path: &Path) -> Vec<String> {
    let xlsx = path.extension().is_some_and(|e| {
        matches!(
            e.to_string_lossy().to_ascii_lowercase().as_str(),
            "xlsx" | "xlsm"
        )
    });
    if xlsx {
        read_xlsx::visible_sheets(path)
    } else {
        Vec::new()
    }
}

/// Reads a sheet: .xlsx (`sheet` chooses the worksheet when there are several) or .csv.
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Sheet, CoreError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        CoreError::Input(format!(
            "Could not open {}: {}. Check the file's name and folder.",
            path.display(),
            crate::error::plain_io(&e)
        ))
    })?;
    if meta.is_dir() {
        return Err(CoreError::Input(format!(
            "{} is a folder; choose an .xlsx or .csv file.",
            path.display()
        )));
    }
    if meta.len() > MAX_SHEET_BYTES {
        return Err(CoreError::Input(format!(
            "{} is {} MB; Clerkdesk reads sheets of up to {} MB. Split it into smaller sheets.",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_SHEET_BYTES / (1024 * 1024)
        )));
    }
    if meta.len() == 0 {
        return Err(CoreError::Input(format!(
            "{} is empty. Put a header row with a \"Project Number\" column and one row per project.",
            path.display()
        )));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut read = match ext.as_str() {
        "xlsx" | "xlsm" => read_xlsx::read(path, sheet)?,
        "csv" | "txt" => read_csv::read(path)?,
        _ => {
            return Err(CoreError::Input(format!(
                "{} is not an .xlsx or .csv file. Save it from Excel as \"Excel Workbook\" or \"CSV UTF-8\".",
                path.display()
            )))
        }
    };
    if read.headers.iter().all(String::is_empty) {
        return Err(CoreError::Input(format!(
            "{} has no header row. Put the column names (\"Project Number\" and the fields) in the first row.",
            path.display()
        )));
    }
    if read.rows.len() > MAX_ROWS {
        return Err(CoreError::Input(format!(
            "The sheet has {} rows; one job takes at most {MAX_ROWS}. Split it into smaller sheets.",
            read.rows.len()
        )));
    }
    // Every row as wide as the widest: values beyond the header row get an empty header,
    // which the mapping refuses by name (rather than dropping them unseen).
    let width = read
        .rows
        .iter()
        .map(|r| r.cells.len())
        .fold(read.headers.len(), usize::max);
    read.headers.resize(width, String::new());
    for row in &mut read.rows {
        row.cells.resize(width, Cell::Empty);
    }
    Ok(read)
}
