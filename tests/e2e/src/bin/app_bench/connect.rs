//! Connecting the benchmarked window to a simulator in this process, with the key's rate
//! raised so that the API is not what is measured.

use clerkdesk_e2e::connect::{fill, not_now};
use clerkdesk_e2e::AppWindow;
use powerclerk_sim::Simulator;
use thirtyfour::prelude::*;

/// Connects the window to `sim` with a raised calls-per-minute setting.
pub async fn connect(app: &AppWindow, sim: &Simulator, rate: u32) {
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
    fill(app, "Name of this connection", "Bench").await;
    fill(app, "API address", &sim.api_url()).await;
    fill(app, "Sign-in (token) address", &sim.token_url()).await;
    fill(app, "API key", powerclerk_sim::DEMO_API_KEY).await;
    fill(app, "Client id", powerclerk_sim::DEMO_CLIENT_ID).await;
    fill(app, "Client secret", powerclerk_sim::DEMO_SECRET).await;
    app.driver
        .find(By::Css("details.advanced summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(app, "Calls per minute allowed", &rate.to_string()).await;
    app.button("Test and save").await.click().await.unwrap();
    not_now(app).await;
    app.wait_for_text("Open a project").await;
}
