//! Parse-style normalisation: rewrites attachments that a greedy parser
//! chooses differently from one model to the next into one analysis, so that
//! the coder's rules see the same tree whichever reading the parser picked.
//!
//! Each rewrite is a fact of English grammar, not a preference for one parse:
//! a sentence-final ", officials said." reports the clause before it, a
//! clause cannot be a relative or participial modifier of an adjective, and a
//! finite verb cannot be a conjunct of a noun. Spans are untouched: only heads
//! and relation labels change, and a rewrite that would leave a cycle is
//! dropped.

use crate::tree::{Node, SPEECH_VERBS};

/// Applies every rewrite in turn; returns the nodes unchanged when a rewrite
/// would break the tree.
pub(crate) fn normalise(nodes: Vec<Node>) -> Vec<Node> {
    if !is_tree(&nodes) {
        return nodes;
    }
    let mut out = nodes.clone();
    unmarked_conjunct_in_a_name(&mut out);
    verb_tagged_interjection(&mut out);
    day_word_read_as_head(&mut out);
    nominal_root_with_verb(&mut out);
    determined_participle_root(&mut out);
    two_subjects_across_a_comma(&mut out);
    prepositional_second_subject(&mut out);
    subject_after_complement_verb(&mut out);
    reported_subject_on_the_speech_verb(&mut out);
    trailing_reporting_clause(&mut out);
    // The reporting-clause rewrite can leave a noun heading the clause it
    // reports, with that clause's verb hung under it.
    nominal_root_with_verb(&mut out);
    clause_on_non_nominal(&mut out);
    finite_verb_conjoined_to_noun(&mut out);
    object_of_preposition(&mut out);
    object_of_a_noun(&mut out);
    adjective_hung_as_clause(&mut out);
    coordinated_second_subject(&mut out);
    list_member_read_as_apposition(&mut out);
    distant_participle(&mut out);
    clause_with_subject_read_as_subject(&mut out);
    if is_tree(&out) {
        out
    } else {
        nodes
    }
}

fn lower(n: &Node) -> String {
    n.lemma.to_lowercase()
}

