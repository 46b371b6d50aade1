//! The operator's dashboard (`/dashboard/platform`): the platform analytics
//! of the analytics capability as a page, charts drawn as SVG on the server,
//! every word from the catalogue. Only the logins configured as operators see
//! it; anyone else gets the same "not found" as for a page that does not exist.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::analytics::{bars, percent, rows, Bar, CHART_H, CHART_W};
use super::{error_page, internal, render, viewer, WebState};
use crate::auth::pages::WebSession;
use crate::i18n::Catalog;
use aethex_sdk::PlatformAnalytics;

#[derive(Template)]
#[template(path = "platform.html")]
struct PlatformPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    p: PlatformAnalytics,
    /// The day, in the reader's language.
    date: String,
    /// (label, value) of the headline figures.
    figures: Vec<(String, String)>,
    chart_w: f64,
    chart_h: f64,
    dau_bars: Vec<Bar>,
    /// (week start, size, the weeks' shares as "40%").
    cohorts: Vec<(String, String, Vec<String>)>,
    /// Column titles of the cohort table after the size.
    weeks: Vec<String>,
    /// (currency, day, week, month, per active viewer).
    revenue: Vec<[String; 5]>,
    by_region: Vec<String>,
    by_tier: Vec<String>,
    categories: Vec<String>,
    countries: Vec<(String, i64)>,
    /// (login, what it says).
    live: Vec<(String, String)>,
    /// (label, value) of the health figures.
    health: Vec<(String, String)>,
    /// (route, requests, errors, latency).
    routes: Vec<[String; 4]>,
    /// The recommender's model, one line.
    recs_model: String,
    /// Per variant: (variant, impressions, clicks, click-through, watch minutes per click).
    recs_variants: Vec<[String; 5]>,
}

fn growth(t: &Catalog, g: Option<f64>) -> String {
    match g {
        None => t.get("platform-growth-new"),
        Some(g) => {
            let sign = if g > 0.0 { "+" } else { "" };
            format!("{sign}{}", percent(t, g))
        }
    }
}

fn ms(t: &Catalog, v: f64) -> String {
    if v < 10.0 {
        t.decimal(v, 1)
    } else {
        t.number(v.round() as i64)
    }
}

