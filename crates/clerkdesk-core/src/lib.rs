//! The part of Clerkdesk that both front ends — the desktop app and the `clerk` CLI — stand
//! on: connection profiles, secrets in the OS keychain (or the environment, for
//! automation), the embedded demo simulator, and errors shaped for a user interface.

pub mod about;
pub mod activity;
pub mod blocking;
pub mod bulk;
pub mod compat;
pub mod connect;
pub mod credentials;
pub mod deadlines;
pub mod demo;
pub mod edits;
pub mod error;
pub mod help;
pub mod listing;
pub mod overview;
pub mod profile;
pub mod rate_memory;
pub mod redaction;
pub mod report;
pub mod secrets;
pub mod session;
pub mod settings;
pub mod status_log;
pub mod updates;
pub mod watch;
pub mod workflow;

pub use error::{CoreError, ErrorKind, LocalKind, UiError};
pub use profile::{Environment, Profile};
pub use session::{ConnectionInfo, Session};
