//! The query layer: one typed function per capability, shared by every front end.
//!
//! The `multipolar` command, the HTTP API (`multipolar serve`) and the Python package
//! all turn their input into the same request types ([`AlignRequest`],
//! [`ProfileRequest`], …) and call the same methods of one [`Engine`], so every front
//! end prints the same numbers. A request is checked completely — countries
//! resolved, periods and option combinations validated — before any data is read or
//! any model fitted; then the engine computes a [`Frame`] (a typed table with its
//! conventions as metadata) or a [`Profile`].
//!
//! The request types are at once clap arguments (the CLI's flags and their help),
//! serde structures (query strings, Python keyword arguments) and OpenAPI parameter
//! lists (utoipa), so a parameter is declared once for every front end.
//!
//! The engine loads each table the first time a request needs it and keeps it for
//! the life of the process (a server loads the UN votes once, not per request).

mod align;
mod code;
mod common;
mod country;
pub mod de;
mod dependence;
mod dispatch;
mod engine;
mod error;
mod events;
mod ideal;
mod measures;
mod polarity;
mod profile;
#[cfg(feature = "events")]
mod profile_events;
mod system;
mod ties;

pub use align::{AlignRequest, DyadsRequest, SelectArgs};
pub use code::{CodeRequest, EVENT_COLUMNS, code, event_row, parse_date};
pub use common::{By, label};
pub use country::{CountryRequest, countries, country};
pub use dependence::{DependenceChannel, DependenceExportRequest, DependenceRequest};
pub use dispatch::{Answer, ENDPOINTS, Endpoint, Files};
pub use engine::Engine;
pub use error::{ErrorKind, NoData, UnknownName, Usage, check_params, kind, suggestions};
pub use events::{EventChannel, EventWeight, EventsBy, EventsRequest};
pub use ideal::IdealRequest;
pub use measures::measures;
pub use polarity::PolarityRequest;
pub use profile::{ProfileRequest, profile_json};
pub use system::SystemRequest;
pub use ties::{AllianceExportRequest, AllianceSource, TiesChannel, TiesRequest};

pub use multipolar_output::{Column, Data, Format, Frame};

/// A request type: its parameters are its clap arguments (ids = serde field names),
/// plus the serde aliases each front end may use (`start`/`end` for Python, where
/// `from` is a keyword).
pub trait Request: clap::Args + serde::de::DeserializeOwned + Send + 'static {
    /// Other names accepted for some parameters.
    const ALIASES: &'static [&'static str];
    /// Parameters that name files on the machine running the query: a server must
    /// not accept them from its clients.
    const FILE_PARAMS: &'static [&'static str] = &[];
}

/// The parameters of a request type, with their clap definitions (help text,
/// defaults, possible values): the source of the API's parameter documentation.
pub fn params<T: Request>() -> Vec<String> {
    args::<T>().iter().map(|a| a.get_id().to_string()).collect()
}

/// The clap arguments of a request type.
pub fn args<T: Request>() -> Vec<clap::Arg> {
    T::augment_args(clap::Command::new("request"))
        .get_arguments()
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .cloned()
        .collect()
}

macro_rules! request {
    ($t:ty, [$($alias:literal),*] $(, files = [$($file:literal),*])?) => {
        impl Request for $t {
            const ALIASES: &'static [&'static str] = &[$($alias),*];
            $(const FILE_PARAMS: &'static [&'static str] = &[$($file),*];)?
        }
    };
}

request!(AlignRequest, ["start", "end", "state", "states"]);
request!(DyadsRequest, ["start", "end"]);
request!(
    TiesRequest,
    ["start", "end", "state", "states"],
    files = ["cow_alliances", "mindist"]
);
request!(
    AllianceExportRequest,
    ["start", "end"],
    files = ["cow_alliances"]
);
request!(DependenceRequest, ["start", "end", "state", "partners"]);
request!(DependenceExportRequest, []);
request!(IdealRequest, ["start", "end", "state", "states"]);
request!(
    ProfileRequest,
    ["start", "end", "state"],
    files = ["groups"]
);
request!(SystemRequest, ["start", "end"]);
request!(PolarityRequest, ["start", "end"]);
request!(CountryRequest, ["q", "state"]);
request!(CodeRequest, []);
request!(EventsRequest, ["start", "end", "state", "states"]);
pub use multipolar_profile::Profile;
