//! Blocs: a partition of the signed network that maximises structural balance
//! (friends inside a bloc, adversaries across blocs).
//!
//! The objective is the frustration of the partition, the summed weight of
//! negative edges inside blocs and positive edges across blocs, plus a
//! penalty for every bloc beyond the first. The penalty is `bloc_penalty`
//! times the median absolute edge weight, so a new bloc (a singleton in
//! particular) is only opened when it removes more frustration than a typical
//! edge carries: a weakly connected third party joins the side it is least at
//! odds with instead of standing alone.
//!
//! The search is deterministic: three starting partitions (a signed spectral
//! split, greedy agglomeration and a single bloc) are each improved by local
//! search (move one actor to another or a new bloc, merge two blocs) until no
//! step lowers the objective, and the best result wins.

use std::collections::BTreeMap;

use crate::network::{signed_network, NetworkOptions, SignedEdge, SignedNetwork};
use crate::record::{EventId, EventRecord};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlocOptions {
    pub network: NetworkOptions,
    /// Cost of each bloc beyond the first, in units of the median absolute
    /// edge weight.
    pub bloc_penalty: f64,
    /// Evidence edges kept per bloc and direction.
    pub max_evidence: usize,
    /// Event ids kept per evidence edge.
    pub max_event_ids: usize,
}

impl Default for BlocOptions {
    fn default() -> Self {
        Self {
            network: NetworkOptions::default(),
            bloc_penalty: 1.0,
            max_evidence: 5,
            max_event_ids: 10,
        }
    }
}

/// An edge cited as evidence, with the events behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeEvidence {
    pub a: String,
    pub b: String,
    pub weight: f64,
    pub cooperation: u64,
    pub conflict: u64,
    /// Cooperative events for a positive edge, conflictual ones for a
    /// negative edge (the first `max_event_ids`).
    pub event_ids: Vec<EventId>,
}

/// One bloc.
#[derive(Debug, Clone, PartialEq)]
pub struct Bloc {
    /// Actor keys, sorted.
    pub members: Vec<String>,
    /// The strongest positive edges inside the bloc.
    pub internal: Vec<EdgeEvidence>,
    /// The strongest negative edges from the bloc to other blocs.
    pub external: Vec<EdgeEvidence>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BlocReport {
    /// Largest first, ties by first member.
    pub blocs: Vec<Bloc>,
    /// Actors whose edges all have zero net weight: nothing places them.
    pub unassigned: Vec<String>,
    /// Summed weight of edges that contradict the partition.
    pub frustration: f64,
    /// Summed absolute weight of all edges.
    pub total_weight: f64,
    /// Those contradicting edges, heaviest first (up to `max_evidence` * 2).
    pub frustrated: Vec<EdgeEvidence>,
}

impl BlocReport {
    /// `1 - frustration / total_weight`: 1 for a perfectly balanced network.
    pub fn balance(&self) -> f64 {
        if self.total_weight == 0.0 {
            1.0
        } else {
            1.0 - self.frustration / self.total_weight
        }
    }

