//! Alert sounds: a sound file (WAV, MP3, Ogg Vorbis, FLAC) decoded into
//! planar 32-bit float samples that the alerts source hands to OBS's audio
//! mixer, so the streamer's mixer controls its volume, monitoring and tracks
//! like any other audio source. Decoding is pure Rust (symphonia), bounded in
//! file size and length, and runs off OBS's threads.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{DecoderOptions, CODEC_TYPE_NULL};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// Longer sounds are cut here: an alert is a few seconds, and a mistakenly
/// chosen hour-long file must not fill memory.
pub const MAX_SECONDS: u64 = 30;

/// Files larger than this are refused before decoding.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A decoded sound: one or two channels (more are reduced to the first two).
#[derive(Debug, Clone, PartialEq)]
pub struct Sound {
    /// Samples per second.
    pub rate: u32,
    /// One sample vector per channel, all the same length.
    pub channels: Vec<Vec<f32>>,
    /// Whether the file was longer than [`MAX_SECONDS`] and was cut.
    pub truncated: bool,
}

impl Sound {
    /// Frames (samples per channel).
    pub fn frames(&self) -> usize {
        self.channels.first().map_or(0, Vec::len)
    }

    /// How long it plays.
    pub fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.frames() as f64 / f64::from(self.rate.max(1)))
    }
}

/// Why a sound cannot be played; shown to the streamer with the file's name.
#[derive(Debug, thiserror::Error)]
pub enum SoundError {
    /// The file cannot be read.
    #[error("cannot read the sound file: {0}")]
    Open(#[from] std::io::Error),
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the sound file is {0} bytes; at most {MAX_FILE_BYTES} are played")]
    TooLarge(u64),
    /// Not a format or codec the plugin decodes.
    #[error("not a WAV, MP3, Ogg Vorbis or FLAC sound: {0}")]
    Unsupported(String),
    /// The file is damaged.
    #[error("the sound file is damaged: {0}")]
    Damaged(String),
    /// The file decodes to no samples.
    #[error("the sound file has no audio")]
    Empty,
}

/// Decode `path` (at most [`MAX_SECONDS`] of it).
pub fn decode(path: &Path) -> Result<Sound, SoundError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(SoundError::TooLarge(size));
    }
    let stream = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let probed = symphonia::default::get_probe()
        .format(&hint, stream, &FormatOptions::default(), &MetadataOptions::default())
        .map_err(|e| SoundError::Unsupported(e.to_string()))?;
    let mut format = probed.format;
    let track = format
        .tracks()
        .iter()
        .find(|t| t.codec_params.codec != CODEC_TYPE_NULL)
        .ok_or_else(|| SoundError::Unsupported("no audio track".into()))?;
    let track_id = track.id;
    let mut decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &DecoderOptions::default())
        .map_err(|e| SoundError::Unsupported(e.to_string()))?;

    let mut rate = 0u32;
    let mut channels: Vec<Vec<f32>> = Vec::new();
    let mut truncated = false;
    loop {
        let packet = match format.next_packet() {
            Ok(p) => p,
            Err(SymphoniaError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(SymphoniaError::ResetRequired) => break,
            Err(e) => return Err(SoundError::Damaged(e.to_string())),
        };
        if packet.track_id() != track_id {
            continue;
        }
        let decoded = match decoder.decode(&packet) {
            Ok(d) => d,
            // A corrupt packet is skipped, as players do.
            Err(SymphoniaError::DecodeError(_)) => continue,
            Err(e) => return Err(SoundError::Damaged(e.to_string())),
        };
        let spec = *decoded.spec();
        let count = spec.channels.count();
        if count == 0 || spec.rate == 0 {
            return Err(SoundError::Damaged("no channels or no sample rate".into()));
        }
        if channels.is_empty() {
            rate = spec.rate;
            channels = vec![Vec::new(); count.min(2)];
        } else if spec.rate != rate {
            return Err(SoundError::Damaged("the sample rate changes mid-file".into()));
        }
        let mut samples = SampleBuffer::<f32>::new(decoded.capacity() as u64, spec);
        samples.copy_interleaved_ref(decoded);
        let limit = rate as usize * MAX_SECONDS as usize;
        for frame in samples.samples().chunks_exact(count) {
            if channels[0].len() >= limit {
                truncated = true;
                break;
            }
            for (c, out) in channels.iter_mut().enumerate() {
                out.push(frame[c.min(count - 1)]);
            }
        }
        if truncated {
            break;
        }
    }
    let sound = Sound { rate, channels, truncated };
    if sound.frames() == 0 {
        return Err(SoundError::Empty);
    }
    Ok(sound)
}

/// Sounds kept decoded: one per alert kind.
pub const CACHED: usize = 4;

/// Decoded sounds by file, so a follow storm does not decode the same file per
/// alert. An entry is reused while the file's size and modification time are
/// unchanged, so a replaced file is picked up.
#[derive(Default)]
pub struct Cache {
    entries: Mutex<Vec<Cached>>,
}

