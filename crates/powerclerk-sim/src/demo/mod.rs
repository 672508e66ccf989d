//! The seeded demo program (contract section 8, "Demo program"): the article's program id,
//! a five-step interconnection workflow, four forms with fields of every type, and about 300
//! projects spread over every status, `INTG-00256` in Technical Review.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, TimeZone};

use crate::clock;
use crate::files;
use crate::ids::id_for;
use crate::model::*;

mod forms;

/// The article's program id.
pub const PROGRAM_ID: &str = "M5JGHPZK7GFC";
/// The demo program's name.
pub const PROGRAM_NAME: &str = "Sunny Valley Electric — Distributed Generation Interconnection";
/// Number of numbered demo projects.
pub const NUMBERED_PROJECTS: u32 = 300;
/// Number of never-submitted projects (no number yet).
pub const UNSUBMITTED_PROJECTS: u32 = 12;

/// Status indexes of the demo workflow.
pub mod status {
    /// Unsubmitted (initial).
    pub const UNSUBMITTED: usize = 0;
    /// Application Review.
    pub const APPLICATION_REVIEW: usize = 1;
    /// Technical Review.
    pub const TECHNICAL_REVIEW: usize = 2;
    /// Inspection Pending.
    pub const INSPECTION_PENDING: usize = 3;
    /// Permission to Operate.
    pub const PTO: usize = 4;
    /// Withdrawn.
    pub const WITHDRAWN: usize = 5;
}

/// Users who may own projects (SetProjectOwner accepts only these).
pub const USERS: [(&str, &str); 8] = [
    ("Maria Lopez", "maria.lopez@sunnyvalley.example"),
    ("James Chen", "james.chen@sunnyvalley.example"),
    ("Priya Natarajan", "priya.natarajan@sunnyvalley.example"),
    ("Tom Becker", "tom.becker@solarco.example"),
    ("Aisha Okafor", "aisha.okafor@solarco.example"),
    ("Demo User", "demo.user@example.com"),
    ("Lena Fischer", "lena.fischer@brightroof.example"),
    ("Sam Rivera", "sam.rivera@brightroof.example"),
];

const CUSTOMERS: [&str; 12] = [
    "Alvarez Family",
    "Brookside Dairy",
    "Cedar Street Apartments",
    "Dominguez Residence",
    "Evergreen School District",
    "Fairview Library",
    "Garcia Bakery",
    "Hillcrest Church",
    "Iverson Farm",
    "Jade Garden Restaurant",
    "Kowalski Residence",
    "Lakeside Marina",
];

fn set(data: &mut FormData, form: &FormDef, custom: &str, v: Val) {
    let f = form
        .fields
        .iter()
        .find(|f| f.is(custom))
        .expect("seeded field exists");
    data.values.insert(f.id.clone(), v);
}

fn s(v: impl Into<String>) -> Val {
    Val::Single(v.into())
}

