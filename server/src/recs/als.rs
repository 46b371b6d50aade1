//! Implicit-feedback matrix factorisation by alternating least squares (Hu,
//! Koren & Volinsky, "Collaborative Filtering for Implicit Feedback
//! Datasets", ICDM 2008): every user-item pair has a preference (1 if the
//! user interacted, else 0) and a confidence `1 + alpha·r` (r: how much:
//! minutes watched, a rating); factors minimise the confidence-weighted
//! squared error plus `regularization·(|x|² + |y|²)`.
//!
//! Each half-step solves, per user (then per item), `(YᵀY + Yᵀ(C−I)Y + λI) x
//! = YᵀCp` by a few conjugate-gradient steps warm-started from the last
//! factors, never forming the k×k matrix (as Python `implicit` does, after
//! Takács et al. 2011): O(k² + n·k) per row instead of O(n·k²). No linear
//! algebra crate: the only dense product is YᵀY. Pure: no I/O; rows are
//! spread over the machine's cores with scoped threads.

/// Interactions, both ways (CSR by user and by item).
#[derive(Debug, Clone, Default)]
pub struct Interactions {
    /// Users.
    pub users: usize,
    /// Items.
    pub items: usize,
    by_user: Vec<Vec<(u32, f32)>>,
    by_item: Vec<Vec<(u32, f32)>>,
}

impl Interactions {
    /// From (user, item, strength) triples; ids are dense from 0; a repeated
    /// pair adds up.
    pub fn new(users: usize, items: usize, triples: impl IntoIterator<Item = (u32, u32, f32)>) -> Self {
        let mut by_user: Vec<Vec<(u32, f32)>> = vec![Vec::new(); users];
        for (u, i, r) in triples {
            if (u as usize) < users && (i as usize) < items {
                by_user[u as usize].push((i, r));
            }
        }
        let mut by_item: Vec<Vec<(u32, f32)>> = vec![Vec::new(); items];
        for (u, row) in by_user.iter_mut().enumerate() {
            row.sort_unstable_by_key(|(i, _)| *i);
            row.dedup_by(|b, a| {
                let same = a.0 == b.0;
                if same {
                    a.1 += b.1;
                }
                same
            });
            for &(i, r) in row.iter() {
                by_item[i as usize].push((u as u32, r));
            }
        }
        Self { users, items, by_user, by_item }
    }

    /// The items of `user`, sorted.
    pub fn of_user(&self, user: usize) -> &[(u32, f32)] {
        self.by_user.get(user).map_or(&[], Vec::as_slice)
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Latent dimensions.
    pub factors: usize,
    /// λ.
    pub regularization: f32,
    /// Confidence per unit of interaction: `c = 1 + alpha·r`.
    pub alpha: f32,
    /// Alternations (a user step and an item step each).
    pub iterations: usize,
    /// Conjugate-gradient steps per row and alternation.
    pub cg_steps: usize,
    /// Initial factors are drawn from this.
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Self { factors: 64, regularization: 10.0, alpha: 1.0, iterations: 15, cg_steps: 3, seed: 42 }
    }
}

/// Learned factors, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Latent dimensions.
    pub factors: usize,
    /// users × factors.
    pub user: Vec<f32>,
    /// items × factors.
    pub item: Vec<f32>,
}

/// Lanes of running sums in [`dot`].
const LANES: usize = 8;

/// [`LANES`] running sums, so the compiler keeps them in several vector
/// registers at once (a single sum is a chain of dependent additions it may
/// not reorder, and one register of sums waits on each addition's latency).
#[inline(always)]
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let (ca, cb) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for l in 0..LANES {
            acc[l] += x[l] * y[l];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// SplitMix64: reproducible initial factors without a dependency.
fn splitmix(state: &mut u64) -> f32 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 40) as f32 / (1u64 << 24) as f32
}

