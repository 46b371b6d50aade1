//! The adaptive-bitrate ladder: where ffmpeg is installed, each rung below the
//! source's height gets one ffmpeg process that reads the publisher's FLV on
//! stdin and writes a scaled H.264 FLV on stdout, which goes through the same
//! remuxer and segmenter as the source. Keyframes follow the source's and
//! timestamps pass through unchanged (`-copyts`, no frame-rate conversion),
//! and each rung's remuxer counts time from the source's first keyframe, so
//! every rendition cuts its segments at the same media times with the same
//! sequence numbers and timestamps. ffmpeg must not drop what it reads while
//! probing its input (`-fflags +nobuffer` did, which started a rung one or
//! more segments into the source's content under the source's timestamps).
//!
//! Should ffmpeg still lose a rung's first frames, the rung starts at the
//! first of its keyframes where a source segment starts, under that
//! segment's sequence number.
//!
//! A rung whose ffmpeg falls behind (its input queue fills) is stopped rather
//! than allowed to slow the source; its playlist ends.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWriteExt as _};
use tokio::sync::mpsc;

use super::remux::{Output, Remuxer};
use super::{apply, RenditionHandle};

/// Tags queued per transcoder before it counts as too slow.
const QUEUE: usize = 600;
/// A rung keyframe within this many 90 kHz ticks (5 ms) of a source segment's start starts there.
const ALIGN_TOLERANCE: u64 = 450;
/// Keyframes a rung waits for a source segment start before it starts unaligned.
const ALIGN_TRIES: u32 = 10;

/// Drop a rung's output until a keyframe where a source segment starts; then
/// number the rung's first segment as that one. `tries` counts keyframes that
/// matched none; past [`ALIGN_TRIES`] the rung starts where it is.
fn align_start(
    source: &RenditionHandle,
    rung: &RenditionHandle,
    outputs: Vec<Output>,
    aligned: &mut bool,
    tries: &mut u32,
) -> Vec<Output> {
    let mut kept = Vec::with_capacity(outputs.len());
    for o in outputs {
        match o {
            Output::Video(s) if !*aligned && s.keyframe => {
                match source.read(|x| x.msn_starting_at(s.dts, ALIGN_TOLERANCE)) {
                    Some(msn) => rung.update(|x| x.start_at(msn)),
                    None if *tries >= ALIGN_TRIES => {
                        tracing::warn!(rung = %rung.name, "no source segment starts at this rung's keyframes; starting unaligned")
                    }
                    None => {
                        *tries += 1;
                        continue;
                    }
                }
                *aligned = true;
                kept.push(Output::Video(s));
            }
            Output::Video(_) | Output::Audio(_) if !*aligned => {}
            o => kept.push(o),
        }
    }
    kept
}

/// One rung of the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rung {
    /// URL name, e.g. `720p`.
    pub name: &'static str,
    /// Output height.
    pub height: u32,
    /// Video bitrate, kbit/s.
    pub kbps: u32,
}

/// The product vision's ladder below the source: 720p and 480p.
pub const LADDER: [Rung; 2] =
    [Rung { name: "720p", height: 720, kbps: 2500 }, Rung { name: "480p", height: 480, kbps: 1200 }];

/// The rungs worth producing for a source of `height` pixels.
pub fn plan(height: u32) -> Vec<Rung> {
    LADDER.iter().copied().filter(|r| r.height < height).collect()
}

/// Find ffmpeg once at start; `None` means source-only.
pub fn find_ffmpeg() -> Option<PathBuf> {
    let path = std::env::var_os("AETHEX_FFMPEG").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("ffmpeg"));
    let ok = std::process::Command::new(&path)
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    ok.then_some(path)
}

/// One FLV tag for the transcoder's stdin.
#[derive(Debug, Clone)]
pub struct FlvTag {
    /// 8 audio, 9 video.
    pub kind: u8,
    /// Milliseconds.
    pub ts: u32,
    /// The RTMP message payload.
    pub data: Bytes,
}

