//! Redaction: a copy of the decoded text with personal values masked, safe to share.
//!
//! Masking works **by span** on the one parsed tree: each value to hide (a NameID, an
//! AttributeValue, a SessionIndex, a SignatureValue …) is located in the tree, and only its
//! characters are replaced, so the markup around it stays exactly as it was and the result is
//! still well-formed XML. Placeholders say what was there and are numbered consistently: equal
//! values get the same placeholder, so "the NameID is the e-mail claim" stays visible.
//!
//! * NameID (also SAML 1.1 NameIdentifier) → `[redacted-name-id-1]`
//! * name claims (given name, surname, display name, name, cn …) → `[redacted-name-1]`
//! * other AttributeValues → `[redacted-attribute-1]`
//! * SessionIndex (attribute or element) → `[redacted-session-index-1]`
//! * the user's client address: `Address` of SubjectConfirmationData and SubjectLocality,
//!   `DNSName` of SubjectLocality, SAML 1.1 `IPAddress` → `[redacted-address-1]`
//! * SignatureValue → `[redacted-signature-value-1]`, X509Certificate → `[redacted-certificate-1]`
//! * e-mail addresses (also `%40`-encoded ones) → `user1@redacted.example`
//! * the Entra tenant ID → `[redacted-tenant-1]`, **every occurrence**: the `tenantid` claim,
//!   and wherever the same ID appears in character data — the Issuer
//!   `https://sts.windows.net/<tenant>/`, `login.microsoftonline.com/<tenant>/saml2`, metadata
//!   URLs, other attribute values, RelayState —, so that the copy names no tenant and equal
//!   IDs keep one placeholder (the IDs are those of the `tenantid` claim and those that follow
//!   a Microsoft sign-in host in a URL)
//!
//! A value that is itself an e-mail address gets the e-mail placeholder whatever field it is
//! in, so a NameID and an e-mail claim holding the same address still match after masking.
//!
//! Each option governs its own values: a field whose option is off is kept exactly as
//! written, even when it holds an e-mail address (the user asked to see it). The e-mail scan
//! covers the rest of the text: Issuer, Destination, RelayState, StatusMessage, comments …
//!
//! Input without a parsed tree (malformed XML, certificates, undecodable text, HAR files) gets
//! the e-mail scan only: [`Redaction::structured`] says so.
//!
//! Private key material is masked whatever the options: the body of every PEM block labelled
//! as a private key, or all of a bare (base64 or DER) key → `[redacted-private-key-1]`; and
//! [`share_refusal`] says that such an input is not to be shared at all.
//!
//! Masking changes signed content: the signatures of a redacted copy no longer verify, and a
//! redacted copy inspected again is known as one by its placeholders (`input-redacted`,
//! its signatures "not checkable").

use std::collections::HashMap;

use crate::cert::KeyMaterial;
pub use crate::placeholder::{count_placeholders, is_placeholder};
use crate::report::Report;
use crate::span::Span;
use crate::xml::{Document, NodeId, NodeKind};

/// What to mask. [`Default`] masks everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(clippy::struct_excessive_bools)] // one switch per kind of value, as the page shows them
pub struct RedactOptions {
    /// NameID (and SAML 1.1 NameIdentifier) values.
    pub name_id: bool,
    /// E-mail addresses anywhere else in the text.
    pub emails: bool,
    /// Values of name claims (given name, surname, display name, name, common name).
    pub names: bool,
    /// Values of the other attributes (claims).
    pub attribute_values: bool,
    /// SessionIndex values.
    pub session_index: bool,
    /// The user's client address (IP address or DNS name in SubjectConfirmationData and
    /// SubjectLocality).
    pub client_addresses: bool,
    /// SignatureValue and X509Certificate texts.
    pub signature_values: bool,
    /// The Entra tenant ID, wherever it occurs (Issuer, URLs, the `tenantid` claim …).
    pub tenant_id: bool,
}

impl Default for RedactOptions {
    fn default() -> Self {
        Self::ALL
    }
}

impl RedactOptions {
    /// Mask everything.
    pub const ALL: Self = Self {
        name_id: true,
        emails: true,
        names: true,
        attribute_values: true,
        session_index: true,
        client_addresses: true,
        signature_values: true,
        tenant_id: true,
    };

    /// Mask nothing.
    pub const NONE: Self = Self {
        name_id: false,
        emails: false,
        names: false,
        attribute_values: false,
        session_index: false,
        client_addresses: false,
        signature_values: false,
        tenant_id: false,
    };
}

/// The outcome of a redaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// The decoded text with the chosen values masked.
    pub text: String,
    /// How many values were replaced.
    pub masked: usize,
    /// Whether the parsed tree was used. `false`: the input had no XML tree (malformed XML,
    /// a certificate, undecodable text …) and only e-mail addresses were masked.
    pub structured: bool,
}

/// The decoded text of `report` ([`Report::text`]) with the values `options` chooses masked.
pub fn redact(report: &Report, options: &RedactOptions) -> String {
    redaction(report, options).text
}

/// Like [`redact`], also saying how many values were masked and whether the tree was used.
///
/// Private key material is masked whatever the options say: every PEM block labelled as a
/// private key, or the whole text when the input is a bare private key (see also
/// [`share_refusal`]).
pub fn redaction(report: &Report, options: &RedactOptions) -> Redaction {
    Redactor::new(*options).redact(report)
}

/// Redacts a message and then texts that go with it (the settings it is checked against)
/// with **one numbering**: a value masked in the message gets the same placeholder in the
/// settings, so that a recipient who inspects the copy against the copied settings sees the
/// same findings (an Issuer `https://sts.windows.net/[redacted-tenant-1]/` still equals the
/// configured Microsoft Entra Identifier).
pub struct Redactor {
    options: RedactOptions,
    names: Placeholders,
    /// Tenant IDs seen so far (lower case), masked wherever they occur next.
    tenants: Vec<String>,
}

impl Redactor {
    /// A redactor that masks what `options` chooses.
    pub fn new(options: RedactOptions) -> Self {
        Self {
            options,
            names: Placeholders::default(),
            tenants: Vec::new(),
        }
    }

