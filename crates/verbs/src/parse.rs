//! Line-level reader for PETRARCH/TABARI verb dictionaries (and Caspian's `@` event-noun lines).

use crate::VerbDictError;

/// A code field such as `[042:043]`, `[:173]` or `[---]`; `---` (or empty) means no event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodePair {
    pub primary: Option<String>,
    pub paired: Option<String>,
}

impl CodePair {
    pub fn parse(inner: &str) -> CodePair {
        let clean = |s: &str| {
            let s = s.trim();
            if s.is_empty() || s.chars().all(|c| c == '-') {
                None
            } else {
                Some(s.to_string())
            }
        };
        match inner.split_once(':') {
            Some((a, b)) => CodePair {
                primary: clean(a),
                paired: clean(b),
            },
            None => CodePair {
                primary: clean(inner),
                paired: None,
            },
        }
    }
}

#[derive(Debug)]
pub struct RawVerb {
    pub phrase: String,
    /// Explicit forms from `{...}`; `Some(empty)` for `{}` (no generated forms).
    pub forms: Option<Vec<String>>,
    pub code: Option<CodePair>,
}

#[derive(Debug)]
pub struct RawPattern {
    pub body: String,
    pub code: Option<CodePair>,
    pub line: usize,
    /// The verbs a trailing comment names (`- * (TO) [043:042] # WELCOME`, or `# CONFIRM ,
    /// REAFFIRM`): Phoenix's record of which verb of the block the pattern was written for.
    pub authors: Vec<String>,
}

#[derive(Debug)]
pub struct RawBlock {
    pub name: String,
    pub code: CodePair,
    pub verbs: Vec<RawVerb>,
    pub patterns: Vec<RawPattern>,
}

#[derive(Debug)]
pub struct RawSynset {
    pub name: String,
    pub members: Vec<(String, usize)>,
}

