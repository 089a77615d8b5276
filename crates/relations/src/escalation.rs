//! Escalation: dyads whose relation shifts significantly between consecutive
//! intervals.
//!
//! Two tests per pair of consecutive intervals of an undirected dyad:
//! - the conflict share `conflict / (coop + conflict)` compared with a
//!   two-proportion z-test (pooled variance), when both intervals have at
//!   least `min_events` stance-bearing events;
//! - the conflict count compared as two Poisson rates over equal-length
//!   intervals: conditional on the total `k1 + k2`, `k2` is
//!   Binomial(k1 + k2, 1/2) under equal rates, tested with the normal
//!   approximation `z = (k2 - k1) / sqrt(k1 + k2)` when `k1 + k2 >=
//!   min_events`. This catches a surge out of a quiet interval, where the
//!   share is undefined. Months differ in length by at most 10%, which the
//!   test ignores.
//!
//! A pair is flagged when either |z| reaches `z_critical`; the direction is
//! the sign of the change in conflict (escalation = more conflict).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::record::{undirected, EventRecord, Tally};
use crate::series::{fill_gaps, Interval};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EscalationOptions {
    pub interval: Interval,
    /// 1.96 for a two-sided 5% level per test; no correction for the number
    /// of dyads tested, so treat flags as leads, not findings.
    pub z_critical: f64,
    pub min_events: u64,
}

impl Default for EscalationOptions {
    fn default() -> Self {
        Self {
            interval: Interval::Month,
            z_critical: 1.96,
            min_events: 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Escalation,
    Deescalation,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Escalation => "escalation",
            Direction::Deescalation => "de-escalation",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EscalationFlag {
    pub a: String,
    pub b: String,
    /// Start of the earlier interval.
    pub from: NaiveDate,
    /// Start of the later interval.
    pub to: NaiveDate,
    pub before: Tally,
    pub after: Tally,
    /// z of the conflict-share test, when both intervals had enough events.
    pub z_share: Option<f64>,
    /// z of the conflict-rate test, when the two intervals had enough
    /// conflict events between them.
    pub z_rate: Option<f64>,
    pub direction: Direction,
}

/// Flags, ordered by dyad then date.
pub fn escalations(records: &[EventRecord], opts: &EscalationOptions) -> Vec<EscalationFlag> {
    let mut dyads: BTreeMap<(String, String), BTreeMap<NaiveDate, Tally>> = BTreeMap::new();
    for r in records {
        let (Some(s), Some(t), Some(d)) = (r.source_key(), r.target_key(), r.date) else {
            continue;
        };
        if s == t {
            continue;
        }
        dyads
            .entry(undirected(s, t))
            .or_default()
            .entry(opts.interval.start_of(d))
            .or_default()
            .add(r);
    }
    let mut out = Vec::new();
    for ((a, b), by_start) in dyads {
        let series = fill_gaps(by_start, opts.interval);
        for w in series.windows(2) {
            let (p, q) = (&w[0].tally, &w[1].tally);
            let z_share = share_z(p, q, opts.min_events);
            let z_rate = rate_z(p.conflict, q.conflict, opts.min_events);
            let significant = |z: Option<f64>| z.is_some_and(|z| z.abs() >= opts.z_critical);
            if !(significant(z_share) || significant(z_rate)) {
                continue;
            }
            // The significant statistic decides the direction; the share test
            // first, because it speaks about the mix rather than volume.
            let z = if significant(z_share) {
                z_share
            } else {
                z_rate
            };
            let direction = if z.unwrap_or(0.0) > 0.0 {
                Direction::Escalation
            } else {
                Direction::Deescalation
            };
            out.push(EscalationFlag {
                a: a.clone(),
                b: b.clone(),
                from: w[0].start,
                to: w[1].start,
                before: *p,
                after: *q,
                z_share,
                z_rate,
                direction,
            });
        }
    }
    out
}

/// Two-proportion z for the conflict share, positive when it rose.
fn share_z(p: &Tally, q: &Tally, min: u64) -> Option<f64> {
    let n1 = (p.cooperation + p.conflict) as f64;
    let n2 = (q.cooperation + q.conflict) as f64;
    if n1 < min.max(1) as f64 || n2 < min.max(1) as f64 {
        return None;
    }
    let (k1, k2) = (p.conflict as f64, q.conflict as f64);
    let pooled = (k1 + k2) / (n1 + n2);
    let var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if var <= 0.0 {
        // Identical all-conflict or all-cooperation intervals: no change.
        return Some(0.0);
    }
    Some((k2 / n2 - k1 / n1) / var.sqrt())
}

/// Conditional binomial z for two Poisson counts, positive when it rose.
fn rate_z(k1: u64, k2: u64, min: u64) -> Option<f64> {
    let total = k1 + k2;
    if total < min.max(1) {
        return None;
    }
    Some((k2 as f64 - k1 as f64) / (total as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::ev;

    fn push(v: &mut Vec<EventRecord>, a: &str, b: &str, code: &str, month: u32, n: usize) {
        for k in 0..n {
            let id = v.len() as i64 + 1;
            v.push(ev(
                id,
                a,
                b,
                code,
                &format!("2023-{month:02}-{:02}", 1 + k % 28),
            ));
        }
    }

    #[test]
    fn flags_a_shift_from_cooperation_to_conflict() {
        let mut v = Vec::new();
        push(&mut v, "AZE", "IRN", "057", 1, 10);
        push(&mut v, "AZE", "IRN", "173", 1, 1);
        push(&mut v, "IRN", "AZE", "057", 2, 2);
        push(&mut v, "IRN", "AZE", "138", 2, 9);
        // A steady dyad is not flagged.
        push(&mut v, "AZE", "ISR", "057", 1, 6);
        push(&mut v, "AZE", "ISR", "057", 2, 7);
        let flags = escalations(&v, &EscalationOptions::default());
        assert_eq!(flags.len(), 1, "{flags:?}");
        let f = &flags[0];
        assert_eq!((f.a.as_str(), f.b.as_str()), ("AZE", "IRN"));
        assert_eq!(f.direction, Direction::Escalation);
        assert!(f.z_share.unwrap() > 3.0);
    }

    #[test]
    fn surge_from_quiet_is_caught_by_the_rate_test() {
        let mut v = Vec::new();
        push(&mut v, "ARM", "AZE", "190", 3, 12);
        let mut quiet = Vec::new();
        push(&mut quiet, "ARM", "AZE", "036", 2, 1);
        v.extend(quiet.into_iter().map(|mut e| {
            e.id += 100;
            e
        }));
        let flags = escalations(&v, &EscalationOptions::default());
        assert_eq!(flags.len(), 1);
        assert!(flags[0].z_share.is_none());
        assert!(flags[0].z_rate.unwrap() > 3.0);
        assert_eq!(flags[0].direction, Direction::Escalation);
    }
}
