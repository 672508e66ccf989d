//! The bulk round trip through `clerk` against the simulator: export → edit (as Excel
//! would save it) → validate → run → results, errors and restore files → the errors file
//! run as it is → a second run that writes nothing. What reached the server is read from
//! the simulator's request log and counts.

mod common;

use std::path::Path;

use clerkdesk_core::bulk::cells::Cell;
use clerkdesk_core::bulk::read_sheet;
use clerkdesk_core::bulk::table::{write_table, Table};
use common::{assert_clean, clerk_command, sim, stderr, stdout};
use powerclerk_sim::Simulator;

/// Runs `clerk` with its journal in `data`, in folder `dir`.
async fn clerk(sim: &Simulator, data: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    let out = clerk_command(sim, args)
        .env("CLERKDESK_DATA_DIR", data)
        .env("POWERCLERK_MAX_TPM", "6000")
        .current_dir(dir)
        .output()
        .await
        .unwrap();
    assert_clean(args, &out);
    out
}

/// A simulator without the rate limit: these tests are about what is sent, not pacing.
async fn fast_sim() -> Simulator {
    let s = sim().await;
    s.set_knobs(|k| k.max_calls = u32::MAX);
    s
}

fn writes(sim: &Simulator) -> usize {
    sim.with_state(|st| {
        st.log
            .iter()
            .filter(|e| e.method == "POST" && e.path.contains("/services/v2/"))
            .count()
    })
}

fn submits(sim: &Simulator) -> u32 {
    sim.with_state(|st| st.submits.values().sum())
}

fn status_of(sim: &Simulator, number: &str) -> String {
    sim.with_state(|st| {
        let p = st
            .program
            .projects
            .iter()
            .find(|p| p.number.as_deref() == Some(number))
            .unwrap();
        st.program.statuses[p.status].name.clone()
    })
}

/// Rewrites a sheet as Excel would after the user typed into it: `edit` changes the cells
/// of data rows (index 0 = the first project row); headers, other sheets and keys stay.
fn edit_sheet(path: &Path, edit: impl Fn(usize, &mut Vec<Cell>)) {
    let sheet = read_sheet(path, None).unwrap();
    let keys: Vec<Option<String>> = sheet
        .headers
        .iter()
        .map(|h| sheet.keys.get(h).cloned())
        .collect();
    let mut rows: Vec<Vec<Cell>> = sheet.rows.iter().map(|r| r.cells.clone()).collect();
    for (i, r) in rows.iter_mut().enumerate() {
        edit(i, r);
    }
    let table = Table {
        name: sheet.sheet_name.as_deref().unwrap_or("Sheet1"),
        headers: &sheet.headers,
        keys: &keys,
        rows: &rows,
    };
    write_table(path, sheet.format, &table).unwrap();
}

fn col(path: &Path, header: &str) -> usize {
    read_sheet(path, None)
        .unwrap()
        .headers
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn cells_of(path: &Path) -> Vec<Vec<String>> {
    read_sheet(path, None)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.cells.iter().map(Cell::display).collect())
        .collect()
}

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

#[tokio::test]
async fn drafts_run_in_csv_and_the_restore_file_undoes_them() {
    let sim = fast_sim().await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    // A semicolon CSV with a byte-order mark, as Excel saves it in many European locales.
    std::fs::write(
        dir.join("notes.csv"),
        "\u{feff}Project;HCA engineer;Review notes\nINTG-00003;E. Engineer;\"two\nlines\"\nINTG-00004;#CLEAR;plain\n",
    )
    .unwrap();
    let value = |n: &str, key: &str| {
        sim.with_state(|st| {
            let p = st
                .program
                .projects
                .iter()
                .find(|p| p.number.as_deref() == Some(n))
                .unwrap();
            let f = st
                .program
                .forms
                .iter()
                .find(|f| f.custom_id.as_deref() == Some("TECHNICAL_REVIEW"))
                .unwrap();
            let field = f
                .fields
                .iter()
                .find(|x| x.custom_id.as_deref() == Some(key))
                .unwrap();
            let fs = &p.forms[&f.id];
            let d = fs.draft.as_ref().unwrap_or(&fs.submitted);
            d.values.get(&field.id).map(|v| format!("{v:?}"))
        })
    };
    let before = (
        value("INTG-00003", "REVIEW_NOTES"),
        value("INTG-00004", "HCA_ENGINEER"),
    );
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "run",
            "notes.csv",
            "--form",
            "TECHNICAL_REVIEW",
            "--yes",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(value("INTG-00003", "REVIEW_NOTES")
        .unwrap()
        .contains("two\\nlines"));
    let results = std::fs::read_to_string(dir.join("notes results.csv")).unwrap();
    assert!(
        results.starts_with(
            "\u{feff}Project;HCA engineer;Review notes;Result;Message;New status;Time"
        ),
        "{results}"
    );
    assert_eq!(submits(&sim), 0, "drafts only");

    let restore = dir.join("notes restore.csv");
    assert!(restore.exists(), "{}", stderr(&out));
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "run",
            "notes restore.csv",
            "--form",
            "TECHNICAL_REVIEW",
            "--yes",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        (
            value("INTG-00003", "REVIEW_NOTES"),
            value("INTG-00004", "HCA_ENGINEER")
        ),
        before,
        "the restore file undid the run"
    );
}

#[tokio::test]
async fn sheet_problems_exit_2_and_send_nothing() {
    let sim = fast_sim().await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let cases: [(&str, &str, i32, &str); 5] = [
        (
            "none.csv",
            "Number,HCA results\nINTG-00003,Pass\n",
            2,
            "No column is headed \"Project Number\"",
        ),
        (
            "unknown.csv",
            "Project Number,HCA results,Inspector\nINTG-00003,Pass,R\n",
            2,
            "column C (Inspector) matches no field of the form Technical Review",
        ),
        (
            "twice.csv",
            "Project Number,HCA results,HCA_RESULTS\nINTG-00003,Pass,Pass\n",
            2,
            "columns B (HCA results) and C (HCA_RESULTS) fill the same field",
        ),
        ("empty.csv", "", 2, "is empty"),
        (
            "header.csv",
            "Project Number,HCA results\n",
            0,
            "nothing to do",
        ),
    ];
    let before = writes(&sim);
    for (name, body, code, says) in cases {
        std::fs::write(dir.join(name), body).unwrap();
        let out = clerk(
            &sim,
            data.path(),
            dir,
            &["bulk", "run", name, "--form", "TECHNICAL_REVIEW", "--yes"],
        )
        .await;
        assert_eq!(out.status.code(), Some(code), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
    }
    assert_eq!(writes(&sim), before, "nothing was sent");
    let out = clerk(&sim, data.path(), dir, &["bulk", "resume"]).await;
    assert!(out.status.success());
    assert!(stderr(&out).contains("Nothing to resume."));
}
