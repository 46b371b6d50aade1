//! The plugin's words in OBS's own locale convention: one `data/locale/<lang>.ini`
//! per language (`Key="text"` lines, `#` comments), English (`en-US`) the
//! fallback for any key a language lacks, the language the one OBS hands
//! the module through `obs_module_set_locale` (its interface language).
//! Pure parsing and lookup, so the catalogues are tested without OBS; the
//! plugin glue finds the files through libobs.
//!
//! The parser is stricter than libobs's (which takes unquoted values and
//! backslash escapes): a value is one quoted line without `"` or `\`, so a
//! translation reads the same here, in libobs, and in translation tools.

use std::collections::BTreeMap;

/// The language every other file is checked against and falls back to.
pub const FALLBACK: &str = "en-US";

/// The languages the plugin ships, in OBS's locale names, with their names
/// in themselves (the alert-language list shows these).
pub const LANGUAGES: [(&str, &str); 12] = [
    ("en-US", "English"),
    ("es-ES", "Español"),
    ("fr-FR", "Français"),
    ("de-DE", "Deutsch"),
    ("pt-BR", "Português (Brasil)"),
    ("zh-CN", "简体中文"),
    ("ja-JP", "日本語"),
    ("ko-KR", "한국어"),
    ("ru-RU", "Русский"),
    ("it-IT", "Italiano"),
    ("pl-PL", "Polski"),
    ("ar-SA", "العربية"),
];

/// The shipped language OBS's `locale` maps to: the same name, else the same
/// language (`es-MX` → `es-ES`, `pt-PT` → none: Brazilian Portuguese is not
/// offered as European), else [`FALLBACK`].
pub fn shipped(locale: &str) -> &'static str {
    if let Some((name, _)) = LANGUAGES.iter().find(|(n, _)| n.eq_ignore_ascii_case(locale)) {
        return name;
    }
    let lang = locale.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|(n, _)| !matches!(lang, "pt" | "zh") && n.split('-').next() == Some(lang))
        .map_or(FALLBACK, |(n, _)| n)
}

/// A line of a locale file that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {why}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub why: &'static str,
}

/// The entries of one locale file, in file order checked for duplicates.
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, ParseError> {
    let mut out = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |why| ParseError { line: i + 1, why };
        let (key, value) = line.split_once('=').ok_or_else(|| err("expected Key=\"text\""))?;
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_') {
            return Err(err("a key is ASCII letters, digits, dots and underscores"));
        }
        let value = value.trim();
        let inner = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .filter(|_| value.len() >= 2)
            .ok_or_else(|| err("the text must be in double quotes"))?;
        if inner.contains(['"', '\\']) {
            return Err(err("no \" or \\ inside the text (use the language's own quotation marks)"));
        }
        if out.insert(key.to_string(), inner.to_string()).is_some() {
            return Err(err("a key appears twice"));
        }
    }
    Ok(out)
}

/// The `{name}` placeholders of a text (`{{` and `}}` are literal braces).
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail.find('}') {
            Some(end) => {
                out.push(tail[1..end].to_string());
                rest = &tail[end + 1..];
            }
            None => break,
        }
    }
    out.sort();
    out
}

/// One language's texts over the English ones.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// The shipped language in use.
    pub language: String,
    own: BTreeMap<String, String>,
    english: BTreeMap<String, String>,
}

impl Texts {
    /// Texts for `language` from its file's contents and English's; a file
    /// that does not parse counts as empty (English shows), its error returned for the log.
    pub fn new(language: &str, own: Option<&str>, english: &str) -> (Self, Vec<String>) {
        let mut problems = Vec::new();
        let mut read = |name: &str, text: Option<&str>| match text.map(parse) {
            Some(Ok(map)) => map,
            Some(Err(e)) => {
                problems.push(format!("locale/{name}.ini: {e}"));
                BTreeMap::new()
            }
            None => BTreeMap::new(),
        };
        let english = read(FALLBACK, Some(english));
        let own = if language == FALLBACK { BTreeMap::new() } else { read(language, own) };
        (Self { language: language.to_string(), own, english }, problems)
    }

