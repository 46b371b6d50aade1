//! Channel full-text search: FTS5 on SQLite, a `tsvector` on PostgreSQL. The
//! application keeps the index current (on user creation and channel update)
//! because the indexed text spans the `users` and `channels` tables.

use sqlx::any::AnyRow;

use crate::store::{Db, Dialect};

/// Re-index one channel after its login, name or metadata changed.
pub async fn reindex_channel(db: &Db, channel_id: i64) -> Result<(), sqlx::Error> {
    match db.dialect {
            Dialect::Sqlite => {
                let mut tx = db.begin_write().await?;
                sqlx::query("DELETE FROM channel_search WHERE rowid = $1").bind(channel_id).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO channel_search (rowid, login, display_name, title, category, tags, description)
                     SELECT c.id, u.login, u.display_name, c.title, c.category, c.tags, c.description
                     FROM channels c JOIN users u ON u.id = c.id WHERE c.id = $1",
                )
                .bind(channel_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await
            }
            Dialect::Postgres => sqlx::query(
                "UPDATE channels c SET search = to_tsvector('simple',
                    u.login || ' ' || u.display_name || ' ' || c.title || ' ' || c.category || ' ' || c.tags || ' ' || c.description)
                 FROM users u WHERE u.id = c.id AND c.id = $1",
            )
            .bind(channel_id)
            .execute(&db.pool)
            .await
            .map(|_| ()),
        }
}

/// Channel ids matching `query` (every word as a prefix), best match first,
/// `limit` from `offset`. Words are reduced to letters and digits first, so
/// user input can never inject search-language operators.
pub async fn search_channel_ids(db: &Db, query: &str, offset: i64, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let words = search_words(query);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<AnyRow> = match db.dialect {
        Dialect::Sqlite => {
            let q = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
            sqlx::query("SELECT rowid AS id FROM channel_search WHERE channel_search MATCH $1 ORDER BY rank, rowid LIMIT $2 OFFSET $3")
                    .bind(q)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(&db.pool)
                    .await?
        }
        Dialect::Postgres => {
            let q = words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & ");
            sqlx::query(
                "SELECT id FROM channels WHERE search @@ to_tsquery('simple', $1)
                     ORDER BY ts_rank(search, to_tsquery('simple', $1)) DESC, id LIMIT $2 OFFSET $3",
            )
            .bind(q)
            .bind(limit)
            .bind(offset)
            .fetch_all(&db.pool)
            .await?
        }
    };
    rows.iter().map(|r| crate::store::int(r, "id")).collect()
}

/// The searchable words of a query: runs of letters and digits, lower-cased,
/// at most 8 words of at most 32 characters.
fn search_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| w.chars().take(32).collect::<String>().to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::search_words;

    #[test]
    fn operators_are_stripped() {
        assert_eq!(search_words("speed\"run* OR -x' ; DROP"), vec!["speed", "run", "or", "x", "drop"]);
        assert!(search_words("\"*:&|!()").is_empty());
    }
}
