//! Just enough H.264 to describe a stream in an fMP4 init segment: the
//! picture size from the first SPS of an AVCDecoderConfigurationRecord.

/// Errors reading an avcC record or SPS.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum H264Error {
    /// The record or SPS ended early.
    #[error("truncated AVC configuration")]
    Truncated,
    /// The record has no SPS.
    #[error("AVC configuration without an SPS")]
    NoSps,
    /// The SPS describes a picture wider or taller than 2^32 pixels.
    #[error("SPS picture size out of range")]
    TooLarge,
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn bit(&mut self) -> Result<u32, H264Error> {
        let byte = *self.data.get(self.pos / 8).ok_or(H264Error::Truncated)?;
        let b = (byte >> (7 - (self.pos % 8))) & 1;
        self.pos += 1;
        Ok(u32::from(b))
    }
    fn bits(&mut self, n: u32) -> Result<u32, H264Error> {
        let mut v = 0;
        for _ in 0..n {
            v = (v << 1) | self.bit()?;
        }
        Ok(v)
    }
    fn ue(&mut self) -> Result<u32, H264Error> {
        let mut zeros = 0;
        while self.bit()? == 0 {
            zeros += 1;
            if zeros > 31 {
                return Err(H264Error::Truncated);
            }
        }
        Ok((1u32 << zeros) - 1 + self.bits(zeros)?)
    }
    fn se(&mut self) -> Result<i32, H264Error> {
        let k = self.ue()?;
        Ok(if k % 2 == 1 { k.div_ceil(2) as i32 } else { -((k / 2) as i32) })
    }
}

/// Remove emulation-prevention bytes (00 00 03 → 00 00).
fn rbsp(nal: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(nal.len());
    let mut zeros = 0;
    for &b in nal {
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        out.push(b);
    }
    out
}

/// The first SPS NAL unit of an avcC record.
pub fn first_sps(avcc: &[u8]) -> Result<&[u8], H264Error> {
    if avcc.len() < 8 {
        return Err(H264Error::Truncated);
    }
    if avcc[5] & 0x1f == 0 {
        return Err(H264Error::NoSps);
    }
    let len = usize::from(u16::from_be_bytes([avcc[6], avcc[7]]));
    avcc.get(8..8 + len).ok_or(H264Error::Truncated)
}

