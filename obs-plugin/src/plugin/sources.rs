//! The two sources, "AeThex Alerts" and "AeThex Chat", drawn natively: each
//! owns a private `text_ft2_source` child (OBS's FreeType text source) whose
//! text it swaps in `video_tick` and which it renders in `video_render`. They
//! have a fixed size so layouts do not jump when an alert comes and goes.
//! The alerts source's properties are the "AeThex" settings view. The alerts
//! source is also an audio source: an alert's sound plays through it
//! ([`super::player`]), so it appears in OBS's mixer.
//!
//! The callbacks are safe `extern "C"` functions private to this module and
//! handed to libobs only in [`register`], so their arguments are libobs's:
//! `data` is the `Source` box `create` returned, valid from `create` until
//! `destroy`, which libobs calls once, when no other callback of the source
//! runs any more; `settings` objects are lent for the call. `video_tick` and
//! OBS's own `video_render` calls come from the graphics thread, one at a
//! time; `get_width` and `get_height` may come from any thread, so they read
//! only fields that never change after `create`.
//!
//! Known gap (not changed here): obs-websocket's `GetSourceScreenshot`
//! renders a source from its own thread while holding the graphics context,
//! and libobs ticks sources outside that context, so such a render can
//! overlap a tick of the same source.

use std::ffi::{c_char, c_void};
use std::time::Instant;

use super::ffi::{self, cstring, get_string, set_string, sys};
use super::player::Player;
use super::{runtime, texts};
use crate::locale::LANGUAGES;
use crate::settings::{keys, Settings};

/// Which source.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Alerts,
    Chat,
}

struct Source {
    which: Which,
    /// The source itself (its audio goes out through it).
    me: *mut sys::obs_source_t,
    child: *mut sys::obs_source_t,
    shown: Option<String>,
    /// The font face the text child draws with (the alert language's).
    font: String,
    /// The alert's image child, with its file.
    image: Option<(String, *mut sys::obs_source_t)>,
    /// Whether the image shows with the current text.
    image_shown: bool,
    /// The alert whose sound was started last (its `seq`).
    sounded: u64,
    /// The sound playing (last) and earlier ones still stopping.
    players: Vec<Player>,
    width: u32,
    height: u32,
}

/// Pixels between an alert's image and its text.
const IMAGE_GAP: f32 = 16.0;

/// A private image child for `file` (OBS's image source: PNG, JPEG, GIF, WebP);
/// the caller owns the returned reference (null if libobs refused).
fn image_child(file: &str) -> *mut sys::obs_source_t {
    // SAFETY: libobs is running (see `plugin`); `settings` is created, written
    // and released here, and libobs keeps its own reference for the child.
    // The C strings are static.
    unsafe {
        let settings = sys::obs_data_create();
        set_string(settings, "file", file);
        sys::obs_data_set_bool(settings, c"unload".as_ptr(), false);
        let child = sys::obs_source_create_private(c"image_source".as_ptr(), c"aethex-alert-image".as_ptr(), settings);
        sys::obs_data_release(settings);
        child
    }
}

/// Set the text child's font: `face` (one with the alert language's letters), bold, `size` px.
///
/// # Safety
/// `settings` must be a live `obs_data_t` the caller holds and no other thread uses.
unsafe fn set_font(settings: *mut sys::obs_data_t, face: &str, size: i64) {
    // SAFETY: `settings` is live (the caller's contract); `font` is created,
    // written and released here (`obs_data_set_obj` takes its own reference).
    // The C strings are static or outlive the calls.
    unsafe {
        let font = sys::obs_data_create();
        set_string(font, "face", face);
        set_string(font, "style", "Bold");
        sys::obs_data_set_int(font, c"size".as_ptr(), size);
        sys::obs_data_set_int(font, c"flags".as_ptr(), 0);
        sys::obs_data_set_obj(settings, c"font".as_ptr(), font);
        sys::obs_data_release(font);
    }
}

/// The font size of each source's text.
fn font_size(which: Which) -> i64 {
    match which {
        Which::Alerts => 56,
        Which::Chat => 28,
    }
}