/// The FLV file header with audio and video flags, and PreviousTagSize0.
pub const FLV_HEADER: [u8; 13] = [b'F', b'L', b'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0];

/// One tag in FLV file framing.
pub fn encode_tag(tag: &FlvTag) -> Vec<u8> {
    let len = tag.data.len() as u32;
    let mut out = Vec::with_capacity(15 + tag.data.len());
    out.push(tag.kind);
    out.extend_from_slice(&len.to_be_bytes()[1..]);
    out.extend_from_slice(&tag.ts.to_be_bytes()[1..]);
    out.push((tag.ts >> 24) as u8);
    out.extend_from_slice(&[0, 0, 0]);
    out.extend_from_slice(&tag.data);
    out.extend_from_slice(&(len + 11).to_be_bytes());
    out
}

/// Read FLV file framing; yields tags until EOF or garbage.
pub async fn read_tags<R: AsyncRead + Unpin>(mut r: R, mut each: impl FnMut(FlvTag)) -> std::io::Result<()> {
    let mut header = [0u8; 13];
    r.read_exact(&mut header).await?;
    if &header[..3] != b"FLV" {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not FLV"));
    }
    let mut th = [0u8; 11];
    loop {
        if r.read_exact(&mut th).await.is_err() {
            return Ok(());
        }
        let len = (usize::from(th[1]) << 16) | (usize::from(th[2]) << 8) | usize::from(th[3]);
        if len > 16 << 20 {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "FLV tag too large"));
        }
        let ts = (u32::from(th[7]) << 24) | (u32::from(th[4]) << 16) | (u32::from(th[5]) << 8) | u32::from(th[6]);
        let mut data = vec![0u8; len + 4];
        r.read_exact(&mut data).await?;
        data.truncate(len);
        each(FlvTag { kind: th[0], ts, data: Bytes::from(data) });
    }
}

/// A running rung: send it the publisher's tags.
#[derive(Debug)]
pub struct Transcoder {
    tx: Option<mpsc::Sender<FlvTag>>,
    rendition: Arc<RenditionHandle>,
    /// Which rung.
    pub rung: Rung,
}

