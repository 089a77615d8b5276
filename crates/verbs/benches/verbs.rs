//! Benchmarks: building the bundled dictionary, and looking up verbs and patterns in sentences.

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use verbs::{SentenceView, VerbDictionary};

fn main() {
    divan::main();
}

/// Words and actor ranges of one sentence.
type Sample = (Vec<&'static str>, Vec<(usize, usize)>);

/// A few news-like sentences.
fn sentences() -> Vec<Sample> {
    let raw: [(&str, &[(usize, usize)]); 5] = [
        ("Iran threatened Azerbaijan with military retaliation on Monday after the arrest of two diplomats .", &[(0, 1), (2, 3)]),
        ("Israel is the largest supplier of weapons to Azerbaijan , according to SIPRI figures released this week .", &[(0, 1), (8, 9)]),
        ("The United States imposed sanctions on Iranian officials accused of spying for the regime .", &[(0, 3), (6, 8)]),
        ("Armenian forces shelled Azerbaijani positions near the border , killing two soldiers , the ministry said .", &[(0, 2), (3, 5)]),
        ("Azerbaijan appointed its first-ever ambassador to Israel and Israel opened an embassy in Baku .", &[(0, 1), (6, 7), (8, 9), (13, 14)]),
    ];
    raw.iter()
        .map(|(s, a)| (s.split(' ').collect(), a.to_vec()))
        .collect()
}

#[divan::bench(sample_count = 10)]
fn build_bundled() -> VerbDictionary {
    VerbDictionary::builder().with_bundled().build()
}

#[divan::bench]
fn code_sentences(bencher: Bencher) {
    let dict = VerbDictionary::bundled();
    let data = sentences();
    let words: usize = data.iter().map(|(w, _)| w.len()).sum();
    bencher.counter(ItemsCount::new(words)).bench(|| {
        let mut coded = 0;
        for (w, a) in &data {
            let view = SentenceView {
                words: w,
                lemmas: None,
                actor_ranges: a,
            };
            for i in 0..w.len() {
                for hit in dict.verbs_at(w, None, i) {
                    if dict.best_match(&hit, &view).is_some() {
                        coded += 1;
                    }
                }
            }
        }
        // Every sentence has at least one coded verb; a broken matcher cannot pass silently.
        assert!(coded >= data.len());
        black_box(coded)
    });
}
