//! Errors as the webview receives them: `{kind, message, details, field}` (see
//! `clerkdesk_core::UiError`), never a raw server body or a secret.

pub use clerkdesk_core::UiError;
use clerkdesk_core::{ErrorKind, LocalKind};

/// Result of a command.
pub type CommandResult<T> = Result<T, UiError>;

/// An input problem in plain words.
pub fn input(message: impl Into<String>) -> UiError {
    UiError {
        kind: ErrorKind::Local(LocalKind::Input),
        message: message.into(),
        details: None,
        field: None,
    }
}
