//! One realistic scenario — connect, open, save, submit, download, list, export, a two-row
//! bulk run and a re-run that writes nothing — against a simulator that differs from the
//! contract in one plausible way at a time (`powerclerk_sim::Deviation`). Each must work as
//! against the documented form; what reached the server is read from the simulator.

mod common;

use clerkdesk_core::bulk::cells::Cell;
use clerkdesk_core::bulk::read_sheet;
use common::bulk::{clerk, col, edit_sheet, results_path, status_of, submits, writes};
use common::{stderr, stdout};
use powerclerk_sim::{Deviation, Knobs, SimOptions, Simulator};

async fn sim_with(dev: Deviation) -> Simulator {
    // The 429 deviations need 429s: a tight limit the client (at 6,000 a minute) runs into.
    let (max_calls, window_ms) = match dev {
        Deviation::RateLimitReset | Deviation::XRateLimitReset => (15, 1000),
        _ => (u32::MAX, 60_000),
    };
    Simulator::start(SimOptions {
        knobs: Knobs {
            deviations: vec![dev],
            max_calls,
            window_ms,
            ..Knobs::default()
        },
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

fn value_of(sim: &Simulator, number: &str, field: &str) -> Option<String> {
    sim.with_state(|st| st.value_of(number, "TECHNICAL_REVIEW", field))
}

fn in_status(sim: &Simulator, status: &str) -> Vec<String> {
    sim.with_state(|st| {
        st.program
            .projects
            .iter()
            .filter(|p| st.program.statuses[p.status].name == status)
            .filter_map(|p| p.number.clone())
            .collect()
    })
}

async fn scenario(dev: Deviation) {
    let sim = sim_with(dev).await;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let run = |args: Vec<&'static str>| {
        let sim = &sim;
        let data = data.path().to_path_buf();
        let dir = dir.to_path_buf();
        async move {
            let out = clerk(sim, &data, &dir, &args).await;
            assert!(
                out.status.success(),
                "{dev:?}: clerk {args:?} failed:\n{}{}",
                stdout(&out),
                stderr(&out)
            );
            stdout(&out)
        }
    };

    // Connect: the program is named.
    let checked = run(vec!["check"]).await;
    assert!(
        checked.contains("Sunny Valley Electric"),
        "{dev:?}: {checked}"
    );

    // Open.
    let form = run(vec!["get", "INTG-00256", "TECHNICAL_REVIEW"]).await;
    assert!(form.contains("HCA results"), "{dev:?}: {form}");

    // Save a value of every simple type.
    run(vec![
        "set",
        "INTG-00256",
        "TECHNICAL_REVIEW",
        "HCA_RESULTS=Pass",
        "HCA_ENGINEER=R. Variant",
        "UPGRADE_COST=1250.5",
        "STUDY_DATE=2026-11-14",
        "UPGRADES_REQUIRED=true",
    ])
    .await;
    assert_eq!(
        value_of(&sim, "INTG-00256", "UPGRADE_COST").as_deref(),
        Some("1250.5"),
        "{dev:?}"
    );
    assert_eq!(
        value_of(&sim, "INTG-00256", "STUDY_DATE").as_deref(),
        Some("2026-11-14"),
        "{dev:?}"
    );
    assert_eq!(
        value_of(&sim, "INTG-00256", "UPGRADES_REQUIRED").as_deref(),
        Some("true"),
        "{dev:?}"
    );

    // A value PowerClerk refuses: the field is named by its label, nothing is saved.
    let out = clerk(
        &sim,
        data.path(),
        dir,
        &[
            "set",
            "INTG-00256",
            "TECHNICAL_REVIEW",
            "UPGRADES_REQUIRED=maybe",
        ],
    )
    .await;
    assert!(!out.status.success(), "{dev:?}");
    let said = stderr(&out);
    assert!(said.contains("Upgrades required"), "{dev:?}: {said}");
    assert!(said.contains("must be true or false"), "{dev:?}: {said}");
    assert!(
        !said.contains('{') && !said.contains("ModelState"),
        "{dev:?}: {said}"
    );
    assert_eq!(
        value_of(&sim, "INTG-00256", "UPGRADES_REQUIRED").as_deref(),
        Some("true"),
        "{dev:?}"
    );

    // Submit.
    let submitted = run(vec!["submit", "INTG-00256", "TECHNICAL_REVIEW"]).await;
    assert!(
        submitted.contains("Inspection Pending"),
        "{dev:?}: {submitted}"
    );
    assert_eq!(submits(&sim), 1, "{dev:?}");
    assert_eq!(status_of(&sim, "INTG-00256"), "Inspection Pending");

    // Download: named after the file, never after the id.
    let saved = run(vec![
        "download",
        "INTG-00256",
        "TECHNICAL_REVIEW",
        "SINGLE_LINE_DIAGRAM",
    ])
    .await;
    let path = saved.trim().lines().last().unwrap_or("").to_string();
    assert!(path.ends_with(".pdf"), "{dev:?}: {saved}");
    assert!(std::path::Path::new(&path).is_file() || dir.join(&path).is_file());

    // List: every project, with its last change.
    let total = sim.with_state(|st| st.program.projects.len());
    let out = clerk(&sim, data.path(), dir, &["projects"]).await;
    assert!(out.status.success(), "{dev:?}: {}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{total} projects.")),
        "{dev:?}: {}",
        stderr(&out)
    );
    let first_row = stdout(&out).lines().nth(2).unwrap_or("").to_string();
    assert!(
        first_row.contains(":"),
        "{dev:?}: last change shown: {first_row}"
    );

    // Export every project in Technical Review.
    let in_review = in_status(&sim, "Technical Review");
    // Two of them with a cost already, which the run then changes.
    for number in &in_review[..2] {
        let number: &'static str = Box::leak(number.clone().into_boxed_str());
        run(vec!["set", number, "TECHNICAL_REVIEW", "UPGRADE_COST=100"]).await;
    }
    run(vec![
        "export",
        "--form",
        "TECHNICAL_REVIEW",
        "--status",
        "Technical Review",
        "--out",
        "tr.xlsx",
    ])
    .await;
    let sheet = dir.join("tr.xlsx");
    assert_eq!(
        read_sheet(&sheet, None).unwrap().rows.len(),
        in_review.len(),
        "{dev:?}"
    );

    // The untouched sheet runs back with no write at all (dates equal by meaning).
    std::fs::copy(&sheet, dir.join("same.xlsx")).unwrap();
    let writes_before = writes(&sim);
    run(vec![
        "bulk",
        "run",
        "same.xlsx",
        "--form",
        "TECHNICAL_REVIEW",
        "--yes",
    ])
    .await;
    assert_eq!(
        writes(&sim),
        writes_before,
        "{dev:?}: nobody edited anything"
    );

    // Two rows filled in and submitted.
    let (results, engineer, cost) = (
        col(&sheet, "HCA results"),
        col(&sheet, "HCA engineer"),
        col(&sheet, "Estimated upgrade cost (USD)"),
    );
    let typed_before = sim.with_state(|st| st.stats.typed_values_received);
    edit_sheet(&sheet, |i, r| {
        if i < 2 {
            r[results] = Cell::Text("Pass".into());
            r[engineer] = Cell::Text(format!("Engineer {i}"));
            r[cost] = Cell::Number(2000.5 + i as f64);
        } else {
            r.truncate(1);
        }
    });
    let done = run(vec![
        "bulk",
        "run",
        "tr.xlsx",
        "--form",
        "TECHNICAL_REVIEW",
        "--submit",
        "--yes",
    ])
    .await;
    assert_eq!(submits(&sim), 3, "{dev:?}: {done}");
    if dev == Deviation::TypedValues {
        // The drafts were read while checking the sheet: the costs went back as numbers.
        let typed = sim.with_state(|st| st.stats.typed_values_received) - typed_before;
        assert_eq!(typed, 2, "written back as the server writes them");
    }
    let results = results_path(&done, dir);
    let audited = run(vec![
        "bulk",
        "audit",
        Box::leak(results.display().to_string().into_boxed_str()),
        "--form",
        "TECHNICAL_REVIEW",
    ])
    .await;
    assert!(audited.contains("matches PowerClerk"), "{dev:?}: {audited}");

    match dev {
        Deviation::RateLimitReset | Deviation::XRateLimitReset => {
            let refused = sim.with_state(|st| st.stats.rate_limited);
            assert!(refused > 0, "{dev:?}: the scenario met the rate limit");
        }
        Deviation::Bare401 => {
            // A key PowerClerk refuses: said plainly, with the header's words as details.
            let out = common::clerk_command(&sim, &["check"])
                .env("POWERCLERK_API_KEY", "not-a-key")
                .output()
                .await
                .unwrap();
            assert!(!out.status.success());
            let said = stderr(&out);
            assert!(said.contains("did not accept the API key"), "{said}");
            assert!(said.contains("missing, expired or revoked"), "{said}");
        }
        _ => {}
    }
}

