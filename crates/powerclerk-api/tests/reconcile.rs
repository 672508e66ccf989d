//! Submit and upload are never resent after an ambiguous failure: the client reads the form
//! again and reports what happened. The simulator's request log and submit counts prove it.

mod common;

use common::*;
use powerclerk_api::{DataVersion, FieldUpdate, Transfer};
use powerclerk_sim::{FaultKind, Knobs, ScheduledFault};

fn fault(kind: FaultKind, path: &str) -> ScheduledFault {
    ScheduledFault {
        kind,
        path_contains: Some(path.into()),
        method: Some("POST".into()),
        count: 1,
        status: Some(503),
        value: None,
    }
}

async fn ready_to_submit(c: &powerclerk_api::Client) -> powerclerk_api::FormRef {
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    c.save_draft(
        &f,
        &[
            FieldUpdate::value("HCA_RESULTS", "Pass"),
            FieldUpdate::value("HCA_ENGINEER", "E"),
        ],
    )
    .await
    .unwrap();
    f
}

async fn submit_count(sim: &powerclerk_sim::Simulator) -> u64 {
    sim_json(sim, "submits").await["submits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .sum()
}

#[tokio::test]
async fn submit_dropped_after_processing_is_confirmed_not_resent() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = ready_to_submit(&c).await;
    sim.schedule(fault(FaultKind::DropAfter, "/Draft/Submit"));
    let out = c.submit(&f).await.unwrap();
    assert!(out.confirmed_by_reread);
    assert_eq!(out.project.status_name(), "Inspection Pending");
    let submits = calls_to(&sim, "/Draft/Submit").await;
    assert_eq!(submits.len(), 1, "sent exactly once");
    assert_eq!(submits[0]["dropped"], "after");
    assert_eq!(submit_count(&sim).await, 1);
}

#[tokio::test]
async fn submit_dropped_before_processing_reports_not_submitted() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = ready_to_submit(&c).await;
    sim.schedule(fault(FaultKind::DropBefore, "/Draft/Submit"));
    let e = c.submit(&f).await.unwrap_err();
    assert_eq!(e.kind(), "submit_not_applied");
    assert!(e.to_string().contains("not submitted"), "{e}");
    assert_eq!(calls_to(&sim, "/Draft/Submit").await.len(), 1);
    assert_eq!(submit_count(&sim).await, 0);
    // The user may then submit again, and it works once.
    c.submit(&f).await.unwrap();
    assert_eq!(submit_count(&sim).await, 1);
}

#[tokio::test]
async fn submit_answered_503_is_not_resent() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = ready_to_submit(&c).await;
    sim.schedule(fault(FaultKind::Status, "/Draft/Submit"));
    assert_eq!(c.submit(&f).await.unwrap_err().kind(), "submit_not_applied");
    assert_eq!(calls_to(&sim, "/Draft/Submit").await.len(), 1);
    assert_eq!(submit_count(&sim).await, 0);
}

#[tokio::test]
async fn upload_dropped_after_processing_is_confirmed_not_resent() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new_sld.pdf");
    std::fs::write(&file, powerclerk_sim::files::pdf("new")).unwrap();
    sim.schedule(fault(FaultKind::DropAfter, "/Upload"));
    let out = c
        .upload(&f, "SINGLE_LINE_DIAGRAM", &file, &Transfer::default())
        .await
        .unwrap();
    assert!(out.confirmed_by_reread);
    assert_eq!(out.attachment.file_name.as_deref(), Some("new_sld.pdf"));
    assert_eq!(calls_to(&sim, "/Upload").await.len(), 1);

    sim.schedule(fault(FaultKind::DropBefore, "/Upload"));
    let other = dir.path().join("other.pdf");
    std::fs::write(&other, b"%PDF-1.4 other").unwrap();
    let e = c
        .upload(&f, "SINGLE_LINE_DIAGRAM", &other, &Transfer::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "upload_not_applied");
    assert_eq!(calls_to(&sim, "/Upload").await.len(), 2);
    let draft = c.project_data(&f, DataVersion::Draft).await.unwrap();
    assert_eq!(
        draft
            .attachment("SINGLE_LINE_DIAGRAM")
            .unwrap()
            .file_name
            .as_deref(),
        Some("new_sld.pdf")
    );
}

#[tokio::test]
async fn reads_and_draft_saves_are_retried() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    sim.schedule(ScheduledFault {
        method: Some("GET".into()),
        ..fault(FaultKind::DropBefore, "/Data")
    });
    sim.schedule(ScheduledFault {
        method: Some("GET".into()),
        ..fault(FaultKind::Status, "/Data")
    });
    c.project_data(&f, DataVersion::Submitted).await.unwrap();
    assert_eq!(calls_to(&sim, "/Data").await.len(), 3);
    sim.schedule(fault(FaultKind::DropAfter, "/Draft/Data"));
    let d = c
        .save_draft(&f, &[FieldUpdate::value("HCA_ENGINEER", "Twice is fine")])
        .await
        .unwrap();
    assert_eq!(
        d.field("HCA_ENGINEER").unwrap().value.as_deref(),
        Some("Twice is fine")
    );
    assert_eq!(calls_to(&sim, "/Draft/Data").await.len(), 2);
}
