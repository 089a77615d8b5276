//! English inflection used at load time: verb forms (-s, -ed, -ing) and noun plurals.

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a short consonant-vowel-consonant word doubles its last letter ("ban" -> "banned").
/// Over-generation is harmless (an unused key in a hash map), so the rule is deliberately loose.
fn doubles_final(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && !is_vowel(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
        && is_vowel(w[n - 2])
        && !is_vowel(w[n - 3])
        && w.iter().filter(|&&c| is_vowel(c)).count() == 1
}

/// Regular inflected forms of a lowercase verb, including the base form itself.
pub fn verb_forms(base: &str) -> Vec<String> {
    let b = base.as_bytes();
    let mut out = vec![base.to_string()];
    if b.is_empty() || !base.is_ascii() {
        return out;
    }
    let last = b[b.len() - 1];
    let stem = &base[..base.len() - 1];
    let consonant_y = last == b'y' && b.len() >= 2 && !is_vowel(b[b.len() - 2]);
    // third person singular
    if consonant_y {
        out.push(format!("{stem}ies"));
    } else if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('o')
    {
        out.push(format!("{base}es"));
    } else {
        out.push(format!("{base}s"));
    }
    // past and participle
    if last == b'e' {
        out.push(format!("{base}d"));
    } else if consonant_y {
        out.push(format!("{stem}ied"));
    } else {
        out.push(format!("{base}ed"));
    }
    // gerund
    if let Some(stem_ie) = base.strip_suffix("ie") {
        out.push(format!("{stem_ie}ying"));
    } else if last == b'e'
        && !base.ends_with("ee")
        && !base.ends_with("ye")
        && !base.ends_with("oe")
    {
        out.push(format!("{stem}ing"));
    } else {
        out.push(format!("{base}ing"));
    }
    if doubles_final(b) {
        let c = last as char;
        out.push(format!("{base}{c}ed"));
        out.push(format!("{base}{c}ing"));
    }
    out
}

/// The noun plural(s) of a lowercase word, following PETRARCH's synset rule plus the usual -es cases.
pub fn plural(word: &str) -> String {
    let b = word.as_bytes();
    if b.is_empty() {
        return String::new();
    }
    let last = b[b.len() - 1];
    if last == b'y' && b.len() >= 2 && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with('s')
        || word.ends_with('x')
        || word.ends_with('z')
        || word.ends_with("ch")
        || word.ends_with("sh")
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs() {
        assert_eq!(
            verb_forms("arrest"),
            ["arrest", "arrests", "arrested", "arresting"]
        );
        assert_eq!(
            verb_forms("accuse"),
            ["accuse", "accuses", "accused", "accusing"]
        );
        assert_eq!(verb_forms("deny"), ["deny", "denies", "denied", "denying"]);
        assert!(verb_forms("ban").contains(&"banned".to_string()));
        assert!(verb_forms("tie").contains(&"tying".to_string()));
        assert!(verb_forms("watch").contains(&"watches".to_string()));
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("army"), "armies");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("embargo"), "embargos");
        assert_eq!(plural("missile"), "missiles");
        assert_eq!(plural("press"), "presses");
    }
}
