//! The one message catalogue of every page (the web app, sign-up, log-in,
//! OAuth and device pages): every string a person reads goes through it
//! (Fluent, `locales/<lang>.ftl`), so plurals and word order live in the
//! translation, not in code. English only for now; the translations issue
//! adds languages beside it. Shared, owning no table: capabilities use it.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// English, the operator's default and the fallback of every other language.
const EN: &str = include_str!("locales/en.ftl");

/// One language's messages.
pub struct Catalog {
    lang: &'static str,
    bundle: FluentBundle<FluentResource>,
}

static ENGLISH: LazyLock<Catalog> = LazyLock::new(|| Catalog::parse("en", EN));

impl Catalog {
    /// The English catalogue.
    pub fn english() -> &'static Catalog {
        &ENGLISH
    }

    /// Parse a catalogue. The files ship in the binary and are checked by a
    /// unit test, so a syntax error here is a build defect: it is logged and
    /// the good messages are kept.
    fn parse(lang: &'static str, source: &str) -> Self {
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, errors)| {
            tracing::error!(lang, ?errors, "message catalogue has syntax errors");
            partial
        });
        let id = lang.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Isolation marks matter when right-to-left text is mixed in; the
        // translations issue turns them on per language.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(lang, ?errors, "message catalogue has duplicate messages");
        }
        Self { lang, bundle }
    }

    /// The language tag, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Whether the catalogue has `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.get_message(id).and_then(|m| m.value()).is_some()
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(lang = self.lang, id, "missing message");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(lang = self.lang, id, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// The message `id`.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with `$count` (plural rules choose the words).
    /// Templates pass numbers by reference (once or twice), code by value: all work.
    pub fn count(&self, id: &str, count: impl Count) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count.value()));
        self.format(id, Some(&args))
    }

    /// The message `id` with one text argument `$name`.
    pub fn with(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), FluentValue::from(value.to_string()));
        self.format(id, Some(&args))
    }

    /// The message `id` with several text arguments, and `$count` when given.
    pub fn with_args(&self, id: &str, texts: &[(&str, &str)], count: Option<i64>) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in texts {
            args.set(name.to_string(), FluentValue::from(value.to_string()));
        }
        if let Some(c) = count {
            args.set("count", FluentValue::from(c));
        }
        self.format(id, Some(&args))
    }
}

/// A number to pluralise by, however a template holds it.
pub trait Count {
    /// The number.
    fn value(&self) -> i64;
}

impl Count for i64 {
    fn value(&self) -> i64 {
        *self
    }
}

impl<T: Count + ?Sized> Count for &T {
    fn value(&self) -> i64 {
        (**self).value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id the templates and scripts name, read from their source.
    fn used_ids() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut ids = Vec::new();
        let mut files = Vec::new();
        for dir in ["templates", "src/web", "src/auth"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap_or_else(|e| panic!("{dir}: {e}")).flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "html" || x == "rs") {
                    files.push(p);
                }
            }
        }
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            // Error pages name their title and message ids as literals.
            for l in text.lines().filter(|l| l.contains("error_page(")) {
                for lit in l.split('"').skip(1).step_by(2) {
                    if lit.contains('-') && lit.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        ids.push(lit.to_string());
                    }
                }
            }
            for call in ["t.get(\"", "t.count(\"", "t.with(\"", "t.with_args(\""] {
                for part in text.split(call).skip(1) {
                    if let Some(id) = part.split('"').next() {
                        if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                            ids.push(id.to_string());
                        }
                    }
                }
            }
        }
        ids.sort();
        ids.dedup();
        ids
    }

    #[test]
    fn the_english_catalogue_parses_and_has_every_used_message() {
        FluentResource::try_new(EN.to_string()).unwrap_or_else(|(_, e)| panic!("en.ftl: {e:?}"));
        let t = Catalog::english();
        let ids = used_ids();
        assert!(ids.len() > 20, "the scan finds the pages' messages: {ids:?}");
        let missing: Vec<_> = ids.iter().filter(|id| !t.has(id)).collect();
        assert!(missing.is_empty(), "messages used but not in en.ftl: {missing:?}");
    }

    #[test]
    fn plurals_come_from_the_catalogue() {
        let t = Catalog::english();
        assert_eq!(t.count("viewers", 1), "1 viewer");
        assert_eq!(t.count("viewers", 0), "0 viewers");
        assert_eq!(t.count("viewers", 2), "2 viewers");
        assert_eq!(t.get("no-such-message"), "no-such-message");
    }
}
