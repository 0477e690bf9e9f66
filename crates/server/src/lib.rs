//! `multipolar serve`: the HTTP API and the web dashboard.
//!
//! Every endpoint is one query-layer call: the query string is checked against the
//! request type's parameters (unknown ones are a 400), deserialised into the same
//! request the CLI builds from its flags, run on a blocking thread against the one
//! shared [`Engine`], and answered as JSON (the CLI's `--format json` document), CSV
//! or Parquet. Errors carry the CLI's message with a 4xx status for bad requests.
//!
//! Operations: loopback by default, the data directory read-only, a limit on
//! concurrent requests beyond which requests are shed (503) rather than queued, a
//! time limit per request, a cap on the query string, graceful shutdown on SIGINT or
//! SIGTERM, an access log on stderr and `/healthz`.

mod api;
mod assets;
mod cache;
mod openapi;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::Router;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use multipolar_query::Engine;
use tower::ServiceBuilder;

pub use openapi::document as openapi_document;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Address to listen on (loopback by default: expose it deliberately).
    pub addr: SocketAddr,
    /// Requests computed at once; more are answered 503 at once.
    pub max_concurrent: usize,
    /// Longest a request may take before it is answered 504.
    pub timeout: Duration,
    /// Longest query string accepted (bytes); longer is answered 414.
    pub max_query: usize,
    /// Log every request on stderr.
    pub access_log: bool,
    /// Bytes of answers kept for repeated requests (0: none); a kept answer lives
    /// as long as the process (see `cache`).
    pub cache_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_concurrent: 64,
            timeout: Duration::from_secs(30),
            max_query: 4096,
            access_log: true,
            cache_bytes: 64 << 20,
        }
    }
}

/// What every handler shares.
pub(crate) struct App {
    pub engine: Engine,
    pub max_query: usize,
    pub cache: cache::Answers,
}

/// The application: API, OpenAPI document, dashboard and health check, with the
/// limits of `opts`.
pub fn router(engine: Engine, opts: &Options) -> Router {
    let app = Arc::new(App {
        engine,
        max_query: opts.max_query,
        cache: cache::Answers::new(opts.cache_bytes),
    });
    let limits = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|e: tower::BoxError| async move {
            if e.is::<tower::timeout::error::Elapsed>() {
                api::error_response(
                    StatusCode::GATEWAY_TIMEOUT,
                    "timeout",
                    "the request took too long",
                    &[],
                )
            } else {
                api::error_response(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "overloaded",
                    "too many requests at once; try again",
                    &[],
                )
            }
        }))
        .load_shed()
        .concurrency_limit(opts.max_concurrent)
        .timeout(opts.timeout);
    let mut r = api::routes(Router::new())
        .route("/api/v1/openapi.json", get(openapi::handler))
        .route("/healthz", get(|| async { "ok\n" }))
        .merge(assets::routes())
        .fallback(|| async {
            api::error_response(
                StatusCode::NOT_FOUND,
                "not_found",
                "no such page or endpoint; the API is under /api/v1 (see /api/v1/openapi.json)",
                &[],
            )
        })
        .layer(limits)
        .with_state(app);
    if opts.access_log {
        r = r.layer(middleware::from_fn(access_log));
    }
    r
}

/// One line per request on stderr: client, request line, status, time.
async fn access_log(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "-".to_string(), |c| c.0.to_string());
    let line = format!(
        "{} {}",
        req.method(),
        req.uri().path_and_query().map_or("/", |p| p.as_str())
    );
    let resp = next.run(req).await;
    eprintln!(
        "{client} \"{}\" {} {:.1}ms",
        line.chars().take(300).collect::<String>(),
        resp.status().as_u16(),
        start.elapsed().as_secs_f64() * 1e3
    );
    resp
}

/// Loads the data every page needs, binds, calls `ready` with the bound address,
/// and serves until SIGINT or SIGTERM (requests in flight are finished).
pub fn serve(engine: Engine, opts: Options, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    engine.warm().context("cannot load the data to serve")?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .with_context(|| format!("cannot listen on {}", opts.addr))?;
        ready(listener.local_addr()?);
        let app = router(engine, &opts).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .context("the server failed")
    })
}

async fn shutdown() {
    let int = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! {
            _ = int => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = int.await;
    eprintln!("multipolar: shutting down (finishing requests in flight)");
}
