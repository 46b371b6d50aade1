//! AutoMod's decision, inline on the send path, so it is cheap: whether a
//! line is held for moderators, in which category, at which level. Twitch's
//! shape: a channel level 0 (off) to 4 (strictest), optionally per category.
//! The reading of the text is `rustrict`'s (a maintained filter that sees
//! through spacing, repeats, leetspeak, look-alike and zero-width characters,
//! and knows "assassin" is not a swear), which rates each line per type and
//! severity; this module maps its types to AutoMod's categories and its
//! severities to levels. Pure; the hold, the notices and the queue are the
//! chat capability's.

use rustrict::{Censor, Type};

/// AutoMod's categories (Twitch's, grouped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Slurs and hate against who someone is (`rustrict`'s offensive).
    Discrimination,
    /// Threats, insults, harassment (`rustrict`'s mean).
    Hostility,
    /// Sexual terms (`rustrict`'s sexual).
    Sexual,
    /// Swearing (`rustrict`'s profane).
    Profanity,
}

/// Every category, in the order a line's category is named when it is several.
pub const CATEGORIES: [Category; 4] =
    [Category::Discrimination, Category::Hostility, Category::Sexual, Category::Profanity];

impl Category {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Category::Discrimination => "discrimination",
            Category::Hostility => "hostility",
            Category::Sexual => "sexual",
            Category::Profanity => "profanity",
        }
    }

    fn kind(self) -> Type {
        match self {
            Category::Discrimination => Type::OFFENSIVE,
            Category::Hostility => Type::MEAN,
            Category::Sexual => Type::SEXUAL,
            Category::Profanity => Type::PROFANE,
        }
    }

    /// The severity this category needs to be held at `level`: the higher
    /// the level, the milder what is held, discrimination first (Twitch's
    /// level 1 holds only it), swearing last.
    fn threshold(self, level: u8) -> Option<Type> {
        use Category::*;
        match (self, level) {
            (_, 0) => None,
            (Discrimination, 1) => Some(Type::MODERATE_OR_HIGHER),
            (Discrimination, _) => Some(Type::MILD_OR_HIGHER),
            (Hostility | Sexual, 1) => None,
            (Hostility | Sexual, 2) => Some(Type::SEVERE),
            // Mild ratings here are too noisy to hold ("assassin" reads as mildly sexual).
            (Hostility | Sexual, _) => Some(Type::MODERATE_OR_HIGHER),
            (Profanity, 1 | 2) => None,
            (Profanity, 3) => Some(Type::SEVERE),
            // Mild swearing ("damn") is never held: its ratings catch innocent words too.
            (Profanity, _) => Some(Type::MODERATE_OR_HIGHER),
        }
    }
}

/// A channel's AutoMod settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// 0 (off) to 4.
    pub level: u8,
    /// A category's own level, instead of `level` (Discrimination, Hostility, Sexual, Profanity).
    pub categories: [Option<u8>; 4],
}

impl Settings {
    /// Every category at level 0: nothing is checked.
    pub fn off(&self) -> bool {
        CATEGORIES.iter().all(|c| self.level_of(*c) == 0)
    }

    fn level_of(&self, c: Category) -> u8 {
        let i = CATEGORIES.iter().position(|x| *x == c).unwrap_or(0);
        self.categories[i].unwrap_or(self.level).min(4)
    }
}

/// Why a line is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    /// What it is.
    pub category: Category,
    /// The lowest level that holds it (1 to 4): how bad it is.
    pub level: u8,
}

/// Whether `text` is held under `settings`, and why. Lines the pre-check
/// clears ([`super::precheck`]) skip `rustrict`'s analysis.
pub fn check(text: &str, settings: &Settings) -> Option<Hold> {
    if settings.off() {
        return None;
    }
    let text = numbers_as_numbers(text);
    if !super::precheck::maybe_listed(&text) {
        return None;
    }
    analyze(&text, settings)
}

