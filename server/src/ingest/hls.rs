//! HLS and Low-Latency HLS for one rendition: cuts complete samples into
//! parts (~250 ms) and segments (on keyframes, at least 1 s), keeps a sliding
//! window in memory, and renders the media playlist with `EXT-X-PART`,
//! `EXT-X-PRELOAD-HINT` and `EXT-X-SERVER-CONTROL` (RFC 8216bis), and each
//! segment's `EXT-X-PROGRAM-DATE-TIME`: the wall-clock time of media time 0
//! (shared by every rendition of a stream) plus the segment's first decode
//! time, so one segment has one date in every rendition.

use std::collections::VecDeque;
use std::fmt::Write as _;

use bytes::Bytes;

use super::fmp4::{fragment, Sample, VIDEO_TIMESCALE};

/// Partial segments are at most this long (seconds).
pub const PART_TARGET: f64 = 0.25;
/// A segment is closed at the first keyframe after this many seconds.
pub const SEGMENT_MIN: f64 = 1.0;
/// Complete segments listed in the playlist.
pub const WINDOW: usize = 6;
/// Complete segments kept in memory (the window plus some for slow readers).
const KEEP: usize = WINDOW + 3;

/// One partial segment: a `moof` + `mdat`.
#[derive(Debug, Clone)]
pub struct Part {
    /// The fragment bytes.
    pub data: Bytes,
    /// Seconds.
    pub duration: f64,
    /// Starts with a keyframe.
    pub independent: bool,
}

/// One segment: its parts, concatenated when fetched whole.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Media sequence number.
    pub msn: u64,
    /// Decode time of its first video sample (90 kHz).
    pub start: u64,
    /// Its parts so far.
    pub parts: Vec<Part>,
    /// Closed (no more parts).
    pub complete: bool,
}

impl Segment {
    /// Seconds.
    pub fn duration(&self) -> f64 {
        self.parts.iter().map(|p| p.duration).sum()
    }
    /// The whole segment's bytes.
    pub fn bytes(&self) -> Bytes {
        let mut out = Vec::with_capacity(self.parts.iter().map(|p| p.data.len()).sum());
        for p in &self.parts {
            out.extend_from_slice(&p.data);
        }
        Bytes::from(out)
    }
}

/// The HLS state of one rendition.
#[derive(Debug, Default)]
pub struct Rendition {
    /// `init.mp4`, once the codecs are known.
    pub init: Option<Bytes>,
    /// Recent segments, oldest first; the last may be open.
    pub segments: VecDeque<Segment>,
    /// `EXT-X-ENDLIST` once the publisher is gone.
    pub ended: bool,
    /// RFC 6381 codecs string for the master playlist.
    pub codecs: String,
    /// Picture size.
    pub resolution: (u32, u32),
    /// Unix milliseconds of media time 0, for `EXT-X-PROGRAM-DATE-TIME`.
    pub epoch_ms: Option<i64>,
    next_msn: u64,
    fragment_seq: u32,
    pending_video: Vec<Sample>,
    pending_audio: Vec<Sample>,
    pending_ticks: u64,
    max_segment: f64,
    bytes_total: u64,
    seconds_total: f64,
}

impl Rendition {
    /// Add a complete video sample. Samples before the first keyframe are dropped.
    pub fn push_video(&mut self, s: Sample) {
        if self.ended {
            return;
        }
        let open = self.segments.back().is_some_and(|seg| !seg.complete);
        if !open {
            if !s.keyframe {
                return;
            }
            self.open_segment(s.dts);
        } else if s.keyframe && self.open_duration() + self.pending_seconds() >= SEGMENT_MIN {
            self.flush_part();
            self.close_segment();
            self.open_segment(s.dts);
        } else if self.pending_ticks > 0
            && (self.pending_ticks + u64::from(s.duration)) as f64 / f64::from(VIDEO_TIMESCALE) > PART_TARGET + 1e-9
        {
            self.flush_part();
        }
        self.pending_ticks += u64::from(s.duration);
        self.pending_video.push(s);
        if self.pending_seconds() >= PART_TARGET - 1e-9 {
            self.flush_part();
        }
    }

    /// Add a complete audio sample; it rides in the next part.
    pub fn push_audio(&mut self, s: Sample) {
        if !self.ended && self.segments.back().is_some_and(|seg| !seg.complete) && self.pending_audio.len() < 512 {
            self.pending_audio.push(s);
        }
    }

    /// The publisher is gone: close what is open and mark the end.
    pub fn finish(&mut self) {
        self.flush_part();
        self.close_segment();
        self.ended = true;
    }

    fn pending_seconds(&self) -> f64 {
        self.pending_ticks as f64 / f64::from(VIDEO_TIMESCALE)
    }

    fn open_duration(&self) -> f64 {
        self.segments.back().filter(|s| !s.complete).map(Segment::duration).unwrap_or(0.0)
    }

