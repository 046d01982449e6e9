//! HTTP-Redirect binding signatures: `SigAlg` + `Signature` over the exact query bytes
//! received (SAML 2.0 Bindings §3.4.4.1).

use base64::Engine as _;

use super::crypto::{self, SignatureAlgorithm};
use super::trust::TrustAnchors;
use super::verify::{KeySource, KeyUsed, Verdict};
use crate::decode::BindingParams;

/// The outcome of checking a Redirect-binding signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedirectSignature {
    /// `SigAlg`, decoded.
    pub sig_alg: String,
    /// The octets that were signed: `SAMLRequest=…&RelayState=…&SigAlg=…`, as received.
    pub signed_octets: String,
    /// The verdict (`valid` with a configured key; `invalid` when none verifies; `unsupported`
    /// without a key or for an unknown algorithm).
    pub verdict: Verdict,
    /// Why, when not valid.
    pub failure: Option<String>,
    /// The key that verified.
    pub key: Option<KeyUsed>,
}

/// The signed octets: the raw (still URL-encoded) `SAMLRequest`/`SAMLResponse`, `RelayState`
/// and `SigAlg` parameters in that order, exactly as they appear in the query.
pub fn signed_octets(raw_query: &str) -> Option<String> {
    let raw = |name: &str| {
        raw_query
            .split('&')
            .find(|p| p.split('=').next() == Some(name))
            .map(str::to_owned)
    };
    let message = raw("SAMLRequest").or_else(|| raw("SAMLResponse"))?;
    let mut out = message;
    if let Some(relay) = raw("RelayState") {
        out.push('&');
        out.push_str(&relay);
    }
    out.push('&');
    out.push_str(&raw("SigAlg")?);
    Some(out)
}

/// Verifies the Redirect signature of `binding`, if it has one.
pub fn verify_redirect(
    binding: &BindingParams,
    anchors: &TrustAnchors,
) -> Option<RedirectSignature> {
    let sig_alg = binding.sig_alg.clone()?;
    let signature_text = binding.signature.as_deref()?;
    let signed_octets = signed_octets(&binding.raw_query).unwrap_or_default();
    let mut out = RedirectSignature {
        sig_alg: sig_alg.clone(),
        signed_octets: signed_octets.clone(),
        verdict: Verdict::Unsupported,
        failure: None,
        key: None,
    };
    let Some(algorithm) = SignatureAlgorithm::from_uri(sig_alg.trim()) else {
        out.failure = Some(format!("the SigAlg `{sig_alg}` cannot be verified"));
        return Some(out);
    };
    let clean: String = signature_text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Ok(signature) = base64::engine::general_purpose::STANDARD.decode(clean.as_bytes()) else {
        out.verdict = Verdict::Invalid;
        out.failure = Some("the Signature parameter is not base64".to_owned());
        return Some(out);
    };
    if anchors.keys.is_empty() {
        out.failure = Some(
            "a Redirect-binding signature carries no key: give the signer's certificate or metadata to verify it".to_owned(),
        );
        return Some(out);
    }
    let hit = anchors.keys.iter().find(|k| {
        crypto::verify(algorithm, &k.spki_der, signed_octets.as_bytes(), &signature).is_ok()
    });
    match hit {
        Some(k) => {
            out.verdict = Verdict::Valid;
            out.key = Some(KeyUsed {
                source: KeySource::Trusted,
                description: crypto::key_description(&k.spki_der),
                certificate: k.certificate.clone(),
            });
        }
        None => {
            out.verdict = Verdict::Invalid;
            out.failure = Some(
                match anchors.keys.first().map(|k| {
                    crypto::verify(algorithm, &k.spki_der, signed_octets.as_bytes(), &signature)
                }) {
                    Some(Err(e)) => format!("no configured key verifies it ({e})"),
                    _ => "no configured key verifies it".to_owned(),
                },
            );
        }
    }
    Some(out)
}