/// Builds the demo program; attachment files are written into `dir`.
pub fn program(dir: &Path, big_form_fields: usize, bulk_projects: u32) -> std::io::Result<Program> {
    use status::*;
    let statuses = vec![
        forms::status("Unsubmitted", "UNSUBMITTED"),
        forms::status("Application Review", "APPLICATION_REVIEW"),
        forms::status("Technical Review", "TECHNICAL_REVIEW"),
        forms::status("Inspection Pending", "INSPECTION_PENDING"),
        forms::status("Permission to Operate", "PERMISSION_TO_OPERATE"),
        forms::status("Withdrawn", "WITHDRAWN"),
    ];
    let forms = forms::forms(big_form_fields);
    let store =
        |name: &str, content_type: &str, bytes: Vec<u8>| -> std::io::Result<Arc<StoredFile>> {
            let path = dir.join(format!("seed-{name}"));
            std::fs::write(&path, &bytes)?;
            Ok(Arc::new(StoredFile {
                path,
                name: name.into(),
                content_type: content_type.into(),
                size: bytes.len() as u64,
            }))
        };
    let sld = store(
        "single_line_diagram.pdf",
        "application/pdf",
        files::pdf("Single line diagram - Sunny Valley Electric"),
    )?;
    let site_plan = store(
        "site_plan.png",
        "application/octet-stream",
        files::png(64, 48),
    )?;
    let bill = store(
        "utility_bill.pdf",
        "application/pdf",
        files::pdf("Utility bill"),
    )?;
    let pto_letter = store(
        "pto_letter.pdf",
        "application/pdf",
        files::pdf("Permission to Operate"),
    )?;

    let start = clock::offset()
        .with_ymd_and_hms(2026, 1, 5, 8, 30, 0)
        .single()
        .expect("valid date");
    let recent = clock::now() - Duration::minutes(5);
    let [app, tr, insp, pto] = [&forms[0], &forms[1], &forms[2], &forms[3]];
    let mut projects = Vec::new();
    let total = NUMBERED_PROJECTS + UNSUBMITTED_PROJECTS;
    for i in 1..=total {
        let numbered = i <= NUMBERED_PROJECTS;
        let st = if !numbered {
            UNSUBMITTED
        } else if i == 256 {
            TECHNICAL_REVIEW
        } else {
            match i % 10 {
                0..=2 => APPLICATION_REVIEW,
                3..=5 => TECHNICAL_REVIEW,
                6 | 7 => INSPECTION_PENDING,
                8 => PTO,
                _ => WITHDRAWN,
            }
        };
        let created = start + Duration::hours(19 * i as i64);
        // The last change (and the time the project entered its status) is recent: from
        // a few minutes to about five weeks before the demo starts, newest for the highest
        // numbers, so that deadlines show a mix of on time, due soon and overdue.
        let last_change =
            recent - Duration::minutes(150 * (total - i) as i64 + 13 * (i % 7) as i64);
        let (owner_name, owner_email) = USERS[(i as usize) % USERS.len()];
        let customer = CUSTOMERS[(i as usize) % CUSTOMERS.len()];
        let mut form_states: HashMap<String, FormState> = forms
            .iter()
            .map(|f| (f.id.clone(), FormState::default()))
            .collect();
        if numbered {
            let d = &mut form_states.get_mut(&app.id).expect("form").submitted;
            set(d, app, "CUSTOMER_NAME", s(customer));
            set(
                d,
                app,
                "SITE_ADDRESS",
                s(format!("{} Orchard Lane, Sunny Valley", 100 + i)),
            );
            set(
                d,
                app,
                "SYSTEM_SIZE_KW",
                s(format!("{:.1}", 3.0 + (i % 20) as f64 * 0.5)),
            );
            let with_battery = i % 3 == 0;
            set(
                d,
                app,
                "SYSTEM_TYPE",
                s(if with_battery {
                    "Solar PV + Storage"
                } else {
                    "Solar PV"
                }),
            );
            set(
                d,
                app,
                "INSTALL_DATE",
                s((created + Duration::days(60))
                    .format("%Y-%m-%d")
                    .to_string()),
            );
            set(d, app, "BATTERY", s(with_battery.to_string()));
            set(
                d,
                app,
                "INVERTERS",
                Val::Multi(vec![
                    "SE7600H-US".into(),
                    if i % 2 == 0 {
                        "IQ8PLUS-72".into()
                    } else {
                        String::new()
                    },
                ]),
            );
            d.files
                .insert(app.attachments[0].id.clone(), site_plan.clone());
            if i % 4 == 0 {
                d.files.insert(app.attachments[1].id.clone(), bill.clone());
            }
        }
        if numbered && st != APPLICATION_REVIEW {
            let d = &mut form_states.get_mut(&tr.id).expect("form").submitted;
            d.files.insert(tr.attachments[0].id.clone(), sld.clone());
            if st != TECHNICAL_REVIEW && st != WITHDRAWN {
                set(
                    d,
                    tr,
                    "HCA_RESULTS",
                    s(if i % 7 == 0 { "Needs Study" } else { "Pass" }),
                );
                set(d, tr, "HCA_ENGINEER", s(USERS[(i as usize + 1) % 3].0));
                set(
                    d,
                    tr,
                    "STUDY_DATE",
                    s((created + Duration::days(21))
                        .format("%Y-%m-%d")
                        .to_string()),
                );
                set(d, tr, "UPGRADES_REQUIRED", s("false"));
            }
        }
        if st == PTO {
            let d = &mut form_states.get_mut(&insp.id).expect("form").submitted;
            set(
                d,
                insp,
                "INSPECTION_DATE",
                s((created + Duration::days(80))
                    .format("%Y-%m-%d")
                    .to_string()),
            );
            set(d, insp, "INSPECTOR", s("R. Patel"));
            set(d, insp, "INSPECTION_RESULT", s("Passed"));
            if i % 20 == 8 {
                let d = &mut form_states.get_mut(&pto.id).expect("form").submitted;
                set(
                    d,
                    pto,
                    "PTO_DATE",
                    s((created + Duration::days(90))
                        .format("%Y-%m-%d")
                        .to_string()),
                );
                set(d, pto, "METER_NUMBER", s(format!("SV-{:06}", 400_000 + i)));
                d.files
                    .insert(pto.attachments[0].id.clone(), pto_letter.clone());
            }
        }
        projects.push(Project {
            id: id_for(&format!("project:{i}")),
            number: numbered.then(|| format!("INTG-{i:05}")),
            created,
            last_change,
            status: st,
            status_since: last_change,
            owner_name: owner_name.into(),
            owner_email: owner_email.into(),
            forms: form_states,
        });
    }
    // Extra projects for bulk benchmarks: all waiting for their Technical Review.
    for j in 1..=bulk_projects {
        let created = start + Duration::hours(j as i64);
        let (owner_name, owner_email) = USERS[(j as usize) % USERS.len()];
        let mut form_states: HashMap<String, FormState> = forms
            .iter()
            .map(|f| (f.id.clone(), FormState::default()))
            .collect();
        let d = &mut form_states.get_mut(&tr.id).expect("form").submitted;
        d.files.insert(tr.attachments[0].id.clone(), sld.clone());
        projects.push(Project {
            id: id_for(&format!("bulk:{j}")),
            number: Some(format!("BULK-{j:05}")),
            created,
            last_change: created,
            status: TECHNICAL_REVIEW,
            status_since: created,
            owner_name: owner_name.into(),
            owner_email: owner_email.into(),
            forms: form_states,
        });
    }
    Ok(Program {
        id: PROGRAM_ID.into(),
        name: PROGRAM_NAME.into(),
        prefix: "INTG".into(),
        next_number: NUMBERED_PROJECTS + 1,
        statuses,
        forms,
        projects,
    })
}