    /// The decoded text of `report` with the chosen values masked (as [`redaction`]).
    pub fn redact(&mut self, report: &Report) -> Redaction {
        let options = self.options;
        let keys = private_key_regions(report);
        let (text, fields, structured) = match &report.document {
            Some(doc) => (doc.text(), structured_regions(doc, &options), true),
            None => (report.text(), Vec::new(), false),
        };
        // A key block wins over any field it overlaps, even one kept as written. The key
        // parts are apart, so in start order their ends grow too: the one that could overlap
        // a field is found by search (thousands of key blocks and fields would be quadratic).
        let mut key_spans: Vec<Span> = keys.iter().map(|k| k.span).collect();
        crate::sort::sort_by(&mut key_spans, &|a, b| a.start.cmp(&b.start));
        let apart = |span: Span| {
            let i = key_spans.partition_point(|k| k.end <= span.start);
            key_spans.get(i).is_none_or(|k| k.start >= span.end)
        };
        let mut regions: Vec<Region> = fields.into_iter().filter(|r| apart(r.span)).collect();
        regions.extend(keys);
        let tenants = if options.tenant_id {
            for region in &regions {
                let key = region.key.to_ascii_lowercase();
                if region.what == Some(What::Tenant) && !self.tenants.contains(&key) {
                    self.tenants.push(key);
                }
            }
            self.learn_tenants(text);
            let spans = occurrences(text, &self.tenants);
            let parts: Vec<(Span, String)> = match &report.document {
                // Only in character data (never in a name of the markup), and only whole IDs
                // (not the XML declaration or DOCTYPE, which a key part would take whole).
                Some(doc) => in_character_data(doc, &spans)
                    .into_iter()
                    .filter(|p| p.span.len() == TENANT_LEN)
                    .map(|p| {
                        let key = p.span.slice(text).to_ascii_lowercase();
                        (p.span, key_of(&key, p.namespace, p.span))
                    })
                    .collect(),
                None => spans
                    .into_iter()
                    .map(|s| (s, s.slice(text).to_ascii_lowercase()))
                    .collect(),
            };
            parts
                .into_iter()
                .filter(|(span, _)| apart(*span))
                .map(|(span, key)| Region::tenant(span, key))
                .collect()
        } else {
            Vec::new()
        };
        apply(
            text,
            regions,
            tenants,
            &options,
            structured,
            &mut self.names,
        )
    }

    /// A setting that goes with the message (an entity ID, a URL, metadata, an AuthnRequest)
    /// with the same masking: the tenant IDs of the message and of the setting, and e-mail
    /// addresses, with the placeholders the message got. A setting holding private key
    /// material becomes empty: keys never travel.
    pub fn redact_setting(&mut self, text: &str) -> String {
        if crate::private_key::holds(text) {
            return String::new();
        }
        let tenants = if self.options.tenant_id {
            self.learn_tenants(text);
            occurrences(text, &self.tenants)
                .into_iter()
                .map(|span| Region::tenant(span, span.slice(text).to_ascii_lowercase()))
                .collect()
        } else {
            Vec::new()
        };
        apply(
            text,
            Vec::new(),
            tenants,
            &self.options,
            false,
            &mut self.names,
        )
        .text
    }

    /// Adds the tenant IDs that follow a Microsoft sign-in host in `text`.
    fn learn_tenants(&mut self, text: &str) {
        for tenant in tenant_ids(text) {
            if !self.tenants.contains(&tenant) {
                self.tenants.push(tenant);
            }
        }
    }
}

/// The placeholder key of a part: namespace names stay distinct (two prefixes bound to one
/// name would make their attributes duplicates), so each masked one gets its own.
fn key_of(value: &str, namespace: bool, span: Span) -> String {
    if namespace {
        format!("{value}@{}", span.start)
    } else {
        value.to_owned()
    }
}

/// The length of a tenant ID (a GUID: 8-4-4-4-12 hex digits).
const TENANT_LEN: usize = 36;

/// Whether `value` is a GUID (`8-4-4-4-12` hex digits).
fn is_guid(value: &str) -> bool {
    value.len() == TENANT_LEN
        && value.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

/// Hosts whose first path segment is the tenant (Entra's sign-in and token endpoints, in
/// every national cloud), followed by `/` or `%2F`.
const TENANT_HOSTS: [&str; 7] = [
    "sts.windows.net",
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.windows.net",
    "login.microsoft.com",
    "login.partner.microsoftonline.cn",
    "login.chinacloudapi.cn",
];

/// The tenant IDs (lower case, in order of appearance, once each) that follow a tenant host
/// in `text`: `https://sts.windows.net/<tenant>/`, `login.microsoftonline.com/<tenant>/saml2`,
/// also percent-encoded (`…microsoftonline.com%2F<tenant>%2F…`).
fn tenant_ids(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut out: Vec<String> = Vec::new();
    for host in TENANT_HOSTS {
        for (at, _) in lower.match_indices(host) {
            let rest = &lower[at + host.len()..];
            let Some(path) = rest.strip_prefix('/').or_else(|| rest.strip_prefix("%2f")) else {
                continue;
            };
            if let Some(id) = path.get(..TENANT_LEN).filter(|id| is_guid(id))
                && !out.iter().any(|t| t == id)
            {
                out.push(id.to_owned());
            }
        }
    }
    out
}

/// Every occurrence of one of `tenants` (lower case) in `text`, any case, as a whole ID (not
/// inside a longer run of hex digits), sorted and apart.
fn occurrences(text: &str, tenants: &[String]) -> Vec<Span> {
    if tenants.is_empty() {
        return Vec::new();
    }
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    let mut out = Vec::new();
    for tenant in tenants {
        for (at, _) in lower.match_indices(tenant.as_str()) {
            let end = at + tenant.len();
            let before = at.checked_sub(1).is_some_and(|i| word(bytes[i]));
            let after = bytes.get(end).is_some_and(|&b| word(b));
            if !before && !after {
                out.push(Span::new(at, end));
            }
        }
    }
    crate::sort::sort_by(&mut out, &|a, b| a.start.cmp(&b.start));
    out
}

/// Why nothing of this input may be shared, not even a redacted copy: it holds a private key.
/// The page turns Share off with this sentence; `None` when a redacted copy may be made.
pub fn share_refusal(report: &Report) -> Option<&'static str> {
    report.holds_private_key().then_some(
        "This is a private key: it stays on this page and is never shared, not even redacted.",
    )
}

