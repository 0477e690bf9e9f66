//! The terminal report: what a reader needs in a minute, every number from the
//! [`Profile`].

use std::fmt::Write;

use multipolar_profile::{ChannelId, Driver, Profile, Shift};

/// A value with 2 decimals (never "-0.00"), or "–".
pub fn num(v: Option<f64>) -> String {
    v.map_or_else(
        || "–".into(),
        |v| format!("{:.2}", if v.abs() < 0.005 { 0.0 } else { v }),
    )
}

/// A share as a whole percentage.
pub fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// The latest year with a value in a series, and the value.
pub fn latest<T: Clone>(years: &[i32], v: &[Option<T>]) -> Option<(i32, T)> {
    years
        .iter()
        .zip(v)
        .rev()
        .find_map(|(y, v)| Some((*y, v.clone()?)))
}

/// "Morocco (MAR) between USA, EU, CHN, RUS · 1990–2019".
pub fn title(p: &Profile) -> String {
    let poles: Vec<&str> = p.poles.iter().map(|x| x.id.as_str()).collect();
    format!(
        "{} ({}) between {} · {}–{}",
        p.name,
        p.state,
        poles.join(", "),
        p.from,
        p.to
    )
}

/// The latest ideal point with the poles' and λ, e.g. "Ideal point 2019: θ = …".
pub fn ideal_line(p: &Profile) -> Option<String> {
    let ideal = p.channels.iter().find(|c| c.channel == ChannelId::Ideal)?;
    let (y, theta) = latest(&p.years, &ideal.own)?;
    let k = (y - p.from) as usize;
    let mut s = format!("Ideal point {y}: θ = {theta:.2}");
    for (i, pole) in p.poles.iter().enumerate() {
        let _ = write!(s, ", {} {}", pole.id, num(ideal.values[i][k]));
    }
    let lambdas: Vec<String> = p
        .between
        .iter()
        .filter_map(|b| Some(format!("λ({}↔{}) = {:.2}", b.a, b.b, b.lambda[k]?)))
        .collect();
    let _ = write!(s, "; {}", lambdas.join(", "));
    Some(s)
}

/// Where one channel's data end within the period, from which sources, and the
/// years left out of its series.
pub struct CoverageRow {
    pub title: &'static str,
    /// Last year with data in the period, if any.
    pub to: Option<i32>,
    /// The sources, each with its years when there are several.
    pub sources: String,
    /// "2020 (MAR voted in 3 roll calls in 2020, fewer than 10)", …
    pub dropped: Vec<String>,
}

impl CoverageRow {
    /// "data to 2024 (source)" or "no data in 2015–2025".
    pub fn summary(&self, p: &Profile) -> String {
        match self.to {
            Some(to) => format!("data to {to} ({})", self.sources),
            None => format!("no data in {}–{}", p.from, p.to),
        }
    }
}

/// One row per channel; κ shares the agreement's votes, so UN votes are one row.
pub fn coverage_rows(p: &Profile) -> Vec<CoverageRow> {
    p.channels
        .iter()
        .filter(|c| c.channel != ChannelId::UnKappa)
        .map(|c| {
            let cov: Vec<_> = p
                .coverage
                .iter()
                .filter(|x| x.channel == c.channel)
                .collect();
            let sources = match cov.as_slice() {
                [one] => one.source.clone(),
                many => many
                    .iter()
                    .map(|x| format!("{} {}–{}", x.source, x.from, x.to))
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            CoverageRow {
                title: match c.channel {
                    ChannelId::UnAgreement => "UN votes",
                    _ => c.title,
                },
                to: cov.iter().map(|x| x.to).max(),
                sources,
                dropped: p
                    .dropped
                    .iter()
                    .filter(|d| d.channel == c.channel)
                    .map(|d| format!("{} ({})", d.year, d.reason))
                    .collect(),
            }
        })
        .collect()
}

/// A channel's partner concentration at its latest year with data.
pub struct DependenceRow {
    pub title: &'static str,
    pub year: i32,
    /// Effective number of partners.
    pub effective: f64,
    pub unit: &'static str,
    /// Largest partner and its share, e.g. "USA 79%".
    pub top: Option<String>,
}

/// One row per channel with partners.
pub fn dependence_rows(p: &Profile) -> Vec<DependenceRow> {
    p.channels
        .iter()
        .filter_map(|c| {
            let (year, effective) = latest(&p.years, &c.diversification)?;
            let unit = match c.channel {
                ChannelId::Arms => "suppliers",
                ChannelId::Trade | ChannelId::EventsSecurity => "partners",
                _ => "allies",
            };
            let top = c.top_partner[(year - p.from) as usize]
                .as_ref()
                .map(|t| format!("{} {}", t.partner, pct(t.share)));
            Some(DependenceRow {
                title: c.title,
                year,
                effective,
                unit,
                top,
            })
        })
        .collect()
}

/// Width of a channel column: `min`, or the longest of `titles` (the event
/// channels' titles are longer than the others').
fn title_width<'a>(titles: impl Iterator<Item = &'a str>, min: usize) -> usize {
    titles
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
        .max(min)
}