/// `YᵀY` of row-major `y` (n × k): the upper triangle, rows spread over the
/// cores, then mirrored.
fn gram(y: &[f32], k: usize) -> Vec<f32> {
    #[inline(always)]
    fn partial(rows: &[f32], k: usize) -> Vec<f32> {
        let mut g = vec![0f32; k * k];
        // Four rows at a time: each element of g is loaded and stored once per four rows.
        let mut quads = rows.chunks_exact(4 * k);
        for q in &mut quads {
            let (r0, rest) = q.split_at(k);
            let (r1, rest) = rest.split_at(k);
            let (r2, r3) = rest.split_at(k);
            for a in 0..k {
                let (a0, a1, a2, a3) = (r0[a], r1[a], r2[a], r3[a]);
                let out = &mut g[a * k + a..(a + 1) * k];
                for ((((o, b0), b1), b2), b3) in out.iter_mut().zip(&r0[a..]).zip(&r1[a..]).zip(&r2[a..]).zip(&r3[a..])
                {
                    *o += a0 * b0 + a1 * b1 + a2 * b2 + a3 * b3;
                }
            }
        }
        for row in quads.remainder().chunks_exact(k) {
            for a in 0..k {
                let ra = row[a];
                for (o, rb) in g[a * k + a..(a + 1) * k].iter_mut().zip(&row[a..]) {
                    *o += ra * rb;
                }
            }
        }
        g
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
    let per = (y.len() / k).div_ceil(threads).max(1) * k;
    let parts: Vec<Vec<f32>> = std::thread::scope(|s| {
        let handles: Vec<_> =
            y.chunks(per).map(|rows| s.spawn(move || pulp::Arch::new().dispatch(|| partial(rows, k)))).collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut g = vec![0f32; k * k];
    for p in parts {
        for (o, v) in g.iter_mut().zip(p) {
            *o += v;
        }
    }
    for a in 0..k {
        for b in 0..a {
            g[a * k + b] = g[b * k + a];
        }
    }
    g
}

/// One half-step: each row of `x` from its interactions with the rows of `y`.
fn solve_rows(x: &mut [f32], y: &[f32], rows: &[Vec<(u32, f32)>], k: usize, p: &Params) {
    let yty = gram(y, k);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
    let per = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for (chunk, rows) in x.chunks_mut(per * k).zip(rows.chunks(per)) {
            let yty = &yty;
            s.spawn(move || {
                let (mut r, mut pv, mut ap) = (vec![0f32; k], vec![0f32; k], vec![0f32; k]);
                // Compiled for the widest vector unit this CPU has (AVX2 and
                // FMA on most x86-64), chosen at run time.
                pulp::Arch::new().dispatch(Rows { chunk, rows, y, yty, k, p, bufs: (&mut r, &mut pv, &mut ap) });
            });
        }
    });
}

/// `a·b` with fused multiply-adds on the vector unit `simd` (four
/// registers of running sums, so additions do not wait on each other).
#[inline(always)]
fn fdot<S: pulp::Simd>(simd: S, a: &[f32], b: &[f32]) -> f32 {
    let (ha, ta) = S::as_simd_f32s(a);
    let (hb, tb) = S::as_simd_f32s(b);
    let zero = simd.splat_f32s(0.0);
    let mut acc = [zero; 4];
    let (ca, cb) = (ha.chunks_exact(4), hb.chunks_exact(4));
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        acc[0] = simd.mul_add_e_f32s(*x, *y, acc[0]);
    }
    for (x, y) in ca.zip(cb) {
        for l in 0..4 {
            acc[l] = simd.mul_add_e_f32s(x[l], y[l], acc[l]);
        }
    }
    let sum = simd.add_f32s(simd.add_f32s(acc[0], acc[1]), simd.add_f32s(acc[2], acc[3]));
    simd.reduce_sum_f32s(sum) + ta.iter().zip(tb).map(|(x, y)| x * y).sum::<f32>()
}

/// One thread's rows of a half-step, run on the vector unit `dispatch` picks.
struct Rows<'a> {
    chunk: &'a mut [f32],
    rows: &'a [Vec<(u32, f32)>],
    y: &'a [f32],
    yty: &'a [f32],
    k: usize,
    p: &'a Params,
    bufs: (&'a mut Vec<f32>, &'a mut Vec<f32>, &'a mut Vec<f32>),
}

impl pulp::WithSimd for Rows<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) {
        let Rows { chunk, rows, y, yty, k, p, bufs: (r, pv, ap) } = self;
        for (xu, items) in chunk.chunks_exact_mut(k).zip(rows) {
            cg(simd, xu, y, yty, items, k, p, (&mut *r, &mut *pv, &mut *ap));
        }
    }
}

