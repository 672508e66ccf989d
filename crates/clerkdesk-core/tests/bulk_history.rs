//! A bulk job after the fact: stopped part-way it is the connection's unfinished job (the
//! banner), its results so far can be written and opened, its rows listed, Activity shows
//! it as one entry (and the export lists its rows), and discarding it writes its results
//! first and stops offering it — against the simulator.

mod common;

use std::sync::Arc;

use clerkdesk_core::activity::{merged, ActivityEntry};
use clerkdesk_core::bulk::history::{self, activity_csv, activity_entries};
use clerkdesk_core::bulk::{job, Journal, RunControl, RunProgress};
use clerkdesk_core::workflow::Desk;
use common::{check, csv, fixture, Expect};

#[tokio::test]
async fn a_stopped_job_is_offered_shown_written_and_discarded() {
    let (session, tmp, _outside) = fixture().await;
    let sheet = csv(
        tmp.path(),
        "review.csv",
        (10..22).fold("Project Number,HCA results\n".to_string(), |s, n| {
            s + &format!("INTG-{n:05},Pass\n")
        }),
    );
    let plan = check(&session, &sheet, false, Expect::Fine("Pass"))
        .await
        .unwrap();
    let journal = Journal::open(&tmp.path().join("data")).unwrap();
    let id = job::start(&session, &journal, &plan).await.unwrap();
    let owner = job::owner(&session).await.unwrap();

    // Stopped after the first row, as a kill or Stop leaves it (the rows already in flight
    // finish).
    let control = Arc::new(RunControl::default());
    let stop = control.clone();
    let on_progress = Arc::new(move |p: &RunProgress| {
        if p.rows_done >= 1 {
            stop.cancel();
        }
    });
    let end = job::run(&Desk::new(&session), &journal, &id, &control, on_progress)
        .await
        .unwrap();
    assert!(!end.run.finished, "{:?}", end.run);

    let banner = history::unfinished(&journal, &owner)
        .unwrap()
        .expect("offered");
    assert_eq!(banner.id, id);
    let done = banner.done;
    assert!(banner.rows == 12 && (1..12).contains(&done), "{banner:?}");
    assert_eq!(banner.form_name, "Technical Review");
    assert_eq!(banner.sheet_name, "review.csv");
    assert!(
        banner
            .counts_words
            .ends_with(&format!("{} not finished", 12 - done)),
        "{}",
        banner.counts_words
    );
    assert!(banner.last_step >= banner.started, "{banner:?}");
    // The run's own end wrote its results file; the journal knows it.
    let results = banner.results.clone().expect("results recorded");
    assert!(history::is_results_file(&journal, results.as_ref()));
    assert!(!history::is_results_file(
        &journal,
        tmp.path().join("other.csv").as_ref()
    ));

    let rows = history::rows(&journal, &id).unwrap();
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[0].project, "INTG-00010");
    assert_eq!(
        rows.iter().filter(|r| r.result != "Not finished").count(),
        done
    );
    let left = rows.iter().find(|r| r.result == "Not finished").unwrap();
    assert!(left.message.contains("resume"), "{}", left.message);

    // Activity: one entry for the job among single writes, newest first; the export lists
    // its rows after it.
    let runs = activity_entries("DEMO", &history::jobs(&journal, &owner).unwrap());
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].project, "12 projects");
    assert!(
        runs[0]
            .result
            .contains(&format!("stopped after {done} of 12 rows")),
        "{}",
        runs[0].result
    );
    let old = ActivityEntry {
        time: "2000-01-01 00:00:00".into(),
        ..ActivityEntry::now("DEMO", "INTG-00009", "Technical Review", "Submit", "Done")
    };
    let all = merged(vec![old], runs);
    assert_eq!(all[0].job.as_deref(), Some(id.as_str()));
    let csv_text = activity_csv(&journal, &all);
    let lines: Vec<&str> = csv_text.lines().collect();
    assert_eq!(lines.len(), 1 + 1 + 12 + 1, "{csv_text}");
    assert!(lines[2].contains("INTG-00010") && lines[2].contains("Bulk row"));
    assert!(lines[14].contains("INTG-00009"));

    // Show results so far writes them again (true to the journal) and records them.
    let so_far = history::results_so_far(&journal, &id).await.unwrap();
    let text = std::fs::read_to_string(&so_far.results).unwrap();
    assert!(text.contains("Not finished"), "{text}");
    assert!(history::is_results_file(&journal, &so_far.results));

    // Discard: the results are written first, then the job is no longer offered; it stays
    // in Activity, marked.
    let kept = history::discard(&journal, &id).await.unwrap();
    assert!(kept.results.exists());
    assert!(history::unfinished(&journal, &owner).unwrap().is_none());
    let after = activity_entries("DEMO", &history::jobs(&journal, &owner).unwrap());
    assert!(after[0].result.contains("discarded"), "{}", after[0].result);
}
