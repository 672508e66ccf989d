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

fn status(name: &str, custom: &str) -> Status {
    Status {
        id: id_for(&format!("status:{custom}")),
        custom_id: Some(custom.into()),
        name: name.into(),
    }
}

fn field(
    form: &str,
    custom: &str,
    name: &str,
    kind: FieldKind,
    required: bool,
    choices: &[&str],
) -> FieldDef {
    FieldDef {
        id: id_for(&format!("field:{form}:{custom}")),
        custom_id: Some(custom.into()),
        name: name.into(),
        kind,
        required,
        choices: (!choices.is_empty()).then(|| choices.iter().map(|c| c.to_string()).collect()),
        repeating: false,
    }
}

fn attach(form: &str, custom: &str, name: &str, required: bool, ext: &[&str]) -> AttachDef {
    AttachDef {
        id: id_for(&format!("attachment:{form}:{custom}")),
        custom_id: Some(custom.into()),
        name: name.into(),
        required,
        extensions: ext.iter().map(|e| e.to_string()).collect(),
    }
}

fn form(custom: &str, name: &str, available_in: &[usize], leads_to: Option<usize>) -> FormDef {
    FormDef {
        id: id_for(&format!("form:{custom}")),
        custom_id: Some(custom.into()),
        name: name.into(),
        available_in: available_in.to_vec(),
        leads_to,
        fields: Vec::new(),
        attachments: Vec::new(),
    }
}

fn forms(big_form_fields: usize) -> Vec<FormDef> {
    use status::*;
    use FieldKind::*;
    let mut app = form(
        "APPLICATION",
        "Interconnection Application",
        &[UNSUBMITTED],
        Some(APPLICATION_REVIEW),
    );
    let a = "APPLICATION";
    app.fields = vec![
        field(a, "CUSTOMER_NAME", "Customer name", Text, true, &[]),
        field(a, "SITE_ADDRESS", "Site address", Text, true, &[]),
        field(
            a,
            "SYSTEM_SIZE_KW",
            "System size (kW AC)",
            Number,
            true,
            &[],
        ),
        field(
            a,
            "SYSTEM_TYPE",
            "System type",
            Choice,
            true,
            &["Solar PV", "Solar PV + Storage", "Wind", "Other"],
        ),
        field(
            a,
            "INSTALL_DATE",
            "Planned installation date",
            Date,
            false,
            &[],
        ),
        field(
            a,
            "BATTERY",
            "Battery storage included",
            Checkbox,
            false,
            &[],
        ),
        FieldDef {
            repeating: true,
            ..field(a, "INVERTERS", "Inverter models", Text, false, &[])
        },
    ];
    app.attachments = vec![
        attach(a, "SITE_PLAN", "Site plan", true, &["pdf", "png", "jpg"]),
        attach(a, "UTILITY_BILL", "Copy of utility bill", false, &["pdf"]),
    ];
    let t = "TECHNICAL_REVIEW";
    let mut tr = form(
        t,
        "Technical Review",
        &[APPLICATION_REVIEW, TECHNICAL_REVIEW],
        Some(INSPECTION_PENDING),
    );
    tr.fields = vec![
        field(
            t,
            "HCA_RESULTS",
            "HCA results",
            Choice,
            true,
            &["Pass", "Fail", "Needs Study"],
        ),
        field(t, "HCA_ENGINEER", "HCA engineer", Text, true, &[]),
        field(t, "STUDY_DATE", "Study date", Date, false, &[]),
        field(
            t,
            "UPGRADES_REQUIRED",
            "Upgrades required",
            Checkbox,
            false,
            &[],
        ),
        field(
            t,
            "UPGRADE_COST",
            "Estimated upgrade cost (USD)",
            Number,
            false,
            &[],
        ),
        field(
            t,
            "MITIGATIONS",
            "Mitigations",
            MultiChoice,
            false,
            &[
                "Smart inverter settings",
                "Transformer upgrade",
                "Reconductoring",
                "Export limit",
            ],
        ),
        field(t, "REVIEW_NOTES", "Review notes", Text, false, &[]),
    ];
    tr.attachments = vec![
        attach(
            t,
            "SINGLE_LINE_DIAGRAM",
            "Single line diagram",
            true,
            &["pdf"],
        ),
        attach(
            t,
            "STUDY_REPORT",
            "Study report",
            false,
            &["pdf", "docx", "xlsx"],
        ),
    ];
    let i = "INSPECTION";
    let mut insp = form(i, "Inspection", &[INSPECTION_PENDING], Some(PTO));
    insp.fields = vec![
        field(i, "INSPECTION_DATE", "Inspection date", Date, true, &[]),
        field(i, "INSPECTOR", "Inspector", Text, true, &[]),
        field(
            i,
            "INSPECTION_RESULT",
            "Inspection result",
            Choice,
            true,
            &["Passed", "Passed with corrections", "Failed"],
        ),
        field(i, "CORRECTIONS", "Corrections noted", Text, false, &[]),
    ];
    insp.attachments = vec![attach(
        i,
        "INSPECTION_PHOTOS",
        "Inspection photos",
        false,
        &["png", "jpg", "zip"],
    )];
    let p = "PTO";
    let mut pto = form(p, "Permission to Operate", &[PTO], None);
    pto.fields = vec![
        field(p, "PTO_DATE", "PTO date", Date, true, &[]),
        field(p, "METER_NUMBER", "Meter number", Text, true, &[]),
    ];
    pto.attachments = vec![attach(p, "PTO_LETTER", "PTO letter", true, &["pdf"])];
    let mut all = vec![app, tr, insp, pto];
    if big_form_fields > 0 {
        // For measuring how the app renders a very large form.
        let b = "LARGE_SURVEY";
        let mut big = form(
            b,
            "Large Site Survey",
            &[APPLICATION_REVIEW, TECHNICAL_REVIEW],
            None,
        );
        big.fields = (1..=big_form_fields)
            .map(|n| {
                let kind = [Text, Number, Date, Checkbox, Choice][n % 5];
                let choices: &[&str] = if kind == Choice {
                    &["Yes", "No", "Unknown"]
                } else {
                    &[]
                };
                field(
                    b,
                    &format!("Q{n:04}"),
                    &format!("Survey question {n}"),
                    kind,
                    false,
                    choices,
                )
            })
            .collect();
        all.push(big);
    }
    all
}

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
pub fn program(dir: &Path, big_form_fields: usize) -> std::io::Result<Program> {
    use status::*;
    let statuses = vec![
        status("Unsubmitted", "UNSUBMITTED"),
        status("Application Review", "APPLICATION_REVIEW"),
        status("Technical Review", "TECHNICAL_REVIEW"),
        status("Inspection Pending", "INSPECTION_PENDING"),
        status("Permission to Operate", "PERMISSION_TO_OPERATE"),
        status("Withdrawn", "WITHDRAWN"),
    ];
    let forms = forms(big_form_fields);
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
        let last_change = created + Duration::hours(3 + (i % 40) as i64);
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
