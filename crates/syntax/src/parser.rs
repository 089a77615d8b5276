//! Greedy arc-hybrid dependency parser: a perceptron picks SHIFT/LEFT/RIGHT, a second perceptron
//! labels each arc when its dependent is popped (all of its children are known by then).

use crate::hash::{f1, f2, f3, write_keys, Rng};
use crate::perceptron::{put_str, put_u32, Reader, Trainer, Weights};
use crate::tagger::{argmax, Lex};
use crate::{DepRel, SyntaxError};

const NONE: usize = usize::MAX;
/// A training word's head when it is unknown (partial annotation, Li et al. 2014/2016): any
/// head is correct. It is outside `0..=n` and is no stack or buffer token, so
/// [`State::costs`] charges no action for such a word's own arc (only for the known arcs the
/// action makes unreachable), and no label update is made for it.
pub(crate) const UNKNOWN_HEAD: usize = NONE;
const NO_KEY: u64 = 0x4e4f_4e45;
const ROOT_KEY: u64 = 0x524f_4f54;

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;

/// Stack entries below the real stack (the root), each the sentinel token: `s(0..=2)` then
/// never needs a length check.
const PAD: usize = 3;

/// Parser configuration over tokens 1..=n (0 is the artificial root at the stack bottom).
///
/// Token `n + 1` is a sentinel standing for "no such token" (an empty stack position, a
/// position past the buffer, a missing child): every per-token array has an entry for it that
/// holds the value the feature templates use for a missing token, so computing a feature key
/// needs no checks.
#[derive(Clone)]
pub(crate) struct State {
    n: usize,
    /// The sentinel token, `n + 1`.
    none: usize,
    /// `PAD` sentinels, then the root, then the real stack.
    stack: Vec<usize>,
    b: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
    /// Per-token arc bookkeeping (one struct per token: the fields of a token share one
    /// bounds check and one cache line).
    node: Vec<Node>,
}

/// What the feature templates read about a token's children so far.
#[derive(Clone, Copy)]
struct Node {
    /// Leftmost and second-leftmost, rightmost and second-rightmost children.
    l1: usize,
    l2: usize,
    r1: usize,
    r2: usize,
    /// Feature key of the token's label (`NO_KEY` for the sentinel).
    labk: u64,
    /// Sets of the labels of left and right children (bit = label % 64).
    lset: u64,
    rset: u64,
    /// Valencies (the sentinel's is 99, the templates' value for a missing token).
    nl: u8,
    nr: u8,
}

impl State {
    fn new(n: usize) -> State {
        let mut st = State {
            n: 0,
            none: 0,
            stack: Vec::new(),
            b: 0,
            heads: Vec::new(),
            labels: Vec::new(),
            node: Vec::new(),
        };
        st.reset(n);
        st
    }

    /// Becomes the initial configuration of an `n`-word sentence, reusing the allocations.
    fn reset(&mut self, n: usize) {
        fn fill<T: Copy>(v: &mut Vec<T>, len: usize, x: T) {
            v.clear();
            v.resize(len, x);
        }
        let none = n + 1;
        self.n = n;
        self.none = none;
        self.b = 1;
        self.stack.clear();
        self.stack.extend_from_slice(&[none; PAD]);
        self.stack.push(0);
        fill(&mut self.heads, n + 1, NONE);
        fill(&mut self.labels, n + 2, u8::MAX);
        let empty = Node {
            l1: none,
            l2: none,
            r1: none,
            r2: none,
            labk: u64::from(u8::MAX),
            lset: 0,
            rset: 0,
            nl: 0,
            nr: 0,
        };
        fill(&mut self.node, n + 2, empty);
        self.node[none] = Node {
            labk: NO_KEY,
            lset: NO_KEY,
            rset: NO_KEY,
            nl: 99,
            nr: 99,
            ..empty
        };
    }

    /// Becomes a copy of `o`, reusing the allocations (beam search copies states every step).
    fn copy_from(&mut self, o: &State) {
        self.n = o.n;
        self.none = o.none;
        self.stack.clone_from(&o.stack);
        self.b = o.b;
        self.heads.clone_from(&o.heads);
        self.labels.clone_from(&o.labels);
        self.node.clone_from(&o.node);
    }

    fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() <= PAD + 1
    }

    /// The real stack (root first).
    fn real_stack(&self) -> &[usize] {
        &self.stack[PAD..]
    }

    /// The `k`-th stack token from the top (k <= 2), or the sentinel.
    #[inline]
    fn s(&self, k: usize) -> usize {
        self.stack[self.stack.len() - 1 - k]
    }

    /// The `k`-th buffer token, or the sentinel.
    #[inline]
    fn buf(&self, k: usize) -> usize {
        (self.b + k).min(self.none)
    }

    fn valid(&self) -> [bool; 3] {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let has_buf = self.b <= self.n;
        [
            has_buf,
            has_buf && s0 != self.none && s0 != 0,
            // Only one word may attach to the root: RIGHT onto the root waits for an empty buffer.
            s1 != self.none && (s1 != 0 || !has_buf),
        ]
    }

    /// The (head, dependent) pair an arc action would create.
    fn arc(&self, action: usize) -> (usize, usize) {
        match action {
            LEFT => (self.b, self.s(0)),
            _ => (self.s(1), self.s(0)),
        }
    }

    fn apply(&mut self, action: usize, label: u8) {
        if action == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let (h, d) = self.arc(action);
        self.stack.pop();
        self.heads[d] = h;
        self.labels[d] = label;
        self.node[d].labk = u64::from(label);
        let bit = 1u64 << (label % 64);
        let nh = &mut self.node[h];
        if d < h {
            nh.l2 = nh.l1;
            nh.l1 = d;
            nh.nl = nh.nl.saturating_add(1);
            nh.lset |= bit;
        } else {
            nh.r2 = nh.r1;
            nh.r1 = d;
            nh.nr = nh.nr.saturating_add(1);
            nh.rset |= bit;
        }
    }

    /// Dynamic-oracle cost of each action against gold heads (arc-hybrid, Goldberg & Nivre 2013).
    fn costs(&self, gold: &[usize]) -> [usize; 3] {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b0 = self.b;
        let in_buf = |x: usize| x != NONE && x >= self.b && x <= self.n;
        let deps_in_buf = |h: usize| (self.b..=self.n).filter(|&d| gold[d] == h).count();
        let mut c = [0usize; 3];
        if self.b <= self.n {
            c[SHIFT] = self
                .real_stack()
                .iter()
                .filter(|&&d| d != 0 && gold[d] == b0)
                .count()
                + usize::from(gold[b0] != s0 && self.real_stack().contains(&gold[b0]));
        }
        if s0 != self.none && s0 != 0 {
            let bdeps = deps_in_buf(s0);
            let g = gold[s0];
            c[LEFT] = bdeps + usize::from(g != b0 && (g == s1 || in_buf(g)));
            c[RIGHT] = bdeps + usize::from(g != s1 && in_buf(g));
        }
        c
    }
}

