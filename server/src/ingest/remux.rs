//! FLV tags in, fMP4 samples out: keeps the codec configuration, turns RTMP
//! millisecond timestamps into track timescales, and gives each video frame
//! its duration once the next one arrives (RTMP carries none).

use bytes::Bytes;

use super::flv::{parse_aac_config, parse_audio, parse_video, AacConfig, AudioTag, FlvError, VideoCodec, VideoTag};
use super::fmp4::{Sample, TrackInfo, VIDEO_TIMESCALE};
use super::h264;

/// AAC frames are 1024 samples.
const AAC_FRAME: u32 = 1024;

/// What the remuxer produced.
#[derive(Debug)]
pub enum Output {
    /// The codecs are known: write an init segment.
    Init(TrackInfo, String),
    /// A complete video sample.
    Video(Sample),
    /// A complete audio sample.
    Audio(Sample),
}

struct PendingVideo {
    ts: u32,
    cts: i32,
    keyframe: bool,
    data: Bytes,
}

/// Per-publisher remux state.
#[derive(Default)]
pub struct Remuxer {
    video_cfg: Option<(VideoCodec, Vec<u8>)>,
    audio_cfg: Option<(AacConfig, Vec<u8>)>,
    metadata_size: Option<(u32, u32)>,
    base_ts: Option<u32>,
    pending: Option<PendingVideo>,
    audio_next: Option<u64>,
    init_sent: bool,
    /// Video frames seen (for the "no keyframe" watchdog).
    pub frames: u64,
}

impl Remuxer {
    /// Width and height from `onMetaData`, used when the SPS cannot be read (HEVC).
    pub fn set_metadata_size(&mut self, width: u32, height: u32) {
        self.metadata_size = Some((width, height));
    }

    /// A remuxer whose media time starts at `base` (milliseconds) rather than at
    /// its own first frame: a transcoded rung shares the source's clock.
    pub fn with_base(base: Option<u32>) -> Self {
        Self { base_ts: base, ..Self::default() }
    }

    /// The timestamp (milliseconds) media time counts from, once known.
    pub fn base_ts(&self) -> Option<u32> {
        self.base_ts
    }

    /// Whether an init segment was produced (a keyframe with its config arrived).
    pub fn started(&self) -> bool {
        self.init_sent
    }

    fn base(&mut self, ts: u32) -> u32 {
        *self.base_ts.get_or_insert(ts)
    }

    /// One RTMP video message.
    pub fn video(&mut self, ts: u32, payload: &Bytes) -> Result<Vec<Output>, FlvError> {
        let mut out = Vec::new();
        match parse_video(payload)? {
            VideoTag::Config { codec, record } => {
                if self.init_sent && self.video_cfg.as_ref().is_some_and(|(c, r)| *c != codec || r != record) {
                    tracing::warn!("video configuration changed mid-stream; keeping the first one");
                } else {
                    self.video_cfg = Some((codec, record.to_vec()));
                }
            }
            VideoTag::Frame { keyframe, cts, data, .. } => {
                self.frames += 1;
                if self.video_cfg.is_none() {
                    return Ok(out);
                }
                if !self.init_sent {
                    if !keyframe {
                        return Ok(out);
                    }
                    out.push(self.init()?);
                }
                let base = self.base(ts);
                let offset = payload.len() - data.len();
                let frame = PendingVideo { ts, cts, keyframe, data: payload.slice(offset..) };
                if let Some(prev) = self.pending.replace(frame) {
                    // A publisher's clock can jump by more than u32 ticks of 90 kHz (13 h).
                    let duration = ts.saturating_sub(prev.ts).saturating_mul(90).max(1);
                    out.push(Output::Video(video_sample(prev, base, duration)));
                }
            }
            VideoTag::Ignore => {}
        }
        Ok(out)
    }

