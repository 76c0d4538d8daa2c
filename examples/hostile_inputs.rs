//! Writes the input shapes of issue #15's cost and memory rows as pairs, `DIR/NAME/summary.txt`
//! and `DIR/NAME/source.txt`, for `docs/experiments/memory.sh` (or `check --pairs DIR`):
//! both sides large, one sentence repeated, mixed scripts, short quotations of a transcript,
//! and a one-megabyte token. Deterministic: the same files on every machine.
//!
//! ```sh
//! cargo run --release --example hostile_inputs -- /tmp/shapes
//! ```

#[path = "../benches/support/large.rs"]
mod large;

use std::path::Path;

fn write(dir: &Path, name: &str, summary: &str, source: &str) -> std::io::Result<()> {
    let pair = dir.join(name);
    std::fs::create_dir_all(&pair)?;
    std::fs::write(pair.join("summary.txt"), summary)?;
    std::fs::write(pair.join("source.txt"), source)
}

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: hostile_inputs DIR");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    for (name, bytes) in [
        ("large-0.25mb", 250_000),
        ("large-1mb", 1_000_000),
        ("large-2mb", 2_000_000),
        ("large-5mb", 5_000_000),
    ] {
        let (summary, source) = large::pair(bytes);
        write(dir, name, &summary, &source)?;
    }
    let repeated = large::repeated(40_000);
    write(dir, "repeated-40k", &repeated, &repeated)?;
    let mixed = (
        large::mixed_scripts(1_360_000, 5),
        large::mixed_scripts(4_800_000, 6),
    );
    write(dir, "mixed-scripts", &mixed.0, &mixed.1)?;
    let transcript = large::pair(315_000).1;
    let short = ("He said \"", "\".");
    let news = (
        "Speaking at the closing session on Sunday, the minister said \"",
        "\" before the vote.",
    );
    for (name, sentences, frame) in [
        ("quotes-5k", 5_000, short),
        ("quotes-20k", 20_000, short),
        ("quotes-5k-news", 5_000, news),
        ("quotes-20k-news", 20_000, news),
    ] {
        let summary = large::quoting(&transcript, sentences, 4, frame);
        write(dir, name, &summary, &transcript)?;
    }
    let token = format!("The mayor said {}.", "y".repeat(1_000_000));
    write(
        dir,
        "token-1mb",
        &token,
        "The mayor said the harbour would reopen.",
    )
}
