//! `multipolar._native`: the query layer for Python.
//!
//! One function, [`call`], runs an endpoint of the query layer by name with the
//! caller's keyword arguments, with the GIL released while it computes, and answers
//! a tagged tuple the Python package turns into its results and exceptions:
//!
//! * `("table", bytes)`: an Arrow IPC stream (one record batch, with the measure
//!   conventions in the schema metadata);
//! * `("json", str)`: a JSON document (the profile);
//! * `("error", kind, message, suggestions)`: a failure with the CLI's message.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use multipolar_query::{Answer, Engine, ErrorKind, Files, Frame};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

/// One engine per data directory for the life of the interpreter: tables are loaded
/// once and shared by every call.
fn engine(data_dir: Option<PathBuf>) -> anyhow::Result<Arc<Engine>> {
    static ENGINES: OnceLock<Mutex<HashMap<Option<PathBuf>, Arc<Engine>>>> = OnceLock::new();
    let mut map = ENGINES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(e) = map.get(&data_dir) {
        return Ok(e.clone());
    }
    let e = Arc::new(Engine::open(data_dir.clone())?);
    map.insert(data_dir, e.clone());
    Ok(e)
}

/// A Python value as JSON: None, bool, int, float, str, path-like, or a list or
/// tuple of those.
fn to_json(v: &Bound<'_, PyAny>) -> PyResult<Value> {
    if v.is_none() {
        Ok(Value::Null)
    } else if v.is_instance_of::<PyBool>() {
        Ok(Value::Bool(v.extract()?))
    } else if v.is_instance_of::<PyInt>() {
        Ok(Value::from(v.extract::<i64>()?))
    } else if v.is_instance_of::<PyFloat>() {
        let x: f64 = v.extract()?;
        serde_json::Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| PyTypeError::new_err(format!("{x} is not a finite number")))
    } else if v.is_instance_of::<PyString>() {
        Ok(Value::String(v.extract()?))
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        v.try_iter()?
            .map(|x| to_json(&x?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array)
    } else if v.hasattr("__fspath__")? {
        Ok(Value::String(v.call_method0("__fspath__")?.extract()?))
    } else {
        Err(PyTypeError::new_err(format!(
            "cannot pass a {} as a parameter; use a number, a string or a list of strings",
            v.get_type().name()?
        )))
    }
}

/// The frame as an Arrow IPC stream.
fn ipc(f: &Frame) -> anyhow::Result<Vec<u8>> {
    let batch = f.to_record_batch()?;
    let mut out = Vec::new();
    let mut w = arrow::ipc::writer::StreamWriter::try_new(&mut out, &batch.schema())?;
    w.write(&batch)?;
    w.finish()?;
    drop(w);
    Ok(out)
}

/// Runs `endpoint` with `params` (a dict of keyword arguments) on the engine of
/// `data_dir` (None: `$MULTIPOLAR_DATA` or the platform default).
#[pyfunction]
#[pyo3(signature = (endpoint, params, data_dir=None))]
fn call<'py>(
    py: Python<'py>,
    endpoint: &str,
    params: &Bound<'py, PyDict>,
    data_dir: Option<PathBuf>,
) -> PyResult<Bound<'py, PyTuple>> {
    let mut map = Map::new();
    for (k, v) in params.iter() {
        map.insert(k.extract::<String>()?, to_json(&v)?);
    }
    enum Out {
        Table(Vec<u8>),
        Json(String),
    }
    let result = py.detach(|| -> anyhow::Result<Out> {
        let engine = engine(data_dir)?;
        Ok(match engine.call(endpoint, map, Files::Allowed)? {
            Answer::Frame(f) => Out::Table(ipc(&f)?),
            Answer::Profile(p) => {
                Out::Json(serde_json::to_string(&multipolar_query::profile_json(&p))?)
            }
        })
    });
    match result {
        Ok(Out::Table(b)) => ("table", PyBytes::new(py, &b)).into_pyobject(py),
        Ok(Out::Json(s)) => ("json", s).into_pyobject(py),
        Err(e) => {
            let kind = match multipolar_query::kind(&e) {
                ErrorKind::Usage => "usage",
                ErrorKind::UnknownCountry => "unknown_country",
                ErrorKind::NoData => "no_data",
                ErrorKind::UnknownEndpoint => "unknown_endpoint",
                ErrorKind::Failure => "failure",
            };
            let suggestions = multipolar_query::suggestions(&e);
            ("error", kind, format!("{e:#}"), suggestions).into_pyobject(py)
        }
    }
}

/// The parameters of every endpoint: name → list of (parameter, help, default).
#[pyfunction]
fn endpoints(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    for e in &multipolar_query::ENDPOINTS {
        let params: Vec<(String, String, Option<String>)> = (e.args)()
            .iter()
            .map(|a| {
                (
                    a.get_id().to_string(),
                    a.get_help().map(|h| h.to_string()).unwrap_or_default(),
                    a.get_default_values()
                        .first()
                        .map(|v| v.to_string_lossy().into_owned()),
                )
            })
            .collect();
        d.set_item(e.name, params)?;
    }
    Ok(d)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(endpoints, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
