//! The bot: one channel's state and what it does with each chat line, chat
//! notice, follow and clock tick. Pure of IRC: it takes [`Line`]s and returns
//! [`Action`]s, and [`crate::run`] moves them over the wire; so the whole
//! behaviour is testable without a socket, and the same bot serves AeThex
//! and Twitch chat. The built-in commands are in `bot/builtins/`, one file
//! per family.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use crate::commands::{Command, Registry};
use crate::filters::{Chat, Filters, State as FilterState};
use crate::loyalty::{Giveaway, PointsSettings};
use crate::services::Live;
use crate::songs::SongSettings;
use crate::store::{Store, StoreError};
use crate::timers::Timers;
use crate::userlevel::UserLevel;
use crate::vars::{expand, Invocation};

mod builtins;

/// The current time in Unix ms; injectable so tests can move time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Chatters whose ids the bot holds in memory before starting over.
const MAX_KNOWN: usize = 10_000;

/// A chat line as the bot sees it.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// The message id (for deleting it).
    pub id: Option<String>,
    /// Sender's login.
    pub login: String,
    /// Sender's display name.
    pub display: String,
    /// Sender's account id (the `user-id` tag; empty when unknown).
    pub user_id: String,
    /// The IRC `badges` tag.
    pub badges: String,
    /// The text.
    pub text: String,
    /// Emotes in it.
    pub emotes: usize,
}

/// What the bot wants done in chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Say something.
    Say(String),
    /// Time a chatter out (1 s purges their messages).
    Timeout {
        /// Who.
        login: String,
        /// Seconds.
        seconds: u64,
        /// Why (which filter).
        reason: String,
    },
    /// Delete one message.
    Delete(String),
}

/// Everything the bot is configured with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The channel (login).
    pub channel: String,
    /// The bot's own login (its lines are ignored).
    pub bot_login: String,
    /// Points.
    pub points: PointsSettings,
    /// Song requests.
    pub songs: SongSettings,
    /// Filters.
    pub filters: Filters,
    /// Timers.
    pub timers: Vec<crate::timers::Timer>,
    /// Replies per 30 s.
    pub replies_per_30s: usize,
    /// The language of the built-in replies.
    pub replies: crate::lang::Replies,
}

/// One channel's bot.
pub struct Bot {
    s: Settings,
    store: Store,
    registry: Registry,
    filter_state: FilterState,
    timers: Timers,
    giveaway: Giveaway,
    regulars: HashSet<String>,
    /// Chatters' ids already stored (login → id), so a line costs no write.
    known: HashMap<String, String>,
    services: Live,
    clock: Clock,
    replies: VecDeque<i64>,
    /// Replies dropped by the flood limit, for the log.
    pub dropped_replies: u64,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot").field("channel", &self.s.channel).finish_non_exhaustive()
    }
}

const FLOOD_WINDOW_MS: i64 = 30_000;

impl Bot {
    /// A bot loaded from `store`.
    pub async fn load(s: Settings, store: Store, services: Live, clock: Clock) -> Result<Self, StoreError> {
        let mut registry = Registry::default();
        for c in store.commands(&s.channel).await? {
            registry.insert(c);
        }
        let regulars = store.regulars(&s.channel).await?.into_iter().collect();
        let mut timers = Timers::default();
        let now = clock();
        for t in &s.timers {
            timers.add(t.clone(), now);
        }
        let bot = Self {
            s,
            store,
            registry,
            filter_state: FilterState::default(),
            timers,
            giveaway: Giveaway::default(),
            regulars,
            known: HashMap::new(),
            services,
            clock,
            replies: VecDeque::new(),
            dropped_replies: 0,
        };
        bot.refresh_responses();
        Ok(bot)
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.s
    }

    fn refresh_responses(&self) {
        let map: HashMap<String, String> = self
            .registry
            .all()
            .into_iter()
            .filter(|c| c.alias.is_none())
            .map(|c| (c.name.clone(), c.response.clone()))
            .collect();
        self.services.set_responses(map);
    }

