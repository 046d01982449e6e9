//! The Signatures & certificates view: for each XML signature what it covers, its algorithms,
//! the verdict and why, the key it was checked with, and its canonical bytes on demand; the
//! HTTP-Redirect signature; then every certificate and key with its validity and thumbprints.
//! Everything comes from the Report (`signatures`, `decrypted`, `redirect_signature`,
//! `summary.certificates`, `keys`). Written as [`Markup`] (it only shows the Report), except
//! the "Show canonical bytes" disclosure, a component that computes the bytes once opened.

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::algorithms::short_name;
use samlscope_core::cert::{CertificateInfo, KeyMaterial, PrivateKeyInfo, PublicKeyInfo, Validity};
use samlscope_core::dsig::{
    Coverage, Failure, KeySource, KeyUsed, RedirectSignature, SignatureReport, Verdict,
    canonical_reference, canonical_signed_info,
};
use samlscope_core::time::relative;
use samlscope_core::xml::Document;
use samlscope_core::{Report, Timestamp};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::summary_view::SECRET_NOTE;
use crate::components::{markup_html, static_html};
use crate::copy;
use crate::format::byte_size;
use crate::markup::Markup;
use crate::markup::parts::{
    breakable, line_mark, more_note, row_end, row_start, text_row, time_row, value_row,
    verdict_badge,
};
use crate::state::Inspection;

/// Most canonical bytes shown in the page (Copy still copies them all).
const MAX_SHOWN_BYTES: usize = 256 * 1024;

/// Most signature cards shown (the rest are counted).
const MAX_SIGNATURE_CARDS: usize = 20;

/// Constant markup.
const NOT_CANONICALISED: &str = r#"<p class="note">Not available: this part could not be canonicalised (unresolved reference or unknown algorithm).</p>"#;
const CANONICAL_SUMMARY: &str = r#"<summary class="c14n-summary">Show canonical bytes<span class="c14n-hint"> · the exact bytes that were hashed and signed</span></summary>"#;
const SIGNED_OCTETS_SUMMARY: &str = r#"<summary class="c14n-summary">Show signed octets<span class="c14n-hint"> · the query bytes the signature covers</span></summary>"#;
const THUMBPRINT_NOTE: &str = r#"<p class="note">Entra shows the SHA-1 thumbprint (upper-case hex, no separators) on its SAML Certificates card; Configure → Thumbprint takes either.</p>"#;

/// Props of [`SignaturesView`].
#[derive(Properties, PartialEq)]
pub struct SignaturesViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// An algorithm URI shown by its short name (the core's table of algorithms), the full URI
/// below.
fn algorithm_value(m: &mut Markup, uri: &str) {
    let short = short_name(uri);
    m.wrap(
        "<span class=\"value\"><span class=\"uri-tail\">",
        short,
        "</span>",
    );
    if short != uri {
        m.tag("<span class=\"value-full\">");
        breakable(m, uri);
        m.tag("</span>");
    }
    m.tag("</span>");
}

/// A row whose value is an algorithm URI (see [`algorithm_value`]).
fn algorithm_row(m: &mut Markup, label: &str, uri: &str) {
    row_start(m, label);
    algorithm_value(m, uri);
    row_end(m);
}

/// `<pre class="c14n-pre" tabindex="0" aria-label="…">text</pre>`. The parser drops a newline
/// right after `<pre>`, so one is written there: a newline that starts `text` stays.
fn pre(m: &mut Markup, label: &str, text: &str) {
    m.wrap(
        "<pre class=\"c14n-pre\" tabindex=\"0\" aria-label=\"",
        label,
        "\">\n",
    );
    m.text(text).tag("</pre>");
}

/// What the verdict means, in a sentence.
const fn verdict_meaning(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Valid => {
            "Verifies with a trusted key (the configured thumbprint, certificate or IdP metadata)."
        }
        Verdict::ValidUntrusted => {
            "Verifies with the certificate the message carries. No trusted certificate is configured, so this proves the bytes were not changed since they were signed, not who signed them: set the IdP's thumbprint or certificate in Configure."
        }
        Verdict::Untrusted => {
            "Verifies, but with a key that is none of the configured ones: the IdP rolled its certificate over and the SP was not updated, or the message was signed by someone else."
        }
        Verdict::Invalid => {
            "Does not verify: the signed bytes or the SignatureValue were changed, or the wrong key was used."
        }
        Verdict::Unsupported => "Cannot be checked here.",
    }
}

