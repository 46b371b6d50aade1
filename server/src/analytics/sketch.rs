//! A distinct-count sketch for the days' rollups: how many different viewers
//! (or chatters) a set of days saw, without keeping who they were.
//!
//! Small sets are exact: the sketch keeps the 64-bit keyed hashes themselves
//! (up to [`SPARSE_MAX`]), so a channel with a few thousand viewers a day gets
//! exact numbers. Beyond that it becomes a HyperLogLog (Flajolet et al. 2007)
//! of 2^12 one-byte registers, standard error 1.04/√4096 ≈ 1.6%, with linear
//! counting for small estimates (Heule et al. 2013, HyperLogLog++). Merging
//! two sketches is the sketch of the union either way, which is what a range
//! of days needs.

use std::collections::BTreeSet;

use base64::Engine as _;

/// Hashes kept exactly before the sketch turns into registers.
pub const SPARSE_MAX: usize = 4096;
/// Register index bits.
const P: u32 = 12;
/// Registers.
const M: usize = 1 << P;

/// Distinct values seen, exactly while few, estimated once many.
#[derive(Debug, Clone, PartialEq)]
pub enum Distinct {
    /// The hashes themselves.
    Exact(BTreeSet<u64>),
    /// HyperLogLog registers.
    Estimated(Box<[u8; M]>),
}

impl Default for Distinct {
    fn default() -> Self {
        Self::Exact(BTreeSet::new())
    }
}

fn register(hash: u64) -> (usize, u8) {
    let index = (hash >> (64 - P)) as usize;
    let rest = hash << P;
    // Leading zeros of the remaining 52 bits, plus one.
    let rank = (rest.leading_zeros().min(64 - P) + 1) as u8;
    (index, rank)
}

impl Distinct {
    /// Count `hash` (a keyed hash of the value: the sketch never sees the value).
    pub fn insert(&mut self, hash: u64) {
        match self {
            Self::Exact(set) => {
                set.insert(hash);
                if set.len() > SPARSE_MAX {
                    *self = Self::Estimated(Self::registers(set));
                }
            }
            Self::Estimated(regs) => {
                let (i, r) = register(hash);
                regs[i] = regs[i].max(r);
            }
        }
    }

    fn registers(set: &BTreeSet<u64>) -> Box<[u8; M]> {
        let mut regs = Box::new([0u8; M]);
        for h in set {
            let (i, r) = register(*h);
            regs[i] = regs[i].max(r);
        }
        regs
    }

    /// Make this the sketch of both sets.
    pub fn merge(&mut self, other: &Distinct) {
        match (&mut *self, other) {
            (Self::Exact(a), Self::Exact(b)) => {
                a.extend(b.iter().copied());
                if a.len() > SPARSE_MAX {
                    *self = Self::Estimated(Self::registers(a));
                }
            }
            (Self::Exact(a), Self::Estimated(b)) => {
                let mut regs = b.clone();
                for h in a.iter() {
                    let (i, r) = register(*h);
                    regs[i] = regs[i].max(r);
                }
                *self = Self::Estimated(regs);
            }
            (Self::Estimated(a), Self::Exact(b)) => {
                for h in b {
                    let (i, r) = register(*h);
                    a[i] = a[i].max(r);
                }
            }
            (Self::Estimated(a), Self::Estimated(b)) => {
                for (x, y) in a.iter_mut().zip(b.iter()) {
                    *x = (*x).max(*y);
                }
            }
        }
    }

    /// How many distinct values: exact while exact, else the estimate.
    pub fn count(&self) -> i64 {
        match self {
            Self::Exact(set) => set.len() as i64,
            Self::Estimated(regs) => {
                let m = M as f64;
                let alpha = 0.7213 / (1.0 + 1.079 / m);
                let sum: f64 = regs.iter().map(|r| 2f64.powi(-i32::from(*r))).sum();
                let raw = alpha * m * m / sum;
                let zeros = regs.iter().filter(|r| **r == 0).count();
                let estimate = if raw <= 2.5 * m && zeros > 0 { m * (m / zeros as f64).ln() } else { raw };
                estimate.round() as i64
            }
        }
    }

    /// The stored form: `e` and the hashes, or `h` and the registers, base64.
    pub fn encode(&self) -> String {
        let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
        match self {
            Self::Exact(set) => {
                let bytes: Vec<u8> = set.iter().flat_map(|h| h.to_be_bytes()).collect();
                format!("e{}", b64.encode(bytes))
            }
            Self::Estimated(regs) => format!("h{}", b64.encode(regs.as_slice())),
        }
    }

    /// Read [`Distinct::encode`]'s form; `None` when it is not one.
    pub fn decode(s: &str) -> Option<Self> {
        let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
        let (tag, body) = (s.get(..1)?, s.get(1..)?);
        let bytes = b64.decode(body).ok()?;
        match tag {
            "e" if bytes.len() % 8 == 0 => Some(Self::Exact(
                bytes.chunks_exact(8).map(|c| u64::from_be_bytes(c.try_into().unwrap_or_default())).collect(),
            )),
            "h" if bytes.len() == M => Some(Self::Estimated(Box::new(bytes.try_into().ok()?))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64: well-spread 64-bit values standing in for keyed hashes.
    fn spread(mut x: u64) -> u64 {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }

    #[test]
    fn exact_while_small_and_merged_as_a_union() {
        let (mut a, mut b) = (Distinct::default(), Distinct::default());
        (0..100).for_each(|i| a.insert(spread(i)));
        (50..180).for_each(|i| b.insert(spread(i)));
        a.insert(spread(3));
        assert_eq!((a.count(), b.count()), (100, 130));
        a.merge(&b);
        assert_eq!(a.count(), 180);
        assert_eq!(Distinct::decode(&a.encode()), Some(a));
        assert_eq!(Distinct::default().count(), 0);
        assert_eq!(Distinct::decode(&Distinct::default().encode()), Some(Distinct::default()));
        for bad in ["", "x", "eAAA", "h", "e!!"] {
            assert_eq!(Distinct::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn estimates_within_a_few_percent_once_large() {
        for n in [10_000u64, 100_000, 1_000_000] {
            let mut d = Distinct::default();
            (0..n).for_each(|i| d.insert(spread(i)));
            assert!(matches!(d, Distinct::Estimated(_)));
            let err = (d.count() as f64 - n as f64).abs() / n as f64;
            assert!(err < 0.05, "{n}: {} ({err:.3})", d.count());
            assert_eq!(Distinct::decode(&d.encode()), Some(d.clone()));
            // A union of two halves counts like the whole.
            let (mut lo, mut hi) = (Distinct::default(), Distinct::default());
            (0..n / 2).for_each(|i| lo.insert(spread(i)));
            (n / 2..n).for_each(|i| hi.insert(spread(i)));
            lo.merge(&hi);
            assert_eq!(lo.count(), d.count());
        }
    }
}
