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
}
