//! Dyad time series, top dyads and actor profiles.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::record::{undirected, EventRecord, Tally};

/// The width of a time bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Interval {
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    Month,
}

impl Interval {
    /// The first day of the bucket holding `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => d,
            Interval::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            Interval::Month => d.with_day(1).unwrap_or(d),
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => start + Duration::days(1),
            Interval::Week => start + Duration::days(7),
            Interval::Month => {
                let (y, m) = if start.month() == 12 {
                    (start.year() + 1, 1)
                } else {
                    (start.year(), start.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(start + Duration::days(31))
            }
        }
    }

    pub fn parse(s: &str) -> Option<Interval> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "daily" => Some(Interval::Day),
            "week" | "weekly" => Some(Interval::Week),
            "month" | "monthly" => Some(Interval::Month),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }
}

/// One interval of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub start: NaiveDate,
    pub tally: Tally,
}

/// Tallies events between `a` and `b` (actor keys, see
/// [`crate::ActorRef::key`]) per interval, from the first to the last interval
/// with an event, empty intervals included so the series can be plotted as is.
/// `directed` keeps only events with `a` as source and `b` as target;
/// otherwise both directions count. Undated events are left out.
pub fn dyad_series(
    records: &[EventRecord],
    a: &str,
    b: &str,
    interval: Interval,
    directed: bool,
) -> Vec<Bucket> {
    let mut by_start: BTreeMap<NaiveDate, Tally> = BTreeMap::new();
    for r in records {
        let (Some(s), Some(t), Some(d)) = (r.source_key(), r.target_key(), r.date) else {
            continue;
        };
        let forward = s == a && t == b;
        let backward = s == b && t == a;
        if forward || (!directed && backward) {
            by_start.entry(interval.start_of(d)).or_default().add(r);
        }
    }
    fill_gaps(by_start, interval)
}

pub(crate) fn fill_gaps(by_start: BTreeMap<NaiveDate, Tally>, interval: Interval) -> Vec<Bucket> {
    let (Some(&first), Some(&last)) = (by_start.keys().next(), by_start.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = first;
    while start <= last {
        out.push(Bucket {
            start,
            tally: by_start.get(&start).copied().unwrap_or_default(),
        });
        start = interval.next(start);
    }
    out
}

/// An undirected dyad's totals.
#[derive(Debug, Clone, PartialEq)]
pub struct DyadSummary {
    /// The two actor keys, `a < b`.
    pub a: String,
    pub b: String,
    pub tally: Tally,
}

/// The `n` dyads with the most events (undirected, self-dyads excluded),
/// ties broken by actor keys so the order is stable.
pub fn top_dyads(records: &[EventRecord], n: usize) -> Vec<DyadSummary> {
    let mut map: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for r in records {
        let (Some(s), Some(t)) = (r.source_key(), r.target_key()) else {
            continue;
        };
        if s != t {
            map.entry(undirected(s, t)).or_default().add(r);
        }
    }
    let mut v: Vec<DyadSummary> = map
        .into_iter()
        .map(|((a, b), tally)| DyadSummary { a, b, tally })
        .collect();
    v.sort_by(|x, y| {
        y.tally
            .events
            .cmp(&x.tally.events)
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    v.truncate(n);
    v
}

/// One partner in an actor's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerSummary {
    pub partner: String,
    /// Events the actor initiated towards the partner.
    pub outgoing: Tally,
    /// Events the partner initiated towards the actor.
    pub incoming: Tally,
}

impl PartnerSummary {
    pub fn total(&self) -> Tally {
        let mut t = self.outgoing;
        let i = &self.incoming;
        t.events += i.events;
        for q in 0..4 {
            t.by_quad[q] += i.by_quad[q];
        }
        t.cooperation += i.cooperation;
        t.conflict += i.conflict;
        t.goldstein_sum += i.goldstein_sum;
        t
    }
}

/// An actor's activity: its totals as source and target and its partners,
/// most active first.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorProfile {
    pub actor: String,
    pub as_source: Tally,
    pub as_target: Tally,
    pub partners: Vec<PartnerSummary>,
}

pub fn actor_profile(records: &[EventRecord], actor: &str) -> ActorProfile {
    let mut as_source = Tally::default();
    let mut as_target = Tally::default();
    let mut partners: BTreeMap<String, PartnerSummary> = BTreeMap::new();
    let blank = |p: &str| PartnerSummary {
        partner: p.to_owned(),
        outgoing: Tally::default(),
        incoming: Tally::default(),
    };
    for r in records {
        let s = r.source_key();
        let t = r.target_key();
        if s == Some(actor) {
            as_source.add(r);
            if let Some(t) = t.filter(|t| *t != actor) {
                partners
                    .entry(t.to_owned())
                    .or_insert_with(|| blank(t))
                    .outgoing
                    .add(r);
            }
        }
        if t == Some(actor) {
            as_target.add(r);
            if let Some(s) = s.filter(|s| *s != actor) {
                partners
                    .entry(s.to_owned())
                    .or_insert_with(|| blank(s))
                    .incoming
                    .add(r);
            }
        }
    }
    let mut partners: Vec<PartnerSummary> = partners.into_values().collect();
    partners.sort_by(|x, y| {
        y.total()
            .events
            .cmp(&x.total().events)
            .then_with(|| x.partner.cmp(&y.partner))
    });
    ActorProfile {
        actor: actor.to_owned(),
        as_source,
        as_target,
        partners,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::testing::ev;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn interval_starts() {
        assert_eq!(Interval::Week.start_of(d("2023-11-23")), d("2023-11-20"));
        assert_eq!(Interval::Month.start_of(d("2023-11-23")), d("2023-11-01"));
        assert_eq!(Interval::Month.next(d("2023-12-01")), d("2024-01-01"));
        assert_eq!(Interval::parse("Month"), Some(Interval::Month));
    }

    #[test]
    fn series_fills_empty_months_and_counts_both_directions() {
        let recs = vec![
            ev(1, "AZE", "IRN", "173", "2023-01-05"),
            ev(2, "IRN", "AZE", "138", "2023-01-20"),
            ev(3, "AZE", "IRN", "036", "2023-03-02"),
            ev(4, "AZE", "ISR", "036", "2023-02-02"),
        ];
        let s = dyad_series(&recs, "AZE", "IRN", Interval::Month, false);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tally.conflict, 2);
        assert_eq!(s[0].tally.index(), -1.0);
        assert_eq!(s[1].tally.events, 0);
        assert_eq!(s[2].tally.index(), 1.0);
        let directed = dyad_series(&recs, "AZE", "IRN", Interval::Month, true);
        assert_eq!(directed[0].tally.events, 1);
        assert!((s[0].tally.goldstein_mean() - (-5.0 + -7.0) / 2.0).abs() < 1e-6);
    }

    #[test]
    fn top_dyads_and_profile() {
        let recs = vec![
            ev(1, "AZE", "IRN", "173", "2023-01-05"),
            ev(2, "IRN", "AZE", "138", "2023-01-20"),
            ev(3, "AZE", "ISR", "036", "2023-03-02"),
            ev(4, "AZE", "AZE", "173", "2023-03-02"),
        ];
        let top = top_dyads(&recs, 5);
        assert_eq!(top.len(), 2);
        assert_eq!((top[0].a.as_str(), top[0].b.as_str()), ("AZE", "IRN"));
        let p = actor_profile(&recs, "AZE");
        assert_eq!(p.as_source.events, 3);
        assert_eq!(p.partners[0].partner, "IRN");
        assert_eq!(p.partners[0].incoming.events, 1);
        assert_eq!(p.partners[1].partner, "ISR");
    }
}
