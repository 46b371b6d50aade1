//! The bot's words in the member's language: slash command names and
//! descriptions registered with every Discord locale we translate
//! (`name_localizations`, `description_localizations`), and replies in the
//! interaction's `locale`. Catalogues are `locales/<tag>.ftl`; an
//! interaction's language is set for its task by [`scope`], so every reply
//! builder reads it with [`current`].

use std::sync::LazyLock;

pub use aethex_sdk::i18n::Arg;
use aethex_sdk::i18n::{Catalogue, Catalogues};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

/// Every language: tag and catalogue, English first (the fallback).
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
];

/// Each language's name in itself (the choices of `/notify add`'s `language`).
pub const NAMES: &[(&str, &str)] = &[
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("pt-BR", "Português (Brasil)"),
    ("zh-CN", "简体中文"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("ru", "Русский"),
    ("it", "Italiano"),
    ("pl", "Polski"),
];

/// Discord's locale codes for each translated catalogue (Discord has two
/// Spanish locales and none for Arabic).
pub const DISCORD_LOCALES: &[(&str, &[&str])] = &[
    ("es", &["es-ES", "es-419"]),
    ("fr", &["fr"]),
    ("de", &["de"]),
    ("pt-BR", &["pt-BR"]),
    ("zh-CN", &["zh-CN"]),
    ("ja", &["ja"]),
    ("ko", &["ko"]),
    ("ru", &["ru"]),
    ("it", &["it"]),
    ("pl", &["pl"]),
];

static ALL: LazyLock<Catalogues> = LazyLock::new(|| Catalogues::new(LANGUAGES));

tokio::task_local! {
    static CURRENT: Lang;
}

/// One language's words.
#[derive(Debug, Clone, Copy)]
pub struct Lang {
    c: &'static Catalogue,
}

impl Lang {
    /// English.
    pub fn english() -> Lang {
        Lang { c: ALL.fallback() }
    }

    /// The language of a Discord locale (`de`, `es-419`, `en-US`...).
    pub fn of(locale: &str) -> Lang {
        // Traditional Chinese readers get English, not the simplified catalogue.
        if locale.eq_ignore_ascii_case("zh-TW") {
            return Lang::english();
        }
        Lang { c: ALL.best(locale) }
    }

    /// The language whose catalogue tag is exactly `tag` (a stored or chosen language).
    pub fn named(tag: &str) -> Option<Lang> {
        LANGUAGES.iter().any(|(t, _)| *t == tag).then(|| Lang { c: ALL.best(tag) })
    }

    /// The tag.
    pub fn tag(&self) -> &'static str {
        self.c.tag()
    }

    /// The language's name in itself.
    pub fn name(&self) -> &'static str {
        NAMES.iter().find(|(t, _)| *t == self.tag()).map_or("English", |(_, n)| n)
    }

    /// Message `id` with `args`.
    pub fn say(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        ALL.say(self.c, id, args)
    }
}

/// Run `f` answering in `lang`.
pub async fn scope<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    CURRENT.scope(lang, f).await
}

/// The language of the interaction being answered (English outside one).
pub fn current() -> Lang {
    CURRENT.try_with(|l| *l).unwrap_or_else(|_| Lang::english())
}

/// [`current`]'s message `id`.
pub fn say(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    current().say(id, args)
}

/// Message `id` in the catalogue of `tag`.
fn say_in(tag: &str, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    ALL.say(ALL.best(tag), id, args)
}

/// A slash command: English name and description, and every translation's.
pub fn command(name_id: &str, description_id: &str) -> CreateCommand {
    let mut c = CreateCommand::new(say_in("en", name_id, &[])).description(say_in("en", description_id, &[]));
    for (tag, locales) in DISCORD_LOCALES {
        for l in *locales {
            c = c
                .name_localized(*l, say_in(tag, name_id, &[]))
                .description_localized(*l, say_in(tag, description_id, &[]));
        }
    }
    c
}

/// An option (or subcommand) `name` with its description in every language
/// (option names stay as registered: handlers read them by name).
pub fn option(
    kind: CommandOptionType,
    name: &str,
    description_id: &str,
    args: &[(&str, Arg<'_>)],
) -> CreateCommandOption {
    let mut o = CreateCommandOption::new(kind, name, say_in("en", description_id, args));
    for (tag, locales) in DISCORD_LOCALES {
        for l in *locales {
            o = o.description_localized(*l, say_in(tag, description_id, args));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_has_the_english_messages_with_their_variables() {
        let problems = aethex_sdk::i18n::problems(LANGUAGES);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Discord's rules: names 1-32 lowercase letters, digits, `-` or `_`;
    /// descriptions 1-100 characters.
    #[test]
    fn localized_names_and_descriptions_follow_discords_rules() {
        for (tag, source) in LANGUAGES {
            for (id, _) in aethex_sdk::i18n::shapes(source).unwrap() {
                let text = say_in(tag, &id, &[("tier", Arg::N(1))]);
                if id.ends_with("-name") {
                    let ok = (1..=32).contains(&text.chars().count())
                        && text.chars().all(|c| c == '-' || c == '_' || c.is_alphanumeric())
                        && text.to_lowercase() == text;
                    assert!(ok, "{tag}: command name {id} = {text:?}");
                } else if id.starts_with("cmd-") || id.starts_with("opt-") {
                    assert!((1..=100).contains(&text.chars().count()), "{tag}: {id} = {text:?}");
                }
            }
        }
        assert_eq!(Lang::of("es-419").tag(), "es");
        assert_eq!(Lang::of("en-GB").tag(), "en");
        assert_eq!(Lang::of("zh-TW").tag(), "en");
        assert_eq!(Lang::named("pt-BR").map(|l| l.name()), Some("Português (Brasil)"));
        assert!(Lang::named("pt").is_none() && Lang::named("xx").is_none());
        let names: Vec<&str> = NAMES.iter().map(|(t, _)| *t).collect();
        let tags: Vec<&str> = LANGUAGES.iter().map(|(t, _)| *t).collect();
        assert_eq!(names, tags, "every language has its name");
    }
}
