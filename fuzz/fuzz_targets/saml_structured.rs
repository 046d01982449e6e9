//! Structure-aware: `arbitrary` builds SAML-shaped documents — Response / AuthnRequest /
//! LogoutRequest / LogoutResponse / a bare Assertion, with Assertions, Issuers, Subjects,
//! Conditions, AuthnStatements, Attributes, IDs drawn from a small pool (so that they collide
//! and references resolve), wrappers that move an Assertion where signature wrapping puts it
//! (Extensions, a Signature's Object) — and Signatures placed anywhere, referencing any
//! element, with any transforms and algorithms. A signature marked real is made for real:
//! its digests are computed over the core's own canonical bytes, and SignedInfo is signed
//! with the fixtures' TEST-ONLY RSA or P-256 key, so the fuzzer reaches the rules and the
//! verifier past the digest and the SignatureValue (then, sometimes, the document is
//! tampered with after signing).
//!
//! Checks: every report's invariants, in three contexts (nothing configured, the IdP
//! trusted, an attacker's key trusted); and sign-then-verify: a real signature, alone in its
//! document and not tampered with, whose key fits its algorithm and whose reference leaves
//! the SignatureValue out, never fails on its digest or its SignatureValue.
#![no_main]

use std::fmt::Write as _;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use p256::pkcs8::DecodePrivateKey as _;
use rsa::signature::{SignatureEncoding as _, Signer as _};
use samlscope_core::algorithms;
use samlscope_core::dsig::crypto::{DigestAlgorithm, digest};
use samlscope_core::dsig::{
    Failure, TrustAnchors, canonical_reference, canonical_signed_info, verify_all,
};
use samlscope_core::xml::{ns, parse};
use samlscope_core::{Context, Timestamp, inspect};
use samlscope_fuzz::{NOW, check_report, configured_context, keys, plain_context};

const SAMLP: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const DS: &str = ns::DS;

// ---------------------------------------------------------------------------------------------
// The shape of a document.

