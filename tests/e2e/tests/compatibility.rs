//! The window against a PowerClerk that writes its answers another plausible way
//! (camelCase names, typed values, dates with a time part, types as numbers, timestamps
//! without an offset, extra properties): the compatibility check is offered after the first
//! connection and says what differs; the work queue and a form read as against the
//! documented form; a save writes only what the user changed; the report holds no secret.

use clerkdesk_e2e::connect::fill_connect_form;
use clerkdesk_e2e::{answer_dialog, AppWindow};
use powerclerk_sim::model::Val;
use powerclerk_sim::{Deviation, Knobs, SimOptions, Simulator};
use thirtyfour::prelude::*;

fn set_value(sim: &Simulator, number: &str, field: &str, value: &str) {
    sim.with_state(|st| {
        let form = st.program.form("TECHNICAL_REVIEW").unwrap();
        let (fid, form_id) = (
            form.fields.iter().find(|f| f.is(field)).unwrap().id.clone(),
            form.id.clone(),
        );
        let p = st
            .program
            .projects
            .iter_mut()
            .find(|p| p.number.as_deref() == Some(number))
            .unwrap();
        let fs = p.forms.get_mut(&form_id).unwrap();
        fs.draft = None;
        fs.submitted.values.insert(fid, Val::Single(value.into()));
    });
}

/// The value PowerClerk holds now (the draft's when there is one).
fn draft_value(sim: &Simulator, number: &str, field: &str) -> Option<String> {
    sim.with_state(|st| st.value_of(number, "TECHNICAL_REVIEW", field))
}

async fn value_of(app: &AppWindow, label: &str) -> String {
    app.labelled(label)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_differently_written_powerclerk_reads_and_checks_the_same() {
    let sim = Simulator::start(SimOptions {
        knobs: Knobs {
            deviations: vec![
                Deviation::CamelCase,
                Deviation::TypedValues,
                Deviation::DateTimes,
                Deviation::NumericEnums,
                Deviation::NoOffset,
                Deviation::UnknownProperties,
            ],
            ..Knobs::default()
        },
        ..SimOptions::default()
    })
    .await
    .unwrap();
    set_value(&sim, "INTG-00256", "UPGRADE_COST", "1250.5");
    set_value(&sim, "INTG-00256", "STUDY_DATE", "2026-11-14");
    set_value(&sim, "INTG-00256", "UPGRADES_REQUIRED", "true");

    let app = AppWindow::start(&[]).await;
    fill_connect_form(&app, &sim, "Variant", powerclerk_sim::DEMO_SECRET).await;
    app.wait_for_text("Check this PowerClerk?").await;
    let before = sim.with_state(|st| st.log.len());
    app.answer_question(true).await;
    app.wait_for_text("This PowerClerk differs in").await;
    let (calls, writes) = sim.with_state(|st| {
        let api: Vec<_> = st.log.iter().skip(before).collect();
        (api.len(), api.iter().filter(|e| e.method != "GET").count())
    });
    assert!(calls <= 9, "{calls} calls");
    assert_eq!(writes, 0, "the check never writes");
    for differs in [
        "Property names",
        "Field values",
        "Timestamps",
        "Form fields (GetFormSchema)",
    ] {
        let row = app
            .driver
            .find(By::XPath(format!(
                "//tr[th[normalize-space(.)={}]]",
                clerkdesk_e2e::xpath_literal(differs)
            )))
            .await
            .unwrap();
        assert_eq!(
            row.attr("data-verdict").await.unwrap().as_deref(),
            Some("differs"),
            "{differs}"
        );
    }
    app.assert_accessible("settings with the compatibility check")
        .await;
    if let Some(d) = std::env::var_os("CLERKDESK_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&d).join("compatibility.png"))
            .await;
    }

    // The report, saved through the native dialog, holds no secret.
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.md");
    app.button("Save report…").await.click().await.unwrap();
    answer_dialog("Save the compatibility report", &report).await;
    app.wait_status("Saved the report").await;
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("| Property names | **Differs**"), "{text}");
    let mut secrets = vec![
        powerclerk_sim::DEMO_API_KEY.to_string(),
        powerclerk_sim::DEMO_SECRET.to_string(),
    ];
    secrets.extend(sim.with_state(|st| st.tokens.keys().cloned().collect::<Vec<_>>()));
    for s in secrets {
        assert!(!text.contains(&s), "a secret in the report");
    }

    // The work queue lists every project.
    let total = sim.with_state(|st| st.program.projects.len());
    app.button("Projects").await.click().await.unwrap();
    app.wait_status(&format!("{total} projects in this program."))
        .await;

    // The form shows the typed values and the date, by their meaning.
    app.open_form("INTG-00256", "Technical Review").await;
    assert_eq!(
        value_of(&app, "Estimated upgrade cost (USD)").await,
        "1250.5"
    );
    assert_eq!(value_of(&app, "Study date").await, "2026-11-14");
    let upgrades = app.labelled("Upgrades required").await;
    assert!(upgrades.is_selected().await.unwrap());

    // Only what the user changed is written.
    app.labelled("HCA engineer")
        .await
        .send_keys("Variant engineer")
        .await
        .unwrap();
    app.wait_for_text("1 unsaved change").await;
    app.button("Save draft").await.click().await.unwrap();
    app.answer_question(true).await;
    app.wait_status("Saved draft of Technical Review").await;
    assert_eq!(
        draft_value(&sim, "INTG-00256", "STUDY_DATE").as_deref(),
        Some("2026-11-14")
    );
    assert_eq!(
        draft_value(&sim, "INTG-00256", "UPGRADE_COST").as_deref(),
        Some("1250.5")
    );
    assert!(draft_value(&sim, "INTG-00256", "HCA_ENGINEER")
        .unwrap()
        .ends_with("Variant engineer"));

    // The save is in Activity, and its CSV export goes where the save dialog says.
    app.button("Activity").await.click().await.unwrap();
    app.button("Export as CSV…").await.click().await.unwrap();
    let csv = out.path().join("activity.csv");
    answer_dialog("Export activity as CSV", &csv).await;
    app.wait_status("Exported").await;
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("INTG-00256") && text.contains("Save draft"),
        "{text}"
    );
    app.quit().await;
}
