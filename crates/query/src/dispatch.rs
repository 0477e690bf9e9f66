//! Calls by name: an endpoint and its parameters as a JSON object, for front ends
//! that receive requests as data (the HTTP API's query strings, Python's keyword
//! arguments). Each name maps to one request type and one [`Engine`] method, so
//! both front ends accept the same parameters and answer the same numbers.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::error::usage;
use crate::{
    AlignRequest, CodeRequest, CountryRequest, DependenceRequest, DyadsRequest, Engine,
    EventsRequest, Frame, IdealRequest, PolarityRequest, Profile, ProfileRequest, Request,
    SystemRequest, TiesRequest,
};

/// What a call answers.
pub enum Answer {
    /// A table.
    Frame(Frame),
    /// A profile.
    Profile(Box<Profile>),
}

/// A callable capability.
pub struct Endpoint {
    /// Its name (the CLI verb; the API path under `/api/v1/`).
    pub name: &'static str,
    /// One line on what it answers.
    pub summary: &'static str,
    /// The clap arguments of its request type: the parameters.
    pub args: fn() -> Vec<clap::Arg>,
    /// Parameters that name files.
    pub file_params: &'static [&'static str],
    /// Whether it answers a table (else a profile).
    pub table: bool,
    /// Whether a server offers it (every dyad of 75 years is hundreds of MB of JSON:
    /// for local callers only).
    pub http: bool,
}

macro_rules! endpoint {
    ($name:literal, $t:ty, $table:literal, $summary:literal) => {
        endpoint!($name, $t, $table, $summary, true)
    };
    ($name:literal, $t:ty, $table:literal, $summary:literal, $http:literal) => {
        Endpoint {
            name: $name,
            summary: $summary,
            args: crate::args::<$t>,
            file_params: <$t as Request>::FILE_PARAMS,
            table: $table,
            http: $http,
        }
    };
}

/// `measures` takes no parameters.
#[derive(clap::Args, serde::Deserialize, Debug, Default)]
pub struct NoParams {}

impl Request for NoParams {
    const ALIASES: &'static [&'static str] = &[];
}

/// Every endpoint.
pub const ENDPOINTS: [Endpoint; 12] = [
    endpoint!(
        "align",
        AlignRequest,
        true,
        "UN voting alignment of every pair of the named states (agreement, S, κ, π) per session or year"
    ),
    endpoint!(
        "dyads",
        DyadsRequest,
        true,
        "Every dyad × period with n and all twelve alignment measures",
        false
    ),
    endpoint!(
        "ties",
        TiesRequest,
        true,
        "Ties between states per dyad-year: alliance similarity, trade, arms, IGOs, geography"
    ),
    endpoint!(
        "dependence",
        DependenceRequest,
        true,
        "A state's dependence on named partners per year, with its partner concentration"
    ),
    endpoint!(
        "ideal",
        IdealRequest,
        true,
        "Bailey–Strezhnev–Voeten dynamic ideal points per country and session"
    ),
    endpoint!(
        "profile",
        ProfileRequest,
        false,
        "A state's position between the poles by channel, with hedging, dependence and shifts"
    ),
    endpoint!(
        "system",
        SystemRequest,
        true,
        "The system per year: polarity, UN voting blocs and brokers"
    ),
    endpoint!(
        "polarity",
        PolarityRequest,
        true,
        "CON and the effective number of poles over the major powers' CINC per year"
    ),
    endpoint!(
        "events",
        EventsRequest,
        true,
        "Cooperation and conflict between two states from the imported event data"
    ),
    endpoint!(
        "code",
        CodeRequest,
        true,
        "News text to CAMEO/PLOVER event records (who did what to whom), dictionary mode"
    ),
    endpoint!(
        "countries",
        CountryRequest,
        true,
        "Every entity of the country registry, or one country's codes and spells (with query)"
    ),
    endpoint!(
        "measures",
        NoParams,
        true,
        "Every alignment measure with the published source it reproduces"
    ),
];

/// Whether a caller may name files on this machine (the CLI and Python may; a
/// server's clients may not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Files {
    /// File parameters are accepted.
    Allowed,
    /// File parameters are a usage error.
    Refused,
}

/// Checks `params` against `R` and deserialises them.
fn request<R: Request>(params: Map<String, Value>, files: Files) -> Result<R> {
    let names: Vec<&str> = params.keys().map(String::as_str).collect();
    crate::check_params::<R>(&names)?;
    if files == Files::Refused
        && let Some(f) = names.iter().find(|n| R::FILE_PARAMS.contains(n))
    {
        return Err(usage(format!(
            "parameter \"{f}\" names a file and is available only on the command line"
        )));
    }
    serde_json::from_value(Value::Object(params)).map_err(|e| usage(format!("bad parameter: {e}")))
}

