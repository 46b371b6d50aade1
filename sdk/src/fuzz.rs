//! The one fuzz harness (feature `fuzzing`, for dev-dependencies only): every
//! parser that reads peer input has a fuzz target, an ordinary `#[test]` named
//! `fuzz_<target>` that hands a proptest strategy and a property to [`target`].
//!
//! - By default a target runs a fixed number of cases from a seed derived from
//!   its name, so the normal test suite stays quick and never flakes.
//! - `AETHEX_FUZZ_SECS=n` runs it for `n` seconds from a fresh random seed
//!   (`scripts/fuzz` does this for every target); `AETHEX_FUZZ_CASES` and
//!   `AETHEX_FUZZ_SEED` override the count and the seed.
//! - Before any new case, every input saved in `fuzz/corpus/<target>/` (one
//!   JSON file each) is replayed: the corpus of past failures, committed with
//!   their fixes. A new failure is shrunk to a minimal input, printed and saved
//!   there.
//!
//! Each run prints one line to stderr,
//! `fuzz <target>: <cases> cases in <secs> s (<rate>/s), <n> failures`,
//! followed by the corpus size, the slowest case and the seed. No timing is
//! asserted: the slowest case is there for a reader judging "bounded work".

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::Digest as _;

/// Cases a target runs when no time is given.
pub const DEFAULT_CASES: u32 = 256;
/// Cases between two looks at the clock in a timed run.
const BATCH: u32 = 32;
/// Shrinking stops after this long; the input found so far is reported.
const MAX_SHRINK_MS: u32 = 30_000;

/// A fuzz target about to run; see [`target`].
#[derive(Debug, Clone)]
pub struct Target {
    name: &'static str,
    cases: u32,
}

/// The fuzz target `name` (also its corpus folder), running [`DEFAULT_CASES`] by default.
pub fn target(name: &'static str) -> Target {
    Target { name, cases: DEFAULT_CASES }
}

impl Target {
    /// Run `n` cases instead of [`DEFAULT_CASES`] when no time is given (for
    /// targets whose cases are expensive, so the normal test suite stays quick).
    pub fn cases(mut self, n: u32) -> Self {
        self.cases = n;
        self
    }

