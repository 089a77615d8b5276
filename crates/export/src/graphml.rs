//! GraphML of the signed relation network: actors as nodes (with their bloc),
//! dyads as undirected edges with weight, cooperation and conflict counts and
//! the Goldstein sum.

use std::io::Write;

use relations::{BlocReport, SignedNetwork};

use crate::{io, ExportError};

/// Escapes text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes the network; `blocs` adds each actor's bloc index (-1 when it has
/// none).
pub fn write_graphml<W: Write>(
    net: &SignedNetwork,
    blocs: Option<&BlocReport>,
    mut out: W,
) -> Result<(), ExportError> {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, target, name, ty) in [
        ("bloc", "node", "bloc", "int"),
        ("weight", "edge", "weight", "double"),
        ("events", "edge", "events", "long"),
        ("cooperation", "edge", "cooperation", "long"),
        ("conflict", "edge", "conflict", "long"),
        ("goldstein", "edge", "goldstein", "double"),
    ] {
        s.push_str(&format!(
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
        ));
    }
    s.push_str("  <graph id=\"relations\" edgedefault=\"undirected\">\n");
    for actor in &net.actors {
        let bloc = blocs
            .and_then(|b| b.bloc_of(actor))
            .map_or(-1, |b| b as i64);
        s.push_str(&format!(
            "    <node id=\"{}\"><data key=\"bloc\">{bloc}</data></node>\n",
            esc(actor)
        ));
    }
    for (k, e) in net.edges.iter().enumerate() {
        s.push_str(&format!(
            "    <edge id=\"e{k}\" source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data><data key=\"events\">{}</data><data key=\"cooperation\">{}</data><data key=\"conflict\">{}</data><data key=\"goldstein\">{:.1}</data></edge>\n",
            esc(&net.actors[e.a]),
            esc(&net.actors[e.b]),
            e.weight,
            e.tally.events,
            e.tally.cooperation,
            e.tally.conflict,
            e.tally.goldstein_sum,
        ));
    }
    s.push_str("  </graph>\n</graphml>\n");
    let err = io("graphml");
    out.write_all(s.as_bytes()).map_err(&err)?;
    out.flush().map_err(&err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot; ");
    }
}
