//! Private: one check of a generated transcript of N bytes (or only its generation with `gen`).
#[path = "../benches/support/corpus.rs"]
mod corpus;
fn main() {
    let mut args = std::env::args().skip(1);
    let bytes: usize = args.next().unwrap().parse().unwrap();
    let only_generate = args.next().is_some();
    let (source, summary) = corpus::generate(bytes, 20_000);
    if only_generate {
        println!("{}", source.len() + summary.len());
        return;
    }
    let report = crosscheck::check(
        &crosscheck::Input::new("summary", summary),
        &crosscheck::Input::new("source", source),
        &crosscheck::Config::default(),
    );
    println!("{}", report.findings.len());
}
