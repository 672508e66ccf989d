//! Bulk jobs at scale, on the core's own code: 1,000 rows at a compressed rate limit (wall
//! time against the ideal, 429s, calls by kind from the simulator's log), the same sheet
//! again (zero writes), the same with ~10 % injected faults (duplicates, audit), an export
//! of 1,000 projects (calls), and the local work of validating 10,000 .xlsx rows.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clerkdesk_core::bulk::audit::audit;
use clerkdesk_core::bulk::cells::Cell;
use clerkdesk_core::bulk::export::{export, ExportRequest};
use clerkdesk_core::bulk::table::{write_table, Table};
use clerkdesk_core::bulk::validate::{read_rows, settle_rows};
use clerkdesk_core::bulk::{
    job, map_columns, read_sheet, validate, Journal, RunControl, SheetFormat,
};
use clerkdesk_core::profile::{Environment, Profile};
use clerkdesk_core::workflow::Desk;
use clerkdesk_core::Session;
use powerclerk_api::{Client, DataVersion, FormRef, RateLimit};
use powerclerk_sim::{Knobs, SimOptions, Simulator};

const MAX: u32 = 100;
const WINDOW: Duration = Duration::from_secs(2);
const FORM: &str = "TECHNICAL_REVIEW";

async fn sim(projects: u32, limited: bool) -> Simulator {
    let mut knobs = Knobs {
        max_calls: MAX,
        window_ms: WINDOW.as_millis() as u64,
        ..Default::default()
    };
    if !limited {
        knobs = knobs.unlimited();
    }
    Simulator::start(SimOptions {
        bulk_projects: projects,
        knobs,
        ..Default::default()
    })
    .await
    .expect("simulator")
}

fn session(sim: &Simulator, limited: bool) -> Session {
    let limit = if limited {
        RateLimit::new(MAX, WINDOW)
    } else {
        RateLimit::unlimited()
    };
    let cfg = crate::demo::config(sim, limit);
    let profile = Profile {
        name: "bench".into(),
        environment: Environment::Custom,
        api_url: sim.api_url(),
        token_url: sim.token_url(),
        program: Some(powerclerk_sim::demo::PROGRAM_ID.into()),
        max_tpm: if limited {
            (MAX as u64 * 60 / WINDOW.as_secs()) as u32
        } else {
            1_000_000
        },
        switches: Default::default(),
    };
    Session::with_client(profile, Client::new(cfg).expect("client"))
}

/// An .xlsx sheet setting two fields of every BULK project.
pub(crate) fn sheet(dir: &Path, rows: u32) -> std::path::PathBuf {
    let path = dir.join(format!("bulk-{rows}.xlsx"));
    let headers: Vec<String> = [
        "Project Number",
        "HCA results",
        "HCA engineer",
        "Study date",
    ]
    .map(String::from)
    .to_vec();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 14).expect("date");
    let cells: Vec<Vec<Cell>> = (1..=rows)
        .map(|i| {
            vec![
                Cell::Text(format!("BULK-{i:05}")),
                Cell::Text(["Pass", "Fail", "Needs Study"][i as usize % 3].into()),
                Cell::Text(format!("Engineer {}", i % 17)),
                Cell::Date(date),
            ]
        })
        .collect();
    write_table(
        &path,
        SheetFormat::Xlsx,
        &Table {
            name: "Sheet1",
            headers: &headers,
            keys: &[],
            rows: &cells,
        },
    )
    .expect("sheet");
    path
}

/// API calls in the simulator's log by kind (token requests left out).
#[derive(Debug, Default)]
struct Calls {
    listings: usize,
    reads: usize,
    saves: usize,
    submits: usize,
    other: usize,
}

fn calls(sim: &Simulator) -> Calls {
    sim.with_state(|st| {
        let mut c = Calls::default();
        for e in st.log.iter().filter(|e| e.path.contains("/services/v2/")) {
            let p = e.path.to_ascii_lowercase();
            let p = p.split('?').next().unwrap_or_default();
            match (
                e.method.as_str(),
                p.ends_with("/draft/data"),
                p.ends_with("/draft/submit"),
            ) {
                ("GET", _, _) if p.ends_with("/projects") => c.listings += 1,
                ("GET", true, _) => c.reads += 1,
                ("POST", true, _) => c.saves += 1,
                ("POST", _, true) => c.submits += 1,
                _ => c.other += 1,
            }
        }
        c
    })
}

fn total(c: &Calls) -> usize {
    c.listings + c.reads + c.saves + c.submits + c.other
}

async fn run_sheet(session: &Session, journal: &Journal, path: &Path) -> (Duration, job::JobEnd) {
    let desk = Desk::new(session);
    let start = Instant::now();
    let sheet = read_sheet(path, None).expect("sheet");
    let plan = validate(&desk, &sheet, FORM, true, &HashMap::new(), &|_, _| {})
        .await
        .expect("validate");
    let id = job::start(session, journal, &plan).await.expect("start");
    let end = job::run(
        &desk,
        journal,
        &id,
        &RunControl::default(),
        Arc::new(|_| {}),
    )
    .await
    .expect("run");
    (start.elapsed(), end)
}

