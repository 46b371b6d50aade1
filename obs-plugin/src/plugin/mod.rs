//! The libobs glue (feature `obs`): the module entry points OBS looks for,
//! the sources, the `aethex.go_live` / `aethex.end_stream` hotkeys, the Tools
//! menu items, and the frontend calls of go-live. Every callback returns at
//! once: network work goes to [`runtime`], frontend work to OBS's UI thread.
//!
//! The crate denies `unsafe_code`; only the modules that call libobs allow it,
//! so the network side ([`runtime`]) stays free of `unsafe`.

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

pub use entry::{end_stream, go_live};
