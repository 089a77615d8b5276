//! Reading and writing CoNLL-U (word lines only; multiword tokens and empty nodes are skipped on read).

use std::fmt::Write as _;

use crate::{Analysis, SyntaxError};

/// One word line of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 = root, else the 1-based head index; `None` when the column is `_`.
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A sentence: its comment lines (without `# `) and its word lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    pub comments: Vec<String>,
    pub words: Vec<ConlluWord>,
    /// 1-based line number of the first line of the sentence in the input.
    pub line: usize,
}

impl ConlluSentence {
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// Value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }
}

/// Parses CoNLL-U text; errors name the 1-based line.
pub fn read(text: &str) -> Result<Vec<ConlluSentence>, SyntaxError> {
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if cur.words.is_empty() && cur.comments.is_empty() {
            cur.line = lineno;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |msg: String| SyntaxError::Conllu { line: lineno, msg };
        if cols.len() != 10 {
            return Err(err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: usize = id
            .parse()
            .map_err(|_| err(format!("invalid word id {id:?}")))?;
        if id != cur.words.len() + 1 {
            return Err(err(format!("word id {id} out of sequence")));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(h.parse().map_err(|_| err(format!("invalid head {h:?}")))?),
        };
        cur.words.push(ConlluWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &out {
        let n = s.words.len();
        if let Some((i, _)) = s
            .words
            .iter()
            .enumerate()
            .find(|(_, w)| w.head.is_some_and(|h| h > n))
        {
            return Err(SyntaxError::Conllu {
                line: s.line + s.comments.len() + i,
                msg: format!("head points outside the sentence of {n} words"),
            });
        }
    }
    Ok(out)
}

/// Options for [`write()`].
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions<'a> {
    pub sent_id: Option<&'a str>,
    pub text: Option<&'a str>,
}

/// Writes one analysed sentence as CoNLL-U, ending with the blank separator line.
pub fn write(words: &[&str], analysis: &Analysis, opts: WriteOptions<'_>) -> String {
    write_partial(words, analysis, opts, &[])
}

/// [`write()`] with some arcs left unknown: a word whose entry in `known` is `false` gets
/// HEAD `_` and DEPREL `_` (partial annotation; [`read`] gives it the head `None`). Words past
/// the end of `known` are written in full, so `&[]` writes every arc.
pub fn write_partial(
    words: &[&str],
    analysis: &Analysis,
    opts: WriteOptions<'_>,
    known: &[bool],
) -> String {
    let mut out = String::new();
    let clean = |s: &str| -> String {
        if s.is_empty() {
            "_".to_string()
        } else {
            // Tabs and newlines would break the column format.
            s.replace(['\t', '\n', '\r'], " ")
        }
    };
    if let Some(id) = opts.sent_id {
        let _ = writeln!(out, "# sent_id = {}", clean(id));
    }
    if let Some(t) = opts.text {
        let _ = writeln!(out, "# text = {}", t.replace(['\n', '\r'], " "));
    }
    for (i, (w, a)) in words.iter().zip(&analysis.words).enumerate() {
        let (head, deprel) = if known.get(i).copied().unwrap_or(true) {
            (a.head.to_string(), a.deprel.as_str())
        } else {
            ("_".to_string(), "_")
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_",
            i + 1,
            clean(w),
            clean(&a.lemma),
            a.upos.as_str(),
            a.xpos,
            head,
            deprel
        );
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = x1\n# text = It rained.\n1-2\tItr\t_\t_\t_\t_\t_\t_\t_\t_\n1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\trained\train\tVERB\tVBD\t_\t0\troot\t_\t_\n2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_skips_ranges_and_empty_nodes() {
        let s = read(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].forms(), vec!["It", "rained", "."]);
        assert_eq!(s[0].comment("sent_id"), Some("x1"));
        assert_eq!(s[0].words[0].head, Some(2));
    }

    #[test]
    fn unknown_arcs_are_written_and_read_as_underscores() {
        let s = read(SAMPLE).unwrap().remove(0);
        let words = s.forms();
        let analysis = Analysis {
            words: s
                .words
                .iter()
                .map(|w| crate::WordAnalysis {
                    lemma: w.lemma.clone(),
                    upos: crate::Upos::parse(&w.upos).unwrap(),
                    xpos: crate::tagger::intern_xpos(&w.xpos),
                    head: w.head.unwrap(),
                    deprel: crate::DepRel::parse(&w.deprel),
                })
                .collect(),
        };
        let text = write_partial(&words, &analysis, WriteOptions::default(), &[true, false]);
        assert!(
            text.contains("2\trained\train\tVERB\tVBD\t_\t_\t_\t_\t_\n"),
            "{text}"
        );
        let back = read(&text).unwrap().remove(0);
        let heads: Vec<Option<usize>> = back.words.iter().map(|w| w.head).collect();
        // The third word is past the end of `known`: written in full.
        assert_eq!(heads, vec![Some(2), None, Some(2)]);
        assert_eq!(back.words[1].deprel, "_");
        assert_eq!(
            write(&words, &analysis, WriteOptions::default()),
            write_partial(&words, &analysis, WriteOptions::default(), &[true; 3])
        );
    }

    #[test]
    fn bad_line_reports_line_number() {
        let e = read("1\tIt\n").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = read("1\ta\t_\t_\t_\t_\tx\t_\t_\t_\n").unwrap_err();
        assert!(e.to_string().contains("invalid head"), "{e}");
    }
}
