//! Lenient field deserialisers, so one request type reads from a URL query string
//! (every value a string, lists comma-separated), from Python keyword arguments
//! (typed values, lists as lists) and from JSON alike.

use serde::de::{DeserializeOwned, Error};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A value given as itself or as a string that parses to it (`"2015"` → 2015,
/// `"true"` → true).
pub fn lenient<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + std::str::FromStr,
    T::Err: std::fmt::Display,
{
    match Value::deserialize(d)? {
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|e| D::Error::custom(format!("\"{s}\": {e}"))),
        v => T::deserialize(v).map_err(D::Error::custom),
    }
}

/// [`lenient`] for an optional value; null and the empty string are `None`.
pub fn lenient_opt<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + std::str::FromStr,
    T::Err: std::fmt::Display,
{
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|e| D::Error::custom(format!("\"{s}\": {e}"))),
        v => T::deserialize(v).map(Some).map_err(D::Error::custom),
    }
}

/// A list given as a sequence, or as one comma-separated string (`"MAR,USA"`), as
/// the CLI's comma-separated flags.
pub fn list<'de, D>(d: D) -> Result<Vec<String>, D::Error>
where
    D: Deserializer<'de>,
{
    let items = match Value::deserialize(d)? {
        Value::Null => Vec::new(),
        Value::String(s) => s.split(',').map(|x| x.trim().to_string()).collect(),
        Value::Array(v) => v
            .into_iter()
            .map(|x| match x {
                Value::String(s) => Ok(s.trim().to_string()),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(D::Error::custom(format!(
                    "expected a list of strings, found {other}"
                ))),
            })
            .collect::<Result<_, _>>()?,
        Value::Number(n) => vec![n.to_string()],
        other => {
            return Err(D::Error::custom(format!(
                "expected a comma-separated string or a list, found {other}"
            )));
        }
    };
    Ok(items.into_iter().filter(|s| !s.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct Inner {
        #[serde(deserialize_with = "super::lenient_opt")]
        from: Option<i32>,
        #[serde(deserialize_with = "super::lenient")]
        flag: bool,
    }

    #[derive(Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct Outer {
        #[serde(deserialize_with = "super::list")]
        countries: Vec<String>,
        #[serde(flatten)]
        inner: Inner,
    }

    #[test]
    fn a_query_string_fills_flattened_numbers_and_lists() {
        let o: Outer =
            serde_urlencoded::from_str("countries=MAR,%20USA&from=2015&flag=true").unwrap();
        assert_eq!(o.countries, ["MAR", "USA"]);
        assert_eq!(o.inner.from, Some(2015));
        assert!(o.inner.flag);
    }

    #[test]
    fn json_values_are_taken_as_typed() {
        let o: Outer =
            serde_json::from_str(r#"{"countries":["MAR","USA"],"from":2015,"flag":false}"#)
                .unwrap();
        assert_eq!(o.countries, ["MAR", "USA"]);
        assert_eq!(o.inner.from, Some(2015));
        let o: Outer = serde_json::from_str(r#"{"from":null,"countries":"RUS"}"#).unwrap();
        assert_eq!((o.inner.from, o.countries), (None, vec!["RUS".to_string()]));
    }

    #[test]
    fn a_bad_number_names_the_value() {
        let e = serde_urlencoded::from_str::<Outer>("from=20x5").unwrap_err();
        assert!(e.to_string().contains("\"20x5\""), "{e}");
        let e = serde_json::from_str::<Outer>(r#"{"countries":[true]}"#).unwrap_err();
        assert!(e.to_string().contains("list of strings"), "{e}");
    }
}
