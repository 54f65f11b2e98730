//! Shared by the fuzz targets.

/// The PDF adapter catches the panics of pdf-extract (it unwraps inside its font and content-stream code) and
/// reports a damaged file; content decides the kind, so any target can reach it. libfuzzer-sys aborts on every
/// panic, caught or not: this hook lets a panic raised inside a registry crate unwind to that catch. Any panic
/// in our own code still aborts at once, and a panic that nobody catches still aborts when it leaves the target.
pub fn tolerate_caught_dependency_panics() {
    let abort_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_dependency = info
            .location()
            .is_some_and(|l| l.file().contains("/.cargo/registry/"));
        if !in_dependency {
            abort_hook(info);
        }
    }));
}
