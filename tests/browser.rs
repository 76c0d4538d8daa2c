//! The HTML review in a real browser: headless Chromium renders the seed pair's report, runs
//! its script, and takes a screenshot; the test fails when the page lacks its two columns or
//! its alignment map, the script did not run, or the screenshot is blank.
//!
//! `.ci/run` installs Debian's `chromium`. Elsewhere, without a browser, the test says so and
//! passes, unless `CI` is set, where a missing browser fails it. `CHROMIUM` names another
//! binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The browser to use: `$CHROMIUM`, or the first of the usual names found on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser", "google-chrome"].map(|n| dir.join(n)))
        .find(|candidate| candidate.is_file())
}

/// The browser, or `None` when there is none and the test is to be skipped; under `CI` a
/// missing browser fails the test instead.
fn chromium_or_skip() -> Option<PathBuf> {
    let browser = chromium();
    if browser.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "no Chromium found: .ci/run installs Debian's chromium"
        );
        eprintln!("skipped: no Chromium on PATH (set CHROMIUM to use one)");
    }
    browser
}

/// Runs headless Chromium on a page with the flags this sandbox needs (no network, no GPU).
fn headless(browser: &Path, profile: &Path, page: &Path, action: &[&str]) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,1800",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(action)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("the browser starts")
}

#[test]
fn the_seed_report_renders_in_chromium() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = common::scratch("browser");
    let page = dir.join("hanoi.html");
    let status = common::crosscheck()
        .args(["check", "--format", "html", "-o"])
        .arg(&page)
        .args(["fixtures/hanoi/summary.txt", "fixtures/hanoi/source.txt"])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));

    let dom = headless(&browser, &dir.join("profile-dom"), &page, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("data-ready=\"1\""), "the page's script ran");
    assert!(dom.contains("class=\"column summary\""), "summary column");
    assert!(dom.contains("class=\"column source\""), "source column");
    assert!(dom.contains("<svg class=\"map\""), "alignment map");
    assert!(dom.matches("<path class=\"ribbon").count() >= 10, "ribbons");

    let screenshot = dir.join("hanoi.png");
    let shot = format!("--screenshot={}", screenshot.display());
    let output = headless(&browser, &dir.join("profile-shot"), &page, &[&shot]);
    assert!(
        screenshot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&screenshot).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    let channels = frame.color_type.samples();
    let pixels = &pixels[..frame.buffer_size()];
    let total = pixels.len() / channels;
    let inked = pixels
        .chunks(channels)
        .filter(|p| p[..3].iter().any(|&c| c < 200))
        .count();
    let coloured = pixels
        .chunks(channels)
        .filter(|p| p[..3].iter().max().unwrap() - p[..3].iter().min().unwrap() > 20)
        .count();
    assert!(
        inked * 50 > total,
        "the screenshot is nearly blank: {inked} of {total} pixels inked"
    );
    assert!(
        coloured * 10 > total,
        "the labels' colours are missing: {coloured} of {total} pixels coloured"
    );
}

#[test]
fn the_confidence_filter_hides_less_sure_findings() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = common::scratch("browser-filter");
    let page = dir.join("wrong-count.html");
    common::crosscheck()
        .args(["check", "--format", "html", "-o"])
        .arg(&page)
        .args([
            "fixtures/hanoi-wrong-count/summary.txt",
            "fixtures/hanoi-wrong-count/source.txt",
        ])
        .status()
        .unwrap();
    let html = std::fs::read_to_string(&page).unwrap();
    let confidences: Vec<f64> = html
        .split("data-confidence=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    let sure = confidences.iter().filter(|&&c| c >= 0.8).count();
    assert!(sure > 0 && sure < confidences.len(), "{confidences:?}");
    // The page opened with `#min-confidence=0.8` shows only the findings rated 0.8 and up.
    let filtered = dir.join("wrong-count.html#min-confidence=0.8");
    let dom = headless(&browser, &dir.join("profile"), &filtered, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("data-ready=\"1\""), "the page's script ran");
    let shown = dom
        .split("<li class=\"finding")
        .skip(1)
        .filter(|item| !item[..item.find('>').unwrap()].contains("hidden"))
        .count();
    assert_eq!(shown, sure, "findings shown at 0.8");
}
