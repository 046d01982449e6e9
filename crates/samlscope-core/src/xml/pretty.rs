//! A pretty, indented rendering of a parsed document, for reading only: it is *not* the text
//! that was signed (signatures are over the exact bytes), and the page says so.

use super::{Document, NodeId, NodeKind};

/// Largest document rendered (bigger ones are left to the exact view).
pub const MAX_PRETTY_BYTES: usize = 4 * 1024 * 1024;

/// The document re-indented by two spaces per level: tags, attributes, text and comments as
/// written (references not expanded), whitespace-only text dropped, elements holding only
/// text kept on one line. `None` for documents over [`MAX_PRETTY_BYTES`].
pub fn pretty(doc: &Document) -> Option<String> {
    if doc.text().len() > MAX_PRETTY_BYTES {
        return None;
    }
    let mut out = String::with_capacity(doc.text().len() + doc.text().len() / 4);
    if let Some(decl) = doc.declaration() {
        out.push_str(&doc.text()[decl.start..decl.end]);
        out.push('\n');
    }
    for child in doc.children(NodeId(0)) {
        write_node(doc, child, 0, &mut out);
    }
    Some(out)
}

fn raw(doc: &Document, id: NodeId) -> &str {
    let span = doc.span(id);
    doc.text().get(span.start..span.end).unwrap_or("")
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth.min(64) {
        out.push_str("  ");
    }
}

fn write_node(doc: &Document, id: NodeId, depth: usize, out: &mut String) {
    match doc.kind(id) {
        NodeKind::Element => write_element(doc, id, depth, out),
        NodeKind::Text => {
            let text = raw(doc, id).trim();
            if !text.is_empty() {
                indent(out, depth);
                out.push_str(text);
                out.push('\n');
            }
        }
        NodeKind::CData | NodeKind::Comment | NodeKind::ProcessingInstruction => {
            indent(out, depth);
            out.push_str(raw(doc, id));
            out.push('\n');
        }
        NodeKind::Document => {}
    }
}

fn write_element(doc: &Document, id: NodeId, depth: usize, out: &mut String) {
    let Some(e) = doc.element(id) else { return };
    let text = doc.text();
    let start = e.start_tag();
    indent(out, depth);
    out.push_str(text.get(start.start..start.end).unwrap_or(""));
    let Some(end) = e.end_tag() else {
        out.push('\n');
        return;
    };
    let children: Vec<NodeId> = doc.children(id).collect();
    let only_text = children
        .iter()
        .all(|&c| matches!(doc.kind(c), NodeKind::Text | NodeKind::CData));
    if only_text {
        out.push_str(text.get(start.end..end.start).unwrap_or("").trim());
    } else {
        out.push('\n');
        for child in children {
            write_node(doc, child, depth + 1, out);
        }
        indent(out, depth);
    }
    out.push_str(text.get(end.start..end.end).unwrap_or(""));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_xml_is_indented_and_keeps_what_was_written() {
        let xml =
            "<?xml version=\"1.0\"?><a x=\"1\"><b>t &amp; u</b><c/><!--n--><d><e>v</e></d></a>";
        let doc = crate::xml::parse(xml.to_owned()).expect("xml");
        assert_eq!(
            pretty(&doc).expect("small"),
            "<?xml version=\"1.0\"?>\n<a x=\"1\">\n  <b>t &amp; u</b>\n  <c/>\n  <!--n-->\n  <d>\n    <e>v</e>\n  </d>\n</a>\n"
        );
    }

    #[test]
    fn the_pretty_text_parses_again() {
        let xml = include_str!("../../tests/fixtures/rules/base_response.xml");
        let doc = crate::xml::parse(xml.to_owned()).expect("xml");
        let text = pretty(&doc).expect("small");
        assert!(crate::xml::parse(text).is_ok());
    }
}
