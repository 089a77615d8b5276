//! Parser ensembles by reparsing (Sagae & Lavie 2006): several parsers, some trained on
//! right-to-left (reversed) sentences, vote on arcs; the tree is the maximum spanning tree of the
//! weighted votes (Chu-Liu-Edmonds, one root word), each word's label the weighted vote of the
//! members that chose its head. Used as an accurate, slower analysis mode and as the teacher
//! for tri-training (silver trees on which all members agree, `train-syntax --reparse`).

use crate::conllu::{ConlluSentence, ConlluWord};
use crate::{Analysis, DepRel, Model};

/// One parser of an ensemble.
pub struct Member {
    pub model: Model,
    /// Trained on reversed sentences ([`reverse_sentence`]): parses the reversed word sequence.
    pub reversed: bool,
    /// Weight of its arc and label votes.
    pub weight: f64,
}

/// An ensemble of parsers. The first member also tags and lemmatizes for all of them, so the
/// members differ only in their parsers; its labels fill in arcs that no member chose.
pub struct Ensemble {
    members: Vec<Member>,
}

/// An ensemble's analysis with the members' trees.
#[derive(Debug, Clone, PartialEq)]
pub struct EnsembleAnalysis {
    /// Tags and lemmas of the first member, the ensemble's heads and labels.
    pub analysis: Analysis,
    /// Each member's heads (1-based, 0 = root), in member order.
    pub member_heads: Vec<Vec<usize>>,
    /// Each member's labels, in member order.
    pub member_labels: Vec<Vec<DepRel>>,
}

impl EnsembleAnalysis {
    /// Number of members whose tree has exactly the ensemble's heads (`labelled`: and labels).
    pub fn agreeing(&self, labelled: bool) -> usize {
        self.member_heads
            .iter()
            .zip(&self.member_labels)
            .filter(|(h, l)| {
                self.analysis
                    .words
                    .iter()
                    .enumerate()
                    .all(|(i, w)| w.head == h[i] && (!labelled || w.deprel == l[i]))
            })
            .count()
    }
}

impl Ensemble {
    /// `members` must not be empty; the first is the tagger (see [`Ensemble`]).
    pub fn new(members: Vec<Member>) -> Result<Ensemble, String> {
        if members.is_empty() {
            return Err("an ensemble needs at least one member".to_string());
        }
        if members
            .iter()
            .any(|m| !(m.weight.is_finite() && m.weight > 0.0))
        {
            return Err("member weights must be positive".to_string());
        }
        Ok(Ensemble { members })
    }

    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Per word of `ea` (an analysis by this ensemble), the share of the members' total weight
    /// that voted for the ensemble's head ([`arc_support`]).
    pub fn arc_support(&self, ea: &EnsembleAnalysis) -> Vec<f64> {
        let heads: Vec<usize> = ea.analysis.words.iter().map(|w| w.head).collect();
        let weights: Vec<f64> = self.members.iter().map(|m| m.weight).collect();
        arc_support(&heads, &ea.member_heads, &weights)
    }

    /// Tags with the first member, parses with every member, combines the trees.
    pub fn analyze(&self, words: &[&str]) -> EnsembleAnalysis {
        let n = words.len();
        let first = &self.members[0].model;
        let mut analysis = first.analyze(words);
        let keys: Vec<u64> = analysis
            .words
            .iter()
            .map(|w| {
                let class = first.tagger.class(w.xpos, w.upos).unwrap_or(0);
                first.tagger.key(class)
            })
            .collect();
        let mut member_heads = Vec::with_capacity(self.members.len());
        let mut member_labels = Vec::with_capacity(self.members.len());
        let mut lex = Vec::with_capacity(n);
        for (k, m) in self.members.iter().enumerate() {
            if k == 0 && !m.reversed {
                member_heads.push(analysis.words.iter().map(|w| w.head).collect());
                member_labels.push(analysis.words.iter().map(|w| w.deprel).collect());
                continue;
            }
            if m.reversed {
                let rw: Vec<&str> = words.iter().rev().copied().collect();
                let rk: Vec<u64> = keys.iter().rev().copied().collect();
                m.model.tagger.lexify(&rw, &mut lex);
                let (h, l) = m.model.parser.parse(&lex, &rk);
                let (h, l) = unreverse(&h, &l);
                member_heads.push(h);
                member_labels.push(l);
            } else {
                m.model.tagger.lexify(words, &mut lex);
                let (h, l) = m.model.parser.parse(&lex, &keys);
                member_heads.push(h);
                member_labels.push(l);
            }
        }
        let weights: Vec<f64> = self.members.iter().map(|m| m.weight).collect();
        let (heads, labels) = combine(n, &member_heads, &member_labels, &weights);
        for (w, (h, l)) in analysis.words.iter_mut().zip(heads.into_iter().zip(labels)) {
            w.head = h;
            w.deprel = l;
        }
        EnsembleAnalysis {
            analysis,
            member_heads,
            member_labels,
        }
    }
}

