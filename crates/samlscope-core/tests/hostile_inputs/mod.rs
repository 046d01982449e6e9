//! Generators of hostile inputs, shared by `tests/hostile.rs` (which checks the finding each
//! gives), `examples/hostile.rs` (which measures time and peak memory per input, and how time
//! scales from n to 10n) and `scripts/hostile.sh` (which writes them to files for the CLI).
//!
//! Each shape is made at a size `n` (a count of what it repeats: attributes, nesting levels,
//! Signatures, megabytes …); [`Case::n`] is the size of issue 11's list.
#![allow(dead_code, reason = "each user takes what it needs")]

use std::fmt::Write as _;
use std::io::Write as _;

use base64::Engine as _;
use samlscope_core::algorithms;

/// One hostile input and the rule it must produce.
pub(crate) struct Case {
    /// Short name.
    pub(crate) name: &'static str,
    /// What `n` counts.
    pub(crate) unit: &'static str,
    /// The full size.
    pub(crate) n: usize,
    /// Makes the input at size `n`.
    pub(crate) generate: fn(usize) -> Vec<u8>,
    /// The rule whose finding says what is wrong.
    pub(crate) rule: &'static str,
    /// Words the finding's message must contain (that it says what is wrong).
    pub(crate) says: &'static str,
}

impl Case {
    /// The input at its full size.
    pub(crate) fn full(&self) -> Vec<u8> {
        (self.generate)(self.n)
    }
}

