//! Hierarchical word clusters from dense word vectors (GloVe): recursive spherical 2-means.
//!
//! The output has the encoding of the Brown clusters in `data/syntax/clusters/clusters.tsv`,
//! so the same feature templates use it: the decision at depth `k` is bit `k` (first bit least
//! significant, so the `k`-bit path prefix is `id & ((1 << k) - 1)`), and bit `depth` is set
//! as a length marker so every id is nonzero.

use crate::hash::Rng;

/// Parameters of [`bisect`].
#[derive(Debug, Clone, Copy)]
pub struct BisectConfig {
    /// Path length in bits (number of splits from the root).
    pub depth: u32,
    /// Lloyd iterations per split (stops early when no point changes side).
    pub iterations: usize,
    /// Seed of the initial centroids.
    pub seed: u64,
}

impl Default for BisectConfig {
    fn default() -> Self {
        BisectConfig {
            depth: 12,
            iterations: 12,
            seed: 1,
        }
    }
}

/// Scales each `dim`-wide row of `flat` to unit length (zero rows stay zero).
pub fn normalize_rows(flat: &mut [f32], dim: usize) {
    for row in flat.chunks_exact_mut(dim) {
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            row.iter_mut().for_each(|x| *x /= norm);
        }
    }
}

/// Subtracts the mean row from every `dim`-wide row: GloVe vectors share a large common
/// component (largely word frequency), which otherwise dominates the cosines.
pub fn center_rows(flat: &mut [f32], dim: usize) {
    let n = flat.len() / dim;
    if n == 0 {
        return;
    }
    let mut mean = vec![0f64; dim];
    for row in flat.chunks_exact(dim) {
        mean.iter_mut()
            .zip(row)
            .for_each(|(m, x)| *m += f64::from(*x));
    }
    let mean: Vec<f32> = mean.iter().map(|m| (m / n as f64) as f32).collect();
    for row in flat.chunks_exact_mut(dim) {
        row.iter_mut().zip(&mean).for_each(|(x, m)| *x -= m);
    }
}