/// Per-token keys used by the feature templates (index 0 = root, index n + 1 = the sentinel,
/// whose keys are all `NO_KEY`). One struct per token, so the keys of a token share one
/// bounds check.
struct Toks {
    tok: Vec<TokKeys>,
    /// Whether the templates of the second cluster source are used (a property of the model).
    clu2: bool,
}

#[derive(Clone, Copy)]
struct TokKeys {
    word: u64,
    tag: u64,
    suf: u64,
    /// Brown cluster: full path, 6-bit and 4-bit prefixes.
    clu: [u64; 3],
    /// The same for the second cluster source (GloVe).
    clu2: [u64; 3],
}

impl TokKeys {
    /// A pseudo-token (the root, or the sentinel past the end) with one key everywhere.
    fn all(k: u64) -> TokKeys {
        TokKeys {
            word: k,
            tag: k,
            suf: k,
            clu: [k; 3],
            clu2: [k; 3],
        }
    }
}

impl Toks {
    fn new(lex: &[Lex], tags: &[u64], clu2: bool) -> Toks {
        let mut tk = Toks {
            tok: Vec::new(),
            clu2,
        };
        tk.fill(lex, tags);
        tk
    }

    /// Refills from a sentence, reusing the allocation.
    fn fill(&mut self, lex: &[Lex], tags: &[u64]) {
        self.tok.clear();
        self.tok.reserve(lex.len() + 2);
        self.tok.push(TokKeys::all(ROOT_KEY));
        for (l, t) in lex.iter().zip(tags) {
            self.tok.push(TokKeys {
                word: l.lower,
                tag: *t,
                suf: l.suf[2],
                clu: [l.clu, l.clu_prefix(6), l.clu_prefix(4)],
                clu2: [l.clu2, l.clu2_prefix(6), l.clu2_prefix(4)],
            });
        }
        self.tok.push(TokKeys::all(NO_KEY));
    }

    /// Cluster key `k` (0 = full path, 1 = 6-bit prefix, 2 = 4-bit prefix).
    #[inline]
    fn c(&self, i: usize, k: usize) -> u64 {
        self.tok[i].clu[k]
    }

    /// Second-source cluster key `k` (as [`Toks::c`]).
    #[inline]
    fn c2(&self, i: usize, k: usize) -> u64 {
        self.tok[i].clu2[k]
    }

    #[inline]
    fn w(&self, i: usize) -> u64 {
        self.tok[i].word
    }

    #[inline]
    fn t(&self, i: usize) -> u64 {
        self.tok[i].tag
    }

    #[inline]
    fn suf(&self, i: usize) -> u64 {
        self.tok[i].suf
    }
}

/// Distance feature of tokens `a` and `b` (99 if either is missing or `a` is the root).
#[inline]
fn dist(st: &State, a: usize, b: usize) -> u64 {
    if a == st.none || b == st.none || a == 0 {
        return 99;
    }
    let d = a.abs_diff(b) as u64;
    if d > 5 {
        5 + (d > 10) as u64
    } else {
        d
    }
}

