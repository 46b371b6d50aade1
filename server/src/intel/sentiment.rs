//! Sentiment of a chat line: VADER (Hutto & Gilbert, ICWSM 2014), a lexicon
//! and rules model for social-media text, ported from the reference Python
//! `vaderSentiment` 3.3.2 rule for rule (its lexicons are vendored in
//! `vader/`, MIT), so that its published accuracy carries over: booster and
//! dampener words, negation up to three words back, "but" shifting weight to
//! what follows, ALL-CAPS emphasis among mixed case, `!` and `?` emphasis,
//! "least", idioms, and emoji read as their names.
//!
//! Live chat says things VADER's lexicon does not know: emotes and chat
//! slang. [`Model::chat`] layers [`CHAT_LEXICON`] over VADER's for chat
//! lines; [`Model::vader`] is the reference model alone, which
//! `scripts/bench-chat-intel` measures against the Python original. Pure: no
//! I/O, no state between lines.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Booster words' step, and ALL-CAPS emphasis (the paper's empirical means).
const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
/// A negated word's valence is scaled by this.
const N_SCALAR: f64 = -0.74;

const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

const BOOSTERS_UP: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];

const BOOSTERS_DOWN: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];

/// Idioms and phrases with lexicon words whose sense differs from their parts.
const SPECIAL_CASES: &[(&str, f64)] = &[
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

/// The chat extension: emotes and chat slang VADER's lexicon lacks, with the
/// valence a VADER rater would give them (−4 to +4, VADER's scale), for chat
/// lines only; matched in any case, as chat types them. Where VADER's raters
/// already rated a token (`gg` 1.2, `ez` 1.5, `lmao` 2.0, `<3` 1.9) their
/// rating stands, with one exception: VADER reads `l` as +2.0, but in chat
/// `L` is a loss.
///
/// | token | valence | reading |
/// | --- | --- | --- |
/// | `pog`, `pogchamp`, `poggers`, `pogu` | +2.5 | amazement, hype |
/// | `lul`, `lulw`, `kekw`, `omegalul`, `4head` | +1.8 | laughter |
/// | `kappa` | +0.6 | sarcasm, playful |
/// | `residentsleeper` | −1.8 | boredom |
/// | `biblethump`, `pepehands`, `sadge` | −1.7 | sadness |
/// | `notlikethis`, `failfish` | −1.8 | dismay at a failure |
/// | `monkas` | −1.2 | anxiety |
/// | `w`, `dub` | +2.0 | a win ("W stream") |
/// | `l` | −2.0 | a loss ("L take") |
/// | `f` | −1.4 | respects paid, commiseration |
/// | `ggwp` | +1.9 | good game, well played |
/// | `+1` / `-1` | +1.2 / −1.2 | agreement / disagreement |
/// | `goat`, `goated` | +2.6 | greatest of all time |
/// | `based` | +1.5 | approval |
/// | `cringe` | −1.9 | embarrassment |
/// | `mid` | −1.0 | mediocre |
/// | `hype`, `hyped` | +2.0 | excitement |
/// | `clutch` | +2.2 | won under pressure |
/// | `throw`, `throwing`, `throwed` | −1.6 | losing by a blunder |
/// | `scuffed` | −1.5 | broken, janky |
/// | `rip` | −1.4 | loss, commiseration |
pub const CHAT_LEXICON: &[(&str, f64)] = &[
    ("pog", 2.5),
    ("pogchamp", 2.5),
    ("poggers", 2.5),
    ("pogu", 2.5),
    ("lul", 1.8),
    ("lulw", 1.8),
    ("kekw", 1.8),
    ("omegalul", 1.8),
    ("4head", 1.8),
    ("kappa", 0.6),
    ("residentsleeper", -1.8),
    ("biblethump", -1.7),
    ("pepehands", -1.7),
    ("sadge", -1.7),
    ("notlikethis", -1.8),
    ("failfish", -1.8),
    ("monkas", -1.2),
    ("w", 2.0),
    ("dub", 2.0),
    ("l", -2.0),
    ("f", -1.4),
    ("ggwp", 1.9),
    ("+1", 1.2),
    ("-1", -1.2),
    ("goat", 2.6),
    ("goated", 2.6),
    ("based", 1.5),
    ("cringe", -1.9),
    ("mid", -1.0),
    ("hype", 2.0),
    ("hyped", 2.0),
    ("clutch", 2.2),
    ("throw", -1.6),
    ("throwing", -1.6),
    ("throwed", -1.6),
    ("scuffed", -1.5),
    ("rip", -1.4),
];

/// A line's scores, as VADER gives them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Normalised sum, −1 to +1, rounded to 4 places.
    pub compound: f64,
    /// Shares of positive, negative and neutral words (rounded to 3 places).
    pub pos: f64,
    /// See `pos`.
    pub neg: f64,
    /// See `pos`.
    pub neu: f64,
}