/// Projects the `k` leading principal directions out of the (centred) rows ("all-but-the-top",
/// Mu and Viswanath 2018): they carry mostly frequency, not syntax. Power iteration with
/// deflation on the covariance matrix, from a fixed start vector, so the result is
/// deterministic.
pub fn remove_top_components(flat: &mut [f32], dim: usize, k: usize) {
    let mut cov = vec![0f64; dim * dim];
    for row in flat.chunks_exact(dim) {
        for (i, &x) in row.iter().enumerate() {
            let x = f64::from(x);
            let c = &mut cov[i * dim..(i + 1) * dim];
            c.iter_mut()
                .zip(row)
                .for_each(|(c, &y)| *c += x * f64::from(y));
        }
    }
    let mut dirs: Vec<Vec<f64>> = Vec::new();
    for _ in 0..k.min(dim) {
        let mut v: Vec<f64> = (0..dim).map(|i| 1.0 + i as f64 / dim as f64).collect();
        for _ in 0..200 {
            let mut w: Vec<f64> = (0..dim)
                .map(|i| {
                    cov[i * dim..(i + 1) * dim]
                        .iter()
                        .zip(&v)
                        .map(|(c, x)| c * x)
                        .sum()
                })
                .collect();
            // Deflation: stay orthogonal to the directions already found.
            for d in &dirs {
                let p: f64 = w.iter().zip(d).map(|(a, b)| a * b).sum();
                w.iter_mut().zip(d).for_each(|(a, b)| *a -= p * b);
            }
            let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm == 0.0 {
                break;
            }
            v = w.iter().map(|x| x / norm).collect();
        }
        dirs.push(v);
    }
    for row in flat.chunks_exact_mut(dim) {
        for d in &dirs {
            let p: f64 = row.iter().zip(d).map(|(a, b)| f64::from(*a) * b).sum();
            row.iter_mut()
                .zip(d)
                .for_each(|(a, b)| *a -= (p * b) as f32);
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Cluster path of every row of `flat` (`dim` floats per row, ideally unit length), in row
/// order. Deterministic for a given input and config: the side that holds the lowest row index
/// (the most frequent word when rows are ordered by frequency) gets bit 0.
pub fn bisect(flat: &[f32], dim: usize, cfg: &BisectConfig) -> Vec<u32> {
    assert!(
        dim > 0 && flat.len().is_multiple_of(dim),
        "rows must be {dim} wide"
    );
    assert!(
        cfg.depth < 31,
        "depth must leave room for the length marker"
    );
    let n = flat.len() / dim;
    let row = |i: usize| &flat[i * dim..(i + 1) * dim];
    let mut paths = vec![0u32; n];
    let mut rng = Rng::new(cfg.seed);
    // Depth-first over nodes; each node is a list of row indices in increasing order.
    let mut stack: Vec<(Vec<usize>, u32)> = vec![((0..n).collect(), 0)];
    let mut side = Vec::new();
    let mut cent = vec![0f32; 2 * dim];
    while let Some((idx, level)) = stack.pop() {
        if level >= cfg.depth || idx.len() < 2 {
            continue;
        }
        // Two distinct random members as the initial centroids.
        let a = rng.below(idx.len());
        let mut b = rng.below(idx.len() - 1);
        if b >= a {
            b += 1;
        }
        cent[..dim].copy_from_slice(row(idx[a]));
        cent[dim..].copy_from_slice(row(idx[b]));
        side.clear();
        side.resize(idx.len(), 2u8);
        for _ in 0..cfg.iterations.max(1) {
            let mut changed = false;
            for (s, &i) in side.iter_mut().zip(&idx) {
                let r = row(i);
                let new = u8::from(dot(r, &cent[dim..]) > dot(r, &cent[..dim]));
                changed |= new != *s;
                *s = new;
            }
            if !changed {
                break;
            }
            cent.iter_mut().for_each(|x| *x = 0.0);
            for (&s, &i) in side.iter().zip(&idx) {
                let c = &mut cent[usize::from(s) * dim..(usize::from(s) + 1) * dim];
                c.iter_mut().zip(row(i)).for_each(|(c, x)| *c += x);
            }
            normalize_rows(&mut cent, dim);
        }
        // Canonical orientation: the first (most frequent) member is on side 0.
        let flip = side[0];
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for (&s, &i) in side.iter().zip(&idx) {
            if s ^ flip == 0 {
                left.push(i);
            } else {
                paths[i] |= 1 << level;
                right.push(i);
            }
        }
        // Right first so the left subtree is split first (the order only affects the rng).
        stack.push((right, level + 1));
        stack.push((left, level + 1));
    }
    for p in &mut paths {
        *p |= 1 << cfg.depth;
    }
    paths
}

/// Dot product with eight independent partial sums (vectorises; the order is fixed, so the
/// result is the same on every run).
fn dot8(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Cluster ids for words that lack one, taken from their nearest neighbours among words that
/// have one: for each row of `queries`, the `k` rows of `known` with the highest cosine vote
/// with their similarity and the id with the largest total wins (ties: the smaller id).
/// `known` pairs a row with its id; rows are `dim` wide and unit length.
pub fn nearest_ids(
    flat: &[f32],
    dim: usize,
    known: &[(usize, u32)],
    queries: &[usize],
    k: usize,
) -> Vec<u32> {
    let row = |i: usize| &flat[i * dim..(i + 1) * dim];
    let k = k.max(1);
    let mut best: Vec<(f32, u32)> = Vec::with_capacity(k + 1);
    let mut votes: Vec<(u32, f32)> = Vec::with_capacity(k);
    queries
        .iter()
        .map(|&q| {
            let qr = row(q);
            best.clear();
            for &(r, id) in known {
                let sim = dot8(qr, row(r));
                if best.len() < k || sim > best[best.len() - 1].0 {
                    // Insertion keeps `best` sorted by similarity, earlier rows first on ties.
                    let at = best.partition_point(|b| b.0 >= sim);
                    best.insert(at, (sim, id));
                    best.truncate(k);
                }
            }
            votes.clear();
            for &(sim, id) in &best {
                match votes.iter_mut().find(|v| v.0 == id) {
                    Some(v) => v.1 += sim,
                    None => votes.push((id, sim)),
                }
            }
            votes
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map_or(0, |v| v.0)
        })
        .collect()
}

/// Whether a vocabulary entry can be a cluster-file word (one line, one tab-free token).
pub fn usable_word(w: &str) -> bool {
    !w.is_empty() && !w.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two tight groups on opposite axes, each split again into two sub-groups.
    fn points() -> Vec<f32> {
        let mut v = Vec::new();
        for &(x, y, z) in &[
            (1.0, 0.5, 0.0),
            (-1.0, 0.0, 0.5),
            (1.0, 0.0, 0.5),
            (-1.0, 0.5, 0.0),
            (1.0, 0.6, 0.0),
            (-1.0, 0.0, 0.6),
        ] {
            v.extend_from_slice(&[x, y, z]);
        }
        normalize_rows(&mut v, 3);
        v
    }

    #[test]
    fn splits_by_direction_and_marks_length() {
        let cfg = BisectConfig {
            depth: 2,
            iterations: 10,
            seed: 7,
        };
        let p = bisect(&points(), 3, &cfg);
        // First split: the +x group (holding row 0) is side 0, the -x group side 1.
        assert_eq!(
            p.iter().map(|c| c & 1).collect::<Vec<_>>(),
            [0, 1, 0, 1, 0, 1]
        );
        // Second split separates the y-leaning from the z-leaning members of each group.
        assert_eq!(p[0] & 2, p[4] & 2);
        assert_ne!(p[0] & 2, p[2] & 2);
        assert_eq!(p[1] & 2, p[5] & 2);
        assert_ne!(p[1] & 2, p[3] & 2);
        assert!(p.iter().all(|c| c >> 2 == 1));
    }

    #[test]
    fn deterministic_for_a_seed() {
        let cfg = BisectConfig::default();
        let pts = points();
        assert_eq!(bisect(&pts, 3, &cfg), bisect(&pts, 3, &cfg));
        // Leaves with a single member stop splitting; the marker still sits at bit `depth`.
        assert!(bisect(&pts, 3, &cfg).iter().all(|c| c >> 12 == 1));
    }

    #[test]
    fn neighbours_vote_for_the_id() {
        let pts = points();
        // Rows 0 and 4 (+x, y-leaning) carry id 7, row 1 (-x) id 9; row 2 is +x, row 3 is -x.
        let known = [(0, 7), (4, 7), (1, 9)];
        assert_eq!(nearest_ids(&pts, 3, &known, &[2, 3], 1), [7, 9]);
        // With all three voting, +x rows still win for row 2 (two votes against a negative one).
        assert_eq!(nearest_ids(&pts, 3, &known, &[2], 3), [7]);
        let long: Vec<f32> = (0..20).map(|i| i as f32).collect();
        let naive: f32 = long.iter().map(|x| x * x).sum();
        assert!((dot8(&long, &long) - naive).abs() < 1e-3);
    }

    #[test]
    fn centering_removes_the_mean() {
        let mut v = vec![1.0, 2.0, 3.0, 6.0];
        center_rows(&mut v, 2);
        assert_eq!(v, [-1.0, -2.0, 1.0, 2.0]);
    }

    #[test]
    fn removing_the_top_component_leaves_the_minor_axis() {
        // Points spread along (1, 1) with a little spread along (1, -1).
        let mut v = vec![3.0, 3.0, -3.0, -3.0, 0.5, -0.5, -0.5, 0.5];
        remove_top_components(&mut v, 2, 1);
        for row in v.chunks_exact(2) {
            assert!((row[0] + row[1]).abs() < 1e-5, "{row:?}");
        }
        assert!((v[4] - 0.5).abs() < 1e-5 && v[0].abs() < 1e-5);
    }

    #[test]
    fn whitespace_words_are_not_usable() {
        assert!(usable_word("n't"));
        assert!(!usable_word("a b"));
        assert!(!usable_word(""));
    }
}
