//! Channels: which kind of relationship an event belongs to.
//!
//! Every event gets exactly one channel; the first rule that matches wins:
//!
//! | channel | rule | examples |
//! |---|---|---|
//! | `security` | either actor is military, police or intelligence (a `MIL`, `COP` or `SPY` segment in its CAMEO sector codes: GDELT `Actor*Type*Code`, ICEWS sectors through text_to_CAMEO, so a defence ministry `GOVMIL` counts); or the CAMEO root is 15 (force posture), 18 (assault), 19 (fight) or 20 (mass violence); or the PLOVER context of the code is `military`, `intelligence`, `peacekeeping` or `cbrn` | `MARSPY 042 RUS` (a security chief's visit), `0312` intent to cooperate militarily, `138` threaten with military force |
//! | `economic` | the PLOVER context of the code is `economic`, or the code is `163` (embargo, boycott or sanctions), whose mapping gives no context | `0311`, `061` cooperate economically, `071` economic aid, `1621` cut economic aid |
//! | `diplomatic` | the PLOVER context is `diplomatic`, or the root is 01–05 (statements, appeals, intentions, consultation, diplomatic cooperation), 10–13 (demand, disapprove, reject, threaten) or 16 (reduce relations) | `036` intent to meet, `042` visit, `111` criticise, `161` reduce relations |
//! | `other` | everything else | `073` humanitarian aid, `14` protest, `17` coerce |
//!
//! POLECAT events carry PLOVER types and contexts and no CAMEO code; the same rules
//! apply with each CAMEO root read as the PLOVER type CAMEO2PLOVER maps it to (roots
//! 15/18/19/20 → `MOBILIZE`, `ASSAULT`; 03–05 → `AGREE`, `CONSULT`, `SUPPORT`; 10–13 →
//! `REQUEST`, `ACCUSE`, `REJECT`, `THREATEN`; 16 → `SANCTION`), and the event's own
//! contexts (see [`Channel::classify_plover`]).
//!
//! Security comes first because the question it answers ("are these two states' security
//! services talking?") is the one event data answers earliest; a military delegation's
//! visit (`MIL 042`) is a security tie before it is a diplomatic one.

use crate::cameo::CameoCode;

/// The kind of relationship an event belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// Military, police or intelligence actors, or security event codes.
    Security,
    /// Trade, aid, sanctions.
    Economic,
    /// Statements, consultations, diplomatic cooperation and conflict.
    Diplomatic,
    /// None of the above.
    Other,
}

impl Channel {
    /// All channels, in rule order.
    pub const ALL: [Channel; 4] = [
        Channel::Security,
        Channel::Economic,
        Channel::Diplomatic,
        Channel::Other,
    ];

    /// Name as stored and typed (`security`, `economic`, `diplomatic`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Security => "security",
            Channel::Economic => "economic",
            Channel::Diplomatic => "diplomatic",
            Channel::Other => "other",
        }
    }

    /// The channel named `s` (as [`as_str`](Self::as_str) writes it).
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Classifies an event by its code and whether either actor is a security actor
    /// (see [`is_security_sector`]).
    pub fn classify(code: &CameoCode, security_actor: bool) -> Channel {
        let ctx = |names: &[&str]| code.plover_contexts.iter().any(|c| names.contains(c));
        if security_actor
            || matches!(code.root, 15 | 18 | 19 | 20)
            || ctx(&["military", "intelligence", "peacekeeping", "cbrn"])
        {
            Channel::Security
        } else if ctx(&["economic"]) || code.code == "163" {
            Channel::Economic
        } else if ctx(&["diplomatic"]) || matches!(code.root, 1..=5 | 10..=13 | 16) {
            Channel::Diplomatic
        } else {
            Channel::Other
        }
    }

    /// Classifies a PLOVER-coded event (POLECAT) by the rules above: `MOBILIZE` and
    /// `ASSAULT` are security types, `AGREE`, `CONSULT`, `SUPPORT`, `REQUEST`,
    /// `ACCUSE`, `REJECT`, `THREATEN` and `SANCTION` diplomatic ones (the CAMEO roots
    /// that map to them); contexts and actors as for CAMEO.
    pub fn classify_plover(event_type: &str, contexts: &[&str], security_actor: bool) -> Channel {
        let ctx = |names: &[&str]| contexts.iter().any(|c| names.contains(c));
        if security_actor
            || matches!(event_type, "MOBILIZE" | "ASSAULT")
            || ctx(&["military", "intelligence", "peacekeeping", "cbrn"])
        {
            Channel::Security
        } else if ctx(&["economic"]) {
            Channel::Economic
        } else if ctx(&["diplomatic"])
            || matches!(
                event_type,
                "AGREE"
                    | "CONSULT"
                    | "SUPPORT"
                    | "REQUEST"
                    | "ACCUSE"
                    | "REJECT"
                    | "THREATEN"
                    | "SANCTION"
            )
        {
            Channel::Diplomatic
        } else {
            Channel::Other
        }
    }
}

