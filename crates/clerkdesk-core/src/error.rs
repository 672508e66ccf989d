//! The core's one error type and the serialisable shape the UI receives.

use serde::Serialize;
use ts_rs::TS;

/// Anything the core can fail at.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// From the PowerClerk client (already in plain words).
    #[error(transparent)]
    Api(#[from] powerclerk_api::Error),
    /// The OS keychain could not be used.
    #[error("The system keychain could not be used: {reason}. {hint}")]
    Keychain {
        /// What the keychain said.
        reason: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// No credentials for the profile.
    #[error("No PowerClerk credentials are saved for the connection \"{profile}\". Run `clerk login --profile {profile}` (or set POWERCLERK_API_KEY, POWERCLERK_CLIENT_ID and POWERCLERK_SECRET).")]
    NoCredentials {
        /// The profile's name.
        profile: String,
    },
    /// Input the user must correct; nothing was sent.
    #[error("{0}")]
    Input(String),
    /// The account sees several programs and none was chosen; nothing was sent.
    #[error("This account sees several programs; choose one: {programs}.")]
    ChooseProgram {
        /// "Name (id)" of each, comma-separated.
        programs: String,
    },
    /// A file on this computer could not be read or written (disk full, no permission).
    #[error("Could not {what} {}: {reason}. Check that the disk has room and that Clerkdesk may write there.", path.display())]
    Io {
        /// What was being done ("save the unsaved edits in").
        what: String,
        /// The file or folder.
        path: std::path::PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// The demo simulator could not start.
    #[error("The demo data could not be started: {0}")]
    Demo(String),
    /// Checking for or installing an update of Clerkdesk failed (see [`crate::updates`]).
    #[error("{message}")]
    Update {
        /// What happened and what to do, in plain words.
        message: String,
        /// The updater's own words, for "Details".
        details: Option<String>,
    },
    /// PowerClerk refused something about one field of a form (shown next to it).
    #[error("{error}")]
    AtField {
        /// The refusal.
        error: Box<CoreError>,
        /// The field's key.
        field: String,
    },
}

/// What kind of error a [`CoreError`] is: one of the client's kinds, or one of the core's.
/// Serialised as one snake_case string (`"bad_credentials"`, `"io"`), which the webview
/// branches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ErrorKind {
    /// From PowerClerk or the network.
    Api(powerclerk_api::ErrorKind),
    /// From this computer.
    Local(LocalKind),
}

/// The core's own kinds of error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocalKind {
    /// The system keychain failed.
    Keychain,
    /// No credentials saved.
    NoCredentials,
    /// Input to correct; nothing was sent.
    Input,
    /// A local file could not be read or written.
    Io,
    /// The demo could not start.
    Demo,
    /// An update could not be checked for or installed.
    Update,
}

impl ErrorKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Api(k) => k.as_str(),
            ErrorKind::Local(LocalKind::Keychain) => "keychain",
            ErrorKind::Local(LocalKind::NoCredentials) => "no_credentials",
            ErrorKind::Local(LocalKind::Input) => "input",
            ErrorKind::Local(LocalKind::Io) => "io",
            ErrorKind::Local(LocalKind::Demo) => "demo",
            ErrorKind::Local(LocalKind::Update) => "update",
        }
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl CoreError {
    /// A file error.
    pub fn io(what: &str, path: &std::path::Path, err: &std::io::Error) -> Self {
        CoreError::Io {
            what: what.to_string(),
            path: path.to_path_buf(),
            reason: err.to_string(),
        }
    }

    /// The same error, marked as being about `field` (when one is known).
    pub fn at_field(self, field: Option<String>) -> Self {
        match field {
            Some(field) => CoreError::AtField {
                error: Box::new(self),
                field,
            },
            None => self,
        }
    }

    /// Stable name for the UI and scripts.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::AtField { error, .. } => error.kind(),
            CoreError::Api(e) => ErrorKind::Api(e.kind()),
            CoreError::Keychain { .. } => ErrorKind::Local(LocalKind::Keychain),
            CoreError::NoCredentials { .. } => ErrorKind::Local(LocalKind::NoCredentials),
            CoreError::Input(_) | CoreError::ChooseProgram { .. } => {
                ErrorKind::Local(LocalKind::Input)
            }
            CoreError::Io { .. } => ErrorKind::Local(LocalKind::Io),
            CoreError::Demo(_) => ErrorKind::Local(LocalKind::Demo),
            CoreError::Update { .. } => ErrorKind::Local(LocalKind::Update),
        }
    }

    /// True when the problem is on this side and nothing was sent (CLI exit status 2).
    pub fn is_local(&self) -> bool {
        match self {
            CoreError::AtField { error, .. } => error.is_local(),
            CoreError::Api(e) => e.is_local(),
            CoreError::NoCredentials { .. }
            | CoreError::Input(_)
            | CoreError::ChooseProgram { .. } => true,
            CoreError::Keychain { .. }
            | CoreError::Demo(_)
            | CoreError::Io { .. }
            | CoreError::Update { .. } => false,
        }
    }
}

/// What the webview receives for an error: a kind to branch on, a sentence to show and
/// details for a "Details" expander. Contains no secret.
#[derive(Clone, Debug, Serialize, PartialEq, TS)]
#[ts(export)]
pub struct UiError {
    /// Stable kind (`bad_credentials`, `rate_limited`, `io`, ...).
    #[ts(type = "string")]
    pub kind: ErrorKind,
    /// One or two plain sentences with a next step.
    pub message: String,
    /// HTTP status and server message, when there are any.
    pub details: Option<String>,
    /// The form field the error is about (its key), for showing it next to that field.
    pub field: Option<String>,
}

impl From<&CoreError> for UiError {
    fn from(e: &CoreError) -> Self {
        if let CoreError::AtField { error, field } = e {
            return UiError::from(error.as_ref()).for_field(Some(field.clone()));
        }
        let details = match e {
            CoreError::Api(api) => api.details().map(|d| {
                let mut parts = Vec::new();
                if let Some(s) = d.status {
                    parts.push(format!("HTTP status {s}"));
                }
                if let Some(m) = &d.server_message {
                    parts.push(format!("PowerClerk said: {m}"));
                }
                parts.join(". ")
            }),
            CoreError::Keychain { reason, .. } => Some(reason.clone()),
            CoreError::Io { reason, .. } => Some(reason.clone()),
            CoreError::Update { details, .. } => details.clone(),
            _ => None,
        };
        UiError {
            kind: e.kind(),
            message: e.to_string(),
            details: details.filter(|d| !d.is_empty()),
            field: None,
        }
    }
}

impl UiError {
    /// Marks the field the error is about.
    pub fn for_field(mut self, field: Option<String>) -> Self {
        self.field = field;
        self
    }
}

impl From<powerclerk_api::Error> for UiError {
    fn from(e: powerclerk_api::Error) -> Self {
        UiError::from(CoreError::Api(e))
    }
}

impl From<CoreError> for UiError {
    fn from(e: CoreError) -> Self {
        UiError::from(&e)
    }
}

/// An operating-system file error in plain words.
pub fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => "Clerkdesk is not allowed to read it".into(),
        _ => e.to_string(),
    }
}
