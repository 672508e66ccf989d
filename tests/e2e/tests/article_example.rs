//! The seed article's example as a program manager does it — open INTG-00256, set the HCA
//! results and the engineer, drop the new single line diagram on its row, submit, download
//! a copy — counted in user actions with the mouse (goal: at most 12), and done again with
//! the keyboard alone.

use clerkdesk_e2e::AppWindow;
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

/// The user actions taken, in order (a click, a typed text, a key, a drag).
#[derive(Default)]
struct Actions(Vec<&'static str>);

impl Actions {
    fn did(&mut self, what: &'static str) {
        self.0.push(what);
    }
}

/// A new single line diagram in the user's Documents, and a Downloads folder named in the
/// XDG user dirs (as xdg-user-dirs sets up every desktop).
fn diagram(app: &AppWindow) -> std::path::PathBuf {
    let home = app.home.path();
    let docs = home.join("Documents");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::create_dir_all(home.join("Downloads")).unwrap();
    std::fs::create_dir_all(home.join(".config")).unwrap();
    std::fs::write(
        home.join(".config/user-dirs.dirs"),
        "XDG_DOWNLOAD_DIR=\"$HOME/Downloads\"\n",
    )
    .unwrap();
    let file = docs.join("sld rev B.pdf");
    std::fs::write(
        &file,
        powerclerk_sim::files::pdf("Single line diagram rev B"),
    )
    .unwrap();
    file
}

/// The end state both ways must reach: submitted, and the diagram saved in Downloads.
async fn assert_done(app: &AppWindow, file: &std::path::Path) {
    app.wait_status("Saved sld rev B.pdf").await;
    app.wait_for_text("INTG-00256 — status: Inspection Pending")
        .await;
    let saved = app.home.path().join("Downloads/sld rev B.pdf");
    assert_eq!(std::fs::read(saved).unwrap(), std::fs::read(file).unwrap());
}

#[tokio::test]
async fn the_article_example_takes_twelve_mouse_actions() {
    let app = AppWindow::start(&[]).await;
    let file = diagram(&app);
    let mut actions = Actions::default();

    app.button("Try with demo data")
        .await
        .click()
        .await
        .unwrap();
    actions.did("click Try with demo data");
    // The project box takes the focus: type the number, press Enter.
    app.wait_focus("Project").await;
    app.press("INTG-00256").await;
    actions.did("type the project number");
    app.press(Key::Enter).await;
    actions.did("press Enter");
    // The project opens on the form its status waits for.
    app.wait_status("Technical Review of INTG-00256").await;

    let results = SelectElement::new(&app.labelled("HCA results").await)
        .await
        .unwrap();
    results.select_by_exact_text("Pass").await.unwrap();
    actions.did("open the HCA results choice");
    actions.did("pick Pass");
    app.labelled("HCA engineer").await.click().await.unwrap();
    actions.did("click HCA engineer");
    app.press("Python powered!").await;
    actions.did("type the engineer");
    app.wait_for_text("2 unsaved changes").await;

    let row = app
        .driver
        .find(By::Css("[data-attachment='SINGLE_LINE_DIAGRAM']"))
        .await
        .unwrap();
    app.drag_file_onto(&file, &row).await;
    actions.did("drop the diagram on its row");
    app.wait_status("Uploaded sld rev B.pdf to Single line diagram")
        .await;
    app.wait_for_text("2 unsaved changes").await;

    app.button("Submit…").await.click().await.unwrap();
    actions.did("click Submit…");
    app.wait_for_text("The project will move to Inspection Pending.")
        .await;
    app.button("Save and submit").await.click().await.unwrap();
    actions.did("click Save and submit");
    app.wait_status("INTG-00256 is now in Inspection Pending")
        .await;

    app.button("Download Single line diagram")
        .await
        .click()
        .await
        .unwrap();
    actions.did("click Download");
    clerkdesk_e2e::accept_dialog("Save attachment").await;
    actions.did("press Enter in the save dialog");
    assert_done(&app, &file).await;

    assert!(
        actions.0.len() <= 12,
        "{} actions: {:?}",
        actions.0.len(),
        actions.0
    );
    app.quit().await;
}

#[tokio::test]
async fn the_article_example_with_the_keyboard_alone() {
    let app = AppWindow::start(&[]).await;
    let file = diagram(&app);

    app.wait_status("Welcome.").await;
    app.wait_focus("Welcome to Clerkdesk").await;
    app.tab_to("Try with demo data", 5).await;
    app.press(Key::Enter).await;
    app.wait_focus("Project").await;
    app.press("INTG-00256" + Key::Enter).await;
    app.wait_status("Technical Review of INTG-00256").await;

    // From the project's heading, forward through the form.
    app.tab_to("HCA results", 40).await;
    // A closed list takes the first letters of a choice.
    app.press("Pass").await;
    app.tab_to("HCA engineer", 5).await;
    app.press("Python powered!").await;
    app.wait_for_text("2 unsaved changes").await;

    app.tab_to("Replace… Single line diagram", 100).await;
    app.press(Key::Enter).await;
    clerkdesk_e2e::answer_dialog("Choose a file to upload", &file).await;
    app.wait_status("Uploaded sld rev B.pdf to Single line diagram")
        .await;

    app.tab_to("Submit…", 20).await;
    app.press(Key::Enter).await;
    app.wait_for_text("HCA results: (empty) → Pass").await;
    // The confirmation's default button is "Save and submit".
    assert_eq!(app.focused_name().await, "Save and submit");
    app.press(Key::Enter).await;
    app.wait_status("INTG-00256 is now in Inspection Pending")
        .await;

    // After the submit the form is shown again with the focus where it was; back to the
    // attachment with Shift+Tab.
    for _ in 0..40 {
        if app.focused_name().await == "Download Single line diagram" {
            break;
        }
        app.shift_tab().await;
    }
    assert_eq!(app.focused_name().await, "Download Single line diagram");
    app.press(Key::Enter).await;
    clerkdesk_e2e::accept_dialog("Save attachment").await;
    assert_done(&app, &file).await;
    app.quit().await;
}
