//! Word files made in memory, byte for byte the same on every run: the fixture's `.docx` is
//! written by it, and the property tests make theirs with it.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The parts a Word file needs besides its document.
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELATIONSHIPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A Word file whose paragraphs are `paragraphs`, each `(style, runs)`: the paragraph style
/// (empty for none) and the XML of its runs (`<w:r><w:t>…</w:t></w:r>`).
pub(crate) fn docx(paragraphs: &[(&str, String)]) -> Vec<u8> {
    let mut body = String::new();
    for (style, runs) in paragraphs {
        body.push_str("<w:p>");
        if !style.is_empty() {
            body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
        }
        body.push_str(runs);
        body.push_str("</w:p>\n");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\n\
         {body}</w:body></w:document>\n"
    );
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELATIONSHIPS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// A zip archive of `files`, deflated, dated 1980-01-01 so that it is the same on every run.
pub(crate) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(*name, options).expect("a zip entry");
        zip.write_all(bytes).expect("writing into memory");
    }
    zip.finish().expect("a zip archive").into_inner()
}

/// One run of plain text, escaped for XML, with its spaces kept.
pub(crate) fn run(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r>")
}
