//! The creator's stream summary page (`/dashboard/analytics`, and
//! `/dashboard/analytics/{stream}` for an older one): the numbers of the
//! analytics capability, charts drawn as SVG on the server (no script), every
//! word from the catalogue.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::{error_page, internal, render, viewer, WebState};
use crate::auth::pages::WebSession;
use crate::i18n::Catalog;
use aethex_sdk::{Breakdown, StreamSummary};

/// Chart size in SVG units (it scales to the panel).
pub(super) const CHART_W: f64 = 600.0;
pub(super) const CHART_H: f64 = 150.0;

/// One bar of a chart, in SVG units, with its accessible label.
pub(super) struct Bar {
    pub(super) x: String,
    pub(super) y: String,
    pub(super) w: String,
    pub(super) h: String,
    pub(super) label: String,
}

#[derive(Template)]
#[template(path = "stream_summary.html")]
struct SummaryPage {
    t: &'static Catalog,
    user: Option<WebSession>,
    summary: Option<StreamSummary>,
    average: String,
    chart_w: f64,
    chart_h: f64,
    viewer_bars: Vec<Bar>,
    chat_bars: Vec<Bar>,
    moments: Vec<String>,
    retention: Vec<String>,
    /// (label, count, bar width of 100).
    funnel: Vec<(String, i64, String)>,
    raids: String,
    breakdowns: Vec<Group>,
}

/// One breakdown panel: (element id, title, shown rows as (label, viewers), hidden viewers).
type Group = (&'static str, String, Vec<(String, i64)>, i64);

/// Bars for `values`, one per minute, scaled to the largest; each labelled by `label`.
pub(super) fn bars(values: &[i64], label: impl Fn(usize, i64) -> String) -> Vec<Bar> {
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = CHART_W / values.len().max(1) as f64;
    let gap = if step > 4.0 { 1.0 } else { 0.0 };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let h = (*v).max(0) as f64 / max * CHART_H;
            Bar {
                x: format!("{:.2}", i as f64 * step),
                y: format!("{:.2}", CHART_H - h),
                w: format!("{:.2}", (step - gap).max(0.5)),
                h: format!("{h:.2}"),
                label: label(i, *v),
            }
        })
        .collect()
}

/// `share` (0 to 1) as a whole percentage in the reader's language.
pub(super) fn percent(t: &Catalog, share: f64) -> String {
    t.with("analytics-percent", "value", &t.number((share * 100.0).round() as i64))
}

/// A breakdown's shown buckets with their labels (`{prefix}-{key}`, else the key itself).
pub(super) fn rows(t: &Catalog, b: &Breakdown, prefix: &str) -> Vec<(String, i64)> {
    b.shown
        .iter()
        .map(|x| {
            let id = format!("{prefix}-{}", x.key);
            // A country code has no message: it shows as the code.
            let label = if t.has(&id) { t.get(&id) } else { x.key.clone() };
            (label, x.viewers)
        })
        .collect()
}

fn page(t: &'static Catalog, user: WebSession, summary: Option<StreamSummary>) -> SummaryPage {
    let Some(s) = summary else {
        return SummaryPage {
            t,
            user: Some(user),
            summary: None,
            average: String::new(),
            chart_w: CHART_W,
            chart_h: CHART_H,
            viewer_bars: Vec::new(),
            chat_bars: Vec::new(),
            moments: Vec::new(),
            retention: Vec::new(),
            funnel: Vec::new(),
            raids: String::new(),
            breakdowns: Vec::new(),
        };
    };
    let minute_says =
        |id: &str, minute: usize, count: i64| t.with_args(id, &[("minute", &t.number(minute as i64))], Some(count));
    let f = &s.funnel;
    let width = |n: i64| format!("{:.1}", if f.viewers > 0 { n as f64 / f.viewers as f64 * 100.0 } else { 0.0 });
    let funnel = [
        ("analytics-funnel-viewers", f.viewers),
        ("analytics-funnel-chatters", f.chatters),
        ("analytics-funnel-followers", f.followers),
        ("analytics-funnel-subscribers", f.subscribers),
    ]
    .iter()
    .map(|(id, n)| (t.get(id), *n, width(*n)))
    .collect();
    SummaryPage {
        t,
        user: Some(user),
        average: t.decimal(s.average_viewers, 2),
        chart_w: CHART_W,
        chart_h: CHART_H,
        viewer_bars: bars(&s.viewers_per_minute, |m, n| minute_says("analytics-minute-viewers", m, n)),
        chat_bars: bars(&s.chat_per_minute, |m, n| minute_says("analytics-minute-messages", m, n)),
        moments: s
            .top_moments
            .iter()
            .map(|m| minute_says("analytics-minute-messages", m.minute as usize, m.messages))
            .collect(),
        retention: s
            .retention
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, share)| {
                t.with_args("analytics-retention-row", &[("percent", &percent(t, *share))], Some(k as i64))
            })
            .collect(),
        funnel,
        raids: t.with_args("analytics-raids", &[("viewers", &t.number(s.raid_viewers))], Some(s.raids)),
        breakdowns: vec![
            ("sources", t.get("analytics-sources"), rows(t, &s.sources, "source"), s.sources.hidden),
            ("devices", t.get("analytics-devices"), rows(t, &s.devices, "device"), s.devices.hidden),
            ("countries", t.get("analytics-countries"), rows(t, &s.countries, "country"), s.countries.hidden),
        ],
        summary: Some(s),
    }
}

async fn show(state: &WebState, u: WebSession, stream: Option<i64>) -> Response {
    let t = Catalog::current();
    let a = &state.analytics;
    let id = match stream {
        Some(id) => Some(id),
        None => match a.last_stream(u.user_id).await {
            Ok(id) => id,
            Err(e) => return internal(e, Some(u)),
        },
    };
    let summary = match id {
        Some(id) => match a.summary(id).await {
            Ok(s) => s,
            Err(e) => return internal(e, Some(u)),
        },
        None => None,
    };
    // Another channel's stream is as absent as one that never was.
    if stream.is_some() && summary.as_ref().is_none_or(|s| s.broadcaster_user_id != u.user_id.to_string()) {
        return error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-page");
    }
    render(StatusCode::OK, &page(t, u, summary))
}

/// `GET /dashboard/analytics`: the latest broadcast's summary.
pub(super) async fn latest(State(state): State<WebState>, headers: HeaderMap) -> Response {
    match viewer(&state, &headers).await {
        Some(u) => show(&state, u, None).await,
        None => Redirect::to("/login?next=/dashboard/analytics").into_response(),
    }
}

/// `GET /dashboard/analytics/{stream}`: one broadcast's summary.
pub(super) async fn stream(State(state): State<WebState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let Some(u) = viewer(&state, &headers).await else {
        return Redirect::to("/login?next=/dashboard/analytics").into_response();
    };
    match id.parse::<i64>() {
        Ok(id) if id > 0 => show(&state, u, Some(id)).await,
        _ => error_page(StatusCode::NOT_FOUND, Some(u), "not-found-title", "not-found-page"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_tallest_and_fill_the_width() {
        let b = bars(&[1, 4, 0, 2], |m, n| format!("{m}:{n}"));
        assert_eq!(b.len(), 4);
        assert_eq!((b[1].y.as_str(), b[1].h.as_str()), ("0.00", "150.00"), "the tallest fills the height");
        assert_eq!(b[2].h, "0.00");
        assert_eq!(b[0].h, "37.50");
        assert_eq!(b[3].x, "450.00");
        assert_eq!(b[3].label, "3:2");
        assert!(bars(&[], |_, _| String::new()).is_empty());
    }
}
