//! Prometheus metrics: request counts and latency histograms per route,
//! method and status, rendered at `GET /metrics` in the text format.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::response::Response;

/// Histogram bucket bounds, seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// The series of one route: (method, status, series).
type RouteSeries = Vec<(&'static str, u16, Series)>;

/// The metrics registry of one server.
pub struct Metrics {
    /// By route; a request that finds its route and method allocates nothing.
    series: Mutex<BTreeMap<String, RouteSeries>>,
    started: Instant,
}

impl Default for Metrics {
    fn default() -> Self {
        Self { series: Mutex::default(), started: Instant::now() }
    }
}

/// Requests of one route (or all), their 5xx and latency buckets.
#[derive(Default)]
struct Tally {
    count: u64,
    errors: u64,
    buckets: [u64; BUCKETS.len()],
}

impl Tally {
    fn add(&mut self, status: u16, s: &Series) {
        self.count += s.count;
        if status >= 500 {
            self.errors += s.count;
        }
        for (mine, theirs) in self.buckets.iter_mut().zip(s.buckets.iter()) {
            *mine += theirs;
        }
    }

    /// The upper bound (ms) of the bucket holding quantile `q`; past the last bound, that bound.
    fn quantile_ms(&self, q: f64) -> f64 {
        let want = (q * self.count as f64).ceil() as u64;
        let i = self.buckets.iter().position(|n| *n >= want.max(1)).unwrap_or(BUCKETS.len() - 1);
        BUCKETS[i] * 1000.0
    }
}

impl Metrics {
    /// Health for the operator's dashboard: totals, and the `top` busiest routes.
    pub fn health(&self, top: usize) -> aethex_sdk::SystemHealth {
        let map = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let mut all = Tally::default();
        let mut routes: BTreeMap<String, Tally> = BTreeMap::new();
        for (method, route, status, s) in sorted(&map) {
            all.add(status, s);
            routes.entry(format!("{method} {route}")).or_default().add(status, s);
        }
        let mut routes: Vec<_> = routes.into_iter().collect();
        routes.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
        aethex_sdk::SystemHealth {
            uptime_seconds: self.started.elapsed().as_secs() as i64,
            requests: all.count as i64,
            error_rate: if all.count == 0 { 0.0 } else { all.errors as f64 / all.count as f64 },
            p50_ms: all.quantile_ms(0.5),
            p99_ms: all.quantile_ms(0.99),
            routes: routes
                .into_iter()
                .take(top)
                .map(|(route, t)| aethex_sdk::RouteHealth {
                    route,
                    requests: t.count as i64,
                    errors: t.errors as i64,
                    p50_ms: t.quantile_ms(0.5),
                    p99_ms: t.quantile_ms(0.99),
                })
                .collect(),
            ..Default::default()
        }
    }

    /// Record one finished request.
    pub fn observe(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        let mut map = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let list = match map.get_mut(route) {
            Some(list) => list,
            None => map.entry(route.to_string()).or_default(),
        };
        let i = match list.iter().position(|(m, st, _)| *m == method && *st == status) {
            Some(i) => i,
            None => {
                list.push((method, status, Series::default()));
                list.len() - 1
            }
        };
        let s = &mut list[i].2;
        s.count += 1;
        s.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                s.buckets[i] += 1;
            }
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let map = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::from(
            "# HELP aethex_http_requests_total HTTP requests by route, method and status.\n# TYPE aethex_http_requests_total counter\n",
        );
        let all = sorted(&map);
        for (m, r, st, s) in &all {
            out.push_str(&format!(
                "aethex_http_requests_total{{method=\"{m}\",route=\"{r}\",status=\"{st}\"}} {}\n",
                s.count
            ));
        }
        out.push_str("# HELP aethex_http_request_duration_seconds HTTP request latency.\n# TYPE aethex_http_request_duration_seconds histogram\n");
        for (m, r, st, s) in &all {
            let labels = format!("method=\"{m}\",route=\"{r}\",status=\"{st}\"");
            for (i, bound) in BUCKETS.iter().enumerate() {
                out.push_str(&format!(
                    "aethex_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}\n",
                    s.buckets[i]
                ));
            }
            out.push_str(&format!("aethex_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n", s.count));
            out.push_str(&format!("aethex_http_request_duration_seconds_sum{{{labels}}} {}\n", s.sum));
            out.push_str(&format!("aethex_http_request_duration_seconds_count{{{labels}}} {}\n", s.count));
        }
        out
    }
}

/// Every series as (method, route, status), in that order.
fn sorted(map: &BTreeMap<String, RouteSeries>) -> Vec<(&'static str, &str, u16, &Series)> {
    let mut all: Vec<_> =
        map.iter().flat_map(|(r, list)| list.iter().map(move |(m, st, s)| (*m, r.as_str(), *st, s))).collect();
    all.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    all
}

/// Time the request `next` answers, labelled by its route template (never the
/// raw path, so label cardinality stays bounded).
pub async fn around<F: std::future::Future<Output = Response>>(
    metrics: &Metrics,
    req: Request,
    next: impl FnOnce(Request) -> F,
) -> Response {
    let route = req.extensions().get::<MatchedPath>().cloned();
    let method = match *req.method() {
        axum::http::Method::GET => "GET",
        axum::http::Method::POST => "POST",
        axum::http::Method::PUT => "PUT",
        axum::http::Method::PATCH => "PATCH",
        axum::http::Method::DELETE => "DELETE",
        axum::http::Method::HEAD => "HEAD",
        _ => "OTHER",
    };
    let started = Instant::now();
    let resp = next(req).await;
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    metrics.observe(method, route, resp.status().as_u16(), started.elapsed().as_secs_f64());
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_buckets() {
        let m = Metrics::default();
        m.observe("GET", "/api/streams", 200, 0.003);
        m.observe("GET", "/api/streams", 200, 0.2);
        let text = m.render();
        assert!(text.contains("aethex_http_requests_total{method=\"GET\",route=\"/api/streams\",status=\"200\"} 2"));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"+Inf\"} 2"));
    }

    #[test]
    fn health_sums_routes_errors_and_quantiles() {
        let m = Metrics::default();
        for _ in 0..98 {
            m.observe("GET", "/a", 200, 0.002);
        }
        m.observe("GET", "/a", 503, 0.3);
        m.observe("POST", "/b", 200, 0.04);
        let h = m.health(1);
        assert_eq!((h.requests, h.routes.len()), (100, 1));
        assert_eq!(h.error_rate, 0.01);
        assert_eq!((h.p50_ms, h.p99_ms), (2.5, 50.0));
        let a = &h.routes[0];
        assert_eq!((a.route.as_str(), a.requests, a.errors), ("GET /a", 99, 1));
        assert_eq!((a.p50_ms, a.p99_ms), (2.5, 500.0));
    }
}