fn transition_features(st: &State, tk: &Toks, out: &mut Vec<u64>) {
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = st.buf(0);
    let b1 = st.buf(1);
    let b2 = st.buf(2);
    let s0l = st.node[s0].l1;
    let s0r = st.node[s0].r1;
    let s0l2 = st.node[s0].l2;
    let s0r2 = st.node[s0].r2;
    let s1l = st.node[s1].l1;
    let s1r = st.node[s1].r1;
    let s1r2 = st.node[s1].r2;
    let b0l = st.node[b0].l1;
    let b0l2 = st.node[b0].l2;
    let (w, t) = (|i| tk.w(i), |i| tk.t(i));
    let lab = |i: usize| st.node[i].labk;
    let d = dist(st, s0, b0);
    let d1 = dist(st, s1, s0);
    let b0suf = tk.suf(b0);
    write_keys!(out;
        f1(0, 0),
        // unigrams
        f1(1, w(s0)),
        f1(2, t(s0)),
        f2(3, w(s0), t(s0)),
        f1(4, w(s1)),
        f1(5, t(s1)),
        f2(6, w(s1), t(s1)),
        f1(7, w(s2)),
        f1(8, t(s2)),
        f1(9, w(b0)),
        f1(10, t(b0)),
        f2(11, w(b0), t(b0)),
        f1(12, w(b1)),
        f1(13, t(b1)),
        f2(14, w(b1), t(b1)),
        f1(15, w(b2)),
        f1(16, t(b2)),
        // pairs
        f3(20, w(s0), t(s0), w(b0)),
        f3(21, w(s0), t(s0), t(b0)),
        f3(22, w(s0), w(b0), t(b0)),
        f3(23, t(s0), w(b0), t(b0)),
        f2(24, w(s0), w(b0)),
        f2(25, t(s0), t(b0)),
        f2(26, t(b0), t(b1)),
        f2(27, t(s0), t(s1)),
        f2(28, w(s0), w(s1)),
        f3(29, w(s1), t(s1), t(s0)),
        f3(30, t(s1), w(s0), t(s0)),
        f3(31, w(s1), w(s0), t(s0)),
        f2(32, w(b0), w(b1)),
        // trigrams of tags
        f3(40, t(b0), t(b1), t(b2)),
        f3(41, t(s0), t(b0), t(b1)),
        f3(42, t(s1), t(s0), t(b0)),
        f3(43, t(s2), t(s1), t(s0)),
        f3(44, t(s0), t(s0l), t(b0)),
        f3(45, t(s0), t(s0r), t(b0)),
        f3(46, t(s0), t(b0), t(b0l)),
        f3(47, t(s1), t(s0), t(s0l)),
        f3(48, t(s1), t(s0), t(s0r)),
        f3(49, t(s1), t(s1r), t(s0)),
        f3(50, t(s1), t(s1l), t(s0)),
        f3(51, t(s1), t(s0), t(b1)),
        // distance
        f2(60, w(s0), d),
        f2(61, t(s0), d),
        f2(62, w(b0), d),
        f2(63, t(b0), d),
        f3(64, w(s0), w(b0), d),
        f3(65, t(s0), t(b0), d),
        f3(66, t(s1), t(s0), d1),
        // valency
        f2(70, w(s0), u64::from(st.node[s0].nr)),
        f2(71, t(s0), u64::from(st.node[s0].nr)),
        f2(72, w(s0), u64::from(st.node[s0].nl)),
        f2(73, t(s0), u64::from(st.node[s0].nl)),
        f2(74, w(b0), u64::from(st.node[b0].nl)),
        f2(75, t(b0), u64::from(st.node[b0].nl)),
        f2(76, t(s1), u64::from(st.node[s1].nr)),
        // children
        f1(80, w(s0l)),
        f1(81, t(s0l)),
        f1(82, lab(s0l)),
        f1(83, w(s0r)),
        f1(84, t(s0r)),
        f1(85, lab(s0r)),
        f1(86, lab(s0l2)),
        f1(87, lab(s0r2)),
        f1(88, w(b0l)),
        f1(89, t(b0l)),
        f1(90, lab(b0l)),
        f1(91, lab(b0l2)),
        f1(92, w(s1r)),
        f1(93, t(s1r)),
        f1(94, lab(s1r)),
        f1(95, lab(s1l)),
        f3(96, t(s0), lab(s0l), lab(s0l2)),
        f3(97, t(s0), lab(s0r), lab(s0r2)),
        f3(98, t(b0), lab(b0l), lab(b0l2)),
        f3(99, t(s1), lab(s1r), lab(s1r2)),
        // label sets
        f2(100, w(s0), st.node[s0].lset),
        f2(101, t(s0), st.node[s0].lset),
        f2(102, w(s0), st.node[s0].rset),
        f2(103, t(s0), st.node[s0].rset),
        f2(104, w(b0), st.node[b0].lset),
        f2(105, t(b0), st.node[b0].lset),
        f3(106, t(s0), t(b0), st.node[b0].lset),
        f1(107, b0suf),
        f2(108, b0suf, t(s0)),
        f2(109, u64::from(st.b > st.n), t(s0)),
        // second-order children and wider context
        f2(110, w(s0l2), t(s0l2)),
        f2(111, w(s0r2), t(s0r2)),
        f2(112, w(b0l2), t(b0l2)),
        f3(113, w(s0), t(b0), t(b1)),
        f3(114, t(s0), w(b0), t(b1)),
        f3(115, t(s1), t(b0), dist(st, s1, b0)),
        f3(116, w(s1), t(s1), w(b0)),
        f3(117, t(s0), t(s0l), t(s0l2)),
        f3(118, t(s0), t(s0r), t(s0r2)),
        f3(119, t(b0), t(b0l), t(b0l2)),
        f3(120, w(s0), t(s0), lab(s0r)),
        f3(121, w(b0), t(b0), lab(b0l)),
        // Brown clusters (Koo et al. 2008): full paths as word-like, prefixes as tag-like keys
        f1(130, tk.c(s0, 0)),
        f1(131, tk.c(b0, 0)),
        f1(132, tk.c(s1, 0)),
        f1(133, tk.c(b1, 0)),
        f2(134, tk.c(s0, 1), tk.c(b0, 1)),
        f2(135, tk.c(s0, 2), tk.c(b0, 2)),
        f3(136, tk.c(s0, 1), t(s0), t(b0)),
        f3(137, t(s0), tk.c(b0, 1), t(b0)),
        f2(138, tk.c(s0, 0), tk.c(b0, 0)),
        f2(139, tk.c(s1, 1), tk.c(s0, 1)),
        f3(140, tk.c(s1, 2), tk.c(s0, 2), t(b0)),
        f1(141, tk.c(s0l, 1)),
        f1(142, tk.c(s0r, 1)),
        f1(143, tk.c(b0l, 1)),
        f3(144, tk.c(s0, 2), tk.c(b0, 2), d),);
    if tk.clu2 {
        out.extend_from_slice(&[
            f1(150, tk.c2(s0, 0)),
            f1(151, tk.c2(b0, 0)),
            f1(152, tk.c2(s1, 0)),
            f2(153, tk.c2(s0, 1), tk.c2(b0, 1)),
            f3(154, tk.c2(s0, 1), t(s0), t(b0)),
            f3(155, t(s0), tk.c2(b0, 1), t(b0)),
        ]);
    }
}

