//! Shared by the hostile-sheet tests: what a sheet must give, and sheets written on the fly.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clerkdesk_core::bulk::{read_sheet, validate, Plan, RowKind};
use clerkdesk_core::workflow::Desk;
use clerkdesk_core::Session;
use rust_xlsxwriter::Workbook;

pub const FORM: &str = "TECHNICAL_REVIEW";

/// What a sheet must give.
pub enum Expect {
    /// A sheet-level error containing this text.
    Refused(&'static str),
    /// A problem on this row containing this text (and nothing sent for the row).
    RowProblem(u32, &'static str),
    /// No problem; the row's first change has this value.
    Fine(&'static str),
    /// No rows.
    Nothing,
}

pub async fn check(session: &Session, path: &Path, submit: bool, expect: Expect) -> Option<Plan> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let desk = Desk::new(session);
    let result = match read_sheet(path, None) {
        Ok(sheet) => validate(&desk, &sheet, FORM, submit, &HashMap::new(), &|_, _| {}).await,
        Err(e) => Err(e),
    };
    match (expect, result) {
        (Expect::Refused(text), Err(e)) => {
            let m = e.to_string();
            assert!(m.contains(text), "{name}: {m}");
            assert!(!m.contains('{') && !m.contains("panicked"), "{name}: {m}");
            None
        }
        (Expect::RowProblem(line, text), Ok(plan)) => {
            let row = plan
                .rows
                .iter()
                .find(|r| r.line == line)
                .unwrap_or_else(|| panic!("{name}: no row {line}: {plan:?}"));
            assert_eq!(row.kind(), RowKind::Problem, "{name}: {row:?}");
            assert_eq!(
                row.calls(),
                0,
                "{name}: nothing is sent for a row with a problem"
            );
            let all = row.problems.join(" | ");
            assert!(all.contains(text), "{name}: {all}");
            assert!(
                all.starts_with(&format!("row {line}")),
                "{name} names the row: {all}"
            );
            Some(plan)
        }
        (Expect::Fine(value), Ok(plan)) => {
            let row = &plan.rows[0];
            assert!(row.problems.is_empty(), "{name}: {:?}", row.problems);
            assert_eq!(row.changes[0].after.text(), value, "{name}");
            Some(plan)
        }
        (Expect::Nothing, Ok(plan)) => {
            assert!(plan.rows.is_empty(), "{name}");
            Some(plan)
        }
        (_, Err(e)) => panic!("{name}: refused: {e}"),
        (_, Ok(plan)) => panic!("{name}: accepted: {:?}", plan.rows),
    }
}

pub fn csv(dir: &Path, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

pub fn xlsx(dir: &Path, name: &str, build: impl FnOnce(&mut Workbook)) -> PathBuf {
    let p = dir.join(name);
    let mut wb = Workbook::new();
    build(&mut wb);
    wb.save(&p).unwrap();
    p
}

/// The demo connection and a folder holding a PDF and an .exe beside the sheets, and a
/// second folder outside it with a PDF of its own.
pub async fn fixture() -> (Session, tempfile::TempDir, tempfile::TempDir) {
    let session = Session::open_demo().await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("sld.pdf"), b"%PDF-1.4 tiny").unwrap();
    std::fs::write(tmp.path().join("notes.exe"), b"MZ").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.pdf"), b"%PDF").unwrap();
    (session, tmp, outside)
}