/// A text child in `face`; the caller owns the returned reference (null if libobs refused).
fn text_child(name: &str, face: &str, size: i64) -> *mut sys::obs_source_t {
    let id = cstring("text_ft2_source");
    let n = cstring(name);
    // SAFETY: libobs is running (see `plugin`); `settings` is created, written
    // and released here. The C strings are static or outlive the calls.
    unsafe {
        let settings = sys::obs_data_create();
        set_font(settings, face, size);
        sys::obs_data_set_bool(settings, c"outline".as_ptr(), true);
        sys::obs_data_set_bool(settings, c"word_wrap".as_ptr(), true);
        sys::obs_data_set_int(settings, c"custom_width".as_ptr(), 1180);
        set_string(settings, "text", "");
        let child = sys::obs_source_create_private(id.as_ptr(), n.as_ptr(), settings);
        sys::obs_data_release(settings);
        child
    }
}

/// Show `text` in a text child, and change its font face to `face` if `font` is a new one.
///
/// # Safety
/// `child` must be a live source the caller holds a reference to.
unsafe fn set_text(child: *mut sys::obs_source_t, text: &str, font: Option<(&str, i64)>) {
    // SAFETY: `child` is live (the caller's contract); `d` is created, written
    // and released here, and `obs_source_update` copies what it keeps.
    unsafe {
        let d = sys::obs_data_create();
        set_string(d, "text", text);
        if let Some((face, size)) = font {
            set_font(d, face, size);
        }
        sys::obs_source_update(child, d);
        sys::obs_data_release(d);
    }
}

extern "C" fn alerts_name(_: *mut c_void) -> *const c_char {
    texts::c("Source.Alerts")
}

extern "C" fn chat_name(_: *mut c_void) -> *const c_char {
    texts::c("Source.Chat")
}

/// The font face for the alert language (alerts and chat share it).
fn font_face() -> String {
    let language = runtime::settings().alert_language;
    let texts = if language.is_empty() { texts::current() } else { texts::language(&language) };
    texts.get("Font.Face")
}

fn create(which: Which, settings: *mut sys::obs_data_t, me: *mut sys::obs_source_t) -> *mut c_void {
    if which == Which::Alerts {
        // SAFETY: only `alerts_create` and `chat_create` call this, with the
        // settings libobs lends to a source's `create` callback.
        unsafe { apply_settings(settings) };
    }
    let font = font_face();
    let (child, width, height) = match which {
        Which::Alerts => (text_child("aethex-alerts-text", &font, font_size(which)), 1200, 200),
        Which::Chat => (text_child("aethex-chat-text", &font, font_size(which)), 600, 500),
    };
    let source = Source {
        which,
        me,
        child,
        shown: None,
        font,
        image: None,
        image_shown: false,
        sounded: 0,
        players: Vec::new(),
        width,
        height,
    };
    Box::into_raw(Box::new(source)) as *mut c_void
}

extern "C" fn alerts_create(settings: *mut sys::obs_data_t, me: *mut sys::obs_source_t) -> *mut c_void {
    create(Which::Alerts, settings, me)
}

extern "C" fn chat_create(settings: *mut sys::obs_data_t, me: *mut sys::obs_source_t) -> *mut c_void {
    create(Which::Chat, settings, me)
}

extern "C" fn destroy(data: *mut c_void) {
    // SAFETY: `data` is the box `create` leaked; libobs calls `destroy` once,
    // after every other callback of this source, so it is taken back once.
    let mut s = unsafe { Box::from_raw(data as *mut Source) };
    // Stop and join every sound thread before the source goes away.
    for p in &s.players {
        p.stop();
    }
    s.players.clear();
    if !s.child.is_null() {
        // SAFETY: the text child's reference from `text_child`, released once, here.
        unsafe { sys::obs_source_release(s.child) };
    }
    if let Some((_, img)) = s.image {
        if !img.is_null() {
            // SAFETY: the image child's reference from `image_child`, released once, here.
            unsafe { sys::obs_source_release(img) };
        }
    }
}

extern "C" fn width(data: *mut c_void) -> u32 {
    // SAFETY: `data` is the live `Source` (see the module docs). This may run on
    // any thread, so only `width`, never written after `create`, is read, through
    // the pointer, without a reference to the whole `Source`.
    unsafe { (*(data as *mut Source)).width }
}

extern "C" fn height(data: *mut c_void) -> u32 {
    // SAFETY: as in `width`: the live `Source`, and a field fixed at `create`.
    unsafe { (*(data as *mut Source)).height }
}

/// What the source should show and play now.
#[derive(Default)]
struct Wanted {
    text: Option<String>,
    /// For an alert: its image file.
    image: Option<String>,
    /// For an alert: its `seq` and sound file.
    sound: Option<(u64, String)>,
}

