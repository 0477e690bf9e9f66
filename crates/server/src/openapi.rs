//! The OpenAPI 3.1 document, generated from the request types: each endpoint's
//! parameters are its request type's clap arguments — name, help text, default,
//! possible values, whether a list — so the document cannot drift from what the
//! endpoints accept.

use axum::http::header;
use axum::response::IntoResponse;
use clap::ArgAction;
use multipolar_query::{ENDPOINTS, Endpoint};
use serde_json::{Map, Value, json};

pub(crate) async fn handler() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string_pretty(&document()).expect("JSON") + "\n",
    )
}

/// The JSON schema of one argument's values.
fn schema(a: &clap::Arg) -> Value {
    let values: Vec<Value> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| json!(v.get_name()))
        .collect();
    let parser = a.get_value_parser().type_id();
    let is = |p: clap::builder::ValueParser| p.type_id() == parser;
    let mut s = if matches!(a.get_action(), ArgAction::SetTrue) {
        json!({"type": "boolean", "default": false})
    } else if !values.is_empty() {
        json!({"type": "string", "enum": values})
    } else if is(clap::value_parser!(i32).into())
        || is(clap::value_parser!(u32).into())
        || is(clap::value_parser!(u64).into())
        || is(clap::value_parser!(usize).into())
    {
        json!({"type": "integer"})
    } else if is(clap::value_parser!(f64).into()) {
        json!({"type": "number"})
    } else {
        json!({"type": "string"})
    };
    if let Some(d) = a.get_default_values().first() {
        let d = d.to_string_lossy();
        s["default"] = match s["type"].as_str() {
            Some("integer") => d.parse::<i64>().map_or(json!(d), |n| json!(n)),
            Some("number") => d.parse::<f64>().map_or(json!(d), |n| json!(n)),
            _ if a.get_value_delimiter().is_some() => {
                let sep = a.get_value_delimiter().expect("checked");
                json!(d.split(sep).collect::<Vec<_>>())
            }
            _ => json!(d),
        };
    }
    let list = a.get_value_delimiter().is_some()
        || matches!(a.get_num_args(), Some(r) if r.max_values() > 1);
    if list {
        let mut items = s;
        let default = items.as_object_mut().and_then(|o| o.remove("default"));
        s = json!({"type": "array", "items": items});
        if let Some(d) = default {
            s["default"] = if d.is_array() { d } else { json!([d]) };
        }
    }
    s
}

/// The query parameters of an endpoint (file parameters left out: the server
/// refuses them).
fn parameters(e: &Endpoint) -> Vec<Value> {
    let mut out: Vec<Value> = (e.args)()
        .iter()
        .filter(|a| !e.file_params.contains(&a.get_id().as_str()))
        .map(|a| {
            let s = schema(a);
            // `countries` without a query lists every entity.
            let required = a.is_required_set() && e.name != "countries";
            let mut p = json!({
                "name": a.get_id().as_str(),
                "in": "query",
                "required": required,
                "description": a.get_help().map(|h| h.to_string()).unwrap_or_default(),
                "schema": s,
            });
            if p["schema"]["type"] == "array" {
                p["style"] = json!("form");
                p["explode"] = json!(false);
            }
            p
        })
        .collect();
    out.push(json!({
        "name": "format",
        "in": "query",
        "required": false,
        "description": "Answer format (overrides the Accept header): json, or for tables csv or parquet",
        "schema": {"type": "string", "enum": if e.table { json!(["json", "csv", "parquet"]) } else { json!(["json"]) }},
    }));
    out
}

/// The whole document.
pub fn document() -> Value {
    let error = json!({"$ref": "#/components/schemas/Error"});
    let errors = json!({
        "400": {"description": "Bad request: the message says what to change", "content": {"application/json": {"schema": error}}},
        "404": {"description": "Unknown country (with suggestions), or no data for the request", "content": {"application/json": {"schema": error}}},
        "414": {"description": "Query string too long", "content": {"application/json": {"schema": error}}},
        "503": {"description": "Too many requests at once", "content": {"application/json": {"schema": error}}},
    });
    let mut paths = Map::new();
    for e in ENDPOINTS.iter().filter(|e| e.http) {
        let mut responses = errors.clone();
        responses["200"] = if e.table {
            json!({"description": "A table: JSON (meta, columns, rows), CSV or Parquet", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Frame"}},
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
            }})
        } else {
            json!({"description": "One JSON document (the CLI's --format json)", "content": {
                "application/json": {"schema": {"type": "object"}},
            }})
        };
        paths.insert(
            format!("/api/v1/{}", e.name),
            json!({"get": {
                "operationId": e.name,
                "summary": e.summary,
                "parameters": parameters(e),
                "responses": responses,
            }}),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "multipolar",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Where every state stands in the international system, from open data. \
                Every endpoint is the `multipolar` command of the same name: parameters are its flags \
                (snake_case), answers its `--format json|csv|parquet` output.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "paths": paths,
        "components": {"schemas": {
            "Frame": {
                "type": "object",
                "required": ["meta", "columns", "rows"],
                "properties": {
                    "meta": {"type": "object", "additionalProperties": {"type": "string"}, "description": "what was computed, over which data, in which convention"},
                    "columns": {"type": "array", "items": {"type": "object", "properties": {
                        "name": {"type": "string"},
                        "type": {"type": "string", "enum": ["integer", "number", "string"]},
                        "description": {"type": ["string", "null"]},
                    }}},
                    "rows": {"type": "array", "items": {"type": "object"}, "description": "one object per row; undefined values are null"},
                },
            },
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "object", "required": ["kind", "message"], "properties": {
                    "kind": {"type": "string", "enum": ["usage", "unknown_country", "no_data", "failure", "not_found", "overloaded", "timeout"]},
                    "message": {"type": "string"},
                    "suggestions": {"type": "array", "items": {"type": "string"}},
                }}},
            },
        }},
    })
}