/// Every hostile shape of issue 11, and SAML-specific "many" shapes.
pub(crate) const CASES: &[Case] = &[
    Case {
        name: "billion-laughs",
        unit: "entity levels",
        n: 100,
        generate: billion_laughs,
        rule: "xml-doctype",
        says: "DOCTYPE",
    },
    Case {
        name: "external-entity",
        unit: "entities",
        n: 10_000,
        generate: external_entity,
        rule: "xml-doctype",
        says: "DOCTYPE",
    },
    Case {
        name: "nested",
        unit: "levels",
        n: 200_000,
        generate: nested,
        rule: "xml-limit-exceeded",
        says: "nested deeper",
    },
    Case {
        name: "attributes",
        unit: "attributes",
        n: 200_000,
        generate: attributes,
        rule: "xml-limit-exceeded",
        says: "attributes",
    },
    Case {
        name: "namespaces",
        unit: "declarations",
        n: 200_000,
        generate: namespaces,
        rule: "xml-limit-exceeded",
        says: "attributes",
    },
    Case {
        name: "namespaces-distinct",
        unit: "namespace names",
        n: 200_000,
        generate: namespaces_distinct,
        rule: "xml-limit-exceeded",
        says: "namespace names",
    },
    Case {
        name: "namespaces-spread",
        unit: "declarations",
        n: 200_000,
        generate: namespaces_spread,
        rule: "signature-digest-mismatch",
        says: "digest",
    },
    Case {
        name: "long-name",
        unit: "characters",
        n: 100_000,
        generate: long_name,
        rule: "xml-limit-exceeded",
        says: "name",
    },
    Case {
        name: "attribute-50mb",
        unit: "MB",
        n: 50,
        generate: attribute_mb,
        rule: "xml-limit-exceeded",
        says: "MB long",
    },
    Case {
        name: "signatures",
        unit: "Signatures",
        n: 20_000,
        generate: signatures,
        rule: "signature-structure-suspicious",
        says: "Signature",
    },
    Case {
        name: "references",
        unit: "References",
        n: 20_000,
        generate: references,
        rule: "signature-structure-suspicious",
        says: "Reference",
    },
    Case {
        name: "same-id",
        unit: "elements",
        n: 20_000,
        generate: same_id,
        rule: "id-duplicate",
        says: "_dup",
    },
    Case {
        name: "deflate-bomb",
        unit: "MB inflated",
        n: 400,
        generate: deflate_bomb,
        rule: "input-limit-exceeded",
        says: "MB",
    },
    Case {
        name: "deflate-bomb-nested",
        unit: "MB inflated",
        n: 400,
        generate: deflate_bomb_nested,
        rule: "input-limit-exceeded",
        says: "MB",
    },
    Case {
        name: "random",
        unit: "MB",
        n: 64,
        generate: random_mb,
        rule: "input-undecodable",
        says: "UTF-8",
    },
    Case {
        name: "invalid-utf8",
        unit: "KB",
        n: 1_000,
        generate: invalid_utf8,
        rule: "input-undecodable",
        says: "UTF-8",
    },
    Case {
        name: "utf16",
        unit: "Attributes",
        n: 1_000,
        generate: utf16_response,
        rule: "status-not-success",
        says: "AADSTS50105",
    },
    Case {
        name: "truncated-base64",
        unit: "KB",
        n: 1_000,
        generate: truncated_base64,
        rule: "input-undecodable",
        says: "base64",
    },
    Case {
        name: "har-entries",
        unit: "entries",
        n: 100_000,
        generate: har_entries,
        rule: "input-limit-exceeded",
        says: "SAML messages",
    },
    Case {
        name: "har-json-bomb",
        unit: "levels",
        n: 100_000,
        generate: har_json_bomb,
        rule: "input-undecodable",
        says: "HAR",
    },
    Case {
        name: "assertions",
        unit: "Assertions",
        n: 20_000,
        generate: assertions,
        rule: "assertion-count",
        says: "20000",
    },
    Case {
        name: "attribute-values",
        unit: "AttributeValues",
        n: 200_000,
        generate: attribute_values,
        rule: "signature-digest-mismatch",
        says: "digest",
    },
    Case {
        name: "attributes-same-name",
        unit: "Attributes",
        n: 20_000,
        generate: attributes_same_name,
        rule: "attribute-duplicate",
        says: "Attribute",
    },
    Case {
        name: "attribute-statements",
        unit: "AttributeStatements",
        n: 20_000,
        generate: attribute_statements,
        rule: "signature-digest-mismatch",
        says: "digest",
    },
    Case {
        name: "audiences",
        unit: "Audiences",
        n: 200_000,
        generate: audiences,
        rule: "signature-digest-mismatch",
        says: "digest",
    },
    Case {
        name: "entity-descriptors",
        unit: "EntityDescriptors",
        n: 20_000,
        generate: entity_descriptors,
        rule: "metadata-no-signing-key",
        says: "signing",
    },
    Case {
        name: "certificates",
        unit: "X509Certificates",
        n: 20_000,
        generate: certificates,
        rule: "signature-structure-suspicious",
        says: "X509Certificate",
    },
    Case {
        name: "transforms",
        unit: "Transforms",
        n: 20_000,
        generate: transforms,
        rule: "signature-structure-suspicious",
        says: "Transforms",
    },
    Case {
        name: "prefix-list",
        unit: "prefixes",
        n: 200_000,
        generate: prefix_list,
        rule: "signature-digest-mismatch",
        says: "digest",
    },
    Case {
        name: "deep-signed",
        unit: "250-deep chains",
        n: 1_000,
        generate: deep_signed,
        rule: "signature-digest-mismatch",
        says: "digest",
    },
    Case {
        name: "comments-in-values",
        unit: "AttributeValues",
        n: 20_000,
        generate: comments_in_values,
        rule: "xml-comment-in-value",
        says: "comment",
    },
    Case {
        name: "pem-blocks",
        unit: "PEM blocks",
        n: 20_000,
        generate: pem_blocks,
        rule: "input-limit-exceeded",
        says: "PEM",
    },
    Case {
        name: "query-parameters",
        unit: "parameters",
        n: 200_000,
        generate: query_parameters,
        rule: "status-not-success",
        says: "AADSTS50105",
    },
    Case {
        name: "percent-encoded",
        unit: "rounds",
        n: 200,
        generate: percent_encoded,
        rule: "input-limit-exceeded",
        says: "layers",
    },
];

/// The project's signed Entra response (its signature holds).
pub(crate) const ENTRA_RESPONSE: &str =
    include_str!("../../../../static/examples/entra-response.xml");

/// An error Response from Entra (AADSTS50105).
pub(crate) const ERROR_RESPONSE: &str =
    include_str!("../../../../static/examples/error-response-aadsts50105.xml");

/// The signing certificate of the example responses, as base64 DER.
fn cert_base64() -> String {
    include_str!("../../../../static/examples/keys/TEST-ONLY-signing-cert.pem")
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Where content goes to be inside the signed assertion: after its Signature.
const INSIDE_ASSERTION: &str = "</Signature>";

/// The Entra response with `what` inserted right after `after` (first occurrence).
fn entra_with(after: &str, what: &str) -> Vec<u8> {
    let at = ENTRA_RESPONSE.find(after).expect("anchor") + after.len();
    let mut s = String::with_capacity(ENTRA_RESPONSE.len() + what.len());
    s.push_str(&ENTRA_RESPONSE[..at]);
    s.push_str(what);
    s.push_str(&ENTRA_RESPONSE[at..]);
    s.into_bytes()
}

/// A billion-laughs DTD of `n` levels of ten-fold entity expansion (10^n `lol`s if expanded).
pub(crate) fn billion_laughs(n: usize) -> Vec<u8> {
    let mut s =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 \"lol\">\n");
    for i in 1..n {
        let _ = writeln!(
            s,
            " <!ENTITY lol{i} \"{}\">",
            format!("&lol{};", i - 1).repeat(10)
        );
    }
    let _ = write!(s, "]>\n<lolz>&lol{};</lolz>\n", n.saturating_sub(1));
    s.into_bytes()
}

