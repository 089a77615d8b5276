//! Parsers for PETRARCH/TABARI/Phoenix actor, agent and discard dictionaries.
//!
//! Formats (see the PETRARCH `dictionaries.rst`): actors are records of a primary
//! phrase, `+synonym` lines and `[CODE]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`,
//! `[CODE YYMMDD-YYMMDD]` restrictions (on the phrase line or on tab-indented
//! lines); agents are `PHRASE {plurals} [~CODE]` lines with `!SET! = A, B`
//! substitution sets; discards are phrases, `+` marking story-level ones. `#`
//! starts a comment; `<!-- ... -->` blocks (used by the validation suite) are
//! skipped too.

use chrono::NaiveDate;

use crate::DictError;

/// Which kind of dictionary a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DictKind {
    Actors,
    Agents,
    Discards,
}

/// One code choice of an actor record, optionally limited to a date range
/// (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRule {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl CodeRule {
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
    pub fn applies(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// An actor record: its phrases (primary first) and code rules in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRecord {
    pub phrases: Vec<String>,
    pub rules: Vec<CodeRule>,
    pub line: usize,
}

/// An agent: phrase forms (singular and plurals) and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentRecord {
    pub forms: Vec<String>,
    /// The code without `~`, e.g. `GOV`, `GOVFRM`, `NGO`.
    pub code: String,
    /// `NGO~`: the code goes before the actor code instead of after it.
    pub prefix: bool,
    pub line: usize,
}

/// A discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardRecord {
    pub phrase: String,
    /// `+`: the whole story is not coded.
    pub story: bool,
    /// Ends with `_`: must end at a word boundary (otherwise a stem).
    pub whole_word: bool,
}

/// Lines with comments removed, as (1-based line number, text).
fn content_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if in_comment {
            if t.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if t.starts_with("<!") {
            in_comment = !t.contains("-->");
            continue;
        }
        let line = match raw.find('#') {
            Some(i) => &raw[..i],
            None => raw,
        };
        // TABARI used `;` for comments after a phrase ("JAMES_BYRNES_  ; CountryInfo.txt").
        let line = match line.find(" ;") {
            Some(i) => &line[..i],
            None => line,
        };
        if line.trim().is_empty() {
            continue;
        }
        out.push((n + 1, line.trim_end()));
    }
    out
}

/// Guesses the kind of a dictionary from its content; `None` for verb
/// dictionaries (`--- VERB [code]` blocks) and for text that looks like none.
pub fn detect_kind(text: &str) -> Option<DictKind> {
    let (mut tilde, mut plain, mut plus, mut bare, mut verb) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut upper = false;
    for (_, line) in content_lines(text) {
        let t = line.trim();
        // Issue dictionaries (`<ISSUE ...>`, `n:word`, `v:word`) are not ours.
        if t.starts_with("<ISSUE") || t.starts_with("n:") || t.starts_with("v:") {
            return None;
        }
        upper |= t.chars().any(|c| c.is_uppercase());
        if t.starts_with("---") && t.contains('[') {
            verb += 1;
            continue;
        }
        if t.starts_with('&') || (t.starts_with('-') && t.contains('*')) {
            verb += 1;
            continue;
        }
        if t.starts_with('!') && t.contains('=') {
            tilde += 1;
            continue;
        }
        let mut saw_code = false;
        for code in bracket_contents(t) {
            saw_code = true;
            if code.contains('~') {
                tilde += 1;
            } else {
                plain += 1;
            }
        }
        if !saw_code {
            if t.starts_with('+') {
                plus += 1;
            } else {
                bare += 1;
            }
        }
    }
    if verb > 0 {
        return None;
    }
    if tilde > 0 && tilde >= plain {
        return Some(DictKind::Agents);
    }
    if plain > 0 {
        return Some(DictKind::Actors);
    }
    // Discard phrases are written in upper case; a list of lower-case words
    // (Phoenix.prepositions.txt) is something else.
    if bare + plus > 0 && (upper || plus > 0) {
        return Some(DictKind::Discards);
    }
    None
}