/// Maps a tree of the reversed sentence back to the original word order.
fn unreverse(heads: &[usize], labels: &[DepRel]) -> (Vec<usize>, Vec<DepRel>) {
    let n = heads.len();
    let h = (0..n)
        .map(|i| match heads[n - 1 - i] {
            0 => 0,
            x => n + 1 - x,
        })
        .collect();
    let l = (0..n).map(|i| labels[n - 1 - i]).collect();
    (h, l)
}

/// Combines member trees of an `n`-word sentence: the maximum spanning tree over weighted arc
/// votes with exactly one word attached to the root, then labels by weighted vote among the
/// members that chose the same head (the first member's label when none did). Ties go to the
/// earlier member / the lower head index.
pub fn combine(
    n: usize,
    heads: &[Vec<usize>],
    labels: &[Vec<DepRel>],
    weights: &[f64],
) -> (Vec<usize>, Vec<DepRel>) {
    let total: f64 = weights.iter().sum::<f64>() + 1.0;
    let mut score = vec![vec![0.0f64; n + 1]; n + 1];
    let k = heads.len();
    for (m, (hs, &w)) in heads.iter().zip(weights).enumerate() {
        // A tiny bonus per member, larger for earlier ones, breaks ties between equal votes.
        let w = w + 1e-6 * (k - m) as f64;
        for (d, &h) in hs.iter().enumerate() {
            score[h][d + 1] += w;
        }
    }
    // More than all votes together: every tree with one root arc beats every tree with two.
    let root_penalty = total * (n as f64 + 1.0) + 1.0;
    for s in score[0].iter_mut().skip(1) {
        *s -= root_penalty;
    }
    let tree = max_spanning_tree(&score);
    let mut out_labels = Vec::with_capacity(n);
    let mut votes: Vec<(DepRel, f64)> = Vec::new();
    for d in 0..n {
        votes.clear();
        for ((hs, ls), &w) in heads.iter().zip(labels).zip(weights) {
            if hs[d] == tree[d + 1] {
                match votes.iter_mut().find(|(l, _)| *l == ls[d]) {
                    Some(v) => v.1 += w,
                    None => votes.push((ls[d], w)),
                }
            }
        }
        let mut best: Option<(DepRel, f64)> = None;
        for &(l, w) in &votes {
            if best.is_none_or(|(_, bw)| w > bw) {
                best = Some((l, w));
            }
        }
        out_labels.push(best.map_or(labels[0][d], |(l, _)| l));
    }
    (tree[1..].to_vec(), out_labels)
}

/// For each word, the summed weight of the members whose head is `heads`' (the ensemble's),
/// as a share of all members' weight (1.0 = unanimous): the confidence with which partial
/// silver trees keep an arc (`train-syntax --reparse --arc-min`).
pub fn arc_support(heads: &[usize], member_heads: &[Vec<usize>], weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    heads
        .iter()
        .enumerate()
        .map(|(d, &h)| {
            let agree: f64 = member_heads
                .iter()
                .zip(weights)
                .filter(|(mh, _)| mh[d] == h)
                .map(|(_, &w)| w)
                .sum();
            agree / total
        })
        .collect()
}

