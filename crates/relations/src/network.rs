//! The signed relation network: an undirected graph of actors whose edge
//! weight is the net cooperation between them.

use std::collections::{BTreeMap, BTreeSet};

use crate::record::{undirected, EventId, EventRecord, Tally};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NetworkOptions {
    /// Dyads with fewer stance-bearing (cooperative or conflictual) events
    /// than this make no edge: one stray coding error should not tie two
    /// actors together.
    pub min_events: u64,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        Self { min_events: 1 }
    }
}

/// One undirected edge.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedEdge {
    /// Indexes into [`SignedNetwork::actors`], `a < b`.
    pub a: usize,
    pub b: usize,
    pub tally: Tally,
    /// Net cooperation: cooperative minus conflictual events (both
    /// directions). Positive = friends, negative = adversaries.
    pub weight: f64,
    pub cooperation_ids: Vec<EventId>,
    pub conflict_ids: Vec<EventId>,
}

/// Actors (sorted) and edges (sorted by endpoints).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignedNetwork {
    pub actors: Vec<String>,
    pub edges: Vec<SignedEdge>,
}

impl SignedNetwork {
    pub fn index_of(&self, actor: &str) -> Option<usize> {
        self.actors.binary_search_by(|a| a.as_str().cmp(actor)).ok()
    }
}

/// Builds the network. Events with a missing source or target and events of
/// an actor with itself make no edge; actors appear only through edges.
pub fn signed_network(records: &[EventRecord], opts: &NetworkOptions) -> SignedNetwork {
    struct Acc {
        tally: Tally,
        coop: Vec<EventId>,
        conflict: Vec<EventId>,
    }
    let mut dyads: BTreeMap<(String, String), Acc> = BTreeMap::new();
    for r in records {
        let (Some(s), Some(t)) = (r.source_key(), r.target_key()) else {
            continue;
        };
        if s == t {
            continue;
        }
        let acc = dyads.entry(undirected(s, t)).or_insert_with(|| Acc {
            tally: Tally::default(),
            coop: Vec::new(),
            conflict: Vec::new(),
        });
        acc.tally.add(r);
        match r.stance() {
            1 => acc.coop.push(r.id),
            -1 => acc.conflict.push(r.id),
            _ => {}
        }
    }
    dyads.retain(|_, acc| {
        let n = acc.tally.cooperation + acc.tally.conflict;
        n > 0 && n >= opts.min_events
    });
    let actors: Vec<String> = dyads
        .keys()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let idx = |k: &str| {
        actors
            .binary_search_by(|a| a.as_str().cmp(k))
            .expect("every endpoint is an actor")
    };
    let mut edges: Vec<SignedEdge> = dyads
        .into_iter()
        .map(|((a, b), mut acc)| {
            acc.coop.sort_unstable();
            acc.conflict.sort_unstable();
            SignedEdge {
                a: idx(&a),
                b: idx(&b),
                weight: acc.tally.net() as f64,
                tally: acc.tally,
                cooperation_ids: acc.coop,
                conflict_ids: acc.conflict,
            }
        })
        .collect();
    edges.sort_by_key(|e| (e.a, e.b));
    SignedNetwork { actors, edges }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::ev;

    #[test]
    fn edges_are_undirected_net_cooperation() {
        let mut missing = ev(9, "AZE", "IRN", "173", "2023-01-01");
        missing.target = None;
        let recs = vec![
            ev(1, "AZE", "IRN", "173", "2023-01-01"),
            ev(2, "IRN", "AZE", "138", "2023-01-02"),
            ev(3, "IRN", "AZE", "036", "2023-01-03"),
            ev(4, "ISR", "AZE", "061", "2023-01-03"),
            ev(5, "AZE", "AZE", "061", "2023-01-03"),
            ev(6, "USA", "AZE", "010", "2023-01-03"),
            missing,
        ];
        let net = signed_network(&recs, &NetworkOptions::default());
        assert_eq!(net.actors, vec!["AZE", "IRN", "ISR"]);
        assert_eq!(net.edges.len(), 2);
        let e = &net.edges[0];
        assert_eq!((e.a, e.b, e.weight), (0, 1, -1.0));
        assert_eq!(e.conflict_ids, vec![1, 2]);
        assert_eq!(e.cooperation_ids, vec![3]);
        assert_eq!(net.edges[1].weight, 1.0);
    }
}
