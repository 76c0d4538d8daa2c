//! The HTML review in a real browser: headless Chromium renders reports, runs their script,
//! and takes screenshots. The tests fail when the page lacks its two columns or its alignment
//! map, the script did not run, the screenshot is blank, or the findings are not grouped,
//! counted, filtered, copied and set in type as an editor needs: errors first and info
//! collapsed, a count per group, filters by severity, rule and confidence, each copy button
//! copying the entry `crosscheck baseline` writes, and the word diff in the text's font.
//!
//! A test's own script, added to a copy of the page after the page's script, clicks and
//! reads the page and leaves what it found as JSON in the DOM that Chromium dumps.
//!
//! `.ci/run` installs Debian's `chromium`. Elsewhere, without a browser, the tests say so and
//! pass, unless `CI` is set, where a missing browser fails them. `CHROMIUM` names another
//! binary. `CROSSCHECK_SCREENSHOT=docs/review.png` writes the README's screenshot.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

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

/// The window pages are rendered in, as Chromium's `--window-size` takes it.
const WINDOW: &str = "1400,1800";

/// Runs headless Chromium on a page with the flags this sandbox needs (no network, no GPU).
fn headless(browser: &Path, profile: &Path, page: &Path, action: &[&str]) -> Output {
    headless_in(browser, profile, page, WINDOW, action)
}

/// [`headless`] in a window of another size.
fn headless_in(
    browser: &Path,
    profile: &Path,
    page: &Path,
    window: &str,
    action: &[&str],
) -> Output {
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
        ])
        .arg(format!("--window-size={window}"))
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

    assert_drawn(&screenshot(&browser, &page, WINDOW));
}

/// A screenshot of `page` in a window of `window`, beside the page.
fn screenshot(browser: &Path, page: &Path, window: &str) -> PathBuf {
    let screenshot = page.with_extension("png");
    let shot = format!("--screenshot={}", screenshot.display());
    let profile = page.with_extension("profile-shot");
    let output = headless_in(browser, &profile, page, window, &[&shot]);
    assert!(
        screenshot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    screenshot
}

/// Fails unless the screenshot at `path` is inked and coloured: not blank, and showing the
/// labels' colours.
fn assert_drawn(path: &Path) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
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

/// The summary and sources of a fixture under `fixtures/`: its `summary.txt`, then its
/// `source.txt` or `source-*.txt` in name order.
fn fixture_files(fixture: &str) -> Vec<String> {
    let dir = format!("fixtures/{fixture}");
    let mut sources: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(&dir))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.starts_with("source"))
            .collect();
    sources.sort();
    std::iter::once("summary.txt".to_string())
        .chain(sources)
        .map(|name| format!("{dir}/{name}"))
        .collect()
}

/// Writes the HTML review of `fixture` to `page`.
fn review(fixture: &str, page: &Path) {
    let status = common::crosscheck()
        .args(["check", "--format", "html", "-o"])
        .arg(page)
        .args(fixture_files(fixture))
        .status()
        .unwrap();
    assert!(matches!(status.code(), Some(0 | 1)), "{status}");
}

/// The JSON report of `fixture`, run with `args` before the files.
fn json_report(fixture: &str, args: &[&str]) -> Value {
    let output = common::crosscheck()
        .args(["check", "--format", "json"])
        .args(args)
        .args(fixture_files(fixture))
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// How many of a JSON report's findings have `field` equal to `value`.
fn findings_with(report: &Value, field: &str, value: &str) -> usize {
    (report["findings"].as_array().unwrap().iter())
        .filter(|f| f[field] == value)
        .count()
}

/// The test's script around `SCRIPT` (the body of a function): what it returns is left as
/// JSON in a `<script id="results">`, whose text Chromium dumps as it is.
const PROBE: &str = r#"<script>(function(){
  var results=(function(){SCRIPT})();
  var out=document.createElement('script');
  out.type='application/json';
  out.id='results';
  out.textContent=JSON.stringify(results).replace(/</g,'\\u003c');
  document.body.appendChild(out);
})();</script>"#;