fn label_features(st: &State, tk: &Toks, action: usize, out: &mut Vec<u64>) {
    let (h, d) = st.arc(action);
    let (w, t) = (|i| tk.w(i), |i| tk.t(i));
    let lab = |i: usize| st.node[i].labk;
    let dir = action as u64;
    let dl = st.node[d].l1;
    let dl2 = st.node[d].l2;
    let dr = st.node[d].r1;
    let hl = st.node[h].l1;
    let hr = st.node[h].r1;
    let prev = if d > 1 { d - 1 } else { st.none };
    let next = if d < st.n { d + 1 } else { st.none };
    let dd = dist(st, h, d);
    let dsuf = tk.suf(d);
    write_keys!(out;
        f1(0, dir),
        f2(1, w(d), dir),
        f2(2, t(d), dir),
        f2(3, w(h), dir),
        f2(4, t(h), dir),
        f3(5, t(d), t(h), dir),
        f3(6, w(d), t(h), dir),
        f3(7, t(d), w(h), dir),
        f3(8, w(d), w(h), dir),
        f3(9, t(d), t(h), dd),
        f2(10, dsuf, dir),
        // the dependent's own children (complete when it is popped)
        f2(20, w(dl), t(d)),
        f2(21, t(dl), t(d)),
        f2(22, lab(dl), t(d)),
        f2(23, w(dl2), t(d)),
        f2(24, w(dr), t(d)),
        f2(25, t(dr), t(d)),
        f2(26, lab(dr), t(d)),
        f3(27, st.node[d].lset, t(d), dir),
        f3(28, st.node[d].rset, t(d), dir),
        f3(29, w(dl), t(d), t(h)),
        f3(30, w(dl), w(h), dir),
        // the head's children so far (e.g. a passive auxiliary)
        f3(40, st.node[h].lset, t(d), dir),
        f3(41, st.node[h].rset, t(d), dir),
        f3(42, lab(hl), t(d), dir),
        f3(43, lab(hr), t(d), dir),
        f3(44, st.node[h].lset, t(h), dir),
        f3(45, w(hl), t(d), t(h)),
        // surface context
        f2(50, w(prev), t(d)),
        f2(51, t(prev), t(d)),
        f2(52, w(next), t(d)),
        f2(53, t(next), t(d)),
        f3(54, t(prev), t(d), t(next)),
        f2(55, u64::from(h == 0), t(d)),
        f2(56, w(st.buf(0)), t(d)),
        f3(57, t(st.buf(0)), t(d), dir),
        // Brown clusters
        f2(60, tk.c(d, 0), dir),
        f2(61, tk.c(h, 0), dir),
        f3(62, tk.c(d, 1), tk.c(h, 1), dir),
        f3(63, tk.c(d, 0), t(h), dir),
        f3(64, t(d), tk.c(h, 0), dir),
        f2(65, tk.c(dl, 1), t(d)),);
    if tk.clu2 {
        out.extend_from_slice(&[
            f2(70, tk.c2(d, 0), dir),
            f2(71, tk.c2(h, 0), dir),
            f3(72, tk.c2(d, 1), tk.c2(h, 1), dir),
        ]);
    }
}

pub(crate) struct Parser {
    labels: Vec<DepRel>,
    trans: Weights,
    label: Weights,
    /// Beam width used by [`Parser::parse`] (1 = greedy). Stored in the model (the width it
    /// was trained with) and changeable at run time.
    beam: usize,
    /// Uses the second cluster source's templates (written as "CSPX").
    clu2: bool,
    /// Trained with [`train_beam`] (written as "CSPB" with the beam width, even if the width
    /// was set to 1 later).
    global: bool,
}

/// Per-thread buffers of the greedy parser, reused from sentence to sentence.
struct Scratch {
    tk: Toks,
    st: State,
    feats: Vec<u64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch {
        tk: Toks::new(&[], &[], false),
        st: State::new(0),
        feats: Vec::with_capacity(128),
    });
}

/// One hypothesis of the beam: a configuration, the (action, label) sequence that built it and
/// the sum of its transition scores.
struct Item {
    st: State,
    hist: Vec<(u8, u8)>,
    score: f64,
    /// Whether `hist` is a prefix of the oracle sequence (training only).
    gold: bool,
}

impl Item {
    fn new(n: usize) -> Item {
        Item {
            st: State::new(n),
            hist: Vec::with_capacity(2 * n),
            score: 0.0,
            gold: true,
        }
    }

    fn copy_from(&mut self, o: &Item) {
        self.st.copy_from(&o.st);
        self.hist.clone_from(&o.hist);
        self.score = o.score;
        self.gold = o.gold;
    }

    fn apply(&mut self, action: usize, label: u8) {
        self.st.apply(action, label);
        self.hist.push((action as u8, label));
    }
}

/// Beam search over arc-hybrid transitions. Every complete sequence has 2n transitions, so
/// all hypotheses finish at the same step.
struct Beam {
    cur: Vec<Item>,
    next: Vec<Item>,
    pool: Vec<Item>,
    /// (score, item, action) of every expansion of the current beam.
    cands: Vec<(f64, u32, u8)>,
    feats: Vec<u64>,
}

impl Beam {
    fn new() -> Beam {
        Beam {
            cur: Vec::new(),
            next: Vec::new(),
            pool: Vec::new(),
            cands: Vec::new(),
            feats: Vec::with_capacity(160),
        }
    }

    fn item(&mut self) -> Item {
        self.pool.pop().unwrap_or_else(|| Item::new(0))
    }

    fn start(&mut self, n: usize) {
        self.pool.append(&mut self.cur);
        let mut it = self.item();
        it.copy_from(&Item::new(n));
        self.cur.push(it);
    }

    fn done(&self) -> bool {
        self.cur[0].st.terminal()
    }

    /// Expands every hypothesis by its valid actions and keeps the `width` best (ties: earlier
    /// hypothesis, then lower action). `trans` scores one configuration's features, `label`
    /// labels the arc an action creates; `gold_action` marks the oracle's continuation.
    fn step(
        &mut self,
        width: usize,
        tk: &Toks,
        trans: &mut impl FnMut(&[u64], &mut [f32; 3]),
        label: &mut impl FnMut(&State, usize) -> u8,
        gold_action: usize,
    ) {
        self.cands.clear();
        let mut scores = [0f32; 3];
        for (i, it) in self.cur.iter().enumerate() {
            let valid = it.st.valid();
            if let Some(a) = forced(valid) {
                self.cands.push((it.score, i as u32, a as u8));
                continue;
            }
            transition_features(&it.st, tk, &mut self.feats);
            trans(&self.feats, &mut scores);
            for a in 0..3 {
                if valid[a] {
                    self.cands
                        .push((it.score + f64::from(scores[a]), i as u32, a as u8));
                }
            }
        }
        // Stable: equal scores keep the (item, action) order.
        self.cands.sort_by(|x, y| y.0.total_cmp(&x.0));
        for c in 0..self.cands.len().min(width) {
            let (score, i, a) = self.cands[c];
            let mut it = self.item();
            let parent = &self.cur[i as usize];
            it.copy_from(parent);
            let a = usize::from(a);
            let lab = if a == SHIFT { 0 } else { label(&it.st, a) };
            it.apply(a, lab);
            it.score = score;
            it.gold = parent.gold && a == gold_action;
            self.next.push(it);
        }
        self.pool.append(&mut self.cur);
        std::mem::swap(&mut self.cur, &mut self.next);
    }
}