    /// Take one reply from the flood budget; false when it is spent.
    fn budget(&mut self, now: i64) -> bool {
        while self.replies.front().is_some_and(|t| now - t >= FLOOD_WINDOW_MS) {
            self.replies.pop_front();
        }
        if self.replies.len() >= self.s.replies_per_30s {
            self.dropped_replies += 1;
            return false;
        }
        self.replies.push_back(now);
        true
    }

    /// Say `text` if the flood budget allows.
    fn say(&mut self, out: &mut Vec<Action>, text: String, now: i64) {
        if !text.trim().is_empty() && self.budget(now) {
            out.push(Action::Say(text));
        }
    }

    fn level_of(&self, l: &Line) -> UserLevel {
        if l.login == self.s.channel {
            return UserLevel::Owner;
        }
        UserLevel::from_badges(&l.badges, self.regulars.contains(&l.login))
    }

    /// A message a `$(urlfetch)` service sent later through its response URL
    /// ([`crate::respond`]): said like any reply, within the flood cap.
    pub fn on_response(&mut self, text: String) -> Vec<Action> {
        let mut out = Vec::new();
        let now = (self.clock)();
        self.say(&mut out, text, now);
        out
    }

    /// Handle one chat line.
    pub async fn on_line(&mut self, l: Line) -> Vec<Action> {
        let mut out = Vec::new();
        if l.login.eq_ignore_ascii_case(&self.s.bot_login) {
            return out;
        }
        self.remember(&l).await;
        let now = (self.clock)();
        let level = self.level_of(&l);
        self.timers.saw_line(now);
        let chat = Chat { login: &l.login, level, text: &l.text, emotes: l.emotes, now_ms: now };
        if let Some(v) = self.s.filters.check(&mut self.filter_state, &chat) {
            tracing::info!(filter = v.filter, user = %l.login, timeout = v.timeout, "filtered a message");
            if let Some(id) = &l.id {
                out.push(Action::Delete(id.clone()));
            }
            out.push(Action::Timeout {
                login: l.login.clone(),
                seconds: v.timeout,
                reason: format!("{} filter", v.filter),
            });
            if let Some(say) = v.say {
                self.say(&mut out, say, now);
            }
            return out;
        }
        let text = l.text.trim();
        if let Some(kw) = self.giveaway.keyword.clone() {
            if self.giveaway.is_open() && text.eq_ignore_ascii_case(&kw) {
                let _ = self.giveaway.enter(&l.login);
                return out;
            }
        }
        if !text.starts_with('!') {
            return out;
        }
        let reply = match builtins::builtin(self, &l, level, text, now).await {
            Ok(Some(r)) => Some(r),
            Ok(None) => self.custom(&l, level, text, now).await,
            Err(e) => {
                tracing::error!(error = %e, "database error while answering a command");
                Some(format!("@{} -> something went wrong on the bot's side; try again.", l.display))
            }
        };
        if let Some(r) = reply {
            self.say(&mut out, r, now);
        }
        out
    }

    /// A custom command, if `text` names one the caller may run.
    async fn custom(&mut self, l: &Line, level: UserLevel, text: &str, now: i64) -> Option<String> {
        let mut words = text.split_whitespace();
        let name = words.next()?.to_lowercase();
        let inv = Invocation {
            user: if l.display.is_empty() { l.login.clone() } else { l.display.clone() },
            login: l.login.clone(),
            level,
            channel: self.s.channel.clone(),
            args: words.map(str::to_string).collect(),
            count: 0,
            now_ms: now,
        };
        let services = self.services.clone();
        let reply = self.registry.run(&name, inv, &services).await?;
        // Persist the use count of the command that answered (the alias target).
        let mut target = self.registry.get(&name).cloned();
        for _ in 0..crate::commands::MAX_ALIAS_DEPTH {
            match target.as_ref().and_then(|c| c.alias.clone()) {
                Some(next) => target = self.registry.get(&next).cloned(),
                None => break,
            }
        }
        if let Some(c) = target {
            if let Err(e) = self.store.save_command(&self.s.channel, &c).await {
                tracing::warn!(error = %e, "could not save a command's count");
            }
        }
        Some(reply)
    }

