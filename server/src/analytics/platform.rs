//! Platform analytics for operators: active viewers, cohorts and churn from
//! the viewers' rollup (one scan, whatever the number of events), revenue
//! from donations, creators and categories from the stream summaries, live
//! and trending channels from the last minutes' views, health from the
//! server's metrics.

use std::collections::{BTreeMap, HashMap, HashSet};

use aethex_sdk::{
    CategoryTrend, Cohort, CreatorStats, LiveChannel, PlatformAnalytics, Revenue, RevenueSplit, UserStats,
};

use super::channel::DAY;
use super::rollup::KEPT_DAYS;
use super::Analytics;
use crate::store::{int, text};

/// Days in a "month" of activity and revenue.
const MONTH: i64 = 30;
/// Weeks in the cohort table.
const WEEKS: i64 = 4;
/// The window live channels' growth compares.
const TREND_WINDOW_MS: i64 = 10 * 60_000;

/// A viewer row's activity bits moved so that bit `i` means "active on day `$1 - i`".
const ALIGNED: &str = "CASE WHEN last_day >= $1 THEN (days >> CAST(last_day - $1 AS INTEGER))
                        ELSE (days << CAST($1 - last_day AS INTEGER)) END";

/// Bits `from..to` set.
fn bits(from: i64, to: i64) -> i64 {
    ((1i64 << (to - from)) - 1) << from
}

/// `CAST(COALESCE(SUM(...), 0) AS BIGINT)`: PostgreSQL sums integers as numeric.
fn sum(expr: &str) -> String {
    format!("CAST(COALESCE(SUM({expr}), 0) AS BIGINT)")
}

/// A creator's tier by followers.
pub fn tier(followers: i64) -> &'static str {
    match followers {
        ..=99 => "small",
        100..=999 => "growing",
        1_000..=9_999 => "established",
        _ => "top",
    }
}

/// `now / before - 1`, none when there was nothing before.
fn growth(now: i64, before: i64) -> Option<f64> {
    (before > 0).then(|| now as f64 / before as f64 - 1.0)
}

impl Analytics {
    /// Active viewers as of UTC day `day`.
    pub async fn users(&self, day: i64) -> Result<UserStats, sqlx::Error> {
        let mut cols = vec![
            sum(&format!("CASE WHEN (m & {}) <> 0 THEN 1 ELSE 0 END", bits(0, 7))) + " AS wau",
            sum(&format!("CASE WHEN (m & {}) <> 0 THEN 1 ELSE 0 END", bits(0, MONTH))) + " AS mau",
            sum(&format!("CASE WHEN (m & {}) <> 0 THEN 1 ELSE 0 END", bits(MONTH, 2 * MONTH))) + " AS prior",
            sum(&format!(
                "CASE WHEN (m & {}) <> 0 AND (m & {}) = 0 THEN 1 ELSE 0 END",
                bits(MONTH, 2 * MONTH),
                bits(0, MONTH)
            )) + " AS churned",
            sum(&format!("CASE WHEN first_day > $1 - {MONTH} AND first_day <= $1 THEN 1 ELSE 0 END")) + " AS fresh",
        ];
        cols.extend((0..MONTH).map(|i| sum(&format!("(m >> {i}) & 1")) + &format!(" AS d{i}")));
        let sql = format!(
            "SELECT {} FROM (SELECT first_day, {ALIGNED} AS m FROM analytics_viewers WHERE last_day > $1 - {KEPT_DAYS}) v",
            cols.join(", ")
        );
        let r = sqlx::query(&sql).bind(day).fetch_one(&self.db.pool).await?;
        let dau_by_day = (0..MONTH).rev().map(|i| int(&r, &format!("d{i}"))).collect::<Result<Vec<_>, _>>()?;
        let (mau, before, churned) = (int(&r, "mau")?, int(&r, "prior")?, int(&r, "churned")?);
        let dau = dau_by_day.last().copied().unwrap_or(0);
        Ok(UserStats {
            dau,
            wau: int(&r, "wau")?,
            mau,
            stickiness: if mau == 0 { 0.0 } else { dau as f64 / mau as f64 },
            new_users: int(&r, "fresh")?,
            churned,
            churn_rate: if before == 0 { 0.0 } else { churned as f64 / before as f64 },
            dau_by_day,
        })
    }

