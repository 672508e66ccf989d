//! Building answers: JSON bodies and the `{"Message": ...}` error shape of D3.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use serde_json::Value;

/// The answer type of every handler.
pub type Reply = Response<Body>;

/// 200 with a JSON body.
pub fn json(value: Value) -> Reply {
    json_status(StatusCode::OK, value)
}

/// A JSON body with a status.
pub fn json_status(status: StatusCode, value: Value) -> Reply {
    let mut r = Response::new(Body::from(serde_json::to_vec(&value).expect("json")));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}

/// An error in the D3 shape.
pub fn error(status: StatusCode, message: impl Into<String>) -> Reply {
    json_status(status, serde_json::json!({ "Message": message.into() }))
}

/// 400.
pub fn bad_request(message: impl Into<String>) -> Reply {
    error(StatusCode::BAD_REQUEST, message)
}

/// 404.
pub fn not_found(message: impl Into<String>) -> Reply {
    error(StatusCode::NOT_FOUND, message)
}

/// What a request gets from a hostile test server: an answer, or none at all (only the
/// `test-hooks` faults produce `Hang`).
#[cfg_attr(not(feature = "test-hooks"), allow(dead_code))]
pub enum Hostile {
    /// Never answer (the connection task ends when the client goes away or the simulator
    /// stops).
    Hang,
    /// Answer this.
    Answer(Reply),
}

impl Hostile {
    /// The status for the request log (0: no answer).
    pub fn status(&self) -> u16 {
        match self {
            Hostile::Hang => 0,
            Hostile::Answer(r) => r.status().as_u16(),
        }
    }

    /// The answer; a hang never returns.
    pub async fn into_reply(self) -> Reply {
        match self {
            Hostile::Hang => loop {
                tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            },
            Hostile::Answer(r) => r,
        }
    }
}
