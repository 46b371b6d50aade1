//! Platform analytics for operators: active viewers, cohorts and churn from
//! the viewers' rollup (one scan, whatever the number of events), revenue
//! from donations, creators and categories from the stream summaries, live
//! and trending channels from the last minutes' views, health from the
//! server's metrics.

use std::collections::{BTreeMap, HashSet};

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

/// Bits `from..to` set.
fn bits(from: i64, to: i64) -> i64 {
    ((1i64 << (to - from)) - 1) << from
}

/// Everything the rollup says about the viewers as of a day: active
/// counts, churn, cohorts and countries, counted in one pass.
#[derive(Debug, Default)]
pub struct Activity {
    /// DAU, WAU, MAU and the rest.
    pub users: UserStats,
    /// The four weekly cohorts, oldest first.
    pub cohorts: Vec<Cohort>,
    /// The month's active viewers by country (`unknown` without one).
    pub countries: BTreeMap<String, i64>,
}

/// The counting of [`Activity`], one viewer row at a time: pure, so its
/// arithmetic is tested apart from storage.
pub struct Counter {
    day: i64,
    start: i64,
    dau: Vec<i64>,
    wau: i64,
    mau: i64,
    prior: i64,
    churned: i64,
    fresh: i64,
    cohorts: Vec<(i64, Vec<i64>)>,
    /// By [`pack`]ed country code (0: unknown).
    countries: std::collections::HashMap<i64, i64>,
}

/// A two-letter country code as one integer (`'G' * 256 + 'B'`), 0 for none:
/// the one pass then reads integers only, which halves its time on SQLite.
pub fn pack(code: Option<&str>) -> i64 {
    match code.map(str::as_bytes) {
        Some([a, b]) => i64::from(*a) * 256 + i64::from(*b),
        _ => 0,
    }
}

fn unpack(code: i64) -> String {
    let (a, b) = ((code / 256) as u8, (code % 256) as u8);
    if code <= 0 || !a.is_ascii_alphabetic() || !b.is_ascii_alphabetic() {
        "unknown".into()
    } else {
        String::from_utf8_lossy(&[a, b]).into_owned()
    }
}

impl Counter {
    /// Counting as of UTC day `day`.
    pub fn new(day: i64) -> Self {
        Self {
            day,
            start: day - 7 * WEEKS + 1,
            dau: vec![0; MONTH as usize],
            wau: 0,
            mau: 0,
            prior: 0,
            churned: 0,
            fresh: 0,
            cohorts: (0..WEEKS).map(|c| (0, vec![0; (WEEKS - c) as usize])).collect(),
            countries: std::collections::HashMap::new(),
        }
    }

    /// Count one viewer: first and last active day, the activity bits
    /// (bit i: active on `last_day - i`), last country.
    pub fn add(&mut self, first_day: i64, last_day: i64, days: i64, country: i64) {
        let shift = last_day - self.day;
        // Bit i of `m`: active on `day - i`.
        let m = if shift >= 0 {
            if shift >= 64 {
                0
            } else {
                days >> shift
            }
        } else if -shift >= 64 {
            0
        } else {
            days << -shift
        };
        if m == 0 || first_day > self.day {
            return;
        }
        for (i, n) in self.dau.iter_mut().enumerate() {
            *n += (m >> i) & 1;
        }
        let (month, before) = (m & bits(0, MONTH), m & bits(MONTH, 2 * MONTH));
        self.wau += i64::from(m & bits(0, 7) != 0);
        self.mau += i64::from(month != 0);
        self.prior += i64::from(before != 0);
        self.churned += i64::from(before != 0 && month == 0);
        self.fresh += i64::from(first_day > self.day - MONTH);
        if month != 0 {
            *self.countries.entry(country).or_default() += 1;
        }
        if first_day >= self.start {
            let c = (first_day - self.start) / 7;
            let (size, active) = &mut self.cohorts[c as usize];
            *size += 1;
            for (k, n) in active.iter_mut().enumerate() {
                // Week c + k covers days start+7(c+k) ..= +6: bits day-start-7(c+k)-6 ..= day-start-7(c+k).
                let low = self.day - self.start - 7 * (c + k as i64) - 6;
                *n += i64::from(m & bits(low, low + 7) != 0);
            }
        }
    }