/// What of `report`'s text is private key material, to be masked whatever the options.
fn private_key_regions(report: &Report) -> Vec<Region> {
    let text = report.text();
    let mut spans = crate::private_key::blocks(text);
    let bare_key = report.private_key_bundle
        || report
            .keys
            .iter()
            .any(|k| matches!(k, KeyMaterial::PrivateKey(_)));
    if spans.is_empty() && bare_key {
        // Base64 or binary DER of a key, without armour: all of it is the key.
        spans.push(Span::new(0, text.len()));
    }
    let parts: Vec<Part> = match &report.document {
        // In XML only character data is masked, so that the markup stays as it was, even
        // around a key block whose END line is missing (it runs to the end of the text).
        Some(doc) => in_character_data(doc, &spans),
        None => spans
            .into_iter()
            .enumerate()
            .map(|(key, span)| Part {
                key,
                span,
                namespace: false,
            })
            .collect(),
    };
    parts
        .into_iter()
        .map(|part| Region {
            span: part.span,
            what: Some(What::PrivateKey),
            // Namespace names stay distinct (two prefixes bound to one name would make their
            // attributes duplicates): each masked one gets a placeholder of its own.
            key: if part.namespace {
                format!("{}@{}", part.key, part.span.start)
            } else {
                part.key.to_string()
            },
            at: "@",
        })
        .collect()
}

/// The parts of `keys` (sorted, disjoint) that lie in character data — text, the content of
/// CDATA sections, comments and processing instructions, attribute values and namespace
/// names, the XML declaration and the DOCTYPE (these two masked whole) —, each with the index
/// of its key. One pass over the tree.
fn in_character_data(doc: &Document, keys: &[Span]) -> Vec<Part> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut next = 0;
    // Character data comes in document order, so the keys are walked alongside it.
    let mut visit = |data: Span, how: Within| {
        while keys.get(next).is_some_and(|k| k.end <= data.start) {
            next += 1;
        }
        for (i, key) in keys.iter().enumerate().skip(next) {
            if key.start >= data.end {
                break;
            }
            let part = Span::new(key.start.max(data.start), key.end.min(data.end));
            if part.is_empty() {
                continue;
            }
            out.push(Part {
                key: i,
                span: if how == Within::Whole { data } else { part },
                namespace: how == Within::Namespace,
            });
            if how == Within::Whole {
                break;
            }
        }
    };
    // The XML declaration is no node of the tree, but its text is text too. A key in it is
    // masked with all of it (a key without END marker would take its closing quote along):
    // `<?xml [redacted-private-key-1]?>` is still a declaration.
    if let Some(declaration) = doc.declaration().filter(|d| d.len() > 8) {
        // `<?xml ` … `?>`
        visit(
            Span::new(declaration.start + 6, declaration.end - 2),
            Within::Whole,
        );
    }
    // Nor is the DOCTYPE (`<!DOCTYPE` … `>`), whose literals may hold anything: masked whole
    // likewise (`<!DOCTYPE [redacted-private-key-1]>`), and visited in its place, after the
    // comments and processing instructions before it.
    let mut doctype = doc
        .doctype()
        .filter(|d| d.len() > 11)
        .map(|d| Span::new(d.start + 10, d.end - 1));
    for id in doc.all() {
        let span = doc.span(id);
        if let Some(inner) = doctype.filter(|d| d.start < span.start) {
            visit(inner, Within::Whole);
            doctype = None;
        }
        match doc.kind(id) {
            NodeKind::Element => {
                if let Some(e) = doc.element(id) {
                    // Attribute values and namespace declarations' URIs, in document order.
                    let mut values = e
                        .attributes()
                        .map(|a| (a.value_span(), Within::Data))
                        .peekable();
                    // (`xmlns:xml` can only name the XML namespace: it is left as written.)
                    let mut uris = e
                        .namespace_declarations()
                        .filter(|d| d.prefix != "xml")
                        .map(|d| (declaration_value(text, d.span), Within::Namespace))
                        .peekable();
                    while let Some((next, how)) = match (values.peek(), uris.peek()) {
                        (Some(v), Some(u)) if u.0.start < v.0.start => uris.next(),
                        (Some(_), _) => values.next(),
                        (None, _) => uris.next(),
                    } {
                        visit(next, how);
                    }
                }
            }
            NodeKind::Text => visit(span, Within::Data),
            // `<![CDATA[` … `]]>`, `<!--` … `-->`.
            NodeKind::CData => visit(
                Span::new(span.start + 9, span.end.saturating_sub(3)),
                Within::Data,
            ),
            NodeKind::Comment => visit(
                Span::new(span.start + 4, span.end.saturating_sub(3)),
                Within::Data,
            ),
            // `<?target` … `?>`: what follows the target.
            NodeKind::ProcessingInstruction => {
                let raw = span.slice(text);
                if let Some(space) = raw.find(char::is_whitespace) {
                    visit(
                        Span::new(span.start + space, span.end.saturating_sub(2)),
                        Within::Data,
                    );
                }
            }
            NodeKind::Document => {}
        }
    }
    out
}

/// How a stretch of character data holding part of a key is masked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Within {
    /// The part of the key in it.
    Data,
    /// The part of the key in it, with a placeholder of its own (a namespace name).
    Namespace,
    /// All of it (the XML declaration, the DOCTYPE: their markup is inside).
    Whole,
}

/// A part of a private key that lies in character data.
struct Part {
    /// Which key (index in document order).
    key: usize,
    /// Where.
    span: Span,
    /// In a namespace declaration's value.
    namespace: bool,
}

