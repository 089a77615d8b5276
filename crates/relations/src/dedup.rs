//! Deduplication: event mentions from different articles that report the same
//! event become one event with GDELT's NumMentions / NumSources / NumArticles,
//! plus the clustering scores used to measure it.
//!
//! Two mentions are the same event when they have the same source and target
//! (at the chosen actor level), the same CAMEO family (root by default) and
//! dates within a window. Clusters grow greedily in date order and a mention
//! joins a cluster only while it is within the window of the cluster's first
//! date, so a daily series of similar events is not chained into one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::record::{ActorRef, EventId, EventRecord};

/// How finely actors must agree for two mentions to be the same event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorLevel {
    /// Country when the actor has one, else its code (`AZEGOV` = `AZEMIL`).
    Country,
    /// The full actor code.
    Code,
}

/// How finely CAMEO codes must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeLevel {
    /// The two-digit root (`173` = `172`).
    Root,
    /// The three-digit base code (`0871` = `087`).
    Base,
    /// The full code.
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DedupOptions {
    /// Mentions up to this many days after a cluster's first date join it.
    pub window_days: i64,
    pub actor_level: ActorLevel,
    pub code_level: CodeLevel,
}

impl Default for DedupOptions {
    fn default() -> Self {
        Self {
            window_days: 3,
            actor_level: ActorLevel::Country,
            code_level: CodeLevel::Root,
        }
    }
}

/// One deduplicated event.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupEvent {
    /// The representative mention: the earliest, lowest id.
    pub id: EventId,
    /// Every mention in the cluster, in (date, id) order.
    pub mention_ids: Vec<EventId>,
    /// The earliest date in the cluster.
    pub date: Option<NaiveDate>,
    pub num_mentions: u32,
    /// Distinct publishers; a mention without a publisher counts its article
    /// as its own source.
    pub num_sources: u32,
    /// Distinct documents.
    pub num_articles: u32,
}

fn actor_part(a: Option<&ActorRef>, level: ActorLevel) -> String {
    match (a, level) {
        (None, _) => String::new(),
        (Some(a), ActorLevel::Country) => a.key().to_owned(),
        (Some(a), ActorLevel::Code) => a.code.clone(),
    }
}

fn code_part(e: &EventRecord, level: CodeLevel) -> &'static str {
    let s = e.code.as_str();
    match level {
        CodeLevel::Root => e.code.root(),
        CodeLevel::Base => &s[..s.len().min(3)],
        CodeLevel::Full => s,
    }
}