    /// Replay the corpus, then check `property` on generated inputs; panics
    /// (failing the test) after reporting the first failure, shrunk. A panic
    /// inside `property` counts as a failure, like an `Err`.
    pub fn run<S>(self, strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
    where
        S: Strategy,
        S::Value: Serialize + DeserializeOwned,
    {
        let name = self.name;
        let secs = env_u64("AETHEX_FUZZ_SECS").filter(|s| *s > 0);
        let cases = env_u64("AETHEX_FUZZ_CASES").map_or(self.cases, |c| c.min(u64::from(u32::MAX)) as u32);
        let seed = env_u64("AETHEX_FUZZ_SEED").unwrap_or_else(|| match secs {
            Some(_) => fresh_seed(),
            None => u64::from_le_bytes(digest(name.as_bytes())[..8].try_into().unwrap_or_default()),
        });
        let dir = corpus_root().join(name);

        let calls = Cell::new(0u64);
        let first_failure = Cell::new(None::<u64>);
        let slowest = Cell::new(Duration::ZERO);
        let checked = |value: S::Value| -> Result<(), TestCaseError> {
            calls.set(calls.get() + 1);
            let start = Instant::now();
            let result = catch_unwind(AssertUnwindSafe(|| property(value)))
                .unwrap_or_else(|p| Err(TestCaseError::fail(format!("panicked: {}", panic_text(&*p)))));
            slowest.set(slowest.get().max(start.elapsed()));
            if result.is_err() && first_failure.get().is_none() {
                first_failure.set(Some(calls.get()));
            }
            result
        };

        let started = Instant::now();
        let replayed = replay_corpus::<S::Value>(name, &dir, &checked);

        let config = Config {
            cases: if secs.is_some() { BATCH } else { cases },
            failure_persistence: None,
            max_shrink_time: MAX_SHRINK_MS,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(
            config.clone(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &digest(&seed.to_le_bytes())),
        );
        let deadline = secs.map(|s| started + Duration::from_secs(s));
        let outcome = loop {
            match runner.run(&strategy, checked) {
                Ok(()) if deadline.is_some_and(|d| Instant::now() < d) => {
                    // A runner counts its successes up to `cases`; the next batch needs
                    // a fresh one, its random stream continuing from this one's.
                    runner = TestRunner::new_with_rng(config.clone(), runner.new_rng());
                }
                Ok(()) => break None,
                Err(TestError::Fail(reason, value)) => break Some((reason.to_string(), serde_json::to_string(&value))),
                Err(TestError::Abort(reason)) => break Some((format!("aborted: {reason}"), Ok(String::new()))),
            }
        };

        let ran = first_failure.get().map_or(calls.get(), |n| n);
        let elapsed = started.elapsed().as_secs_f64();
        let rate = ran as f64 / elapsed.max(1e-9);
        let failures = u32::from(outcome.is_some());
        eprintln!(
            "fuzz {name}: {ran} cases in {elapsed:.1} s ({rate:.0}/s), {failures} failures; corpus {replayed}, slowest case {:.1} ms, seed {seed}",
            slowest.get().as_secs_f64() * 1000.0
        );
        if let Some((reason, input)) = outcome {
            eprintln!("fuzz {name}: failed: {reason}");
            match input {
                Ok(json) if !json.is_empty() => {
                    eprintln!("fuzz {name}: minimal input: {json}");
                    match save(&dir, &json) {
                        Ok(path) => eprintln!(
                            "fuzz {name}: saved as {}; it is replayed first from now on, so commit it with the fix",
                            path.display()
                        ),
                        Err(e) => eprintln!("fuzz {name}: could not save the input in {}: {e}", dir.display()),
                    }
                }
                Ok(_) => {}
                Err(e) => eprintln!("fuzz {name}: the input cannot be written as JSON: {e}"),
            }
            panic!("fuzz target {name} failed (seed {seed}); see above");
        }
    }
}

/// Replay every saved input of a target; panics on the first that fails.
fn replay_corpus<T: DeserializeOwned>(
    name: &str,
    dir: &Path,
    check: &impl Fn(T) -> Result<(), TestCaseError>,
) -> usize {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => {
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect()
        }
        Err(_) => return 0,
    };
    files.sort();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let value: T = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!("fuzz {name}: {} no longer fits the target's input type ({e}); update or remove it", path.display())
        });
        if let Err(e) = check(value) {
            panic!("fuzz {name}: corpus input {} fails again: {e}", path.display());
        }
    }
    files.len()
}

fn save(dir: &Path, json: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.json", hex::encode(&digest(json.as_bytes())[..8])));
    std::fs::write(&path, format!("{json}\n"))?;
    Ok(path)
}

/// `fuzz/corpus` at the workspace root, or `AETHEX_FUZZ_CORPUS`.
fn corpus_root() -> PathBuf {
    std::env::var_os("AETHEX_FUZZ_CORPUS").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("..")).join("fuzz/corpus")
    })
}

fn env_u64(key: &str) -> Option<u64> {
    let v = std::env::var(key).ok()?;
    match v.trim().parse() {
        Ok(n) => Some(n),
        Err(_) => panic!("{key}={v:?} is not a whole number"),
    }
}

fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    u64::from_le_bytes(
        digest(&[nanos.to_le_bytes(), u128::from(std::process::id()).to_le_bytes()].concat())[..8]
            .try_into()
            .unwrap_or_default(),
    )
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(bytes).into()
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default()
}

/// Strategies every target mixes in: raw input and mutations of valid input.
pub mod gen {
    use proptest::collection::vec;
    use proptest::prelude::*;

