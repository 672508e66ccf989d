//! `clerkdesk-app-bench`: the desktop app's figures for the README, measured on the real
//! window under Xvfb (run through scripts/app-bench.sh):
//! - cold start to an interactive window (demo data connected);
//! - idle memory of the app with its WebKit processes (RSS and PSS);
//! - time to open and render a form of 2,000 fields.

use std::time::{Duration, Instant};

use clerkdesk_e2e::AppWindow;
use thirtyfour::prelude::*;

fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(p) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
        // The parent pid is the 4th field, after the ")" closing the command name.
        let ppid = stat
            .rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().nth(1))
            .and_then(|s| s.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(p);
            out.extend(children(p));
        }
    }
    out
}

fn kib(pid: u32, file: &str, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let runs = 5;
    let mut starts = Vec::new();
    let mut memory = None;
    for i in 0..runs {
        let t0 = Instant::now();
        let app = AppWindow::start(&["--demo"]).await;
        app.wait_for_text("Demo data — nothing is sent to PowerClerk")
            .await;
        starts.push(t0.elapsed().as_secs_f64());
        if i == runs - 1 {
            // Let start-up work settle, then read the process tree's memory.
            tokio::time::sleep(Duration::from_secs(5)).await;
            let pid = app.pid().expect("app pid");
            let mut tree = vec![pid];
            tree.extend(children(pid));
            let rss: u64 = tree.iter().map(|p| kib(*p, "status", "VmRSS:")).sum();
            let pss: u64 = tree.iter().map(|p| kib(*p, "smaps_rollup", "Pss:")).sum();
            memory = Some((tree.len(), rss, pss));
        }
        app.quit().await;
    }
    println!(
        "## desktop app ({}, Xvfb)",
        clerkdesk_e2e::app_binary().display()
    );
    println!(
        "cold start to an interactive window (demo connected), median of {runs}: {:.2} s (min {:.2} s; includes tauri-driver and WebKitWebDriver starting the app)",
        median(starts.clone()),
        starts.iter().cloned().fold(f64::MAX, f64::min)
    );
    if let Some((n, rss, pss)) = memory {
        println!(
            "idle memory of the app and its {} WebKit processes: RSS {:.0} MiB, PSS {:.0} MiB",
            n - 1,
            rss as f64 / 1024.0,
            pss as f64 / 1024.0
        );
    }

    let home = tempfile::tempdir().unwrap();
    let app =
        AppWindow::start_with(&["--demo"], home, &[("CLERKDESK_DEMO_FORM_FIELDS", "2000")]).await;
    app.wait_for_text("Open a project").await;
    app.labelled("Project")
        .await
        .send_keys("INTG-00256" + Key::Enter)
        .await
        .unwrap();
    // Opening lands on the form the status waits for; measure the big form after that.
    app.wait_status("Technical Review of INTG-00256").await;
    let tab = app.button("Large Site Survey").await;
    let t0 = Instant::now();
    tab.click().await.unwrap();
    app.wait_status("Large Site Survey of INTG-00256").await;
    let total = t0.elapsed().as_secs_f64();
    let fields = app
        .driver
        .find_all(By::Css("#fields .field-row"))
        .await
        .unwrap()
        .len();
    let render_ms = app
        .driver
        .find(By::Id("fields"))
        .await
        .unwrap()
        .attr("data-render-ms")
        .await
        .unwrap()
        .unwrap_or_default();
    println!("form of {fields} fields: opened and rendered in {total:.2} s (of which building the form in the webview: {render_ms} ms)");
    app.quit().await;
}
