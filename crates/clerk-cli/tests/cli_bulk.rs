//! The bulk round trip through `clerk` against the simulator: export → edit (as Excel
//! would save it) → validate → run → results, errors and restore files → the errors file
//! run as it is → a second run that writes nothing. What reached the server is read from
//! the simulator's request log and counts.

mod common;

use clerkdesk_core::bulk::cells::Cell;
use clerkdesk_core::bulk::read_sheet;
use common::bulk::{cells_of, clerk, col, edit_sheet, fast_sim, status_of, submits, writes};
use common::{stderr, stdout};

#[tokio::test]
async fn export_edit_validate_run_and_run_again() {
    let sim = fast_sim().await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();

    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "export",
            "--form",
            "Technical Review",
            "--status",
            "technical review",
            "--out",
            "tr.xlsx",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "tr.xlsx");
    let sheet = dir.join("tr.xlsx");
    let exported = read_sheet(&sheet, None).unwrap();
    assert_eq!(exported.rows.len(), 91, "every project in Technical Review");
    assert_eq!(exported.headers[0], "Project Number");
    assert!(
        exported.keys.values().any(|k| k == "HCA_RESULTS"),
        "the keys travel in the hidden sheet"
    );

    // The user fills in four rows; one choice is mistyped.
    let (results, engineer, date) = (
        col(&sheet, "HCA results"),
        col(&sheet, "HCA engineer"),
        col(&sheet, "Study date"),
    );
    edit_sheet(&sheet, |i, r| {
        let (res, eng) = match i {
            0 => ("Pass", "A. Engineer"),
            1 => ("pass ", "B. Engineer"),
            2 => ("Needs Study", "C. Engineer"),
            3 => ("Fail", "D. Engineer"),
            _ => return,
        };
        r[results] = Cell::Text(res.into());
        r[engineer] = Cell::Text(eng.into());
        r[date] = Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 3, 14).unwrap());
    });
    let second = exported.rows[1].cells[0].display();

    let before = writes(&sim);
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "validate",
            "tr.xlsx",
            "--form",
            "TECHNICAL_REVIEW",
            "--submit",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "a row has a problem");
    let err = stderr(&out);
    assert!(err.contains("Row 3, column B (HCA results): \"pass\" is not one of the choices; did you mean \"Pass\"?"), "{err}");
    assert!(
        err.contains(
            "91 rows: 3 change something, 87 already as the sheet says, 1 with problems. 6 calls"
        ),
        "{err}"
    );
    assert_eq!(writes(&sim), before, "validation writes nothing");

    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "run",
            "tr.xlsx",
            "--form",
            "TECHNICAL_REVIEW",
            "--submit",
            "--yes",
        ],
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(1),
        "one row was skipped: {}",
        stderr(&out)
    );
    assert_eq!(
        writes(&sim) - before,
        6,
        "one save and one submit per changed row"
    );
    assert_eq!(submits(&sim), 3);
    assert_eq!(
        status_of(&sim, &second),
        "Technical Review",
        "the skipped row sent nothing"
    );
    let results_file = dir.join(stdout(&out).trim());
    assert_eq!(results_file, dir.join("tr results.xlsx"));
    let rows = cells_of(&results_file);
    let r = col(&results_file, "Result");
    let words: Vec<&str> = rows.iter().map(|row| row[r].as_str()).collect();
    assert_eq!(
        &words[..4],
        ["Submitted", "Skipped", "Submitted", "Submitted"]
    );
    assert!(words[4..].iter().all(|w| *w == "Unchanged"));
    assert_eq!(
        rows[0][col(&results_file, "New status")],
        "Inspection Pending"
    );
    assert!(
        rows[1][col(&results_file, "Message")].starts_with("Column B (HCA results)"),
        "{:?}",
        rows[1]
    );

    // Running the same sheet again changes nothing.
    let before = writes(&sim);
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "run",
            "tr.xlsx",
            "--form",
            "TECHNICAL_REVIEW",
            "--submit",
            "--yes",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(writes(&sim), before, "the second run writes nothing");

    // The errors file holds the one failed row; fixed, it runs as it is.
    let errors = dir.join("tr errors.xlsx");
    assert_eq!(cells_of(&errors).len(), 1);
    edit_sheet(&errors, |_, r| r[results] = Cell::Text("Pass".into()));
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "run",
            "tr errors.xlsx",
            "--form",
            "TECHNICAL_REVIEW",
            "--submit",
            "--yes",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(status_of(&sim, &second), "Inspection Pending");
    assert_eq!(submits(&sim), 4, "never a submit twice");

    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "audit",
            "tr results.xlsx",
            "--form",
            "TECHNICAL_REVIEW",
        ],
    )
    .await;
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    // The audit does notice a results file that is not what PowerClerk shows.
    let status = col(&results_file, "New status");
    edit_sheet(&results_file, |i, r| {
        if i == 0 {
            r[status] = Cell::Text("Withdrawn".into());
        }
    });
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "audit",
            "tr results.xlsx",
            "--form",
            "TECHNICAL_REVIEW",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "Row 2 (INTG-00003): the results say Withdrawn, PowerClerk shows Inspection Pending"
        ),
        "{}",
        stderr(&out)
    );
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "audit",
            "tr errors results.xlsx",
            "--form",
            "TECHNICAL_REVIEW",
        ],
    )
    .await;
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}
