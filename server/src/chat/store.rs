//! Chat's storage: each room's moderation state (moderators, bans, modes,
//! blocked terms) in the tables chat owns, loaded once per room and kept in
//! the room's cache; people come from accounts, follows and subscriptions from
//! social. Every moderation operation writes here first, then updates the
//! cache and tells the room.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, RwLock};

use aethex_sdk::ChatSettings;
use sqlx::Row as _;
use tokio::sync::broadcast;

use super::policy::Moderation;
use super::{fanout, internal, refuse, Chat, ChatResult, Refusal, Room, Speaker, HISTORY, ROOM_BUFFER};
use crate::store::{int, now_ms, rfc3339, text};

/// Longest blocked term, in characters (after trimming).
pub(super) const MAX_TERM: usize = 100;

impl Chat {
    /// The room of a channel, loading its moderation state on first use;
    /// `None` when no such channel exists.
    pub async fn room(&self, login: &str) -> ChatResult<Option<Arc<Room>>> {
        if let Some(r) = self.rooms.read().unwrap_or_else(|p| p.into_inner()).get(login) {
            return Ok(Some(r.clone()));
        }
        if !aethex_sdk::is_valid_login(login) {
            return Ok(None);
        }
        let Some(channel_id) = crate::accounts::user_id_by_login(&self.db, login).await? else { return Ok(None) };
        let pool = &self.db.pool;
        let display_name = crate::accounts::names(&self.db, &[channel_id])
            .await?
            .remove(&channel_id)
            .map(|(_, d)| d)
            .unwrap_or_default();
        let mut m = Moderation::default();
        for r in sqlx::query("SELECT user_id FROM channel_moderators WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_all(pool)
            .await?
        {
            m.moderators.insert(int(&r, "user_id")?);
        }
        for r in sqlx::query("SELECT user_id, expires_at FROM chat_bans WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_all(pool)
            .await?
        {
            m.bans.insert(int(&r, "user_id")?, r.try_get::<Option<i64>, _>("expires_at")?);
        }
        if let Some(r) = sqlx::query("SELECT slow_seconds, followers_only_minutes, subscribers_only, emote_only FROM chat_settings WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_optional(pool)
            .await?
        {
            let fo = int(&r, "followers_only_minutes")?;
            m.settings = ChatSettings {
                slow_seconds: int(&r, "slow_seconds")?,
                followers_only_minutes: (fo >= 0).then_some(fo),
                subscribers_only: int(&r, "subscribers_only")? != 0,
                emote_only: int(&r, "emote_only")? != 0,
            };
        }
        if let Some(r) = sqlx::query(
            "SELECT overall_level, discrimination, hostility, sexual, profanity, report_hide_threshold
             FROM automod_settings WHERE channel_id = $1",
        )
        .bind(channel_id)
        .fetch_optional(pool)
        .await?
        {
            let s = super::automod::settings_from_row(&r)?;
            m.automod = super::automod::decision_settings(&s);
            m.report_hide_threshold = s.report_hide_threshold;
        }
        for r in sqlx::query("SELECT term FROM chat_blocked_terms WHERE channel_id = $1")
            .bind(channel_id)
            .fetch_all(pool)
            .await?
        {
            m.blocked_terms.push(text(&r, "term")?.to_lowercase());
        }
        let room = Arc::new(Room {
            login: login.to_string(),
            channel_id,
            tx: broadcast::channel(ROOM_BUFFER).0,
            history: Mutex::new(VecDeque::with_capacity(HISTORY)),
            moderation: RwLock::new(m),
            members: Mutex::new(HashMap::new()),
            recent: Mutex::new(HashMap::new()),
            fanout: self.fanout.get().cloned(),
            display_name,
            bus: self.bus.clone(),
            mod_tx: broadcast::channel(super::automod::MOD_BUFFER).0,
            db: self.db.clone(),
            hold_ms: self.hold_ms.load(std::sync::atomic::Ordering::Relaxed),
            holding: 0.into(),
        });
        let mut rooms = self.rooms.write().unwrap_or_else(|p| p.into_inner());
        Ok(Some(rooms.entry(login.to_string()).or_insert(room).clone()))
    }

    /// Resolve a speaker's standing in a room (subscription, follow age).
    pub async fn speaker(&self, user_id: i64, room: &Room) -> ChatResult<Option<Speaker>> {
        let Some((login, display_name)) = crate::accounts::names(&self.db, &[user_id]).await?.remove(&user_id) else {
            return Ok(None);
        };
        let (sub, followed_at) = crate::social::standing(&self.db, user_id, room.channel_id).await?;
        Ok(Some(Speaker { user_id, login, display_name, sub_months: sub, followed_at }))
    }

    /// Ban (duration `None`) or time out a user, by a moderator.
    pub async fn ban(
        &self,
        room: &Room,
        moderator: i64,
        target_login: &str,
        duration: Option<i64>,
        reason: &str,
    ) -> Result<(), Refusal> {
        let target = self.target(room, moderator, target_login).await?;
        if let Some(d) = duration {
            if !(1..=1_209_600).contains(&d) {
                return Err(refuse("bad_timeout_duration", "Timeouts last 1 second to 2 weeks."));
            }
        }
        let until = duration.map(|d| now_ms() + d * 1000);
        let event = self.ban_event(room, moderator, target, reason, until).await.map_err(internal)?;
        // The ban row and the outbox rows of `channel.ban` commit together.
        let mut change = self.bus.change(&self.db).await.map_err(internal)?;
        sqlx::query(
            "INSERT INTO chat_bans (channel_id, user_id, expires_at, reason, moderator_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (channel_id, user_id) DO UPDATE SET expires_at = excluded.expires_at, reason = excluded.reason,
             moderator_id = excluded.moderator_id, created_at = excluded.created_at",
        )
        .bind(room.channel_id)
        .bind(target)
        .bind(until)
        .bind(reason.chars().take(500).collect::<String>())
        .bind(moderator)
        .bind(now_ms())
        .execute(change.conn())
        .await
        .map_err(internal)?;
        change.emit(crate::events::Event::ChannelBan(event));
        change.commit().await.map_err(internal)?;
        room.apply_ban(target, target_login, until);
        Ok(())
    }

    /// Lift a ban or timeout.
    pub async fn unban(&self, room: &Room, moderator: i64, target_login: &str) -> Result<(), Refusal> {
        let target = self.target(room, moderator, target_login).await?;
        sqlx::query("DELETE FROM chat_bans WHERE channel_id = $1 AND user_id = $2")
            .bind(room.channel_id)
            .bind(target)
            .execute(&self.db.pool)
            .await
            .map_err(internal)?;
        room.apply_unban(target);
        Ok(())
    }

    async fn ban_event(
        &self,
        room: &Room,
        moderator: i64,
        target: i64,
        reason: &str,
        until: Option<i64>,
    ) -> ChatResult<aethex_sdk::ChannelBanEvent> {
        let names = crate::accounts::names(&self.db, &[room.channel_id, moderator, target]).await?;
        let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
        let ((b_login, b_name), (m_login, m_name), (u_login, u_name)) =
            (name(room.channel_id), name(moderator), name(target));
        Ok(aethex_sdk::ChannelBanEvent {
            user_id: target.to_string(),
            user_login: u_login,
            user_name: u_name,
            broadcaster_user_id: room.channel_id.to_string(),
            broadcaster_user_login: b_login,
            broadcaster_user_name: b_name,
            moderator_user_id: moderator.to_string(),
            moderator_user_login: m_login,
            moderator_user_name: m_name,
            reason: reason.chars().take(500).collect(),
            banned_at: rfc3339(now_ms()),
            ends_at: until.map(rfc3339),
            is_permanent: until.is_none(),
        })
    }

    async fn target(&self, room: &Room, moderator: i64, login: &str) -> Result<i64, Refusal> {
        if !room.is_moderator(moderator) {
            return Err(refuse("no_permission", "You don't have permission to perform that action."));
        }
        let login = login.trim_start_matches('@').to_lowercase();
        let id = crate::accounts::user_id_by_login(&self.db, &login).await.map_err(internal)?.ok_or_else(|| {
            refuse("invalid_user", format!("Invalid username: {}", crate::http::truncate(&login, 30)))
        })?;
        if id == room.channel_id {
            return Err(refuse("bad_ban_broadcaster", "You cannot ban or time out the broadcaster."));
        }
        if room.is_moderator(id) && moderator != room.channel_id {
            return Err(refuse("bad_ban_mod", "Moderators cannot ban or time out other moderators."));
        }
        Ok(id)
    }

    /// Change a room's modes (moderators).
    pub async fn update_settings(
        &self,
        room: &Room,
        moderator: i64,
        change: &aethex_sdk::ChatSettingsUpdate,
    ) -> Result<ChatSettings, Refusal> {
        if !room.is_moderator(moderator) {
            return Err(refuse("no_permission", "You don't have permission to perform that action."));
        }
        let mut s = room.settings();
        if let Some(v) = change.slow_seconds {
            if !(0..=120).contains(&v) {
                return Err(refuse("bad_slow_duration", "Slow mode lasts 0 to 120 seconds."));
            }
            s.slow_seconds = v;
        }
        if let Some(v) = change.followers_only_minutes {
            if !(-1..=129_600).contains(&v) {
                return Err(refuse(
                    "bad_followers_duration",
                    "Followers-only lasts 0 minutes to 3 months, or -1 for off.",
                ));
            }
            s.followers_only_minutes = (v >= 0).then_some(v);
        }
        if let Some(v) = change.subscribers_only {
            s.subscribers_only = v;
        }
        if let Some(v) = change.emote_only {
            s.emote_only = v;
        }
        sqlx::query(
            "INSERT INTO chat_settings (channel_id, slow_seconds, followers_only_minutes, subscribers_only, emote_only) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (channel_id) DO UPDATE SET slow_seconds = excluded.slow_seconds, followers_only_minutes = excluded.followers_only_minutes,
             subscribers_only = excluded.subscribers_only, emote_only = excluded.emote_only",
        )
        .bind(room.channel_id)
        .bind(s.slow_seconds)
        .bind(s.followers_only_minutes.unwrap_or(-1))
        .bind(i64::from(s.subscribers_only))
        .bind(i64::from(s.emote_only))
        .execute(&self.db.pool)
        .await
        .map_err(internal)?;
        room.apply_settings(s.clone(), change);
        Ok(s)
    }

    /// The room's blocked terms (moderators).
    pub fn blocked_terms(&self, room: &Room) -> Vec<String> {
        room.moderation.read().unwrap_or_else(|p| p.into_inner()).blocked_terms.clone()
    }

    /// Add or remove a blocked term (moderators): messages containing it, in
    /// any case, are refused for regular users.
    pub async fn set_blocked_term(
        &self,
        room: &Room,
        moderator: i64,
        term: &str,
        on: bool,
    ) -> Result<Vec<String>, Refusal> {
        if !room.is_moderator(moderator) {
            return Err(refuse("no_permission", "You don't have permission to perform that action."));
        }
        // Checked before lower-casing, which can lengthen a few letters ('İ' is two characters lower case).
        let term = term.trim();
        if term.is_empty() || term.chars().count() > MAX_TERM || term.chars().any(char::is_control) {
            return Err(refuse("bad_blocked_term", "A blocked term is 1-100 characters without control characters."));
        }
        let term = term.to_lowercase();
        let stored = if on {
            sqlx::query("INSERT INTO chat_blocked_terms (channel_id, term, created_at) VALUES ($1, $2, $3) ON CONFLICT (channel_id, term) DO NOTHING")
                .bind(room.channel_id)
                .bind(&term)
                .bind(now_ms())
                .execute(&self.db.pool)
                .await
        } else {
            sqlx::query("DELETE FROM chat_blocked_terms WHERE channel_id = $1 AND term = $2")
                .bind(room.channel_id)
                .bind(&term)
                .execute(&self.db.pool)
                .await
        };
        stored.map_err(internal)?;
        let terms = {
            let mut m = room.moderation.write().unwrap_or_else(|p| p.into_inner());
            m.blocked_terms.retain(|t| *t != term);
            if on {
                if m.blocked_terms.len() >= 1000 {
                    return Err(refuse("bad_blocked_term", "A room has at most 1000 blocked terms."));
                }
                m.blocked_terms.push(term);
            }
            m.blocked_terms.clone()
        };
        room.share(fanout::Change::BlockedTerms { terms: terms.clone() });
        Ok(terms)
    }

    /// Whether `user_id` is an appointed moderator of channel `channel_id` (from
    /// the database: the room may not be loaded on this node).
    pub async fn moderates(&self, channel_id: i64, user_id: i64) -> ChatResult<bool> {
        let row: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM channel_moderators WHERE channel_id = $1 AND user_id = $2")
                .bind(channel_id)
                .bind(user_id)
                .fetch_optional(&self.db.pool)
                .await?;
        Ok(row.is_some())
    }

    /// Appoint or remove a moderator (the broadcaster's call, checked by the caller).
    pub async fn set_moderator(&self, room: &Room, user_id: i64, on: bool) -> ChatResult<()> {
        if on {
            sqlx::query("INSERT INTO channel_moderators (channel_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (channel_id, user_id) DO NOTHING")
                .bind(room.channel_id)
                .bind(user_id)
                .bind(now_ms())
                .execute(&self.db.pool)
                .await?;
        } else {
            sqlx::query("DELETE FROM channel_moderators WHERE channel_id = $1 AND user_id = $2")
                .bind(room.channel_id)
                .bind(user_id)
                .execute(&self.db.pool)
                .await?;
        }
        room.set_moderator(user_id, on);
        Ok(())
    }
}
