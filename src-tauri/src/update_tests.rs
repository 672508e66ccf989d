//! The updater against a local HTTP server: a newer release signed with the app's key is
//! offered and its download verifies; a bad signature, a signature for another version and
//! an older version are refused with plain words. Releases are signed here with a throwaway
//! key pair that the test app trusts in place of the real public key.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::App;

use clerkdesk_core::CoreError;

use crate::updates::{self, Updates};

/// The error of a download that must have been refused.
fn refused(result: Result<(tauri_plugin_updater::Update, Vec<u8>), CoreError>) -> CoreError {
    match result {
        Ok(_) => panic!("the download was accepted"),
        Err(e) => e,
    }
}

const PACKAGE: &[u8] = b"pretend this is Clerkdesk 99.0.0's installer";

/// A key pair in the shape the Tauri CLI makes: the public key as base64 of minisign's text.
struct Signer {
    keys: minisign::KeyPair,
}

impl Signer {
    fn new() -> Self {
        Signer {
            keys: minisign::KeyPair::generate_unencrypted_keypair().unwrap(),
        }
    }

    fn public_key(&self) -> String {
        let text = self.keys.pk.to_box().unwrap().to_string();
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    /// What `tauri build` writes into the `.sig` file: the version in the trusted comment.
    fn sign(&self, bytes: &[u8], version: &str) -> String {
        let comment = format!("timestamp:1790000000\tfile:clerkdesk.tar.gz\tversion:{version}");
        let sig = minisign::sign(
            Some(&self.keys.pk),
            &self.keys.sk,
            std::io::Cursor::new(bytes),
            Some(&comment),
            Some("signature from tauri secret key"),
        )
        .unwrap();
        base64::engine::general_purpose::STANDARD.encode(sig.to_string())
    }
}

/// The update server: `latest.json` as the test sets it, and the package.
#[derive(Clone)]
struct Server {
    manifest: Arc<Mutex<Value>>,
    base: String,
}

async fn serve() -> Server {
    let manifest = Arc::new(Mutex::new(Value::Null));
    let app = Router::new()
        .route(
            "/latest.json",
            get(
                |State(m): State<Arc<Mutex<Value>>>| async move { Json(m.lock().unwrap().clone()) },
            ),
        )
        .route("/clerkdesk.tar.gz", get(|| async { PACKAGE.to_vec() }))
        .with_state(manifest.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { manifest, base }
}

impl Server {
    /// Announces `version` for every platform, with `signature`.
    fn announce(&self, version: &str, signature: &str) {
        let entry =
            json!({ "url": format!("{}/clerkdesk.tar.gz", self.base), "signature": signature });
        let mut platforms = serde_json::Map::new();
        for os in ["linux", "windows", "darwin"] {
            for arch in ["x86_64", "aarch64"] {
                platforms.insert(format!("{os}-{arch}"), entry.clone());
            }
        }
        *self.manifest.lock().unwrap() = json!({
            "version": version,
            "notes": "Faster bulk runs.",
            "pub_date": "2026-11-29T00:00:00Z",
            "platforms": platforms,
        });
    }
}

/// The app's own configuration (`requireSignedVersion` included), asking `endpoint` (none:
/// `tauri.conf.json`'s) and trusting `signer`'s key (none: the real public key).
fn app_at(endpoint: Option<String>, signer: Option<&Signer>) -> App<MockRuntime> {
    let mut plugin = tauri_plugin_updater::Builder::new();
    if let Some(signer) = signer {
        plugin = plugin.pubkey(signer.public_key());
    }
    mock_builder()
        .plugin(plugin.build())
        .manage(Updates::at(endpoint))
        .build(tauri::generate_context!())
        .unwrap()
}

/// The app asking the test's update server, trusting `signer`'s key.
fn app(server: &Server, signer: &Signer) -> App<MockRuntime> {
    app_at(Some(format!("{}/latest.json", server.base)), Some(signer))
}

#[tokio::test]
async fn a_newer_release_with_a_valid_signature_is_offered_and_its_download_verifies() {
    let (server, signer) = (serve().await, Signer::new());
    server.announce("99.0.0", &signer.sign(PACKAGE, "99.0.0"));
    let app = app(&server, &signer);
    let view = updates::check(app.handle()).await.unwrap();
    assert_eq!(view.available.as_deref(), Some("99.0.0"));
    assert_eq!(view.notes.as_deref(), Some("Faster bulk runs."));
    assert_eq!(view.current, env!("CARGO_PKG_VERSION"));
    let mut seen = 0;
    let (update, bytes) = updates::download_verified(app.handle(), |done, _| seen = done)
        .await
        .unwrap();
    assert_eq!(bytes, PACKAGE);
    assert_eq!(seen, PACKAGE.len() as u64);
    assert_eq!(update.version, "99.0.0");
}

#[tokio::test]
async fn a_release_signed_with_another_key_is_refused_in_plain_words() {
    let (server, signer, stranger) = (serve().await, Signer::new(), Signer::new());
    server.announce("99.0.0", &stranger.sign(PACKAGE, "99.0.0"));
    let app = app(&server, &signer);
    assert!(updates::check(app.handle())
        .await
        .unwrap()
        .available
        .is_some());
    let err = refused(updates::download_verified(app.handle(), |_, _| {}).await);
    assert_eq!(err.kind(), "update");
    assert!(
        err.to_string()
            .contains("not signed by Clerkdesk's publisher")
            && err.to_string().contains("Nothing was installed"),
        "{err}"
    );
    // Nothing stays on offer to be installed after all.
    let again = refused(updates::download_verified(app.handle(), |_, _| {}).await);
    assert!(again.to_string().contains("Check for updates first"));
}

#[tokio::test]
async fn a_valid_signature_for_another_version_is_refused() {
    // An old, genuinely signed package announced as a new version (a replayed release).
    let (server, signer) = (serve().await, Signer::new());
    server.announce("99.0.0", &signer.sign(PACKAGE, "0.0.9"));
    let app = app(&server, &signer);
    updates::check(app.handle()).await.unwrap();
    let err = refused(updates::download_verified(app.handle(), |_, _| {}).await);
    assert!(err
        .to_string()
        .contains("not signed by Clerkdesk's publisher"));
    let details = clerkdesk_core::UiError::from(&err).details.unwrap();
    assert!(details.contains("0.0.9"), "{details}");
}

#[tokio::test]
async fn an_older_or_equal_version_is_never_offered() {
    let (server, signer) = (serve().await, Signer::new());
    let app = app(&server, &signer);
    for version in ["0.0.1", env!("CARGO_PKG_VERSION")] {
        server.announce(version, &signer.sign(PACKAGE, version));
        let view = updates::check(app.handle()).await.unwrap();
        assert_eq!(view.available, None, "{version} offered");
        assert!(view.message.contains("is the newest version"));
        assert!(updates::download_verified(app.handle(), |_, _| {})
            .await
            .is_err());
    }
}

#[tokio::test]
async fn an_unreachable_server_and_a_build_without_an_address_say_what_to_do() {
    let signer = Signer::new();
    // A port nobody listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let app = app_at(Some(format!("http://{closed}/latest.json")), Some(&signer));
    let err = updates::check(app.handle()).await.unwrap_err();
    assert!(err.to_string().contains("could not be reached"), "{err}");

    // tauri.conf.json has no endpoint: the release workflow adds the repository's.
    let app = app_at(None, None);
    let err = updates::check(app.handle()).await.unwrap_err();
    assert!(err.to_string().contains("built from source"), "{err}");
}
