//! Reading a .csv file with the `csv` crate: UTF-8 with or without a byte-order mark,
//! comma or semicolon (Excel's choice in many European locales), quoted newlines.

use std::path::Path;

use super::cells::Cell;
use super::sheet::{Sheet, SheetFormat, SheetRow};
use crate::error::{plain_io, CoreError};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a whole CSV file (every cell is text; typing happens per field).
pub fn read(path: &Path) -> Result<Sheet, CoreError> {
    let bytes = std::fs::read(path).map_err(|e| {
        CoreError::Input(format!(
            "Could not read {}: {}.",
            path.display(),
            plain_io(&e)
        ))
    })?;
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let delimiter = sniff_delimiter(body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body);
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        let line = i as u32 + 1;
        let record = record.map_err(|e| {
            CoreError::Input(format!(
                "Row {line} of {} could not be read as CSV ({e}). Check its quotes, or save the sheet from Excel as \"CSV UTF-8\".",
                path.display()
            ))
        })?;
        let mut cells = Vec::with_capacity(record.len());
        for field in record.iter() {
            let text = std::str::from_utf8(field).map_err(|_| {
                CoreError::Input(format!(
                    "Row {line} of {} is not UTF-8 text (it was probably saved as \"CSV\" in a local code page). Save it from Excel as \"CSV UTF-8 (Comma delimited)\".",
                    path.display()
                ))
            })?;
            cells.push(text.to_string());
        }
        if i == 0 {
            headers = cells.into_iter().map(|h| h.trim().to_string()).collect();
        } else if !cells.iter().all(|c| c.trim().is_empty()) {
            rows.push(SheetRow {
                line,
                cells: cells
                    .into_iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(c)
                        }
                    })
                    .collect(),
            });
        }
    }
    Ok(Sheet {
        path: path.to_path_buf(),
        format: SheetFormat::Csv { delimiter },
        sheet_name: None,
        headers,
        header_line: 1,
        first_column: 0,
        rows,
        keys: Default::default(),
        notes: Vec::new(),
    })
}

/// `;` when the header row (outside quotes) has more semicolons than commas, else `,`.
pub fn sniff_delimiter(body: &[u8]) -> u8 {
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for &b in body {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas {
        b';'
    } else {
        b','
    }
}
