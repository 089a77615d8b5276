//! JSON shapes of the analyses, kept apart from the analysis types so those
//! can change without breaking users. Field names here are the contract.

use serde::Serialize;
use serde_json::Value;

use crate::blocs::{BlocReport, EdgeEvidence};
use crate::escalation::EscalationFlag;
use crate::record::{EventId, Tally};
use crate::series::{ActorProfile, Bucket, DyadSummary, Interval};

#[derive(Serialize)]
struct TallyJson {
    events: u64,
    verbal_cooperation: u64,
    material_cooperation: u64,
    verbal_conflict: u64,
    material_conflict: u64,
    cooperation: u64,
    conflict: u64,
    goldstein_sum: f64,
    goldstein_mean: f64,
    /// `(cooperation - conflict) / (cooperation + conflict)`.
    index: f64,
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn tally(t: &Tally) -> TallyJson {
    TallyJson {
        events: t.events,
        verbal_cooperation: t.by_quad[0],
        material_cooperation: t.by_quad[1],
        verbal_conflict: t.by_quad[2],
        material_conflict: t.by_quad[3],
        cooperation: t.cooperation,
        conflict: t.conflict,
        goldstein_sum: round(t.goldstein_sum),
        goldstein_mean: round(t.goldstein_mean()),
        index: round(t.index()),
    }
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    a: &'a str,
    b: &'a str,
    weight: f64,
    cooperation: u64,
    conflict: u64,
    event_ids: &'a [EventId],
}

fn edge(e: &EdgeEvidence) -> EdgeJson<'_> {
    EdgeJson {
        a: &e.a,
        b: &e.b,
        weight: e.weight,
        cooperation: e.cooperation,
        conflict: e.conflict,
        event_ids: &e.event_ids,
    }
}

#[derive(Serialize)]
struct BlocJson<'a> {
    members: &'a [String],
    /// Strongest positive edges inside the bloc.
    internal: Vec<EdgeJson<'a>>,
    /// Strongest negative edges to other blocs.
    external: Vec<EdgeJson<'a>>,
}

#[derive(Serialize)]
struct BlocsJson<'a> {
    blocs: Vec<BlocJson<'a>>,
    unassigned: &'a [String],
    frustration: f64,
    total_weight: f64,
    balance: f64,
    frustrated: Vec<EdgeJson<'a>>,
}

/// `{"blocs": [{"members": [...], "internal": [...], "external": [...]}],
/// "unassigned", "frustration", "total_weight", "balance", "frustrated"}`.
pub fn blocs_json(r: &BlocReport) -> Value {
    to_value(&BlocsJson {
        blocs: r
            .blocs
            .iter()
            .map(|b| BlocJson {
                members: &b.members,
                internal: b.internal.iter().map(edge).collect(),
                external: b.external.iter().map(edge).collect(),
            })
            .collect(),
        unassigned: &r.unassigned,
        frustration: r.frustration,
        total_weight: r.total_weight,
        balance: round(r.balance()),
        frustrated: r.frustrated.iter().map(edge).collect(),
    })
}

#[derive(Serialize)]
struct BucketJson {
    start: String,
    #[serde(flatten)]
    tally: TallyJson,
}

/// `{"a", "b", "interval", "directed", "series": [{"start": "2023-01-01",
/// "events", ..., "index"}]}`.
pub fn series_json(a: &str, b: &str, interval: Interval, directed: bool, s: &[Bucket]) -> Value {
    serde_json::json!({
        "a": a,
        "b": b,
        "interval": interval.as_str(),
        "directed": directed,
        "series": s.iter().map(|k| to_value(&BucketJson {
            start: k.start.to_string(),
            tally: tally(&k.tally),
        })).collect::<Vec<_>>(),
    })
}