impl Parser {
    pub fn heap_bytes(&self) -> usize {
        self.trans.heap_bytes() + self.label.heap_bytes()
    }

    pub fn rows(&self) -> (usize, usize) {
        (self.trans.rows(), self.label.rows())
    }

    /// Returns 1-based heads (0 = root) and relations, one per word.
    /// `lex` are the tagger's lexical keys, `tags` its keys for the predicted joint tags
    /// ([`crate::tagger::Tagger::key`]).
    pub fn parse(&self, lex: &[Lex], tags: &[u64]) -> (Vec<usize>, Vec<DepRel>) {
        if self.beam > 1 {
            return self.parse_beam(lex, tags, self.beam);
        }
        SCRATCH.with_borrow_mut(|sc| {
            let Scratch { tk, st, feats } = sc;
            tk.clu2 = self.clu2;
            tk.fill(lex, tags);
            st.reset(lex.len());
            let mut scores = [0f32; 3];
            while !st.terminal() {
                let valid = st.valid();
                let action = match forced(valid) {
                    Some(a) => a,
                    None => {
                        transition_features(st, tk, feats);
                        self.trans.score(feats, &mut scores);
                        best_valid(&scores, valid)
                    }
                };
                let label = if action == SHIFT {
                    0
                } else {
                    label_features(st, tk, action, feats);
                    self.label.best(feats) as u8
                };
                st.apply(action, label);
            }
            self.output(st)
        })
    }

    /// Beam search with `width` hypotheses.
    fn parse_beam(&self, lex: &[Lex], tags: &[u64], width: usize) -> (Vec<usize>, Vec<DepRel>) {
        let n = lex.len();
        let tk = Toks::new(lex, tags, self.clu2);
        let mut beam = Beam::new();
        beam.start(n);
        let mut lfeats = Vec::with_capacity(64);
        let mut lscores = vec![0f32; self.labels.len()];
        let mut trans = |f: &[u64], s: &mut [f32; 3]| self.trans.score(f, s);
        let mut label = |st: &State, a: usize| {
            label_features(st, &tk, a, &mut lfeats);
            self.label.score(&lfeats, &mut lscores);
            argmax(&lscores) as u8
        };
        while !beam.done() {
            beam.step(width, &tk, &mut trans, &mut label, NONE);
        }
        self.output(&beam.cur[0].st)
    }

    pub fn beam(&self) -> usize {
        self.beam
    }

    pub fn set_beam(&mut self, width: usize) {
        self.beam = width.max(1);
    }

    fn output(&self, st: &State) -> (Vec<usize>, Vec<DepRel>) {
        let heads = st.heads[1..].to_vec();
        let labels = st.labels[1..=st.n]
            .iter()
            .zip(&heads)
            .map(|(&l, &h)| {
                if h == 0 {
                    DepRel::ROOT
                } else {
                    self.labels.get(l as usize).copied().unwrap_or(DepRel::DEP)
                }
            })
            .collect();
        (heads, labels)
    }

    pub fn write(&self, prune: f32) -> Vec<u8> {
        // Greedy models keep the original format; "CSPB" (globally trained) adds the beam width.
        // "CSPX": the second cluster source's templates, then the beam width and the
        // global flag.
        let mut out = if self.clu2 {
            let mut o = b"CSPX".to_vec();
            put_u32(&mut o, self.beam as u32);
            put_u32(&mut o, u32::from(self.global));
            o
        } else if self.global {
            let mut o = b"CSPB".to_vec();
            put_u32(&mut o, self.beam as u32);
            o
        } else {
            b"CSPP".to_vec()
        };
        put_u32(&mut out, self.labels.len() as u32);
        for l in &self.labels {
            put_str(&mut out, l.as_str());
        }
        self.trans.write(&mut out, prune);
        self.label.write(&mut out, prune);
        out
    }

    /// The parser whose weights are the mean of `parsers`' weights: for greedy parsers with
    /// the same feature templates and keyless transition table size this scores every
    /// transition and label with the mean of their scores (a score-level ensemble at the cost
    /// of one parser). Labels are matched by name (union, first parser's order first).
    pub fn average(parsers: &[&Parser]) -> Result<Parser, SyntaxError> {
        let err = |msg: String| SyntaxError::Average(msg);
        let Some(first) = parsers.first() else {
            return Err(err("no parsers to average".to_string()));
        };
        for p in parsers {
            if (p.clu2, p.global, p.beam) != (first.clu2, first.global, first.beam) {
                return Err(err(
                    "parsers differ in feature templates or training (beam, cluster source)"
                        .to_string(),
                ));
            }
        }
        let label_lists: Vec<&[DepRel]> = parsers.iter().map(|p| p.labels.as_slice()).collect();
        let (labels, label_maps) = crate::perceptron::union_classes(&label_lists);
        if labels.len() > 250 {
            return Err(err("too many labels".to_string()));
        }
        let trans: Vec<&Weights> = parsers.iter().map(|p| &p.trans).collect();
        let trans_maps = vec![vec![0, 1, 2]; parsers.len()];
        let trans = Weights::average(&trans, &trans_maps, 3).map_err(err)?;
        let label: Vec<&Weights> = parsers.iter().map(|p| &p.label).collect();
        let label = Weights::average(&label, &label_maps, labels.len()).map_err(err)?;
        Ok(Parser {
            labels,
            trans,
            label,
            beam: first.beam,
            global: first.global,
            clu2: first.clu2,
        })
    }

