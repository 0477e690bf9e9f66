//! [`Measure`]: the closed list of measures the product prints.

use std::fmt;
use std::str::FromStr;

use crate::chance::{self, Weighting};
use crate::similarity::{self, Metric};
use crate::{CrossTab, MeasureError, agreement};

/// Every measure the product prints, with its machine id and its convention
/// text.
///
/// The id is stable (it names output columns and `--measure` values); the
/// convention is one line saying which formula and which published source a
/// number reproduces, so every output can carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// [`agreement::strict`].
    Strict,
    /// [`agreement::half_credit`] (Voeten `agree`).
    HalfCredit,
    /// [`agreement::yes_no_only`].
    YesNo,
    /// [`agreement::state_dept`].
    StateDept,
    /// [`similarity::s_score`] with [`Metric::Absolute`].
    SAbs,
    /// [`similarity::s_score`] with [`Metric::Squared`].
    SSq,
    /// [`chance::cohen_kappa`] with [`Weighting::Nominal`].
    KappaNominal,
    /// [`chance::cohen_kappa`] with [`Weighting::Linear`].
    KappaLinear,
    /// [`chance::cohen_kappa`] with [`Weighting::Quadratic`] (peacesciencer
    /// `kvotev`).
    KappaQuad,
    /// [`chance::scott_pi`] with [`Weighting::Nominal`].
    PiNominal,
    /// [`chance::scott_pi`] with [`Weighting::Linear`].
    PiLinear,
    /// [`chance::scott_pi`] with [`Weighting::Quadratic`].
    PiQuad,
}

/// Short names accepted by [`Measure::from_id`] besides the ids.
const ALIASES: [(&str, Measure); 5] = [
    ("agree", Measure::HalfCredit),
    ("voeten", Measure::HalfCredit),
    ("kappa", Measure::KappaQuad),
    ("pi", Measure::PiNominal),
    ("s", Measure::SAbs),
];

impl Measure {
    /// All measures, in output order.
    pub const ALL: [Measure; 12] = [
        Measure::Strict,
        Measure::HalfCredit,
        Measure::YesNo,
        Measure::StateDept,
        Measure::SAbs,
        Measure::SSq,
        Measure::KappaNominal,
        Measure::KappaLinear,
        Measure::KappaQuad,
        Measure::PiNominal,
        Measure::PiLinear,
        Measure::PiQuad,
    ];

