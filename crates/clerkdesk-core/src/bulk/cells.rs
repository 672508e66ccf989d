//! One cell of a sheet, and what it means for a field of a given type: the exact rules a
//! sheet's cells follow (docs/bulk.md), in one place.

use chrono::{Datelike, NaiveDate};
use powerclerk_api::{FieldDefinition, FieldType};
use serde::{Deserialize, Serialize};

/// The text that clears a field (a blank cell leaves it as it is).
pub const CLEAR: &str = "#CLEAR";

/// Excel's own limit for the text of one cell; longer cells are refused (a 1 MB cell is
/// almost always a paste gone wrong).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Excel's formula errors, as a cell shows them.
pub const EXCEL_ERRORS: [&str; 8] = [
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
];

/// A cell as read from .xlsx or .csv.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (every CSV cell).
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A date (the time of day, if any, is dropped).
    Date(NaiveDate),
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// True when the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person reads it (for messages and for text fields).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as PowerClerk takes it: `12`, `0.5` (no exponent, no trailing zeros).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        if s.contains('e') {
            format!("{n:.10}")
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        } else {
            s
        }
    }
}

/// What a non-blank cell asks for a field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Wanted {
    /// Clear the field.
    Clear,
    /// This single value, in PowerClerk's form.
    Value(String),
    /// These values (multi-choice and repeating fields).
    Values(Vec<String>),
}

/// Why a cell cannot be used, in plain words (the caller adds row and column).
pub type CellProblem = String;

/// What `cell` means for `field`, or why it cannot be used.
pub fn read_cell(cell: &Cell, field: &FieldDefinition) -> Result<Wanted, CellProblem> {
    if let Cell::Error(e) = cell {
        return Err(format!(
            "the cell shows the formula error {e}; correct the formula or type the value"
        ));
    }
    if let Cell::Text(t) = cell {
        // What Excel writes for a formula error when it saves a CSV (or a text cell).
        if EXCEL_ERRORS.contains(&t.trim()) {
            return Err(format!(
                "the cell shows the formula error {}; correct the formula or type the value",
                t.trim()
            ));
        }
        if t.chars().count() > MAX_CELL_CHARS {
            return Err(format!(
                "the cell holds {} characters; a cell can hold at most {MAX_CELL_CHARS}",
                t.chars().count()
            ));
        }
        if t.trim() == CLEAR {
            return Ok(Wanted::Clear);
        }
    }
    let multi = field.repeating || field.r#type == FieldType::MultiChoice;
    if multi {
        let items: Vec<String> = cell
            .display()
            .split(';')
            .map(|s| s.trim().to_string())
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for item in &items {
            out.push(if item.is_empty() && field.repeating {
                String::new()
            } else {
                single(&Cell::Text(item.clone()), field)?
            });
        }
        return Ok(Wanted::Values(out));
    }
    single(cell, field).map(Wanted::Value)
}

fn single(cell: &Cell, field: &FieldDefinition) -> Result<String, CellProblem> {
    match field.r#type {
        FieldType::Number => match cell {
            Cell::Number(n) => Ok(number_text(*n)),
            _ => {
                let t = cell.display();
                let t = t.trim();
                match t.parse::<f64>() {
                    Ok(n) if n.is_finite() && !t.contains(['e', 'E']) => Ok(number_text(n)),
                    _ => Err(format!("\"{}\" is not a number", short(t))),
                }
            }
        },
        FieldType::Date => match cell {
            Cell::Date(d) => Ok(iso(*d)),
            Cell::Number(n) => serial_date(*n)
                .map(iso)
                .ok_or_else(|| format!("{} is not a date", number_text(*n))),
            _ => text_date(cell.display().trim()).map(iso).ok_or_else(|| {
                format!(
                    "\"{}\" is not a date; write it as 2026-03-14 (or 3/14/2026)",
                    short(&cell.display())
                )
            }),
        },
        FieldType::Checkbox => match cell {
            Cell::Bool(b) => Ok(b.to_string()),
            Cell::Number(n) if *n == 1.0 || *n == 0.0 => Ok((*n == 1.0).to_string()),
            _ => match cell.display().trim().to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" | "1" | "x" => Ok("true".into()),
                "no" | "n" | "false" | "0" => Ok("false".into()),
                other => Err(format!("\"{}\" is not yes or no", short(other))),
            },
        },
        FieldType::Choice | FieldType::MultiChoice => {
            let t = cell.display();
            let t = t.trim();
            let choices = field.choices.as_deref().unwrap_or_default();
            if choices.is_empty() || choices.iter().any(|c| c == t) {
                return Ok(t.to_string());
            }
            let loose = |s: &str| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            };
            match choices.iter().find(|c| loose(c) == loose(t)) {
                Some(c) => Err(format!(
                    "\"{}\" is not one of the choices; did you mean \"{c}\"?",
                    short(t)
                )),
                None => Err(format!(
                    "\"{}\" is not one of the choices: {}",
                    short(t),
                    choices.join(", ")
                )),
            }
        }
        FieldType::Text | FieldType::Other => Ok(cell.display()),
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A cell's text shortened for a message.
pub fn short(t: &str) -> String {
    let mut s: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// An Excel serial date (1900 date system; what a date looks like in a CSV saved from a
/// number-formatted column).
pub fn serial_date(n: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    // Excel counts from 1899-12-30 (it thinks 1900 was a leap year).
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n.floor() as u64))
}

