//! One API call, described once and sent as many times as the retry policy allows.

use reqwest::header::HeaderMap;
use reqwest::Method;
use tokio_util::sync::CancellationToken;

use crate::paths::ApiPath;
use crate::retry::Repeat;
use crate::transfer::Transfer;

/// A file body for an upload.
pub(crate) struct FileBody {
    pub path: std::path::PathBuf,
    pub len: u64,
    pub headers: HeaderMap,
    pub transfer: Transfer,
}

/// What a request carries.
pub(crate) enum Payload<'a> {
    Empty,
    Json(Vec<u8>),
    File(&'a FileBody),
}

/// How long a call may take as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallTimeout {
    /// The configured `request_timeout` (JSON calls).
    Configured,
    /// No whole-call limit: attachment bodies stream for as long as data keeps coming
    /// (bounded by the header and idle timeouts instead).
    Streamed,
}

/// One API call.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub path: ApiPath,
    pub query: Vec<(&'static str, String)>,
    pub payload: Payload<'a>,
    pub repeat: Repeat,
    /// What the call is about, for "could not find ...".
    pub what: String,
    /// Whole-call timeout.
    pub timeout: CallTimeout,
    /// Ends the call at once when triggered, wherever it is (limiter, token, network).
    pub cancel: Option<CancellationToken>,
}

impl<'a> Call<'a> {
    pub(crate) fn get(path: ApiPath, what: impl Into<String>) -> Self {
        Self {
            method: Method::GET,
            path,
            query: Vec::new(),
            payload: Payload::Empty,
            repeat: Repeat::Safe,
            what: what.into(),
            timeout: CallTimeout::Configured,
            cancel: None,
        }
    }

    pub(crate) fn post(path: ApiPath, what: impl Into<String>, repeat: Repeat) -> Self {
        Self {
            method: Method::POST,
            repeat,
            ..Self::get(path, what)
        }
    }

    pub(crate) fn json(mut self, body: &impl serde::Serialize) -> Self {
        self.payload = Payload::Json(serde_json::to_vec(body).expect("request types serialise"));
        self
    }

    pub(crate) fn query(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }

    /// A streamed attachment call, cancelled by the transfer's token.
    pub(crate) fn streamed(mut self, transfer: &Transfer) -> Self {
        self.timeout = CallTimeout::Streamed;
        self.cancel = transfer.cancel.clone();
        self
    }
}
