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