/// `A·v` with `A = YᵀY + Σ (c−1) y yᵀ + λI`, never formed.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn apply<S: pulp::Simd>(
    simd: S,
    v: &[f32],
    out: &mut [f32],
    y: &[f32],
    yty: &[f32],
    items: &[(u32, f32)],
    k: usize,
    p: &Params,
) {
    // YᵀY·v as a sum of YᵀY's rows (it is symmetric) scaled by v: AXPYs,
    // with no horizontal sum per element.
    for (o, vi) in out.iter_mut().zip(v) {
        *o = p.regularization * vi;
    }
    {
        let (head, tail) = S::as_mut_simd_f32s(out);
        for (b, &vb) in v.iter().enumerate() {
            let (rh, rt) = S::as_simd_f32s(&yty[b * k..(b + 1) * k]);
            let s = simd.splat_f32s(vb);
            for (o, r) in head.iter_mut().zip(rh) {
                *o = simd.mul_add_e_f32s(s, *r, *o);
            }
            for (o, r) in tail.iter_mut().zip(rt) {
                *o += vb * r;
            }
        }
    }
    for &(i, r) in items {
        let yi = &y[i as usize * k..(i as usize + 1) * k];
        let w = p.alpha * r * fdot(simd, yi, v);
        for (o, yv) in out.iter_mut().zip(yi) {
            *o += w * yv;
        }
    }
}

/// A few conjugate-gradient steps on one row, from its current value.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn cg<S: pulp::Simd>(
    simd: S,
    x: &mut [f32],
    y: &[f32],
    yty: &[f32],
    items: &[(u32, f32)],
    k: usize,
    p: &Params,
    (r, pv, ap): (&mut Vec<f32>, &mut Vec<f32>, &mut Vec<f32>),
) {
    // r = b − A x, with b = Σ c·y (preference 1 on every interaction).
    apply(simd, x, ap, y, yty, items, k, p);
    for (ri, a) in r.iter_mut().zip(ap.iter()) {
        *ri = -a;
    }
    for &(i, rating) in items {
        let c = 1.0 + p.alpha * rating;
        for (ri, yv) in r.iter_mut().zip(&y[i as usize * k..(i as usize + 1) * k]) {
            *ri += c * yv;
        }
    }
    pv.copy_from_slice(r);
    let mut rs = fdot(simd, r, r);
    for _ in 0..p.cg_steps {
        if rs < 1e-20 {
            break;
        }
        apply(simd, pv, ap, y, yty, items, k, p);
        let step = rs / fdot(simd, pv, ap).max(1e-20);
        for ((xi, pi), (ri, ai)) in x.iter_mut().zip(pv.iter()).zip(r.iter_mut().zip(ap.iter())) {
            *xi += step * pi;
            *ri -= step * ai;
        }
        let next = fdot(simd, r, r);
        let beta = next / rs;
        for (pi, ri) in pv.iter_mut().zip(r.iter()) {
            *pi = ri + beta * *pi;
        }
        rs = next;
    }
}

/// Train on `data`.
pub fn train(data: &Interactions, p: &Params) -> Model {
    let k = p.factors.max(1);
    let mut state = p.seed;
    let mut init = |n: usize| (0..n * k).map(|_| splitmix(&mut state) * 0.01).collect::<Vec<f32>>();
    let (mut user, mut item) = (init(data.users), init(data.items));
    for _ in 0..p.iterations {
        solve_rows(&mut user, &item, &data.by_user, k, p);
        solve_rows(&mut item, &user, &data.by_item, k, p);
    }
    Model { factors: k, user, item }
}

