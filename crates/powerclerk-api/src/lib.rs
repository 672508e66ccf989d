//! A client for PowerClerk API V2 (Clean Power Research), the library under Clerkdesk.
//!
//! - [`ClientConfig`] / [`Credentials`]: where and who; https only (loopback excepted).
//! - [`Client`]: typed endpoints, one module per resource in [`endpoints`]; tokens are cached
//!   and renewed, every call passes the per-key [`RateLimiter`], safe calls are retried and
//!   Submit/Upload are reconciled instead of resent.
//! - [`naming`]: safe local file names for downloads.
//! - [`Error`]: one error type with plain-language messages and a stable `kind()`.
//!
//! Every decision about what the contract leaves open is in [`decisions`].

mod body;
mod call;
mod client;
pub mod config;
pub mod decisions;
pub mod endpoints;
pub mod error;
pub mod limiter;
pub mod limits;
pub mod models;
pub mod naming;
mod paths;
pub mod redact;
mod response;
mod retry;
mod token;
mod transfer;
mod transport;
pub mod wire;

pub use client::{throttled, Client, ProgressFn, Transfer};
pub use config::{ClientConfig, Credentials, RateLimit, RetryPolicy};
pub use endpoints::attachments::content_disposition_for;
pub use endpoints::projects::ProjectQuery;
pub use endpoints::FormRef;
pub use error::{Details, Error, ErrorKind, Result};
pub use limiter::{RateLimiter, RateStatus};
pub use limits::Limits;
pub use models::*;
pub use redact::Redactor;
pub use tokio_util::sync::CancellationToken;
pub use wire::Observed;