/// A line's class by the usual thresholds on the compound score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    /// compound ≥ 0.05.
    Positive,
    /// Between.
    Neutral,
    /// compound ≤ −0.05.
    Negative,
}

impl Scores {
    /// The class by VADER's ±0.05 thresholds.
    pub fn polarity(&self) -> Polarity {
        if self.compound >= 0.05 {
            Polarity::Positive
        } else if self.compound <= -0.05 {
            Polarity::Negative
        } else {
            Polarity::Neutral
        }
    }
}

/// A loaded model: VADER's lexicons, and the chat layer when asked.
pub struct Model {
    lexicon: HashMap<String, f64>,
    emoji: HashMap<char, &'static str>,
    boosters: HashMap<&'static str, f64>,
}

fn parse_lexicon() -> HashMap<String, f64> {
    include_str!("vader/vader_lexicon.txt")
        .lines()
        .filter_map(|l| {
            let mut f = l.trim().split('\t');
            let (word, measure) = (f.next()?, f.next()?);
            Some((word.to_string(), measure.parse().ok()?))
        })
        .collect()
}

fn parse_emoji() -> HashMap<char, &'static str> {
    include_str!("vader/emoji_utf8_lexicon.txt")
        .lines()
        .filter_map(|l| {
            let mut f = l.trim().split('\t');
            let (emoji, name) = (f.next()?, f.next()?);
            let mut chars = emoji.chars();
            // Only one-character keys ever match: the reference reads text a character at a time.
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some((c, name)),
                _ => None,
            }
        })
        .collect()
}

impl Model {
    fn load(chat: bool) -> Self {
        let mut lexicon = parse_lexicon();
        if chat {
            lexicon.extend(CHAT_LEXICON.iter().map(|(token, valence)| (token.to_string(), *valence)));
        }
        let boosters =
            BOOSTERS_UP.iter().map(|w| (*w, B_INCR)).chain(BOOSTERS_DOWN.iter().map(|w| (*w, B_DECR))).collect();
        Self { lexicon, emoji: parse_emoji(), boosters }
    }

