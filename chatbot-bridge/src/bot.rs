//! The bot: one channel's state and what it does with each chat line, chat
//! notice, follow and clock tick. Pure of IRC: it takes [`Line`]s and returns
//! [`Action`]s, and [`crate::run`] moves them over the wire; so the whole
//! behaviour is testable without a socket, and the same bot serves AeThex
//! and Twitch chat.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use crate::commands::{Command, Registry};
use crate::filters::{Chat, Filters, State as FilterState};
use crate::loyalty::{parse_quote, Giveaway, PointsSettings, QuoteCmd};
use crate::services::Live;
use crate::songs::SongSettings;
use crate::store::{Store, StoreError};
use crate::timers::Timers;
use crate::userlevel::UserLevel;
use crate::vars::{expand, Invocation, Services};

/// The current time in Unix ms; injectable so tests can move time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// A chat line as the bot sees it.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// The message id (for deleting it).
    pub id: Option<String>,
    /// Sender's login.
    pub login: String,
    /// Sender's display name.
    pub display: String,
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
        let reply = match self.builtin(&l, level, text, now).await {
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

    /// The built-in commands; `Ok(None)` when `text` is not one.
    async fn builtin(
        &mut self,
        l: &Line,
        level: UserLevel,
        text: &str,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        let who = if l.display.is_empty() { l.login.clone() } else { l.display.clone() };
        let (cmd, rest) = text.split_once(char::is_whitespace).map(|(a, b)| (a, b.trim())).unwrap_or((text, ""));
        let cmd = cmd.to_lowercase();
        let is_mod = level >= UserLevel::Moderator;
        let ch = self.s.channel.clone();
        if let Some(parsed) = crate::manage::parse(text) {
            let result = match parsed {
                Ok(m) => {
                    let name = m.name.clone();
                    let r = self.registry.manage(m, level);
                    if r.is_ok() {
                        match self.registry.get(&name) {
                            Some(c) => self.store.save_command(&ch, c).await?,
                            None => self.store.delete_command(&ch, &name).await?,
                        }
                        self.refresh_responses();
                    }
                    r
                }
                Err(e) => Err(e),
            };
            // Nightbot answers management only to moderators; viewers get silence.
            return Ok(is_mod.then(|| match result {
                Ok(r) => format!("@{who} -> {r}"),
                Err(e) => format!("@{who} -> {e}"),
            }));
        }
        let arg_login = |s: &str| s.split_whitespace().next().map(|u| u.trim_start_matches('@').to_lowercase());
        let reply = match cmd.as_str() {
            "!permit" if is_mod => match arg_login(rest) {
                Some(u) => {
                    self.filter_state.permit(&u, now);
                    format!("@{u} -> you may post one link in the next 60 seconds.")
                }
                None => format!("@{who} -> usage: !permit <user>"),
            },
            "!regulars" | "!regular" if is_mod => {
                let mut w = rest.split_whitespace();
                match (w.next(), w.next().map(|u| u.trim_start_matches('@').to_lowercase())) {
                    (Some("add"), Some(u)) => {
                        self.store.set_regular(&ch, &u, true).await?;
                        self.regulars.insert(u.clone());
                        format!("@{who} -> {u} is now a regular.")
                    }
                    (Some("remove" | "delete"), Some(u)) => {
                        self.store.set_regular(&ch, &u, false).await?;
                        self.regulars.remove(&u);
                        format!("@{who} -> {u} is no longer a regular.")
                    }
                    _ => format!("@{who} -> usage: !regulars add|remove <user>"),
                }
            }
            "!points" if self.s.points.enabled => {
                let target = arg_login(rest).unwrap_or_else(|| l.login.clone());
                let (p, minutes) = self.store.points(&ch, &target).await?;
                let watched = if minutes > 0 { crate::vars::human_span(minutes * 60_000) } else { "0 minutes".into() };
                format!("{target} has {p} {} and has watched for {watched}.", self.s.points.name)
            }
            "!give" if self.s.points.enabled => {
                let mut w = rest.split_whitespace();
                let to = w.next().map(|u| u.trim_start_matches('@').to_lowercase());
                let amount = w.next().and_then(|a| a.parse::<i64>().ok());
                match (to, amount) {
                    (Some(to), Some(n)) if n > 0 && to != l.login => {
                        if self.store.transfer(&ch, &l.login, &to, n).await? {
                            format!("@{who} gave {n} {} to {to}.", self.s.points.name)
                        } else {
                            format!("@{who} -> you don't have {n} {}.", self.s.points.name)
                        }
                    }
                    _ => format!("@{who} -> usage: !give <user> <amount> (a positive number, to someone else)"),
                }
            }
            "!leaderboard" | "!top" if self.s.points.enabled => {
                let top = self.store.leaderboard(&ch, 5).await?;
                if top.is_empty() {
                    format!("Nobody has any {} yet.", self.s.points.name)
                } else {
                    let list: Vec<String> =
                        top.iter().enumerate().map(|(i, (u, p))| format!("{}. {u} ({p})", i + 1)).collect();
                    format!("Top {}: {}", self.s.points.name, list.join(", "))
                }
            }
            "!giveaway" => {
                let mut w = rest.split_whitespace();
                match (w.next().map(str::to_lowercase).as_deref(), is_mod) {
                    (Some("start"), true) => {
                        let kw = w.next();
                        self.giveaway.start(kw);
                        match kw {
                            Some(k) => format!("A giveaway has started! Type {k} or !giveaway enter to join."),
                            None => "A giveaway has started! Type !giveaway enter to join.".into(),
                        }
                    }
                    (Some("draw"), true) => {
                        let services = self.services.clone();
                        let n = self.giveaway.entrants();
                        match self.giveaway.draw(|n| services.random(n)) {
                            Some(w) => format!("The winner is @{w} (out of {n})! Congratulations!"),
                            None => "Nobody entered the giveaway.".into(),
                        }
                    }
                    (Some("enter"), _) => match self.giveaway.enter(&l.login) {
                        Ok(true) => format!("@{who} -> you're in!"),
                        Ok(false) => format!("@{who} -> you're already in."),
                        Err(e) => format!("@{who} -> {e}."),
                    },
                    _ if is_mod => format!("@{who} -> usage: !giveaway start [keyword] | enter | draw"),
                    _ => format!("@{who} -> usage: !giveaway enter"),
                }
            }
            "!quote" | "!quotes" => match parse_quote(rest) {
                Ok(QuoteCmd::Add(t)) if is_mod => {
                    let n = self.store.add_quote(&ch, &t, &l.login, now).await?;
                    format!("Quote #{n} added.")
                }
                Ok(QuoteCmd::Delete(n)) if is_mod => {
                    if self.store.delete_quote(&ch, n).await? {
                        format!("Quote #{n} deleted.")
                    } else {
                        format!("There is no quote #{n}.")
                    }
                }
                Ok(QuoteCmd::Add(_) | QuoteCmd::Delete(_)) => format!("@{who} -> only moderators can change quotes."),
                Ok(QuoteCmd::Number(n)) => match self.store.quote(&ch, n).await? {
                    Some(t) => format!("#{n}: {t}"),
                    None => format!("There is no quote #{n}."),
                },
                Ok(QuoteCmd::Random) => {
                    let all = self.store.quote_numbers(&ch).await?;
                    if all.is_empty() {
                        "There are no quotes yet; moderators add them with !quote add <text>.".into()
                    } else {
                        let n = all[self.services.random(all.len())];
                        format!("#{n}: {}", self.store.quote(&ch, n).await?.unwrap_or_default())
                    }
                }
                Err(e) => format!("@{who} -> {e}"),
            },
            "!sr" | "!songrequest" if self.s.songs.enabled => {
                if level < self.s.songs.level {
                    format!("@{who} -> song requests are for {}s and up.", self.s.songs.level.name())
                } else {
                    match crate::songs::parse(rest) {
                        Err(e) => format!("@{who} -> {e}"),
                        Ok(req) => {
                            let (waiting, mine, dup) =
                                self.store.queue_stats(&ch, &l.login, req.url.as_deref()).await?;
                            if waiting >= self.s.songs.max_queue {
                                format!("@{who} -> the queue is full ({} songs).", self.s.songs.max_queue)
                            } else if mine >= self.s.songs.max_per_user && !is_mod {
                                format!("@{who} -> you already have {mine} songs in the queue.")
                            } else if dup {
                                format!("@{who} -> that song is already in the queue.")
                            } else {
                                self.store.enqueue(&ch, &l.login, &req.title, req.url.as_deref(), now).await?;
                                format!("@{who} -> \"{}\" was added to the queue at #{}.", req.title, waiting + 1)
                            }
                        }
                    }
                }
            }
            "!queue" | "!songs" | "!songlist" if self.s.songs.enabled => {
                let q = self.store.queue(&ch).await?;
                if q.is_empty() {
                    "The song queue is empty.".into()
                } else {
                    let list: Vec<String> = q
                        .iter()
                        .take(5)
                        .enumerate()
                        .map(|(i, s)| format!("{}. {} ({})", i + 1, s.title, s.requested_by))
                        .collect();
                    format!("{} songs: {}", q.len(), list.join(" | "))
                }
            }
            "!song" | "!currentsong" if self.s.songs.enabled => {
                match self.store.queue(&ch).await?.into_iter().find(|s| s.state == "playing") {
                    Some(s) => format!(
                        "Now playing: {} (requested by {}){}",
                        s.title,
                        s.requested_by,
                        s.url.map(|u| format!(" {u}")).unwrap_or_default()
                    ),
                    None => "Nothing is playing.".into(),
                }
            }
            "!skip" if self.s.songs.enabled && is_mod => match self.store.advance(&ch).await? {
                Some(s) => format!("Skipped. Now playing: {}", s.title),
                None => "Skipped. The queue is empty.".into(),
            },
            "!wrongsong" if self.s.songs.enabled => {
                let mine = self
                    .store
                    .queue(&ch)
                    .await?
                    .into_iter()
                    .rev()
                    .find(|s| s.state == "queued" && s.requested_by == l.login);
                match mine {
                    Some(s) => {
                        self.store.remove_song(&ch, s.id).await?;
                        format!("@{who} -> removed \"{}\" from the queue.", s.title)
                    }
                    None => format!("@{who} -> you have no songs waiting in the queue."),
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(reply))
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
    use std::sync::atomic::{AtomicI64, Ordering};

    use super::*;

    async fn bot() -> (Bot, Arc<AtomicI64>) {
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
        };
        (Bot::load(s, Store::memory().await.unwrap(), Live::new(None, false), clock).await.unwrap(), t)
    }

    fn line(login: &str, badges: &str, text: &str) -> Line {
        Line {
            id: Some(format!("id-{text}")),
            login: login.into(),
            display: login.into(),
            badges: badges.into(),
            text: text.into(),
            emotes: 0,
        }
    }

    fn said(a: &[Action]) -> Vec<String> {
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
