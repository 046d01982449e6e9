//! Reading a `ds:Signature` element: what it claims, with spans (XML-DSig §4).

use crate::model::Text;
use crate::xml::{Document, ElementRef, NodeId, ns};

/// Exclusive C14N's `InclusiveNamespaces` namespace: the algorithm's own URI.
pub(crate) const EC_NS: &str = crate::algorithms::EXC_C14N;

/// One `ds:Transform`.
#[derive(Clone, Debug)]
pub struct Transform {
    /// `Algorithm`.
    pub algorithm: Text,
    /// `ec:InclusiveNamespaces/@PrefixList`, split on whitespace.
    pub inclusive_prefixes: Vec<String>,
    /// For the XPath transform: whether its expression is exactly the enveloped-signature
    /// filter `not(ancestor-or-self::P:Signature)` with `P` bound to the XML-DSig namespace
    /// (the one XPath samlscope evaluates; any other is refused).
    pub xpath_excludes_signatures: bool,
}

/// One `ds:Reference`.
#[derive(Clone, Debug)]
pub struct Reference {
    /// The element.
    pub element: NodeId,
    /// `URI` (absent is allowed by XML-DSig, never used by SAML).
    pub uri: Option<Text>,
    /// Transforms in order.
    pub transforms: Vec<Transform>,
    /// `DigestMethod/@Algorithm`.
    pub digest_method: Option<Text>,
    /// `DigestValue` text.
    pub digest_value: Option<Text>,
}

/// What `ds:KeyInfo` carries.
#[derive(Clone, Debug, Default)]
pub struct KeyInfo {
    /// The KeyInfo element.
    pub element: Option<NodeId>,
    /// `X509Data/X509Certificate` texts.
    pub certificates: Vec<Text>,
    /// `KeyValue/RSAKeyValue` (Modulus, Exponent) texts.
    pub rsa_key_value: Option<(Text, Text)>,
}

/// A parsed `ds:Signature`.
#[derive(Clone, Debug)]
pub struct SignatureElement {
    /// The Signature element.
    pub element: NodeId,
    /// `SignedInfo`.
    pub signed_info: Option<NodeId>,
    /// `SignedInfo/CanonicalizationMethod/@Algorithm`.
    pub c14n_method: Option<Text>,
    /// Its InclusiveNamespaces PrefixList.
    pub c14n_prefixes: Vec<String>,
    /// `SignedInfo/SignatureMethod/@Algorithm`.
    pub signature_method: Option<Text>,
    /// `SignatureMethod/HMACOutputLength`, when present (CVE-2009-0217).
    pub hmac_output_length: Option<Text>,
    /// References in SignedInfo.
    pub references: Vec<Reference>,
    /// `SignatureValue` text.
    pub signature_value: Option<Text>,
    /// `KeyInfo`.
    pub key_info: KeyInfo,
    /// `ds:Object` children (where XSW8 hides a copy).
    pub objects: Vec<NodeId>,
}

fn text(e: &ElementRef<'_>) -> Text {
    Text {
        value: e.text_content(),
        span: e.content_span(),
        node: e.id(),
    }
}

fn attr(e: &ElementRef<'_>, name: &str) -> Option<Text> {
    e.attribute(name).map(|a| Text {
        value: a.value().to_owned(),
        span: a.value_span(),
        node: e.id(),
    })
}

fn prefixes(e: &ElementRef<'_>) -> Vec<String> {
    e.child(EC_NS, "InclusiveNamespaces")
        .and_then(|i| i.attr("PrefixList"))
        .map(|list| list.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Whether the XPath of a transform is `not(ancestor-or-self::P:Signature)`, `P` → XML-DSig.
fn xpath_excludes_signatures(t: &ElementRef<'_>) -> bool {
    let Some(xpath) = t.child(ns::DS, "XPath") else {
        return false;
    };
    let expr: String = xpath.text_content().split_whitespace().collect();
    expr.strip_prefix("not(ancestor-or-self::")
        .and_then(|r| r.strip_suffix(":Signature)"))
        .is_some_and(|prefix| xpath.lookup_namespace(prefix) == Some(ns::DS))
}

impl SignatureElement {
    /// Reads the Signature element `id`.
    pub fn read(doc: &Document, id: NodeId) -> Option<Self> {
        let sig = doc.element(id)?;
        let signed_info = sig.child(ns::DS, "SignedInfo");
        let mut out = Self {
            element: id,
            signed_info: signed_info.map(|s| s.id()),
            c14n_method: None,
            c14n_prefixes: Vec::new(),
            signature_method: None,
            hmac_output_length: None,
            references: Vec::new(),
            signature_value: sig.child(ns::DS, "SignatureValue").map(|v| text(&v)),
            key_info: KeyInfo::default(),
            objects: sig
                .children_named(ns::DS, "Object")
                .map(|o| o.id())
                .collect(),
        };
        if let Some(si) = signed_info {
            if let Some(c) = si.child(ns::DS, "CanonicalizationMethod") {
                out.c14n_method = attr(&c, "Algorithm");
                out.c14n_prefixes = prefixes(&c);
            }
            if let Some(m) = si.child(ns::DS, "SignatureMethod") {
                out.signature_method = attr(&m, "Algorithm");
                out.hmac_output_length = m.child(ns::DS, "HMACOutputLength").map(|h| text(&h));
            }
            for r in si.children_named(ns::DS, "Reference") {
                let transforms = r
                    .child(ns::DS, "Transforms")
                    .map(|ts| {
                        ts.children_named(ns::DS, "Transform")
                            .filter_map(|t| {
                                Some(Transform {
                                    algorithm: attr(&t, "Algorithm")?,
                                    inclusive_prefixes: prefixes(&t),
                                    xpath_excludes_signatures: xpath_excludes_signatures(&t),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                out.references.push(Reference {
                    element: r.id(),
                    uri: attr(&r, "URI"),
                    transforms,
                    digest_method: r
                        .child(ns::DS, "DigestMethod")
                        .and_then(|d| attr(&d, "Algorithm")),
                    digest_value: r.child(ns::DS, "DigestValue").map(|d| text(&d)),
                });
            }
        }
        if let Some(ki) = sig.child(ns::DS, "KeyInfo") {
            out.key_info.element = Some(ki.id());
            for data in ki.children_named(ns::DS, "X509Data") {
                out.key_info.certificates.extend(
                    data.children_named(ns::DS, "X509Certificate")
                        .map(|c| text(&c)),
                );
            }
            if let Some(rsa) = ki
                .child(ns::DS, "KeyValue")
                .and_then(|kv| kv.child(ns::DS, "RSAKeyValue"))
                && let (Some(m), Some(e)) =
                    (rsa.child(ns::DS, "Modulus"), rsa.child(ns::DS, "Exponent"))
            {
                out.key_info.rsa_key_value = Some((text(&m), text(&e)));
            }
        }
        Some(out)
    }
}
