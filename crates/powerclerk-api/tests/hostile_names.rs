//! Server-given file names are never trusted as paths: at least twenty hostile
//! Content-Disposition headers, served by the simulator, each end up as one safe file
//! directly inside the chosen folder, with the right bytes, never replacing a file.

mod common;

use common::*;
use powerclerk_api::{naming, DataVersion, Transfer};
use powerclerk_sim::{FaultKind, Knobs, ScheduledFault};

const HOSTILE: &[(&str, &str)] = &[
    (r#"attachment; filename="../../etc/passwd""#, "passwd"),
    (
        r#"attachment; filename="..\\..\\Windows\\System32\\evil.dll""#,
        "evil.dll",
    ),
    (r#"attachment; filename="/etc/shadow""#, "shadow"),
    (
        r#"attachment; filename="C:\\Users\\Public\\run.bat""#,
        "run.bat",
    ),
    (r#"attachment; filename="..""#, "attachment"),
    (r#"attachment; filename=".""#, "attachment"),
    (r#"attachment; filename="""#, "single_line_diagram.pdf"), // no name: the one the form lists
    ("attachment", "single_line_diagram.pdf"),
    (r#"attachment; filename="CON""#, "_CON"),
    (r#"attachment; filename="nul.txt""#, "_nul.txt"),
    (r#"attachment; filename="LPT1.pdf""#, "_LPT1.pdf"),
    (r#"attachment; filename="report.pdf.   ...""#, "report.pdf"),
    (
        r#"attachment; filename="a:b|c?d*e<f>g.pdf""#,
        "a_b_c_d_e_f_g.pdf",
    ),
    (r#"attachment; filename=".bashrc""#, "bashrc"),
    (
        "attachment; filename*=UTF-8''..%2F..%2Fescape.pdf",
        "escape.pdf",
    ),
    ("attachment; filename*=UTF-8''nul%00byte.pdf", "nulbyte.pdf"),
    (
        "attachment; filename*=UTF-8''line%0Abreak%0D.pdf",
        "linebreak.pdf",
    ),
    (
        "attachment; filename*=UTF-8''invoice%E2%80%AEfdp.exe",
        "invoicefdp.exe",
    ),
    (
        "attachment; filename*=UTF-8''%E2%80%8Bzero%E2%80%8Bwidth.pdf",
        "zerowidth.pdf",
    ),
    ("attachment; filename=unquoted/../x.pdf", "x.pdf"),
    (
        r#"attachment; filename="quote\"inside.pdf""#,
        "quote_inside.pdf",
    ),
    (
        "attachment; filename*=UTF-8''%C3%A9t%C3%A9%20%E2%82%AC.pdf; filename=\"fallback.pdf\"",
        "été €.pdf",
    ),
    ("attachment; filename*=UTF-8''%2E%2E", "attachment"),
    ("attachment; filename=\"\\\\server\\share\\x.pdf\"", "x.pdf"),
];

#[tokio::test]
async fn hostile_names_stay_inside_the_folder() {
    assert!(HOSTILE.len() >= 20);
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let expected = powerclerk_sim::files::pdf("Single line diagram - Sunny Valley Electric");
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("downloads");
    std::fs::create_dir(&dir).unwrap();
    for (header, want) in HOSTILE {
        sim.schedule(ScheduledFault {
            kind: FaultKind::Disposition,
            path_contains: Some("/Download".into()),
            method: None,
            count: 1,
            status: None,
            value: Some(header.to_string()),
        });
        let out = c
            .download_to_dir(
                &f,
                "SINGLE_LINE_DIAGRAM",
                DataVersion::Submitted,
                &dir,
                &Transfer::default(),
            )
            .await
            .unwrap_or_else(|e| panic!("{header}: {e}"));
        assert!(
            naming::is_directly_inside(&dir, &out.path),
            "{header} -> {}",
            out.path.display()
        );
        assert_eq!(out.path.parent().unwrap(), dir);
        let name = out.path.file_name().unwrap().to_str().unwrap();
        assert_eq!(name, *want, "{header}");
        assert!(!name.contains(['/', '\\', ':', '\0']) && !name.chars().any(char::is_control));
        assert_eq!(std::fs::read(&out.path).unwrap(), expected, "{header}");
        // Remove it so the next expected name is not numbered; numbering is tested below.
        std::fs::remove_file(&out.path).unwrap();
    }
    // Nothing was written anywhere else.
    let outside: Vec<_> = std::fs::read_dir(outer.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(outside, ["downloads"]);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);

    // Existing files are never replaced.
    std::fs::write(dir.join("passwd"), b"mine").unwrap();
    for n in 2..=3 {
        sim.schedule(ScheduledFault {
            kind: FaultKind::Disposition,
            path_contains: None,
            method: None,
            count: 1,
            status: None,
            value: Some(HOSTILE[0].0.into()),
        });
        let out = c
            .download_to_dir(
                &f,
                "SINGLE_LINE_DIAGRAM",
                DataVersion::Submitted,
                &dir,
                &Transfer::default(),
            )
            .await
            .unwrap();
        assert_eq!(out.path, dir.join(format!("passwd ({n})")));
    }
    assert_eq!(std::fs::read(dir.join("passwd")).unwrap(), b"mine");
}
