//! The chatbot's built-in replies in the channel's language: Fluent
//! catalogues in `locales/<tag>.ftl` (the same twelve languages as the web
//! app), chosen by the config's `language`, else the channel's language on
//! AeThex, else English. Plural forms are the translation's, not the code's.

use std::sync::LazyLock;

pub use aethex_sdk::i18n::Arg;
use aethex_sdk::i18n::{Catalogue, Catalogues};

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

static ALL: LazyLock<Catalogues> = LazyLock::new(|| Catalogues::new(LANGUAGES));

/// A reply decided by code that does not know the channel's language (the
/// parsers, the command registry): its message id and values, said later
/// with [`Replies::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The message id in `locales/<tag>.ftl`.
    pub id: &'static str,
    /// Its variables.
    pub args: Vec<(&'static str, Value)>,
}

/// A [`Msg`] variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text, shown as is.
    Text(String),
    /// A number (formatted, and choosing plural forms, per language).
    Number(i64),
}

impl Msg {
    /// Message `id` without variables yet.
    pub fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    /// With text variable `name`.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Value::Text(value.into())));
        self
    }

    /// With number variable `name`.
    pub fn number(mut self, name: &'static str, value: i64) -> Self {
        self.args.push((name, Value::Number(value)));
        self
    }
}

/// One language's replies.
#[derive(Debug, Clone, Copy)]
pub struct Replies {
    c: &'static Catalogue,
}

impl Replies {
    /// English.
    pub fn english() -> Replies {
        Replies { c: ALL.fallback() }
    }

    /// The replies for a language tag as a channel or config names it
    /// (`es`, `pt-BR`, `pt`, `zh`, `DE`); English when it is none of ours.
    pub fn for_language(tag: &str) -> Replies {
        Replies { c: ALL.best(tag) }
    }

    /// The language tag.
    pub fn tag(&self) -> &'static str {
        self.c.tag()
    }

    /// Reply `id` with `args`; English's when this language lacks it.
    pub fn say(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        ALL.say(self.c, id, args)
    }

    /// A [`Msg`] in this language.
    pub fn render(&self, m: &Msg) -> String {
        let args: Vec<(&str, Arg<'_>)> = m
            .args
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    match v {
                        Value::Text(t) => Arg::T(t),
                        Value::Number(n) => Arg::N(*n),
                    },
                )
            })
            .collect();
        self.say(m.id, &args)
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

    #[test]
    fn every_catalogue_has_the_english_replies_with_their_variables() {
        let problems = aethex_sdk::i18n::problems(LANGUAGES);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
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