/// Chu-Liu-Edmonds maximum spanning arborescence rooted at node 0 of a dense graph:
/// `score[h][d]` is the score of the arc h -> d. Returns the head of every node (entry 0 is 0).
pub fn max_spanning_tree(score: &[Vec<f64>]) -> Vec<usize> {
    let n = score.len();
    let mut head = vec![0usize; n];
    for (d, hd) in head.iter_mut().enumerate().skip(1) {
        let mut best = f64::NEG_INFINITY;
        for (h, row) in score.iter().enumerate() {
            if h != d && row[d] > best {
                best = row[d];
                *hd = h;
            }
        }
    }
    let Some(cycle) = find_cycle(&head) else {
        return head;
    };
    let mut in_cycle = vec![false; n];
    for &v in &cycle {
        in_cycle[v] = true;
    }
    // Contract the cycle into one node `c`.
    let mut id = vec![0usize; n];
    let mut orig = Vec::with_capacity(n);
    for v in 0..n {
        if !in_cycle[v] {
            id[v] = orig.len();
            orig.push(v);
        }
    }
    let c = orig.len();
    for &v in &cycle {
        id[v] = c;
    }
    let m = c + 1;
    let cycle_score: f64 = cycle.iter().map(|&v| score[head[v]][v]).sum();
    let mut s2 = vec![vec![f64::NEG_INFINITY; m]; m];
    let mut enter = vec![usize::MAX; m];
    let mut leave = vec![usize::MAX; m];
    for (u, row) in score.iter().enumerate() {
        for v in 1..n {
            let (iu, iv) = (id[u], id[v]);
            if u == v || iu == iv {
                continue;
            }
            if in_cycle[v] {
                let val = row[v] - score[head[v]][v] + cycle_score;
                if val > s2[iu][c] {
                    s2[iu][c] = val;
                    enter[iu] = v;
                }
            } else if in_cycle[u] {
                if row[v] > s2[c][iv] {
                    s2[c][iv] = row[v];
                    leave[iv] = u;
                }
            } else {
                s2[iu][iv] = row[v];
            }
        }
    }
    let h2 = max_spanning_tree(&s2);
    let mut res = head;
    for v2 in 1..m {
        let u2 = h2[v2];
        if v2 == c {
            res[enter[u2]] = orig[u2];
        } else if u2 == c {
            res[orig[v2]] = leave[v2];
        } else {
            res[orig[v2]] = orig[u2];
        }
    }
    res
}

/// A cycle of the head graph (node 0 is the root and has no head), if any.
fn find_cycle(head: &[usize]) -> Option<Vec<usize>> {
    let n = head.len();
    // 0 = unvisited, 1 = on the current walk, 2 = done.
    let mut state = vec![0u8; n];
    state[0] = 2;
    for start in 1..n {
        let mut walk = Vec::new();
        let mut v = start;
        while state[v] == 0 {
            state[v] = 1;
            walk.push(v);
            v = head[v];
        }
        if state[v] == 1 {
            let pos = walk.iter().position(|&x| x == v).unwrap_or(0);
            return Some(walk[pos..].to_vec());
        }
        for w in walk {
            state[w] = 2;
        }
    }
    None
}

/// The sentence with its words in reverse order, ids and heads renumbered (training data for a
/// right-to-left parser). Enhanced dependencies are dropped (`_`).
pub fn reverse_sentence(s: &ConlluSentence) -> ConlluSentence {
    let n = s.words.len();
    let words = s
        .words
        .iter()
        .rev()
        .map(|w| ConlluWord {
            head: w.head.map(|h| if h == 0 { 0 } else { n + 1 - h }),
            deps: "_".to_string(),
            ..w.clone()
        })
        .collect();
    ConlluSentence {
        comments: s.comments.clone(),
        words,
        line: s.line,
    }
}

