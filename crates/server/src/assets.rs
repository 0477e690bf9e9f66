//! The dashboard: static files embedded in the binary (no build step, no network).

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::App;

const INDEX: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE: &str = include_str!("../assets/style.css");
/// Apache ECharts, gzip-compressed (see assets/PROVENANCE.md).
const ECHARTS_GZ: &[u8] = include_bytes!("../assets/echarts.min.js.gz");

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route(
            "/",
            get(|| async { text("text/html; charset=utf-8", INDEX) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { text("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/assets/style.css",
            get(|| async { text("text/css; charset=utf-8", STYLE) }),
        )
        .route("/assets/echarts.min.js", get(echarts))
}

fn text(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// ECharts as stored (gzip) to clients that accept it, decompressed for others.
async fn echarts(headers: HeaderMap) -> Response {
    let gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));
    let mut h = HeaderMap::new();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    if gzip {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        return (h, ECHARTS_GZ).into_response();
    }
    let mut plain = Vec::new();
    use std::io::Read;
    match flate2::read::GzDecoder::new(ECHARTS_GZ).read_to_end(&mut plain) {
        Ok(_) => (h, plain).into_response(),
        Err(e) => crate::api::error_response(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "failure",
            &format!("the embedded chart library is damaged: {e}"),
            &[],
        ),
    }
}