/// `text` with its first letter in upper case, ending with a full stop. (The texts are the
/// core's own English sentences: ASCII case suffices.)
fn sentence(text: &str) -> String {
    let mut out = text.trim().to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The failure, with its evidence.
fn failure_detail(m: &mut Markup, failure: &Failure) {
    match failure {
        Failure::DigestMismatch {
            index,
            expected,
            actual,
            reformatted,
            signed_info_valid,
        } => {
            let why = sentence(&format!("{} (reference {})", failure.describe(), index + 1));
            m.wrap("<div class=\"sig-why\"><p>", &why, "</p>");
            if *reformatted {
                m.tag("<p class=\"sig-hint\">The element was reformatted after signing: with the indentation added since left out, the digest matches. Something between the IdP and here (a proxy, a logger, a copy from a pretty-printing tool) re-indented the XML; use the exact bytes that were posted.</p>");
            } else if *signed_info_valid {
                m.tag("<p class=\"sig-hint\">SignedInfo itself verifies: the signed content changed after it was signed.</p>");
            }
            m.wrap(
                "<dl class=\"digest-pair\"><div><dt>DigestValue</dt><dd class=\"mono\">",
                expected,
                "</dd></div>",
            );
            m.wrap(
                "<div><dt>Computed</dt><dd class=\"mono\">",
                actual,
                "</dd></div></dl></div>",
            );
        }
        other => {
            m.wrap(
                "<p class=\"sig-why\">",
                &sentence(&other.describe()),
                "</p>",
            );
        }
    }
}

/// A row: the key a signature was verified with, where it came from.
fn key_row(m: &mut Markup, key: &KeyUsed) {
    row_start(m, "Verified with");
    m.wrap(
        "<span class=\"value\"><span class=\"key-line\">",
        &key.description,
        "",
    );
    m.tag(match key.source {
        KeySource::Trusted => concat!(
            "<span class=\"tag tag-ok\" data-key-source=\"trusted\">trusted</span></span>",
            "<span class=\"value-full\">from a trusted key (configured)</span>"
        ),
        KeySource::Embedded => concat!(
            "<span class=\"tag tag-info\" data-key-source=\"embedded\">embedded</span></span>",
            "<span class=\"value-full\">from the certificate in the message (KeyInfo)</span>"
        ),
    });
    if let Some(cert) = &key.certificate {
        m.tag("<span class=\"value-full\">");
        let _ = write!(m, "{} · SHA-1 {}", cert.subject, cert.sha1);
        m.tag("</span>");
    }
    m.tag("</span>");
    row_end(m);
}

/// Where the Signature element sits, and whether it is enveloped (the core's
/// [`SignatureReport::is_enveloped`]).
fn placement(doc: &Document, signature: &SignatureReport) -> Option<String> {
    let parent = signature.parent.and_then(|p| doc.element(p))?;
    if signature.parent != signature.target {
        Some(format!("inside the {}", parent.local_name()))
    } else if signature.is_enveloped(doc) {
        Some(format!(
            "inside the {} it signs (enveloped: the signature itself is left out of the digest)",
            parent.local_name()
        ))
    } else {
        Some(format!("inside the {} it signs", parent.local_name()))
    }
}

/// Which signature: one of the message, or one inside a decrypted assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SignatureRef {
    decrypted: Option<usize>,
    index: usize,
}

fn resolve(report: &Report, at: SignatureRef) -> Option<(&Document, &SignatureReport)> {
    match at.decrypted {
        None => Some((report.document.as_ref()?, report.signatures.get(at.index)?)),
        Some(d) => {
            let decrypted = report.decrypted.get(d)?;
            Some((&decrypted.document, decrypted.signatures.get(at.index)?))
        }
    }
}

/// Props of [`CanonicalBytes`].
#[derive(Properties, PartialEq)]
struct CanonicalBytesProps {
    inspection: Rc<Inspection>,
    at: SignatureRef,
}