    /// VADER as published (the reference the benchmark compares with).
    pub fn vader() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::load(false))
    }

    /// VADER with the chat layer, for chat lines.
    pub fn chat() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::load(true))
    }

    fn in_lexicon(&self, lower: &str) -> bool {
        self.lexicon.contains_key(lower)
    }

    /// Score `text`.
    pub fn scores(&self, text: &str) -> Scores {
        // Emoji become their names, as the reference does.
        let mut plain = String::with_capacity(text.len());
        let mut prev_space = true;
        for c in text.chars() {
            if let Some(name) = self.emoji.get(&c) {
                if !prev_space {
                    plain.push(' ');
                }
                plain.push_str(name);
                prev_space = false;
            } else {
                plain.push(c);
                prev_space = c == ' ';
            }
        }
        let text = plain.trim();
        let words: Vec<&str> = text.split_whitespace().map(strip_punctuation).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let cap_diff = allcap_differential(&words);
        let mut sentiments = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            if self.boosters.contains_key(lower[i].as_str())
                || (i + 1 < words.len() && lower[i] == "kind" && lower[i + 1] == "of")
            {
                sentiments.push(0.0);
                continue;
            }
            sentiments.push(self.valence(&words, &lower, i, cap_diff));
        }
        but_check(&lower, &mut sentiments);
        score_valence(&sentiments, text)
    }

    fn scalar_inc_dec(&self, word: &str, lower: &str, valence: f64, cap_diff: bool) -> f64 {
        let Some(b) = self.boosters.get(lower) else { return 0.0 };
        let mut scalar = if valence < 0.0 { -b } else { *b };
        if is_upper(word) && cap_diff {
            scalar += if valence > 0.0 { C_INCR } else { -C_INCR };
        }
        scalar
    }

    fn valence(&self, words: &[&str], lower: &[String], i: usize, cap_diff: bool) -> f64 {
        let Some(&base) = self.lexicon.get(&lower[i]) else { return 0.0 };
        let mut valence = base;
        let n = words.len();
        // "no" before a lexicon word negates it instead of counting itself.
        if lower[i] == "no" && i + 1 < n && self.in_lexicon(&lower[i + 1]) {
            valence = 0.0;
        }
        if (i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && (lower[i - 1] == "or" || lower[i - 1] == "nor"))
        {
            valence = base * N_SCALAR;
        }
        if is_upper(words[i]) && cap_diff {
            valence += if valence > 0.0 { C_INCR } else { -C_INCR };
        }
        for start in 0..3 {
            if i > start && !self.in_lexicon(&lower[i - (start + 1)]) {
                let mut s = self.scalar_inc_dec(words[i - (start + 1)], &lower[i - (start + 1)], valence, cap_diff);
                if start == 1 && s != 0.0 {
                    s *= 0.95;
                }
                if start == 2 && s != 0.0 {
                    s *= 0.9;
                }
                valence += s;
                valence = negation_check(valence, lower, start, i);
                if start == 2 {
                    valence = self.special_idioms(valence, lower, i);
                }
            }
        }
        self.least_check(valence, lower, i)
    }

    fn least_check(&self, valence: f64, lower: &[String], i: usize) -> f64 {
        if i > 1 && !self.in_lexicon(&lower[i - 1]) && lower[i - 1] == "least" {
            if lower[i - 2] != "at" && lower[i - 2] != "very" {
                return valence * N_SCALAR;
            }
        } else if i > 0 && !self.in_lexicon(&lower[i - 1]) && lower[i - 1] == "least" {
            return valence * N_SCALAR;
        }
        valence
    }

    fn special_idioms(&self, mut valence: f64, lower: &[String], i: usize) -> f64 {
        let special = |s: &str| SPECIAL_CASES.iter().find(|(k, _)| *k == s).map(|(_, v)| *v);
        let onezero = format!("{} {}", lower[i - 1], lower[i]);
        let twoonezero = format!("{} {} {}", lower[i - 2], lower[i - 1], lower[i]);
        let twoone = format!("{} {}", lower[i - 2], lower[i - 1]);
        let threetwoone = format!("{} {} {}", lower[i - 3], lower[i - 2], lower[i - 1]);
        let threetwo = format!("{} {}", lower[i - 3], lower[i - 2]);
        if let Some(v) = [&onezero, &twoonezero, &twoone, &threetwoone, &threetwo].iter().find_map(|s| special(s)) {
            valence = v;
        }
        if lower.len() - 1 > i {
            if let Some(v) = special(&format!("{} {}", lower[i], lower[i + 1])) {
                valence = v;
            }
        }
        if lower.len() - 1 > i + 1 {
            if let Some(v) = special(&format!("{} {} {}", lower[i], lower[i + 1], lower[i + 2])) {
                valence = v;
            }
        }
        for gram in [&threetwoone, &threetwo, &twoone] {
            if let Some(b) = self.boosters.get(gram.as_str()) {
                valence += b;
            }
        }
        valence
    }
}

/// Python's `str.isupper()`: some cased character, none lower case.
fn is_upper(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())
}