/// The value of the namespace declaration written at `span` (`xmlns:p="value"`): between its
/// quotes.
fn declaration_value(text: &str, span: Span) -> Span {
    let raw = span.slice(text);
    match raw.find(['"', '\'']) {
        Some(quote) if raw.len() > quote + 1 => Span::new(span.start + quote + 1, span.end - 1),
        _ => Span::new(span.end, span.end),
    }
}

/// Kinds of masked values (each numbers its placeholders on its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum What {
    NameId,
    Name,
    Attribute,
    SessionIndex,
    ClientAddress,
    SignatureValue,
    Certificate,
    Email,
    PrivateKey,
    Tenant,
}

impl What {
    const fn label(self) -> &'static str {
        match self {
            Self::NameId => "name-id",
            Self::Name => "name",
            Self::Attribute => "attribute",
            Self::SessionIndex => "session-index",
            Self::ClientAddress => "address",
            Self::SignatureValue => "signature-value",
            Self::Certificate => "certificate",
            Self::Email => "email",
            Self::PrivateKey => "private-key",
            Self::Tenant => "tenant",
        }
    }
}

/// A region of the text that belongs to a field: masked (`what` is Some) or kept as written
/// (its option is off; the e-mail scan leaves it alone too).
#[derive(Clone, Debug)]
struct Region {
    span: Span,
    what: Option<What>,
    /// The value, for numbering (equal values, equal placeholders).
    key: String,
    /// Separator of an e-mail found by the scan (`@` or `%40`), kept in its placeholder.
    at: &'static str,
}

impl Region {
    /// A tenant ID at `span`, numbered by `key`.
    fn tenant(span: Span, key: String) -> Self {
        Self {
            span,
            what: Some(What::Tenant),
            key,
            at: "@",
        }
    }
}

fn structured_regions(doc: &Document, options: &RedactOptions) -> Vec<Region> {
    let mut out = Vec::new();
    let on = |flag: bool, what: What| flag.then_some(what);
    for id in doc.all() {
        let Some(e) = doc.element(id) else {
            continue;
        };
        match e.local_name() {
            "NameID" | "NameIdentifier" => {
                leaf_regions(doc, id, on(options.name_id, What::NameId), &mut out);
            }
            "AttributeValue" => {
                let attribute = e.parent_element().filter(|p| p.local_name() == "Attribute");
                let name_claim = attribute.is_some_and(|a| {
                    is_name_claim(
                        a.attr("Name").or_else(|| a.attr("AttributeName")),
                        a.attr("FriendlyName"),
                    )
                });
                let tenant_claim = attribute.is_some_and(|a| {
                    is_tenant_claim(a.attr("Name").or_else(|| a.attr("AttributeName")))
                }) && is_guid(e.text_content().trim());
                let what = if tenant_claim && options.tenant_id {
                    Some(What::Tenant)
                } else if name_claim {
                    on(options.names, What::Name)
                } else {
                    on(options.attribute_values, What::Attribute)
                };
                leaf_regions(doc, id, what, &mut out);
            }
            "SessionIndex" => {
                leaf_regions(
                    doc,
                    id,
                    on(options.session_index, What::SessionIndex),
                    &mut out,
                );
            }
            "SignatureValue" => {
                let what = on(options.signature_values, What::SignatureValue);
                leaf_regions(doc, id, what, &mut out);
            }
            "X509Certificate" => {
                let what = on(options.signature_values, What::Certificate);
                leaf_regions(doc, id, what, &mut out);
            }
            _ => {}
        }
        if let Some(attr) = e.attribute("SessionIndex") {
            push_trimmed(
                doc.text(),
                attr.value_span(),
                attr.value(),
                on(options.session_index, What::SessionIndex),
                &mut out,
            );
        }
        let address_names: &[&str] = match e.local_name() {
            "SubjectConfirmationData" => &["Address"],
            "SubjectLocality" => &["Address", "DNSName", "IPAddress", "DNSAddress"],
            _ => &[],
        };
        for name in address_names {
            if let Some(attr) = e.attribute(name) {
                push_trimmed(
                    doc.text(),
                    attr.value_span(),
                    attr.value(),
                    on(options.client_addresses, What::ClientAddress),
                    &mut out,
                );
            }
        }
    }
    out
}

/// The character data of element `id`: its whole content when it has no child element (text,
/// CDATA and comments splitting it become one placeholder); otherwise each text node and each
/// leaf descendant on its own (a NameID inside an AttributeValue keeps its own kind).
fn leaf_regions(doc: &Document, id: NodeId, what: Option<What>, out: &mut Vec<Region>) {
    let Some(element) = doc.element(id) else {
        return;
    };
    if element.end_tag().is_none() {
        return; // <x/>: nothing to mask
    }
    if element.child_elements().next().is_none() {
        let key = element.text_content();
        push_trimmed(doc.text(), element.content_span(), &key, what, out);
        return;
    }
    for child in doc.children(id) {
        match doc.kind(child) {
            NodeKind::Text | NodeKind::CData => {
                let value = doc.node_text(child).unwrap_or("");
                if !value.trim().is_empty() {
                    push_trimmed(doc.text(), doc.span(child), value, what, out);
                }
            }
            NodeKind::Element => {
                let named = doc
                    .element(child)
                    .is_some_and(|c| matches!(c.local_name(), "NameID" | "NameIdentifier"));
                if !named {
                    leaf_regions(doc, child, what, out);
                }
            }
            _ => {}
        }
    }
}

/// Adds the region of `span` without the whitespace around it (indentation is kept).
fn push_trimmed(text: &str, span: Span, value: &str, what: Option<What>, out: &mut Vec<Region>) {
    let Some(raw) = text.get(span.start..span.end) else {
        return;
    };
    let start = span.start + (raw.len() - raw.trim_start().len());
    let end = span.end - (raw.len() - raw.trim_end().len());
    if start >= end {
        return;
    }
    out.push(Region {
        span: Span::new(start, end),
        what,
        key: value.trim().to_owned(),
        at: "@",
    });
}

