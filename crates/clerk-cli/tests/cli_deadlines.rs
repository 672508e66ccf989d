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

#[tokio::test]
async fn the_report_workbook_reads_back() {
    use calamine::{open_workbook_auto, Data, Reader};
    let sim = fast_sim().await;
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    deadlines::save(data.path(), &Deadlines::demo()).unwrap();
    let out = dir.path().join("december.xlsx");
    let o = clerk(
        &sim,
        data.path(),
        dir.path(),
        &["report", "--out", out.to_str().unwrap()],
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), out.display().to_string());
    let mut wb = open_workbook_auto(&out).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names[0], "Summary");
    assert!(names.contains(&"Technical Review".to_string()), "{names:?}");
    let summary = wb.worksheet_range("Summary").unwrap();
    let row = summary
        .rows()
        .find(|r| r[0] == Data::String("Technical Review".into()))
        .unwrap()
        .to_vec();
    assert_eq!(row[1], Data::Float(91.0), "{row:?}");
    let overdue = match row[2] {
        Data::Float(n) => n as usize,
        ref x => panic!("{x:?}"),
    };
    let sheet = wb.worksheet_range("Technical Review").unwrap();
    assert_eq!(sheet.height(), 1 + 91);
    let late = sheet
        .rows()
        .skip(1)
        .filter(|r| r[6].to_string().ends_with("overdue"))
        .count();
    assert_eq!(
        late, overdue,
        "the sheet's overdue rows = the summary's count"
    );
    // Most urgent first.
    assert!(sheet.rows().nth(1).unwrap()[6]
        .to_string()
        .ends_with("overdue"));

    let o = clerk(
        &sim,
        data.path(),
        dir.path(),
        &["report", "--out", "december.csv"],
    )
    .await;
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".xlsx"), "{}", stderr(&o));
}
