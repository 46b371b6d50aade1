//! FLV tag payloads as RTMP carries them (legacy and Enhanced RTMP), parsed
//! into what the remuxer needs. Pure functions over byte slices: no I/O.

/// Why a payload was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FlvError {
    /// Shorter than its header says.
    #[error("truncated {0} tag")]
    Truncated(&'static str),
    /// A codec this server does not remux.
    #[error("unsupported {kind} codec {codec}")]
    Unsupported {
        /// `video` or `audio`.
        kind: &'static str,
        /// The codec's id or FourCC.
        codec: String,
    },
}

/// Video codecs we remux without re-encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoCodec {
    /// H.264 / AVC (legacy FLV codec id 7).
    Avc,
    /// H.265 / HEVC (Enhanced RTMP FourCC `hvc1`).
    Hevc,
}

/// One parsed video tag.
#[derive(Debug, PartialEq, Eq)]
pub enum VideoTag<'a> {
    /// Decoder configuration (avcC / hvcC record).
    Config {
        /// Which codec.
        codec: VideoCodec,
        /// The record, copied verbatim into the init segment.
        record: &'a [u8],
    },
    /// Length-prefixed NAL units of one frame.
    Frame {
        /// Which codec.
        codec: VideoCodec,
        /// A random-access point.
        keyframe: bool,
        /// Composition time offset (PTS - DTS), ms.
        cts: i32,
        /// The NAL units.
        data: &'a [u8],
    },
    /// End of sequence, or a tag with nothing to remux (metadata, commands).
    Ignore,
}

fn si24(b: &[u8]) -> i32 {
    let v = (i32::from(b[0]) << 16) | (i32::from(b[1]) << 8) | i32::from(b[2]);
    (v << 8) >> 8
}

/// Parse the payload of an RTMP video message.
pub fn parse_video(data: &[u8]) -> Result<VideoTag<'_>, FlvError> {
    let first = *data.first().ok_or(FlvError::Truncated("video"))?;
    if first & 0x80 != 0 {
        // Enhanced RTMP: [IsExHeader | FrameType(3) | PacketType(4)] FourCC ...
        if data.len() < 5 {
            return Err(FlvError::Truncated("video"));
        }
        let frame_type = (first >> 4) & 0x07;
        let packet_type = first & 0x0f;
        let fourcc = &data[1..5];
        if fourcc != b"hvc1" {
            return Err(FlvError::Unsupported { kind: "video", codec: String::from_utf8_lossy(fourcc).into_owned() });
        }
        let body = &data[5..];
        return match packet_type {
            0 => Ok(VideoTag::Config { codec: VideoCodec::Hevc, record: body }),
            1 => {
                if body.len() < 3 {
                    return Err(FlvError::Truncated("video"));
                }
                Ok(VideoTag::Frame {
                    codec: VideoCodec::Hevc,
                    keyframe: frame_type == 1,
                    cts: si24(body),
                    data: &body[3..],
                })
            }
            3 => Ok(VideoTag::Frame { codec: VideoCodec::Hevc, keyframe: frame_type == 1, cts: 0, data: body }),
            _ => Ok(VideoTag::Ignore),
        };
    }
    let frame_type = first >> 4;
    let codec_id = first & 0x0f;
    if frame_type == 5 {
        // Video info / command frame: carries no picture.
        return Ok(VideoTag::Ignore);
    }
    if codec_id != 7 {
        return Err(FlvError::Unsupported { kind: "video", codec: format!("id {codec_id}") });
    }
    if data.len() < 5 {
        return Err(FlvError::Truncated("video"));
    }
    let body = &data[5..];
    match data[1] {
        0 => Ok(VideoTag::Config { codec: VideoCodec::Avc, record: body }),
        1 => Ok(VideoTag::Frame {
            codec: VideoCodec::Avc,
            keyframe: frame_type == 1,
            cts: si24(&data[2..5]),
            data: body,
        }),
        _ => Ok(VideoTag::Ignore),
    }
}