/// Whether a CAMEO sector/type code (`MIL`, `GOVMIL`, `MILSPY`, `COP32`…) or a PLOVER
/// sector code (`MIL`, `COP`, `SPY`, the same three) names a military, police or
/// intelligence actor: one of its 3-letter segments is `MIL`, `COP` or `SPY`.
pub fn is_security_sector(code: &str) -> bool {
    let b = code.as_bytes();
    b.chunks(3).any(|s| matches!(s, b"MIL" | b"COP" | b"SPY"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cameo::lookup;

    #[test]
    fn rules_in_order() {
        let c = |code: &str, sec: bool| Channel::classify(lookup(code).unwrap(), sec);
        assert_eq!(c("042", true), Channel::Security);
        assert_eq!(c("042", false), Channel::Diplomatic);
        assert_eq!(c("190", false), Channel::Security);
        assert_eq!(c("0312", false), Channel::Security);
        assert_eq!(c("0311", false), Channel::Economic);
        assert_eq!(c("163", false), Channel::Economic);
        assert_eq!(c("111", false), Channel::Diplomatic);
        assert_eq!(c("073", false), Channel::Other);
        assert_eq!(c("14", false), Channel::Other);
    }

    /// Each CAMEO root's rule read as the PLOVER type it maps to gives the same
    /// channel when no context or actor decides.
    #[test]
    fn plover_rules_follow_the_cameo_roots() {
        let c = |t: &str| Channel::classify_plover(t, &[], false);
        for (code, t) in [
            ("036", "AGREE"),
            ("042", "CONSULT"),
            ("051", "SUPPORT"),
            ("100", "REQUEST"),
            ("111", "ACCUSE"),
            ("120", "REJECT"),
            ("130", "THREATEN"),
            ("161", "SANCTION"),
            ("150", "MOBILIZE"),
            ("190", "ASSAULT"),
            ("080", "CONCEDE"),
            ("140", "PROTEST"),
            ("170", "COERCE"),
        ] {
            let cameo = lookup(code).unwrap();
            assert_eq!(cameo.plover_event, Some(t), "{code}");
            assert_eq!(c(t), Channel::classify(cameo, false), "{code} → {t}");
        }
        assert_eq!(
            Channel::classify_plover("AID", &["economic"], false),
            Channel::Economic
        );
        assert_eq!(
            Channel::classify_plover("AID", &["military", "economic"], false),
            Channel::Security
        );
        assert_eq!(
            Channel::classify_plover("COOPERATE", &[], true),
            Channel::Security
        );
        assert_eq!(
            Channel::classify_plover("COOPERATE", &["diplomatic"], false),
            Channel::Diplomatic
        );
        assert_eq!(c("COOPERATE"), Channel::Other);
    }

    #[test]
    fn security_sectors() {
        for s in ["MIL", "COP", "SPY", "GOVMIL", "MILSPY", "COP32"] {
            assert!(is_security_sector(s), "{s}");
        }
        for s in ["GOV", "", "BUS", "MI", "XMIL"] {
            assert!(!is_security_sector(s), "{s}");
        }
    }
}