/// Groups mentions into events. The output is sorted by representative id and
/// is the same whatever the input order.
pub fn deduplicate(records: &[EventRecord], opts: &DedupOptions) -> Vec<DedupEvent> {
    let mut groups: BTreeMap<(String, String, &'static str), Vec<&EventRecord>> = BTreeMap::new();
    for r in records {
        let key = (
            actor_part(r.source.as_ref(), opts.actor_level),
            actor_part(r.target.as_ref(), opts.actor_level),
            code_part(r, opts.code_level),
        );
        groups.entry(key).or_default().push(r);
    }
    let mut out = Vec::new();
    for (_, mut members) in groups {
        // Undated mentions sort first and each stays alone: nothing says they
        // are the same event as anything else.
        members.sort_by_key(|r| (r.date, r.id));
        let mut current: Vec<&EventRecord> = Vec::new();
        let mut start: Option<NaiveDate> = None;
        for r in members {
            let joins = match (start, r.date) {
                (Some(s), Some(d)) => (d - s).num_days() <= opts.window_days,
                _ => false,
            };
            if !joins && !current.is_empty() {
                out.push(summarise(&current));
                current.clear();
            }
            if current.is_empty() {
                start = r.date;
            }
            current.push(r);
        }
        if !current.is_empty() {
            out.push(summarise(&current));
        }
    }
    out.sort_by_key(|e| e.id);
    out
}

fn summarise(members: &[&EventRecord]) -> DedupEvent {
    let articles: BTreeSet<&str> = members.iter().map(|r| r.doc_id.as_str()).collect();
    let sources: BTreeSet<&str> = members
        .iter()
        .map(|r| r.publisher.as_deref().unwrap_or(r.doc_id.as_str()))
        .collect();
    let rep = members
        .iter()
        .min_by_key(|r| (r.date.is_none(), r.date, r.id))
        .expect("clusters are never empty");
    DedupEvent {
        id: rep.id,
        mention_ids: members.iter().map(|r| r.id).collect(),
        date: rep.date,
        num_mentions: members.len() as u32,
        num_sources: sources.len() as u32,
        num_articles: articles.len() as u32,
    }
}

/// Precision, recall and F1 of a clustering against gold clusters, pairwise
/// and B-cubed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterScores {
    pub pairwise_precision: f64,
    pub pairwise_recall: f64,
    pub pairwise_f1: f64,
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
    pub bcubed_f1: f64,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores predicted cluster labels against gold labels, both indexed by
/// mention. Pairwise precision is 1 when no pair is predicted (and recall 1
/// when no pair is gold), so all-singleton sets score sensibly.
pub fn score_clusters<P: Eq + std::hash::Hash, G: Eq + std::hash::Hash>(
    predicted: &[P],
    gold: &[G],
) -> ClusterScores {
    assert_eq!(predicted.len(), gold.len(), "one label per mention");
    let n = predicted.len();
    let (mut tp, mut pred_pairs, mut gold_pairs) = (0u64, 0u64, 0u64);
    for i in 0..n {
        for j in i + 1..n {
            let p = predicted[i] == predicted[j];
            let g = gold[i] == gold[j];
            tp += u64::from(p && g);
            pred_pairs += u64::from(p);
            gold_pairs += u64::from(g);
        }
    }
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let pp = ratio(tp, pred_pairs);
    let pr = ratio(tp, gold_pairs);

    let mut pred_size: HashMap<&P, f64> = HashMap::new();
    let mut gold_size: HashMap<&G, f64> = HashMap::new();
    let mut both: HashMap<(&P, &G), f64> = HashMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *pred_size.entry(p).or_default() += 1.0;
        *gold_size.entry(g).or_default() += 1.0;
        *both.entry((p, g)).or_default() += 1.0;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for (p, g) in predicted.iter().zip(gold) {
        let c = both[&(p, g)];
        bp += c / pred_size[p];
        br += c / gold_size[g];
    }
    let (bp, br) = if n == 0 {
        (1.0, 1.0)
    } else {
        (bp / n as f64, br / n as f64)
    };
    ClusterScores {
        pairwise_precision: pp,
        pairwise_recall: pr,
        pairwise_f1: f1(pp, pr),
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: f1(bp, br),
    }
}

/// The cluster label (representative id) of each record, in input order.
pub fn cluster_labels(records: &[EventRecord], events: &[DedupEvent]) -> Vec<EventId> {
    let by_mention: HashMap<EventId, EventId> = events
        .iter()
        .flat_map(|e| e.mention_ids.iter().map(move |m| (*m, e.id)))
        .collect();
    records
        .iter()
        .map(|r| by_mention.get(&r.id).copied().unwrap_or(r.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::ev;

    #[test]
    fn same_event_in_three_articles_becomes_one() {
        let mut a = ev(1, "AZE", "IRN", "173", "2023-03-01");
        let mut b = ev(2, "AZE", "IRN", "172", "2023-03-02");
        let mut c = ev(3, "AZE", "IRN", "173", "2023-03-03");
        a.publisher = Some("bbc".into());
        b.publisher = Some("bbc".into());
        c.publisher = Some("afp".into());
        let far = ev(4, "AZE", "IRN", "173", "2023-03-20");
        let other_dyad = ev(5, "IRN", "AZE", "173", "2023-03-01");
        let other_root = ev(6, "AZE", "IRN", "130", "2023-03-01");
        let recs = vec![c, far, a, other_root, b, other_dyad];
        let out = deduplicate(&recs, &DedupOptions::default());
        assert_eq!(out.len(), 4);
        let first = &out[0];
        assert_eq!(first.id, 1);
        assert_eq!(first.mention_ids, vec![1, 2, 3]);
        assert_eq!(
            (first.num_mentions, first.num_sources, first.num_articles),
            (3, 2, 3)
        );
    }

    #[test]
    fn window_does_not_chain() {
        let recs: Vec<_> = (0..6)
            .map(|i| {
                ev(
                    i,
                    "ARM",
                    "AZE",
                    "190",
                    &format!("2023-09-{:02}", 10 + 2 * i),
                )
            })
            .collect();
        let out = deduplicate(&recs, &DedupOptions::default());
        // Days 10,12 | 14,16 | 18,20: each cluster spans at most 3 days.
        assert_eq!(out.len(), 3);
        assert!(out.iter().all(|e| e.num_mentions == 2));
    }

    #[test]
    fn undated_mentions_stay_alone() {
        let mut a = ev(1, "AZE", "IRN", "173", "2023-03-01");
        let mut b = ev(2, "AZE", "IRN", "173", "2023-03-01");
        a.date = None;
        b.date = None;
        assert_eq!(deduplicate(&[a, b], &DedupOptions::default()).len(), 2);
    }

    #[test]
    fn scores_perfect_and_merged() {
        let gold = [1, 1, 2, 3];
        let s = score_clusters(&[10, 10, 20, 30], &gold);
        assert_eq!(s.pairwise_f1, 1.0);
        assert_eq!(s.bcubed_f1, 1.0);
        let s = score_clusters(&[1, 1, 1, 1], &gold);
        assert!((s.pairwise_precision - 1.0 / 6.0).abs() < 1e-9);
        assert_eq!(s.pairwise_recall, 1.0);
        assert!(s.bcubed_precision < 0.5 && s.bcubed_recall == 1.0);
    }
}
