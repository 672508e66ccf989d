//! A PowerClerk that writes its answers another plausible way: each [`Deviation`] is one way
//! a .NET service could differ from the contract's guesses (camelCase names, typed values,
//! 204 on writes, ModelState errors, …). Tests run the same scenario once per deviation to
//! show that Clerkdesk reads what each one means. Only with `test-hooks`.

#[cfg(feature = "test-hooks")]
mod answer;
#[cfg(feature = "test-hooks")]
mod serve;

use serde::{Deserialize, Serialize};

#[cfg(feature = "test-hooks")]
pub(crate) use serve::{field_kinds, refusal, route, token_answer};

/// One way of differing from the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deviation {
    /// Property names in camelCase (ASP.NET Core's default).
    CamelCase,
    /// Number and checkbox values as JSON numbers and booleans; accepts them on writes.
    TypedValues,
    /// Date values with a time part (`2026-11-14T00:00:00`).
    DateTimes,
    /// Timestamps without an offset (in UTC).
    NoOffset,
    /// Timestamps with seven fractional digits (.NET's `o` format).
    SevenDigits,
    /// GetProjects answers at most 100 projects a page, whatever `limit` asks.
    PageCap100,
    /// Writes (save, submit, upload) answered `204 No Content`.
    NoContentWrites,
    /// Writes answered `200 {"Success": true}`.
    OtherWriteBody,
    /// Validation errors as ASP.NET Web API `{"Message","ModelState"}`.
    ModelStateErrors,
    /// Errors as RFC 7807 problem details (`application/problem+json`).
    ProblemErrors,
    /// A schema field's `Type` as a number (the enum's index).
    NumericEnums,
    /// A UTF-8 byte-order mark before every JSON answer.
    Bom,
    /// Custom ids echoed in lower case.
    IdCase,
    /// Downloads without `Content-Disposition`.
    NoDisposition,
    /// Downloads with only `filename*`.
    FilenameStarOnly,
    /// 429 gives its wait in `RateLimit-Reset` instead of `Retry-After`.
    RateLimitReset,
    /// 429 gives its wait in `X-Rate-Limit-Reset` (a Unix time) instead.
    XRateLimitReset,
    /// gzip-compressed JSON answers (when the client accepts them).
    Gzip,
    /// `Connection: close` after every answer.
    ConnectionClose,
    /// Properties the contract does not name, at every depth.
    UnknownProperties,
    /// A 401 explained only by `WWW-Authenticate`, with an empty body.
    Bare401,
}

impl Deviation {
    /// Every deviation, for tests that run a scenario against each.
    pub const ALL: [Deviation; 21] = [
        Deviation::CamelCase,
        Deviation::TypedValues,
        Deviation::DateTimes,
        Deviation::NoOffset,
        Deviation::SevenDigits,
        Deviation::PageCap100,
        Deviation::NoContentWrites,
        Deviation::OtherWriteBody,
        Deviation::ModelStateErrors,
        Deviation::ProblemErrors,
        Deviation::NumericEnums,
        Deviation::Bom,
        Deviation::IdCase,
        Deviation::NoDisposition,
        Deviation::FilenameStarOnly,
        Deviation::RateLimitReset,
        Deviation::XRateLimitReset,
        Deviation::Gzip,
        Deviation::ConnectionClose,
        Deviation::UnknownProperties,
        Deviation::Bare401,
    ];

    /// The snake_case name (`camel_case`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }
}
