//! GDELT 2.0 event-table TSV: the 61 columns in the official order, no header
//! (GDELT's files have none), one event per line.
//!
//! Columns we cannot know are left empty: the ethnic and religion codes, the
//! tone, coordinates and feature ids, and the geo country codes (GDELT writes
//! FIPS 10-4 there, while our locations carry ISO 3166 alpha-3).

use std::io::Write;

use chrono::Datelike;

use crate::{io, ExportActor, ExportError, ExportEvent};

/// The column names, in GDELT 2.0 order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Tabs and line breaks would break the row; GDELT fields never hold them.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn known_group(a: &ExportActor) -> String {
    if a.country.is_some() {
        return String::new();
    }
    // Group actors are coded `IGOUNO`, `NGOAMN`: the group is the second
    // triple. A bare code (`NATO`) is itself the group.
    match a.code.get(..3) {
        Some("IGO" | "NGO" | "IMG" | "MNC") => a.code.get(3..6).unwrap_or("").to_owned(),
        _ => a.code.clone(),
    }
}

fn actor_columns(a: Option<&ExportActor>, row: &mut Vec<String>) {
    let Some(a) = a else {
        row.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let roles = a.role_codes();
    row.push(clean(&a.code));
    row.push(clean(&a.text.to_uppercase()));
    row.push(clean(a.country.as_deref().unwrap_or("")));
    row.push(clean(&known_group(a)));
    row.extend(std::iter::repeat_n(String::new(), 3)); // ethnic, religion 1-2
    for k in 0..3 {
        row.push(roles.get(k).map(|r| clean(r)).unwrap_or_default());
    }
}

/// One row of 61 fields.
pub(crate) fn gdelt_row(e: &ExportEvent) -> Vec<String> {
    let mut row = Vec::with_capacity(61);
    row.push(e.id.to_string());
    match e.date {
        Some(d) => {
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.format("%Y%m").to_string());
            row.push(d.year().to_string());
            // GDELT's own approximation: (month * 30 + day) / 365.
            let frac = f64::from(d.month() * 30 + d.day()) / 365.0;
            row.push(format!("{:.4}", f64::from(d.year()) + frac));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_columns(e.source.as_ref(), &mut row);
    actor_columns(e.target.as_ref(), &mut row);
    // GDELT marks events from the lead paragraph; our nearest signal is the
    // first sentence.
    row.push(u8::from(e.sentence_index == 0).to_string());
    let code = e.code.as_str();
    row.push(code.to_owned());
    row.push(code[..code.len().min(3)].to_owned());
    row.push(e.code.root().to_owned());
    row.push(e.code.quad_class().number().to_string());
    row.push(format!("{:.1}", e.code.goldstein().0));
    row.push(e.num_mentions.to_string());
    row.push(e.num_sources.to_string());
    row.push(e.num_articles.to_string());
    row.push(String::new()); // AvgTone
    row.extend(std::iter::repeat_n(String::new(), 16)); // actor geos
    match &e.location {
        Some(l) => {
            row.push(String::new());
            row.push(clean(&l.name));
            row.extend(std::iter::repeat_n(String::new(), 6));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(
        e.date
            .map(|d| d.format("%Y%m%d000000").to_string())
            .unwrap_or_default(),
    );
    row.push(clean(e.url.as_deref().unwrap_or(&e.doc_id)));
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    row
}

/// Writes events as GDELT 2.0 event-table rows. `header` adds a first line of
/// column names (GDELT's own files have none).
pub fn write_gdelt<W: Write>(
    events: &[ExportEvent],
    header: bool,
    mut out: W,
) -> Result<(), ExportError> {
    let err = io("gdelt");
    if header {
        writeln!(out, "{}", GDELT_COLUMNS.join("\t")).map_err(&err)?;
    }
    for e in events {
        writeln!(out, "{}", gdelt_row(e).join("\t")).map_err(&err)?;
    }
    out.flush().map_err(&err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::testing::sample;

    #[test]
    fn sixty_one_columns_per_row() {
        assert_eq!(GDELT_COLUMNS.len(), 61);
        let mut buf = Vec::new();
        write_gdelt(&[sample(1), sample(2)], true, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        for l in &lines {
            assert_eq!(l.split('\t').count(), 61, "{l}");
        }
        let f: Vec<&str> = lines[2].split('\t').collect();
        let col = |name: &str| f[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(col("GLOBALEVENTID"), "2");
        assert_eq!(col("SQLDATE"), "20230303");
        assert_eq!(col("MonthYear"), "202303");
        assert_eq!(col("Actor1Code"), "AZEGOVMIL");
        assert_eq!(col("Actor1CountryCode"), "AZE");
        assert_eq!(col("Actor1Type2Code"), "MIL");
        assert_eq!(col("Actor2Code"), "IRNSPY");
        assert_eq!(col("EventCode"), "173");
        assert_eq!(col("EventBaseCode"), "173");
        assert_eq!(col("EventRootCode"), "17");
        assert_eq!(col("QuadClass"), "4");
        assert_eq!(col("GoldsteinScale"), "-5.0");
        assert_eq!(col("ActionGeo_FullName"), "Baku");
        assert_eq!(col("SOURCEURL"), "https://example.org/2");
        assert_eq!(col("DATEADDED"), "20230303000000");
        // Odd ids have no target: the ten actor-2 columns are empty.
        let odd: Vec<&str> = lines[1].split('\t').collect();
        assert!(odd[15..25].iter().all(|c| c.is_empty()));
    }
}