/// What `script` (a function body) returns when run in `page`, opened at `#hash` (none when
/// empty), after the page's own script: a copy of the page with the script added is rendered
/// by Chromium.
fn run_in_page(browser: &Path, page: &Path, hash: &str, script: &str) -> Value {
    let html = std::fs::read_to_string(page).unwrap();
    let end = html.rfind("</body>").expect("the page's body ends");
    let probe = page.with_extension("probe.html");
    let probed = format!(
        "{}{}{}",
        &html[..end],
        PROBE.replace("SCRIPT", script),
        &html[end..]
    );
    std::fs::write(&probe, probed).unwrap();
    let opened = match hash {
        "" => probe.clone(),
        hash => PathBuf::from(format!("{}#{hash}", probe.display())),
    };
    let profile = page.with_extension("profile-probe");
    let output = headless(browser, &profile, &opened, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains("data-ready=\"1\""), "the page's script ran");
    let opening = "id=\"results\">";
    let start = dom.find(opening).unwrap_or_else(|| {
        panic!(
            "the test's script left no results: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    }) + opening.len();
    let length = dom[start..].find("</script>").unwrap();
    serde_json::from_str(&dom[start..start + length]).unwrap()
}

#[test]
fn findings_are_grouped_errors_first_counted_and_info_collapsed() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = common::scratch("browser-groups");
    let page = dir.join("wrong-count.html");
    review("hanoi-wrong-count", &page);
    let groups = run_in_page(
        &browser,
        &page,
        "",
        "return Array.from(document.querySelectorAll('details.group')).map(function(group){
           var items=Array.from(group.querySelectorAll('li.finding'));
           return {severity:group.dataset.severity, open:group.open,
             count:group.querySelector('.count').textContent,
             items:items.map(function(li){return li.classList[1];}),
             visible:items.filter(function(li){return li.checkVisibility();}).length};
         });",
    );
    let report = json_report("hanoi-wrong-count", &[]);
    let groups = groups.as_array().unwrap();
    let order: Vec<&str> = groups
        .iter()
        .map(|g| g["severity"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["error", "warning", "info"], "errors first");
    for group in groups {
        let severity = group["severity"].as_str().unwrap();
        let count = findings_with(&report, "severity", severity);
        let items = group["items"].as_array().unwrap();
        assert!(count > 0);
        assert_eq!(group["count"], count.to_string(), "{severity}'s count");
        assert_eq!(items.len(), count, "{severity}'s findings");
        assert!(items.iter().all(|item| item == severity), "{group}");
        let collapsed = severity == "info";
        assert_eq!(group["open"], !collapsed, "{severity} open");
        let visible = if collapsed { 0 } else { count };
        assert_eq!(group["visible"], visible, "{severity} findings visible");
    }
}

#[test]
fn the_filters_hide_a_rules_findings_and_a_severitys_group() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = common::scratch("browser-rule-filter");
    let page = dir.join("wrong-count.html");
    review("hanoi-wrong-count", &page);
    // The findings shown and each group's count, before and after choosing a rule, then
    // after unticking the warnings.
    let script = "
        function shown(){
          return Array.from(document.querySelectorAll('li.finding')).filter(function(li){
            return !li.hidden&&!li.closest('details').hidden;
          }).map(function(li){return li.dataset.rule;});
        }
        function counts(){
          return Array.from(document.querySelectorAll('details.group')).map(function(group){
            return group.hidden?null:group.querySelector('.count').textContent;
          });
        }
        var results={all:shown()};
        var rule=document.getElementById('rule');
        rule.value='omission';
        rule.dispatchEvent(new Event('change'));
        results.omissions=shown();
        results.omissionCounts=counts();
        rule.value='';
        rule.dispatchEvent(new Event('change'));
        var warnings=document.querySelector('input[name=severity][value=warning]');
        warnings.checked=false;
        warnings.dispatchEvent(new Event('change'));
        results.withoutWarnings=shown();
        return results;";
    let results = run_in_page(&browser, &page, "", script);
    let report = json_report("hanoi-wrong-count", &[]);
    let total = report["findings"].as_array().unwrap().len();
    let omissions = findings_with(&report, "rule", "omission");
    let rules = |key: &str| -> Vec<String> {
        (results[key].as_array().unwrap().iter())
            .map(|rule| rule.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules("all").len(), total);
    assert!(0 < omissions && omissions < total);
    assert_eq!(rules("omissions"), vec!["omission"; omissions]);
    // The error is no omission: its group is hidden; the others count what they show.
    let omitted_info = (report["findings"].as_array().unwrap().iter())
        .filter(|f| f["rule"] == "omission" && f["severity"] == "info")
        .count();
    let info = findings_with(&report, "severity", "info");
    let warnings = findings_with(&report, "severity", "warning");
    assert_eq!(
        results["omissionCounts"],
        serde_json::json!([
            null,
            warnings.to_string(),
            format!("{omitted_info} of {info}")
        ])
    );
    assert_eq!(rules("withoutWarnings").len(), total - warnings);

    // A link sets the filters: the info omissions only.
    let linked = run_in_page(
        &browser,
        &page,
        "rule=omission&severity=info",
        "return Array.from(document.querySelectorAll('li.finding')).filter(function(li){
           return !li.hidden&&!li.closest('details').hidden;
         }).length;",
    );
    assert_eq!(linked, omitted_info);
}

