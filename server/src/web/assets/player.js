// The channel page's player: hls.js (vendored, low-latency mode) where the
// browser has Media Source Extensions, else the browser's own HLS (Safari on
// iPhone). A quality menu lists the ABR renditions; when the stream ends the
// page says so instead of spinning. All strings come from the page (the
// message catalogue), none from here.
"use strict";
(function () {
  const box = document.getElementById("player");
  const video = document.getElementById("video");
  const status = document.getElementById("player-status");
  if (!box || !video) return;
  const src = box.dataset.src;
  const say = (key) => { status.textContent = box.dataset[key] || ""; };
  const offline = () => { say("msgOffline"); box.classList.add("ended"); };

  // Is the channel still live? (A 404 from the master playlist means it ended.)
  function checkLive() {
    return fetch(src, { cache: "no-store" }).then((r) => r.status !== 404, () => true);
  }

  function qualityMenu(hls) {
    if (hls.levels.length < 2) return;
    const menu = document.createElement("select");
    menu.className = "quality";
    menu.setAttribute("aria-label", box.dataset.msgQuality || "");
    const auto = document.createElement("option");
    auto.value = "-1"; auto.textContent = box.dataset.msgAuto || "Auto";
    menu.appendChild(auto);
    // Best first, as on Twitch; hls.js keeps its levels in ascending bitrate.
    const order = hls.levels.map((l, i) => i).sort((a, b) => hls.levels[b].bitrate - hls.levels[a].bitrate);
    for (const i of order) {
      const l = hls.levels[i];
      const o = document.createElement("option");
      o.value = String(i); o.textContent = (l.height ? l.height + "p" : Math.round(l.bitrate / 1000) + " kbps");
      menu.appendChild(o);
    }
    menu.addEventListener("change", () => { hls.currentLevel = parseInt(menu.value, 10); });
    box.appendChild(menu);
  }

  function withHlsJs() {
    // No rendition larger than the player shows (a phone does not fetch 1080p).
    const hls = new window.Hls({ lowLatencyMode: true, backBufferLength: 30, capLevelToPlayerSize: true });
    window.aethexPlayer = hls;
    hls.on(window.Hls.Events.MANIFEST_PARSED, () => { qualityMenu(hls); video.play().catch(() => {}); });
    // The playlist ended (the broadcaster stopped): once playback runs out,
    // the stream is over, even where the last fraction never plays out.
    let ending = false;
    hls.on(window.Hls.Events.LEVEL_UPDATED, (_e, d) => { if (d.details && d.details.live === false) ending = true; });
    hls.on(window.Hls.Events.ERROR, (_e, d) => {
      if (ending && d.details === window.Hls.ErrorDetails.BUFFER_STALLED_ERROR) { hls.destroy(); offline(); return; }
      if (!d.fatal) return;
      checkLive().then((live) => {
        if (!live) { hls.destroy(); offline(); }
        else if (d.type === window.Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
        else if (d.type === window.Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
        else say("msgError");
      });
    });
    hls.loadSource(src);
    hls.attachMedia(video);
  }

  function start() {
  const mse = window.MediaSource || window.ManagedMediaSource;
  if (mse) {
    const s = document.createElement("script");
    s.src = "/static/hls.light.min.js";
    s.onload = () => { if (window.Hls && window.Hls.isSupported()) withHlsJs(); else say("msgError"); };
    s.onerror = () => say("msgError");
    document.head.appendChild(s);
  } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
    video.src = src;
    video.addEventListener("loadedmetadata", () => video.play().catch(() => {}));
    video.addEventListener("error", () => checkLive().then((live) => (live ? say("msgError") : offline())));
  } else {
    say("msgError");
  }
  }

  // On a phone, or where the viewer asked to save data, nothing loads until
  // they tap play (then with sound: the tap allows it); elsewhere the stream
  // starts muted at once, as on Twitch.
  const saveData = navigator.connection && navigator.connection.saveData;
  if (saveData || window.matchMedia("(max-width: 600px)").matches) {
    const tap = document.createElement("button");
    tap.type = "button";
    tap.className = "tap-to-play";
    tap.setAttribute("aria-label", box.dataset.msgPlay || "Play");
    tap.textContent = "\u25B6";
    box.appendChild(tap);
    video.removeAttribute("autoplay");
    tap.addEventListener("click", () => { tap.remove(); video.muted = false; start(); video.play().catch(() => {}); });
  } else {
    start();
  }
  // A stream that ends mid-playback: the video stops with the playlist's end.
  video.addEventListener("ended", offline);

  // Analytics, privately: a random id for this page view and one this
  // browser keeps in its own storage and a first-party cookie (the server
  // stores only a keyed hash of it); nothing at all when the browser sends Do-Not-Track or
  // Global Privacy Control. "start" when playback starts, a heartbeat every
  // 30 s while it plays, "end" when it stops or the page goes away.
  const channel = box.dataset.channel;
  if (!channel || navigator.doNotTrack === "1" || navigator.globalPrivacyControl === true) return;
  const rid = () => {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return btoa(String.fromCharCode.apply(null, b)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  let browser;
  try {
    browser = localStorage.getItem("aethex-viewer") || rid();
    localStorage.setItem("aethex-viewer", browser);
    // The same id as a first-party cookie, so the home page can recommend
    // from what this browser watched (the server keys it like the beacon).
    document.cookie = "aethex_viewer=" + browser + "; Path=/; Max-Age=31536000; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  } catch (e) { browser = undefined; }
  const session = rid();
  // Where the viewer came from: the platform's own links carry ?ref=.
  const source = box.dataset.source || new URLSearchParams(location.search).get("ref") || undefined;
  const referrer = document.referrer || undefined;
  const send = (event, unloading) => {
    const body = JSON.stringify({ channel, session, browser, event, source, referrer });
    if (unloading && navigator.sendBeacon) {
      navigator.sendBeacon("/analytics/views", new Blob([body], { type: "application/json" }));
    } else {
      fetch("/analytics/views", { method: "POST", headers: { "content-type": "application/json" }, body, keepalive: true })
        .catch(() => {});
    }
  };
  let beat = null;
  video.addEventListener("playing", () => {
    if (beat) return;
    send("start");
    beat = setInterval(() => send("heartbeat"), 30000);
  });
  const stop = (unloading) => {
    if (!beat) return;
    clearInterval(beat);
    beat = null;
    send("end", unloading);
  };
  video.addEventListener("pause", () => stop(false));
  video.addEventListener("ended", () => stop(false));
  window.addEventListener("pagehide", () => stop(true));
})();