fn duplicates(sim: &Simulator) -> (u32, u32) {
    sim.with_state(|st| {
        let dup_submits = st.submits.values().filter(|n| **n > 1).count() as u32;
        let dup_uploads = st.uploads.values().filter(|n| **n > 1).count() as u32;
        (dup_submits, dup_uploads)
    })
}

/// Prints the figures.
pub async fn run(rows: u32) {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = sheet(tmp.path(), rows);
    let journal = Journal::open(&tmp.path().join("data")).expect("journal");

    // 1. Rows at a compressed limit: validate + run, submitting each.
    let s = sim(rows, true).await;
    let session = session(&s, true);
    let (wall, end) = run_sheet(&session, &journal, &path).await;
    let c = calls(&s);
    let n = total(&c);
    let ideal = WINDOW.as_secs_f64() * ((n as f64 / MAX as f64).ceil() - 1.0);
    println!(
        "## bulk: {rows} rows × {FORM}, --submit; server limit {MAX} per {} s",
        WINDOW.as_secs()
    );
    println!(
        "run: wall {:.1} s, ideal {ideal:.1} s, wall/ideal {:.3}, 429s {}; calls {n} = {} reads + {} saves + {} submits + {} other (programs, forms, schema); {}",
        wall.as_secs_f64(),
        wall.as_secs_f64() / ideal,
        s.with_state(|st| st.stats.rate_limited),
        c.reads,
        c.saves,
        c.submits,
        c.other,
        end.counts.words()
    );
    let before = calls(&s);
    let (wall2, end2) = run_sheet(&session, &journal, &path).await;
    let after = calls(&s);
    println!(
        "same sheet again: writes {} (saves {} + submits {}), reads {}, wall {:.1} s; {}",
        (after.saves + after.submits) - (before.saves + before.submits),
        after.saves - before.saves,
        after.submits - before.submits,
        after.reads - before.reads,
        wall2.as_secs_f64(),
        end2.counts.words()
    );

    // 2. The same with ~10 % of calls failing.
    let s = sim(rows, true).await;
    let session = self::session(&s, true);
    s.set_knobs(|k| k.fail_one_in_ten());
    let (wall, end) = run_sheet(&session, &journal, &path).await;
    s.set_knobs(|k| k.fail_never());
    let (dup_submits, dup_uploads) = duplicates(&s);
    let mismatches = audit(&Desk::new(&session), &end.outputs.results, FORM)
        .await
        .expect("audit");
    println!(
        "with ~10 % faults: wall {:.1} s; {}; duplicate submits {dup_submits}, duplicate uploads {dup_uploads}; results vs server: {} mismatches",
        wall.as_secs_f64(),
        end.counts.words(),
        mismatches.len()
    );

    // 3. Export every BULK project (and the demo's own) of the form.
    let s = sim(rows, false).await;
    let session = self::session(&s, false);
    let out = tmp.path().join("export.xlsx");
    let start = Instant::now();
    let done = export(
        &Desk::new(&session),
        &ExportRequest {
            form: FORM.into(),
            status: Some("Technical Review".into()),
            out,
            ..Default::default()
        },
        &|_, _| {},
    )
    .await
    .expect("export");
    let c = calls(&s);
    println!(
        "export: {} projects in {:.1} s; calls: {} listing + {} reads + {} other (programs, forms, schema)",
        done.projects,
        start.elapsed().as_secs_f64(),
        c.listings,
        c.reads,
        c.other
    );
}

/// Validating 10,000 .xlsx rows, reads not counted: reading the workbook, matching the
/// columns, checking every cell and comparing with each project's values.
pub async fn validate_speed(rows: u32) {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = sheet(tmp.path(), rows);
    let s = sim(rows, false).await;
    let session = session(&s, false);
    let client = &session.client;
    let program = powerclerk_sim::demo::PROGRAM_ID;
    let schema = client.form_schema(program, FORM).await.expect("schema");
    let form = Desk::new(&session).form_summary(FORM).await.expect("forms");
    let mut current = HashMap::new();
    for i in 1..=rows {
        let p = format!("BULK-{i:05}");
        let d = client
            .project_data(&FormRef::new(program, &p, FORM), DataVersion::Draft)
            .await
            .expect("read");
        current.insert(p, Ok(d));
    }
    let mut best = f64::MAX;
    let mut parts = (0.0, 0.0);
    for _ in 0..5 {
        let start = Instant::now();
        let sheet = read_sheet(&path, None).expect("sheet");
        let read = start.elapsed().as_secs_f64();
        let mapping = map_columns(&sheet, &schema, &HashMap::new()).expect("mapping");
        let mut planned = read_rows(&sheet, &schema, &mapping, true);
        settle_rows(&mut planned, &current, &schema, form.as_ref());
        let all = start.elapsed().as_secs_f64();
        assert!(
            planned.iter().all(|r| r.problems.is_empty()),
            "{:?}",
            planned.iter().find(|r| !r.problems.is_empty())
        );
        if all < best {
            best = all;
            parts = (read, all - read);
        }
    }
    println!(
        "## validate {rows} .xlsx rows (reads not counted), best of 5: {:.0} ms = read workbook {:.0} ms + check and compare {:.0} ms",
        best * 1e3,
        parts.0 * 1e3,
        parts.1 * 1e3
    );
}
