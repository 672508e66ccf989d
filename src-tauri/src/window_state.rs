//! The window opens where and as large as it was left (saved with the other settings in
//! tauri-plugin-store).

use clerkdesk_core::settings::WindowState;
use tauri::{LogicalPosition, LogicalSize, Manager, Runtime, WebviewWindow, Window};

use crate::state::AppState;
use crate::store;

/// Applies a saved state, ignoring sizes too small to use.
pub fn restore<R: Runtime>(win: &WebviewWindow<R>, w: WindowState) {
    if w.width >= 600.0 && w.height >= 400.0 {
        let _ = win.set_size(LogicalSize::new(w.width, w.height));
        let _ = win.set_position(LogicalPosition::new(w.x.max(0.0), w.y.max(0.0)));
    }
    if w.maximized {
        let _ = win.maximize();
    }
}

/// Saves the window's current size and position.
pub fn remember<R: Runtime>(window: &Window<R>) {
    let scale = window.scale_factor().unwrap_or(1.0);
    let (Ok(size), Ok(pos)) = (window.inner_size(), window.outer_position()) else {
        return;
    };
    let state = window.state::<AppState>();
    let settings = {
        let mut s = state.settings();
        s.window = Some(WindowState {
            width: size.width as f64 / scale,
            height: size.height as f64 / scale,
            x: pos.x as f64 / scale,
            y: pos.y as f64 / scale,
            maximized: window.is_maximized().unwrap_or(false),
        });
        s.clone()
    };
    store::save_now(window.app_handle(), &settings);
}