    /// The index of the bloc holding `actor`.
    pub fn bloc_of(&self, actor: &str) -> Option<usize> {
        self.blocs
            .iter()
            .position(|b| b.members.iter().any(|m| m == actor))
    }
}

/// Builds the signed network from `records` and partitions it.
pub fn blocs(records: &[EventRecord], opts: &BlocOptions) -> BlocReport {
    blocs_of_network(&signed_network(records, &opts.network), opts)
}

/// Partitions an already built network.
pub fn blocs_of_network(net: &SignedNetwork, opts: &BlocOptions) -> BlocReport {
    let n = net.actors.len();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for e in &net.edges {
        if e.weight != 0.0 {
            adj[e.a].push((e.b, e.weight));
            adj[e.b].push((e.a, e.weight));
        }
    }
    let placed: Vec<usize> = (0..n).filter(|&i| !adj[i].is_empty()).collect();
    let unassigned: Vec<String> = (0..n)
        .filter(|&i| adj[i].is_empty())
        .map(|i| net.actors[i].clone())
        .collect();

    let mut weights: Vec<f64> = net
        .edges
        .iter()
        .map(|e| e.weight.abs())
        .filter(|w| *w > 0.0)
        .collect();
    weights.sort_by(f64::total_cmp);
    let median = weights.get(weights.len() / 2).copied().unwrap_or(1.0);
    let penalty = opts.bloc_penalty.max(0.0) * median;

    let search = Search { adj: &adj, penalty };
    let starts = [
        search.spectral(&placed),
        search.agglomerate(&placed),
        placed.iter().map(|&i| (i, 0)).collect(),
    ];
    let mut best: Option<(f64, Vec<Option<usize>>)> = None;
    for start in starts {
        let mut label: Vec<Option<usize>> = vec![None; n];
        for (i, b) in start {
            label[i] = Some(b);
        }
        search.improve(&mut label);
        let cost = search.objective(&label);
        if best.as_ref().is_none_or(|(c, _)| cost < *c - 1e-9) {
            best = Some((cost, label));
        }
    }
    let label = best.map(|(_, l)| l).unwrap_or_default();
    report(net, &label, unassigned, opts)
}

struct Search<'a> {
    adj: &'a [Vec<(usize, f64)>],
    penalty: f64,
}

