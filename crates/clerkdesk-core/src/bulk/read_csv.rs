//! Reading a .csv (or Excel's tab-separated "Unicode Text" .txt) with the `csv` crate: in
//! any of Excel's encodings (`csv_text`), comma, semicolon (Excel's choice in many European
//! locales) or tab, quoted newlines.

use std::path::Path;

use super::cells::Cell;
use super::csv_text;
use super::sheet::{Sheet, SheetFormat, SheetRow};
use crate::error::{plain_io, CoreError};

/// Reads a whole CSV file (every cell is text; typing happens per field).
pub fn read(path: &Path) -> Result<Sheet, CoreError> {
    let bytes = std::fs::read(path).map_err(|e| {
        CoreError::Input(format!(
            "Could not read {}: {}.",
            path.display(),
            plain_io(&e)
        ))
    })?;
    let (text, encoding) = csv_text::decode(&bytes).ok_or_else(|| {
        CoreError::Input(format!(
            "{} is not text Clerkdesk can read (not UTF-8, Windows-1252 or UTF-16). Save it from Excel as \"CSV UTF-8 (Comma delimited)\".",
            path.display()
        ))
    })?;
    let body = text.as_bytes();
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
        // Decoded above: every field is UTF-8.
        let cells: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
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
        // Results, errors and restore files are written as comma- or semicolon-separated
        // UTF-8 with a byte-order mark, which Excel opens as it is (a tab-separated source
        // gets commas).
        format: SheetFormat::Csv {
            delimiter: if delimiter == b'\t' { b',' } else { delimiter },
        },
        encoding: Some(encoding.describe().to_string()),
        sheet_name: None,
        headers,
        header_line: 1,
        first_column: 0,
        rows,
        keys: Default::default(),
        notes: Vec::new(),
    })
}

/// The separator the header row (outside quotes) has most of: tab, `;` or `,` (a tie goes
/// to `,`).
pub fn sniff_delimiter(body: &[u8]) -> u8 {
    let (mut commas, mut semis, mut tabs, mut quoted) = (0, 0, 0, false);
    for &b in body {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            b'\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if tabs > commas && tabs > semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}
