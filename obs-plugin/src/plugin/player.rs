//! Plays an alert's sound as the alerts source's own audio: decoded on a
//! thread of its own (never on OBS's graphics or UI thread) and handed to
//! libobs in 1024-frame chunks timestamped on OBS's clock, paced to stay
//! a little ahead of playback. Because the source itself carries the audio,
//! OBS's mixer shows it and the streamer sets its volume, monitoring and
//! tracks there.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};
use std::thread::JoinHandle;
use std::time::Duration;

use super::ffi::{self, sys};
use crate::sound::{self, Sound};

/// Frames per chunk handed to libobs (about 21 ms at 48 kHz).
const CHUNK: usize = 1024;
/// How far ahead of OBS's clock the player stays.
const LEAD_NS: u64 = 60_000_000;

/// Decoded alert sounds, shared by every alerts source.
static SOUNDS: LazyLock<sound::Cache> = LazyLock::new(sound::Cache::default);

/// The alerts source, handed to the player thread.
struct SourcePtr(*mut sys::obs_source_t);
// SAFETY: the pointer is only passed to `obs_source_output_audio`, which
// libobs lets any thread call (it locks the source's audio buffers). The
// source outlives the thread: every `Player` lives in its source's `Source`,
// whose destroy callback stops and joins all of them before libobs frees it.
unsafe impl Send for SourcePtr {}

/// A sound playing (or being decoded); stopped and joined when dropped.
/// Stopping is separate from dropping so OBS's graphics thread never waits
/// for a player: it stops the old one and drops it once [`Player::finished`].
pub struct Player {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Player {
    /// Start playing `file` through `source`.
    pub fn start(source: *mut sys::obs_source_t, file: String) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let target = SourcePtr(source);
        let thread = std::thread::Builder::new()
            .name("aethex-alert-sound".into())
            .spawn(move || {
                let target = target;
                match SOUNDS.get(&PathBuf::from(&file)) {
                    Ok(s) => {
                        if s.truncated {
                            ffi::warn(&format!(
                                "alert sound {file}: only the first {} s are played",
                                sound::MAX_SECONDS
                            ));
                        }
                        play(target.0, &s, &flag);
                    }
                    Err(e) => ffi::warn(&format!("alert sound {file}: {e}")),
                }
            })
            .ok();
        Self { stop, thread }
    }

    /// Ask the player to stop after its current chunk (returns at once).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Whether its thread has ended (dropping it then does not wait).
    pub fn finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Hand `sound` to libobs chunk by chunk until it ends or `stop` is set.
fn play(source: *mut sys::obs_source_t, sound: &Sound, stop: &AtomicBool) {
    let rate = u64::from(sound.rate);
    let at = |frame: usize| frame as u64 * 1_000_000_000 / rate;
    // SAFETY: os_gettime_ns only reads the monotonic clock: no arguments, any thread.
    let start = unsafe { sys::os_gettime_ns() } + 10_000_000;
    let frames = sound.frames();
    let mut pos = 0;
    while pos < frames && !stop.load(Ordering::SeqCst) {
        let n = CHUNK.min(frames - pos);
        let mut audio = sys::obs_source_audio {
            frames: n as u32,
            speakers: if sound.channels.len() == 2 {
                sys::speaker_layout_SPEAKERS_STEREO
            } else {
                sys::speaker_layout_SPEAKERS_MONO
            },
            format: sys::audio_format_AUDIO_FORMAT_FLOAT_PLANAR,
            samples_per_sec: sound.rate,
            timestamp: start + at(pos),
            ..Default::default()
        };
        for (plane, channel) in audio.data.iter_mut().zip(&sound.channels) {
            *plane = channel[pos..].as_ptr() as *const u8;
        }
        // SAFETY: every channel of `sound` holds `frames` samples (`Sound` keeps
        // them the same length), so each plane set above has `n` f32 frames from
        // `pos`; they are borrowed for this call and libobs copies them before
        // returning. The speaker layout matches the planes set (one or two).
        // `source` is alive until this thread is joined (see `SourcePtr`).
        unsafe { sys::obs_source_output_audio(source, &audio) };
        pos += n;
        // SAFETY: os_gettime_ns only reads the monotonic clock: no arguments, any thread.
        let now = unsafe { sys::os_gettime_ns() };
        let due = start + at(pos);
        if due > now + LEAD_NS {
            std::thread::sleep(Duration::from_nanos(due - now - LEAD_NS));
        }
    }
}
