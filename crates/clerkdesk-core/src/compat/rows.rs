//! The report's rows: each section-8 decision (and each way of writing answers) judged by
//! what the check's calls brought back and what the client noticed while reading them.

use powerclerk_api::decisions::{ClearedField, ValueWriting};
use powerclerk_api::FieldType;

use super::{DecisionRow, Findings, Verdict};

fn row(
    decision: &str,
    topic: &str,
    verdict: Verdict,
    seen: String,
    clerkdesk: &str,
) -> DecisionRow {
    DecisionRow {
        decision: decision.into(),
        topic: topic.into(),
        verdict,
        seen,
        clerkdesk: clerkdesk.into(),
    }
}

const NEVER_WRITES: &str = "The check never writes.";

fn plural(n: usize, one: &str) -> String {
    match (n, one.strip_suffix('y')) {
        (1, _) => format!("1 {one}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {one}s"),
    }
}

pub(super) fn rows(f: &Findings) -> Vec<DecisionRow> {
    use Verdict::*;
    let o = &f.observed;
    let mut out = Vec::new();
    let reached = matches!(f.programs, Some(Ok(_)));
    out.push(row(
        "D1",
        "Addresses",
        if reached { Confirmed } else { Differs },
        if reached {
            "The API answered at the configured address.".into()
        } else {
            "The API did not answer at the configured address.".into()
        },
        "Uses the address as configured in Settings.",
    ));
    out.push(row(
        "D2",
        "Sign-in (OAuth client credentials)",
        Confirmed,
        "A Bearer token was issued.".into(),
        "Keeps the token and renews it before it expires.",
    ));
    out.push(errors_row(f));
    out.push(match o.rate_limit_hints.as_slice() {
        [] => row("D4", "Rate limit", NotChecked, "No call was refused for the rate limit (the check never provokes it).".into(),
            "Stays under the calls per minute set for the key; after a refusal waits as the answer says."),
        hints if hints.iter().all(|h| h == "Retry-After") => row("D4", "Rate limit", Confirmed, "A refusal gave its wait in Retry-After.".into(), "Waits as Retry-After says."),
        hints => row("D4", "Rate limit", Differs, format!("A refusal gave its wait in {}.", hints.join(", ")), "Waits as that header says."),
    });
    out.push(match &f.programs {
        Some(Ok(p)) if p.is_empty() => row(
            "D5",
            "Programs",
            Differs,
            "No program is visible to this key.".into(),
            "Asks for the program id in Settings.",
        ),
        Some(Ok(p)) if p.iter().any(|p| p.name.trim().is_empty()) => row(
            "D5",
            "Programs",
            Differs,
            format!(
                "{}, at least one without a name.",
                plural(p.len(), "program")
            ),
            "Shows such a program by its id.",
        ),
        Some(Ok(p)) => row(
            "D5",
            "Programs",
            Confirmed,
            format!(
                "{}, each with an id and a name.",
                plural(p.len(), "program")
            ),
            "Lists them by name.",
        ),
        Some(Err(e)) => row(
            "D5",
            "Programs",
            Differs,
            format!("Could not be read: {e}"),
            "Asks for the program id in Settings.",
        ),
        None => row("D5", "Programs", NotChecked, String::new(), ""),
    });
    out.push(match &f.forms {
        Some(Ok(fs)) if fs.iter().all(|f| f.available_in_statuses.is_empty()) => row("D6", "Forms", Differs,
            format!("{}, none saying in which statuses it can be submitted.", plural(fs.len(), "form")),
            "Lets PowerClerk decide whether a form can be submitted, instead of saying so beforehand."),
        Some(Ok(fs)) => row("D6", "Forms", Confirmed, format!("{} with their statuses.", plural(fs.len(), "form")), "Shows each form's tab and when it can be submitted."),
        Some(Err(e)) => row("D6", "Forms", Differs, format!("Could not be read: {e}"), "Asks for a form by its id."),
        None => row("D6", "Forms", NotChecked, "No program to read forms of.".into(), ""),
    });
    out.push(schema_row(f));
    out.push(match (&f.submitted, &f.draft) {
        (Some(Ok(s)), Some(Ok(_))) => row(
            "D8",
            "Project data and drafts",
            Confirmed,
            format!(
                "{} and {} listed; a draft could be read.",
                plural(s.data_fields.len(), "field"),
                plural(s.attachments.len(), "attachment")
            ),
            "Shows the draft when there is one, else the submitted values.",
        ),
        (Some(Err(e)), _) | (_, Some(Err(e))) => row(
            "D8",
            "Project data and drafts",
            Differs,
            format!("Could not be read: {e}"),
            "Says so when a form is opened.",
        ),
        _ => row(
            "D8",
            "Project data and drafts",
            NotChecked,
            "No numbered project to read.".into(),
            "",
        ),
    });
    let writing = match f.switches.value_writing {
        ValueWriting::AlwaysText => "Writes every value as text (Settings switch).",
        ValueWriting::AsTheServerWrites if o.typed_values => "Writes numbers and yes/no values back as JSON numbers and true/false, as this server writes them.",
        ValueWriting::AsTheServerWrites => "Writes values as text, as the contract says.",
    };
    let cleared = match f.switches.cleared_field {
        ClearedField::EmptyText => "A cleared field is sent as empty text (switch in Settings).",
        ClearedField::Null => "A cleared field is sent as null (switch in Settings).",
    };
    out.push(row(
        "D9",
        "Saving drafts",
        NotChecked,
        NEVER_WRITES.into(),
        &format!("{writing} {cleared} Only changed fields are sent."),
    ));
    out.push(row("D10", "Submitting", NotChecked, NEVER_WRITES.into(), "Never sends a submit twice; after a lost answer reads the project to see whether it arrived."));
    let files_listed = f
        .submitted
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(|d| d.attachments.iter().any(|a| a.file_name.is_some()));
    out.push(row("D11", "Downloads", NotChecked,
        match files_listed { Some(true) => "Files are listed with their names; no file was downloaded.".into(), _ => "No file was downloaded.".into() },
        "Names the saved file after the answer's Content-Disposition, else after the name the form lists."));
    out.push(row(
        "D12",
        "Uploads",
        NotChecked,
        NEVER_WRITES.into(),
        "Never resends an upload blindly; after a lost answer reads the form.",
    ));
    out.push(row(
        "D13",
        "New projects",
        NotChecked,
        NEVER_WRITES.into(),
        "Clerkdesk does not create projects.",
    ));
    out.push(paging_row(f));
    out.push(match &f.submitted {
        Some(Ok(_)) => row(
            "D15",
            "Projects addressed by number",
            Confirmed,
            "A project was read by its number.".into(),
            "Addresses projects by number.",
        ),
        Some(Err(e)) => row(
            "D15",
            "Projects addressed by number",
            Differs,
            format!("A project could not be read by its number: {e}"),
            "Report this: Clerkdesk addresses projects by number.",
        ),
        None => row(
            "D15",
            "Projects addressed by number",
            NotChecked,
            "No numbered project.".into(),
            "",
        ),
    });
    out.push(match (o.timestamps_without_offset, o.timestamps_with_offset) {
        (true, _) => row("D16", "Timestamps", Differs, "Timestamps without a time zone offset.".into(),
            "Reads them as UTC and sends them back in the same form, so \"changed since\" stays exact; times shown may be off by the server's offset."),
        (false, true) => row("D16", "Timestamps", Confirmed, "Timestamps with an offset.".into(), "Shows them in your time zone."),
        _ => row("D16", "Timestamps", NotChecked, "No timestamp was seen.".into(), ""),
    });
    out.push(row(
        "D17",
        "JSON",
        if o.bom { Differs } else { Confirmed },
        if o.bom {
            "JSON after a byte-order mark.".into()
        } else {
            "JSON.".into()
        },
        if o.bom {
            "Skips the byte-order mark."
        } else {
            "Reads JSON."
        },
    ));
    out.push(match &o.other_key_case {
        Some(k) => row(
            "",
            "Property names",
            Differs,
            format!("Written in another letter case (for example \"{k}\")."),
            "Reads property names in any letter case.",
        ),
        None => row(
            "",
            "Property names",
            Confirmed,
            "PascalCase, as documented.".into(),
            "Reads property names in any letter case.",
        ),
    });
    let mut values = Vec::new();
    if o.typed_values {
        values.push("numbers and yes/no values as JSON numbers and true/false");
    }
    if o.dates_with_time {
        values.push("dates with a time part");
    }
    out.push(if values.is_empty() {
        row("", "Field values", Confirmed, "As text, as documented.".into(), "Compares values by meaning, never by their text alone.")
    } else {
        row("", "Field values", Differs, format!("Written as {}.", values.join("; ")), "Reads them as text and compares by meaning (12.0 is 12; a date is the same date at midnight), so nothing unchanged is ever written.")
    });
    out.push(if o.unknown_keys.is_empty() {
        row(
            "",
            "Other properties",
            Confirmed,
            "None beyond the documented ones.".into(),
            "Ignores any it does not know.",
        )
    } else {
        row(
            "",
            "Other properties",
            Differs,
            format!(
                "{} not in the contract (for example \"{}\").",
                plural(o.unknown_keys.len(), "property"),
                o.unknown_keys[0]
            ),
            "Ignores them.",
        )
    });
    out
}

