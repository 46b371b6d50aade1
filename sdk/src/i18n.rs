//! Message catalogues for the first-party tools that talk to people (the
//! chatbot, the Discord bot): Fluent (`.ftl`) texts compiled into the
//! binary, one per language, the first one every other's fallback. Plural
//! forms and word order are the translation's. The server's web app has its
//! own catalogue with CLDR number and date formatting on top.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// An argument of a message: words or a number (numbers choose plural forms).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text, as it is.
    T(&'a str),
    /// A number.
    N(i64),
}

/// One language's messages.
pub struct Catalogue {
    tag: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue").field("tag", &self.tag).finish_non_exhaustive()
    }
}

impl Catalogue {
    /// The language tag.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// Message `id` with `args`, if this catalogue has it.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fa = FluentArgs::new();
        for (name, a) in args {
            match a {
                Arg::T(t) => fa.set(*name, FluentValue::from(*t)),
                Arg::N(n) => fa.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&fa), &mut errors).into_owned();
        Some(text)
    }
}

/// Every language's catalogue.
#[derive(Debug)]
pub struct Catalogues {
    list: Vec<Catalogue>,
}

impl Catalogues {
    /// Parse `(tag, source)` pairs; the first is the fallback. Sources ship
    /// in the binary and each tool's tests parse them, so a syntax error is
    /// a build defect: the good messages are kept.
    pub fn new(sources: &[(&'static str, &'static str)]) -> Self {
        let list = sources
            .iter()
            .map(|(tag, source)| {
                let res = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
                let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().unwrap_or_default()]);
                // Chat and Discord are plain text: no bidi isolation marks.
                bundle.set_use_isolating(false);
                let _ = bundle.add_resource(res);
                Catalogue { tag, bundle }
            })
            .collect();
        Self { list }
    }

    /// The fallback catalogue (the first).
    pub fn fallback(&self) -> &Catalogue {
        &self.list[0]
    }

    /// The catalogue for a tag as a channel, config or Discord names it
    /// (`es`, `es-ES`, `pt`, `zh`, `DE`): exact, else by primary language.
    pub fn find(&self, tag: &str) -> Option<&Catalogue> {
        let tag = tag.trim().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        self.list
            .iter()
            .find(|c| c.tag.eq_ignore_ascii_case(&tag))
            .or_else(|| self.list.iter().find(|c| c.tag.split('-').next() == Some(primary.as_str())))
    }

    /// [`Catalogues::find`], else the fallback.
    pub fn best(&self, tag: &str) -> &Catalogue {
        self.find(tag).unwrap_or_else(|| self.fallback())
    }

    /// Every catalogue.
    pub fn all(&self) -> &[Catalogue] {
        &self.list
    }

    /// Message `id` in `c`, else in the fallback, else the id itself.
    pub fn say(&self, c: &Catalogue, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        c.format(id, args).or_else(|| self.fallback().format(id, args)).unwrap_or_else(|| id.to_string())
    }
}

/// Each message's id and the variables it uses, read from a catalogue's
/// text: what a tool's tests compare across languages.
pub fn shapes(source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let res = fluent_syntax::parser::parse(source).map_err(|(_, e)| format!("{e:?}"))?;
    let mut out = BTreeMap::new();
    for entry in &res.body {
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
    Ok(out)
}

/// What is wrong with a set of catalogues, the first being the reference:
/// a file that does not parse, a message missing or extra, a message using
/// other variables than the reference's. Empty when all agree (tools' tests
/// assert that).
pub fn problems(sources: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(((_, first), rest)) = sources.split_first() else { return out };
    let reference = match shapes(first) {
        Ok(s) => s,
        Err(e) => return vec![format!("{}: does not parse: {e}", sources[0].0)],
    };
    for (tag, source) in rest {
        let theirs = match shapes(source) {
            Ok(s) => s,
            Err(e) => {
                out.push(format!("{tag}: does not parse: {e}"));
                continue;
            }
        };
        for id in reference.keys().filter(|id| !theirs.contains_key(*id)) {
            out.push(format!("{tag}: missing {id}"));
        }
        for (id, vars) in &theirs {
            match reference.get(id) {
                None => out.push(format!("{tag}: {id} is not in the reference")),
                Some(v) if v != vars => out.push(format!("{tag}: {id} uses {vars:?}, the reference {v:?}")),
                Some(_) => {}
            }
        }
    }
    out
}