#[test]
fn each_copy_button_copies_the_entry_crosscheck_baseline_writes() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = common::scratch("browser-copy");
    let page = dir.join("wrong-count.html");
    review("hanoi-wrong-count", &page);
    // The clipboard is the test's: it keeps what each button copies.
    let copied = run_in_page(
        &browser,
        &page,
        "",
        "var copied=[];
         Object.defineProperty(navigator,'clipboard',{configurable:true,value:{
           writeText:function(text){copied.push(text);return Promise.resolve();}}});
         document.querySelectorAll('li.finding button.copy').forEach(function(button){
           button.click();
         });
         return copied;",
    );
    let copied: Vec<&str> = (copied.as_array().unwrap().iter())
        .map(|text| text.as_str().unwrap())
        .collect();

    let baseline = dir.join("baseline.json");
    let status = common::crosscheck()
        .args(["baseline", "-o"])
        .arg(&baseline)
        .args(fixture_files("hanoi-wrong-count"))
        .status()
        .unwrap();
    assert!(status.success());
    let file = std::fs::read_to_string(&baseline).unwrap();
    let written: Value = serde_json::from_str(&file).unwrap();
    let mut entries: Vec<&Value> = written["accepted"].as_array().unwrap().iter().collect();
    assert_eq!(copied.len(), entries.len(), "a button per finding");
    for text in &copied {
        assert!(file.contains(text), "as the file has it: {text}");
        let entry: Value = serde_json::from_str(text).unwrap();
        let at = entries.iter().position(|e| **e == entry);
        entries.remove(at.unwrap_or_else(|| panic!("not an entry of the file: {text}")));
    }

    // Pasted into the accepted list of a baseline, the error's entry accepts the error.
    let error = copied
        .iter()
        .find(|text| text.contains("fact-mismatch/number"))
        .unwrap();
    let pasted = dir.join("pasted.json");
    std::fs::write(
        &pasted,
        format!("{{\n  \"version\": 1,\n  \"accepted\": [\n{error}\n  ]\n}}\n"),
    )
    .unwrap();
    let report = json_report(
        "hanoi-wrong-count",
        &["--baseline", pasted.to_str().unwrap()],
    );
    let accepted: Vec<&Value> = (report["findings"].as_array().unwrap().iter())
        .filter(|f| f["accepted"] == true)
        .collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["rule"], "fact-mismatch/number");
}

#[test]
fn the_word_diff_is_set_in_the_texts_font() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = common::scratch("browser-diff-font");
    let page = dir.join("wrong-count.html");
    review("hanoi-wrong-count", &page);
    let fonts = run_in_page(
        &browser,
        &page,
        "",
        "var diff=document.querySelector('.diff');
         return {diff:getComputedStyle(diff).fontFamily,
           body:getComputedStyle(document.body).fontFamily, text:diff.textContent};",
    );
    assert!(fonts["text"].as_str().unwrap().contains("27"), "{fonts}");
    assert_eq!(fonts["diff"], fonts["body"], "{fonts}");
}

