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

/// Key actions, counted as the mouse test counts its actions: each key press (a chord
/// such as Ctrl+Shift+A is one), each text typed in one go, each answer in a native dialog.
#[derive(Default)]
struct KeyActions(Vec<String>);

impl KeyActions {
    async fn tab_to(&mut self, app: &AppWindow, name: &str, max: usize) {
        let n = app.tab_to(name, max).await;
        self.0.extend((0..n).map(|_| format!("Tab (to {name})")));
    }
    async fn key(&mut self, app: &AppWindow, what: &str, keys: impl Into<thirtyfour::TypingData>) {
        app.press(keys).await;
        self.0.push(what.to_string());
    }
    async fn chord(
        &mut self,
        app: &AppWindow,
        what: &str,
        modifiers: &[Key],
        key: impl Into<thirtyfour::TypingData>,
    ) {
        let mut chain = app.driver.action_chain();
        for m in modifiers {
            chain = chain.key_down(m.clone());
        }
        chain = chain.send_keys(key);
        for m in modifiers.iter().rev() {
            chain = chain.key_up(m.clone());
        }
        chain.perform().await.expect("keys reach the window");
        self.0.push(what.to_string());
    }
    fn did(&mut self, what: &str) {
        self.0.push(what.to_string());
    }
}

#[tokio::test]
async fn the_article_example_with_the_keyboard_alone() {
    let app = AppWindow::start(&[]).await;
    let file = diagram(&app);
    let mut keys = KeyActions::default();

    app.wait_status("Welcome.").await;
    app.wait_focus("Welcome to Clerkdesk").await;
    keys.tab_to(&app, "Try with demo data", 5).await;
    keys.key(&app, "Enter", Key::Enter).await;
    app.wait_focus("Project").await;
    keys.key(&app, "type INTG-00256", "INTG-00256").await;
    keys.key(&app, "Enter", Key::Enter).await;
    app.wait_status("Technical Review of INTG-00256").await;

    // From the project's heading, forward through the form.
    keys.tab_to(&app, "HCA results", 40).await;
    // A closed list takes the first letters of a choice.
    keys.key(&app, "type Pass", "Pass").await;
    keys.tab_to(&app, "HCA engineer", 5).await;
    keys.key(&app, "type the engineer", "Python powered!").await;
    app.wait_for_text("2 unsaved changes").await;

    // Past the remaining fields to the attachments in one chord.
    keys.chord(&app, "Ctrl+Shift+A", &[Key::Control, Key::Shift], "a")
        .await;
    keys.tab_to(&app, "Replace… Single line diagram", 5).await;
    keys.key(&app, "Enter", Key::Enter).await;
    clerkdesk_e2e::answer_dialog("Choose a file to upload", &file).await;
    keys.did("type the file's path in the dialog");
    keys.did("Enter in the dialog");
    app.wait_status("Uploaded sld rev B.pdf to Single line diagram")
        .await;

    keys.chord(&app, "Ctrl+Enter", &[Key::Control], Key::Enter)
        .await;
    app.wait_for_text("HCA results: (empty) → Pass").await;
    // The confirmation's default button is "Save and submit".
    assert_eq!(app.focused_name().await, "Save and submit");
    keys.key(&app, "Enter", Key::Enter).await;
    app.wait_status("INTG-00256 is now in Inspection Pending")
        .await;

    // The submitted diagram: back to the attachments, download it.
    keys.chord(&app, "Ctrl+Shift+A", &[Key::Control, Key::Shift], "a")
        .await;
    keys.tab_to(&app, "Download Single line diagram", 5).await;
    keys.key(&app, "Enter", Key::Enter).await;
    clerkdesk_e2e::accept_dialog("Save attachment").await;
    keys.did("Enter in the save dialog");
    assert_done(&app, &file).await;
    println!("{} key actions: {:?}", keys.0.len(), keys.0);
    assert!(
        keys.0.len() <= 25,
        "{} key actions: {:?}",
        keys.0.len(),
        keys.0
    );
    app.quit().await;
}
