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