fn bracket_contents(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(a) = rest.find('[') {
        match rest[a..].find(']') {
            Some(b) => {
                out.push(&rest[a + 1..a + b]);
                rest = &rest[a + b + 1..];
            }
            None => break,
        }
    }
    out
}

/// `YYMMDD` (years below 30 are 20xx, as the Phoenix files use them) or `YYYYMMDD`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, md) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = md[..2].parse().ok()?;
    let d: u32 = md[2..].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

fn parse_rule(content: &str, file: &str, line: usize) -> Result<CodeRule, DictError> {
    let err = |message: String| DictError::Syntax {
        file: file.to_string(),
        line,
        message,
    };
    let content = content.trim();
    let mut parts = content.splitn(2, char::is_whitespace);
    let code = parts.next().unwrap_or("").trim();
    if code.is_empty() {
        return Err(err("empty code in brackets".into()));
    }
    let restriction: String = parts
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (mut from, mut to) = (None, None);
    if !restriction.is_empty() {
        let bad = || {
            err(format!(
                "bad date restriction `{restriction}` for code {code}"
            ))
        };
        if let Some(d) = restriction.strip_prefix('<') {
            to = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some(d) = restriction.strip_prefix('>') {
            from = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some((a, b)) = restriction.split_once('-') {
            from = Some(parse_date(a).ok_or_else(bad)?);
            to = Some(parse_date(b).ok_or_else(bad)?);
        } else {
            return Err(bad());
        }
    }
    Ok(CodeRule {
        code: code.to_ascii_uppercase(),
        from,
        to,
    })
}

/// Splits a line into its phrase part and its bracketed code rules.
fn split_codes(line: &str, file: &str, n: usize) -> Result<(String, Vec<CodeRule>), DictError> {
    let phrase_end = line.find('[').unwrap_or(line.len());
    let phrase = line[..phrase_end].trim().to_string();
    let tail = &line[phrase_end..];
    if tail.matches('[').count() != tail.matches(']').count() {
        return Err(DictError::Syntax {
            file: file.to_string(),
            line: n,
            message: "unbalanced brackets".into(),
        });
    }
    let rules = bracket_contents(tail)
        .into_iter()
        .map(|c| parse_rule(c, file, n))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((phrase, rules))
}

/// Parses an actor dictionary; the first malformed line is an error.
pub fn parse_actors(file: &str, text: &str) -> Result<Vec<ActorRecord>, DictError> {
    let (records, mut errors) = parse_actors_lossy(file, text);
    match errors.is_empty() {
        true => Ok(records),
        false => Err(errors.swap_remove(0)),
    }
}

/// Parses an actor dictionary, skipping malformed lines and returning them as
/// diagnostics (the original Phoenix files have a few mistyped dates).
pub fn parse_actors_lossy(file: &str, text: &str) -> (Vec<ActorRecord>, Vec<DictError>) {
    let mut out: Vec<ActorRecord> = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in content_lines(text) {
        if let Err(e) = parse_actor_line(file, n, line, &mut out) {
            errors.push(e);
        }
    }
    (out, errors)
}

fn parse_actor_line(
    file: &str,
    n: usize,
    line: &str,
    out: &mut Vec<ActorRecord>,
) -> Result<(), DictError> {
    {
        let t = line.trim();
        if t.starts_with('[') {
            let (_, rules) = split_codes(t, file, n)?;
            match out.last_mut() {
                Some(rec) => rec.rules.extend(rules),
                None => {
                    return Err(DictError::Syntax {
                        file: file.to_string(),
                        line: n,
                        message: "code line before any actor phrase".into(),
                    })
                }
            }
        } else if let Some(syn) = t.strip_prefix('+') {
            let (phrase, rules) = split_codes(syn, file, n)?;
            match out.last_mut() {
                Some(rec) => {
                    if !phrase.is_empty() {
                        rec.phrases.push(phrase);
                    }
                    rec.rules.extend(rules);
                }
                None => {
                    return Err(DictError::Syntax {
                        file: file.to_string(),
                        line: n,
                        message: "synonym line before any actor phrase".into(),
                    })
                }
            }
        } else {
            let (phrase, rules) = split_codes(t, file, n)?;
            if phrase.is_empty() {
                return Err(DictError::Syntax {
                    file: file.to_string(),
                    line: n,
                    message: "missing actor phrase".into(),
                });
            }
            out.push(ActorRecord {
                phrases: vec![phrase],
                rules,
                line: n,
            });
        }
    }
    Ok(())
}

/// Regular English plural of the last word of a phrase, as PETRARCH makes them.
pub fn regular_plural(phrase: &str) -> String {
    let p = phrase.trim_end_matches('_');
    let upper = p.to_ascii_uppercase();
    if upper.ends_with('Y')
        && !upper.ends_with("AY")
        && !upper.ends_with("EY")
        && !upper.ends_with("OY")
    {
        format!("{}IES", &p[..p.len() - 1])
    } else if upper.ends_with('S')
        || upper.ends_with('X')
        || upper.ends_with("CH")
        || upper.ends_with("SH")
    {
        format!("{p}ES")
    } else if upper.ends_with("MAN") {
        format!("{}MEN", &p[..p.len() - 3])
    } else {
        format!("{p}S")
    }
}

/// Parses an agent dictionary.
pub fn parse_agents(file: &str, text: &str) -> Result<Vec<AgentRecord>, DictError> {
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for (n, line) in content_lines(text) {
        let t = line.trim();
        let err = |message: &str| DictError::Syntax {
            file: file.to_string(),
            line: n,
            message: message.to_string(),
        };
        if t.starts_with('!') && t.contains('=') && !t.contains('[') {
            let (name, items) = t
                .split_once('=')
                .ok_or_else(|| err("bad substitution set"))?;
            let items = items
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            sets.push((name.trim().to_string(), items));
            continue;
        }
        let code_start = t
            .find('[')
            .ok_or_else(|| err("agent line without [code]"))?;
        let code_end = t[code_start..]
            .find(']')
            .ok_or_else(|| err("unbalanced brackets"))?
            + code_start;
        let raw_code: String = t[code_start + 1..code_end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let (code, prefix) = if let Some(c) = raw_code.strip_prefix('~') {
            (c.to_string(), false)
        } else if let Some(c) = raw_code.strip_suffix('~') {
            (c.to_string(), true)
        } else {
            (raw_code.clone(), false)
        };
        if code.is_empty() {
            return Err(err("empty agent code"));
        }
        let head = &t[..code_start];
        let (phrase, plurals) = match head.find('{') {
            Some(a) => {
                let b = head[a..]
                    .find('}')
                    .ok_or_else(|| err("unclosed {plural}"))?
                    + a;
                let forms: Vec<String> = head[a + 1..b]
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                (head[..a].trim().to_string(), Some(forms))
            }
            None => (head.trim().to_string(), None),
        };
        if phrase.is_empty() {
            return Err(err("missing agent phrase"));
        }
        // Substitution sets expand without extra plural formation.
        if let Some((name, items)) = sets.iter().find(|(name, _)| phrase.contains(name.as_str())) {
            let forms = items
                .iter()
                .map(|i| phrase.replace(name.as_str(), i))
                .collect();
            out.push(AgentRecord {
                forms,
                code: code.to_ascii_uppercase(),
                prefix,
                line: n,
            });
            continue;
        }
        // A few Phoenix agents are stems ("DEFENSE_MINIST"): expand the one stem
        // in use to its forms, since matching is on whole words.
        let upper = phrase.trim_end_matches('_').to_ascii_uppercase();
        if let Some(stem) = upper
            .strip_suffix("MINISTR")
            .or_else(|| upper.strip_suffix("MINIST"))
        {
            let forms = ["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"]
                .iter()
                .map(|f| format!("{stem}{f}"))
                .collect();
            out.push(AgentRecord {
                forms,
                code: code.to_ascii_uppercase(),
                prefix,
                line: n,
            });
            continue;
        }
        let mut forms = vec![phrase.clone()];
        match plurals {
            Some(p) => forms.extend(p),
            None => forms.push(regular_plural(&phrase)),
        }
        out.push(AgentRecord {
            forms,
            code: code.to_ascii_uppercase(),
            prefix,
            line: n,
        });
    }
    Ok(out)
}

/// Parses a discard list.
pub fn parse_discards(text: &str) -> Vec<DiscardRecord> {
    content_lines(text)
        .into_iter()
        .map(|(_, line)| {
            let t = line.trim();
            let (story, t) = match t.strip_prefix('+') {
                Some(rest) => (true, rest.trim()),
                None => (false, t),
            };
            DiscardRecord {
                phrase: t.trim_end_matches('_').to_string(),
                story,
                whole_word: t.ends_with('_'),
            }
        })
        .filter(|d| !d.phrase.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_records_with_dates() {
        let text = "GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n#\t[x]\n\t[HOBREB > 990816]\nNATO [IGOWSTNAT]\nJOSEPH_LUNS_\t[IGOEUREEC 600701-601231][IGOWSTNAT 711001-840625]\n";
        let recs = parse_actors("t", text).unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].phrases, ["GOLLUM", "SMEAGOL"]);
        assert_eq!(recs[0].rules.len(), 3);
        assert_eq!(recs[0].rules[1].from, NaiveDate::from_ymd_opt(1995, 6, 1));
        assert_eq!(recs[0].rules[2].from, NaiveDate::from_ymd_opt(1999, 8, 16));
        assert_eq!(recs[2].rules[1].to, NaiveDate::from_ymd_opt(1984, 6, 25));
    }

    #[test]
    fn actor_error_names_line() {
        let err = parse_actors("x.actors.txt", "IRAN [IRN]\nFOO [IRN 99999]\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.actors.txt:2: bad date restriction `99999` for code IRN"
        );
    }

    #[test]
    fn agents_plurals_and_sets() {
        let text = "!MINST! = MINISTER, MINISTRY\nPOLICE {} [ ~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nSPY [~SPY]\nHUMAN_RIGHTS_BODY  [NGO~]\n!MINST!_OF_SILLY_WALKS [~GOV]\n";
        let a = parse_agents("t", text).unwrap();
        assert_eq!(a[0].forms, ["POLICE"]);
        assert_eq!(a[0].code, "COP");
        assert_eq!(a[1].forms, ["ATTORNEY_GENERAL", "ATTORNEYS_GENERAL"]);
        assert_eq!(a[2].forms, ["SPY", "SPIES"]);
        assert!(a[3].prefix);
        assert_eq!(
            a[4].forms,
            ["MINISTER_OF_SILLY_WALKS", "MINISTRY_OF_SILLY_WALKS"]
        );
    }

    #[test]
    fn detects_kinds() {
        assert_eq!(detect_kind("IRAN [IRN]\n+TEHRAN\n"), Some(DictKind::Actors));
        assert_eq!(detect_kind("POLICE [~COP]\n"), Some(DictKind::Agents));
        assert_eq!(
            detect_kind("+TYPHOON\nBASEBALL\n"),
            Some(DictKind::Discards)
        );
        assert_eq!(
            detect_kind("--- ATTACK [190] ---\nATTACK\n- * ARMY [190]\n"),
            None
        );
        assert_eq!(detect_kind("&AUXVERB1_\n+WAS\n+WERE\n"), None);
        assert_eq!(
            detect_kind("<ISSUE CATEGORY=\"X\">\nn:school [EDU]\n"),
            None
        );
        assert_eq!(detect_kind("abaft\nabeam\naboard\n"), None);
    }
}