    /// Weekly cohorts of the four weeks ending on day `day`.
    pub async fn cohorts(&self, day: i64) -> Result<Vec<Cohort>, sqlx::Error> {
        let start = day - 7 * WEEKS + 1;
        // Week k covers days start+7k ..= start+7k+6: bits day-start-7k-6 ..= day-start-7k.
        let weeks: Vec<String> = (0..WEEKS)
            .map(|k| {
                let low = day - start - 7 * k - 6;
                sum(&format!("CASE WHEN (m & {}) <> 0 THEN 1 ELSE 0 END", bits(low, low + 7))) + &format!(" AS w{k}")
            })
            .collect();
        let sql = format!(
            "SELECT cohort, COUNT(*) AS size, {} FROM (
               SELECT CAST((first_day - $2) / 7 AS BIGINT) AS cohort, {ALIGNED} AS m
               FROM analytics_viewers WHERE first_day >= $2 AND first_day <= $1) v
             GROUP BY cohort ORDER BY cohort",
            weeks.join(", ")
        );
        let rows = sqlx::query(&sql).bind(day).bind(start).fetch_all(&self.db.pool).await?;
        let mut found: HashMap<i64, (i64, Vec<i64>)> = HashMap::new();
        for r in &rows {
            let c = int(r, "cohort")?;
            let active = (c..WEEKS).map(|k| int(r, &format!("w{k}"))).collect::<Result<Vec<_>, _>>()?;
            found.insert(c, (int(r, "size")?, active));
        }
        Ok((0..WEEKS)
            .map(|c| {
                let (size, active) = found.remove(&c).unwrap_or((0, vec![0; (WEEKS - c) as usize]));
                Cohort { week_start: crate::store::rfc3339((start + 7 * c) * DAY)[..10].to_string(), size, active }
            })
            .collect())
    }

    /// Everything on the operator's dashboard, as of UTC day `day`.
    pub async fn platform(&self, day: i64, health: aethex_sdk::SystemHealth) -> Result<PlatformAnalytics, sqlx::Error> {
        self.flush().await;
        let users = self.users(day).await?;
        let cohorts = self.cohorts(day).await?;
        let (month_from, day_end) = ((day - MONTH + 1) * DAY, (day + 1) * DAY);

        // Revenue: the 30 days' donations, with the payer's last known country.
        let rows = sqlx::query(
            "SELECT e.at_ms, e.channel_id, e.amount, e.currency, v.country FROM analytics_events e
             LEFT JOIN analytics_viewers v ON v.viewer = e.viewer
             WHERE e.kind = 'donation' AND e.at_ms >= $1 AND e.at_ms < $2",
        )
        .bind(month_from)
        .bind(day_end)
        .fetch_all(&self.db.pool)
        .await?;
        let mut payments = Vec::with_capacity(rows.len());
        for r in &rows {
            let currency = text(r, "currency")?;
            let country: Option<String> = sqlx::Row::try_get(r, "country")?;
            let amount: Option<i64> = sqlx::Row::try_get(r, "amount")?;
            payments.push((int(r, "at_ms")?, int(r, "channel_id")?, amount.unwrap_or(0), currency, country));
        }
        let channels: Vec<i64> = payments.iter().map(|p| p.1).collect::<HashSet<_>>().into_iter().collect();
        let followers = crate::social::follower_counts(&self.db, &channels).await?;
        let mut revenue: BTreeMap<&str, Revenue> = BTreeMap::new();
        let mut by_region: BTreeMap<(String, &str), (i64, i64)> = BTreeMap::new();
        let mut by_tier: BTreeMap<(String, &str), (i64, i64)> = BTreeMap::new();
        for (at, channel, amount, currency, country) in &payments {
            let r = revenue.entry(currency).or_insert_with(|| Revenue {
                currency: currency.clone(),
                day: 0,
                week: 0,
                month: 0,
                payments: 0,
                arpu: 0.0,
            });
            r.month += amount;
            r.payments += 1;
            if *at >= day_end - 7 * DAY {
                r.week += amount;
            }
            if *at >= day_end - DAY {
                r.day += amount;
            }
            let region = country.clone().unwrap_or_else(|| "unknown".into());
            let e = by_region.entry((region, currency)).or_default();
            (e.0, e.1) = (e.0 + amount, e.1 + 1);
            let t = by_tier.entry((tier(followers.get(channel).copied().unwrap_or(0)).into(), currency)).or_default();
            (t.0, t.1) = (t.0 + amount, t.1 + 1);
        }
        let revenue = revenue
            .into_values()
            .map(|r| Revenue { arpu: if users.mau == 0 { 0.0 } else { r.month as f64 / users.mau as f64 }, ..r })
            .collect();
        let split = |m: BTreeMap<(String, &str), (i64, i64)>| {
            let mut v: Vec<RevenueSplit> = m
                .into_iter()
                .map(|((key, currency), (amount, payments))| RevenueSplit {
                    key,
                    currency: currency.to_string(),
                    amount,
                    payments,
                })
                .collect();
            v.sort_by(|a, b| a.currency.cmp(&b.currency).then(b.amount.cmp(&a.amount)).then(a.key.cmp(&b.key)));
            v
        };

        // Creators and categories from the streams that ended in the 60 days.
        let rows = sqlx::query(
            "SELECT channel_id, ended_at, body FROM stream_summaries WHERE ended_at >= $1 AND ended_at < $2",
        )
        .bind(month_from - MONTH * DAY)
        .bind(day_end)
        .fetch_all(&self.db.pool)
        .await?;
        let live_now: Vec<_> = self.ingest.all().into_iter().filter(|l| !l.is_ended()).collect();
        let mut active: HashSet<i64> = live_now.iter().map(|l| l.channel_id).collect();
        let mut categories: BTreeMap<String, CategoryTrend> = BTreeMap::new();
        for r in &rows {
            let Ok(s) = serde_json::from_str::<aethex_sdk::StreamSummary>(&text(r, "body")?) else { continue };
            let c = categories.entry(s.category.clone()).or_insert_with(|| CategoryTrend {
                category: s.category.clone(),
                streams: 0,
                watch_minutes: 0,
                previous_watch_minutes: 0,
                growth: None,
            });
            if int(r, "ended_at")? >= month_from {
                active.insert(int(r, "channel_id")?);
                c.streams += 1;
                c.watch_minutes += s.watch_minutes;
            } else {
                c.previous_watch_minutes += s.watch_minutes;
            }
        }
        let mut categories: Vec<CategoryTrend> = categories
            .into_values()
            .filter(|c| c.streams > 0)
            .map(|c| CategoryTrend { growth: growth(c.watch_minutes, c.previous_watch_minutes), ..c })
            .collect();
        categories.sort_by(|a, b| b.watch_minutes.cmp(&a.watch_minutes).then(a.category.cmp(&b.category)));
        let active: Vec<i64> = active.into_iter().collect();
        let new = self.first_streams_since(&active, month_from).await?;

        // Live channels and their growth over the last ten minutes.
        let now = self.now();
        let mut live = Vec::with_capacity(live_now.len());
        for l in &live_now {
            let (recent, earlier) = self.recent_viewers(l.channel_id, now).await?;
            live.push(LiveChannel {
                broadcaster_user_login: l.login.clone(),
                viewers: l.viewer_count(),
                recent_viewers: recent,
                earlier_viewers: earlier,
                growth: growth(recent, earlier),
            });
        }
        live.sort_by(|a, b| {
            let g = |c: &LiveChannel| c.growth.unwrap_or(if c.recent_viewers > 0 { f64::MAX } else { 0.0 });
            g(b).total_cmp(&g(a))
                .then(b.viewers.cmp(&a.viewers))
                .then(a.broadcaster_user_login.cmp(&b.broadcaster_user_login))
        });

        // Where the month's viewers are.
        let rows = sqlx::query(&format!(
            "SELECT COALESCE(country, 'unknown') AS country, COUNT(*) AS n FROM analytics_viewers
             WHERE last_day > $1 - {MONTH} AND first_day <= $1 AND ({ALIGNED} & {}) <> 0 GROUP BY COALESCE(country, 'unknown')",
            bits(0, MONTH)
        ))
        .bind(day)
        .fetch_all(&self.db.pool)
        .await?;
        let mut countries = BTreeMap::new();
        for r in &rows {
            countries.insert(text(r, "country")?, int(r, "n")?);
        }

        let chat: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM analytics_events WHERE kind = 'chat' AND at_ms >= $1")
            .bind(now - 60_000)
            .fetch_one(&self.db.pool)
            .await?;
        let health = aethex_sdk::SystemHealth {
            live_streams: live_now.len() as i64,
            chat_messages_last_minute: chat,
            webhook_backlog: crate::eventsub::backlog(&self.db).await?,
            analytics_dropped: self.dropped() as i64,
            ..health
        };
        Ok(PlatformAnalytics {
            date: crate::store::rfc3339(day * DAY)[..10].to_string(),
            users,
            cohorts,
            revenue,
            revenue_by_region: split(by_region),
            revenue_by_tier: split(by_tier),
            creators: CreatorStats { active: active.len() as i64, new, live: live_now.len() as i64 },
            categories,
            countries: super::summary::buckets(countries),
            live,
            health,
        })
    }

    /// How many of `channels` started their first stream at or after `since`.
    async fn first_streams_since(&self, channels: &[i64], since: i64) -> Result<i64, sqlx::Error> {
        let mut new = 0;
        for chunk in channels.chunks(500) {
            let marks = (2..chunk.len() + 2).map(|i| format!("${i}")).collect::<Vec<_>>().join(",");
            let sql = format!(
                "SELECT COUNT(*) FROM (SELECT channel_id FROM analytics_events
                 WHERE kind = 'stream_start' AND channel_id IN ({marks})
                 GROUP BY channel_id HAVING MIN(at_ms) >= $1) f"
            );
            let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(since);
            for c in chunk {
                q = q.bind(*c);
            }
            new += q.fetch_one(&self.db.pool).await?;
        }
        Ok(new)
    }

    /// Distinct viewers of a channel in the last ten minutes and the ten before.
    async fn recent_viewers(&self, channel_id: i64, now: i64) -> Result<(i64, i64), sqlx::Error> {
        let count = |from: i64, to: i64| {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(DISTINCT viewer) FROM analytics_events
                 WHERE channel_id = $1 AND at_ms >= $2 AND at_ms < $3 AND kind = 'view'",
            )
            .bind(channel_id)
            .bind(from)
            .bind(to)
            .fetch_one(&self.db.pool)
        };
        let recent = count(now - TREND_WINDOW_MS, now + 1).await?;
        let earlier = count(now - 2 * TREND_WINDOW_MS, now - TREND_WINDOW_MS).await?;
        Ok((recent, earlier))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_ranges_and_tiers() {
        assert_eq!(bits(0, 7), 127);
        assert_eq!(bits(30, 60), ((1 << 30) - 1) << 30);
        assert_eq!(
            (tier(0), tier(99), tier(100), tier(9_999), tier(10_000)),
            ("small", "small", "growing", "established", "top")
        );
        assert_eq!(growth(15, 10), Some(0.5));
        assert_eq!(growth(3, 0), None);
    }
}