    /// A USERNOTICE (`sub`, `resub`, `donation`, `raid`...) from `login`.
    pub async fn on_notice(&mut self, msg_id: &str, login: &str, params: &HashMap<String, String>) -> Vec<Action> {
        let p = &self.s.points;
        if !p.enabled || login.is_empty() {
            return Vec::new();
        }
        let bonus = match msg_id {
            "sub" | "resub" | "subgift" => p.sub_bonus,
            "donation" => p.donation_bonus(params.get("msg-param-amount").and_then(|a| a.parse().ok()).unwrap_or(0)),
            _ => 0,
        };
        self.bonus(login, bonus).await;
        Vec::new()
    }

    /// Store a chatter's id the first time it is seen (bounded memory).
    async fn remember(&mut self, l: &Line) {
        if l.user_id.is_empty() || self.known.get(&l.login) == Some(&l.user_id) {
            return;
        }
        if let Err(e) = self.store.remember_user(&l.login, &l.user_id).await {
            return tracing::warn!(error = %e, "could not store a chatter's id");
        }
        if self.known.len() >= MAX_KNOWN {
            self.known.clear();
        }
        self.known.insert(l.login.clone(), l.user_id.clone());
    }

    /// A member of the community erased their account (`channel.user.erase`):
    /// forget everything the bot keeps about them.
    pub async fn on_erase(&mut self, user_id: &str) {
        match self.store.forget_user(user_id).await {
            Ok(logins) => {
                for login in &logins {
                    self.regulars.remove(login);
                    self.known.remove(login);
                }
                tracing::info!(forgotten = logins.len(), "an erased account's data was deleted");
            }
            Err(e) => tracing::error!(error = %e, "could not forget an erased account"),
        }
    }

    /// A new follower.
    pub async fn on_follow(&mut self, login: &str) {
        let b = self.s.points.follow_bonus;
        if self.s.points.enabled {
            self.bonus(login, b).await;
        }
    }

    async fn bonus(&mut self, login: &str, points: i64) {
        if points <= 0 {
            return;
        }
        if let Err(e) = self.store.award(&self.s.channel, &[login.to_lowercase()], points, 0).await {
            tracing::warn!(error = %e, "could not award a bonus");
        }
    }

    /// Award watch-time points to everyone in `chatters` for `minutes`.
    pub async fn on_watch(&mut self, chatters: &[String], minutes: i64) {
        if !self.s.points.enabled || minutes <= 0 {
            return;
        }
        let who: Vec<String> =
            chatters.iter().filter(|c| !c.eq_ignore_ascii_case(&self.s.bot_login)).cloned().collect();
        let pts = self.s.points.per_minute.saturating_mul(minutes);
        if let Err(e) = self.store.award(&self.s.channel, &who, pts, minutes).await {
            tracing::warn!(error = %e, "could not award watch-time points");
        }
    }

    /// Clock tick: due timers.
    pub async fn on_tick(&mut self) -> Vec<Action> {
        let now = (self.clock)();
        let mut out = Vec::new();
        for msg in self.timers.due(now) {
            let inv = Invocation {
                user: self.s.bot_login.clone(),
                login: self.s.bot_login.clone(),
                level: UserLevel::Moderator,
                channel: self.s.channel.clone(),
                args: Vec::new(),
                count: 0,
                now_ms: now,
            };
            let text = expand(&msg, &inv, &self.services).await;
            self.say(&mut out, text, now);
        }
        out
    }

