//! The `aethex-server` binary itself: admin commands as operators script
//! them, and `serve` starting, answering and shutting down gracefully.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};
use std::time::Duration;

fn server_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_aethex-server"))
}

fn admin(data_dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = server_bin()
        .args(args)
        .env("AETHEX_DATA_DIR", data_dir)
        .env_remove("AETHEX_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aethex-server");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn admin_commands_seed_users_tokens_and_apps() {
    let dir = common::temp_dir("admin");
    let out = admin(&dir, &["user", "create", "operator", "--password-stdin"], Some("a long password\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("created user operator"));

    let out = admin(&dir, &["user", "create", "operator"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("taken"), "{}", text(&out.stderr));
    let out = admin(&dir, &["user", "create", "Bad Login!"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("invalid login") && !err.contains("backtrace"), "{err}");
    let out = admin(&dir, &["user", "create", "shortpw", "--password-stdin"], Some("short\n"));
    assert_eq!(out.status.code(), Some(1));

    let out = admin(&dir, &["token", "create", "operator", "--scopes", "channel:manage,stream:key"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&out.stdout).trim().to_string();
    assert!(token.starts_with("axa_"));
    let out = admin(&dir, &["token", "create", "operator", "--scopes", "everything"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unknown scope"));
    let out = admin(&dir, &["token", "create", "ghost", "--scopes", "chat:read"], None);
    assert_eq!(out.status.code(), Some(1));

    let out = admin(
        &dir,
        &["app", "create", "My Bot", "--redirect-uri", "https://bot.example.com/cb", "--tier", "pro"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.contains("client_id: ") && printed.contains("client_secret: axs_"), "{printed}");
    let out = admin(&dir, &["app", "create", "Bad", "--redirect-uri", "javascript:alert(1)"], None);
    assert_eq!(out.status.code(), Some(1));
    let out =
        admin(&dir, &["app", "create", "Bad", "--redirect-uri", "https://x.example/cb", "--tier", "platinum"], None);
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2");

    // The secret key file is private.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.join("secret.key")).expect("key file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn serve_prints_where_it_listens_and_stops_on_sigterm() {
    let dir = common::temp_dir("serve");
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
        l.local_addr().expect("addr").port()
    };
    let out = admin(&dir, &["user", "create", "svc"], None);
    assert!(out.status.success());
    let token =
        text(&admin(&dir, &["token", "create", "svc", "--scopes", "stream:key"], None).stdout).trim().to_string();

    let mut child = server_bin()
        .env("AETHEX_DATA_DIR", &dir)
        .env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{port}"))
        .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
        .env("AETHEX_IRC_ADDR", "127.0.0.1:0")
        .env_remove("AETHEX_DATABASE_URL")
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wanted = format!("listening on http://127.0.0.1:{port}");
    let mut early = Vec::new();
    while !early.iter().any(|l: &String| l.contains(&wanted)) {
        early.push(rx.recv_timeout(Duration::from_secs(30)).expect("the server says where it listens"));
    }

    let client = aethex_sdk::Client::new(&format!("http://127.0.0.1:{port}")).expect("client").with_token(&token);
    let key = client.stream_key("svc").await.expect("stream key over HTTP");

    let pid = child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().expect("kill");
    assert!(killed.success());
    let mut logs = Vec::new();
    // A hang guard, not a timing assertion: a shutdown that never finishes
    // fails here instead of stalling CI.
    let exited = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            while let Ok(line) = rx.try_recv() {
                logs.push(line);
            }
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    let Ok(status) = exited else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server did not exit within 30 s of SIGTERM; its log so far:\n{}", logs.join("\n"));
    };
    while let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
        logs.push(line);
    }
    assert!(status.success(), "graceful exit on SIGTERM: {status:?}");
    let all = logs.join("\n");
    assert!(all.contains("shutting down"), "{all}");
    assert!(!all.contains(&key.stream_key), "stream keys never appear in logs");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `backup` copies the SQLite database while `serve` runs and writes;
/// `restore` puts it back with the server stopped (and refuses without
/// `--yes`, a file that is not a database, and an existing target).
#[tokio::test]
async fn backup_while_serving_and_restore() {
    let dir = common::temp_dir("backup");
    assert!(admin(&dir, &["user", "create", "before"], None).status.success());
    let port = common::free_port();
    let server = common::Proc::start(&dir, None, port, &[]).await;
    // Writes keep coming while the backup runs.
    let writer = {
        let dir = dir.clone();
        std::thread::spawn(move || {
            for i in 0..5 {
                assert!(admin(&dir, &["user", "create", &format!("during{i}")], None).status.success());
            }
        })
    };
    let file = dir.join("backup-1.db");
    let out = admin(&dir, &["backup", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    writer.join().unwrap();
    let again = admin(&dir, &["backup", file.to_str().unwrap()], None);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("already exists"), "{}", text(&again.stderr));
    assert!(admin(&dir, &["user", "create", "after"], None).status.success());
    let health = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200, "the server kept serving");
    server.kill();

    let refused = admin(&dir, &["restore", file.to_str().unwrap()], None);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("--yes"));
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let bad = admin(&dir, &["restore", junk.to_str().unwrap(), "--yes"], None);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("not an AeThex database"), "{}", text(&bad.stderr));
    let out = admin(&dir, &["restore", file.to_str().unwrap(), "--yes"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The backup's users are there; the one made after it is not.
    assert!(admin(&dir, &["user", "export", "before"], None).status.success());
    let after = admin(&dir, &["user", "export", "after"], None);
    assert!(!after.status.success() && text(&after.stderr).contains("no user 'after'"), "{}", text(&after.stderr));
    // A server starts on the restored database and serves.
    let server = common::Proc::start(&dir, None, common::free_port(), &[]).await;
    let token =
        text(&admin(&dir, &["token", "create", "before", "--scopes", "user:read"], None).stdout).trim().to_string();
    let me = reqwest::Client::new().get(server.url("/api/users/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(me.status(), 200);
    server.kill();
}

/// `scripts/package` makes a `.deb` that holds the binary, its systemd unit
/// and its settings file, and the binary inside it runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deb_package_holds_a_server_that_runs() {
    let repo = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = common::temp_dir("deb");
    // The test build's binary stands in for the release one (same code, built already).
    let made = Command::new(format!("{repo}/scripts/package"))
        .args(["--binary", env!("CARGO_BIN_EXE_aethex-server"), "--out", out.to_str().unwrap(), "--fast"])
        .output()
        .expect("scripts/package runs");
    assert!(made.status.success(), "{}", text(&made.stderr));
    let deb = text(&made.stdout).trim().to_string();
    assert!(deb.ends_with(".deb") && std::path::Path::new(&deb).is_file(), "{deb}");

    let contents = Command::new("dpkg-deb").args(["--contents", &deb]).output().expect("dpkg-deb");
    assert!(contents.status.success());
    let listing = text(&contents.stdout);
    for path in [
        "./usr/bin/aethex-server",
        "./lib/systemd/system/aethex-server.service",
        "./etc/default/aethex-server",
        "./usr/share/aethex-server/haproxy.cfg",
        "./usr/share/aethex-server/nginx/hls-cache.conf",
    ] {
        assert!(listing.lines().any(|l| l.ends_with(path)), "{path} in the package:\n{listing}");
    }
    assert!(listing.lines().any(|l| l.starts_with("-rwxr-xr-x root/root") && l.ends_with("./usr/bin/aethex-server")));
    let info = Command::new("dpkg-deb").args(["--field", &deb, "Package", "Version", "Depends"]).output().unwrap();
    let fields = text(&info.stdout);
    assert!(fields.contains("Package: aethex-server") && fields.contains("Depends: libc6"), "{fields}");

    // Unpacked, the binary serves.
    let root = out.join("root");
    let x = Command::new("dpkg-deb").args(["-x", &deb, root.to_str().unwrap()]).status().unwrap();
    assert!(x.success());
    let unit = std::fs::read_to_string(root.join("lib/systemd/system/aethex-server.service")).unwrap();
    assert!(unit.contains("ExecStart=/usr/bin/aethex-server serve") && unit.contains("KillSignal=SIGTERM"));
    let port = common::free_port();
    let mut child = Command::new(root.join("usr/bin/aethex-server"))
        .env("AETHEX_DATA_DIR", out.join("data"))
        .env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{port}"))
        .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
        .env("AETHEX_IRC_ADDR", "127.0.0.1:0")
        .env_remove("AETHEX_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the packaged binary starts");
    let mut ready = false;
    for _ in 0..100 {
        if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await {
            ready = r.status() == 200;
            if ready {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(ready, "the packaged server answers /readyz");
}

/// A self-signed certificate for localhost in `dir` (openssl); its SHA-256 fingerprint.
fn certificate(dir: &std::path::Path, name: &str) -> String {
    let (cert, key) = (dir.join(format!("{name}.crt")), dir.join(format!("{name}.key")));
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"])
        .args(["-subj", &format!("/CN={name}"), "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        // A server's certificate, not a CA's (webpki refuses a CA as the end entity).
        .args(["-addext", "basicConstraints=critical,CA:FALSE", "-addext", "extendedKeyUsage=serverAuth"])
        .args(["-keyout", key.to_str().unwrap(), "-out", cert.to_str().unwrap()])
        .output()
        .expect("openssl (Debian's openssl package)");
    assert!(made.status.success(), "{}", text(&made.stderr));
    fingerprint_of(&std::fs::read(&cert).unwrap())
}

fn fingerprint_of(pem: &[u8]) -> String {
    let mut child = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(pem).unwrap();
    text(&child.wait_with_output().unwrap().stdout).trim().to_string()
}

/// The fingerprint of the certificate a TLS server at `addr` presents.
fn served_fingerprint(addr: &str) -> String {
    let out = Command::new("openssl")
        .args(["s_client", "-connect", addr, "-servername", "localhost"])
        .stdin(Stdio::null())
        .output()
        .expect("openssl s_client");
    fingerprint_of(&out.stdout)
}

/// HTTPS and RTMPS from certificate files, and a new certificate served
/// after SIGHUP without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_and_rtmps_from_certificate_files_reloaded_on_sighup() {
    let dir = common::temp_dir("tls");
    let first = certificate(&dir, "first");
    let second = certificate(&dir, "second");
    let (cert, key) = (dir.join("live.crt"), dir.join("live.key"));
    std::fs::copy(dir.join("first.crt"), &cert).unwrap();
    std::fs::copy(dir.join("first.key"), &key).unwrap();
    let (port, rtmps) = (common::free_port(), common::free_port());
    let mut child = server_bin()
        .env("AETHEX_DATA_DIR", dir.join("data"))
        .env("AETHEX_HTTP_ADDR", format!("127.0.0.1:{port}"))
        .env("AETHEX_RTMP_ADDR", "127.0.0.1:0")
        .env("AETHEX_RTMPS_ADDR", format!("127.0.0.1:{rtmps}"))
        .env("AETHEX_IRC_ADDR", "127.0.0.1:0")
        .env("AETHEX_TLS_CERT", &cert)
        .env("AETHEX_TLS_KEY", &key)
        .env("AETHEX_FFMPEG", "")
        .env_remove("AETHEX_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let trusted = |name: &str| {
        let pem = std::fs::read(dir.join(format!("{name}.crt"))).unwrap();
        reqwest::Client::builder().add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap()).build().unwrap()
    };
    let https = format!("https://localhost:{port}");
    let mut up = false;
    for _ in 0..100 {
        if trusted("first").get(format!("{https}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "HTTPS answers with the first certificate");
    assert_eq!(served_fingerprint(&format!("127.0.0.1:{port}")), first);
    assert_eq!(served_fingerprint(&format!("127.0.0.1:{rtmps}")), first, "RTMPS presents it too");
    // Plain HTTP on the HTTPS port gets no answer.
    assert!(reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await.is_err());

    // A broken pair on SIGHUP is refused; the first certificate goes on.
    std::fs::write(&key, "not a key").unwrap();
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-HUP", &pid]).status().unwrap().success());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(served_fingerprint(&format!("127.0.0.1:{port}")), first, "a bad key changes nothing");
    // The renewed pair on SIGHUP is served to new connections.
    std::fs::copy(dir.join("second.crt"), &cert).unwrap();
    std::fs::copy(dir.join("second.key"), &key).unwrap();
    assert!(Command::new("kill").args(["-HUP", &pid]).status().unwrap().success());
    let mut renewed = false;
    for _ in 0..50 {
        if served_fingerprint(&format!("127.0.0.1:{port}")) == second {
            renewed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(renewed, "the renewed certificate is served after SIGHUP");
    assert_eq!(served_fingerprint(&format!("127.0.0.1:{rtmps}")), second);
    let r = trusted("second").get(format!("{https}/readyz")).send().await.expect("HTTPS with the new certificate");
    assert_eq!(r.status(), 200);

    // An encoder publishes over RTMPS (ffmpeg as OBS would, rtmps://) and the stream plays over HTTPS.
    assert!(admin(&dir.join("data"), &["user", "create", "secure"], None).status.success());
    let token = text(&admin(&dir.join("data"), &["token", "create", "secure", "--scopes", "stream:key"], None).stdout)
        .trim()
        .to_string();
    let key_resp: serde_json::Value = trusted("second")
        .get(format!("{https}/api/channels/secure/stream-key"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stream_key = key_resp["data"][0]["stream_key"].as_str().unwrap().to_string();
    let mut ffmpeg = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30"])
        .args(["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p"])
        .args(["-f", "flv", &format!("rtmps://127.0.0.1:{rtmps}/live/{stream_key}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ffmpeg");
    let mut playing = false;
    for _ in 0..100 {
        let r = trusted("second").get(format!("{https}/hls/secure/source/index.m3u8")).send().await;
        if let Ok(r) = r {
            if r.status() == 200 && r.text().await.unwrap_or_default().contains("#EXT-X-PART:") {
                playing = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let _ = ffmpeg.kill();
    let _ = ffmpeg.wait();
    let _ = child.kill();
    let _ = child.wait();
    assert!(playing, "a stream published over RTMPS plays over HTTPS");
}
