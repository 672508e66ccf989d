//! A sheet as read from an .xlsx workbook or a .csv file: its header row, its rows with
//! Excel's row numbers, and the field keys Clerkdesk's own exports carry.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::cells::Cell;
use super::{read_csv, read_xlsx};
use crate::error::CoreError;

/// The largest sheet file read (a 100,000-row workbook is far below it).
pub const MAX_SHEET_BYTES: u64 = 100 * 1024 * 1024;
/// The most rows one job takes.
pub const MAX_ROWS: usize = 100_000;

/// The hidden sheet of an exported workbook that maps each column to its field's key.
pub const KEYS_SHEET: &str = "Clerkdesk keys";

/// File format, which the results, errors and restore files keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetFormat {
    /// An Excel workbook.
    Xlsx,
    /// Comma- or semicolon-separated text, UTF-8.
    Csv {
        /// `b','` or `b';'`.
        delimiter: u8,
    },
}

/// One data row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetRow {
    /// Excel's row number (the header is row 1 in a CSV).
    pub line: u32,
    /// One cell per header (missing cells are empty).
    pub cells: Vec<Cell>,
}

/// A sheet ready to be mapped.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its format.
    pub format: SheetFormat,
    /// The worksheet's name (xlsx).
    pub sheet_name: Option<String>,
    /// The header row's texts, trimmed.
    pub headers: Vec<String>,
    /// The header row's number.
    pub header_line: u32,
    /// The first column's index (0 = A), for naming columns by letter.
    pub first_column: u32,
    /// The rows under the header, blank rows left out.
    pub rows: Vec<SheetRow>,
    /// Header → field key, from an exported workbook's hidden keys sheet.
    pub keys: HashMap<String, String>,
    /// Problems of the file that are not about one cell (merged cells), each with its row.
    pub notes: Vec<(u32, String)>,
}

impl Sheet {
    /// The column's letter and header, as messages name it: `C (HCA results)`.
    pub fn column_name(&self, index: usize) -> String {
        format!(
            "{} ({})",
            column_letter(self.first_column + index as u32),
            self.headers.get(index).map_or("", String::as_str)
        )
    }

    /// The folder the sheet is in (file paths in cells are relative to it).
    pub fn folder(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

/// Excel's letter for a 0-based column index: 0 → A, 26 → AA.
pub fn column_letter(mut index: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_by_letter() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
