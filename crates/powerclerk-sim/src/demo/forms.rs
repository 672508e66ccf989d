//! The demo program's statuses and forms: a five-step workflow, four forms with fields of
//! every type (and, for benchmarks, a very large one).

use crate::ids::id_for;

use super::*;

pub(super) fn status(name: &str, custom: &str) -> Status {
    Status {
        id: id_for(&format!("status:{custom}")),
        custom_id: Some(custom.into()),
        name: name.into(),
    }
}

pub(super) fn field(
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

pub(super) fn attach(
    form: &str,
    custom: &str,
    name: &str,
    required: bool,
    ext: &[&str],
) -> AttachDef {
    AttachDef {
        id: id_for(&format!("attachment:{form}:{custom}")),
        custom_id: Some(custom.into()),
        name: name.into(),
        required,
        extensions: ext.iter().map(|e| e.to_string()).collect(),
    }
}

pub(super) fn form(
    custom: &str,
    name: &str,
    available_in: &[usize],
    leads_to: Option<usize>,
) -> FormDef {
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

pub(super) fn forms(big_form_fields: usize) -> Vec<FormDef> {
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