/// One block of canonical bytes: its title, what it is, the bytes.
struct CanonicalPart {
    title: String,
    what: &'static str,
    bytes: Option<Vec<u8>>,
}

fn canonical_parts(report: &Report, at: SignatureRef) -> Vec<CanonicalPart> {
    let Some((doc, signature)) = resolve(report, at) else {
        return Vec::new();
    };
    let mut parts = vec![CanonicalPart {
        title: "SignedInfo".to_owned(),
        what: "what the SignatureValue signs",
        bytes: canonical_signed_info(doc, signature),
    }];
    for (i, reference) in signature.references.iter().enumerate() {
        let uri = if reference.uri.is_empty() {
            "\"\"".to_owned()
        } else {
            reference.uri.clone()
        };
        parts.push(CanonicalPart {
            title: format!("Reference {} · {uri}", i + 1),
            what: "what the DigestValue is computed over",
            bytes: canonical_reference(doc, signature, i),
        });
    }
    parts
}

/// One block of canonical bytes; `index` 0 is SignedInfo, then the references.
fn canonical_part(m: &mut Markup, part: &CanonicalPart, index: usize) {
    let Some(bytes) = &part.bytes else {
        m.wrap(
            "<div class=\"c14n-part\"><div class=\"c14n-head\"><h4 class=\"c14n-title\">",
            &part.title,
            "</h4></div>",
        );
        m.tag(NOT_CANONICALISED).tag("</div>");
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let shown = if text.len() > MAX_SHOWN_BYTES {
        let mut end = MAX_SHOWN_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Some(&text[..end])
    } else {
        None
    };
    m.tag("<div class=\"c14n-part\" data-c14n=\"");
    if index == 0 {
        m.tag("signed-info");
    } else {
        let _ = write!(m, "reference-{index}");
    }
    m.wrap(
        "\"><div class=\"c14n-head\"><h4 class=\"c14n-title\">",
        &part.title,
        "</h4><span class=\"c14n-size\" data-bytes=\"",
    );
    let _ = write!(m, "{}", bytes.len());
    m.tag("\">");
    let _ = write!(m, "{} bytes", group_digits(bytes.len()));
    m.wrap("<span class=\"c14n-what\"> · ", part.what, "</span></span>");
    copy::button(
        m,
        &text,
        &format!("canonical bytes of {}", part.title),
        "c14n",
    );
    m.tag("</div>");
    pre(
        m,
        &format!("Canonical bytes of {}", part.title),
        shown.unwrap_or(&text),
    );
    if shown.is_some() {
        m.tag("<p class=\"note\">");
        let _ = write!(
            m,
            "Showing the first {} of {}; Copy copies them all.",
            byte_size(MAX_SHOWN_BYTES),
            byte_size(bytes.len())
        );
        m.tag("</p>");
    }
    m.tag("</div>");
}

/// "12 345".
fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// "Show canonical bytes": computed only once the disclosure is opened.
#[component]
fn CanonicalBytes(props: &CanonicalBytesProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            if let Some(element) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                open.set(element.has_attribute("open"));
            }
        })
    };
    let parts = {
        let inspection = props.inspection.clone();
        let at = props.at;
        use_memo((*open, inspection.revision, at), move |(open, _, at)| {
            if *open {
                canonical_parts(&inspection.report, *at)
            } else {
                Vec::new()
            }
        })
    };
    let mut body = Markup::new();
    if *open {
        body.tag("<div class=\"c14n-body\">");
        for (i, part) in parts.iter().enumerate() {
            canonical_part(&mut body, part, i);
        }
        body.tag("</div>");
    }
    html! {
        <details class="c14n" {ontoggle} data-action="canonical-bytes">
            { static_html(CANONICAL_SUMMARY) }
            { markup_html(body) }
        </details>
    }
}

