//! The bulk round trip in the real window: the Projects screen filtered to a status →
//! export through the save dialog → the sheet edited as in Excel → dropped on the window →
//! columns → a check naming the one bad cell → run → results → the bad row fixed in the
//! errors file and re-run.

use std::path::Path;

use clerkdesk_core::bulk::cells::Cell;
use clerkdesk_core::bulk::read_sheet;
use clerkdesk_core::bulk::table::{write_table, Table};
use clerkdesk_e2e::{answer_dialog, AppWindow};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

/// Saves a README screenshot when the screenshot script asks for them.
async fn picture(app: &AppWindow, name: &str) {
    if let Ok(d) = std::env::var("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&Path::new(&d).join(name)).await;
    }
}

/// Rewrites a sheet as Excel would after the user typed into it (other sheets and the
/// hidden keys kept); `edit` gets each data row's index and cells.
fn edit_sheet(path: &Path, edit: impl Fn(usize, &mut Vec<Cell>)) {
    let sheet = read_sheet(path, None).unwrap();
    let keys: Vec<Option<String>> = sheet
        .headers
        .iter()
        .map(|h| sheet.keys.get(h).cloned())
        .collect();
    let mut rows: Vec<Vec<Cell>> = sheet.rows.iter().map(|r| r.cells.clone()).collect();
    for (i, r) in rows.iter_mut().enumerate() {
        edit(i, r);
    }
    let name = sheet.sheet_name.clone().unwrap_or_else(|| "Sheet1".into());
    write_table(
        path,
        sheet.format,
        &Table {
            name: &name,
            headers: &sheet.headers,
            keys: &keys,
            rows: &rows,
        },
    )
    .unwrap();
}

fn column(path: &Path, header: &str) -> usize {
    read_sheet(path, None)
        .unwrap()
        .headers
        .iter()
        .position(|h| h == header)
        .unwrap()
}

#[tokio::test]
async fn projects_export_edit_drop_check_run_and_rerun_failed_rows() {
    let app = AppWindow::start(&["--demo"]).await;
    let work = app.home.path().join("Documents");
    std::fs::create_dir_all(&work).unwrap();
    let sheet = work.join("technical review.xlsx");
    app.wait_for_text("Open a project").await;

    // The work queue, filtered to one status; three projects selected with a shift-click.
    app.button("Projects").await.click().await.unwrap();
    app.wait_status("projects in this program").await;
    SelectElement::new(&app.labelled("Status").await)
        .await
        .unwrap()
        .select_by_partial_text("Technical Review (")
        .await
        .unwrap();
    app.wait_for_text("91 shown").await;
    let driver = &app.driver;
    let tick = |n: usize| {
        let css = format!("#projects-rows tr:nth-child({n}) input[type=checkbox]");
        async move { driver.query(By::Css(&css)).first().await.unwrap() }
    };
    tick(1).await.click().await.unwrap();
    app.wait_for_text("91 shown · 1 selected").await;
    let third = tick(3).await;
    app.driver
        .action_chain()
        .key_down(Key::Shift)
        .click_element(&third)
        .key_up(Key::Shift)
        .perform()
        .await
        .unwrap();
    app.wait_for_text("91 shown · 3 selected").await;
    SelectElement::new(&app.labelled("Form").await)
        .await
        .unwrap()
        .select_by_exact_text("Technical Review")
        .await
        .unwrap();
    app.assert_accessible("projects").await;
    picture(&app, "projects.png").await;
    app.labelled("With attachments")
        .await
        .click()
        .await
        .unwrap();
    app.button("Export to Excel…").await.click().await.unwrap();
    answer_dialog("Export to Excel", &sheet).await;
    app.wait_status("Exported 3 projects").await;
    let exported = read_sheet(&sheet, None).unwrap();
    assert_eq!(exported.rows.len(), 3);
    // Each project's diagram beside the workbook, and the workbook pointing at it.
    let sld = column(&sheet, "Single line diagram");
    let rel = exported.rows[0].cells[sld].display();
    assert!(
        rel.starts_with("technical review attachments/INTG-"),
        "{rel}"
    );
    assert!(work.join(&rel).is_file(), "{rel}");

    // In "Excel": results for all three, one of them mistyped.
    let (results, engineer) = (
        column(&sheet, "HCA results"),
        column(&sheet, "HCA engineer"),
    );
    edit_sheet(&sheet, |i, r| {
        r[results] = Cell::Text(["Pass", "Maybe", "Fail"][i].into());
        r[engineer] = Cell::Text(format!("Engineer {i}"));
    });

    // Dropped on the Bulk screen: columns, check, run.
    app.button("Bulk update").await.click().await.unwrap();
    app.wait_for_text("or drop an .xlsx or .csv file").await;
    let target = app.driver.find(By::Id("bulk-step-sheet")).await.unwrap();
    app.drag_file_onto(&sheet, &target).await;
    app.wait_for_text("technical review.xlsx").await;
    app.labelled("Submit each form after saving")
        .await
        .click()
        .await
        .unwrap();
    app.button("Check the sheet").await.click().await.unwrap();
    app.wait_for_text("2 will change · 0 already as the sheet says · 1 with problems")
        .await;
    app.wait_for_text("Row 3, column B (HCA results): \"Maybe\" is not one of the choices")
        .await;
    app.assert_accessible("bulk check").await;
    picture(&app, "bulk-check.png").await;
    app.button("Run on DEMO…").await.click().await.unwrap();
    app.wait_for_text("This will save and submit Technical Review for 2 projects on DEMO")
        .await;
    app.answer_question(true).await;
    app.wait_for_text("Done: 2 submitted, 1 skipped.").await;
    picture(&app, "bulk-done.png").await;
    let results_file = work.join("technical review results.xlsx");
    let errors_file = work.join("technical review errors.xlsx");
    assert!(results_file.exists() && errors_file.exists());

    // The bad cell fixed in the errors file, which runs as it is.
    edit_sheet(&errors_file, |_, r| r[results] = Cell::Text("Pass".into()));
    app.button("Re-run failed rows")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("technical review errors.xlsx").await;
    app.button("Check the sheet").await.click().await.unwrap();
    app.wait_for_text("1 will change · 0 already as the sheet says · 0 with problems")
        .await;
    app.button("Run on DEMO…").await.click().await.unwrap();
    app.answer_question(true).await;
    app.wait_for_text("Done: 1 submitted.").await;
    app.quit().await;
}