impl Search<'_> {
    fn objective(&self, label: &[Option<usize>]) -> f64 {
        let mut f = 0.0;
        for (i, nbrs) in self.adj.iter().enumerate() {
            for &(j, w) in nbrs {
                if j > i {
                    f += frustration(w, label[i] == label[j]);
                }
            }
        }
        let blocs = label
            .iter()
            .flatten()
            .collect::<std::collections::BTreeSet<_>>();
        f + self.penalty * blocs.len().saturating_sub(1) as f64
    }

    /// Splits by the sign of the leading eigenvector of the signed adjacency
    /// matrix (power iteration on `A + cI`, with `c` bounding the spectrum so
    /// the largest eigenvalue dominates).
    fn spectral(&self, nodes: &[usize]) -> Vec<(usize, usize)> {
        let c: f64 = self
            .adj
            .iter()
            .map(|r| r.iter().map(|(_, w)| w.abs()).sum::<f64>())
            .fold(0.0, f64::max)
            + 1.0;
        // An irregular, fixed start vector: deterministic and not orthogonal to
        // the leading eigenvector in practice.
        let mut x: Vec<f64> = (0..self.adj.len())
            .map(|i| 1.0 + ((i as f64 + 1.0) * 0.618_033_988_75).fract())
            .collect();
        for _ in 0..300 {
            let mut y: Vec<f64> = x.iter().map(|v| c * v).collect();
            for (i, nbrs) in self.adj.iter().enumerate() {
                for &(j, w) in nbrs {
                    y[i] += w * x[j];
                }
            }
            let norm = y.iter().map(|v| v * v).sum::<f64>().sqrt();
            if norm == 0.0 {
                break;
            }
            x = y.into_iter().map(|v| v / norm).collect();
        }
        nodes
            .iter()
            .map(|&i| (i, usize::from(x[i] < 0.0)))
            .collect()
    }

    /// Starts from singletons and repeatedly merges the two blocs whose merge
    /// lowers the objective most.
    fn agglomerate(&self, nodes: &[usize]) -> Vec<(usize, usize)> {
        let mut label: Vec<Option<usize>> = vec![None; self.adj.len()];
        for (k, &i) in nodes.iter().enumerate() {
            label[i] = Some(k);
        }
        while let Some((_, keep, absorbed)) = self.best_merge(&label) {
            relabel(&mut label, absorbed, keep);
        }
        nodes
            .iter()
            .filter_map(|&i| label[i].map(|b| (i, b)))
            .collect()
    }

    /// The merge with the largest positive gain: `(gain, keep, absorbed)`.
    fn best_merge(&self, label: &[Option<usize>]) -> Option<(f64, usize, usize)> {
        let mut between: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for (i, nbrs) in self.adj.iter().enumerate() {
            for &(j, w) in nbrs {
                if let (Some(a), Some(b)) = (label[i], label[j]) {
                    if j > i && a != b {
                        *between.entry((a.min(b), a.max(b))).or_default() += w;
                    }
                }
            }
        }
        // Merging removes the across-edges' frustration (positive weight) and
        // adds the now-internal negatives: the net gain is their sum, plus
        // the bloc penalty saved.
        between
            .into_iter()
            .map(|((a, b), w)| (w + self.penalty, a, b))
            .filter(|(gain, _, _)| *gain > 1e-9)
            .max_by(|x, y| {
                x.0.total_cmp(&y.0)
                    .then_with(|| (y.1, y.2).cmp(&(x.1, x.2)))
            })
    }

    /// Local search: single-actor moves and bloc merges until neither helps.
    fn improve(&self, label: &mut [Option<usize>]) {
        for _ in 0..200 {
            let mut changed = false;
            for v in 0..label.len() {
                let Some(from) = label[v] else { continue };
                let mut to_bloc: BTreeMap<usize, f64> = BTreeMap::new();
                for &(u, w) in &self.adj[v] {
                    if let Some(b) = label[u] {
                        *to_bloc.entry(b).or_default() += w;
                    }
                }
                let size_from = label.iter().filter(|l| **l == Some(from)).count();
                let s_from = to_bloc.get(&from).copied().unwrap_or(0.0);
                let leaving_empties = if size_from == 1 { -self.penalty } else { 0.0 };
                let mut best: Option<(f64, usize)> = None;
                let existing: std::collections::BTreeSet<usize> =
                    label.iter().flatten().copied().collect();
                for &b in &existing {
                    if b == from {
                        continue;
                    }
                    let s_to = to_bloc.get(&b).copied().unwrap_or(0.0);
                    let delta = s_from - s_to + leaving_empties;
                    if best.is_none_or(|(d, _)| delta < d - 1e-12) {
                        best = Some((delta, b));
                    }
                }
                if size_from > 1 {
                    let fresh = existing.iter().max().map_or(0, |m| m + 1);
                    let delta = s_from + self.penalty;
                    if best.is_none_or(|(d, _)| delta < d - 1e-12) {
                        best = Some((delta, fresh));
                    }
                }
                if let Some((delta, b)) = best {
                    if delta < -1e-9 {
                        label[v] = Some(b);
                        changed = true;
                    }
                }
            }
            if let Some((_, x, y)) = self.best_merge(label) {
                relabel(label, y, x);
                changed = true;
            }
            if !changed {
                break;
            }
        }
    }
}

fn frustration(w: f64, same: bool) -> f64 {
    match (same, w < 0.0) {
        (true, true) => -w,
        (false, false) => w,
        _ => 0.0,
    }
}

fn relabel(label: &mut [Option<usize>], from: usize, to: usize) {
    for l in label.iter_mut() {
        if *l == Some(from) {
            *l = Some(to);
        }
    }
}

fn evidence(net: &SignedNetwork, e: &SignedEdge, max_ids: usize) -> EdgeEvidence {
    let ids = if e.weight >= 0.0 {
        &e.cooperation_ids
    } else {
        &e.conflict_ids
    };
    EdgeEvidence {
        a: net.actors[e.a].clone(),
        b: net.actors[e.b].clone(),
        weight: e.weight,
        cooperation: e.tally.cooperation,
        conflict: e.tally.conflict,
        event_ids: ids.iter().take(max_ids).copied().collect(),
    }
}