    fn open_segment(&mut self, start: u64) {
        self.segments.push_back(Segment { msn: self.next_msn, start, parts: Vec::new(), complete: false });
        self.next_msn += 1;
    }

    fn close_segment(&mut self) {
        if let Some(seg) = self.segments.back_mut().filter(|s| !s.complete) {
            seg.complete = true;
            let d = seg.duration();
            self.max_segment = self.max_segment.max(d);
            if seg.parts.is_empty() {
                self.segments.pop_back();
            }
        }
        while self.segments.iter().filter(|s| s.complete).count() > KEEP {
            self.segments.pop_front();
        }
    }

    fn flush_part(&mut self) {
        if self.pending_video.is_empty() {
            return;
        }
        let video = std::mem::take(&mut self.pending_video);
        let audio = std::mem::take(&mut self.pending_audio);
        self.fragment_seq += 1;
        let data = Bytes::from(fragment(self.fragment_seq, &video, &audio));
        let duration = self.pending_seconds();
        self.pending_ticks = 0;
        self.bytes_total += data.len() as u64;
        self.seconds_total += duration;
        if let Some(seg) = self.segments.back_mut().filter(|s| !s.complete) {
            seg.parts.push(Part { data, duration, independent: video[0].keyframe });
        }
    }

    /// Average bits per second so far (for `BANDWIDTH`).
    pub fn bandwidth(&self) -> u64 {
        if self.seconds_total < 0.5 {
            return 3_000_000;
        }
        ((self.bytes_total as f64 * 8.0 / self.seconds_total) * 1.2) as u64
    }

    /// The `TARGETDURATION`: never below 1 s, and it only grows.
    pub fn target_duration(&self) -> u64 {
        self.max_segment.max(SEGMENT_MIN).round().max(1.0) as u64
    }

    /// Whether segment `msn` (with part `part`, if given) exists yet.
    pub fn has(&self, msn: u64, part: Option<usize>) -> bool {
        self.segments
            .iter()
            .any(|s| s.msn == msn && part.map_or(s.complete, |p| s.parts.len() > p || s.complete && p == 0))
            || self.segments.back().is_some_and(|s| s.msn > msn)
    }

    /// Number the first segment `msn` (a rung starting where the source's
    /// segment `msn` starts); no effect once a segment exists.
    pub fn start_at(&mut self, msn: u64) {
        if self.segments.is_empty() && self.next_msn == 0 {
            self.next_msn = msn;
        }
    }

    /// The sequence number of the segment starting at decode time `dts` (within `tolerance` ticks).
    pub fn msn_starting_at(&self, dts: u64, tolerance: u64) -> Option<u64> {
        self.segments.iter().find(|s| s.start.abs_diff(dts) <= tolerance).map(|s| s.msn)
    }

    /// The next MSN a blocking request may wait for (the open segment's or the one after).
    pub fn next_msn(&self) -> u64 {
        self.next_msn
    }

    /// One part's bytes.
    pub fn part(&self, msn: u64, index: usize) -> Option<Bytes> {
        self.segments.iter().find(|s| s.msn == msn)?.parts.get(index).map(|p| p.data.clone())
    }

    /// One complete segment's bytes.
    pub fn segment(&self, msn: u64) -> Option<Bytes> {
        self.segments.iter().find(|s| s.msn == msn && s.complete).map(Segment::bytes)
    }

