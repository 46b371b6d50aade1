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
                    let duration = (ts.saturating_sub(prev.ts) * 90).max(1);
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

    fn avcc_tag() -> Bytes {
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
