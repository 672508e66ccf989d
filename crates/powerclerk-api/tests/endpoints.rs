//! Every endpoint of the client against the simulator, over real HTTP.

mod common;

use common::*;
use powerclerk_api::{
    DataVersion, FieldType, FieldUpdate, ProjectQuery, RateLimit, SchemaSource, Transfer,
};
use powerclerk_sim::Knobs;
use std::time::Duration;

#[tokio::test]
async fn programs_forms_and_schema() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let programs = c.programs().await.unwrap();
    assert_eq!(programs.len(), 1);
    assert_eq!(programs[0].program_id, PROGRAM);
    assert!(programs[0].name.contains("Sunny Valley"));

    let forms = c.forms(PROGRAM).await.unwrap();
    let names: Vec<_> = forms
        .iter()
        .filter_map(|f| f.custom_id.as_deref())
        .collect();
    assert_eq!(
        names,
        ["APPLICATION", "TECHNICAL_REVIEW", "INSPECTION", "PTO"]
    );
    let tr = c.find_form(PROGRAM, "technical review").await.unwrap();
    assert_eq!(tr.leads_to_status.unwrap().name, "Inspection Pending");

    let schema = c.form_schema(PROGRAM, "TECHNICAL_REVIEW").await.unwrap();
    assert_eq!(schema.source, SchemaSource::Server);
    let hca = schema
        .data_fields
        .iter()
        .find(|f| f.custom_id.as_deref() == Some("HCA_RESULTS"))
        .unwrap();
    assert_eq!(hca.r#type, FieldType::Choice);
    assert!(hca.required);
    assert_eq!(
        hca.choices.as_deref().unwrap(),
        ["Pass", "Fail", "Needs Study"]
    );
    let kinds: std::collections::HashSet<_> = c
        .form_schema(PROGRAM, "APPLICATION")
        .await
        .unwrap()
        .data_fields
        .iter()
        .map(|f| f.r#type)
        .collect();
    assert!(kinds.len() >= 5, "fields of every type: {kinds:?}");
    let sld = &schema.attachments[0];
    assert_eq!(sld.custom_id.as_deref(), Some("SINGLE_LINE_DIAGRAM"));
    assert_eq!(sld.allowed_extensions, ["pdf"]);

    let e = c.form_schema(PROGRAM, "NOPE").await.unwrap_err();
    assert_eq!(e.kind(), "not_found");
}

#[tokio::test]
async fn schema_fallback_builds_text_fields_from_project_data() {
    let sim = sim(Knobs {
        schema_endpoint: false,
        ..Default::default()
    })
    .await;
    let c = client(&sim);
    let schema = c
        .form_schema_or_infer(&form("INTG-00256", "TECHNICAL_REVIEW"))
        .await
        .unwrap();
    assert_eq!(schema.source, SchemaSource::InferredFromProjectData);
    assert_eq!(schema.data_fields.len(), 7);
    assert!(schema
        .data_fields
        .iter()
        .all(|f| f.r#type == FieldType::Text));
    assert_eq!(schema.attachments.len(), 2);
}

#[tokio::test]
async fn projects_paging_and_changed_since() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let page = c
        .projects(
            PROGRAM,
            &ProjectQuery {
                limit: Some(10),
                offset: Some(10),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page.projects.len(), 10);
    assert_eq!(
        page.projects[0].project_number.as_deref(),
        Some("INTG-00011")
    );
    assert!(page.projects[0]
        .project_owner
        .as_ref()
        .unwrap()
        .email
        .is_some());
    let since = page.request_timestamp.unwrap();

    let all = c.all_projects(PROGRAM, None, 100).await.unwrap();
    assert_eq!(all.projects.len(), 312);
    let statuses: std::collections::HashSet<_> = all
        .projects
        .iter()
        .map(|p| p.status_name().to_string())
        .collect();
    assert_eq!(statuses.len(), 6, "every status has projects: {statuses:?}");
    let p256 = all
        .projects
        .iter()
        .find(|p| p.label() == "INTG-00256")
        .unwrap();
    assert_eq!(p256.status_name(), "Technical Review");

    let too_big = c
        .projects(
            PROGRAM,
            &ProjectQuery {
                limit: Some(1001),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(too_big.kind(), "config");

    // Nothing changed since the first page's timestamp ...
    let none = c
        .all_projects(PROGRAM, Some(since - chrono::Duration::seconds(0)), 100)
        .await
        .unwrap();
    assert!(none.projects.is_empty(), "{:?}", none.projects.len());
    // ... until a draft save bumps LastChangeTimestamp (D14). Timestamps have whole
    // seconds, so ask for changes since one second before.
    c.save_draft(
        &form("INTG-00005", "TECHNICAL_REVIEW"),
        &[FieldUpdate::value("REVIEW_NOTES", "x")],
    )
    .await
    .unwrap();
    let changed = c
        .all_projects(PROGRAM, Some(since - chrono::Duration::seconds(1)), 100)
        .await
        .unwrap();
    assert_eq!(
        changed
            .projects
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>(),
        ["INTG-00005"]
    );
}

#[tokio::test]
async fn create_project_and_set_owner() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let p = c.create_project(PROGRAM).await.unwrap();
    assert_eq!(p.project.project_number, None);
    assert_eq!(p.project.status_name(), "Unsubmitted");
    assert_eq!(p.forms.len(), 4);
    let owner = c
        .set_owner(
            PROGRAM,
            &p.project.project_id,
            "maria.lopez@sunnyvalley.example",
        )
        .await
        .unwrap();
    assert_eq!(owner.name.as_deref(), Some("Maria Lopez"));
    let e = c
        .set_owner(PROGRAM, &p.project.project_id, "nobody@example.com")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "rejected");
    assert!(e
        .details()
        .unwrap()
        .server_message
        .as_deref()
        .unwrap()
        .contains("nobody@example.com"));
}

#[tokio::test]
async fn draft_save_validation_submit_and_new_number() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let submitted = c.project_data(&f, DataVersion::Submitted).await.unwrap();
    assert!(!submitted.can_submit);
    assert_eq!(submitted.field("HCA_RESULTS").unwrap().value, None);
    assert_eq!(
        submitted
            .attachment("SINGLE_LINE_DIAGRAM")
            .unwrap()
            .file_name
            .as_deref(),
        Some("single_line_diagram.pdf")
    );

    // A bad choice is refused, names the field, and saves nothing (D9).
    let e = c
        .save_draft(
            &f,
            &[
                FieldUpdate::value("HCA_ENGINEER", "A. Engineer"),
                FieldUpdate::value("HCA_RESULTS", "Maybe"),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind(), "rejected");
    assert!(e.to_string().contains("HCA_RESULTS"), "{e}");
    let draft = c.project_data(&f, DataVersion::Draft).await.unwrap();
    assert_eq!(draft.field("HCA_ENGINEER").unwrap().value, None);

    let draft = c
        .save_draft(
            &f,
            &[
                FieldUpdate::value("HCA_RESULTS", "Pass"),
                FieldUpdate::value("HCA_ENGINEER", "A. Engineer"),
                FieldUpdate::values("MITIGATIONS", vec!["Export limit".into()]),
            ],
        )
        .await
        .unwrap();
    assert!(draft.can_submit);
    assert_eq!(
        draft
            .field("MITIGATIONS")
            .unwrap()
            .values
            .as_deref()
            .unwrap(),
        ["Export limit"]
    );
    // Submitted data is unchanged until the submit.
    assert_eq!(
        c.project_data(&f, DataVersion::Submitted)
            .await
            .unwrap()
            .field("HCA_RESULTS")
            .unwrap()
            .value,
        None
    );

    let out = c.submit(&f).await.unwrap();
    assert!(!out.confirmed_by_reread);
    assert_eq!(out.project.status_name(), "Inspection Pending");
    assert_eq!(out.project.project_number.as_deref(), Some("INTG-00256"));
    let after = c.project_data(&f, DataVersion::Submitted).await.unwrap();
    assert_eq!(
        after.field("HCA_RESULTS").unwrap().value.as_deref(),
        Some("Pass")
    );

    // The form is no longer available in the new status: a second submit fails (D10).
    let e = c.submit(&f).await.unwrap_err();
    assert_eq!(e.kind(), "rejected");
    assert!(e.to_string().contains("Inspection Pending"), "{e}");

    // A new project gets its number on first submit.
    let p = c.create_project(PROGRAM).await.unwrap();
    let app = form(&p.project.project_id, "APPLICATION");
    let e = c.submit(&app).await.unwrap_err();
    assert!(
        e.to_string().contains("nothing to submit") || e.to_string().contains("no draft"),
        "{e}"
    );
    c.save_draft(
        &app,
        &[
            FieldUpdate::value("CUSTOMER_NAME", "Test"),
            FieldUpdate::value("SITE_ADDRESS", "1 Main St"),
            FieldUpdate::value("SYSTEM_SIZE_KW", "7.6"),
            FieldUpdate::value("SYSTEM_TYPE", "Solar PV"),
        ],
    )
    .await
    .unwrap();
    let not_complete = c.submit(&app).await.unwrap_err();
    assert!(
        not_complete.to_string().contains("Site plan"),
        "{not_complete}"
    );
    let plan = tempfile::Builder::new().suffix(".png").tempfile().unwrap();
    std::fs::write(plan.path(), powerclerk_sim::files::png(8, 8)).unwrap();
    c.upload(&app, "SITE_PLAN", plan.path(), &Transfer::default())
        .await
        .unwrap();
    let out = c.submit(&app).await.unwrap();
    assert_eq!(out.project.project_number.as_deref(), Some("INTG-00301"));
    assert_eq!(out.project.status_name(), "Application Review");
}

#[tokio::test]
async fn admin_saves_submitted_data_non_admin_is_refused() {
    let sim = sim(Knobs::default()).await;
    let f = form("INTG-00256", "TECHNICAL_REVIEW");
    let fields = [
        FieldUpdate::value("HCA_RESULTS", "Fail"),
        FieldUpdate::value("HCA_ENGINEER", "Admin"),
    ];
    let user = client(&sim);
    assert_eq!(
        user.save_submitted(&f, &fields, false)
            .await
            .unwrap_err()
            .kind(),
        "forbidden"
    );
    let admin = client_with(
        &sim,
        RateLimit::new(100, Duration::from_secs(1)),
        powerclerk_sim::DEMO_ADMIN_CLIENT_ID,
        powerclerk_sim::DEMO_ADMIN_SECRET,
    );
    let d = admin.save_submitted(&f, &fields, true).await.unwrap();
    assert_eq!(
        d.field("HCA_RESULTS").unwrap().value.as_deref(),
        Some("Fail")
    );
    assert_eq!(sim_json(&sim, "stats").await["followup_actions_run"], 1);
    let e = admin
        .save_submitted(&f, &[FieldUpdate::value("HCA_ENGINEER", "")], false)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("not complete"), "{e}");
}

#[tokio::test]
async fn ids_are_one_path_segment_and_project_numbers_work() {
    let sim = sim(Knobs::default()).await;
    let c = client(&sim);
    // The number and the id address the same project (D15).
    let by_number = c
        .project_data(
            &form("INTG-00256", "TECHNICAL_REVIEW"),
            DataVersion::Submitted,
        )
        .await
        .unwrap();
    let by_id = c
        .project_data(
            &form(
                &by_number.project.project_id,
                by_number.data_fields.len().to_string().as_str(),
            ),
            DataVersion::Submitted,
        )
        .await;
    assert_eq!(by_id.unwrap_err().kind(), "not_found");
    let by_id = c
        .project_data(
            &form(&by_number.project.project_id, "TECHNICAL_REVIEW"),
            DataVersion::Submitted,
        )
        .await
        .unwrap();
    assert_eq!(by_id.project.project_number.as_deref(), Some("INTG-00256"));

    for hostile in [
        "INTG/00256",
        "../INTG-00256",
        "INTG-00256/../../x",
        "INTG-00256?x=1",
        "INTG-00256#f",
        "%2e%2e",
    ] {
        let e = c
            .project_data(&form(hostile, "TECHNICAL_REVIEW"), DataVersion::Submitted)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), "not_found", "{hostile}");
    }
    let paths: Vec<String> = log(&sim)
        .await
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("/Projects/INTG%2F00256/Forms/TECHNICAL_REVIEW/Data")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.contains("/Projects/..%2FINTG-00256/")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .all(|p| p.contains("/Programs/M5JGHPZK7GFC/") || p.ends_with("/connect/token")),
        "{paths:?}"
    );
    // Dot segments are refused before anything is sent.
    let before = log(&sim).await.len();
    for dots in ["..", "."] {
        assert_eq!(
            c.project_data(&form(dots, "X"), DataVersion::Submitted)
                .await
                .unwrap_err()
                .kind(),
            "config"
        );
    }
    assert_eq!(log(&sim).await.len(), before);
}
