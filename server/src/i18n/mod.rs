//! The one message catalogue of every page (the web app, sign-up, log-in,
//! OAuth and device pages), in twelve languages: every string a person reads
//! goes through it (Fluent, `locales/<lang>.ftl`, a glossary beside each), so
//! plurals and word order live in the translation, not in code. Numbers and
//! dates come from CLDR (`format.rs`); which language a request gets is
//! `negotiate.rs`; the pseudo-locale that finds untranslated or cramped text
//! is `pseudo.rs`. Shared, owning no table: capabilities use it.
//!
//! A request's catalogue is set by [`layer`] for the request's task, so any
//! page (and any error page) reads it with [`Catalog::current`].

pub mod format;
mod negotiate;
mod pseudo;

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The pseudo-locale's tag (Chrome's and Android's name for it).
pub const PSEUDO: &str = "en-XA";

/// A language of the catalogues: tag, its own name, writing direction, source.
pub struct Language {
    /// BCP 47 tag.
    pub tag: &'static str,
    /// The language's name in itself, for the picker.
    pub name: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// The currency first offered for donations.
    pub currency: &'static str,
    source: &'static str,
}

/// Every language, English first (the fallback of every other).
pub const LANGUAGES: &[Language] = &[
    Language { tag: "en", name: "English", rtl: false, currency: "USD", source: include_str!("locales/en.ftl") },
    Language { tag: "es", name: "Español", rtl: false, currency: "EUR", source: include_str!("locales/es.ftl") },
    Language { tag: "fr", name: "Français", rtl: false, currency: "EUR", source: include_str!("locales/fr.ftl") },
    Language { tag: "de", name: "Deutsch", rtl: false, currency: "EUR", source: include_str!("locales/de.ftl") },
    Language {
        tag: "pt-BR",
        name: "Português (Brasil)",
        rtl: false,
        currency: "BRL",
        source: include_str!("locales/pt-BR.ftl"),
    },
    Language {
        tag: "zh-CN", name: "简体中文", rtl: false, currency: "CNY", source: include_str!("locales/zh-CN.ftl")
    },
    Language { tag: "ja", name: "日本語", rtl: false, currency: "JPY", source: include_str!("locales/ja.ftl") },
    Language { tag: "ko", name: "한국어", rtl: false, currency: "KRW", source: include_str!("locales/ko.ftl") },
    Language { tag: "ru", name: "Русский", rtl: false, currency: "RUB", source: include_str!("locales/ru.ftl") },
    Language { tag: "it", name: "Italiano", rtl: false, currency: "EUR", source: include_str!("locales/it.ftl") },
    Language { tag: "pl", name: "Polski", rtl: false, currency: "PLN", source: include_str!("locales/pl.ftl") },
    Language { tag: "ar", name: "العربية", rtl: true, currency: "SAR", source: include_str!("locales/ar.ftl") },
];

/// One language's messages.
pub struct Catalog {
    lang: &'static str,
    rtl: bool,
    bundle: FluentBundle<FluentResource>,
    /// This language's ICU formatters, made on first use.
    intls: intl_memoizer::concurrent::IntlLangMemoizer,
}

/// Whether the operator offers the pseudo-locale (the picker lists it).
static PSEUDO_OFFERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Every catalogue, in [`LANGUAGES`] order, then the pseudo-locale.
static CATALOGS: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    let mut all: Vec<Catalog> = LANGUAGES.iter().map(|l| Catalog::parse(l.tag, l.rtl, l.source.to_string())).collect();
    all.push(Catalog::parse(PSEUDO, false, pseudo::from_english(LANGUAGES[0].source)));
    all
});

tokio::task_local! {
    /// The catalogue of the request this task serves.
    static CURRENT: &'static Catalog;
}

/// How requests choose a language: the operator's default, and whether the
/// pseudo-locale may be chosen.
#[derive(Debug, Clone, Copy)]
pub struct Negotiation {
    /// The default when neither cookie nor browser names one of ours.
    pub default: &'static str,
    /// Whether `en-XA` is offered.
    pub pseudo: bool,
}

impl Negotiation {
    /// Make this the way requests choose (the picker offers the pseudo-locale or not).
    pub fn install(self) -> Self {
        PSEUDO_OFFERED.store(self.pseudo, std::sync::atomic::Ordering::Relaxed);
        self
    }