/// Everything of a signature's card but its canonical bytes: the head, the verdict, why it
/// failed, and its fields.
fn signature_card_body(m: &mut Markup, inspection: &Inspection, at: SignatureRef) {
    let Some((doc, signature)) = resolve(&inspection.report, at) else {
        return;
    };
    m.tag("<header class=\"sig-card-head\">");
    verdict_badge(m, signature.verdict);
    m.tag("<h3 class=\"sig-card-title\">");
    // What it covers, as the core says it (`Coverage`).
    match signature.coverage(doc) {
        Coverage::Element { name, .. } => {
            let _ = write!(m, "Signature over the {name}");
        }
        Coverage::WholeDocument => {
            m.tag("Signature over the whole document");
        }
        Coverage::Nothing => {
            m.tag("Signature");
        }
    }
    m.tag("</h3>");
    let lines = (at.decrypted.is_none()).then(|| {
        let (line, _) = inspection.position_of(signature.span.start);
        let target_lines = signature.target.map(|t| {
            let span = doc.span(t);
            (
                inspection.line_of(span.start),
                inspection.line_of(span.end.saturating_sub(1).max(span.start)),
            )
        });
        (line, target_lines)
    });
    if let Some((line, _)) = lines {
        line_mark(m, line);
    }
    if at.decrypted.is_some() {
        m.tag("<span class=\"tag\">inside the decrypted assertion</span>");
    }
    m.tag("</header><p class=\"sig-meaning\" data-view=\"verdict-meaning\">")
        .tag(verdict_meaning(signature.verdict))
        .tag("</p>");
    if let Some(failure) = &signature.failure {
        failure_detail(m, failure);
    }

    m.tag("<dl class=\"fields\">");
    row_start(m, "Covers");
    m.wrap(
        "<span class=\"value-text\" data-covers=\"\">",
        &signature
            .coverage(doc)
            .words(signature.target_id.as_deref()),
        "",
    );
    if let Some((_, Some((first, last)))) = lines {
        m.tag("<span class=\"value-full\">");
        let _ = if first == last {
            write!(m, "line {first} of the decoded XML")
        } else {
            write!(m, "lines {first}–{last} of the decoded XML")
        };
        m.tag("</span>");
    }
    m.tag("</span>");
    row_end(m);
    if let Some(place) = placement(doc, signature) {
        text_row(m, "Position", "value-text", &place);
    }
    for (label, method) in [
        ("Signature method", &signature.signature_method),
        ("Digest", &signature.digest_method),
        ("Canonicalization", &signature.c14n_method),
    ] {
        if let Some(method) = method {
            algorithm_row(m, label, method);
        }
    }
    let transforms = signature
        .references
        .first()
        .map_or(&[][..], |r| r.transforms.as_slice());
    if !transforms.is_empty() {
        row_start(m, "Transforms");
        m.tag("<ol class=\"transforms\" aria-label=\"Transforms, in order\">");
        for transform in transforms {
            m.wrap("<li>", short_name(transform), "</li>");
        }
        m.tag("</ol>");
        row_end(m);
    }
    let references = &signature.references;
    if !references.is_empty() {
        row_start(
            m,
            if references.len() == 1 {
                "Reference"
            } else {
                "References"
            },
        );
        m.tag("<ul class=\"refs\">");
        for (i, r) in references.iter().enumerate() {
            m.wrap(
                "<li class=\"ref\"><span class=\"mono\">",
                if r.uri.is_empty() { "\"\"" } else { &r.uri },
                "</span>",
            );
            m.tag(match r.digest_ok {
                Some(true) => "<span class=\"ref-state ref-ok\">digest matches</span>",
                Some(false) => "<span class=\"ref-state ref-bad\">digest does not match</span>",
                None => "<span class=\"ref-state ref-unknown\">not checked</span>",
            });
            if references.len() > 1 {
                m.tag("<span class=\"value-full\">");
                let _ = write!(m, "reference {} · {}", i + 1, short_name(&r.digest_method));
                m.tag("</span>");
            }
            m.tag("</li>");
        }
        m.tag("</ul>");
        row_end(m);
    }
    if let Some(key) = &signature.key {
        key_row(m, key);
    } else if let Some(cert) = &signature.embedded_certificate {
        row_start(m, "KeyInfo");
        m.wrap("<span class=\"value\">", &cert.key.describe(), "");
        m.tag("<span class=\"value-full\">");
        let _ = write!(m, "{} · SHA-1 {}", cert.subject, cert.sha1);
        m.tag("</span></span>");
        row_end(m);
    }
    m.tag("</dl>");
}