/// `{"dyads": [{"a", "b", "events", ..., "index"}]}`.
pub fn top_dyads_json(d: &[DyadSummary]) -> Value {
    #[derive(Serialize)]
    struct J<'a> {
        a: &'a str,
        b: &'a str,
        #[serde(flatten)]
        tally: TallyJson,
    }
    serde_json::json!({
        "dyads": d.iter().map(|x| to_value(&J { a: &x.a, b: &x.b, tally: tally(&x.tally) })).collect::<Vec<_>>(),
    })
}

/// `{"actor", "as_source": {...}, "as_target": {...}, "partners": [{"partner",
/// "outgoing", "incoming", "total"}]}`.
pub fn profile_json(p: &ActorProfile) -> Value {
    serde_json::json!({
        "actor": p.actor,
        "as_source": to_value(&tally(&p.as_source)),
        "as_target": to_value(&tally(&p.as_target)),
        "partners": p.partners.iter().map(|x| serde_json::json!({
            "partner": x.partner,
            "outgoing": to_value(&tally(&x.outgoing)),
            "incoming": to_value(&tally(&x.incoming)),
            "total": to_value(&tally(&x.total())),
        })).collect::<Vec<_>>(),
    })
}

/// `{"flags": [{"a", "b", "from", "to", "direction", "z_share", "z_rate",
/// "before": {...}, "after": {...}}]}`.
pub fn escalations_json(flags: &[EscalationFlag]) -> Value {
    serde_json::json!({
        "flags": flags.iter().map(|f| serde_json::json!({
            "a": f.a,
            "b": f.b,
            "from": f.from.to_string(),
            "to": f.to.to_string(),
            "direction": f.direction.as_str(),
            "z_share": f.z_share.map(round),
            "z_rate": f.z_rate.map(round),
            "before": to_value(&tally(&f.before)),
            "after": to_value(&tally(&f.after)),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocs::{blocs, BlocOptions};
    use crate::record::testing::ev;

    #[test]
    fn blocs_json_has_contract_shape() {
        let v = vec![
            ev(1, "AZE", "ISR", "057", "2023-01-01"),
            ev(2, "AZE", "IRN", "173", "2023-01-01"),
        ];
        let j = blocs_json(&blocs(&v, &BlocOptions::default()));
        let b = j["blocs"].as_array().unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0]["members"], serde_json::json!(["AZE", "ISR"]));
        assert_eq!(b[1]["members"], serde_json::json!(["IRN"]));
        assert_eq!(b[0]["external"][0]["event_ids"], serde_json::json!([2]));
        assert_eq!(j["balance"], serde_json::json!(1.0));
    }

    #[test]
    fn series_profile_and_escalation_shapes() {
        use crate::escalation::{escalations, EscalationOptions};
        use crate::series::{actor_profile, dyad_series, top_dyads};
        let mut v: Vec<_> = (0..8)
            .map(|i| ev(i, "AZE", "IRN", "057", "2023-01-10"))
            .collect();
        v.extend((8..16).map(|i| ev(i, "IRN", "AZE", "138", "2023-02-10")));
        let s = series_json(
            "AZE",
            "IRN",
            Interval::Month,
            false,
            &dyad_series(&v, "AZE", "IRN", Interval::Month, false),
        );
        assert_eq!(s["series"][0]["start"], "2023-01-01");
        assert_eq!(s["series"][0]["index"], 1.0);
        assert_eq!(s["series"][1]["material_conflict"], 0);
        assert_eq!(s["series"][1]["verbal_conflict"], 8);
        let t = top_dyads_json(&top_dyads(&v, 3));
        assert_eq!(t["dyads"][0]["events"], 16);
        let p = profile_json(&actor_profile(&v, "AZE"));
        assert_eq!(p["partners"][0]["partner"], "IRN");
        assert_eq!(p["partners"][0]["total"]["events"], 16);
        let e = escalations_json(&escalations(&v, &EscalationOptions::default()));
        assert_eq!(e["flags"][0]["direction"], "escalation");
        assert_eq!(e["flags"][0]["to"], "2023-02-01");
    }
}
