//! Dependence on arms suppliers per recipient and year, from the SIPRI TIV table.
//!
//! For a window of w years ending in year y (w = 1: the year alone), a recipient's
//! TIV from each supplier is summed over the window; the supplier's share is its part
//! of the recipient's total, and the recipient's concentration (HHI, effective number
//! of suppliers, top-supplier share) is taken over those sums. Windows smooth SIPRI's
//! lumpy deliveries: one frigate can make a supplier 100% of a year. Windows never
//! reach past the table's last year, and a recipient-year appears only when the
//! window holds a delivery. Source: SIPRI Arms Transfers Database.

use std::collections::{BTreeMap, HashMap};

use multipolar_measures::dependence::{Concentration, share};

use crate::Span;
use crate::sipri::{Party, TivCell};

/// A recipient's arms imports from one supplier over the window ending in `year`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArmsRow {
    /// Recipient.
    pub recipient: Party,
    /// Supplier.
    pub supplier: Party,
    /// Last year of the window.
    pub year: i32,
    /// TIV delivered in `year` alone, millions.
    pub tiv: f64,
    /// TIV delivered over the window, millions.
    pub tiv_window: f64,
    /// The supplier's share of the recipient's TIV over the window.
    pub share: Option<f64>,
}

/// A recipient's supplier concentration over the window ending in `year`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecipientYear {
    /// Recipient.
    pub recipient: Party,
    /// Last year of the window.
    pub year: i32,
    /// Concentration over suppliers; `None` when the window's TIV is 0.
    pub concentration: Option<Concentration>,
    /// The supplier with the largest share, if any TIV.
    pub top_supplier: Option<Party>,
}

/// Supplier shares and concentration for every recipient-year.
#[derive(Debug, Clone)]
pub struct ArmsDependence {
    /// Window length in years.
    pub window: u32,
    /// Rows sorted by recipient, year, supplier.
    pub rows: Vec<ArmsRow>,
    /// Recipient-years sorted by recipient, year.
    pub recipients: Vec<RecipientYear>,
    /// The years of delivery each source covers ([`TivTable::sources`](crate::sipri::TivTable::sources)).
    pub sources: Vec<Span>,
}

/// Supplier → (TIV in the year, TIV over the window).
type BySupplier = BTreeMap<Party, (f64, f64)>;

/// Computes supplier dependence over windows of `window` years (at least 1).
pub fn arms_dependence(cells: &[TivCell], window: u32) -> ArmsDependence {
    let w = window.max(1) as i32;
    let last = cells.iter().map(|c| c.year).max().unwrap_or(0);
    let mut acc: BTreeMap<Party, BTreeMap<i32, BySupplier>> = BTreeMap::new();
    for c in cells {
        let years = acc.entry(c.recipient).or_default();
        for y in c.year..(c.year + w).min(last + 1) {
            let e = years.entry(y).or_default().entry(c.supplier).or_default();
            e.1 += c.tiv;
            if y == c.year {
                e.0 += c.tiv;
            }
        }
    }
    let mut rows = Vec::new();
    let mut recipients = Vec::new();
    for (recipient, years) in acc {
        for (year, suppliers) in years {
            let values: Vec<f64> = suppliers.values().map(|v| v.1).collect();
            let total: f64 = values.iter().sum();
            let concentration = Concentration::of(&values);
            let top_supplier = concentration.and_then(|_| {
                suppliers
                    .iter()
                    .rev()
                    .max_by(|a, b| a.1.1.total_cmp(&b.1.1))
                    .map(|p| *p.0)
            });
            recipients.push(RecipientYear {
                recipient,
                year,
                concentration,
                top_supplier,
            });
            for (supplier, (tiv, tiv_window)) in suppliers {
                rows.push(ArmsRow {
                    recipient,
                    supplier,
                    year,
                    tiv,
                    tiv_window,
                    share: share(tiv_window, total),
                });
            }
        }
    }
    ArmsDependence {
        window: w as u32,
        rows,
        recipients,
        sources: crate::spans(cells.iter().map(|c| (c.year, c.source.describe()))),
    }
}

/// Each recipient's TIV per year, summed over suppliers: the recipient totals of
/// SIPRI's TIV tables.
pub fn recipient_totals(cells: &[TivCell]) -> HashMap<(Party, i32), f64> {
    let mut out = HashMap::new();
    for c in cells {
        *out.entry((c.recipient, c.year)).or_insert(0.0) += c.tiv;
    }
    out
}