macro_rules! each {
    ($($name:ident => $dev:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            scenario(Deviation::$dev).await;
        }
    )*
    #[test]
    fn every_deviation_has_its_scenario() {
        let named = [$(Deviation::$dev),*];
        for d in Deviation::ALL {
            assert!(named.contains(&d), "no scenario for {d:?}");
        }
    }};
}

each! {
    camel_case => CamelCase,
    typed_values => TypedValues,
    date_times => DateTimes,
    no_offset => NoOffset,
    seven_digits => SevenDigits,
    page_cap_100 => PageCap100,
    no_content_writes => NoContentWrites,
    other_write_body => OtherWriteBody,
    model_state_errors => ModelStateErrors,
    problem_errors => ProblemErrors,
    numeric_enums => NumericEnums,
    bom => Bom,
    id_case => IdCase,
    no_disposition => NoDisposition,
    filename_star_only => FilenameStarOnly,
    rate_limit_reset => RateLimitReset,
    x_rate_limit_reset => XRateLimitReset,
    gzip => Gzip,
    connection_close => ConnectionClose,
    unknown_properties => UnknownProperties,
    bare_401 => Bare401,
}

/// `clerk check --deep` against the documented form and each deviation: the table of
/// decisions, at most 9 calls, nothing written, and a report with no secret in it.
#[tokio::test]
async fn the_compatibility_check_reports_each_server() {
    let mut servers: Vec<Option<Deviation>> = vec![None];
    servers.extend(Deviation::ALL.into_iter().map(Some));
    for dev in servers {
        let sim = match dev {
            Some(d) => sim_with(d).await,
            None => common::sim().await,
        };
        let data = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        let before = sim.with_state(|st| st.log.len());
        let out = clerk(&sim, data.path(), work.path(), &["check", "--deep"]).await;
        assert!(out.status.success(), "{dev:?}: {}", stderr(&out));
        let printed = stdout(&out);
        for d in ["D3", "D7", "D14", "D16", "Property names", "Field values"] {
            assert!(printed.contains(d), "{dev:?}: {printed}");
        }
        let (calls, writes) = sim.with_state(|st| {
            let api: Vec<_> = st
                .log
                .iter()
                .skip(before)
                .filter(|e| e.path.contains("/services/v2/"))
                .collect();
            (api.len(), api.iter().filter(|e| e.method != "GET").count())
        });
        assert!(calls <= 9, "{dev:?}: {calls} calls");
        assert_eq!(writes, 0, "{dev:?}: the check never writes");
        let report = results_path(&printed, work.path());
        let text = std::fs::read_to_string(&report).unwrap();
        assert!(
            text.starts_with("# Clerkdesk compatibility report"),
            "{text}"
        );
        let tokens: Vec<String> = sim.with_state(|st| st.tokens.keys().cloned().collect());
        for secret in common::SECRETS.iter().map(|s| s.to_string()).chain(tokens) {
            assert!(!text.contains(&secret), "{dev:?}: a secret in the report");
        }
        let differs = |topic: &str| {
            text.lines()
                .any(|l| l.contains(&format!("| {topic} | **Differs**")))
        };
        match dev {
            None => assert!(!text.contains("**Differs**"), "{text}"),
            Some(Deviation::CamelCase) => assert!(differs("Property names"), "{text}"),
            Some(Deviation::TypedValues | Deviation::DateTimes) => {
                assert!(differs("Field values"), "{text}")
            }
            Some(Deviation::NumericEnums) => {
                assert!(differs("Form fields (GetFormSchema)"), "{text}")
            }
            Some(Deviation::NoOffset) => assert!(differs("Timestamps"), "{text}"),
            Some(Deviation::PageCap100) => assert!(differs("Lists of projects"), "{text}"),
            Some(Deviation::ModelStateErrors) => {}
            Some(Deviation::ProblemErrors) => assert!(differs("Error answers"), "{text}"),
            Some(Deviation::Bom) => assert!(differs("JSON"), "{text}"),
            Some(Deviation::UnknownProperties) => assert!(differs("Other properties"), "{text}"),
            Some(_) => {}
        }
    }
}
