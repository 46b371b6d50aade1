//! The module entry points OBS looks for (`obs_module_*`), the hotkeys, the
//! Tools menu items, the frontend event callback, and the OBS side of
//! go-live: switching the streaming service on OBS's UI thread and putting
//! the previous one back when the stream ends.

use std::ffi::{c_char, c_void, CStr};
use std::sync::atomic::{AtomicBool, Ordering};

use super::ffi::{self, cstring, sys};
use super::{runtime, sources, texts};
use crate::golive::{prepare, GoLiveError, Plan};

/// Whether the current stream was started by go-live (so ending it restores the previous service).
static SWITCHED: AtomicBool = AtomicBool::new(false);

/// The libobs API version the plugin was built against.
#[no_mangle]
pub extern "C" fn obs_module_ver() -> u32 {
    (sys::LIBOBS_API_MAJOR_VER << 24) | (sys::LIBOBS_API_MINOR_VER << 16) | sys::LIBOBS_API_PATCH_VER
}

/// Shown in OBS's plugin list.
#[no_mangle]
pub extern "C" fn obs_module_name() -> *const c_char {
    c"AeThex LIVE".as_ptr()
}

/// Shown in OBS's plugin list.
#[no_mangle]
pub extern "C" fn obs_module_description() -> *const c_char {
    texts::c("Plugin.Description")
}

/// Whether OBS is streaming. Any thread: OBS 29's frontend answers from an
/// atomic flag (the hotkey thread asks too).
fn streaming_active() -> bool {
    // SAFETY: no arguments; the frontend API is set up before modules load
    // (and answers false without a frontend), and OBS reads an atomic flag.
    unsafe { sys::obs_frontend_streaming_active() }
}

/// Go live: AeThex side on the network thread, OBS side on the UI thread.
pub fn go_live() {
    if streaming_active() {
        runtime::notice(&texts::get("Notice.AlreadyStreaming"));
        return;
    }
    runtime::notice(&texts::get("Notice.GoingLive"));
    runtime::spawn(async {
        let settings = runtime::settings();
        let (server, token) = runtime::credentials().await;
        match prepare(&server, token.as_deref(), &settings).await {
            Ok(plan) => ffi::on_ui_thread(Box::new(move || apply(plan))),
            Err(e) => runtime::notice(&explain(&e)),
        }
    });
}

/// Why go-live did not start, in OBS's language.
fn explain(e: &GoLiveError) -> String {
    match e {
        GoLiveError::NotLoggedIn => texts::get("GoLive.NotLoggedIn"),
        GoLiveError::LoginRefused(reason) => texts::fill("GoLive.Refused", &[("reason", reason.clone())]),
        GoLiveError::Unreachable(server) => texts::fill("GoLive.Unreachable", &[("server", server.clone())]),
        GoLiveError::Server(error) => texts::fill("GoLive.Failed", &[("error", error.clone())]),
    }
}

/// On the UI thread (only ever run by [`go_live`] through [`ffi::on_ui_thread`]):
/// switch OBS to AeThex's ingest, remembering the old service, and start.
fn apply(plan: Plan) {
    if streaming_active() {
        return runtime::notice(&texts::get("Notice.StartedElsewhere"));
    }
    if !SWITCHED.load(Ordering::SeqCst) {
        remember_service();
    }
    // SAFETY: obs_data_create has no preconditions; the object is ours and
    // live until the release below, so `set_string` may write it.
    let settings = unsafe {
        let settings = sys::obs_data_create();
        ffi::set_string(settings, "server", &plan.ingest_url);
        ffi::set_string(settings, "key", &plan.stream_key);
        settings
    };
    // SAFETY: on the UI thread (see above); `settings` is live and released once, here.
    let made = unsafe {
        let made = use_service(c"rtmp_custom", c"AeThex LIVE", settings);
        sys::obs_data_release(settings);
        made
    };
    if !made {
        return runtime::notice(&texts::get("Notice.NoService"));
    }
    SWITCHED.store(true, Ordering::SeqCst);
    ffi::info(&format!("going live as {} (ingest {})", plan.login, plan.ingest_url));
    // SAFETY: on the UI thread (see above), where the frontend starts outputs.
    unsafe { sys::obs_frontend_streaming_start() };
}

/// On the UI thread: keep OBS's current streaming service (type id and
/// settings JSON) in [`runtime::Shared::previous_service`] for [`restore`].
fn remember_service() {
    // SAFETY: called by `apply` on the UI thread, where OBS's main window owns
    // the service. The pointer is borrowed (no reference taken): it stays
    // valid while this UI-thread call runs, since only the UI thread replaces it.
    let current = unsafe { sys::obs_frontend_get_streaming_service() };
    if current.is_null() {
        return;
    }
    // SAFETY: `current` is the live service above. Its type id is a static
    // string of the registered service type; `data` is a new reference that is
    // released once, after its JSON (owned by `data`) has been copied out.
    unsafe {
        let id = sys::obs_service_get_type(current);
        let data = sys::obs_service_get_settings(current);
        let json = if data.is_null() { std::ptr::null() } else { sys::obs_data_get_json(data) };
        if !id.is_null() && !json.is_null() {
            let id = CStr::from_ptr(id).to_string_lossy().into_owned();
            let json = CStr::from_ptr(json).to_string_lossy().into_owned();
            *runtime::shared().previous_service.lock().unwrap_or_else(|e| e.into_inner()) = Some((id, json));
        }
        if !data.is_null() {
            sys::obs_data_release(data);
        }
    }
}

