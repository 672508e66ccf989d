//! `clerk projects --overdue` / `--due-within DAYS` for schedulers: the deadlines file in the
//! data folder (as the window saves it) decides; exit 3 when projects are listed, 0 when
//! none, 2 with a plain sentence when no status has a target.

mod common;

use clerkdesk_core::deadlines::{self, Counting, Deadlines, Target};
use common::bulk::{clerk, fast_sim};
use common::{stderr, stdout};

#[tokio::test]
async fn overdue_and_due_within_list_by_the_saved_targets() {
    let sim = fast_sim().await;
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();

    // No targets: nothing can be overdue, and clerk says what to do (nothing is sent).
    let o = clerk(&sim, data.path(), dir.path(), &["projects", "--overdue"]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Settings → Deadlines"),
        "{}",
        stderr(&o)
    );

    // Technical Review within 10 calendar days. The demo's projects entered their status
    // from minutes to about five weeks ago: some are overdue, some not.
    let d = Deadlines {
        counting: Counting::CalendarDays,
        targets: vec![Target {
            status: "Technical Review".into(),
            days: 10,
        }],
        ..Deadlines::default()
    };
    deadlines::save(data.path(), &d).unwrap();
    let o = clerk(&sim, data.path(), dir.path(), &["projects", "--overdue"]).await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!lines.is_empty(), "{out}");
    assert!(
        lines
            .iter()
            .all(|l| l.contains("Technical Review") && l.contains(" overdue)")),
        "{out}"
    );
    // Most overdue first.
    let overdue_by = |l: &str| -> i64 {
        let words = l.split('(').nth(1).unwrap_or_default();
        words.split(' ').next().unwrap_or("0").parse().unwrap_or(0)
    };
    let firsts: Vec<i64> = lines.iter().map(|l| overdue_by(l)).collect();
    assert!(firsts.windows(2).all(|w| w[0] >= w[1]), "{firsts:?}");

    // Due within 3 days: the overdue ones and those due soon.
    let o = clerk(
        &sim,
        data.path(),
        dir.path(),
        &["projects", "--due-within", "3"],
    )
    .await;
    assert_eq!(o.status.code(), Some(3));
    let within = stdout(&o).lines().count();
    assert!(within > lines.len(), "{}", stdout(&o));

    // A status nobody waits on: nothing listed, exit 0.
    let d = Deadlines {
        targets: vec![Target {
            status: "Nonexistent Status".into(),
            days: 5,
        }],
        ..d
    };
    deadlines::save(data.path(), &d).unwrap();
    let o = clerk(&sim, data.path(), dir.path(), &["projects", "--overdue"]).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 projects"), "{}", stderr(&o));
}