    /// The tags a request may get.
    pub fn tags(&self) -> Vec<&'static str> {
        let mut tags: Vec<&'static str> = LANGUAGES.iter().map(|l| l.tag).collect();
        if self.pseudo {
            tags.push(PSEUDO);
        }
        tags
    }

    /// The catalogue for a request's headers.
    pub fn choose(&self, headers: &axum::http::HeaderMap) -> &'static Catalog {
        let tags = self.tags();
        let chosen = negotiate::cookie(headers)
            .and_then(|c| negotiate::best_match(c, &tags))
            .or_else(|| {
                let al = headers.get(axum::http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
                negotiate::accept_language(al, &tags)
            })
            .unwrap_or(self.default);
        Catalog::for_tag(chosen).unwrap_or_else(Catalog::english)
    }

    /// One of our tags for what a form or setting names, if it is one.
    pub fn known(&self, tag: &str) -> Option<&'static str> {
        self.tags().into_iter().find(|t| *t == tag)
    }
}

/// The request's catalogue for the rest of its handling (inside
/// [`crate::http::headers::edge`]).
/// Answers in a chosen language vary by `Accept-Language` and the cookie.
pub async fn around<F: std::future::Future<Output = axum::response::Response>>(
    n: Negotiation,
    req: axum::extract::Request,
    next: impl FnOnce(axum::extract::Request) -> F,
) -> axum::response::Response {
    let t = n.choose(req.headers());
    let mut resp = CURRENT.scope(t, next(req)).await;
    let html = resp
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        resp.headers_mut()
            .append(axum::http::header::VARY, axum::http::HeaderValue::from_static("Accept-Language, Cookie"));
    }
    resp
}

impl Catalog {
    /// The English catalogue.
    pub fn english() -> &'static Catalog {
        &CATALOGS[0]
    }

    /// The catalogue of one of our tags (`en-XA` included).
    pub fn for_tag(tag: &str) -> Option<&'static Catalog> {
        CATALOGS.iter().find(|c| c.lang == tag)
    }

    /// The catalogue of the request being served (English outside one).
    pub fn current() -> &'static Catalog {
        CURRENT.try_with(|t| *t).unwrap_or_else(|_| Catalog::english())
    }

    /// Run `f` with `self` as the current catalogue (background work on a
    /// user's behalf, such as a push in their language).
    pub async fn scope<F: std::future::Future>(&'static self, f: F) -> F::Output {
        CURRENT.scope(self, f).await
    }

    /// Parse a catalogue. The files ship in the binary and are checked by a
    /// unit test, so a syntax error here is a build defect: it is logged and
    /// the good messages are kept.
    fn parse(lang: &'static str, rtl: bool, source: String) -> Self {
        let resource = FluentResource::try_new(source).unwrap_or_else(|(partial, errors)| {
            tracing::error!(lang, ?errors, "message catalogue has syntax errors");
            partial
        });
        let id: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
        let intls = intl_memoizer::concurrent::IntlLangMemoizer::new(id.clone());
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Isolation marks keep a left-to-right name or number from reordering
        // right-to-left text around it; left-to-right pages need none.
        bundle.set_use_isolating(rtl);
        bundle.set_formatter(Some(format::format_value));
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(lang, ?errors, "message catalogue has duplicate messages");
        }
        Self { lang, rtl, bundle, intls }
    }

    /// The language tag, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The currency the donation form offers first.
    pub fn currency(&self) -> &'static str {
        LANGUAGES.iter().find(|l| l.tag == self.lang).map_or("USD", |l| l.currency)
    }

    /// Whether this is the catalogue of `tag`.
    pub fn is(&self, tag: &str) -> bool {
        self.lang == tag
    }

    /// `rtl` or `ltr`, for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Every language for the picker: (tag, name), the pseudo-locale when offered.
    pub fn languages(&self) -> Vec<(&'static str, &'static str)> {
        let mut all: Vec<_> = LANGUAGES.iter().map(|l| (l.tag, l.name)).collect();
        if PSEUDO_OFFERED.load(std::sync::atomic::Ordering::Relaxed) {
            all.push((PSEUDO, "Pseudo (en-XA)"));
        }
        all
    }

    /// A whole number in this locale ("1,234", "1.234", "1 234").
    pub fn number(&self, n: impl Count) -> String {
        let n = n.value();
        self.intls.with_try_get::<format::Decimals, _, _>((), |f| f.format(n, 0)).unwrap_or_else(|_| n.to_string())
    }

    /// `x` with `digits` fraction digits in this locale ("5.75", "5,75").
    pub fn decimal(&self, x: f64, digits: i16) -> String {
        let minor = (x * 10f64.powi(digits.into())).round() as i64;
        self.intls
            .with_try_get::<format::Decimals, _, _>((), |f| f.format(minor, digits))
            .unwrap_or_else(|_| x.to_string())
    }

    /// The calendar date of `ms` (UTC) in this locale.
    pub fn date(&self, ms: i64) -> String {
        self.intls.with_try_get::<format::Dates, _, _>((), |f| f.format(ms)).unwrap_or_default()
    }

    /// The calendar date of an RFC 3339 time in this locale (the text itself
    /// when it is not one).
    pub fn date_of(&self, rfc3339: &str) -> String {
        aethex_sdk::time::parse_rfc3339(rfc3339).map_or_else(|| rfc3339.to_string(), |ms| self.date(ms))
    }

    /// How long ago an RFC 3339 time was, from now.
    pub fn ago_of(&self, rfc3339: &str) -> String {
        aethex_sdk::time::parse_rfc3339(rfc3339)
            .map_or_else(|| rfc3339.to_string(), |ms| self.ago(ms, aethex_sdk::time::now_ms()))
    }

    /// How long ago `ms` was, from `now` ("5 minutes ago"); the date past a month.
    pub fn ago(&self, ms: impl Count, now: impl Count) -> String {
        let (ms, now) = (ms.value(), now.value());
        let secs = (now - ms).max(0) / 1000;
        match secs {
            0..=59 => self.get("time-just-now"),
            60..=3599 => self.count("time-minutes-ago", secs / 60),
            3600..=86_399 => self.count("time-hours-ago", secs / 3600),
            86_400..=2_591_999 => self.count("time-days-ago", secs / 86_400),
            _ => self.date(ms),
        }
    }

    /// A duration ("1 h 5 min", "5 min", "42 s").
    pub fn duration(&self, ms: i64) -> String {
        let secs = ms.max(0) / 1000;
        let n = |v: i64| FluentValue::from(v);
        let mut args = FluentArgs::new();
        if secs >= 3600 {
            args.set("hours", n(secs / 3600));
            args.set("minutes", n(secs % 3600 / 60));
            self.format("duration-hours-minutes", Some(&args))
        } else if secs >= 60 {
            args.set("minutes", n(secs / 60));
            self.format("duration-minutes", Some(&args))
        } else {
            args.set("seconds", n(secs));
            self.format("duration-seconds", Some(&args))
        }
    }

    /// An amount of money in its own currency, in this locale ("4,99 EUR",
    /// "¥500" as "500 JPY"): the currency's ISO 4217 minor units.
    pub fn money(&self, minor: impl Count, currency: &str) -> String {
        let minor = minor.value();
        let exponent = format::currency_exponent(currency).unwrap_or(2) as i16;
        let amount = self
            .intls
            .with_try_get::<format::Decimals, _, _>((), |f| f.format(minor, exponent))
            .unwrap_or_else(|_| minor.to_string());
        self.with_args("money", &[("amount", &amount), ("currency", &currency.to_ascii_uppercase())], None)
    }

    /// Whether the catalogue has `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.get_message(id).and_then(|m| m.value()).is_some()
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(lang = self.lang, id, "missing message");
            let en = Catalog::english();
            return if std::ptr::eq(self, en) { id.to_string() } else { en.format(id, args) };
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