#[derive(Arbitrary, Debug)]
struct Input {
    root: Root,
    id: Id,
    version: Version,
    issue_instant: Time,
    destination: Option<Url>,
    in_response_to: Option<Id>,
    issuer: Option<Url>,
    status: Status,
    assertions: Vec<Assertion>,
    wrapper: Option<Wrapper>,
    signatures: Vec<Sig>,
    indent: bool,
    context: ContextKind,
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Root {
    Response,
    AuthnRequest,
    LogoutRequest,
    LogoutResponse,
    Assertion,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum ContextKind {
    Plain,
    Configured,
    Attacker,
}

/// IDs from a small pool, so that they repeat and references find them.
#[derive(Arbitrary, Debug, Clone)]
enum Id {
    Pool(u8),
    Invalid(u8),
    Raw(String),
}

impl Id {
    fn text(&self) -> String {
        match self {
            Self::Pool(n) => format!("_id{}", n % 6),
            Self::Invalid(n) => format!("{}bad id", n % 3),
            Self::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Version {
    V20,
    V11,
    Missing,
}

/// Times around [`NOW`], or raw text.
#[derive(Arbitrary, Debug, Clone)]
enum Time {
    Offset(i32),
    Millis(i32, u16),
    Raw(String),
}

impl Time {
    fn text(&self) -> String {
        match self {
            Self::Offset(s) => Timestamp(NOW.0 + i64::from(*s) * 1000).to_string(),
            Self::Millis(s, ms) => {
                Timestamp(NOW.0 + i64::from(*s) * 1000 + i64::from(*ms % 1000)).to_string()
            }
            Self::Raw(s) => s.clone(),
        }
    }
}

/// URLs that the configured contexts expect, near misses of them, and raw text.
#[derive(Arbitrary, Debug, Clone)]
enum Url {
    Sp,
    SpSlash,
    Acs,
    AcsHttp,
    Idp,
    OtherIdp,
    Entra,
    Timetrack,
    Raw(String),
}

impl Url {
    fn text(&self) -> String {
        match self {
            Self::Sp => "https://sp.example.test/saml".to_owned(),
            Self::SpSlash => "https://sp.example.test/saml/".to_owned(),
            Self::Acs => "https://sp.example.test/saml/acs".to_owned(),
            Self::AcsHttp => "http://SP.example.test:443/saml/acs?x=1".to_owned(),
            Self::Idp => "https://idp.example.test/".to_owned(),
            Self::OtherIdp => "https://idp.example.test/other".to_owned(),
            Self::Entra => {
                "https://sts.windows.net/2f6c1e8a-9b4d-4c37-a5e2-7d1f0b3c8e64/".to_owned()
            }
            Self::Timetrack => {
                "https://contoso.timetrackenterprise.com/api/v2/azure/callback".to_owned()
            }
            Self::Raw(s) => s.clone(),
        }
    }
}

/// A text value: plain, an e-mail address, empty, split by a comment, or raw markup.
#[derive(Arbitrary, Debug, Clone)]
enum Value {
    Text(String),
    Email(u8),
    Empty,
    Commented(String, String),
    Markup(String),
}

impl Value {
    fn write(&self, out: &mut String) {
        match self {
            Self::Text(s) => out.push_str(&escape(s)),
            Self::Email(n) => {
                let _ = write!(out, "user{}@example.test", n % 4);
            }
            Self::Empty => {}
            Self::Commented(a, b) => {
                let _ = write!(out, "{}<!--x-->{}", escape(a), escape(b));
            }
            Self::Markup(s) => out.push_str(s),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
enum Status {
    Success,
    Requester(Option<String>),
    Responder(Option<String>),
    Raw(String),
    Missing,
}

#[derive(Arbitrary, Debug, Clone)]
struct Assertion {
    id: Id,
    version: Version,
    issue_instant: Time,
    issuer: Option<Url>,
    subject: Option<Subject>,
    conditions: Vec<Conditions>,
    authn: Option<Authn>,
    attributes: Vec<Attribute>,
    namespace: AssertionNs,
}

/// How the assertion namespace is bound: its own prefix, the default namespace, inherited, or
/// missing (then the elements are outside SAML).
#[derive(Arbitrary, Debug, Clone, Copy)]
enum AssertionNs {
    Own,
    Default,
    Inherited,
    Missing,
}

#[derive(Arbitrary, Debug, Clone)]
struct Subject {
    name_id: Option<NameId>,
    confirmations: Vec<Confirmation>,
}

#[derive(Arbitrary, Debug, Clone)]
struct NameId {
    format: NameIdFormat,
    value: Value,
    sp_name_qualifier: Option<Url>,
}

#[derive(Arbitrary, Debug, Clone)]
enum NameIdFormat {
    Email,
    Persistent,
    Transient,
    Unspecified,
    Raw(String),
    Missing,
}

#[derive(Arbitrary, Debug, Clone)]
struct Confirmation {
    bearer: bool,
    not_before: Option<Time>,
    not_on_or_after: Option<Time>,
    recipient: Option<Url>,
    in_response_to: Option<Id>,
    address: Option<Value>,
}

#[derive(Arbitrary, Debug, Clone)]
struct Conditions {
    not_before: Option<Time>,
    not_on_or_after: Option<Time>,
    audiences: Vec<Vec<Url>>,
    one_time_use: bool,
}

#[derive(Arbitrary, Debug, Clone)]
struct Authn {
    instant: Time,
    session_index: Option<Value>,
    session_not_on_or_after: Option<Time>,
    class_ref: Option<ClassRef>,
}

#[derive(Arbitrary, Debug, Clone)]
enum ClassRef {
    Password,
    PasswordProtected,
    X509,
    Raw(String),
}

#[derive(Arbitrary, Debug, Clone)]
struct Attribute {
    name: AttributeName,
    friendly_name: Option<String>,
    values: Vec<Value>,
}

#[derive(Arbitrary, Debug, Clone)]
enum AttributeName {
    Mail,
    EmailClaim,
    GivenName,
    DisplayName,
    Groups,
    Raw(String),
}

impl AttributeName {
    fn text(&self) -> String {
        match self {
            Self::Mail => "mail".to_owned(),
            Self::EmailClaim => {
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress".to_owned()
            }
            Self::GivenName => {
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname".to_owned()
            }
            Self::DisplayName => {
                "http://schemas.microsoft.com/identity/claims/displayname".to_owned()
            }
            Self::Groups => {
                "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups".to_owned()
            }
            Self::Raw(s) => s.clone(),
        }
    }
}

/// Where signature wrapping moves an assertion.
#[derive(Arbitrary, Debug, Clone)]
enum Wrapper {
    /// A `samlp:Extensions` of the root holding an assertion.
    Extensions(Assertion),
    /// A `ds:Object` of the first signature holding an assertion.
    SignatureObject(Assertion),
}

// ---------------------------------------------------------------------------------------------
// Signatures.

#[derive(Arbitrary, Debug, Clone)]
struct Sig {
    host: Host,
    after_issuer: bool,
    references: Vec<RefTarget>,
    transforms: Vec<Transform>,
    c14n: C14n,
    digest: Digest,
    method: Method,
    key: Key,
    real: bool,
    tamper: Option<Tamper>,
}

/// The element the Signature goes in.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Host {
    Root,
    Assertion(u8),
}

#[derive(Arbitrary, Debug, Clone)]
enum RefTarget {
    Root,
    Assertion(u8),
    Whole,
    Id(Id),
    External,
    XPointer(u8),
    NoUri,
}

#[derive(Arbitrary, Debug, Clone)]
enum Transform {
    Enveloped,
    Exclusive(Vec<String>),
    Exclusive10WithComments,
    Inclusive10,
    Inclusive11,
    XPathExcludingSignatures,
    XPath,
    Xslt,
    Raw(String),
}

#[derive(Arbitrary, Debug, Clone)]
enum C14n {
    Exclusive(Vec<String>),
    ExclusiveWithComments,
    Inclusive10,
    Inclusive10WithComments,
    Inclusive11,
    Raw(String),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Digest {
    Sha1,
    Sha256,
    Sha512,
    MoreSha256,
    Unknown,
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Method {
    RsaSha256,
    RsaSha1,
    EcdsaSha256,
    HmacSha256,
    DsaSha1,
    RsaPss,
    Unknown,
}

#[derive(Arbitrary, Debug, Clone)]
enum Key {
    Rsa,
    Ec,
    Attacker,
    RsaKeyValue,
    Garbage(String),
    Missing,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Tamper {
    Reindent,
    ChangeName,
    AppendComment,
    FlipSignatureValue,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn attr(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, " {name}=\"{}\"", escape(value));
}

// ---------------------------------------------------------------------------------------------
// Writing the document, with placeholders for digests and signature values.

struct Writer<'i> {
    input: &'i Input,
    out: String,
    nl: &'static str,
    /// The assertion IDs, to resolve `RefTarget::Assertion`.
    assertion_ids: Vec<String>,
}

impl Writer<'_> {
    fn newline(&mut self) {
        self.out.push_str(self.nl);
    }

    fn version(&mut self, v: Version) {
        match v {
            Version::V20 => attr(&mut self.out, "Version", "2.0"),
            Version::V11 => attr(&mut self.out, "Version", "1.1"),
            Version::Missing => {}
        }
    }

    fn signatures_in(&mut self, host: Host, after_issuer: bool) {
        let sigs = self.input.signatures.iter().enumerate().take(3);
        let chosen: Vec<usize> = sigs
            .filter(|(_, s)| {
                s.after_issuer == after_issuer
                    && same_host(s.host, host, self.input.assertions.len().min(3))
            })
            .map(|(i, _)| i)
            .collect();
        for i in chosen {
            self.signature(i);
        }
    }

    fn signature(&mut self, index: usize) {
        let s = &self.input.signatures[index];
        let _ = write!(
            self.out,
            "<ds:Signature xmlns:ds=\"{DS}\" Id=\"sig{index}\"><ds:SignedInfo>"
        );
        let (c14n, prefixes) = match &s.c14n {
            C14n::Exclusive(p) => (algorithms::EXC_C14N.to_owned(), Some(p)),
            C14n::ExclusiveWithComments => (algorithms::EXC_C14N_WITH_COMMENTS.to_owned(), None),
            C14n::Inclusive10 => (algorithms::C14N10.to_owned(), None),
            C14n::Inclusive10WithComments => (algorithms::C14N10_WITH_COMMENTS.to_owned(), None),
            C14n::Inclusive11 => (algorithms::C14N11.to_owned(), None),
            C14n::Raw(r) => (r.clone(), None),
        };
        self.out.push_str("<ds:CanonicalizationMethod");
        attr(&mut self.out, "Algorithm", &c14n);
        match prefixes {
            Some(p) if !p.is_empty() => {
                let _ = write!(
                    self.out,
                    "><ec:InclusiveNamespaces xmlns:ec=\"{}\"",
                    algorithms::EXC_C14N
                );
                attr(
                    &mut self.out,
                    "PrefixList",
                    &p.iter().take(4).cloned().collect::<Vec<_>>().join(" "),
                );
                self.out.push_str("/></ds:CanonicalizationMethod>");
            }
            _ => self.out.push_str("/>"),
        }
        self.out.push_str("<ds:SignatureMethod");
        attr(&mut self.out, "Algorithm", method_uri(s.method));
        self.out.push_str("/>");
        let references: Vec<RefTarget> = if s.references.is_empty() {
            vec![RefTarget::Root]
        } else {
            s.references.iter().take(3).cloned().collect()
        };
        for (j, r) in references.iter().enumerate() {
            self.out.push_str("<ds:Reference");
            let uri = match r {
                RefTarget::Root => Some(format!("#{}", self.input.id.text())),
                RefTarget::Assertion(n) => Some(format!(
                    "#{}",
                    self.assertion_ids
                        .get(usize::from(*n) % self.assertion_ids.len().max(1))
                        .cloned()
                        .unwrap_or_default()
                )),
                RefTarget::Whole => Some(String::new()),
                RefTarget::Id(id) => Some(format!("#{}", id.text())),
                RefTarget::External => Some("https://idp.example.test/signed.xml".to_owned()),
                RefTarget::XPointer(n) => Some(format!("#xpointer(id('_id{}'))", n % 6)),
                RefTarget::NoUri => None,
            };
            if let Some(uri) = uri {
                attr(&mut self.out, "URI", &uri);
            }
            self.out.push_str("><ds:Transforms>");
            for t in s.transforms.iter().take(4) {
                self.transform(t);
            }
            self.out.push_str("</ds:Transforms><ds:DigestMethod");
            attr(&mut self.out, "Algorithm", digest_uri(s.digest));
            let _ = write!(
                self.out,
                "/><ds:DigestValue>DIGEST-{index}-{j}</ds:DigestValue></ds:Reference>"
            );
        }
        let _ = write!(
            self.out,
            "</ds:SignedInfo><ds:SignatureValue>SIGVALUE-{index}</ds:SignatureValue>"
        );
        match &s.key {
            Key::Rsa => self.certificate(keys::IDP_RSA_CERT),
            Key::Ec => self.certificate(keys::IDP_EC_CERT),
            Key::Attacker => self.certificate(keys::ATTACKER_CERT),
            Key::RsaKeyValue => {
                let (m, e) = rsa_components();
                let _ = write!(
                    self.out,
                    "<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>{m}</ds:Modulus><ds:Exponent>{e}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>"
                );
            }
            Key::Garbage(g) => {
                let _ = write!(
                    self.out,
                    "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>",
                    escape(g)
                );
            }
            Key::Missing => {}
        }
        if index == 0
            && let Some(Wrapper::SignatureObject(a)) = &self.input.wrapper
        {
            self.out.push_str("<ds:Object>");
            self.assertion(a, usize::MAX);
            self.out.push_str("</ds:Object>");
        }
        self.out.push_str("</ds:Signature>");
        self.newline();
    }

    fn transform(&mut self, t: &Transform) {
        let (uri, inner) = match t {
            Transform::Enveloped => (algorithms::ENVELOPED_SIGNATURE.to_owned(), String::new()),
            Transform::Exclusive(p) if !p.is_empty() => {
                let mut inner = format!(
                    "<ec:InclusiveNamespaces xmlns:ec=\"{}\"",
                    algorithms::EXC_C14N
                );
                attr(
                    &mut inner,
                    "PrefixList",
                    &p.iter().take(4).cloned().collect::<Vec<_>>().join(" "),
                );
                inner.push_str("/>");
                (algorithms::EXC_C14N.to_owned(), inner)
            }
            Transform::Exclusive(_) => (algorithms::EXC_C14N.to_owned(), String::new()),
            Transform::Exclusive10WithComments => {
                (algorithms::EXC_C14N_WITH_COMMENTS.to_owned(), String::new())
            }
            Transform::Inclusive10 => (algorithms::C14N10.to_owned(), String::new()),
            Transform::Inclusive11 => (algorithms::C14N11.to_owned(), String::new()),
            Transform::XPathExcludingSignatures => (
                algorithms::XPATH.to_owned(),
                "<ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath>".to_owned(),
            ),
            Transform::XPath => (
                algorithms::XPATH.to_owned(),
                "<ds:XPath>count(//. | //@*)</ds:XPath>".to_owned(),
            ),
            Transform::Xslt => (algorithms::XSLT.to_owned(), String::new()),
            Transform::Raw(r) => (r.clone(), String::new()),
        };
        self.out.push_str("<ds:Transform");
        attr(&mut self.out, "Algorithm", &uri);
        if inner.is_empty() {
            self.out.push_str("/>");
        } else {
            let _ = write!(self.out, ">{inner}</ds:Transform>");
        }
    }

    fn certificate(&mut self, pem: &str) {
        let _ = write!(
            self.out,
            "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>",
            keys::pem_body(pem)
        );
    }

    /// Writes an assertion; `index` is its place among the root's assertions (`usize::MAX`
    /// for a wrapped one: it hosts no signature).
    fn assertion(&mut self, a: &Assertion, index: usize) {
        let (p, decl) = match a.namespace {
            AssertionNs::Own => ("saml:", format!(" xmlns:saml=\"{SAML}\"")),
            AssertionNs::Default => ("", format!(" xmlns=\"{SAML}\"")),
            AssertionNs::Inherited => ("saml:", String::new()),
            AssertionNs::Missing => ("", String::new()),
        };
        let _ = write!(self.out, "<{p}Assertion{decl}");
        attr(&mut self.out, "ID", &a.id.text());
        self.version(a.version);
        attr(&mut self.out, "IssueInstant", &a.issue_instant.text());
        self.out.push('>');
        self.newline();
        if let Some(i) = &a.issuer {
            let _ = write!(self.out, "<{p}Issuer>{}</{p}Issuer>", escape(&i.text()));
            self.newline();
        }
        let host = Host::Assertion(u8::try_from(index).unwrap_or(u8::MAX));
        if index != usize::MAX {
            self.signatures_in(host, true);
        }
        if let Some(s) = &a.subject {
            let _ = write!(self.out, "<{p}Subject>");
            if let Some(n) = &s.name_id {
                let _ = write!(self.out, "<{p}NameID");
                let format = match &n.format {
                    NameIdFormat::Email => {
                        Some("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress".to_owned())
                    }
                    NameIdFormat::Persistent => {
                        Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent".to_owned())
                    }
                    NameIdFormat::Transient => {
                        Some("urn:oasis:names:tc:SAML:2.0:nameid-format:transient".to_owned())
                    }
                    NameIdFormat::Unspecified => {
                        Some("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified".to_owned())
                    }
                    NameIdFormat::Raw(r) => Some(r.clone()),
                    NameIdFormat::Missing => None,
                };
                if let Some(f) = format {
                    attr(&mut self.out, "Format", &f);
                }
                if let Some(q) = &n.sp_name_qualifier {
                    attr(&mut self.out, "SPNameQualifier", &q.text());
                }
                self.out.push('>');
                n.value.write(&mut self.out);
                let _ = write!(self.out, "</{p}NameID>");
            }
            for c in s.confirmations.iter().take(3) {
                let _ = write!(self.out, "<{p}SubjectConfirmation");
                attr(
                    &mut self.out,
                    "Method",
                    if c.bearer {
                        "urn:oasis:names:tc:SAML:2.0:cm:bearer"
                    } else {
                        "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"
                    },
                );
                let _ = write!(self.out, "><{p}SubjectConfirmationData");
                if let Some(t) = &c.not_before {
                    attr(&mut self.out, "NotBefore", &t.text());
                }
                if let Some(t) = &c.not_on_or_after {
                    attr(&mut self.out, "NotOnOrAfter", &t.text());
                }
                if let Some(r) = &c.recipient {
                    attr(&mut self.out, "Recipient", &r.text());
                }
                if let Some(i) = &c.in_response_to {
                    attr(&mut self.out, "InResponseTo", &i.text());
                }
                if let Some(Value::Text(a) | Value::Markup(a)) = &c.address {
                    attr(&mut self.out, "Address", a);
                }
                let _ = write!(self.out, "/></{p}SubjectConfirmation>");
            }
            let _ = write!(self.out, "</{p}Subject>");
            self.newline();
        }
        for c in a.conditions.iter().take(2) {
            let _ = write!(self.out, "<{p}Conditions");
            if let Some(t) = &c.not_before {
                attr(&mut self.out, "NotBefore", &t.text());
            }
            if let Some(t) = &c.not_on_or_after {
                attr(&mut self.out, "NotOnOrAfter", &t.text());
            }
            self.out.push('>');
            for r in c.audiences.iter().take(2) {
                let _ = write!(self.out, "<{p}AudienceRestriction>");
                for u in r.iter().take(3) {
                    let _ = write!(self.out, "<{p}Audience>{}</{p}Audience>", escape(&u.text()));
                }
                let _ = write!(self.out, "</{p}AudienceRestriction>");
            }
            if c.one_time_use {
                let _ = write!(self.out, "<{p}OneTimeUse/>");
            }
            let _ = write!(self.out, "</{p}Conditions>");
            self.newline();
        }
        if let Some(au) = &a.authn {
            let _ = write!(self.out, "<{p}AuthnStatement");
            attr(&mut self.out, "AuthnInstant", &au.instant.text());
            if let Some(Value::Text(s) | Value::Markup(s)) = &au.session_index {
                attr(&mut self.out, "SessionIndex", s);
            }
            if let Some(t) = &au.session_not_on_or_after {
                attr(&mut self.out, "SessionNotOnOrAfter", &t.text());
            }
            let _ = write!(self.out, "><{p}AuthnContext>");
            if let Some(c) = &au.class_ref {
                let uri = match c {
                    ClassRef::Password => {
                        "urn:oasis:names:tc:SAML:2.0:ac:classes:Password".to_owned()
                    }
                    ClassRef::PasswordProtected => {
                        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                            .to_owned()
                    }
                    ClassRef::X509 => "urn:oasis:names:tc:SAML:2.0:ac:classes:X509".to_owned(),
                    ClassRef::Raw(r) => r.clone(),
                };
                let _ = write!(
                    self.out,
                    "<{p}AuthnContextClassRef>{}</{p}AuthnContextClassRef>",
                    escape(&uri)
                );
            }
            let _ = write!(self.out, "</{p}AuthnContext></{p}AuthnStatement>");
            self.newline();
        }
        if !a.attributes.is_empty() {
            let _ = write!(self.out, "<{p}AttributeStatement>");
            for at in a.attributes.iter().take(6) {
                let _ = write!(self.out, "<{p}Attribute");
                attr(&mut self.out, "Name", &at.name.text());
                if let Some(f) = &at.friendly_name {
                    attr(&mut self.out, "FriendlyName", f);
                }
                self.out.push('>');
                for v in at.values.iter().take(3) {
                    let _ = write!(self.out, "<{p}AttributeValue>");
                    v.write(&mut self.out);
                    let _ = write!(self.out, "</{p}AttributeValue>");
                }
                let _ = write!(self.out, "</{p}Attribute>");
            }
            let _ = write!(self.out, "</{p}AttributeStatement>");
            self.newline();
        }
        if index != usize::MAX {
            self.signatures_in(host, false);
        }
        let _ = write!(self.out, "</{p}Assertion>");
        self.newline();
    }

    fn document(mut self) -> String {
        let input = self.input;
        self.assertion_ids = input
            .assertions
            .iter()
            .take(3)
            .map(|a| a.id.text())
            .collect();
        if input.root == Root::Assertion {
            let a = input
                .assertions
                .first()
                .cloned()
                .unwrap_or_else(|| Assertion {
                    id: input.id.clone(),
                    version: input.version,
                    issue_instant: input.issue_instant.clone(),
                    issuer: input.issuer.clone(),
                    subject: None,
                    conditions: Vec::new(),
                    authn: None,
                    attributes: Vec::new(),
                    namespace: AssertionNs::Own,
                });
            let mut a = a;
            if matches!(a.namespace, AssertionNs::Inherited) {
                a.namespace = AssertionNs::Own;
            }
            self.assertion(&a, 0);
            return self.out;
        }
        let name = match input.root {
            Root::Response => "Response",
            Root::AuthnRequest => "AuthnRequest",
            Root::LogoutRequest => "LogoutRequest",
            Root::LogoutResponse => "LogoutResponse",
            Root::Assertion => unreachable!("handled above"),
        };
        let _ = write!(
            self.out,
            "<samlp:{name} xmlns:samlp=\"{SAMLP}\" xmlns:saml=\"{SAML}\""
        );
        attr(&mut self.out, "ID", &input.id.text());
        self.version(input.version);
        attr(&mut self.out, "IssueInstant", &input.issue_instant.text());
        if let Some(d) = &input.destination {
            attr(&mut self.out, "Destination", &d.text());
        }
        if let Some(i) = &input.in_response_to {
            attr(&mut self.out, "InResponseTo", &i.text());
        }
        if input.root == Root::AuthnRequest {
            attr(
                &mut self.out,
                "AssertionConsumerServiceURL",
                &Url::Acs.text(),
            );
        }
        self.out.push('>');
        self.newline();
        if let Some(i) = &input.issuer {
            let _ = write!(self.out, "<saml:Issuer>{}</saml:Issuer>", escape(&i.text()));
            self.newline();
        }
        self.signatures_in(Host::Root, true);
        if let Some(Wrapper::Extensions(a)) = &input.wrapper {
            self.out.push_str("<samlp:Extensions>");
            self.assertion(a, usize::MAX);
            self.out.push_str("</samlp:Extensions>");
            self.newline();
        }
        match input.root {
            Root::Response | Root::LogoutResponse => self.status(),
            Root::LogoutRequest => {
                self.out.push_str("<saml:NameID>user0@example.test</saml:NameID><samlp:SessionIndex>_s1</samlp:SessionIndex>");
            }
            _ => {}
        }
        if input.root == Root::Response {
            for (i, a) in input.assertions.iter().take(3).enumerate() {
                self.assertion(a, i);
            }
        }
        self.signatures_in(Host::Root, false);
        let _ = write!(self.out, "</samlp:{name}>");
        self.out
    }

    fn status(&mut self) {
        let (code, message) = match &self.input.status {
            Status::Success => (
                "urn:oasis:names:tc:SAML:2.0:status:Success".to_owned(),
                None,
            ),
            Status::Requester(m) => (
                "urn:oasis:names:tc:SAML:2.0:status:Requester".to_owned(),
                m.clone(),
            ),
            Status::Responder(m) => (
                "urn:oasis:names:tc:SAML:2.0:status:Responder".to_owned(),
                m.clone(),
            ),
            Status::Raw(r) => (r.clone(), None),
            Status::Missing => return,
        };
        self.out.push_str("<samlp:Status><samlp:StatusCode");
        attr(&mut self.out, "Value", &code);
        self.out.push_str("/>");
        if let Some(m) = message {
            let _ = write!(
                self.out,
                "<samlp:StatusMessage>{}</samlp:StatusMessage>",
                escape(&m)
            );
        }
        self.out.push_str("</samlp:Status>");
        self.newline();
    }
}

/// Whether a signature placed at `placement` goes into `host` (assertion indexes wrap around
/// the assertions present; with none, every signature goes into the root).
fn same_host(placement: Host, host: Host, assertions: usize) -> bool {
    match (placement, host) {
        (Host::Root, Host::Root) => true,
        (Host::Assertion(_), Host::Root) => assertions == 0,
        (Host::Assertion(p), Host::Assertion(h)) => {
            assertions > 0 && usize::from(p) % assertions == usize::from(h)
        }
        (Host::Root, Host::Assertion(_)) => false,
    }
}

fn method_uri(m: Method) -> &'static str {
    match m {
        Method::RsaSha256 => algorithms::RSA_SHA256,
        Method::RsaSha1 => algorithms::RSA_SHA1,
        Method::EcdsaSha256 => algorithms::ECDSA_SHA256,
        Method::HmacSha256 => algorithms::HMAC_SHA256,
        Method::DsaSha1 => algorithms::DSA_SHA1,
        Method::RsaPss => algorithms::RSA_PSS_SHA256,
        Method::Unknown => "urn:unknown:signature",
    }
}

fn digest_uri(d: Digest) -> &'static str {
    match d {
        Digest::Sha1 => algorithms::SHA1,
        Digest::Sha256 => algorithms::SHA256,
        Digest::Sha512 => algorithms::SHA512,
        Digest::MoreSha256 => algorithms::SHA256_MORE,
        Digest::Unknown => "urn:unknown:digest",
    }
}

// ---------------------------------------------------------------------------------------------
// Signing with the fixtures' TEST-ONLY keys.

struct SigningKeys {
    rsa: rsa::PrivateKey,
    ec: p256::ecdsa::SigningKey,
}

fn signing_keys() -> &'static SigningKeys {
    static KEYS: OnceLock<SigningKeys> = OnceLock::new();
    KEYS.get_or_init(|| SigningKeys {
        rsa: rsa::PrivateKey::from_pkcs8_der(&keys::pem_der(keys::IDP_RSA_KEY)).expect("RSA key"),
        ec: p256::ecdsa::SigningKey::from_pkcs8_der(&keys::pem_der(keys::IDP_EC_KEY))
            .expect("EC key"),
    })
}

fn rsa_components() -> (String, String) {
    use rsa::traits::PublicKeyParts as _;
    let key = &signing_keys().rsa;
    let b64 = base64::engine::general_purpose::STANDARD;
    (
        b64.encode(key.n().to_be_bytes()),
        b64.encode(key.e().to_be_bytes()),
    )
}

/// Signs `message` (canonical SignedInfo) as `method` says, with the key `key` names. A key
/// that does not fit the method still signs (with its own algorithm): the result is wrong,
/// which is the point.
fn sign(method: Method, key: &Key, message: &[u8]) -> Vec<u8> {
    let k = signing_keys();
    match (key, method) {
        (Key::Ec, _) => {
            let sig: p256::ecdsa::Signature = k.ec.sign(message);
            sig.to_bytes().to_vec()
        }
        (_, Method::RsaSha1) => rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new(k.rsa.clone())
            .sign(message)
            .to_vec(),
        _ => rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(k.rsa.clone())
            .sign(message)
            .to_vec(),
    }
}

/// Fills the digests and the SignatureValue of every real signature, inner ones first
/// (reverse document order), reparsing after each step.
fn sign_all(input: &Input, mut text: String) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut order: Vec<usize> = (0..input.signatures.len().min(3))
        .filter(|&i| input.signatures[i].real)
        .collect();
    // Reverse document order of the placeholders.
    order.sort_by_key(|&i| std::cmp::Reverse(text.find(&format!("SIGVALUE-{i}<")).unwrap_or(0)));
    for i in order {
        let s = &input.signatures[i];
        let Ok(doc) = parse(text.clone()) else {
            return text;
        };
        let reports = verify_all(&doc, &TrustAnchors::default());
        let Some(report) = reports.iter().find(|r| {
            doc.element(r.element).and_then(|e| e.attr("Id")) == Some(&format!("sig{i}"))
        }) else {
            continue;
        };
        let mut digests = Vec::new();
        for (j, r) in report.references.iter().enumerate() {
            let (Some(bytes), Some(alg)) = (
                canonical_reference(&doc, report, j),
                DigestAlgorithm::from_uri(&r.digest_method),
            ) else {
                continue;
            };
            digests.push((
                format!("DIGEST-{i}-{j}<"),
                format!("{}<", b64.encode(digest(alg, &bytes))),
            ));
        }
        drop(reports);
        drop(doc);
        for (placeholder, value) in digests {
            text = text.replacen(&placeholder, &value, 1);
        }
        let Ok(doc) = parse(text.clone()) else {
            return text;
        };
        let reports = verify_all(&doc, &TrustAnchors::default());
        let Some(report) = reports.iter().find(|r| {
            doc.element(r.element).and_then(|e| e.attr("Id")) == Some(&format!("sig{i}"))
        }) else {
            continue;
        };
        let Some(signed_info) = canonical_signed_info(&doc, report) else {
            continue;
        };
        let value = b64.encode(sign(s.method, &s.key, &signed_info));
        text = text.replacen(&format!("SIGVALUE-{i}<"), &format!("{value}<"), 1);
    }
    text
}

fn tamper(t: Tamper, text: String) -> String {
    match t {
        Tamper::Reindent => text.replacen("><", ">\n    <", 3),
        Tamper::ChangeName => text
            .replacen("user0@", "admin@", 1)
            .replacen("user1@", "user0@", 1),
        Tamper::AppendComment => text.replacen("</saml:NameID>", "<!---->.evil</saml:NameID>", 1),
        Tamper::FlipSignatureValue => match text.find("</ds:SignatureValue>") {
            Some(i) if i > 0 && text.is_char_boundary(i - 1) => {
                let mut t = text;
                let c = if t[..i].ends_with('A') { "B" } else { "A" };
                t.replace_range(i - 1..i, c);
                t
            }
            _ => text,
        },
    }
}

fn context(kind: ContextKind) -> Context {
    match kind {
        ContextKind::Plain => plain_context(),
        ContextKind::Configured => configured_context(),
        ContextKind::Attacker => {
            let mut ctx = plain_context();
            ctx.idp_certificates = vec![keys::ATTACKER_CERT.as_bytes().to_vec()];
            ctx
        }
    }
}

fuzz_target!(|input: Input| {
    let writer = Writer {
        input: &input,
        out: String::new(),
        nl: if input.indent { "\n  " } else { "" },
        assertion_ids: Vec::new(),
    };
    let text = writer.document();
    let mut text = sign_all(&input, text);
    let mut tampered = false;
    for s in input.signatures.iter().take(3) {
        if let Some(t) = s.tamper {
            text = tamper(t, text);
            tampered = true;
        }
    }
    let report = inspect(text.as_bytes(), &context(input.context));
    check_report(&report);

    // Sign-then-verify.
    let [s] = &input.signatures[..] else {
        return;
    };
    let fits = match s.key {
        Key::Rsa => matches!(s.method, Method::RsaSha256 | Method::RsaSha1),
        Key::Ec => s.method == Method::EcdsaSha256,
        _ => false,
    };
    let Some(doc) = &report.document else {
        return;
    };
    if !s.real || tampered || !fits || report.signatures.len() != 1 {
        return;
    }
    let sig = &report.signatures[0];
    // Only the first 4 transforms are written (see the builder).
    let leaves_value_out = s.transforms.iter().take(4).any(|t| {
        matches!(
            t,
            Transform::Enveloped | Transform::XPathExcludingSignatures
        )
    }) || sig
        .references
        .iter()
        .all(|r| r.target.is_none_or(|t| !doc.is_inside(sig.element, t)));
    if !leaves_value_out {
        return;
    }
    assert!(
        !matches!(
            sig.failure,
            Some(Failure::DigestMismatch { .. } | Failure::SignatureValue(_))
        ),
        "a signature made here does not verify: {:?}\n{text}",
        sig.failure
    );
});