fn signature_card(inspection: &Rc<Inspection>, at: SignatureRef, number: usize) -> Html {
    let Some((_, signature)) = resolve(&inspection.report, at) else {
        return html! {};
    };
    let mut body = Markup::new();
    signature_card_body(&mut body, inspection, at);
    html! {
        <article class="card view-card sig-card" data-signature={number.to_string()} data-target={signature.target_id.clone()}>
            { markup_html(body) }
            <CanonicalBytes key={format!("{}-{at:?}", inspection.revision)} inspection={inspection.clone()} {at} />
        </article>
    }
}

fn redirect_card(m: &mut Markup, signature: &RedirectSignature) {
    m.tag("<article class=\"card view-card sig-card\" data-signature=\"redirect\"><header class=\"sig-card-head\">");
    verdict_badge(m, signature.verdict);
    m.tag("<h3 class=\"sig-card-title\">HTTP-Redirect signature (query string)</h3></header><p class=\"sig-meaning\">")
        .tag(verdict_meaning(signature.verdict))
        .tag("</p>");
    if let Some(failure) = &signature.failure {
        m.wrap("<p class=\"sig-why\">", &sentence(failure), "</p>");
    }
    m.tag("<dl class=\"fields\">");
    text_row(
        m,
        "Covers",
        "value-text",
        "the SAMLRequest / SAMLResponse, RelayState and SigAlg parameters, exactly as received",
    );
    algorithm_row(m, "SigAlg", &signature.sig_alg);
    if let Some(key) = &signature.key {
        key_row(m, key);
    }
    m.tag("</dl><details class=\"c14n\">")
        .tag(SIGNED_OCTETS_SUMMARY)
        .tag(concat!(
            "<div class=\"c14n-body\"><div class=\"c14n-part\"><div class=\"c14n-head\">",
            "<h4 class=\"c14n-title\">Signed octets</h4><span class=\"c14n-size\">"
        ));
    let _ = write!(m, "{} bytes", group_digits(signature.signed_octets.len()));
    m.tag("</span>");
    copy::button(
        m,
        &signature.signed_octets,
        "signed octets",
        "signed-octets",
    );
    m.tag("</div>");
    pre(m, "Signed octets", &signature.signed_octets);
    m.tag("</div></div></details></article>");
}

/// What the report says a certificate was used for.
fn certificate_roles(report: &Report, cert: &CertificateInfo) -> Vec<&'static str> {
    let mut roles = Vec::new();
    let signatures = report
        .signatures
        .iter()
        .chain(report.decrypted.iter().flat_map(|d| &d.signatures));
    for s in signatures {
        let used = s
            .key
            .as_ref()
            .and_then(|k| k.certificate.as_ref())
            .is_some_and(|c| c.sha256 == cert.sha256);
        if used && !roles.contains(&"verified a signature") {
            roles.push("verified a signature");
        }
        let embedded = s
            .embedded_certificate
            .as_ref()
            .is_some_and(|c| c.sha256 == cert.sha256);
        if embedded && !used && !roles.contains(&"in KeyInfo") {
            roles.push("in KeyInfo");
        }
    }
    if let Some(key) = report
        .redirect_signature
        .as_ref()
        .and_then(|r| r.key.as_ref())
        && key
            .certificate
            .as_ref()
            .is_some_and(|c| c.sha256 == cert.sha256)
        && !roles.contains(&"verified a signature")
    {
        roles.push("verified a signature");
    }
    roles
}

fn validity_tag(m: &mut Markup, cert: &CertificateInfo, now: Timestamp) {
    let (open, words, at) = match cert.validity_at(now) {
        Validity::NotYetValid => (
            "<span class=\"tag tag-bad\" data-validity=\"\">",
            "not yet valid · starts ",
            cert.not_before,
        ),
        Validity::Expired => (
            "<span class=\"tag tag-bad\" data-validity=\"\">",
            "expired ",
            cert.not_after,
        ),
        // As `certificate-expiring` judges it.
        Validity::Valid if cert.expires_soon(now) => (
            "<span class=\"tag tag-warn\" data-validity=\"\">",
            "expires ",
            cert.not_after,
        ),
        Validity::Valid => (
            "<span class=\"tag tag-ok\" data-validity=\"\">",
            "valid · expires ",
            cert.not_after,
        ),
    };
    m.tag(open)
        .tag(words)
        .text(&relative(at, now))
        .tag("</span>");
}

