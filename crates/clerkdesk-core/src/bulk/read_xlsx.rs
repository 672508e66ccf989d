//! Reading an .xlsx workbook with `calamine`: which worksheet, its cells typed, merged
//! cells noted, and the hidden keys sheet of Clerkdesk's own exports.

use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Range, Reader, SheetType, SheetVisible, Xlsx};

use super::cells::{text_date, Cell};
use super::mapping::project_column;
use super::sheet::{column_letter, Sheet, SheetFormat, SheetRow, KEYS_SHEET};
use crate::error::CoreError;

type Workbook = Xlsx<BufReader<std::fs::File>>;

/// The workbook's visible worksheets, in order (the keys sheet left out); empty when the
/// file is not a readable workbook.
pub fn visible_sheets(path: &Path) -> Vec<String> {
    let Ok(wb) = calamine::open_workbook::<Workbook, _>(path) else {
        return Vec::new();
    };
    wb.sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .filter(|n| n != KEYS_SHEET)
        .collect()
}

/// Reads the worksheet `wanted`, or the one visible worksheet with a project column.
pub fn read(path: &Path, wanted: Option<&str>) -> Result<Sheet, CoreError> {
    let mut wb: Workbook = calamine::open_workbook(path).map_err(|_| {
        CoreError::Input(format!(
            "{} could not be read as an Excel workbook (it may be damaged, password-protected or another kind of file). Open it in Excel and save it as \"Excel Workbook (.xlsx)\".",
            path.display()
        ))
    })?;
    let sheets = wb.sheets_metadata().to_vec();
    let visible: Vec<String> = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .filter(|n| n != KEYS_SHEET)
        .collect();
    let (name, range) = match wanted {
        Some(w) => {
            let name = sheets
                .iter()
                .map(|s| &s.name)
                .find(|n| n.eq_ignore_ascii_case(w.trim()))
                .cloned()
                .ok_or_else(|| {
                    CoreError::Input(format!(
                        "The workbook has no sheet \"{w}\". Its sheets: {}.",
                        visible.join(", ")
                    ))
                })?;
            let range = range_of(&mut wb, &name)?;
            (name, range)
        }
        None => choose(&mut wb, &visible)?,
    };
    let keys = keys(&mut wb);
    let merged = wb
        .worksheet_merge_cells(&name)
        .and_then(Result::ok)
        .unwrap_or_default();
    let Some((top, left)) = range.start() else {
        return Err(CoreError::Input(format!(
            "The sheet \"{name}\" in {} is empty. Put a header row with a \"Project Number\" column and one row per project.",
            path.display()
        )));
    };
    let mut rows = range.rows();
    let headers: Vec<String> = rows
        .next()
        .map(|r| {
            r.iter()
                .map(|c| cell(c).display().trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    let body: Vec<SheetRow> = rows
        .enumerate()
        .map(|(i, r)| SheetRow {
            line: top + 2 + i as u32,
            cells: r.iter().map(cell).collect(),
        })
        .filter(|r| !r.cells.iter().all(Cell::is_blank))
        .collect();
    let notes = merged
        .iter()
        .flat_map(|d| {
            let what = format!(
                "cells {}{}:{}{} are merged; unmerge them and put the value in each row",
                column_letter(d.start.1),
                d.start.0 + 1,
                column_letter(d.end.1),
                d.end.0 + 1
            );
            (d.start.0..=d.end.0).map(move |r| (r + 1, what.clone()))
        })
        .collect();
    Ok(Sheet {
        path: path.to_path_buf(),
        format: SheetFormat::Xlsx,
        encoding: None,
        sheet_name: Some(name),
        headers,
        header_line: top + 1,
        first_column: left,
        rows: body,
        keys,
        notes,
    })
}

fn range_of(wb: &mut Workbook, name: &str) -> Result<Range<Data>, CoreError> {
    wb.worksheet_range(name).map_err(|e| {
        CoreError::Input(format!(
            "The sheet \"{name}\" could not be read ({e}). Open the workbook in Excel and save it again."
        ))
    })
}

/// With no sheet named: the one visible worksheet whose header row has a project column;
/// the only visible worksheet; else the user must choose.
fn choose(wb: &mut Workbook, visible: &[String]) -> Result<(String, Range<Data>), CoreError> {
    let mut with_project = Vec::new();
    let mut first = None;
    for name in visible {
        let range = range_of(wb, name)?;
        let headers: Vec<String> = range
            .rows()
            .next()
            .map(|r| r.iter().map(|c| cell(c).display()).collect())
            .unwrap_or_default();
        if project_column(&headers).is_some() {
            with_project.push((name.clone(), range));
        } else if first.is_none() {
            first = Some((name.clone(), range));
        }
    }
    match with_project.len() {
        1 => Ok(with_project.pop().expect("one")),
        0 if visible.len() == 1 => Ok(first.expect("one visible sheet")),
        0 => Err(CoreError::Input(format!(
            "No sheet of the workbook has a \"Project Number\" column in its first row (sheets: {}). Add one, or choose the sheet.",
            visible.join(", ")
        ))),
        _ => Err(CoreError::Input(format!(
            "Several sheets have a \"Project Number\" column: {}. Choose one (with the CLI: --sheet NAME).",
            with_project
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Header → key from the hidden keys sheet (row 1 headers, row 2 keys).
fn keys(wb: &mut Workbook) -> HashMap<String, String> {
    let Ok(range) = wb.worksheet_range(KEYS_SHEET) else {
        return HashMap::new();
    };
    let mut rows = range.rows();
    match (rows.next(), rows.next()) {
        (Some(h), Some(k)) => h
            .iter()
            .zip(k)
            .map(|(h, k)| (cell(h).display().trim().to_string(), cell(k).display()))
            .filter(|(h, k)| !h.is_empty() && !k.is_empty())
            .collect(),
        _ => HashMap::new(),
    }
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => dt
            .as_datetime()
            .map(|d| Cell::Date(d.date()))
            .unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => text_date(s).map_or(Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
