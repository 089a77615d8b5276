//! Averaged multiclass perceptron: a sparse or keyless (hashed) trainer and compact, quantised lookup tables for inference.

use std::collections::HashMap;

use crate::hash::IdBuild;
use crate::SyntaxError;

/// Weights used at inference: an open-addressed table from (32-bit) feature key to class
/// weights quantised to i16 (one scale per table; only argmax matters at inference).
///
/// Tables with at most three classes keep the weights inline in an 8-byte slot together with
/// 16 more key bits (the slot position supplies the rest), so one feature costs one cache line;
/// wider tables keep the nonzero (class, weight) pairs of short rows and every class of wide
/// rows (the frequent features, which have a weight for many classes), so those sum with
/// vector instructions instead of one scattered add per pair. A keyless table (see `hashed`)
/// keeps no keys at all.
pub struct Weights {
    n: usize,
    mask: usize,
    rows: usize,
    scale: f32,
    /// n <= 3: [key tag, w0, w1, w2]; tag 0 = empty.
    dense: Vec<[i16; 4]>,
    /// n <= 3: the full keys in insertion order, only read when the table is written out
    /// (each is looked up again to find its slot).
    dense_keys: Vec<u32>,
    /// n > 3: [key, start << 8 | len] into `pairs`; key 0 = empty. Eight bytes, so a slot
    /// never straddles a cache line.
    slots: Vec<[u32; 2]>,
    pairs: Vec<(u16, i16)>,
    /// n > 3: wide rows, `width` weights each (classes padded to a multiple of 8); a slot
    /// whose length field is 0 holds a row index here instead of a start in `pairs`.
    wide: Vec<i16>,
    width: usize,
    /// Keyless (hashing-trick) table for at most four classes: a feature's row is
    /// `hashed[slot(key, mask)]`, one 8-byte load and no probe; features that share a slot
    /// share its weights (the trainer hashes into the same slots, so it learns with the same
    /// collisions). Empty for keyed tables.
    hashed: Vec<[i16; 4]>,
}

/// Marks a keyless hashed table in the class-count field of the file header.
const HASHED_FLAG: u32 = 1 << 31;

/// Largest keyless table (2^24 slots of 8 bytes = 128 MiB) accepted from a model file or trained.
pub const MAX_HASH_BITS: u32 = 24;

/// Slot of feature key `f` in a keyless table of `mask + 1` slots. Bit 0 of a key is always
/// set and bits 1..32 are the high half of the key's last multiply (see `hash::fold`), the
/// best-mixed bits.
#[inline]
pub fn slot(f: u64, mask: usize) -> usize {
    (f >> 1) as usize & mask
}

/// A zeroed table of `len` rows that the kernel backs with 2 MiB pages where it can.
///
/// Every transition costs ~110 random reads of the keyless table (32 MiB at 2^22 slots); with
/// 4 KiB pages nearly each of them also misses the TLB (8,192 pages against ~2,000 TLB entries),
/// with 2 MiB pages the whole table needs 16 entries. The allocation is zeroed by the kernel and
/// untouched until it is filled, so the advice comes before any page exists.
fn huge_zeroed(len: usize) -> Vec<[i16; 4]> {
    let mut v = vec![[0i16; 4]; len];
    advise_huge_pages(&mut v);
    v
}

