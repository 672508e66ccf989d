//! The stable names of errors, for the UI and scripts.

use serde::Serialize;

/// A stable, machine-readable name for each kind of error: what the UI branches on and
/// scripts may rely on. Serialised in snake_case (`"bad_credentials"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// `config`.
    Config,
    /// `insecure_url`.
    InsecureUrl,
    /// `bad_credentials`.
    BadCredentials,
    /// `unauthorized`.
    Unauthorized,
    /// `forbidden`.
    Forbidden,
    /// `not_found`.
    NotFound,
    /// `rejected`.
    Rejected,
    /// `too_large`.
    TooLarge,
    /// `rate_limited`.
    RateLimited,
    /// `server`.
    Server,
    /// `network`.
    Network,
    /// `interrupted`.
    Interrupted,
    /// `truncated`.
    Truncated,
    /// `redirected`.
    Redirected,
    /// `html_page`.
    HtmlPage,
    /// `not_powerclerk`.
    NotPowerclerk,
    /// `answer_too_large`.
    AnswerTooLarge,
    /// `paging`.
    Paging,
    /// `unsupported_token`.
    UnsupportedToken,
    /// `timeout`.
    Timeout,
    /// `submit_not_applied`.
    SubmitNotApplied,
    /// `upload_not_applied`.
    UploadNotApplied,
    /// `unexpected_response`.
    UnexpectedResponse,
    /// `unreadable_answer`.
    UnreadableAnswer,
    /// `file`.
    File,
    /// `cancelled`.
    Cancelled,
}

impl ErrorKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Config => "config",
            ErrorKind::InsecureUrl => "insecure_url",
            ErrorKind::BadCredentials => "bad_credentials",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Rejected => "rejected",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Network => "network",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::Truncated => "truncated",
            ErrorKind::Redirected => "redirected",
            ErrorKind::HtmlPage => "html_page",
            ErrorKind::NotPowerclerk => "not_powerclerk",
            ErrorKind::AnswerTooLarge => "answer_too_large",
            ErrorKind::Paging => "paging",
            ErrorKind::UnsupportedToken => "unsupported_token",
            ErrorKind::Timeout => "timeout",
            ErrorKind::SubmitNotApplied => "submit_not_applied",
            ErrorKind::UploadNotApplied => "upload_not_applied",
            ErrorKind::UnexpectedResponse => "unexpected_response",
            ErrorKind::UnreadableAnswer => "unreadable_answer",
            ErrorKind::File => "file",
            ErrorKind::Cancelled => "cancelled",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