    /// One RTMP audio message.
    pub fn audio(&mut self, ts: u32, payload: &Bytes) -> Result<Vec<Output>, FlvError> {
        match parse_audio(payload)? {
            AudioTag::Config(asc) => {
                if !self.init_sent {
                    self.audio_cfg = Some((parse_aac_config(asc)?, asc.to_vec()));
                }
                Ok(Vec::new())
            }
            AudioTag::Frame(data) => {
                let Some((cfg, _)) = self.audio_cfg else {
                    return Ok(Vec::new());
                };
                if !self.init_sent {
                    return Ok(Vec::new());
                }
                let base = self.base(ts);
                let rate = u64::from(cfg.sample_rate);
                let from_clock = u64::from(ts.saturating_sub(base)) * rate / 1000;
                // Count samples for smooth timestamps; resync if the clock drifts by over 2 frames.
                let dts = match self.audio_next {
                    Some(next) if next.abs_diff(from_clock) <= u64::from(2 * AAC_FRAME) => next,
                    _ => from_clock,
                };
                self.audio_next = Some(dts + u64::from(AAC_FRAME));
                let offset = payload.len() - data.len();
                Ok(vec![Output::Audio(Sample {
                    dts,
                    duration: AAC_FRAME,
                    cts: 0,
                    keyframe: true,
                    data: payload.slice(offset..),
                })])
            }
        }
    }

    /// The publisher stopped: emit the last frame with a nominal duration.
    pub fn flush(&mut self) -> Vec<Output> {
        let base = self.base_ts.unwrap_or(0);
        self.pending.take().map(|p| Output::Video(video_sample(p, base, 3000))).into_iter().collect()
    }

    fn init(&mut self) -> Result<Output, FlvError> {
        let (codec, record) = self.video_cfg.clone().ok_or(FlvError::Truncated("video configuration"))?;
        let (width, height) = match codec {
            VideoCodec::Avc => h264::first_sps(&record)
                .and_then(h264::sps_dimensions)
                .ok()
                .or(self.metadata_size)
                .ok_or(FlvError::Truncated("AVC configuration"))?,
            VideoCodec::Hevc => self.metadata_size.unwrap_or((1920, 1080)),
        };
        let video_codec = match codec {
            VideoCodec::Avc if record.len() >= 4 => {
                format!("avc1.{:02x}{:02x}{:02x}", record[1], record[2], record[3])
            }
            VideoCodec::Avc => "avc1".into(),
            VideoCodec::Hevc => {
                let profile = record.get(1).map(|b| b & 0x1f).unwrap_or(1);
                let level = record.get(12).copied().unwrap_or(93);
                format!("hvc1.{profile}.6.L{level}.B0")
            }
        };
        let codecs = match &self.audio_cfg {
            Some((aac, _)) => format!("{video_codec},mp4a.40.{}", aac.object_type),
            None => video_codec,
        };
        self.init_sent = true;
        Ok(Output::Init(TrackInfo { video: (codec, record), width, height, audio: self.audio_cfg.clone() }, codecs))
    }
}