fn wanted(which: Which) -> Wanted {
    match which {
        Which::Alerts => {
            let alert = {
                let mut q = runtime::shared().alerts.lock().unwrap_or_else(|e| e.into_inner());
                q.tick(Instant::now()).map(|a| (a.text.clone(), a.kind, a.seq))
            };
            match alert {
                Some((text, kind, seq)) => {
                    let settings = runtime::settings();
                    Wanted {
                        text: Some(text),
                        image: settings.image_for(kind).map(str::to_string),
                        sound: settings.sound_for(kind).map(|f| (seq, f.to_string())),
                    }
                }
                None => Wanted { text: runtime::current_notice(), ..Default::default() },
            }
        }
        Which::Chat => {
            let text = runtime::shared().chat.lock().unwrap_or_else(|e| e.into_inner()).text();
            Wanted { text: (!text.is_empty()).then_some(text), ..Default::default() }
        }
    }
}

extern "C" fn tick(data: *mut c_void, _seconds: f32) {
    // SAFETY: `data` is the live `Source` (see the module docs). Ticks come
    // from the graphics thread, one at a time and never during one of OBS's own
    // renders (the known gap aside, see the module docs); other threads only
    // read `width` and `height`, which this never writes.
    let s = unsafe { &mut *(data as *mut Source) };
    let Wanted { text: want, image, sound } = wanted(s.which);
    if let Some((seq, file)) = sound {
        if seq != s.sounded {
            s.sounded = seq;
            // A new alert cuts the previous one's sound short.
            for p in &s.players {
                p.stop();
            }
            s.players.push(Player::start(s.me, file));
        }
    }
    // Only finished players are dropped here: the graphics thread never waits on a join.
    s.players.retain(|p| !p.finished());
    if want != s.shown && !s.child.is_null() {
        // The alert language (so the font it needs) may have changed since the last text.
        let face = font_face();
        let font = (face != s.font).then_some((face.as_str(), font_size(s.which)));
        // SAFETY: `s.child` is the non-null text child this source holds until `destroy`.
        unsafe { set_text(s.child, want.as_deref().unwrap_or(""), font) };
        s.shown = want;
        s.font = face;
    }
    if let Some(file) = &image {
        if s.image.as_ref().map(|(f, _)| f) != Some(file) {
            if let Some((_, old)) = s.image.take() {
                if !old.is_null() {
                    // SAFETY: the old image child's reference from `image_child`,
                    // released once: it was just taken out of `s.image`.
                    unsafe { sys::obs_source_release(old) };
                }
            }
            s.image = Some((file.clone(), image_child(file)));
        }
    }
    s.image_shown = image.is_some();
}

extern "C" fn render(data: *mut c_void, _effect: *mut sys::gs_effect_t) {
    // SAFETY: `data` is the live `Source` (see the module docs); OBS's own
    // renders run on the graphics thread between ticks, so nothing writes it
    // meanwhile (except for the known gap in the module docs).
    let s = unsafe { &*(data as *const Source) };
    if s.shown.is_none() || s.child.is_null() {
        return;
    }
    let image = s.image.as_ref().map(|(_, i)| *i).filter(|i| s.image_shown && !i.is_null());
    // SAFETY: libobs calls `video_render` inside the graphics context, where
    // the gs_* matrix calls belong; the children are live references this
    // source holds until `destroy`, and push and pop are paired.
    unsafe {
        match image {
            Some(img) => {
                sys::obs_source_video_render(img);
                sys::gs_matrix_push();
                sys::gs_matrix_translate3f(sys::obs_source_get_width(img) as f32 + IMAGE_GAP, 0.0, 0.0);
                sys::obs_source_video_render(s.child);
                sys::gs_matrix_pop();
            }
            None => sys::obs_source_video_render(s.child),
        }
    }
}