#[derive(Debug)]
pub struct RawNoun {
    pub phrase: String,
    pub code: CodePair,
    pub prepositions: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct RawFile {
    pub synsets: Vec<RawSynset>,
    pub blocks: Vec<RawBlock>,
    pub nouns: Vec<RawNoun>,
    pub transformations: usize,
}

enum State {
    Start,
    Synset,
    Block,
}

/// Cuts a `#` comment, but not a `#` inside a `[...]` code (the unit-test file has `[###]`).
fn strip_comment(line: &str) -> &str {
    let mut in_code = false;
    for (i, c) in line.char_indices() {
        match c {
            '[' => in_code = true,
            ']' => in_code = false,
            '#' if !in_code => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits `text [code] rest` into (text, code inner); the code must be the first `[...]`.
fn split_code<'a>(
    s: &'a str,
    file: &str,
    line: usize,
) -> Result<(&'a str, Option<&'a str>), VerbDictError> {
    match s.find('[') {
        None => Ok((s, None)),
        Some(open) => {
            let close = s[open..]
                .find(']')
                .ok_or_else(|| VerbDictError::syntax(file, line, "unterminated `[` code"))?;
            Ok((&s[..open], Some(&s[open + 1..open + close])))
        }
    }
}

/// Whether a line is a verb block header `--- NAME [CODE] ---`.
/// Older TABARI-era files also write `--- NAME ###` without a code.
pub fn header(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let rest = t.strip_prefix("---")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    let rest = rest
        .strip_suffix("---")
        .or_else(|| rest.strip_suffix("###"))?
        .trim();
    match rest.find('[') {
        Some(open) => {
            let close = open + rest[open..].find(']')?;
            let name = rest[..open].trim();
            (!name.is_empty()).then(|| (name, &rest[open + 1..close]))
        }
        None => {
            let name = rest.split_whitespace().next()?;
            Some((name, "---"))
        }
    }
}

pub fn read(file: &str, text: &str) -> Result<RawFile, VerbDictError> {
    let mut out = RawFile::default();
    let mut state = State::Start;
    for (idx, raw_line) in text.lines().enumerate() {
        let line_no = idx + 1;
        let trimmed = raw_line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('<') {
            continue;
        }
        if let Some((name, code)) = header(trimmed) {
            out.blocks.push(RawBlock {
                name: name.to_string(),
                code: CodePair::parse(code),
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
            state = State::Block;
            continue;
        }
        let uncommented = strip_comment(trimmed);
        let comment = trimmed[uncommented.len()..].trim_start_matches('#');
        let line = uncommented.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('~') {
            out.transformations += 1;
            continue;
        }
        if let Some(rest) = line.strip_prefix('@') {
            let (phrase_part, code) = split_code(rest, file, line_no)?;
            let code = code.ok_or_else(|| {
                VerbDictError::syntax(file, line_no, "event noun without `[code]`")
            })?;
            let phrase = phrase_part.trim();
            if phrase.is_empty() || phrase.contains(char::is_whitespace) {
                return Err(VerbDictError::syntax(
                    file,
                    line_no,
                    "event noun must be one phrase joined with `_`",
                ));
            }
            let after = &rest[rest.find(']').map_or(rest.len(), |i| i + 1)..];
            out.nouns.push(RawNoun {
                phrase: phrase.to_string(),
                code: CodePair::parse(code),
                prepositions: after.split_whitespace().map(str::to_lowercase).collect(),
                line: line_no,
            });
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or_default();
            if name.is_empty() {
                return Err(VerbDictError::syntax(
                    file,
                    line_no,
                    "synset without a name",
                ));
            }
            out.synsets.push(RawSynset {
                name: name.to_string(),
                members: Vec::new(),
            });
            state = State::Synset;
            continue;
        }
        match state {
            State::Start => {
                return Err(VerbDictError::syntax(
                    file,
                    line_no,
                    "entry before any `&SYNSET` or `--- VERB [code] ---` block",
                ))
            }
            State::Synset => {
                let member = line.strip_prefix('+').ok_or_else(|| {
                    VerbDictError::syntax(file, line_no, "synset member must start with `+`")
                })?;
                if let Some(s) = out.synsets.last_mut() {
                    s.members.push((member.trim().to_string(), line_no));
                }
            }
            State::Block => {
                let Some(block) = out.blocks.last_mut() else {
                    continue;
                };
                if let Some(body) = line.strip_prefix('-') {
                    let (body, code) = split_code(body, file, line_no)?;
                    // A pattern without a code cannot yield an event; keep it so the builder
                    // reports it as skipped.
                    block.patterns.push(RawPattern {
                        body: body.trim().to_string(),
                        code: code.map(CodePair::parse),
                        line: line_no,
                        authors: comment_verbs(comment),
                    });
                } else {
                    block.verbs.push(read_verb(line, file, line_no)?);
                }
            }
        }
    }
    Ok(out)
}

/// The verb names of a pattern comment: one or more single tokens separated by commas; any
/// other comment (prose, an example sentence) names none.
fn comment_verbs(comment: &str) -> Vec<String> {
    let names: Vec<&str> = comment.split(',').map(str::trim).collect();
    let is_name = |n: &&str| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c == '+' || c == '-')
    };
    if names.iter().all(is_name) {
        names.into_iter().map(str::to_string).collect()
    } else {
        Vec::new()
    }
}

fn read_verb(line: &str, file: &str, line_no: usize) -> Result<RawVerb, VerbDictError> {
    let (phrase, rest) = match line.find(|c: char| c.is_whitespace() || c == '{' || c == '[') {
        Some(i) => (&line[..i], &line[i..]),
        None => (line, ""),
    };
    let mut forms = None;
    let mut rest = rest.trim_start();
    if let Some(r) = rest.strip_prefix('{') {
        let close = r
            .find('}')
            .ok_or_else(|| VerbDictError::syntax(file, line_no, "unterminated `{` verb forms"))?;
        // Some entries separate forms with commas: `{+CRACKED_DOWN , +CRACKS_DOWN}`.
        forms = Some(
            r[..close]
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect(),
        );
        rest = r[close + 1..].trim_start();
    }
    let (_, code) = split_code(rest, file, line_no)?;
    Ok(RawVerb {
        phrase: phrase.to_string(),
        forms,
        code: code.map(CodePair::parse),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(CodePair::parse("---").primary, None);
        let p = CodePair::parse("042:043");
        assert_eq!(p.primary.as_deref(), Some("042"));
        assert_eq!(p.paired.as_deref(), Some("043"));
        let r = CodePair::parse(":173");
        assert_eq!((r.primary, r.paired.as_deref()), (None, Some("173")));
    }

    #[test]
    fn reads_blocks_synsets_and_nouns() {
        let text = "&FOO_\n+BAR\n+BAZ_QUX\n\n--- ASK [---] ---\n+ASK_FOR {+ASKED_FOR} [020]\nHURRY {HURRIES HURRIED} # c\n- * &FOO [023] # x\n~ a (a b Q) SAY = a b Q\n@ARREST [173] OF\n";
        let f = read("t", text).unwrap();
        assert_eq!(f.synsets[0].members.len(), 2);
        assert_eq!(f.blocks[0].verbs.len(), 2);
        assert_eq!(
            f.blocks[0].verbs[0].forms.as_ref().unwrap(),
            &["+ASKED_FOR"]
        );
        assert_eq!(f.blocks[0].patterns[0].body, "* &FOO");
        assert!(f.blocks[0].patterns[0].authors.is_empty());
        let g = read(
            "t",
            "--- A [010] ---\nA\n- * B [011] # CONFIRM , RE_AFFIRM\n- * C [012] # see the A file\n",
        )
        .unwrap();
        assert_eq!(g.blocks[0].patterns[0].authors, ["CONFIRM", "RE_AFFIRM"]);
        assert!(g.blocks[0].patterns[1].authors.is_empty());
        assert!(header("--- DEFEND  ###").is_some());
        assert!(header("---- not a header").is_none());
        assert_eq!(strip_comment("- * X [###] # c"), "- * X [###] ");
        assert_eq!(f.nouns[0].prepositions, ["of"]);
        assert_eq!(f.transformations, 1);
    }

    #[test]
    fn errors_name_the_line() {
        let e = read("v.txt", "--- A [010] ---\nA\n- * B [01\n").unwrap_err();
        assert_eq!(e.to_string(), "v.txt:3: unterminated `[` code");
        assert!(read("v.txt", "WORD\n").is_err());
    }
}
