//! A read-only view of one sentence's dependency parse, with the grammatical
//! questions the coder asks: subject, object, passive agent, prepositional
//! objects, clause membership.
//!
//! The coder keeps its own view (rather than calling into the parser crate for
//! each question) so that every rule about which relation means what lives in
//! one place and can be tested with hand-written trees.

/// One word of a parsed sentence.
#[derive(Debug, Clone)]
pub struct Node {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 0-based index of the head, `None` for the root.
    pub head: Option<usize>,
    /// UD relation, lower case, with subtype (`nsubj:pass`).
    pub deprel: String,
}

impl Node {
    /// A verb or an auxiliary.
    pub fn is_verbal(&self) -> bool {
        matches!(self.upos.as_str(), "VERB" | "AUX")
    }
}

/// A parsed sentence.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    children: Vec<Vec<usize>>,
}

/// Relations that open a new clause: actors inside them are not arguments of
/// the outer verb.
const CLAUSAL: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "ccomp",
    "xcomp",
    "parataxis",
    "csubj",
    "conj",
    "appos",
];

/// How an action is asserted: done, demanded, intended, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    /// It happened (or is happening).
    Factual,
    /// Someone must/should do it, in an actor's words: a demand or appeal.
    Obligation,
    /// Someone will/would/plans to do it (an announced plan, reported or
    /// not): an intent or, for hostile acts, a threat.
    Intent,
    /// Someone will not do it, in an actor's words ("said it will not lift
    /// the embargo"): a refusal (CAMEO 12).
    Refusal,
    /// Negated, hypothetical, conditional, or the author's own
    /// recommendation: not an event.
    None,
}

/// Modal auxiliaries of obligation ("must", "should").
const OBLIGATION_AUX: &[&str] = &["must", "should", "ought", "shall"];

/// Auxiliaries of future or intent ("will", "would").
const FUTURE_AUX: &[&str] = &["will", "would", "'ll", "wo"];

/// Verbs that report what someone said; their clausal complement is the
/// reported act.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "say",
    "announce",
    "tell",
    "state",
    "declare",
    "warn",
    "insist",
    "reiterate",
    "add",
    "claim",
    "stress",
    "confirm",
    "indicate",
    "affirm",
    "assert",
    "vow",
    "pledge",
    "promise",
    "report",
    "write",
    "signal",
    "threaten",
    "demand",
    "urge",
    "hint",
    "conclude",
];

/// Verbs and nouns of accusation and suspicion: what they say someone did
/// ("accused of spying", "suspected of planning attacks") is alleged, not
/// reported as fact.
const ALLEGATION_GOVERNORS: &[&str] = &[
    "accuse",
    "accusation",
    "suspect",
    "suspicion",
    "allege",
    "allegation",
    "charge",
];

/// Verbs whose object is the subject of their "to" clause ("prompted the
/// ministry to close", "urged him to send", "allowed them to leave").
const OBJECT_CONTROL: &[&str] = &[
    "prompt",
    "force",
    "urge",
    "ask",
    "order",
    "persuade",
    "allow",
    "encourage",
    "lead",
    "cause",
    "compel",
    "invite",
    "tell",
    "call",
    "push",
    "press",
    "pressure",
    "oblige",
    "require",
    "help",
    "enable",
    "permit",
    "authorize",
    "authorise",
    "instruct",
    "advise",
    "warn",
    "convince",
    "get",
    "appeal",
    "request",
    "drive",
    "inspire",
    "spur",
    "want",
    "expect",
];

/// Verbs and nouns of demand: their complement is demanded, not done.
const DEMAND_GOVERNORS: &[&str] = &["demand", "urge", "request", "appeal", "ask", "reminder"];

/// Verbs that name their object as something ("called it a terrorist act").
const NAMING_VERBS: &[&str] = &["call", "brand", "label", "dub", "term", "describe"];

/// Governors whose open complement is something the subject intends to do.
/// Adjectives of readiness ("ready to contribute", "willing to withdraw")
/// govern the same way.
const INTENT_GOVERNORS: &[&str] = &[
    "plan",
    "intend",
    "vow",
    "pledge",
    "promise",
    "offer",
    "agree",
    "decide",
    "prepare",
    "want",
    "hope",
    "seek",
    "aim",
    "expect",
    "threaten",
    "propose",
    "wish",
    "resolve",
    "ready",
    "willing",
    "prepared",
    "determined",
    "committed",
    "eager",
    "swear",
];