pub fn text(p: &Profile) -> String {
    let mut s = String::new();
    let recent_titles = || p.recent.iter().map(|r| r.channel.title());
    let w = title_width(recent_titles(), 22);
    let pw = title_width(recent_titles(), 21) + 1;
    let poles: Vec<&str> = p.poles.iter().map(|x| x.id.as_str()).collect();
    let _ = writeln!(s, "{}", title(p));
    for pole in p.poles.iter().filter(|x| x.members.len() > 1) {
        let _ = writeln!(
            s,
            "  {} = {} ({} members in {})",
            pole.id,
            pole.name,
            pole.members.len(),
            p.to
        );
    }

    let _ = writeln!(s, "\nData (per channel, within the period)");
    let rows = coverage_rows(p);
    let cw = title_width(rows.iter().map(|r| r.title), 13);
    for r in &rows {
        let left = if r.dropped.is_empty() {
            String::new()
        } else {
            format!("; left out: {}", r.dropped.join(", "))
        };
        let _ = writeln!(s, "  {:<cw$} {}{left}", r.title, r.summary(p));
    }

    let _ = writeln!(
        s,
        "\nWhere it stands (means over the last {} years with data; value per pole, then stance)",
        multipolar_profile::RECENT_YEARS
    );
    let _ = write!(s, "  {:<w$}{:>10}", "channel", "years");
    for id in &poles {
        let _ = write!(s, "{id:>8}");
    }
    let _ = writeln!(s, "  {:<22}{:>6}{:>6}", "stance", "H", "E");
    for r in &p.recent {
        let years = r.years.map_or("–".into(), |(a, b)| format!("{a}–{b}"));
        let _ = write!(s, "  {:<w$}{:>10}", r.channel.title(), years);
        for v in &r.values {
            let _ = write!(s, "{:>8}", num(*v));
        }
        let _ = writeln!(
            s,
            "  {:<22}{:>6}{:>6}",
            r.stance,
            num(r.hedging),
            num(r.engagement)
        );
    }
    let tilts: Vec<String> = p
        .recent
        .iter()
        .filter_map(|r| Some(format!("{} → {}", short(r.channel), r.tilt.clone()?)))
        .collect();
    let mut distinct: Vec<&str> = p.recent.iter().filter_map(|r| r.tilt.as_deref()).collect();
    distinct.sort();
    distinct.dedup();
    let _ = writeln!(
        s,
        "  Across channels: dispersion {} · {}{}",
        num(p.recent_dispersion),
        if tilts.is_empty() {
            "no channel leans".to_string()
        } else {
            tilts.join(", ")
        },
        if distinct.len() > 1 {
            " — leaning different ways in different channels (hedging across channels)"
        } else {
            ""
        }
    );

    if let Some(line) = ideal_line(p) {
        let _ = writeln!(s, "  {line}");
    }

    let _ = writeln!(
        s,
        "\nDiversification and dependence (latest year with data)"
    );
    let rows = dependence_rows(p);
    let dw = title_width(rows.iter().map(|r| r.title), 13);
    for r in rows {
        let top = r.top.map(|t| format!("; largest {t}")).unwrap_or_default();
        let _ = writeln!(
            s,
            "  {:<dw$} {}: {:.1} effective {}{top}",
            r.title, r.year, r.effective, r.unit
        );
    }

    let shown = largest_shifts(p, SHIFTS_PER_CHANNEL);
    let _ = writeln!(
        s,
        "\nLargest shifts per channel ({} of {}; all in --format json or --html)",
        shown.len(),
        p.shifts.len()
    );
    let _ = writeln!(s, "  {}", multipolar_profile::movement::CONVENTION);
    for sh in shown {
        for line in shift_lines(p, sh) {
            let _ = writeln!(s, "  {line}");
        }
    }

    if !p.peers.is_empty() {
        let _ = writeln!(
            s,
            "\nAmong all states (rank 1 = leans most towards the pole)"
        );
        for r in &p.recent {
            let ranks: Vec<String> = p
                .peers
                .iter()
                .filter(|x| x.channel == r.channel)
                .map(|x| format!("{} {}/{}", x.pole, x.rank, x.of))
                .collect();
            if !ranks.is_empty() {
                let title = r.channel.title();
                let _ = writeln!(s, "  {title:<pw$}{}", ranks.join("  "));
            }
        }
    }
    if let Some(n) = neighbours(p) {
        let _ = writeln!(s, "  Nearest by UN votes (κ to the poles): {n}");
    }
    s
}

