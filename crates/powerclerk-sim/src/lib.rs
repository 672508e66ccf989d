//! A simulator of PowerClerk API V2: a real HTTP server on 127.0.0.1 with the behaviour of
//! the contract (`powerclerk-api-v2.md`, sections 4–5 and decisions D1–D17), a seeded demo
//! program and a strict sliding-window rate limit — what the app's demo mode embeds.
//!
//! With the `test-hooks` feature (tests, benchmarks, the `powerclerk-sim` binary; never the
//! shipped app) it also has fault injection, hostile answers, a big-form option and the
//! `/__sim/` endpoints (request log, submit counts, knobs, faults).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sim = powerclerk_sim::Simulator::start(Default::default()).await?;
//! println!("{} {}", sim.api_url(), sim.token_url());
//! # Ok(()) }
//! ```

// Handlers return an HTTP answer as their error (`Result<_, Reply>`): it is built once per
// request and sent as is, so its size does not matter.
#![allow(clippy::result_large_err)]

#[cfg(feature = "test-hooks")]
mod admin;
mod api;
mod auth;
pub mod clock;
pub mod decisions;
pub mod demo;
mod disposition;
mod faults;
pub mod files;
#[cfg(feature = "test-hooks")]
mod hostile;
pub mod ids;
pub mod knobs;
pub mod model;
mod render;
mod reply;
mod server;
mod shared;
pub mod state;
pub mod variant;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use knobs::{FaultKind, Knobs, RetryAfterStyle, ScheduledFault};
pub use variant::Deviation;

/// The demo API key (fixed, documented in docs/testing.md).
pub const DEMO_API_KEY: &str = "demo-api-key";
/// The demo client id.
pub const DEMO_CLIENT_ID: &str = "demo-client";
/// The demo client secret.
pub const DEMO_SECRET: &str = "demo-secret";
/// A second API key, for tests of per-key limits.
pub const DEMO_API_KEY_2: &str = "demo-api-key-2";
/// An administrator client (non-draft saves).
pub const DEMO_ADMIN_CLIENT_ID: &str = "demo-admin";
/// The administrator's secret.
pub const DEMO_ADMIN_SECRET: &str = "demo-admin-secret";

/// Known API keys.
pub(crate) const DEMO_API_KEYS: [&str; 2] = [DEMO_API_KEY, DEMO_API_KEY_2];
/// Known clients: id, secret, administrator.
pub(crate) const DEMO_CLIENTS: [(&str, &str, bool); 2] = [
    (DEMO_CLIENT_ID, DEMO_SECRET, false),
    (DEMO_ADMIN_CLIENT_ID, DEMO_ADMIN_SECRET, true),
];

/// How to start a simulator.
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Tenant in the paths.
    pub tenant: String,
    /// Initial knobs.
    pub knobs: Knobs,
    /// When > 0, adds a form `LARGE_SURVEY` with this many fields (benchmarks).
    #[cfg(feature = "test-hooks")]
    pub big_form_fields: usize,
    /// Adds this many projects `BULK-00001`… in Technical Review (bulk benchmarks).
    #[cfg(feature = "test-hooks")]
    pub bulk_projects: u32,
}

impl Default for SimOptions {
    fn default() -> Self {
        Self {
            port: 0,
            tenant: decisions::DEFAULT_TENANT.into(),
            knobs: Knobs::default(),
            #[cfg(feature = "test-hooks")]
            big_form_fields: 0,
            #[cfg(feature = "test-hooks")]
            bulk_projects: 0,
        }
    }
}

/// A running simulator. Stops when dropped (its attachment folder is removed).
pub struct Simulator {
    addr: SocketAddr,
    tenant: String,
    // Read only by the test hooks' accessors; the server task holds its own reference.
    #[cfg_attr(not(feature = "test-hooks"), allow(dead_code))]
    shared: Arc<shared::Shared>,
    stop: CancellationToken,
    _files: tempfile::TempDir,
}

impl Simulator {
    /// Binds 127.0.0.1 and serves in the background of the current tokio runtime.
    pub async fn start(opts: SimOptions) -> std::io::Result<Self> {
        let files = tempfile::Builder::new()
            .prefix("powerclerk-sim-")
            .tempdir()?;
        #[cfg(feature = "test-hooks")]
        let (big_form_fields, bulk_projects) = (opts.big_form_fields, opts.bulk_projects);
        #[cfg(not(feature = "test-hooks"))]
        let (big_form_fields, bulk_projects) = (0, 0);
        let program = demo::program(files.path(), big_form_fields, bulk_projects)?;
        let listener = TcpListener::bind(("127.0.0.1", opts.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(shared::Shared {
            state: Mutex::new(state::SimState {
                knobs: opts.knobs,
                program,
                tokens: HashMap::new(),
                windows: HashMap::new(),
                log: VecDeque::new(),
                next_seq: 0,
                submits: HashMap::new(),
                uploads: HashMap::new(),
                burst_left: 0,
                logged: tokio::sync::watch::Sender::new(0),
                scheduled: Vec::new(),
                stats: Default::default(),
                files_dir: files.path().to_path_buf(),
                next_upload: 0,
                started: tokio::time::Instant::now(),
            }),
            tenant: opts.tenant.clone(),
        });
        let stop = CancellationToken::new();
        tokio::spawn(server::serve(listener, shared.clone(), stop.clone()));
        Ok(Self {
            addr,
            tenant: opts.tenant,
            shared,
            stop,
            _files: files,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The V2 root: `http://127.0.0.1:PORT/{tenant}/services/v2`.
    pub fn api_url(&self) -> String {
        format!("{}/{}/services/v2", self.base_url(), self.tenant)
    }

    /// The token endpoint: `http://127.0.0.1:PORT/{tenant}/connect/token`.
    pub fn token_url(&self) -> String {
        format!("{}/{}/connect/token", self.base_url(), self.tenant)
    }

    /// `http://127.0.0.1:PORT/__sim/{path}`.
    #[cfg(feature = "test-hooks")]
    pub fn sim_url(&self, path: &str) -> String {
        format!("{}/__sim/{}", self.base_url(), path.trim_start_matches('/'))
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Runs `f` on the state (for tests that need more than `/__sim/` shows).
    #[cfg(feature = "test-hooks")]
    pub fn with_state<R>(&self, f: impl FnOnce(&mut state::SimState) -> R) -> R {
        f(&mut self.shared.lock())
    }

    /// Waits until `done` holds for the state, checked after each logged request (tests wait
    /// for the server to have seen something, never for a length of time).
    #[cfg(feature = "test-hooks")]
    pub async fn wait_until(&self, done: impl Fn(&state::SimState) -> bool) {
        let mut rx = self.with_state(|s| s.logged.subscribe());
        loop {
            if self.with_state(|s| done(s)) {
                return;
            }
            if rx.changed().await.is_err() {
                return;
            }
        }
    }

    /// Changes the knobs.
    #[cfg(feature = "test-hooks")]
    pub fn set_knobs(&self, f: impl FnOnce(&mut Knobs)) {
        self.with_state(|s| f(&mut s.knobs))
    }

    /// Schedules a fault.
    #[cfg(feature = "test-hooks")]
    pub fn schedule(&self, fault: ScheduledFault) {
        self.with_state(|s| s.scheduled.push(fault))
    }

    /// Stops serving.
    pub fn stop(&self) {
        self.stop.cancel();
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}