/// Width and height in pixels from an SPS NAL unit (ITU-T H.264 §7.3.2.1.1).
pub fn sps_dimensions(sps_nal: &[u8]) -> Result<(u32, u32), H264Error> {
    let data = rbsp(sps_nal.get(1..).ok_or(H264Error::Truncated)?);
    let mut r = Bits { data: &data, pos: 0 };
    let profile = r.bits(8)?;
    r.bits(16)?; // constraint flags, level
    r.ue()?; // seq_parameter_set_id
    let mut chroma_format_idc = 1;
    let mut separate_colour_plane = 0;
    if [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].contains(&profile) {
        chroma_format_idc = r.ue()?;
        if chroma_format_idc == 3 {
            separate_colour_plane = r.bit()?;
        }
        r.ue()?; // bit_depth_luma
        r.ue()?; // bit_depth_chroma
        r.bit()?; // qpprime_y_zero_transform_bypass
        if r.bit()? == 1 {
            let lists = if chroma_format_idc == 3 { 12 } else { 8 };
            for i in 0..lists {
                if r.bit()? == 1 {
                    let size = if i < 6 { 16 } else { 64 };
                    let (mut last, mut next) = (8i32, 8i32);
                    for _ in 0..size {
                        if next != 0 {
                            // (last + delta + 256) % 256, with a delta no encoder sends kept from overflowing.
                            next = (i64::from(last) + i64::from(r.se()?)).rem_euclid(256) as i32;
                        }
                        last = if next == 0 { last } else { next };
                    }
                }
            }
        }
    }
    r.ue()?; // log2_max_frame_num_minus4
    match r.ue()? {
        0 => {
            r.ue()?;
        }
        1 => {
            r.bit()?;
            r.se()?;
            r.se()?;
            let n = r.ue()?;
            for _ in 0..n.min(255) {
                r.se()?;
            }
        }
        _ => {}
    }
    r.ue()?; // max_num_ref_frames
    r.bit()?; // gaps_in_frame_num_value_allowed
    let width_mbs = r.ue()? + 1;
    let height_units = r.ue()? + 1;
    let frame_mbs_only = r.bit()?;
    if frame_mbs_only == 0 {
        r.bit()?;
    }
    r.bit()?; // direct_8x8_inference
    let (mut left, mut right, mut top, mut bottom) = (0, 0, 0, 0);
    if r.bit()? == 1 {
        left = r.ue()?;
        right = r.ue()?;
        top = r.ue()?;
        bottom = r.ue()?;
    }
    let chroma = if separate_colour_plane == 1 { 0 } else { chroma_format_idc };
    // Every field is a peer's 32-bit number: multiply in 64 bits, then refuse what does not fit.
    let fields = u64::from(2 - frame_mbs_only);
    let (crop_x, crop_y): (u64, u64) = match chroma {
        1 => (2, 2 * fields),
        2 => (2, fields),
        _ => (1, fields),
    };
    let width = (u64::from(width_mbs) * 16).saturating_sub(crop_x * (u64::from(left) + u64::from(right)));
    let height = (fields * u64::from(height_units) * 16).saturating_sub(crop_y * (u64::from(top) + u64::from(bottom)));
    Ok((
        u32::try_from(width).map_err(|_| H264Error::TooLarge)?,
        u32::try_from(height).map_err(|_| H264Error::TooLarge)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_of_real_sps() {
        // x264 High profile 1280x720 SPS.
        let sps = [
            0x67, 0x64, 0x00, 0x1f, 0xac, 0xd9, 0x40, 0x50, 0x05, 0xbb, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00,
            0x00, 0x03, 0x03, 0xc0, 0xf1, 0x83, 0x19, 0x60,
        ];
        assert_eq!(sps_dimensions(&sps).unwrap(), (1280, 720));
        // Baseline 320x240.
        let sps = [
            0x67, 0x42, 0xc0, 0x0d, 0xd9, 0x01, 0x41, 0xfb, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03,
            0x03, 0xc0, 0xf1, 0x42, 0xa4, 0x80,
        ];
        assert_eq!(sps_dimensions(&sps).unwrap(), (320, 240));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(sps_dimensions(&[]).is_err());
        assert!(sps_dimensions(&[0x67, 0x64]).is_err());
        assert!(sps_dimensions(&[0x67, 0, 0, 0, 0, 0, 0]).is_err());
        assert!(first_sps(&[1, 2, 3]).is_err());
        assert_eq!(first_sps(&[1, 0x64, 0, 0x1f, 0xff, 0xe0, 0, 0]), Err(H264Error::NoSps));
        let avcc = [1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 2, 0x67, 0x64];
        assert_eq!(first_sps(&avcc).unwrap(), &[0x67, 0x64]);
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target: an SPS written by the encoder below (every branch the
    //! parser reads, emulation prevention included) yields exactly the picture
    //! size ITU-T H.264 §7.4.2.1.1 gives; damaged or random input yields an
    //! [`H264Error`], never a panic.

    use aethex_sdk::fuzz::gen::{mutate, mutations, Mutation};
    use proptest::collection::vec;
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    use super::*;

    const HIGH: [u8; 13] = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    #[derive(Debug, Clone, Serialize, Deserialize)]
    struct Sps {
        profile: u8,
        sps_id: u32,
        chroma: u32,
        separate_planes: bool,
        /// Scaling lists: each present or not, with its deltas.
        scaling: Option<Vec<Option<Vec<i32>>>>,
        /// 0, 1 (with its offsets) or 2.
        poc: (u32, Vec<i32>),
        width_mbs_minus1: u32,
        height_units_minus1: u32,
        frame_mbs_only: bool,
        crop: Option<[u32; 4]>,
        trailing: Vec<u8>,
    }

    #[derive(Default)]
    struct BitWriter {
        bytes: Vec<u8>,
        bits: u32,
    }

    impl BitWriter {
        fn bit(&mut self, b: bool) {
            if self.bits.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if b {
                *self.bytes.last_mut().unwrap_or(&mut 0) |= 0x80 >> (self.bits % 8);
            }
            self.bits += 1;
        }
        fn bits(&mut self, n: u32, v: u64) {
            for i in (0..n).rev() {
                self.bit(v >> i & 1 == 1);
            }
        }
        fn ue(&mut self, v: u32) {
            let x = u64::from(v) + 1;
            let len = 64 - x.leading_zeros();
            self.bits(len - 1, 0);
            self.bits(len, x);
        }
        fn se(&mut self, v: i32) {
            let k = if v > 0 { 2 * i64::from(v) - 1 } else { -2 * i64::from(v) };
            self.ue(u32::try_from(k).unwrap_or(u32::MAX - 1));
        }
    }

    impl Sps {
        /// The SPS NAL unit: header, RBSP with emulation prevention, trailing bits.
        fn nal(&self) -> Vec<u8> {
            let mut w = BitWriter::default();
            w.bits(8, u64::from(self.profile));
            w.bits(16, 0x001f);
            w.ue(self.sps_id);
            if HIGH.contains(&self.profile) {
                w.ue(self.chroma);
                if self.chroma == 3 {
                    w.bit(self.separate_planes);
                }
                w.ue(0);
                w.ue(0);
                w.bit(false);
                w.bit(self.scaling.is_some());
                if let Some(lists) = &self.scaling {
                    for i in 0..if self.chroma == 3 { 12 } else { 8 } {
                        let deltas = lists.get(i).cloned().flatten();
                        w.bit(deltas.is_some());
                        let Some(deltas) = deltas else { continue };
                        let (mut last, mut next) = (8i64, 8i64);
                        for j in 0..if i < 6 { 16 } else { 64 } {
                            if next != 0 {
                                let d = deltas.get(j).copied().unwrap_or(0);
                                w.se(d);
                                next = (last + i64::from(d)).rem_euclid(256);
                            }
                            last = if next == 0 { last } else { next };
                        }
                    }
                }
            }
            w.ue(0); // log2_max_frame_num_minus4
            w.ue(self.poc.0);
            match self.poc.0 {
                0 => w.ue(0),
                1 => {
                    w.bit(false);
                    w.se(0);
                    w.se(0);
                    w.ue(self.poc.1.len() as u32);
                    for &o in &self.poc.1 {
                        w.se(o);
                    }
                }
                _ => {}
            }
            w.ue(1); // max_num_ref_frames
            w.bit(false);
            w.ue(self.width_mbs_minus1);
            w.ue(self.height_units_minus1);
            w.bit(self.frame_mbs_only);
            if !self.frame_mbs_only {
                w.bit(false);
            }
            w.bit(true);
            w.bit(self.crop.is_some());
            for &c in self.crop.iter().flatten() {
                w.ue(c);
            }
            w.bit(true); // rbsp_stop_one_bit
            let mut rbsp = w.bytes;
            rbsp.extend_from_slice(&self.trailing);
            let mut nal = vec![0x67];
            let mut zeros = 0;
            for b in rbsp {
                if zeros >= 2 && b <= 3 {
                    nal.push(3);
                    zeros = 0;
                }
                zeros = if b == 0 { zeros + 1 } else { 0 };
                nal.push(b);
            }
            nal
        }

        /// Width and height by the standard's formulas, in wide integers;
        /// `None` when they do not fit the parser's u32.
        fn expected(&self) -> Option<(u32, u32)> {
            let chroma = if !HIGH.contains(&self.profile) {
                1
            } else if self.chroma == 3 && self.separate_planes {
                0
            } else {
                self.chroma
            };
            let f = u64::from(!self.frame_mbs_only) + 1; // 2 - frame_mbs_only_flag
            let (unit_x, unit_y) = match chroma {
                1 => (2, 2 * f),
                2 => (2, f),
                _ => (1, f),
            };
            let [l, r, t, b] = self.crop.unwrap_or([0; 4]).map(u64::from);
            let width = (u64::from(self.width_mbs_minus1) + 1) * 16;
            let height = f * (u64::from(self.height_units_minus1) + 1) * 16;
            let width = width.saturating_sub(unit_x * (l + r));
            let height = height.saturating_sub(unit_y * (t + b));
            Some((u32::try_from(width).ok()?, u32::try_from(height).ok()?))
        }

        fn avcc(&self) -> Vec<u8> {
            let nal = self.nal();
            let len = (nal.len() as u16).to_be_bytes();
            [&[1, self.profile, 0, 0x1f, 0xff, 0xe1, len[0], len[1]][..], &nal, &[1, 0, 4, 0x68, 0xce, 0x3c, 0x80]]
                .concat()
        }
    }

    fn sps() -> impl Strategy<Value = Sps> {
        // Mostly what encoders send, sometimes anything, often near where arithmetic overflows.
        let size = || prop_oneof![8 => 0..256u32, 1 => 0..u32::MAX - 1, 1 => (1u32 << 27)..(1u32 << 29), 1 => u32::MAX - 2048..u32::MAX - 1];
        let delta = prop_oneof![
            8 => -128..128i32,
            1 => -(i32::MAX - 1)..i32::MAX,
            1 => i32::MAX - 1024..i32::MAX,
            1 => -(i32::MAX - 1)..-(i32::MAX - 1024),
        ];
        let list = proptest::option::of(vec(delta.clone(), 0..70));
        (
            (prop_oneof![3 => prop::sample::select(HIGH.to_vec()), 1 => Just(66u8), 1 => any::<u8>()], 0..32u32),
            (prop_oneof![4 => 0..4u32, 1 => any::<u32>().prop_map(|c| c.min(u32::MAX - 1))], any::<bool>()),
            proptest::option::of(vec(list, 0..12)),
            prop_oneof![Just((0u32, vec![])), (Just(1u32), vec(delta, 0..256)), Just((2u32, vec![]))],
            (size(), size(), any::<bool>()),
            proptest::option::of([size(), size(), size(), size()]),
            vec(any::<u8>(), 0..8),
        )
            .prop_map(
                |((profile, sps_id), (chroma, separate_planes), scaling, poc, (w, h, fmo), crop, trailing)| Sps {
                    profile,
                    sps_id,
                    chroma,
                    separate_planes,
                    scaling,
                    poc,
                    width_mbs_minus1: w,
                    height_units_minus1: h,
                    frame_mbs_only: fmo,
                    crop,
                    trailing,
                },
            )
    }

    #[test]
    fn fuzz_h264_sps() {
        aethex_sdk::fuzz::target("h264_sps").run(
            (sps(), mutations(3), any::<bool>()),
            |(sps, ms, raw): (Sps, Vec<Mutation>, bool)| {
                if ms.is_empty() {
                    let avcc = sps.avcc();
                    prop_assert_eq!(first_sps(&avcc), Ok(&sps.nal()[..]));
                    match sps.expected() {
                        Some(size) => prop_assert_eq!(sps_dimensions(&sps.nal()), Ok(size)),
                        None => prop_assert!(sps_dimensions(&sps.nal()).is_err()),
                    }
                    return Ok(());
                }
                let input = mutate(if raw { sps.nal() } else { sps.avcc() }, &ms);
                let _ = sps_dimensions(&input);
                if let Ok(nal) = first_sps(&input) {
                    let _ = sps_dimensions(nal);
                }
                Ok(())
            },
        );
    }
}
