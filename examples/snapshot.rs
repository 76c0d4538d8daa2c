//! How to snapshot-test crosscheck's report in your own repository with insta: check an
//! article against its source with the library, render the report, and let insta compare it
//! with the reviewed snapshot. Any change to the findings then shows up as a snapshot diff.
//!
//! ```sh
//! cargo test --example snapshot          # compare; `cargo insta review` after a change
//! ```

use crosscheck::report::{Format, Style, render};
use crosscheck::{Config, Input, check};

/// Checks a short English article against its speech, as a test in a newsroom's repository
/// would check its own files.
fn review() -> String {
    let speech = Input::new(
        "speech.txt",
        "We will open the new bridge on Friday. It cost 12 million dollars. Thank you.",
    );
    let article = Input::new(
        "article.txt",
        "The mayor said the new bridge, which cost 21 million dollars, will open on Friday.",
    );
    let report = check(&article, &speech, &Config::default());
    render(&report, Format::Markdown, Style::default())
}

fn main() {
    print!("{}", review());
}

#[test]
fn the_review_matches_the_reviewed_snapshot() {
    let review = review();
    // The example's own assertion, so the test fails even before a snapshot exists.
    assert!(review.contains("fact-mismatch/number"));
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("example_review", review);
    });
}