    /// The counts.
    pub fn finish(self) -> Activity {
        let dau_by_day: Vec<i64> = self.dau.iter().rev().copied().collect();
        let dau = self.dau[0];
        Activity {
            users: UserStats {
                dau,
                wau: self.wau,
                mau: self.mau,
                stickiness: if self.mau == 0 { 0.0 } else { dau as f64 / self.mau as f64 },
                new_users: self.fresh,
                churned: self.churned,
                churn_rate: if self.prior == 0 { 0.0 } else { self.churned as f64 / self.prior as f64 },
                dau_by_day,
            },
            cohorts: self
                .cohorts
                .into_iter()
                .enumerate()
                .map(|(c, (size, active))| Cohort {
                    week_start: crate::store::rfc3339((self.start + 7 * c as i64) * DAY)[..10].to_string(),
                    size,
                    active,
                })
                .collect(),
            countries: self.countries.into_iter().fold(BTreeMap::new(), |mut m, (code, n)| {
                *m.entry(unpack(code)).or_default() += n;
                m
            }),
        }
    }
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
    /// Active viewers, cohorts and countries as of UTC day `day`: one pass
    /// over the viewers active in the 62 days before it.
    pub async fn activity(&self, day: i64) -> Result<Activity, sqlx::Error> {
        use futures_util::TryStreamExt as _;
        let params = [day - KEPT_DAYS, day];
        let sql =
            "SELECT first_day, last_day, days, country FROM analytics_viewers WHERE last_day > $1 AND first_day <= $2";
        let scanned = self.db.fold_sqlite(sql, &params, Counter::new(day), |c, row| {
            let country = match row.get_ref(3)? {
                rusqlite::types::ValueRef::Text(code) => pack(std::str::from_utf8(code).ok()),
                _ => 0,
            };
            c.add(row.get(0)?, row.get(1)?, row.get(2)?, country);
            Ok(())
        });
        if let Some(counter) = scanned.await? {
            return Ok(counter.finish());
        }
        // PostgreSQL (or SQLite in memory): through the pool, the country packed by the database.
        let code = match self.db.dialect {
            crate::store::Dialect::Sqlite => "unicode(substr(country, 1, 1)) * 256 + unicode(substr(country, 2, 1))",
            crate::store::Dialect::Postgres => "ascii(substr(country, 1, 1)) * 256 + ascii(substr(country, 2, 1))",
        };
        let sql = format!(
            "SELECT first_day, last_day, days, CAST(COALESCE({code}, 0) AS BIGINT) FROM analytics_viewers
             WHERE last_day > $1 AND first_day <= $2"
        );
        let mut counter = Counter::new(day);
        let mut rows =
            sqlx::query_as::<_, (i64, i64, i64, i64)>(&sql).bind(params[0]).bind(params[1]).fetch(&self.db.pool);
        while let Some((first, last, days, country)) = rows.try_next().await? {
            counter.add(first, last, days, country);
        }
        Ok(counter.finish())
    }

    /// Everything on the operator's dashboard, as of UTC day `day`.
    pub async fn platform(&self, day: i64, health: aethex_sdk::SystemHealth) -> Result<PlatformAnalytics, sqlx::Error> {
        self.flush().await;
        let Activity { users, cohorts, countries } = self.activity(day).await?;
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
                 WHERE kind IN ('stream_start', 'stream_end') AND kind = 'stream_start' AND channel_id IN ({marks})
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

    #[test]
    fn one_pass_counts_active_viewers_churn_and_cohorts() {
        let d = 1000;
        let mut c = Counter::new(d);
        // Active today and 10 days ago, first seen 12 days ago (cohort 2).
        c.add(d - 12, d, 1 | 1 << 10 | 1 << 12, pack(Some("DE")));
        // Active only 40 days ago: churned.
        c.add(d - 40, d - 40, 1, 0);
        // Last seen tomorrow (a date in the past was asked), active 2 days before the date.
        c.add(d - 2, d + 1, 1 << 3, pack(None));
        // Not yet seen as of the date.
        c.add(d + 1, d + 1, 1, pack(Some("JP")));
        let a = c.finish();
        let u = &a.users;
        assert_eq!((u.dau, u.wau, u.mau, u.new_users, u.churned), (1, 2, 2, 2, 1));
        assert_eq!((u.stickiness, u.churn_rate), (0.5, 1.0));
        assert_eq!((u.dau_by_day[29], u.dau_by_day[27], u.dau_by_day[19]), (1, 1, 1));
        let cells: Vec<(i64, Vec<i64>)> = a.cohorts.iter().map(|c| (c.size, c.active.clone())).collect();
        assert_eq!(cells, [(0, vec![0, 0, 0, 0]), (0, vec![0, 0, 0]), (1, vec![1, 1]), (1, vec![1])]);
        assert_eq!(a.countries.into_iter().collect::<Vec<_>>(), [("DE".into(), 1), ("unknown".into(), 1)]);
        assert_eq!(
            (unpack(pack(Some("GB"))), unpack(pack(Some("toolong"))), unpack(-5)),
            ("GB".into(), "unknown".into(), "unknown".into())
        );
    }
}
