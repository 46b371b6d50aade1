//! AutoMod's pre-check: whether an ASCII line could be one `rustrict` rates
//! high enough for AutoMod to hold, decided in a fraction of `rustrict`'s
//! time. Most chat is clean, and `rustrict`'s analysis (about 10 µs for a
//! 40-character line, mostly its match bookkeeping) made the inline check
//! slow; a line the pre-check clears is one `rustrict` clears too, so only
//! the rest pays for the full analysis.
//!
//! Why "clean here" means "clean there": this walks `rustrict`'s own word
//! tree (its words and look-alike table, copied by
//! `scripts/refresh-rustrict-data` from the version in `Cargo.lock`) the way
//! `rustrict` does, leaving out or bounding every step that only removes
//! matches. A match starts at any character, advances on anything the
//! text's character may stand for, and stays put over separators and
//! repeats, without `rustrict`'s limits. A finished word counts unless
//! `rustrict` would surely drop it: every path to it began inside a one-word
//! false positive written out plainly around it (the "tit" of "title", the
//! "ass" of "class"), which `rustrict` cancels, or even the most favourable
//! reading of its confidence (longest span, fewest replacements, separate
//! start) is not positive. Lines with any non-ASCII character (look-alikes,
//! zero-width characters, accents, which `rustrict` normalises) always go to
//! `rustrict`. A unit test and the benchmark hold this against `rustrict`.

use std::sync::OnceLock;

/// Words rustrict rates high enough for AutoMod to hold at its strictest
/// (offensive at all; profane, sexual or mean from moderate), with their
/// ratings as severity bits per category. Ratings only add up across a
/// line's words, never rise, so the other words cannot make a line held.
const WORDS: &str = include_str!("rustrict/words.csv");
/// One-word false positives and safe words that are no rated word.
const FALSE_POSITIVES: &str = include_str!("rustrict/false_positive_words.txt");
/// What each ASCII character may stand for.
const REPLACEMENTS: &str = include_str!("rustrict/replacements_ascii.csv");

const SEVERE: u8 = 4;
const MODERATE_OR_HIGHER: u8 = 6;

struct Node {
    /// (character, child), sorted.
    children: Vec<(char, u32)>,
    /// The character from the parent.
    last: char,
    depth: u8,
    /// A rated word ends here: its severity bits per category (profane,
    /// offensive, sexual, mean, evasive) and whether it has a space.
    word: Option<([u8; 5], bool)>,
}

struct Tables {
    nodes: Vec<Node>,
    /// For each ASCII byte, what it may stand for (itself when unlisted).
    stands_for: Vec<Vec<char>>,
    /// The false positives as a tree of lower-case letters: (children, a word ends here).
    false_positives: Vec<(Vec<(u8, u32)>, bool)>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut nodes = vec![Node { children: Vec::new(), last: '\0', depth: 0, word: None }];
        for line in WORDS.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let [word, ratings @ .., space] = f.as_slice() else { continue };
            let mut bits = [0u8; 5];
            for (b, r) in bits.iter_mut().zip(ratings) {
                *b = r.parse().unwrap_or(7);
            }
            let mut at = 0usize;
            for c in word.chars() {
                at = match nodes[at].children.binary_search_by_key(&c, |(k, _)| *k) {
                    Ok(i) => nodes[at].children[i].1 as usize,
                    Err(i) => {
                        let next = nodes.len();
                        let depth = nodes[at].depth.saturating_add(1);
                        nodes.push(Node { children: Vec::new(), last: c, depth, word: None });
                        nodes[at].children.insert(i, (c, next as u32));
                        next
                    }
                };
            }
            if at != 0 {
                nodes[at].word = Some((bits, *space != "0"));
            }
        }
        let mut stands_for: Vec<Vec<char>> = (0u8..128).map(|b| vec![b as char]).collect();
        for line in REPLACEMENTS.lines() {
            let mut chars = line.chars();
            if let (Some(k), Some(',')) = (chars.next(), chars.next()) {
                if k.is_ascii() {
                    stands_for[k as usize] = chars.collect();
                }
            }
        }
        let mut false_positives: Vec<(Vec<(u8, u32)>, bool)> = vec![(Vec::new(), false)];
        for word in FALSE_POSITIVES.lines() {
            let mut at = 0usize;
            for b in word.bytes() {
                at = match false_positives[at].0.binary_search_by_key(&b, |(k, _)| *k) {
                    Ok(i) => false_positives[at].0[i].1 as usize,
                    Err(i) => {
                        let next = false_positives.len();
                        false_positives.push((Vec::new(), false));
                        false_positives[at].0.insert(i, (b, next as u32));
                        next
                    }
                };
            }
            false_positives[at].1 = at != 0;
        }
        Tables { nodes, stands_for, false_positives }
    })
}