/// Make a new service of type `id` with `settings` OBS's streaming service and
/// save it; false when OBS cannot create it. `settings` stays the caller's.
///
/// # Safety
/// Call on OBS's UI thread (the frontend's service belongs to its main
/// window), with `settings` a live `obs_data_t` (or null, which libobs
/// accepts as "no settings").
unsafe fn use_service(id: &CStr, name: &CStr, settings: *mut sys::obs_data_t) -> bool {
    // SAFETY: `id` and `name` are NUL-terminated and outlive the call; libobs
    // copies what it keeps of `settings`. The new service is our reference.
    let service = unsafe { sys::obs_service_create(id.as_ptr(), name.as_ptr(), settings, std::ptr::null_mut()) };
    if service.is_null() {
        return false;
    }
    // SAFETY: on the UI thread (the caller's contract); the frontend takes its
    // own reference to `service`, so ours is released once, after handing it over.
    unsafe {
        sys::obs_frontend_set_streaming_service(service);
        sys::obs_frontend_save_streaming_service();
        sys::obs_service_release(service);
    }
    true
}

/// End the stream (the previous service comes back once it stopped).
pub fn end_stream() {
    ffi::on_ui_thread(Box::new(|| {
        if streaming_active() {
            // SAFETY: no arguments; run on the UI thread by `on_ui_thread`, where the frontend stops outputs.
            unsafe { sys::obs_frontend_streaming_stop() };
        }
    }));
}

/// Put back the service OBS had before go-live (on the UI thread: only
/// called from [`frontend_event`]).
fn restore() {
    let Some((id, json)) = runtime::shared().previous_service.lock().unwrap_or_else(|e| e.into_inner()).take() else {
        return;
    };
    SWITCHED.store(false, Ordering::SeqCst);
    let (id, json) = (cstring(&id), cstring(&json));
    // SAFETY: `json` is NUL-terminated and outlives the call; the new data
    // object (null if the JSON does not parse) is ours and released once.
    // `use_service` runs on the UI thread, as frontend events are delivered there.
    let made = unsafe {
        let data = sys::obs_data_create_from_json(json.as_ptr());
        let made = use_service(&id, c"default_service", data);
        sys::obs_data_release(data);
        made
    };
    if made {
        ffi::info("restored the streaming service used before go-live");
    }
}

extern "C" fn hotkey_go_live(_: *mut c_void, _: sys::obs_hotkey_id, _: *mut sys::obs_hotkey_t, pressed: bool) {
    if pressed {
        go_live();
    }
}

extern "C" fn hotkey_end_stream(_: *mut c_void, _: sys::obs_hotkey_id, _: *mut sys::obs_hotkey_t, pressed: bool) {
    if pressed {
        end_stream();
    }
}

extern "C" fn menu_go_live(_: *mut c_void) {
    go_live();
}

extern "C" fn menu_login(_: *mut c_void) {
    runtime::login();
}

/// OBS's frontend events, delivered on the UI thread.
extern "C" fn frontend_event(event: sys::obs_frontend_event, _: *mut c_void) {
    if event == sys::obs_frontend_event_OBS_FRONTEND_EVENT_STREAMING_STARTED && SWITCHED.load(Ordering::SeqCst) {
        runtime::notice(&texts::get("Notice.Live"));
    }
    if event == sys::obs_frontend_event_OBS_FRONTEND_EVENT_STREAMING_STOPPED && SWITCHED.load(Ordering::SeqCst) {
        runtime::notice(&texts::get("Notice.Ended"));
        restore();
    }
}

/// OBS loads the plugin.
#[no_mangle]
pub extern "C" fn obs_module_load() -> bool {
    sources::register();
    // SAFETY: called by OBS on the UI thread while it loads modules, after the
    // frontend API is set up. The names are static C strings and the labels
    // live as long as the process (`texts::c`); the callbacks are 'static
    // functions that ignore their (null) private data.
    unsafe {
        sys::obs_hotkey_register_frontend(
            c"aethex.go_live".as_ptr(),
            texts::c("Hotkey.GoLive"),
            Some(hotkey_go_live),
            std::ptr::null_mut(),
        );
        sys::obs_hotkey_register_frontend(
            c"aethex.end_stream".as_ptr(),
            texts::c("Hotkey.EndStream"),
            Some(hotkey_end_stream),
            std::ptr::null_mut(),
        );
        sys::obs_frontend_add_tools_menu_item(texts::c("Menu.GoLive"), Some(menu_go_live), std::ptr::null_mut());
        sys::obs_frontend_add_tools_menu_item(texts::c("Menu.Login"), Some(menu_login), std::ptr::null_mut());
        sys::obs_frontend_add_event_callback(Some(frontend_event), std::ptr::null_mut());
    }
    runtime::start();
    ffi::info(&format!("loaded (aethex-obs {})", env!("CARGO_PKG_VERSION")));
    true
}

/// OBS unloads the plugin.
#[no_mangle]
pub extern "C" fn obs_module_unload() {
    ffi::info("unloaded");
}
