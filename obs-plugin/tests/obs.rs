//! The plugin inside a real OBS: Debian's OBS 29 under Xvfb with the built
//! plugin installed into a temporary OBS profile, driven over obs-websocket v5
//! the way scripts drive OBS, against a real AeThex server in this process.
//! Go-live by hotkey name reaches the server as an RTMP publish; a follow and
//! a donation are drawn by the alerts source (its screenshot gains visible
//! pixels) and the follow's sound plays through the source (OBS's volume
//! meters see it); ending the stream takes the channel offline.
#![cfg(feature = "obs")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

mod harness;

use std::time::Duration;

use harness::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn go_live_alerts_and_end_stream_inside_real_obs() {
    let (rig, mut obs) = rig("it").await;
    let (dir, srv, api, display) = (&rig.dir, &rig.srv, &rig.api, &rig.display);

    // The plugin is loaded: its sources and hotkeys exist.
    let kinds = obs.call("GetInputKindList", json!({})).await;
    let kinds: Vec<&str> = kinds["inputKinds"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert!(kinds.contains(&"aethex_alerts") && kinds.contains(&"aethex_chat"), "{kinds:?}");
    let hotkeys = obs.call("GetHotkeyList", json!({})).await;
    let hotkeys: Vec<&str> = hotkeys["hotkeys"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert!(hotkeys.contains(&"aethex.go_live") && hotkeys.contains(&"aethex.end_stream"), "{hotkeys:?}");

    // The alerts source in the scene, with the go-live settings; empty at first.
    let scene =
        obs.call("GetCurrentProgramScene", json!({})).await["currentProgramSceneName"].as_str().unwrap().to_string();
    let image = dir.join("follow.png");
    red_square(&image);
    let sound = dir.join("follow.mp3");
    tone(&sound).await;
    let settings = json!({"server": srv.base, "title": "Live from OBS", "category": "Retro", "tags": "obs, test", "image_follow": image, "sound_follow": sound});
    obs.call("CreateInput", json!({"sceneName": scene, "inputName": "AeThex Alerts", "inputKind": "aethex_alerts", "inputSettings": settings, "sceneItemEnabled": true})).await;
    obs.call("CreateInput", json!({"sceneName": scene, "inputName": "AeThex Chat", "inputKind": "aethex_chat", "inputSettings": {}, "sceneItemEnabled": true})).await;
    let (empty, _) = obs.visible_pixels("AeThex Alerts").await;
    assert_eq!(empty, 0, "nothing drawn without an alert");

    // Go live by hotkey name: OBS publishes to AeThex's ingest and the channel turns live.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.go_live"})).await;
    eventually("the channel turning live", 60, || async {
        api.channel("streamer").await.map(|c| c.is_live).unwrap_or(false)
    })
    .await;
    let channel = api.channel("streamer").await.unwrap();
    assert_eq!((channel.title.as_str(), channel.category.as_str()), ("Live from OBS", "Retro"));
    assert_eq!(channel.tags, ["obs", "test"]);
    let status = obs.call("GetStreamStatus", json!({})).await;
    assert_eq!(status["outputActive"], true);
    let service = obs.call("GetStreamServiceSettings", json!({})).await;
    assert_eq!(service["streamServiceType"], "rtmp_custom");
    assert!(service["streamServiceSettings"]["server"].as_str().unwrap().starts_with("rtmp://"));

    // Notices ("you are live") fade; then a follow and a donation are drawn.
    let mut quiet = false;
    for _ in 0..80 {
        if obs.visible_pixels("AeThex Alerts").await.0 == 0 {
            quiet = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(quiet, "the go-live notice should fade");
    let mut meters = Obs::connect_with(rig.port, VOLUME_METERS).await;
    let before = meters.loudest("AeThex Alerts", 0.01, Duration::from_secs(1)).await;
    assert!(before < 0.01, "silent before any alert: peak {before}");
    let fan = aethex_sdk::Client::new(&srv.base)
        .unwrap()
        .with_token(srv.token("fan", "user:edit:follows donations:write").await);
    fan.follow("streamer").await.unwrap();
    fan.donate(
        &aethex_sdk::DonationRequest {
            broadcaster_login: "streamer".into(),
            amount: 500,
            currency: "USD".into(),
            message: "great run".into(),
            donor_name: None,
        },
        Some("obs-test-donation"),
    )
    .await
    .unwrap();
    let mut drawn = (0, 0, Vec::new());
    for _ in 0..80 {
        drawn = obs.pixels("AeThex Alerts").await;
        if drawn.0 > 500 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(drawn.0 > 500, "the alert is drawn: {} visible pixels", drawn.0);
    assert!(drawn.1 >= 64 * 64 * 9 / 10, "the follow alert's image is drawn: {} red pixels", drawn.1);
    // The tone ffmpeg made peaks at 1/8 of full scale.
    let peak = meters.loudest("AeThex Alerts", 0.08, Duration::from_secs(15)).await;
    assert!(peak >= 0.08, "the follow alert's sound plays through the source: peak {peak}");
    std::fs::write(dir.join("alerts.png"), &drawn.2).unwrap();
    if let Ok(out) = std::env::var("AETHEX_OBS_SCREENSHOT") {
        // For the docs: OBS's own window, live, with the alert in the preview.
        let grab = [
            "-loglevel",
            "error",
            "-y",
            "-f",
            "x11grab",
            "-video_size",
            "1280x720",
            "-i",
            display,
            "-frames:v",
            "1",
            &out,
        ];
        let _ = tokio::process::Command::new("ffmpeg").args(grab).status().await;
    }

    // End the stream: the channel goes offline and OBS gets its previous service back.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.end_stream"})).await;
    eventually("the channel going offline", 30, || async {
        !api.channel("streamer").await.map(|c| c.is_live).unwrap_or(true)
    })
    .await;
    let mut restored = false;
    for _ in 0..40 {
        let s = obs.call("GetStreamServiceSettings", json!({})).await;
        if s["streamServiceType"] != "rtmp_custom" {
            restored = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(restored, "the previous streaming service is restored");
    let _ = std::fs::remove_dir_all(dir);
}

/// A creator without a token logs in from the plugin's settings view (device
/// flow: the code shows in OBS's log and on the alerts source), approves it in
/// the browser, and goes live with the saved login.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn device_login_from_the_settings_view_then_go_live() {
    let (rig, mut obs) = rig_with("login", false).await;
    let (dir, srv, api) = (&rig.dir, &rig.srv, &rig.api);
    let scene =
        obs.call("GetCurrentProgramScene", json!({})).await["currentProgramSceneName"].as_str().unwrap().to_string();
    obs.call("CreateInput", json!({"sceneName": scene, "inputName": "AeThex Alerts", "inputKind": "aethex_alerts", "inputSettings": {"server": srv.base}, "sceneItemEnabled": true})).await;
    let log = || std::fs::read_to_string(dir.join("obs.log")).unwrap_or_default();

    // Logged out, go-live says so where the streamer looks, and nothing is published.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.go_live"})).await;
    eventually("the not-logged-in notice", 20, || async { log().contains("not logged in") }).await;
    let shown = obs.drawn("AeThex Alerts", Duration::from_secs(10)).await;
    assert!(shown > 0, "the notice is drawn on the alerts source");
    assert!(!api.channel("streamer").await.unwrap().is_live);

    // The settings view's "Log in to AeThex" button starts the device flow.
    obs.call("PressInputPropertiesButton", json!({"inputName": "AeThex Alerts", "propertyName": "aethex_login"})).await;
    let mut code = None;
    for _ in 0..80 {
        code = log().lines().find_map(|l| l.split_once(" and enter ").map(|(_, c)| c.trim().to_string()));
        if code.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let code = code.expect("the login code in OBS's log");
    srv.approve_device("streamer", PASSWORD, &code).await;
    eventually("the login being saved", 30, || async { log().contains("logged in as streamer") }).await;
    // Stored where the aethex CLI reads it: OBS runs with the file store, so the
    // credentials file in its config directory, under this server's default
    // account, read back the way the CLI reads it. Only facts about the tokens
    // are asserted, so a failure never prints one.
    let config = rig.home.join(".config/aethex");
    let store = aethex_sdk::credentials::CredentialStore::new(&config, aethex_sdk::credentials::Mode::File);
    let account = aethex_sdk::credentials::account(&srv.base, "default");
    let saved = store.load(&account).await.unwrap_or_else(|e| panic!("the saved login is unreadable: {e}"));
    let (creds, at) = saved.unwrap_or_else(|| panic!("no login saved for {account} in {}", config.display()));
    assert_eq!(at, aethex_sdk::credentials::Location::File(config.join("credentials.json")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(config.join("credentials.json")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the credentials file is private to its owner");
    }
    assert_eq!(creds.server, srv.base.trim_end_matches('/'));
    assert_eq!(creds.login.as_deref(), Some("streamer"));
    assert!(creds.expires_at > aethex_sdk::time::now_ms() / 1000, "the saved token has not expired");
    // What going live below needs.
    for scope in ["channel:manage", "stream:key"] {
        assert!(creds.scopes.iter().any(|s| s == scope), "the saved login grants {scope}: {:?}", creds.scopes);
    }
    let who = aethex_sdk::Client::new(&srv.base).unwrap().with_token(creds.access_token).validate().await;
    assert_eq!(who.expect("the server accepts the saved token").login.as_deref(), Some("streamer"));

    // The saved login goes live.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.go_live"})).await;
    eventually("the channel turning live", 60, || async {
        api.channel("streamer").await.map(|c| c.is_live).unwrap_or(false)
    })
    .await;
    // Going live again while OBS streams is refused with a reason; the stream goes on.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.go_live"})).await;
    eventually("the already-streaming notice", 20, || async { log().contains("already streaming") }).await;
    assert_eq!(obs.call("GetStreamStatus", json!({})).await["outputActive"], true);
    assert!(api.channel("streamer").await.unwrap().is_live);
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.end_stream"})).await;
    eventually("the channel going offline", 30, || async {
        !api.channel("streamer").await.map(|c| c.is_live).unwrap_or(true)
    })
    .await;
    let _ = std::fs::remove_dir_all(dir);
}

/// With OBS's interface in French, the plugin speaks French: it reads its
/// French locale file (OBS's `data/locale/fr-FR.ini` convention), the settings
/// view's alert-language list (read back through obs-websocket's
/// `GetInputPropertiesListPropertyItems`) starts with its French label, the
/// default alert texts OBS stores are the French ones, and going live while
/// logged out is explained in French on the alerts source and in the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_in_french_shows_the_plugin_in_french() {
    let (rig, mut obs) = rig_in("fr", false, "fr-FR").await;
    let locale = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/locale/{name}.ini"));
        aethex_obs::locale::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let (french, english) = (locale("fr-FR"), locale("en-US"));
    for key in ["Prop.AlertLanguage.SameAsObs", "Template.Follow", "GoLive.NotLoggedIn"] {
        assert_ne!(french[key], english[key], "{key} is translated");
    }
    let log = || std::fs::read_to_string(rig.dir.join("obs.log")).unwrap_or_default();
    assert!(log().contains("interface language fr-FR: using fr-FR"), "the plugin follows OBS's language");

    let scene =
        obs.call("GetCurrentProgramScene", json!({})).await["currentProgramSceneName"].as_str().unwrap().to_string();
    obs.call("CreateInput", json!({"sceneName": scene, "inputName": "Alertes", "inputKind": "aethex_alerts", "inputSettings": {"server": rig.srv.base}, "sceneItemEnabled": true})).await;
    let items = obs
        .call("GetInputPropertiesListPropertyItems", json!({"inputName": "Alertes", "propertyName": "alert_language"}))
        .await;
    let items = items["propertyItems"].as_array().unwrap();
    assert_eq!(items[0]["itemName"], french["Prop.AlertLanguage.SameAsObs"], "{items:?}");
    assert_eq!(items[0]["itemValue"], "");
    let offered: Vec<(&str, &str)> =
        items[1..].iter().map(|i| (i["itemValue"].as_str().unwrap(), i["itemName"].as_str().unwrap())).collect();
    assert_eq!(offered, aethex_obs::locale::LANGUAGES.to_vec(), "every language, named in itself");

    let defaults = obs.call("GetInputDefaultSettings", json!({"inputKind": "aethex_alerts"})).await;
    let defaults = &defaults["defaultInputSettings"];
    for (setting, key) in [
        ("template_follow", "Template.Follow"),
        ("template_subscribe", "Template.Subscribe"),
        ("template_donation", "Template.Donation"),
        ("template_raid", "Template.Raid"),
    ] {
        assert_eq!(defaults[setting], french[key], "{setting}: {defaults}");
    }

    // Logged out: go-live says why, in French, where the streamer looks.
    obs.call("TriggerHotkeyByName", json!({"hotkeyName": "aethex.go_live"})).await;
    let why = french["GoLive.NotLoggedIn"].clone();
    eventually("the French not-logged-in notice in the log", 20, || async { log().contains(&why) }).await;
    let shown = obs.drawn("Alertes", Duration::from_secs(10)).await;
    assert!(shown > 0, "the notice is drawn on the alerts source");
    let _ = std::fs::remove_dir_all(&rig.dir);
}