/// Arms transfers between two parties in one year, both ways (see [`dyad_years`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArmsDyadYear {
    /// Last year of the window.
    pub year: i32,
    /// TIV `a` received from `b` in the year, millions.
    pub a_from_b: f64,
    /// TIV `b` received from `a` in the year.
    pub b_from_a: f64,
    /// `b`'s share of `a`'s TIV over the window: 0 when `a` imported only from others,
    /// `None` when `a` imported nothing.
    pub share_a: Option<f64>,
    /// `a`'s share of `b`'s TIV over the window.
    pub share_b: Option<f64>,
}

/// The dyad `a`–`b` seen from `a`: one row per year in which either imported arms over
/// the window, sorted by year.
pub fn dyad_years(d: &ArmsDependence, a: Party, b: Party) -> Vec<ArmsDyadYear> {
    let mut years: BTreeMap<i32, ArmsDyadYear> = BTreeMap::new();
    for r in d
        .recipients
        .iter()
        .filter(|r| r.recipient == a || r.recipient == b)
    {
        let y = years.entry(r.year).or_insert(ArmsDyadYear {
            year: r.year,
            a_from_b: 0.0,
            b_from_a: 0.0,
            share_a: None,
            share_b: None,
        });
        let share = r.concentration.map(|_| 0.0);
        if r.recipient == a {
            y.share_a = share;
        } else {
            y.share_b = share;
        }
    }
    for r in &d.rows {
        let (tiv, share) = if (r.recipient, r.supplier) == (a, b) {
            let y = years
                .get_mut(&r.year)
                .expect("every row has its recipient-year");
            (&mut y.a_from_b, &mut y.share_a)
        } else if (r.recipient, r.supplier) == (b, a) {
            let y = years
                .get_mut(&r.year)
                .expect("every row has its recipient-year");
            (&mut y.b_from_a, &mut y.share_b)
        } else {
            continue;
        };
        *tiv = r.tiv;
        *share = r.share;
    }
    years.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use multipolar_countries::Registry;

    fn state(q: &str) -> Party {
        Party::State(Registry::global().resolve(q, None).unwrap())
    }

    #[test]
    fn dyad_years_by_hand() {
        // 2000: A gets 30 from B and 10 from C; B gets 5 from A. 2001: C gets 8 from A
        // only. 2002: A gets 20 from C.
        // Window 1: 2000 B's share of A = 30/40 = .75, A's share of B = 1; 2001 A is
        // nobody's recipient, B neither: no row; 2002 A imports from C only, B
        // nothing: share_a = 0, share_b undefined.
        // Window 2: 2001 A has 40 over 2000–01 (B 30), B 5 (all from A); 2002 A has
        // 60 over 2001–02 (B 30 from 2000 is out, so B's share is 0).
        let (a, b, c) = (state("FRA"), state("IND"), state("USA"));
        let cell = |supplier, recipient, year, tiv| TivCell {
            supplier,
            recipient,
            year,
            tiv,
            source: crate::sipri::TivSource::Table,
        };
        let cells = [
            cell(b, a, 2000, 30.0),
            cell(c, a, 2000, 10.0),
            cell(a, b, 2000, 5.0),
            cell(a, c, 2001, 8.0),
            cell(c, a, 2002, 20.0),
        ];
        let one = dyad_years(&arms_dependence(&cells, 1), a, b);
        assert_eq!(
            one,
            [
                ArmsDyadYear {
                    year: 2000,
                    a_from_b: 30.0,
                    b_from_a: 5.0,
                    share_a: Some(0.75),
                    share_b: Some(1.0),
                },
                ArmsDyadYear {
                    year: 2002,
                    a_from_b: 0.0,
                    b_from_a: 0.0,
                    share_a: Some(0.0),
                    share_b: None,
                },
            ]
        );
        // Seen from b, the same rows with the sides swapped.
        let flipped = dyad_years(&arms_dependence(&cells, 1), b, a);
        assert_eq!((flipped[0].a_from_b, flipped[0].share_a), (5.0, Some(1.0)));
        let two = dyad_years(&arms_dependence(&cells, 2), a, b);
        assert_eq!(
            two.iter().map(|r| r.year).collect::<Vec<_>>(),
            [2000, 2001, 2002]
        );
        assert_eq!((two[1].a_from_b, two[1].share_a), (0.0, Some(0.75)));
        assert_eq!(two[1].share_b, Some(1.0));
        assert_eq!(two[2].share_a, Some(0.0));
        assert_eq!(two[2].share_b, None);
    }
}
