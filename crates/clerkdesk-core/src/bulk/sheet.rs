//! A sheet as read from an .xlsx workbook or a .csv file: its header row, its rows with
//! Excel's row numbers, and the field keys Clerkdesk's own exports carry. The types only:
//! reading is in `open_sheet` (which picks `read_xlsx` or `read_csv`), so the imports run
//! one way — readers → these types, never back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::cells::Cell;

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
    /// The text encoding it was read in, in words (CSV only).
    pub encoding: Option<String>,
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
