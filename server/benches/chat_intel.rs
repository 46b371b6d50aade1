//! Chat intelligence benchmark (`scripts/bench-chat-intel`). Sentiment: our
//! VADER port on the human-rated sets that ship in `vaderSentiment` 3.3.2's
//! source distribution (Hutto & Gilbert, ICWSM 2014: tweets, movie reviews,
//! product reviews, news editorials; nobody here wrote or rated them), scored
//! as the reference Python `vaderSentiment` run by the script on the same
//! files: Pearson r of the compound score with the raters' mean, and macro F1
//! over three classes with VADER's ±0.05 thresholds. Then lines per second on
//! one core.
//!
//! `AETHEX_VADER_SETS`: the folder of `*_GroundTruth.txt`; `AETHEX_VADER_REFERENCE`:
//! the Python reference's JSON lines (`scripts/lib/vader_reference.py`).

use std::collections::HashMap;
use std::time::Instant;

use aethex_server::intel::automod::{self, Settings};
use aethex_server::intel::sentiment::{Model, Polarity};
use aethex_server::intel::trends::{terms, Trends};

fn read(path: &std::path::Path) -> Vec<(f64, String)> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| {
            let mut f = l.trim_end_matches('\r').splitn(3, '\t');
            let (_, mean, text) = (f.next()?, f.next()?, f.next()?);
            Some((mean.parse().ok()?, text.to_string()))
        })
        .collect()
}

fn class(x: f64) -> i8 {
    if x >= 0.05 {
        1
    } else if x <= -0.05 {
        -1
    } else {
        0
    }
}

fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let sxy: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let syy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    sxy / (sxx * syy).sqrt()
}

fn macro_f1(truth: &[i8], pred: &[i8]) -> f64 {
    let mut f1s = Vec::new();
    for c in [-1, 0, 1] {
        let tp = truth.iter().zip(pred).filter(|(t, p)| **t == c && **p == c).count() as f64;
        let fp = truth.iter().zip(pred).filter(|(t, p)| **t != c && **p == c).count() as f64;
        let fn_ = truth.iter().zip(pred).filter(|(t, p)| **t == c && **p != c).count() as f64;
        if tp + fp + fn_ > 0.0 {
            f1s.push(2.0 * tp / (2.0 * tp + fp + fn_));
        }
    }
    f1s.iter().sum::<f64>() / f1s.len() as f64
}

fn measure(model: &Model, rows: &[(f64, String)]) -> (f64, f64) {
    let compound: Vec<f64> = rows.iter().map(|(_, t)| model.scores(t).compound).collect();
    let human: Vec<f64> = rows.iter().map(|(m, _)| *m).collect();
    let truth: Vec<i8> = human.iter().map(|h| class(*h)).collect();
    let pred: Vec<i8> = compound.iter().map(|c| class(*c)).collect();
    (pearson(&compound, &human), macro_f1(&truth, &pred))
}

fn main() {
    let dir = std::env::var("AETHEX_VADER_SETS").expect("AETHEX_VADER_SETS: run scripts/bench-chat-intel");
    let reference: HashMap<String, serde_json::Value> = std::env::var("AETHEX_VADER_REFERENCE")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some((v["set"].as_str()?.to_string(), v)))
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("AeThex chat intelligence, {cores} cores");
    println!("sentiment on vaderSentiment 3.3.2's human-rated sets (Hutto & Gilbert 2014; not written or rated here):");
    println!(
        "  {:<22} {:>6}  {:>8} {:>8}  {:>8} {:>8}   {:>8} {:>8}",
        "set", "lines", "r ours", "r py", "F1 ours", "F1 py", "r chat", "F1 chat"
    );
    let mut all = Vec::new();
    for set in ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"] {
        let rows = read(&std::path::Path::new(&dir).join(format!("{set}_GroundTruth.txt")));
        let (r, f1) = measure(Model::vader(), &rows);
        let (rc, f1c) = measure(Model::chat(), &rows);
        let py = reference.get(set);
        let num = |k: &str| py.and_then(|v| v[k].as_f64()).map_or("—".to_string(), |x| format!("{x:.4}"));
        println!(
            "  {set:<22} {:>6}  {r:>8.4} {:>8}  {f1:>8.4} {:>8}   {rc:>8.4} {f1c:>8.4}",
            rows.len(),
            num("r"),
            num("f1")
        );
        all.extend(rows);
    }
    println!(
        "  (\"chat\": with the chat layer of emotes and slang, which chat lines use; the comparison is VADER alone)"
    );

    // Throughput: every line of the four sets, as chat would be scored.
    let model = Model::chat();
    let texts: Vec<&str> = all.iter().map(|(_, t)| t.as_str()).collect();
    let tweets: Vec<&str> = texts.iter().copied().filter(|t| t.len() <= 140).collect();
    for (name, lines) in [("all 23,703 lines", &texts), ("lines of 140 bytes or fewer", &tweets)] {
        let mut positive = 0usize;
        let start = Instant::now();
        let mut n = 0usize;
        while start.elapsed().as_secs_f64() < 2.0 {
            for t in lines.iter() {
                positive += usize::from(model.scores(t).polarity() == Polarity::Positive);
            }
            n += lines.len();
        }
        let rate = n as f64 / start.elapsed().as_secs_f64();
        let py = reference.values().map(|v| v["seconds"].as_f64().unwrap_or(0.0)).sum::<f64>();
        let py_rate = if py > 0.0 { format!("{:.0}", all.len() as f64 / py) } else { "—".into() };
        println!(
            "  sentiment, one core, {name}: {rate:.0} lines/s (Python vaderSentiment over all lines: {py_rate} lines/s; {} positive)",
            positive / (n / lines.len()).max(1)
        );
    }
    // The whole analysis of a chat line as the service runs it: terms, the
    // channel's and the platform's trends, sentiment; 2,000 chatters, 60 s of
    // simulated chat time per 100,000 lines so windows close as they would.
    let (mut channel, mut platform) = (Trends::default(), Trends::default());
    let start = Instant::now();
    let mut n = 0usize;
    while start.elapsed().as_secs_f64() < 2.0 {
        for t in &tweets {
            let at = (n as i64) * 60_000 / 100_000;
            let ts = terms(t, "en");
            channel.add(at, (n % 2000) as u64, &ts);
            platform.add(at, (n % 2000) as u64, &ts);
            std::hint::black_box(model.scores(t));
            n += 1;
        }
    }
    let rate = n as f64 / start.elapsed().as_secs_f64();
    println!("  full analysis (terms, channel and platform trends, sentiment), one core, tweet-length lines: {rate:.0} lines/s");

    toxicity(&dir);
}

