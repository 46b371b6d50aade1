//! The libobs glue (feature `obs`): the module entry points OBS looks for,
//! the sources, the `aethex.go_live` / `aethex.end_stream` hotkeys, the Tools
//! menu items, the frontend calls of go-live, and the texts in OBS's
//! language ([`texts`]). Every callback returns at
//! once: network work goes to [`runtime`], frontend work to OBS's UI thread.
//!
//! The crate denies `unsafe_code`; only the modules that call libobs allow it,
//! so the network side ([`runtime`]) stays free of `unsafe`. Every `unsafe`
//! block carries a `// SAFETY:` comment and every `unsafe fn` a `# Safety`
//! section (clippy's `undocumented_unsafe_blocks` and `missing_safety_doc`,
//! and `tests/unsafe_documented.rs`). They rest on these facts:
//!
//! - This code only runs inside OBS: libobs calls `obs_module_load` first,
//!   and everything else is reached from what it registers there, so libobs
//!   and (in OBS Studio) the frontend API are initialised whenever it runs.
//! - The libobs callbacks are private functions handed to libobs only, so
//!   their pointer arguments are the ones libobs passes, under libobs's
//!   contract for that callback.
//! - Frontend calls that touch OBS's Qt state run on the UI thread: inside a
//!   task queued by [`ffi::on_ui_thread`], or in a frontend event callback.

// FFI with libobs: module exports (`#[no_mangle]`), frontend calls.
#[allow(unsafe_code)]
pub mod entry;
// The libobs bindings and the helpers around C strings, data objects and tasks.
#[allow(unsafe_code)]
pub mod ffi;
// Hands decoded samples to libobs from a thread of its own.
#[allow(unsafe_code)]
pub mod player;
pub mod runtime;
// The two sources: libobs callbacks over a boxed `Source`.
#[allow(unsafe_code)]
pub mod sources;
// The UI texts in OBS's language: `obs_module_set_locale`, the module's locale files.
#[allow(unsafe_code)]
pub mod texts;

pub use entry::{end_stream, go_live};
