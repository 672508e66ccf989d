//! The work queue against the demo: compact rows (statuses and owners by index), due dates
//! by the deadlines given, and "unchanged" instead of every row again while the listing,
//! the deadlines and the day are the same.

use clerkdesk_core::deadlines::Deadlines;
use clerkdesk_core::Session;

#[tokio::test]
async fn a_queue_held_is_not_sent_again_until_something_changes() {
    let session = Session::open_demo().await.unwrap();
    let demo = Deadlines::demo();
    let q = session.work_queue(false, &demo, None).await.unwrap();
    assert!(!q.unchanged);
    assert_eq!(q.rows.len(), 312);
    let counted: usize = q.statuses.iter().map(|s| s.count).sum();
    assert_eq!(counted, 312);
    let r = q.rows.iter().find(|r| r.number == "INTG-00256").unwrap();
    assert_eq!(q.statuses[r.status as usize].status, "Technical Review");
    assert!(!q.owners[r.owner as usize].is_empty());
    assert!(
        r.due_day.is_some() && r.due_in.is_some() && r.urgency > 0,
        "{r:?}"
    );
    assert!(q
        .rows
        .windows(2)
        .all(|w| w[0].changed_at >= w[1].changed_at));

    // Held: unchanged, nothing sent.
    let again = session
        .work_queue(false, &demo, Some(&q.key))
        .await
        .unwrap();
    assert!(again.unchanged && again.rows.is_empty());
    assert_eq!(again.key, q.key);
    // Other deadlines: every row again, now without due dates.
    let none = session
        .work_queue(false, &Deadlines::default(), Some(&q.key))
        .await
        .unwrap();
    assert!(
        !none.unchanged
            && none
                .rows
                .iter()
                .all(|r| r.due_day.is_none() && r.urgency == 0)
    );
    // A refresh always answers in full.
    let fresh = session.work_queue(true, &demo, Some(&q.key)).await.unwrap();
    assert!(!fresh.unchanged && fresh.rows.len() == 312);
}
