//! Trending terms: words, two-word phrases and emotes whose rate in the last
//! minute bursts above their own recent baseline. Memory stays bounded
//! whatever the chat volume: each minute's counts are a Misra–Gries
//! heavy-hitters summary of [`COUNTERS`] entries (any term said more than
//! 1/COUNTERS of the minute's mentions is in it, undercounted by at most that
//! much), the baseline keeps at most [`BASELINE_TERMS`] terms, and a chatter
//! counts once per term per minute, so one person repeating a word does not
//! make it trend. Pure: time is passed in.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// A trend window.
pub const WINDOW_MS: i64 = 60_000;
/// Counters of a window's heavy-hitters summary.
pub const COUNTERS: usize = 512;
/// Terms the baseline remembers (the largest).
pub const BASELINE_TERMS: usize = 2048;
/// (chatter, term) pairs remembered per window for de-duplication; beyond, mentions count as they come.
const SEEN_PAIRS: usize = 200_000;
/// Weight of the window just closed in the baseline (an exponential moving average).
const ALPHA: f64 = 0.3;
/// Fewest chatters saying a term in the window for it to trend.
pub const MIN_COUNT: u32 = 3;
/// Terms taken from one message, at most.
const TERMS_PER_MESSAGE: usize = 24;

/// One trending term.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// The word, phrase or emote (lower case).
    pub term: String,
    /// Chatters who said it this window (a lower bound).
    pub count: u32,
    /// Its usual count per window.
    pub baseline: f64,
    /// How far above usual: `(count - baseline) / sqrt(baseline + 1)`.
    pub score: f64,
}

/// A channel's (or the platform's) trend state.
#[derive(Debug, Default)]
pub struct Trends {
    window_start: i64,
    counts: HashMap<String, u32>,
    seen: HashSet<u64>,
    baseline: HashMap<String, f64>,
}

fn pair_key(chatter: u64, term: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    chatter.hash(&mut h);
    term.hash(&mut h);
    h.finish()
}

impl Trends {
    /// Count `terms` said by `chatter` (a hash of who) at `now_ms`.
    pub fn add(&mut self, now_ms: i64, chatter: u64, terms: &[String]) {
        self.roll(now_ms);
        for term in terms {
            let key = pair_key(chatter, term);
            if self.seen.len() < SEEN_PAIRS && !self.seen.insert(key) {
                continue;
            }
            if let Some(n) = self.counts.get_mut(term) {
                *n += 1;
            } else if self.counts.len() < COUNTERS {
                self.counts.insert(term.clone(), 1);
            } else {
                // Misra–Gries: a new term when full takes one from everyone.
                self.counts.retain(|_, n| {
                    *n -= 1;
                    *n > 0
                });
            }
        }
    }

    /// Close the windows that ended by `now_ms` into the baseline.
    fn roll(&mut self, now_ms: i64) {
        if self.window_start == 0 {
            self.window_start = now_ms;
            return;
        }
        let closed = (now_ms - self.window_start).div_euclid(WINDOW_MS);
        if closed <= 0 {
            return;
        }
        let counts = std::mem::take(&mut self.counts);
        // The window just closed, then the empty ones after it (an idle channel decays).
        for b in self.baseline.values_mut() {
            *b *= 1.0 - ALPHA;
        }
        for (term, n) in counts {
            *self.baseline.entry(term).or_default() += ALPHA * f64::from(n);
        }
        let quiet = (closed - 1).min(64) as i32;
        if quiet > 0 {
            let decay = (1.0 - ALPHA).powi(quiet);
            for b in self.baseline.values_mut() {
                *b *= decay;
            }
        }
        self.baseline.retain(|_, b| *b >= 0.05);
        if self.baseline.len() > BASELINE_TERMS {
            let mut all: Vec<(String, f64)> = self.baseline.drain().collect();
            all.sort_by(|a, b| b.1.total_cmp(&a.1));
            all.truncate(BASELINE_TERMS);
            self.baseline = all.into_iter().collect();
        }
        self.seen.clear();
        self.window_start += closed * WINDOW_MS;
    }

