//! The API: `GET /api/v1/{endpoint}` for every endpoint of the query layer.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use multipolar_query::{Answer, ENDPOINTS, ErrorKind, Files, Format};
use serde_json::{Map, Value, json};

use crate::App;
use crate::cache::Answers;

pub(crate) fn routes(r: Router<Arc<App>>) -> Router<Arc<App>> {
    r.route("/api/v1/{endpoint}", get(answer))
}

/// A JSON error: `{"error": {"kind", "message", "suggestions"}}`.
pub(crate) fn error_response(
    status: StatusCode,
    kind: &str,
    message: &str,
    suggestions: &[String],
) -> Response {
    let body = json!({"error": {"kind": kind, "message": message, "suggestions": suggestions}});
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string() + "\n",
    )
        .into_response()
}

/// The status and kind of a query error; the message is the CLI's.
fn failure(err: &anyhow::Error) -> Response {
    let (status, kind) = match multipolar_query::kind(err) {
        ErrorKind::Usage => (StatusCode::BAD_REQUEST, "usage"),
        ErrorKind::UnknownCountry => (StatusCode::NOT_FOUND, "unknown_country"),
        ErrorKind::NoData => (StatusCode::NOT_FOUND, "no_data"),
        ErrorKind::UnknownEndpoint => (StatusCode::NOT_FOUND, "not_found"),
        ErrorKind::Failure => (StatusCode::INTERNAL_SERVER_ERROR, "failure"),
    };
    error_response(
        status,
        kind,
        &format!("{err:#}"),
        &multipolar_query::suggestions(err),
    )
}

fn bad_request(msg: impl Into<String>) -> Response {
    error_response(StatusCode::BAD_REQUEST, "usage", &msg.into(), &[])
}

/// The format asked for: `?format=`, else the `Accept` header, else JSON; an
/// unknown `?format=` is the message of a 400.
fn negotiate(format: Option<&str>, headers: &HeaderMap) -> Result<Format, String> {
    if let Some(f) = format {
        return match f {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            other => Err(format!(
                "unknown format \"{other}\"; expected json, csv or parquet"
            )),
        };
    }
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Ok(if accept.contains("text/csv") {
        Format::Csv
    } else if accept.contains("parquet") {
        Format::Parquet
    } else {
        Format::Json
    })
}

fn content_type(f: Format) -> &'static str {
    match f {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Parquet => "application/vnd.apache.parquet",
        _ => "application/json",
    }
}

/// Reads the query string, runs the endpoint on a blocking thread, and writes the
/// answer in the negotiated format.
async fn answer(
    State(app): State<Arc<App>>,
    Path(endpoint): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !ENDPOINTS.iter().any(|e| e.http && e.name == endpoint) {
        return error_response(
            StatusCode::NOT_FOUND,
            "not_found",
            &format!("no endpoint /api/v1/{endpoint}; see /api/v1/openapi.json"),
            &[],
        );
    }
    let query = uri.query().unwrap_or("");
    if query.len() > app.max_query {
        return error_response(
            StatusCode::URI_TOO_LONG,
            "usage",
            &format!(
                "the query string has {} bytes; at most {} are accepted",
                query.len(),
                app.max_query
            ),
            &[],
        );
    }
    let pairs: Vec<(String, String)> = match serde_urlencoded::from_str(query) {
        Ok(p) => p,
        Err(e) => return bad_request(format!("cannot read the query string: {e}")),
    };
    let mut format = None;
    let mut params = Map::new();
    let mut named = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        if k == "format" {
            format = Some(v);
        } else if params.insert(k.clone(), Value::String(v.clone())).is_some() {
            return bad_request(format!("parameter \"{k}\" is given twice"));
        } else {
            named.push((k, v));
        }
    }
    let format = match negotiate(format.as_deref(), &headers) {
        Ok(f) => f,
        Err(msg) => return bad_request(msg),
    };
    let key = Answers::key(&endpoint, &named, content_type(format));
    if let Some((ct, body)) = app.cache.get(&key) {
        return ([(header::CONTENT_TYPE, ct)], Body::from(body)).into_response();
    }
    let result = tokio::task::spawn_blocking(move || {
        let a = app.engine.call(&endpoint, params, Files::Refused)?;
        let (ct, bytes) = encode(a, format)?;
        let bytes = Bytes::from(bytes);
        app.cache.put(key, (ct, bytes.clone()));
        Ok::<_, anyhow::Error>((ct, bytes))
    })
    .await;
    match result {
        Ok(Ok((ct, bytes))) => ([(header::CONTENT_TYPE, ct)], Body::from(bytes)).into_response(),
        Ok(Err(e)) => failure(&e),
        Err(e) => error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "failure",
            &format!("the query failed: {e}"),
            &[],
        ),
    }
}

/// The answer's bytes: a table in any format, a profile as the CLI's JSON document.
fn encode(a: Answer, format: Format) -> anyhow::Result<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    match a {
        Answer::Frame(f) => f.write(format, &mut out)?,
        Answer::Profile(p) => {
            if format != Format::Json {
                return Err(anyhow::Error::new(multipolar_query::Usage(
                    "the profile is one JSON document; csv and parquet are for tables".into(),
                )));
            }
            serde_json::to_writer_pretty(&mut out, &multipolar_query::profile_json(&p))?;
            out.push(b'\n');
        }
    }
    Ok((content_type(format), out))
}
