//! The one XML tree of samlscope.
//!
//! The decoded text is parsed once, strictly (quick-xml underneath), into a [`Document`]: a
//! flat, pre-order arena of nodes in which every element, attribute and text node keeps its
//! byte span in the original text and its resolved namespace. This tree is the only XML
//! representation in the project: the model reads it and the signature verifier
//! canonicalises it, so what is checked is exactly what is verified.
//!
//! * A DOCTYPE is never processed, only reported ([`Document::doctype`]); entities it declares
//!   are never expanded (a reference to one is an error).
//! * Depth and node count are bounded ([`Limits`]).
//! * Namespace problems that libxml2 treats as recoverable (an undeclared prefix) keep the
//!   tree and are reported in [`Document::warnings`].
//!
//! Node ids follow document order, and the descendants of a node are exactly the ids
//! `id+1 .. subtree_end(id)`, which makes "is this node inside that signed element?" a range
//! check.

mod parse;
mod pretty;
mod tree;

pub use parse::{Limits, XmlError, XmlErrorKind, parse, parse_with};
pub use pretty::{MAX_PRETTY_BYTES, pretty};
pub use tree::{
    AttrRef, Children, Document, ElementRef, NamespaceDecl, NodeId, NodeKind, XmlWarning,
};

/// Well-known namespace URIs.
pub mod ns {
    /// SAML 2.0 assertion namespace.
    pub const SAML: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
    /// SAML 2.0 protocol namespace.
    pub const SAMLP: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
    /// SAML 2.0 metadata namespace.
    pub const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
    /// XML-DSig namespace.
    pub const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
    /// XML Encryption namespace.
    pub const XENC: &str = "http://www.w3.org/2001/04/xmlenc#";
    /// XML Encryption 1.1 namespace (`xenc11:MGF`, `xenc11:ConcatKDFParams`).
    pub const XENC11: &str = "http://www.w3.org/2009/xmlenc11#";
    /// XML Schema instance namespace.
    pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
    /// WS-Federation metadata namespace (Entra's RoleDescriptor types).
    pub const FED: &str = "http://docs.oasis-open.org/wsfed/federation/200706";
    /// SOAP 1.1 envelope namespace.
    pub const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    /// The `xml:` prefix namespace.
    pub const XML: &str = "http://www.w3.org/XML/1998/namespace";
    /// The `xmlns:` prefix namespace.
    pub const XMLNS: &str = "http://www.w3.org/2000/xmlns/";
    /// SAML 1.x assertion namespace.
    pub const SAML1: &str = "urn:oasis:names:tc:SAML:1.0:assertion";
    /// SAML 1.x protocol namespace.
    pub const SAMLP1: &str = "urn:oasis:names:tc:SAML:1.0:protocol";
}
