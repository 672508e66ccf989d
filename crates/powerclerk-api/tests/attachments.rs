//! Attachments over real HTTP: streamed download and upload with progress, cancel.

mod common;

use common::*;
use powerclerk_api::{DataVersion, Transfer};
use powerclerk_sim::Knobs;

#[tokio::test]
async fn download_and_upload_stream_with_progress() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let dir = tempfile::tempdir().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let transfer = Transfer {
        progress: Some(std::sync::Arc::new(move |d, t| {
            s2.lock().unwrap().push((d, t))
        })),
        cancel: None,
    };
    let got = c
        .download_to_dir(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Submitted,
            dir.path(),
            &transfer,
        )
        .await
        .unwrap();
    assert_eq!(got.path, dir.path().join("single_line_diagram.pdf"));
    let bytes = std::fs::read(&got.path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(got.bytes, bytes.len() as u64);
    assert_eq!(
        seen.lock().unwrap().last().copied(),
        Some((got.bytes, Some(got.bytes)))
    );
    // Never overwrites.
    let again = c
        .download_to_dir(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Submitted,
            dir.path(),
            &Transfer::default(),
        )
        .await
        .unwrap();
    assert_eq!(again.path, dir.path().join("single_line_diagram (2).pdf"));
    // No leftovers from the temporary files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);

    // Upload a PDF with a non-ASCII name: it goes into the draft only.
    let up = dir.path().join("Schéma unifilaire.pdf");
    let content: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&up, &content).unwrap();
    let out = c
        .upload(&f, "SINGLE_LINE_DIAGRAM", &up, &Transfer::default())
        .await
        .unwrap();
    assert_eq!(
        out.attachment.file_name.as_deref(),
        Some("Schéma unifilaire.pdf")
    );
    assert_eq!(out.attachment.file_size, Some(300_000));
    let draft = c.project_data(&f, DataVersion::Draft).await.unwrap();
    assert_eq!(
        draft
            .attachment("SINGLE_LINE_DIAGRAM")
            .unwrap()
            .file_name
            .as_deref(),
        Some("Schéma unifilaire.pdf")
    );
    let submitted = c.project_data(&f, DataVersion::Submitted).await.unwrap();
    assert_eq!(
        submitted
            .attachment("SINGLE_LINE_DIAGRAM")
            .unwrap()
            .file_name
            .as_deref(),
        Some("single_line_diagram.pdf")
    );
    let mut buf = Vec::new();
    let (n, name) = c
        .download_to_writer(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Draft,
            &mut buf,
            &Transfer::default(),
        )
        .await
        .unwrap();
    assert_eq!(n, 300_000);
    assert_eq!(buf, content);
    assert_eq!(name.as_deref(), Some("Schéma unifilaire.pdf"));

    // Wrong type, too large, no file.
    let exe = dir.path().join("tool.exe");
    std::fs::write(&exe, b"MZ").unwrap();
    let e = c
        .upload(&f, "SINGLE_LINE_DIAGRAM", &exe, &Transfer::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "rejected");
    assert!(e.to_string().contains(".pdf"), "{e}");
    sim.set_knobs(|k| k.size_limit = 1000);
    let e = c
        .upload(&f, "SINGLE_LINE_DIAGRAM", &up, &Transfer::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "too_large");
    let e = c
        .download_to_dir(
            &f,
            "STUDY_REPORT",
            DataVersion::Submitted,
            dir.path(),
            &Transfer::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "not_found");
    let missing = c
        .upload(
            &f,
            "SINGLE_LINE_DIAGRAM",
            &dir.path().join("nope.pdf"),
            &Transfer::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.kind(), "file");
}

#[tokio::test]
async fn a_cancelled_upload_stops_and_stores_nothing() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.pdf");
    std::fs::write(&big, vec![7u8; 8 * 1024 * 1024]).unwrap();
    let cancel = powerclerk_api::CancellationToken::new();
    let c2 = cancel.clone();
    // The user presses Cancel once the first megabyte is on its way.
    let transfer = Transfer {
        progress: Some(std::sync::Arc::new(move |done, _| {
            if done >= 1024 * 1024 {
                c2.cancel();
            }
        })),
        cancel: Some(cancel),
    };
    let e = c
        .upload(&f, "SINGLE_LINE_DIAGRAM", &big, &transfer)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "cancelled");
    let draft = c.project_data(&f, DataVersion::Draft).await.unwrap();
    assert_eq!(
        draft
            .attachment("SINGLE_LINE_DIAGRAM")
            .unwrap()
            .file_name
            .as_deref(),
        Some("single_line_diagram.pdf")
    );

    // A cancelled download leaves no file behind.
    let out = tempfile::tempdir().unwrap();
    let cancel = powerclerk_api::CancellationToken::new();
    cancel.cancel();
    let e = c
        .download_to_dir(
            &f,
            "SINGLE_LINE_DIAGRAM",
            DataVersion::Submitted,
            out.path(),
            &Transfer {
                progress: None,
                cancel: Some(cancel),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "cancelled");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}