fn video_sample(p: PendingVideo, base: u32, duration: u32) -> Sample {
    Sample {
        dts: u64::from(p.ts.saturating_sub(base)) * u64::from(VIDEO_TIMESCALE / 1000),
        duration,
        cts: p.cts * 90,
        keyframe: p.keyframe,
        data: p.data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn avcc_tag() -> Bytes {
        // A baseline 320x240 SPS inside an avcC record, in an FLV sequence-header tag.
        let sps = [
            0x67, 0x42, 0xc0, 0x0d, 0xd9, 0x01, 0x41, 0xfb, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03,
            0x03, 0xc0, 0xf1, 0x42, 0xa4, 0x80,
        ];
        let mut t = vec![0x17, 0, 0, 0, 0, 1, 0x42, 0xc0, 0x0d, 0xff, 0xe1, 0, sps.len() as u8];
        t.extend_from_slice(&sps);
        t.extend_from_slice(&[1, 0, 4, 0x68, 0xce, 0x3c, 0x80]);
        Bytes::from(t)
    }

    fn frame(key: bool) -> Bytes {
        Bytes::from(vec![if key { 0x17 } else { 0x27 }, 1, 0, 0, 0, 0, 0, 0, 1, 0x65])
    }

    #[test]
    fn frames_get_durations_from_the_next_timestamp() {
        let mut r = Remuxer::default();
        assert!(r.audio(0, &Bytes::from_static(&[0xaf, 0, 0x12, 0x10])).unwrap().is_empty());
        assert!(r.video(0, &avcc_tag()).unwrap().is_empty());
        assert!(r.video(0, &frame(false)).unwrap().is_empty(), "frames before the first keyframe are dropped");
        let out = r.video(1000, &frame(true)).unwrap();
        match &out[..] {
            [Output::Init(info, codecs)] => {
                assert_eq!((info.width, info.height), (320, 240));
                assert_eq!(codecs, "avc1.42c00d,mp4a.40.2");
            }
            other => panic!("{other:?}"),
        }
        let out = r.video(1033, &frame(false)).unwrap();
        match &out[..] {
            [Output::Video(s)] => assert_eq!((s.dts, s.duration, s.keyframe, s.data.len()), (0, 33 * 90, true, 5)),
            other => panic!("{other:?}"),
        }
        let a1 = r.audio(1040, &Bytes::from_static(&[0xaf, 1, 9, 9])).unwrap();
        let a2 = r.audio(1063, &Bytes::from_static(&[0xaf, 1, 9, 9])).unwrap();
        match (&a1[..], &a2[..]) {
            ([Output::Audio(x)], [Output::Audio(y)]) => assert_eq!(y.dts - x.dts, 1024),
            other => panic!("{other:?}"),
        }
        assert!(matches!(&r.flush()[..], [Output::Video(s)] if s.dts == 33 * 90));
    }

    #[test]
    fn garbage_is_refused() {
        let mut r = Remuxer::default();
        assert!(r.video(0, &Bytes::from_static(&[0x12, 0, 0, 0, 0])).is_err());
        assert!(r.audio(0, &Bytes::from_static(&[0x2f, 1])).is_err());
        assert!(r.video(0, &Bytes::new()).is_err());
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for the media path a publisher drives: any sequence of
    //! video, audio and metadata messages, at any timestamps (jumps, going
    //! back, wrapping near 2^32 ms), goes through the remuxer, the fMP4 writer
    //! and the HLS window without a panic; the init segment comes first, every
    //! fragment is well-formed boxes, and the ended playlist says so.

    use aethex_sdk::fuzz::gen::{mutate, mutations};
    use proptest::collection::vec;
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::ingest::{apply, RenditionHandle};

    #[derive(Debug, Clone, Copy, Serialize, Deserialize)]
    enum Kind {
        Video,
        Audio,
        /// `onMetaData` width and height (the payload's first 8 bytes).
        Metadata,
    }

    /// How the message's timestamp follows the previous one.
    #[derive(Debug, Clone, Copy, Serialize, Deserialize)]
    enum Clock {
        After(u32),
        At(u32),
    }

    fn payload() -> impl Strategy<Value = (Kind, Vec<u8>)> {
        let data = || vec(any::<u8>(), 0..24);
        let cts = -(1i32 << 23)..(1 << 23);
        let avc_config = prop_oneof![
            Just(super::tests::avcc_tag().to_vec()),
            data().prop_map(|r| [&[0x17, 0, 0, 0, 0][..], &r].concat()),
        ];
        let video = prop_oneof![
            1 => avc_config,
            1 => data().prop_map(|r| [&[0x90, b'h', b'v', b'c', b'1'][..], &r].concat()),
            6 => (any::<bool>(), cts.clone(), data()).prop_map(|(key, cts, d)| {
                let c = cts.to_be_bytes();
                [&[if key { 0x17 } else { 0x27 }, 1, c[1], c[2], c[3]][..], &d].concat()
            }),
            1 => (any::<bool>(), cts, data()).prop_map(|(key, cts, d)| {
                let c = cts.to_be_bytes();
                [&[if key { 0x91 } else { 0xa1 }, b'h', b'v', b'c', b'1', c[1], c[2], c[3]][..], &d].concat()
            }),
        ];
        let audio = prop_oneof![
            1 => prop_oneof![Just([0x12u8, 0x10]), any::<[u8; 2]>()].prop_map(|asc| vec![0xaf, 0, asc[0], asc[1]]),
            4 => data().prop_map(|d| [&[0xaf, 1][..], &d].concat()),
        ];
        prop_oneof![
            8 => (video, mutations(1)).prop_map(|(v, m)| (Kind::Video, mutate(v, &m))),
            4 => (audio, mutations(1)).prop_map(|(a, m)| (Kind::Audio, mutate(a, &m))),
            1 => any::<[u8; 8]>().prop_map(|b| (Kind::Metadata, b.to_vec())),
        ]
    }

    fn clock() -> impl Strategy<Value = Clock> {
        prop_oneof![
            12 => (0..100u32).prop_map(Clock::After),
            1 => any::<u32>().prop_map(Clock::After),
            1 => any::<u32>().prop_map(Clock::At),
            1 => (u32::MAX - 5000..=u32::MAX).prop_map(Clock::At),
        ]
    }

    /// Walk the top-level boxes; they must tile `b` exactly.
    fn boxes(b: &[u8]) -> Result<Vec<[u8; 4]>, TestCaseError> {
        let (mut at, mut kinds) = (0, Vec::new());
        while at < b.len() {
            prop_assert!(at + 8 <= b.len(), "box header cut at {at} of {}", b.len());
            let size = u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize;
            prop_assert!(size >= 8 && at + size <= b.len(), "box size {size} at {at} of {}", b.len());
            kinds.push([b[at + 4], b[at + 5], b[at + 6], b[at + 7]]);
            at += size;
        }
        Ok(kinds)
    }

    #[test]
    fn fuzz_remux() {
        let messages = vec((clock(), payload()), 0..200);
        aethex_sdk::fuzz::target("remux").cases(64).run(messages, |messages: Vec<(Clock, (Kind, Vec<u8>))>| {
            let mut remuxer = Remuxer::default();
            let rendition = RenditionHandle::new("source", Default::default());
            let (mut ts, mut init_seen) = (0u32, false);
            for (clock, (kind, payload)) in messages {
                ts = match clock {
                    Clock::After(d) => ts.wrapping_add(d),
                    Clock::At(t) => t,
                };
                let out = match kind {
                    Kind::Video => remuxer.video(ts, &Bytes::from(payload)),
                    Kind::Audio => remuxer.audio(ts, &Bytes::from(payload)),
                    Kind::Metadata => {
                        let w = u32::from_be_bytes([payload[0], payload[1], payload[2], payload[3]]);
                        remuxer
                            .set_metadata_size(w, u32::from_be_bytes([payload[4], payload[5], payload[6], payload[7]]));
                        continue;
                    }
                };
                let Ok(out) = out else { continue };
                for o in &out {
                    match o {
                        Output::Init(info, codecs) => {
                            prop_assert!(!init_seen, "a second init segment");
                            init_seen = true;
                            prop_assert!(!codecs.is_empty());
                            prop_assert_eq!(boxes(&super::super::fmp4::init_segment(info))?, [*b"ftyp", *b"moov"]);
                        }
                        Output::Video(_) | Output::Audio(_) => {
                            prop_assert!(init_seen, "a sample before the init segment")
                        }
                    }
                }
                apply(&rendition, out);
            }
            apply(&rendition, remuxer.flush());
            rendition.update(|r| r.finish());
            rendition.read(|r| {
                for seg in &r.segments {
                    for part in &seg.parts {
                        prop_assert_eq!(boxes(&part.data)?, [*b"moof", *b"mdat"]);
                    }
                }
                let playlist = r.playlist("");
                prop_assert!(playlist.ends_with("#EXT-X-ENDLIST\n"), "{}", playlist);
                Ok(())
            })
        });
    }
}
