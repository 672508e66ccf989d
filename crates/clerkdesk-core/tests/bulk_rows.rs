//! Hostile sheets, 2: the rows — paths leaving the folder, projects twice or missing,
//! unknown columns, bad numbers, choices and checkboxes, `#CLEAR` on a required field,
//! result columns, fake workbooks, missing files — and the window's worksheet choice.

mod common;

use std::collections::HashMap;

use clerkdesk_core::bulk::{read_sheet, RowKind};
use clerkdesk_core::workflow::Desk;
use clerkdesk_core::Session;
use common::{check, csv, fixture, xlsx, Expect, FORM};

#[tokio::test]
async fn hostile_rows_get_plain_messages() {
    let (session, tmp, outside) = fixture().await;
    let (s, d) = (&session, tmp.path());
    let _ = &outside;

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
        Expect::RowProblem(
            2,
            "row 2: INTG-99999 does not exist in this program (or this key cannot see it)",
        ),
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
        // Sent as one encoded segment, never as a path: PowerClerk knows no such project.
        Expect::RowProblem(2, "INTG/../00003 does not exist in this program"),
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
