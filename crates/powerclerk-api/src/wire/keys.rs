//! The property names of PowerClerk's answers as the contract writes them (PascalCase), and
//! how a name in any other letter case maps onto them.

/// Every documented (or inferred, D5–D14) property name Clerkdesk reads. A property whose
/// name matches one of these in any letter case, with or without underscores, is read as
/// it; any other property is kept under its own name and ignored by the typed readers.
pub(crate) const CANONICAL: &[&str] = &[
    // Envelopes.
    "Programs",
    "Forms",
    "Form",
    "Project",
    "Projects",
    "Attachment",
    "Attachments",
    "Owner",
    "RequestTimestamp",
    "TotalCount",
    // Ids and names.
    "ProgramId",
    "FormId",
    "ProjectId",
    "StatusId",
    "DataFieldId",
    "AttachmentId",
    "CustomId",
    "Name",
    "Email",
    "Url",
    "ProjectNumber",
    // Projects.
    "LastChangeTimestamp",
    "ProjectOwner",
    "CurrentStatus",
    "Timestamp",
    // Forms and schemas.
    "AvailableInStatuses",
    "LeadsToStatus",
    "DataFields",
    "Type",
    "Required",
    "Choices",
    "Repeating",
    "AllowedExtensions",
    // Data.
    "CanSubmit",
    "Value",
    "Values",
    "FileName",
    "FileSize",
];

/// The letters of a name without case or separators: `DataFieldId`, `dataFieldId`,
/// `DATAFIELDID` and `data_field_id` all fold to `datafieldid`.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The documented name `name` stands for, if any.
pub(crate) fn canonical(name: &str) -> Option<&'static str> {
    if let Some(exact) = CANONICAL.iter().find(|c| **c == name) {
        return Some(exact);
    }
    let folded = fold(name);
    CANONICAL.iter().copied().find(|c| fold(c) == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_letter_case_maps_to_the_documented_name() {
        for (seen, meant) in [
            ("DataFieldId", "DataFieldId"),
            ("dataFieldId", "DataFieldId"),
            ("DATAFIELDID", "DataFieldId"),
            ("data_field_id", "DataFieldId"),
            ("url", "Url"),
            ("URL", "Url"),
            ("canSubmit", "CanSubmit"),
        ] {
            assert_eq!(canonical(seen), Some(meant), "{seen}");
        }
        assert_eq!(canonical("SomethingNew"), None);
    }

    #[test]
    fn no_two_documented_names_fold_alike() {
        for (i, a) in CANONICAL.iter().enumerate() {
            for b in &CANONICAL[i + 1..] {
                assert_ne!(fold(a), fold(b), "{a} / {b}");
            }
        }
    }
}
