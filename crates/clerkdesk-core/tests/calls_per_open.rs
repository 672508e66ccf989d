//! Opening a project costs at most 3 API calls once the program's list is known: the header
//! comes from the listing (no call while fresh), the form's three reads are the rest.
//! Counted by the client's own rate limiter, which sees every call it sends.

use clerkdesk_core::edits::EditValue;
use clerkdesk_core::workflow::{open_project, Desk};
use clerkdesk_core::Session;

#[tokio::test]
async fn a_project_open_costs_three_calls_once_the_list_is_known() {
    let session = Session::open_demo().await.expect("demo");
    let desk = Desk::new(&session);
    let used = || session.client.rate_status().used;
    // Knowing the program: its forms and projects, once per connection.
    desk.form_summaries().await.unwrap();
    open_project(&session, "INTG-00255").await.unwrap();
    for number in ["INTG-00256", "INTG-00257", "INTG-00258"] {
        let before = used();
        let header = open_project(&session, number).await.unwrap();
        assert_eq!(
            used(),
            before,
            "the header of {number} came from the listing"
        );
        assert!(header.owner.is_some(), "{number} has its owner: {header:?}");
        desk.open_form(number, "TECHNICAL_REVIEW").await.unwrap();
        assert_eq!(used() - before, 3, "opening {number}");
    }
}

#[tokio::test]
async fn a_status_changed_by_a_submit_shows_in_the_next_header() {
    let session = Session::open_demo().await.expect("demo");
    let desk = Desk::new(&session);
    let before = open_project(&session, "INTG-00256").await.unwrap();
    assert_eq!(before.status, "Technical Review");
    desk.open_form("INTG-00256", "TECHNICAL_REVIEW")
        .await
        .unwrap();
    let edits = [("HCA_RESULTS", "Pass"), ("HCA_ENGINEER", "A. Engineer")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), EditValue::Single(v.into())))
        .collect();
    desk.save_draft("INTG-00256", "TECHNICAL_REVIEW", edits)
        .await
        .unwrap();
    let out = desk.submit("INTG-00256", "TECHNICAL_REVIEW").await.unwrap();
    assert_eq!(out.project.status, "Inspection Pending");
    let after = open_project(&session, "INTG-00256").await.unwrap();
    assert_eq!(after.status, "Inspection Pending");
    assert_eq!(after.owner, before.owner);
}
