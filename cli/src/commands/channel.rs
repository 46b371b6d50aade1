//! `channel show|update` and `stream key|status|push`.

use std::io::Write as _;

use aethex_sdk::{Channel, ChannelUpdate};
use tokio::io::AsyncBufReadExt as _;

use crate::args::{ChannelCmd, PushArgs, StreamCmd};
use crate::config::Context;
use crate::error::{CliError, CliResult};
use crate::output;

fn show_channel(ctx: &Context, c: &Channel) {
    if ctx.json {
        output::json(c);
    } else {
        output::pairs(&[
            ("channel", format!("{} ({})", c.display_name, c.login)),
            ("live", if c.is_live { "yes".into() } else { "no".into() }),
            ("title", c.title.clone()),
            ("category", c.category.clone()),
            ("tags", c.tags.join(", ")),
            ("language", c.language.clone()),
        ]);
    }
}

/// `aethex channel ...`.
pub async fn channel(ctx: &Context, c: ChannelCmd) -> CliResult {
    match c {
        ChannelCmd::Show { login } => {
            let channel = match login {
                Some(l) => ctx.anonymous()?.channel(&l.to_lowercase()).await?,
                None => {
                    let client = ctx.client().await?;
                    let me = ctx.me(&client).await?;
                    client.channel(&me).await?
                }
            };
            show_channel(ctx, &channel);
            Ok(())
        }
        ChannelCmd::Update(u) => {
            if u.title.is_none()
                && u.category.is_none()
                && u.tags.is_none()
                && u.language.is_none()
                && u.description.is_none()
            {
                return Err(CliError::usage(
                    "nothing to change: give --title, --category, --tags, --language or --description",
                ));
            }
            let client = ctx.client().await?;
            let me = ctx.me(&client).await?;
            let update = ChannelUpdate {
                title: u.title,
                category: u.category,
                tags: u.tags.map(|t| t.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()),
                language: u.language,
                description: u.description,
                ..Default::default()
            };
            let channel = client.update_channel(&me, &update).await?;
            show_channel(ctx, &channel);
            Ok(())
        }
    }
}

/// `aethex stream ...`.
pub async fn stream(ctx: &Context, c: StreamCmd) -> CliResult {
    match c {
        StreamCmd::Key { reset } => {
            let client = ctx.client().await?;
            let me = ctx.me(&client).await?;
            let key = if reset { client.reset_stream_key(&me).await? } else { client.stream_key(&me).await? };
            if ctx.json {
                output::json(&key);
            } else {
                output::pairs(&[("server", key.ingest_url.clone()), ("stream key", key.stream_key.clone())]);
                if reset {
                    println!("The old key no longer works; update your encoder.");
                }
            }
            Ok(())
        }
        StreamCmd::Status { login } => {
            let (client, login) = match login {
                Some(l) => (ctx.anonymous()?, l.to_lowercase()),
                None => {
                    let c = ctx.client().await?;
                    let me = ctx.me(&c).await?;
                    (c, me)
                }
            };
            // 404 for a channel that does not exist.
            let channel = client.channel(&login).await?;
            let current = client.live_stream(&login).await?;
            if ctx.json {
                output::json(
                    &serde_json::json!({"login": channel.login, "is_live": current.is_some(), "stream": current}),
                );
            } else if let Some(s) = current {
                output::pairs(&[
                    ("channel", channel.login.clone()),
                    ("status", "LIVE".into()),
                    ("since", s.started_at.clone()),
                    ("viewers", s.viewer_count.to_string()),
                    ("title", s.title.clone()),
                ]);
            } else {
                output::pairs(&[("channel", channel.login.clone()), ("status", "offline".into())]);
            }
            Ok(())
        }
        StreamCmd::Push(p) => push(ctx, p).await,
    }
}

/// Publish with ffmpeg to the channel's ingest, showing progress.
async fn push(ctx: &Context, p: PushArgs) -> CliResult {
    let client = ctx.client().await?;
    let me = ctx.me(&client).await?;
    let key = client.stream_key(&me).await?;
    let target = format!("{}/{}", key.ingest_url.trim_end_matches('/'), key.stream_key);
    let mut args: Vec<String> = vec!["-hide_banner".into(), "-loglevel".into(), "error".into(), "-nostats".into()];
    args.extend(["-progress".into(), "pipe:1".into()]);
    match &p.file {
        Some(f) => {
            if !f.exists() {
                return Err(CliError::usage(format!("no such file: {}", f.display())));
            }
            args.extend(["-re".into(), "-i".into(), f.display().to_string()]);
        }
        None => args.extend(
            ["-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440"]
                .map(String::from),
        ),
    }
    if let Some(d) = p.duration {
        args.extend(["-t".into(), d.to_string()]);
    }
    args.extend(
        [
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-tune",
            "zerolatency",
            "-g",
            "60",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-f",
            "flv",
        ]
        .map(String::from),
    );
    args.push(target);
    let mut child = tokio::process::Command::new(&p.ffmpeg)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CliError::other(format!(
                "ffmpeg was not found ('{}'); install it (e.g. `apt-get install ffmpeg`) or pass --ffmpeg PATH",
                p.ffmpeg
            )),
            _ => CliError::other(format!("cannot start ffmpeg: {e}")),
        })?;
    if !ctx.json {
        eprintln!("Publishing to {} as {me} (Ctrl-C to stop)", key.ingest_url);
    }
    let mut lines =
        tokio::io::BufReader::new(child.stdout.take().ok_or_else(|| CliError::other("no ffmpeg output"))?).lines();
    let mut stderr = child.stderr.take();
    let errors = tokio::spawn(async move {
        let mut text = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = tokio::io::AsyncReadExt::read_to_string(e, &mut text).await;
        }
        text
    });
    let mut out_time = String::new();
    let mut speed = String::new();
    loop {
        tokio::select! {
            line = lines.next_line() => match line {
                Ok(Some(l)) => {
                    if let Some(v) = l.strip_prefix("out_time=") { out_time = v.split('.').next().unwrap_or(v).to_string(); }
                    if let Some(v) = l.strip_prefix("speed=") { speed = v.trim().to_string(); }
                    if l.starts_with("progress=") {
                        if ctx.json {
                            output::json_line(&serde_json::json!({"time": out_time, "speed": speed}));
                        } else {
                            let bar_len = (out_time.len() % 20) + 1;
                            eprint!("\r[{:<20}] {out_time} streamed, speed {speed}   ", "=".repeat(bar_len));
                            let _ = std::io::stderr().flush();
                        }
                    }
                }
                _ => break,
            },
            _ = tokio::signal::ctrl_c() => {
                let _ = child.start_kill();
                break;
            }
        }
    }
    let status = child.wait().await.map_err(|e| CliError::other(format!("ffmpeg: {e}")))?;
    let err_text = errors.await.unwrap_or_default();
    if !ctx.json {
        eprintln!();
    }
    if status.success() || status.code().is_none() {
        if !ctx.json {
            eprintln!("Stream ended after {out_time}.");
        }
        Ok(())
    } else {
        let last = err_text.lines().last().unwrap_or("no details").replace(&key.stream_key, "<stream key>");
        Err(CliError::other(format!("ffmpeg stopped with {status}: {last}")))
    }
}