/// Verbs whose complement is an intention or attempt, not an act that happened.
const IRREALIS_GOVERNORS: &[&str] = &[
    "want",
    "plan",
    "intend",
    "hope",
    "seek",
    "try",
    "attempt",
    "aim",
    "expect",
    "prepare",
    "consider",
    "propose",
    "wish",
    "refuse",
    "fail",
    "urge",
    "call",
    "ask",
    "encourage",
    "need",
    "threaten",
    "vow",
    "pledge",
    "promise",
    "offer",
    "agree",
    "decide",
    "able",
    "likely",
    "time",
];

impl Tree {
    /// Builds the view, first bringing attachments the parser makes in more
    /// than one way into one analysis (`crate::shape`).
    pub fn new(nodes: Vec<Node>) -> Self {
        let nodes = crate::shape::normalise(nodes);
        let mut children = vec![Vec::new(); nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if let Some(h) = n.head {
                if h < nodes.len() && h != i {
                    children[h].push(i);
                }
            }
        }
        Self { nodes, children }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    fn rel(&self, i: usize) -> &str {
        &self.nodes[i].deprel
    }

    fn base_rel(&self, i: usize) -> &str {
        self.rel(i).split(':').next().unwrap_or("")
    }

    fn children_with<'a>(&'a self, i: usize, rels: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.rel(c)))
    }

    /// Conjuncts of `i` (the words joined to it by `conj`), not including `i`.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            for c in self.children_with(x, &["conj"]) {
                out.push(c);
                stack.push(c);
            }
        }
        out.sort_unstable();
        out
    }

    /// Active subjects of a verb; a verb in a conjunction, an open complement or
    /// a participial modifier borrows its subject from where English leaves it.
    pub fn subjects(&self, verb: usize) -> Vec<usize> {
        let own: Vec<usize> = self.children_with(verb, &["nsubj"]).collect();
        if !own.is_empty() {
            return own;
        }
        let Some(head) = self.nodes[verb].head else {
            return Vec::new();
        };
        match self.rel(verb) {
            // "Iran tested and fired missiles": the second verb shares the subject.
            "conj" if self.is_verbal(head) => self.subjects(head),
            // "Iran tried to attack": the complement's subject is the governor's;
            // "prompted the ministry to close": the governor's object's, when it
            // has one (object control, parsed as xcomp or as a "to" clause).
            "xcomp" | "advcl" if rel_is_xcomp_or_to(self, verb) => {
                // A "to" clause of purpose ("would blockade Paris to demand an
                // end") has the governor's subject; only verbs of causing,
                // asking or letting lend their object.
                let controls = self.rel(verb) == "xcomp"
                    || OBJECT_CONTROL.contains(&self.nodes[head].lemma.to_lowercase().as_str());
                let objects: Vec<usize> = if controls {
                    self.children_with(head, &["obj"]).collect()
                } else {
                    Vec::new()
                };
                if objects.is_empty() {
                    self.subjects(head)
                } else {
                    objects
                }
            }
            // "agents planning attacks": the modified noun does the planning.
            "acl" => vec![head],
            // "the group that attacked": the relativised noun is the subject
            // when the relative pronoun is (we get here when it was not parsed).
            "acl:relcl" => vec![head],
            _ => Vec::new(),
        }
    }

    pub fn passive_subjects(&self, verb: usize) -> Vec<usize> {
        let own: Vec<usize> = self.children_with(verb, &["nsubj:pass"]).collect();
        if !own.is_empty() {
            return own;
        }
        match (self.rel(verb), self.nodes[verb].head) {
            ("conj", Some(h)) if self.is_verbal(h) => self.passive_subjects(h),
            // "weapons smuggled into the country": a passive participle modifier.
            (_, Some(h)) if self.is_passive_participle_modifier(verb) => vec![h],
            _ => Vec::new(),
        }
    }

    pub fn is_passive(&self, verb: usize) -> bool {
        self.children_with(verb, &["nsubj:pass", "aux:pass"])
            .next()
            .is_some()
            || self.is_passive_participle_modifier(verb)
    }

    /// "weapons smuggled into the country": a past participle modifying a
    /// noun, with no object of its own (which an active verb would have).
    fn is_passive_participle_modifier(&self, verb: usize) -> bool {
        self.rel(verb) == "acl"
            && self.nodes[verb].xpos == "VBN"
            && self.children_with(verb, &["obj"]).next().is_none()
    }

    /// True for relative pronouns ("which", "who", "that"), which stand for the
    /// noun their clause modifies.
    pub fn is_relative_pronoun(&self, i: usize) -> bool {
        matches!(
            self.nodes[i].form.to_lowercase().as_str(),
            "which" | "who" | "that" | "whom"
        ) && matches!(self.nodes[i].upos.as_str(), "PRON" | "DET")
    }

    /// The noun a relative clause headed by `verb` modifies.
    pub fn relativised_noun(&self, verb: usize) -> Option<usize> {
        (self.rel(verb) == "acl:relcl")
            .then_some(self.nodes[verb].head)
            .flatten()
    }

    /// True when `noun` is an argument of a verb that only intends, wants or
    /// plans ("seeking good relations", "wants talks").
    pub fn under_irrealis_verb(&self, noun: usize) -> bool {
        self.nodes[noun].head.is_some_and(|h| {
            self.is_verbal(h)
                && (self.modality(h) == Modality::None
                    || IRREALIS_GOVERNORS.contains(&self.nodes[h].lemma.to_lowercase().as_str()))
        })
    }

    pub fn objects(&self, verb: usize) -> Vec<usize> {
        self.children_with(verb, &["obj", "iobj"]).collect()
    }

    /// The preposition (lower case) marking `i`, if any (`case` child).
    pub fn preposition(&self, i: usize) -> Option<String> {
        let cases: Vec<usize> = self.children_with(i, &["case"]).collect();
        if cases.is_empty() {
            return None;
        }
        // Multi-word prepositions ("because of") are joined by fixed.
        let mut words: Vec<String> = Vec::new();
        for c in cases {
            if self.nodes[c].upos == "PART" {
                continue; // possessive 's
            }
            words.push(self.nodes[c].form.to_lowercase());
            for f in self.children_with(c, &["fixed"]) {
                words.push(self.nodes[f].form.to_lowercase());
            }
        }
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// Prepositional dependents of a word: `(preposition, word)`.
    pub fn prep_objects(&self, i: usize) -> Vec<(String, usize)> {
        self.children[i]
            .iter()
            .copied()
            .filter(|&c| matches!(self.base_rel(c), "obl" | "nmod"))
            .filter_map(|c| self.preposition(c).map(|p| (p, c)))
            .collect()
    }

    /// The agent of a passive verb: an `obl` marked by "by".
    pub fn passive_agent(&self, verb: usize) -> Option<usize> {
        if !self.is_passive(verb) {
            return None;
        }
        self.children[verb]
            .iter()
            .copied()
            .find(|&c| self.rel(c) == "obl:agent")
            .or_else(|| {
                self.prep_objects(verb)
                    .into_iter()
                    .find(|(p, _)| p == "by")
                    .map(|(_, c)| c)
            })
    }

    /// The possessor of a noun ("Iran's attack").
    pub fn possessor(&self, noun: usize) -> Option<usize> {
        self.children_with(noun, &["nmod:poss"]).next()
    }

    /// True when an "unless"/"if" clause hangs from `verb` ("will withdraw
    /// unless ...").
    pub fn has_condition(&self, verb: usize) -> bool {
        self.children_with(verb, &["advcl"]).any(|c| {
            self.children_with(c, &["mark"])
                .any(|m| matches!(self.nodes[m].form.to_lowercase().as_str(), "unless" | "if"))
        })
    }

    /// True for a verb or adjective whose open complement is what its subject
    /// intends ("vowed to fight", "ready to mediate").
    pub fn is_intent_governor(&self, i: usize) -> bool {
        INTENT_GOVERNORS.contains(&self.nodes[i].lemma.to_lowercase().as_str())
    }

    /// True when the verb is done "in protest" ("resigned in protest",
    /// "went on hunger strike in protest against the arrests").
    pub fn in_protest(&self, verb: usize) -> bool {
        self.prep_objects(verb).iter().any(|(p, o)| {
            p == "in" && matches!(self.nodes[*o].lemma.to_lowercase().as_str(), "protest")
        })
    }

    /// True for a nominal predicate ("X is the supplier"): it has a copula.
    pub fn is_copular(&self, i: usize) -> bool {
        self.children_with(i, &["cop"]).next().is_some()
    }

    pub fn is_verbal(&self, i: usize) -> bool {
        self.nodes[i].is_verbal()
    }

    /// True when the verb is negated ("did not attack", "never met").
    pub fn is_negated(&self, verb: usize) -> bool {
        self.children[verb].iter().any(|&c| {
            let n = &self.nodes[c];
            let lemma = n.lemma.to_lowercase();
            let form = n.form.to_lowercase();
            (matches!(n.deprel.as_str(), "advmod" | "neg") || n.upos == "PART")
                && matches!(
                    form.as_str(),
                    "not" | "n't" | "never" | "no" | "nt" | "nor" | "neither"
                )
                || (n.deprel == "advmod" && lemma == "never")
        })
    }

    /// The speaker of reported speech containing `verb`: the speech verb whose
    /// clausal complement holds `verb` ("Britain said Libya must ...").
    pub fn speech_verb_of(&self, verb: usize) -> Option<usize> {
        let mut cur = verb;
        for _ in 0..4 {
            // "Portugal will support Turkey, its president said": the reporting
            // clause hangs from the reported one.
            if let Some(r) = self.reporting_clause(cur) {
                return Some(r);
            }
            let head = self.nodes[cur].head?;
            match self.rel(cur) {
                "ccomp" | "parataxis" => {
                    let lemma = self.nodes[head].lemma.to_lowercase();
                    return SPEECH_VERBS.contains(&lemma.as_str()).then_some(head);
                }
                // "declared that China must drop barriers" parsed as an
                // adverbial clause: a "that" clause of a speech verb is what
                // was said.
                "advcl"
                    if self
                        .children_with(cur, &["mark"])
                        .any(|m| self.nodes[m].form.eq_ignore_ascii_case("that")) =>
                {
                    let lemma = self.nodes[head].lemma.to_lowercase();
                    return SPEECH_VERBS.contains(&lemma.as_str()).then_some(head);
                }
                "conj" | "xcomp" => cur = head,
                _ => return None,
            }
        }
        None
    }

    /// For a speech verb ("said they will release the hostages"), how its
    /// clausal complement is asserted, looking through governors of intent
    /// ("says it is willing to withdraw"); `None` for other verbs or when
    /// there is no complement.
    pub fn reported_modality(&self, verb: usize) -> Option<Modality> {
        let lemma = self.nodes[verb].lemma.to_lowercase();
        // "demanded that Hamas renounce its armed struggle": what a demand
        // names is demanded, whatever its own mood.
        if DEMAND_GOVERNORS.contains(&lemma.as_str()) && self.is_verbal(verb) {
            return Some(Modality::Obligation);
        }
        if !SPEECH_VERBS.contains(&lemma.as_str()) {
            return None;
        }
        let mut cur = self.children_with(verb, &["ccomp"]).next()?;
        for _ in 0..3 {
            let l = self.nodes[cur].lemma.to_lowercase();
            if !INTENT_GOVERNORS.contains(&l.as_str()) {
                break;
            }
            match self.children_with(cur, &["xcomp"]).next() {
                Some(x) => cur = x,
                None => break,
            }
        }
        Some(self.modality(cur))
    }

    /// "called the attack a terrorist act", "branded Iran a threat": a verb of
    /// naming with an object and a nominal predicate for it. Returns the
    /// predicate's head. The parser may attach the predicate as an open
    /// complement, a second object, or a bare noun under the object.
    pub fn naming_predicate(&self, verb: usize) -> Option<usize> {
        let lemma = self.nodes[verb].lemma.to_lowercase();
        // "called off a strike", "called up reservists" are other verbs.
        if !NAMING_VERBS.contains(&lemma.as_str())
            || self.children_with(verb, &["compound:prt"]).next().is_some()
        {
            return None;
        }
        let nominal = |i: usize| matches!(self.nodes[i].upos.as_str(), "NOUN" | "PROPN" | "ADJ");
        if let Some(x) = self.children_with(verb, &["xcomp"]).find(|&x| nominal(x)) {
            return Some(x);
        }
        let objects: Vec<usize> = self.children_with(verb, &["obj"]).collect();
        if objects.len() >= 2 {
            return objects.last().copied();
        }
        let obj = *objects.first()?;
        self.children_with(obj, &["nmod", "appos"]).find(|&n| {
            n > obj
                && nominal(n)
                && self.preposition(n).is_none()
                && self
                    .children_with(n, &["det"])
                    .any(|d| matches!(self.nodes[d].form.to_lowercase().as_str(), "a" | "an"))
        })
    }

    /// True when word `w` sits in a parenthetical or reporting clause
    /// (`parataxis`) on its way up to `verb`.
    pub fn in_parenthetical(&self, w: usize, verb: usize) -> bool {
        std::iter::once(w)
            .chain(self.ancestors(w))
            .take_while(|&x| x != verb)
            .any(|x| self.rel(x) == "parataxis")
    }

    /// A speech verb attached to `verb` as a parenthetical or trailing
    /// reporting clause ("..., officials said"), not as its complement.
    pub(crate) fn reporting_clause(&self, verb: usize) -> Option<usize> {
        let speech = |c: usize| {
            self.is_verbal(c) && SPEECH_VERBS.contains(&self.nodes[c].lemma.to_lowercase().as_str())
        };
        self.children_with(verb, &["parataxis"])
            .find(|&c| c > verb && speech(c))
            .or_else(|| self.trailing_report(verb).filter(|&c| speech(c)))
    }

    /// The verb of a sentence-final ", officials said (on Monday)." when the
    /// parser hung it elsewhere: for the main clause's verb only, the last
    /// verb of the sentence, after a comma, with its subject right after it
    /// and nothing but its own words to the end.
    fn trailing_report(&self, verb: usize) -> Option<usize> {
        if self.nodes[verb].head.is_some() {
            return None;
        }
        let n = self.nodes.len();
        let c = (verb + 1..n)
            .rev()
            .find(|&i| self.is_verbal(i) && self.rel(i) != "aux")?;
        let subject = self.children_with(c, &["nsubj"]).next()?;
        // The parser may hang the comma itself on the subject.
        let first = self
            .phrase_words(subject)
            .into_iter()
            .find(|&i| self.nodes[i].upos != "PUNCT")?;
        let comma = first.checked_sub(1)?;
        if self.nodes[comma].form != "," || comma <= verb {
            return None;
        }
        let own = |i: usize| i == c || self.ancestors(i).any(|a| a == c);
        ((first..n).all(|i| own(i) || self.nodes[i].upos == "PUNCT")).then_some(c)
    }

    /// How the action of `verb` is asserted, taking reported speech into
    /// account: an obligation or intent only counts when an actor voices it.
    pub fn modality(&self, verb: usize) -> Modality {
        let aux: Vec<String> = self
            .children_with(verb, &["aux"])
            .map(|c| self.nodes[c].form.to_lowercase())
            .collect();
        let reported = self.speech_verb_of(verb).is_some();
        let conditional = self.children_with(verb, &["mark"]).any(|c| {
            matches!(
                self.nodes[c].form.to_lowercase().as_str(),
                "if" | "unless" | "whether" | "lest"
            )
        });
        if conditional {
            return Modality::None;
        }
        // "demanded that control be taken away", "its demand that Israel ease
        // restrictions": the demanded act has not happened.
        if let (Some(h), "ccomp" | "acl" | "advcl") = (self.nodes[verb].head, self.rel(verb)) {
            let l = self.nodes[h].lemma.to_lowercase();
            let that = self
                .children_with(verb, &["mark"])
                .any(|c| matches!(self.nodes[c].form.to_lowercase().as_str(), "that" | "to"));
            if DEMAND_GOVERNORS.contains(&l.as_str()) && (that || self.rel(verb) == "ccomp") {
                return Modality::None;
            }
        }
        // "reiterated its demand today that Israel ease restrictions", with the
        // clause hung from the verb: it still says what is demanded.
        if let (Some(h), "ccomp") = (self.nodes[verb].head, self.rel(verb)) {
            let demand_object = self.children_with(h, &["obj"]).any(|o| {
                o < verb
                    && self.nodes[o].upos == "NOUN"
                    && DEMAND_GOVERNORS.contains(&self.nodes[o].lemma.to_lowercase().as_str())
            });
            if demand_object {
                return Modality::None;
            }
        }
        // "arrested 19 citizens it accused of spying": the accusation is the
        // event; the act it alleges is not asserted.
        if let Some(h) = self.nodes[verb].head {
            let alleged = self
                .children_with(verb, &["mark"])
                .any(|c| matches!(self.nodes[c].form.to_lowercase().as_str(), "of" | "that"));
            if alleged
                && ALLEGATION_GOVERNORS.contains(&self.nodes[h].lemma.to_lowercase().as_str())
            {
                return Modality::None;
            }
        }
        if self.is_negated(verb) {
            // "Israel said it will not lift the embargo", "the government will
            // not lift the ban": a refusal; a negated fact is nothing.
            let future = aux.iter().any(|a| FUTURE_AUX.contains(&a.as_str()));
            return if future {
                Modality::Refusal
            } else {
                Modality::None
            };
        }
        if aux.iter().any(|a| OBLIGATION_AUX.contains(&a.as_str())) {
            return if reported {
                Modality::Obligation
            } else {
                Modality::None
            };
        }
        // "Israel will evacuate the settlements", "Fischer will visit Albania":
        // news reports an actor's announced plan; it is an intent (or a
        // threat), as the CAMEO manual codes it, whether or not a reporting
        // clause names the source.
        if aux.iter().any(|a| FUTURE_AUX.contains(&a.as_str())) {
            return Modality::Intent;
        }
        if aux
            .iter()
            .any(|a| matches!(a.as_str(), "could" | "might" | "may" | "can"))
        {
            return Modality::None;
        }
        match (self.rel(verb), self.nodes[verb].head) {
            // "urged him to send troops": a "to" clause is governed like an
            // open complement.
            (_, Some(h)) if rel_is_xcomp_or_to(self, verb) => {
                let l = self.nodes[h].lemma.to_lowercase();
                if INTENT_GOVERNORS.contains(&l.as_str()) {
                    match self.modality(h) {
                        Modality::None => Modality::None,
                        Modality::Refusal => Modality::Refusal,
                        // "said the US must be ready to mediate": a demand.
                        Modality::Obligation => Modality::Obligation,
                        _ => Modality::Intent,
                    }
                } else if IRREALIS_GOVERNORS.contains(&l.as_str()) {
                    Modality::None
                } else {
                    self.modality(h)
                }
            }
            ("conj", Some(h)) if self.is_verbal(h) => self.modality(h),
            _ => Modality::Factual,
        }
    }

    /// Word range `[start, end)` covered by the subtree of `i`, leaving out the
    /// clausal dependents (so "agents planning attacks against Israel" gives
    /// "agents" when asked for the noun phrase of "agents").
    pub fn phrase_words(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            out.push(x);
            for &c in &self.children[x] {
                if !CLAUSAL.contains(&self.rel(c)) {
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Walks the head chain of `i` (excluding `i`).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.nodes[i].head;
        let mut steps = 0;
        std::iter::from_fn(move || {
            let x = cur?;
            steps += 1;
            if steps > self.nodes.len() {
                return None; // a malformed tree with a cycle
            }
            cur = self.nodes[x].head;
            Some(x)
        })
    }

    pub fn deprel(&self, i: usize) -> &str {
        self.rel(i)
    }
}

/// An open complement, or an adverbial clause introduced by "to" ("prompted
/// X to close", "went to Baku to meet").
fn rel_is_xcomp_or_to(t: &Tree, verb: usize) -> bool {
    t.rel(verb) == "xcomp"
        || t.rel(verb) == "advcl"
            && t.children_with(verb, &["mark"])
                .any(|m| t.nodes[m].form.eq_ignore_ascii_case("to"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a tree from `(form, lemma, upos, head 1-based, deprel)` rows.
    pub(crate) fn tree(rows: &[(&str, &str, &str, usize, &str)]) -> Tree {
        Tree::new(
            rows.iter()
                .map(|&(form, lemma, upos, head, rel)| Node {
                    form: form.into(),
                    lemma: lemma.into(),
                    upos: upos.into(),
                    xpos: if upos == "VERB" && form.ends_with("ed") {
                        "VBN".into()
                    } else {
                        String::new()
                    },
                    head: head.checked_sub(1),
                    deprel: rel.into(),
                })
                .collect(),
        )
    }

    #[test]
    fn passive_agent_and_subject() {
        // The embassy was attacked by a gunman .
        let t = tree(&[
            ("The", "the", "DET", 2, "det"),
            ("embassy", "embassy", "NOUN", 4, "nsubj:pass"),
            ("was", "be", "AUX", 4, "aux:pass"),
            ("attacked", "attack", "VERB", 0, "root"),
            ("by", "by", "ADP", 7, "case"),
            ("a", "a", "DET", 7, "det"),
            ("gunman", "gunman", "NOUN", 4, "obl"),
            (".", ".", "PUNCT", 4, "punct"),
        ]);
        assert_eq!(t.passive_subjects(3), vec![1]);
        assert_eq!(t.passive_agent(3), Some(6));
        assert!(t.subjects(3).is_empty());
    }

    #[test]
    fn naming_predicate_and_phrasal_call() {
        // Aliyev called Iran a threat .
        let t = tree(&[
            ("Aliyev", "Aliyev", "PROPN", 2, "nsubj"),
            ("called", "call", "VERB", 0, "root"),
            ("Iran", "Iran", "PROPN", 2, "obj"),
            ("a", "a", "DET", 5, "det"),
            ("threat", "threat", "NOUN", 2, "xcomp"),
            (".", ".", "PUNCT", 2, "punct"),
        ]);
        assert_eq!(t.naming_predicate(1), Some(4));
        // The ministry called the attack a terrorist act (bare noun under the object).
        let t = tree(&[
            ("ministry", "ministry", "NOUN", 2, "nsubj"),
            ("called", "call", "VERB", 0, "root"),
            ("the", "the", "DET", 4, "det"),
            ("attack", "attack", "NOUN", 2, "obj"),
            ("a", "a", "DET", 6, "det"),
            ("act", "act", "NOUN", 4, "nmod"),
        ]);
        assert_eq!(t.naming_predicate(1), Some(5));
        // The union called off a strike: a phrasal verb, no naming.
        let t = tree(&[
            ("union", "union", "NOUN", 2, "nsubj"),
            ("called", "call", "VERB", 0, "root"),
            ("off", "off", "ADP", 2, "compound:prt"),
            ("a", "a", "DET", 5, "det"),
            ("strike", "strike", "NOUN", 2, "xcomp"),
        ]);
        assert_eq!(t.naming_predicate(1), None);
    }

    #[test]
    fn reported_intent_looks_through_readiness() {
        // Syria says it is willing to withdraw .
        let t = tree(&[
            ("Syria", "Syria", "PROPN", 2, "nsubj"),
            ("says", "say", "VERB", 0, "root"),
            ("it", "it", "PRON", 5, "nsubj"),
            ("is", "be", "AUX", 5, "cop"),
            ("willing", "willing", "ADJ", 2, "ccomp"),
            ("to", "to", "PART", 7, "mark"),
            ("withdraw", "withdraw", "VERB", 5, "xcomp"),
        ]);
        assert_eq!(t.reported_modality(1), Some(Modality::Intent));
        assert_eq!(t.reported_modality(6), None);
    }

    #[test]
    fn a_demanded_act_has_not_happened() {
        // They demanded that Hamas renounce violence .
        let t = tree(&[
            ("They", "they", "PRON", 2, "nsubj"),
            ("demanded", "demand", "VERB", 0, "root"),
            ("that", "that", "SCONJ", 5, "mark"),
            ("Hamas", "Hamas", "PROPN", 5, "nsubj"),
            ("renounce", "renounce", "VERB", 2, "ccomp"),
            ("violence", "violence", "NOUN", 5, "obj"),
        ]);
        assert_eq!(t.modality(4), Modality::None);
        assert_eq!(t.reported_modality(1), Some(Modality::Obligation));
    }

    #[test]
    fn a_that_clause_parsed_as_adverbial_is_still_reported() {
        // The administration declared that China must drop barriers .
        let t = tree(&[
            ("administration", "administration", "NOUN", 2, "nsubj"),
            ("declared", "declare", "VERB", 0, "root"),
            ("that", "that", "SCONJ", 6, "mark"),
            ("China", "China", "PROPN", 6, "nsubj"),
            ("must", "must", "AUX", 6, "aux"),
            ("drop", "drop", "VERB", 2, "advcl"),
            ("barriers", "barrier", "NOUN", 6, "obj"),
        ]);
        assert_eq!(t.speech_verb_of(5), Some(1));
        assert_eq!(t.modality(5), Modality::Obligation);
        // Without "that" an adverbial clause is not what was said.
        let t = tree(&[
            ("He", "he", "PRON", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("before", "before", "SCONJ", 5, "mark"),
            ("they", "they", "PRON", 5, "nsubj"),
            ("left", "leave", "VERB", 2, "advcl"),
        ]);
        assert_eq!(t.speech_verb_of(4), None);
    }

    #[test]
    fn a_clause_after_a_demand_object_is_demanded() {
        // ILO reiterated its demand that Israel ease restrictions .
        let t = tree(&[
            ("ILO", "ILO", "PROPN", 2, "nsubj"),
            ("reiterated", "reiterate", "VERB", 0, "root"),
            ("its", "its", "PRON", 4, "nmod:poss"),
            ("demand", "demand", "NOUN", 2, "obj"),
            ("that", "that", "PRON", 7, "obj"),
            ("Israel", "Israel", "PROPN", 7, "nsubj"),
            ("ease", "ease", "VERB", 2, "ccomp"),
            ("restrictions", "restriction", "NOUN", 7, "obj"),
        ]);
        assert_eq!(t.modality(6), Modality::None);
    }

    #[test]
    fn acts_in_protest() {
        // He resigned in protest .
        let t = tree(&[
            ("He", "he", "PRON", 2, "nsubj"),
            ("resigned", "resign", "VERB", 0, "root"),
            ("in", "in", "ADP", 4, "case"),
            ("protest", "protest", "NOUN", 2, "obl"),
        ]);
        assert!(t.in_protest(1));
        // He resigned in May .
        let t = tree(&[
            ("He", "he", "PRON", 2, "nsubj"),
            ("resigned", "resign", "VERB", 0, "root"),
            ("in", "in", "ADP", 4, "case"),
            ("May", "May", "PROPN", 2, "obl"),
        ]);
        assert!(!t.in_protest(1));
    }

    #[test]
    fn modal_and_negation() {
        // The U.S. should not boost cooperation .
        let t = tree(&[
            ("The", "the", "DET", 2, "det"),
            ("U.S.", "U.S.", "PROPN", 5, "nsubj"),
            ("should", "should", "AUX", 5, "aux"),
            ("not", "not", "PART", 5, "advmod"),
            ("boost", "boost", "VERB", 0, "root"),
            ("cooperation", "cooperation", "NOUN", 5, "obj"),
        ]);
        assert_eq!(t.modality(4), Modality::None);
        assert!(t.is_negated(4));
        assert_eq!(t.subjects(4), vec![1]);
        assert_eq!(t.objects(4), vec![5]);
    }

    #[test]
    fn object_control_gives_the_complement_the_object_as_subject() {
        // an attack prompted the ministry to close the embassy
        let t = tree(&[
            ("attack", "attack", "NOUN", 2, "nsubj"),
            ("prompted", "prompt", "VERB", 0, "root"),
            ("ministry", "ministry", "NOUN", 2, "obj"),
            ("to", "to", "PART", 5, "mark"),
            ("close", "close", "VERB", 2, "advcl"),
            ("embassy", "embassy", "NOUN", 5, "obj"),
        ]);
        assert_eq!(t.subjects(4), vec![2]);
        // Iran tried to attack
        let t = tree(&[
            ("Iran", "Iran", "PROPN", 2, "nsubj"),
            ("tried", "try", "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"),
            ("attack", "attack", "VERB", 2, "xcomp"),
        ]);
        assert_eq!(t.subjects(3), vec![0]);
    }

    #[test]
    fn a_purpose_clause_keeps_the_governors_subject() {
        // farmers would blockade Paris to demand an end
        let t = tree(&[
            ("farmers", "farmer", "NOUN", 3, "nsubj"),
            ("would", "would", "AUX", 3, "aux"),
            ("blockade", "blockade", "VERB", 0, "root"),
            ("Paris", "Paris", "PROPN", 3, "obj"),
            ("to", "to", "PART", 6, "mark"),
            ("demand", "demand", "VERB", 3, "advcl"),
            ("end", "end", "NOUN", 6, "obj"),
        ]);
        assert_eq!(t.subjects(5), vec![0]);
    }

    #[test]
    fn participial_modifier_takes_the_noun_as_subject() {
        // agents planning attacks
        let t = tree(&[
            ("agents", "agent", "NOUN", 0, "root"),
            ("planning", "plan", "VERB", 1, "acl"),
            ("attacks", "attack", "NOUN", 2, "obj"),
        ]);
        assert_eq!(t.subjects(1), vec![0]);
        assert_eq!(t.phrase_words(0), vec![0]);
    }
}