/// AutoMod against an independent judge: PyPI's `alt-profanity-check`
/// (its shipped linear SVM, trained on public tweet and Wikipedia-comment
/// labels), run by the script over the same sets; then the inline check's speed.
fn toxicity(dir: &str) {
    let judge: HashMap<(String, usize), bool> = std::env::var("AETHEX_TOXICITY_REFERENCE")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some(((v["set"].as_str()?.to_string(), v["i"].as_u64()? as usize), v["offensive"].as_bool()?)))
        .collect();
    println!("AutoMod against alt-profanity-check 1.9.1 (independent; its \"offensive\" as the truth):");
    println!(
        "  {:<22} {:>6} {:>7}  {:>7} {:>9} {:>9} {:>7} {:>9} {:>7}",
        "set", "lines", "level", "judge+", "automod+", "agree", "prec", "recall", "F1"
    );
    let mut all = Vec::new();
    for set in ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"] {
        let rows = read(&std::path::Path::new(dir).join(format!("{set}_GroundTruth.txt")));
        for level in [2u8, 4] {
            let settings = Settings { level, categories: [None; 4] };
            let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
            let mut missing = 0usize;
            for (i, (_, text)) in rows.iter().enumerate() {
                let Some(&truth) = judge.get(&(set.to_string(), i)) else {
                    missing += 1;
                    continue;
                };
                match (automod::check(text, &settings).is_some(), truth) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fn_ += 1,
                    (false, false) => tn += 1,
                }
            }
            if missing == rows.len() {
                println!("  {set:<22} (no judge output: run scripts/bench-chat-intel)");
                break;
            }
            let n = (tp + fp + fn_ + tn) as f64;
            let precision = tp as f64 / (tp + fp).max(1) as f64;
            let recall = tp as f64 / (tp + fn_).max(1) as f64;
            let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
            println!(
                "  {set:<22} {:>6} {level:>7}  {:>7} {:>9} {:>8.1}% {:>7.3} {:>9.3} {:>7.3}",
                rows.len(),
                tp + fn_,
                tp + fp,
                (tp + tn) as f64 / n * 100.0,
                precision,
                recall,
                f1
            );
        }
        all.extend(rows.into_iter().map(|(_, t)| t));
    }

    // The pre-check must never clear a line the full analysis holds.
    let settings = Settings { level: 4, categories: [None; 4] };
    let (mut cleared, mut missed, mut held) = (0usize, 0usize, 0usize);
    for t in &all {
        let full = automod::check_fully(t, &settings).is_some();
        held += usize::from(full);
        if !aethex_server::intel::precheck::maybe_listed(t) {
            cleared += 1;
            missed += usize::from(full);
        }
    }
    println!(
        "  pre-check: cleared {:.1}% of all {} lines without rustrict; of the {held} lines rustrict holds at level 4 it cleared {missed}",
        cleared as f64 / all.len() as f64 * 100.0,
        all.len()
    );

    // The inline check's speed on one core: what the send path pays per line.
    let short: Vec<&str> = all.iter().map(String::as_str).filter(|t| t.chars().count() <= 60).collect();
    let tweets: Vec<&str> = all.iter().map(String::as_str).filter(|t| t.len() <= 140).collect();
    type Check = fn(&str, &Settings) -> Option<automod::Hold>;
    for (name, lines) in [("chat-length lines (60 characters or fewer)", &short), ("tweet-length lines", &tweets)] {
        let mean = lines.iter().map(|t| t.chars().count()).sum::<usize>() as f64 / lines.len().max(1) as f64;
        let mut rates = Vec::new();
        for check in [automod::check as Check, automod::check_fully as Check] {
            let start = Instant::now();
            let (mut n, mut held) = (0usize, 0usize);
            while start.elapsed().as_secs_f64() < 2.0 {
                for t in lines.iter() {
                    held += usize::from(check(t, &settings).is_some());
                }
                n += lines.len();
            }
            rates.push((n as f64 / start.elapsed().as_secs_f64(), held / (n / lines.len().max(1)).max(1)));
        }
        println!(
            "  AutoMod inline check, level 4, one core, {name} ({} lines, mean {mean:.0} characters): {:.0} messages/s ({} held); rustrict alone {:.0} messages/s ({} held)",
            lines.len(),
            rates[0].0,
            rates[0].1,
            rates[1].0,
            rates[1].1
        );
    }
}
