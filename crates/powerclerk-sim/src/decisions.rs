//! The simulator's side of the contract's section 8: every behaviour the real service does
//! not document is decided here, in one place.

use std::time::Duration;

/// D1: the tenant in `/{Tenant}/services/v2`.
pub const DEFAULT_TENANT: &str = "PCITrial";
/// D1: path literals match case-insensitively (ASP.NET routing does).
pub const CASE_INSENSITIVE_LITERALS: bool = true;

/// D2: token lifetime when not configured.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
/// D2: the token endpoint does not count against the rate limit.
pub const TOKEN_CALLS_COUNT_AGAINST_LIMIT: bool = false;

/// D4: default sliding-window limit per API key.
pub const DEFAULT_MAX_CALLS: u32 = 60;
/// D4: window length.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(60);

/// D3/D12: attachment size limit when not configured.
pub const DEFAULT_SIZE_LIMIT: u64 = 50 * 1024 * 1024;

/// D14: page size when `limit` is omitted, and its maximum.
pub const DEFAULT_PAGE_SIZE: usize = 100;
/// D14: larger `limit` values are refused with 400.
pub const MAX_PAGE_SIZE: usize = 1000;

/// D16: the offset of every timestamp the simulator emits (Pacific standard time).
pub const UTC_OFFSET_SECONDS: i32 = -8 * 3600;

/// Largest JSON request body accepted.
pub const MAX_JSON_BODY: usize = 10 * 1024 * 1024;

/// Entries kept in the request log (oldest dropped first).
pub const REQUEST_LOG_CAPACITY: usize = 200_000;

/// SetProjectOwner: an e-mail that no seeded user has is refused with 400.
pub const UNKNOWN_OWNER_IS_ERROR: bool = true;
