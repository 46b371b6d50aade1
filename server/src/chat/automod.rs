//! AutoMod in chat: a regular chatter's line that [`crate::intel::automod`]
//! catches is not broadcast but held for the room's moderators, as on Twitch.
//! The sender is told (`msg_rejected`); moderators see it (a NOTICE on IRC,
//! a frame on the JSON socket, the web app's chat, `automod.message.hold`);
//! one of them approves it (it goes out then) or denies it through "Manage
//! Held AutoMod Messages"; unresolved, it expires. Held messages are rows, so
//! any node can resolve them and a restart loses none; the decision itself
//! reads only the room's cache.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use aethex_sdk::chat_protocol::ServerFrame;
use aethex_sdk::irc::Message;
use aethex_sdk::{
    AutomodAction, AutomodMessage, AutomodMessageHoldEvent, AutomodMessageUpdateEvent, AutomodSettings, HeldMessage,
};
use sqlx::Row as _;

use super::internal;
use super::{refuse, Chat, ChatResult, Refusal, Room, RoomEvent, Speaker, SERVER_NAME};
use crate::events::Event;
use crate::intel::automod::{self, Hold};
use crate::store::{int, now_ms, rfc3339, text};

/// How long a held message waits for a moderator by default.
pub const HOLD_MS: i64 = 300_000;
/// Moderator-only events buffered per moderator connection.
pub const MOD_BUFFER: usize = 256;
/// Holds being stored at once per room; past it a caught line is refused outright.
const MAX_HOLDING: usize = 64;
/// How often expired holds are looked for.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_millis(500);
/// Resolved holds are kept this long (for the moderators' record), then deleted.
const KEEP_RESOLVED_MS: i64 = 86_400_000;

const HELD_TEXT: &str = "Your message is being checked by mods and has not been sent.";

/// A stored [`AutomodSettings`] row.
pub(super) fn settings_from_row(r: &sqlx::any::AnyRow) -> Result<AutomodSettings, sqlx::Error> {
    let level = |name: &str| -> Result<Option<u8>, sqlx::Error> {
        Ok(r.try_get::<Option<i64>, _>(name)?.map(|v| v.clamp(0, 4) as u8))
    };
    Ok(AutomodSettings {
        overall_level: int(r, "overall_level")?.clamp(0, 4) as u8,
        discrimination: level("discrimination")?,
        hostility: level("hostility")?,
        sexual: level("sexual")?,
        profanity: level("profanity")?,
        report_hide_threshold: int(r, "report_hide_threshold")?,
    })
}

/// The decision's view of the settings (categories in [`CATEGORIES`] order).
pub(super) fn decision_settings(s: &AutomodSettings) -> automod::Settings {
    automod::Settings {
        level: s.overall_level.min(4),
        categories: [s.discrimination, s.hostility, s.sexual, s.profanity],
    }
}

/// Why a held message could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// No such held message.
    #[error("no held message has that id")]
    NotFound,
    /// Already approved, denied or expired.
    #[error("that message was already approved, denied, or has expired")]
    Resolved,
    /// The caller does not moderate its room.
    #[error("you do not moderate the channel of that message")]
    NotModerator,
    /// Storage failed.
    #[error("storage: {0}")]
    Storage(#[from] sqlx::Error),
}

impl Room {
    /// Hold a caught line: stored and shown to moderators in the background
    /// (the send path does no I/O); the sender's answer is returned now.
    pub(super) fn hold(self: &Arc<Self>, s: &Speaker, text: &str, action: bool, hold: Hold) -> Refusal {
        if self.holding.fetch_add(1, Ordering::Relaxed) >= MAX_HOLDING {
            self.holding.fetch_sub(1, Ordering::Relaxed);
            return refuse(
                "msg_rejected_mandatory",
                "Your message wasn't posted due to conflicts with the channel's moderation settings.",
            );
        }
        let (room, s, text) = (self.clone(), s.clone(), text.to_string());
        tokio::spawn(async move {
            if let Err(e) = room.store_hold(&s, &text, action, hold).await {
                tracing::error!(error = %e, channel = %room.login, "storing a held message failed");
            }
            room.holding.fetch_sub(1, Ordering::Relaxed);
        });
        refuse("msg_rejected", HELD_TEXT)
    }

