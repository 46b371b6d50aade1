//! With the `obs` feature: generate bindings for the libobs and frontend-API
//! functions the plugin calls, from the headers installed on this machine
//! (Debian's `libobs-dev`: `/usr/include/obs`, or `AETHEX_OBS_INCLUDE`), and
//! link `libobs` and `libobs-frontend-api`.
//!
//! Not obs-sys 0.3 (obs-wrapper's bindings): its bindgen run fails on Debian
//! 12's headers (glibc's `FE_*` constants come out twice) and then silently
//! uses bindings pre-generated for libobs 25, whose struct layouts do not
//! match libobs 29; a plugin built that way crashes OBS. An allowlist keeps
//! these bindings small and exactly the installed version's.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=AETHEX_OBS_INCLUDE");
    #[cfg(feature = "obs")]
    obs::generate();
}

#[cfg(feature = "obs")]
mod obs {
    pub fn generate() {
        let include = std::env::var("AETHEX_OBS_INCLUDE").unwrap_or_else(|_| "/usr/include/obs".into());
        println!("cargo:rustc-link-lib=dylib=obs");
        println!("cargo:rustc-link-lib=dylib=obs-frontend-api");
        let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("obs_bindings.rs");
        let bindings = bindgen::Builder::default()
            .header_contents("aethex_obs.h", "#include <obs-module.h>\n#include <obs-frontend-api.h>\n#include <util/platform.h>\n")
            .clang_arg(format!("-I{include}"))
            .allowlist_function("obs_(source|data|properties|property|service|hotkey|module)_.*")
            .allowlist_function("obs_register_source_s|obs_queue_task|obs_find_module_file|obs_get_version|obs_frontend_.*|blog|bfree|os_gettime_ns|gs_matrix_(push|pop|translate3f)")
            .allowlist_type("obs_source_info|obs_frontend_event|obs_hotkey_func|obs_task_type|obs_text_type|obs_path_type")
            .allowlist_var("LIBOBS_API_.*|LOG_.*|OBS_SOURCE_.*")
            .derive_default(true)
            .layout_tests(false)
            .generate()
            .unwrap_or_else(|e| panic!("libobs headers not usable at {include} (install libobs-dev and clang): {e}"));
        bindings.write_to_file(&out).expect("write bindings");
    }
}
