//! The creator's channel analytics page (`/dashboard/analytics/channel`):
//! the analytics capability's per-day numbers over a date range the creator
//! picks (a plain GET form, so it works without scripts), each figure with
//! its growth against the period of the same length before, and per-day
//! charts drawn as SVG on the server.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::analytics::{bars, percent, Bar, CHART_H, CHART_W};
use super::{internal, render, viewer, WebState};
use crate::analytics::api::MAX_DAYS;
use crate::analytics::channel::DAY;
use crate::auth::pages::WebSession;
use crate::i18n::Catalog;
use aethex_sdk::{ChannelAnalytics, PeriodStats};

/// The range shown when none is asked for.
const DEFAULT_DAYS: i64 = 28;
/// The ranges offered as links.
const PRESETS: [i64; 3] = [7, 28, 90];

#[derive(Template)]
#[template(path = "channel_analytics.html")]
struct ChannelPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    /// The form's values, `YYYY-MM-DD`.
    from: String,
    to: String,
    /// The latest day that can be picked.
    today: String,
    /// Why the asked range was not shown (the default range is shown instead).
    error: Option<String>,
    /// The range in the reader's language.
    range: String,
    /// (href, label) of the preset ranges.
    presets: Vec<(String, String)>,
    /// (label, value, growth against the previous period).
    figures: Vec<(String, String, String)>,
    chart_w: f64,
    chart_h: f64,
    /// (element id, title, bars).
    charts: Vec<(&'static str, String, Vec<Bar>)>,
    donations: Vec<String>,
    /// Column titles of the per-day table after the date.
    columns: Vec<String>,
    /// The per-day rows: the date, then one cell per column, newest first.
    days: Vec<(String, Vec<String>)>,
}

/// `YYYY-MM-DD` of the UTC day starting at `ms`.
fn ymd(ms: i64) -> String {
    crate::store::rfc3339(ms)[..10].to_string()
}

/// A `YYYY-MM-DD` day's start (ms), if it is one.
fn parse_day(s: &str) -> Option<i64> {
    aethex_sdk::time::parse_rfc3339(&format!("{s}T00:00:00Z")).filter(|_| s.len() == 10)
}

/// The range asked by `q` as day starts (`from ..= to`), else why not.
fn range(q: &HashMap<String, String>, today: i64) -> Result<(i64, i64), &'static str> {
    let to = match q.get("to").filter(|s| !s.is_empty()) {
        Some(s) => parse_day(s).ok_or("channel-analytics-bad-date")?,
        None => today,
    };
    let from = match q.get("from").filter(|s| !s.is_empty()) {
        Some(s) => parse_day(s).ok_or("channel-analytics-bad-date")?,
        None => to - (DEFAULT_DAYS - 1) * DAY,
    };
    if to > today {
        return Err("channel-analytics-future");
    }
    if from > to || to - from >= MAX_DAYS * DAY {
        return Err("channel-analytics-bad-range");
    }
    Ok((from, to))
}

/// `now` against `before`: "+12%", "−5%", "new" (nothing before), or "–".
fn growth(t: &Catalog, now: f64, before: f64) -> String {
    if before <= 0.0 {
        return if now > 0.0 { t.get("platform-growth-new") } else { "–".into() };
    }
    let g = now / before - 1.0;
    let sign = if g > 0.0 { "+" } else { "" };
    t.with("channel-analytics-growth", "percent", &format!("{sign}{}", percent(t, g)))
}