/// A match in progress: its node and the most favourable of the paths that reached it.
#[derive(Clone, Copy)]
struct Open {
    node: u32,
    /// Earliest start.
    start: usize,
    /// Some path began at a word boundary.
    begin_separate: bool,
    /// Fewest spaces and replacements certainly counted against it.
    penalty: u8,
}

fn ilog2(x: usize) -> i64 {
    x.max(1).ilog2() as i64
}

/// The highest confidence `rustrict` could give this match (its `Match::confidence`
/// with every unknown at its best); it keeps a match only above 0.
fn best_confidence(depth: u8, bits: [u8; 5], space: bool, span: usize, open: &Open, end_separate: bool) -> i64 {
    let (bs, es) = (open.begin_separate, end_separate);
    let mut c = ilog2(depth as usize) + ilog2(span);
    if depth == 1 {
        c += 1;
    } else {
        if !bs {
            c -= 2 + if space { 3 } else { 0 };
        }
        c -= i64::from(!es) + i64::from(!bs && !es);
    }
    let any = bits.iter().fold(0, |a, b| a | b);
    let evasive = bits[4];
    if any & SEVERE != 0 {
        c += 3;
    } else if any & MODERATE_OR_HIGHER != 0 && (depth == 1 || evasive & SEVERE == 0) {
        c += 2;
    } else if any != 0 && (depth == 1 || evasive & MODERATE_OR_HIGHER == 0) {
        c += 1;
    }
    c -= ilog2(open.penalty as usize + 1);
    c - if evasive & SEVERE != 0 {
        3
    } else if evasive & MODERATE_OR_HIGHER != 0 {
        2
    } else {
        i64::from(evasive != 0)
    }
}

/// False when `rustrict` cannot rate `text` high enough for AutoMod to hold
/// it at any level; true when it might, or when `text` is not ASCII.
pub fn maybe_listed(text: &str) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let t = tables();
    let bytes = text.as_bytes();
    let letter = |p: usize| bytes.get(p).is_some_and(u8::is_ascii_alphabetic);
    let mut active: Vec<Open> = Vec::with_capacity(16);
    let mut next: Vec<Open> = Vec::with_capacity(16);
    let mut prev: &[char] = &[];
    // rustrict reads one more space after the text.
    for (pos, b) in bytes.iter().copied().chain(std::iter::once(b' ')).enumerate() {
        let here = &t.stands_for[b as usize];
        let skippable = !b.is_ascii_alphabetic();
        let prev_byte = pos.checked_sub(1).map(|p| bytes[p]);
        let seed = Open {
            node: 0,
            start: pos,
            begin_separate: prev_byte.is_none_or(|p| !p.is_ascii_alphabetic())
                || (b.is_ascii_uppercase() && !prev_byte.is_some_and(|p| p.is_ascii_uppercase())),
            penalty: 0,
        };
        next.clear();
        for open in active.iter().chain(std::iter::once(&seed)) {
            let node = &t.nodes[open.node as usize];
            // Stay over separators and repeats (not the match that starts here).
            if open.node != 0 && (skippable || here.contains(&node.last) || here.iter().any(|c| prev.contains(c))) {
                let space = b == b' ' && node.last != ' ';
                merge(&mut next, Open { penalty: open.penalty.saturating_add(u8::from(space)), ..*open });
            }
            for &c in here {
                let Ok(i) = node.children.binary_search_by_key(&c, |(k, _)| *k) else { continue };
                let child = node.children[i].1;
                let benign = c == b as char || c == (b as char).to_ascii_lowercase();
                let advanced =
                    Open { node: child, penalty: open.penalty.saturating_add(u8::from(!benign && c != ' ')), ..*open };
                let n = &t.nodes[child as usize];
                if let Some((bits, space)) = n.word {
                    let cancelled = inside_false_positive(t, bytes, open.start, pos);
                    let end_separate = !letter(pos + 1);
                    if !cancelled
                        && best_confidence(n.depth, bits, space, pos - open.start, &advanced, end_separate) > 0
                    {
                        return true;
                    }
                }
                merge(&mut next, advanced);
            }
        }
        std::mem::swap(&mut active, &mut next);
        prev = here;
    }
    false
}