/// Numbers standing on their own (two digits or more, not touching a
/// letter) read as numbers, not as leetspeak: `rustrict` reads digits as
/// letters everywhere, so at level 4 a score or a timestamp ("t=31415926")
/// spelled a swear. The numbers `rustrict` lists as hate codes (1488) stay.
/// Digits inside words ("sh1t") and single digits ("f 4 g") are still read.
pub fn numbers_as_numbers(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let alone =
            (start == 0 || !b[start - 1].is_ascii_alphabetic()) && (i == b.len() || !b[i].is_ascii_alphabetic());
        if alone && i - start >= 2 && !matches!(&text[start..i], "1488" | "114514") {
            out.get_or_insert_with(|| b.to_vec())[start..i].fill(b' ');
        }
    }
    match out {
        // Only ASCII digits became spaces: still UTF-8.
        Some(v) => std::borrow::Cow::Owned(String::from_utf8(v).unwrap_or_else(|_| text.to_string())),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// [`check`] without the pre-check: `rustrict`'s analysis of every line
/// (the benchmark measures what the pre-check saves and that it loses nothing).
pub fn check_fully(text: &str, settings: &Settings) -> Option<Hold> {
    if settings.off() {
        return None;
    }
    analyze(&numbers_as_numbers(text), settings)
}

fn analyze(text: &str, settings: &Settings) -> Option<Hold> {
    let found = Censor::from_str(text).analyze();
    // (Not `Type::INAPPROPRIATE`: it leaves out hostility below severe.)
    if found.isnt(Type::PROFANE | Type::OFFENSIVE | Type::SEXUAL | Type::MEAN) {
        return None;
    }
    CATEGORIES.iter().find_map(|c| {
        let held = |level: u8| c.threshold(level).is_some_and(|t| found.is(c.kind() & t));
        held(settings.level_of(*c)).then(|| Hold { category: *c, level: (1..=4).find(|l| held(*l)).unwrap_or(4) })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(level: u8) -> Settings {
        Settings { level, categories: [None; 4] }
    }

    // Test data for a filter has to name what it filters.
    #[test]
    fn obfuscation_does_not_get_through() {
        for line in ["fuck", "f u c k", "fuuuuuck", "f*ck", "ƒuck", "fu\u{200b}ck", "fvck", "FUCK this"] {
            let hold = check(line, &at(4)).unwrap_or_else(|| panic!("{line:?} passed"));
            assert!(hold.level <= 4, "{line:?}: {hold:?}");
        }
        assert_eq!(check("n1gger", &at(1)).map(|h| h.category), Some(Category::Discrimination));
    }

    #[test]
    fn clean_lines_pass_at_every_level() {
        for line in [
            "PogChamp that was insane",
            "the assassin got him",
            "push it to the limit",
            "Scunthorpe United",
            "gg wp",
            "KEKW",
        ] {
            for level in 0..=4 {
                assert_eq!(check(line, &at(level)), None, "{line:?} at {level}");
            }
        }
    }

    #[test]
    fn numbers_are_not_leetspeak() {
        for line in ["t=1234567 load", "t=31415926 load", "final score 31415926", "gg 10/10", "clip at 1:23:45"] {
            assert_eq!(check(line, &at(4)), None, "{line:?}");
        }
        assert!(check("1488", &at(2)).is_some(), "a listed hate code stays");
        assert!(check("sh1t", &at(4)).is_some(), "digits inside words are still read");
        assert_eq!(numbers_as_numbers("a 12 b3 45c 6 789"), "a    b3 45c 6    ");
    }

    #[test]
    fn levels_and_categories() {
        assert_eq!(check("kill yourself", &at(0)), None, "off");
        assert_eq!(check("kill yourself", &at(1)).map(|h| h.category), Some(Category::Discrimination));
        assert_eq!(check("I hate you", &at(2)), None, "moderate hostility waits for level 3");
        assert_eq!(check("I hate you", &at(3)), Some(Hold { category: Category::Hostility, level: 3 }));
        assert_eq!(check("shit", &at(3)), None, "swearing is for level 4");
        assert_eq!(check("shit", &at(4)), Some(Hold { category: Category::Profanity, level: 4 }));
        assert_eq!(check("damn", &at(4)), None, "mild swearing passes");
        // A category's own level wins over the channel's.
        let mut relaxed = at(4);
        relaxed.categories[3] = Some(0);
        assert_eq!(check("shit", &relaxed), None, "swearing allowed, the rest at 4");
        assert!(check("I hate you", &relaxed).is_some());
        let mut strict = at(0);
        strict.categories[3] = Some(4);
        assert_eq!(check("shit", &strict).map(|h| h.category), Some(Category::Profanity));
        assert_eq!(check("I hate you", &strict), None);
    }
}
