//! The Signatures & certificates view: for each XML signature what it covers, its algorithms,
//! the verdict and why, the key it was checked with, and its canonical bytes on demand; the
//! HTTP-Redirect signature; then every certificate and key with its validity and thumbprints.
//! Everything comes from the Report (`signatures`, `decrypted`, `redirect_signature`,
//! `summary.certificates`, `keys`).

use std::rc::Rc;

use samlscope_core::cert::{CertificateInfo, KeyMaterial, PrivateKeyInfo, PublicKeyInfo, Validity};
use samlscope_core::dsig::{
    Failure, KeySource, KeyUsed, RedirectSignature, SignatureReport, Verdict, canonical_reference,
    canonical_signed_info,
};
use samlscope_core::time::relative;
use samlscope_core::xml::Document;
use samlscope_core::{Report, Timestamp};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::claims_view::{breakable, copy_button};
use crate::components::static_html;
use crate::components::summary_view::SECRET_NOTE;
use crate::format::{byte_size, tail};
use crate::state::Inspection;

/// Most canonical bytes shown in the page (Copy still copies them all).
const MAX_SHOWN_BYTES: usize = 256 * 1024;

/// Static markup (see [`static_html`]).
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

/// A URI shown by its last segment, the full URI below.
fn uri_value(uri: &str) -> Html {
    html! {
        <span class="value">
            <span class="uri-tail">{ tail(uri).to_owned() }</span>
            if tail(uri) != uri {
                <span class="value-full">{ breakable(uri) }</span>
            }
        </span>
    }
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

/// `text` with its first letter in upper case, ending with a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The failure, with its evidence.
fn failure_detail(failure: &Failure) -> Html {
    match failure {
        Failure::DigestMismatch {
            index,
            expected,
            actual,
            reformatted,
            signed_info_valid,
        } => html! {
            <div class="sig-why">
                <p>{ sentence(&format!("{} (reference {})", failure.describe(), index + 1)) }</p>
                if *reformatted {
                    <p class="sig-hint">{ "The element was reformatted after signing: with the indentation added since left out, the digest matches. Something between the IdP and here (a proxy, a logger, a copy from a pretty-printing tool) re-indented the XML; use the exact bytes that were posted." }</p>
                } else if *signed_info_valid {
                    <p class="sig-hint">{ "SignedInfo itself verifies: the signed content changed after it was signed." }</p>
                }
                <dl class="digest-pair">
                    <div><dt>{ "DigestValue" }</dt><dd class="mono">{ expected.clone() }</dd></div>
                    <div><dt>{ "Computed" }</dt><dd class="mono">{ actual.clone() }</dd></div>
                </dl>
            </div>
        },
        other => html! { <p class="sig-why">{ sentence(&other.describe()) }</p> },
    }
}

fn key_value(key: &KeyUsed) -> Html {
    let (class, name, from) = match key.source {
        KeySource::Trusted => ("tag tag-ok", "trusted", "from a trusted key (configured)"),
        KeySource::Embedded => (
            "tag tag-info",
            "embedded",
            "from the certificate in the message (KeyInfo)",
        ),
    };
    html! {
        <span class="value">
            <span class="key-line">
                { key.description.clone() }
                <span {class} data-key-source={name}>{ name }</span>
            </span>
            <span class="value-full">{ from }</span>
            if let Some(cert) = &key.certificate {
                <span class="value-full">{ format!("{} · SHA-1 {}", cert.subject, cert.sha1) }</span>
            }
        </span>
    }
}

/// "the Assertion", "the whole Response, with its Assertion", "the whole document".
fn covers_words(doc: &Document, signature: &SignatureReport) -> String {
    if signature
        .references
        .first()
        .is_some_and(|r| r.uri.trim().is_empty())
    {
        return "the whole document (URI=\"\")".to_owned();
    }
    let Some(element) = signature.target.and_then(|t| doc.element(t)) else {
        return "nothing: its reference resolves to no element".to_owned();
    };
    let name = element.local_name();
    let what = match name {
        "Assertion" => "the Assertion".to_owned(),
        "Response" => {
            let has_assertion = doc
                .descendant_elements(element.id())
                .any(|e| e.local_name() == "Assertion");
            if has_assertion {
                "the whole Response, including its Assertion".to_owned()
            } else {
                "the whole Response".to_owned()
            }
        }
        "EntityDescriptor" | "EntitiesDescriptor" => format!("the whole metadata ({name})"),
        other => format!("the whole {other}"),
    };
    match &signature.target_id {
        Some(id) => format!("{what} (ID {id})"),
        None => what,
    }
}

/// Where the Signature element sits, and whether it is enveloped.
fn placement(doc: &Document, signature: &SignatureReport) -> Option<String> {
    let parent = signature.parent.and_then(|p| doc.element(p))?;
    if signature.parent == signature.target {
        Some(format!(
            "inside the {} it signs (enveloped: the signature itself is left out of the digest)",
            parent.local_name()
        ))
    } else {
        Some(format!("inside the {}", parent.local_name()))
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

fn canonical_part(part: &CanonicalPart, key: String) -> Html {
    let Some(bytes) = &part.bytes else {
        return html! {
            <div class="c14n-part">
                <div class="c14n-head"><h4 class="c14n-title">{ part.title.clone() }</h4></div>
                { static_html(NOT_CANONICALISED) }
            </div>
        };
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    let shown = if text.len() > MAX_SHOWN_BYTES {
        let mut end = MAX_SHOWN_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Some(text[..end].to_owned())
    } else {
        None
    };
    html! {
        <div class="c14n-part" data-c14n={key}>
            <div class="c14n-head">
                <h4 class="c14n-title">{ part.title.clone() }</h4>
                <span class="c14n-size" data-bytes={bytes.len().to_string()}>
                    { format!("{} bytes", group_digits(bytes.len())) }
                    <span class="c14n-what">{ format!(" · {}", part.what) }</span>
                </span>
                { copy_button(&text, format!("canonical bytes of {}", part.title).into(), "c14n") }
            </div>
            <pre class="c14n-pre" tabindex="0" aria-label={format!("Canonical bytes of {}", part.title)}>
                { shown.as_deref().unwrap_or(&text).to_owned() }
            </pre>
            if shown.is_some() {
                <p class="note">{ format!("Showing the first {} of {}; Copy copies them all.", byte_size(MAX_SHOWN_BYTES), byte_size(bytes.len())) }</p>
            }
        </div>
    }
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
    html! {
        <details class="c14n" {ontoggle} data-action="canonical-bytes">
            { static_html(CANONICAL_SUMMARY) }
            if *open {
                <div class="c14n-body">
                    { for parts.iter().enumerate().map(|(i, part)| canonical_part(part, if i == 0 { "signed-info".to_owned() } else { format!("reference-{i}") })) }
                </div>
            }
        </details>
    }
}

fn signature_card(inspection: &Rc<Inspection>, at: SignatureRef, number: usize) -> Html {
    let report = &inspection.report;
    let Some((doc, signature)) = resolve(report, at) else {
        return html! {};
    };
    let covers = covers_words(doc, signature);
    let title = match signature
        .target
        .and_then(|t| doc.element(t))
        .map(|e| e.local_name().to_owned())
    {
        Some(name) => format!("Signature over the {name}"),
        None => "Signature".to_owned(),
    };
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
    let transforms: Vec<String> = signature
        .references
        .first()
        .map(|r| r.transforms.iter().map(|t| tail(t).to_owned()).collect())
        .unwrap_or_default();
    let references = signature.references.iter().enumerate().map(|(i, r)| {
        let (class, words) = match r.digest_ok {
            Some(true) => ("ref-state ref-ok", "digest matches"),
            Some(false) => ("ref-state ref-bad", "digest does not match"),
            None => ("ref-state ref-unknown", "not checked"),
        };
        html! {
            <li class="ref">
                <span class="mono">{ if r.uri.is_empty() { "\"\"".to_owned() } else { r.uri.clone() } }</span>
                <span {class}>{ words }</span>
                if signature.references.len() > 1 {
                    <span class="value-full">{ format!("reference {} · {}", i + 1, tail(&r.digest_method)) }</span>
                }
            </li>
        }
    });
    html! {
        <article class="card view-card sig-card" data-signature={number.to_string()} data-target={signature.target_id.clone()}>
            <header class="sig-card-head">
                { verdict_badge(signature.verdict) }
                <h3 class="sig-card-title">{ title }</h3>
                if let Some((line, _)) = lines {
                    <span class="loc">{ format!("line {line}") }</span>
                }
                if at.decrypted.is_some() {
                    <span class="tag">{ "inside the decrypted assertion" }</span>
                }
            </header>
            <p class="sig-meaning" data-view="verdict-meaning">{ verdict_meaning(signature.verdict) }</p>
            if let Some(failure) = &signature.failure {
                { failure_detail(failure) }
            }
            <dl class="fields">
                { row("Covers", html! {
                    <span class="value-text" data-covers="">
                        { covers }
                        if let Some((_, Some((first, last)))) = lines {
                            <span class="value-full">{ if first == last { format!("line {first} of the decoded XML") } else { format!("lines {first}–{last} of the decoded XML") } }</span>
                        }
                    </span>
                }) }
                if let Some(place) = placement(doc, signature) {
                    { row("Position", span("value-text", &place)) }
                }
                { for [
                    ("Signature method", &signature.signature_method),
                    ("Digest", &signature.digest_method),
                    ("Canonicalization", &signature.c14n_method),
                ]
                .into_iter()
                .filter_map(|(label, method)| Some(row(label, uri_value(method.as_ref()?)))) }
                if !transforms.is_empty() {
                    { row("Transforms", html! {
                        <ol class="transforms" aria-label="Transforms, in order">
                            { for transforms.iter().map(|t| html! { <li>{ t.clone() }</li> }) }
                        </ol>
                    }) }
                }
                if !signature.references.is_empty() {
                    { row(if signature.references.len() == 1 { "Reference" } else { "References" }, html! {
                        <ul class="refs">{ for references }</ul>
                    }) }
                }
                if let Some(key) = &signature.key {
                    { row("Verified with", key_value(key)) }
                } else if let Some(cert) = &signature.embedded_certificate {
                    { row("KeyInfo", html! {
                        <span class="value">
                            { cert.key.describe() }
                            <span class="value-full">{ format!("{} · SHA-1 {}", cert.subject, cert.sha1) }</span>
                        </span>
                    }) }
                }
            </dl>
            <CanonicalBytes key={format!("{}-{at:?}", inspection.revision)} inspection={inspection.clone()} {at} />
        </article>
    }
}

fn redirect_card(signature: &RedirectSignature) -> Html {
    html! {
        <article class="card view-card sig-card" data-signature="redirect">
            <header class="sig-card-head">
                { verdict_badge(signature.verdict) }
                <h3 class="sig-card-title">{ "HTTP-Redirect signature (query string)" }</h3>
            </header>
            <p class="sig-meaning">{ verdict_meaning(signature.verdict) }</p>
            if let Some(failure) = &signature.failure {
                <p class="sig-why">{ sentence(failure) }</p>
            }
            <dl class="fields">
                { row("Covers", span("value-text", "the SAMLRequest / SAMLResponse, RelayState and SigAlg parameters, exactly as received")) }
                { row("SigAlg", uri_value(&signature.sig_alg)) }
                if let Some(key) = &signature.key {
                    { row("Verified with", key_value(key)) }
                }
            </dl>
            <details class="c14n">
                { static_html(SIGNED_OCTETS_SUMMARY) }
                <div class="c14n-body">
                    <div class="c14n-part">
                        <div class="c14n-head">
                            <h4 class="c14n-title">{ "Signed octets" }</h4>
                            <span class="c14n-size">{ format!("{} bytes", group_digits(signature.signed_octets.len())) }</span>
                            { copy_button(&signature.signed_octets, "signed octets".into(), "signed-octets") }
                        </div>
                        <pre class="c14n-pre" tabindex="0" aria-label="Signed octets">{ signature.signed_octets.clone() }</pre>
                    </div>
                </div>
            </details>
        </article>
    }
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

fn validity_tag(cert: &CertificateInfo, now: Timestamp) -> Html {
    let (class, words) = match cert.validity_at(now) {
        Validity::NotYetValid => (
            "tag tag-bad",
            format!("not yet valid · starts {}", relative(cert.not_before, now)),
        ),
        Validity::Expired => (
            "tag tag-bad",
            format!("expired {}", relative(cert.not_after, now)),
        ),
        Validity::Valid if cert.days_left(now) < 30 => (
            "tag tag-warn",
            format!("expires {}", relative(cert.not_after, now)),
        ),
        Validity::Valid => (
            "tag tag-ok",
            format!("valid · expires {}", relative(cert.not_after, now)),
        ),
    };
    html! { <span {class} data-validity="">{ words }</span> }
}

/// A thumbprint with its Copy button; `kind` is `sha1` or `sha256`.
fn thumbprint_row(label: &'static str, kind: &'static str, value: &str) -> Html {
    let copy_kind = if kind == "sha1" {
        "thumbprint-sha1"
    } else {
        "thumbprint-sha256"
    };
    row(
        label,
        html! {
            <span class="with-copy">
                <span class="value mono thumbprint select-all" data-thumbprint={kind}>{ value.to_owned() }</span>
                { copy_button(value, format!("{label} thumbprint").into(), copy_kind) }
            </span>
        },
    )
}

fn certificate_card(report: &Report, cert: &CertificateInfo, now: Timestamp) -> Html {
    let roles = certificate_roles(report, cert);
    let cn = cert
        .subject
        .split(", ")
        .find_map(|part| part.strip_prefix("CN="))
        .unwrap_or(&cert.subject)
        .to_owned();
    html! {
        <article class="cert-card" data-certificate={cert.sha1.clone()}>
            <header class="cert-card-head">
                <h4 class="cert-card-title">{ cn }</h4>
                <span class="cert-tags">
                    { validity_tag(cert, now) }
                    { for roles.iter().map(|r| html! { <span class="tag tag-info">{ *r }</span> }) }
                    if cert.self_signed {
                        <span class="tag">{ "self-signed" }</span>
                    }
                </span>
            </header>
            <dl class="fields">
                { text_rows(&[
                    ("Subject", "value", &cert.subject),
                    ("Issuer", "value", &cert.issuer),
                    ("Serial", "value mono", &cert.serial),
                ]) }
                { row("Valid from", time_value(cert.not_before, now)) }
                { row("Valid until", time_value(cert.not_after, now)) }
                { text_rows(&[
                    ("Key", "value", &cert.key.describe()),
                    ("Signed with", "value", &cert.signature_algorithm),
                ]) }
                { thumbprint_row("SHA-1", "sha1", &cert.sha1) }
                { thumbprint_row("SHA-256", "sha256", &cert.sha256) }
            </dl>
        </article>
    }
}

fn public_key_card(key: &PublicKeyInfo) -> Html {
    html! {
        <article class="cert-card">
            <header class="cert-card-head"><h4 class="cert-card-title">{ "Public key" }</h4></header>
            { fields(value_row("Key", &key.describe())) }
        </article>
    }
}

fn private_key_card(key: &PrivateKeyInfo) -> Html {
    html! {
        <article class="cert-card">
            <header class="cert-card-head">
                <h4 class="cert-card-title">{ "Private key" }</h4>
                if key.encrypted { <span class="tag">{ "encrypted" }</span> }
            </header>
            { fields(text_rows(&[("Key", "value", &key.describe()), ("Format", "value", &key.format)])) }
            { static_html(SECRET_NOTE) }
        </article>
    }
}

/// The Signatures & certificates tab.
#[component]
pub fn SignaturesView(props: &SignaturesViewProps) -> Html {
    let inspection = &props.inspection;
    let report = &inspection.report;
    let now = inspection.now;

    let mut signature_cards: Vec<Html> = (0..report.signatures.len())
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
        .enumerate()
        .map(|(n, at)| signature_card(inspection, at, n + 1))
        .collect();
    if let Some(redirect) = &report.redirect_signature {
        signature_cards.push(redirect_card(redirect));
    }

    // Certificates: the message's, then those given as input (each once).
    let mut seen: Vec<&str> = Vec::new();
    let mut key_cards: Vec<Html> = Vec::new();
    for cert in &report.summary.certificates {
        if !seen.contains(&cert.sha256.as_str()) {
            seen.push(&cert.sha256);
            key_cards.push(certificate_card(report, cert, now));
        }
    }
    for key in &report.keys {
        match key {
            KeyMaterial::Certificate(cert) => {
                if !seen.contains(&cert.sha256.as_str()) {
                    seen.push(&cert.sha256);
                    key_cards.push(certificate_card(report, cert, now));
                }
            }
            KeyMaterial::PublicKey(public) => key_cards.push(public_key_card(public)),
            KeyMaterial::PrivateKey(private) => key_cards.push(private_key_card(private)),
        }
    }

    let signed_kind = report.kind.label();
    let no_signature = signature_cards.is_empty().then(|| {
        html! {
            <div class="view-empty" data-empty="signatures">
                <p class="view-empty-title">{ format!("This {signed_kind} carries no signature.") }</p>
                <p class="view-empty-detail">
                    { match report.kind {
                        samlscope_core::Kind::Response if report.summary.status.as_ref().is_some_and(|s| !s.success) => "An error Response carries no assertion; identity providers often leave it unsigned.",
                        samlscope_core::Kind::Response => "An SP must reject a Response whose Assertion is not signed (the Findings say whether that applies).",
                        samlscope_core::Kind::AuthnRequest | samlscope_core::Kind::LogoutRequest => "Requests are often unsigned; Entra accepts them unless the app requires signed requests.",
                        _ => "Nothing here to verify.",
                    } }
                </p>
            </div>
        }
    });

    let key_title = match key_cards.len() {
        0 => "",
        1 if !seen.is_empty() => "Certificate",
        _ => "Certificates and keys",
    };

    html! {
        <div class="view view-signatures">
            { static_html(r#"<h2 class="visually-hidden">Signatures and certificates</h2>"#) }
            if signature_cards.is_empty() {
                { for no_signature }
            } else {
                <section class="sig-list" aria-label="Signatures">{ for signature_cards }</section>
            }
            if !key_cards.is_empty() {
                <section class="card view-card" aria-labelledby="certs-title" data-view="certificates">
                    <h3 id="certs-title" class="card-title">
                        { key_title }
                        if key_cards.len() > 1 {
                            <span class="card-note">{ key_cards.len() }</span>
                        }
                    </h3>
                    <div class="cert-list">{ for key_cards }</div>
                    if !seen.is_empty() {
                        { static_html(THUMBPRINT_NOTE) }
                    }
                </section>
            }
        </div>
    }
}

/// One row of a field list: `<div class="row"><dt>label</dt><dd>value</dd></div>`.
pub(crate) fn row(label: &'static str, value: Html) -> Html {
    html! {
        <div class="row">
            <dt>{ label }</dt>
            <dd>{ value }</dd>
        </div>
    }
}

/// `<span class={class}>text</span>`.
pub(crate) fn span(class: &'static str, text: &str) -> Html {
    html! { <span {class}>{ text.to_owned() }</span> }
}

/// A row whose value is plain text (`<span class="value">`).
pub(crate) fn value_row(label: &'static str, text: &str) -> Html {
    row(label, span("value", text))
}

/// Rows whose values are plain text: (label, the value's class, text).
pub(crate) fn text_rows(rows: &[(&'static str, &'static str, &str)]) -> Html {
    rows.iter()
        .map(|&(label, class, text)| row(label, span(class, text)))
        .collect()
}

/// `<dl class="fields">` with `rows`.
pub(crate) fn fields(rows: Html) -> Html {
    html! { <dl class="fields">{ rows }</dl> }
}

pub(crate) fn time_value(at: Timestamp, now: Timestamp) -> Html {
    let relative = relative(at, now);
    let class = if at < now {
        "rel is-past"
    } else {
        "rel is-future"
    };
    html! {
        <span class="value time">
            <time datetime={at.to_string()}>{ at.to_string() }</time>
            <span class={class}>{ relative }</span>
        </span>
    }
}

pub(crate) fn verdict_badge(verdict: Verdict) -> Html {
    let (class, words) = match verdict {
        Verdict::Valid => ("sig-verdict sig-ok", "valid"),
        Verdict::ValidUntrusted => ("sig-verdict sig-info", "valid with embedded cert"),
        Verdict::Untrusted => ("sig-verdict sig-warn", "untrusted key"),
        Verdict::Invalid => ("sig-verdict sig-bad", "invalid"),
        Verdict::Unsupported => ("sig-verdict sig-warn", "not verifiable here"),
    };
    html! { <span {class} data-verdict={verdict.as_str()}>{ words }</span> }
}
