//! The watch in the real window: with Technical Review chosen in Settings → Watch, three
//! projects moved into it at PowerClerk (the simulator) are told at the next look — one
//! `changed_since` call — as "3 new in Technical Review", and "Show" opens the queue
//! filtered to that status. (The look every 2 s comes from CLERKDESK_WATCH_SECONDS.)

use clerkdesk_e2e::connect::{fill_connect_form, not_now};
use clerkdesk_e2e::AppWindow;
use powerclerk_sim::demo::status::{APPLICATION_REVIEW, TECHNICAL_REVIEW};
use powerclerk_sim::{SimOptions, Simulator};
use thirtyfour::prelude::*;

#[tokio::test]
async fn three_projects_moved_at_powerclerk_are_told_at_the_next_look() {
    let sim = Simulator::start(SimOptions::default()).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let app = AppWindow::start_with(&[], home, &[("CLERKDESK_WATCH_SECONDS", "2")]).await;
    fill_connect_form(&app, &sim, "Watch test", powerclerk_sim::DEMO_SECRET).await;
    not_now(&app).await;
    app.wait_for_text("Open a project").await;

    app.button("Settings").await.click().await.unwrap();
    app.driver
        .query(thirtyfour::By::Css(
            "#watch-statuses input[data-status='Technical Review']",
        ))
        .first()
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.button("Save watch settings")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("The next look uses these settings").await;
    app.assert_accessible("settings with the watch").await;

    // Wait until a look has read the listing (it is then kept and refreshed by changes).
    let listed = || {
        sim.with_state(|st| {
            st.log
                .iter()
                .filter(|e| e.method == "GET" && e.path.ends_with("/Projects"))
                .count()
        })
    };
    let mut read = false;
    for _ in 0..200 {
        if listed() > 0 {
            read = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(read, "a look read the listing");

    // Three projects move from Application Review into Technical Review at PowerClerk.
    let moved: Vec<String> = sim.with_state(|st| {
        // PowerClerk's times have whole seconds (D14): a change in the second of the last
        // look's request time would not be "after" it; a few seconds ahead it is.
        let now = powerclerk_sim::clock::now() + chrono::Duration::seconds(5);
        st.program
            .projects
            .iter_mut()
            .filter(|p| p.status == APPLICATION_REVIEW && p.number.is_some())
            .take(3)
            .map(|p| {
                p.status = TECHNICAL_REVIEW;
                p.status_since = now;
                p.last_change = now;
                p.number.clone().unwrap()
            })
            .collect()
    });
    assert_eq!(moved.len(), 3);
    let before = sim.with_state(|st| st.log.len());
    let mut told = false;
    for _ in 0..150 {
        let text = app
            .driver
            .find(thirtyfour::By::Id("watch-banner-text"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap_or_default();
        if text.contains("3 new in Technical Review") {
            told = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    if !told {
        let log: Vec<String> = sim.with_state(|st| {
            st.log
                .iter()
                .map(|e| format!("{} {} {} {}", e.time, e.method, e.path, e.status))
                .collect()
        });
        let banner = app.driver.find(By::Id("watch-banner")).await.unwrap();
        let looks = banner.attr("data-looks").await.unwrap();
        let changed = banner.attr("data-changed").await.unwrap();
        panic!("not told; looks {looks:?}, last changed {changed:?}; calls: {log:#?}");
    }
    // The look that told it was one call (the rate limiter's, like every call).
    let calls: Vec<String> = sim.with_state(|st| {
        st.log
            .iter()
            .skip(before)
            .map(|e| format!("{} {}", e.method, e.path))
            .collect()
    });
    assert!(
        calls
            .iter()
            .all(|c| c.starts_with("GET ") && c.ends_with("/Projects")),
        "{calls:?}"
    );
    app.assert_accessible("the watch banner").await;
    app.button("Show Technical Review")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("Technical Review (").await;
    app.wait_for_text(&moved[0]).await;
    app.quit().await;
}