impl Model {
    /// The `n` best items for `user`, best first, leaving out `skip` (sorted item ids).
    pub fn recommend(&self, user: usize, n: usize, skip: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let k = self.factors;
        let Some(x) = self.user.get(user * k..(user + 1) * k) else { return Vec::new() };
        let mut scored: Vec<(u32, f32)> = self
            .item
            .chunks_exact(k)
            .enumerate()
            .filter(|(i, _)| skip.binary_search_by_key(&(*i as u32), |(s, _)| *s).is_err())
            .map(|(i, y)| (i as u32, dot(x, y)))
            .collect();
        let n = n.min(scored.len());
        if n == 0 {
            return Vec::new();
        }
        scored.select_nth_unstable_by(n - 1, |a, b| b.1.total_cmp(&a.1));
        scored.truncate(n);
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        scored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two groups of users who each watch their own group of items: a user
    /// is recommended the unseen item of their own group first.
    #[test]
    fn learns_who_watches_what() {
        let mut triples = Vec::new();
        for u in 0..20u32 {
            let group = u % 2;
            for i in 0..10u32 {
                // Each user skips one item of their group (item u/2 of it).
                if i % 2 == group && i / 2 != (u / 2) % 5 {
                    triples.push((u, i, 1.0));
                }
            }
        }
        let data = Interactions::new(20, 10, triples);
        let model = train(&data, &Params { factors: 4, regularization: 0.1, iterations: 10, ..Params::default() });
        for u in 0..20usize {
            let top = model.recommend(u, 1, data.of_user(u))[0].0;
            assert_eq!(top % 2, (u % 2) as u32, "user {u} got item {top}");
        }
    }

    #[test]
    fn conjugate_gradient_solves_the_normal_equations() {
        // One user, three items in 2 dimensions: CG with enough steps equals the exact solve.
        let y = vec![1.0, 0.0, 0.0, 1.0, 1.0, 1.0];
        let items = vec![(0u32, 2.0f32), (2, 1.0)];
        let p = Params { factors: 2, regularization: 0.5, alpha: 1.0, cg_steps: 10, ..Params::default() };
        let yty = gram(&y, 2);
        let mut x = vec![0.0, 0.0];
        let mut bufs = (vec![0.0; 2], vec![0.0; 2], vec![0.0; 2]);
        cg(pulp::Scalar::new(), &mut x, &y, &yty, &items, 2, &p, (&mut bufs.0, &mut bufs.1, &mut bufs.2));
        // A = YᵀY + Σ α r y yᵀ + λI = [[2,1],[1,2]] + 2·[[1,0],[0,0]] + 1·[[1,1],[1,1]] + 0.5I
        //   = [[5.5,2],[2,3.5]]; b = 3·[1,0] + 2·[1,1] = [5,2].
        let (a, b) = ([[5.5f32, 2.0], [2.0, 3.5]], [5.0f32, 2.0]);
        let det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        let exact = [(b[0] * a[1][1] - a[0][1] * b[1]) / det, (a[0][0] * b[1] - a[1][0] * b[0]) / det];
        assert!((x[0] - exact[0]).abs() < 1e-4 && (x[1] - exact[1]).abs() < 1e-4, "{x:?} vs {exact:?}");
    }

    #[test]
    fn gram_is_y_transpose_y() {
        // Nine rows (two blocks of four and one left over), k = 5, split over threads.
        let (n, k) = (9, 5);
        let y: Vec<f32> = (0..n * k).map(|i| ((i * 7919) % 23) as f32 / 7.0 - 1.5).collect();
        let g = gram(&y, k);
        for a in 0..k {
            for b in 0..k {
                let want: f32 = (0..n).map(|r| y[r * k + a] * y[r * k + b]).sum();
                assert!((g[a * k + b] - want).abs() < 1e-4, "({a},{b}): {} vs {want}", g[a * k + b]);
            }
        }
    }

    #[test]
    fn fused_dot_matches_on_every_length() {
        let arch = pulp::Arch::new();
        for n in [0usize, 1, 7, 8, 31, 64, 100] {
            let a: Vec<f32> = (0..n).map(|i| i as f32 * 0.5 - 3.0).collect();
            let b: Vec<f32> = (0..n).map(|i| 1.0 - i as f32 * 0.25).collect();
            struct D<'a>(&'a [f32], &'a [f32]);
            impl pulp::WithSimd for D<'_> {
                type Output = f32;
                fn with_simd<S: pulp::Simd>(self, simd: S) -> f32 {
                    fdot(simd, self.0, self.1)
                }
            }
            let got = arch.dispatch(D(&a, &b));
            let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((got - want).abs() < 1e-3 * (1.0 + want.abs()), "n {n}: {got} vs {want}");
            assert!((dot(&a, &b) - want).abs() < 1e-3 * (1.0 + want.abs()));
        }
    }

    #[test]
    fn repeated_pairs_add_up_and_bad_ids_are_dropped() {
        let d = Interactions::new(2, 2, [(0, 1, 1.0), (0, 1, 2.0), (5, 0, 1.0), (1, 9, 1.0)]);
        assert_eq!(d.of_user(0), &[(1, 3.0)]);
        assert!(d.of_user(1).is_empty());
        assert_eq!(d.by_item[1], vec![(0, 3.0)]);
    }
}