/// A thumbprint with its Copy button.
fn thumbprint_row(m: &mut Markup, label: &'static str, value: &str) {
    let (open, what, copy_kind) = if label == "SHA-1" {
        (
            "<span class=\"with-copy\"><span class=\"value mono thumbprint select-all\" data-thumbprint=\"sha1\">",
            "SHA-1 thumbprint",
            "thumbprint-sha1",
        )
    } else {
        (
            "<span class=\"with-copy\"><span class=\"value mono thumbprint select-all\" data-thumbprint=\"sha256\">",
            "SHA-256 thumbprint",
            "thumbprint-sha256",
        )
    };
    row_start(m, label);
    m.wrap(open, value, "</span>");
    copy::button(m, value, what, copy_kind);
    m.tag("</span>");
    row_end(m);
}

fn certificate_card(m: &mut Markup, report: &Report, cert: &CertificateInfo, now: Timestamp) {
    let cn = cert.common_name.as_deref().unwrap_or(&cert.subject);
    m.wrap(
        "<article class=\"cert-card\" data-certificate=\"",
        &cert.sha1,
        "\">",
    );
    m.wrap(
        "<header class=\"cert-card-head\"><h4 class=\"cert-card-title\">",
        cn,
        "</h4><span class=\"cert-tags\">",
    );
    validity_tag(m, cert, now);
    for role in certificate_roles(report, cert) {
        m.tag("<span class=\"tag tag-info\">")
            .tag(role)
            .tag("</span>");
    }
    if cert.self_signed {
        m.tag("<span class=\"tag\">self-signed</span>");
    }
    m.tag("</span></header><dl class=\"fields\">");
    value_row(m, "Subject", &cert.subject);
    value_row(m, "Issuer", &cert.issuer);
    text_row(m, "Serial", "value mono", &cert.serial);
    time_row(m, "Valid from", cert.not_before, now);
    time_row(m, "Valid until", cert.not_after, now);
    value_row(m, "Key", &cert.key.describe());
    value_row(m, "Signed with", &cert.signature_algorithm);
    thumbprint_row(m, "SHA-1", &cert.sha1);
    thumbprint_row(m, "SHA-256", &cert.sha256);
    m.tag("</dl></article>");
}

fn public_key_card(m: &mut Markup, key: &PublicKeyInfo) {
    m.tag(concat!(
        "<article class=\"cert-card\"><header class=\"cert-card-head\">",
        "<h4 class=\"cert-card-title\">Public key</h4></header><dl class=\"fields\">"
    ));
    value_row(m, "Key", &key.describe());
    m.tag("</dl></article>");
}

fn private_key_card(m: &mut Markup, key: &PrivateKeyInfo) {
    m.tag(concat!(
        "<article class=\"cert-card\"><header class=\"cert-card-head\">",
        "<h4 class=\"cert-card-title\">Private key</h4>"
    ));
    if key.encrypted {
        m.tag("<span class=\"tag\">encrypted</span>");
    }
    m.tag("</header><dl class=\"fields\">");
    value_row(m, "Key", &key.describe());
    value_row(m, "Format", &key.format);
    m.tag("</dl>").tag(SECRET_NOTE).tag("</article>");
}