    /// Machine id, e.g. `"half_credit"`; the [`Display`](fmt::Display) form.
    pub fn id(self) -> &'static str {
        match self {
            Measure::Strict => "strict",
            Measure::HalfCredit => "half_credit",
            Measure::YesNo => "yes_no",
            Measure::StateDept => "state_dept",
            Measure::SAbs => "s_abs",
            Measure::SSq => "s_sq",
            Measure::KappaNominal => "kappa_nominal",
            Measure::KappaLinear => "kappa_linear",
            Measure::KappaQuad => "kappa_quad",
            Measure::PiNominal => "pi_nominal",
            Measure::PiLinear => "pi_linear",
            Measure::PiQuad => "pi_quad",
        }
    }

    /// One line naming the formula and the published source it reproduces.
    pub fn convention(self) -> &'static str {
        match self {
            Measure::Strict => {
                "strict agreement #(x = y)/n (A–A agrees, Y–A disagrees); stevedata rok_unga `agree`, QSS `PctAgreeUS`"
            }
            Measure::HalfCredit => {
                "half-credit agreement 1 − Σ|d|/(d_max·n); Voeten AgreementScores `agree` (Y–A = 0.5)"
            }
            Measure::YesNo => {
                "Yes/No-only agreement (YY + NN)/(YY + NN + YN + NY), abstentions excluded; US State Dept \"votes only\""
            }
            Measure::StateDept => {
                "State Dept half-point (Full + 0.5·Half)/n, A–A in n earns nothing; US State Dept Voting Practices 2020"
            }
            Measure::SAbs => {
                "Signorino–Ritter S, absolute: 1 − 2·Σ|d|/(n·d_max); fpsim `srs` (= 2·half_credit − 1 for votes)"
            }
            Measure::SSq => "Signorino–Ritter S, squared: 1 − 2·Σd²/(n·d_max²); fpsim `srs`",
            Measure::KappaNominal => "Cohen's κ (p_o − p_e)/(1 − p_e), own marginals; Häge 2011",
            Measure::KappaLinear => {
                "Cohen's κ_w, linear weights |a−b|/d_max, own marginals; Cohen 1968 weighted κ (Häge 2011)"
            }
            Measure::KappaQuad => {
                "Cohen's κ_w, quadratic weights (a−b)²/d_max², own marginals; peacesciencer `kvotev` (fpsim `cohenk`)"
            }
            Measure::PiNominal => {
                "Scott's π (p_o − p_e)/(1 − p_e), pooled marginals; Häge 2011, fpsim `spi`"
            }
            Measure::PiLinear => {
                "Scott's π_w, linear weights |a−b|/d_max, pooled marginals; Cohen 1968 weights on Häge 2011"
            }
            Measure::PiQuad => {
                "Scott's π_w, quadratic weights (a−b)²/d_max², pooled marginals; Häge FPSIM v2 valued π (`piva`, squared distances)"
            }
        }
    }

    /// The measure with this id or alias, ASCII case-insensitive.
    ///
    /// Aliases: `agree`/`voeten` → [`HalfCredit`](Measure::HalfCredit),
    /// `kappa` → [`KappaQuad`](Measure::KappaQuad) (peacesciencer `kvotev`),
    /// `pi` → [`PiNominal`](Measure::PiNominal), `s` → [`SAbs`](Measure::SAbs).
    pub fn from_id(s: &str) -> Option<Measure> {
        let ids = Measure::ALL.iter().map(|&m| (m.id(), m));
        ids.chain(ALIASES)
            .find(|(name, _)| name.eq_ignore_ascii_case(s))
            .map(|(_, m)| m)
    }

    /// Computes this measure on `t`; `None` where the measure is undefined
    /// (see each function). Never allocates.
    pub fn compute(self, t: &CrossTab) -> Option<f64> {
        match self {
            Measure::Strict => agreement::strict(t),
            Measure::HalfCredit => agreement::half_credit(t),
            Measure::YesNo => agreement::yes_no_only(t),
            Measure::StateDept => agreement::state_dept(t),
            Measure::SAbs => similarity::s_score(t, Metric::Absolute),
            Measure::SSq => similarity::s_score(t, Metric::Squared),
            Measure::KappaNominal => chance::cohen_kappa(t, Weighting::Nominal),
            Measure::KappaLinear => chance::cohen_kappa(t, Weighting::Linear),
            Measure::KappaQuad => chance::cohen_kappa(t, Weighting::Quadratic),
            Measure::PiNominal => chance::scott_pi(t, Weighting::Nominal),
            Measure::PiLinear => chance::scott_pi(t, Weighting::Linear),
            Measure::PiQuad => chance::scott_pi(t, Weighting::Quadratic),
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Measure {
    type Err = MeasureError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Measure::from_id(s).ok_or_else(|| MeasureError::UnknownMeasure(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for m in Measure::ALL {
            assert_eq!(Measure::from_id(m.id()), Some(m));
            assert_eq!(m.to_string().parse::<Measure>(), Ok(m));
            assert_eq!(Measure::ALL.iter().filter(|o| o.id() == m.id()).count(), 1);
        }
    }

    #[test]
    fn all_is_in_declaration_order() {
        // Ord follows declaration; ALL must be sorted so output order is stable.
        assert!(Measure::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn aliases_resolve() {
        assert_eq!(Measure::from_id("agree"), Some(Measure::HalfCredit));
        assert_eq!(Measure::from_id("voeten"), Some(Measure::HalfCredit));
        assert_eq!(Measure::from_id("kappa"), Some(Measure::KappaQuad));
        assert_eq!(Measure::from_id("pi"), Some(Measure::PiNominal));
        assert_eq!(Measure::from_id("s"), Some(Measure::SAbs));
        assert_eq!(Measure::from_id("Kappa_Quad"), Some(Measure::KappaQuad));
        assert_eq!(Measure::from_id("tau_b"), None);
        assert_eq!(Measure::from_id(""), None);
    }

    #[test]
    fn unknown_name_lists_valid_ids() {
        let err = "kapa".parse::<Measure>().unwrap_err();
        assert_eq!(err, MeasureError::UnknownMeasure("kapa".into()));
        let msg = err.to_string();
        for m in Measure::ALL {
            assert!(msg.contains(m.id()), "{msg} lacks {m}");
        }
    }

    #[test]
    fn conventions_are_single_lines() {
        for m in Measure::ALL {
            let c = m.convention();
            assert!(!c.is_empty() && !c.contains('\n'), "{m}: {c:?}");
        }
    }
}