fn report(
    net: &SignedNetwork,
    label: &[Option<usize>],
    unassigned: Vec<String>,
    opts: &BlocOptions,
) -> BlocReport {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, l) in label.iter().enumerate() {
        if let Some(b) = l {
            groups.entry(*b).or_default().push(i);
        }
    }
    let mut members: Vec<Vec<usize>> = groups.into_values().collect();
    // Actors are sorted, so index order is name order.
    members.sort_by(|x, y| y.len().cmp(&x.len()).then_with(|| x[0].cmp(&y[0])));
    let mut bloc_of = vec![usize::MAX; net.actors.len()];
    for (b, m) in members.iter().enumerate() {
        for &i in m {
            bloc_of[i] = b;
        }
    }
    let mut blocs: Vec<Bloc> = members
        .iter()
        .map(|m| Bloc {
            members: m.iter().map(|&i| net.actors[i].clone()).collect(),
            internal: Vec::new(),
            external: Vec::new(),
        })
        .collect();
    let mut internal: Vec<Vec<&SignedEdge>> = vec![Vec::new(); blocs.len()];
    let mut external: Vec<Vec<&SignedEdge>> = vec![Vec::new(); blocs.len()];
    let mut frustrated: Vec<&SignedEdge> = Vec::new();
    let (mut frustration_sum, mut total) = (0.0, 0.0);
    for e in &net.edges {
        total += e.weight.abs();
        let (ba, bb) = (bloc_of[e.a], bloc_of[e.b]);
        if ba == usize::MAX || bb == usize::MAX || e.weight == 0.0 {
            continue;
        }
        let f = frustration(e.weight, ba == bb);
        if f > 0.0 {
            frustration_sum += f;
            frustrated.push(e);
        }
        if ba == bb && e.weight > 0.0 {
            internal[ba].push(e);
        } else if ba != bb && e.weight < 0.0 {
            external[ba].push(e);
            external[bb].push(e);
        }
    }
    let strongest = |v: &mut Vec<&SignedEdge>| {
        v.sort_by(|x, y| {
            y.weight
                .abs()
                .total_cmp(&x.weight.abs())
                .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
        });
        v.truncate(opts.max_evidence);
    };
    for (b, bloc) in blocs.iter_mut().enumerate() {
        strongest(&mut internal[b]);
        strongest(&mut external[b]);
        bloc.internal = internal[b]
            .iter()
            .map(|e| evidence(net, e, opts.max_event_ids))
            .collect();
        bloc.external = external[b]
            .iter()
            .map(|e| evidence(net, e, opts.max_event_ids))
            .collect();
    }
    strongest(&mut frustrated);
    BlocReport {
        blocs,
        unassigned,
        frustration: frustration_sum,
        total_weight: total,
        frustrated: frustrated
            .iter()
            .map(|e| evidence(net, e, opts.max_event_ids))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::ev;

    /// Adds `n` events of `code` from `a` to `b`, on consecutive days.
    fn add(v: &mut Vec<EventRecord>, a: &str, b: &str, code: &str, n: usize) {
        for k in 0..n {
            let id = v.len() as i64 + 1;
            v.push(ev(id, a, b, code, &format!("2023-05-{:02}", 1 + k % 28)));
        }
    }

    fn members(r: &BlocReport) -> Vec<Vec<&str>> {
        r.blocs
            .iter()
            .map(|b| b.members.iter().map(String::as_str).collect())
            .collect()
    }

    fn caucasus() -> Vec<EventRecord> {
        let mut v = Vec::new();
        add(&mut v, "AZE", "ISR", "057", 4); // sign agreement
        add(&mut v, "ISR", "AZE", "062", 3); // military cooperation
        add(&mut v, "TUR", "AZE", "051", 4); // praise / support
        add(&mut v, "TUR", "ISR", "040", 2); // consult
        add(&mut v, "IRN", "RUS", "057", 3);
        add(&mut v, "RUS", "ARM", "070", 3); // provide aid
        add(&mut v, "IRN", "ARM", "042", 2); // visit
        add(&mut v, "AZE", "IRN", "173", 3); // arrest agents
        add(&mut v, "IRN", "AZE", "138", 3); // threaten
        add(&mut v, "AZE", "ARM", "190", 6); // war
        add(&mut v, "ARM", "AZE", "190", 5);
        add(&mut v, "ISR", "ARM", "111", 1); // criticise
        add(&mut v, "TUR", "ARM", "112", 2); // accuse
        add(&mut v, "RUS", "AZE", "130", 1); // threaten
        v
    }

    #[test]
    fn caucasus_splits_into_two_blocs() {
        let v = caucasus();
        let r = blocs(&v, &BlocOptions::default());
        let m = members(&r);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m.contains(&vec!["AZE", "ISR", "TUR"]), "{m:?}");
        assert!(m.contains(&vec!["ARM", "IRN", "RUS"]), "{m:?}");
        assert_eq!(r.frustration, 0.0);
        assert_eq!(r.balance(), 1.0);
        let aze = &r.blocs[r.bloc_of("AZE").unwrap()];
        assert!(!aze.internal.is_empty() && !aze.external.is_empty());
        assert!(aze
            .external
            .iter()
            .all(|e| e.weight < 0.0 && !e.event_ids.is_empty()));
    }

    #[test]
    fn noise_and_a_weak_third_party_do_not_break_it() {
        let mut v = caucasus();
        add(&mut v, "IRN", "AZE", "042", 1); // a visit despite tensions
        add(&mut v, "AZE", "RUS", "036", 1);
        add(&mut v, "TUR", "IRN", "040", 1);
        add(&mut v, "ISR", "TUR", "111", 1); // spat between friends
        add(&mut v, "USA", "AZE", "040", 1); // weak third party
        add(&mut v, "USA", "IRN", "112", 1);
        add(&mut v, "GEO", "ARM", "036", 1); // tiny actor
        let r = blocs(&v, &BlocOptions::default());
        let m = members(&r);
        assert_eq!(m.len(), 2, "{m:?}");
        let side = |a: &str| r.bloc_of(a).unwrap();
        for a in ["ISR", "TUR", "USA"] {
            assert_eq!(side(a), side("AZE"), "{a}: {m:?}");
        }
        for a in ["RUS", "ARM", "GEO"] {
            assert_eq!(side(a), side("IRN"), "{a}: {m:?}");
        }
        assert_ne!(side("AZE"), side("IRN"));
        assert!(r.frustration > 0.0 && r.balance() > 0.8);
        assert!(!r.frustrated.is_empty());
    }

    #[test]
    fn a_third_camp_at_odds_with_both_gets_its_own_bloc() {
        let mut v = caucasus();
        add(&mut v, "PRK", "CHN", "057", 4);
        add(&mut v, "PRK", "AZE", "190", 6);
        add(&mut v, "PRK", "IRN", "190", 6);
        add(&mut v, "CHN", "ISR", "112", 5);
        add(&mut v, "CHN", "RUS", "112", 5);
        let r = blocs(&v, &BlocOptions::default());
        let m = members(&r);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m.contains(&vec!["CHN", "PRK"]), "{m:?}");
    }

    #[test]
    fn deterministic_and_order_independent() {
        let v = caucasus();
        let mut rev = v.clone();
        rev.reverse();
        let a = blocs(&v, &BlocOptions::default());
        let b = blocs(&rev, &BlocOptions::default());
        assert_eq!(members(&a), members(&b));
    }

    #[test]
    fn empty_and_neutral_inputs() {
        let r = blocs(&[], &BlocOptions::default());
        assert!(r.blocs.is_empty());
        let mut v = Vec::new();
        add(&mut v, "AZE", "IRN", "173", 1);
        add(&mut v, "AZE", "IRN", "057", 1);
        let r = blocs(&v, &BlocOptions::default());
        assert!(r.blocs.is_empty());
        assert_eq!(r.unassigned, vec!["AZE", "IRN"]);
    }
}