    pub fn read(data: &[u8]) -> Result<Parser, SyntaxError> {
        let mut r = Reader::new("parser", data);
        let (beam, global, clu2) = match r.bytes(4)? {
            b"CSPP" => (1, false, false),
            b"CSPB" => (r.u32()? as usize, true, false),
            b"CSPX" => (r.u32()? as usize, r.u32()? != 0, true),
            _ => return Err(r.err("bad magic number (not a syntax model file)")),
        };
        if beam == 0 || beam > 256 {
            return Err(r.err("implausible beam width"));
        }
        let n = r.u32()? as usize;
        if n > 250 {
            return Err(r.err("too many labels"));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(DepRel::parse(&r.string()?));
        }
        let trans = Weights::read(&mut r)?;
        let label = Weights::read(&mut r)?;
        if trans.classes() != 3 || label.classes() != n {
            return Err(r.err("weight table class counts do not match"));
        }
        Ok(Parser {
            labels,
            trans,
            label,
            beam,
            global,
            clu2,
        })
    }
}

/// The only valid action, if there is exactly one (it needs no scoring).
fn forced(valid: [bool; 3]) -> Option<usize> {
    match valid {
        [true, false, false] => Some(SHIFT),
        [false, true, false] => Some(LEFT),
        [false, false, true] => Some(RIGHT),
        _ => None,
    }
}

fn best_valid(scores: &[f32; 3], valid: [bool; 3]) -> usize {
    let mut best = NONE;
    for a in 0..3 {
        if valid[a] && (best == NONE || scores[a] > scores[best]) {
            best = a;
        }
    }
    best
}

/// One training sentence: lexical keys, predicted tags, gold heads (1-based, 0 = root, or
/// [`UNKNOWN_HEAD`] for partial annotation: only [`train`] accepts those), gold label ids (a
/// word with an unknown head has an unused placeholder label).
pub(crate) struct TrainSent {
    pub lex: Vec<Lex>,
    pub tags: Vec<u64>,
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
}

/// Model options fixed at training time.
#[derive(Clone, Copy)]
pub(crate) struct Shape {
    /// See [`crate::train::TrainConfig::trans_bits`].
    pub trans_bits: u32,
    /// Use the second cluster source's templates.
    pub clu2: bool,
}

pub(crate) fn train(
    labels: Vec<DepRel>,
    sents: &[TrainSent],
    epochs: usize,
    explore: f64,
    shape: Shape,
    rng: &mut Rng,
    mut log: impl FnMut(usize, f64, f64),
) -> Parser {
    let Shape { trans_bits, clu2 } = shape;
    let mut trans = transition_trainer(trans_bits);
    let mut label = Trainer::new(labels.len());
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut feats = Vec::with_capacity(128);
    let mut lfeats = Vec::with_capacity(64);
    let mut scores = [0f32; 3];
    let mut lscores = vec![0f32; labels.len()];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut uas, mut las, mut total) = (0usize, 0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let n = s.lex.len();
            let mut gold = Vec::with_capacity(n + 1);
            gold.push(NONE);
            gold.extend_from_slice(&s.heads);
            let tk = Toks::new(&s.lex, &s.tags, clu2);
            let mut st = State::new(n);
            while !st.terminal() {
                let valid = st.valid();
                let costs = st.costs(&gold);
                let guess = match forced(valid) {
                    Some(a) => a,
                    None => {
                        transition_features(&st, &tk, &mut feats);
                        trans.score(&feats, &mut scores);
                        best_valid(&scores, valid)
                    }
                };
                let min = (0..3)
                    .filter(|&a| valid[a])
                    .map(|a| costs[a])
                    .min()
                    .unwrap_or(0);
                let mut best = NONE;
                for a in 0..3 {
                    if valid[a] && costs[a] == min && (best == NONE || scores[a] > scores[best]) {
                        best = a;
                    }
                }
                if forced(valid).is_none() {
                    trans.update(&feats, best, guess);
                    trans.tick();
                }
                let action = if costs[guess] == min || (epoch > 0 && rng.unit() < explore) {
                    guess
                } else {
                    best
                };
                let mut lab = 0u8;
                if action != SHIFT {
                    let (h, d) = st.arc(action);
                    label_features(&st, &tk, action, &mut lfeats);
                    label.score(&lfeats, &mut lscores);
                    let lg = argmax(&lscores);
                    if gold[d] == h && h != 0 {
                        let truth = usize::from(s.labels[d - 1]);
                        label.update(&lfeats, truth, lg);
                        label.tick();
                        uas += 1;
                        las += usize::from(lg == truth);
                    } else if gold[d] == h {
                        uas += 1;
                        las += 1;
                    }
                    lab = lg as u8;
                    // Training accuracy over the known arcs only.
                    total += usize::from(gold[d] != UNKNOWN_HEAD);
                }
                st.apply(action, lab);
            }
        }
        log(
            epoch,
            uas as f64 / total.max(1) as f64,
            las as f64 / total.max(1) as f64,
        );
    }
    Parser {
        labels,
        trans: trans.finish(),
        label: label.finish(),
        beam: 1,
        global: false,
        clu2,
    }
}

/// The transition classifier's trainer: keyless with `2^bits` slots, or keyed when `bits` is 0.
fn transition_trainer(bits: u32) -> Trainer {
    if bits == 0 {
        Trainer::new(3)
    } else {
        Trainer::hashed(3, bits)
    }
}