/// One parsed audio tag.
#[derive(Debug, PartialEq, Eq)]
pub enum AudioTag<'a> {
    /// AAC AudioSpecificConfig.
    Config(&'a [u8]),
    /// One raw AAC frame (1024 samples).
    Frame(&'a [u8]),
}

/// Parse the payload of an RTMP audio message (AAC only).
pub fn parse_audio(data: &[u8]) -> Result<AudioTag<'_>, FlvError> {
    let first = *data.first().ok_or(FlvError::Truncated("audio"))?;
    let format = first >> 4;
    if format != 10 {
        return Err(FlvError::Unsupported { kind: "audio", codec: format!("id {format}") });
    }
    if data.len() < 2 {
        return Err(FlvError::Truncated("audio"));
    }
    match data[1] {
        0 => Ok(AudioTag::Config(&data[2..])),
        _ => Ok(AudioTag::Frame(&data[2..])),
    }
}

/// What an AAC AudioSpecificConfig says about the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AacConfig {
    /// Audio object type (2 = AAC-LC).
    pub object_type: u8,
    /// Samples per second.
    pub sample_rate: u32,
    /// Channel count.
    pub channels: u8,
}

/// Parse the first bytes of an AudioSpecificConfig (ISO 14496-3 §1.6.2.1).
pub fn parse_aac_config(asc: &[u8]) -> Result<AacConfig, FlvError> {
    const RATES: [u32; 13] = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
    if asc.len() < 2 {
        return Err(FlvError::Truncated("AudioSpecificConfig"));
    }
    let object_type = asc[0] >> 3;
    let freq_index = ((asc[0] & 0x07) << 1) | (asc[1] >> 7);
    let channels = (asc[1] >> 3) & 0x0f;
    let sample_rate = *RATES
        .get(usize::from(freq_index))
        .ok_or(FlvError::Unsupported { kind: "audio", codec: format!("AAC sample rate index {freq_index}") })?;
    Ok(AacConfig { object_type, sample_rate, channels: channels.max(1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avc_tags() {
        let cfg = [0x17, 0x00, 0, 0, 0, 1, 0x64, 0, 0x1f];
        assert_eq!(
            parse_video(&cfg).unwrap(),
            VideoTag::Config { codec: VideoCodec::Avc, record: &[1, 0x64, 0, 0x1f] }
        );
        let key = [0x17, 0x01, 0xff, 0xff, 0xfe, 0, 0, 0, 1, 0x65];
        assert_eq!(
            parse_video(&key).unwrap(),
            VideoTag::Frame { codec: VideoCodec::Avc, keyframe: true, cts: -2, data: &[0, 0, 0, 1, 0x65] }
        );
        let inter = [0x27, 0x01, 0, 0, 40, 9];
        assert!(matches!(parse_video(&inter).unwrap(), VideoTag::Frame { keyframe: false, cts: 40, .. }));
        assert_eq!(parse_video(&[0x17, 0x02, 0, 0, 0]).unwrap(), VideoTag::Ignore);
    }

    #[test]
    fn enhanced_rtmp_hevc() {
        let mut cfg = vec![0x80 | 0x10, b'h', b'v', b'c', b'1'];
        cfg.extend_from_slice(&[1, 2, 3]);
        assert_eq!(parse_video(&cfg).unwrap(), VideoTag::Config { codec: VideoCodec::Hevc, record: &[1, 2, 3] });
        let frame = [0x80 | 0x10 | 3, b'h', b'v', b'c', b'1', 9, 9];
        assert!(matches!(
            parse_video(&frame).unwrap(),
            VideoTag::Frame { codec: VideoCodec::Hevc, keyframe: true, cts: 0, .. }
        ));
        let av1 = [0x80 | 0x10, b'a', b'v', b'0', b'1'];
        assert!(matches!(parse_video(&av1), Err(FlvError::Unsupported { .. })));
    }

    #[test]
    fn bad_video() {
        assert_eq!(parse_video(&[]), Err(FlvError::Truncated("video")));
        assert_eq!(parse_video(&[0x17, 0x01]), Err(FlvError::Truncated("video")));
        assert!(matches!(parse_video(&[0x12, 0, 0, 0, 0]), Err(FlvError::Unsupported { .. })), "Sorenson H.263");
        assert_eq!(parse_video(&[0x80 | 0x10, b'h']), Err(FlvError::Truncated("video")));
    }

    #[test]
    fn aac() {
        assert_eq!(parse_audio(&[0xaf, 0x00, 0x12, 0x10]).unwrap(), AudioTag::Config(&[0x12, 0x10]));
        assert_eq!(parse_audio(&[0xaf, 0x01, 7, 7]).unwrap(), AudioTag::Frame(&[7, 7]));
        assert!(matches!(parse_audio(&[0x2f, 0x01]), Err(FlvError::Unsupported { .. })), "MP3");
        // 0x12 0x10: AAC-LC, 44.1 kHz, stereo.
        assert_eq!(
            parse_aac_config(&[0x12, 0x10]).unwrap(),
            AacConfig { object_type: 2, sample_rate: 44100, channels: 2 }
        );
        assert!(parse_aac_config(&[0x17, 0x80]).is_err(), "rate index 15 is explicit, unsupported");
        assert!(parse_aac_config(&[0x12]).is_err());
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target: any payload parses or is refused with an [`FlvError`];
    //! an intact tag parses to exactly what was written into it.

    use aethex_sdk::fuzz::gen::{mutate, mutations, Mutation};
    use proptest::collection::vec;
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    use super::*;

    /// A tag as an encoder would write it.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    enum Tag {
        /// Legacy video: `[frame type | codec id] [packet type] [cts: 3] body`.
        Video { frame_type: u8, codec: u8, packet: u8, cts: i32, body: Vec<u8> },
        /// Enhanced RTMP video: `[1 | frame type | packet type] [FourCC] ([cts: 3]) body`.
        Enhanced { frame_type: u8, packet: u8, fourcc: [u8; 4], cts: i32, body: Vec<u8> },
        /// Audio: `[format | rate, size, channels] [AAC packet type] body`, an
        /// AudioSpecificConfig (object type, rate index, channels) in front.
        Audio { format: u8, bits: u8, packet: u8, asc: Option<(u8, u8, u8)>, body: Vec<u8> },
        /// Anything.
        Raw(Vec<u8>),
    }

    fn i24(cts: i32) -> [u8; 3] {
        let b = cts.to_be_bytes();
        [b[1], b[2], b[3]]
    }

    fn asc_bytes((object_type, rate, channels): (u8, u8, u8)) -> [u8; 2] {
        [(object_type << 3) | (rate >> 1), ((rate & 1) << 7) | (channels << 3)]
    }

    impl Tag {
        fn bytes(&self) -> Vec<u8> {
            match self {
                Tag::Video { frame_type, codec, packet, cts, body } => {
                    [&[(frame_type << 4) | codec, *packet][..], &i24(*cts), body].concat()
                }
                Tag::Enhanced { frame_type, packet, fourcc, cts, body } => {
                    let cts: &[u8] = if *packet == 1 { &i24(*cts) } else { &[] };
                    [&[0x80 | (frame_type << 4) | packet][..], fourcc, cts, body].concat()
                }
                Tag::Audio { format, bits, packet, asc, body } => {
                    let asc = asc.map(asc_bytes);
                    [&[(format << 4) | bits, *packet][..], asc.as_ref().map_or(&[][..], |a| &a[..]), body].concat()
                }
                Tag::Raw(b) => b.clone(),
            }
        }
    }

    fn tag() -> impl Strategy<Value = Tag> {
        let cts = -(1 << 23)..(1 << 23);
        let body = || vec(any::<u8>(), 0..48);
        prop_oneof![
            (0..8u8, prop_oneof![3 => Just(7u8), 1 => 0..16u8], 0..4u8, cts.clone(), body())
                .prop_map(|(frame_type, codec, packet, cts, body)| Tag::Video { frame_type, codec, packet, cts, body }),
            (
                0..8u8,
                prop_oneof![3 => prop::sample::select(vec![0u8, 1, 3]), 1 => 0..16u8],
                prop_oneof![3 => Just(*b"hvc1"), 1 => Just(*b"av01"), 1 => any::<[u8; 4]>()],
                cts,
                body()
            )
                .prop_map(|(frame_type, packet, fourcc, cts, body)| Tag::Enhanced {
                    frame_type,
                    packet,
                    fourcc,
                    cts,
                    body
                }),
            (
                prop_oneof![3 => Just(10u8), 1 => 0..16u8],
                0..16u8,
                0..3u8,
                proptest::option::of((0..32u8, 0..16u8, 0..16u8)),
                body()
            )
                .prop_map(|(format, bits, packet, asc, body)| Tag::Audio {
                    format,
                    bits,
                    packet,
                    asc,
                    body
                }),
            vec(any::<u8>(), 0..16).prop_map(Tag::Raw),
        ]
    }

    /// What an intact tag must parse to.
    fn check_intact(tag: &Tag, bytes: &[u8]) -> Result<(), TestCaseError> {
        match tag {
            Tag::Video { frame_type, codec, packet, cts, body } => {
                let expected = match (frame_type, codec, packet) {
                    (5, _, _) => Ok(VideoTag::Ignore),
                    (_, 7, 0) => Ok(VideoTag::Config { codec: VideoCodec::Avc, record: body }),
                    (_, 7, 1) => Ok(VideoTag::Frame {
                        codec: VideoCodec::Avc,
                        keyframe: *frame_type == 1,
                        cts: *cts,
                        data: body,
                    }),
                    (_, 7, _) => Ok(VideoTag::Ignore),
                    _ => Err(FlvError::Unsupported { kind: "video", codec: format!("id {codec}") }),
                };
                prop_assert_eq!(parse_video(bytes), expected);
            }
            Tag::Enhanced { frame_type, packet, fourcc, cts, body } => {
                let parsed = parse_video(bytes);
                if fourcc != b"hvc1" {
                    prop_assert!(matches!(parsed, Err(FlvError::Unsupported { .. })), "{:?}", parsed);
                    return Ok(());
                }
                let keyframe = *frame_type == 1;
                let expected = match packet {
                    0 => VideoTag::Config { codec: VideoCodec::Hevc, record: body },
                    1 => VideoTag::Frame { codec: VideoCodec::Hevc, keyframe, cts: *cts, data: body },
                    3 => VideoTag::Frame { codec: VideoCodec::Hevc, keyframe, cts: 0, data: body },
                    _ => VideoTag::Ignore,
                };
                prop_assert_eq!(parsed, Ok(expected));
            }
            Tag::Audio { format: 10, packet, asc, body, .. } => {
                let payload = &bytes[2..];
                let parsed = parse_audio(bytes);
                prop_assert_eq!(
                    &parsed,
                    &Ok(if *packet == 0 { AudioTag::Config(payload) } else { AudioTag::Frame(payload) })
                );
                if let Some((object_type, rate, channels)) = *asc {
                    const RATES: [u32; 13] =
                        [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
                    let config = parse_aac_config(payload);
                    match RATES.get(usize::from(rate)) {
                        Some(&sample_rate) => prop_assert_eq!(
                            config,
                            Ok(AacConfig { object_type, sample_rate, channels: channels.max(1) })
                        ),
                        None => prop_assert!(config.is_err()),
                    }
                } else if body.len() < 2 {
                    prop_assert!(parse_aac_config(payload).is_err());
                }
            }
            Tag::Audio { .. } => {
                let parsed = parse_audio(bytes);
                prop_assert!(matches!(parsed, Err(FlvError::Unsupported { .. })), "{:?}", parsed);
            }
            Tag::Raw(_) => {}
        }
        Ok(())
    }

    #[test]
    fn fuzz_flv_tags() {
        aethex_sdk::fuzz::target("flv_tags").run((tag(), mutations(3)), |(tag, ms): (Tag, Vec<Mutation>)| {
            let intact = tag.bytes();
            let bytes = mutate(intact.clone(), &ms);
            if let Ok(VideoTag::Frame { cts, .. }) = parse_video(&bytes) {
                prop_assert!((-(1 << 23)..(1 << 23)).contains(&cts));
            }
            if let Ok(AudioTag::Config(asc) | AudioTag::Frame(asc)) = parse_audio(&bytes) {
                let _ = parse_aac_config(asc);
            }
            let _ = parse_aac_config(&bytes);
            if bytes == intact {
                check_intact(&tag, &bytes)?;
            }
            Ok(())
        });
    }
}
