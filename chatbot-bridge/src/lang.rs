//! The chatbot's built-in replies in the channel's language: Fluent
//! catalogues in `locales/<tag>.ftl` (the same twelve languages as the web
//! app), chosen by the config's `language`, else the channel's language on
//! AeThex, else English. Plural forms are the translation's, not the code's.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// Every language: tag and catalogue, English first (every other's fallback).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en.ftl")),
    ("es", include_str!("../locales/es.ftl")),
    ("fr", include_str!("../locales/fr.ftl")),
    ("de", include_str!("../locales/de.ftl")),
    ("pt-BR", include_str!("../locales/pt-BR.ftl")),
    ("zh-CN", include_str!("../locales/zh-CN.ftl")),
    ("ja", include_str!("../locales/ja.ftl")),
    ("ko", include_str!("../locales/ko.ftl")),
    ("ru", include_str!("../locales/ru.ftl")),
    ("it", include_str!("../locales/it.ftl")),
    ("pl", include_str!("../locales/pl.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
];

/// One language's replies.
pub struct Replies {
    tag: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Replies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replies").field("tag", &self.tag).finish_non_exhaustive()
    }
}

static ALL: LazyLock<Vec<Replies>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|(tag, source)| {
            // The catalogues ship in the binary and a unit test parses each:
            // a broken one is a build defect, logged, its good messages kept.
            let res = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, errors)| {
                tracing::error!(tag, ?errors, "reply catalogue has syntax errors");
                partial
            });
            let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().unwrap_or_default()]);
            // Chat is plain text: no bidi isolation marks around names.
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(res) {
                tracing::error!(tag, ?errors, "reply catalogue has duplicate messages");
            }
            Replies { tag, bundle }
        })
        .collect()
});

/// An argument of a reply: words or a number (numbers choose plural forms).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text, as it is.
    T(&'a str),
    /// A number.
    N(i64),
}

impl Replies {
    /// English.
    pub fn english() -> &'static Replies {
        &ALL[0]
    }

    /// The replies for a language tag as a channel or config names it
    /// (`es`, `pt-BR`, `pt`, `zh`, `DE`); English when it is none of ours.
    pub fn for_language(tag: &str) -> &'static Replies {
        let tag = tag.trim();
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        ALL.iter()
            .find(|r| r.tag.eq_ignore_ascii_case(tag))
            .or_else(|| ALL.iter().find(|r| r.tag.split('-').next() == Some(primary.as_str())))
            .unwrap_or_else(Replies::english)
    }

    /// The language tag.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// Reply `id` with `args`; English's when this language lacks it.
    pub fn say(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            if !std::ptr::eq(self, Replies::english()) {
                return Replies::english().say(id, args);
            }
            tracing::warn!(id, "missing reply");
            return id.to_string();
        };
        let mut fa = FluentArgs::new();
        for (name, a) in args {
            match a {
                Arg::T(t) => fa.set(*name, FluentValue::from(*t)),
                Arg::N(n) => fa.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&fa), &mut errors).into_owned();
        if !errors.is_empty() {
            tracing::warn!(tag = self.tag, id, ?errors, "reply formatted with errors");
        }
        text
    }

    /// "2 days 3 hours 4 minutes 5 seconds", zero units left out.
    pub fn span(&self, ms: i64) -> String {
        let s = ms.max(0) / 1000;
        let parts = [
            ("span-days", s / 86_400),
            ("span-hours", (s / 3600) % 24),
            ("span-minutes", (s / 60) % 60),
            ("span-seconds", s % 60),
        ];
        let shown: Vec<String> =
            parts.iter().filter(|(_, n)| *n != 0).map(|(id, n)| self.say(id, &[("count", Arg::N(*n))])).collect();
        if shown.is_empty() {
            self.say("span-seconds", &[("count", Arg::N(0))])
        } else {
            shown.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Message ids and the variables each uses, from a catalogue's text.
    fn shape(source: &str) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let res = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
        let mut out = std::collections::BTreeMap::new();
        for entry in res.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                let text = format!("{:?}", m.value);
                let vars = text
                    .split("VariableReference { id: Identifier { name: \"")
                    .skip(1)
                    .filter_map(|p| p.split('"').next())
                    .map(str::to_string)
                    .collect();
                out.insert(m.id.name.to_string(), vars);
            }
        }
        out
    }

    #[test]
    fn every_catalogue_has_the_english_replies_with_their_variables() {
        let english = shape(LANGUAGES[0].1);
        for (tag, source) in &LANGUAGES[1..] {
            let theirs = shape(source);
            assert_eq!(theirs.keys().collect::<Vec<_>>(), english.keys().collect::<Vec<_>>(), "{tag}: message ids");
            for (id, vars) in &theirs {
                assert_eq!(vars, &english[id], "{tag}: {id} uses other variables");
            }
        }
    }

    #[test]
    fn languages_are_found_by_tag_or_primary_language() {
        assert_eq!(Replies::for_language("es").tag(), "es");
        assert_eq!(Replies::for_language("pt").tag(), "pt-BR");
        assert_eq!(Replies::for_language("ZH").tag(), "zh-CN");
        assert_eq!(Replies::for_language("nl").tag(), "en");
        assert_eq!(Replies::english().span(90_061_000), "1 day 1 hour 1 minute 1 second");
        assert_eq!(Replies::english().span(0), "0 seconds");
        let ru = Replies::for_language("ru");
        assert_ne!(ru.span(2 * 60_000), ru.span(5 * 60_000).replace('5', "2"), "Russian: 2 and 5 minutes differ");
    }
}
