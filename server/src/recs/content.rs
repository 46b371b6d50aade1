//! What a channel is about, as a sparse vector: its category, tags, title
//! words and language, weighted by how rare each term is across channels
//! (TF-IDF) and normalised, so the cosine of two channels is one dot
//! product. New channels, which no viewer has watched yet, are found this way.
//! Pure.

use std::collections::HashMap;

/// Term ids with weights, sorted by id, unit length.
pub type Sparse = Vec<(u32, f32)>;

/// What the vector is made of.
#[derive(Debug, Clone, Default)]
pub struct Described<'a> {
    /// Category.
    pub category: &'a str,
    /// Tags.
    pub tags: &'a [String],
    /// Stream title.
    pub title: &'a str,
    /// Language tag.
    pub language: &'a str,
}

/// Terms of a channel, each with its raw weight: the category counts most,
/// then tags and language, then each title word (stop words of the
/// channel's language left out).
fn terms(d: &Described<'_>) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    let category = d.category.trim().to_lowercase();
    if !category.is_empty() {
        out.push((format!("c:{category}"), 3.0));
    }
    for tag in d.tags {
        out.push((format!("t:{}", tag.trim().to_lowercase()), 2.0));
    }
    if !d.language.is_empty() {
        out.push((format!("l:{}", d.language.to_lowercase()), 1.5));
    }
    let stop = crate::intel::stopwords::of(d.language);
    for word in d.title.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3) {
        let word = word.to_lowercase();
        if !stop.contains(word.as_str()) {
            out.push((format!("w:{word}"), 1.0));
        }
    }
    out
}

/// A vocabulary with document frequencies, built from every channel.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
}

impl Vocabulary {
    /// Learn the terms and their rarity from `channels`.
    pub fn of<'a>(channels: impl IntoIterator<Item = Described<'a>>) -> Self {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut n = 0u32;
        for d in channels {
            n += 1;
            let mut seen: Vec<u32> = terms(&d)
                .into_iter()
                .map(|(t, _)| {
                    let next = ids.len() as u32;
                    *ids.entry(t).or_insert(next)
                })
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for id in seen {
                if id as usize >= df.len() {
                    df.resize(id as usize + 1, 0);
                }
                df[id as usize] += 1;
            }
        }
        let idf = df.iter().map(|&d| ((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0).collect();
        Self { ids, idf }
    }

    /// The unit vector of a channel; terms no channel had at training are
    /// left out (they cannot match anything anyway).
    pub fn vector(&self, d: &Described<'_>) -> Sparse {
        let mut v: Vec<(u32, f32)> = terms(d)
            .into_iter()
            .filter_map(|(t, w)| self.ids.get(&t).map(|&id| (id, w * self.idf[id as usize])))
            .collect();
        v.sort_unstable_by_key(|(id, _)| *id);
        v.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        normalise(&mut v);
        v
    }
}

/// Scale to unit length (a zero vector stays zero).
pub fn normalise(v: &mut Sparse) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

/// Dot product of two sorted sparse vectors (their cosine, when unit).
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// `acc += w·v` for sparse vectors (a viewer's taste as a blend of channels).
pub fn add(acc: &mut Sparse, v: &[(u32, f32)], w: f32) {
    let mut out = Vec::with_capacity(acc.len() + v.len());
    let (mut i, mut j) = (0, 0);
    while i < acc.len() || j < v.len() {
        match (acc.get(i), v.get(j)) {
            (Some(a), Some(b)) if a.0 == b.0 => {
                out.push((a.0, a.1 + w * b.1));
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.0 < b.0 => {
                out.push(*a);
                i += 1;
            }
            (Some(a), None) => {
                out.push(*a);
                i += 1;
            }
            (_, Some(b)) => {
                out.push((b.0, w * b.1));
                j += 1;
            }
            (None, None) => break,
        }
    }
    *acc = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d<'a>(category: &'a str, tags: &'a [String], title: &'a str) -> Described<'a> {
        Described { category, tags, title, language: "en" }
    }

    #[test]
    fn channels_about_the_same_thing_are_closer() {
        let speed = vec!["speedrun".to_string()];
        let none: Vec<String> = Vec::new();
        let channels = [
            d("Celeste", &speed, "Any% world record attempts"),
            d("Celeste", &speed, "Chapter 9 any% practice"),
            d("Just Chatting", &none, "Morning coffee and the news"),
            d("Cooking", &none, "Making bread"),
        ];
        let vocab = Vocabulary::of(channels.iter().cloned());
        let v: Vec<Sparse> = channels.iter().map(|c| vocab.vector(c)).collect();
        assert!((dot(&v[0], &v[0]) - 1.0).abs() < 1e-5);
        assert!(dot(&v[0], &v[1]) > 0.5, "{}", dot(&v[0], &v[1]));
        assert!(dot(&v[0], &v[2]) < 0.2);
        assert!(dot(&v[0], &v[1]) > dot(&v[0], &v[3]));
        // Stop words ("and", "the") are not terms.
        assert!(vocab.ids.keys().all(|t| t != "w:and" && t != "w:the"));
    }

    #[test]
    fn add_merges_sorted_vectors() {
        let mut acc = vec![(1, 1.0), (4, 1.0)];
        add(&mut acc, &[(0, 1.0), (4, 1.0), (9, 2.0)], 0.5);
        assert_eq!(acc, vec![(0, 0.5), (1, 1.0), (4, 1.5), (9, 1.0)]);
    }
}
