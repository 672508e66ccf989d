//! Bulk runs from CSV (semicolons, a byte-order mark, quoted newlines, `#CLEAR`) undone by
//! their restore file, and sheets whose problems stop everything before anything is sent.

mod common;

use common::bulk::{clerk, fast_sim, submits, writes};
use common::stderr;

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