/// `n` external entities (`SYSTEM "file:///etc/passwd"` …), the first used in the content.
pub(crate) fn external_entity(n: usize) -> Vec<u8> {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE samlp:Response [\n");
    for i in 0..n {
        let _ = writeln!(s, " <!ENTITY xxe{i} SYSTEM \"file:///etc/passwd?{i}\">");
    }
    s.push_str("]>\n<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\" IssueInstant=\"2026-11-23T00:00:00Z\"><x>&xxe0;</x></samlp:Response>\n");
    s.into_bytes()
}

/// `n` nested elements.
pub(crate) fn nested(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 7);
    s.push_str(&"<a>".repeat(n));
    s.push_str(&"</a>".repeat(n));
    s.into_bytes()
}

/// One element with `n` short attributes (200,000 ≈ 2 MB).
pub(crate) fn attributes(n: usize) -> Vec<u8> {
    let mut s =
        String::from("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"");
    for i in 0..n {
        let _ = write!(s, " a{i}=\"v\"");
    }
    s.push_str("/>");
    s.into_bytes()
}

/// One element with `n` namespace declarations.
pub(crate) fn namespaces(n: usize) -> Vec<u8> {
    let mut s =
        String::from("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"");
    for i in 0..n {
        let _ = write!(s, " xmlns:p{i}=\"urn:x:{i}\"");
    }
    s.push_str("/>");
    s.into_bytes()
}

/// `n` elements, each declaring a namespace name of its own.
pub(crate) fn namespaces_distinct(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 40 + 100);
    s.push_str("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">");
    for i in 0..n {
        let _ = write!(s, "<p:x xmlns:p=\"urn:x:{i}\"/>");
    }
    s.push_str("</samlp:Response>");
    s.into_bytes()
}

/// `n` elements inside the signed assertion, each declaring a prefix of its own (for one of
/// 100 namespace names; canonicalised one by one), plus 100 declarations on the root that
/// every element has in scope.
pub(crate) fn namespaces_spread(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 40);
    for i in 0..n {
        let _ = write!(s, "<p{i}:x xmlns:p{i}=\"urn:x:{}\"/>", i % 100);
    }
    let root_decls: String = (0..100)
        .map(|i| format!(" xmlns:r{i}=\"urn:r:{i}\""))
        .collect();
    let with_elements = String::from_utf8(entra_with(
        INSIDE_ASSERTION,
        &format!("<Advice>{s}</Advice>"),
    ))
    .expect("utf-8");
    with_elements
        .replacen(
            "<samlp:Response ",
            &format!("<samlp:Response{root_decls} "),
            1,
        )
        .into_bytes()
}

/// An element whose name is `n` characters long.
pub(crate) fn long_name(n: usize) -> Vec<u8> {
    let name = "a".repeat(n);
    format!("<{name} ID=\"_r\"></{name}>").into_bytes()
}

/// A Response whose one attribute value is `n` MB long.
pub(crate) fn attribute_mb(n: usize) -> Vec<u8> {
    let mut s = String::from(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\" Destination=\"",
    );
    s.push_str(&"A".repeat(n << 20));
    s.push_str("\"/>");
    s.into_bytes()
}

/// The signed assertion's Signature element, as written.
fn entra_signature() -> &'static str {
    let start = ENTRA_RESPONSE.find("<Signature ").expect("signature");
    let end = ENTRA_RESPONSE.find("</Signature>").expect("signature end") + "</Signature>".len();
    &ENTRA_RESPONSE[start..end]
}

/// `n` copies of the assertion's Signature, each covering the whole assertion (with all the
/// other copies in it).
pub(crate) fn signatures(n: usize) -> Vec<u8> {
    let sig = entra_signature();
    let mut more = String::with_capacity(n * sig.len());
    for _ in 1..n {
        more.push_str(sig);
    }
    entra_with("</Signature>", &more)
}