/// The text of sentence element `id` in a page, its tags left out and its characters
/// unescaped.
fn sentence_text(html: &str, id: &str) -> String {
    let opening = format!("\" id=\"{id}\"");
    let start = html.find(&opening).unwrap();
    let start = start + html[start..].find('>').unwrap() + 1;
    let inner = &html[start..start + html[start..].find("</span>").unwrap()];
    let mut text = String::new();
    for (index, piece) in inner.split('<').enumerate() {
        let piece = if index == 0 {
            piece
        } else {
            piece.split_once('>').unwrap().1
        };
        text.push_str(piece);
    }
    unescape(&text)
}

/// HTML's escapes of the page undone.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn places_in_a_source_of_several_files_are_counted_within_their_file() {
    let dir = common::scratch("html-several");
    let page = dir.join("hospital.html");
    review("several/hospital", &page);
    let html = std::fs::read_to_string(&page).unwrap();
    // Every place a finding links to: `<a href="#ID" title="PATH, line L, column C; …">FILE,
    // paragraph P, sentence S</a>`.
    let mut files_seen = Vec::new();
    for link in html.split("<a href=\"#").skip(1) {
        let (id, rest) = link.split_once('"').unwrap();
        let Some(rest) = rest.strip_prefix(" title=\"") else {
            continue; // a bar of the map
        };
        let (title, rest) = rest.split_once("\">").unwrap();
        let text = &rest[..rest.find("</a>").unwrap()];
        let (file, place) = text.split_once(", paragraph ").unwrap();
        let (paragraph, sentence) = place.split_once(", sentence ").unwrap();
        let (paragraph, sentence): (usize, usize) =
            (paragraph.parse().unwrap(), sentence.parse().unwrap());
        let path = match file {
            "summary" => "summary.txt",
            file => file,
        };
        files_seen.push(path.to_string());
        let file_text =
            std::fs::read_to_string(format!("fixtures/several/hospital/{path}")).unwrap();
        let paragraphs: Vec<&str> = file_text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let sentence_text = sentence_text(&html, id);
        let paragraph_text = paragraphs
            .get(paragraph - 1)
            .unwrap_or_else(|| panic!("{text}: {path} has {} paragraphs", paragraphs.len()));
        let at = paragraph_text.find(&sentence_text);
        assert!(
            at.is_some(),
            "{text}: {sentence_text:?} in {paragraph_text:?}"
        );
        assert_eq!(at == Some(0), sentence == 1, "{text}: sentence {sentence}");
        // The tooltip's line and column fall within the sentence, in the file's lines.
        let title = unescape(title);
        let (line, column) = title
            .split_once(", line ")
            .and_then(|(_, rest)| rest.split_once(", column "))
            .unwrap();
        let column: usize = column[..column.find(';').unwrap()].parse().unwrap();
        let line = file_text
            .lines()
            .nth(line.parse::<usize>().unwrap() - 1)
            .unwrap();
        let from = line[..line.find(&sentence_text).unwrap()].chars().count() + 1;
        let within = from..from + sentence_text.chars().count();
        assert!(within.contains(&column), "{title} for {sentence_text:?}");
        assert!(
            title.starts_with(&format!("fixtures/several/hospital/{path}, ")),
            "{title}"
        );
    }
    files_seen.sort();
    files_seen.dedup();
    assert_eq!(
        files_seen,
        ["source-1-speech.txt", "source-2-release.txt", "summary.txt"],
        "places in every file"
    );
}

/// The README's screenshot, `docs/review.png`: a review with findings of every severity,
/// small enough for a repository. With `CROSSCHECK_SCREENSHOT=docs/review.png` this test
/// takes it anew.
#[test]
fn the_readme_screenshot_is_a_review_with_findings() {
    if let Some(browser) = chromium_or_skip() {
        let dir = common::scratch("browser-readme");
        let page = dir.join("review.html");
        review("hanoi-wrong-count", &page);
        let shot = screenshot(&browser, &page, "1000,1500");
        assert_drawn(&shot);
        if let Some(path) = std::env::var_os("CROSSCHECK_SCREENSHOT") {
            std::fs::copy(&shot, Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        }
    }
    let readme_shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/review.png");
    let size = std::fs::metadata(&readme_shot).unwrap().len();
    assert!(size < 300_000, "docs/review.png is {size} bytes");
}
