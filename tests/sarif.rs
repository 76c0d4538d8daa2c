//! The SARIF output of every fixture validates against the official SARIF 2.1.0 JSON schema
//! (`tests/sarif-schema-2.1.0.json`, copied unchanged from OASIS), derived inputs' too
//! (subtitles, a web page, a Word file: regions in the original file, with their properties).

use std::process::Command;

#[test]
fn sarif_validates_against_the_schema() {
    let root = env!("CARGO_MANIFEST_DIR");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/tests/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let mut checked = 0;
    for (fixture, summary, source) in [
        ("hanoi", "summary.txt", "source.txt"),
        ("hanoi-wrong-count", "summary.txt", "source.txt"),
        ("english-harbour", "summary.txt", "source.txt"),
        ("derived/briefing-vtt", "summary.txt", "source.vtt"),
        ("derived/hearing-srt", "summary.txt", "source.srt"),
        ("derived/harbour-html", "summary.html", "source.txt"),
        ("derived/harbour-docx", "summary.docx", "source.txt"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .current_dir(root)
            .args(["check", "--format", "sarif"])
            .arg(format!("fixtures/{fixture}/{summary}"))
            .arg(format!("fixtures/{fixture}/{source}"))
            .output()
            .unwrap();
        let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{fixture}: {errors:#?}");
        assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
        checked += 1;
    }
    // An invalid log must fail, or the test proves nothing.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": "no"})));
    assert_eq!(checked, 7);
}