/// A minimum-cost transition sequence for `gold` heads (index 0 unused): at each step the
/// cheapest valid action by the dynamic oracle, arcs before SHIFT (arc-eager order). For a
/// non-projective tree it builds the best reachable projective tree.
fn oracle_sequence(gold: &[usize]) -> Vec<usize> {
    let n = gold.len() - 1;
    let mut st = State::new(n);
    let mut seq = Vec::with_capacity(2 * n);
    while !st.terminal() {
        let valid = st.valid();
        let costs = st.costs(gold);
        let a = [LEFT, RIGHT, SHIFT]
            .into_iter()
            .filter(|&a| valid[a])
            .min_by_key(|&a| costs[a])
            .expect("a non-terminal state has a valid action");
        st.apply(a, 0);
        seq.push(a);
    }
    seq
}

/// Adds `sign` x (the features' row for `action`) to the transition weights: a structured
/// update touches single classes, since the correct and the predicted transition sequences
/// generally have different features.
fn structured_update(trans: &mut Trainer, feats: &[u64], action: usize, sign: bool) {
    trans.add(feats, action, if sign { 1.0 } else { -1.0 });
}

/// Replays `hist` from the initial configuration and calls `f` with the features and action
/// of every scored (not forced) transition from index `from` on.
fn replay(
    n: usize,
    tk: &Toks,
    hist: &[(u8, u8)],
    from: usize,
    feats: &mut Vec<u64>,
    mut f: impl FnMut(&[u64], usize),
) {
    let mut st = State::new(n);
    for (t, &(a, l)) in hist.iter().enumerate() {
        if t >= from && forced(st.valid()).is_none() {
            transition_features(&st, tk, feats);
            f(feats, usize::from(a));
        }
        st.apply(usize::from(a), l);
    }
}

/// (violation, step, the best hypothesis's (action, label) history up to that step)
type Violation = (f64, usize, Vec<(u8, u8)>);