/// The certificates and keys of the message and of the input (each certificate once), in a
/// card; nothing when there are none.
fn keys_section(m: &mut Markup, report: &Report, now: Timestamp) {
    let mut seen: Vec<&str> = Vec::new();
    let mut cards = Markup::new();
    let mut count = 0_usize;
    let certificates = report
        .summary
        .certificates
        .iter()
        .map(KeyOrCert::Cert)
        .chain(report.keys.iter().map(KeyOrCert::Key));
    for item in certificates {
        match item {
            KeyOrCert::Cert(cert) | KeyOrCert::Key(KeyMaterial::Certificate(cert)) => {
                if seen.contains(&cert.sha256.as_str()) {
                    continue;
                }
                seen.push(&cert.sha256);
                certificate_card(&mut cards, report, cert, now);
            }
            KeyOrCert::Key(KeyMaterial::PublicKey(public)) => public_key_card(&mut cards, public),
            KeyOrCert::Key(KeyMaterial::PrivateKey(private)) => {
                private_key_card(&mut cards, private);
            }
        }
        count += 1;
    }
    if count == 0 {
        return;
    }
    m.tag(concat!(
        "<section class=\"card view-card\" aria-labelledby=\"certs-title\" data-view=\"certificates\">",
        "<h3 id=\"certs-title\" class=\"card-title\">"
    ));
    m.tag(match count {
        1 if !seen.is_empty() => "Certificate",
        _ => "Certificates and keys",
    });
    if count > 1 {
        m.tag("<span class=\"card-note\">");
        let _ = write!(m, "{count}");
        m.tag("</span>");
    }
    m.tag("</h3><div class=\"cert-list\">")
        .markup(cards)
        .tag("</div>");
    if !seen.is_empty() {
        m.tag(THUMBPRINT_NOTE);
    }
    m.tag("</section>");
}

/// A certificate of the message, or a key given as input.
enum KeyOrCert<'a> {
    Cert(&'a CertificateInfo),
    Key(&'a KeyMaterial),
}

/// What is shown when the message carries no signature.
fn no_signature(m: &mut Markup, report: &Report) {
    m.tag(
        "<div class=\"view-empty\" data-empty=\"signatures\"><p class=\"view-empty-title\">This ",
    );
    m.text(report.kind.label());
    m.tag(" carries no signature.</p><p class=\"view-empty-detail\">");
    m.tag(match report.kind {
        samlscope_core::Kind::Response
            if report.summary.status.as_ref().is_some_and(|s| !s.success) =>
        {
            "An error Response carries no assertion; identity providers often leave it unsigned."
        }
        samlscope_core::Kind::Response => {
            "An SP must reject a Response whose Assertion is not signed (the Findings say whether that applies)."
        }
        samlscope_core::Kind::AuthnRequest | samlscope_core::Kind::LogoutRequest => {
            "Requests are often unsigned; Entra accepts them unless the app requires signed requests."
        }
        _ => "Nothing here to verify.",
    });
    m.tag("</p></div>");
}

/// The Signatures & certificates tab.
#[component]
pub fn SignaturesView(props: &SignaturesViewProps) -> Html {
    let inspection = &props.inspection;
    let report = &inspection.report;

    let signature_refs: Vec<SignatureRef> = (0..report.signatures.len())
        .map(|index| SignatureRef {
            decrypted: None,
            index,
        })
        .chain(
            report
                .decrypted
                .iter()
                .enumerate()
                .flat_map(|(d, decrypted)| {
                    (0..decrypted.signatures.len()).map(move |index| SignatureRef {
                        decrypted: Some(d),
                        index,
                    })
                }),
        )
        .collect();

    let mut head = Markup::new();
    head.tag(r#"<h2 class="visually-hidden">Signatures and certificates</h2>"#);
    let signatures = if signature_refs.is_empty() && report.redirect_signature.is_none() {
        no_signature(&mut head, report);
        Html::default()
    } else {
        let mut redirect = Markup::new();
        if let Some(signature) = &report.redirect_signature {
            redirect_card(&mut redirect, signature);
        }
        // A card per signature, for the first few: a message has one or two.
        let mut more = Markup::new();
        more_note(&mut more, signature_refs.len(), MAX_SIGNATURE_CARDS);
        html! {
            <section class="sig-list" aria-label="Signatures">
                { for signature_refs.iter().take(MAX_SIGNATURE_CARDS).enumerate().map(|(n, &at)| signature_card(inspection, at, n + 1)) }
                { markup_html(more) }
                { markup_html(redirect) }
            </section>
        }
    };
    let mut keys = Markup::new();
    keys_section(&mut keys, report, inspection.report.judged_at);

    html! {
        <div class="view view-signatures">
            { markup_html(head) }
            { signatures }
            { markup_html(keys) }
        </div>
    }
}
