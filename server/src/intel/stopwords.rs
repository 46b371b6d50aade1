//! Stop words per language (the most frequent function words), left out of
//! trends. A channel's language picks the list; a language without one uses
//! English's, chat's lingua franca.

use std::collections::HashSet;
use std::sync::OnceLock;

const EN: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "don't", "for", "from", "get", "got", "had", "has", "have", "he", "her",
    "here", "him", "his", "how", "i", "i'm", "if", "in", "into", "is", "it", "it's", "its", "just", "like", "me", "my",
    "no", "not", "now", "of", "oh", "on", "one", "or", "our", "out", "so", "that", "that's", "the", "their", "them",
    "then", "there", "they", "this", "to", "too", "up", "us", "was", "we", "what", "when", "which", "who", "why",
    "will", "with", "would", "you", "you're", "your", "yes", "yeah",
];
const ES: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "la", "las", "le", "lo", "los", "me",
    "mi", "muy", "no", "para", "pero", "por", "que", "se", "si", "sí", "su", "te", "tu", "un", "una", "y", "ya", "yo",
];
const DE: &[&str] = &[
    "aber", "auch", "auf", "aus", "bei", "bin", "bist", "da", "das", "dass", "dem", "den", "der", "des", "die", "du",
    "ein", "eine", "einen", "er", "es", "für", "hat", "ich", "ist", "ja", "mit", "nicht", "noch", "nur", "so", "sie",
    "und", "von", "was", "wie", "wir", "zu",
];
const FR: &[&str] = &[
    "au", "avec", "ce", "c'est", "dans", "de", "des", "du", "elle", "en", "est", "et", "il", "je", "la", "le", "les",
    "mais", "me", "mon", "ne", "on", "pas", "pour", "que", "qui", "sur", "ta", "te", "tu", "un", "une", "vous",
];
const PT: &[&str] = &[
    "a", "ao", "as", "com", "da", "de", "do", "e", "ela", "ele", "em", "esse", "eu", "isso", "mas", "me", "muito",
    "na", "no", "não", "o", "os", "para", "por", "que", "se", "sim", "um", "uma", "você",
];
const IT: &[&str] = &[
    "a", "che", "con", "da", "del", "della", "di", "e", "è", "il", "in", "io", "la", "le", "lo", "ma", "mi", "non",
    "per", "più", "si", "sono", "su", "ti", "tu", "un", "una",
];

/// The stop words of `language` (ISO 639-1), English's when it has none.
pub fn of(language: &str) -> &'static HashSet<&'static str> {
    static SETS: OnceLock<[HashSet<&'static str>; 6]> = OnceLock::new();
    let sets = SETS.get_or_init(|| [EN, ES, DE, FR, PT, IT].map(|words| words.iter().copied().collect()));
    match language {
        "es" => &sets[1],
        "de" => &sets[2],
        "fr" => &sets[3],
        "pt" => &sets[4],
        "it" => &sets[5],
        _ => &sets[0],
    }
}
