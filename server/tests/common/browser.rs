//! Headless Chromium driven over the DevTools protocol, for the tests that
//! check pages and players in a real browser, and the ingest benchmark's
//! glass-to-glass measure (which includes this file by path).

use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use tokio_tungstenite::tungstenite::Message;

/// Headless Chromium with a throwaway profile, and its DevTools port.
pub struct Browser {
    child: tokio::process::Child,
    port: u16,
    profile: std::path::PathBuf,
}

impl Browser {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// The same, with more command-line switches (such as an autoplay policy).
    pub async fn start_with(extra: &[&str]) -> Self {
        let profile = aethex_server::testing::temp_dir("chromium");
        let child = tokio::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                // A desktop window: players size their rendition to it.
                "--window-size=1600,1000",
                "about:blank",
            ])
            .args(extra)
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromium (scripts/test installs it)");
        // Chromium writes the port it chose into the profile.
        let file = profile.join("DevToolsActivePort");
        for _ in 0..200 {
            if let Some(port) = std::fs::read_to_string(&file).ok().and_then(|t| t.lines().next()?.parse().ok()) {
                return Self { child, port, profile };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromium never opened its DevTools port");
    }

    /// Open `url` in a new tab (navigated there, so a `#fragment` survives).
    pub async fn open(&self, url: &str) -> Page {
        let mut page = self.blank().await;
        page.navigate(url).await;
        page
    }

    /// The browser itself (targets, permissions, service workers), spoken
    /// to like a tab; reach other targets with [`Page::call_in`].
    pub async fn itself(&self) -> Page {
        let version = format!("http://127.0.0.1:{}/json/version", self.port);
        let v: serde_json::Value = reqwest::Client::new().get(version).send().await.unwrap().json().await.unwrap();
        let ws = v["webSocketDebuggerUrl"].as_str().expect("the browser's endpoint").to_string();
        let (ws, _) = tokio_tungstenite::connect_async(ws.as_str()).await.unwrap();
        Page { ws, next: 0, events: Vec::new() }
    }

    /// A new blank tab (to prepare before navigating).
    pub async fn blank(&self) -> Page {
        let new = format!("http://127.0.0.1:{}/json/new?about:blank", self.port);
        let target: serde_json::Value = reqwest::Client::new().put(new).send().await.unwrap().json().await.unwrap();
        let ws = target["webSocketDebuggerUrl"].as_str().expect("a tab").to_string();
        let (ws, _) = tokio_tungstenite::connect_async(ws.as_str()).await.unwrap();
        Page { ws, next: 0, events: Vec::new() }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// One tab, spoken to over the DevTools protocol.
pub struct Page {
    ws: tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    next: u64,
    /// Events that arrived while waiting for answers, oldest first.
    events: Vec<serde_json::Value>,
}

impl Page {
    /// One DevTools call; its result.
    pub async fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.call_in(None, method, params).await
    }

    /// One DevTools call in an attached target's session (flat mode); its result.
    pub async fn call_in(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: serde_json::Value,
    ) -> serde_json::Value {
        match self.try_call_in(session, method, params).await {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e}"),
        }
    }

    /// One DevTools call; its result, or the error it answered.
    async fn try_call_in(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        self.next += 1;
        let id = self.next;
        let mut call = serde_json::json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            call["sessionId"] = s.into();
        }
        self.ws.send(Message::Text(call.to_string().into())).await.unwrap();
        loop {
            let m = tokio::time::timeout(Duration::from_secs(10), self.ws.next()).await.unwrap().unwrap().unwrap();
            if let Message::Text(t) = m {
                let v: serde_json::Value = serde_json::from_str(&t).unwrap();
                if v["id"] == id {
                    return match v.get("error") {
                        Some(_) => Err(v),
                        None => Ok(v["result"].clone()),
                    };
                }
                if v.get("method").is_some() {
                    self.keep(v);
                }
            }
        }
    }

    /// Keep an event for [`Page::event`]; the oldest go past a thousand.
    fn keep(&mut self, v: serde_json::Value) {
        if self.events.len() >= 1000 {
            self.events.remove(0);
        }
        self.events.push(v);
    }

    /// The first event `method` received so far or within 10 s; its params.
    pub async fn event(&mut self, method: &str) -> serde_json::Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(i) = self.events.iter().position(|e| e["method"] == method) {
                return self.events.remove(i)["params"].clone();
            }
            let m = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .unwrap_or_else(|_| panic!("no {method} event within 10 s"))
                .unwrap()
                .unwrap();
            if let Message::Text(t) = m {
                let v: serde_json::Value = serde_json::from_str(&t).unwrap();
                if v.get("method").is_some() {
                    self.keep(v);
                }
            }
        }
    }

    /// Go to `url`.
    pub async fn navigate(&mut self, url: &str) {
        let nav = self.call("Page.navigate", serde_json::json!({ "url": url })).await;
        assert!(nav.get("errorText").is_none(), "{nav}");
    }

    /// Run `js` in every document this tab loads from now on, before its own scripts.
    pub async fn before_each_document(&mut self, js: &str) {
        self.call("Page.enable", serde_json::json!({})).await;
        self.call("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": js })).await;
    }

    /// Evaluate `js` in the page; its value. Null when the page navigated
    /// away meanwhile (a form submitted, a redirect): pollers try again.
    pub async fn eval(&mut self, js: &str) -> serde_json::Value {
        let params = serde_json::json!({"expression": js, "returnByValue": true});
        match self.try_call_in(None, "Runtime.evaluate", params).await {
            Ok(r) => r["result"]["value"].clone(),
            Err(e) => {
                let m = e["error"]["message"].as_str().unwrap_or_default();
                assert!(
                    m.contains("navigated or closed") || m.contains("context was destroyed"),
                    "Runtime.evaluate: {e}"
                );
                serde_json::Value::Null
            }
        }
    }

    /// The page's visible text.
    pub async fn text(&mut self) -> String {
        self.eval("document.body.innerText").await.as_str().unwrap_or_default().to_string()
    }

    /// Wait until the visible text satisfies `want`; the text.
    pub async fn wait_text(&mut self, what: &str, want: impl Fn(&str) -> bool) -> String {
        let mut text = String::new();
        for _ in 0..100 {
            text = self.text().await;
            if want(&text) {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{what}: the page shows {text:?}");
    }
}

/// Serve `html` at `/` and the pinned hls.js (`tests/js`) at `/hls.min.js`
/// on 127.0.0.1, to be opened as `http://localhost:{port}/`: another origin
/// than a server on `127.0.0.1`. The port.
pub async fn serve_player_page(html: String) -> u16 {
    let js = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/node_modules/hls.js/dist/hls.min.js");
    let js =
        std::fs::read(&js).unwrap_or_else(|e| panic!("{}: {e} (run npm ci --prefix server/tests/js)", js.display()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        while let Ok((mut c, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let n = c.read(&mut buf).await.unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]);
            let (status, kind, body) = if head.starts_with("GET /hls.min.js") {
                ("200 OK", "text/javascript", js.clone())
            } else if head.starts_with("GET / ") {
                ("200 OK", "text/html; charset=utf-8", html.clone().into_bytes())
            } else {
                ("404 Not Found", "text/plain", b"not here".to_vec())
            };
            let head = format!(
                "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = c.write_all(head.as_bytes()).await;
            let _ = c.write_all(&body).await;
        }
    });
    port
}

/// A player page for the pinned hls.js (`/hls.min.js`, see
/// [`serve_player_page`]) playing `playlist` into a video whose picture
/// carries its frame number (16 black or white cells in the top row, their
/// complement below). Every presented frame (requestVideoFrameCallback) is
/// drawn small onto a canvas, its number read back (`frameNumber()`, or -1
/// when the two rows disagree), and the row `[sample]` (JavaScript, with
/// `now`, `meta` and `v` in scope) kept for `take()`. `hls_config` is the
/// player's configuration; `events` collects what `setup` (more script,
/// with `hls` in scope) records.
pub fn frame_reader_page(playlist: &str, hls_config: &str, sample: &str, setup: &str) -> String {
    format!(
        r#"<!doctype html><meta charset=utf-8><title>player</title>
<video id=v muted autoplay playsinline width=640 height=360></video>
<script src="/hls.min.js"></script>
<script>
const v = document.getElementById('v');
const c = document.createElement('canvas'); c.width = 160; c.height = 90;
const g = c.getContext('2d', {{willReadFrequently: true}});
window.events = []; let samples = [];
window.take = () => {{ const s = samples; samples = []; return s; }};
function frameNumber() {{
  g.drawImage(v, 0, 0, 160, 90);
  const d = g.getImageData(0, 0, 160, 20).data;
  let n = 0, m = 0;
  for (let i = 0; i < 16; i++) {{
    if (d[(5 * 160 + i * 10 + 5) * 4] > 128) n |= 1 << i;
    if (d[(15 * 160 + i * 10 + 5) * 4] > 128) m |= 1 << i;
  }}
  return (n ^ m) === 0xffff ? n : -1;
}}
function onFrame(now, meta) {{
  samples.push([{sample}]);
  v.requestVideoFrameCallback(onFrame);
}}
v.requestVideoFrameCallback(onFrame);
const hls = new Hls({hls_config});
window.hls = hls;
{setup}
hls.loadSource({playlist:?});
hls.attachMedia(v);
v.play().catch(e => events.push('play: ' + e));
</script>"#
    )
}
