//! Golden tests: best pattern per verb on hand-made sentences with marked actors.

use verbs::{SentenceView, VerbDictionary};

/// Renders every verb and noun trigger of `marked` (actors in `[...]`, words split on spaces).
fn render(dict: &VerbDictionary, marked: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut actors: Vec<(usize, usize)> = Vec::new();
    let mut open = None;
    for raw in marked.split_whitespace() {
        let mut w = raw;
        if let Some(rest) = w.strip_prefix('[') {
            open = Some(words.len());
            w = rest;
        }
        let close = w.ends_with(']');
        let w = w.trim_end_matches(']');
        // Split trailing punctuation into its own token, as a tokenizer would.
        let (body, punct) = match w.strip_suffix(['.', ',', ';']) {
            Some(b) if !b.is_empty() => (b, Some(&w[b.len()..])),
            _ => (w, None),
        };
        words.push(body.to_string());
        if close {
            if let Some(s) = open.take() {
                actors.push((s, words.len()));
            }
        }
        if let Some(p) = punct {
            words.push(p.to_string());
        }
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let view = SentenceView {
        words: &refs,
        lemmas: None,
        actor_ranges: &actors,
    };
    let actor = |a: Option<usize>| {
        a.map_or("-".to_string(), |a| {
            let (s, e) = actors[a];
            refs[s..e].join(" ")
        })
    };
    let mut out = format!("{marked}\n");
    for i in 0..refs.len() {
        // Words inside actor mentions are names, not triggers (the coder also filters by POS).
        if actors.iter().any(|&(s, e)| s <= i && i < e) {
            continue;
        }
        for hit in dict.verbs_at(&refs, None, i) {
            let name = dict.verb_name(hit.verb).unwrap_or("?");
            match dict.best_match(&hit, &view) {
                Some(m) => out.push_str(&format!(
                    "  verb {:?} ({name}) -> {}{} source={} target={} span={:?} spec={} via {}\n",
                    refs[hit.start..hit.end].join(" "),
                    m.code,
                    m.paired_code.map(|p| format!(":{p}")).unwrap_or_default(),
                    actor(m.source),
                    actor(m.target),
                    refs[m.span.0..m.span.1].join(" "),
                    m.specificity,
                    m.pattern
                        .and_then(|p| dict.describe_pattern(p))
                        .unwrap_or_else(|| "default".to_string()),
                )),
                None => out.push_str(&format!(
                    "  verb {:?} ({name}) -> no code\n",
                    refs[hit.start..hit.end].join(" ")
                )),
            }
        }
        for n in dict.nouns_at(&refs, None, i) {
            out.push_str(&format!(
                "  noun {:?} -> {} prep={}\n",
                refs[n.start..n.end].join(" "),
                n.code,
                n.preposition.as_deref().unwrap_or("-"),
            ));
        }
    }
    out
}

const SENTENCES: &[&str] = &[
    "[Azerbaijan] arrested [Iranian agents] .",
    "[Baku] detained two [Iranian diplomats] accused of spying .",
    "[Iran] threatened [Azerbaijan] with military retaliation .",
    "[Israel] is the largest supplier of weapons to [Azerbaijan] .",
    "[Azerbaijan] appointed its first-ever ambassador to [Israel] .",
    "[Azerbaijan] closed its embassy in [Tehran] and evacuated its staff .",
    "[Iran] receives oil from [Azerbaijan] via a swap deal .",
    "[Turkey] supported [Azerbaijan] against [Armenia] .",
    "[The United States] imposed sanctions on [Iranian officials] .",
    "[Armenia] and [Azerbaijan] signed an agreement in [Washington] .",
    "[Aliyev] met [Netanyahu] in [Jerusalem] .",
    "[Erdogan] visited [Baku] on Tuesday .",
    "[Armenia] accused [Azerbaijan] of shelling villages .",
    "[Iran] condemned the attack on [its embassy] .",
    "[The ministry] denied the allegations .",
    "[Aliyev] praised [Israel] for its support .",
    "[Azerbaijan] expelled four [Iranian diplomats] .",
    "[Russia] called for restraint .",
    "[Protesters] protested outside [the Iranian embassy] .",
    "[Armenian forces] shelled [Azerbaijani positions] , killing two soldiers .",
    "[Azerbaijan] and [Armenia] went to war in 2020 .",
    "[Tehran] summoned the [Azerbaijani] ambassador .",
    "[The EU] urged [Armenia and Azerbaijan] to exercise restraint .",
    "[Erdogan] slammed [Israel] for the raid .",
    "[Israel] supplied drones to [Azerbaijan] .",
    "[Turkey] pledged to provide military aid to [Azerbaijan] .",
    "[Iran] deployed troops to the border with [Azerbaijan] .",
    "[Aliyev] held a phone call with [Putin] .",
    "[A court] sentenced [the activist] to five years .",
    "[Iran] held military drills near the border .",
    "[Iran] and [Azerbaijan] agreed to cooperate on energy .",
];

#[test]
fn bundled_golden() {
    let dict = VerbDictionary::bundled();
    let out: String = SENTENCES
        .iter()
        .map(|s| render(&dict, s))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(out);
}

/// Parses `marked` like [`render`] and returns (code, source, target) of the first verb's best match.
fn first_match(
    dict: &VerbDictionary,
    marked: &str,
) -> Option<(String, Option<usize>, Option<usize>)> {
    let mut words: Vec<String> = Vec::new();
    let mut actors = Vec::new();
    let mut open = None;
    for raw in marked.split_whitespace() {
        let w = raw
            .strip_prefix('[')
            .inspect(|_| open = Some(words.len()))
            .unwrap_or(raw);
        words.push(w.trim_end_matches(']').to_string());
        if w.ends_with(']') {
            actors.push((open.take().unwrap_or(0), words.len()));
        }
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let view = SentenceView {
        words: &refs,
        lemmas: None,
        actor_ranges: &actors,
    };
    let hit = (0..refs.len()).find_map(|i| dict.verbs_at(&refs, None, i).into_iter().next())?;
    dict.best_match(&hit, &view)
        .map(|m| (m.code, m.source, m.target))
}

fn dict(text: &str) -> VerbDictionary {
    let mut b = VerbDictionary::builder();
    b.add_file("t.txt", text).expect("test dictionary parses");
    b.build()
}

#[test]
fn petrarch_style_slots_align_with_actor_ranges() {
    let d = dict(
        "&WEAPON\n+MISSILE\n--- SUPPLY [070] ---\nSUPPLY\n- * &WEAPON (TO) [072]\n- $ * + (WITH &WEAPON) [073]\n- * $ CHEAPLY [---]\n",
    );
    let m = |s| first_match(&d, s);
    let code = |c: &str, s, t| Some((c.to_string(), s, t));
    // `(TO)` with no noun: the preposition introduces the target; synset plural "missiles".
    assert_eq!(
        m("[Israel] supplied missiles to the [Azerbaijani army] ."),
        code("072", None, Some(1))
    );
    assert_eq!(
        m("[Israel] supplied [Azerbaijan] with missiles ."),
        code("073", Some(0), Some(1))
    );
    assert_eq!(m("[Israel] supplied food ."), code("070", None, None));
    assert_eq!(
        m("[Israel] supplied [Iran] cheaply ."),
        code("---", None, None).map(|(c, _, _)| (c, Some(1), None))
    );
}

#[test]
fn compound_adjacency_and_gaps() {
    let d =
        dict("--- AGREE [081] ---\nAGREE\n- % * [030:030]\n- IN_* [075]\n- * (TO) TALKS [036]\n");
    let m = |s| first_match(&d, s);
    assert_eq!(
        m("[Armenia] and [Azerbaijan] agreed"),
        Some(("030".to_string(), Some(0), Some(1)))
    );
    assert_eq!(
        m("[Armenia] and the [EU] agreed"),
        Some(("030".to_string(), Some(0), Some(1)))
    );
    assert_eq!(m("they in agreed"), Some(("075".to_string(), None, None)));
    assert_eq!(m("in they agreed"), Some(("081".to_string(), None, None)));
    assert_eq!(
        m("[Iran] agreed to direct talks"),
        Some(("036".to_string(), None, None))
    );
    // A gap never crosses a comma or a sentence boundary.
    assert_eq!(
        m("[Iran] agreed to it , talks"),
        Some(("081".to_string(), None, None))
    );
}

#[test]
fn later_files_extend_blocks_and_shadow_verbs() {
    let mut b = VerbDictionary::builder();
    b.add_file(
        "a.txt",
        "--- BLAME [112] ---\nACCUSE\nCONDEMN\n- * + (OF CRIMES) [1121]\n",
    )
    .expect("parses");
    b.add_file(
        "b.txt",
        "--- BLAME [112] ---\n- * + (OF SPYING) [1125]\n--- CONDEMN [111] ---\nCONDEMN\n",
    )
    .expect("parses");
    let d = b.build();
    let m = |s| first_match(&d, s).map(|x| x.0);
    assert_eq!(m("[A] accused [B] of spying").as_deref(), Some("1125"));
    assert_eq!(m("[A] accused [B] of crimes").as_deref(), Some("1121"));
    assert_eq!(m("[A] condemned [B]").as_deref(), Some("111"));
    assert_eq!(d.verbs_at(&["condemns"], None, 0).len(), 1);
}
