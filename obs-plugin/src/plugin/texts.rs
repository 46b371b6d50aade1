//! The plugin's words in OBS's interface language: OBS hands the module its
//! locale (`obs_module_set_locale`, before `obs_module_load` and again if the
//! language changes), the texts come from the module's `data/locale/<lang>.ini`
//! over `en-US.ini` (found through libobs, as `obs_module_text` does), and
//! any thread reads them. Texts handed to libobs as C strings (source names,
//! hotkey and menu labels) are kept for the life of the process: libobs may
//! hold such pointers, and there are a few dozen per language at most.

use std::collections::HashMap;
use std::ffi::{c_char, CStr, CString};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::locale::{shipped, Texts, FALLBACK};

use super::ffi::{self, cstring, sys};

static CURRENT: RwLock<Option<Arc<Texts>>> = RwLock::new(None);

/// Loaded languages (each file is read once).
fn loaded() -> &'static Mutex<HashMap<&'static str, Arc<Texts>>> {
    static LOADED: OnceLock<Mutex<HashMap<&'static str, Arc<Texts>>>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

/// A file of the module's data directory, if it is there.
fn module_file(name: &str) -> Option<String> {
    let name = cstring(name);
    // SAFETY: libobs is running (see `plugin`); `obs_current_module` is this
    // module's pointer, set by OBS before loading it, and `name` outlives the
    // call. The returned path (or null) is ours, copied, then freed once with bfree.
    let path = unsafe {
        let p = sys::obs_find_module_file(ffi::obs_current_module(), name.as_ptr());
        if p.is_null() {
            return None;
        }
        let path = CStr::from_ptr(p).to_string_lossy().into_owned();
        sys::bfree(p as *mut std::ffi::c_void);
        path
    };
    std::fs::read_to_string(path).ok()
}

/// The texts of the shipped language closest to `locale` (an OBS locale name).
pub fn language(locale: &str) -> Arc<Texts> {
    let name = shipped(locale);
    let mut loaded = loaded().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(t) = loaded.get(name) {
        return t.clone();
    }
    let english = module_file(&format!("locale/{FALLBACK}.ini")).unwrap_or_default();
    let own = (name != FALLBACK).then(|| module_file(&format!("locale/{name}.ini"))).flatten();
    let (texts, problems) = Texts::new(name, own.as_deref(), &english);
    for p in problems {
        ffi::warn(&p);
    }
    let texts = Arc::new(texts);
    loaded.insert(name, texts.clone());
    texts
}

/// The texts in OBS's interface language.
pub fn current() -> Arc<Texts> {
    if let Some(t) = CURRENT.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        return t.clone();
    }
    language(FALLBACK)
}

/// The text for `key` in OBS's language.
pub fn get(key: &str) -> String {
    current().get(key)
}

/// The text for `key` in OBS's language, placeholders filled.
pub fn fill(key: &str, values: &[(&str, String)]) -> String {
    current().fill(key, values)
}

/// The text for `key` in OBS's language as a C string that stays valid for
/// the life of the process.
pub fn c(key: &str) -> *const c_char {
    static KEPT: OnceLock<Mutex<HashMap<(String, String), &'static CStr>>> = OnceLock::new();
    let texts = current();
    let mut kept = KEPT.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    kept.entry((texts.language.clone(), key.to_string()))
        .or_insert_with(|| Box::leak(CString::into_boxed_c_str(cstring(&texts.get(key)))))
        .as_ptr()
}

/// OBS sets the module's language: before loading it, and when the user
/// changes OBS's language.
///
/// # Safety
/// Only libobs calls this, with its locale setting: a NUL-terminated string
/// alive for the call (or null).
#[no_mangle]
pub unsafe extern "C" fn obs_module_set_locale(locale: *const c_char) {
    let locale = if locale.is_null() {
        FALLBACK.to_string()
    } else {
        // SAFETY: a NUL-terminated string alive for the call (the function's
        // contract); it is copied here.
        unsafe { CStr::from_ptr(locale) }.to_string_lossy().into_owned()
    };
    let texts = language(&locale);
    ffi::info(&format!("interface language {locale}: using {}", texts.language));
    *CURRENT.write().unwrap_or_else(|e| e.into_inner()) = Some(texts);
}

/// OBS unloads the module's language.
#[no_mangle]
pub extern "C" fn obs_module_free_locale() {
    *CURRENT.write().unwrap_or_else(|e| e.into_inner()) = None;
}
