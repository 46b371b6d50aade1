//! What a view beacon becomes: the device class from the User-Agent, the
//! traffic source from the platform's own `?ref=` (else the referrer), and a
//! pseudonymous viewer. Pure functions apart from [`beacon`], the endpoint.

use std::sync::Arc;

use aethex_sdk::{ViewBeacon, ViewEvent, VIEW_SOURCES};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};

use super::{Analytics, Row};
use crate::http::error::{ApiError, ApiResult, Json};

/// The device class of a User-Agent: `tv`, `tablet`, `phone`, `app` (a
/// player that is not a browser, or our own apps) or `desktop`.
pub fn device(user_agent: &str) -> &'static str {
    let ua = user_agent.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| ua.contains(w));
    if has(&[
        "smart-tv",
        "smarttv",
        "googletv",
        "android tv",
        "appletv",
        "apple tv",
        "crkey",
        "tizen",
        "web0s",
        "webos",
        "bravia",
        "aftb",
        "aftm",
        "aftt",
        "roku",
        "hbbtv",
        "playstation",
        "xbox",
    ]) {
        "tv"
    } else if has(&["ipad", "tablet", "kindle", "silk/"]) || (ua.contains("android") && !ua.contains("mobile")) {
        "tablet"
    } else if has(&["iphone", "ipod", "mobile", "windows phone"]) {
        "phone"
    } else if !ua.starts_with("mozilla/") || has(&["aethex", "vlc", "mpv", "lavf", "ffmpeg", "obs-studio"]) {
        "app"
    } else {
        "desktop"
    }
}

/// The traffic source: the platform's own `?ref=` when it names one,
/// else `external` for another site's referrer, else `direct`.
pub fn source(declared: Option<&str>, referrer: Option<&str>, own_host: Option<&str>) -> &'static str {
    if let Some(s) = declared.and_then(|d| VIEW_SOURCES.iter().find(|s| s.eq_ignore_ascii_case(d))) {
        return s;
    }
    let host = referrer.and_then(|r| url::Url::parse(r).ok()).and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    match host {
        Some(h) if Some(h.as_str()) != own_host => "external",
        _ => "direct",
    }
}

/// An id a page made up: 8 to 64 letters, digits, `-` or `_`.
fn valid_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `POST /analytics/views`: a player's start, heartbeat or end.
#[utoipa::path(post, path = "/analytics/views", tag = "analytics", operation_id = "postViewBeacon",
    request_body = ViewBeacon,
    responses((status = 204, description = "Counted (or ignored: the channel is not live, or the browser opted out with DNT or GPC)"),
        (status = 400, description = "Not a beacon", body = aethex_sdk::Problem),
        (status = 413, description = "Larger than 16 KiB", body = aethex_sdk::Problem),
        (status = 415, description = "Not sent as JSON", body = aethex_sdk::Problem),
        (status = 422, description = "JSON, but not a beacon's fields", body = aethex_sdk::Problem)))]
pub async fn beacon(
    State(a): State<Arc<Analytics>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Json(b): Json<ViewBeacon>,
) -> ApiResult<StatusCode> {
    if !valid_id(&b.session) || b.browser.as_deref().is_some_and(|id| !valid_id(id)) {
        return Err(ApiError::bad_request("session and browser are ids of 8 to 64 letters, digits, - or _"));
    }
    let kind = match b.event {
        ViewEvent::Start | ViewEvent::Heartbeat => "view",
        ViewEvent::End => "view_end",
    };
    crate::http::check_login(&b.channel)?;
    if b.source.as_deref().is_some_and(|s| s.chars().count() > 64)
        || b.referrer.as_deref().is_some_and(|r| r.chars().count() > 2048)
    {
        return Err(ApiError::bad_request("source is at most 64 characters, referrer 2048"));
    }
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    // Its HLS requests are this player's, beacon or not: never counted again from them.
    a.beacon_from(crate::ingest::viewer_key(a.client_ip(peer.ip(), &headers), ua.as_bytes()));
    if crate::http::opted_out(&headers) {
        return Ok(StatusCode::NO_CONTENT);
    }
    let Some(live) = a.ingest.get(&b.channel) else { return Ok(StatusCode::NO_CONTENT) };
    let viewer = match crate::auth::pages::web_session(&a.db, &headers).await? {
        Some(s) => format!("u:{}", s.user_id),
        None => a.pseudonym(b.browser.as_deref().unwrap_or(&b.session)),
    };
    a.record(Row {
        viewer: Some(viewer),
        session: Some(b.session),
        device: Some(device(ua).into()),
        source: Some(source(b.source.as_deref(), b.referrer.as_deref(), a.own_host.as_deref()).into()),
        country: a.country(peer.ip(), &headers),
        ..Row::new(a.now(), kind, live.channel_id, Some(live.session_id))
    });
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents_become_device_classes() {
        let cases = [
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "phone"),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", "phone"),
            ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "tablet"),
            ("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", "tablet"),
            ("Mozilla/5.0 (SMART-TV; Linux; Tizen 7.0) AppleWebKit/537.36 SamsungBrowser/5.0 TV Safari/537.36", "tv"),
            ("Mozilla/5.0 (Linux; Android 9; AFTMM Build/PS7233) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", "tv"),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
                "desktop",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15",
                "desktop",
            ),
            ("VLC/3.0.20 LibVLC/3.0.20", "app"),
            ("Lavf/60.16.100", "app"),
            ("", "app"),
        ];
        for (ua, want) in cases {
            assert_eq!(device(ua), want, "{ua}");
        }
    }

    #[test]
    fn sources_come_from_our_links_else_the_referrer() {
        let own = Some("live.example");
        assert_eq!(source(Some("raid"), None, own), "raid");
        assert_eq!(source(Some("Directory"), Some("https://elsewhere.example/"), own), "directory");
        assert_eq!(source(Some("nonsense"), Some("https://news.example/post"), own), "external");
        assert_eq!(source(None, Some("https://live.example/browse"), own), "direct");
        assert_eq!(source(None, Some("not a url"), own), "direct");
        assert_eq!(source(None, None, own), "direct");
    }

    #[test]
    fn page_ids_are_checked() {
        assert!(valid_id("abcdEFGH-_12"));
        assert!(!valid_id("short"));
        assert!(!valid_id(&"x".repeat(65)));
        assert!(!valid_id("has space in it"));
    }
}