/// Read the settings the properties view stored into the plugin.
///
/// # Safety
/// `data` must be a live `obs_data_t` for the call (one libobs lends to `create` or `update`).
unsafe fn apply_settings(data: *mut sys::obs_data_t) {
    // SAFETY: `data` is live for this call (the caller's contract).
    let language = unsafe { get_string(data, keys::ALERT_LANGUAGE) };
    let texts = language.as_deref().map_or_else(texts::current, texts::language);
    let hand_written = [keys::TEMPLATE_FOLLOW, keys::TEMPLATE_SUBSCRIBE, keys::TEMPLATE_DONATION, keys::TEMPLATE_RAID];
    let lookup = |k: &str| {
        let key = cstring(k);
        // An alert text the streamer did not write is the alert language's,
        // not the default OBS stored for its own language.
        // SAFETY: `data` is live for this call (the caller's contract); `key` outlives the calls.
        if hand_written.contains(&k) && !unsafe { sys::obs_data_has_user_value(data, key.as_ptr()) } {
            return None;
        }
        // SAFETY: as above.
        unsafe { get_string(data, k) }
    };
    let (s, problems) = Settings::from_lookup(lookup, &texts.templates());
    for p in problems {
        ffi::warn(&format!("setting {}: {}", p.key, p.message));
    }
    runtime::set_settings(s);
}

extern "C" fn update(_data: *mut c_void, settings: *mut sys::obs_data_t) {
    // SAFETY: libobs lends the source's new settings to `update` for the call.
    unsafe { apply_settings(settings) };
}

/// The defaults shown in the settings view: the alert texts in OBS's language.
extern "C" fn defaults(settings: *mut sys::obs_data_t) {
    let d = Settings { templates: texts::current().templates(), ..Settings::default() };
    let set = |k: &str, v: &str| {
        let (k, v) = (cstring(k), cstring(v));
        // SAFETY: libobs lends `settings` to `get_defaults` for the call, and
        // copies both NUL-terminated strings, which outlive it.
        unsafe { sys::obs_data_set_default_string(settings, k.as_ptr(), v.as_ptr()) };
    };
    set(keys::SERVER, &d.server);
    set(keys::ALERT_SECONDS, &d.alert_duration.as_secs().to_string());
    set(keys::TEMPLATE_FOLLOW, &d.templates.follow);
    set(keys::TEMPLATE_SUBSCRIBE, &d.templates.subscribe);
    set(keys::TEMPLATE_DONATION, &d.templates.donation);
    set(keys::TEMPLATE_RAID, &d.templates.raid);
    set(keys::CHAT_LINES, &d.chat_lines.to_string());
    set(keys::ALERT_LANGUAGE, "");
}

extern "C" fn go_live_button(_: *mut sys::obs_properties_t, _: *mut sys::obs_property_t, _: *mut c_void) -> bool {
    super::go_live();
    false
}

extern "C" fn login_button(_: *mut sys::obs_properties_t, _: *mut sys::obs_property_t, _: *mut c_void) -> bool {
    runtime::login();
    false
}

