//! Scores [`ActorDictionary::resolve_phrase`] on the NGEC actor-resolution cases.
//!
//! Scored: every record that is not a disabled test and whose `expected` asserts
//! `country` (country accuracy) or `code_1` (sector accuracy); in practice the
//! `agent_to_code`, `search_nat`, `short_text_to_agent` and `trf_agent_match`
//! methods. `query_wiki` records assert only Wikipedia titles and are not
//! scored; `none` assertions are not scored either. NGEC uses POLECAT
//! conventions, so predictions are mapped: IGO actors count as country "IGO",
//! UN bodies as "UNO", EU bodies as "EUR"; a missing country or sector is "";
//! sectors are mapped from CAMEO to PLOVER where they differ (see `plover_sector`).
//! A date of "today" is read as 2025-08-13, the date of the NGEC commit the
//! cases come from.

use std::collections::BTreeMap;

use model::{Actor, NaiveDate};
use serde::Deserialize;

use crate::ActorDictionary;

/// Accuracy figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NgecScores {
    pub country_accuracy: f64,
    pub sector_accuracy: f64,
    pub n_country: usize,
    pub n_sector: usize,
    /// Per method: (country correct, country total, sector correct, sector total).
    pub per_method: BTreeMap<String, (usize, usize, usize, usize)>,
    /// Misses, for reading: (text, expected country/sector, predicted code).
    pub misses: Vec<String>,
}

#[derive(Deserialize)]
struct Record {
    method: String,
    text: String,
    context: Option<String>,
    date: Option<String>,
    expected: serde_json::Value,
    #[serde(default)]
    disabled_test: bool,
}

fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    let s = s?.trim();
    if s.eq_ignore_ascii_case("today") {
        return NaiveDate::from_ymd_opt(2025, 8, 13);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d %B %Y"))
        .ok()
}

fn ngec_country(a: &Actor) -> String {
    if let Some(c) = &a.country {
        return c.clone();
    }
    let code = a.code.as_str();
    if code.starts_with("IGOUNO") || code.starts_with("UNO") {
        "UNO".into()
    } else if code.starts_with("IGOEUR") || code.starts_with("EEC") {
        "EUR".into()
    } else if code.starts_with("IGO") {
        "IGO".into()
    } else {
        String::new()
    }
}

/// CAMEO role codes whose PLOVER/POLECAT sector differs: CAMEO MED is the
/// media (PLOVER JRN), CAMEO HLH is health (PLOVER MED), and PLOVER files
/// opposition activists and protesters under CVL (with OPP second).
fn plover_sector(cameo: &str) -> String {
    match cameo {
        "MED" => "JRN",
        "HLH" => "MED",
        "OPP" => "CVL",
        other => other,
    }
    .to_string()
}

fn matches(expected: &serde_json::Value, got: &str) -> bool {
    match expected {
        serde_json::Value::String(s) => s == got,
        serde_json::Value::Object(o) => match o.get("In") {
            Some(serde_json::Value::Array(v)) => v.iter().any(|x| x.as_str() == Some(got)),
            _ => false,
        },
        _ => false,
    }
}

/// Scores the dictionary on NGEC JSONL records (malformed lines are skipped).
pub fn score_ngec(dict: &ActorDictionary, jsonl: &str) -> NgecScores {
    let mut s = NgecScores::default();
    let (mut cc, mut sc) = (0usize, 0usize);
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(r) = serde_json::from_str::<Record>(line) else {
            continue;
        };
        if r.disabled_test {
            continue;
        }
        let exp_country = r.expected.get("country");
        let exp_sector = r.expected.get("code_1");
        if exp_country.is_none() && exp_sector.is_none() {
            continue;
        }
        let got = dict.resolve_phrase(&r.text, r.context.as_deref(), parse_date(r.date.as_deref()));
        let got_country = got.as_ref().map(ngec_country).unwrap_or_default();
        let raw_sector = got
            .as_ref()
            .and_then(|a| a.sector.clone())
            .unwrap_or_default();
        let got_sector = plover_sector(&raw_sector);
        let entry = s.per_method.entry(r.method.clone()).or_default();
        let mut miss = false;
        if let Some(e) = exp_country {
            s.n_country += 1;
            entry.1 += 1;
            if matches(e, &got_country) {
                cc += 1;
                entry.0 += 1;
            } else {
                miss = true;
            }
        }
        if let Some(e) = exp_sector {
            s.n_sector += 1;
            entry.3 += 1;
            // NGEC itself mixes the namings (WHO is HLH, a paramedic MED), so
            // either the CAMEO or the PLOVER name of the sector counts.
            if matches(e, &got_sector) || matches(e, &raw_sector) {
                sc += 1;
                entry.2 += 1;
            } else {
                miss = true;
            }
        }
        if miss {
            s.misses.push(format!(
                "{:?} (ctx {:?}, {:?}): expected {} {}, got {}",
                r.text,
                r.context.unwrap_or_default(),
                r.date.unwrap_or_default(),
                exp_country.map(|v| v.to_string()).unwrap_or_default(),
                exp_sector.map(|v| v.to_string()).unwrap_or_default(),
                got.map(|a| a.code.to_string())
                    .unwrap_or_else(|| "-".into())
            ));
        }
    }
    s.country_accuracy = if s.n_country > 0 {
        cc as f64 / s.n_country as f64
    } else {
        0.0
    };
    s.sector_accuracy = if s.n_sector > 0 {
        sc as f64 / s.n_sector as f64
    } else {
        0.0
    };
    s
}
