//! `multipolar profile`: facts any IR scholar accepts, computed from the data; the
//! report, JSON and HTML agree; bad options teach.

use serde_json::Value;

use crate::util::{TestEnv, bsv};

fn recent<'a>(p: &'a Value, channel: &str) -> &'a Value {
    p["recent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["channel"] == channel)
        .unwrap_or_else(|| panic!("no recent {channel}"))
}

fn pole_index(p: &Value, id: &str) -> usize {
    p["poles"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x["id"] == id)
        .unwrap()
}

fn rank(p: &Value, channel: &str, pole: &str) -> (u64, u64) {
    let r = p["peers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["channel"] == channel && r["pole"] == pole)
        .unwrap();
    (r["rank"].as_u64().unwrap(), r["of"].as_u64().unwrap())
}

fn profile(env: &TestEnv, args: &[&str]) -> Value {
    let mut a = vec!["profile"];
    a.extend(args);
    a.extend(["--no-ideal", "--format", "json"]);
    let v: Value = serde_json::from_str(&env.ok(&a)).unwrap();
    v["profile"].clone()
}

#[test]
fn israel_leans_towards_the_usa_and_cuba_away() {
    let env = TestEnv::new();
    let isr = profile(&env, &["ISR", "--from", "2000", "--to", "2019"]);
    let un = recent(&isr, "un_kappa");
    let usa = pole_index(&isr, "USA");
    assert_eq!(un["tilt"], "USA", "{un}");
    assert!(un["lean"][usa].as_f64().unwrap() > 0.2, "{un}");
    // Among all states, Israel is at the very top of the lean towards the USA.
    let (r, of) = rank(&isr, "un_kappa", "USA");
    assert!(r <= 2 && of > 150, "ISR rank {r}/{of}");

    let cub = profile(&env, &["CUB", "--from", "2000", "--to", "2019"]);
    let un = recent(&cub, "un_kappa");
    let usa = pole_index(&cub, "USA");
    assert!(un["lean"][usa].as_f64().unwrap() < -0.1, "{un}");
    assert_ne!(un["tilt"], "USA");
    let (r, of) = rank(&cub, "un_kappa", "USA");
    assert!(r as f64 > 0.9 * of as f64, "CUB rank {r}/{of}");
    // Cuba's κ with the USA is negative: it votes against more than chance.
    assert!(un["values"][usa].as_f64().unwrap() < 0.0);
}

#[test]
fn groups_vote_their_members_plurality_and_exclude_the_state() {
    let env = TestEnv::new();
    // France against the EU: compared with the other members, never with itself.
    let fra = profile(
        &env,
        &["FRA", "--from", "2010", "--to", "2019", "--poles", "EU,USA"],
    );
    let un = fra["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "un_agreement")
        .unwrap();
    // France agrees with the rest of the EU far more than with the USA, and never
    // perfectly (it is not compared with itself).
    let (eu, usa) = (
        un["values"][0].as_array().unwrap(),
        un["values"][1].as_array().unwrap(),
    );
    for (e, u) in eu.iter().zip(usa) {
        let (e, u) = (e.as_f64().unwrap(), u.as_f64().unwrap());
        assert!(
            e > 0.85 && e < 1.0 && e > u + 0.1,
            "France–EU {e}, –USA {u}"
        );
    }
    assert_eq!(fra["poles"][0]["members"].as_array().unwrap().len(), 28);
}

/// Every number of the terminal table appears in the JSON and HTML, identically.
#[test]
fn report_json_and_html_agree() {
    let env = TestEnv::new();
    let html = env.data().join("mar.html");
    let args = [
        "profile",
        "MAR",
        "--from",
        "1990",
        "--to",
        "2019",
        "--no-ideal",
    ];
    let text = env.ok(&args);
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let json: Value = serde_json::from_str(&env.ok(&a)).unwrap();
    let mut a = args.to_vec();
    a.extend(["--html", html.to_str().unwrap()]);
    env.ok(&a);
    let page = std::fs::read_to_string(&html).unwrap();

    // The HTML embeds the very same document.
    let start = page.find("id=\"profile-data\">").unwrap() + "id=\"profile-data\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    let embedded: Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(embedded, json);

    let p = &json["profile"];
    let fmt = |v: &Value| match v.as_f64() {
        Some(x) if x.abs() < 0.005 => "0.00".to_string(),
        Some(x) => format!("{x:.2}"),
        None => "–".to_string(),
    };
    for r in p["recent"].as_array().unwrap() {
        let cells: Vec<String> = r["values"].as_array().unwrap().iter().map(fmt).collect();
        let stance = r["stance"].as_str().unwrap();
        // Terminal: one line with the cells in pole order and the stance.
        let line = text
            .lines()
            .find(|l| cells.iter().all(|c| l.contains(c.as_str())) && l.contains(stance))
            .unwrap_or_else(|| panic!("no report line with {cells:?} {stance}"));
        assert!(line.contains(&fmt(&r["hedging"])), "{line}");
        // HTML: the row of this channel has the same cells.
        let row_start = page
            .find(&format!(
                "data-channel=\"{}\"",
                r["channel"].as_str().unwrap()
            ))
            .unwrap();
        let row = &page[row_start..row_start + page[row_start..].find("</tr>").unwrap()];
        for c in &cells {
            assert!(row.contains(&format!("<td>{c}</td>")), "{c} not in {row}");
        }
        assert!(row.contains(stance));
    }
    let disp = fmt(&p["recent_dispersion"]);
    assert!(text.contains(&format!("dispersion {disp}")));
    assert!(page.contains(&format!("<b id=\"dispersion\">{disp}</b>")));
    // Every shift of the JSON is a row of the HTML table.
    let shifts = p["shifts"].as_array().unwrap();
    assert!(!shifts.is_empty());
    let table = &page[page.find("id=\"shifts\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(
        table.matches("<tr>").count(),
        shifts.len() + 1,
        "header + one row per shift"
    );
    for s in shifts {
        let size = format!("{:+.2}", s["size"].as_f64().unwrap());
        assert!(page.contains(&format!("<td>{size}</td>")), "{size}");
    }
    // Charts are inline SVG, nothing fetched from elsewhere.
    assert!(page.matches("<svg").count() >= 5);
    assert!(!page.contains("src=\"http"));
}

#[test]
fn morocco_arms_follow_sipri() {
    // SIPRI TIV: Morocco's imports 2015–2019 came mostly from the USA and France;
    // China's share rose after 2010. Computed from the bundled register in the
    // dependence tests; here the profile must show the same lean.
    let env = TestEnv::new();
    let mar = profile(&env, &["MAR", "--from", "1990", "--to", "2019"]);
    let arms = recent(&mar, "arms");
    assert_eq!(arms["tilt"], "USA", "{arms}");
    let channels = mar["channels"].as_array().unwrap();
    let arms = channels.iter().find(|c| c["channel"] == "arms").unwrap();
    // The top supplier in 2019 is the USA, and its share equals the USA pole value.
    let k = 2019 - 1990;
    assert_eq!(arms["top_partner"][k]["partner"], "USA");
    let usa = pole_index(&mar, "USA");
    assert_eq!(arms["top_partner"][k]["share"], arms["values"][usa][k]);
}

#[test]
fn bad_options_teach() {
    let env = TestEnv::new();
    let e = env.fails(&["profile", "MAR", "--poles", "USA,Atlantis", "--no-ideal"]);
    assert!(
        e.contains("pole \"Atlantis\"") && e.contains("BRICS, EU, NATO"),
        "{e}"
    );
    let e = env.usage(&["profile", "USA", "--no-ideal"]);
    assert!(e.contains("USA is one of the poles"), "{e}");
    let e = env.usage(&["profile", "MAR", "--poles", "USA", "--no-ideal"]);
    assert!(e.contains("at least two poles"), "{e}");
    let e = env.usage(&[
        "profile",
        "MAR",
        "--from",
        "2010",
        "--to",
        "2000",
        "--no-ideal",
    ]);
    assert!(e.contains("--from 2010 is after --to 2000"), "{e}");
    let e = env.fails(&[
        "profile",
        "SSD",
        "--from",
        "1990",
        "--to",
        "1995",
        "--no-ideal",
    ]);
    assert!(e.contains("cast no UN votes in 1990–1995"), "{e}");
    let groups = env.data().join("west.csv");
    std::fs::write(
        &groups,
        "group,name,country,from,to\nWEST,The West,USA,1945-01-01,\nWEST,The West,Narnia,1949-01-01,\n",
    )
    .unwrap();
    let e = env.fails(&[
        "profile",
        "MAR",
        "--groups",
        groups.to_str().unwrap(),
        "--poles",
        "WEST,CHN",
        "--no-ideal",
    ]);
    assert!(
        e.contains("west.csv:3") && e.contains("country") && e.contains("Narnia"),
        "{e}"
    );
}

#[test]
fn user_groups_are_poles() {
    let env = TestEnv::new();
    let groups = env.data().join("west.csv");
    std::fs::write(
        &groups,
        "group,name,country,from,to\nWEST,The West,USA,1945-01-01,\nWEST,The West,CAN,1945-01-01,\nWEST,The West,JPN,1956-12-18,\n",
    )
    .unwrap();
    let v = profile(
        &env,
        &[
            "KOR",
            "--from",
            "2010",
            "--to",
            "2019",
            "--groups",
            groups.to_str().unwrap(),
            "--poles",
            "WEST,CHN",
        ],
    );
    assert_eq!(
        v["poles"][0]["members"],
        serde_json::json!(["CAN", "JPN", "USA"])
    );
    assert_eq!(recent(&v, "un_kappa")["tilt"], "WEST");
}

/// The ideal-point channel: Morocco's θ is BSV's within the fit's drift, and λ is
/// (θ − θ_B)/(θ_A − θ_B) of the printed values.
#[test]
fn ideal_channel_places_the_state_between_the_poles() {
    let env = TestEnv::persistent("ideal-full-fit");
    let v: Value = serde_json::from_str(&env.ok(&[
        "profile", "MAR", "--from", "2010", "--to", "2019", "--poles", "USA,CHN", "--format",
        "json",
    ]))
    .unwrap();
    let p = &v["profile"];
    let ideal = p["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "ideal")
        .unwrap();
    let k = 5; // 2015, session 70
    let theta = ideal["own"][k].as_f64().unwrap();
    assert!(
        (theta - bsv(600, 70)).abs() < 0.15,
        "MAR 2015 θ {theta} vs BSV {}",
        bsv(600, 70)
    );
    let (a, b) = (
        ideal["values"][0][k].as_f64().unwrap(),
        ideal["values"][1][k].as_f64().unwrap(),
    );
    assert!((a - bsv(2, 70)).abs() < 0.15 && (b - bsv(710, 70)).abs() < 0.15);
    let lambda = p["between"][0]["lambda"][k].as_f64().unwrap();
    assert!((lambda - (theta - b) / (a - b)).abs() < 1e-12);
    assert_eq!(
        (p["between"][0]["a"].as_str(), p["between"][0]["b"].as_str()),
        (Some("USA"), Some("CHN"))
    );
}

#[test]
fn plot_writes_every_chart_as_png_and_svg() {
    let env = TestEnv::new();
    let dir = env.data().join("charts");
    env.ok(&[
        "profile",
        "MAR",
        "--from",
        "1990",
        "--to",
        "2019",
        "--no-ideal",
        "--plot",
        dir.to_str().unwrap(),
    ]);
    for stem in [
        "lean-un_agreement",
        "lean-un_kappa",
        "lean-alliances",
        "lean-arms",
        "lean-trade",
        "lean-igo",
        "partners-arms",
        "partners-trade",
    ] {
        let png = std::fs::read(dir.join(format!("{stem}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{stem}");
        let svg = std::fs::read_to_string(dir.join(format!("{stem}.svg"))).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("MAR"), "{stem}");
    }
    // The arms chart names each pole in its legend.
    let svg = std::fs::read_to_string(dir.join("lean-arms.svg")).unwrap();
    for pole in ["USA", "EU", "CHN", "RUS"] {
        assert!(svg.lines().any(|l| l.trim() == pole), "{pole}");
    }
}