/// Whether a one-word false positive covers `start..=end` of one run of
/// letters: `rustrict` then cancels every match that began inside it.
fn inside_false_positive(t: &Tables, bytes: &[u8], start: usize, end: usize) -> bool {
    if end >= bytes.len() || !bytes[start..=end].iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut from = start;
    while from > 0 && bytes[from - 1].is_ascii_alphabetic() {
        from -= 1;
    }
    (from..=start).any(|a| {
        let mut at = 0usize;
        for (p, b) in bytes.iter().enumerate().skip(a) {
            let Ok(i) = t.false_positives[at].0.binary_search_by_key(&b.to_ascii_lowercase(), |(k, _)| *k) else {
                return false;
            };
            at = t.false_positives[at].0[i].1 as usize;
            if p >= end && t.false_positives[at].1 {
                return true;
            }
        }
        false
    })
}

/// Add `o`, or fold it into the open match at the same node (earliest
/// start, any separate start, least penalty), as `rustrict` combines them.
fn merge(v: &mut Vec<Open>, o: Open) {
    match v.iter_mut().find(|x| x.node == o.node) {
        Some(x) => {
            x.start = x.start.min(o.start);
            x.begin_separate |= o.begin_separate;
            x.penalty = x.penalty.min(o.penalty);
        }
        None => v.push(o),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustrict::{Censor, Type};

    /// Whether AutoMod at its strictest would hold what rustrict found.
    fn rustrict_rates(text: &str) -> bool {
        let found = Censor::from_str(text).analyze();
        found.is(Type::OFFENSIVE & Type::MILD_OR_HIGHER)
            || found.is((Type::PROFANE | Type::SEXUAL | Type::MEAN) & Type::MODERATE_OR_HIGHER)
    }

    /// Every listed word, plain and obfuscated the ways chat does, inside a
    /// sentence: whatever rustrict rates, the pre-check passes on.
    #[test]
    fn never_clears_what_rustrict_rates() {
        let mut checked = 0;
        for line in WORDS.lines().skip(1) {
            let word = line.split(',').next().unwrap_or_default();
            if !word.is_ascii() || word.is_empty() {
                continue;
            }
            let spaced: String = word.chars().flat_map(|c| [c, ' ']).collect();
            let repeated: String = word.chars().flat_map(|c| [c, c, c]).collect();
            let leet: String = word
                .chars()
                .map(|c| match c {
                    'a' => '4',
                    'e' => '3',
                    'i' => '1',
                    'o' => '0',
                    's' => '$',
                    't' => '7',
                    c => c,
                })
                .collect();
            let dotted: String = word.chars().flat_map(|c| [c, '.']).collect();
            for text in [
                word.to_string(),
                word.to_uppercase(),
                format!("well {word} to you"),
                format!("{word}!!!"),
                spaced,
                repeated,
                leet,
                dotted,
                format!("x{word}x"),
            ] {
                if rustrict_rates(&text) {
                    assert!(maybe_listed(&text), "the pre-check cleared {text:?}, which rustrict rates");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// The false-positive rule needs every letter, either case, to stand for
    /// its lower case (so a plainly written false positive matches in rustrict).
    #[test]
    fn letters_stand_for_themselves() {
        let t = tables();
        for b in (b'a'..=b'z').chain(b'A'..=b'Z') {
            assert!(t.stands_for[b as usize].contains(&(b.to_ascii_lowercase() as char)), "{}", b as char);
        }
        assert!(t.nodes.len() > 5_000 && t.false_positives.len() > 10_000);
    }

    #[test]
    fn clears_ordinary_chat() {
        for line in [
            "gg wp",
            "PogChamp that was insane",
            "what song is this?",
            "hello from Brazil",
            "damn that was close",
            "the class assignment",
        ] {
            assert!(!maybe_listed(line), "{line:?}");
        }
        assert!(maybe_listed("f u c k"));
        assert!(maybe_listed("fu\u{200b}ck"), "non-ASCII goes to rustrict");
    }
}
