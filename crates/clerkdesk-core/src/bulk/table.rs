//! Writing a table of cells as .xlsx (`rust_xlsxwriter`: numbers as numbers, dates as real
//! dates, a hidden sheet with the columns' field keys) or as .csv (UTF-8 with a byte-order
//! mark so that Excel reads it as UTF-8). Written under a temporary name and renamed:
//! a crash never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::cells::Cell;
use super::sheet::{SheetFormat, KEYS_SHEET};
use crate::error::CoreError;

/// A table to write.
pub struct Table<'a> {
    /// The worksheet's name (xlsx).
    pub name: &'a str,
    /// Header texts.
    pub headers: &'a [String],
    /// Each column's field key (written to the hidden keys sheet of an xlsx).
    pub keys: &'a [Option<String>],
    /// Rows of cells.
    pub rows: &'a [Vec<Cell>],
}

/// Writes `table` to `path` in `format`.
pub fn write_table(path: &Path, format: SheetFormat, table: &Table<'_>) -> Result<(), CoreError> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let bytes = match format {
        SheetFormat::Xlsx => xlsx_bytes(table),
        SheetFormat::Csv { delimiter } => csv_bytes(table, delimiter),
    }
    .map_err(|reason| CoreError::Io {
        what: "write".into(),
        path: path.to_path_buf(),
        reason,
    })?;
    let mut tmp = tempfile::NamedTempFile::new_in(folder)
        .map_err(|e| CoreError::io("write into", folder, &e))?;
    tmp.write_all(&bytes)
        .map_err(|e| CoreError::io("write", path, &e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| CoreError::io("write", path, &e))?;
    tmp.persist(path)
        .map_err(|e| CoreError::io("write", path, &e.error))?;
    Ok(())
}

fn xlsx_bytes(t: &Table<'_>) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    {
        let ws = wb.add_worksheet();
        ws.set_name(t.name).map_err(err)?;
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
            ws.set_column_width(c as u16, (h.chars().count().clamp(10, 40)) as f64 + 2.0)
                .map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) | Cell::Error(s) => {
                        ws.write_string(r, c, s).map_err(err)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).map_err(err)?;
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean(r, c, *b).map_err(err)?;
                    }
                    Cell::Date(d) => match ExcelDateTime::from_ymd(
                        d.year() as u16,
                        d.month() as u8,
                        d.day() as u8,
                    ) {
                        Ok(x) => {
                            ws.write_datetime_with_format(r, c, &x, &date)
                                .map_err(err)?;
                        }
                        Err(_) => {
                            ws.write_string(r, c, d.format("%Y-%m-%d").to_string())
                                .map_err(err)?;
                        }
                    },
                }
            }
        }
    }
    if t.keys.iter().any(Option::is_some) {
        let ks = wb.add_worksheet();
        ks.set_name(KEYS_SHEET).map_err(err)?;
        ks.set_hidden(true);
        for (c, (h, k)) in t.headers.iter().zip(t.keys).enumerate() {
            ks.write_string(0, c as u16, h).map_err(err)?;
            if let Some(k) = k {
                ks.write_string(1, c as u16, k).map_err(err)?;
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}

fn csv_bytes(t: &Table<'_>, delimiter: u8) -> Result<Vec<u8>, String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(&mut out);
        w.write_record(t.headers).map_err(|e| e.to_string())?;
        for row in t.rows {
            w.write_record(row.iter().map(Cell::display))
                .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// `folder/stem suffix.ext`, or `… (2)`, `… (3)` when that exists: output never replaces
/// a file (an earlier run's restore file is its only undo).
pub fn free_path(folder: &Path, stem: &str, suffix: &str, ext: &str) -> PathBuf {
    let first = folder.join(format!("{stem} {suffix}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem} {suffix} ({n}).{ext}")))
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// Text from PowerClerk or the network, made safe for a spreadsheet: a leading `=`, `+`,
/// `-`, `@`, tab or carriage return would be run as a formula (OWASP's CSV-injection
/// rule), so it gets an apostrophe.
pub fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
