//! `crosscheck explain`: what each finding's confidence is made of, feature by feature, so
//! that no confidence is a black box.

use std::io;

use super::name;
use crate::confidence;
use crate::config::SourceKind;
use crate::model::{Report, printable};

/// Writes, for finding `index` (0-based) or for every finding, its rule, message and
/// confidence, the model that rated it, and each feature's value, weight and part of the
/// log-odds, largest part first.
pub(super) fn write(
    report: &Report,
    source_kind: SourceKind,
    index: Option<usize>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    if report.findings.is_empty() {
        return writeln!(out, "no findings: nothing to explain");
    }
    let chosen: Vec<usize> = match index {
        Some(index) => vec![index],
        None => (0..report.findings.len()).collect(),
    };
    let context = confidence::features::Context::new(report, source_kind);
    for index in chosen {
        let finding = &report.findings[index];
        let explanation = confidence::explain(&context, finding);
        let model = match explanation.rule {
            confidence::ALL_RULES => "the model of all findings".to_string(),
            rule => format!("the model of `{rule}` findings"),
        };
        writeln!(
            out,
            "finding {}: {}[{}] {}\n  confidence {:.2}, from {model}: log-odds {:+.3} at the mean, plus \
             each part\n  (a part is the weight times how far the value is from its mean, in \
             standard deviations of the training data)",
            index + 1,
            name(&finding.severity),
            finding.rule(),
            printable(&finding.message),
            explanation.confidence,
            explanation.bias,
        )?;
        writeln!(
            out,
            "  {:<48} {:>8} {:>8} {:>8}",
            "feature", "value", "weight", "part"
        )?;
        for part in &explanation.parts {
            writeln!(
                out,
                "  {:<48} {:>8.3} {:>+8.3} {:>+8.3}",
                part.feature, part.value, part.weight, part.contribution
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