/// One SignedInfo with `n` References, each to the whole document (`URI=""`).
pub(crate) fn references(n: usize) -> Vec<u8> {
    let reference = format!(
        "<Reference URI=\"\"><Transforms><Transform Algorithm=\"{}\"/></Transforms><DigestMethod Algorithm=\"{}\"/><DigestValue>AAAA</DigestValue></Reference>",
        algorithms::ENVELOPED_SIGNATURE,
        algorithms::SHA256
    );
    let mut more = String::with_capacity(n * reference.len());
    for _ in 1..n {
        more.push_str(&reference);
    }
    entra_with("</Reference>", &more)
}

/// `n` elements (one per line) carrying the same ID as the assertion's Advice.
pub(crate) fn same_id(n: usize) -> Vec<u8> {
    let mut more = String::from("<Advice>");
    for _ in 0..n {
        more.push_str(
            "\n<Assertion ID=\"_dup\" Version=\"2.0\" IssueInstant=\"2026-11-23T16:57:43.307Z\"/>",
        );
    }
    more.push_str("</Advice>");
    entra_with(INSIDE_ASSERTION, &more)
}

/// base64 of a raw DEFLATE stream that expands to `n` MB (as a Redirect-binding value).
pub(crate) fn deflate_bomb(n: usize) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    let _ = encoder.write_all(b"<samlp:AuthnRequest");
    for _ in 0..n {
        let _ = encoder.write_all(&chunk);
    }
    let compressed = encoder.finish().unwrap_or_default();
    b64(&compressed).into_bytes()
}

/// base64 of DEFLATE of base64 of DEFLATE of `n` MB.
pub(crate) fn deflate_bomb_nested(n: usize) -> Vec<u8> {
    let inner = deflate_bomb(n);
    b64(&deflate(&inner)).into_bytes()
}

