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
                            next = (last + r.se()? + 256) % 256;
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
    let (crop_x, crop_y) = match chroma {
        1 => (2, 2 * (2 - frame_mbs_only)),
        2 => (2, 2 - frame_mbs_only),
        _ => (1, 2 - frame_mbs_only),
    };
    let width = (width_mbs * 16).saturating_sub(crop_x * (left + right));
    let height = ((2 - frame_mbs_only) * height_units * 16).saturating_sub(crop_y * (top + bottom));
    Ok((width, height))
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
