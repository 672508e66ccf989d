//! Every choice Clerkdesk makes where the PowerClerk API V2 contract is silent
//! (`powerclerk-api-v2.md`, section 8) lives here, so that it can change in one
//! place once the real service has been observed.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// D1: the V2 root of the PCI Trial sandbox.
pub const PCI_TRIAL_API_URL: &str = "https://api.cleanpowerdemo.com/PCITrial/services/v2";
/// D1: the token endpoint of the PCI Trial sandbox.
pub const PCI_TRIAL_TOKEN_URL: &str = "https://identity.cleanpowerdemo.com/PCITrial/connect/token";
/// D1 (inferred): the production V2 root. Its token URL is unknown and must be configured.
pub const PRODUCTION_API_URL: &str = "https://api.powerclerk.com/services/v2";

/// Section 3: the documented default limit, per API key.
pub const DEFAULT_MAX_CALLS: u32 = 60;
/// D4: the server counts in a sliding window of this length.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(60);
/// D4: a 429 without `Retry-After` pauses for at most this long ...
pub const RETRY_AFTER_WHEN_ABSENT: Duration = Duration::from_secs(60);
/// ... starting at this, doubling with each further 429 within two windows.
pub const RETRY_AFTER_ABSENT_FIRST: Duration = Duration::from_secs(1);
/// A `Retry-After` longer than this is treated as this (a misconfigured server must not
/// freeze the app for hours).
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(300);
/// After this many 429s that arrived although the local budget was respected, the limiter
/// falls back to even spacing.
pub const UNEXPECTED_429_BEFORE_FALLBACK: u32 = 2;
/// In fallback mode calls are spaced evenly at this fraction of the configured rate.
pub const FALLBACK_RATE_FRACTION: f64 = 0.5;

/// Section 2.2: refresh a token this long before it expires (the article uses 60 s); for short
/// lifetimes (tests) at most a fifth of the lifetime.
pub const TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// Section 2.2: a token answer without `expires_in` is taken to last this long.
pub const TOKEN_LIFETIME_WHEN_ABSENT: Duration = Duration::from_secs(3600);
/// Section 2.2: the only token type Clerkdesk can send. RFC 6749 makes `token_type`
/// required; an answer without it is taken as Bearer (the article's class never looks), any
/// other type is refused.
pub const TOKEN_TYPE: &str = "Bearer";

/// D7: GetFormSchema answering one of these statuses means "this server has no schema
/// endpoint": build the form from GetProjectData and treat every field as text.
pub const SCHEMA_UNAVAILABLE_STATUSES: [u16; 2] = [404, 405];

/// D14: the server's maximum page size for GetProjects.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// D3: the JSON key of the server's error message (ASP.NET Web API default).
pub const ERROR_MESSAGE_KEY: &str = "Message";
/// D3: how much of a non-JSON error body is kept as details.
pub const RAW_ERROR_BODY_CHARS: usize = 300;

/// Section 5.13: the Content-Type to send for an uploaded file, by extension.
pub fn content_type_for_extension(ext: &str) -> &'static str {
    match ext.to_ascii_lowercase().as_str() {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv" => "text/csv",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// D9: how a field the user cleared is written. The contract says `"Value": ""`; a server
/// that types its values may want `null` instead. Nothing in an answer tells which, so it is
/// a setting of the connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClearedField {
    /// `"Value": ""` (the contract).
    #[default]
    EmptyText,
    /// `"Value": null`.
    Null,
}

/// D9 / section 4.4: the form a changed value is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueWriting {
    /// As the server wrote that field (a number as a JSON number, true/false as JSON
    /// booleans); as text when it has not been seen or the server writes text.
    #[default]
    AsTheServerWrites,
    /// Always as text (the contract's form), whatever the server writes.
    AlwaysText,
}

/// The section-8 choices no answer can settle safely: settings of a connection, with the
/// contract's choice as the default. Everything that can be detected is adapted to
/// automatically instead (see `wire`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Switches {
    /// How a cleared field is written.
    pub cleared_field: ClearedField,
    /// The form of written values.
    pub value_writing: ValueWriting,
}

/// D7 / D9: ids (program, form, field, attachment) are matched without regard to letter
/// case, since a .NET service may echo them in another case than they were sent.
pub fn same_id(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}
