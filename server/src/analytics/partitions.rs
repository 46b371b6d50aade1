//! PostgreSQL keeps `analytics_events` in monthly partitions by `at_ms`
//! (migration 18): a month's partition is made for every month that has rows,
//! and for this month and the next ahead of time, moving that month's rows
//! out of the default partition (which catches anything without one); the
//! retention sweep drops months that are wholly past instead of deleting their
//! rows one by one. SQLite has one table and nothing here runs.

use aethex_sdk::time::{civil_from_days, days_from_civil};

use crate::store::{Db, Dialect};

/// The UTC month containing `ms`: its first ms and the next month's, and its
/// partition's name (`analytics_events_YYYYMM`).
pub fn month_of(ms: i64) -> (i64, i64, String) {
    let (y, m, _) = civil_from_days(ms.div_euclid(86_400_000));
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (
        days_from_civil(y, m, 1) * 86_400_000,
        days_from_civil(ny, nm, 1) * 86_400_000,
        format!("analytics_events_{y:04}{m:02}"),
    )
}

/// Make the partitions of every month with rows in the default partition,
/// and of `now_ms`'s month and the next; returns how many were made.
pub async fn ensure(db: &Db, now_ms: i64) -> Result<usize, sqlx::Error> {
    if db.dialect != Dialect::Postgres {
        return Ok(0);
    }
    let oldest: Option<i64> =
        sqlx::query_scalar("SELECT MIN(at_ms) FROM analytics_events_default").fetch_one(&db.pool).await?;
    let mut months = Vec::new();
    let mut at = oldest.unwrap_or(now_ms).min(now_ms);
    let (_, last, _) = month_of(month_of(now_ms).1);
    while at < last {
        let m = month_of(at);
        at = m.1;
        months.push(m);
    }
    // One transaction, under a lock every node takes: two nodes never make
    // the same month, and no row of a month slips into the default between
    // its move and its attach.
    let mut tx = db.pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock(8246001)").execute(&mut *tx).await?;
    let mut made = 0;
    for (from, to, name) in months {
        let exists: Option<String> =
            sqlx::query_scalar("SELECT to_regclass($1)::text").bind(&name).fetch_one(&mut *tx).await?;
        if exists.is_some() {
            continue;
        }
        if made == 0 {
            // Writers wait here, not in the middle: an insert routed to the
            // default before the attach would fail its constraint after it.
            sqlx::query("LOCK TABLE analytics_events IN SHARE ROW EXCLUSIVE MODE").execute(&mut *tx).await?;
        }
        for sql in [
            format!("CREATE TABLE {name} (LIKE analytics_events INCLUDING DEFAULTS)"),
            format!(
                "WITH moved AS (DELETE FROM analytics_events_default WHERE at_ms >= {from} AND at_ms < {to} RETURNING *)
                 INSERT INTO {name} SELECT * FROM moved"
            ),
            format!("ALTER TABLE analytics_events ATTACH PARTITION {name} FOR VALUES FROM ({from}) TO ({to})"),
        ] {
            sqlx::query(&sql).execute(&mut *tx).await?;
        }
        tracing::info!(partition = %name, "analytics partition made");
        made += 1;
    }
    tx.commit().await?;
    Ok(made)
}

/// Drop the monthly partitions that end at or before `before` (ms); returns
/// how many. The rows of a month that is only partly past are the sweep's.
pub async fn drop_before(db: &Db, before: i64) -> Result<usize, sqlx::Error> {
    if db.dialect != Dialect::Postgres {
        return Ok(0);
    }
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'analytics_events' AND c.relname LIKE 'analytics\\_events\\_______'",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut dropped = 0;
    for name in names {
        let Some((from, to, _)) = parse(&name) else { continue };
        debug_assert!(from < to);
        if to <= before {
            sqlx::query(&format!("DROP TABLE {name}")).execute(&db.pool).await?;
            tracing::info!(partition = %name, "analytics partition past retention dropped");
            dropped += 1;
        }
    }
    Ok(dropped)
}

/// The month of a partition's name, if it is one of ours.
fn parse(name: &str) -> Option<(i64, i64, String)> {
    let digits = name.strip_prefix("analytics_events_")?;
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m): (i64, u32) = (digits[..4].parse().ok()?, digits[4..].parse().ok()?);
    (1..=12).contains(&m).then(|| month_of(days_from_civil(y, m, 1) * 86_400_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_names() {
        let ms = aethex_sdk::time::parse_rfc3339("2026-11-30T23:59:59Z").unwrap();
        let (from, to, name) = month_of(ms);
        assert_eq!(name, "analytics_events_202611");
        assert_eq!(aethex_sdk::time::rfc3339(from), "2026-11-01T00:00:00.000Z");
        assert_eq!(aethex_sdk::time::rfc3339(to), "2026-12-01T00:00:00.000Z");
        assert_eq!(month_of(to).2, "analytics_events_202612");
        assert_eq!(month_of(month_of(to).1).2, "analytics_events_202701", "December rolls into January");
        assert_eq!(parse("analytics_events_202612"), Some(month_of(to)));
        assert_eq!(parse("analytics_events_default"), None);
        assert_eq!(parse("analytics_events_202613"), None);
    }
}
