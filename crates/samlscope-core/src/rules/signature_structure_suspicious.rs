//! `signature-structure-suspicious`: XML-DSig elements where they do not belong (CVE-2024-45409).

use super::Checker;
use crate::dsig::Failure;
use crate::dsig::verify::MAX_KEY_CERTIFICATES;
use crate::finding::{Finding, Rule, Severity};
use crate::xml::{ElementRef, ns};

pub(crate) static RULE: Rule = Rule {
    name: "signature-structure-suspicious",
    code: "SIG010",
    severity: Severity::Error,
    summary: "DigestValue / Reference / SignedInfo outside a Signature's own SignedInfo, or several Signatures on one element",
    docs: docs!(
        "## What it does
Reports `ds:DigestValue`, `ds:DigestMethod`, `ds:Reference`, `ds:SignedInfo` or
`ds:SignatureValue` elements that are not in their place in a `ds:Signature` (e.g. inside
`samlp:Extensions` or an AttributeValue), and elements carrying more than one Signature.

Also reports signatures that were not checked because the document asks for more verification
work than any SAML message needs: more than 64 Signatures, more than 16 References in one
SignedInfo, more than 8 Transforms in one Reference, or canonicalising, all signatures together,
more than twice the document's size plus 4 MB (thousands of signatures over the same content),
and KeyInfo with more than 8 certificates (only the first 8 are tried as the signing key). A
SAML message has one or two signatures with one Reference each, and a certificate or a short
chain.

XML Encryption's own uses of XML-DSig elements are not reported: a `ds:DigestMethod` parameter of
an `xenc:EncryptionMethod` (RSA-OAEP), `xenc:AgreementMethod` or `xenc11:ConcatKDFParams`, and the
`ds:KeyInfo` (KeyName, RetrievalMethod, X509Data…) of an EncryptedData or EncryptedKey. A
`ds:DigestValue`, `Reference`, `SignedInfo` or `SignatureValue` has no place there either.

## Why is this bad?
Verifiers that search the document for `//ds:DigestValue` pick the attacker's copy: that is
CVE-2024-45409 (ruby-saml, GitLab), which let anyone sign in as anyone. Several Signatures on one
element confuse which one is checked.

## Example
```xml
<samlp:Extensions><ds:DigestValue>attacker's digest</ds:DigestValue></samlp:Extensions>
```

## How to fix
Reject the message and upgrade SAML libraries that look signature parts up document-wide.

## References
- CVE-2024-45409 (ruby-saml < 1.17.0 / 1.12.3); XML Signature §4 (Core Signature Syntax)
- XML Encryption 1.0 §5.4.2 (RSA-OAEP's DigestMethod), §5.5.1 (AgreementMethod); XML Encryption 1.1
  §5.4.1 (ConcatKDFParams)
"
    ),
};

/// Whether `p` is an XML Encryption element whose algorithm takes a `ds:DigestMethod`
/// parameter: `EncryptionMethod` for RSA-OAEP (XML Encryption §5.4.2; also SAML metadata's
/// `md:EncryptionMethod`, of the same type), `AgreementMethod` for Diffie-Hellman (§5.5.1), and
/// XML Encryption 1.1's `ConcatKDFParams` (§5.4.1). That DigestMethod names the hash of the key
/// transport or derivation, not of a signature Reference.
fn takes_digest_method(p: &ElementRef<'_>) -> bool {
    p.is(ns::XENC, "EncryptionMethod")
        || p.is(ns::MD, "EncryptionMethod")
        || p.is(ns::XENC, "AgreementMethod")
        || p.is(ns::XENC11, "ConcatKDFParams")
}

fn in_place(e: &ElementRef<'_>) -> bool {
    let parent = e.parent_element();
    let is = |p: Option<ElementRef<'_>>, local: &str| p.is_some_and(|p| p.is(ns::DS, local));
    match e.local_name() {
        "SignedInfo" | "SignatureValue" => is(parent, "Signature"),
        "Reference" => is(parent, "SignedInfo") || is(parent, "Manifest"),
        "DigestValue" => is(parent, "Reference"),
        "DigestMethod" => {
            is(parent, "Reference") || parent.is_some_and(|p| takes_digest_method(&p))
        }
        _ => true,
    }
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let doc = cx.doc;
    let mut found = Vec::new();
    for e in doc.descendant_elements(doc.document_node()) {
        if e.namespace() != Some(ns::DS) {
            continue;
        }
        if !in_place(&e) {
            let parent = e
                .parent_element()
                .map_or(String::new(), |p| p.qname().to_owned());
            found.push(
                Finding::new(&RULE, format!("`{}` appears inside `{parent}`, outside a Signature's own SignedInfo", e.qname()))
                    .at(e.start_tag())
                    .help("this is how CVE-2024-45409 fooled verifiers that search the document for DigestValue: reject the message"),
            );
        }
    }
    for e in doc.descendant_elements(doc.document_node()) {
        let n = e.children_named(ns::DS, "Signature").count();
        if n > 1
            && let Some(second) = e.children_named(ns::DS, "Signature").nth(1)
        {
            found.push(
                Finding::new(&RULE, format!("`{}` carries {n} Signatures; one element has one signature", e.qname()))
                    .at(second.start_tag())
                    .help("several signatures on one element make it unclear which one a verifier checks: reject the message"),
            );
        }
    }
    let not_checked: Vec<_> = cx
        .signatures
        .iter()
        .filter_map(|s| match &s.failure {
            Some(Failure::Limit(why)) => Some((s, why)),
            _ => None,
        })
        .collect();
    for s in cx.signatures {
        let certificates = &s.structure.key_info.certificates;
        if certificates.len() > MAX_KEY_CERTIFICATES
            && let Some(key_info) = s.structure.key_info.element.and_then(|k| doc.element(k))
        {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "`{}` carries {} X509Certificates; only the first {MAX_KEY_CERTIFICATES} are tried as the signing key",
                        key_info.qname(),
                        certificates.len()
                    ),
                )
                .at(key_info.start_tag())
                .help("a signature carries its signing certificate and perhaps a short chain: reject the message"),
            );
        }
    }
    if let Some((first, why)) = not_checked.first() {
        let n = not_checked.len();
        found.insert(
            0,
            Finding::new(
                &RULE,
                format!(
                    "{n} Signature{} not checked: {why}",
                    if n == 1 { " was" } else { "s were" }
                ),
            )
            .at_opt(doc.element(first.element).map(|e| e.start_tag()))
            .help("no SAML message needs this much verification work: reject the message"),
        );
    }
    for f in found.into_iter().take(20) {
        cx.report(f);
    }
}
