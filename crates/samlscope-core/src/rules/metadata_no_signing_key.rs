//! `metadata-no-signing-key`: an IdP role has no signing KeyDescriptor.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::model::{Message, RoleKind};
use crate::xml::ns;

pub(crate) static RULE: Rule = Rule {
    name: "metadata-no-signing-key",
    code: "MET002",
    severity: Severity::Error,
    summary: "an IdP role has no signing KeyDescriptor",
    docs: docs!(
        "## What it does
Looks at every IDPSSODescriptor (the identity provider role) and reports the ones without a
KeyDescriptor usable for signing — `use=\"signing\"` or no `use` at all — that carries an
`X509Certificate`. It says what the role has instead: no KeyDescriptor, only
`use=\"encryption\"` keys, or signing KeyDescriptors without a certificate.

## Why is this bad?
The service provider verifies the IdP's signed responses with the keys of this role only. With
none, it cannot verify any response and rejects every sign-in, or the metadata import fails
outright. For Entra this usually means the app had no active SAML signing certificate when the
metadata was downloaded; Entra's own errors for that are AADSTS50003 (MissingSigningKey) and
AADSTS50146 (MissingCustomSigningKey).

## Example
```xml
<IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">
  <KeyDescriptor use=\"encryption\">…</KeyDescriptor>
  <SingleSignOnService …/>
</IDPSSODescriptor>
```

## How to fix
Entra: in the app's Single sign-on page, section SAML Signing Certificate, make sure a
certificate is Active, then download the Federation Metadata XML again from that section and
give it to the SP. Another IdP: publish its signing certificate in
`<KeyDescriptor use=\"signing\">` (or a KeyDescriptor without `use`).

## References
- SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor, `use`)
- Microsoft Entra authentication and authorization error codes (AADSTS50003, AADSTS50146)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let entities = match cx.message {
        Message::EntityDescriptor(e) => std::slice::from_ref(e),
        Message::EntitiesDescriptor(g) => g.entities.as_slice(),
        _ => return,
    };
    let mut found = Vec::new();
    for e in entities {
        for role in e.roles.iter().filter(|r| r.kind == RoleKind::IdpSso) {
            let usable = role
                .signing_keys()
                .any(|k| k.certificates.iter().any(|c| !c.text.trimmed().is_empty()));
            if usable {
                continue;
            }
            let signing = role.signing_keys().count();
            // A KeyInfo written without its namespace puts X509Certificate outside XML
            // Signature's: lenient parsers read it, namespace-aware ones see no certificate.
            let stray = role.signing_keys().find_map(|k| {
                cx.doc
                    .descendant_elements(k.element)
                    .find(|c| c.local_name() == "X509Certificate" && c.namespace() != Some(ns::DS))
            });
            let has = if let Some(c) = &stray {
                format!(
                    "a signing KeyDescriptor whose X509Certificate is in the namespace `{}`, not in XML Signature's `{}` (KeyInfo lacks its xmlns)",
                    c.namespace().unwrap_or("(none)"),
                    ns::DS
                )
            } else if role.keys.is_empty() {
                "no KeyDescriptor at all".to_owned()
            } else if signing == 0 {
                let uses: Vec<String> = role
                    .keys
                    .iter()
                    .filter_map(|k| k.usage.as_ref())
                    .map(|u| format!("use=\"{}\"", u.trimmed()))
                    .collect();
                format!(
                    "only KeyDescriptors for other uses ({})",
                    dedup(uses).join(", ")
                )
            } else if signing == 1 {
                "a signing KeyDescriptor without an X509Certificate".to_owned()
            } else {
                format!("{signing} signing KeyDescriptors, none with an X509Certificate")
            };
            let id = e.entity_id.as_ref().map_or("", |t| t.trimmed());
            let element = cx.doc.element(role.element);
            let mut finding = Finding::new(
                &RULE,
                format!(
                    "the IdP role (IDPSSODescriptor) of `{id}` has no signing certificate: it has {has}, so the SP cannot verify any response it signs"
                ),
            )
            .at_opt(element.map(|el| el.name_span()))
            .help(if stray.is_some() {
                "declare XML Signature's namespace on the KeyInfo — <KeyInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\"> or ds:KeyInfo with xmlns:ds — where this metadata is produced, then import it again"
            } else if cx.words.may_be("entra") {
                "publish the IdP's signing certificate in <KeyDescriptor use=\"signing\">: an IdP whose app has no active signing certificate publishes none (Entra: check that the app's SAML Signing Certificate is Active, then download the Federation Metadata XML again; AADSTS50003/50146 are its \"no signing key\" errors)"
            } else {
                "publish the IdP's signing certificate in <KeyDescriptor use=\"signing\">: an IdP whose app has no active signing certificate publishes none"
            });
            if let Some(c) = stray {
                finding = finding.label(c.name_span(), "not in the XML Signature namespace");
            } else if let Some(key) = role.keys.first()
                && let Some(k) = cx.doc.element(key.element)
            {
                let label = match &key.usage {
                    Some(u) if u.trimmed() != "signing" => {
                        format!("use=\"{}\": not for signing", u.trimmed())
                    }
                    _ => "no X509Certificate inside".to_owned(),
                };
                finding = finding.label(k.name_span(), label);
            }
            found.push(finding);
        }
    }
    for f in found {
        cx.report(f);
    }
}

/// `values` without repeats, in first-seen order (a role has a handful of keys, but a
/// hostile one thousands).
fn dedup(values: Vec<String>) -> Vec<String> {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    values
        .into_iter()
        .filter(|v| seen.insert(v.clone()))
        .collect()
}