    /// The text for `key`: this language's, else English's, else the key
    /// itself (as `obs_module_text` answers, so a missing key shows on screen).
    pub fn get(&self, key: &str) -> String {
        self.own.get(key).or_else(|| self.english.get(key)).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The text for `key` with its placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, String)]) -> String {
        crate::alerts::render(&self.get(key), values)
    }

    /// This language's default alert texts.
    pub fn templates(&self) -> crate::alerts::Templates {
        crate::alerts::Templates {
            follow: self.get("Template.Follow"),
            subscribe: self.get("Template.Subscribe"),
            donation: self.get("Template.Donation"),
            raid: self.get("Template.Raid"),
            decimal_mark: self.get("Number.DecimalMark"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/locale")
    }

    fn read(name: &str) -> BTreeMap<String, String> {
        let path = dir().join(format!("{name}.ini"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every shipped language has exactly English's keys, each with the same
    /// placeholders, and no file ships that is not in [`LANGUAGES`].
    #[test]
    fn every_language_matches_english_key_for_key() {
        let english = read(FALLBACK);
        assert!(english.len() > 40, "the English catalogue is the plugin's whole UI");
        for (name, _) in LANGUAGES {
            let other = read(name);
            let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{name}: missing {missing:?}, not in English {extra:?}");
            for (key, text) in &english {
                assert_eq!(placeholders(&other[key]), placeholders(text), "{name} {key}: {:?}", other[key]);
                assert!(!other[key].trim().is_empty(), "{name} {key} is empty");
            }
        }
        let mut shipped: Vec<String> =
            std::fs::read_dir(dir()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        shipped.sort();
        let mut expected: Vec<String> = LANGUAGES.iter().map(|(n, _)| format!("{n}.ini")).collect();
        expected.sort();
        assert_eq!(shipped, expected);
    }

    /// Every key the plugin asks for exists in English (a typo in the code
    /// would otherwise show the key on screen).
    #[test]
    fn every_key_the_code_uses_exists() {
        let english = read(FALLBACK);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src.join("locale.rs")];
        for entry in std::fs::read_dir(src.join("plugin")).unwrap() {
            files.push(entry.unwrap().path());
        }
        let mut used = 0;
        for file in files {
            let code = std::fs::read_to_string(&file).unwrap();
            // The code, not its tests (whose strings are not keys).
            let code = code.split("#[cfg(test)]").next().unwrap_or_default();
            for prefix in [
                "Plugin.",
                "Source.",
                "Hotkey.",
                "Menu.",
                "Prop.",
                "Filter.",
                "Template.",
                "Number.",
                "Font.",
                "Status.",
                "Analytics.",
                "Notice.",
                "GoLive.",
                "Login.",
            ] {
                for (i, _) in code.match_indices(&format!("\"{prefix}")) {
                    let key: String = code[i + 1..].chars().take_while(|c| *c != '"').collect();
                    assert!(english.contains_key(&key), "{} asks for {key}, which en-US.ini lacks", file.display());
                    used += 1;
                }
            }
        }
        assert!(used > 40, "the scan found the plugin's keys ({used})");
    }

    #[test]
    fn bad_lines_are_refused_with_their_line_number() {
        assert_eq!(parse("# c\n\nA.B=\"x {y}\"\n").unwrap()["A.B"], "x {y}");
        for (bad, line) in [
            ("A=x", 1),
            ("\nA=\"x\\n\"", 2),
            ("A=\"a \"q\" b\"", 1),
            ("A=\"x\"\nA=\"y\"", 2),
            ("=\"x\"", 1),
            ("A B=\"x\"", 1),
            ("A=\"", 1),
            ("no equals", 1),
        ] {
            assert_eq!(parse(bad).unwrap_err().line, line, "{bad:?}");
        }
    }

    #[test]
    fn obs_locales_map_to_shipped_languages() {
        assert_eq!(shipped("fr-FR"), "fr-FR");
        assert_eq!(shipped("es-MX"), "es-ES");
        assert_eq!(shipped("de-AT"), "de-DE");
        assert_eq!(shipped("pt-PT"), FALLBACK);
        assert_eq!(shipped("zh-TW"), FALLBACK);
        assert_eq!(shipped("nl-NL"), FALLBACK);
        assert_eq!(shipped(""), FALLBACK);
    }

    #[test]
    fn lookups_fall_back_to_english_then_to_the_key() {
        let (t, problems) = Texts::new("fr-FR", Some("A=\"bonjour {who}\"\n"), "A=\"hello {who}\"\nB=\"bye\"\n");
        assert!(problems.is_empty());
        assert_eq!(t.fill("A", &[("who", "Ann".into())]), "bonjour Ann");
        assert_eq!(t.get("B"), "bye");
        assert_eq!(t.get("C"), "C");
        let (t, problems) = Texts::new("fr-FR", Some("broken"), "A=\"hello\"\n");
        assert_eq!(t.get("A"), "hello");
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn each_language_has_its_own_alert_texts() {
        let english = Texts::new(FALLBACK, None, &std::fs::read_to_string(dir().join("en-US.ini")).unwrap()).0;
        assert_eq!(english.templates(), crate::alerts::Templates::default());
        for (name, _) in LANGUAGES.iter().skip(1) {
            let own = std::fs::read_to_string(dir().join(format!("{name}.ini"))).unwrap();
            let t = Texts::new(name, Some(&own), &std::fs::read_to_string(dir().join("en-US.ini")).unwrap()).0;
            assert_ne!(t.templates().follow, english.templates().follow, "{name}'s follow alert is translated");
        }
    }
}
