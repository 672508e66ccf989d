//! The one error type of the client. Every variant reads as a plain sentence a program
//! manager can act on; the HTTP status and the server's own words are kept as details.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

mod kind;
mod text;

pub use kind::ErrorKind;
pub(crate) use text::bytes_text;
use text::{hyper_cause, rate_limited_text, redirect_text, seconds_text, transport_text};

/// What the server said, for a "Details" expander. Never holds a secret.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Details {
    /// HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// The server's message (`Message` of the JSON body) or the start of its raw text.
    pub server_message: Option<String>,
    /// Field-level texts of a validation refusal: (the field's key as the server named it,
    /// the text). Empty when the server gave none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub field_errors: Vec<(String, String)>,
}

impl Details {
    /// Details of an HTTP answer.
    pub fn http(status: u16, server_message: Option<String>) -> Self {
        Self {
            status: Some(status),
            server_message,
            field_errors: Vec::new(),
        }
    }
}

/// Where an answer could not be read, in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnreadablePlace {
    /// What the call was about ("form TECHNICAL_REVIEW of project INTG-00256").
    pub call: String,
    /// Where in the answer (`Project.DataFields[3].Value`).
    pub at: String,
    /// What was there, in words ("an object").
    pub found: String,
    /// What Clerkdesk reads there, in words.
    pub expected: String,
}

/// The `details` of every variant that has them, by reference or by mutable reference
/// (match ergonomics pick which): one list for both accessors.
macro_rules! with_details {
    ($e:expr) => {
        match $e {
            Error::BadCredentials { details }
            | Error::Unauthorized { details }
            | Error::Forbidden { details }
            | Error::NotFound { details, .. }
            | Error::Rejected { details, .. }
            | Error::TooLarge { details }
            | Error::RateLimited { details, .. }
            | Error::Server { details }
            | Error::Network { details }
            | Error::Interrupted { details }
            | Error::Redirected { details, .. }
            | Error::HtmlPage { details }
            | Error::NotPowerClerk { details }
            | Error::Timeout { details }
            | Error::SubmitNotApplied { details }
            | Error::UploadNotApplied { details }
            | Error::UnexpectedResponse { details }
            | Error::Unreadable { details, .. } => Some(details),
            _ => None,
        }
    };
}

