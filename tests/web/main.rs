//! Browser component tests (wasm-bindgen-test, headless Chromium). Compiled for wasm32 only.
#![cfg(target_arch = "wasm32")]