/// Writes a sentence read by [`crate::conllu::read`] back as CoNLL-U (comments, word lines,
/// blank line).
pub fn write_sentence(s: &ConlluSentence) -> String {
    let mut out = String::new();
    for c in &s.comments {
        out.push_str("# ");
        out.push_str(c);
        out.push('\n');
    }
    for (i, w) in s.words.iter().enumerate() {
        let head = w.head.map_or("_".to_string(), |h| h.to_string());
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            i + 1,
            w.form,
            w.lemma,
            w.upos,
            w.xpos,
            w.feats,
            head,
            w.deprel,
            w.deps,
            w.misc
        ));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_force(score: &[Vec<f64>]) -> f64 {
        // Every head assignment that forms a tree rooted at 0.
        let n = score.len();
        let mut best = f64::NEG_INFINITY;
        let mut head = vec![0usize; n];
        fn rec(i: usize, head: &mut Vec<usize>, score: &[Vec<f64>], best: &mut f64) {
            let n = head.len();
            if i == n {
                if find_cycle(head).is_none() {
                    let s: f64 = (1..n).map(|d| score[head[d]][d]).sum();
                    *best = best.max(s);
                }
                return;
            }
            for h in 0..n {
                if h != i {
                    head[i] = h;
                    rec(i + 1, head, score, best);
                }
            }
        }
        rec(1, &mut head, score, &mut best);
        best
    }

    #[test]
    fn spanning_tree_is_optimal_on_random_graphs() {
        let mut x: u64 = 12345;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 1000) as f64 / 100.0
        };
        for n in 2..=6 {
            for _ in 0..40 {
                let score: Vec<Vec<f64>> =
                    (0..n).map(|_| (0..n).map(|_| next()).collect()).collect();
                let tree = max_spanning_tree(&score);
                assert!(find_cycle(&tree).is_none(), "{tree:?}");
                let s: f64 = (1..n).map(|d| score[tree[d]][d]).sum();
                assert!(
                    (s - brute_force(&score)).abs() < 1e-9,
                    "n {n}: {s} vs optimum"
                );
            }
        }
    }

    #[test]
    fn votes_pick_the_majority_tree_with_one_root() {
        let l = |s: &str| DepRel::parse(s);
        // Three members over "a b c": two say b is the root, one says a and c are roots.
        let heads = vec![vec![2, 0, 2], vec![2, 0, 2], vec![0, 1, 0]];
        let labels = vec![
            vec![l("nsubj"), l("root"), l("obj")],
            vec![l("nsubj"), l("root"), l("iobj")],
            vec![l("root"), l("dep"), l("root")],
        ];
        let (h, lab) = combine(3, &heads, &labels, &[1.0, 1.0, 1.0]);
        assert_eq!(h, vec![2, 0, 2]);
        // Label tie between obj and iobj goes to the earlier member.
        assert_eq!(lab, vec![l("nsubj"), l("root"), l("obj")]);
        // Even when every member has two roots, the result has one.
        let heads = vec![vec![0, 1, 0]; 2];
        let labels = vec![vec![l("root"), l("dep"), l("root")]; 2];
        let (h, _) = combine(3, &heads, &labels, &[1.0, 1.0]);
        assert_eq!(h.iter().filter(|&&x| x == 0).count(), 1);
        assert!(find_cycle(&[0].into_iter().chain(h).collect::<Vec<_>>()).is_none());
    }

    #[test]
    fn arc_support_is_the_weight_share_of_members_with_the_head() {
        let heads = vec![2, 0, 2];
        let member_heads = vec![vec![2, 0, 2], vec![2, 0, 1], vec![3, 0, 1]];
        let s = arc_support(&heads, &member_heads, &[1.0, 1.0, 0.5]);
        let want = [0.8, 1.0, 0.4];
        for (got, want) in s.iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{s:?}");
        }
    }

    #[test]
    fn reversing_twice_is_identity() {
        let text = "# sent_id = x\n1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\trained\train\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let s = crate::conllu::read(text).unwrap().remove(0);
        let r = reverse_sentence(&s);
        assert_eq!(r.forms(), vec![".", "rained", "It"]);
        assert_eq!(r.words[0].head, Some(2));
        assert_eq!(r.words[1].head, Some(0));
        assert_eq!(r.words[2].head, Some(2));
        assert_eq!(reverse_sentence(&r), s);
        assert_eq!(write_sentence(&s), text);
        let (h, _) = unreverse(&[2, 0, 2], &[DepRel::parse("punct"); 3]);
        assert_eq!(h, vec![2, 0, 2]);
        let (h, _) = unreverse(&[0, 1, 1], &[DepRel::parse("dep"); 3]);
        assert_eq!(h, vec![3, 3, 0]);
    }
}