/// The `Set-Cookie` value that keeps language `tag` for a year (the picker
/// sets it; a log-in restores the user's saved language with it).
pub fn language_cookie(tag: &str, https: bool) -> Option<axum::http::HeaderValue> {
    let secure = if https { "; Secure" } else { "" };
    axum::http::HeaderValue::from_str(&format!("lang={tag}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id the templates and scripts name, read from their source.
    fn used_ids() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut ids = Vec::new();
        let mut files = Vec::new();
        for dir in ["templates", "src/web", "src/auth", "src/overlay"] {
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

    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// Per message: the variables it uses, and (variable, variant keys) of its selectors.
    type Shape = BTreeMap<String, (BTreeSet<String>, Vec<(String, Vec<String>)>)>;

    fn walk(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>, sels: &mut Vec<(String, Vec<String>)>) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                match expression {
                    ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                        vars.insert(id.name.to_string());
                    }
                    ast::Expression::Select { selector, variants } => {
                        let var = match selector {
                            ast::InlineExpression::VariableReference { id } => id.name.to_string(),
                            other => format!("{other:?}"),
                        };
                        vars.insert(var.clone());
                        let keys = variants
                            .iter()
                            .map(|v| match &v.key {
                                ast::VariantKey::Identifier { name } => name.to_string(),
                                ast::VariantKey::NumberLiteral { value } => value.to_string(),
                            })
                            .collect();
                        sels.push((var, keys));
                        for v in variants {
                            walk(&v.value, vars, sels);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A catalogue's messages and their shapes; a syntax error fails the test.
    fn shape(tag: &str, source: &str) -> Shape {
        let res =
            fluent_syntax::parser::parse(source).unwrap_or_else(|(_, e)| panic!("{tag}.ftl does not parse: {e:?}"));
        let mut out = Shape::new();
        for entry in &res.body {
            if let ast::Entry::Message(m) = entry {
                assert!(m.attributes.is_empty(), "{tag}: {} has attributes, which pages never read", m.id.name);
                let (mut vars, mut sels) = (BTreeSet::new(), Vec::new());
                let value = m.value.as_ref().unwrap_or_else(|| panic!("{tag}: {} has no value", m.id.name));
                walk(value, &mut vars, &mut sels);
                assert!(out.insert(m.id.name.to_string(), (vars, sels)).is_none(), "{tag}: {} twice", m.id.name);
            }
        }
        out
    }

    /// The plural categories a language uses, found by asking its rules.
    fn plural_categories(tag: &str) -> BTreeSet<String> {
        use intl_pluralrules::{PluralRuleType, PluralRules};
        let lang: unic_langid::LanguageIdentifier = tag.split('-').next().unwrap().parse().unwrap();
        let rules = PluralRules::create(lang, PluralRuleType::CARDINAL).unwrap();
        let mut cats = BTreeSet::new();
        for n in (0..=1_000_000u64).step_by(1).take(2000).chain([1_000_000]) {
            cats.insert(format!("{:?}", rules.select(n).unwrap()).to_lowercase());
        }
        for f in ["0.5", "1.5", "2.5", "10.1", "100.7"] {
            cats.insert(format!("{:?}", rules.select(f).unwrap()).to_lowercase());
        }
        cats
    }

    #[test]
    fn every_catalogue_has_exactly_the_english_messages_with_their_placeables() {
        let english = shape("en", LANGUAGES[0].source);
        let mut problems = Vec::new();
        for l in &LANGUAGES[1..] {
            let theirs = shape(l.tag, l.source);
            let cats = plural_categories(l.tag);
            for id in english.keys().filter(|id| !theirs.contains_key(*id)) {
                problems.push(format!("{}: missing {id}", l.tag));
            }
            for (id, (vars, sels)) in &theirs {
                let Some((en_vars, _)) = english.get(id) else {
                    problems.push(format!("{}: {id} is not an English message", l.tag));
                    continue;
                };
                if vars != en_vars {
                    problems.push(format!("{}: {id} uses {vars:?}, English {en_vars:?}", l.tag));
                }
                for (var, keys) in sels {
                    for k in keys.iter().filter(|k| k.parse::<f64>().is_err() && !cats.contains(*k)) {
                        problems.push(format!(
                            "{}: {id} selects on ${var} with [{k}], not a plural form of {} ({cats:?})",
                            l.tag, l.tag
                        ));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // The pseudo-locale is made from English and must parse as well.
        assert_eq!(shape(PSEUDO, &pseudo::from_english(LANGUAGES[0].source)).len(), english.len());
    }

    #[test]
    fn numbers_dates_and_plurals_follow_each_locale() {
        let de = Catalog::for_tag("de").unwrap();
        assert_eq!(de.number(1_234_567), "1.234.567");
        assert!(de.count("viewers", 1234).contains("1.234"), "{}", de.count("viewers", 1234));
        let fr = Catalog::for_tag("fr").unwrap();
        assert_eq!(fr.number(1234), "1\u{202f}234");
        let ru = Catalog::for_tag("ru").unwrap();
        assert_ne!(ru.count("viewers", 2), ru.count("viewers", 5).replace('5', "2"), "few and many differ in Russian");
        let ja = Catalog::for_tag("ja").unwrap();
        let day = 1_796_000_000_000; // 2026-11-30
        assert_eq!(ja.date(day), "2026/11/30");
        assert_eq!(Catalog::english().date(day), "Nov 30, 2026");
        assert_eq!(de.date(day), "30.11.2026");
        assert_eq!(Catalog::english().money(499, "EUR"), "4.99 EUR");
        assert_eq!(de.money(123_450, "eur"), "1.234,50 EUR");
        assert_eq!(Catalog::english().money(500, "JPY"), "500 JPY");
        assert_eq!(Catalog::english().money(1250, "KWD"), "1.250 KWD");
        let en = Catalog::english();
        assert_eq!(en.ago(day - 5 * 60_000, day), "5 minutes ago");
        assert_eq!(en.ago(day - 3_600_000, day), "1 hour ago");
        assert_eq!(en.duration(3_900_000), "1 h 5 min");
        let ar = Catalog::for_tag("ar").unwrap();
        assert_eq!(ar.dir(), "rtl");
        assert!(
            ar.with("channel-offline", "name", "bob").contains("\u{2068}bob\u{2069}"),
            "a right-to-left page isolates names"
        );
    }

    #[test]
    fn the_english_catalogue_parses_and_has_every_used_message() {
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
