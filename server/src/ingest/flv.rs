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
