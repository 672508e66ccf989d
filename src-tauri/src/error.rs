//! Errors as the webview receives them: `{kind, message, details, field}` (see
//! `clerkdesk_core::UiError`), never a raw server body or a secret.

pub use clerkdesk_core::UiError;

/// Result of a command.
pub type CommandResult<T> = Result<T, UiError>;

/// An input problem in plain words.
pub fn input(message: impl Into<String>) -> UiError {
    UiError {
        kind: "input".into(),
        message: message.into(),
        details: None,
        field: None,
    }
}