fn page(
    t: &'static Catalog,
    user: WebSession,
    p: PlatformAnalytics,
    r: aethex_sdk::RecommendationStats,
) -> PlatformPage {
    let u = &p.users;
    let figures = vec![
        (t.get("platform-dau"), t.number(u.dau)),
        (t.get("platform-wau"), t.number(u.wau)),
        (t.get("platform-mau"), t.number(u.mau)),
        (t.get("platform-stickiness"), percent(t, u.stickiness)),
        (t.get("platform-new"), t.number(u.new_users)),
        (t.get("platform-churn"), percent(t, u.churn_rate)),
    ];
    let last_day = aethex_sdk::time::parse_rfc3339(&format!("{}T00:00:00Z", p.date)).unwrap_or(0);
    let days = u.dau_by_day.len() as i64;
    let dau_bars = bars(&u.dau_by_day, |i, n| {
        let date = t.date(last_day - (days - 1 - i as i64) * 86_400_000);
        t.with_args("platform-day-viewers", &[("date", &date)], Some(n))
    });
    let weeks = (0..p.cohorts.len()).map(|w| t.with("platform-cohort-after", "week", &t.number(w as i64))).collect();
    let cohorts = p
        .cohorts
        .iter()
        .map(|c| {
            let shares = c
                .active
                .iter()
                .map(|n| if c.size == 0 { "–".to_string() } else { percent(t, *n as f64 / c.size as f64) })
                .collect();
            (t.date_of(&format!("{}T00:00:00Z", c.week_start)), t.number(c.size), shares)
        })
        .collect();
    let revenue = p
        .revenue
        .iter()
        .map(|r| {
            [
                r.currency.clone(),
                t.money(r.day, &r.currency),
                t.money(r.week, &r.currency),
                t.money(r.month, &r.currency),
                t.money(r.arpu.round() as i64, &r.currency),
            ]
        })
        .collect();
    let split = |rows: &[aethex_sdk::RevenueSplit], prefix: &str| {
        rows.iter()
            .map(|r| {
                let id = format!("{prefix}-{}", r.key);
                let label = if t.has(&id) { t.get(&id) } else { r.key.clone() };
                format!("{label}: {} ({})", t.money(r.amount, &r.currency), t.number(r.payments))
            })
            .collect()
    };
    let categories = p
        .categories
        .iter()
        .map(|c| {
            let name = if c.category.is_empty() { t.get("platform-no-category") } else { c.category.clone() };
            t.with_args(
                "platform-category-row",
                &[("category", &name), ("minutes", &t.number(c.watch_minutes)), ("growth", &growth(t, c.growth))],
                None,
            )
        })
        .collect();
    let countries = rows(t, &p.countries, "country");
    let live = p
        .live
        .iter()
        .map(|l| {
            let says = t.with_args(
                "platform-live-row",
                &[
                    ("viewers", &t.number(l.viewers)),
                    ("recent", &t.number(l.recent_viewers)),
                    ("growth", &growth(t, l.growth)),
                ],
                None,
            );
            (l.broadcaster_user_login.clone(), says)
        })
        .collect();
    let h = &p.health;
    let health = vec![
        (t.get("platform-requests"), t.number(h.requests)),
        (t.get("platform-errors"), percent(t, h.error_rate)),
        (
            t.get("platform-latency"),
            t.with_args("platform-latency-value", &[("p50", &ms(t, h.p50_ms)), ("p99", &ms(t, h.p99_ms))], None),
        ),
        (t.get("platform-live-streams"), t.number(h.live_streams)),
        (t.get("platform-chat-rate"), t.number(h.chat_messages_last_minute)),
        (t.get("platform-webhook-backlog"), t.number(h.webhook_backlog)),
        (t.get("platform-dropped"), t.number(h.analytics_dropped)),
    ];
    let routes = h
        .routes
        .iter()
        .map(|r| {
            [
                r.route.clone(),
                t.number(r.requests),
                t.number(r.errors),
                t.with_args("platform-latency-value", &[("p50", &ms(t, r.p50_ms)), ("p99", &ms(t, r.p99_ms))], None),
            ]
        })
        .collect();
    let recs_model = if r.model_version == 0 {
        t.get("platform-recs-no-model")
    } else {
        t.with_args(
            "platform-recs-model",
            &[
                ("version", &t.number(r.model_version)),
                ("date", &t.date_of(r.trained_at.as_deref().unwrap_or_default())),
                ("viewers", &t.number(r.users)),
                ("channels", &t.number(r.channels)),
                ("ms", &t.number(r.train_ms)),
            ],
            None,
        )
    };
    let recs_variants = r
        .variants
        .iter()
        .map(|v| {
            [
                v.variant.clone(),
                t.number(v.impressions),
                t.number(v.clicks),
                percent(t, v.click_through_rate),
                t.decimal(v.watch_minutes_per_click, 1),
            ]
        })
        .collect();
    PlatformPage {
        t,
        user: Some(user),
        recs_model,
        recs_variants,
        date: t.date(last_day),
        figures,
        chart_w: CHART_W,
        chart_h: CHART_H,
        dau_bars,
        cohorts,
        weeks,
        revenue,
        by_region: split(&p.revenue_by_region, "country"),
        by_tier: split(&p.revenue_by_tier, "tier"),
        categories,
        countries,
        live,
        health,
        routes,
        p,
    }
}

/// `GET /dashboard/platform`: the operator's dashboard, as of today.
pub(super) async fn show(State(state): State<WebState>, headers: HeaderMap) -> Response {
    let Some(u) = viewer(&state, &headers).await else {
        return Redirect::to("/login?next=/dashboard/platform").into_response();
    };
    let a = &state.analytics;
    if !a.is_operator(&u.login) {
        return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-page");
    }
    let today = a.now().div_euclid(crate::analytics::channel::DAY);
    let p = match a.platform(today, a.health(crate::analytics::api::HEALTH_ROUTES)).await {
        Ok(p) => p,
        Err(e) => return internal(e, Some(u)),
    };
    match state.recs.stats(7).await {
        Ok(r) => render(StatusCode::OK, &page(Catalog::current(), u, p, r)),
        Err(e) => internal(e, Some(u)),
    }
}
