//! Spam protection, Nightbot's filters: links (with an allow list and
//! `!permit`), caps, symbols, repetitions, emotes, and a blacklist of words,
//! `*` wildcards and `~/regex/` patterns. Each filter has a timeout length, an
//! exempt userlevel, a chat message and a silent switch; repeat offenders get
//! escalating timeouts.
//!
//! Regexes use the `regex` crate, which matches in linear time (no
//! backtracking), with a compiled-size cap, so no pattern a moderator sets up
//! can stall the bot.

use std::collections::HashMap;

use crate::userlevel::UserLevel;

/// A strike older than this is forgotten.
pub const STRIKE_MEMORY_MS: i64 = 10 * 60 * 1000;
/// The longest timeout escalation reaches (two weeks, Twitch's maximum).
pub const MAX_TIMEOUT: u64 = 1_209_600;

/// Settings shared by every filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Common {
    /// On or off.
    pub enabled: bool,
    /// Timeout seconds for a repeat offence (the first one purges with 1 s).
    pub length: u64,
    /// This level and above are never filtered.
    pub exempt: UserLevel,
    /// Said in chat when it acts (with `$(user)`), unless silent.
    pub message: String,
    /// Act without saying anything.
    pub silent: bool,
}

impl Common {
    fn with(message: &str, exempt: UserLevel) -> Self {
        Self { enabled: true, length: 600, exempt, message: message.into(), silent: false }
    }
}

/// One compiled blacklist entry.
#[derive(Debug, Clone)]
enum Pattern {
    /// Words and `*` wildcards, matched on word boundaries, case-insensitive.
    Glob(regex::Regex),
    /// `~/regex/`.
    Regex(regex::Regex),
}

/// The filter configuration of a channel.
#[derive(Debug, Clone)]
pub struct Filters {
    /// Links.
    pub links: Common,
    /// Hosts always allowed (and their subdomains).
    pub allowed_hosts: Vec<String>,
    /// Caps: minimum message length and the share of capitals that trips it.
    pub caps: Common,
    /// Caps: messages shorter than this are never caps spam.
    pub caps_min_length: usize,
    /// Caps: percent of letters.
    pub caps_percent: usize,
    /// Symbols: percent of non-alphanumeric, non-space characters.
    pub symbols: Common,
    /// Symbols threshold.
    pub symbols_percent: usize,
    /// Repetitions: the same word (or character run) this many times.
    pub repetitions: Common,
    /// Repetitions threshold.
    pub repetitions_limit: usize,
    /// Emotes per message.
    pub emotes: Common,
    /// Emotes threshold.
    pub emotes_limit: usize,
    /// Blacklist.
    pub blacklist: Common,
    patterns: Vec<(String, Pattern)>,
}

impl Default for Filters {
    fn default() -> Self {
        Self::in_language(&crate::lang::Replies::english())
    }
}

impl Filters {
    /// Nightbot's defaults, the warnings in `r`'s language.
    pub fn in_language(r: &crate::lang::Replies) -> Self {
        let say = |id: &str| r.say(id, &[]);
        Self {
            links: Common::with(&say("filter-links"), UserLevel::Regular),
            allowed_hosts: vec!["clips.twitch.tv".into(), "youtube.com".into(), "youtu.be".into()],
            caps: Common::with(&say("filter-caps"), UserLevel::Subscriber),
            caps_min_length: 10,
            caps_percent: 70,
            symbols: Common::with(&say("filter-symbols"), UserLevel::Subscriber),
            symbols_percent: 50,
            repetitions: Common::with(&say("filter-repetitions"), UserLevel::Subscriber),
            repetitions_limit: 5,
            emotes: Common::with(&say("filter-emotes"), UserLevel::Subscriber),
            emotes_limit: 10,
            blacklist: Common::with(&say("filter-blacklist"), UserLevel::Moderator),
            patterns: Vec::new(),
        }
    }
}

/// What the bot does about a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Which filter.
    pub filter: &'static str,
    /// Timeout seconds (1 = purge).
    pub timeout: u64,
    /// What to say in chat, if anything.
    pub say: Option<String>,
}

/// A message as the filters see it.
#[derive(Debug, Clone)]
pub struct Chat<'a> {
    /// Sender's login.
    pub login: &'a str,
    /// Sender's level.
    pub level: UserLevel,
    /// The text.
    pub text: &'a str,
    /// Emotes in it (from the IRC `emotes` tag).
    pub emotes: usize,
    /// Now, Unix ms.
    pub now_ms: i64,
}

/// Strikes and permits, per channel.
#[derive(Debug, Default)]
pub struct State {
    strikes: HashMap<String, (u32, i64)>,
    permits: HashMap<String, i64>,
}

