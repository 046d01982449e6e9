//! What a signature covers, said once for every renderer: the JSON's `target` and the page's
//! "the whole Response, including its Assertion".

use super::SignatureReport;
use crate::algorithms::{ENVELOPED_SIGNATURE, XPATH};
use crate::xml::{Document, ns};

/// What the first Reference of a signature resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// `URI=""`: the whole document.
    WholeDocument,
    /// A reference that resolves to no element.
    Nothing,
    /// An element.
    Element {
        /// Its local name (`Assertion`, `Response`, `EntityDescriptor` …).
        name: String,
        /// The JSON `target`: `assertion`, `response`, `authn-request` … or `other`.
        target: &'static str,
        /// Whether a SAML Assertion lies inside it (a Response signed whole).
        holds_assertion: bool,
    },
}

impl SignatureReport {
    /// What this signature's first Reference covers in `doc`.
    pub fn coverage(&self, doc: &Document) -> Coverage {
        if self
            .references
            .first()
            .is_some_and(|r| r.uri.trim().is_empty())
        {
            return Coverage::WholeDocument;
        }
        let Some(element) = self.target.and_then(|t| doc.element(t)) else {
            return Coverage::Nothing;
        };
        // By local name, as the message kinds are told (a message missing its namespace is
        // still called a Response).
        let target = match element.local_name() {
            "Assertion" => "assertion",
            "Response" => "response",
            "AuthnRequest" => "authn-request",
            "LogoutRequest" => "logout-request",
            "LogoutResponse" => "logout-response",
            "ArtifactResolve" => "artifact-resolve",
            "ArtifactResponse" => "artifact-response",
            "EntityDescriptor" => "entity-descriptor",
            "EntitiesDescriptor" => "entities-descriptor",
            _ => "other",
        };
        Coverage::Element {
            name: element.local_name().to_owned(),
            target,
            holds_assertion: target != "assertion"
                && doc
                    .descendant_elements(element.id())
                    .any(|e| e.is(ns::SAML, "Assertion") || e.local_name() == "Assertion"),
        }
    }
}

impl SignatureReport {
    /// Whether the signature is enveloped: it sits inside the element its first Reference
    /// covers, and a transform of that Reference leaves it out of the digest (the
    /// enveloped-signature transform, or the XPath filter that drops every Signature).
    pub fn is_enveloped(&self, doc: &Document) -> bool {
        let Some(target) = self.target else {
            return false;
        };
        doc.is_inside(self.element, target)
            && self.structure.references.first().is_some_and(|r| {
                r.transforms.iter().any(|t| {
                    let algorithm = t.algorithm.value.trim();
                    algorithm == ENVELOPED_SIGNATURE
                        || (algorithm == XPATH && t.xpath_excludes_signatures)
                })
            })
    }
}

impl Coverage {
    /// The JSON `target` (`other` for the whole document or nothing).
    pub fn target(&self) -> &'static str {
        match self {
            Self::Element { target, .. } => target,
            Self::WholeDocument | Self::Nothing => "other",
        }
    }

    /// "the Assertion (ID _a)", "the whole Response, including its Assertion", "the whole
    /// metadata (EntityDescriptor)", "the whole document (URI="")": what a reader is told.
    pub fn words(&self, id: Option<&str>) -> String {
        let what = match self {
            Self::WholeDocument => return "the whole document (URI=\"\")".to_owned(),
            Self::Nothing => return "nothing: its reference resolves to no element".to_owned(),
            Self::Element {
                target: "assertion",
                ..
            } => "the Assertion".to_owned(),
            Self::Element {
                name,
                target: "entity-descriptor" | "entities-descriptor",
                ..
            } => format!("the whole metadata ({name})"),
            Self::Element {
                name,
                holds_assertion: true,
                ..
            } => format!("the whole {name}, including its Assertion"),
            Self::Element { name, .. } => format!("the whole {name}"),
        };
        match id {
            Some(id) => format!("{what} (ID {id})"),
            None => what,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_reader_is_told() {
        let element = |name: &str, target, holds_assertion| Coverage::Element {
            name: name.to_owned(),
            target,
            holds_assertion,
        };
        assert_eq!(
            element("Assertion", "assertion", false).words(Some("_a")),
            "the Assertion (ID _a)"
        );
        assert_eq!(
            element("Response", "response", true).words(None),
            "the whole Response, including its Assertion"
        );
        assert_eq!(
            element("Response", "response", false).words(None),
            "the whole Response"
        );
        assert_eq!(
            element("EntityDescriptor", "entity-descriptor", false).words(None),
            "the whole metadata (EntityDescriptor)"
        );
        assert_eq!(
            Coverage::WholeDocument.words(Some("_x")),
            "the whole document (URI=\"\")"
        );
        assert_eq!(Coverage::Nothing.target(), "other");
    }

    #[test]
    fn a_signed_assertion_is_covered_as_such() {
        let xml = include_str!("../../tests/fixtures/rules/base_response.xml");
        let report = crate::inspect(xml, &crate::Context::new(crate::Timestamp(0)));
        let doc = report.document.as_ref().expect("parsed");
        let coverage = report.signatures[0].coverage(doc);
        assert_eq!(coverage.target(), "assertion");
        assert_eq!(
            coverage.words(report.signatures[0].target_id.as_deref()),
            "the Assertion (ID _assert1)"
        );
        assert!(report.signatures[0].is_enveloped(doc));
    }
}