    /// The `n` terms bursting most in the window that holds `now_ms`.
    pub fn top(&mut self, now_ms: i64, n: usize) -> Vec<Trend> {
        self.roll(now_ms);
        let mut out: Vec<Trend> = self
            .counts
            .iter()
            .filter(|(_, c)| **c >= MIN_COUNT)
            .filter_map(|(term, c)| {
                let baseline = self.baseline.get(term).copied().unwrap_or(0.0);
                let count = f64::from(*c);
                // Bursting: at least twice its usual rate.
                (count >= 2.0 * baseline).then(|| Trend {
                    term: term.clone(),
                    count: *c,
                    baseline,
                    score: (count - baseline) / (baseline + 1.0).sqrt(),
                })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
        out.truncate(n);
        out
    }

    /// Terms held (for the memory bound's tests).
    pub fn held(&self) -> (usize, usize, usize) {
        (self.counts.len(), self.baseline.len(), self.seen.len())
    }
}

/// The terms of a message: lower-cased words of letters and digits (and
/// `'`), without stop words of `language`, numbers, links or one-letter
/// words, plus the two-word phrases of neighbouring kept words.
pub fn terms(text: &str, language: &str) -> Vec<String> {
    let stop = super::stopwords::of(language);
    let mut words: Vec<Option<String>> = Vec::new();
    for raw in text.split_whitespace() {
        if raw.starts_with("http://") || raw.starts_with("https://") || raw.starts_with("www.") {
            words.push(None);
            continue;
        }
        for w in raw.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
            let w = w.trim_matches('\'').to_lowercase();
            let keep = w.chars().count() >= 2 && !w.chars().all(|c| c.is_ascii_digit()) && !stop.contains(&w.as_str());
            words.push(keep.then_some(w));
        }
        if words.len() > 64 {
            break;
        }
    }
    let mut out: Vec<String> = Vec::new();
    for w in words.iter().flatten() {
        if !out.contains(w) {
            out.push(w.clone());
        }
    }
    for pair in words.windows(2) {
        if let [Some(a), Some(b)] = pair {
            let phrase = format!("{a} {b}");
            if a != b && !out.contains(&phrase) {
                out.push(phrase);
            }
        }
    }
    out.truncate(TERMS_PER_MESSAGE);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(t: &mut Trends, at: i64, who: u64, text: &str) {
        t.add(at, who, &terms(text, "en"));
    }

    #[test]
    fn words_phrases_and_stop_words() {
        assert_eq!(terms("The speedrun is ON!! see https://x.example/a 1234", "en"), ["speedrun", "see"]);
        assert_eq!(terms("new world record", "en"), ["new", "world", "record", "new world", "world record"]);
        assert_eq!(terms("PogChamp PogChamp", "en"), ["pogchamp"], "an emote, once");
        assert_eq!(terms("der Weltrekord ist da", "de"), ["weltrekord"]);
        assert_eq!(terms("die hard", "en"), ["die", "hard", "die hard"], "German stop words stay English words");
    }

    #[test]
    fn a_burst_trends_and_a_steady_term_does_not() {
        let mut t = Trends::default();
        let m = WINDOW_MS;
        // Ten quiet minutes: "hello" from five chatters each minute.
        for minute in 0..10 {
            for who in 0..5 {
                say(&mut t, minute * m + who as i64, who, "hello chat");
            }
        }
        // Minute 10: "clutch" from eight chatters, "hello" as usual, one chatter spamming "spam".
        let now = 10 * m + 30_000;
        for who in 0..5 {
            say(&mut t, now, who, "hello chat");
        }
        for who in 10..18 {
            say(&mut t, now, who, "CLUTCH");
        }
        for _ in 0..50 {
            say(&mut t, now, 99, "spam spam spam");
        }
        let top = t.top(now, 5);
        assert_eq!(top[0].term, "clutch", "{top:?}");
        assert_eq!(top[0].count, 8);
        assert!(top.iter().all(|x| x.term != "hello"), "steady is not trending: {top:?}");
        assert!(top.iter().all(|x| x.term != "spam"), "one chatter repeating is one mention: {top:?}");
        // Two quiet minutes later it is over.
        assert!(t.top(now + 2 * m, 5).is_empty());
    }

    #[test]
    fn memory_is_bounded_whatever_the_volume() {
        let mut t = Trends::default();
        for i in 0..300_000u64 {
            t.add(i as i64 * 10, i, &[format!("word{i}"), "common".into()]);
        }
        let (counts, baseline, seen) = t.held();
        assert!(counts <= COUNTERS && baseline <= BASELINE_TERMS && seen <= SEEN_PAIRS, "{counts} {baseline} {seen}");
        // A heavy hitter survives the flood of one-off words.
        let mut t = Trends::default();
        for i in 0..20_000u64 {
            let mut ts = vec![format!("noise{i}")];
            if i % 4 == 0 {
                ts.push("heavy".into());
            }
            t.add(1, i, &ts);
        }
        assert_eq!(t.top(2, 1)[0].term, "heavy");
    }
}