/// Whether an Attribute's Name is Entra's tenant ID claim.
fn is_tenant_claim(name: Option<&str>) -> bool {
    name.is_some_and(|n| {
        let n = n.trim();
        n == "http://schemas.microsoft.com/identity/claims/tenantid" || n == "tid"
    })
}

/// Whether an Attribute's Name or FriendlyName is a person's name claim.
fn is_name_claim(name: Option<&str>, friendly: Option<&str>) -> bool {
    const OIDS: [&str; 5] = [
        "urn:oid:2.5.4.42",                  // givenName
        "urn:oid:2.5.4.4",                   // sn
        "urn:oid:2.5.4.3",                   // cn
        "urn:oid:2.16.840.1.113730.3.1.241", // displayName
        "urn:oid:2.5.4.65",                  // pseudonym
    ];
    const NAMES: [&str; 20] = [
        "givenname",
        "given_name",
        "firstname",
        "first_name",
        "surname",
        "sn",
        "lastname",
        "last_name",
        "familyname",
        "family_name",
        "displayname",
        "display_name",
        "name",
        "cn",
        "commonname",
        "fullname",
        "full_name",
        "middlename",
        "middle_name",
        "nickname",
    ];
    let is_name = |value: &str| {
        let value = value.trim();
        if OIDS.contains(&value) {
            return true;
        }
        let last = value
            .rsplit(['/', ':', '#', '.'])
            .next()
            .unwrap_or(value)
            .to_ascii_lowercase();
        NAMES.contains(&last.as_str())
    };
    name.is_some_and(is_name) || friendly.is_some_and(is_name)
}

/// Masks `regions` (document order, possibly overlapping: the first wins), then the parts of
/// `tenants` (sorted, apart) outside the masked regions — also inside a field kept as written:
/// a tenant ID is masked wherever it occurs —, and, when asked, every e-mail address outside
/// them all.
fn apply(
    text: &str,
    mut regions: Vec<Region>,
    tenants: Vec<Region>,
    options: &RedactOptions,
    structured: bool,
    names: &mut Placeholders,
) -> Redaction {
    crate::sort::sort_by(&mut regions, &|a, b| {
        (a.span.start, b.span.end).cmp(&(b.span.start, a.span.end))
    });
    let mut fields: Vec<Region> = Vec::with_capacity(regions.len());
    for region in regions {
        if fields
            .last()
            .is_none_or(|last| region.span.start >= last.span.end)
        {
            fields.push(region);
        }
    }
    let masked: Vec<Region> = fields
        .iter()
        .filter(|r| r.what.is_some())
        .cloned()
        .collect();
    let tenants: Vec<Region> = tenants
        .into_iter()
        .filter(|t| !overlaps(&masked, t.span))
        .collect();
    let emails = if options.emails {
        scan_emails(text)
            .into_iter()
            .filter(|e| !overlaps(&fields, e.span) && !overlaps(&tenants, e.span))
            .collect()
    } else {
        Vec::new()
    };
    let mut all = merge(merge(masked, tenants), emails);
    all.retain(|r| r.what.is_some());

    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for region in &all {
        let Some(what) = region.what else { continue };
        out.push_str(&text[at..region.span.start]);
        out.push_str(&names.get(what, &region.key, region.at));
        at = region.span.end;
    }
    out.push_str(&text[at..]);
    Redaction {
        text: out,
        masked: all.len(),
        structured,
    }
}

/// Whether `span` overlaps one of `sorted` (sorted, disjoint).
fn overlaps(sorted: &[Region], span: Span) -> bool {
    let i = sorted.partition_point(|r| r.span.end <= span.start);
    sorted.get(i).is_some_and(|r| r.span.start < span.end)
}

/// Merges two sorted, disjoint lists that do not overlap each other.
fn merge(a: Vec<Region>, b: Vec<Region>) -> Vec<Region> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for region in a {
        while let Some(next) = b.next_if(|n| n.span.start < region.span.start) {
            out.push(next);
        }
        out.push(region);
    }
    out.extend(b);
    out
}

/// Placeholder numbering: per kind, in order of first appearance; e-mail addresses compared
/// without case.
#[derive(Default)]
struct Placeholders {
    seen: HashMap<(What, String), usize>,
    counts: HashMap<What, usize>,
}

impl Placeholders {
    fn get(&mut self, what: What, key: &str, at: &str) -> String {
        let email = what == What::Email || is_email(key);
        let (what, key) = if email {
            (What::Email, key.replace("%40", "@").to_ascii_lowercase())
        } else if what == What::Tenant {
            (what, key.to_ascii_lowercase())
        } else {
            (what, key.to_owned())
        };
        let next = self.counts.get(&what).copied().unwrap_or(0) + 1;
        let n = *self.seen.entry((what, key)).or_insert_with(|| {
            self.counts.insert(what, next);
            next
        });
        if email {
            format!("user{n}{at}redacted.example")
        } else {
            format!("[redacted-{}-{n}]", what.label())
        }
    }
}

const fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-')
}

const fn is_domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// Whether `value` is one e-mail address (nothing around it).
fn is_email(value: &str) -> bool {
    let found = scan_emails(value);
    found.len() == 1 && found[0].span == Span::new(0, value.len())
}