/// Asks for transparent huge pages over the whole pages inside `v` (Linux, large tables only;
/// a no-op elsewhere or when the kernel refuses).
fn advise_huge_pages<T>(v: &mut [T]) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let len = std::mem::size_of_val(v);
        if len < 4 << 20 {
            return;
        }
        let start = v.as_mut_ptr() as usize;
        let first = start.next_multiple_of(PAGE);
        let end = (start + len) & !(PAGE - 1);
        if end > first {
            // SAFETY: [first, end) lies inside the allocation of `v`, which is borrowed
            // mutably; MADV_HUGEPAGE changes only how the kernel backs those pages, never
            // their contents, and a failure (e.g. THP disabled) leaves everything as it was.
            unsafe {
                libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

/// Largest number of (class, weight) pairs a sparse table can address (24-bit start).
const MAX_PAIRS: usize = 1 << 24;

/// A row is stored wide when at least `1 / WIDE_FRACTION` of its `width` lanes are nonzero.
/// Measured on EWT dev (instructions per word, tag + parse, incl. reading and scoring the
/// CoNLL-U), session 3 (SSE2 sums): 1/2 33,440; 1/3 33,460; 1/4 33,960; no wide rows 34,940.
/// Session 5 (AVX2 sums, EWT train+dev model), instructions / D1 misses per word: 1/2
/// 24,111 / 409.9; 1/3 23,428 / 411.5; 1/4 23,186 / 419.7; 1/6 23,097 / 426.8. The rows
/// that are looked up are long (found label rows: 27 % wide at 1/2, the others 12.7 pairs on
/// average; tagger rows 39 % wide, the others 17.8 pairs), and with AVX2 a wide row sums in
/// 3-4 instructions per 8 lanes against ~4.5 per pair; 1/3 takes that gain at almost no extra
/// misses (the table memory grows by 0.1 MB).
const WIDE_FRACTION: usize = 3;

type Row = (u32, Vec<(u16, f32)>);

/// One scale per table: the largest absolute weight maps to i16::MAX.
fn quantisation_scale(rows: &[Row]) -> f32 {
    let max = rows
        .iter()
        .flat_map(|r| r.1.iter())
        .fold(0f32, |m, (_, v)| m.max(v.abs()));
    if max > 0.0 {
        max / 32767.0
    } else {
        1.0
    }
}

#[inline]
fn short(key: u64) -> u32 {
    (key as u32) | 1
}

#[inline]
fn tag16(key: u32) -> i16 {
    ((key >> 16) as u16 | 1) as i16
}

impl Weights {
    pub fn classes(&self) -> usize {
        self.n
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Whether this is a keyless hashed table.
    pub fn is_hashed(&self) -> bool {
        !self.hashed.is_empty()
    }

    /// Bytes of heap memory held by the table.
    pub fn heap_bytes(&self) -> usize {
        self.dense.len() * 8
            + self.dense_keys.len() * 4
            + self.slots.len() * 8
            + self.pairs.len() * 4
            + self.wide.len() * 2
            + self.hashed.len() * 8
    }

    /// Builds a keyless table of `2^bits` slots from averaged float rows indexed by slot.
    fn from_slots(n: usize, bits: u32, rows: Vec<Row>) -> Weights {
        assert!(n <= 4, "keyless tables hold at most four classes");
        let scale = quantisation_scale(&rows);
        let mut w = Weights::empty_hashed(n, bits, scale);
        for (i, row) in rows {
            let slot = &mut w.hashed[i as usize];
            for (c, v) in row {
                slot[usize::from(c)] = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            if slot.iter().any(|&v| v != 0) {
                w.rows += 1;
            }
        }
        w
    }

    fn empty_hashed(n: usize, bits: u32, scale: f32) -> Weights {
        Weights {
            n,
            mask: (1usize << bits) - 1,
            rows: 0,
            scale,
            dense: Vec::new(),
            dense_keys: Vec::new(),
            slots: Vec::new(),
            pairs: Vec::new(),
            wide: Vec::new(),
            width: n,
            hashed: huge_zeroed(1 << bits),
        }
    }

    /// Builds from averaged float rows (after training), quantising with one scale.
    fn from_rows(n: usize, rows: Vec<Row>) -> Weights {
        let scale = quantisation_scale(&rows);
        let mut w = Weights::empty(n, rows.len(), scale);
        for (key, row) in rows {
            let q = row
                .into_iter()
                .map(|(c, v)| (c, (v / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|p| p.1 != 0);
            w.insert(key, q).expect("table within limits");
        }
        w
    }

    /// An empty table sized for `rows` rows.
    fn empty(n: usize, rows: usize, scale: f32) -> Weights {
        // Load factor 0.25-0.5: most lookups are misses (unseen features), and misses probe
        // much longer in fuller tables (measured: 0.55 was ~25 % slower than 0.27).
        let cap = (rows * 2).next_power_of_two().max(16);
        let mut w = Weights {
            n,
            mask: cap - 1,
            rows,
            scale,
            dense: Vec::new(),
            dense_keys: Vec::new(),
            slots: Vec::new(),
            pairs: Vec::new(),
            wide: Vec::new(),
            width: n.next_multiple_of(8),
            hashed: Vec::new(),
        };
        if n <= 3 {
            w.dense = vec![[0; 4]; cap];
            w.dense_keys.reserve(rows);
        } else {
            w.slots = vec![[0; 2]; cap];
            w.pairs.reserve(rows * 4);
        }
        w
    }

    /// Adds one row of a table with at most three classes (merged into a row whose 16-bit
    /// key tag collides on the same probe path).
    fn insert_dense(&mut self, key: u32, vals: [i16; 3]) {
        let tag = tag16(key);
        let mut i = key as usize & self.mask;
        while self.dense[i][0] != 0 && self.dense[i][0] != tag {
            i = (i + 1) & self.mask;
        }
        if self.dense[i][0] == 0 {
            self.dense_keys.push(key);
        }
        let slot = &mut self.dense[i];
        slot[0] = tag;
        for (x, v) in slot[1..].iter_mut().zip(vals) {
            *x = x.saturating_add(v);
        }
    }

    /// Adds one row (at most one pair per class).
    fn insert(
        &mut self,
        key: u32,
        row: impl Iterator<Item = (u16, i16)>,
    ) -> Result<(), &'static str> {
        let mut i = key as usize & self.mask;
        if self.n <= 3 {
            let mut vals = [0i16; 3];
            for (c, v) in row {
                if let Some(x) = vals.get_mut(c as usize) {
                    *x = v;
                }
            }
            self.insert_dense(key, vals);
        } else {
            while self.slots[i][0] != 0 && self.slots[i][0] != key {
                i = (i + 1) & self.mask;
            }
            if self.slots[i][0] == key {
                // A 32-bit key collision: keep the first row, the second is rare by construction.
                return Ok(());
            }
            let s = self.pairs.len();
            self.pairs.extend(row.take(255));
            let len = self.pairs.len() - s;
            if len == 0 {
                return Ok(());
            }
            if len * WIDE_FRACTION >= self.width {
                // The slot stores the row's first lane (not its index), which saves a multiply
                // per found row.
                let r = self.wide.len();
                self.wide.resize(self.wide.len() + self.width, 0);
                for &(c, v) in &self.pairs[s..] {
                    self.wide[r + usize::from(c)] = v;
                }
                self.pairs.truncate(s);
                if r >= MAX_PAIRS {
                    return Err("too many weights for one table");
                }
                self.slots[i] = [key, (r as u32) << 8];
                return Ok(());
            }
            if self.pairs.len() >= MAX_PAIRS {
                return Err("too many weights for one table");
            }
            self.slots[i] = [key, (s as u32) << 8 | len as u32];
        }
        Ok(())
    }

    /// Slot of a dense-table key, if present.
    fn dense_slot(&self, key: u32) -> Option<usize> {
        let tag = tag16(key);
        let mut i = key as usize & self.mask;
        loop {
            let slot = &self.dense[i];
            if slot[0] == tag {
                return Some(i);
            }
            if slot[0] == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Sums the rows of all present features into `out` (length = number of classes), in
    /// quantised units.
    ///
    /// Features are processed in chunks: a branch-free first pass touches every home slot so
    /// the cache misses overlap, then a second pass probes and accumulates from cache.
    #[inline]
    pub fn score(&self, feats: &[u64], out: &mut [f32]) {
        let fill = |acc: &[i32]| {
            for (o, &a) in out.iter_mut().zip(acc) {
                *o = a as f32;
            }
        };
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above); that is the only requirement
            // of `sum_avx2`.
            unsafe { self.sum_avx2(feats, fill) };
            return;
        }
        self.sum(feats, fill);
    }

    /// The class with the highest score (the first of equal ones), i.e. the argmax of
    /// [`Weights::score`] without converting every class's sum to a float: the sums are exact
    /// integers below 2^24 in magnitude (at most 255 features of at most 2^15), so they
    /// compare exactly as their floats do.
    #[inline]
    pub fn best(&self, feats: &[u64]) -> usize {
        debug_assert!(feats.len() < 256);
        // The maximum first (a vectorised reduction), then its first position: the same
        // class as a scan that keeps the first strictly greater sum, in fewer instructions.
        let argmax = |acc: &[i32]| {
            let top = acc.iter().copied().max().unwrap_or(0);
            acc.iter().position(|&a| a == top).unwrap_or(0)
        };
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: as in `score`.
            return unsafe { self.sum_avx2(feats, argmax) };
        }
        self.sum(feats, argmax)
    }

    /// [`Weights::sum`] compiled for AVX2 (x86-64 builds target SSE2 only): the widening
    /// adds of wide rows take one instruction per 8 lanes instead of five per 4.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn sum_avx2<R>(&self, feats: &[u64], finish: impl FnOnce(&[i32]) -> R) -> R {
        self.sum(feats, finish)
    }

    /// Sums the rows of `feats` per class and hands the sums (one per class) to `finish`.
    #[inline(always)]
    fn sum<R>(&self, feats: &[u64], finish: impl FnOnce(&[i32]) -> R) -> R {
        if !self.hashed.is_empty() {
            // One independent load per feature: the out-of-order core overlaps the misses.
            let mut acc = [0i32; 4];
            // Sliced to exactly `mask + 1` rows, so `slot & mask` needs no bounds check.
            let table = &self.hashed[..=self.mask];
            for &f in feats {
                let row = &table[slot(f, self.mask)];
                for (a, &v) in acc.iter_mut().zip(row) {
                    *a += i32::from(v);
                }
            }
            return finish(&acc[..self.n]);
        }
        const CHUNK: usize = 32;
        let mut home = [0usize; CHUNK];
        if self.n <= 3 {
            let mut acc = [0i32; 3];
            let mut touch = 0i16;
            for chunk in feats.chunks(CHUNK) {
                for (h, &f) in home.iter_mut().zip(chunk) {
                    *h = short(f) as usize & self.mask;
                    touch ^= self.dense[*h][0];
                }
                for (&h, &f) in home.iter().zip(chunk) {
                    let tag = tag16(short(f));
                    let mut i = h;
                    loop {
                        let slot = &self.dense[i];
                        if slot[0] == tag {
                            acc[0] += i32::from(slot[1]);
                            acc[1] += i32::from(slot[2]);
                            acc[2] += i32::from(slot[3]);
                            break;
                        }
                        if slot[0] == 0 {
                            break;
                        }
                        i = (i + 1) & self.mask;
                    }
                }
            }
            std::hint::black_box(touch);
            finish(&acc[..self.n])
        } else {
            // A fixed 256-wide accumulator indexed by u8 needs no bounds checks in the hot loop.
            let mut acc = [0i32; 256];
            let mut touch = 0u32;
            // Found rows of the chunk as packed (start << 8 | len); a third pass reads the
            // pairs after all of them were touched, so those misses overlap too.
            let mut found = [0u32; CHUNK];
            // Exactly `mask + 1` slots, so indices masked with `mask` need no bounds checks.
            let slots = &self.slots[..=self.mask];
            for chunk in feats.chunks(CHUNK) {
                for (h, &f) in home.iter_mut().zip(chunk) {
                    *h = short(f) as usize & self.mask;
                    touch ^= slots[*h][0];
                }
                let mut nfound = 0;
                for (&h, &f) in home.iter().zip(chunk) {
                    let key = short(f);
                    let mut i = h;
                    loop {
                        let slot = &slots[i];
                        if slot[0] == key {
                            found[nfound] = slot[1];
                            nfound += 1;
                            let s = (slot[1] >> 8) as usize;
                            if slot[1] & 0xff == 0 {
                                if let Some(w) = self.wide.get(s) {
                                    touch ^= *w as u32;
                                }
                            } else if let Some(p) = self.pairs.get(s) {
                                touch ^= p.1 as u32;
                            }
                            break;
                        }
                        if slot[0] == 0 {
                            break;
                        }
                        i = (i + 1) & self.mask;
                    }
                }
                let width = self.width;
                for &r in &found[..nfound] {
                    let (s, l) = ((r >> 8) as usize, (r & 0xff) as usize);
                    if l == 0 {
                        let row = &self.wide[s..s + width];
                        // Fixed 8-lane blocks (width is a multiple of 8) vectorise fully; the zip
                        // stops after the row's blocks, so `acc` needs no slicing.
                        for (a8, v8) in acc.chunks_exact_mut(8).zip(row.chunks_exact(8)) {
                            for (a, &v) in a8.iter_mut().zip(v8) {
                                *a += i32::from(v);
                            }
                        }
                        continue;
                    }
                    for &(c, v) in &self.pairs[s..s + l] {
                        acc[usize::from(c as u8)] += i32::from(v);
                    }
                }
            }
            std::hint::black_box(touch);
            finish(&acc[..self.n])
        }
    }

    /// Rows as (key, quantised pairs).
    fn each_row(&self, mut f: impl FnMut(u32, Vec<(u16, i16)>)) {
        if !self.hashed.is_empty() {
            for (i, slot) in self.hashed.iter().enumerate() {
                let row: Vec<(u16, i16)> = (0..self.n)
                    .map(|c| (c as u16, slot[c]))
                    .filter(|p| p.1 != 0)
                    .collect();
                if !row.is_empty() {
                    f(i as u32, row);
                }
            }
        } else if self.n <= 3 {
            for &key in &self.dense_keys {
                let Some(i) = self.dense_slot(key) else {
                    continue;
                };
                let slot = &self.dense[i];
                let row = (0..self.n)
                    .map(|c| (c as u16, slot[1 + c]))
                    .filter(|p| p.1 != 0)
                    .collect();
                f(key, row);
            }
        } else {
            for slot in self.slots.iter().filter(|s| s[0] != 0) {
                let (s, l) = ((slot[1] >> 8) as usize, (slot[1] & 0xff) as usize);
                if l == 0 {
                    let row = &self.wide[s..s + self.n];
                    let pairs = (0..self.n)
                        .map(|c| (c as u16, row[c]))
                        .filter(|p| p.1 != 0)
                        .collect();
                    f(slot[0], pairs);
                } else {
                    f(slot[0], self.pairs[s..s + l].to_vec());
                }
            }
        }
    }

    /// Serialises with i16 weights; rows whose largest weight is below `prune` (in perceptron
    /// update units) are dropped.
    pub fn write(&self, out: &mut Vec<u8>, prune: f32) {
        let limit = (prune / self.scale).round() as i32;
        let mut rows: Vec<(u32, Vec<(u16, i16)>)> = Vec::new();
        self.each_row(|key, row| {
            if row.iter().all(|(_, v)| i32::from(*v).abs() < limit) || row.is_empty() {
                return;
            }
            rows.push((key, row));
        });
        // Sorted so the file is byte-identical for identical weights.
        rows.sort_unstable_by_key(|r| r.0);
        if self.is_hashed() {
            // Keyless: the header carries the table size; each row is (slot, n weights).
            put_u32(out, self.n as u32 | HASHED_FLAG);
            put_u32(out, self.mask.count_ones());
        } else {
            put_u32(out, self.n as u32);
        }
        put_u32(out, rows.len() as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let dense = self.n <= 3 || self.is_hashed();
        for (key, q) in rows {
            out.extend_from_slice(&key.to_le_bytes());
            if dense {
                let mut d = [0i16; 4];
                for (c, v) in q {
                    d[c as usize] = v;
                }
                for v in &d[..self.n] {
                    out.extend_from_slice(&v.to_le_bytes());
                }
            } else {
                out.push(q.len() as u8);
                for (c, v) in q {
                    out.push(c as u8);
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Weights, SyntaxError> {
        let head = r.u32()?;
        if head & HASHED_FLAG != 0 {
            return Weights::read_hashed((head & !HASHED_FLAG) as usize, r);
        }
        let n = head as usize;
        let nrows = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        if n == 0 || n > 255 || nrows > 50_000_000 || scale.is_nan() || scale <= 0.0 {
            return Err(r.err("implausible weight table header"));
        }
        let mut w = Weights::empty(n, nrows, scale);
        if n <= 3 {
            // Fixed-size rows: parse the whole block at once.
            let width = 4 + 2 * n;
            let block = r.bytes(nrows * width)?;
            for row in block.chunks_exact(width) {
                let key = u32::from_le_bytes([row[0], row[1], row[2], row[3]]);
                if key & 1 == 0 {
                    return Err(r.err("invalid feature key"));
                }
                let mut vals = [0i16; 3];
                for (v, b) in vals.iter_mut().zip(row[4..].chunks_exact(2)) {
                    *v = i16::from_le_bytes([b[0], b[1]]);
                }
                w.insert_dense(key, vals);
            }
            return Ok(w);
        }
        for _ in 0..nrows {
            let key = r.u32()?;
            if key & 1 == 0 {
                return Err(r.err("invalid feature key"));
            }
            let nnz = r.bytes(1)?[0] as usize;
            let b = r.bytes(3 * nnz)?;
            if b.chunks_exact(3).any(|p| p[0] as usize >= n) {
                return Err(r.err("class index out of range"));
            }
            let vals = b
                .chunks_exact(3)
                .map(|p| (u16::from(p[0]), i16::from_le_bytes([p[1], p[2]])));
            w.insert(key, vals).map_err(|e| r.err(e))?;
        }
        Ok(w)
    }
}

impl Weights {
    fn read_hashed(n: usize, r: &mut Reader<'_>) -> Result<Weights, SyntaxError> {
        let bits = r.u32()?;
        let nrows = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        if n == 0 || n > 4 || bits > MAX_HASH_BITS || scale.is_nan() || scale <= 0.0 {
            return Err(r.err("implausible hashed weight table header"));
        }
        if nrows > 1 << bits {
            return Err(r.err("more rows than slots in a hashed weight table"));
        }
        let mut w = Weights::empty_hashed(n, bits, scale);
        let width = 4 + 2 * n;
        let block = r.bytes(nrows * width)?;
        for row in block.chunks_exact(width) {
            let i = u32::from_le_bytes([row[0], row[1], row[2], row[3]]) as usize;
            let Some(slot) = w.hashed.get_mut(i) else {
                return Err(r.err("slot index out of range"));
            };
            for (v, b) in slot.iter_mut().zip(row[4..].chunks_exact(2)) {
                *v = i16::from_le_bytes([b[0], b[1]]);
            }
        }
        w.rows = nrows;
        Ok(w)
    }
}

impl Weights {
    /// The mean of several tables' weights, re-quantised with one new scale: the summed score
    /// of any feature set under the result is the mean of its scores under the inputs (within
    /// quantisation error). `classes[k][c]` is the class of the result that class `c` of
    /// `tables[k]` maps to (the inputs may list their classes in different orders); `n` is the
    /// result's class count. Keyless tables average slot by slot and must all have the same
    /// size; keyed tables average key by key over the union of keys (a missing row counts as
    /// zero). Deterministic: rows are built in key order.
    pub(crate) fn average(
        tables: &[&Weights],
        classes: &[Vec<usize>],
        n: usize,
    ) -> Result<Weights, String> {
        let Some(first) = tables.first() else {
            return Err("no tables to average".to_string());
        };
        if classes.len() != tables.len() {
            return Err("one class map per table is needed".to_string());
        }
        for (t, map) in tables.iter().zip(classes) {
            if map.len() != t.n || map.iter().any(|&c| c >= n) {
                return Err("class map does not fit its table".to_string());
            }
            if t.is_hashed() != first.is_hashed() {
                return Err("cannot average a keyless table with a keyed one".to_string());
            }
            if t.is_hashed() && t.mask != first.mask {
                return Err(format!(
                    "keyless tables differ in size (2^{} and 2^{} slots)",
                    first.mask.count_ones(),
                    t.mask.count_ones()
                ));
            }
        }
        let k = tables.len() as f32;
        if first.is_hashed() {
            if n > 4 {
                return Err("keyless tables hold at most four classes".to_string());
            }
            let slots = first.mask + 1;
            let mut sum = vec![0f32; slots * n];
            for (t, map) in tables.iter().zip(classes) {
                for (i, slot) in t.hashed.iter().enumerate() {
                    for (c, &v) in slot[..t.n].iter().enumerate() {
                        sum[i * n + map[c]] += f32::from(v) * t.scale;
                    }
                }
            }
            let rows: Vec<Row> = (0..slots)
                .map(|i| {
                    let row = (0..n)
                        .map(|c| (c as u16, sum[i * n + c] / k))
                        .filter(|p| p.1 != 0.0)
                        .collect();
                    (i as u32, row)
                })
                .filter(|r: &Row| !r.1.is_empty())
                .collect();
            return Ok(Weights::from_slots(n, first.mask.count_ones(), rows));
        }
        let mut sum: std::collections::BTreeMap<u32, Vec<f32>> = Default::default();
        for (t, map) in tables.iter().zip(classes) {
            t.each_row(|key, row| {
                let acc = sum.entry(key).or_insert_with(|| vec![0.0; n]);
                for (c, v) in row {
                    acc[map[usize::from(c)]] += f32::from(v) * t.scale;
                }
            });
        }
        let rows: Vec<Row> = sum
            .into_iter()
            .map(|(key, acc)| {
                let row = acc
                    .iter()
                    .enumerate()
                    .map(|(c, &v)| (c as u16, v / k))
                    .filter(|p| p.1 != 0.0)
                    .collect();
                (key, row)
            })
            .filter(|r: &Row| !r.1.is_empty())
            .collect();
        Ok(Weights::from_rows(n, rows))
    }
}

/// Averaged-perceptron trainer (Daumé's trick: `avg = w - acc / c`), either sparse (a row per
/// distinct feature key) or keyless (a row per slot of a `2^bits` table, features hashed into
/// slots exactly as the inference table does).
pub struct Trainer {
    n: usize,
    index: HashMap<u64, u32, IdBuild>,
    /// Keyless: `Some(bits)`; `w` and `acc` then hold `2^bits` rows, row = slot.
    bits: Option<u32>,
    w: Vec<f32>,
    acc: Vec<f32>,
    c: f32,
}

impl Trainer {
    pub fn new(n: usize) -> Trainer {
        // Class indices are stored as one byte in model files.
        assert!(n <= 255, "at most 255 classes");
        Trainer {
            n,
            index: HashMap::default(),
            bits: None,
            w: Vec::new(),
            acc: Vec::new(),
            c: 1.0,
        }
    }

    /// A keyless trainer whose weights become a hashed table of `2^bits` slots.
    pub fn hashed(n: usize, bits: u32) -> Trainer {
        assert!(n <= 4, "keyless tables hold at most four classes");
        assert!(bits <= MAX_HASH_BITS, "at most 2^{MAX_HASH_BITS} slots");
        Trainer {
            n,
            index: HashMap::default(),
            bits: Some(bits),
            w: vec![0.0; n << bits],
            acc: vec![0.0; n << bits],
            c: 1.0,
        }
    }

    /// First weight of the row of `f`, if it has one.
    #[inline]
    fn find(&self, f: u64) -> Option<usize> {
        match self.bits {
            Some(bits) => Some(slot(f, (1 << bits) - 1) * self.n),
            None => self.index.get(&f).map(|&r| r as usize * self.n),
        }
    }

    pub fn score(&self, feats: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for &f in feats {
            if let Some(base) = self.find(f) {
                let row = &self.w[base..base + self.n];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += *w;
                }
            }
        }
    }

    fn row(&mut self, f: u64) -> usize {
        if let Some(bits) = self.bits {
            return slot(f, (1 << bits) - 1) * self.n;
        }
        let n = self.n;
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.w.resize(self.w.len() + n, 0.0);
            self.acc.resize(self.acc.len() + n, 0.0);
        }
        r as usize * n
    }

    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth != guess {
            for &f in feats {
                let base = self.row(f);
                self.w[base + truth] += 1.0;
                self.acc[base + truth] += self.c;
                self.w[base + guess] -= 1.0;
                self.acc[base + guess] -= self.c;
            }
        }
    }

    /// Adds `delta` to one class of every feature's row (structured updates, where the
    /// features of the correct and the predicted transition differ).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &f in feats {
            let i = self.row(f) + class;
            self.w[i] += delta;
            self.acc[i] += delta * self.c;
        }
    }

    /// Counts one training example (for averaging).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    fn averaged(&self, base: usize) -> Vec<(u16, f32)> {
        (0..self.n)
            .map(|c| (c as u16, self.w[base + c] - self.acc[base + c] / self.c))
            .filter(|(_, v)| v.abs() >= 1e-3)
            .collect()
    }

    pub fn finish(self) -> Weights {
        if let Some(bits) = self.bits {
            let rows = (0..1usize << bits)
                .map(|i| (i as u32, self.averaged(i * self.n)))
                .filter(|r| !r.1.is_empty())
                .collect();
            return Weights::from_slots(self.n, bits, rows);
        }
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows = Vec::with_capacity(keys.len());
        for (key, r) in keys {
            let row = self.averaged(r as usize * self.n);
            if !row.is_empty() {
                rows.push((short(key), row));
            }
        }
        Weights::from_rows(self.n, rows)
    }
}

pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// Little-endian cursor over a model file with errors that name the file and offset.
pub struct Reader<'a> {
    what: &'static str,
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(what: &'static str, data: &'a [u8]) -> Reader<'a> {
        Reader { what, data, pos: 0 }
    }

    pub fn err(&self, msg: &str) -> SyntaxError {
        SyntaxError::Model {
            what: self.what,
            offset: self.pos,
            msg: msg.to_string(),
        }
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        if self.pos + n > self.data.len() {
            return Err(self.err("unexpected end of model data"));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub fn u32(&mut self) -> Result<u32, SyntaxError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u64(&mut self) -> Result<u64, SyntaxError> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    pub fn string(&mut self) -> Result<String, SyntaxError> {
        let n = self.u32()? as usize;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.err("invalid utf-8 string"))
    }
}

/// The union of several models' class lists (first list's order first, then classes only
/// later lists have, in order) and, per list, where each of its classes went: the maps
/// `Weights::average` takes when models were trained with their classes in different orders.
pub(crate) fn union_classes<T: PartialEq + Copy>(lists: &[&[T]]) -> (Vec<T>, Vec<Vec<usize>>) {
    let mut union: Vec<T> = Vec::new();
    let maps = lists
        .iter()
        .map(|list| {
            list.iter()
                .map(|c| match union.iter().position(|x| x == c) {
                    Some(i) => i,
                    None => {
                        union.push(*c);
                        union.len() - 1
                    }
                })
                .collect()
        })
        .collect();
    (union, maps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trainer_learns_and_roundtrips() {
        for n in [3, 5] {
            roundtrip(n);
        }
    }

    fn roundtrip(n: usize) {
        let mut t = Trainer::new(n);
        let mut out = vec![0.0; n];
        for _ in 0..10 {
            for (feats, gold) in [([11u64, 13], 0usize), ([15, 13], 2)] {
                t.score(&feats, &mut out);
                let guess = argmax(&out);
                t.update(&feats, gold, guess);
                t.tick();
            }
        }
        let w = t.finish();
        let mut bytes = Vec::new();
        w.write(&mut bytes, 0.0);
        let w2 = Weights::read(&mut Reader::new("test", &bytes)).unwrap();
        w2.score(&[11, 13], &mut out);
        assert_eq!(argmax(&out), 0);
        w2.score(&[15, 13], &mut out);
        assert_eq!(argmax(&out), 2);
    }

    #[test]
    fn wide_rows_score_and_write_like_pairs() {
        // Feature 7 gets weights for all 6 classes (a wide row), 9 and 11 for two (pairs).
        let mut t = Trainer::new(6);
        for c in 0..6 {
            t.update(&[7, 9], c, (c + 1) % 6);
            t.tick();
        }
        t.update(&[11], 2, 4);
        t.tick();
        let w = t.finish();
        assert!(!w.wide.is_empty(), "a row with every class is stored wide");
        let mut bytes = Vec::new();
        w.write(&mut bytes, 0.0);
        let w2 = Weights::read(&mut Reader::new("test", &bytes)).unwrap();
        let mut again = Vec::new();
        w2.write(&mut again, 0.0);
        assert_eq!(bytes, again);
        // The vector sum over wide rows equals the sum of their (class, weight) pairs.
        let mut rows = HashMap::new();
        w2.each_row(|key, row| {
            rows.insert(key, row);
        });
        let feats = [7u64, 9, 11];
        let mut expected = vec![0.0f32; 6];
        for f in feats {
            for (c, v) in rows.get(&short(f)).into_iter().flatten() {
                expected[usize::from(*c)] += f32::from(*v);
            }
        }
        let mut got = vec![0.0; 6];
        w2.score(&feats, &mut got);
        assert_eq!(got, expected);
        assert!(got.iter().filter(|&&v| v != 0.0).count() >= 5);
        // `best` is the argmax of the float scores, for every subset of the features.
        for mask in 1..8 {
            let sub: Vec<u64> = (0..3)
                .filter(|b| mask >> b & 1 == 1)
                .map(|b| feats[b])
                .collect();
            w2.score(&sub, &mut got);
            assert_eq!(w2.best(&sub), argmax(&got));
        }
    }

    #[test]
    fn hashed_table_trains_scores_and_roundtrips() {
        // A 2^4-slot table: features that share a slot share weights in training and inference.
        let mut t = Trainer::hashed(3, 4);
        let mut out = vec![0.0; 3];
        let data = [([11u64, 13], 0usize), ([15, 13], 2), ([17, 21], 1)];
        for _ in 0..10 {
            for (feats, gold) in data {
                t.score(&feats, &mut out);
                let guess = argmax(&out);
                t.update(&feats, gold, guess);
                t.tick();
            }
        }
        let w = t.finish();
        assert!(w.is_hashed());
        let mut bytes = Vec::new();
        w.write(&mut bytes, 0.0);
        let w2 = Weights::read(&mut Reader::new("test", &bytes)).unwrap();
        assert!(w2.is_hashed() && w2.rows() == w.rows() && w2.rows() > 0);
        let mut again = Vec::new();
        w2.write(&mut again, 0.0);
        assert_eq!(bytes, again);
        for (feats, gold) in data {
            w2.score(&feats, &mut out);
            assert_eq!(argmax(&out), gold);
            assert_eq!(w2.best(&feats), gold);
        }
        // A slot index beyond the table is rejected.
        let mut bad = bytes.clone();
        let first_row = 16;
        bad[first_row..first_row + 4].copy_from_slice(&99u32.to_le_bytes());
        assert!(Weights::read(&mut Reader::new("test", &bad)).is_err());
    }

    /// A table trained on `data` (features, gold class), as a keyed or keyless table.
    fn trained(n: usize, hashed: bool, data: &[(Vec<u64>, usize)], rounds: usize) -> Weights {
        let mut t = if hashed {
            Trainer::hashed(n, 4)
        } else {
            Trainer::new(n)
        };
        let mut out = vec![0.0; n];
        for _ in 0..rounds {
            for (feats, gold) in data {
                t.score(feats, &mut out);
                let guess = argmax(&out);
                t.update(feats, *gold, guess);
                t.tick();
            }
        }
        t.finish()
    }

    #[test]
    fn averaged_tables_score_the_mean_of_their_scores() {
        for (n, hashed) in [(3, false), (6, false), (3, true)] {
            let a = trained(
                n,
                hashed,
                &[(vec![11, 13], 0), (vec![15, 13], 2), (vec![17, 19], 1)],
                10,
            );
            // Other data, another number of rounds (another scale) and a feature (21) that
            // only this table has.
            let b = trained(
                n,
                hashed,
                &[(vec![11, 21], 1), (vec![15, 13], 2), (vec![19, 23], 0)],
                7,
            );
            // b lists its classes in another order: b's class c is class map[c] of the result.
            let map: Vec<usize> = (0..n).map(|c| (c + 1) % n).collect();
            let ident: Vec<usize> = (0..n).collect();
            let avg = Weights::average(&[&a, &b], &[ident.clone(), map.clone()], n).unwrap();
            assert_eq!(avg.is_hashed(), hashed);
            let (mut sa, mut sb, mut sv) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
            let mut nonzero = 0;
            for feats in [
                vec![11u64, 13],
                vec![15, 13],
                vec![17, 19],
                vec![11, 21],
                vec![21],
                vec![19, 23, 25],
            ] {
                a.score(&feats, &mut sa);
                b.score(&feats, &mut sb);
                avg.score(&feats, &mut sv);
                // One rounding per weight: at most half a unit of each table per feature.
                let tol = feats.len() as f32 * (a.scale + b.scale + avg.scale);
                for c in 0..n {
                    let mean = (sa[c] * a.scale
                        + sb[map.iter().position(|&m| m == c).unwrap()] * b.scale)
                        / 2.0;
                    let got = sv[c] * avg.scale;
                    assert!(
                        (got - mean).abs() <= tol,
                        "n {n} hashed {hashed} feats {feats:?} class {c}: {got} vs {mean}"
                    );
                    nonzero += usize::from(mean.abs() > tol);
                }
            }
            assert!(nonzero > 0, "the test compares real scores");
            // Deterministic, and readable in the runtime format.
            let again = Weights::average(&[&a, &b], &[ident, map], n).unwrap();
            let (mut x, mut y) = (Vec::new(), Vec::new());
            avg.write(&mut x, 0.0);
            again.write(&mut y, 0.0);
            assert_eq!(x, y);
            let back = Weights::read(&mut Reader::new("test", &x)).unwrap();
            let mut z = Vec::new();
            back.write(&mut z, 0.0);
            assert_eq!(x, z);
        }
    }

    #[test]
    fn averaging_rejects_tables_that_do_not_fit() {
        let data = [(vec![11u64, 13], 0usize), (vec![15, 13], 2)];
        let keyed = trained(3, false, &data, 3);
        let hashed = trained(3, true, &data, 3);
        let ident = vec![0, 1, 2];
        assert!(Weights::average(&[&keyed, &hashed], &[ident.clone(), ident.clone()], 3).is_err());
        assert!(Weights::average(&[&keyed], &[vec![0, 1, 3]], 3).is_err());
        assert!(Weights::average(&[], &[], 3).is_err());
        let other = Trainer::hashed(3, 5).finish();
        assert!(Weights::average(&[&hashed, &other], &[ident.clone(), ident], 3).is_err());
    }

    #[test]
    fn truncated_data_is_an_error() {
        let mut r = Reader::new("test", &[1, 0]);
        assert!(r.u32().is_err());
    }

    fn argmax(v: &[f32]) -> usize {
        let mut best = 0;
        for i in 1..v.len() {
            if v[i] > v[best] {
                best = i;
            }
        }
        best
    }
}
