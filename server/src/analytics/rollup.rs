//! The viewers' rollup (`analytics_viewers`): one row per pseudonymous
//! viewer with the first and last day they were active and a bit per day of
//! the last 62, so the platform's active-user numbers and cohorts are one scan
//! of this table ([`super::platform`]) instead of a scan of every event.
//!
//! The writer calls [`Rollup::apply`] with each batch it stores. A viewer is
//! written once per day per node: later heartbeats the same day find the
//! viewer in a bounded memory of what was already written and cost nothing.
//! The upsert is idempotent, so nodes writing the same viewer agree.

use std::collections::{HashMap, HashSet};

use super::Row;
use crate::store::Db;

/// A UTC day number (days since 1970-01-01) of an analytics time.
pub fn day_of(at_ms: i64) -> i64 {
    at_ms.div_euclid(super::channel::DAY)
}

/// Days of history the bit mask keeps.
pub const KEPT_DAYS: i64 = 62;
/// The mask of the kept bits, `2^62 - 1`.
const KEPT_MASK: i64 = (1 << KEPT_DAYS) - 1;
/// Viewers remembered as written today; beyond this the memory starts over.
const REMEMBERED: usize = 200_000;

/// Kinds that make a viewer active that day (a raid's "viewer" is the raiding channel).
fn active(kind: &str) -> bool {
    matches!(kind, "view" | "view_end" | "chat" | "follow" | "subscribe" | "donation")
}

/// The writer's memory of viewers already rolled up today.
#[derive(Default)]
pub struct Rollup {
    day: i64,
    written: HashSet<String>,
}

impl Rollup {
    /// The (viewer, day, country) activity of `rows` not yet written: one per
    /// viewer and day, the last country seen for each.
    pub fn pending(&mut self, rows: &[Row]) -> Vec<(String, i64, Option<String>)> {
        let mut out: HashMap<(&str, i64), Option<&str>> = HashMap::new();
        for r in rows {
            let Some(viewer) = r.viewer.as_deref().filter(|_| active(&r.kind)) else { continue };
            let day = day_of(r.at_ms);
            if day == self.day && self.written.contains(viewer) {
                continue;
            }
            let country = out.entry((viewer, day)).or_default();
            if r.country.is_some() {
                *country = r.country.as_deref();
            }
        }
        out.into_iter().map(|((v, d), c)| (v.to_string(), d, c.map(str::to_string))).collect()
    }

    /// Note that `pending` was stored.
    pub fn written(&mut self, pending: &[(String, i64, Option<String>)]) {
        for (viewer, day, _) in pending {
            if *day > self.day || self.written.len() >= REMEMBERED {
                self.day = (*day).max(self.day);
                self.written.clear();
            }
            if *day == self.day {
                self.written.insert(viewer.clone());
            }
        }
    }
}

/// Store `pending` in `analytics_viewers` on `conn` (the writer's transaction): each statement names a
/// viewer at most once (PostgreSQL refuses an upsert that touches a row twice).
pub async fn store(
    conn: &mut sqlx::AnyConnection,
    db: &Db,
    pending: &[(String, i64, Option<String>)],
) -> Result<(), sqlx::Error> {
    // Rounds of distinct viewers: a viewer with two days in one batch (midnight) goes twice.
    let mut rounds: Vec<Vec<&(String, i64, Option<String>)>> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for p in pending {
        let round = seen.entry(p.0.as_str()).and_modify(|n| *n += 1).or_insert(0);
        if rounds.len() <= *round {
            rounds.push(Vec::new());
        }
        rounds[*round].push(p);
    }
    for round in rounds {
        for chunk in round.chunks(db.rows_per_statement(3)) {
            let mut sql =
                String::from("INSERT INTO analytics_viewers (viewer, first_day, last_day, days, country) VALUES ");
            for i in 0..chunk.len() {
                let b = i * 3;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("(${}, ${}, ${}, 1, ${})", b + 1, b + 2, b + 2, b + 3));
            }
            // Every SET expression reads the row as it was before the update.
            sql.push_str(&format!(
                " ON CONFLICT (viewer) DO UPDATE SET
                 days = CASE
                   WHEN excluded.last_day >= analytics_viewers.last_day + {KEPT_DAYS} THEN 1
                   WHEN excluded.last_day > analytics_viewers.last_day
                     THEN ((analytics_viewers.days << CAST(excluded.last_day - analytics_viewers.last_day AS INTEGER)) | 1) & {KEPT_MASK}
                   WHEN excluded.last_day > analytics_viewers.last_day - {KEPT_DAYS}
                     THEN analytics_viewers.days | (CAST(1 AS BIGINT) << CAST(analytics_viewers.last_day - excluded.last_day AS INTEGER))
                   ELSE analytics_viewers.days END,
                 first_day = CASE WHEN excluded.first_day < analytics_viewers.first_day
                   THEN excluded.first_day ELSE analytics_viewers.first_day END,
                 last_day = CASE WHEN excluded.last_day > analytics_viewers.last_day
                   THEN excluded.last_day ELSE analytics_viewers.last_day END,
                 country = COALESCE(excluded.country, analytics_viewers.country)"
            ));
            let mut q = sqlx::query(&sql);
            for (viewer, day, country) in chunk {
                q = q.bind(viewer.as_str()).bind(*day).bind(country.as_deref());
            }
            q.execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// Store a whole history at once (benchmarks load a million viewers this way).
pub async fn load(db: &Db, viewers: &[(String, i64, i64, i64, Option<String>)]) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for chunk in viewers.chunks(db.rows_per_statement(5)) {
        let mut sql =
            String::from("INSERT INTO analytics_viewers (viewer, first_day, last_day, days, country) VALUES ");
        for i in 0..chunk.len() {
            let b = i * 5;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("(${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5));
        }
        let mut q = sqlx::query(&sql);
        for (viewer, first, last, days, country) in chunk {
            q = q.bind(viewer.as_str()).bind(*first).bind(*last).bind(*days & KEPT_MASK).bind(country.as_deref());
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(day: i64, kind: &'static str, viewer: &str, country: Option<&str>) -> Row {
        Row {
            viewer: Some(viewer.into()),
            country: country.map(Into::into),
            ..Row::new(day * super::super::channel::DAY + 1000, kind, 1, Some(1))
        }
    }

    #[test]
    fn one_write_per_viewer_and_day() {
        let mut r = Rollup::default();
        let batch = [row(10, "view", "a:1", None), row(10, "view", "a:1", Some("DE")), row(10, "raid", "u:9", None)];
        let p = r.pending(&batch);
        assert_eq!(p, [("a:1".to_string(), 10, Some("DE".to_string()))], "raids are not activity");
        r.written(&p);
        assert!(r.pending(&[row(10, "chat", "a:1", None)]).is_empty(), "already written today");
        let next = r.pending(&[row(11, "view", "a:1", None)]);
        assert_eq!(next, [("a:1".to_string(), 11, None)]);
        r.written(&next);
        assert!(r.pending(&[row(11, "view", "a:1", None)]).is_empty());
    }
}