/// The nearest states with their distances, e.g. "JOR 0.017, MYS 0.018".
pub fn neighbours(p: &Profile) -> Option<String> {
    let n: Vec<String> = p
        .neighbours
        .iter()
        .map(|n| format!("{} {:.3}", n.state, n.distance))
        .collect();
    (!n.is_empty()).then(|| n.join(", "))
}

/// Shifts per channel in the terminal report.
const SHIFTS_PER_CHANNEL: usize = 2;

/// The `n` largest shifts of each channel, in year order.
pub fn largest_shifts(p: &Profile, n: usize) -> Vec<&Shift> {
    let mut out = Vec::new();
    for c in &p.channels {
        let mut v: Vec<&Shift> = p.shifts.iter().filter(|s| s.channel == c.channel).collect();
        v.sort_by(|a, b| b.size.abs().total_cmp(&a.size.abs()));
        out.extend(v.into_iter().take(n));
    }
    out.sort_by_key(|s| s.year);
    out
}

/// A shift and its three main drivers, as lines of text.
pub fn shift_lines(p: &Profile, sh: &Shift) -> Vec<String> {
    let title = sh.channel.title();
    let mut out = vec![format!(
        "{} {title}, {}: {:.2} ({}–{}) → {:.2} ({}–{}), {:+.2}{}",
        sh.year,
        sh.pole,
        sh.before,
        sh.before_years.0,
        sh.before_years.1,
        sh.after,
        sh.after_years.0,
        sh.after_years.1,
        sh.size,
        sh.agenda
            .map(|a| format!(
                " ({a:+.2} from the agenda, {:+.2} from changed votes)",
                sh.size - a
            ))
            .unwrap_or_default()
    )];
    for d in sh.drivers.iter().take(3) {
        out.push(match d {
            Driver::Votes(v) => format!(
                "    {:+.3} {} ({}): {} {} → {}; {} {} → {}",
                v.contribution,
                clip(&v.title, 60),
                v.resolution,
                p.state,
                v.state_votes.0,
                v.state_votes.1,
                sh.pole,
                v.pole_votes.0,
                v.pole_votes.1
            ),
            Driver::Partner(d) if sh.channel == ChannelId::Alliances => format!(
                "    {} allied in {} → {} of years",
                d.partner,
                pct(d.before),
                pct(d.after)
            ),
            Driver::Partner(d) => format!("    {} {} → {}", d.partner, pct(d.before), pct(d.after)),
        });
    }
    out
}

fn short(c: ChannelId) -> &'static str {
    match c {
        ChannelId::UnAgreement | ChannelId::UnKappa => "UN",
        ChannelId::Ideal => "ideal",
        ChannelId::Alliances => "alliances",
        ChannelId::Arms => "arms",
        ChannelId::Trade => "trade",
        ChannelId::Igo => "IGOs",
        ChannelId::EventsCoop => "events",
        ChannelId::EventsSecurity => "security events",
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}
