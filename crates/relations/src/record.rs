//! The input record of every analysis and the per-group tallies they share.

use cameo::{CameoCode, QuadClass};
use chrono::NaiveDate;

/// A stored event's identifier (the store's row id, GDELT's GLOBALEVENTID).
pub type EventId = i64;

/// An actor as an analysis sees it: its full CAMEO code and its country.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorRef {
    /// Full CAMEO actor code, e.g. `AZEGOVMIL` or `IGOUNO`.
    pub code: String,
    /// ISO 3166 alpha-3, `None` for actors without a country (IGOs, NGOs).
    pub country: Option<String>,
}

impl ActorRef {
    pub fn new(code: impl Into<String>, country: Option<&str>) -> Self {
        Self {
            code: code.into(),
            country: country.map(str::to_owned),
        }
    }

    /// The actor at network level: its country when it has one (`AZEGOV` ->
    /// `AZE`), else its code (`NATO`, `IGOUNO`). States are the unit analysts
    /// reason about; roles inside a state would split one side of a relation.
    pub fn key(&self) -> &str {
        match self.country.as_deref() {
            Some(c) if !c.is_empty() => c,
            _ => &self.code,
        }
    }
}

/// One coded event mention, as the analyses need it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub id: EventId,
    pub doc_id: String,
    /// The publisher (document source), when known.
    pub publisher: Option<String>,
    pub date: Option<NaiveDate>,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub code: CameoCode,
}

impl EventRecord {
    pub fn quad(&self) -> QuadClass {
        self.code.quad_class()
    }
    pub fn goldstein(&self) -> f64 {
        f64::from(self.code.goldstein().0)
    }
    /// +1 cooperation, -1 conflict, 0 neutral. Public statements (root 01)
    /// are neutral although GDELT files them under verbal cooperation: "said",
    /// "commented" carry no stance towards the target.
    pub fn stance(&self) -> i8 {
        if self.code.root_number() == 1 {
            0
        } else if self.quad().is_cooperation() {
            1
        } else {
            -1
        }
    }
    pub fn source_key(&self) -> Option<&str> {
        self.source.as_ref().map(ActorRef::key)
    }
    pub fn target_key(&self) -> Option<&str> {
        self.target.as_ref().map(ActorRef::key)
    }
}

/// Counts over a group of events (a dyad, an interval, an actor's partner).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub events: u64,
    /// Events per QuadClass, index `quad - 1`.
    pub by_quad: [u64; 4],
    /// Cooperative events (quad 1-2 without public statements).
    pub cooperation: u64,
    /// Conflictual events (quad 3-4).
    pub conflict: u64,
    pub goldstein_sum: f64,
}

impl Tally {
    pub fn add(&mut self, e: &EventRecord) {
        self.events += 1;
        self.by_quad[usize::from(e.quad().number() - 1)] += 1;
        match e.stance() {
            1 => self.cooperation += 1,
            -1 => self.conflict += 1,
            _ => {}
        }
        self.goldstein_sum += e.goldstein();
    }

    pub fn goldstein_mean(&self) -> f64 {
        if self.events == 0 {
            0.0
        } else {
            self.goldstein_sum / self.events as f64
        }
    }

    /// The cooperation-conflict index `(coop - conflict) / (coop + conflict)`
    /// in -1..=1: +1 all cooperation, -1 all conflict, 0 balanced or no
    /// stance-bearing events. Counts rather than Goldstein weights, so that one
    /// battle does not outweigh a string of agreements.
    pub fn index(&self) -> f64 {
        let n = self.cooperation + self.conflict;
        if n == 0 {
            0.0
        } else {
            (self.cooperation as f64 - self.conflict as f64) / n as f64
        }
    }

    /// Net cooperation: cooperative minus conflictual events.
    pub fn net(&self) -> i64 {
        self.cooperation as i64 - self.conflict as i64
    }
}

/// An undirected dyad key with the two actor keys in sorted order.
pub(crate) fn undirected(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A synthetic event between two country-level actors.
    pub fn ev(id: EventId, src: &str, tgt: &str, code: &str, date: &str) -> EventRecord {
        EventRecord {
            id,
            doc_id: format!("doc{id}"),
            publisher: Some("pub".into()),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            source: Some(ActorRef::new(format!("{src}GOV"), Some(src))),
            target: Some(ActorRef::new(format!("{tgt}GOV"), Some(tgt))),
            code: CameoCode::parse(code).expect("test code"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::ev;
    use super::*;

    #[test]
    fn key_is_country_else_code() {
        assert_eq!(ActorRef::new("AZEGOVMIL", Some("AZE")).key(), "AZE");
        assert_eq!(ActorRef::new("IGOUNO", None).key(), "IGOUNO");
        assert_eq!(ActorRef::new("NATO", Some("")).key(), "NATO");
    }

    #[test]
    fn tally_index_ignores_statements() {
        let mut t = Tally::default();
        t.add(&ev(1, "AZE", "ISR", "057", "2023-01-01")); // sign agreement
        t.add(&ev(2, "AZE", "ISR", "010", "2023-01-01")); // statement
        t.add(&ev(3, "AZE", "ISR", "173", "2023-01-01")); // arrest
        t.add(&ev(4, "AZE", "ISR", "042", "2023-01-01")); // visit
        assert_eq!(t.events, 4);
        assert_eq!(t.cooperation, 2);
        assert_eq!(t.conflict, 1);
        assert_eq!(t.by_quad, [3, 0, 0, 1]);
        assert!((t.index() - 1.0 / 3.0).abs() < 1e-9);
    }
}
