//! Memory during and after a 2,000-row bulk run in the window: the app connected to a
//! simulator (in this process) whose key allows 100,000 calls a minute, so the run is
//! not waiting on the rate limit; a sheet of 2,000 projects × one changed field, checked
//! and run with submit. Memory (USS, PSS of the app and its WebKit processes) is read when
//! idle after connecting, every second during the run (its peak), and 10 s after it ended.

use std::time::{Duration, Instant};

use clerkdesk_e2e::AppWindow;
use powerclerk_sim::{Knobs, SimOptions, Simulator};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

use crate::connect::connect;
use crate::memory::{kib, memory};

const ROWS: u32 = 2000;
const RATE: u32 = 100_000;

/// (USS, PSS) in MiB of the app and its WebKit processes, and the app process's own USS.
fn mem(app: &AppWindow) -> (f64, f64, f64) {
    let pid = app.pid().expect("the app runs");
    let (_, _, pss, uss) = memory(pid);
    (
        uss,
        pss,
        kib(pid, "smaps_rollup", "Private_") as f64 / 1024.0,
    )
}

/// Runs the benchmark and prints its figures.
pub async fn run() {
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            max_calls: RATE,
            ..Knobs::default()
        },
        bulk_projects: ROWS,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let home = tempfile::tempdir().unwrap();
    let app = AppWindow::start_program(clerkdesk_e2e::app_binary(), &[], home, &[]).await;
    connect(&app, &sim, RATE).await;
    let work = app.home.path().join("Documents");
    std::fs::create_dir_all(&work).unwrap();
    let sheet = work.join("bench.csv");
    let body = (1..=ROWS).fold(
        String::from("Project Number,HCA results,HCA engineer\n"),
        |s, n| format!("{s}BULK-{n:05},Pass,Engineer {n}\n"),
    );
    std::fs::write(&sheet, body).unwrap();

    // The benchmark's sleeps: idle and "after" memory mean memory once nothing happens.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let idle = mem(&app);

    app.button("Bulk update").await.click().await.unwrap();
    app.wait_for_text("or drop an .xlsx or .csv file").await;
    SelectElement::new(&app.labelled("Form").await)
        .await
        .unwrap()
        .select_by_exact_text("Technical Review")
        .await
        .unwrap();
    let target = app.driver.find(By::Id("bulk-step-sheet")).await.unwrap();
    app.drag_file_onto(&sheet, &target).await;
    app.wait_for_text("bench.csv").await;
    app.labelled("Submit each form after saving")
        .await
        .click()
        .await
        .unwrap();
    app.button("Check the sheet").await.click().await.unwrap();
    let mut peak = idle;
    let t0 = Instant::now();
    // Sampled every second until the check has answered, then through the run.
    let done = format!("Done: {ROWS} submitted.");
    let checked = format!("{ROWS} will change");
    let mut phase = 0;
    loop {
        let m = mem(&app);
        peak = (peak.0.max(m.0), peak.1.max(m.1), peak.2.max(m.2));
        let shown = app
            .driver
            .find(By::Id("main"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap_or_default();
        if phase == 0 && shown.contains(&checked) {
            app.driver
                .find(By::Id("bulk-run"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            app.answer_question(true).await;
            phase = 1;
        } else if phase == 1 && shown.contains(&done) {
            break;
        }
        assert!(t0.elapsed() < Duration::from_secs(1800), "the run ended");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let took = t0.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(10)).await;
    let after = mem(&app);
    println!(
        "bulk run of {ROWS} rows in the window (check + run with submit, {took:.0} s): idle USS {:.0} MiB, PSS {:.0} MiB; peak during USS {:.0} MiB ({:.2}×), PSS {:.0} MiB ({:.2}×); 10 s after USS {:.0} MiB ({:.2}×), PSS {:.0} MiB ({:.2}×) (goal ≤ 1.3× idle); the app process alone: idle {:.0} MiB, peak {:.0} MiB, after {:.0} MiB",
        idle.0,
        idle.1,
        peak.0,
        peak.0 / idle.0,
        peak.1,
        peak.1 / idle.1,
        after.0,
        after.0 / idle.0,
        after.1,
        after.1 / idle.1,
        idle.2,
        peak.2,
        after.2,
    );
    app.quit().await;
}
