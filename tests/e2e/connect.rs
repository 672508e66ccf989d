//! Connecting the window to a simulator through "Connect to PowerClerk", as a person would.

use powerclerk_sim::Simulator;
use thirtyfour::prelude::*;

use crate::AppWindow;

/// Types `text` into the input labelled `label`, replacing what it held.
pub async fn fill(app: &AppWindow, label: &str, text: &str) {
    let e = app.labelled(label).await;
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

/// Fills the "Connect to PowerClerk" form for `sim` (custom addresses, demo key and id) and
/// presses "Test and save".
pub async fn fill_connect_form(app: &AppWindow, sim: &Simulator, name: &str, secret: &str) {
    app.button("Connect to PowerClerk")
        .await
        .click()
        .await
        .unwrap();
    app.driver
        .find(By::Css("input[name='environment'][value='custom']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(app, "Name of this connection", name).await;
    fill(app, "API address", &sim.api_url()).await;
    fill(app, "Sign-in (token) address", &sim.token_url()).await;
    fill(app, "API key", powerclerk_sim::DEMO_API_KEY).await;
    fill(app, "Client id", powerclerk_sim::DEMO_CLIENT_ID).await;
    fill(app, "Client secret", secret).await;
    app.button("Test and save").await.click().await.unwrap();
}

/// Answers "Not now" to the compatibility check offered after a first connection.
pub async fn not_now(app: &AppWindow) {
    app.wait_for_text("Check this PowerClerk?").await;
    app.answer_question(false).await;
}
