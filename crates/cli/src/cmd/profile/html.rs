//! The self-contained HTML report: the terminal report's tables, the charts inline
//! as SVG, the conventions, and the profile's JSON embedded for machines — one file
//! to send or archive, no external resources.

use std::fmt::Write;

use anyhow::Result;
use multipolar_profile::Profile;

use super::report::{
    coverage_rows, dependence_rows, ideal_line, neighbours, num, shift_lines, title,
};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}td,th{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child{text-align:left}td.l,th.l{text-align:left}.muted{color:#666;font-size:.88em}
figure{margin:1.2em 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}code{font-size:.9em}";

pub fn page(p: &Profile) -> Result<String> {
    let mut h = String::new();
    let poles: Vec<&str> = p.poles.iter().map(|x| x.id.as_str()).collect();
    let title = title(p);
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t} — multipolar</title><style>{STYLE}</style></head><body>\n<h1 id=\"title\">{t}</h1>\n<p class=\"muted\">multipolar {v} · every number computed from the bundled open data; conventions at the end.</p>\n",
        t = esc(&title),
        v = env!("CARGO_PKG_VERSION")
    );
    for pole in p.poles.iter().filter(|x| x.members.len() > 1) {
        let _ = writeln!(
            h,
            "<p class=\"muted\">{} = {} ({} members in {}: {})</p>",
            esc(&pole.id),
            esc(&pole.name),
            pole.members.len(),
            p.to,
            esc(&pole.members.join(", "))
        );
    }

    h.push_str("<h2>Data</h2><p class=\"muted\">Per channel, within the period; years with too little data are left out of every series.</p><table id=\"coverage\"><tr><th>channel</th><th class=\"l\">data</th><th class=\"l\">left out</th></tr>\n");
    for r in coverage_rows(p) {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>",
            esc(r.title),
            esc(&r.summary(p)),
            if r.dropped.is_empty() {
                "–".to_string()
            } else {
                esc(&r.dropped.join("; "))
            }
        );
    }
    h.push_str("</table>\n");

    let _ = write!(
        h,
        "<h2>Where it stands</h2><p class=\"muted\">Means over the last {} years with data.</p><table id=\"stance\"><tr><th>channel</th><th>years</th>",
        multipolar_profile::RECENT_YEARS
    );
    for id in &poles {
        let _ = write!(h, "<th>{}</th>", esc(id));
    }
    h.push_str(
        "<th class=\"l\">stance</th><th>H</th><th>E</th><th class=\"l\">measure</th></tr>\n",
    );
    for r in &p.recent {
        let years = r.years.map_or("–".into(), |(a, b)| format!("{a}–{b}"));
        let _ = write!(
            h,
            "<tr data-channel=\"{}\"><td>{}</td><td>{years}</td>",
            r.channel.id(),
            esc(r.channel.title())
        );
        for v in &r.values {
            let _ = write!(h, "<td>{}</td>", num(*v));
        }
        let _ = writeln!(
            h,
            "<td class=\"l\">{}</td><td>{}</td><td>{}</td><td class=\"l muted\">{}</td></tr>",
            esc(&r.stance),
            num(r.hedging),
            num(r.engagement),
            esc(r.channel.measure())
        );
    }
    let _ = writeln!(
        h,
        "</table><p>Dispersion across channels: <b id=\"dispersion\">{}</b></p>",
        num(p.recent_dispersion)
    );
    if let Some(line) = ideal_line(p) {
        let _ = writeln!(h, "<p>{}</p>", esc(&line));
    }

    h.push_str("<h2>Diversification and dependence</h2><table id=\"diversification\"><tr><th>channel</th><th>year</th><th>effective partners</th><th class=\"l\">largest partner</th></tr>\n");
    for r in dependence_rows(p) {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{:.1}</td><td class=\"l\">{}</td></tr>",
            esc(r.title),
            r.year,
            r.effective,
            esc(&r.top.unwrap_or_else(|| "–".into()))
        );
    }
    h.push_str("</table>\n");

    h.push_str("<h2>Charts</h2>\n");
    for (stem, chart) in super::plots::charts(p) {
        let _ = writeln!(
            h,
            "<figure class=\"chart\" id=\"chart-{stem}\">{}</figure>",
            chart.svg()?
        );
    }

    let _ = writeln!(
        h,
        "<h2>Shifts</h2><p class=\"muted\">{}</p><table id=\"shifts\"><tr><th>year</th><th class=\"l\">channel</th><th class=\"l\">pole</th><th>before</th><th>after</th><th>change</th><th>agenda</th><th class=\"l\">drivers</th></tr>",
        esc(multipolar_profile::movement::CONVENTION)
    );
    for sh in &p.shifts {
        let title = sh.channel.title();
        let drivers: Vec<String> = shift_lines(p, sh)
            .into_iter()
            .skip(1)
            .map(|l| l.trim().to_string())
            .collect();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td><td>{:.2}</td><td>{:.2}</td><td>{:+.2}</td><td>{}</td><td class=\"l\">{}</td></tr>",
            sh.year,
            esc(title),
            esc(&sh.pole),
            sh.before,
            sh.after,
            sh.size,
            sh.agenda.map_or("–".into(), |a| format!("{a:+.2}")),
            drivers
                .iter()
                .map(|d| esc(d))
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    h.push_str("</table>\n");

    if !p.peers.is_empty() {
        h.push_str("<h2>Among all states</h2><table id=\"peers\"><tr><th>channel</th><th class=\"l\">pole</th><th>lean</th><th>rank</th><th>of</th></tr>\n");
        for r in &p.peers {
            let title = r.channel.title();
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"l\">{}</td><td>{:+.3}</td><td>{}</td><td>{}</td></tr>",
                esc(title),
                esc(&r.pole),
                r.lean,
                r.rank,
                r.of
            );
        }
        h.push_str("</table>\n");
        if let Some(n) = neighbours(p) {
            let _ = writeln!(
                h,
                "<p>Nearest by UN votes (κ to the poles): {}</p>",
                esc(&n)
            );
        }
    }

    h.push_str("<h2>Conventions and sources</h2><table><tr><th>channel</th><th class=\"l\">measure</th><th class=\"l\">source</th></tr>\n");
    for c in &p.channels {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"l\">{}</td><td class=\"l\">{}</td></tr>",
            esc(c.title),
            esc(c.measure),
            esc(c.source)
        );
    }
    h.push_str("</table><ul class=\"muted\">");
    if let Some(conv) = super::json(p)["conventions"].as_object() {
        for (k, v) in conv {
            let _ = write!(
                h,
                "<li><b>{}</b>: {}</li>",
                esc(k),
                esc(v.as_str().unwrap_or(""))
            );
        }
    }
    h.push_str("</ul>\n");
    // The numbers for machines; `<` escaped so the JSON cannot close the script.
    let data = serde_json::to_string(&super::json(p))?.replace('<', "\\u003c");
    let _ = writeln!(
        h,
        "<script type=\"application/json\" id=\"profile-data\">{data}</script>\n</body></html>"
    );
    Ok(h)
}