impl Engine {
    /// Runs the endpoint `name` with `params`. Values may be typed or strings (as in a
    /// query string); lists may be arrays or comma-separated strings.
    pub fn call(&self, name: &str, params: Map<String, Value>, files: Files) -> Result<Answer> {
        let frame = |f: Frame| Answer::Frame(f);
        Ok(match name {
            "align" => frame(self.align(&request(params, files)?)?),
            "dyads" => frame(self.dyads(&request(params, files)?)?),
            "ties" => frame(self.ties(&request(params, files)?)?),
            "dependence" => frame(self.dependence(&request(params, files)?)?),
            "ideal" => frame(self.ideal(&request(params, files)?)?),
            "profile" => Answer::Profile(Box::new(self.profile(&request(params, files)?)?)),
            "system" => frame(self.system(&request(params, files)?)?),
            "polarity" => frame(self.polarity(&request(params, files)?)?),
            "events" => frame(self.events(&request(params, files)?)?),
            "code" => frame(crate::code(&request::<CodeRequest>(params, files)?)?),
            "countries" => {
                let r: CountryRequest = request(params, files)?;
                frame(if r.query.is_empty() {
                    crate::countries()
                } else {
                    crate::country(&r)?
                })
            }
            "measures" => {
                request::<NoParams>(params, files)?;
                frame(crate::measures())
            }
            other => {
                return Err(crate::error::unknown_endpoint(other));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::{ErrorKind, kind};

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn engine() -> Engine {
        Engine::open(Some(std::env::temp_dir().join("multipolar-no-such-dir"))).unwrap()
    }

    #[test]
    fn unknown_parameters_are_usage_errors_naming_the_known_ones() {
        let e = engine()
            .call("measures", params(json!({"colour": "red"})), Files::Allowed)
            .err()
            .unwrap();
        assert_eq!(kind(&e), ErrorKind::Usage);
        let e = engine()
            .call(
                "align",
                params(json!({"countries": "MAR,USA", "form": 2015})),
                Files::Allowed,
            )
            .err()
            .unwrap();
        assert_eq!(kind(&e), ErrorKind::Usage);
        let msg = e.to_string();
        assert!(
            msg.contains("unknown parameter \"form\"") && msg.contains("from"),
            "{msg}"
        );
    }

    #[test]
    fn file_parameters_are_refused_when_asked() {
        let p = params(json!({"countries": ["USA", "GBR"], "cow_alliances": "/etc/passwd"}));
        let e = engine().call("ties", p, Files::Refused).err().unwrap();
        assert_eq!(kind(&e), ErrorKind::Usage);
        assert!(e.to_string().contains("only on the command line"), "{e}");
    }

    #[test]
    fn aliases_and_typed_or_string_values_give_the_same_request() {
        let typed: AlignRequest = request(
            params(
                json!({"countries": ["MAR", "USA"], "start": 2015, "end": 2019, "pooled": true}),
            ),
            Files::Refused,
        )
        .unwrap();
        let strings: AlignRequest = request(
            params(json!({"countries": "MAR,USA", "from": "2015", "to": "2019", "pooled": "true"})),
            Files::Refused,
        )
        .unwrap();
        assert_eq!(typed.countries, strings.countries);
        assert_eq!(
            (typed.select.from, typed.select.to),
            (Some(2015), Some(2019))
        );
        assert_eq!(
            (strings.select.from, strings.select.to),
            (Some(2015), Some(2019))
        );
        assert!(typed.pooled && strings.pooled);
        // Defaults are the CLI's.
        assert_eq!((typed.reps, typed.seed), (1000, 42));
    }

    #[test]
    fn the_request_is_checked_before_any_data_is_read() {
        // A period the wrong way round fails at once, even where no data exist.
        let e = engine()
            .call(
                "profile",
                params(json!({"country": "MAR", "from": 2030, "to": 2020})),
                Files::Allowed,
            )
            .err()
            .unwrap();
        assert_eq!(kind(&e), ErrorKind::Usage);
        assert_eq!(e.to_string(), "--from 2030 is after --to 2020");
        let e = engine()
            .call(
                "align",
                params(json!({"countries": "MAR,Marocco"})),
                Files::Allowed,
            )
            .err()
            .unwrap();
        assert_eq!(kind(&e), ErrorKind::UnknownCountry);
        assert!(crate::suggestions(&e).iter().any(|s| s.contains("Morocco")));
        let e = engine()
            .call("nothing", Map::new(), Files::Allowed)
            .err()
            .unwrap();
        assert_eq!(kind(&e), ErrorKind::UnknownEndpoint);
    }

    #[test]
    fn every_endpoint_has_a_request_type_with_its_parameters() {
        for e in &ENDPOINTS {
            let names: Vec<String> = (e.args)().iter().map(|a| a.get_id().to_string()).collect();
            for f in e.file_params {
                assert!(names.iter().any(|n| n == f), "{}: {f}", e.name);
            }
        }
        let align = ENDPOINTS.iter().find(|e| e.name == "align").unwrap();
        let names: Vec<String> = (align.args)()
            .iter()
            .map(|a| a.get_id().to_string())
            .collect();
        for n in [
            "countries",
            "from",
            "to",
            "by",
            "issue",
            "measure",
            "ci",
            "seed",
        ] {
            assert!(names.iter().any(|x| x == n), "align lacks {n}: {names:?}");
        }
    }
}
