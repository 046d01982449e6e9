//! One test per problem the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) found, named after what
//! it found, with the input inline or made here.

use samlscope_core::redact::{RedactOptions, redaction};
use samlscope_core::xml::{self, Limits};
use samlscope_core::{Context, Report, Span, Timestamp, inspect};

fn ctx() -> Context {
    Context::new(Timestamp::parse("2026-11-20T09:15:30Z").expect("time"))
}

/// The redacted copies of `report`, with every option and with none: each must leave `secret`
/// out and still be well-formed. Returned with their texts, parsed.
fn redacted_copies(report: &Report, secret: &str) -> Vec<(String, xml::Document)> {
    [RedactOptions::ALL, RedactOptions::NONE]
        .iter()
        .map(|options| {
            let text = redaction(report, options).text;
            assert!(!text.contains(secret), "{text}");
            let doc = xml::parse(text.clone())
                .unwrap_or_else(|e| panic!("the redacted copy is not well-formed: {e:?}\n{text}"));
            (text, doc)
        })
        .collect()
}

/// Whether `span` lies inside `text` and on character boundaries.
fn fits(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

// fuzz target xml_parse, then inspect: the error span of text after the root element was one
// byte long, so that a multi-byte character there was cut in two (`"end": 5` in JSON).
#[test]
fn xml_error_span_at_a_multibyte_character_covers_the_whole_character() {
    let report = inspect("<a/>é", &ctx());
    let finding = report
        .findings
        .iter()
        .find(|f| f.name() == "xml-malformed")
        .expect("xml-malformed");
    let span = finding.span.expect("a span");
    assert!(fits(report.text(), span), "{span:?}");
    assert_eq!(span.slice(report.text()), "é");

    let error = xml::parse("é".to_owned()).expect_err("not XML");
    assert!(fits(&error.text, error.span), "{:?}", error.span);
}

// fuzz target xml_parse: the span of a name over the length limit was 64 bytes from its start,
// past the end of a shorter text.
#[test]
fn xml_error_span_of_a_name_over_the_limit_stays_inside_the_text() {
    let limits = Limits {
        max_name_bytes: 2,
        ..Limits::default()
    };
    let error = xml::parse_with("<abcé/>".to_owned(), limits).expect_err("name over the limit");
    assert!(fits(&error.text, error.span), "{:?}", error.span);
}

// fuzz target xml_parse (and c14n): quick-xml reports the error of `--` inside a comment at a
// byte inside the next character; slicing the text there panicked (`<!---é--->` pasted into
// the CLI or the page).
#[test]
fn comment_with_double_dash_before_a_multibyte_character_does_not_panic() {
    for input in ["<!---é--->", "<a><!--x--本--></a>", "<a/><!--😀--->"] {
        let report = inspect(input, &ctx());
        let finding = report
            .findings
            .iter()
            .find(|f| f.name() == "xml-malformed")
            .expect("xml-malformed");
        let span = finding.span.expect("a span");
        assert!(fits(report.text(), span), "{input}: {span:?}");
    }
}

// fuzz target xml_parse: quick-xml drops a leading byte order mark without counting it, so
// every span of such a document was 3 bytes early, and `\u{feff}<?xml …?>` panicked (a span
// ending inside the BOM was sliced).
#[test]
fn document_starting_with_a_byte_order_mark_has_its_spans_right() {
    for text in [
        "\u{feff}<?xml version=\"1.0\"?><a>x</a>",
        "\u{feff}<a>x</a>",
        "\u{feff}é<?xml version=\"1.0\"?><a/>",
    ] {
        match xml::parse(text.to_owned()) {
            Ok(doc) => {
                let root = doc.span(doc.root());
                assert_eq!(root.slice(doc.text()), "<a>x</a>", "{text}");
                if let Some(declaration) = doc.declaration() {
                    assert_eq!(declaration.slice(doc.text()), "<?xml version=\"1.0\"?>");
                }
            }
            Err(error) => assert!(fits(&error.text, error.span), "{text}: {:?}", error.span),
        }
    }
}

// fuzz target redact: a private-key block whose END line is missing runs to the end of the
// text, so masking it inside an element also masked the end tags after it, and the redacted
// copy was no longer well-formed (nor the same markup). Only character data is masked now.
#[test]
fn private_key_block_without_end_line_in_xml_is_masked_without_touching_the_markup() {
    let body = "MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAMw4hOXpAMD5cg0t";
    let input = format!(
        "<r a=\"-----BEGIN RSA PRIVATE KEY-----\n{body}\"><c>x-----BEGIN PRIVATE KEY-----\n\
         {body}\n</c><!-- {body} --><d b=\"{body}\"/><![CDATA[{body}]]></r>"
    );
    let report = inspect(input.as_bytes(), &ctx());
    let doc = report.document.as_ref().expect("well-formed");
    for (redacted, again) in redacted_copies(&report, body) {
        let names = |d: &xml::Document| {
            d.descendant_elements(d.document_node())
                .map(|e| (e.qname().to_owned(), e.attributes().count()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(doc), names(&again));
        assert_eq!(again.all().count(), doc.all().count(), "{redacted}");
    }
}

// fuzz target redact: a private-key block inside the XML declaration (`<?xml version="…
// -----BEGIN OPENSSH PRIVATE KEY----- … ?>`, which the parser accepts) stayed in the redacted
// copy: the declaration is no node of the tree, so its text was never looked at.
#[test]
fn private_key_block_inside_the_xml_declaration_is_masked() {
    use samlscope_core::redact::share_refusal;
    let body = "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABCF";
    let input = format!(
        "<?xml version=\"1.0\" x=\"-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n\
         -----END OPENSSH PRIVATE KEY-----\"?>\n<r>text</r>"
    );
    // Also after a byte order mark or white space (the declaration is then not at byte 0).
    for input in [
        input.clone(),
        format!("\u{feff}{input}"),
        format!("\n  {input}"),
    ] {
        let report = inspect(input.as_bytes(), &ctx());
        assert!(report.document.is_some(), "{:?}", report.findings);
        assert!(share_refusal(&report).is_some());
        redacted_copies(&report, body);
    }
}

// fuzz target c14n: `xmlns:=""` (an empty prefix) was read as a second default namespace
// declaration, and the canonical form of `<a xmlns="u:" xmlns:="">` carried `xmlns` twice
// (not well-formed). Namespaces in XML makes `xmlns:` no qualified name: it is refused.
#[test]
fn namespace_declaration_with_an_empty_prefix_is_malformed() {
    for text in [
        "<a xmlns=\"u:\" xmlns:=\"\"/>",
        "<a xmlns:=\"urn:x\"/>",
        "<a xmlns:p:q=\"urn:x\"/>",
    ] {
        let error = xml::parse(text.to_owned()).expect_err(text);
        assert_eq!(error.kind, xml::XmlErrorKind::Malformed, "{text}");
        let report = inspect(text, &ctx());
        assert!(
            report.findings.iter().any(|f| f.name() == "xml-malformed"),
            "{text}"
        );
    }
}

// fuzz target redact (long run): a private-key block inside a namespace declaration's value
// (`xmlns:samlp="urn:…-----BEGIN OPENSSH PRIVATE KEY----- …"`) stayed in the redacted copy:
// declarations are no attributes of the tree, and only attribute values were looked at.
#[test]
fn private_key_block_inside_a_namespace_declaration_is_masked() {
    use samlscope_core::redact::share_refusal;
    let body = "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABCF";
    let key =
        format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----\n");
    const SAMLP: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
    for input in [
        format!("<samlp:Response a=\"1\" xmlns:samlp=\"{SAMLP}{key}\" b='2'><x/></samlp:Response>"),
        format!(
            "<samlp:Response a=\"1\" xmlns='urn:x{key}' xmlns:samlp=\"{SAMLP}\" b='2'><x/></samlp:Response>"
        ),
    ] {
        let report = inspect(input.as_bytes(), &ctx());
        assert!(report.document.is_some(), "{input}: {:?}", report.findings);
        assert!(share_refusal(&report).is_some());
        for (redacted, again) in redacted_copies(&report, body) {
            let root = again.element(again.root()).expect("a root element");
            assert_eq!(root.attributes().count(), 2, "{redacted}");
        }
    }
}

// fuzz target keys (long run): a DSA key whose y is wider than p (264 bytes against a 128-byte
// p, or the same value with leading zero bytes) reached the modular arithmetic at another
// precision than p's: crypto-bigint asserts they agree, and the CLI panicked. y and g are now
// read at p's width, and one that is not less than p is a malformed key.
#[test]
fn dsa_key_with_y_wider_than_p_is_malformed_not_a_panic() {
    use samlscope_core::dsig::crypto::dsa_spki_from_components;
    let p = [0xff_u8; 128]; // 1024 bits, odd
    let q = [0xff_u8; 20]; // 160 bits
    let g = [2_u8];
    let mut y_leading_zeros = vec![0_u8; 136];
    y_leading_zeros.extend([5_u8; 128]);
    for (y, says) in [
        (vec![1_u8; 264], "y is not less than p"),
        (p.to_vec(), "y is not less than p"),
        (y_leading_zeros, "y is not in the subgroup"),
    ] {
        let built = dsa_spki_from_components(&p, &q, &g, &y);
        let error = built.expect_err("no usable DSA key").to_string();
        assert!(error.contains(says), "{error}");
    }
}

// fuzz target redact (long run): a private-key block without END marker runs to the end of the
// text, and is masked wherever it lies in character data — namespace names too. Two of them
// got the same placeholder, so `z:x` and `a:x` became one attribute written twice and the
// redacted copy was not well-formed. Each masked namespace name gets its own placeholder.
#[test]
fn namespace_names_masked_as_a_private_key_stay_distinct() {
    let input = "<r>-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w</r>\
                 <!-- no END marker: the key runs to the end -->\
                 <e xmlns:z=\"urn:a\" xmlns:a=\"urn:z\" z:x=\"3\" a:x=\"4\"/>\
                 <f xmlns:xml=\"http://www.w3.org/XML/1998/namespace\" xml:lang=\"en\"/>";
    let input = format!("<doc>{input}</doc>");
    let report = inspect(input.as_bytes(), &ctx());
    assert!(report.document.is_some(), "{:?}", report.findings);
    for (redacted, _) in redacted_copies(&report, "MIIFHDBO") {
        assert!(!redacted.contains("urn:a"), "{redacted}");
    }
}

// A private-key block that starts in the XML declaration or the DOCTYPE and has no END marker
// runs past their closing quote or bracket: masking it as it lies would take their markup with
// it. The whole of such a declaration or DOCTYPE is masked instead, which keeps both readable.
#[test]
fn a_private_key_running_out_of_the_declaration_or_doctype_keeps_them_well_formed() {
    let body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
    let key = format!("-----BEGIN PRIVATE KEY-----\n{body}");
    for input in [
        format!("<?xml version=\"1.0\" x=\"{key}\"?>\n<r>x</r>"),
        format!("<!DOCTYPE r [<!ENTITY a \"{key}\">]>\n<r>x</r>"),
        format!("<!DOCTYPE r SYSTEM \"{key}\">\n<r>x</r>"),
        format!("<!DOCTYPE r [<!-- {key} -->]>\n<r>x</r>"),
        format!("<?xml version=\"1.0\" x=\"{key}\n-----END PRIVATE KEY-----\"?>\n<r>x</r>"),
    ] {
        let report = inspect(input.as_bytes(), &ctx());
        assert!(report.document.is_some(), "{input}: {:?}", report.findings);
        for (redacted, again) in redacted_copies(&report, body) {
            assert_eq!(
                again.doctype().is_some(),
                input.contains("<!DOCTYPE"),
                "{redacted}"
            );
        }
    }
}