/// Globally trained beam-search parser (Zhang & Nivre 2011) with max-violation updates
/// (Huang et al. 2012): the transition perceptron is updated on the prefix pair where the best
/// hypothesis outscores the oracle prefix by the most. Arc labels come from the separate
/// labeller, trained on the oracle sequence's configurations.
pub(crate) fn train_beam(
    labels: Vec<DepRel>,
    sents: &[TrainSent],
    epochs: usize,
    width: usize,
    shape: Shape,
    rng: &mut Rng,
    mut log: impl FnMut(usize, f64, f64),
) -> Parser {
    assert!(
        !sents.iter().any(|s| s.heads.contains(&UNKNOWN_HEAD)),
        "beam training needs complete trees (the caller rejects partial annotation)"
    );
    let Shape { trans_bits, clu2 } = shape;
    let mut trans = transition_trainer(trans_bits);
    let mut label = Trainer::new(labels.len());
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut beam = Beam::new();
    let mut feats = Vec::with_capacity(160);
    let mut lfeats = Vec::with_capacity(64);
    let mut bfeats = Vec::with_capacity(64);
    let mut scores = [0f32; 3];
    let mut lscores = vec![0f32; labels.len()];
    let mut bscores = vec![0f32; labels.len()];
    let mut lupdates: Vec<(Vec<u64>, usize, usize)> = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut uas, mut las, mut total) = (0usize, 0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let n = s.lex.len();
            let mut gold = Vec::with_capacity(n + 1);
            gold.push(NONE);
            gold.extend_from_slice(&s.heads);
            let seq = oracle_sequence(&gold);
            let tk = Toks::new(&s.lex, &s.tags, clu2);
            let mut g = Item::new(n);
            beam.start(n);
            let mut worst: Option<Violation> = None;
            lupdates.clear();
            {
                let mut tscore = |f: &[u64], o: &mut [f32; 3]| trans.score(f, o);
                let mut lab = |st: &State, a: usize| {
                    label_features(st, &tk, a, &mut bfeats);
                    label.score(&bfeats, &mut bscores);
                    argmax(&bscores) as u8
                };
                for (t, &ga) in seq.iter().enumerate() {
                    beam.step(width, &tk, &mut tscore, &mut lab, ga);
                    // The oracle prefix, scored and labelled exactly as a hypothesis would be.
                    if forced(g.st.valid()).is_none() {
                        transition_features(&g.st, &tk, &mut feats);
                        tscore(&feats, &mut scores);
                        g.score += f64::from(scores[ga]);
                    }
                    let mut gl = 0u8;
                    if ga != SHIFT {
                        let (h, d) = g.st.arc(ga);
                        label_features(&g.st, &tk, ga, &mut lfeats);
                        label.score(&lfeats, &mut lscores);
                        gl = argmax(&lscores) as u8;
                        if gold[d] == h && h != 0 {
                            let truth = usize::from(s.labels[d - 1]);
                            lupdates.push((lfeats.clone(), truth, usize::from(gl)));
                        }
                    }
                    g.apply(ga, gl);
                    let best = &beam.cur[0];
                    if !best.gold {
                        let v = best.score - g.score;
                        if worst.as_ref().is_none_or(|w| v >= w.0) {
                            worst = Some((v, t, best.hist.clone()));
                        }
                    }
                }
            }
            let best = &beam.cur[0];
            for (d, &g) in gold.iter().enumerate().skip(1) {
                if best.st.heads[d] == g {
                    uas += 1;
                    las += usize::from(best.st.labels[d] == s.labels[d - 1] || g == 0);
                }
                total += 1;
            }
            if let Some((_, t, hist)) = worst {
                let common = hist.iter().zip(&g.hist).take_while(|(a, b)| a == b).count();
                replay(n, &tk, &g.hist[..=t], common, &mut feats, |f, a| {
                    structured_update(&mut trans, f, a, true)
                });
                replay(n, &tk, &hist, common, &mut feats, |f, a| {
                    structured_update(&mut trans, f, a, false)
                });
            }
            trans.tick();
            for (f, truth, guess) in &lupdates {
                label.update(f, *truth, *guess);
                label.tick();
            }
        }
        log(
            epoch,
            uas as f64 / total.max(1) as f64,
            las as f64 / total.max(1) as f64,
        );
    }
    Parser {
        labels,
        trans: trans.finish(),
        label: label.finish(),
        beam: width,
        global: true,
        clu2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracle_reaches_projective_gold_tree() {
        // "The embassy was attacked ." heads: 2 4 4 0 4
        let gold = vec![NONE, 2, 4, 4, 0, 4];
        let mut st = State::new(5);
        while !st.terminal() {
            let valid = st.valid();
            let costs = st.costs(&gold);
            let a = (0..3)
                .find(|&a| valid[a] && costs[a] == 0)
                .expect("zero-cost action");
            st.apply(a, 0);
        }
        assert_eq!(&st.heads[1..], &gold[1..]);
    }

    #[test]
    fn oracle_sequence_builds_the_tree() {
        // "Police arrested two men in Paris ." heads: 2 0 4 2 6 2 2
        let gold = vec![NONE, 2, 0, 4, 2, 6, 2, 2];
        let seq = oracle_sequence(&gold);
        assert_eq!(seq.len(), 14);
        let mut st = State::new(7);
        for a in seq {
            st.apply(a, 0);
        }
        assert!(st.terminal());
        assert_eq!(&st.heads[1..], &gold[1..]);
    }

    #[test]
    fn unknown_heads_cost_nothing_but_known_arcs_still_do() {
        // "The embassy was attacked ." heads: 2 4 4 0 4; the partial tree leaves "was" unknown.
        let full = vec![NONE, 2, 4, 4, 0, 4];
        let mut partial = full.clone();
        partial[3] = UNKNOWN_HEAD;
        // Stack: root The embassy was; buffer: attacked .
        let mut st = State::new(5);
        for _ in 0..3 {
            st.apply(SHIFT, 0);
        }
        // SHIFT loses embassy -> attacked, was -> attacked and attacked -> root (on the stack).
        assert_eq!(st.costs(&full), [3, 0, 1]);
        // Without "was"'s arc: SHIFT loses two known arcs, RIGHT (embassy -> was) none.
        assert_eq!(st.costs(&partial), [2, 0, 0]);
        // Any sequence of zero-cost actions builds every known arc.
        let mut rng = Rng::new(7);
        for _ in 0..20 {
            let mut st = State::new(5);
            while !st.terminal() {
                let valid = st.valid();
                let costs = st.costs(&partial);
                let zero: Vec<usize> = (0..3).filter(|&a| valid[a] && costs[a] == 0).collect();
                assert!(!zero.is_empty(), "a zero-cost action exists");
                st.apply(zero[rng.below(zero.len())], 0);
            }
            for d in [1, 2, 4, 5] {
                assert_eq!(st.heads[d], full[d], "word {d}");
            }
        }
    }

    #[test]
    fn greedy_training_on_partial_trees_fits_the_known_arcs() {
        let full = [
            (vec![1, 2, 3, 1, 2, 5], vec![2, 3, 0, 5, 3, 3]),
            (vec![2, 3, 2, 4, 2, 5], vec![2, 0, 2, 5, 2, 2]),
            (vec![1, 2, 4, 1, 2, 3, 5], vec![2, 6, 5, 5, 2, 0, 6]),
            (vec![2, 3, 4, 2, 5], vec![2, 0, 4, 2, 2]),
        ];
        // Each sentence twice, with a different word's arc unknown in each copy.
        let mut data = Vec::new();
        for (k, (tags, heads)) in full.iter().enumerate() {
            for hide in [k % 3, 3 + k % 2] {
                let mut h = heads.clone();
                h[hide] = UNKNOWN_HEAD;
                data.push(sent(tags, &h));
            }
        }
        let labels = vec![DepRel::DEP, DepRel::ROOT];
        let shape = Shape {
            trans_bits: 16,
            clu2: false,
        };
        let mut last = (0.0, 0.0);
        let p = train(
            labels,
            &data,
            10,
            0.9,
            shape,
            &mut Rng::new(1),
            |_, u, l| last = (u, l),
        );
        // Training accuracy counts the known arcs only, so it can reach 100 %.
        assert_eq!(last, (1.0, 1.0));
        for (tags, heads) in &full {
            let (h, _) = p.parse(&sent(tags, heads).lex, tags);
            assert_eq!(&h, heads);
        }
    }

    /// A sentence of words with the given tags (word key = tag key + position).
    fn sent(tags: &[u64], heads: &[usize]) -> TrainSent {
        let lex = tags
            .iter()
            .enumerate()
            .map(|(i, &t)| Lex {
                lower: t * 100 + i as u64,
                ..Lex::default()
            })
            .collect();
        TrainSent {
            lex,
            tags: tags.to_vec(),
            heads: heads.to_vec(),
            labels: heads.iter().map(|&h| u8::from(h == 0)).collect(),
        }
    }

    #[test]
    fn beam_training_fits_and_round_trips() {
        // DET=1 NOUN=2 VERB=3 ADP=4 PUNCT=5
        let data = vec![
            sent(&[1, 2, 3, 1, 2, 5], &[2, 3, 0, 5, 3, 3]),
            sent(&[2, 3, 2, 4, 2, 5], &[2, 0, 2, 5, 2, 2]),
            sent(&[1, 2, 4, 1, 2, 3, 5], &[2, 6, 5, 5, 2, 0, 6]),
            sent(&[2, 3, 4, 2, 5], &[2, 0, 4, 2, 2]),
        ];
        let labels = vec![DepRel::DEP, DepRel::ROOT];
        let shape = Shape {
            trans_bits: 16,
            clu2: false,
        };
        let p = train_beam(labels, &data, 8, 4, shape, &mut Rng::new(1), |_, _, _| {});
        assert_eq!(p.beam(), 4);
        let bytes = p.write(0.0);
        assert_eq!(&bytes[..4], b"CSPB");
        let mut q = Parser::read(&bytes).expect("reads back");
        assert_eq!(q.beam(), 4);
        for s in &data {
            let (heads, _) = q.parse(&s.lex, &s.tags);
            assert_eq!(heads, s.heads);
        }
        // Greedy decoding of the same model still yields a tree (one root).
        q.set_beam(1);
        for s in &data {
            let (heads, _) = q.parse(&s.lex, &s.tags);
            assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1);
        }
    }
}