/// Every e-mail address in `text` (`local@domain.tld`, also `local%40domain.tld` as in URLs),
/// in order.
fn scan_emails(text: &str) -> Vec<Region> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    while i < bytes.len() {
        let sep = if bytes[i] == b'@' {
            1
        } else if bytes[i] == b'%'
            && bytes.get(i + 1) == Some(&b'4')
            && bytes.get(i + 2) == Some(&b'0')
        {
            3
        } else {
            i += 1;
            continue;
        };
        // The local part, back to the previous match at most.
        let mut start = i;
        while start > last_end && is_local_char(bytes[start - 1]) {
            start -= 1;
        }
        while start < i && bytes[start] == b'.' {
            start += 1;
        }
        // The domain: labels of letters, digits and hyphens, a dot-separated TLD of letters.
        let domain_start = i + sep;
        let mut end = domain_start;
        while end < bytes.len() && is_domain_char(bytes[end]) {
            end += 1;
        }
        while end > domain_start && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[domain_start..end];
        let labels_ok = domain.split('.').all(|l| !l.is_empty());
        let tld_ok = domain
            .rsplit_once('.')
            .is_some_and(|(_, tld)| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if start < i && labels_ok && tld_ok {
            out.push(Region {
                span: Span::new(start, end),
                what: Some(What::Email),
                key: text[start..end].to_owned(),
                at: if sep == 1 { "@" } else { "%40" },
            });
            last_end = end;
            i = end;
        } else {
            i += sep;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, Timestamp, inspect};

    fn report(text: &str) -> Report {
        inspect(text, &Context::new(Timestamp(0)))
    }

    #[test]
    fn every_kind_of_placeholder_is_recognised() {
        for what in [
            What::NameId,
            What::Name,
            What::Attribute,
            What::SessionIndex,
            What::ClientAddress,
            What::SignatureValue,
            What::Certificate,
            What::PrivateKey,
            What::Tenant,
        ] {
            let mut names = Placeholders::default();
            let placeholder = names.get(what, "value", "@");
            assert!(is_placeholder(&placeholder), "{placeholder}");
            assert_eq!(count_placeholders(&format!("<a>{placeholder}</a>")), 1);
        }
        let mut names = Placeholders::default();
        assert!(is_placeholder(&names.get(What::Email, "a@b.example", "@")));
        assert!(is_placeholder(&names.get(
            What::Email,
            "a%40b.example",
            "%40"
        )));
        assert_eq!(
            count_placeholders("x user12@redacted.example y user3%40redacted.example"),
            2
        );
        for not in [
            "[redacted-]",
            "[redacted-name-id-]",
            "[redacted-foo-1]",
            "user@redacted.example",
            "userx1@redacted.example",
            "[redacted-name-id-1",
        ] {
            assert!(!is_placeholder(not), "{not}");
        }
        assert_eq!(count_placeholders("é[redacted-name-id-1]ü"), 1);
    }

    fn parses(text: &str) -> bool {
        crate::xml::parse(text.to_owned()).is_ok()
    }

    const RESPONSE: &str = r##"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" Destination="https://sp.example/acs?hint=ann.smith%40corp.example">
  <saml:Issuer>https://idp.example/</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/><samlp:StatusMessage>for Ann.Smith@Corp.example</samlp:StatusMessage></samlp:Status>
  <saml:Assertion ID="_a" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
    <saml:Issuer>https://idp.example/</saml:Issuer>
    <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="#_a"><ds:DigestValue>ZGlnZXN0</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>
      c2lnbmF0dXJl
    </ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>Y2VydA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>
    <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">ann.smith@corp.example</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="https://sp.example/acs" Address="203.0.113.7"/></saml:SubjectConfirmation></saml:Subject>
    <saml:AttributeStatement>
      <saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"><saml:AttributeValue>Ann</saml:AttributeValue></saml:Attribute>
      <saml:Attribute Name="urn:oid:2.5.4.4" FriendlyName="sn"><saml:AttributeValue>Smith &amp; Co</saml:AttributeValue></saml:Attribute>
      <saml:Attribute Name="department"><saml:AttributeValue>Finance</saml:AttributeValue><saml:AttributeValue>Finance</saml:AttributeValue><saml:AttributeValue/></saml:Attribute>
      <saml:Attribute Name="mail"><saml:AttributeValue>ann.smith@corp.example</saml:AttributeValue></saml:Attribute>
      <saml:Attribute Name="eduPersonTargetedID"><saml:AttributeValue><saml:NameID>opaque-42</saml:NameID></saml:AttributeValue></saml:Attribute>
    </saml:AttributeStatement>
    <saml:AuthnStatement AuthnInstant="2026-01-01T00:00:00Z" SessionIndex="_session7"><saml:SubjectLocality Address="203.0.113.7" DNSName="ann-laptop.corp.example"/></saml:AuthnStatement>
  </saml:Assertion>
</samlp:Response>"##;

    #[test]
    fn masks_every_kind_by_default_and_stays_well_formed() {
        let out = redaction(&report(RESPONSE), &RedactOptions::default());
        assert!(out.structured);
        let text = &out.text;
        assert!(parses(text), "{text}");
        for gone in [
            "ann.smith",
            "Ann.Smith",
            "smith%40corp",
            ">Ann<",
            "Smith &amp; Co",
            "Finance",
            "opaque-42",
            "_session7",
            "203.0.113.7",
            "ann-laptop",
            "c2lnbmF0dXJl",
            "Y2VydA==",
        ] {
            assert!(!text.contains(gone), "{gone} left in\n{text}");
        }
        // The NameID, the mail claim and the StatusMessage name one address: one placeholder.
        assert_eq!(text.matches("user1@redacted.example").count(), 3, "{text}");
        assert!(text.contains("hint=user1%40redacted.example"), "{text}");
        assert!(text.contains(">[redacted-name-1]<"));
        assert!(text.contains(">[redacted-name-2]<"));
        // Equal values, equal placeholders.
        assert_eq!(
            text.matches(">[redacted-attribute-1]<").count(),
            2,
            "{text}"
        );
        assert!(
            text.contains("<saml:NameID>[redacted-name-id-1]</saml:NameID>"),
            "{text}"
        );
        assert!(text.contains(r#"SessionIndex="[redacted-session-index-1]""#));
        // The same IP address in both places: one placeholder.
        assert!(
            text.contains(r#"Recipient="https://sp.example/acs" Address="[redacted-address-1]""#)
        );
        assert!(text.contains(
            r#"<saml:SubjectLocality Address="[redacted-address-1]" DNSName="[redacted-address-2]"/>"#
        ));
        assert!(text.contains("<ds:X509Certificate>[redacted-certificate-1]<"));
        // Indentation around a value is kept.
        assert!(text.contains("<ds:SignatureValue>\n      [redacted-signature-value-1]\n    </"));
        // What is not personal stays.
        assert!(text.contains("<saml:Issuer>https://idp.example/</saml:Issuer>"));
        assert!(text.contains("ZGlnZXN0"));
        assert!(text.contains(r#"Name="urn:oid:2.5.4.4" FriendlyName="sn""#));
        assert!(text.contains("<saml:AttributeValue/>"));
        assert_eq!(out.masked, 15, "{text}");
    }

    #[test]
    fn the_redacted_copy_is_still_the_same_message() {
        let original = report(RESPONSE);
        let redacted = report(&redact(&original, &RedactOptions::default()));
        assert_eq!(redacted.kind, original.kind);
        assert_eq!(redacted.summary.issuer, original.summary.issuer);
        assert_eq!(
            redacted.summary.attributes.len(),
            original.summary.attributes.len()
        );
    }

    #[test]
    fn each_option_keeps_its_values_when_off() {
        let r = report(RESPONSE);
        let keep_name_id = redact(
            &r,
            &RedactOptions {
                name_id: false,
                ..RedactOptions::ALL
            },
        );
        // Kept as written although it is an e-mail address; the other copies are masked.
        assert!(keep_name_id.contains(">ann.smith@corp.example</saml:NameID>"));
        assert!(keep_name_id.contains("<saml:NameID>opaque-42</saml:NameID>"));
        assert!(!keep_name_id.contains(">ann.smith@corp.example</saml:AttributeValue>"));

        let keep_names = redact(
            &r,
            &RedactOptions {
                names: false,
                ..RedactOptions::ALL
            },
        );
        assert!(keep_names.contains(">Ann<") && keep_names.contains("Smith &amp; Co"));
        assert!(!keep_names.contains("Finance"));

        let keep_values = redact(
            &r,
            &RedactOptions {
                attribute_values: false,
                ..RedactOptions::ALL
            },
        );
        assert!(keep_values.contains("Finance"));
        assert!(!keep_values.contains(">Ann<"));

        let keep_session = redact(
            &r,
            &RedactOptions {
                session_index: false,
                ..RedactOptions::ALL
            },
        );
        assert!(keep_session.contains(r#"SessionIndex="_session7""#));

        let keep_addresses = redact(
            &r,
            &RedactOptions {
                client_addresses: false,
                ..RedactOptions::ALL
            },
        );
        assert!(keep_addresses.contains(r#"Address="203.0.113.7""#));
        assert!(keep_addresses.contains(r#"DNSName="ann-laptop.corp.example""#));

        let keep_signatures = redact(
            &r,
            &RedactOptions {
                signature_values: false,
                ..RedactOptions::ALL
            },
        );
        assert!(keep_signatures.contains("c2lnbmF0dXJl") && keep_signatures.contains("Y2VydA=="));

        let keep_emails = redact(
            &r,
            &RedactOptions {
                emails: false,
                ..RedactOptions::ALL
            },
        );
        assert!(keep_emails.contains("for Ann.Smith@Corp.example"));
        assert!(keep_emails.contains("hint=ann.smith%40corp.example"));
        assert!(!keep_emails.contains(">ann.smith@corp.example</saml:NameID>"));

        assert_eq!(redact(&r, &RedactOptions::NONE), r.text());
    }

    #[test]
    fn non_xml_input_gets_emails_only() {
        let r = report("not SAML: mail bob@example.org or Bob@Example.org, not a@b or x@y.z1");
        assert!(r.document.is_none());
        let out = redaction(&r, &RedactOptions::default());
        assert!(!out.structured);
        assert_eq!(out.masked, 2);
        assert!(
            out.text.ends_with(
                "mail user1@redacted.example or user1@redacted.example, not a@b or x@y.z1"
            ),
            "{}",
            out.text
        );

        // Malformed XML: no tree, the e-mail scan still runs.
        let broken = report("<samlp:Response><saml:NameID>eve@corp.example</saml:NameID>");
        assert!(broken.document.is_none());
        let out = redaction(&broken, &RedactOptions::default());
        assert!(!out.structured);
        assert!(!out.text.contains("eve@corp.example"), "{}", out.text);
    }

    #[test]
    fn comments_and_cdata_inside_a_value_are_masked_with_it() {
        let xml = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Subject><saml:NameID>admin<!-- x -->.evil</saml:NameID></saml:Subject><saml:AttributeStatement><saml:Attribute Name="role"><saml:AttributeValue><![CDATA[a<b]]></saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>"#;
        let text = redact(&report(xml), &RedactOptions::default());
        assert!(parses(&text), "{text}");
        assert!(
            text.contains("<saml:NameID>[redacted-name-id-1]</saml:NameID>"),
            "{text}"
        );
        assert!(
            text.contains("<saml:AttributeValue>[redacted-attribute-1]</"),
            "{text}"
        );
        assert!(!text.contains("evil") && !text.contains("CDATA"));
    }

    #[test]
    fn email_scan_boundaries() {
        let found =
            |t: &str| -> Vec<String> { scan_emails(t).into_iter().map(|r| r.key).collect() };
        assert_eq!(
            found("mailto:j.doe+tag@mail.example.com."),
            ["j.doe+tag@mail.example.com"]
        );
        assert_eq!(found("<a>x@y.io</a>"), ["x@y.io"]);
        assert_eq!(found("a@b@c.org"), ["b@c.org"]);
        assert_eq!(found("u%40d.example&x=1"), ["u%40d.example"]);
        assert!(found("@example.com x@ @ %40 x@localhost x@1.2.3.4").is_empty());
        assert!(is_email("jordan.lee@contoso.com") && !is_email(" a@b.cd x"));
    }

    #[test]
    fn name_claims() {
        let claim = |n: &str| is_name_claim(Some(n), None);
        assert!(claim(
            "http://schemas.microsoft.com/identity/claims/displayname"
        ));
        assert!(claim(
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
        ));
        assert!(claim("urn:oid:2.5.4.42") && claim("givenName") && claim("sn"));
        assert!(is_name_claim(Some("urn:oid:9.9"), Some("displayName")));
        assert!(!claim(
            "http://schemas.microsoft.com/identity/claims/tenantid"
        ));
        assert!(!claim("urn:oid:2.5.4.10") && !claim("username") && !claim("mail"));
    }

    const TENANT: &str = "7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38";

    /// An Entra response naming its tenant in the Issuers (once in capitals), the `tenantid`
    /// claim, a URL claim and a comment.
    fn tenant_response() -> String {
        format!(
            concat!(
                r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" Destination="https://app.example.com/acs">"#,
                r#"<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/{upper}/</Issuer>"#,
                r#"<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">"#,
                r#"<Issuer>https://sts.windows.net/{t}/</Issuer><Subject><NameID>jordan@contoso.com</NameID></Subject>"#,
                r#"<AttributeStatement><Attribute Name="http://schemas.microsoft.com/identity/claims/tenantid"><AttributeValue>{t}</AttributeValue></Attribute>"#,
                r#"<Attribute Name="http://schemas.microsoft.com/identity/claims/identityprovider"><AttributeValue>https://login.microsoftonline.com/{t}/saml2</AttributeValue></Attribute>"#,
                r#"</AttributeStatement><!-- tenant {t} --></Assertion></samlp:Response>"#
            ),
            t = TENANT,
            upper = TENANT.to_ascii_uppercase()
        )
    }

    #[test]
    fn the_tenant_is_masked_everywhere_with_one_placeholder() {
        let original = report(&tenant_response());
        let has_tenant = |text: &str| text.to_ascii_lowercase().contains(TENANT);
        // Every option: no trace of the tenant, one placeholder for all its spellings.
        let text = redact(&original, &RedactOptions::ALL);
        assert!(parses(&text), "{text}");
        assert!(!has_tenant(&text), "{text}");
        assert!(
            text.contains("<Issuer>https://sts.windows.net/[redacted-tenant-1]/</Issuer>"),
            "{text}"
        );
        assert_eq!(text.matches("[redacted-tenant-1]").count(), 4, "{text}");
        assert!(!text.contains("[redacted-tenant-2]"), "{text}");
        assert!(text.contains("<AttributeValue>[redacted-tenant-1]</AttributeValue>"));
        // Only the tenant: masked inside values that are otherwise kept as written.
        let only_tenant = RedactOptions {
            tenant_id: true,
            ..RedactOptions::NONE
        };
        let text = redact(&original, &only_tenant);
        assert!(parses(&text), "{text}");
        assert!(!has_tenant(&text), "{text}");
        assert!(text.contains(
            "<AttributeValue>https://login.microsoftonline.com/[redacted-tenant-1]/saml2</AttributeValue>"
        ));
        assert!(text.contains("<NameID>jordan@contoso.com</NameID>"));
        // The tenant unticked: the Issuer names it; the claim is an attribute value like any.
        let no_tenant = RedactOptions {
            tenant_id: false,
            ..RedactOptions::ALL
        };
        let text = redact(&original, &no_tenant);
        assert!(text.contains(&format!(
            "<Issuer>https://sts.windows.net/{TENANT}/</Issuer>"
        )));
        assert!(text.contains("<AttributeValue>[redacted-attribute-1]</AttributeValue>"));
        assert!(!text.contains("[redacted-tenant"), "{text}");
    }

    #[test]
    fn settings_get_the_placeholders_of_the_message() {
        let original = report(&tenant_response());
        let mut redactor = Redactor::new(RedactOptions::ALL);
        let message = redactor.redact(&original).text;
        assert!(message.contains("user1@redacted.example"), "{message}");
        let metadata = format!(
            "https://login.microsoftonline.com/{}/federationmetadata/2007-06/federationmetadata.xml?appid=1",
            TENANT.to_ascii_uppercase()
        );
        assert_eq!(
            redactor.redact_setting(&metadata),
            "https://login.microsoftonline.com/[redacted-tenant-1]/federationmetadata/2007-06/federationmetadata.xml?appid=1"
        );
        assert_eq!(
            redactor.redact_setting(&format!("https://sts.windows.net/{TENANT}/")),
            "https://sts.windows.net/[redacted-tenant-1]/"
        );
        // Another tenant, another placeholder; the user's address, the message's placeholder.
        assert_eq!(
            redactor.redact_setting(
                "https://sts.windows.net/00000000-1111-2222-3333-444444444444/ jordan@contoso.com"
            ),
            "https://sts.windows.net/[redacted-tenant-2]/ user1@redacted.example"
        );
        // A setting that holds a private key never travels.
        let key = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/xmlenc/sp.key"
        ))
        .expect("key");
        assert_eq!(redactor.redact_setting(&format!("https://a/\n{key}")), "");
        // Nothing asked, nothing masked.
        let mut none = Redactor::new(RedactOptions::NONE);
        assert_eq!(none.redact_setting(&metadata), metadata);
    }

    #[test]
    fn tenant_ids_follow_sign_in_hosts() {
        assert_eq!(
            tenant_ids(&format!(
                "https%3A%2F%2Flogin.microsoftonline.com%2F{TENANT}%2Fsaml2 https://example.com/{TENANT}/"
            )),
            [TENANT]
        );
        assert!(tenant_ids("https://sts.windows.net/not-a-guid/").is_empty());
        // A longer hex run is not the ID.
        assert!(occurrences(&format!("{TENANT}0"), &[TENANT.to_owned()]).is_empty());
        assert_eq!(
            occurrences(&format!("/{TENANT}/"), &[TENANT.to_owned()]).len(),
            1
        );
    }

    #[test]
    fn base_response_fixture() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/base_response.xml"
        );
        let xml = std::fs::read_to_string(path).expect("fixture");
        let original = report(&xml);
        assert!(original.document.is_some());
        let text = redact(&original, &RedactOptions::default());
        assert!(parses(&text), "{text}");
        assert!(!text.contains("b.simon"), "{text}");
        let again = report(&text);
        assert_eq!(again.kind, original.kind);
        // The Issuer names the tenant: masked too.
        assert_eq!(
            again.summary.issuer.as_deref(),
            Some("https://sts.windows.net/[redacted-tenant-1]/")
        );
        assert_eq!(
            again.summary.name_id.as_deref(),
            Some("user1@redacted.example")
        );
    }
}
