//! `aethex-server analytics export`: the raw events of a time range for an
//! operator's warehouse, oldest first, as NDJSON or CSV, streamed from the
//! database so memory stays flat whatever the range; and the retention sweep.

use std::io::Write;

use futures_util::TryStreamExt as _;

use crate::store::{int, Db};

/// The export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Ndjson,
    /// RFC 4180 CSV with a header line.
    Csv,
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the events failed.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// Writing the output failed.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
}

const COLUMNS: [&str; 12] = [
    "at",
    "at_ms",
    "kind",
    "channel_id",
    "stream_id",
    "viewer",
    "session",
    "device",
    "source",
    "country",
    "amount",
    "currency",
];

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Write the events with `from_ms <= at_ms < to_ms` to `out`; how many.
pub async fn export(
    db: &Db,
    from_ms: i64,
    to_ms: i64,
    format: Format,
    out: &mut impl Write,
) -> Result<u64, ExportError> {
    if format == Format::Csv {
        writeln!(out, "{}", COLUMNS.join(","))?;
    }
    let mut rows = sqlx::query(
        "SELECT at_ms, kind, channel_id, stream_id, viewer, session, device, source, country, amount, currency
         FROM analytics_events WHERE at_ms >= $1 AND at_ms < $2 ORDER BY at_ms",
    )
    .bind(from_ms)
    .bind(to_ms)
    .fetch(&db.pool);
    let mut n = 0u64;
    while let Some(r) = rows.try_next().await? {
        let text = |c: &str| sqlx::Row::try_get::<Option<String>, _>(&r, c);
        let number = |c: &str| sqlx::Row::try_get::<Option<i64>, _>(&r, c);
        let at_ms = int(&r, "at_ms")?;
        let values = [
            Some(crate::store::rfc3339(at_ms)),
            Some(at_ms.to_string()),
            text("kind")?,
            Some(int(&r, "channel_id")?.to_string()),
            number("stream_id")?.map(|v| v.to_string()),
            text("viewer")?,
            text("session")?,
            text("device")?,
            text("source")?,
            text("country")?,
            number("amount")?.map(|v| v.to_string()),
            text("currency")?,
        ];
        match format {
            Format::Csv => {
                let fields: Vec<String> = values.iter().map(|v| csv_field(v.as_deref().unwrap_or(""))).collect();
                writeln!(out, "{}", fields.join(","))?;
            }
            Format::Ndjson => {
                let mut o = serde_json::Map::new();
                for (k, v) in COLUMNS.iter().zip(values) {
                    let v = match (*k, v) {
                        (_, None) => serde_json::Value::Null,
                        ("at_ms" | "channel_id" | "stream_id" | "amount", Some(v)) => {
                            v.parse::<i64>().map(Into::into).unwrap_or(serde_json::Value::Null)
                        }
                        (_, Some(v)) => v.into(),
                    };
                    o.insert(k.to_string(), v);
                }
                writeln!(out, "{}", serde_json::Value::Object(o))?;
            }
        }
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// Delete events older than `days` before `now_ms`; how many went. Summaries stay.
pub async fn sweep(db: &Db, now_ms: i64, days: u32) -> Result<u64, sqlx::Error> {
    let before = now_ms - i64::from(days) * 86_400_000;
    // The days' rollups hold sketches of who watched: they go with the events.
    sqlx::query("DELETE FROM analytics_channel_days WHERE day < $1")
        .bind(before.div_euclid(86_400_000))
        .execute(&db.pool)
        .await?;
    // On PostgreSQL whole months go at once; the rest row by row.
    super::partitions::drop_before(db, before).await?;
    Ok(sqlx::query("DELETE FROM analytics_events WHERE at_ms < $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