fn is_nominal(n: &Node) -> bool {
    matches!(n.upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM")
}

/// Words that open a subordinate or relative clause, or join clauses: a
/// phrase starting with one ("..., which officials said", "..., as the
/// minister said", "..., and officials said") is not a bare reporting clause.
fn opens_clause(n: &Node) -> bool {
    matches!(n.upos.as_str(), "SCONJ" | "CCONJ")
        || matches!(
            n.form.to_lowercase().as_str(),
            "which" | "who" | "whom" | "whose" | "that" | "where" | "when" | "as" | "while"
        )
}

/// "X did Y, the agency WFNA said (on Thursday)." and "X did Y, said the
/// minister.": the speech verb reports the clause before the comma. The parser
/// hangs such a clause in many ways (as a relative clause on an appositive of
/// the last noun, as a complement or adverbial of the main verb, or as the
/// root with the main verb demoted to a modifier); all become the analysis
/// UD gives a reporting clause: the speech verb is a `parataxis` of the main
/// clause's head, its noun phrase is its `nsubj`. A root speech verb with the
/// clause before it as its `ccomp` ("X did Y, officials said" read as "officials
/// said X did Y") is an equally good reading and is left alone.
fn trailing_reporting_clause(nodes: &mut [Node]) {
    let n = nodes.len();
    // The end of the sentence, before its final punctuation.
    let Some(last) = (0..n).rev().find(|&i| nodes[i].upos != "PUNCT") else {
        return;
    };
    // The speech verb: the last verb of the sentence.
    let Some(speech) = (0..=last).rev().find(|&i| nodes[i].is_verbal()) else {
        return;
    };
    if nodes[speech].upos != "VERB" || !SPEECH_VERBS.contains(&lower(&nodes[speech]).as_str()) {
        return;
    }
    // The comma before it, with no verb in between.
    let Some(comma) = (0..speech).rev().find(|&i| nodes[i].form == ",") else {
        return;
    };
    let phrase: Vec<usize> = if comma + 1 < speech {
        (comma + 1..speech).collect()
    } else {
        // ", said the minister."
        (speech + 1..=last).collect()
    };
    let Some(&first) = phrase.first() else {
        return;
    };
    let words_ok = |r: std::ops::Range<usize>| {
        r.clone()
            .all(|i| !nodes[i].is_verbal() && nodes[i].form != ",")
            && !opens_clause(&nodes[r.start.min(n - 1)])
    };
    if !words_ok(comma + 1..speech)
        || !words_ok(speech + 1..last + 1)
        || opens_clause(&nodes[first])
        || !phrase.iter().any(|&i| is_nominal(&nodes[i]))
    {
        return;
    }
    // The clause it reports: a verb before the comma.
    let before = 0..comma;
    if !before.clone().any(|i| nodes[i].is_verbal()) {
        return;
    }
    let inside = |i: usize, r: &std::ops::Range<usize>| r.contains(&i);
    let hung_outside: Vec<usize> = before
        .clone()
        .filter(|&i| nodes[i].head.is_none_or(|h| !inside(h, &before)))
        .collect();
    // "officials said X did Y": the reported clause is the speech verb's
    // complement, a reading as good as the parataxis one, but only when the
    // speech verb's own subject is the phrase after the comma; with that
    // phrase hung as an apposition of a noun before the comma the speech verb
    // has no subject and the reading is broken.
    let subject_in_phrase = phrase
        .iter()
        .any(|&i| nodes[i].head == Some(speech) && nodes[i].deprel.starts_with("nsubj"));
    if subject_in_phrase
        && hung_outside
            .iter()
            .any(|&i| nodes[i].head == Some(speech) && nodes[i].deprel == "ccomp")
    {
        return;
    }
    let main = match (0..comma).find(|&i| nodes[i].head.is_none()) {
        Some(root) => root,
        None => {
            // The main clause's verb; failing one, the noun the parser made
            // the speech verb's subject heads the clause before the comma
            // (its verb demoted under it), and the noun-root rewrite that
            // runs after this one finds that verb.
            let Some(v) = hung_outside
                .iter()
                .copied()
                .find(|&i| nodes[i].upos == "VERB")
                .or_else(|| hung_outside.iter().copied().find(|&i| nodes[i].is_verbal()))
                .or_else(|| {
                    hung_outside.iter().copied().find(|&i| {
                        nodes[i].head == Some(speech)
                            && nodes[i].deprel.starts_with("nsubj")
                            && is_nominal(&nodes[i])
                    })
                })
            else {
                return;
            };
            v
        }
    };
    // The reported clause: everything before the comma that hung from the
    // reporting clause goes back to the nearest verb of the main clause
    // before it ("restore ties ..., after crowds burned ...": "crowds" is
    // the restoring's, not the saying's), or to the main verb.
    let in_main = |v: usize, nodes: &[Node]| {
        v == main
            || std::iter::successors(nodes[v].head, |&h| nodes[h].head)
                .take(n)
                .take_while(|&h| h < comma)
                .any(|h| h == main)
    };
    for &i in &hung_outside {
        if i == main {
            continue;
        }
        let host = (main..i)
            .rev()
            .find(|&v| nodes[v].upos == "VERB" && in_main(v, nodes))
            .unwrap_or(main);
        nodes[i].head = Some(host);
        // The parser's subject of the speech verb found after the main verb
        // is the main verb's object ("welcome a resumption, ... said"); when
        // that verb has its object already, a bare noun phrase adverbial
        // ("restore ties ..., several years after ...").
        if nodes[i].deprel.starts_with("nsubj") && i > host {
            let has_object = nodes
                .iter()
                .any(|c| c.head == Some(host) && c.deprel == "obj");
            nodes[i].deprel = if has_object { "obl:unmarked" } else { "obj" }.to_string();
        } else if matches!(nodes[i].deprel.as_str(), "root" | "discourse") {
            nodes[i].deprel = "dep".to_string();
        }
    }
    nodes[main].head = None;
    nodes[main].deprel = "root".to_string();
    // The reporting clause.
    nodes[speech].head = Some(main);
    nodes[speech].deprel = "parataxis".to_string();
    nodes[comma].head = Some(speech);
    nodes[comma].deprel = "punct".to_string();
    let in_phrase = |i: usize| phrase.contains(&i);
    let subject = phrase
        .iter()
        .copied()
        .filter(|&i| nodes[i].head.is_none_or(|h| !in_phrase(h)))
        .find(|&i| is_nominal(&nodes[i]));
    let Some(subject) = subject else {
        return;
    };
    for &i in &phrase {
        if i == subject || nodes[i].head.is_some_and(in_phrase) {
            continue;
        }
        // "the news agency WFNA": a second name of the subject.
        nodes[i].head = Some(subject);
        if nodes[i].deprel.starts_with("nsubj") || nodes[i].deprel == "root" {
            nodes[i].deprel = "appos".to_string();
        }
    }
    nodes[subject].head = Some(speech);
    nodes[subject].deprel = "nsubj".to_string();
    // What follows the speech verb ("on Thursday") is its own.
    let tail = speech + 1..last + 1;
    for i in tail.clone() {
        if in_phrase(i) {
            continue;
        }
        if nodes[i].head.is_none_or(|h| !inside(h, &tail)) {
            nodes[i].head = Some(speech);
        }
    }
    for end in &mut nodes[last + 1..] {
        end.head = Some(main);
        end.deprel = "punct".to_string();
    }
}

/// "inching nearer to accord with Gondor": a clause hung as `acl` on an
/// adjective, adverb or verb modifies a predicate, not a noun, so it is an
/// adverbial clause (UD keeps `acl` for clauses on nominals).
fn clause_on_non_nominal(nodes: &mut [Node]) {
    for i in 0..nodes.len() {
        let Some(h) = nodes[i].head else { continue };
        if nodes[i].deprel == "acl"
            && matches!(nodes[h].upos.as_str(), "ADJ" | "ADV" | "VERB" | "AUX")
        {
            nodes[i].deprel = "advcl".to_string();
        }
    }
}

/// "condemned an attack by soldiers ... and promised aid": a finite verb, or
/// a verb with an object, after a coordinator joins the verb whose phrase
/// holds the noun the parser conjoined it to; a clause is not a conjunct of a
/// noun.
fn finite_verb_conjoined_to_noun(nodes: &mut [Node]) {
    for i in 0..nodes.len() {
        let Some(h) = nodes[i].head else { continue };
        let finite = matches!(nodes[i].xpos.as_str(), "VBD" | "VBZ" | "VBP");
        let transitive = nodes.iter().any(|c| c.head == Some(i) && c.deprel == "obj");
        if nodes[i].deprel != "conj"
            || nodes[i].upos != "VERB"
            || !(finite || transitive)
            || !matches!(nodes[h].upos.as_str(), "NOUN" | "PROPN")
        {
            continue;
        }
        let coordinated = nodes.iter().any(|c| c.head == Some(i) && c.deprel == "cc");
        if !coordinated {
            continue;
        }
        let mut cur = nodes[h].head;
        let mut steps = 0;
        while let Some(a) = cur {
            steps += 1;
            if steps > nodes.len() {
                break;
            }
            if nodes[a].upos == "VERB" && a < i {
                nodes[i].head = Some(a);
                break;
            }
            cur = nodes[a].head;
        }
    }
}

/// "Fornost and Gondor welcome a resumption": a word tagged as an
/// interjection in the middle of a clause, between a noun phrase and a
/// determiner or pronoun, is a present-tense verb (interjections stand at the
/// edge of a sentence or between commas).
fn verb_tagged_interjection(nodes: &mut [Node]) {
    for i in 1..nodes.len().saturating_sub(1) {
        if nodes[i].upos != "INTJ" {
            continue;
        }
        let after_noun = matches!(nodes[i - 1].upos.as_str(), "NOUN" | "PROPN" | "PRON");
        let before_object = matches!(nodes[i + 1].upos.as_str(), "DET" | "PRON");
        if after_noun && before_object {
            nodes[i].upos = "VERB".to_string();
            nodes[i].xpos = "VBP".to_string();
        }
    }
}

/// "Caras Galadhon's new mayor left yesterday for Minas Tirith" with "left"
/// (tagged a noun) a `compound` of "yesterday" and "yesterday" the root: the
/// deictic day words (today, yesterday, tomorrow, tonight) are adverbials of
/// time and never head a compound, so the word compounded onto the root day
/// word heads the sentence in its place, the day word is its `obl:tmod`, and
/// what hung on the day word hangs on it.
fn day_word_read_as_head(nodes: &mut [Node]) {
    let Some(t) = (0..nodes.len()).find(|&i| nodes[i].head.is_none()) else {
        return;
    };
    if nodes[t].upos != "NOUN"
        || !matches!(
            nodes[t].form.to_lowercase().as_str(),
            "today" | "yesterday" | "tomorrow" | "tonight"
        )
    {
        return;
    }
    let Some(c) = (0..t)
        .rev()
        .find(|&c| nodes[c].head == Some(t) && nodes[c].deprel == "compound")
    else {
        return;
    };
    for (w, node) in nodes.iter_mut().enumerate() {
        if w != c && node.head == Some(t) {
            node.head = Some(c);
        }
    }
    nodes[c].head = None;
    nodes[c].deprel = "root".to_string();
    nodes[t].head = Some(c);
    nodes[t].deprel = "obl:tmod".to_string();
}

/// "ties between Minas Tirith and Osgiliath" with "Minas" an `obj` of
/// "between": a preposition takes no object in UD; its noun is the head of a
/// prepositional phrase, attached (as the parser does by default) to the
/// nearest noun before the preposition, which the preposition marks.
fn object_of_preposition(nodes: &mut [Node]) {
    for a in 0..nodes.len() {
        if nodes[a].upos != "ADP" {
            continue;
        }
        let Some(x) = (a + 1..nodes.len()).find(|&x| {
            nodes[x].head == Some(a) && nodes[x].deprel == "obj" && is_nominal(&nodes[x])
        }) else {
            continue;
        };
        let Some(host) = (0..a)
            .rev()
            .find(|&w| matches!(nodes[w].upos.as_str(), "NOUN" | "PROPN"))
        else {
            continue;
        };
        nodes[x].head = Some(host);
        nodes[x].deprel = "nmod".to_string();
        nodes[a].head = Some(x);
        nodes[a].deprel = "case".to_string();
    }
}

/// "on his first official foreign visit" with "official" read as the noun
/// of the phrase and "visit" its `obj`: a noun takes no object in UD, so
/// when the words between them all belong to the object's phrase, the object
/// heads the phrase (it takes the noun's place) and the noun, with the words
/// before it that it governs, is a modifier of it.
fn object_of_a_noun(nodes: &mut [Node]) {
    for y in 0..nodes.len() {
        let Some(x) = nodes[y].head else {
            continue;
        };
        if x >= y
            || nodes[y].deprel != "obj"
            || nodes[x].upos != "NOUN"
            || !matches!(nodes[y].upos.as_str(), "NOUN" | "PROPN")
        {
            continue;
        }
        let inside = (x + 1..y).all(|w| nodes[w].head == Some(y));
        let nothing_else_after = (y + 1..nodes.len()).all(|c| nodes[c].head != Some(x));
        if !inside || !nothing_else_after {
            continue;
        }
        nodes[y].head = nodes[x].head;
        nodes[y].deprel = std::mem::replace(&mut nodes[x].deprel, "compound".to_string());
        nodes[x].head = Some(y);
    }
}

fn children_of(nodes: &[Node], h: usize) -> Vec<usize> {
    (0..nodes.len())
        .filter(|&c| nodes[c].head == Some(h))
        .collect()
}

/// A sentence whose root is a noun with no copula while a verb hangs from
/// it: the verb is the predicate and the noun its subject.
/// "Evil Mordor, the awful Fornost, and good Gondor welcomed ...", with
/// "welcomed" a conjunct of "Mordor" holding "Gondor" as its subject: the
/// nouns are the conjoined subjects. "European Community foreign ministers
/// agreed ...", with "agreed" (a finite verb, not a participle) a modifier of
/// "ministers": the noun is the subject, and a "to" clause on the noun after
/// the verb is the verb's complement.
fn nominal_root_with_verb(nodes: &mut [Node]) {
    let Some(root) = (0..nodes.len()).find(|&i| nodes[i].head.is_none()) else {
        return;
    };
    // An adjective with a determiner and nothing after it to modify is used
    // as a noun ("a top official").
    let determined_adjective = nodes[root].upos == "ADJ"
        && children_of(nodes, root)
            .into_iter()
            .any(|c| c < root && nodes[c].deprel == "det");
    if !matches!(nodes[root].upos.as_str(), "NOUN" | "PROPN") && !determined_adjective {
        return;
    }
    let mut kids = children_of(nodes, root);
    // "official today praised": a bare noun of time ("today", "Friday") is an
    // adverbial and takes no clause; a verb hung on it hangs on the root.
    let bare_times: Vec<usize> = kids
        .iter()
        .copied()
        .filter(|&c| c > root && matches!(nodes[c].deprel.as_str(), "obl:unmarked" | "obl:tmod"))
        .collect();
    for &t in &bare_times {
        kids.extend(
            children_of(nodes, t).into_iter().filter(|&v| {
                v > t && nodes[v].upos == "VERB" && nodes[v].deprel.starts_with("acl")
            }),
        );
    }
    kids.sort_unstable();
    if kids.iter().any(|&c| nodes[c].deprel == "cop") {
        return;
    }
    if kids.iter().any(|&c| nodes[c].deprel.starts_with("nsubj")) {
        // "media and government restored ties" read as a noun "restored ties"
        // with a subject: a noun with a subject and no copula is no
        // predicate; the verb before it is, and the noun is its object.
        // The verb may stand before the noun's determiner and adjectives
        // ("Fornost and Gondor welcome a resumption", with "welcome" an
        // interjection turned verb hung on "resumption"): only words of the
        // noun phrase between them.
        let verb = kids.iter().copied().rev().find(|&v| {
            v < root
                && nodes[v].upos == "VERB"
                && matches!(nodes[v].deprel.as_str(), "amod" | "discourse")
                && (v + 1..root).all(|w| nodes[w].head == Some(root))
        });
        if let Some(v) = verb {
            nodes[v].head = None;
            nodes[v].deprel = "root".to_string();
            nodes[root].head = Some(v);
            nodes[root].deprel = "obj".to_string();
            for c in kids {
                if c < v
                    || matches!(nodes[c].deprel.as_str(), "punct" | "parataxis")
                    || nodes[c].deprel.starts_with("nsubj")
                {
                    nodes[c].head = Some(v);
                }
            }
        }
        return;
    }
    let relative = |nodes: &[Node], v: usize| {
        children_of(nodes, v).into_iter().any(|c| {
            nodes[c].upos == "PRON"
                && matches!(
                    nodes[c].form.to_lowercase().as_str(),
                    "who" | "which" | "that" | "whom"
                )
        })
    };
    let finite = |n: &Node| matches!(n.xpos.as_str(), "VBD" | "VBZ" | "VBP");
    // "ministers agreed in principle" with "agreed" tagged as a participle:
    // right after the noun, in a sentence with no finite verb at all, it is
    // the predicate the sentence needs.
    let no_finite_verb = !nodes.iter().any(|n| finite(n) || n.xpos == "MD");
    let predicate = |nodes: &[Node], v: usize| {
        finite(&nodes[v])
            || (nodes[v].xpos == "VBN"
                && (root + 1..v).all(|w| {
                    // The time noun hung on the root or on the participle.
                    bare_times.contains(&w)
                        || (nodes[w].head == Some(v)
                            && matches!(nodes[w].deprel.as_str(), "obl:unmarked" | "obl:tmod"))
                })
                && no_finite_verb)
    };
    let Some(verb) = kids.iter().copied().find(|&v| {
        v > root
            && nodes[v].upos == "VERB"
            && match nodes[v].deprel.as_str() {
                "conj" => children_of(nodes, v)
                    .into_iter()
                    .any(|c| nodes[c].deprel == "nsubj" && c < v),
                "acl" | "amod" | "acl:relcl" => predicate(nodes, v) && !relative(nodes, v),
                // "Fornost and Gondor welcome a resumption ..." with "welcome"
                // hung on "Fornost" as an interjection: a finite verb with an
                // object of its own is a predicate, not a discourse word.
                "discourse" => {
                    finite(&nodes[v])
                        && children_of(nodes, v)
                            .into_iter()
                            .any(|c| c > v && nodes[c].deprel == "obj")
                }
                _ => false,
            }
    }) else {
        return;
    };
    let conjoined = nodes[verb].deprel == "conj";
    let vkids = children_of(nodes, verb);
    nodes[verb].head = None;
    nodes[verb].deprel = "root".to_string();
    nodes[root].head = Some(verb);
    nodes[root].deprel = "nsubj".to_string();
    // A reporting clause ("..., the agency said") reports the verb's clause.
    for &c in &kids {
        if nodes[c].deprel == "parataxis" {
            nodes[c].head = Some(verb);
        }
    }
    for &t in &bare_times {
        if t < verb {
            nodes[t].head = Some(verb);
        }
    }
    if conjoined {
        // Its own subject is the last of the conjoined subjects, and the
        // coordinator and comma before it mark that subject.
        if let Some(&subject) = vkids
            .iter()
            .find(|&&c| nodes[c].deprel == "nsubj" && c < verb)
        {
            nodes[subject].head = Some(root);
            nodes[subject].deprel = "conj".to_string();
            for c in vkids {
                if c < subject && matches!(nodes[c].deprel.as_str(), "cc" | "punct") {
                    nodes[c].head = Some(subject);
                }
            }
        }
    } else {
        for c in kids {
            let to_clause = nodes[c].upos == "VERB"
                && nodes[c].deprel == "acl"
                && children_of(nodes, c)
                    .into_iter()
                    .any(|m| nodes[m].deprel == "mark" && nodes[m].form.eq_ignore_ascii_case("to"));
            if c > verb && (to_clause || nodes[c].deprel == "punct") {
                nodes[c].head = Some(verb);
                if to_clause {
                    nodes[c].deprel = "xcomp".to_string();
                }
            } else if c > verb
                && matches!(
                    nodes[c].deprel.as_str(),
                    "obl" | "obl:unmarked" | "obl:tmod"
                )
            {
                nodes[c].head = Some(verb);
            }
        }
    }
}

/// "Ithilen's awful and cool minister Calimehtar warned": an adjective the
/// parser made a clause of a verb after it, with no subject or copula of its
/// own and a noun right after it (and the adjectives coordinated with it),
/// modifies that noun; a possessive on it is the noun's.
fn adjective_hung_as_clause(nodes: &mut [Node]) {
    for a in 0..nodes.len() {
        let Some(h) = nodes[a].head else { continue };
        if nodes[a].upos != "ADJ"
            || h < a
            || !nodes[h].is_verbal()
            || !matches!(
                nodes[a].deprel.as_str(),
                "ccomp" | "advcl" | "xcomp" | "dep"
            )
        {
            continue;
        }
        let kids = children_of(nodes, a);
        if kids
            .iter()
            .any(|&c| matches!(nodes[c].deprel.as_str(), "cop" | "nsubj" | "mark") || c > h)
        {
            continue;
        }
        // The end of the adjective and its conjuncts.
        let end = std::iter::once(a)
            .chain(kids.iter().copied().filter(|&c| nodes[c].deprel == "conj"))
            .max()
            .unwrap_or(a);
        let Some(noun) = nodes.get(end + 1).map(|_| end + 1) else {
            continue;
        };
        if !matches!(nodes[noun].upos.as_str(), "NOUN" | "PROPN") || noun >= h {
            continue;
        }
        nodes[a].head = Some(noun);
        nodes[a].deprel = "amod".to_string();
        for c in kids {
            if nodes[c].deprel == "nmod:poss" {
                nodes[c].head = Some(noun);
            }
        }
    }
}

/// "Bree Prime Minister Romendacil will meet ..." with "Romendacil" a `conj`
/// of "Bree": English coordinates with a coordinator or, in a list, a comma;
/// a proper noun joined to the proper noun before it with neither a
/// coordinator of its own nor any coordinator or punctuation in between
/// continues that name (a title and the name it precedes), so it is `flat`.
fn unmarked_conjunct_in_a_name(nodes: &mut [Node]) {
    for d in 0..nodes.len() {
        let Some(h) = nodes[d].head else { continue };
        if nodes[d].deprel != "conj"
            || h > d
            || nodes[d].upos != "PROPN"
            || nodes[h].upos != "PROPN"
        {
            continue;
        }
        let marked = (h + 1..d).any(|w| matches!(nodes[w].upos.as_str(), "CCONJ" | "PUNCT"))
            || children_of(nodes, d)
                .into_iter()
                .any(|c| matches!(nodes[c].deprel.as_str(), "cc" | "punct"));
        if !marked {
            nodes[d].deprel = "flat".to_string();
        }
    }
}

/// "Evil Mordor, the awful Fornost, and good Gondor welcomed ..." with both
/// "Mordor" and "Gondor" an `nsubj` of "welcomed": a verb has one subject, and
/// a later one that carries its own coordinator ("and good Gondor") is the
/// next member of the earlier one's coordination, so it is its `conj` (and
/// the coordinator, with a comma before it, is the later one's).
fn coordinated_second_subject(nodes: &mut [Node]) {
    for v in 0..nodes.len() {
        let subjects: Vec<usize> = (0..v)
            .filter(|&c| is_nominal_subject_of(nodes, c, v) && nodes[c].deprel == "nsubj")
            .collect();
        let [first, second] = subjects[..] else {
            continue;
        };
        // The coordinator may hang on the subject or, as the parser also
        // does, on the verb; either way it comes between the two subjects.
        let mut kids = children_of(nodes, second);
        kids.extend(children_of(nodes, v));
        let Some(cc) = kids
            .into_iter()
            .find(|&k| k > first && k < second && nodes[k].deprel == "cc")
        else {
            continue;
        };
        nodes[cc].head = Some(second);
        if cc >= 1 && nodes[cc - 1].form == "," && nodes[cc - 1].head == Some(v) {
            nodes[cc - 1].head = Some(second);
        }
        nodes[second].head = Some(first);
        nodes[second].deprel = "conj".to_string();
    }
}

/// "Evil Mordor, the awful Fornost, and good Gondor": in a list closed by a
/// comma and a coordinator, a noun phrase between commas after the first
/// member is another member, not an apposition of the first.
fn list_member_read_as_apposition(nodes: &mut [Node]) {
    for x in 0..nodes.len() {
        let Some(a) = nodes[x].head else { continue };
        if nodes[x].deprel != "appos" || a > x {
            continue;
        }
        let listed = children_of(nodes, a).into_iter().any(|c| {
            c > x
                && nodes[c].deprel == "conj"
                && children_of(nodes, c).into_iter().any(|k| {
                    k > x
                        && nodes[k].deprel == "cc"
                        && k >= 1
                        && nodes[k - 1].form == ","
                        && (x + 1..k - 1).all(|w| {
                            std::iter::successors(Some(w), |&y| nodes[y].head)
                                .take(nodes.len())
                                .any(|y| y == x)
                        })
                })
        });
        if listed {
            nodes[x].deprel = "conj".to_string();
        }
    }
}

/// "Prisoners rioted at a jail in Dili on Monday joining thousands of
/// demonstrators": an -ing participle the parser hung on the noun of an
/// oblique, with a prepositional phrase between them, describes what the
/// clause's subject did (an adverbial of the verb), not the noun.
fn distant_participle(nodes: &mut [Node]) {
    for p in 0..nodes.len() {
        let Some(noun) = nodes[p].head else { continue };
        if nodes[p].deprel != "acl" || nodes[p].xpos != "VBG" || noun > p {
            continue;
        }
        // The oblique may be the noun itself or hold it inside its own
        // noun phrase ("at a jail in East Timor's capital ... joining").
        let mut top = noun;
        for _ in 0..nodes.len() {
            match nodes[top].head {
                Some(h) if matches!(nodes[top].deprel.as_str(), "nmod" | "appos") => top = h,
                _ => break,
            }
        }
        let Some(verb) = nodes[top].head else {
            continue;
        };
        let separated = (noun + 1..p).any(|w| nodes[w].deprel == "case");
        if nodes[top].deprel.starts_with("obl") && nodes[verb].is_verbal() && separated {
            nodes[p].head = Some(verb);
            nodes[p].deprel = "advcl".to_string();
        }
    }
}

/// "rebels rejected a plan, and said they opposed the force until their
/// demands are met" with "rejected" the subject of "met": a verb with a
/// subject of its own and no word introducing it (no "that", "whether") is no
/// subject but the main clause; the clause it was made the subject of is an
/// adverbial of the nearest verb of that main clause before it.
fn clause_with_subject_read_as_subject(nodes: &mut [Node]) {
    for v in 0..nodes.len() {
        let Some(h) = nodes[v].head else { continue };
        if nodes[v].upos != "VERB" || !nodes[v].deprel.starts_with("nsubj") || h < v {
            continue;
        }
        let vkids = children_of(nodes, v);
        let has_subject = vkids
            .iter()
            .any(|&c| c < v && nodes[c].deprel.starts_with("nsubj"));
        let introduced = vkids.iter().any(|&c| nodes[c].deprel == "mark");
        if !has_subject || introduced || !nodes[h].is_verbal() {
            continue;
        }
        let in_clause = |nodes: &[Node], mut w: usize| {
            for _ in 0..nodes.len() {
                if w == v {
                    return true;
                }
                match nodes[w].head {
                    Some(x) if x != h => w = x,
                    _ => return false,
                }
            }
            false
        };
        let anchor = (v..h)
            .rev()
            .find(|&w| nodes[w].upos == "VERB" && in_clause(nodes, w))
            .unwrap_or(v);
        nodes[v].head = nodes[h].head;
        nodes[v].deprel = nodes[h].deprel.clone();
        nodes[h].head = Some(anchor);
        nodes[h].deprel = "advcl".to_string();
        // The sentence's final punctuation closes the main clause.
        for c in children_of(nodes, h) {
            if nodes[c].deprel == "punct" && c + 1 == nodes.len() {
                nodes[c].head = Some(v);
            }
        }
    }
}

/// "Activists from the defeated Fatah Party have staged rallies" with
/// "defeated" the root: a participle that takes a determiner is an adjective
/// of the noun after it, not a predicate (verbs take no determiners). The
/// predicate is the first verb after that noun with an auxiliary or a finite
/// tense; the noun phrase is its subject, or, when a preposition governed the
/// participle, that preposition's noun on the word before it.
fn determined_participle_root(nodes: &mut [Node]) {
    let Some(p) = (0..nodes.len()).find(|&i| nodes[i].head.is_none()) else {
        return;
    };
    if nodes[p].upos != "VERB" || !matches!(nodes[p].xpos.as_str(), "VBN" | "VBD") {
        return;
    }
    let pkids = children_of(nodes, p);
    let Some(det) = pkids
        .iter()
        .copied()
        .find(|&c| c + 1 == p && nodes[c].deprel == "det")
    else {
        return;
    };
    // The noun it modifies: its object, with only that object's own words
    // between them ("defeated Fatah Party").
    let Some(noun) = pkids.iter().copied().find(|&c| {
        c > p
            && matches!(nodes[c].upos.as_str(), "NOUN" | "PROPN")
            && nodes[c].deprel == "obj"
            && (p + 1..c).all(|w| nodes[w].head == Some(c))
    }) else {
        return;
    };
    let finite = |n: &Node| matches!(n.xpos.as_str(), "VBD" | "VBZ" | "VBP");
    let Some(verb) = (noun + 1..nodes.len()).find(|&v| {
        nodes[v].upos == "VERB"
            && (finite(&nodes[v])
                || children_of(nodes, v)
                    .into_iter()
                    .any(|c| c < v && nodes[c].deprel == "aux"))
    }) else {
        return;
    };
    // Only a verb whose phrase starts right after the noun phrase: nothing
    // but its auxiliaries (and adverbs) between them.
    if !(noun + 1..verb).all(|w| nodes[w].head == Some(verb)) {
        return;
    }
    let case = pkids
        .iter()
        .copied()
        .find(|&c| c < det && nodes[c].deprel == "case");
    let old_head = nodes[verb].head;
    // "staged rallies" read as a noun phrase: the noun it modified is its object.
    let modified = nodes[verb].deprel == "amod";
    nodes[verb].head = None;
    nodes[verb].deprel = "root".to_string();
    if let Some(w) = old_head.filter(|&w| modified && w > verb && is_nominal(&nodes[w])) {
        nodes[w].head = Some(verb);
        nodes[w].deprel = "obj".to_string();
    }
    nodes[p].head = Some(noun);
    nodes[p].deprel = "amod".to_string();
    nodes[det].head = Some(noun);
    match case {
        Some(c) => {
            nodes[c].head = Some(noun);
            let Some(owner) = (0..c).rev().find(|&w| is_nominal(&nodes[w])) else {
                return;
            };
            nodes[noun].head = Some(owner);
            nodes[noun].deprel = "nmod".to_string();
        }
        None => {
            nodes[noun].head = Some(verb);
            nodes[noun].deprel = "nsubj".to_string();
        }
    }
    for c in pkids {
        if c != det && Some(c) != case && c != noun && nodes[c].head == Some(p) {
            nodes[c].head = Some(verb);
        }
    }
}

/// "Israel Friday reimposed blockades ..., a military spokesman announced"
/// read as one verb with two subjects ("blockades" and "spokesman"): a verb
/// has one subject, so the first, before the comma, with a verb modifying it
/// from the left, is that verb's object and the verb is the predicate of the
/// clause the second subject's verb reports. A name the parser compounded onto
/// a bare time noun before that verb ("Israel Friday") is its subject: a time
/// adverbial takes no compound.
fn two_subjects_across_a_comma(nodes: &mut [Node]) {
    for s in 0..nodes.len() {
        if !nodes[s].is_verbal() {
            continue;
        }
        let skids = children_of(nodes, s);
        let subjects: Vec<usize> = skids
            .iter()
            .copied()
            .filter(|&c| c < s && is_nominal_subject_of(nodes, c, s))
            .collect();
        let [first, second] = subjects[..] else {
            continue;
        };
        if !(first..second).any(|w| nodes[w].form == "," && nodes[w].head == Some(s)) {
            continue;
        }
        let Some(verb) = children_of(nodes, first)
            .into_iter()
            .find(|&a| a + 1 == first && nodes[a].upos == "VERB" && nodes[a].deprel == "amod")
        else {
            continue;
        };
        let vkids = children_of(nodes, verb);
        nodes[verb].head = nodes[s].head;
        nodes[verb].deprel = nodes[s].deprel.clone();
        nodes[s].head = Some(verb);
        nodes[s].deprel = "parataxis".to_string();
        nodes[first].head = Some(verb);
        nodes[first].deprel = "obj".to_string();
        if !vkids.iter().any(|&c| nodes[c].deprel.starts_with("nsubj")) {
            let time = vkids
                .iter()
                .copied()
                .find(|&t| t < verb && nodes[t].deprel == "obl:unmarked");
            if let Some(t) = time {
                if let Some(c) = children_of(nodes, t)
                    .into_iter()
                    .find(|&c| c < t && nodes[c].deprel == "compound" && nodes[c].upos == "PROPN")
                {
                    nodes[c].head = Some(verb);
                    nodes[c].deprel = "nsubj".to_string();
                }
            }
        }
        for c in skids {
            if c + 1 == nodes.len() && nodes[c].deprel == "punct" {
                nodes[c].head = Some(verb);
            }
        }
        return;
    }
}

/// "The government has accused Darfur rebels of violating a ceasefire, a
/// member of the team has said" read with "rebels" a second subject of
/// "said": a verb has one subject, and a noun phrase right after a verb of
/// the clause it governs, when that verb has no object, is that verb's
/// object.
fn subject_after_complement_verb(nodes: &mut [Node]) {
    for s in 0..nodes.len() {
        if !has_two_nominal_subjects_before(nodes, s) {
            continue;
        }
        for x in 0..s {
            if nodes[x].head != Some(s) || !nodes[x].deprel.starts_with("nsubj") {
                continue;
            }
            // The first word of its phrase: the words before it that hang on it.
            let mut start = x;
            while start > 0 && nodes[start - 1].head == Some(x) {
                start -= 1;
            }
            let Some(w) = start.checked_sub(1) else {
                continue;
            };
            let clause = matches!(nodes[w].deprel.as_str(), "ccomp" | "advcl" | "parataxis");
            let has_object = nodes
                .iter()
                .any(|c| c.head == Some(w) && matches!(c.deprel.as_str(), "obj" | "ccomp"));
            if nodes[w].upos == "VERB" && nodes[w].head == Some(s) && clause && !has_object {
                nodes[x].head = Some(w);
                nodes[x].deprel = "obj".to_string();
                return;
            }
        }
    }
}

/// "Zambia extradited a militant to Britain, a Zambian official said" read
/// with "Zambia" a second subject of "said" and "extradited" its complement
/// with no subject: a verb has one subject, and the noun phrase right before
/// that subjectless complement verb (nothing but its own words between them)
/// is the complement's subject.
fn reported_subject_on_the_speech_verb(nodes: &mut [Node]) {
    for s in 0..nodes.len() {
        if !has_two_nominal_subjects_before(nodes, s) {
            continue;
        }
        let Some(x) = (0..s).find(|&c| is_nominal_subject_of(nodes, c, s)) else {
            continue;
        };
        // The first word after the subject's phrase.
        let under_x = |w: usize| {
            std::iter::successors(Some(w), |&y| nodes[y].head)
                .take(nodes.len())
                .any(|y| y == x)
        };
        let Some(w) = (x + 1..s).find(|&w| !under_x(w)) else {
            continue;
        };
        let subjectless = !nodes
            .iter()
            .any(|c| c.head == Some(w) && (c.deprel.starts_with("nsubj") || c.deprel == "mark"));
        if nodes[w].upos == "VERB"
            && nodes[w].head == Some(s)
            && nodes[w].deprel == "ccomp"
            && subjectless
        {
            nodes[x].head = Some(w);
            return;
        }
    }
}

/// "since demonstrators in Eymn Muil were crushed" read with "Eymn" a second
/// subject of "crushed" and "in" a marker of the verb: a verb has one subject
/// and a subject takes no preposition, so a later subject right after a
/// preposition hung on the same verb is a prepositional modifier of the
/// subject before it.
fn prepositional_second_subject(nodes: &mut [Node]) {
    for s in 0..nodes.len() {
        if !has_two_nominal_subjects_before(nodes, s) {
            continue;
        }
        let subjects: Vec<usize> = (0..s)
            .filter(|&c| is_nominal_subject_of(nodes, c, s))
            .collect();
        for pair in subjects.windows(2) {
            let (first, x) = (pair[0], pair[1]);
            let mut start = x;
            while start > 0 && nodes[start - 1].head == Some(x) {
                start -= 1;
            }
            let Some(a) = start.checked_sub(1) else {
                continue;
            };
            if a > first && nodes[a].upos == "ADP" && nodes[a].head == Some(s) {
                nodes[x].head = Some(first);
                nodes[x].deprel = "nmod".to_string();
                nodes[a].head = Some(x);
                nodes[a].deprel = "case".to_string();
                break;
            }
        }
    }
}

/// Whether `c` is a nominal subject (`nsubj`, `nsubj:pass`) of `s`.
fn is_nominal_subject_of(nodes: &[Node], c: usize, s: usize) -> bool {
    nodes[c].head == Some(s) && nodes[c].deprel.starts_with("nsubj") && is_nominal(&nodes[c])
}

/// Whether `s` is a verb with two or more nominal subjects before it: a
/// verb has one subject, so one of them belongs elsewhere.
fn has_two_nominal_subjects_before(nodes: &[Node], s: usize) -> bool {
    nodes[s].is_verbal()
        && (0..s)
            .filter(|&c| is_nominal_subject_of(nodes, c, s))
            .nth(1)
            .is_some()
}

/// Every head in range, one root, and no cycle.
fn is_tree(nodes: &[Node]) -> bool {
    let n = nodes.len();
    if nodes.iter().filter(|x| x.head.is_none()).count() != 1.min(n) {
        return false;
    }
    (0..n).all(|i| {
        let mut cur = i;
        for _ in 0..=n {
            match nodes[cur].head {
                None => return true,
                Some(h) if h < n && h != cur => cur = h,
                Some(_) => return false,
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(form, lemma, upos, xpos, head 1-based, deprel)` rows, normalised;
    /// returns `(head 1-based, deprel)` per word.
    fn shape(rows: &[(&str, &str, &str, &str, usize, &str)]) -> Vec<(usize, String)> {
        let nodes = rows
            .iter()
            .map(|&(form, lemma, upos, xpos, head, rel)| Node {
                form: form.into(),
                lemma: lemma.into(),
                upos: upos.into(),
                xpos: xpos.into(),
                head: head.checked_sub(1),
                deprel: rel.into(),
            })
            .collect();
        normalise(nodes)
            .into_iter()
            .map(|n| (n.head.map_or(0, |h| h + 1), n.deprel))
            .collect()
    }

    #[test]
    fn second_subject_with_a_coordinator_is_a_conjunct() {
        // Evil Mordor, the awful Fornost, and good Gondor welcomed a resumption.
        let out = shape(&[
            ("Evil", "evil", "ADJ", "JJ", 2, "amod"),
            ("Mordor", "Mordor", "PROPN", "NNP", 11, "nsubj"),
            (",", ",", "PUNCT", ",", 6, "punct"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("awful", "awful", "ADJ", "JJ", 6, "amod"),
            ("Fornost", "Fornost", "PROPN", "NNP", 2, "appos"),
            (",", ",", "PUNCT", ",", 11, "punct"),
            ("and", "and", "CCONJ", "CC", 11, "cc"),
            ("good", "good", "ADJ", "JJ", 10, "amod"),
            ("Gondor", "Gondor", "PROPN", "NNP", 11, "nsubj"),
            ("welcomed", "welcome", "VERB", "VBD", 0, "root"),
            ("a", "a", "DET", "DT", 13, "det"),
            ("resumption", "resumption", "NOUN", "NN", 11, "obj"),
            (".", ".", "PUNCT", ".", 11, "punct"),
        ]);
        assert_eq!(out[9], (2, "conj".to_string()));
        assert_eq!(out[7], (10, "cc".to_string()));
        // The list closed by ", and" makes "Fornost" a member too.
        assert_eq!(out[5], (2, "conj".to_string()));
        assert_eq!(out[1], (11, "nsubj".to_string()));
    }

    #[test]
    fn unmarked_proper_noun_conjunct_continues_the_name() {
        // Bree Prime Minister Romendacil will meet leaders.
        let rows = [
            ("Bree", "Bree", "PROPN", "NNP", 6, "nsubj"),
            ("Prime", "Prime", "ADJ", "NNP", 3, "amod"),
            ("Minister", "Minister", "PROPN", "NNP", 4, "nmod:desc"),
            ("Romendacil", "Romendacil", "PROPN", "NNP", 1, "conj"),
            ("will", "will", "AUX", "MD", 6, "aux"),
            ("meet", "meet", "VERB", "VB", 0, "root"),
            ("leaders", "leader", "NOUN", "NNS", 6, "obj"),
            (".", ".", "PUNCT", ".", 6, "punct"),
        ];
        let out = shape(&rows);
        assert_eq!(out[3], (1, "flat".to_string()));
        // With a coordinator in between it stays a conjunct.
        let out = shape(&[
            ("Bree", "Bree", "PROPN", "NNP", 4, "nsubj"),
            ("and", "and", "CCONJ", "CC", 3, "cc"),
            ("Gondor", "Gondor", "PROPN", "NNP", 1, "conj"),
            ("meet", "meet", "VERB", "VBP", 0, "root"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        assert_eq!(out[2], (1, "conj".to_string()));
    }

    #[test]
    fn conjoined_subjects_under_a_nominal_root_and_a_trailing_report() {
        // Evil Mordor, the awful Fornost, and good Gondor welcomed a resumption
        // of ties ... after a rift, the official news agency WFNA said on Thursday.
        let out = shape(&[
            ("Evil", "evil", "ADJ", "JJ", 2, "amod"),
            ("Mordor", "Mordor", "PROPN", "NNP", 0, "root"),
            (",", ",", "PUNCT", ",", 6, "punct"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("awful", "awful", "ADJ", "JJ", 6, "amod"),
            ("Fornost", "Fornost", "PROPN", "NNP", 2, "appos"),
            (",", ",", "PUNCT", ",", 11, "punct"),
            ("and", "and", "CCONJ", "CC", 11, "cc"),
            ("good", "good", "ADJ", "JJ", 10, "amod"),
            ("Gondor", "Gondor", "PROPN", "NNP", 11, "nsubj"),
            ("welcomed", "welcome", "VERB", "VBD", 2, "conj"),
            ("a", "a", "DET", "DT", 13, "det"),
            ("resumption", "resumption", "NOUN", "NN", 11, "obj"),
            ("of", "of", "ADP", "IN", 17, "case"),
            ("formal", "formal", "ADJ", "JJ", 17, "amod"),
            ("diplomatic", "diplomatic", "ADJ", "JJ", 17, "amod"),
            ("ties", "tie", "NOUN", "NNS", 13, "nmod"),
            ("with", "with", "ADP", "IN", 19, "case"),
            ("Osgiliath", "Osgiliath", "PROPN", "NNP", 17, "nmod"),
            ("after", "after", "ADP", "IN", 23, "case"),
            ("a", "a", "DET", "DT", 23, "det"),
            ("12-year", "12-year", "ADJ", "JJ", 23, "amod"),
            ("rift", "rift", "NOUN", "NN", 11, "obl"),
            (",", ",", "PUNCT", ",", 28, "punct"),
            ("the", "the", "DET", "DT", 28, "det"),
            ("official", "official", "ADJ", "JJ", 28, "amod"),
            ("news", "news", "NOUN", "NN", 28, "compound"),
            ("agency", "agency", "NOUN", "NN", 30, "nsubj"),
            ("WFNA", "WFNA", "PROPN", "NNP", 30, "nsubj"),
            ("said", "say", "VERB", "VBD", 23, "acl:relcl"),
            ("on", "on", "ADP", "IN", 32, "case"),
            ("Thursday", "Thursday", "PROPN", "NNP", 30, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(out[10], (0, "root".to_string()), "welcomed is the root");
        assert_eq!(out[1], (11, "nsubj".to_string()), "Mordor its subject");
        assert_eq!(
            out[9],
            (2, "conj".to_string()),
            "Gondor a conjoined subject"
        );
        assert_eq!(
            out[29],
            (11, "parataxis".to_string()),
            "said reports welcomed"
        );
        assert_eq!(out[27], (30, "nsubj".to_string()), "the agency said");
    }

    #[test]
    fn a_noun_with_an_object_is_a_modifier_in_the_objects_phrase() {
        // Romendacil arrived in Gondor on his first official foreign visit.
        let out = shape(&[
            ("Romendacil", "Romendacil", "PROPN", "NNP", 2, "nsubj"),
            ("arrived", "arrive", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 4, "case"),
            ("Gondor", "Gondor", "PROPN", "NNP", 2, "obl"),
            ("on", "on", "ADP", "IN", 8, "case"),
            ("his", "his", "PRON", "PRP$", 8, "nmod:poss"),
            ("first", "first", "ADJ", "JJ", 8, "amod"),
            ("official", "official", "NOUN", "NN", 2, "obl"),
            ("foreign", "foreign", "ADJ", "JJ", 10, "amod"),
            ("visit", "visit", "NOUN", "NN", 8, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(rel(&out, 10), (2, "obl"), "visit heads the oblique");
        assert_eq!(rel(&out, 8), (10, "compound"), "official modifies visit");
        for w in [5, 6, 7] {
            assert_eq!(rel(&out, w).0, 8, "word {w} stays with official");
        }
        assert_eq!(rel(&out, 9), (10, "amod"));
        // A noun whose object is separated by a word of its own is left alone.
        let kept = shape(&[
            ("talks", "talk", "NOUN", "NNS", 0, "root"),
            ("today", "today", "NOUN", "NN", 1, "obl:tmod"),
            ("peace", "peace", "NOUN", "NN", 1, "obj"),
        ]);
        assert_eq!(rel(&kept, 3), (1, "obj"));
    }

    #[test]
    fn a_second_subject_after_a_preposition_modifies_the_first() {
        // since demonstrators in Eymn Muil were crushed last June
        let out = shape(&[
            ("since", "since", "SCONJ", "IN", 7, "mark"),
            (
                "demonstrators",
                "demonstrator",
                "NOUN",
                "NNS",
                7,
                "nsubj:pass",
            ),
            ("in", "in", "ADP", "IN", 7, "mark"),
            ("Eymn", "Eymn", "PROPN", "NNP", 7, "nsubj:pass"),
            ("Muil", "Muil", "PROPN", "NNP", 4, "flat"),
            ("were", "be", "AUX", "VBD", 7, "aux:pass"),
            ("crushed", "crush", "VERB", "VBN", 0, "root"),
        ]);
        assert_eq!(
            rel(&out, 4),
            (2, "nmod"),
            "Eymn Muil modifies demonstrators"
        );
        assert_eq!(rel(&out, 3), (4, "case"));
        assert_eq!(rel(&out, 2), (7, "nsubj:pass"));
        assert_eq!(rel(&out, 1), (7, "mark"), "since stays");
    }

    #[test]
    fn a_verb_with_an_object_hung_as_discourse_on_a_noun_root_is_the_predicate() {
        // Fornost and Gondor welcome a resumption of ties, the agency said.
        let out = shape(&[
            ("Fornost", "Fornost", "PROPN", "NNP", 0, "root"),
            ("and", "and", "CCONJ", "CC", 3, "cc"),
            ("Gondor", "Gondor", "PROPN", "NNP", 1, "conj"),
            ("welcome", "welcome", "INTJ", "UH", 1, "discourse"),
            ("a", "a", "DET", "DT", 6, "det"),
            ("resumption", "resumption", "NOUN", "NN", 4, "obj"),
            ("of", "of", "ADP", "IN", 8, "case"),
            ("ties", "tie", "NOUN", "NNS", 6, "nmod"),
            (",", ",", "PUNCT", ",", 12, "punct"),
            ("the", "the", "DET", "DT", 11, "det"),
            ("agency", "agency", "NOUN", "NN", 12, "nsubj"),
            ("said", "say", "VERB", "VBD", 1, "parataxis"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ]);
        assert_eq!(rel(&out, 4), (0, "root"), "welcome is the predicate");
        assert_eq!(rel(&out, 1), (4, "nsubj"), "Fornost its subject");
        assert_eq!(rel(&out, 3), (1, "conj"), "Gondor stays conjoined");
        assert_eq!(rel(&out, 6), (4, "obj"));
        assert_eq!(rel(&out, 12), (4, "parataxis"), "said reports welcome");
        // Without an object it stays a discourse word.
        let kept = shape(&[
            ("Fornost", "Fornost", "PROPN", "NNP", 0, "root"),
            ("welcome", "welcome", "INTJ", "UH", 1, "discourse"),
            ("!", "!", "PUNCT", ".", 1, "punct"),
        ]);
        assert_eq!(rel(&kept, 1), (0, "root"));
    }

    fn rel(out: &[(usize, String)], word: usize) -> (usize, &str) {
        (out[word - 1].0, out[word - 1].1.as_str())
    }

    #[test]
    fn a_trailing_report_is_a_parataxis_of_the_main_verb_in_either_parse() {
        // Fornost welcomed a resumption of ties with Osgiliath after a rift,
        // the news agency WFNA said on Thursday. New model: "said" a ccomp of
        // "welcomed"; old model: a relative clause on "agency", itself hung
        // on "rift". Both become the same reporting clause.
        for out in [
            shape(&[
                ("Fornost", "Fornost", "PROPN", "NNP", 2, "nsubj"),
                ("welcomed", "welcome", "VERB", "VBD", 0, "root"),
                ("a", "a", "DET", "DT", 4, "det"),
                ("resumption", "resumption", "NOUN", "NN", 2, "obj"),
                ("of", "of", "ADP", "IN", 6, "case"),
                ("ties", "tie", "NOUN", "NNS", 4, "nmod"),
                ("with", "with", "ADP", "IN", 8, "case"),
                ("Osgiliath", "Osgiliath", "PROPN", "NNP", 6, "nmod"),
                ("after", "after", "ADP", "IN", 11, "case"),
                ("a", "a", "DET", "DT", 11, "det"),
                ("rift", "rift", "NOUN", "NN", 2, "obl"),
                (",", ",", "PUNCT", ",", 11, "punct"),
                ("the", "the", "DET", "DT", 15, "det"),
                ("news", "news", "NOUN", "NN", 15, "compound"),
                ("agency", "agency", "NOUN", "NN", 17, "nsubj"),
                ("WFNA", "WFNA", "PROPN", "NNP", 17, "nsubj"),
                ("said", "say", "VERB", "VBD", 2, "ccomp"),
                ("on", "on", "ADP", "IN", 19, "case"),
                ("Thursday", "Thursday", "PROPN", "NNP", 17, "obl"),
                (".", ".", "PUNCT", ".", 2, "punct"),
            ]),
            shape(&[
                ("Fornost", "Fornost", "PROPN", "NNP", 2, "nsubj"),
                ("welcomed", "welcome", "VERB", "VBD", 0, "root"),
                ("a", "a", "DET", "DT", 4, "det"),
                ("resumption", "resumption", "NOUN", "NN", 2, "obj"),
                ("of", "of", "ADP", "IN", 6, "case"),
                ("ties", "tie", "NOUN", "NNS", 4, "nmod"),
                ("with", "with", "ADP", "IN", 8, "case"),
                ("Osgiliath", "Osgiliath", "PROPN", "NNP", 4, "nmod"),
                ("after", "after", "ADP", "IN", 11, "case"),
                ("a", "a", "DET", "DT", 11, "det"),
                ("rift", "rift", "NOUN", "NN", 2, "obl"),
                (",", ",", "PUNCT", ",", 11, "punct"),
                ("the", "the", "DET", "DT", 15, "det"),
                ("news", "news", "NOUN", "NN", 15, "compound"),
                ("agency", "agency", "NOUN", "NN", 17, "nsubj"),
                ("WFNA", "WFNA", "PROPN", "NNP", 15, "appos"),
                ("said", "say", "VERB", "VBD", 11, "acl:relcl"),
                ("on", "on", "ADP", "IN", 19, "case"),
                ("Thursday", "Thursday", "PROPN", "NNP", 17, "obl"),
                (".", ".", "PUNCT", ".", 17, "punct"),
            ]),
        ] {
            assert_eq!(rel(&out, 17), (2, "parataxis"));
            assert_eq!(rel(&out, 15), (17, "nsubj"));
            assert_eq!(rel(&out, 12), (17, "punct"));
            assert_eq!(rel(&out, 19), (17, "obl"));
            assert_eq!(rel(&out, 11), (2, "obl"), "the rift stays the welcoming's");
        }
    }

    #[test]
    fn a_root_speech_verb_with_the_report_as_its_complement_is_left_alone() {
        // Talks resumed, officials said.
        let rows = [
            ("Talks", "talk", "NOUN", "NNS", 2, "nsubj"),
            ("resumed", "resume", "VERB", "VBD", 5, "ccomp"),
            (",", ",", "PUNCT", ",", 2, "punct"),
            ("officials", "official", "NOUN", "NNS", 5, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            (".", ".", "PUNCT", ".", 5, "punct"),
        ];
        let out = shape(&rows);
        let given: Vec<(usize, String)> = rows.iter().map(|r| (r.4, r.5.to_string())).collect();
        assert_eq!(out, given);
    }

    #[test]
    fn a_to_clause_on_an_adjective_is_adverbial() {
        // Arnor is inching nearer to accord with Gondor.
        let out = shape(&[
            ("Arnor", "Arnor", "PROPN", "NNP", 3, "nsubj"),
            ("is", "be", "AUX", "VBZ", 3, "aux"),
            ("inching", "inch", "VERB", "VBG", 0, "root"),
            ("nearer", "near", "ADJ", "JJR", 3, "xcomp"),
            ("to", "to", "PART", "TO", 6, "mark"),
            ("accord", "accord", "VERB", "VB", 4, "acl"),
            ("with", "with", "ADP", "IN", 8, "case"),
            ("Gondor", "Gondor", "PROPN", "NNP", 6, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert_eq!(rel(&out, 6), (4, "advcl"));
    }

    #[test]
    fn a_verb_with_an_object_conjoined_to_a_noun_joins_the_verb() {
        // The government condemned an attack by soldiers on Thursday and
        // promised aid to the villages.
        let out = shape(&[
            ("The", "the", "DET", "DT", 2, "det"),
            ("government", "government", "NOUN", "NN", 3, "nsubj"),
            ("condemned", "condemn", "VERB", "VBD", 0, "root"),
            ("an", "a", "DET", "DT", 5, "det"),
            ("attack", "attack", "NOUN", "NN", 3, "obj"),
            ("by", "by", "ADP", "IN", 8, "case"),
            ("Osgiliath", "Osgiliath", "PROPN", "NNP", 8, "compound"),
            ("soldiers", "soldier", "NOUN", "NNS", 5, "nmod"),
            ("on", "on", "ADP", "IN", 10, "case"),
            ("Thursday", "Thursday", "PROPN", "NNP", 5, "nmod"),
            ("and", "and", "CCONJ", "CC", 12, "cc"),
            ("promised", "promise", "VERB", "VBN", 5, "conj"),
            ("aid", "aid", "NOUN", "NN", 12, "obj"),
            ("to", "to", "ADP", "IN", 16, "case"),
            ("the", "the", "DET", "DT", 16, "det"),
            ("villages", "village", "NOUN", "NNS", 13, "nmod"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert_eq!(rel(&out, 12), (3, "conj"));
    }

    #[test]
    fn an_adjective_hung_as_a_clause_modifies_the_noun_after_it() {
        // Ithilen's awful and cool minister Calimehtar warned of the Prince.
        let out = shape(&[
            ("Ithilen", "Ithilen", "PROPN", "NNP", 3, "nmod:poss"),
            ("'s", "'s", "PART", "POS", 1, "case"),
            ("awful", "awful", "ADJ", "JJ", 8, "ccomp"),
            ("and", "and", "CCONJ", "CC", 5, "cc"),
            ("cool", "cool", "ADJ", "JJ", 3, "conj"),
            ("minister", "minister", "NOUN", "NN", 7, "nmod:desc"),
            ("Calimehtar", "Calimehtar", "PROPN", "NNP", 8, "nsubj"),
            ("warned", "warn", "VERB", "VBD", 0, "root"),
            ("of", "of", "ADP", "IN", 11, "case"),
            ("the", "the", "DET", "DT", 11, "det"),
            ("Prince", "Prince", "PROPN", "NNP", 8, "obl"),
            ("of", "of", "ADP", "IN", 13, "case"),
            ("Dol", "Dol", "PROPN", "NNP", 11, "nmod"),
            ("Amroth", "Amroth", "PROPN", "NNP", 11, "nmod"),
            (".", ".", "PUNCT", ".", 8, "punct"),
        ]);
        assert_eq!(rel(&out, 3), (6, "amod"));
        assert_eq!(
            rel(&out, 1),
            (6, "nmod:poss"),
            "the possessive is the minister's"
        );
    }

    #[test]
    fn a_participle_beyond_a_prepositional_phrase_is_adverbial() {
        // Prisoners rioted at a jail in Dili on Monday joining thousands of
        // demonstrators ("joining" hung on "jail").
        let out = shape(&[
            ("Prisoners", "prisoner", "NOUN", "NNS", 2, "nsubj"),
            ("rioted", "riot", "VERB", "VBN", 0, "root"),
            ("at", "at", "ADP", "IN", 5, "case"),
            ("a", "a", "DET", "DT", 5, "det"),
            ("jail", "jail", "NOUN", "NN", 2, "obl"),
            ("in", "in", "ADP", "IN", 7, "case"),
            ("Dili", "Dili", "PROPN", "NNP", 5, "nmod"),
            ("on", "on", "ADP", "IN", 9, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 5, "nmod"),
            ("joining", "join", "VERB", "VBG", 5, "acl"),
            ("thousands", "thousand", "NOUN", "NNS", 10, "obj"),
            ("of", "of", "ADP", "IN", 13, "case"),
            ("demonstrators", "demonstrator", "NOUN", "NNS", 11, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(rel(&out, 10), (2, "advcl"));
    }

    #[test]
    fn a_participle_after_a_nominal_root_in_a_verbless_sentence_is_the_predicate() {
        // European Community foreign ministers agreed in principle on Saturday
        // to provide aid for Romania.
        let out = shape(&[
            ("European", "European", "ADJ", "JJ", 2, "amod"),
            ("Community", "community", "NOUN", "NN", 4, "compound"),
            ("foreign", "foreign", "ADJ", "JJ", 4, "amod"),
            ("ministers", "minister", "NOUN", "NNS", 0, "root"),
            ("agreed", "agree", "VERB", "VBN", 4, "acl"),
            ("in", "in", "ADP", "IN", 7, "case"),
            ("principle", "principle", "NOUN", "NN", 5, "obl"),
            ("on", "on", "ADP", "IN", 9, "case"),
            ("Saturday", "Saturday", "PROPN", "NNP", 5, "obl"),
            ("to", "to", "PART", "TO", 11, "mark"),
            ("provide", "provide", "VERB", "VB", 5, "advcl"),
            ("aid", "aid", "NOUN", "NN", 11, "obj"),
            ("for", "for", "ADP", "IN", 14, "case"),
            ("Romania", "Romania", "PROPN", "NNP", 12, "nmod"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        assert_eq!(rel(&out, 5), (0, "root"));
        assert_eq!(rel(&out, 4), (5, "nsubj"));
    }

    #[test]
    fn a_prepositions_object_heads_its_phrase_on_the_noun_before() {
        // Gondor agreed on ties between Minas Tirith and Osgiliath after a rift.
        let out = shape(&[
            ("Gondor", "Gondor", "PROPN", "NNP", 2, "nsubj"),
            ("agreed", "agree", "VERB", "VBD", 0, "root"),
            ("on", "on", "ADP", "IN", 4, "case"),
            ("ties", "tie", "NOUN", "NNS", 2, "obl"),
            ("between", "between", "ADP", "IN", 12, "case"),
            ("Minas", "Minas", "PROPN", "NNP", 5, "obj"),
            ("Tirith", "Tirith", "PROPN", "NNP", 6, "flat"),
            ("and", "and", "CCONJ", "CC", 9, "cc"),
            ("Osgiliath", "Osgiliath", "PROPN", "NNP", 6, "conj"),
            ("after", "after", "ADP", "IN", 12, "case"),
            ("a", "a", "DET", "DT", 12, "det"),
            ("rift", "rift", "NOUN", "NN", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(rel(&out, 6), (4, "nmod"));
        assert_eq!(rel(&out, 5), (6, "case"));
    }

    #[test]
    fn an_interjection_between_a_subject_and_its_object_is_a_verb() {
        // Fornost and Gondor welcome a resumption of ties.
        let nodes: Vec<Node> = [
            ("Fornost", "PROPN", "NNP", 0, "root"),
            ("and", "CCONJ", "CC", 3, "cc"),
            ("Gondor", "PROPN", "NNP", 1, "conj"),
            ("welcome", "INTJ", "UH", 1, "discourse"),
            ("a", "DET", "DT", 6, "det"),
            ("resumption", "NOUN", "NN", 4, "obj"),
        ]
        .iter()
        .map(|&(form, upos, xpos, head, rel)| Node {
            form: form.into(),
            lemma: form.to_lowercase(),
            upos: upos.into(),
            xpos: xpos.into(),
            head: (head as usize).checked_sub(1),
            deprel: rel.into(),
        })
        .collect();
        let out = normalise(nodes);
        assert_eq!(out[3].upos, "VERB");
        assert_eq!(out[0].upos, "PROPN");
    }

    #[test]
    fn a_verb_with_its_own_subject_read_as_a_subject_is_the_main_clause() {
        // Rebels again rejected a plan, and said they opposed the force until
        // their demands are met.
        let out = shape(&[
            ("Rebels", "rebel", "NOUN", "NNS", 3, "nsubj"),
            ("again", "again", "ADV", "RB", 3, "advmod"),
            ("rejected", "reject", "VERB", "VBD", 18, "nsubj:pass"),
            ("a", "a", "DET", "DT", 5, "det"),
            ("plan", "plan", "NOUN", "NN", 3, "obj"),
            (",", ",", "PUNCT", ",", 8, "punct"),
            ("and", "and", "CCONJ", "CC", 8, "cc"),
            ("said", "say", "VERB", "VBD", 3, "conj"),
            ("they", "they", "PRON", "PRP", 10, "nsubj"),
            ("opposed", "oppose", "VERB", "VBD", 8, "ccomp"),
            ("the", "the", "DET", "DT", 12, "det"),
            ("force", "force", "NOUN", "NN", 10, "obj"),
            ("until", "until", "ADP", "IN", 16, "case"),
            ("their", "their", "PRON", "PRP$", 16, "nmod:poss"),
            ("political", "political", "ADJ", "JJ", 16, "amod"),
            ("demands", "demand", "NOUN", "NNS", 12, "nmod"),
            ("are", "be", "AUX", "VBP", 18, "aux:pass"),
            ("met", "meet", "VERB", "VBN", 0, "root"),
            (".", ".", "PUNCT", ".", 18, "punct"),
        ]);
        assert_eq!(rel(&out, 3), (0, "root"));
        assert_eq!(rel(&out, 18), (10, "advcl"));
        assert_eq!(rel(&out, 19), (3, "punct"));
        // A clause introduced by "that" is a clausal subject: left alone.
        let out = shape(&[
            ("That", "that", "SCONJ", "IN", 3, "mark"),
            ("he", "he", "PRON", "PRP", 3, "nsubj"),
            ("left", "leave", "VERB", "VBD", 4, "nsubj"),
            ("surprised", "surprise", "VERB", "VBD", 0, "root"),
            ("us", "we", "PRON", "PRP", 4, "obj"),
        ]);
        assert_eq!(rel(&out, 3), (4, "nsubj"));
    }

    #[test]
    fn a_determined_adjective_root_with_a_verb_on_a_bare_time_noun_is_the_subject() {
        // A top official today praised Haiti's efforts (the only verb tagged
        // as a participle, "official" as an adjective).
        let out = shape(&[
            ("A", "a", "DET", "DT", 3, "det"),
            ("top", "top", "ADJ", "JJ", 3, "amod"),
            ("official", "official", "ADJ", "JJ", 0, "root"),
            ("today", "today", "NOUN", "NN", 3, "obl:unmarked"),
            ("praised", "praise", "VERB", "VBN", 4, "acl"),
            ("Haiti", "Haiti", "PROPN", "NNP", 8, "nmod:poss"),
            ("'s", "'s", "PART", "POS", 6, "case"),
            ("efforts", "effort", "NOUN", "NNS", 5, "obj"),
        ]);
        assert_eq!(rel(&out, 5), (0, "root"));
        assert_eq!(rel(&out, 3), (5, "nsubj"));
        assert_eq!(rel(&out, 4), (5, "obl:unmarked"));
        // An adjective root with no determiner is left alone.
        let out = shape(&[
            ("Top", "top", "ADJ", "JJ", 2, "amod"),
            ("official", "official", "ADJ", "JJ", 0, "root"),
            ("today", "today", "NOUN", "NN", 2, "obl:unmarked"),
            ("praised", "praise", "VERB", "VBN", 3, "acl"),
        ]);
        assert_eq!(rel(&out, 2), (0, "root"));
    }

    #[test]
    fn a_participle_root_with_a_determiner_is_an_adjective_of_its_noun() {
        // Activists from the defeated Party have staged rallies, saying ...
        let out = shape(&[
            ("Activists", "activist", "NOUN", "NNS", 4, "nsubj"),
            ("from", "from", "ADP", "IN", 4, "case"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("defeated", "defeat", "VERB", "VBN", 0, "root"),
            ("Party", "Party", "PROPN", "NNP", 4, "obj"),
            ("have", "have", "AUX", "VBP", 7, "aux"),
            ("staged", "stage", "VERB", "VBN", 8, "amod"),
            ("rallies", "rally", "NOUN", "NNS", 4, "obj"),
            (",", ",", "PUNCT", ",", 10, "punct"),
            ("saying", "say", "VERB", "VBG", 4, "advcl"),
        ]);
        assert_eq!(rel(&out, 7), (0, "root"));
        assert_eq!(rel(&out, 4), (5, "amod"));
        assert_eq!(rel(&out, 3), (5, "det"));
        assert_eq!(rel(&out, 2), (5, "case"));
        assert_eq!(rel(&out, 5), (1, "nmod"));
        assert_eq!(rel(&out, 1), (7, "nsubj"));
        assert_eq!(rel(&out, 8), (7, "obj"));
        assert_eq!(rel(&out, 10), (7, "advcl"));
        // Without a preposition the noun phrase is the subject.
        let out = shape(&[
            ("The", "the", "DET", "DT", 2, "det"),
            ("defeated", "defeat", "VERB", "VBN", 0, "root"),
            ("party", "party", "NOUN", "NN", 2, "obj"),
            ("staged", "stage", "VERB", "VBD", 5, "amod"),
            ("rallies", "rally", "NOUN", "NNS", 2, "obj"),
        ]);
        assert_eq!(rel(&out, 4), (0, "root"));
        assert_eq!(rel(&out, 3), (4, "nsubj"));
        assert_eq!(rel(&out, 2), (3, "amod"));
        assert_eq!(rel(&out, 5), (4, "obj"));
        // A participle root with no determiner is a verb: left alone.
        let out = shape(&[
            ("Rebels", "rebel", "NOUN", "NNS", 2, "nsubj"),
            ("defeated", "defeat", "VERB", "VBD", 0, "root"),
            ("troops", "troop", "NOUN", "NNS", 2, "obj"),
        ]);
        assert_eq!(rel(&out, 2), (0, "root"));
    }

    #[test]
    fn a_verb_with_two_subjects_across_a_comma_reports_the_first_clause() {
        // Mordor Friday reimposed blockades in Gondor, a spokesman announced.
        let out = shape(&[
            ("Mordor", "Mordor", "PROPN", "NNP", 2, "compound"),
            ("Friday", "Friday", "PROPN", "NNP", 3, "obl:unmarked"),
            ("reimposed", "reimpose", "VERB", "VBN", 4, "amod"),
            ("blockades", "blockade", "NOUN", "NNS", 10, "nsubj:pass"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("Gondor", "Gondor", "PROPN", "NNP", 4, "nmod"),
            (",", ",", "PUNCT", ",", 10, "punct"),
            ("a", "a", "DET", "DT", 9, "det"),
            ("spokesman", "spokesman", "NOUN", "NN", 10, "nsubj"),
            ("announced", "announce", "VERB", "VBN", 0, "root"),
            (".", ".", "PUNCT", ".", 10, "punct"),
        ]);
        assert_eq!(rel(&out, 3), (0, "root"));
        assert_eq!(rel(&out, 1), (3, "nsubj"));
        assert_eq!(rel(&out, 2), (3, "obl:unmarked"));
        assert_eq!(rel(&out, 4), (3, "obj"));
        assert_eq!(rel(&out, 10), (3, "parataxis"));
        assert_eq!(rel(&out, 9), (10, "nsubj"));
        assert_eq!(rel(&out, 11), (3, "punct"));
        // One subject: nothing to repair.
        let out = shape(&[
            ("armed", "arm", "VERB", "VBN", 2, "amod"),
            ("men", "man", "NOUN", "NNS", 3, "nsubj"),
            ("fled", "flee", "VERB", "VBD", 0, "root"),
        ]);
        assert_eq!(rel(&out, 3), (0, "root"));
        assert_eq!(rel(&out, 1), (2, "amod"));
    }

    #[test]
    fn a_rewrite_that_would_break_the_tree_is_dropped() {
        let cyclic = vec![
            Node {
                form: "a".into(),
                lemma: "a".into(),
                upos: "NOUN".into(),
                xpos: "NN".into(),
                head: Some(1),
                deprel: "nsubj".into(),
            },
            Node {
                form: "b".into(),
                lemma: "b".into(),
                upos: "VERB".into(),
                xpos: "VBD".into(),
                head: Some(0),
                deprel: "acl".into(),
            },
        ];
        let out = normalise(cyclic);
        assert_eq!(out[0].head, Some(1));
        assert_eq!(out[1].head, Some(0));
    }

    #[test]
    fn a_noun_with_a_subject_takes_the_verb_before_it_as_predicate() {
        // The Arnorian media and government restored ties with Gondor.
        let out = shape(&[
            ("The", "the", "DET", "DT", 3, "det"),
            ("Arnorian", "Arnorian", "PROPN", "NNP", 3, "compound"),
            ("media", "media", "NOUN", "NNS", 7, "nsubj"),
            ("and", "and", "CCONJ", "CC", 5, "cc"),
            ("government", "government", "NOUN", "NN", 3, "conj"),
            ("restored", "restore", "VERB", "VBD", 7, "amod"),
            ("ties", "tie", "NOUN", "NNS", 0, "root"),
            ("with", "with", "ADP", "IN", 9, "case"),
            ("Gondor", "Gondor", "PROPN", "NNP", 7, "nmod"),
            (".", ".", "PUNCT", ".", 7, "punct"),
        ]);
        assert_eq!(rel(&out, 6), (0, "root"));
        assert_eq!(rel(&out, 7), (6, "obj"));
        assert_eq!(rel(&out, 3), (6, "nsubj"));
        assert_eq!(rel(&out, 10), (6, "punct"));
    }

    #[test]
    fn a_report_whose_subject_hangs_on_a_noun_before_the_comma_is_rewritten() {
        // Fornost welcomed a resumption of ... ties between Gondor and
        // Osgiliath after a 12-year rift, the primary official news agency
        // WFNA said on Thursday. (tri-trained parser: "said" the root with
        // "welcomed" its complement and "agency" an apposition of "rift")
        let out = shape(&[
            ("Fornost", "Fornost", "PROPN", "NNP", 2, "nsubj"),
            ("welcomed", "welcome", "VERB", "VBD", 24, "ccomp"),
            ("a", "a", "DET", "DT", 4, "det"),
            ("resumption", "resumption", "NOUN", "NN", 2, "obj"),
            ("of", "of", "ADP", "IN", 8, "case"),
            ("formal", "formal", "ADJ", "JJ", 8, "amod"),
            ("diplomatic", "diplomatic", "ADJ", "JJ", 8, "amod"),
            ("ties", "tie", "NOUN", "NNS", 4, "nmod"),
            ("between", "between", "ADP", "IN", 10, "case"),
            ("Gondor", "Gondor", "PROPN", "NNP", 8, "nmod"),
            ("and", "and", "CCONJ", "CC", 12, "cc"),
            ("Osgiliath", "Osgiliath", "PROPN", "NNP", 10, "conj"),
            ("after", "after", "ADP", "IN", 16, "case"),
            ("a", "a", "DET", "DT", 16, "det"),
            ("12-year", "12-year", "ADJ", "JJ", 16, "amod"),
            ("rift", "rift", "NOUN", "NN", 2, "obl"),
            (",", ",", "PUNCT", ",", 22, "punct"),
            ("the", "the", "DET", "DT", 22, "det"),
            ("primary", "primary", "ADJ", "JJ", 22, "amod"),
            ("official", "official", "ADJ", "JJ", 22, "amod"),
            ("news", "news", "NOUN", "NN", 22, "compound"),
            ("agency", "agency", "NOUN", "NN", 16, "appos"),
            ("WFNA", "WFNA", "PROPN", "NNP", 22, "appos"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("on", "on", "ADP", "IN", 26, "case"),
            ("Thursday", "Thursday", "PROPN", "NNP", 24, "obl"),
            (".", ".", "PUNCT", ".", 24, "punct"),
        ]);
        assert_eq!(rel(&out, 2), (0, "root"));
        assert_eq!(rel(&out, 24), (2, "parataxis"));
        assert_eq!(rel(&out, 22), (24, "nsubj"));
    }

    #[test]
    fn a_noun_made_subject_of_the_speech_verb_heads_the_reported_clause() {
        // Fornost and Gondor welcome a resumption of ... ties with Osgiliath
        // after a 12-year rift, the primary official news agency WFNA said on
        // Thursday. (tri-trained parser: "resumption" subject of "said",
        // "Fornost" and "welcome" hung on "resumption")
        let out = shape(&[
            ("Fornost", "Fornost", "PROPN", "NNP", 6, "nsubj"),
            ("and", "and", "CCONJ", "CC", 3, "cc"),
            ("Gondor", "Gondor", "PROPN", "NNP", 1, "conj"),
            ("welcome", "welcome", "INTJ", "UH", 6, "discourse"),
            ("a", "a", "DET", "DT", 6, "det"),
            ("resumption", "resumption", "NOUN", "NN", 24, "nsubj"),
            ("of", "of", "ADP", "IN", 10, "case"),
            ("formal", "formal", "ADJ", "JJ", 10, "amod"),
            ("diplomatic", "diplomatic", "ADJ", "JJ", 10, "amod"),
            ("ties", "tie", "NOUN", "NNS", 6, "nmod"),
            ("with", "with", "ADP", "IN", 12, "case"),
            ("Osgiliath", "Osgiliath", "PROPN", "NNP", 10, "nmod"),
            ("after", "after", "ADP", "IN", 16, "case"),
            ("a", "a", "DET", "DT", 16, "det"),
            ("12-year", "12-year", "ADJ", "JJ", 16, "amod"),
            ("rift", "rift", "NOUN", "NN", 6, "nmod"),
            (",", ",", "PUNCT", ",", 22, "punct"),
            ("the", "the", "DET", "DT", 22, "det"),
            ("primary", "primary", "ADJ", "JJ", 22, "amod"),
            ("official", "official", "ADJ", "JJ", 22, "amod"),
            ("news", "news", "NOUN", "NN", 22, "compound"),
            ("agency", "agency", "NOUN", "NN", 16, "appos"),
            ("WFNA", "WFNA", "PROPN", "NNP", 22, "appos"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("on", "on", "ADP", "IN", 26, "case"),
            ("Thursday", "Thursday", "PROPN", "NNP", 24, "obl"),
            (".", ".", "PUNCT", ".", 24, "punct"),
        ]);
        assert_eq!(rel(&out, 4), (0, "root"));
        assert_eq!(rel(&out, 1), (4, "nsubj"));
        assert_eq!(rel(&out, 6), (4, "obj"));
        assert_eq!(rel(&out, 24), (4, "parataxis"));
        assert_eq!(rel(&out, 22), (24, "nsubj"));
    }

    #[test]
    fn a_second_subject_of_a_report_on_a_verb_with_an_object_is_adverbial() {
        // Arnor is about to restore full diplomatic ties with Gxndor, several
        // years after Calenardhon crowds burned down its embassy, a senior
        // official said on Saturday.
        let out = shape(&[
            ("Arnor", "Arnor", "PROPN", "NNP", 3, "nsubj"),
            ("is", "be", "AUX", "VBZ", 3, "cop"),
            ("about", "about", "ADJ", "JJ", 0, "root"),
            ("to", "to", "PART", "TO", 5, "mark"),
            ("restore", "restore", "VERB", "VB", 3, "xcomp"),
            ("full", "full", "ADJ", "JJ", 8, "amod"),
            ("diplomatic", "diplomatic", "ADJ", "JJ", 8, "amod"),
            ("ties", "tie", "NOUN", "NNS", 5, "obj"),
            ("with", "with", "ADP", "IN", 10, "case"),
            ("Gxndor", "Gxndor", "PROPN", "NNP", 8, "nmod"),
            (",", ",", "PUNCT", ",", 10, "punct"),
            ("several", "several", "ADJ", "JJ", 13, "amod"),
            ("years", "year", "NOUN", "NNS", 25, "nsubj"),
            ("after", "after", "ADP", "IN", 16, "case"),
            ("Calenardhon", "Calenardhon", "PROPN", "NNP", 16, "compound"),
            ("crowds", "crowd", "NOUN", "NNS", 13, "nmod"),
            ("burned", "burn", "VERB", "VBN", 16, "acl"),
            ("down", "down", "ADP", "RP", 17, "compound:prt"),
            ("its", "its", "PRON", "PRP$", 20, "nmod:poss"),
            ("embassy", "embassy", "NOUN", "NN", 17, "obl"),
            (",", ",", "PUNCT", ",", 25, "punct"),
            ("a", "a", "DET", "DT", 24, "det"),
            ("senior", "senior", "ADJ", "JJ", 24, "amod"),
            ("official", "official", "NOUN", "NN", 25, "nsubj"),
            ("said", "say", "VERB", "VBD", 3, "parataxis"),
            ("on", "on", "ADP", "IN", 27, "case"),
            ("Saturday", "Saturday", "PROPN", "NNP", 25, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert_eq!(rel(&out, 13), (5, "obl:unmarked"));
        assert_eq!(rel(&out, 8), (5, "obj"));
        assert_eq!(rel(&out, 24), (25, "nsubj"));
    }

    #[test]
    fn a_day_word_root_gives_the_head_to_its_compound() {
        // Caras Galadhon's new mayor left yesterday for Minas Tirith for
        // meetings of the joint transport committee with Arnor.
        let out = shape(&[
            ("Caras", "Caras", "PROPN", "NNP", 6, "nmod:poss"),
            ("Galadhon", "Galadhon", "PROPN", "NNP", 1, "flat"),
            ("'s", "'s", "PART", "POS", 1, "case"),
            ("new", "new", "ADJ", "JJ", 6, "amod"),
            ("mayor", "mayor", "NOUN", "NN", 6, "compound"),
            ("left", "left", "NOUN", "NN", 7, "compound"),
            ("yesterday", "yesterday", "NOUN", "NN", 0, "root"),
            ("for", "for", "ADP", "IN", 10, "case"),
            ("Minas", "Minas", "PROPN", "NNP", 10, "compound"),
            ("Tirith", "Tirith", "PROPN", "NNP", 7, "nmod"),
            ("for", "for", "ADP", "IN", 12, "case"),
            ("meetings", "meeting", "NOUN", "NNS", 7, "nmod"),
            ("of", "of", "ADP", "IN", 17, "case"),
            ("the", "the", "DET", "DT", 17, "det"),
            ("joint", "joint", "ADJ", "JJ", 17, "amod"),
            ("transport", "transport", "NOUN", "NN", 17, "compound"),
            ("committee", "committee", "NOUN", "NN", 12, "nmod"),
            ("with", "with", "ADP", "IN", 19, "case"),
            ("Arnor", "Arnor", "PROPN", "NNP", 17, "nmod"),
            (".", ".", "PUNCT", ".", 7, "punct"),
        ]);
        assert_eq!(rel(&out, 6), (0, "root"));
        assert_eq!(rel(&out, 7), (6, "obl:tmod"));
        assert_eq!(rel(&out, 10).0, 6);
        assert_eq!(rel(&out, 12).0, 6);
        assert_eq!(rel(&out, 20).0, 6);
    }

    #[test]
    fn a_participle_after_a_time_noun_it_governs_is_the_predicate() {
        // A top U.S. official today praised Haiti's efforts to improve its
        // record on (tri-trained parser: "today" hung on "praised")
        let out = shape(&[
            ("A", "a", "DET", "DT", 4, "det"),
            ("top", "top", "ADJ", "JJ", 4, "amod"),
            ("U.S.", "U.S.", "PROPN", "NNP", 4, "compound"),
            ("official", "official", "ADJ", "JJ", 0, "root"),
            ("today", "today", "NOUN", "NN", 6, "obl:unmarked"),
            ("praised", "praise", "VERB", "VBN", 4, "acl"),
            ("Haiti", "Haiti", "PROPN", "NNP", 9, "nmod:poss"),
            ("'s", "'s", "PART", "POS", 7, "case"),
            ("efforts", "effort", "NOUN", "NNS", 6, "obj"),
            ("to", "to", "PART", "TO", 11, "mark"),
            ("improve", "improve", "VERB", "VB", 9, "acl"),
            ("its", "its", "PRON", "PRP$", 13, "nmod:poss"),
            ("record", "record", "NOUN", "NN", 11, "obj"),
            ("on", "on", "ADP", "IN", 11, "advmod"),
        ]);
        assert_eq!(rel(&out, 6), (0, "root"));
        assert_eq!(rel(&out, 4), (6, "nsubj"));
    }

    #[test]
    fn a_participle_on_a_noun_inside_an_oblique_is_adverbial() {
        // Prisoners rioted at a jail in East Timor's capital Dili on Monday
        // joining thousands of demonstrators in demanding a referendum ...,
        // locals said.
        let out = shape(&[
            ("Prisoners", "prisoner", "NOUN", "NNS", 2, "nsubj"),
            ("rioted", "riot", "VERB", "VBN", 29, "ccomp"),
            ("at", "at", "ADP", "IN", 5, "case"),
            ("a", "a", "DET", "DT", 5, "det"),
            ("jail", "jail", "NOUN", "NN", 2, "obl"),
            ("in", "in", "ADP", "IN", 10, "case"),
            ("East", "East", "PROPN", "NNP", 10, "nmod:poss"),
            ("Timor", "Timor", "PROPN", "NNP", 7, "flat"),
            ("'s", "'s", "PART", "POS", 7, "case"),
            ("capital", "capital", "NOUN", "NN", 5, "nmod"),
            ("Dili", "Dili", "PROPN", "NNP", 10, "appos"),
            ("on", "on", "ADP", "IN", 13, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 10, "nmod"),
            ("joining", "join", "VERB", "VBG", 10, "acl"),
            ("thousands", "thousand", "NOUN", "NNS", 14, "obj"),
            ("of", "of", "ADP", "IN", 17, "case"),
            ("demonstrators", "demonstrator", "NOUN", "NNS", 15, "nmod"),
            ("in", "in", "SCONJ", "IN", 19, "mark"),
            ("demanding", "demand", "VERB", "VBG", 14, "advcl"),
            ("a", "a", "DET", "DT", 21, "det"),
            ("referendum", "referendum", "NOUN", "NN", 19, "obj"),
            ("on", "on", "ADP", "IN", 23, "case"),
            ("independence", "independence", "NOUN", "NN", 21, "nmod"),
            ("from", "from", "ADP", "IN", 26, "case"),
            ("Indonesian", "indonesian", "ADJ", "JJ", 26, "amod"),
            ("rule", "rule", "NOUN", "NN", 21, "nmod"),
            (",", ",", "PUNCT", ",", 2, "punct"),
            ("locals", "local", "NOUN", "NNS", 29, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            (".", ".", "PUNCT", ".", 29, "punct"),
        ]);
        assert_eq!(rel(&out, 14), (2, "advcl"));
    }

    #[test]
    fn a_second_subject_right_after_an_objectless_complement_verb_is_its_object() {
        // The Sudanese government has accused Darfur rebels of violating a
        // month-old ceasefire, a member of the Chadian team trying to broker a
        // peace pact has said.
        let out = shape(&[
            ("The", "the", "DET", "DT", 3, "det"),
            ("Sudanese", "sudanese", "ADJ", "JJ", 3, "amod"),
            ("government", "government", "NOUN", "NN", 5, "nsubj"),
            ("has", "have", "AUX", "VBZ", 5, "aux"),
            ("accused", "accuse", "VERB", "VBN", 27, "ccomp"),
            ("Darfur", "Darfur", "PROPN", "NNP", 7, "compound"),
            ("rebels", "rebel", "NOUN", "NNS", 27, "nsubj"),
            ("of", "of", "SCONJ", "IN", 9, "mark"),
            ("violating", "violate", "VERB", "VBG", 7, "acl"),
            ("a", "a", "DET", "DT", 12, "det"),
            ("month-old", "month-old", "ADJ", "JJ", 12, "amod"),
            ("ceasefire", "ceasefire", "NOUN", "NN", 9, "obj"),
            (",", ",", "PUNCT", ",", 15, "punct"),
            ("a", "a", "DET", "DT", 15, "det"),
            ("member", "member", "NOUN", "NN", 27, "nsubj"),
            ("of", "of", "ADP", "IN", 19, "case"),
            ("the", "the", "DET", "DT", 19, "det"),
            ("Chadian", "Chadian", "PROPN", "NNP", 19, "compound"),
            ("team", "team", "NOUN", "NN", 15, "nmod"),
            ("trying", "try", "VERB", "VBG", 15, "acl"),
            ("to", "to", "PART", "TO", 22, "mark"),
            ("broker", "broker", "VERB", "VB", 20, "xcomp"),
            ("a", "a", "DET", "DT", 25, "det"),
            ("peace", "peace", "NOUN", "NN", 25, "compound"),
            ("pact", "pact", "NOUN", "NN", 22, "obj"),
            ("has", "have", "AUX", "VBZ", 27, "aux"),
            ("said", "say", "VERB", "VBN", 0, "root"),
            (".", ".", "PUNCT", ".", 27, "punct"),
        ]);
        assert_eq!(rel(&out, 7), (5, "obj"));
        assert_eq!(rel(&out, 15), (27, "nsubj"));
    }

    #[test]
    fn a_second_subject_right_before_a_subjectless_complement_is_its_subject() {
        // Zambia extradited suspected British militant Haroon Rashid Aswad to
        // Britain on Sunday, a senior Zambian government official said.
        let out = shape(&[
            ("Zambia", "Zambia", "PROPN", "NNP", 19, "nsubj"),
            ("extradited", "extradite", "VERB", "VBN", 19, "ccomp"),
            ("suspected", "suspect", "VERB", "VBN", 2, "xcomp"),
            ("British", "British", "ADJ", "JJ", 6, "amod"),
            ("militant", "militant", "ADJ", "JJ", 6, "amod"),
            ("Haroon", "Haroon", "PROPN", "NNP", 3, "obl"),
            ("Rashid", "Rashid", "PROPN", "NNP", 6, "flat"),
            ("Aswad", "Aswad", "PROPN", "NNP", 6, "flat"),
            ("to", "to", "ADP", "IN", 10, "case"),
            ("Britain", "Britain", "PROPN", "NNP", 6, "nmod"),
            ("on", "on", "ADP", "IN", 12, "case"),
            ("Sunday", "Sunday", "PROPN", "NNP", 3, "obl"),
            (",", ",", "PUNCT", ",", 19, "punct"),
            ("a", "a", "DET", "DT", 18, "det"),
            ("senior", "senior", "ADJ", "JJ", 18, "amod"),
            ("Zambian", "zambian", "ADJ", "JJ", 17, "amod"),
            ("government", "government", "NOUN", "NN", 18, "compound"),
            ("official", "official", "NOUN", "NN", 19, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            (".", ".", "PUNCT", ".", 19, "punct"),
        ]);
        assert_eq!(rel(&out, 1), (2, "nsubj"));
        assert_eq!(rel(&out, 18), (19, "nsubj"));
        assert_eq!(rel(&out, 2), (19, "ccomp"));
    }
}