    /// The commands, for `commands list`.
    pub fn commands(&self) -> Vec<Command> {
        self.registry.all().into_iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    //! Whole conversations; the helpers also serve the built-ins' own tests.

    use std::sync::atomic::{AtomicI64, Ordering};

    use super::*;

    pub(super) async fn bot() -> (Bot, Arc<AtomicI64>) {
        let t = Arc::new(AtomicI64::new(1_800_000_000_000));
        let clock: Clock = {
            let t = t.clone();
            Arc::new(move || t.load(Ordering::SeqCst))
        };
        let s = Settings {
            channel: "alice".into(),
            bot_login: "bot".into(),
            points: PointsSettings::default(),
            songs: SongSettings { max_per_user: 2, max_queue: 3, ..SongSettings::default() },
            filters: Filters::default(),
            timers: vec![crate::timers::Timer::new("hi", "Follow $(channel)!", 300, 2).unwrap()],
            replies_per_30s: 20,
            replies: crate::lang::Replies::english(),
        };
        (Bot::load(s, Store::memory().await.unwrap(), Live::new(None, false), clock).await.unwrap(), t)
    }

    pub(super) fn line(login: &str, badges: &str, text: &str) -> Line {
        Line {
            id: Some(format!("id-{text}")),
            login: login.into(),
            display: login.into(),
            user_id: format!("id-of-{login}"),
            badges: badges.into(),
            text: text.into(),
            emotes: 0,
        }
    }

    /// A line from a moderator, `mod`.
    pub(super) fn by_mod(text: &str) -> Line {
        line("mod", "moderator/1", text)
    }

    pub(super) fn said(a: &[Action]) -> Vec<String> {
        a.iter().filter_map(|a| if let Action::Say(s) = a { Some(s.clone()) } else { None }).collect()
    }

    #[tokio::test]
    async fn commands_from_chat_persist_and_answer() {
        let (mut b, _) = bot().await;
        let r = b
            .on_line(line("mod", "moderator/1", "!addcom !hello -cd=5 Hi $(touser), welcome to $(channel)! #$(count)"))
            .await;
        assert!(said(&r)[0].contains("added successfully"), "{r:?}");
        assert_eq!(
            said(&b.on_line(line("viewer", "", "!addcom !x y")).await),
            Vec::<String>::new(),
            "viewers get silence"
        );
        assert_eq!(said(&b.on_line(line("viewer", "", "!hello @Bob")).await), ["Hi Bob, welcome to alice! #1"]);
        assert!(said(&b.on_line(line("viewer2", "", "!hello")).await).is_empty(), "cooling down");
        assert_eq!(
            said(&b.on_line(line("mod", "moderator/1", "!hello")).await),
            ["Hi mod, welcome to alice! #2"],
            "mods skip cooldowns"
        );
        let stored = b.store.commands("alice").await.unwrap();
        assert_eq!((stored[0].name.as_str(), stored[0].count), ("!hello", 2), "counts persist");
        // An alias loop is refused with a message to the moderator.
        b.on_line(line("mod", "moderator/1", "!addcom !a -a=!b x")).await;
        let r = said(&b.on_line(line("mod", "moderator/1", "!addcom !b -a=!a x")).await);
        assert!(r[0].contains("loop"), "{r:?}");
        // The bot ignores itself.
        assert!(b.on_line(line("bot", "moderator/1", "!hello")).await.is_empty());
    }

    #[tokio::test]
    async fn filters_delete_and_time_out_but_spare_mods_and_permits() {
        let (mut b, _) = bot().await;
        let r = b.on_line(line("spammer", "", "buy at https://spam.example.com now")).await;
        assert_eq!(r[0], Action::Delete("id-buy at https://spam.example.com now".into()));
        assert!(matches!(&r[1], Action::Timeout { login, seconds: 1, .. } if login == "spammer"));
        let again = b.on_line(line("spammer", "", "again spam.example.com")).await;
        assert!(matches!(&again[1], Action::Timeout { seconds: 600, .. }), "repeat offences escalate: {again:?}");
        assert!(b.on_line(line("mod", "moderator/1", "see https://x.example.com")).await.is_empty());
        b.on_line(line("mod", "moderator/1", "!permit @Viewer")).await;
        assert!(b.on_line(line("viewer", "", "my clip https://x.example.com")).await.is_empty(), "permitted");
    }

    #[tokio::test]
    async fn points_giveaways_quotes_and_songs() {
        let (mut b, t) = bot().await;
        b.on_watch(&["viewer".into(), "bot".into(), "fan".into()], 10).await;
        let mut params = HashMap::new();
        params.insert("msg-param-amount".to_string(), "500".to_string());
        b.on_notice("donation", "fan", &params).await;
        b.on_notice("sub", "fan", &HashMap::new()).await;
        b.on_follow("viewer").await;
        assert_eq!(
            said(&b.on_line(line("viewer", "", "!points")).await),
            ["viewer has 60 points and has watched for 10 minutes."]
        );
        assert_eq!(b.store.points("alice", "fan").await.unwrap().0, 10 + 50 + 500);
        assert_eq!(b.store.points("alice", "bot").await.unwrap().0, 0, "the bot earns nothing");
        assert!(said(&b.on_line(line("viewer", "", "!give fan 61")).await)[0].contains("don't have"));
        assert!(said(&b.on_line(line("viewer", "", "!give fan -5")).await)[0].contains("usage"));
        b.on_line(line("viewer", "", "!give fan 60")).await;
        assert_eq!(said(&b.on_line(line("x", "", "!leaderboard")).await), ["Top points: 1. fan (620)"]);

        b.on_line(line("mod", "moderator/1", "!giveaway start pizza")).await;
        b.on_line(line("viewer", "", "PIZZA")).await;
        b.on_line(line("fan", "", "!giveaway enter")).await;
        assert!(said(&b.on_line(line("viewer", "", "!giveaway draw")).await)[0].contains("usage"), "only mods draw");
        assert!(said(&b.on_line(line("mod", "moderator/1", "!giveaway draw")).await)[0].contains("(out of 2)"));

        assert!(said(&b.on_line(line("viewer", "", "!quote add nope")).await)[0].contains("only moderators"));
        assert_eq!(said(&b.on_line(line("mod", "moderator/1", "!quote add I never lose")).await), ["Quote #1 added."]);
        assert_eq!(said(&b.on_line(line("viewer", "", "!quote 1")).await), ["#1: I never lose"]);
        assert_eq!(said(&b.on_line(line("viewer", "", "!quote")).await), ["#1: I never lose"]);

        t.fetch_add(30_000, Ordering::SeqCst); // a fresh flood budget
        let sr = |t: &str| line("viewer", "", t);
        assert!(said(&b.on_line(sr("!sr https://youtu.be/dQw4w9WgXcQ")).await)[0].contains("at #1"));
        assert!(said(&b.on_line(sr("!sr youtu.be/dQw4w9WgXcQ")).await)[0].contains("already in the queue"));
        assert!(said(&b.on_line(sr("!sr lofi beats")).await)[0].contains("at #2"));
        assert!(said(&b.on_line(sr("!sr one more")).await)[0].contains("already have 2"));
        assert!(said(&b.on_line(line("mod", "moderator/1", "!sr https://evil.example.com/x")).await)[0]
            .contains("only YouTube"));
        assert!(said(&b.on_line(sr("!wrongsong")).await)[0].contains("lofi beats"));
        assert!(
            said(&b.on_line(line("mod", "moderator/1", "!skip")).await)[0].contains("Now playing: YouTube dQw4w9WgXcQ")
        );
        assert!(said(&b.on_line(sr("!song")).await)[0].contains("requested by viewer"));
    }

    #[tokio::test]
    async fn timers_need_time_and_chat_and_floods_are_capped() {
        let (mut b, t) = bot().await;
        assert!(b.on_tick().await.is_empty());
        t.fetch_add(300_000, Ordering::SeqCst);
        assert!(b.on_tick().await.is_empty(), "no chat, no timer");
        b.on_line(line("a", "", "hello")).await;
        b.on_line(line("b", "", "hi")).await;
        assert_eq!(said(&b.on_tick().await), ["Follow alice!"]);
        assert!(b.on_tick().await.is_empty(), "once per interval");
        b.on_line(line("mod", "moderator/1", "!addcom !ping -cd=5 pong")).await;
        let mut answered = 0;
        for _ in 0..50 {
            answered += said(&b.on_line(line("mod", "moderator/1", "!ping")).await).len();
        }
        assert_eq!(answered, 18, "20 replies per 30 s, two already used");
        assert_eq!(b.dropped_replies, 32);
    }
}