/// A date typed as text: ISO `2026-03-14` (a time after it is ignored), US `3/14/2026`,
/// or a serial number.
pub fn text_date(t: &str) -> Option<NaiveDate> {
    let t = t.trim();
    let date_part = t.split(['T', ' ']).next().unwrap_or(t);
    if let Ok(d) = NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(date_part, "%m/%d/%Y") {
        return (d.year() >= 1000).then_some(d);
    }
    t.parse::<f64>()
        .ok()
        .filter(|n| n.fract() == 0.0)
        .and_then(serial_date)
}

/// True when a value PowerClerk holds already equals what the sheet asks (numbers compare
/// as numbers: `12.0` is `12`).
pub fn same_value(field: &FieldDefinition, now: &str, wanted: &str) -> bool {
    if now == wanted {
        return true;
    }
    match field.r#type {
        FieldType::Number => matches!(
            (now.trim().parse::<f64>(), wanted.parse::<f64>()),
            (Ok(a), Ok(b)) if a == b
        ),
        FieldType::Checkbox => now.eq_ignore_ascii_case(wanted),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(t: FieldType) -> FieldDefinition {
        FieldDefinition {
            data_field_id: "F".into(),
            name: "F".into(),
            r#type: t,
            choices: Some(vec!["Pass".into(), "Fail".into(), "Needs Study".into()]),
            ..Default::default()
        }
    }

    #[test]
    fn cells_read_by_type() {
        let num = field(FieldType::Number);
        assert_eq!(
            read_cell(&Cell::Number(12.0), &num),
            Ok(Wanted::Value("12".into()))
        );
        assert_eq!(
            read_cell(&Cell::Text(" 0.5 ".into()), &num),
            Ok(Wanted::Value("0.5".into()))
        );
        assert!(read_cell(&Cell::Text("12 kW".into()), &num).is_err());
        let date = field(FieldType::Date);
        for t in ["2026-03-14", "3/14/2026", "46095"] {
            assert_eq!(
                read_cell(&Cell::Text(t.into()), &date),
                Ok(Wanted::Value("2026-03-14".into())),
                "{t}"
            );
        }
        assert_eq!(
            read_cell(&Cell::Number(46095.0), &date),
            Ok(Wanted::Value("2026-03-14".into()))
        );
        assert!(read_cell(&Cell::Text("14/3/2026".into()), &date).is_err());
        let choice = field(FieldType::Choice);
        let e = read_cell(&Cell::Text("needs  study".into()), &choice).unwrap_err();
        assert!(e.contains("did you mean \"Needs Study\""), "{e}");
        assert_eq!(
            read_cell(&Cell::Text("#CLEAR".into()), &choice),
            Ok(Wanted::Clear)
        );
        let check = field(FieldType::Checkbox);
        assert_eq!(
            read_cell(&Cell::Text("Yes".into()), &check),
            Ok(Wanted::Value("true".into()))
        );
        assert!(read_cell(&Cell::Text("maybe".into()), &check).is_err());
        let multi = field(FieldType::MultiChoice);
        assert_eq!(
            read_cell(&Cell::Text("Pass; Fail".into()), &multi),
            Ok(Wanted::Values(vec!["Pass".into(), "Fail".into()]))
        );
        assert!(read_cell(&Cell::Error("#DIV/0!".into()), &num)
            .unwrap_err()
            .contains("#DIV/0!"));
        let long = Cell::Text("x".repeat(MAX_CELL_CHARS + 1));
        assert!(read_cell(&long, &field(FieldType::Text))
            .unwrap_err()
            .contains("32767"));
    }

    #[test]
    fn numbers_print_as_powerclerk_takes_them() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(-2.5), "-2.5");
        assert!(same_value(&field(FieldType::Number), "12.0", "12"));
    }
}