impl State {
    /// `!permit user`: one link within the next 60 seconds.
    pub fn permit(&mut self, login: &str, now_ms: i64) {
        self.permits.insert(login.trim_start_matches('@').to_lowercase(), now_ms + 60_000);
    }
}

fn glob(entry: &str) -> Result<regex::Regex, String> {
    let escaped: Vec<String> = entry.split('*').map(regex::escape).collect();
    let body = escaped.join(r"\S*");
    regex::RegexBuilder::new(&format!(r"(?i)(^|\W){body}($|\W)")).size_limit(1 << 20).build().map_err(|e| e.to_string())
}

/// The filters by name, as configuration and chat refer to them.
pub const NAMES: [&str; 6] = ["links", "caps", "symbols", "repetitions", "emotes", "blacklist"];

impl Filters {
    /// A filter's common settings by name (see [`NAMES`]).
    pub fn common_mut(&mut self, name: &str) -> Option<&mut Common> {
        Some(match name {
            "links" => &mut self.links,
            "caps" => &mut self.caps,
            "symbols" => &mut self.symbols,
            "repetitions" => &mut self.repetitions,
            "emotes" => &mut self.emotes,
            "blacklist" => &mut self.blacklist,
            _ => return None,
        })
    }

    /// Add a blacklist entry: words/phrases with `*`, or `~/regex/`.
    pub fn blacklist_add(&mut self, entry: &str) -> Result<(), String> {
        let entry = entry.trim();
        if entry.is_empty() || entry.len() > 200 {
            return Err("blacklist entries are 1 to 200 characters".into());
        }
        let pattern = if let Some(re) = entry.strip_prefix("~/").and_then(|r| r.strip_suffix('/')) {
            let compiled =
                regex::RegexBuilder::new(re).case_insensitive(true).size_limit(1 << 20).build().map_err(|e| {
                    format!("not a usable regex: {}", e.to_string().lines().last().unwrap_or("invalid"))
                })?;
            Pattern::Regex(compiled)
        } else {
            Pattern::Glob(glob(entry)?)
        };
        self.patterns.push((entry.to_string(), pattern));
        Ok(())
    }

    /// Judge one message; `None` lets it through.
    pub fn check(&self, state: &mut State, m: &Chat<'_>) -> Option<Verdict> {
        let (filter, common) = self.tripped(state, m)?;
        let strikes = {
            let entry = state.strikes.entry(m.login.to_string()).or_insert((0, m.now_ms));
            if m.now_ms - entry.1 > STRIKE_MEMORY_MS {
                entry.0 = 0;
            }
            entry.0 += 1;
            entry.1 = m.now_ms;
            entry.0
        };
        let timeout = match strikes {
            1 => 1,
            n => common.length.saturating_mul(1 << (n - 2).min(10)).clamp(1, MAX_TIMEOUT),
        };
        let say = (!common.silent && !common.message.is_empty()).then(|| common.message.replace("$(user)", m.login));
        Some(Verdict { filter, timeout, say })
    }

    fn tripped<'a>(&'a self, state: &mut State, m: &Chat<'_>) -> Option<(&'static str, &'a Common)> {
        let applies = |c: &Common| c.enabled && m.level < c.exempt;
        if applies(&self.blacklist)
            && self.patterns.iter().any(|(_, p)| match p {
                Pattern::Glob(r) | Pattern::Regex(r) => r.is_match(m.text),
            })
        {
            return Some(("blacklist", &self.blacklist));
        }
        if applies(&self.links) && self.has_forbidden_link(m.text) {
            let permitted = state.permits.get(m.login).is_some_and(|until| m.now_ms <= *until);
            if permitted {
                state.permits.remove(m.login);
            } else {
                return Some(("links", &self.links));
            }
        }
        let letters: Vec<char> = m.text.chars().filter(|c| c.is_alphabetic()).collect();
        if applies(&self.caps) && m.text.chars().count() >= self.caps_min_length && !letters.is_empty() {
            let upper = letters.iter().filter(|c| c.is_uppercase()).count();
            if upper * 100 >= letters.len() * self.caps_percent {
                return Some(("caps", &self.caps));
            }
        }
        let visible: Vec<char> = m.text.chars().filter(|c| !c.is_whitespace()).collect();
        if applies(&self.symbols) && visible.len() >= 8 {
            let symbols = visible.iter().filter(|c| !c.is_alphanumeric()).count();
            if symbols * 100 >= visible.len() * self.symbols_percent {
                return Some(("symbols", &self.symbols));
            }
        }
        if applies(&self.repetitions) && self.repeats(m.text) {
            return Some(("repetitions", &self.repetitions));
        }
        if applies(&self.emotes) && m.emotes > self.emotes_limit {
            return Some(("emotes", &self.emotes));
        }
        None
    }

    fn has_forbidden_link(&self, text: &str) -> bool {
        text.split_whitespace()
            .filter_map(link_host)
            .any(|host| !self.allowed_hosts.iter().any(|a| host == *a || host.ends_with(&format!(".{a}"))))
    }

    fn repeats(&self, text: &str) -> bool {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for w in text.split_whitespace() {
            let c = counts.entry(w.to_lowercase()).or_default();
            *c += 1;
            if *c >= self.repetitions_limit {
                return true;
            }
        }
        // A single character run ("aaaaaaaaaaaaaaaa") counts too.
        let mut run = 0;
        let mut last = None;
        for ch in text.chars() {
            run = if Some(ch) == last { run + 1 } else { 1 };
            last = Some(ch);
            if run >= self.repetitions_limit * 4 {
                return true;
            }
        }
        false
    }
}