    async fn store_hold(&self, s: &Speaker, text: &str, action: bool, hold: Hold) -> Result<(), sqlx::Error> {
        let now = now_ms();
        let held = HeldMessage {
            message_id: crate::crypto::uuid(),
            broadcaster_user_id: self.channel_id.to_string(),
            broadcaster_user_login: self.login.clone(),
            user_id: s.user_id.to_string(),
            user_login: s.login.clone(),
            user_name: s.display_name.clone(),
            text: text.to_string(),
            category: hold.category.name().to_string(),
            level: hold.level,
            held_at: rfc3339(now),
            expires_at: rfc3339(now + self.hold_ms),
        };
        let mut change = self.bus.change(&self.db).await?;
        sqlx::query(
            "INSERT INTO automod_held (id, channel_id, user_id, text, is_action, category, level, held_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&held.message_id)
        .bind(self.channel_id)
        .bind(s.user_id)
        .bind(text)
        .bind(i64::from(action))
        .bind(&held.category)
        .bind(i64::from(hold.level))
        .bind(now)
        .bind(now + self.hold_ms)
        .execute(change.conn())
        .await?;
        change.emit(Event::AutomodMessageHold(AutomodMessageHoldEvent {
            broadcaster_user_id: held.broadcaster_user_id.clone(),
            broadcaster_user_login: self.login.clone(),
            broadcaster_user_name: self.display_name.clone(),
            user_id: held.user_id.clone(),
            user_login: held.user_login.clone(),
            user_name: held.user_name.clone(),
            message_id: held.message_id.clone(),
            message: AutomodMessage::plain(text),
            category: held.category.clone(),
            level: hold.level,
            held_at: held.held_at.clone(),
        }));
        change.commit().await?;
        tracing::info!(channel = %self.login, user_id = s.user_id, category = %held.category, level = hold.level, "automod held a message");
        let irc = Message::new(
            "NOTICE",
            &[
                &format!("#{}", self.login),
                &format!(
                    "AutoMod held a message from {} ({}, level {}): {}",
                    s.display_name, held.category, hold.level, text
                ),
            ],
        )
        .with_prefix(SERVER_NAME)
        .with_tag("msg-id", "automod_message_held")
        .with_tag("automod-category", held.category.clone())
        .with_tag("automod-level", hold.level.to_string())
        .with_tag("login", s.login.clone())
        .with_tag("room-id", self.channel_id.to_string())
        .with_tag("target-msg-id", held.message_id.clone())
        .with_tag("target-user-id", s.user_id.to_string())
        .with_tag("tmi-sent-ts", now.to_string());
        let frame = ServerFrame::AutomodHold { channel: self.login.clone(), held };
        self.publish_mods(RoomEvent::new(irc, frame, false, None));
        Ok(())
    }

    /// Tell the moderators what became of a held message.
    fn publish_resolution(&self, id: &str, user_name: &str, status: &str, by: Option<&str>) {
        let what = match by {
            Some(m) => format!("{user_name}'s held message was {} by {m}.", status.to_lowercase()),
            None => format!("{user_name}'s held message expired."),
        };
        let irc = Message::new("NOTICE", &[&format!("#{}", self.login), &what])
            .with_prefix(SERVER_NAME)
            .with_tag("msg-id", format!("automod_message_{}", status.to_lowercase()))
            .with_tag("room-id", self.channel_id.to_string())
            .with_tag("target-msg-id", id)
            .with_tag("tmi-sent-ts", now_ms().to_string());
        let frame = ServerFrame::AutomodUpdate {
            channel: self.login.clone(),
            message_id: id.to_string(),
            status: status.to_string(),
        };
        self.publish_mods(RoomEvent::new(irc, frame, false, None));
    }

    fn set_automod_local(&self, s: &AutomodSettings) {
        let mut m = self.moderation.write().unwrap_or_else(|p| p.into_inner());
        m.automod = decision_settings(s);
        m.report_hide_threshold = s.report_hide_threshold;
    }

    /// Another node changed the room's AutoMod settings.
    pub(super) fn apply_automod(&self, s: &AutomodSettings) {
        self.set_automod_local(s);
    }

    /// Reports that hide a message in this room (0: never).
    pub(super) fn report_hide_threshold(&self) -> i64 {
        self.moderation.read().unwrap_or_else(|p| p.into_inner()).report_hide_threshold
    }
}

/// A pending row as a [`HeldMessage`] (names looked up by the caller).
fn held_from_row(r: &sqlx::any::AnyRow, room: &Room, names: &(String, String)) -> Result<HeldMessage, sqlx::Error> {
    Ok(HeldMessage {
        message_id: text(r, "id")?,
        broadcaster_user_id: room.channel_id.to_string(),
        broadcaster_user_login: room.login.clone(),
        user_id: int(r, "user_id")?.to_string(),
        user_login: names.0.clone(),
        user_name: names.1.clone(),
        text: text(r, "text")?,
        category: text(r, "category")?,
        level: int(r, "level")?.clamp(1, 4) as u8,
        held_at: rfc3339(int(r, "held_at")?),
        expires_at: rfc3339(int(r, "expires_at")?),
    })
}

impl Chat {
    /// A room's AutoMod and report settings.
    pub async fn automod_settings(&self, room: &Room) -> ChatResult<AutomodSettings> {
        let row = sqlx::query(
            "SELECT overall_level, discrimination, hostility, sexual, profanity, report_hide_threshold
             FROM automod_settings WHERE channel_id = $1",
        )
        .bind(room.channel_id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.map(|r| settings_from_row(&r)).transpose().map(Option::unwrap_or_default)
    }

    /// Store a room's AutoMod and report settings; every node's room follows.
    pub async fn set_automod_settings(&self, room: &Room, s: &AutomodSettings) -> Result<AutomodSettings, Refusal> {
        let levels = [Some(s.overall_level), s.discrimination, s.hostility, s.sexual, s.profanity];
        if levels.iter().flatten().any(|l| *l > 4) {
            return Err(refuse("bad_automod_level", "AutoMod levels go from 0 (off) to 4."));
        }
        if !(0..=100).contains(&s.report_hide_threshold) {
            return Err(refuse("bad_report_threshold", "report_hide_threshold goes from 0 (never) to 100."));
        }
        let opt = |v: Option<u8>| v.map(i64::from);
        sqlx::query(
            "INSERT INTO automod_settings
                 (channel_id, overall_level, discrimination, hostility, sexual, profanity, report_hide_threshold, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (channel_id) DO UPDATE SET overall_level = excluded.overall_level,
                 discrimination = excluded.discrimination, hostility = excluded.hostility, sexual = excluded.sexual,
                 profanity = excluded.profanity, report_hide_threshold = excluded.report_hide_threshold,
                 updated_at = excluded.updated_at",
        )
        .bind(room.channel_id)
        .bind(i64::from(s.overall_level))
        .bind(opt(s.discrimination))
        .bind(opt(s.hostility))
        .bind(opt(s.sexual))
        .bind(opt(s.profanity))
        .bind(s.report_hide_threshold)
        .bind(now_ms())
        .execute(&self.db.pool)
        .await
        .map_err(internal)?;
        room.set_automod_local(s);
        room.share(super::fanout::Change::Automod { settings: *s });
        Ok(*s)
    }

    /// A room's messages waiting for a moderator, oldest first (at most 100).
    pub async fn held_messages(&self, room: &Room) -> ChatResult<Vec<HeldMessage>> {
        let rows = sqlx::query(
            "SELECT id, user_id, text, category, level, held_at, expires_at FROM automod_held
             WHERE channel_id = $1 AND status = 'pending' AND expires_at > $2 ORDER BY held_at LIMIT 100",
        )
        .bind(room.channel_id)
        .bind(now_ms())
        .fetch_all(&self.db.pool)
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| int(r, "user_id")).collect::<Result<_, _>>()?;
        let names = crate::accounts::names(&self.db, &ids).await?;
        let unknown = (String::new(), String::new());
        rows.iter().map(|r| held_from_row(r, room, names.get(&int(r, "user_id")?).unwrap_or(&unknown))).collect()
    }

    /// A moderator approves (it goes to the room now) or denies a held message.
    pub async fn resolve_held(&self, moderator: i64, id: &str, action: AutomodAction) -> Result<(), ResolveError> {
        let Some(r) = sqlx::query("SELECT channel_id, user_id, text, is_action FROM automod_held WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
        else {
            return Err(ResolveError::NotFound);
        };
        let (channel_id, user_id) = (int(&r, "channel_id")?, int(&r, "user_id")?);
        let login = crate::accounts::login_of(&self.db, channel_id).await?.ok_or(ResolveError::NotFound)?;
        let room = self.room(&login).await?.ok_or(ResolveError::NotFound)?;
        if !room.is_moderator(moderator) {
            return Err(ResolveError::NotModerator);
        }
        let status = match action {
            AutomodAction::Allow => "Approved",
            AutomodAction::Deny => "Denied",
        };
        if !self.finish(&room, id, status, Some(moderator)).await? {
            return Err(ResolveError::Resolved);
        }
        if action == AutomodAction::Allow {
            if let Some(s) = self.speaker(user_id, &room).await? {
                room.deliver(&s, &text(&r, "text")?, int(&r, "is_action")? != 0, None, now_ms());
            }
        }
        Ok(())
    }

    /// Move a pending hold to `status` (once, whichever node gets there
    /// first), emit `automod.message.update`, tell the moderators. False
    /// when it was no longer pending.
    async fn finish(&self, room: &Room, id: &str, status: &str, moderator: Option<i64>) -> ChatResult<bool> {
        let now = now_ms();
        let mut change = self.bus.change(&self.db).await?;
        // A moderator is too late once it expired, even before the sweep marks it.
        let still_due = if moderator.is_some() { "AND expires_at > $4" } else { "" };
        let done = sqlx::query(&format!(
            "UPDATE automod_held SET status = $1, moderator_id = $2, resolved_at = $4
             WHERE id = $3 AND status = 'pending' {still_due}"
        ))
        .bind(status.to_lowercase())
        .bind(moderator)
        .bind(id)
        .bind(now)
        .execute(change.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        let r = sqlx::query("SELECT user_id, text, category, level, held_at FROM automod_held WHERE id = $1")
            .bind(id)
            .fetch_one(change.conn())
            .await?;
        let user_id = int(&r, "user_id")?;
        let mut ids = vec![user_id];
        ids.extend(moderator);
        let names = crate::accounts::names(&self.db, &ids).await?;
        let name = |id: Option<i64>| id.and_then(|i| names.get(&i)).cloned().unwrap_or_default();
        let (user_login, user_name) = name(Some(user_id));
        let (mod_login, mod_name) = name(moderator);
        let body = text(&r, "text")?;
        change.emit(Event::AutomodMessageUpdate(AutomodMessageUpdateEvent {
            broadcaster_user_id: room.channel_id.to_string(),
            broadcaster_user_login: room.login.clone(),
            broadcaster_user_name: room.display_name.clone(),
            user_id: user_id.to_string(),
            user_login,
            user_name: user_name.clone(),
            moderator_user_id: moderator.map(|m| m.to_string()).unwrap_or_default(),
            moderator_user_login: mod_login,
            moderator_user_name: mod_name.clone(),
            message_id: id.to_string(),
            message: AutomodMessage::plain(&body),
            category: text(&r, "category")?,
            level: int(&r, "level")?.clamp(1, 4) as u8,
            status: status.to_string(),
            held_at: rfc3339(int(&r, "held_at")?),
        }));
        change.commit().await?;
        tracing::info!(channel = %room.login, status, moderator, "automod hold resolved");
        room.publish_resolution(id, &user_name, status, moderator.map(|_| mod_name.as_str()));
        Ok(true)
    }

    /// Expire holds nobody resolved in time; forget old resolved holds and reports.
    pub fn start_automod(self: &Arc<Self>) {
        let chat = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(SWEEP_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            for n in 0u64.. {
                tick.tick().await;
                let Some(chat) = chat.upgrade() else { return };
                // Old resolved rows go once a minute; expiries are looked for every tick.
                let tidy = n % 120 == 0;
                if let Err(e) = chat.sweep(tidy).await {
                    tracing::warn!(error = %e, "automod sweep failed");
                }
            }
        });
    }

    async fn sweep(&self, tidy: bool) -> ChatResult<()> {
        let now = now_ms();
        let due = sqlx::query(
            "SELECT id, channel_id FROM automod_held WHERE status = 'pending' AND expires_at <= $1
             ORDER BY expires_at LIMIT 200",
        )
        .bind(now)
        .fetch_all(&self.db.pool)
        .await?;
        for r in due {
            let (id, channel_id) = (text(&r, "id")?, int(&r, "channel_id")?);
            let Some(login) = crate::accounts::login_of(&self.db, channel_id).await? else { continue };
            if let Some(room) = self.room(&login).await? {
                self.finish(&room, &id, "Expired", None).await?;
            }
        }
        if tidy {
            sqlx::query("DELETE FROM automod_held WHERE status <> 'pending' AND resolved_at < $1")
                .bind(now - KEEP_RESOLVED_MS)
                .execute(&self.db.pool)
                .await?;
            self.sweep_reports().await?;
        }
        Ok(())
    }
}
