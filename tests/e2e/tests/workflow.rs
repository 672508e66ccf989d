//! The daily loop in the real window, against the embedded demo simulator: open a project,
//! edit a form, see what will change, save the draft, submit, see the new status; submit
//! with unsaved edits in one confirmation; a validation error next to its field; unsaved
//! edits restored after a crash.

use std::time::Duration;

use clerkdesk_e2e::AppWindow;
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

fn shot(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("CLERKDESK_SCREENSHOTS").map(|d| std::path::Path::new(&d).join(name))
}

#[tokio::test]
async fn edit_save_draft_see_the_changes_and_submit() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    app.wait_for_text("Not complete — missing: HCA results, HCA engineer")
        .await;

    let results = app.labelled("HCA results").await;
    SelectElement::new(&results)
        .await
        .unwrap()
        .select_by_exact_text("Pass")
        .await
        .unwrap();
    app.labelled("HCA engineer")
        .await
        .send_keys("Python powered!")
        .await
        .unwrap();
    app.wait_for_text("2 unsaved changes").await;
    if let Some(p) = shot("form-edited.png") {
        app.screenshot(&p).await;
    }

    app.button("Save draft").await.click().await.unwrap();
    // The dialog lists what will change, old → new.
    app.wait_for_text("HCA results: (empty) → Pass").await;
    app.wait_for_text("HCA engineer: (empty) → Python powered!")
        .await;
    if let Some(p) = shot("save-draft-dialog.png") {
        app.screenshot(&p).await;
    }
    app.answer_question(true).await;
    app.wait_status("Saved draft of Technical Review").await;
    app.wait_for_text("Complete ✓ — can be submitted").await;
    app.wait_for_text("No unsaved changes").await;

    app.button("Submit…").await.click().await.unwrap();
    app.wait_for_text("The project will move to Inspection Pending.")
        .await;
    app.answer_question(true).await;
    app.wait_status("INTG-00256 is now in Inspection Pending")
        .await;
    app.wait_for_text("INTG-00256 — status: Inspection Pending")
        .await;
    // Not again: the form cannot be submitted in the new status.
    app.wait_for_text("can be submitted only in Application Review or Technical Review")
        .await;
    assert!(!app.button("Submit…").await.is_enabled().await.unwrap());

    // Every write is in the activity panel.
    app.button("Activity").await.click().await.unwrap();
    app.wait_for_text("Saved 2 fields as a draft").await;
    app.wait_for_text("Submitted; the project is now in Inspection Pending")
        .await;
    app.quit().await;
}

#[tokio::test]
async fn a_validation_error_is_shown_next_to_its_field() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    // A number with 400 digits has the right shape, so the window lets it through, but it
    // is beyond any real number: only PowerClerk can refuse it.
    let cost = app.labelled("Estimated upgrade cost").await;
    cost.send_keys("9".repeat(400)).await.unwrap();
    app.labelled("Review notes")
        .await
        .send_keys("Checked")
        .await
        .unwrap();
    app.button("Save draft").await.click().await.unwrap();
    app.answer_question(true).await;
    app.wait_status("The draft was not saved. Your changes are kept.")
        .await;
    let err = app.driver.find(By::Id("err-UPGRADE_COST")).await.unwrap();
    assert!(err.is_displayed().await.unwrap());
    assert!(
        err.text().await.unwrap().contains("is not a number"),
        "{}",
        err.text().await.unwrap()
    );
    let input = app.labelled("Estimated upgrade cost").await;
    assert_eq!(
        input.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    // The edits are still there.
    app.wait_for_text("2 unsaved changes").await;
    // A long server message wraps instead of widening the page.
    let overflow = app
        .driver
        .execute(
            "const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        overflow.json().as_i64(),
        Some(0),
        "the page scrolls sideways"
    );
    let cost = app.labelled("Estimated upgrade cost").await;
    cost.scroll_into_view().await.unwrap();
    if let Some(p) = shot("validation-error.png") {
        app.screenshot(&p).await;
    }
    app.quit().await;
}

#[tokio::test]
async fn unsaved_edits_survive_a_crash_and_are_offered_back() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    app.labelled("HCA engineer")
        .await
        .send_keys("Not lost")
        .await
        .unwrap();
    app.wait_for_text("1 unsaved change").await;
    // Wait (bounded) until the edit is on disk.
    let edits = app.data_dir().join("unsaved-edits");
    let mut kept = false;
    for _ in 0..100 {
        if std::fs::read_dir(&edits)
            .map(|d| d.count() > 0)
            .unwrap_or(false)
        {
            kept = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(kept, "the edit was written to {}", edits.display());
    // Leaving the form asks first; staying keeps everything.
    app.button("Activity").await.click().await.unwrap();
    app.wait_for_text("Leave without saving?").await;
    app.answer_question(false).await;
    assert!(app
        .labelled("HCA engineer")
        .await
        .is_displayed()
        .await
        .unwrap());
    let home = app.kill().await;

    let app = AppWindow::start_in(&["--demo"], home).await;
    app.wait_for_text("Open a project").await;
    app.labelled("Project")
        .await
        .send_keys("INTG-00256" + Key::Enter)
        .await
        .unwrap();
    // The project opens on the form its status waits for, which offers the edits back.
    app.wait_for_text("Restore unsaved changes?").await;
    app.wait_for_text("HCA engineer: (empty) → Not lost").await;
    app.answer_question(true).await;
    let engineer = app.labelled("HCA engineer").await;
    assert_eq!(
        engineer.prop("value").await.unwrap().as_deref(),
        Some("Not lost")
    );
    app.wait_for_text("1 unsaved change").await;
    app.quit().await;
}

#[tokio::test]
async fn submit_with_unsaved_edits_saves_and_submits_after_one_confirmation() {
    let app = AppWindow::start(&["--demo"]).await;
    app.open_form("INTG-00256", "Technical Review").await;
    let results = app.labelled("HCA results").await;
    SelectElement::new(&results)
        .await
        .unwrap()
        .select_by_exact_text("Pass")
        .await
        .unwrap();
    app.labelled("HCA engineer")
        .await
        .send_keys("One step")
        .await
        .unwrap();
    app.wait_for_text("2 unsaved changes").await;
    // Submit… with unsaved edits: one confirmation lists them and the status to come.
    app.button("Submit…").await.click().await.unwrap();
    app.wait_for_text("These changes will be saved, then the form submitted:")
        .await;
    app.wait_for_text("HCA engineer: (empty) → One step").await;
    app.wait_for_text("The project will move to Inspection Pending.")
        .await;
    app.button("Save and submit").await.click().await.unwrap();
    app.wait_status("INTG-00256 is now in Inspection Pending")
        .await;
    app.wait_for_text("No unsaved changes").await;
    app.quit().await;
}
