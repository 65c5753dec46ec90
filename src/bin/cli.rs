//! `peering-planner-cli`: the command-line planner (README "Command line"; the logic is
//! `peering_planner::cli`, shared with its tests). Host only: the page never loads it.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::{Read, Write};
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let read = |path: &str| -> Result<Vec<u8>, String> {
        if path == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())?;
            return Ok(bytes);
        }
        std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        })
    };
    let outcome = peering_planner::cli::run(&args, &read);
    // A closed pipe (`| head`) is not an error worth a panic: write what we can, keep the exit code.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
