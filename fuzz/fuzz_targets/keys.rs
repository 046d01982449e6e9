//! Certificates and keys: the DER reader behind `cert::read_key_material` (every PEM label,
//! or bare DER), `cert::parse_certificate`, the certificate text of a KeyInfo, thumbprints,
//! and the signature verifier's key reader (`dsig::crypto::VerifyingKey`) with a signature
//! check over fuzzed bytes. The first byte picks the PEM label.
//!
//! Checks: a certificate's DER is exactly the input and its thumbprints are the SHA-1 and
//! SHA-256 of that DER in upper-case hex; validity arithmetic at any date never overflows;
//! descriptions are never empty; a normalised thumbprint is 40 or 64 upper-case hex digits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::Timestamp;
use samlscope_core::cert::{
    CertificateInfo, KeyMaterial, certificate_text_problems, normalize_thumbprint,
    parse_certificate, parse_certificate_text_with_problems, read_key_material,
};
use samlscope_core::dsig::crypto::{
    DigestAlgorithm, SignatureAlgorithm, VerifyingKey, digest, dsa_spki_from_components,
    ec_spki_from_point, key_description, rsa_spki_from_components,
};
use samlscope_fuzz::{NOW, split_first};

const LABELS: [&str; 12] = [
    "CERTIFICATE",
    "X509 CERTIFICATE",
    "TRUSTED CERTIFICATE",
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "NEW CERTIFICATE REQUEST",
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn check_certificate(c: &CertificateInfo) {
    assert_eq!(
        c.sha1,
        hex(&digest(DigestAlgorithm::Sha1, &c.der)),
        "SHA-1 thumbprint"
    );
    assert_eq!(
        c.sha256,
        hex(&digest(DigestAlgorithm::Sha256, &c.der)),
        "SHA-256 thumbprint"
    );
    assert!(!c.key.describe().is_empty());
    for at in [
        NOW,
        Timestamp(i64::MIN),
        Timestamp(i64::MAX),
        c.not_before,
        c.not_after,
    ] {
        let _ = c.validity_at(at);
        let _ = c.days_left(at);
    }
    let _ = VerifyingKey::from_spki_der(&c.key.spki_der);
}

fuzz_target!(|data: &[u8]| {
    let (selector, der) = split_first(data);
    let label = LABELS
        .get(usize::from(selector) % (LABELS.len() + 1))
        .copied();
    match read_key_material(label, der) {
        Ok(KeyMaterial::Certificate(c)) => {
            if matches!(label, None | Some("CERTIFICATE" | "X509 CERTIFICATE")) {
                assert_eq!(c.der, der, "a certificate's DER is the input");
            }
            check_certificate(&c);
        }
        Ok(KeyMaterial::PublicKey(k)) => assert!(!k.describe().is_empty()),
        Ok(KeyMaterial::PrivateKey(k)) => assert!(!k.describe().is_empty()),
        Err(e) => assert!(!e.message.is_empty()),
    }
    if let Ok(c) = parse_certificate(der) {
        assert_eq!(c.der, der, "a certificate's DER is the input");
        check_certificate(&c);
    }

    // The verifier's key reader, and a verification with the input's tail as signature.
    assert!(!key_description(der).is_empty());
    if let Ok(key) = VerifyingKey::from_spki_der(der) {
        assert!(!key.description().is_empty());
        let alg = SignatureAlgorithm::ALL[usize::from(selector) % SignatureAlgorithm::ALL.len()];
        let signature = &der[der.len().saturating_sub(usize::from(selector) * 2)..];
        let _ = key.verify(alg, b"<ds:SignedInfo/>", signature);
    }

    // Key values of a KeyInfo, built from halves of the input.
    let (a, b) = der.split_at(der.len() / 2);
    let _ = rsa_spki_from_components(a, b).map(|spki| VerifyingKey::from_spki_der(&spki));
    let _ = ec_spki_from_point("urn:oid:1.2.840.10045.3.1.7", der)
        .map(|spki| VerifyingKey::from_spki_der(&spki));
    let (c, d) = b.split_at(b.len() / 2);
    let _ = dsa_spki_from_components(a, c, d, b).map(|spki| VerifyingKey::from_spki_der(&spki));

    // The same bytes as text: an X509Certificate value, a thumbprint.
    let text = String::from_utf8_lossy(der);
    if let Ok((c, _problems)) = parse_certificate_text_with_problems(&text) {
        check_certificate(&c);
    }
    let _ = certificate_text_problems(&text);
    if let Some(t) = normalize_thumbprint(&text) {
        assert!(
            matches!(t.len(), 40 | 64),
            "thumbprint of {} digits",
            t.len()
        );
        assert!(
            t.bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)),
            "thumbprint {t}"
        );
    }
});
