//! Every page in the visitor's language: chosen by the `lang` cookie (the
//! picker, and the user's setting at log-in), else `Accept-Language`, else the
//! operator's default; `lang` and `dir` on the page; numbers, dates and money
//! per locale; streams filtered by language. In Chromium: no text overflows
//! its box at 360 px or 1280 px in the pseudo-locale, German and Arabic
//! (`tests/js/overflow.js` lists offenders), and the channel page in Japanese
//! and Arabic is photographed for the README.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::time::{Duration, Instant};

use aethex_sdk::ChannelUpdate;
use common::browser::{Browser, Page};
use common::{csrf_of, publish_picture, set_cookies, Backend, TestServer};

const PW: &str = "a good password";

/// The `<html ...>` tag of a page.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").expect("an html tag");
    &page[start..start + page[start..].find('>').unwrap()]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_speak_the_visitors_language() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| c.languages.default = "fr").await;
    s.user("lang_user", Some(PW)).await;
    let http = s.http();
    let get = |path: &str, headers: &[(&str, &str)]| {
        let mut req = http.get(s.url(path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send()
    };
    // No preference: the operator's default (French here).
    let r = get("/", &[]).await.unwrap();
    let vary: Vec<&str> = r.headers().get_all("vary").iter().filter_map(|v| v.to_str().ok()).collect();
    assert!(vary.iter().any(|v| v.contains("Accept-Language")), "{vary:?}");
    let page = r.text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="fr" dir="ltr""#);
    assert!(page.contains("En direct"), "French text");
    // The browser's languages, by quality; a language we lack falls through.
    let page = get("/", &[("accept-language", "nl, de-AT;q=0.9, en;q=0.5")]).await.unwrap().text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="de" dir="ltr""#);
    let page = get("/", &[("accept-language", "ar-EG")]).await.unwrap().text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="ar" dir="rtl""#, "Arabic is right to left");
    // The cookie beats the browser; a bad cookie is ignored.
    let page = get("/", &[("accept-language", "de"), ("cookie", "lang=ja")]).await.unwrap().text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="ja" dir="ltr""#);
    let page = get("/", &[("accept-language", "de"), ("cookie", "lang=<x>")]).await.unwrap().text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="de" dir="ltr""#);
    // The 404 page and the log-in page too; the API's problem JSON stays English.
    let r = get("/no_such_channel_here", &[("accept-language", "es")]).await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(html_tag(&r.text().await.unwrap()).contains(r#"lang="es""#));
    assert!(html_tag(&get("/login", &[("accept-language", "ko")]).await.unwrap().text().await.unwrap()).contains("ko"));
    let r = get("/api/channels/no_such_channel_here", &[("accept-language", "de")]).await.unwrap();
    assert!(r.text().await.unwrap().contains("does not exist"), "problem JSON in English");

    // The OBS overlays: their alerts in the language asked for (`?lang=`), with each plural form.
    let page = get("/overlay/lang_user/alerts?lang=ru", &[]).await.unwrap().text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="ru" dir="ltr""#);
    let messages: serde_json::Value =
        serde_json::from_str(page.split("const M = ").nth(1).unwrap().split(";\n").next().unwrap()).unwrap();
    let raid = messages["raid"].as_array().unwrap();
    assert_eq!(raid.len(), 111);
    assert_ne!(raid[1], raid[5], "Russian: 1 and 5 viewers take different words");
    assert_eq!(raid[1], raid[21], "and 21 the same as 1");
    let page = get("/overlay/lang_user/alerts", &[("accept-language", "ar")]).await.unwrap().text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="ar" dir="rtl""#);

    // The picker: a cookie, back where the visitor was; another site's form is refused.
    let pick = |lang: &str, next: &str, origin: Option<&str>| {
        let mut req = http.post(s.url("/language")).form(&[("lang", lang), ("next", next)]);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        req.send()
    };
    let r = pick("pl", "/directory", None).await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/directory"));
    assert!(set_cookies(r.headers()).contains("lang=pl"));
    assert_eq!(pick("pl", "//evil.example/x", None).await.unwrap().headers()["location"], "/", "only paths here");
    assert_eq!(pick("xx", "/", None).await.unwrap().status(), 422);
    assert_eq!(pick("en-XA", "/", None).await.unwrap().status(), 422, "the pseudo-locale is off unless offered");
    assert_eq!(pick("pl", "/", Some("https://evil.example")).await.unwrap().status(), 403);

    // A signed-in user's choice is their setting: another device gets it at log-in.
    let browser = s.browser();
    s.browser_login(&browser, "lang_user", PW).await;
    let csrf = csrf_of(&browser.get(s.url("/settings")).send().await.unwrap().text().await.unwrap());
    let r = browser.post(s.url("/language")).form(&[("lang", "it"), ("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let r = browser.post(s.url("/language")).form(&[("lang", "de")]).send().await.unwrap();
    assert_eq!(r.status(), 403, "a signed-in change needs the session's token");
    let other = s.browser();
    s.browser_login(&other, "lang_user", PW).await;
    let page = other.get(s.url("/")).send().await.unwrap().text().await.unwrap();
    assert_eq!(html_tag(&page), r#"<html lang="it" dir="ltr""#, "the setting came back at log-in");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_filter_by_language_and_money_follows_iso_4217() {
    let s = TestServer::start(Backend::Sqlite).await;
    s.user("lang_de", None).await;
    s.user("lang_ja", Some(PW)).await;
    s.user("lang_fan", Some(PW)).await;
    for (login, lang) in [("lang_de", "de"), ("lang_ja", "ja")] {
        let owner = s.client_with(&s.token(login, "stream:key channel:manage").await);
        let update =
            ChannelUpdate { language: Some(lang.into()), title: Some(format!("{lang} stream")), ..Default::default() };
        owner.update_channel(login, &update).await.unwrap();
    }
    let mut publishers = Vec::new();
    for login in ["lang_de", "lang_ja"] {
        let key = s.client_with(&s.token(login, "stream:key").await).stream_key(login).await.unwrap().stream_key;
        publishers.push(publish_picture(s.rtmp, &key, "testsrc2=size=320x180:rate=15"));
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        use futures_util::TryStreamExt as _;
        let live: Vec<_> = s.client().streams(true, None).try_collect().await.unwrap();
        if live.len() == 2 {
            break;
        }
        assert!(Instant::now() < deadline, "both streams live");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    use futures_util::TryStreamExt as _;
    let de: Vec<_> = s.client().streams_in(true, None, Some("DE")).try_collect().await.unwrap();
    assert_eq!(de.iter().map(|s| s.broadcaster_login.as_str()).collect::<Vec<_>>(), ["lang_de"]);
    let empty = s.http().get(s.url("/api/streams?language=")).send().await.unwrap();
    assert_eq!(empty.status(), 400, "an empty language is no language tag");
    let bad = s.http().get(s.url("/api/streams?language=<b>")).send().await.unwrap();
    assert_eq!(bad.status(), 400);
    let problem: serde_json::Value = bad.json().await.unwrap();
    assert!(problem["message"].as_str().unwrap().contains("language tag"), "{problem}");
    // The directory: the filter lists the languages live now, by their own names.
    let page = s.http().get(s.url("/directory?language=ja")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(">日本語<") && page.contains(">Deutsch<"), "the filter's languages");
    assert!(page.contains("/lang_ja") && !page.contains("href=\"/lang_de"), "only Japanese streams");

    // Money: unknown codes refused by the API; amounts in each currency's minor units.
    let fan = s.client_with(&s.token("lang_fan", "donations:write").await);
    let gift = |amount: i64, currency: &str| aethex_sdk::DonationRequest {
        broadcaster_login: "lang_ja".into(),
        amount,
        currency: currency.into(),
        message: String::new(),
        donor_name: None,
    };
    let err = fan.donate(&gift(500, "XYZ"), None).await.unwrap_err();
    assert!(err.to_string().contains("ISO 4217"), "{err}");
    // The page's form takes "4,99" as a European types it, and yen without decimals.
    let browser = s.browser();
    s.browser_login(&browser, "lang_fan", PW).await;
    let html = browser.get(s.url("/lang_ja")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&html);
    let donate = |amount: &str, currency: &str| {
        let form = [("csrf", csrf.as_str()), ("amount", amount), ("currency", currency)];
        browser.post(s.url("/lang_ja/donate")).header("accept", "application/json").form(&form).send()
    };
    for (amount, currency, ok) in [
        ("4,99", "EUR", true),
        ("500", "JPY", true),
        ("1.250", "KWD", true),
        ("4.5", "JPY", false),
        ("5", "XYZ", false),
    ] {
        let r = donate(amount, currency).await.unwrap();
        assert_eq!(r.status().is_success(), ok, "{amount} {currency}: {}", r.status());
    }
    let owner = s.client_with(&s.token("lang_ja", "donations:read").await);
    let got: Vec<_> = owner.donations("lang_ja").try_collect().await.unwrap();
    let mut amounts: Vec<(i64, String)> = got.iter().map(|d| (d.amount, d.currency.clone())).collect();
    amounts.sort();
    assert_eq!(amounts, [(499, "EUR".into()), (500, "JPY".into()), (1250, "KWD".into())]);
    // Takings in one display currency, converted with the ECB's published rates
    // (28 June 2024, CSV layout; the KWD column is one an operator added by hand).
    let rates = s.data_dir.join("eurofxref.csv");
    std::fs::write(&rates, "Date, USD, JPY, GBP, KWD, \n28 June 2024, 1.0705, 171.94, 0.84638, 0.3283, \n").unwrap();
    let out = common::admin(&s.data_dir, None, &["rates", "load", rates.to_str().unwrap()]);
    assert_eq!(out, "loaded 4 rates of 28 June 2024");
    let bad = s.data_dir.join("bad.csv");
    std::fs::write(&bad, "Date, XYZ,\n1 July 2024, 1.5,\n").unwrap();
    let failed = std::process::Command::new(env!("CARGO_BIN_EXE_aethex-server"))
        .args(["rates", "load", bad.to_str().unwrap()])
        .env("AETHEX_DATA_DIR", &s.data_dir)
        .output()
        .unwrap();
    assert!(
        !failed.status.success() && String::from_utf8_lossy(&failed.stderr).contains("XYZ"),
        "a bad file is refused"
    );
    let host = s.browser();
    s.browser_login(&host, "lang_ja", PW).await;
    let html = host.get(s.url("/dashboard?currency=usd")).send().await.unwrap().text().await.unwrap();
    let revenue = html.split("id=\"revenue-h\"").nth(1).unwrap().split("</section>").next().unwrap();
    for each in ["4.99 EUR", "500 JPY", "1.250 KWD"] {
        assert!(revenue.contains(each), "{each} in its own currency: {revenue}");
    }
    // 4.99 EUR = 5.34 USD; 500 JPY = 3.11 USD; 1.250 KWD = 3.807 EUR = 4.08 USD.
    assert!(revenue.contains("Total: about 12.53 USD"), "{revenue}");
    assert!(revenue.contains("28 June 2024"), "the rates' date is shown");
    // The same page for a German reader: German numbers, the same money.
    let r =
        host.post(s.url("/language")).form(&[("lang", "de"), ("csrf", csrf_of(&html).as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let html = host.get(s.url("/dashboard?currency=JPY")).send().await.unwrap().text().await.unwrap();
    let revenue = html.split("id=\"revenue-h\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(revenue.contains("4,99 EUR") && revenue.contains("1,250 KWD"), "{revenue}");
    // 4.99 EUR = 858 yen; 500 yen; 1.250 KWD = 654.66, so 655 yen: 2013 yen, grouped the German way.
    assert!(revenue.contains("2.013 JPY"), "{revenue}");
    for mut p in publishers {
        let _ = p.kill();
        let _ = p.wait();
    }
    s.stop().await;
}

/// Load each of `paths` in en-XA, German and Arabic at 360 and 1280 px
/// and run `js/overflow.js`; offenders are added to `out`. Pages visited.
async fn overflowing(page: &mut Page, s: &TestServer, paths: &[&str], out: &mut Vec<String>) -> usize {
    let mut visited = 0;
    for lang in ["en-XA", "de", "ar"] {
        page.call("Network.setCookie", serde_json::json!({"name": "lang", "value": lang, "url": s.url("/")})).await;
        for (width, height, mobile) in [(360, 740, true), (1280, 800, false)] {
            let metrics =
                serde_json::json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile});
            page.call("Emulation.setDeviceMetricsOverride", metrics).await;
            for path in paths {
                page.navigate(&s.url(path)).await;
                let loaded =
                    format!("document.readyState === 'complete' && document.documentElement.lang === '{lang}'");
                until(page, path, &loaded).await;
                // Web fonts and the player settle their boxes after `load`.
                tokio::time::sleep(Duration::from_millis(150)).await;
                visited += 1;
                for o in page.eval(include_str!("js/overflow.js")).await.as_array().unwrap() {
                    out.push(format!("{lang} {width}px {path}: {o}"));
                }
            }
        }
    }
    visited
}

/// Wait until `js` is true in the page.
async fn until(page: &mut Page, what: &str, js: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if page.eval(js).await == serde_json::Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: not within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_text_overflows_in_long_and_right_to_left_languages() {
    tokio::time::timeout(Duration::from_secs(240), overflow()).await.expect("the overflow check finished");
}

async fn overflow() {
    let s = TestServer::start_custom(Backend::Sqlite, |c| {
        c.languages.pseudo = true;
        c.record = true;
        c.operators = vec!["i18n_caster".into()];
    })
    .await;
    s.user("i18n_caster", Some(PW)).await;
    s.user("i18n_fan", None).await;
    let owner = s.client_with(&s.token("i18n_caster", "stream:key channel:manage").await);
    let update = ChannelUpdate {
        title: Some("Speedrun practice: any% glitchless, then viewer requests".into()),
        category: Some("Science & Technology".into()),
        tags: Some(vec!["speedrun".into(), "english".into(), "chill".into()]),
        description: Some("A long description of the channel, to see that the about box wraps its words.".into()),
        ..Default::default()
    };
    owner.update_channel("i18n_caster", &update).await.unwrap();
    let key = owner.stream_key("i18n_caster").await.unwrap().stream_key;
    let mut ff = publish_picture(s.rtmp, &key, "testsrc2=size=640x360:rate=30");
    let fan = s.client_with(&s.token("i18n_fan", "user:edit:follows donations:write").await);
    fan.follow("i18n_caster").await.unwrap();
    let gift = aethex_sdk::DonationRequest {
        broadcaster_login: "i18n_caster".into(),
        amount: 123_456,
        currency: "EUR".into(),
        message: "Danke für den Stream!".into(),
        donor_name: None,
    };
    fan.donate(&gift, None).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while s.client().live_stream("i18n_caster").await.unwrap().is_none() {
        assert!(Instant::now() < deadline, "the stream went live");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let browser = Browser::start().await;
    let mut page = browser.open(&s.url("/login?next=/")).await;
    until(&mut page, "the login form", "!!document.querySelector('form input[name=password]')").await;
    page.eval(
        "(f => { f.login.value = 'i18n_caster'; f.password.value = 'a good password'; f.submit(); })\
         (document.querySelector('form input[name=password]').form)",
    )
    .await;
    until(&mut page, "signed in", "location.pathname === '/' && document.readyState === 'complete'").await;
    let signed_in = [
        "/",
        "/directory",
        "/search?query=speedrun",
        "/i18n_caster",
        "/dashboard",
        "/dashboard/analytics",
        "/dashboard/platform",
        "/settings",
        "/no_such_page_x",
        "/offline",
    ];
    let signed_out = ["/login", "/signup", "/activate"];
    let mut offenders = Vec::new();
    let mut visited = overflowing(&mut page, &s, &signed_in, &mut offenders).await;
    // Signed out: the log-in, sign-up and device pages.
    page.call("Network.deleteCookies", serde_json::json!({"name": "aethex_session", "url": s.url("/")})).await;
    visited += overflowing(&mut page, &s, &signed_out, &mut offenders).await;
    for o in &offenders {
        println!("overflow: {o}");
    }
    assert_eq!(visited, 3 * 2 * (signed_in.len() + signed_out.len()));
    assert!(offenders.is_empty(), "text wider than its box:\n{}", offenders.join("\n"));

    // The pseudo-locale leaves no page text untranslated: every visible text
    // node of the channel page carries its accents (names and titles people
    // typed excepted).
    page.call("Network.setCookie", serde_json::json!({"name": "lang", "value": "en-XA", "url": s.url("/")})).await;
    for path in signed_in.iter().chain(signed_out.iter()) {
        page.navigate(&s.url(path)).await;
        until(&mut page, path, "document.readyState === 'complete' && document.documentElement.lang === 'en-XA'").await;
        let plain = page
            .eval(
                "(() => { const typed = ['Speedrun practice', 'Science & Technology', 'speedrun', 'english', 'chill', \
                 'A long description', 'i18n_caster', 'i18n_fan', 'Danke']; const out = []; \
                 const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); \
                 while (w.nextNode()) { const n = w.currentNode; const t = n.textContent.trim(); const el = n.parentElement; \
                 if (!t || !/[A-Za-z]{3,}/.test(t) || t.includes('⟦')) continue; \
                 if (el.closest('script, style, code, time, #chat-lines, option')) continue; \
                 if (typed.some(x => t.includes(x))) continue; out.push(el.tagName + ': ' + t.slice(0, 50)); } return out; })()",
            )
            .await;
        assert_eq!(plain, serde_json::json!([]), "{path}: text not from the catalogue");
    }

    // Screenshots of the channel page in Japanese and Arabic.
    for lang in ["ja", "ar"] {
        page.call("Network.setCookie", serde_json::json!({"name": "lang", "value": lang, "url": s.url("/")})).await;
        for (device, width, height, mobile) in [("desktop", 1280, 800, false), ("phone", 360, 740, true)] {
            let metrics =
                serde_json::json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile});
            page.call("Emulation.setDeviceMetricsOverride", metrics).await;
            page.navigate(&s.url("/i18n_caster")).await;
            until(
                &mut page,
                "the channel page",
                &format!("document.documentElement.lang === '{lang}' && document.readyState === 'complete'"),
            )
            .await;
            until(
                &mut page,
                "the player's poster or video",
                "(v => !!v && (v.readyState >= 2 || !!document.querySelector('.tap-to-play')))(document.getElementById('video'))",
            )
            .await;
            let png = page.call("Page.captureScreenshot", serde_json::json!({"format": "png"})).await;
            use base64::Engine as _;
            let png = base64::engine::general_purpose::STANDARD.decode(png["data"].as_str().unwrap()).unwrap();
            assert!(png.len() > 10_000, "a real picture");
            if let Some(dir) = std::env::var_os("AETHEX_SCREENSHOTS_DIR") {
                std::fs::write(std::path::Path::new(&dir).join(format!("channel-{lang}-{device}.png")), &png).unwrap();
            }
        }
    }
    let _ = ff.kill();
    let _ = ff.wait();
    s.stop().await;
}
