//! Sheets as Excel on Windows saves them: "CSV (Comma delimited)" in the Windows-1252 code
//! page and "Unicode Text" (UTF-16 with a byte-order mark, tab-separated) are read, said to
//! be so, validated and run — the accented and curly-quoted text arrives as typed; the
//! results file is UTF-8 with a byte-order mark (Excel opens it as it is).

mod common;

use common::bulk::{clerk, fast_sim, results_path, submits};
use common::{stderr, stdout};

fn engineer_of(sim: &powerclerk_sim::Simulator, number: &str) -> Option<String> {
    sim.with_state(|st| st.value_of(number, "TECHNICAL_REVIEW", "HCA_ENGINEER"))
}

async fn validate_and_run(file: &str, bytes: Vec<u8>, said: &str, number: &str, typed: &str) {
    let sim = fast_sim().await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::write(dir.join(file), bytes).unwrap();
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "validate",
            file,
            "--form",
            "TECHNICAL_REVIEW",
            "--submit",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(said), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 row: 1 changes something"),
        "{}",
        stderr(&out)
    );
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "bulk",
            "run",
            file,
            "--form",
            "TECHNICAL_REVIEW",
            "--submit",
            "--yes",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(engineer_of(&sim, number).as_deref(), Some(typed));
    assert_eq!(submits(&sim), 1);
    let results = results_path(&stdout(&out), dir);
    let text = std::fs::read(&results).unwrap();
    assert!(
        text.starts_with(b"\xEF\xBB\xBF"),
        "results are UTF-8 with a BOM"
    );
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains(typed), "{text}");
    assert!(text.contains("Submitted"), "{text}");
}

/// The first project in Technical Review of a fresh simulator.
async fn in_review() -> String {
    let sim = fast_sim().await;
    sim.with_state(|st| {
        st.program
            .projects
            .iter()
            .find(|p| {
                st.program.statuses[p.status].name == "Technical Review" && p.number.is_some()
            })
            .and_then(|p| p.number.clone())
            .unwrap()
    })
}

#[tokio::test]
async fn a_windows_1252_csv_is_read_and_run() {
    let n = in_review().await;
    // "José Müller “Senior”" in Windows-1252, as Excel's "CSV (Comma delimited)" saves it.
    let mut bytes = b"Project Number,HCA results,HCA engineer\r\n".to_vec();
    bytes.extend(n.as_bytes());
    bytes.extend(b",Pass,Jos\xe9 M\xfcller \x93Senior\x94\r\n");
    validate_and_run(
        "cp1252.csv",
        bytes,
        "as Windows-1252",
        &n,
        "José Müller “Senior”",
    )
    .await;
}

#[tokio::test]
async fn a_utf16_unicode_text_sheet_is_read_and_run() {
    let n = in_review().await;
    let text = format!("Project Number\tHCA results\tHCA engineer\r\n{n}\tPass\tZoë Ødegård\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    validate_and_run("unicode.txt", bytes, "as UTF-16", &n, "Zoë Ødegård").await;
}

#[tokio::test]
async fn a_file_in_none_of_excels_encodings_is_refused_plainly() {
    let sim = fast_sim().await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    // UTF-16 without its byte-order mark: every other byte is a zero.
    let bytes: Vec<u8> = "Project Number,HCA results\nINTG-00003,Pass\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(work.path().join("odd.csv"), bytes).unwrap();
    let out = clerk(
        &sim,
        data.path(),
        work.path(),
        &["bulk", "validate", "odd.csv", "--form", "TECHNICAL_REVIEW"],
    )
    .await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not text Clerkdesk can read"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("CSV UTF-8"), "{}", stderr(&out));
}
