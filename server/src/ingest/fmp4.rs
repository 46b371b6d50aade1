//! Fragmented MP4 (ISO/IEC 14496-12, CMAF-style) for HLS: one init segment
//! (`ftyp` + `moov`) per rendition and `moof` + `mdat` fragments, each
//! holding a run of video samples and the audio samples beside them. Pure:
//! bytes in, bytes out.

use super::flv::{AacConfig, VideoCodec};

/// Video timescale: 90 kHz, the MPEG convention.
pub const VIDEO_TIMESCALE: u32 = 90_000;
/// Track ids.
pub const VIDEO_TRACK: u32 = 1;
/// Track ids.
pub const AUDIO_TRACK: u32 = 2;

/// One coded sample.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Decode time in the track's timescale.
    pub dts: u64,
    /// Duration in the track's timescale.
    pub duration: u32,
    /// PTS - DTS in the track's timescale.
    pub cts: i32,
    /// A random-access point.
    pub keyframe: bool,
    /// The coded bytes (length-prefixed NAL units, or one raw AAC frame).
    pub data: bytes::Bytes,
}

/// What the init segment describes.
#[derive(Debug, Clone)]
pub struct TrackInfo {
    /// Video codec and its decoder configuration record (avcC / hvcC).
    pub video: (VideoCodec, Vec<u8>),
    /// Picture size.
    pub width: u32,
    /// Picture size.
    pub height: u32,
    /// AAC config and its AudioSpecificConfig bytes, if the stream has audio.
    pub audio: Option<(AacConfig, Vec<u8>)>,
}

/// Start a box; returns its offset for [`end`].
fn begin(out: &mut Vec<u8>, kind: &[u8; 4]) -> usize {
    let at = out.len();
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(kind);
    at
}

/// Close a box started at `at`, writing its size.
fn end(out: &mut [u8], at: usize) {
    let size = (out.len() - at) as u32;
    out[at..at + 4].copy_from_slice(&size.to_be_bytes());
}

fn full(out: &mut Vec<u8>, kind: &[u8; 4], version: u8, flags: u32) -> usize {
    let at = begin(out, kind);
    out.push(version);
    out.extend_from_slice(&flags.to_be_bytes()[1..]);
    at
}