fn errors_row(f: &Findings) -> DecisionRow {
    use Verdict::*;
    let styles = &f.observed.error_styles;
    let status = f.missing.flatten();
    let shape = if styles.is_empty() {
        "no message".to_string()
    } else {
        styles.join(", ")
    };
    match status {
        None if f.missing.is_some() => row("D3", "Error answers", Differs, "A project that does not exist was answered as if it existed.".into(), "Report this to Clean Power Research."),
        None => row("D3", "Error answers", NotChecked, "No error answer was seen.".into(), "Shows PowerClerk's own message under Details."),
        Some(404) if styles.iter().all(|s| s == "Message") && !styles.is_empty() => row("D3", "Error answers", Confirmed,
            "404 with {\"Message\"} for a project that does not exist.".into(), "Shows PowerClerk's message under Details."),
        Some(s) => row("D3", "Error answers", Differs, format!("{s} with {shape} for a project that does not exist."),
            "Reads Message, ModelState, problem details (title, detail, errors) or plain text; names each field by its label."),
    }
}

fn schema_row(f: &Findings) -> DecisionRow {
    use Verdict::*;
    match &f.schema {
        Some(Ok(s)) => {
            let unknown = s
                .data_fields
                .iter()
                .filter(|d| d.r#type == FieldType::Other)
                .count();
            if f.observed.enum_numbers {
                row("D7", "Form fields (GetFormSchema)", Differs, format!("{}; types given as numbers.", plural(s.data_fields.len(), "field")),
                    "Reads a type number by its order: 0 Text, 1 Number, 2 Date, 3 Checkbox, 4 Choice, 5 MultiChoice.")
            } else if unknown > 0 {
                row(
                    "D7",
                    "Form fields (GetFormSchema)",
                    Differs,
                    format!(
                        "{}, {unknown} of a type Clerkdesk does not know.",
                        plural(s.data_fields.len(), "field")
                    ),
                    "Treats fields of an unknown type as text.",
                )
            } else {
                row(
                    "D7",
                    "Form fields (GetFormSchema)",
                    Confirmed,
                    format!("{} with their types.", plural(s.data_fields.len(), "field")),
                    "Shows each field by its type.",
                )
            }
        }
        Some(Err((Some(404 | 405), _))) => row(
            "D7",
            "Form fields (GetFormSchema)",
            Differs,
            "No schema call on this server.".into(),
            "Builds the form from a project's data; every field is text.",
        ),
        Some(Err((_, e))) => row(
            "D7",
            "Form fields (GetFormSchema)",
            Differs,
            format!("Could not be read: {e}"),
            "Builds the form from a project's data.",
        ),
        None => row(
            "D7",
            "Form fields (GetFormSchema)",
            NotChecked,
            "No form to read.".into(),
            "",
        ),
    }
}

fn paging_row(f: &Findings) -> DecisionRow {
    use Verdict::*;
    let Some(Ok(first)) = &f.first_page else {
        return match &f.first_page {
            Some(Err(e)) => row(
                "D14",
                "Lists of projects",
                Differs,
                format!("Could not be read: {e}"),
                "Says so instead of showing a short list.",
            ),
            _ => row("D14", "Lists of projects", NotChecked, String::new(), ""),
        };
    };
    let n = first.projects.len();
    let more = matches!(&f.second_page, Some(Ok(p)) if !p.projects.is_empty());
    let since = match &f.changed {
        Some(Ok(_)) => " \"Changed since\" was answered.",
        Some(Err(_)) => " \"Changed since\" was refused.",
        None => " No RequestTimestamp to ask \"changed since\" with.",
    };
    if (n as u32) < f.asked_limit && more {
        row(
            "D14",
            "Lists of projects",
            Differs,
            format!(
                "Pages of at most {n} projects although {} were asked for.{since}",
                f.asked_limit
            ),
            "Finds the cap and pages by it, so lists stay complete.",
        )
    } else if matches!(f.changed, Some(Ok(_))) {
        row(
            "D14",
            "Lists of projects",
            Confirmed,
            format!("{} on the first page.{since}", plural(n, "project")),
            "Pages 1,000 at a time.",
        )
    } else {
        row(
            "D14",
            "Lists of projects",
            Differs,
            format!("{} on the first page.{since}", plural(n, "project")),
            "Reads the whole list again to see changes.",
        )
    }
}