/// The "AeThex" settings view.
/// libobs takes ownership of the returned properties. Every `obs_properties_*`
/// call below gets `p`, which is live until then, and NUL-terminated strings
/// that outlive the call (libobs copies them).
extern "C" fn properties(_data: *mut c_void) -> *mut sys::obs_properties_t {
    // SAFETY: no arguments; the new properties are ours until returned.
    let p = unsafe { sys::obs_properties_create() };
    let status = runtime::shared().status.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let analytics = runtime::shared().analytics.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let info = cstring(&format!("{}\n{analytics}", texts::fill("Prop.Status", &[("status", status)])));
    // SAFETY: `p` and the strings as in the function's docs.
    unsafe {
        sys::obs_properties_add_text(p, c"aethex_status".as_ptr(), info.as_ptr(), sys::obs_text_type_OBS_TEXT_INFO)
    };
    let text = |key: &str, label: &str| {
        let (k, l) = (cstring(key), cstring(&texts::get(label)));
        // SAFETY: `p` and the strings as in the function's docs.
        unsafe { sys::obs_properties_add_text(p, k.as_ptr(), l.as_ptr(), sys::obs_text_type_OBS_TEXT_DEFAULT) };
    };
    text(keys::SERVER, "Prop.Server");
    text(keys::TITLE, "Prop.Title");
    text(keys::CATEGORY, "Prop.Category");
    text(keys::TAGS, "Prop.Tags");
    text(keys::ALERT_SECONDS, "Prop.AlertSeconds");
    let (key, label) = (cstring(keys::ALERT_LANGUAGE), cstring(&texts::get("Prop.AlertLanguage")));
    // SAFETY: `p` and the strings as in the function's docs; the list is a
    // property of `p`, live while `p` is, and copies each item's strings.
    unsafe {
        let list = sys::obs_properties_add_list(
            p,
            key.as_ptr(),
            label.as_ptr(),
            sys::obs_combo_type_OBS_COMBO_TYPE_LIST,
            sys::obs_combo_format_OBS_COMBO_FORMAT_STRING,
        );
        let same = cstring(&texts::get("Prop.AlertLanguage.SameAsObs"));
        sys::obs_property_list_add_string(list, same.as_ptr(), c"".as_ptr());
        for (locale, name) in LANGUAGES {
            let (name, locale) = (cstring(name), cstring(locale));
            sys::obs_property_list_add_string(list, name.as_ptr(), locale.as_ptr());
        }
    }
    text(keys::TEMPLATE_FOLLOW, "Prop.TemplateFollow");
    text(keys::TEMPLATE_SUBSCRIBE, "Prop.TemplateSubscribe");
    text(keys::TEMPLATE_DONATION, "Prop.TemplateDonation");
    text(keys::TEMPLATE_RAID, "Prop.TemplateRaid");
    let file = |key: &str, label: &str, filter: &str| {
        let (k, l, f) = (cstring(key), cstring(&texts::get(label)), cstring(filter));
        // SAFETY: `p` and the strings as in the function's docs; a null default path is allowed.
        unsafe {
            sys::obs_properties_add_path(
                p,
                k.as_ptr(),
                l.as_ptr(),
                sys::obs_path_type_OBS_PATH_FILE,
                f.as_ptr(),
                std::ptr::null(),
            )
        };
    };
    // Qt's file-dialog filter: a label, then the patterns in parentheses.
    let images = format!("{} (*.png *.jpg *.jpeg *.gif *.webp)", texts::get("Filter.Images"));
    let sounds = format!("{} (*.wav *.mp3 *.ogg *.flac)", texts::get("Filter.Sounds"));
    file(keys::IMAGE_FOLLOW, "Prop.ImageFollow", &images);
    file(keys::IMAGE_SUBSCRIBE, "Prop.ImageSubscribe", &images);
    file(keys::IMAGE_DONATION, "Prop.ImageDonation", &images);
    file(keys::IMAGE_RAID, "Prop.ImageRaid", &images);
    file(keys::SOUND_FOLLOW, "Prop.SoundFollow", &sounds);
    file(keys::SOUND_SUBSCRIBE, "Prop.SoundSubscribe", &sounds);
    file(keys::SOUND_DONATION, "Prop.SoundDonation", &sounds);
    file(keys::SOUND_RAID, "Prop.SoundRaid", &sounds);
    text(keys::CHAT_LINES, "Prop.ChatLines");
    let (login, go_live) = (cstring(&texts::get("Prop.Login")), cstring(&texts::get("Prop.GoLive")));
    // SAFETY: `p` and the strings as in the function's docs; the button
    // callbacks are 'static functions that ignore their arguments.
    unsafe {
        sys::obs_properties_add_button(p, c"aethex_login".as_ptr(), login.as_ptr(), Some(login_button));
        sys::obs_properties_add_button(p, c"aethex_go_live".as_ptr(), go_live.as_ptr(), Some(go_live_button));
    }
    p
}

/// Register both sources with libobs.
pub fn register() {
    for which in [Which::Alerts, Which::Chat] {
        let mut info = sys::obs_source_info {
            id: if which == Which::Alerts { c"aethex_alerts".as_ptr() } else { c"aethex_chat".as_ptr() },
            type_: sys::obs_source_type_OBS_SOURCE_TYPE_INPUT,
            // The alerts source also plays alert sounds.
            output_flags: if which == Which::Alerts {
                sys::OBS_SOURCE_VIDEO | sys::OBS_SOURCE_AUDIO
            } else {
                sys::OBS_SOURCE_VIDEO
            },
            get_name: Some(if which == Which::Alerts { alerts_name } else { chat_name }),
            create: Some(if which == Which::Alerts { alerts_create } else { chat_create }),
            destroy: Some(destroy),
            get_width: Some(width),
            get_height: Some(height),
            video_tick: Some(tick),
            video_render: Some(render),
            ..Default::default()
        };
        if which == Which::Alerts {
            info.get_properties = Some(properties);
            info.get_defaults = Some(defaults);
            info.update = Some(update);
        }
        // SAFETY: `info` is fully initialised from these bindings, which match the
        // installed libobs, and its callbacks and static id strings live forever;
        // libobs copies the struct (the size tells it which version it is).
        unsafe { sys::obs_register_source_s(&info, std::mem::size_of::<sys::obs_source_info>()) };
    }
}
