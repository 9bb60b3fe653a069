//! Real documents for the format tests, built here: PDFs (with `lopdf`, a standard font and an
//! embedded-subset-style font with a ToUnicode map, page headers and footers, two columns, a
//! table), Word `.docx` files (a zip of WordprocessingML), and the broken kinds a clerk's
//! downloads folder holds. Nothing here comes from a real protocol.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use std::collections::BTreeMap;
use std::io::Write;

/// Which font a run of text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// Helvetica, one of the 14 standard fonts, in WinAnsiEncoding (å ä ö are single bytes).
    Standard,
    /// A Type0 font with Identity-H two-byte codes that mean nothing without the ToUnicode
    /// map, as in PDFs that embed a subset of a TrueType font (Word, LibreOffice, pdf-lib).
    Subset,
}

/// One piece of text placed on a page (x, y in points from the bottom left).
#[derive(Clone, Debug)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub font: Font,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub runs: Vec<Run>,
    /// Draw a grey box (what a scanned page looks like to a text extractor: no text at all).
    pub image_only: bool,
}

impl Page {
    /// Lines of body text from the top, 14 pt apart, in `font`.
    pub fn lines(lines: &[&str], font: Font) -> Page {
        let mut page = Page::default();
        page.add_lines(72.0, 760.0, lines, font);
        page
    }

    pub fn add_lines(&mut self, x: f32, top: f32, lines: &[&str], font: Font) {
        for (i, line) in lines.iter().enumerate() {
            self.runs.push(Run {
                x,
                y: top - 14.0 * i as f32,
                size: 10.0,
                font,
                text: line.to_string(),
            });
        }
    }

    /// The header and footer a protocol repeats on every page.
    pub fn with_furniture(mut self, header: &str, page: usize, pages: usize) -> Page {
        self.runs.push(Run {
            x: 72.0,
            y: 805.0,
            size: 8.0,
            font: Font::Standard,
            text: header.to_string(),
        });
        self.runs.push(Run {
            x: 480.0,
            y: 805.0,
            size: 8.0,
            font: Font::Standard,
            text: format!("{page} ({pages})"),
        });
        self.runs.push(Run {
            x: 72.0,
            y: 40.0,
            size: 8.0,
            font: Font::Standard,
            text: "Justerandes sign".into(),
        });
        self
    }
}

/// A PDF of these pages.
pub fn pdf(pages: &[Page]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let standard = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    // The subset font numbers glyphs in order of first use, as subsetting tools do.
    let mut codes: BTreeMap<char, u16> = BTreeMap::new();
    for page in pages {
        for run in page.runs.iter().filter(|r| r.font == Font::Subset) {
            for ch in run.text.chars() {
                let next = codes.len() as u16 + 3;
                codes.entry(ch).or_insert(next);
            }
        }
    }
    let to_unicode = {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let pairs: Vec<(u16, char)> = codes.iter().map(|(&c, &g)| (g, c)).collect();
        for chunk in pairs.chunks(100) {
            cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
            for (glyph, ch) in chunk {
                let mut utf16 = [0u16; 2];
                let hex: String = ch
                    .encode_utf16(&mut utf16)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                cmap.push_str(&format!("<{glyph:04X}> <{hex}>\n"));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()))
    };
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "ABCDEF+LiberationSans",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 520,
        "CIDToGIDMap" => "Identity",
    });
    let subset = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ABCDEF+LiberationSans",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => standard, "F2" => subset },
    });
    let mut kids = Vec::new();
    for page in pages {
        let mut ops = Vec::new();
        if page.image_only {
            ops.push(Operation::new("g", vec![0.6.into()]));
            ops.push(Operation::new(
                "re",
                vec![50.into(), 50.into(), 495.into(), 740.into()],
            ));
            ops.push(Operation::new("f", vec![]));
        }
        for run in &page.runs {
            let (name, bytes) = match run.font {
                Font::Standard => {
                    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&run.text);
                    ("F1", bytes.into_owned())
                }
                Font::Subset => (
                    "F2",
                    run.text
                        .chars()
                        .flat_map(|c| codes[&c].to_be_bytes())
                        .collect(),
                ),
            };
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec![name.into(), run.size.into()]));
            ops.push(Operation::new("Td", vec![run.x.into(), run.y.into()]));
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(bytes, lopdf::StringFormat::Hexadecimal)],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        })));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A `.docx` whose body is this WordprocessingML (paragraphs `<w:p>`, tables `<w:tbl>`).
pub fn docx(body_xml: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// A Word paragraph of one run.
pub fn w_p(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;");
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>"#)
}

/// A Word table of these rows of cells.
pub fn w_table(rows: &[&[&str]]) -> String {
    let mut xml = String::from("<w:tbl>");
    for row in rows {
        xml.push_str("<w:tr>");
        for cell in *row {
            xml.push_str(&format!("<w:tc>{}</w:tc>", w_p(cell)));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// A Word page break.
pub fn w_page_break() -> String {
    r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.into()
}