/// A cached sound: its file, the file's size and modification time, the samples.
type Cached = (PathBuf, u64, Option<SystemTime>, Arc<Sound>);

impl Cache {
    /// `path` decoded, from the cache when the file is unchanged.
    pub fn get(&self, path: &Path) -> Result<Arc<Sound>, SoundError> {
        let meta = std::fs::metadata(path)?;
        let (len, modified) = (meta.len(), meta.modified().ok());
        let fresh = |e: &Cached| e.0 == path && e.1 == len && e.2 == modified;
        if let Some(e) = self.entries.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|e| fresh(e)) {
            return Ok(e.3.clone());
        }
        // Decoded outside the lock: a long file does not hold up other alerts' sounds.
        let sound = Arc::new(decode(path)?);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|e| e.0 != path);
        if entries.len() >= CACHED {
            entries.remove(0);
        }
        entries.push((path.to_path_buf(), len, modified, sound.clone()));
        Ok(sound)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A 16-bit PCM WAV file, as every editor writes them.
    fn wav(rate: u32, channels: u16, samples: &[i16]) -> Vec<u8> {
        let data = samples.len() as u32 * 2;
        let mut out = Vec::new();
        out.extend_from_slice(b"RIFF");
        out.extend_from_slice(&(36 + data).to_le_bytes());
        out.extend_from_slice(b"WAVEfmt ");
        out.extend_from_slice(&16u32.to_le_bytes());
        out.extend_from_slice(&1u16.to_le_bytes());
        out.extend_from_slice(&channels.to_le_bytes());
        out.extend_from_slice(&rate.to_le_bytes());
        out.extend_from_slice(&(rate * u32::from(channels) * 2).to_le_bytes());
        out.extend_from_slice(&(channels * 2).to_le_bytes());
        out.extend_from_slice(&16u16.to_le_bytes());
        out.extend_from_slice(b"data");
        out.extend_from_slice(&data.to_le_bytes());
        for s in samples {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out
    }

    fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("aethex-obs-sound-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn a_wav_decodes_to_its_samples() {
        let tone: Vec<i16> = (0..8000).map(|i| if i % 20 < 10 { 16384 } else { -16384 }).collect();
        let sound = decode(&temp("mono.wav", &wav(8000, 1, &tone))).unwrap();
        assert_eq!((sound.rate, sound.channels.len(), sound.frames()), (8000, 1, 8000));
        assert_eq!(sound.duration(), Duration::from_secs(1));
        assert!((sound.channels[0][0] - 0.5).abs() < 1e-3 && (sound.channels[0][10] + 0.5).abs() < 1e-3);
        assert!(!sound.truncated);

        // Stereo stays stereo, channels apart.
        let stereo: Vec<i16> = (0..200).flat_map(|_| [8192i16, -8192]).collect();
        let sound = decode(&temp("stereo.wav", &wav(48000, 2, &stereo))).unwrap();
        assert_eq!((sound.channels.len(), sound.frames()), (2, 200));
        assert!(sound.channels[0].iter().all(|s| *s > 0.2) && sound.channels[1].iter().all(|s| *s < -0.2));
    }

    #[test]
    fn long_sounds_are_cut_and_bad_files_refused() {
        let long = vec![1000i16; 1000 * (MAX_SECONDS as usize + 5)];
        let sound = decode(&temp("long.wav", &wav(1000, 1, &long))).unwrap();
        assert!(sound.truncated);
        assert_eq!(sound.duration(), Duration::from_secs(MAX_SECONDS));

        assert!(matches!(decode(&temp("junk.mp3", b"this is not audio at all")), Err(SoundError::Unsupported(_))));
        assert!(matches!(decode(Path::new("/nonexistent/alert.wav")), Err(SoundError::Open(_))));
        assert!(matches!(decode(&temp("empty.wav", &wav(8000, 1, &[]))), Err(SoundError::Empty)));
        let mut cut = wav(8000, 1, &[5; 100]);
        cut.truncate(30);
        assert!(decode(&temp("cut.wav", &cut)).is_err(), "a header cut short is refused");
    }

    #[test]
    fn the_cache_reuses_unchanged_files_and_notices_replaced_ones() {
        let cache = Cache::default();
        let path = temp("cached.wav", &wav(8000, 1, &[100; 800]));
        let first = cache.get(&path).unwrap();
        assert!(Arc::ptr_eq(&first, &cache.get(&path).unwrap()), "decoded once");
        std::fs::write(&path, wav(8000, 1, &[100; 1600])).unwrap();
        assert_eq!(cache.get(&path).unwrap().frames(), 1600, "a replaced file is decoded again");
        for i in 0..CACHED {
            cache.get(&temp(&format!("other{i}.wav"), &wav(8000, 1, &[1; 80]))).unwrap();
        }
        assert_eq!(cache.entries.lock().unwrap().len(), CACHED, "bounded");
        assert!(matches!(cache.get(Path::new("/nonexistent/x.wav")), Err(SoundError::Open(_))));
    }
}
