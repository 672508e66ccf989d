//! Hostile sheets: each gets a plain message naming the row and column (or, for a problem
//! of the whole sheet, what to change), never a panic; rows with problems are marked so
//! that a run sends nothing for them. Validated against the demo simulator.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clerkdesk_core::bulk::{read_sheet, validate, Plan, RowKind};
use clerkdesk_core::workflow::Desk;
use clerkdesk_core::Session;
use rust_xlsxwriter::{Format, Formula, Workbook};

const FORM: &str = "TECHNICAL_REVIEW";

/// What a sheet must give.
enum Expect {
    /// A sheet-level error containing this text.
    Refused(&'static str),
    /// A problem on this row containing this text (and nothing sent for the row).
    RowProblem(u32, &'static str),
    /// No problem; the row's first change has this value.
    Fine(&'static str),
    /// No rows.
    Nothing,
}

async fn check(session: &Session, path: &Path, submit: bool, expect: Expect) -> Option<Plan> {
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

fn csv(dir: &Path, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn xlsx(dir: &Path, name: &str, build: impl FnOnce(&mut Workbook)) -> PathBuf {
    let p = dir.join(name);
    let mut wb = Workbook::new();
    build(&mut wb);
    wb.save(&p).unwrap();
    p
}

#[tokio::test]
async fn hostile_sheets_get_plain_messages() {
    let session = Session::open_demo().await.unwrap();
    let s = &session;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("sld.pdf"), b"%PDF-1.4 tiny").unwrap();
    std::fs::write(d.join("notes.exe"), b"MZ").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.pdf"), b"%PDF").unwrap();

    // 1–3: empty things.
    check(
        s,
        &csv(d, "empty.csv", ""),
        false,
        Expect::Refused("is empty"),
    )
    .await;
    check(
        s,
        &xlsx(d, "empty.xlsx", |wb| {
            wb.add_worksheet();
        }),
        false,
        Expect::Refused("is empty"),
    )
    .await;
    check(
        s,
        &csv(d, "header-only.csv", "Project Number,HCA results\n"),
        false,
        Expect::Nothing,
    )
    .await;
    // 4: the same field twice.
    check(
        s,
        &csv(
            d,
            "dup.csv",
            "Project Number,HCA results,HCA results\nINTG-00003,Pass,Fail\n",
        ),
        false,
        Expect::Refused("columns B (HCA results) and C (HCA results) fill the same field"),
    )
    .await;
    // 5–6: a byte-order mark, semicolons.
    check(
        s,
        &csv(
            d,
            "bom.csv",
            "\u{feff}Project Number,HCA results\nINTG-00003,Pass\n",
        ),
        false,
        Expect::Fine("Pass"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "semi.csv",
            "Project Number;Estimated upgrade cost (USD)\nINTG-00003;1200.5\n",
        ),
        false,
        Expect::Fine("1200.5"),
    )
    .await;
    // 7: a quoted newline does not shift the row numbers.
    check(s, &csv(d, "newline.csv", "Project Number,Review notes,HCA results\nINTG-00003,\"line one\nline two\",Pass\nINTG-00004,x,Maybe\n"), false, Expect::RowProblem(3, "column C (HCA results): \"Maybe\" is not one of the choices")).await;
    // 8: a formula error, in xlsx and as CSV text.
    let formula = xlsx(d, "formula.xlsx", |wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Project Number").unwrap();
        ws.write_string(0, 1, "Estimated upgrade cost (USD)")
            .unwrap();
        ws.write_string(1, 0, "INTG-00003").unwrap();
        ws.write_formula(1, 1, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
    });
    check(
        s,
        &formula,
        false,
        Expect::RowProblem(
            2,
            "column B (Estimated upgrade cost (USD)): the cell shows the formula error #DIV/0!",
        ),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "na.csv",
            "Project Number,HCA engineer\nINTG-00003,#N/A\n",
        ),
        false,
        Expect::RowProblem(2, "formula error #N/A"),
    )
    .await;
    // 9–10: serial and text dates.
    check(
        s,
        &csv(
            d,
            "serial.csv",
            "Project Number,Study date\nINTG-00003,46095\n",
        ),
        false,
        Expect::Fine("2026-03-14"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "us.csv",
            "Project Number,Study date\nINTG-00003,3/14/2026\n",
        ),
        false,
        Expect::Fine("2026-03-14"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "eu.csv",
            "Project Number,Study date\nINTG-00003,14/3/2026\n",
        ),
        false,
        Expect::RowProblem(2, "column B (Study date): \"14/3/2026\" is not a date"),
    )
    .await;
    let dates = xlsx(d, "dates.xlsx", |wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Project").unwrap();
        ws.write_string(0, 1, "STUDY_DATE").unwrap();
        ws.write_string(1, 0, "INTG-00003").unwrap();
        let when = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 14).unwrap();
        ws.write_datetime_with_format(1, 1, &when, &Format::new().set_num_format("d mmm yyyy"))
            .unwrap();
    });
    check(s, &dates, false, Expect::Fine("2026-03-14")).await;
    // 11: a 1 MB cell.
    check(
        s,
        &csv(
            d,
            "huge.csv",
            format!(
                "Project Number,Review notes\nINTG-00003,{}\n",
                "x".repeat(1 << 20)
            ),
        ),
        false,
        Expect::RowProblem(2, "a cell can hold at most 32767"),
    )
    .await;
    // 12: not UTF-8 (Latin-1 "é").
    check(
        s,
        &csv(
            d,
            "latin1.csv",
            b"Project Number,Review notes\nINTG-00003,caf\xe9\n".as_slice(),
        ),
        false,
        Expect::Refused("Row 2 of"),
    )
    .await;
    // 13: merged cells.
    let merged = xlsx(d, "merged.xlsx", |wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Project Number").unwrap();
        ws.write_string(0, 1, "HCA results").unwrap();
        ws.write_string(1, 0, "INTG-00003").unwrap();
        ws.write_string(2, 0, "INTG-00004").unwrap();
        ws.merge_range(1, 1, 2, 1, "Pass", &Format::new()).unwrap();
    });
    check(
        s,
        &merged,
        false,
        Expect::RowProblem(3, "cells B2:B3 are merged"),
    )
    .await;
    // 14: a hidden sheet is not the one read.
    let hidden = xlsx(d, "hidden.xlsx", |wb| {
        let v = wb.add_worksheet();
        v.write_string(0, 0, "Project Number").unwrap();
        v.write_string(0, 1, "HCA results").unwrap();
        v.write_string(1, 0, "INTG-00003").unwrap();
        v.write_string(1, 1, "Pass").unwrap();
        let h = wb.add_worksheet();
        h.set_name("Old").unwrap();
        h.write_string(0, 0, "Project Number").unwrap();
        h.write_string(0, 1, "HCA results").unwrap();
        h.write_string(1, 0, "INTG-00003").unwrap();
        h.write_string(1, 1, "Fail").unwrap();
        h.set_hidden(true);
    });
    check(s, &hidden, false, Expect::Fine("Pass")).await;
    // 15–16: file paths that leave the sheet's folder.
    let rel = format!(
        "../{}/secret.pdf",
        outside.path().file_name().unwrap().to_string_lossy()
    );
    check(
        s,
        &csv(
            d,
            "escape.csv",
            format!("Project Number,SINGLE_LINE_DIAGRAM\nINTG-00003,{rel}\n"),
        ),
        false,
        Expect::RowProblem(2, "is not inside the sheet's folder"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "absolute.csv",
            format!(
                "Project Number,SINGLE_LINE_DIAGRAM\nINTG-00003,{}\n",
                outside.path().join("secret.pdf").display()
            ),
        ),
        false,
        Expect::RowProblem(2, "is not inside the sheet's folder"),
    )
    .await;
    // 17: a project listed twice: both rows.
    let twice = csv(
        d,
        "twice.csv",
        "Project Number,HCA results\nINTG-00003,Pass\nINTG-00004,Pass\nintg-00003,Fail\n",
    );
    let plan = check(s, &twice, false, Expect::RowProblem(2, "is also on row 4"))
        .await
        .unwrap();
    assert_eq!(plan.rows[2].kind(), RowKind::Problem);
    assert_eq!(plan.rows[1].kind(), RowKind::Change);
    // 18–19: no project column; a column that matches nothing.
    check(
        s,
        &csv(d, "noproject.csv", "Number,HCA results\nINTG-00003,Pass\n"),
        false,
        Expect::Refused("No column is headed \"Project Number\""),
    )
    .await;
    check(
        s,
        &csv(d, "unknown.csv", "Project Number,Inspector\nINTG-00003,R\n"),
        false,
        Expect::Refused("column B (Inspector) matches no field of the form Technical Review"),
    )
    .await;
    // 20: a project that does not exist.
    check(
        s,
        &csv(
            d,
            "missing.csv",
            "Project Number,HCA results\nINTG-99999,Pass\n",
        ),
        false,
        Expect::RowProblem(2, "project INTG-99999 could not be read"),
    )
    .await;
    // 21–23: a bad number, a choice in the wrong case, a checkbox that is neither.
    check(
        s,
        &csv(
            d,
            "number.csv",
            "Project Number,Estimated upgrade cost (USD)\nINTG-00003,\"1,200\"\n",
        ),
        false,
        Expect::RowProblem(2, "\"1,200\" is not a number"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "case.csv",
            "Project Number,HCA results\nINTG-00003,needs  study\n",
        ),
        false,
        Expect::RowProblem(2, "did you mean \"Needs Study\"?"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "check.csv",
            "Project Number,Upgrades required\nINTG-00003,maybe\n",
        ),
        false,
        Expect::RowProblem(2, "\"maybe\" is not yes or no"),
    )
    .await;
    // 24: #CLEAR on a required field when submitting.
    check(
        s,
        &csv(
            d,
            "clear.csv",
            "Project Number,HCA results,HCA engineer\nINTG-00003,Pass,#CLEAR\n",
        ),
        true,
        Expect::RowProblem(2, "HCA engineer is required to submit"),
    )
    .await;
    // 25: Clerkdesk's own result columns are ignored (an errors file imports as it is).
    check(s, &csv(d, "errors.csv", "Project Number,HCA results,Result,Message,New status,Time\nINTG-00003,Pass,Failed,x,Technical Review,2026-11-28\n"), false, Expect::Fine("Pass")).await;
    // 26: another kind of file under an .xlsx name.
    check(
        s,
        &csv(d, "fake.xlsx", "this is not a workbook"),
        false,
        Expect::Refused("could not be read as an Excel workbook"),
    )
    .await;
    // 27: a row without its project number.
    check(
        s,
        &csv(d, "noproj.csv", "Project Number,HCA results\n,Pass\n"),
        false,
        Expect::RowProblem(2, "column A (Project Number): no project number"),
    )
    .await;
    // 28–29: a file that is not there; a file of a type the attachment refuses.
    check(
        s,
        &csv(
            d,
            "nofile.csv",
            "Project Number,Single line diagram\nINTG-00003,gone.pdf\n",
        ),
        false,
        Expect::RowProblem(2, "there is no file \"gone.pdf\" beside the sheet"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "exe.csv",
            "Project Number,Single line diagram\nINTG-00003,notes.exe\n",
        ),
        false,
        Expect::RowProblem(2, "accepts only .pdf files"),
    )
    .await;
    // 30: values under no header.
    check(
        s,
        &csv(
            d,
            "ragged.csv",
            "Project Number,HCA results\nINTG-00003,Pass,extra\n",
        ),
        false,
        Expect::Refused("column C () has values but no header"),
    )
    .await;
    // 31: several sheets could be meant.
    let several = xlsx(d, "several.xlsx", |wb| {
        for name in ["March", "April"] {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            ws.write_string(0, 0, "Project Number").unwrap();
        }
    });
    check(
        s,
        &several,
        false,
        Expect::Refused("Several sheets have a \"Project Number\" column: March, April"),
    )
    .await;
    // 32: a format Clerkdesk does not read.
    check(
        s,
        &csv(d, "sheet.ods", "x"),
        false,
        Expect::Refused("is not an .xlsx or .csv file"),
    )
    .await;
    // 33: a project "number" that would change the address.
    check(
        s,
        &csv(
            d,
            "slash.csv",
            "Project Number,HCA results\nINTG/../00003,Pass\n",
        ),
        false,
        Expect::RowProblem(2, "could not be read"),
    )
    .await;
    // A good file beside them all: the attachment is taken.
    let good = check(
        s,
        &csv(
            d,
            "good.csv",
            "Project Number,HCA results,Single line diagram\nINTG-00003,Pass,sld.pdf\n",
        ),
        false,
        Expect::Fine("Pass"),
    )
    .await
    .unwrap();
    assert_eq!(good.rows[0].uploads.len(), 1);
}