/// `n` MB of deterministic pseudo-random bytes.
pub(crate) fn random_mb(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = Vec::with_capacity(n << 20);
    while out.len() < n << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

/// Well-formed XML of about `n` KB except for one byte that is not UTF-8, at the end.
pub(crate) fn invalid_utf8(n: usize) -> Vec<u8> {
    let mut v = b"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\">".to_vec();
    for _ in 0..n {
        v.extend_from_slice(&[b' '; 1023]);
        v.push(b'\n');
    }
    v.extend_from_slice(b"<x>caf");
    v.push(0xE9); // Latin-1 e-acute, invalid as UTF-8
    v.extend_from_slice(b"</x></samlp:Response>");
    v
}

/// An error Response with `n` Attributes of an extra statement, as UTF-16LE with a BOM (as
/// Windows tools save it).
pub(crate) fn utf16_response(n: usize) -> Vec<u8> {
    let mut extra = String::new();
    for i in 0..n {
        let _ = write!(
            extra,
            "<samlp:Extensions><x>value {i} — café</x></samlp:Extensions>"
        );
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\"><saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">https://sts.windows.net/00000000-1111-2222-3333-444444444444/</saml:Issuer>{extra}<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\"/><samlp:StatusMessage>AADSTS50105: not assigned — café</samlp:StatusMessage></samlp:Status></samlp:Response>"
    );
    let mut v = vec![0xFF, 0xFE];
    for unit in xml.encode_utf16() {
        v.extend_from_slice(&unit.to_le_bytes());
    }
    v
}

/// base64 of a Response padded to about `n` KB, cut off mid-quantum (as a log line limit does).
pub(crate) fn truncated_base64(n: usize) -> Vec<u8> {
    let padding = " ".repeat(n * 1024);
    let xml = ERROR_RESPONSE.replacen("><", &format!(">{padding}<"), 1);
    let mut text = b64(xml.as_bytes());
    text.truncate((text.len() / 2) | 1);
    text.into_bytes()
}

/// A small AuthnRequest in the Redirect binding, ID `_req{i}`.
fn redirect_url(i: usize) -> String {
    let xml = format!(
        "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_req{i}\" Version=\"2.0\" IssueInstant=\"2026-11-23T16:57:41Z\" AssertionConsumerServiceURL=\"https://sp.example/acs\"><saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">https://sp.example</saml:Issuer></samlp:AuthnRequest>"
    );
    let value: String = b64(&deflate(xml.as_bytes()))
        .chars()
        .map(|c| match c {
            '+' => "%2B".to_owned(),
            '/' => "%2F".to_owned(),
            '=' => "%3D".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!("https://idp.example/sso?SAMLRequest={value}")
}

/// A HAR of `n` entries: AuthnRequests in the Redirect binding, every tenth a Response posted
/// back answering the request before it (every entry a SAML message).
pub(crate) fn har_entries(n: usize) -> Vec<u8> {
    let mut s = String::from("{\"log\":{\"version\":\"1.2\",\"entries\":[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        if i % 10 == 9 {
            let response = format!(
                "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_resp{i}\" Version=\"2.0\" IssueInstant=\"2026-11-23T16:57:42Z\" InResponseTo=\"_req{}\"><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\"/></samlp:Status></samlp:Response>",
                i - 1
            );
            let value = b64(response.as_bytes())
                .replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D");
            let _ = write!(
                s,
                "{{\"startedDateTime\":\"2026-11-23T16:57:42.000Z\",\"request\":{{\"method\":\"POST\",\"url\":\"https://sp.example/acs\",\"postData\":{{\"mimeType\":\"application/x-www-form-urlencoded\",\"text\":\"SAMLResponse={value}\"}}}}}}"
            );
        } else {
            let _ = write!(
                s,
                "{{\"startedDateTime\":\"2026-11-23T16:57:41.000Z\",\"request\":{{\"method\":\"GET\",\"url\":\"{}\"}}}}",
                redirect_url(i)
            );
        }
    }
    s.push_str("]}}");
    s.into_bytes()
}

/// A HAR whose `log` is an array nested `n` deep.
pub(crate) fn har_json_bomb(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(2 * n + 16);
    s.push_str("{\"log\":");
    s.push_str(&"[".repeat(n));
    s.push_str(&"]".repeat(n));
    s.push('}');
    s.into_bytes()
}

/// The Entra response with `n` assertions: its signed one, then `n - 1` small unsigned ones
/// (each read by the model and checked by the rules one by one).
pub(crate) fn assertions(n: usize) -> Vec<u8> {
    let mut more = String::with_capacity(n * 700);
    for i in 1..n {
        let _ = write!(
            more,
            "<Assertion xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a{i}\" IssueInstant=\"2026-11-23T16:57:43Z\" Version=\"2.0\"><Issuer>https://sts.windows.net/7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38/</Issuer><Subject><NameID>user{i}@contoso.com</NameID><SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><SubjectConfirmationData NotOnOrAfter=\"2026-11-23T17:02:43Z\" Recipient=\"https://contoso.timetrackenterprise.com/api/v2/azure/callback\"/></SubjectConfirmation></Subject><Conditions NotBefore=\"2026-11-23T16:57:43Z\" NotOnOrAfter=\"2026-11-23T18:07:43Z\"><AudienceRestriction><Audience>https://contoso.timetrackenterprise.com</Audience></AudienceRestriction></Conditions><AuthnStatement AuthnInstant=\"2026-11-23T16:57:42Z\"><AuthnContext><AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</AuthnContextClassRef></AuthnContext></AuthnStatement></Assertion>"
        );
    }
    entra_with("</Assertion>", &more)
}

/// One Attribute with `n` AttributeValues (group claims), inside the signed assertion.
pub(crate) fn attribute_values(n: usize) -> Vec<u8> {
    let mut s = String::from(
        "<Attribute Name=\"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups\">",
    );
    for i in 0..n {
        let _ = write!(s, "<AttributeValue>{i:08x}</AttributeValue>");
    }
    s.push_str("</Attribute>");
    entra_with("<AttributeStatement>", &s)
}

/// `n` Attributes all named `groups`.
pub(crate) fn attributes_same_name(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(
            s,
            "<Attribute Name=\"groups\"><AttributeValue>{i}</AttributeValue></Attribute>"
        );
    }
    entra_with("<AttributeStatement>", &s)
}

/// `n` AttributeStatements of one distinct Attribute each.
pub(crate) fn attribute_statements(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(
            s,
            "<AttributeStatement><Attribute Name=\"claim{i}\"><AttributeValue>{i}</AttributeValue></Attribute></AttributeStatement>"
        );
    }
    entra_with("</Conditions>", &s)
}

/// `n` Audiences.
pub(crate) fn audiences(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(s, "<Audience>https://sp{i}.example</Audience>");
    }
    entra_with("<AudienceRestriction>", &s)
}

