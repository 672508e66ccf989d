//! The demo simulator the app embeds has none of the test hooks: `/__sim/` is an unknown
//! address there (404), so nothing on the user's machine can read the request log, inject
//! faults or change the limits.
//!
//! Run alone (`cargo test -p clerkdesk-core --test no_test_hooks -- --ignored`, as
//! `scripts/test.sh` does): a workspace-wide build unifies the simulator's `test-hooks`
//! feature in for the test crates that need it, and then the hooks are rightly there.

use clerkdesk_core::Session;

#[tokio::test]
#[ignore = "run alone: cargo test -p clerkdesk-core --test no_test_hooks -- --ignored"]
async fn the_demo_server_answers_404_under_sim() {
    let session = Session::open_demo().await.unwrap();
    let base = session.demo().unwrap().simulator.base_url();
    let http = reqwest::Client::new();
    for path in [
        "log",
        "config",
        "submits",
        "stats",
        "faults",
        "revoke-tokens",
    ] {
        let url = format!("{base}/__sim/{path}");
        let get = http.get(&url).send().await.unwrap().status();
        let post = http.post(&url).body("{}").send().await.unwrap().status();
        assert_eq!((get.as_u16(), post.as_u16()), (404, 404), "{path}");
    }
    // The demo itself works.
    let programs = session.client.programs().await.unwrap();
    assert_eq!(programs.len(), 1);
}
