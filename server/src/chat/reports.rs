//! Community reports: a viewer reports a message in a room's recent history;
//! reports queue for the room's moderators, counted per message; once as
//! many viewers as the room's threshold have reported it, the message is
//! hidden (CLEARMSG to everyone) until a moderator removes it for good or
//! dismisses the reports, which shows it again. The reported text is kept
//! from history, so moderators can judge a hidden message.

use aethex_sdk::{ChatMessage, ReportVerdict, ReportedMessage};

use super::internal;
use super::{refuse, Chat, ChatResult, Refusal, Room};
use crate::store::{int, now_ms, rfc3339, text};

/// Longest reason, in characters.
pub const MAX_REASON: usize = 200;
/// Reports one viewer may file per [`REPORT_WINDOW_MS`].
pub const REPORTS_PER_WINDOW: i64 = 30;
/// The window of [`REPORTS_PER_WINDOW`].
pub const REPORT_WINDOW_MS: i64 = 600_000;
/// Resolved reports are kept this long, then deleted.
const KEEP_RESOLVED_MS: i64 = 30 * 86_400_000;

/// What became of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// Counted (or already counted: a viewer's report counts once).
    Queued,
    /// Counted, and the message is now hidden pending review.
    Hidden,
}

impl Chat {
    /// `reporter` reports message `id` of `room` for `reason`.
    pub async fn report(&self, room: &Room, reporter: i64, id: &str, reason: &str) -> Result<Reported, Refusal> {
        let reason = reason.trim();
        if reason.chars().count() > MAX_REASON || reason.chars().any(char::is_control) {
            return Err(refuse("bad_report", format!("A reason is at most {MAX_REASON} characters, one line.")));
        }
        let now = now_ms();
        let recent: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM chat_reports WHERE reporter_id = $1 AND created_at > $2")
                .bind(reporter)
                .bind(now - REPORT_WINDOW_MS)
                .fetch_one(&self.db.pool)
                .await
                .map_err(internal)?;
        if recent >= REPORTS_PER_WINDOW {
            return Err(refuse("msg_ratelimit", "You are reporting messages too quickly."));
        }
        let shown = room.history().into_iter().find(|m| m.id == id);
        if shown.as_ref().is_some_and(|m| m.user_id == reporter.to_string()) {
            return Err(refuse("bad_report", "You cannot report your own message."));
        }
        let threshold = room.report_hide_threshold();
        let mut tx = self.db.begin_write().await.map_err(internal)?;
        if let Some(m) = &shown {
            let Ok(author) = m.user_id.parse::<i64>() else {
                return Err(refuse("bad_report", "That message's sender no longer exists."));
            };
            sqlx::query(
                "INSERT INTO chat_reported (message_id, channel_id, user_id, user_login, user_name, text, is_action, sent_at, first_reported_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING",
            )
            .bind(&m.id)
            .bind(room.channel_id)
            .bind(author)
            .bind(&m.user_login)
            .bind(&m.user_name)
            .bind(&m.text)
            .bind(i64::from(m.action))
            .bind(&m.sent_at)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        }
        let Some(row) =
            sqlx::query("SELECT user_id, status FROM chat_reported WHERE message_id = $1 AND channel_id = $2")
                .bind(id)
                .bind(room.channel_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(internal)?
        else {
            return Err(refuse("report_not_found", "That message does not exist or is too old to report."));
        };
        if int(&row, "user_id").map_err(internal)? == reporter {
            return Err(refuse("bad_report", "You cannot report your own message."));
        }
        let added = sqlx::query(
            "INSERT INTO chat_reports (message_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (message_id, reporter_id) DO NOTHING",
        )
        .bind(id)
        .bind(reporter)
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(internal)?
        .rows_affected();
        let reports: i64 = sqlx::query_scalar(
            "UPDATE chat_reported SET reports = reports + $2 WHERE message_id = $1 RETURNING reports",
        )
        .bind(id)
        .bind(added as i64)
        .fetch_one(&mut *tx)
        .await
        .map_err(internal)?;
        let hide = threshold > 0 && reports >= threshold && text(&row, "status").map_err(internal)? == "open";
        if hide {
            sqlx::query("UPDATE chat_reported SET status = 'hidden' WHERE message_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(internal)?;
        }
        tx.commit().await.map_err(internal)?;
        if !hide {
            return Ok(Reported::Queued);
        }
        tracing::info!(channel = %room.login, reports, "reports hid a message pending review");
        // Gone from history already (a moderator deleted it) is hidden all the same.
        let _ = room.delete_message(id);
        Ok(Reported::Hidden)
    }

    /// The room's reported messages (`open` and `hidden` unless `all`), most reported first.
    pub async fn reports(&self, room: &Room, all: bool) -> ChatResult<Vec<ReportedMessage>> {
        let filter = if all { "" } else { "AND status IN ('open', 'hidden')" };
        let rows = sqlx::query(&format!(
            "SELECT message_id, user_id, user_login, text, reports, status, first_reported_at FROM chat_reported
             WHERE channel_id = $1 {filter} ORDER BY reports DESC, first_reported_at LIMIT 100"
        ))
        .bind(room.channel_id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id = text(&r, "message_id")?;
            let reasons = sqlx::query_scalar(
                "SELECT reason FROM chat_reports WHERE message_id = $1 AND reason <> '' ORDER BY created_at DESC LIMIT 10",
            )
            .bind(&id)
            .fetch_all(&self.db.pool)
            .await?;
            out.push(ReportedMessage {
                message_id: id,
                user_id: int(&r, "user_id")?.to_string(),
                user_login: text(&r, "user_login")?,
                text: text(&r, "text")?,
                reports: int(&r, "reports")?,
                reasons,
                status: text(&r, "status")?,
                first_reported_at: rfc3339(int(&r, "first_reported_at")?),
            });
        }
        Ok(out)
    }

    /// A moderator's verdict on a reported message: removed for good, or the
    /// reports dismissed (a hidden message is shown again).
    pub async fn resolve_report(&self, moderator: i64, id: &str, verdict: ReportVerdict) -> Result<(), Refusal> {
        let row = sqlx::query(
            "SELECT channel_id, user_id, user_login, user_name, text, is_action, sent_at, status FROM chat_reported
             WHERE message_id = $1",
        )
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(internal)?
        .ok_or_else(|| refuse("report_not_found", "No reported message has that id."))?;
        let channel_id = int(&row, "channel_id").map_err(internal)?;
        let login = crate::accounts::login_of(&self.db, channel_id)
            .await
            .map_err(internal)?
            .ok_or_else(|| refuse("report_not_found", "No reported message has that id."))?;
        let room =
            self.room(&login).await.map_err(internal)?.ok_or_else(|| refuse("report_not_found", "No such room."))?;
        if !room.is_moderator(moderator) {
            return Err(refuse("no_permission", "You do not moderate the channel of that message."));
        }
        let before = text(&row, "status").map_err(internal)?;
        let status = match verdict {
            ReportVerdict::Remove => "removed",
            ReportVerdict::Dismiss => "dismissed",
        };
        let done = sqlx::query(
            "UPDATE chat_reported SET status = $1, moderator_id = $2, resolved_at = $3
             WHERE message_id = $4 AND status IN ('open', 'hidden')",
        )
        .bind(status)
        .bind(moderator)
        .bind(now_ms())
        .bind(id)
        .execute(&self.db.pool)
        .await
        .map_err(internal)?;
        if done.rows_affected() == 0 {
            return Err(refuse("report_resolved", "That report was already resolved."));
        }
        match verdict {
            ReportVerdict::Remove => {
                let _ = room.delete_message(id);
            }
            ReportVerdict::Dismiss if before == "hidden" => {
                let author = int(&row, "user_id").map_err(internal)?;
                if let Some(s) = self.speaker(author, &room).await.map_err(internal)? {
                    let msg = ChatMessage {
                        id: id.to_string(),
                        broadcaster_user_id: room.channel_id.to_string(),
                        broadcaster_login: room.login.clone(),
                        user_id: author.to_string(),
                        user_login: text(&row, "user_login").map_err(internal)?,
                        user_name: text(&row, "user_name").map_err(internal)?,
                        text: text(&row, "text").map_err(internal)?,
                        action: int(&row, "is_action").map_err(internal)? != 0,
                        badges: room.badges(&s),
                        sent_at: text(&row, "sent_at").map_err(internal)?,
                    };
                    room.redeliver(&s, msg, None, now_ms());
                }
            }
            ReportVerdict::Dismiss => {}
        }
        tracing::info!(channel = %room.login, moderator, status, "report resolved");
        Ok(())
    }

    /// Forget resolved reports after a while.
    pub(super) async fn sweep_reports(&self) -> ChatResult<()> {
        let before = now_ms() - KEEP_RESOLVED_MS;
        for sql in [
            "DELETE FROM chat_reports WHERE message_id IN (SELECT message_id FROM chat_reported
                 WHERE status IN ('removed', 'dismissed') AND resolved_at < $1)",
            "DELETE FROM chat_reported WHERE status IN ('removed', 'dismissed') AND resolved_at < $1",
        ] {
            sqlx::query(sql).bind(before).execute(&self.db.pool).await?;
        }
        Ok(())
    }
}