/// The host of a word that looks like a link (`https://x.y/...`, `www.x.y`, `x.com/...`).
fn link_host(word: &str) -> Option<String> {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | '\'' | ',' | '!' | '?'));
    let lower = w.to_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).unwrap_or(&lower);
    let host = rest.split(['/', '?', '#', ':']).next()?.trim_start_matches("www.").trim_end_matches('.');
    if host.is_empty() {
        return None;
    }
    let has_scheme = rest.len() < lower.len();
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last()?;
    let domain_like = labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && (2..=24).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic());
    (has_scheme || domain_like).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat<'a>(text: &'a str, level: UserLevel, now_s: i64) -> Chat<'a> {
        Chat { login: "spammer", level, text, emotes: 0, now_ms: now_s * 1000 }
    }

    #[test]
    fn links_allow_list_and_permit() {
        let f = Filters::default();
        let mut s = State::default();
        let v = f.check(&mut s, &chat("buy followers at cheap-views.biz now", UserLevel::Everyone, 0)).unwrap();
        assert_eq!((v.filter, v.timeout), ("links", 1));
        assert_eq!(v.say.as_deref(), Some("spammer -> please ask before posting links."));
        assert!(f.check(&mut s, &chat("see https://clips.twitch.tv/abc", UserLevel::Everyone, 1)).is_none());
        assert!(f.check(&mut s, &chat("www.youtube.com/watch?v=x", UserLevel::Everyone, 1)).is_none());
        assert!(
            f.check(&mut s, &chat("check http://evil.example/x", UserLevel::Regular, 1)).is_none(),
            "regulars are exempt"
        );
        assert!(f.check(&mut s, &chat("hello. world. e.g. 3.14", UserLevel::Everyone, 1)).is_none(), "not links");
        s.permit("@Spammer", 2_000);
        assert!(f.check(&mut s, &chat("ok: https://my.site/page", UserLevel::Everyone, 3)).is_none(), "permitted once");
        assert!(f.check(&mut s, &chat("again https://my.site/page", UserLevel::Everyone, 4)).is_some());
    }

    #[test]
    fn escalating_timeouts_that_decay() {
        let f = Filters::default();
        let mut s = State::default();
        let link = "visit spam.example.com";
        let t: Vec<u64> =
            (0..4).map(|i| f.check(&mut s, &chat(link, UserLevel::Everyone, i)).unwrap().timeout).collect();
        assert_eq!(t, vec![1, 600, 1200, 2400]);
        let later = f.check(&mut s, &chat(link, UserLevel::Everyone, 4 + 601)).unwrap();
        assert_eq!(later.timeout, 1, "strikes are forgotten after 10 minutes");
    }

    #[test]
    fn caps_symbols_repetitions_emotes() {
        let f = Filters::default();
        let mut s = State::default();
        assert_eq!(f.check(&mut s, &chat("WHY IS EVERYONE SO LOUD", UserLevel::Everyone, 0)).unwrap().filter, "caps");
        assert!(f.check(&mut s, &chat("OK", UserLevel::Everyone, 0)).is_none(), "short caps are fine");
        assert!(f.check(&mut s, &chat("WHY IS EVERYONE SO LOUD", UserLevel::Subscriber, 0)).is_none());
        assert_eq!(f.check(&mut s, &chat("$$$ %%% ### @@@ !!!", UserLevel::Everyone, 0)).unwrap().filter, "symbols");
        assert_eq!(f.check(&mut s, &chat("gg gg gg gg gg", UserLevel::Everyone, 0)).unwrap().filter, "repetitions");
        assert_eq!(f.check(&mut s, &chat(&"a".repeat(25), UserLevel::Everyone, 0)).unwrap().filter, "repetitions");
        let mut m = chat("hi", UserLevel::Everyone, 0);
        m.emotes = 11;
        assert_eq!(f.check(&mut s, &m).unwrap().filter, "emotes");
        assert!(f.check(&mut s, &chat("a perfectly normal message", UserLevel::Everyone, 0)).is_none());
    }

    #[test]
    fn blacklist_words_wildcards_and_safe_regexes() {
        let mut f = Filters::default();
        f.blacklist_add("badword").unwrap();
        f.blacklist_add("free v*bucks").unwrap();
        f.blacklist_add("~/(a+)+b/").unwrap(); // catastrophic for backtracking engines; linear here
        assert!(f.blacklist_add("~/(unclosed/").unwrap_err().contains("regex"));
        assert!(f.blacklist_add("").is_err());
        let mut s = State::default();
        let hit = |s: &mut State, t: &str| f.check(s, &chat(t, UserLevel::Everyone, 0)).map(|v| v.filter);
        assert_eq!(hit(&mut s, "that is a BADWORD!"), Some("blacklist"));
        assert_eq!(hit(&mut s, "badwords are different"), None, "whole words only");
        assert_eq!(hit(&mut s, "get free vbucks here"), Some("blacklist"));
        assert_eq!(hit(&mut s, "get FREE V-Bucks here"), Some("blacklist"));
        let evil = format!("{}c", "a".repeat(5000));
        assert_eq!(hit(&mut s, &evil), Some("repetitions"), "the regex runs in linear time and does not match");
        assert_eq!(hit(&mut s, "aaab"), Some("blacklist"));
        let mut silent = f.clone();
        silent.blacklist.silent = true;
        let v = silent.check(&mut State::default(), &chat("badword", UserLevel::Everyone, 0)).unwrap();
        assert_eq!(v.say, None);
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for the filters, which read every chatter's line: any text,
    //! from anyone, with any blacklist a moderator set up, is judged without a
    //! panic; timeouts stay within 1 s and [`MAX_TIMEOUT`]; exempt levels are
    //! never filtered; a link with a scheme to a host off the allow list is
    //! always caught.

    use aethex_sdk::fuzz::gen::{mutate_text, mutations, text, Mutation};
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;

    fn chat_text() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            3 => "[a-zA-Z]{1,8}",
            2 => prop::sample::select(vec![
                "https://evil.example/x", "HTTP://EVIL.EXAMPLE", "www.spam.test", "spam.com/x", "youtube.com", "m.youtube.com",
                "youtube.com.evil.test", "clips.twitch.tv/x", "(https://x.y)", "https://", "http://:80", "a.b", "1.2.3.4",
                "https://[::1]/", "xn--e1afmkfd.xn--p1ai", "пример.рф", "evil。com", "!!!!!!!!", "😀😀😀", "AAAAAAAAAAAA",
            ])
            .prop_map(str::to_string),
            1 => text(10),
        ];
        vec(word, 0..12).prop_map(|w| w.join(" "))
    }

    fn blacklist_entry() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z*]{0,8}",
            prop::sample::select(vec!["~/(a+)+$/", "~/[/", "~/.{1000}{1000}/", "~//", "*", "~/spam/", "bad*word"])
                .prop_map(str::to_string),
            text(12),
        ]
    }

    type Input = (Vec<String>, Vec<(u8, String, usize, i64, Vec<Mutation>)>);

    #[test]
    fn fuzz_filters() {
        let levels = [
            UserLevel::Everyone,
            UserLevel::Subscriber,
            UserLevel::Regular,
            UserLevel::Vip,
            UserLevel::Moderator,
            UserLevel::Owner,
        ];
        let lines = vec((0..6u8, chat_text(), 0..30usize, 0..1_000_000i64, mutations(1)), 0..20);
        aethex_sdk::fuzz::target("filters").cases(32).run(
            (vec(blacklist_entry(), 0..4), lines),
            |(entries, lines): Input| {
                let mut f = Filters::default();
                for e in &entries {
                    let _ = f.blacklist_add(e);
                }
                let mut state = State::default();
                let mut now = 1_800_000_000_000i64;
                for (level, text, emotes, wait_ms, ms) in lines {
                    let text = mutate_text(&text, &ms);
                    let level = levels[usize::from(level)];
                    now += wait_ms;
                    let m = Chat { login: "chatter", level, text: &text, emotes, now_ms: now };
                    match f.check(&mut state, &m) {
                        Some(v) => {
                            prop_assert!((1..=MAX_TIMEOUT).contains(&v.timeout));
                            prop_assert!(level < UserLevel::Moderator, "{level:?} filtered by {}", v.filter);
                        }
                        None => {
                            let scheme_link = text.split_whitespace().any(|w| {
                                w.strip_prefix("https://evil.example/").is_some()
                                    && level < f.links.exempt
                                    && entries.is_empty()
                            });
                            prop_assert!(!scheme_link, "{text:?} passed the link filter");
                        }
                    }
                }
                Ok(())
            },
        );
    }
}