fn u16b(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}
fn u32b(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

const MATRIX: [u32; 9] = [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000];

/// The init segment: `ftyp` + `moov` with one video and optionally one audio track.
pub fn init_segment(info: &TrackInfo) -> Vec<u8> {
    let mut o = Vec::with_capacity(1024);
    let ftyp = begin(&mut o, b"ftyp");
    o.extend_from_slice(b"iso5");
    u32b(&mut o, 512);
    for brand in [b"iso5", b"iso6", b"mp41", b"cmfc"] {
        o.extend_from_slice(brand);
    }
    end(&mut o, ftyp);

    let moov = begin(&mut o, b"moov");
    let mvhd = full(&mut o, b"mvhd", 0, 0);
    u32b(&mut o, 0);
    u32b(&mut o, 0);
    u32b(&mut o, 1000);
    u32b(&mut o, 0);
    u32b(&mut o, 0x0001_0000);
    u16b(&mut o, 0x0100);
    o.extend_from_slice(&[0; 10]);
    MATRIX.iter().for_each(|m| u32b(&mut o, *m));
    o.extend_from_slice(&[0; 24]);
    u32b(&mut o, if info.audio.is_some() { 3 } else { 2 });
    end(&mut o, mvhd);

    video_trak(&mut o, info);
    if let Some((aac, asc)) = &info.audio {
        audio_trak(&mut o, aac, asc);
    }

    let mvex = begin(&mut o, b"mvex");
    let tracks: &[u32] = if info.audio.is_some() { &[VIDEO_TRACK, AUDIO_TRACK] } else { &[VIDEO_TRACK] };
    for id in tracks {
        let trex = full(&mut o, b"trex", 0, 0);
        u32b(&mut o, *id);
        u32b(&mut o, 1);
        u32b(&mut o, 0);
        u32b(&mut o, 0);
        u32b(&mut o, 0);
        end(&mut o, trex);
    }
    end(&mut o, mvex);
    end(&mut o, moov);
    o
}

fn tkhd(o: &mut Vec<u8>, id: u32, audio: bool, width: u32, height: u32) {
    let at = full(o, b"tkhd", 0, 3);
    u32b(o, 0);
    u32b(o, 0);
    u32b(o, id);
    u32b(o, 0);
    u32b(o, 0);
    o.extend_from_slice(&[0; 8]);
    u16b(o, 0);
    u16b(o, if audio { 1 } else { 0 });
    u16b(o, if audio { 0x0100 } else { 0 });
    u16b(o, 0);
    MATRIX.iter().for_each(|m| u32b(o, *m));
    u32b(o, width << 16);
    u32b(o, height << 16);
    end(o, at);
}

fn mdhd_hdlr(o: &mut Vec<u8>, timescale: u32, handler: &[u8; 4], name: &str) {
    let mdhd = full(o, b"mdhd", 0, 0);
    u32b(o, 0);
    u32b(o, 0);
    u32b(o, timescale);
    u32b(o, 0);
    u16b(o, 0x55c4); // "und"
    u16b(o, 0);
    end(o, mdhd);
    let hdlr = full(o, b"hdlr", 0, 0);
    u32b(o, 0);
    o.extend_from_slice(handler);
    o.extend_from_slice(&[0; 12]);
    o.extend_from_slice(name.as_bytes());
    o.push(0);
    end(o, hdlr);
}

fn dinf_and_empty_tables(o: &mut Vec<u8>) {
    let dinf = begin(o, b"dinf");
    let dref = full(o, b"dref", 0, 0);
    u32b(o, 1);
    let url = full(o, b"url ", 0, 1);
    end(o, url);
    end(o, dref);
    end(o, dinf);
}

fn empty_sample_tables(o: &mut Vec<u8>) {
    for kind in [b"stts", b"stsc", b"stco"] {
        let at = full(o, kind, 0, 0);
        u32b(o, 0);
        end(o, at);
    }
    let stsz = full(o, b"stsz", 0, 0);
    u32b(o, 0);
    u32b(o, 0);
    end(o, stsz);
}

fn video_trak(o: &mut Vec<u8>, info: &TrackInfo) {
    let trak = begin(o, b"trak");
    tkhd(o, VIDEO_TRACK, false, info.width, info.height);
    let mdia = begin(o, b"mdia");
    mdhd_hdlr(o, VIDEO_TIMESCALE, b"vide", "AeThex video");
    let minf = begin(o, b"minf");
    let vmhd = full(o, b"vmhd", 0, 1);
    o.extend_from_slice(&[0; 8]);
    end(o, vmhd);
    dinf_and_empty_tables(o);
    let stbl = begin(o, b"stbl");
    let stsd = full(o, b"stsd", 0, 0);
    u32b(o, 1);
    let (codec, record) = &info.video;
    let entry = begin(o, if *codec == VideoCodec::Avc { b"avc1" } else { b"hvc1" });
    o.extend_from_slice(&[0; 6]);
    u16b(o, 1);
    o.extend_from_slice(&[0; 16]);
    u16b(o, info.width as u16);
    u16b(o, info.height as u16);
    u32b(o, 0x0048_0000);
    u32b(o, 0x0048_0000);
    u32b(o, 0);
    u16b(o, 1);
    o.extend_from_slice(&[0; 32]);
    u16b(o, 0x0018);
    u16b(o, 0xffff);
    let cfg = begin(o, if *codec == VideoCodec::Avc { b"avcC" } else { b"hvcC" });
    o.extend_from_slice(record);
    end(o, cfg);
    end(o, entry);
    end(o, stsd);
    empty_sample_tables(o);
    end(o, stbl);
    end(o, minf);
    end(o, mdia);
    end(o, trak);
}

/// An MPEG-4 descriptor header with a 4-byte length, which every parser accepts.
fn descriptor(o: &mut Vec<u8>, tag: u8, len: usize) {
    o.push(tag);
    let len = len as u32;
    o.extend_from_slice(&[
        0x80 | ((len >> 21) & 0x7f) as u8,
        0x80 | ((len >> 14) & 0x7f) as u8,
        0x80 | ((len >> 7) & 0x7f) as u8,
        (len & 0x7f) as u8,
    ]);
}

fn audio_trak(o: &mut Vec<u8>, aac: &AacConfig, asc: &[u8]) {
    let trak = begin(o, b"trak");
    tkhd(o, AUDIO_TRACK, true, 0, 0);
    let mdia = begin(o, b"mdia");
    mdhd_hdlr(o, aac.sample_rate, b"soun", "AeThex audio");
    let minf = begin(o, b"minf");
    let smhd = full(o, b"smhd", 0, 0);
    u32b(o, 0);
    end(o, smhd);
    dinf_and_empty_tables(o);
    let stbl = begin(o, b"stbl");
    let stsd = full(o, b"stsd", 0, 0);
    u32b(o, 1);
    let mp4a = begin(o, b"mp4a");
    o.extend_from_slice(&[0; 6]);
    u16b(o, 1);
    o.extend_from_slice(&[0; 8]);
    u16b(o, u16::from(aac.channels));
    u16b(o, 16);
    u32b(o, 0);
    u32b(o, aac.sample_rate.min(65535) << 16);
    let esds = full(o, b"esds", 0, 0);
    let dsi_len = asc.len();
    let dcd_len = 13 + 5 + dsi_len;
    let es_len = 3 + 5 + dcd_len + 5 + 1;
    descriptor(o, 0x03, es_len);
    u16b(o, AUDIO_TRACK as u16);
    o.push(0);
    descriptor(o, 0x04, dcd_len);
    o.push(0x40); // MPEG-4 audio
    o.push(0x15); // audio stream
    o.extend_from_slice(&[0, 0, 0]);
    u32b(o, 0);
    u32b(o, 0);
    descriptor(o, 0x05, dsi_len);
    o.extend_from_slice(asc);
    descriptor(o, 0x06, 1);
    o.push(0x02);
    end(o, esds);
    end(o, mp4a);
    end(o, stsd);
    empty_sample_tables(o);
    end(o, stbl);
    end(o, minf);
    end(o, mdia);
    end(o, trak);
}

/// One `moof` + `mdat` with the given samples of each track.
pub fn fragment(sequence: u32, video: &[Sample], audio: &[Sample]) -> Vec<u8> {
    let payload: usize = video.iter().chain(audio).map(|s| s.data.len()).sum();
    let mut o = Vec::with_capacity(256 + 32 * (video.len() + audio.len()) + payload);
    let moof = begin(&mut o, b"moof");
    let mfhd = full(&mut o, b"mfhd", 0, 0);
    u32b(&mut o, sequence);
    end(&mut o, mfhd);
    let mut offsets = Vec::new();
    for (track, samples) in [(VIDEO_TRACK, video), (AUDIO_TRACK, audio)] {
        if samples.is_empty() {
            continue;
        }
        let traf = begin(&mut o, b"traf");
        let tfhd = full(&mut o, b"tfhd", 0, 0x02_0000); // default-base-is-moof
        u32b(&mut o, track);
        end(&mut o, tfhd);
        let tfdt = full(&mut o, b"tfdt", 1, 0);
        o.extend_from_slice(&samples[0].dts.to_be_bytes());
        end(&mut o, tfdt);
        // data-offset, duration, size, flags, composition offset (signed, version 1).
        let trun = full(&mut o, b"trun", 1, 0x0001 | 0x0100 | 0x0200 | 0x0400 | 0x0800);
        u32b(&mut o, samples.len() as u32);
        offsets.push(o.len());
        u32b(&mut o, 0);
        for s in samples {
            u32b(&mut o, s.duration);
            u32b(&mut o, s.data.len() as u32);
            u32b(&mut o, if s.keyframe { 0x0200_0000 } else { 0x0101_0000 });
            o.extend_from_slice(&s.cts.to_be_bytes());
        }
        end(&mut o, trun);
        end(&mut o, traf);
    }
    end(&mut o, moof);
    // Patch each track's data offset: from the start of moof to its bytes in mdat.
    let mut data_at = o.len() - moof + 8;
    let mut i = 0;
    for samples in [video, audio] {
        if samples.is_empty() {
            continue;
        }
        let at = offsets[i];
        o[at..at + 4].copy_from_slice(&(data_at as u32).to_be_bytes());
        data_at += samples.iter().map(|s| s.data.len()).sum::<usize>();
        i += 1;
    }
    u32b(&mut o, (payload + 8) as u32);
    o.extend_from_slice(b"mdat");
    for s in video.iter().chain(audio) {
        o.extend_from_slice(&s.data);
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Walk top-level boxes: (type, size).
    fn boxes(b: &[u8]) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i + 8 <= b.len() {
            let size = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
            out.push((String::from_utf8_lossy(&b[i + 4..i + 8]).into_owned(), size));
            assert!(size >= 8, "box sizes are sane");
            i += size;
        }
        assert_eq!(i, b.len(), "boxes tile the buffer exactly");
        out
    }

    fn sample(dts: u64, key: bool, data: &'static [u8]) -> Sample {
        Sample { dts, duration: 3000, cts: 0, keyframe: key, data: bytes::Bytes::from_static(data) }
    }

    #[test]
    fn init_segment_structure() {
        let info = TrackInfo {
            video: (VideoCodec::Avc, vec![1, 0x64, 0, 0x1f, 0xff, 0xe0, 0]),
            width: 640,
            height: 360,
            audio: Some((AacConfig { object_type: 2, sample_rate: 44100, channels: 2 }, vec![0x12, 0x10])),
        };
        let init = init_segment(&info);
        let top: Vec<String> = boxes(&init).into_iter().map(|(t, _)| t).collect();
        assert_eq!(top, vec!["ftyp", "moov"]);
        let text = String::from_utf8_lossy(&init);
        for needle in ["mvhd", "trak", "avc1", "avcC", "mp4a", "esds", "mvex", "trex"] {
            assert!(text.contains(needle), "{needle}");
        }
    }

    #[test]
    fn fragment_offsets_point_at_the_data() {
        let v = [sample(0, true, b"VVVV"), sample(3000, false, b"vv")];
        let a = [Sample { duration: 1024, ..sample(0, true, b"AAA") }];
        let frag = fragment(7, &v, &a);
        let top = boxes(&frag);
        assert_eq!(top.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), vec!["moof", "mdat"]);
        let moof_len = top[0].1;
        // Find the two trun data offsets and check they land on the payloads.
        let mut found = Vec::new();
        let mut i = 0;
        while let Some(p) = frag[i..].windows(4).position(|w| w == b"trun") {
            let at = i + p + 4 + 4 + 4; // type, version/flags, sample_count
            let off = u32::from_be_bytes([frag[at], frag[at + 1], frag[at + 2], frag[at + 3]]) as usize;
            found.push(off);
            i = i + p + 4;
        }
        assert_eq!(found.len(), 2);
        assert_eq!(&frag[found[0]..found[0] + 4], b"VVVV");
        assert_eq!(&frag[found[1]..found[1] + 3], b"AAA");
        assert!(found[0] == moof_len + 8);
    }
}
