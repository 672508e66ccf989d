//! `clerkdesk-app-bench`: the desktop app's figures for docs/benchmarks.md, measured on the real
//! window under Xvfb (run through scripts/app-bench.sh), each beside an empty one-page
//! Tauri 2 window (`tests/empty-window`) started the same way on the same machine:
//! - cold start to an interactive window (Clerkdesk: demo data connected);
//! - idle memory with the WebKit processes: USS (this app's own pages) and PSS;
//! - opening a form of 2,000 fields: building it in the webview and painting it;
//! - memory during and after a 2,000-row bulk run in the window (`--bulk-memory`);
//! - the work queue of a 20,000-project program: painted, filtered, searched, sorted, and
//!   the memory with it on screen (`--queue`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clerkdesk_e2e::{workspace, AppWindow};
use memory::memory;
use thirtyfour::prelude::*;

mod bulk_memory;
mod connect;
mod memory;
mod queue;

pub const RUNS: usize = 5;

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn empty_window() -> PathBuf {
    std::env::var_os("CLERKDESK_EMPTY_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/release/clerkdesk-empty-window"))
}

/// Starts a window, waits for `ready` text, returns the seconds it took; the last run also
/// reads the memory after the start-up work has settled.
async fn start_once(
    binary: PathBuf,
    args: &[&str],
    ready: &str,
    measure_memory: bool,
) -> (f64, Option<(usize, f64, f64, f64)>) {
    let t0 = Instant::now();
    let home = tempfile::tempdir().unwrap();
    let app = AppWindow::start_program(binary, args, home, &[]).await;
    // Polled every 10 ms (the tests' 100 ms would round both apps' times to its steps).
    app.wait_for_text_every(ready, Duration::from_millis(10))
        .await;
    let took = t0.elapsed().as_secs_f64();
    if std::env::var_os("APP_BENCH_PAGE_TIMES").is_some() {
        let t = app
            .driver
            .execute(
                "const n = performance.getEntriesByType('navigation')[0]; return [Math.round(n.responseEnd), Math.round(n.domInteractive), Math.round(n.domContentLoadedEventStart), Math.round(n.domContentLoadedEventEnd), Math.round(performance.now())];",
                Vec::new(),
            )
            .await
            .unwrap();
        eprintln!(
            "page times (ms after navigation: HTML received, DOM interactive, DOMContentLoaded start and end, ready seen): {:?}",
            t.json()
        );
    }
    let mem = if measure_memory {
        // The benchmark's one sleep: idle memory means memory once nothing happens.
        tokio::time::sleep(Duration::from_secs(5)).await;
        app.pid().map(memory)
    } else {
        None
    };
    app.quit().await;
    (took, mem)
}

async fn data_ms(app: &AppWindow, attr: &str) -> f64 {
    for _ in 0..100 {
        let v = app
            .driver
            .find(By::Id("fields"))
            .await
            .unwrap()
            .attr(attr)
            .await
            .unwrap();
        if let Some(ms) = v.and_then(|s| s.parse().ok()) {
            return ms;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the form never reported {attr}");
}

async fn big_form() {
    let home = tempfile::tempdir().unwrap();
    let app =
        AppWindow::start_with(&["--demo"], home, &[("CLERKDESK_DEMO_FORM_FIELDS", "2000")]).await;
    app.wait_focus("Project").await;
    app.press("INTG-00256" + Key::Enter).await;
    // Opening lands on the form the status waits for; measure the big form after that.
    app.wait_status("Technical Review of INTG-00256").await;
    let (mut walls, mut builds, mut paints, mut reads) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t0 = Instant::now();
        app.button("Large Site Survey").await.click().await.unwrap();
        app.wait_status("Large Site Survey of INTG-00256").await;
        walls.push(t0.elapsed().as_secs_f64());
        builds.push(data_ms(&app, "data-render-ms").await);
        paints.push(data_ms(&app, "data-painted-ms").await);
        reads.push(data_ms(&app, "data-read-ms").await);
        app.button("Technical Review").await.click().await.unwrap();
        app.wait_status("Technical Review of INTG-00256").await;
    }
    let fields = app
        .driver
        .find_all(By::Css("#fields .field-row"))
        .await
        .unwrap()
        .len();
    println!(
        "form of 2,000 fields, median of {RUNS} opens: read (3 API calls and the IPC answer) in {:.0} ms, built in {:.0} ms in the webview (goal ≤ 100), on screen {:.0} ms after the click (goal ≤ 300); {:.2} s seen through WebDriver; {fields} rows now (the small form)",
        median(reads),
        median(builds),
        median(paints),
        median(walls),
    );
    app.quit().await;
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--form-only") {
        big_form().await;
        return;
    }
    if std::env::args().any(|a| a == "--bulk-memory") {
        bulk_memory::run().await;
        return;
    }
    if std::env::args().any(|a| a == "--queue") {
        queue::run().await;
        return;
    }
    let app = clerkdesk_e2e::app_binary();
    let empty = empty_window();
    assert!(
        empty.is_file(),
        "build the empty window first: cargo build --release -p clerkdesk-empty-window"
    );
    println!("## desktop app ({}, Xvfb)", app.display());
    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    let (mut our_mem, mut floor_mem) = (None, None);
    // Alternated, so that whatever else the machine does falls on both alike.
    for i in 0..RUNS {
        let last = i == RUNS - 1;
        let (t, m) = start_once(empty.clone(), &[], "Empty window", last).await;
        floor.push(t);
        floor_mem = floor_mem.or(m);
        let (t, m) = start_once(
            app.clone(),
            &["--demo"],
            "Demo data — nothing is sent to PowerClerk",
            last,
        )
        .await;
        ours.push(t);
        our_mem = our_mem.or(m);
    }
    let (a, b) = (median(ours.clone()), median(floor.clone()));
    println!(
        "cold start to an interactive window, median of {RUNS} (through tauri-driver and WebKitWebDriver): Clerkdesk with demo data {a:.2} s, empty Tauri window {b:.2} s — {:.2}× (goal ≤ 1.2×)",
        a / b
    );
    if let (Some(o), Some(f)) = (our_mem, floor_mem) {
        println!(
            "idle memory with the WebKit processes ({} and {} processes): Clerkdesk USS {:.0} MiB, PSS {:.0} MiB, RSS {:.0} MiB; empty window USS {:.0} MiB, PSS {:.0} MiB, RSS {:.0} MiB — USS {:.2}×, PSS {:.2}×",
            o.0, f.0, o.3, o.2, o.1, f.3, f.2, f.1, o.3 / f.3, o.2 / f.2
        );
    }
    big_form().await;
}