/// Anything that can go wrong talking to PowerClerk.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A setting is unusable; nothing was sent.
    #[error("{message}")]
    InvalidConfig {
        /// What is wrong and how it should look.
        message: String,
    },
    /// A plain-http address that is not this computer.
    #[error("Clerkdesk only connects to PowerClerk over a secure connection (https://). Change \"{url}\" to start with https:// in Settings.")]
    InsecureUrl {
        /// The refused address (without any user info).
        url: String,
    },
    /// The token endpoint refused the client id or secret.
    #[error("PowerClerk rejected the client id or secret — check them in Settings.")]
    BadCredentials {
        /// Status and server text.
        details: Details,
    },
    /// The API refused the API key or the sign-in even with a fresh token.
    #[error("PowerClerk did not accept the API key — check it in Settings, or ask Clean Power Research whether the key is active.")]
    Unauthorized {
        /// Status and server text.
        details: Details,
    },
    /// Authenticated, but not allowed.
    #[error("Your PowerClerk account is not allowed to do this. Ask a program administrator for access.")]
    Forbidden {
        /// Status and server text.
        details: Details,
    },
    /// Unknown program, project, form or attachment, or no file.
    #[error("PowerClerk could not find {what}. Check the number or name and try again.")]
    NotFound {
        /// What was looked for, in words ("project INTG-00256").
        what: String,
        /// Status and server text.
        details: Details,
    },
    /// PowerClerk refused the request as invalid (validation, not complete, wrong status).
    #[error("PowerClerk did not accept this: {message}")]
    Rejected {
        /// The server's explanation, or a generic sentence.
        message: String,
        /// Status and server text.
        details: Details,
    },
    /// The file is larger than PowerClerk accepts.
    #[error("The file is larger than PowerClerk accepts. Make it smaller (for example, save the PDF at a lower quality) and try again.")]
    TooLarge {
        /// Status and server text.
        details: Details,
    },
    /// The server kept answering 429 after every allowed retry, or asked for a longer wait
    /// than the retry budget allows.
    #[error("{}", rate_limited_text(*retry_after))]
    RateLimited {
        /// The last `Retry-After`, if any.
        retry_after: Option<Duration>,
        /// Status and server text.
        details: Details,
    },
    /// A 5xx answer that retries did not cure.
    #[error("PowerClerk had a problem on its side. Try again in a few minutes.")]
    Server {
        /// Status and server text.
        details: Details,
    },
    /// No connection could be made.
    #[error("Could not reach PowerClerk. Check your internet connection (and proxy or VPN), then try again.")]
    Network {
        /// The transport's own description.
        details: Details,
    },
    /// The connection broke after the call was sent, before the whole answer arrived.
    #[error("The connection to PowerClerk broke before its answer was complete. Try again; if it keeps happening, the network may be unstable.")]
    Interrupted {
        /// The transport's own description.
        details: Details,
    },
    /// No answer in time.
    #[error("PowerClerk did not answer in time. Try again; if it keeps happening, PowerClerk may be slow right now.")]
    Timeout {
        /// The transport's own description.
        details: Details,
    },
    /// The connection broke while submitting and PowerClerk shows the form was not submitted.
    #[error("The connection broke while submitting, and PowerClerk shows that the form was not submitted. Nothing changed; you can submit again.")]
    SubmitNotApplied {
        /// What went wrong on the wire.
        details: Details,
    },
    /// The connection broke while uploading and the file is not in PowerClerk.
    #[error("The connection broke while uploading, and the file is not in PowerClerk. Try the upload again.")]
    UploadNotApplied {
        /// What went wrong on the wire.
        details: Details,
    },
    /// A download ended before all the bytes the server announced.
    #[error("The download was cut off after {} of {}. Nothing was saved; try again.", crate::error::bytes_text(*done), crate::error::bytes_text(*total))]
    Truncated {
        /// Bytes received.
        done: u64,
        /// Bytes announced.
        total: u64,
    },
    /// The address answered with a redirect, which is never followed (it could carry the
    /// token elsewhere).
    #[error("{}", redirect_text(location.as_deref()))]
    Redirected {
        /// Where it pointed, if it said.
        location: Option<String>,
        /// Status.
        details: Details,
    },
    /// An HTML page came back instead of PowerClerk's JSON: a proxy, firewall or sign-in
    /// portal answered.
    #[error("A web page came back instead of PowerClerk's answer: a proxy, firewall or network sign-in page between this computer and PowerClerk may be blocking the call. Try another network, or ask your IT department to allow PowerClerk.")]
    HtmlPage {
        /// Status and the start of the page's text.
        details: Details,
    },
    /// The reply was not HTTP, or not from a PowerClerk-like service at all.
    #[error(
        "The server at this address did not answer like PowerClerk. Check the address in Settings."
    )]
    NotPowerClerk {
        /// What was wrong with it.
        details: Details,
    },
    /// A paged listing did not come to an end.
    #[error("The list of projects could not be read completely: {reason}. Try again; if it keeps happening, report it to Clean Power Research.")]
    Paging {
        /// What the server did.
        reason: String,
    },
    /// An answer larger than Clerkdesk reads.
    #[error("PowerClerk's answer was larger than Clerkdesk accepts ({}). Nothing was changed; if this keeps happening, report it with the details.", crate::error::bytes_text(*limit))]
    AnswerTooLarge {
        /// The cap that was passed.
        limit: u64,
    },
    /// The sign-in service issued a token of a kind Clerkdesk cannot use.
    #[error("The sign-in service answered with an unsupported token type (\"{token_type}\"); Clerkdesk needs a Bearer token. Check the token address in Settings.")]
    UnsupportedToken {
        /// The `token_type` it sent.
        token_type: String,
    },
    /// The server's answer could not be understood.
    #[error("PowerClerk sent an answer Clerkdesk could not read. Try again; if it keeps happening, report it with the details.")]
    UnexpectedResponse {
        /// What was wrong with it.
        details: Details,
    },
    /// An answer with a property of a kind Clerkdesk cannot read there (after every
    /// tolerated form was tried).
    #[error("PowerClerk's answer about {} has `{}` = {}; Clerkdesk expected {}. Nothing was changed. If this keeps happening, run Settings → Connection → Check compatibility and send the report to your Clerkdesk contact.", place.call, place.at, place.found, place.expected)]
    Unreadable {
        /// Which call, where in its answer, what was there.
        place: Box<UnreadablePlace>,
        /// Status.
        details: Details,
    },
    /// A local file could not be read or written.
    #[error("Could not use the file {}: {reason}", path.display())]
    File {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's reason, in words.
        reason: String,
    },
    /// The caller cancelled a transfer.
    #[error("Cancelled.")]
    Cancelled,
}

