//! Precision: no event where the verb phrase is not an act between the actors. The
//! seed paragraph paraphrases the opinion piece of issue #15 around its quoted
//! sentence; the expected codes are hand-worked from the CAMEO codebook (042 make a
//! visit, 046 engage in negotiation; no 19x assault).

use multipolar_coder::{Coder, Event, Story};

fn events(c: &Coder, text: &str) -> Vec<Event> {
    c.code(Story {
        id: "t",
        date: Some(20240101),
        text,
    })
    .events
}

fn triples(c: &Coder, text: &str) -> Vec<(String, String, String)> {
    events(c, text)
        .into_iter()
        .map(|e| (e.source.code, e.target.code, e.cameo))
        .collect()
}

const SEED: &str = "Abdellatif Hammouchi, head of Morocco's security services, spent three days in \
Moscow for talks on counterterrorism, cybersecurity and intelligence cooperation. Russia, facing \
complex security challenges on its southern borders, understands the significance of Moroccan \
expertise. Russia, fighting terrorism in the North Caucasus, values Moroccan intelligence. \
Morocco and Russia agreed to strengthen security cooperation and to combat terrorism and \
cybercrime together. Moroccan officials also discussed cybersecurity with the Russian Security \
Council.";

#[test]
fn seed_paragraph_codes_the_visit_and_talks_and_no_conflict() {
    let c = Coder::bundled().unwrap();
    let ev = events(&c, SEED);
    for e in &ev {
        assert!(
            !e.cameo.starts_with("19") && e.plover_event.as_deref() != Some("ASSAULT"),
            "conflict event {} -> {} {} from {:?}",
            e.source.code,
            e.target.code,
            e.cameo,
            e.verb
        );
        assert!(
            matches!(e.quad_class, Some(1 | 2)),
            "not cooperation: {} {} {:?}",
            e.cameo,
            e.verb,
            e.quad_class
        );
    }
    let visit = ev
        .iter()
        .find(|e| e.cameo == "042")
        .expect("the visit is coded");
    assert_eq!(
        (visit.source.country.as_str(), visit.target.country.as_str()),
        ("MAR", "RUS")
    );
    assert_eq!(visit.plover_event.as_deref(), Some("CONSULT"));
    for t in ["terrorism", "cyber", "intelligence"] {
        assert!(
            visit.topics.iter().any(|x| x == t),
            "{t}: {:?}",
            visit.topics
        );
    }
    // The talks on cybersecurity: CONSULT between MAR and RUS, topic cyber.
    let talks = ev
        .iter()
        .find(|e| e.cameo == "046")
        .expect("the consultation is coded");
    assert_eq!(talks.plover_event.as_deref(), Some("CONSULT"));
    assert!(talks.topics.iter().any(|x| x == "cyber"));
    // The quoted sentence alone: no event at all (a participle and a verb of
    // understanding are no act between Russia and Morocco).
    let quoted = "Russia, facing complex security challenges on its southern borders, \
                  understands the significance of Moroccan expertise.";
    assert_eq!(triples(&c, quoted), []);
}

#[test]
fn negated_hypothetical_and_conditional_acts_are_not_events() {
    let c = Coder::bundled().unwrap();
    let attack = || ("RUS".to_string(), "UKR".to_string(), "190".to_string());
    assert_eq!(triples(&c, "Russia attacked Ukraine."), [attack()]);
    for text in [
        "Russia did not attack Ukraine.",
        "Russia never attacked Ukraine.",
        "Russia could attack Ukraine.",
        "Russia might attack Ukraine.",
        "If Russia attacks Ukraine, NATO will respond.",
    ] {
        assert!(
            triples(&c, text).iter().all(|t| t.2 != "190"),
            "{text}: {:?}",
            triples(&c, text)
        );
    }
    // A form of `be` makes an -ing form finite; `Theresa May` is no modal.
    assert_eq!(triples(&c, "Russia was attacking Ukraine."), [attack()]);
    assert_eq!(
        triples(&c, "British Prime Minister Theresa May criticized Russia."),
        [("GBRGOV".into(), "RUS".into(), "111".into())]
    );
}

#[test]
fn participles_and_reported_speech_are_not_acts_between_the_actors() {
    let c = Coder::bundled().unwrap();
    // Apposition participle: the fishermen's captivity is background, the release is the act.
    let got = triples(
        &c,
        "Italian fishermen, held in Libya for 100 days, were freed by Libya.",
    );
    assert!(got.iter().all(|t| !t.2.starts_with("17")), "{got:?}");
    // Reduced relative: Turkey extradited the citizen; nobody "suspected" anyone.
    let got = triples(&c, "Turkey extradited a US citizen suspected of terrorism.");
    assert!(got.iter().all(|t| t.2 != "110"), "{got:?}");
    assert!(got.iter().any(|t| t.0 == "TUR"), "{got:?}");
    // Reported speech: Ukraine's statement is no act of Ukraine's on Russia.
    let got = triples(&c, "Ukraine said Russian forces attacked Kharkiv.");
    assert!(
        got.iter()
            .all(|t| !(t.0 == "UKR" && t.1.starts_with("RUS"))),
        "{got:?}"
    );
    // Acting against an issue is no conflict with the partner.
    let got = triples(&c, "Russia will fight terrorism with Morocco.");
    assert!(got.iter().all(|t| !t.2.starts_with("19")), "{got:?}");
    // Capitalised words inside names are not verbs (`Islamic State`).
    let got = triples(&c, "Iraqi troops killed Islamic State fighters near Mosul.");
    assert!(got.iter().all(|t| t.2 != "010"), "{got:?}");
}