    /// The media playlist. `query` is appended to every URI (playback tokens).
    pub fn playlist(&self, query: &str) -> String {
        let mut o = String::with_capacity(2048);
        let complete: Vec<&Segment> = self.segments.iter().filter(|s| s.complete).collect();
        let skip = complete.len().saturating_sub(WINDOW);
        let listed: Vec<&Segment> = self
            .segments
            .iter()
            .filter(|s| s.complete)
            .skip(skip)
            .chain(self.segments.iter().filter(|s| !s.complete))
            .collect();
        let first = listed.first().map(|s| s.msn).unwrap_or(self.next_msn);
        let _ = write!(
            o,
            "#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:{}\n#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK={:.3},HOLD-BACK={:.3}\n#EXT-X-PART-INF:PART-TARGET={PART_TARGET:.3}\n#EXT-X-MEDIA-SEQUENCE:{first}\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4{query}\"\n",
            self.target_duration(),
            PART_TARGET * 3.0,
            self.target_duration() as f64 * 3.0,
        );
        // Parts are listed for the last few segments only, as the spec allows.
        let with_parts_from = listed.len().saturating_sub(3);
        for (i, seg) in listed.iter().enumerate() {
            // RFC 8216 §4.3.2.6: the date of the segment's first sample, before its parts and URI.
            if let Some(epoch) = self.epoch_ms {
                let at = epoch + (seg.start * 1000 / u64::from(VIDEO_TIMESCALE)) as i64;
                let _ = writeln!(o, "#EXT-X-PROGRAM-DATE-TIME:{}", crate::store::rfc3339(at));
            }
            if i >= with_parts_from {
                for (p, part) in seg.parts.iter().enumerate() {
                    let _ = writeln!(
                        o,
                        "#EXT-X-PART:DURATION={:.5},URI=\"part{}.{p}.m4s{query}\"{}",
                        part.duration,
                        seg.msn,
                        if part.independent { ",INDEPENDENT=YES" } else { "" }
                    );
                }
            }
            if seg.complete {
                let _ = write!(o, "#EXTINF:{:.5},\nseg{}.m4s{query}\n", seg.duration(), seg.msn);
            }
        }
        if self.ended {
            o.push_str("#EXT-X-ENDLIST\n");
        } else {
            let (msn, idx) = match self.segments.back() {
                Some(s) if !s.complete => (s.msn, s.parts.len()),
                _ => (self.next_msn, 0),
            };
            let _ = writeln!(o, "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part{msn}.{idx}.m4s{query}\"");
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(i: u64, key: bool) -> Sample {
        // 30 fps: 3000 ticks at 90 kHz.
        Sample { dts: i * 3000, duration: 3000, cts: 0, keyframe: key, data: Bytes::from_static(b"x") }
    }

    #[test]
    fn parts_and_segments_follow_keyframes() {
        let mut r = Rendition::default();
        r.push_video(frame(0, false)); // dropped: no keyframe yet
        assert!(r.segments.is_empty());
        // 3 s of video with a keyframe every 2 s (60 frames).
        for i in 0..90 {
            r.push_video(frame(i, i % 60 == 0));
        }
        assert_eq!(r.segments.len(), 2);
        let first = &r.segments[0];
        assert!(first.complete);
        assert!((first.duration() - 2.0).abs() < 1e-9, "{}", first.duration());
        assert_eq!(first.parts.len(), 9, "2 s in parts of at most 0.25 s (7 frames = 0.233 s)");
        assert!(first.parts[0].independent && !first.parts[1].independent);
        assert!(first.parts.iter().all(|p| p.duration <= PART_TARGET + 1e-9));
        assert!(r.has(0, None) && r.has(1, Some(0)) && !r.has(1, None) && !r.has(5, Some(0)));

        let pl = r.playlist("");
        assert!(pl.starts_with("#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:2\n"), "{pl}");
        assert!(pl.contains("#EXT-X-PART-INF:PART-TARGET=0.250"));
        assert!(pl.contains("PART-HOLD-BACK=0.750"));
        assert!(pl.contains("#EXTINF:2.00000,\nseg0.m4s"));
        assert!(pl.contains("URI=\"part1.0.m4s\",INDEPENDENT=YES"));
        assert!(pl.contains("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part1.4.m4s\""), "{pl}");
        assert!(!pl.contains("PROGRAM-DATE-TIME"), "no date before media time 0 has one");
        r.epoch_ms = Some(1_700_000_000_000);
        let pl = r.playlist("");
        assert!(pl.contains("#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20.000Z\n#EXT-X-PART:"), "{pl}");
        assert!(pl.contains("seg0.m4s\n#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:22.000Z\n"), "{pl}");
        r.finish();
        let pl = r.playlist("?token=t");
        assert!(pl.ends_with("#EXT-X-ENDLIST\n"));
        assert!(pl.contains("seg1.m4s?token=t") && pl.contains("init.mp4?token=t"));
        assert!(r.segment(1).is_some());
    }

    #[test]
    fn a_rung_can_start_at_the_sources_sequence_number() {
        let mut src = Rendition::default();
        for i in 0..100 {
            src.push_video(frame(i, i % 30 == 0));
        }
        assert_eq!(src.msn_starting_at(60 * 3000, 0), Some(2));
        assert_eq!(src.msn_starting_at(45 * 3000, 100), None, "mid-segment");
        let mut rung = Rendition::default();
        rung.start_at(2);
        for i in 60..100 {
            rung.push_video(frame(i, i % 30 == 0));
        }
        rung.start_at(7);
        assert_eq!(
            rung.segments.iter().map(|s| (s.msn, s.start)).collect::<Vec<_>>(),
            vec![(2, 180_000), (3, 270_000)]
        );
        assert!(rung.playlist("").contains("#EXT-X-MEDIA-SEQUENCE:2\n"));
    }

    #[test]
    fn window_slides_and_memory_is_bounded() {
        let mut r = Rendition::default();
        for i in 0..(30 * 60) {
            r.push_video(frame(i, i % 30 == 0));
            r.push_audio(Sample { duration: 1024, ..frame(i, true) });
        }
        assert!(r.segments.len() <= KEEP + 1);
        let pl = r.playlist("");
        assert_eq!(pl.matches("#EXTINF").count(), WINDOW);
        assert!(pl.contains(&format!("#EXT-X-MEDIA-SEQUENCE:{}", r.next_msn() - 1 - WINDOW as u64)), "{pl}");
        assert!(r.segment(0).is_none(), "old segments are gone");
    }
}