/// Some, but not all, words are ALL CAPS.
fn allcap_differential(words: &[&str]) -> bool {
    let caps = words.iter().filter(|w| is_upper(w)).count();
    let differential = words.len() - caps;
    0 < differential && differential < words.len()
}

/// Leading and trailing ASCII punctuation off a token, unless what is left is
/// two characters or fewer (then it was likely an emoticon: `:)` stays).
fn strip_punctuation(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

fn is_negation(word: &str) -> bool {
    NEGATE.contains(&word) || word.contains("n't")
}

fn negation_check(valence: f64, lower: &[String], start: usize, i: usize) -> f64 {
    let w = |k: usize| lower[i - k].as_str();
    match start {
        0 if is_negation(w(1)) => valence * N_SCALAR,
        1 if w(2) == "never" && (w(1) == "so" || w(1) == "this") => valence * 1.25,
        1 if w(2) == "without" && w(1) == "doubt" => valence,
        1 if is_negation(w(2)) => valence * N_SCALAR,
        // The reference's precedence: (never and so|this two back) or so|this one back.
        2 if (w(3) == "never" && (w(2) == "so" || w(2) == "this")) || (w(1) == "so" || w(1) == "this") => {
            valence * 1.25
        }
        2 if w(3) == "without" && (w(2) == "doubt" || w(1) == "doubt") => valence,
        2 if is_negation(w(3)) => valence * N_SCALAR,
        _ => valence,
    }
}

/// "but": what comes before it counts half, what follows one and a half
/// times. Replicates the reference exactly, including its lookup of each
/// value's first position (so equal values before and after "but" both
/// scale where the first one stands).
fn but_check(lower: &[String], sentiments: &mut [f64]) {
    let Some(bi) = lower.iter().position(|w| w == "but") else { return };
    for k in 0..sentiments.len() {
        let s = sentiments[k];
        let Some(si) = sentiments.iter().position(|x| *x == s) else { continue };
        if si < bi {
            sentiments[si] = s * 0.5;
        } else if si > bi {
            sentiments[si] = s * 1.5;
        }
    }
}

fn round_to(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn score_valence(sentiments: &[f64], text: &str) -> Scores {
    if sentiments.is_empty() {
        return Scores::default();
    }
    let mut sum: f64 = sentiments.iter().sum();
    let ep = (text.matches('!').count().min(4)) as f64 * 0.292;
    let qm = match text.matches('?').count() {
        0 | 1 => 0.0,
        n @ 2..=3 => n as f64 * 0.18,
        _ => 0.96,
    };
    let emphasis = ep + qm;
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0);
    let (mut pos, mut neg, mut neu) = (0.0, 0.0, 0.0);
    for s in sentiments {
        if *s > 0.0 {
            pos += s + 1.0;
        }
        if *s < 0.0 {
            neg += s - 1.0;
        }
        if *s == 0.0 {
            neu += 1.0;
        }
    }
    if pos > neg.abs() {
        pos += emphasis;
    } else if pos < neg.abs() {
        neg -= emphasis;
    }
    let total = pos + neg.abs() + neu;
    Scores {
        compound: round_to(compound, 4),
        pos: round_to((pos / total).abs(), 3),
        neg: round_to((neg / total).abs(), 3),
        neu: round_to((neu / total).abs(), 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference's own demo sentences, with the scores Python
    /// `vaderSentiment` 3.3.2 prints for them.
    #[test]
    fn the_reference_examples_score_as_in_python() {
        let v = Model::vader();
        for (text, compound) in [
            ("VADER is smart, handsome, and funny.", 0.8316),
            ("VADER is smart, handsome, and funny!", 0.8439),
            ("VADER is very smart, handsome, and funny.", 0.8545),
            ("VADER is VERY SMART, handsome, and FUNNY.", 0.9227),
            ("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342),
            ("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469),
            ("VADER is not smart, handsome, nor funny.", -0.7424),
            ("The book was good.", 0.4404),
            ("At least it isn't a horrible book.", 0.431),
            ("The book was only kind of good.", 0.3832),
            ("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042),
            ("Today SUX!", -0.5461),
            ("Today only kinda sux! But I'll get by, lol", 0.5249),
            ("Make sure you :) or :D today!", 0.8633),
            ("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875),
            ("Not bad at all", 0.431),
            ("Sentiment analysis has never been good.", -0.3412),
            ("Sentiment analysis has never been this good!", 0.5672),
            ("Most automated sentiment analysis tools are shit.", -0.5574),
            ("With VADER, sentiment analysis is the shit!", 0.6476),
            ("Other sentiment analysis tools can be quite bad.", -0.5849),
            ("On the other hand, VADER is quite bad ass", 0.802),
            ("VADER is such a badass!", 0.4003),
            ("Without a doubt, excellent idea.", 0.7013),
            ("Roger Dodger is one of the most compelling variations on this theme.", 0.2944),
            ("Roger Dodger is at least compelling as a variation on the theme.", 0.2263),
            ("Roger Dodger is one of the least compelling variations on this theme.", -0.1695),
            ("Not such a badass after all.", -0.2584),
            ("Without a doubt, an excellent idea.", 0.7013),
        ] {
            assert_eq!(v.scores(text).compound, compound, "{text}");
        }
        assert_eq!(v.scores(""), Scores::default());
    }

    #[test]
    fn chat_says_what_vader_cannot() {
        let (v, c) = (Model::vader(), Model::chat());
        for (line, want) in [
            ("Pog", Polarity::Positive),
            ("PogChamp PogChamp", Polarity::Positive),
            ("KEKW", Polarity::Positive),
            ("W", Polarity::Positive),
            ("W streamer", Polarity::Positive),
            ("+1", Polarity::Positive),
            ("this stream is goated", Polarity::Positive),
            ("ResidentSleeper", Polarity::Negative),
            ("F", Polarity::Negative),
            ("that was so cringe", Polarity::Negative),
            ("NotLikeThis", Polarity::Negative),
            ("what a scuffed setup", Polarity::Negative),
        ] {
            assert_eq!(c.scores(line).polarity(), want, "{line}");
            assert_eq!(v.scores(line).polarity(), Polarity::Neutral, "VADER alone does not know {line}");
        }
        // VADER's raters read "l" as positive; in chat an L is a loss.
        assert_eq!(v.scores("L").polarity(), Polarity::Positive);
        assert_eq!(c.scores("L").polarity(), Polarity::Negative);
        assert_eq!(c.scores("huge L").polarity(), Polarity::Negative);
        // Where VADER's raters rated a chat word, their rating stands.
        assert_eq!(c.scores("gg").compound, v.scores("gg").compound);
        assert_eq!(c.scores("ez").compound, v.scores("ez").compound);
        // VADER's rules apply to the chat words too: negation, boosters, caps, "but".
        assert_eq!(c.scores("not hype").polarity(), Polarity::Negative);
        assert!(c.scores("so hype").compound > c.scores("hype").compound);
        assert!(c.scores("HYPE stream here").compound > c.scores("hype stream here").compound);
        assert_eq!(c.scores("ggwp but that ending was cringe").polarity(), Polarity::Negative);
        assert!(c.scores("LUL that throw").compound < c.scores("LUL").compound, "laughing at a blunder: both count");
        // Its own lexicon still counts as VADER's does.
        assert_eq!(c.scores("The book was good.").compound, v.scores("The book was good.").compound);
    }

    #[test]
    fn tokens_and_case_follow_the_reference() {
        assert_eq!(strip_punctuation("funny."), "funny");
        assert_eq!(strip_punctuation(":)"), ":)");
        assert_eq!(strip_punctuation("'ok'"), "'ok'", "two letters left: kept whole");
        assert!(is_upper("SUX") && is_upper("A1") && !is_upper("Sux") && !is_upper("123"));
        assert!(allcap_differential(&["VERY", "good"]) && !allcap_differential(&["A", "B"]));
    }
}