#[tokio::test]
async fn the_window_opens_the_first_candidate_worksheet_and_offers_the_others() {
    use clerkdesk_core::bulk::screen::BulkDraft;
    let session = Session::open_demo().await.unwrap();
    let desk = Desk::new(&session);
    let tmp = tempfile::tempdir().unwrap();
    let path = xlsx(tmp.path(), "months.xlsx", |wb| {
        for (name, result) in [
            ("Notes", None),
            ("March", Some("Pass")),
            ("April", Some("Fail")),
        ] {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            if let Some(r) = result {
                ws.write_string(0, 0, "Project Number").unwrap();
                ws.write_string(0, 1, "HCA results").unwrap();
                ws.write_string(1, 0, "INTG-00003").unwrap();
                ws.write_string(1, 1, r).unwrap();
            } else {
                ws.write_string(0, 0, "Just notes").unwrap();
            }
        }
    });
    // The CLI must be told which (exit 2); the window opens March and lists all three.
    assert!(read_sheet(&path, None)
        .unwrap_err()
        .to_string()
        .contains("Several sheets"));
    let (_, view) = BulkDraft::open(&desk, &path, None, FORM, &HashMap::new())
        .await
        .unwrap();
    assert_eq!(view.sheet.as_deref(), Some("March"));
    assert_eq!(view.sheets, ["Notes", "March", "April"]);
    let (mut draft, view) = BulkDraft::open(&desk, &path, Some("April"), FORM, &HashMap::new())
        .await
        .unwrap();
    assert_eq!(view.sheet.as_deref(), Some("April"));
    let preview = draft
        .check(&desk, false, &HashMap::new(), &|_, _| {})
        .await
        .unwrap();
    assert_eq!((preview.to_change, preview.problems), (1, 0));
}
