//! Errors as the webview receives them: `{kind, message, details}` (see
//! `clerkdesk_core::UiError`), never a raw server body or a secret.

pub use clerkdesk_core::UiError;

/// Result of a command.
pub type CommandResult<T> = Result<T, UiError>;
