//! Who watched what, for the recommender (`crate::recs`): each view
//! session's span and each viewer's acts per channel, read from
//! `analytics_events`. Erased viewers (`x:` pseudonyms) are left out: nothing
//! can be recommended to them, and their history should not shape anyone's.

use crate::store::{int, text, Db};

/// A view session: (viewer, channel, first row ms, last row ms).
pub type SessionSpan = (String, i64, i64, i64);
/// Acts of one kind: (viewer, channel, kind (`chat`, `follow`, `subscribe`, `donation`), count, last ms).
pub type ActCount = (String, i64, String, i64, i64);

/// Every view session and act since `since_ms` (analytics clock).
pub async fn since(db: &Db, since_ms: i64) -> Result<(Vec<SessionSpan>, Vec<ActCount>), sqlx::Error> {
    let sessions = sqlx::query(
        "SELECT viewer, channel_id, MIN(at_ms) AS first, MAX(at_ms) AS last FROM analytics_events
         WHERE kind IN ('view', 'view_end') AND at_ms >= $1 AND viewer IS NOT NULL AND session IS NOT NULL
         AND viewer NOT LIKE 'x:%' GROUP BY viewer, channel_id, session",
    )
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| Ok((text(r, "viewer")?, int(r, "channel_id")?, int(r, "first")?, int(r, "last")?)))
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let acts = sqlx::query(
        "SELECT viewer, channel_id, kind, COUNT(*) AS n, MAX(at_ms) AS last FROM analytics_events
         WHERE kind IN ('chat', 'follow', 'subscribe', 'donation') AND at_ms >= $1 AND viewer IS NOT NULL
         AND viewer NOT LIKE 'x:%' GROUP BY viewer, channel_id, kind",
    )
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| Ok((text(r, "viewer")?, int(r, "channel_id")?, text(r, "kind")?, int(r, "n")?, int(r, "last")?)))
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok((sessions, acts))
}

/// Minutes each (viewer, channel, at) watched that channel in sessions
/// starting from a minute before `at` to `window_ms` after it: what a click
/// on a recommendation led to.
pub async fn watched_after(db: &Db, clicks: &[(String, i64, i64)], window_ms: i64) -> Result<Vec<f64>, sqlx::Error> {
    let mut out = Vec::with_capacity(clicks.len());
    for (viewer, channel, at) in clicks {
        let spans: Vec<(i64, i64)> = sqlx::query(
            "SELECT MIN(at_ms) AS first, MAX(at_ms) AS last FROM analytics_events
             WHERE channel_id = $1 AND viewer = $2 AND kind IN ('view', 'view_end') AND at_ms >= $3 AND at_ms <= $4
             AND session IS NOT NULL GROUP BY session",
        )
        .bind(channel)
        .bind(viewer)
        .bind(at - 60_000)
        .bind(at + window_ms + 6 * 3_600_000)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| Ok((int(r, "first")?, int(r, "last")?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let ms: i64 = spans.iter().filter(|(first, _)| *first <= at + window_ms).map(|(f, l)| (l - f).max(0)).sum();
        out.push(ms as f64 / 60_000.0);
    }
    Ok(out)
}