    /// One way to damage an input.
    #[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
    pub enum Mutation {
        /// Keep only the first `n` (modulo the length) bytes.
        Truncate(usize),
        /// Flip bit `bit % 8` of byte `at` (modulo the length).
        FlipBit {
            /// Byte index.
            at: usize,
            /// Bit index.
            bit: u8,
        },
        /// Overwrite a byte.
        Set {
            /// Byte index.
            at: usize,
            /// New value.
            byte: u8,
        },
        /// Insert bytes.
        Insert {
            /// Byte index.
            at: usize,
            /// What to insert.
            bytes: Vec<u8>,
        },
        /// Repeat a span of the input `times` times (long or deep input).
        Repeat {
            /// Start index.
            at: usize,
            /// Span length.
            len: usize,
            /// Repetitions.
            times: usize,
        },
    }

    /// Up to `max` mutations, mostly few.
    pub fn mutations(max: usize) -> impl Strategy<Value = Vec<Mutation>> {
        let one = prop_oneof![
            (any::<usize>()).prop_map(Mutation::Truncate),
            (any::<usize>(), any::<u8>()).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
            (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
            (any::<usize>(), vec(any::<u8>(), 1..8)).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
            (any::<usize>(), 1..16usize, 1..64usize).prop_map(|(at, len, times)| Mutation::Repeat { at, len, times }),
        ];
        vec(one, 0..=max)
    }

    /// Apply `ms` to `bytes` in order.
    pub fn mutate(mut bytes: Vec<u8>, ms: &[Mutation]) -> Vec<u8> {
        for m in ms {
            let n = bytes.len();
            match m {
                Mutation::Truncate(k) => bytes.truncate(k % (n + 1)),
                Mutation::FlipBit { at, bit } if n > 0 => bytes[at % n] ^= 1 << (bit % 8),
                Mutation::Set { at, byte } if n > 0 => bytes[at % n] = *byte,
                Mutation::Insert { at, bytes: ins } => {
                    let at = at % (n + 1);
                    bytes.splice(at..at, ins.iter().copied());
                }
                Mutation::Repeat { at, len, times } if n > 0 => {
                    let at = at % n;
                    let span = bytes[at..(at + len).min(n)].to_vec();
                    let copies: Vec<u8> = span.iter().copied().cycle().take(span.len() * times).collect();
                    bytes.splice(at..at, copies);
                }
                _ => {}
            }
        }
        bytes
    }

    /// [`mutate`] for text: the result is made valid UTF-8 again (lossily), so
    /// mutations also produce replacement characters and split multi-byte ones.
    pub fn mutate_text(text: &str, ms: &[Mutation]) -> String {
        String::from_utf8_lossy(&mutate(text.as_bytes().to_vec(), ms)).into_owned()
    }

    /// Arbitrary text weighted towards what breaks parsers: ASCII punctuation,
    /// control characters, multi-byte characters.
    pub fn text(max_chars: usize) -> impl Strategy<Value = String> {
        let ch = prop_oneof![
            4 => proptest::char::range(' ', '~'),
            1 => proptest::char::range('\0', '\x1f'),
            1 => prop::sample::select(vec!['é', 'ß', '€', '中', '😀', '\u{200b}', '\u{feff}', '１', 'İ', '\u{7f}', '\u{85}']),
            1 => any::<char>(),
        ];
        vec(ch, 0..=max_chars).prop_map(|cs| cs.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::gen::{mutate, Mutation};

    #[test]
    fn mutations_stay_in_bounds() {
        let m = [
            Mutation::Repeat { at: 5, len: 3, times: 2 },
            Mutation::FlipBit { at: 100, bit: 9 },
            Mutation::Insert { at: 1000, bytes: vec![9] },
            Mutation::Truncate(4),
        ];
        assert_eq!(mutate(vec![0, 1, 2, 3, 4, 5, 6], &m), vec![0, 3, 2, 3]);
        assert_eq!(mutate(vec![0, 1, 2], &m[..2]), vec![2, 1, 2, 2, 2]);
        assert!(mutate(Vec::new(), &m).len() <= 1);
    }
}