impl Transcoder {
    /// Start ffmpeg for `rung`, writing into `rendition`, aligned with
    /// `source`. `config` are the sequence headers to send first; `base` is
    /// the source remuxer's first timestamp (milliseconds), so the rung's
    /// media time is the source's.
    pub fn spawn(
        ffmpeg: &PathBuf,
        rung: Rung,
        source: Arc<RenditionHandle>,
        rendition: Arc<RenditionHandle>,
        config: Vec<FlvTag>,
        base: Option<u32>,
    ) -> std::io::Result<Self> {
        let kbps = rung.kbps.to_string();
        let mut child = tokio::process::Command::new(ffmpeg)
            .args(["-hide_banner", "-loglevel", "error", "-f", "flv", "-i", "pipe:0"])
            // The source's timestamps, frame for frame: no shift to zero, no frame-rate conversion.
            .args(["-copyts", "-fps_mode", "passthrough", "-enc_time_base", "-1"])
            .args(["-map", "0:v:0", "-map", "0:a:0?", "-vf", &format!("scale=-2:{}", rung.height)])
            .args([
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-tune",
                "zerolatency",
                "-pix_fmt",
                "yuv420p",
                "-force_key_frames",
                "source",
                // Keyframes only where the source has them: no scene cuts, no GOP limit.
                "-sc_threshold",
                "0",
                "-g",
                "100000",
            ])
            .args([
                "-b:v",
                &format!("{kbps}k"),
                "-maxrate",
                &format!("{kbps}k"),
                "-bufsize",
                &format!("{}k", rung.kbps * 2),
            ])
            .args(["-c:a", "copy", "-f", "flv", "-flvflags", "no_duration_filesize", "pipe:1"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let mut stdin = child.stdin.take().ok_or_else(|| std::io::Error::other("no stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?;
        let (tx, mut rx) = mpsc::channel::<FlvTag>(QUEUE);
        tokio::spawn(async move {
            let mut ok = stdin.write_all(&FLV_HEADER).await.is_ok();
            for tag in config {
                ok = ok && stdin.write_all(&encode_tag(&tag)).await.is_ok();
            }
            while let Some(tag) = rx.recv().await {
                if !ok || stdin.write_all(&encode_tag(&tag)).await.is_err() {
                    break;
                }
            }
            drop(stdin);
            let _ = child.wait().await;
        });
        let name = rung.name;
        let handle = rendition.clone();
        tokio::spawn(async move {
            let mut remuxer = Remuxer::with_base(base);
            let r = rendition.clone();
            let (mut aligned, mut tries) = (false, 0);
            let res = read_tags(stdout, |tag| {
                let out = match tag.kind {
                    9 => remuxer.video(tag.ts, &tag.data),
                    8 => remuxer.audio(tag.ts, &tag.data),
                    _ => Ok(Vec::new()),
                };
                match out {
                    Ok(o) => apply(&r, align_start(&source, &r, o, &mut aligned, &mut tries)),
                    Err(e) => {
                        tracing::warn!(rung = name, error = %e, "transcoder output not remuxable")
                    }
                }
            })
            .await;
            if let Err(e) = res {
                tracing::warn!(rung = name, error = %e, "transcoder output ended");
            }
            apply(&rendition, remuxer.flush());
            rendition.update(super::hls::Rendition::finish);
        });
        Ok(Self { tx: Some(tx), rendition: handle, rung })
    }

    /// Queue a tag; a rung that cannot keep up is stopped.
    pub fn send(&mut self, tag: FlvTag) {
        if let Some(tx) = &self.tx {
            if tx.try_send(tag).is_err() {
                tracing::warn!(rung = self.rung.name, "transcoder fell behind; stopping this rendition");
                self.tx = None;
                // Ended now, not once ffmpeg drains its input (a hung ffmpeg never would).
                self.rendition.update(super::hls::Rendition::finish);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_plans() {
        assert_eq!(plan(1080).iter().map(|r| r.name).collect::<Vec<_>>(), vec!["720p", "480p"]);
        assert_eq!(plan(720).iter().map(|r| r.name).collect::<Vec<_>>(), vec!["480p"]);
        assert!(plan(360).is_empty());
    }

    #[tokio::test]
    async fn flv_framing_round_trips() {
        let tags = vec![
            FlvTag { kind: 9, ts: 0, data: Bytes::from_static(&[0x17, 0, 0, 0, 0, 1]) },
            FlvTag { kind: 8, ts: 0x0100_0021, data: Bytes::from_static(&[0xaf, 1, 2]) },
        ];
        let mut file = FLV_HEADER.to_vec();
        for t in &tags {
            file.extend(encode_tag(t));
        }
        let mut back = Vec::new();
        read_tags(&file[..], |t| back.push(t)).await.unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!((back[1].kind, back[1].ts, &back[1].data[..]), (8, 0x0100_0021, &[0xaf, 1, 2][..]));
        assert!(read_tags(&b"NOTFLV-------"[..], |_| {}).await.is_err());
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for the FLV file framing between us and ffmpeg: what
    //! `encode_tag` writes `read_tags` reads back exactly; damaged or random
    //! bytes end the read with an error or at the last whole tag, never a
    //! panic, and never yield more bytes than were read.

    use aethex_sdk::fuzz::gen::{mutate, mutations, Mutation};
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;

    type Tags = Vec<(u8, u32, Vec<u8>)>;

    #[test]
    fn fuzz_flv_file() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let tags = vec((prop_oneof![Just(8u8), Just(9u8), any::<u8>()], any::<u32>(), vec(any::<u8>(), 0..40)), 0..12);
        let raw = prop_oneof![4 => Just(false), 1 => Just(true)];
        aethex_sdk::fuzz::target("flv_file").run(
            (tags, mutations(3), raw),
            |(tags, ms, raw): (Tags, Vec<Mutation>, bool)| {
                let mut file = if raw { Vec::new() } else { FLV_HEADER.to_vec() };
                for (kind, ts, data) in &tags {
                    file.extend(encode_tag(&FlvTag { kind: *kind, ts: *ts, data: Bytes::from(data.clone()) }));
                }
                let input = mutate(file.clone(), &ms);
                let mut back = Vec::new();
                let result = rt.block_on(read_tags(&input[..], |t| back.push((t.kind, t.ts, t.data.to_vec()))));
                let yielded: usize = back.iter().map(|(_, _, d)| d.len() + 15).sum();
                prop_assert!(
                    yielded + 13 <= input.len().max(13),
                    "{yielded} bytes of tags out of {} read",
                    input.len()
                );
                if input == file && !raw {
                    prop_assert!(result.is_ok(), "{:?}", result);
                    prop_assert_eq!(back, tags);
                }
                Ok(())
            },
        );
    }
}
