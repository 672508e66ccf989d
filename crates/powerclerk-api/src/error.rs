//! The one error type of the client. Every variant reads as a plain sentence a program
//! manager can act on; the HTTP status and the server's own words are kept as details.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

/// What the server said, for a "Details" expander. Never holds a secret.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Details {
    /// HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// The server's message (`Message` of the JSON body) or the start of its raw text.
    pub server_message: Option<String>,
}

impl Details {
    /// Details of an HTTP answer.
    pub fn http(status: u16, server_message: Option<String>) -> Self {
        Self {
            status: Some(status),
            server_message,
        }
    }
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
    /// The server kept answering 429 after every allowed retry.
    #[error("PowerClerk is limiting how fast this API key may be used. Wait a minute and try again; if it keeps happening, another program may be sharing the key.")]
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
    /// The server's answer could not be understood.
    #[error("PowerClerk sent an answer Clerkdesk could not read. Try again; if it keeps happening, report it with the details.")]
    UnexpectedResponse {
        /// What was wrong with it.
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
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidConfig { .. } => "config",
            Error::InsecureUrl { .. } => "insecure_url",
            Error::BadCredentials { .. } => "bad_credentials",
            Error::Unauthorized { .. } => "unauthorized",
            Error::Forbidden { .. } => "forbidden",
            Error::NotFound { .. } => "not_found",
            Error::Rejected { .. } => "rejected",
            Error::TooLarge { .. } => "too_large",
            Error::RateLimited { .. } => "rate_limited",
            Error::Server { .. } => "server",
            Error::Network { .. } => "network",
            Error::Timeout { .. } => "timeout",
            Error::SubmitNotApplied { .. } => "submit_not_applied",
            Error::UploadNotApplied { .. } => "upload_not_applied",
            Error::UnexpectedResponse { .. } => "unexpected_response",
            Error::File { .. } => "file",
            Error::Cancelled => "cancelled",
        }
    }

    /// Status and server text, when there are any.
    pub fn details(&self) -> Option<&Details> {
        match self {
            Error::BadCredentials { details }
            | Error::Unauthorized { details }
            | Error::Forbidden { details }
            | Error::NotFound { details, .. }
            | Error::Rejected { details, .. }
            | Error::TooLarge { details }
            | Error::RateLimited { details, .. }
            | Error::Server { details }
            | Error::Network { details }
            | Error::Timeout { details }
            | Error::SubmitNotApplied { details }
            | Error::UploadNotApplied { details }
            | Error::UnexpectedResponse { details } => Some(details),
            _ => None,
        }
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
            Error::Timeout { .. } | Error::Network { .. } | Error::Server { .. }
        )
    }

    pub(crate) fn file(path: impl Into<PathBuf>, err: &std::io::Error) -> Self {
        Error::File {
            path: path.into(),
            reason: err.to_string(),
        }
    }

    /// Maps a failed transport call (no HTTP answer) to an error.
    pub(crate) fn from_transport(err: &reqwest::Error) -> Self {
        let details = Details {
            status: None,
            server_message: Some(transport_text(err)),
        };
        if err.is_timeout() {
            Error::Timeout { details }
        } else {
            Error::Network { details }
        }
    }
}

/// The transport error with its causes, without the URL (which is ours anyway, and the
/// details should stay short).
fn transport_text(err: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut text = err.without_url_ref().to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut s = self.to_string();
        if let Some(url) = self.url() {
            s = s.replace(&format!(" for url ({url})"), "");
        }
        s
    }
}

/// Convenient alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