impl Error {
    /// A stable machine-readable name for the UI and for scripts.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidConfig { .. } => ErrorKind::Config,
            Error::InsecureUrl { .. } => ErrorKind::InsecureUrl,
            Error::BadCredentials { .. } => ErrorKind::BadCredentials,
            Error::Unauthorized { .. } => ErrorKind::Unauthorized,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Rejected { .. } => ErrorKind::Rejected,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Server { .. } => ErrorKind::Server,
            Error::Network { .. } => ErrorKind::Network,
            Error::Interrupted { .. } => ErrorKind::Interrupted,
            Error::Truncated { .. } => ErrorKind::Truncated,
            Error::Redirected { .. } => ErrorKind::Redirected,
            Error::HtmlPage { .. } => ErrorKind::HtmlPage,
            Error::NotPowerClerk { .. } => ErrorKind::NotPowerclerk,
            Error::AnswerTooLarge { .. } => ErrorKind::AnswerTooLarge,
            Error::Paging { .. } => ErrorKind::Paging,
            Error::UnsupportedToken { .. } => ErrorKind::UnsupportedToken,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::SubmitNotApplied { .. } => ErrorKind::SubmitNotApplied,
            Error::UploadNotApplied { .. } => ErrorKind::UploadNotApplied,
            Error::UnexpectedResponse { .. } => ErrorKind::UnexpectedResponse,
            Error::Unreadable { .. } => ErrorKind::UnreadableAnswer,
            Error::File { .. } => ErrorKind::File,
            Error::Cancelled => ErrorKind::Cancelled,
        }
    }

    /// Status and server text, when there are any.
    pub fn details(&self) -> Option<&Details> {
        with_details!(self)
    }

    /// The HTTP status behind the error, if any.
    pub fn status(&self) -> Option<u16> {
        self.details().and_then(|d| d.status)
    }

    /// True when nothing was sent because of local input or configuration.
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            Error::InvalidConfig { .. } | Error::InsecureUrl { .. } | Error::File { .. }
        )
    }

    /// True for failures after which the server may or may not have acted (no answer, or a
    /// 5xx): a write must then be reconciled by reading, never resent blindly.
    pub fn is_ambiguous(&self) -> bool {
        matches!(
            self,
            Error::Timeout { .. }
                | Error::Network { .. }
                | Error::Interrupted { .. }
                | Error::Server { .. }
                | Error::HtmlPage { .. }
                | Error::NotPowerClerk { .. }
        )
    }

    /// Replaces every known secret in the error's texts (the server may echo them).
    pub fn redacted(mut self, redactor: &crate::redact::Redactor) -> Self {
        let fix = |s: &mut String| {
            let clean = redactor.redact(s);
            if clean != *s {
                *s = clean;
            }
        };
        match &mut self {
            Error::InvalidConfig { message } => fix(message),
            Error::Rejected { message, details } => {
                fix(message);
                details.server_message.as_mut().map(fix);
            }
            Error::Redirected { location, details } => {
                location.as_mut().map(fix);
                details.server_message.as_mut().map(fix);
            }
            Error::File { reason, .. } => fix(reason),
            Error::Unreadable { place, details } => {
                fix(&mut place.call);
                details.server_message.as_mut().map(fix);
            }
            Error::NotFound { what, details } => {
                fix(what);
                details.server_message.as_mut().map(fix);
            }
            other => {
                if let Some(d) = other.details_mut() {
                    d.server_message.as_mut().map(fix);
                }
            }
        }
        self
    }

    /// A validation refusal of a data save with each field-level text keyed by the id of
    /// the field it is about: a key that points into the request (`request.Project.
    /// DataFields[2].Value`, `$.Project.DataFields[2]`) becomes that field's id, a bare
    /// field id stays. The message is rebuilt from the keys.
    pub(crate) fn with_field_keys(mut self, sent: &[crate::models::FieldUpdate]) -> Self {
        if let Error::Rejected { message, details } = &mut self {
            if details.field_errors.is_empty() {
                return self;
            }
            for (key, _) in details.field_errors.iter_mut() {
                *key = request_field_key(key, sent);
            }
            *message = format!(
                "{}.",
                crate::response::fields_sentence(&details.field_errors)
            );
        }
        self
    }

    /// A validation refusal whose field-level texts name each field by `label` (its label
    /// on the form) instead of its id; other errors unchanged.
    pub fn with_field_labels(mut self, label: impl Fn(&str) -> Option<String>) -> Self {
        if let Error::Rejected { message, details } = &mut self {
            if details.field_errors.is_empty() {
                return self;
            }
            let named: Vec<(String, String)> = details
                .field_errors
                .iter()
                .map(|(k, t)| (label(k).unwrap_or_else(|| k.clone()), t.clone()))
                .collect();
            *message = format!("{}.", crate::response::fields_sentence(&named));
        }
        self
    }

    fn details_mut(&mut self) -> Option<&mut Details> {
        with_details!(self)
    }

    pub(crate) fn file(path: impl Into<PathBuf>, err: &std::io::Error) -> Self {
        Error::File {
            path: path.into(),
            reason: err.to_string(),
        }
    }

    /// Maps a failed transport call (no complete HTTP answer) to an error: a request that
    /// could not even be built (nothing was sent), no connection, no answer in time, a reply
    /// that is not HTTP, or a connection that broke mid-answer — each told differently.
    pub(crate) fn from_transport(err: &reqwest::Error) -> Self {
        if err.is_builder() {
            return Error::InvalidConfig {
                message: format!("Could not build the request: {}", transport_text(err)),
            };
        }
        let details = Details {
            status: None,
            server_message: Some(transport_text(err)),
            field_errors: Vec::new(),
        };
        let hyper = hyper_cause(err);
        if err.is_timeout() {
            Error::Timeout { details }
        } else if err.is_connect() {
            Error::Network { details }
        } else if hyper.is_some_and(|h| h.is_parse() || h.is_parse_status()) {
            Error::NotPowerClerk { details }
        } else {
            // The call may have reached the server: a broken connection mid-answer, or
            // something unknown — ambiguous either way, never "no network".
            Error::Interrupted { details }
        }
    }

    /// "No answer within N s".
    pub(crate) fn timeout(what: &str, after: Duration) -> Self {
        Error::Timeout {
            details: Details {
                status: None,
                server_message: Some(format!("{what} within {} s", seconds_text(after))),
                field_errors: Vec::new(),
            },
        }
    }
}

/// The field id a validation key names, given the fields that were sent.
fn request_field_key(key: &str, sent: &[crate::models::FieldUpdate]) -> String {
    let lower = key.to_ascii_lowercase();
    if let Some(i) = lower.find("datafields[") {
        let rest = &key[i + "datafields[".len()..];
        if let Some(n) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok()) {
            if let Some(f) = sent.get(n) {
                return f.data_field_id.clone();
            }
        }
    }
    let bare = key.trim_start_matches("$.");
    let bare = bare.rsplit('.').next().unwrap_or(bare);
    bare.to_string()
}

/// Convenient alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