/// An EntitiesDescriptor of `n` SP entities without keys.
pub(crate) fn entity_descriptors(n: usize) -> Vec<u8> {
    let mut s = String::from(
        "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" Name=\"https://federation.example\">",
    );
    for i in 0..n {
        let _ = write!(
            s,
            "<md:EntityDescriptor entityID=\"https://idp{i}.example\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"><md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp{i}.example/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>"
        );
    }
    s.push_str("</md:EntitiesDescriptor>");
    s.into_bytes()
}

/// One KeyInfo with `n` X509Certificates (the real one, each with a different last byte).
pub(crate) fn certificates(n: usize) -> Vec<u8> {
    let cert = cert_base64();
    let mut s = String::new();
    for _ in 1..n {
        let _ = write!(s, "<X509Certificate>{cert}</X509Certificate>");
    }
    entra_with("<X509Data>", &s)
}

/// One Reference with `n` Transforms.
pub(crate) fn transforms(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for _ in 0..n {
        let _ = write!(s, "<Transform Algorithm=\"{}\"/>", algorithms::EXC_C14N);
    }
    entra_with("<Transforms>", &s)
}

/// An exclusive-C14N InclusiveNamespaces PrefixList of `n` prefixes on the Reference's
/// transform, with 1,000 elements in the signed assertion.
pub(crate) fn prefix_list(n: usize) -> Vec<u8> {
    let list: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let text = String::from_utf8(entra_with(
        INSIDE_ASSERTION,
        &"<Advice><x/></Advice>".repeat(1_000),
    ))
    .expect("utf-8");
    let exc = algorithms::EXC_C14N;
    text.replacen(
        &format!("<Transform Algorithm=\"{exc}\"/>"),
        &format!(
            "<Transform Algorithm=\"{exc}\"><InclusiveNamespaces xmlns=\"{exc}\" PrefixList=\"{}\"/></Transform>",
            list.join(" ")
        ),
        1,
    )
    .into_bytes()
}

/// `n` chains of 250 nested elements inside the signed assertion (canonicalised depth first).
pub(crate) fn deep_signed(n: usize) -> Vec<u8> {
    let chain = format!("{}{}", "<d>".repeat(250), "</d>".repeat(250));
    entra_with(
        INSIDE_ASSERTION,
        &format!("<Advice>{}</Advice>", chain.repeat(n)),
    )
}

/// `n` AttributeValues each split by a comment (`user@evil.com<!---->.example`), one per line.
pub(crate) fn comments_in_values(n: usize) -> Vec<u8> {
    let mut s = String::from("<Attribute Name=\"mail\">");
    for i in 0..n {
        let _ = write!(
            s,
            "\n<AttributeValue>user{i}@evil.com<!---->.example</AttributeValue>"
        );
    }
    s.push_str("</Attribute>");
    entra_with("<AttributeStatement>", &s)
}

/// `n` PEM certificate blocks.
pub(crate) fn pem_blocks(n: usize) -> Vec<u8> {
    let pem = include_str!("../../../../static/examples/keys/TEST-ONLY-signing-cert.pem");
    pem.repeat(n).into_bytes()
}

/// A Redirect URL with `n` other query parameters before the SAMLResponse.
pub(crate) fn query_parameters(n: usize) -> Vec<u8> {
    let mut s = String::from("https://sp.example/acs?");
    for i in 0..n {
        let _ = write!(s, "p{i}=v&");
    }
    let value = b64(&deflate(ERROR_RESPONSE.as_bytes()))
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    s.push_str("SAMLResponse=");
    s.push_str(&value);
    s.into_bytes()
}

/// A SAMLResponse parameter percent-encoded `n` times over (`%` → `%25` each round).
pub(crate) fn percent_encoded(n: usize) -> Vec<u8> {
    let mut value = b64(ERROR_RESPONSE.as_bytes()).replace('+', "%2B");
    for _ in 1..n {
        value = value.replace('%', "%25");
    }
    format!("SAMLResponse={value}").into_bytes()
}

/// What the core says about `input`: the findings of `inspect`, or for a HAR file those of
/// its messages and of the capture itself (read as the CLI reads it).
pub(crate) fn findings(
    input: &[u8],
    ctx: &samlscope_core::Context,
) -> Vec<samlscope_core::Finding> {
    use samlscope_core::har;
    if !har::is_har(input) {
        return samlscope_core::inspect(input, ctx).findings;
    }
    match har::inspect_har(input, ctx) {
        Ok(capture) => capture
            .flow
            .into_iter()
            .map(|(_, f)| f)
            .chain(capture.messages.into_iter().flat_map(|(_, r)| r.findings))
            .collect(),
        Err(reason) => vec![har::unreadable(&reason)],
    }
}