fn page(t: &'static Catalog, user: WebSession, c: ChannelAnalytics, today: i64, error: Option<String>) -> ChannelPage {
    let (now, before) = (&c.total, &c.previous);
    let figure = |id: &str, value: String, n: f64, b: f64| (t.get(id), value, growth(t, n, b));
    let int = |f: fn(&PeriodStats) -> i64| (t.number(f(now)), f(now) as f64, f(before) as f64);
    let mut figures = vec![figure(
        "analytics-average",
        t.decimal(now.average_viewers, 1),
        now.average_viewers,
        before.average_viewers,
    )];
    for (id, f) in [
        ("analytics-peak", (|s: &PeriodStats| s.peak_viewers) as fn(&PeriodStats) -> i64),
        ("analytics-unique", |s| s.unique_viewers),
        ("analytics-watched", |s| s.watch_minutes),
        ("channel-analytics-live-minutes", |s| s.live_minutes),
        ("analytics-chatters", |s| s.chatters),
        ("analytics-messages", |s| s.chat_messages),
        ("analytics-followers", |s| s.new_followers),
        ("analytics-subscriptions", |s| s.subscriptions),
    ] {
        let (value, n, b) = int(f);
        figures.push(figure(id, value, n, b));
    }
    let dates: Vec<String> =
        c.days.iter().map(|d| parse_day(&d.date).map(|ms| t.date(ms)).unwrap_or_else(|| d.date.clone())).collect();
    let chart = |id: &'static str, title: &str, f: fn(&PeriodStats) -> i64| {
        let values: Vec<i64> = c.days.iter().map(|d| f(&d.stats)).collect();
        let labelled = bars(&values, |i, n| {
            t.with_args("channel-analytics-day-value", &[("date", dates[i].as_str()), ("value", &t.number(n))], None)
        });
        (id, t.get(title), labelled)
    };
    let charts = vec![
        chart("unique-chart", "channel-analytics-unique-chart", |s| s.unique_viewers),
        chart("watched-chart", "channel-analytics-watched-chart", |s| s.watch_minutes),
        chart("chat-chart", "channel-analytics-chat-chart", |s| s.chat_messages),
    ];
    let columns = [
        "channel-analytics-live-minutes",
        "analytics-average",
        "analytics-peak",
        "analytics-unique",
        "analytics-watched",
        "analytics-chatters",
        "analytics-messages",
        "analytics-followers",
    ]
    .iter()
    .map(|id| t.get(id))
    .collect();
    let days = c
        .days
        .iter()
        .zip(&dates)
        .rev()
        .map(|(d, date)| {
            let s = &d.stats;
            let cells = vec![
                t.number(s.live_minutes),
                t.decimal(s.average_viewers, 1),
                t.number(s.peak_viewers),
                t.number(s.unique_viewers),
                t.number(s.watch_minutes),
                t.number(s.chatters),
                t.number(s.chat_messages),
                t.number(s.new_followers),
            ];
            (date.clone(), cells)
        })
        .collect();
    let donations =
        now.donations.iter().map(|m| format!("{} ({})", t.money(m.amount, &m.currency), t.number(m.count))).collect();
    let (from_ms, to_ms) = (parse_day(&c.from).unwrap_or(today), parse_day(&c.to).unwrap_or(today));
    let presets = PRESETS
        .iter()
        .map(|n| {
            let href = format!("/dashboard/analytics/channel?from={}&to={}", ymd(today - (n - 1) * DAY), ymd(today));
            (href, t.count("channel-analytics-last-days", *n))
        })
        .collect();
    ChannelPage {
        t,
        user: Some(user),
        from: c.from.clone(),
        to: c.to.clone(),
        today: ymd(today),
        error,
        range: t.with_args("channel-analytics-range", &[("from", &t.date(from_ms)), ("to", &t.date(to_ms))], None),
        presets,
        figures,
        chart_w: CHART_W,
        chart_h: CHART_H,
        charts,
        donations,
        columns,
        days,
    }
}

/// `GET /dashboard/analytics/channel?from=&to=`: the signed-in creator's channel over a range of UTC days.
pub(super) async fn show(
    State(state): State<WebState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(u) = viewer(&state, &headers).await else {
        return Redirect::to("/login?next=/dashboard/analytics/channel").into_response();
    };
    let t = Catalog::current();
    let a = &state.analytics;
    let today = a.now().div_euclid(DAY) * DAY;
    // A range that cannot be shown says why, above the default range, with a 400.
    let (status, (from, to), error) = match range(&q, today) {
        Ok(r) => (StatusCode::OK, r, None),
        Err(why) => (
            StatusCode::BAD_REQUEST,
            (today - (DEFAULT_DAYS - 1) * DAY, today),
            Some(t.with(why, "days", &t.number(MAX_DAYS))),
        ),
    };
    match a.channel(u.user_id, from, to + DAY).await {
        Ok(c) => render(status, &page(t, u, c, today, error)),
        Err(e) => internal(e, Some(u)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked() {
        let today = parse_day("2026-11-30").unwrap();
        let q = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(range(&q(&[]), today), Ok((today - 27 * DAY, today)), "the last 28 days");
        assert_eq!(
            range(&q(&[("from", "2026-11-01"), ("to", "2026-11-07")]), today),
            Ok((today - 29 * DAY, today - 23 * DAY))
        );
        assert_eq!(range(&q(&[("from", "2026-11-30"), ("to", "")]), today), Ok((today, today)), "one day");
        assert_eq!(range(&q(&[("from", "yesterday")]), today), Err("channel-analytics-bad-date"));
        assert_eq!(range(&q(&[("to", "2026-12-01")]), today), Err("channel-analytics-future"));
        assert_eq!(
            range(&q(&[("from", "2026-11-10"), ("to", "2026-11-01")]), today),
            Err("channel-analytics-bad-range")
        );
        assert_eq!(range(&q(&[("from", "2026-01-01")]), today), Err("channel-analytics-bad-range"), "over 92 days");
    }
}
