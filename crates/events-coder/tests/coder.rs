//! End-to-end coding with the bundled dictionaries; expected values hand-worked from
//! shared/research/events.md (running example) and the CAMEO/PLOVER tables.

use multipolar_coder::{Coder, Dictionaries, Story};

fn code(text: &str) -> Vec<(String, String, String)> {
    let c = Coder::bundled().unwrap();
    c.code(Story {
        id: "t",
        date: Some(20240101),
        text,
    })
    .events
    .into_iter()
    .map(|e| (e.source.code, e.target.code, e.cameo))
    .collect()
}

#[test]
fn moscow_visit_is_a_mar_to_rus_consult_visit_with_security_topics() {
    let c = Coder::bundled().unwrap();
    let text = "Morocco's security chief spent three days in Moscow discussing counter-terrorism and cyber security.";
    let coded = c.code(Story {
        id: "m",
        date: Some(20240101),
        text,
    });
    let e = &coded.events[0];
    assert_eq!(
        (
            e.source.country.as_str(),
            e.target.code.as_str(),
            e.cameo.as_str()
        ),
        ("MAR", "RUS", "042")
    );
    assert_eq!(e.source.sector, "SPY");
    assert_eq!(
        (e.plover_event.as_deref(), e.plover_mode.as_deref()),
        (Some("CONSULT"), Some("visit"))
    );
    assert_eq!((e.goldstein, e.quad_class), (Some(1.9), Some(1)));
    for t in ["terrorism", "cyber"] {
        assert!(
            e.topics.iter().any(|x| x == t),
            "{t} missing from {:?}",
            e.topics
        );
    }
    assert_eq!(e.verb, "spent");
    assert_eq!(&text[e.target.span.clone()], "Moscow");
}

#[test]
fn hammouchi_apposition_resolves_the_unknown_person() {
    let got = code(
        "Abdellatif Hammouchi, head of Morocco's security services, visited Moscow for three days of talks on counterterrorism, cybersecurity and intelligence cooperation.",
    );
    assert!(
        got.contains(&("MARSPY".into(), "RUS".into(), "042".into())),
        "{got:?}"
    );
}

#[test]
fn unicode_empty_and_huge_inputs_do_not_panic() {
    assert!(code("").is_empty());
    assert!(code("   \n\n ").is_empty());
    code(
        "وزير الخارجية المغربي زار موسكو. Le ministre français s’est rendu à Moscou — « accord ».",
    );
    code("“France’s president visited Morocco,” officials said.");
    let big = "Morocco visited Moscow for talks and ".repeat(300_000);
    assert!(big.len() > 10_000_000);
    let c = Coder::bundled().unwrap();
    let coded = c.code(Story {
        id: "big",
        date: None,
        text: &big,
    });
    assert!(coded.sentences > 1000);
}

#[test]
fn require_dyad_and_comma_clause_options() {
    use multipolar_coder::{CommaLimits, Options};
    let mut d = Dictionaries::default();
    d.add_verbs(
        "v",
        "--- SAID [023] ---\nSAID\n\n--- RESTORE [064] ---\nRESTORE\n",
    )
    .unwrap();
    d.add_actors("a", "ARNOR [ARN]\nGONDOR [GON]\n").unwrap();
    d.add_agents("g", "OFFICIAL [~GOV]\n").unwrap();
    let c = Coder::new(d).unwrap();
    let run = |text: &str, o: Options| -> Vec<(String, String, String)> {
        let mut v: Vec<_> = c
            .code_with(
                Story {
                    id: "t",
                    date: None,
                    text,
                },
                &o,
            )
            .events
            .into_iter()
            .map(|e| (e.source.code, e.target.code, e.cameo))
            .collect();
        v.sort();
        v
    };
    let t = |s: &str, g: &str, e: &str| (s.to_string(), g.to_string(), e.to_string());
    let text = "Arnor will restore ties with Gondor, a senior official said on Saturday.";
    // Default: a dyad is required; the reporting clause has no target.
    assert_eq!(run(text, Options::default()), [t("ARN", "GON", "064")]);
    let mut o = Options::default();
    assert!(o.set("require_dyad", "False"));
    assert_eq!(
        run(text, o),
        [t("---GOV", "---", "023"), t("ARN", "GON", "064")]
    );
    // `said today` has no object phrase: nothing to code as a null target.
    assert_eq!(
        run(
            "Arnor will restore ties with Gondor, a senior official said today.",
            o
        ),
        [t("ARN", "GON", "064")]
    );
    // Terminal comma clause of 2..=8 words deleted (PETRARCH default).
    o.comma = CommaLimits::PETRARCH;
    assert_eq!(run(text, o), [t("ARN", "GON", "064")]);
    assert!(o.set("comma_emax", "0"));
    assert_eq!(run(text, o).len(), 2);
    assert!(!o.set("comma_emax", "x") && !o.set("colour", "1"));
}

#[test]
fn malformed_dictionaries_report_file_and_line() {
    let mut d = Dictionaries::default();
    let e = d
        .add_verbs("v.txt", "--- VISIT [042] ---\nVISIT\n- * FOR TALKS 046]\n")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "v.txt: line 3: pattern \"- * FOR TALKS 046]\" has no [code]"
    );
    let e = d
        .add_actors("a.txt", "MOROCCO [MAR]\n+RABAT\n[MARGOV 2020-01]\n")
        .unwrap_err();
    assert!(e.to_string().starts_with("a.txt: line 3: bad date"), "{e}");
    let e = d
        .add_overlay("o.csv", "kind,entry,code\nactress,X,Y\n")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "o.csv: line 2: unknown kind \"actress\" (expected actor, agent, verb or pattern)"
    );
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn readers_never_panic(s in "[-A-Z_ &+*$%#\\[\\]{}()<>:0-9~!=\n]{0,200}") {
            let mut d = Dictionaries::default();
            let _ = d.add_verbs("f", &s);
            let _ = d.add_actors("f", &s);
            let _ = d.add_agents("f", &s);
            let _ = d.add_discards("f", &s);
            let _ = d.add_issues("f", &s);
            let _ = d.add_overlay("f", &s);
        }

        #[test]
        fn text_never_panics(s in "\\PC{0,300}") {
            let _ = multipolar_coder::text::sentences(&s);
            let _ = multipolar_coder::text::tokenize(&s, 0);
        }
    }
}
