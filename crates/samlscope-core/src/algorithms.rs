//! Every algorithm URI samlscope knows, in one table: XML-DSig signature and digest methods,
//! canonicalisation and other transforms, and XML Encryption's content encryption, key
//! transport and mask generation — each with a short name (`rsa-sha256`), its family, and
//! whether it is weak, supported here, and standard.
//!
//! The constants are the URIs; the code that reads or writes an algorithm names it by its
//! constant (the verifier, the decrypter, the tests and the fuzz targets), and the views show
//! [`short_name`] rather than cutting a URI themselves. Sources: XML-DSig 1.0 and 1.1, XML
//! Encryption 1.0 and 1.1, Canonical XML 1.0 and 1.1, Exclusive XML Canonicalization 1.0, and
//! RFC 9231 (which obsoletes RFC 6931) for the `xmldsig-more` URIs.

/// What an algorithm is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// A `SignatureMethod`.
    Signature,
    /// A `DigestMethod` (of a Reference, or of RSA-OAEP).
    Digest,
    /// A `CanonicalizationMethod`, also used as a `Transform`.
    Canonicalization,
    /// A `Transform` other than canonicalisation.
    Transform,
    /// The `EncryptionMethod` of an `EncryptedData`: content encryption.
    ContentEncryption,
    /// The `EncryptionMethod` of an `EncryptedKey`: key transport.
    KeyTransport,
    /// XML Encryption 1.1's `xenc11:MGF` (the mask generation function of RSA-OAEP).
    MaskGeneration,
}

/// One algorithm URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Algorithm {
    /// The URI, as written in `Algorithm="…"`.
    pub uri: &'static str,
    /// The short name shown for it: the URI's fragment where it has one (`rsa-sha256`,
    /// `sha256-rsa-MGF1`, `aes128-gcm`), else the specification's short name (`xml-exc-c14n`,
    /// `xml-c14n-with-comments`, `xpath`).
    pub name: &'static str,
    /// What it is for.
    pub family: Family,
    /// Whether it is weak: SHA-1 or MD5 based, DSA (deprecated by FIPS 186-5), RSAES-PKCS1-v1_5
    /// key transport (Bleichenbacher-style attacks), or CBC content encryption
    /// (unauthenticated: padding-oracle attacks on XML Encryption).
    pub weak: bool,
    /// Whether samlscope verifies, applies or decrypts with it. Recognised but not supported:
    /// HMAC (a shared secret: never verified), MD5, SHA-3, EdDSA, parameterised RSA-PSS, XSLT,
    /// the base64 transform and XPath Filter 2.0. (The web page also leaves DSA and 3DES out;
    /// it says to use the CLI for them.)
    pub supported: bool,
    /// Whether the URI is the one the specifications define. The non-standard ones are seen in
    /// the wild (the xmlenc and xmldsig-more namespaces mixed up; AD FS's `rsa-sha1` in
    /// xmldsig-more) and accepted as the algorithm they mean.
    pub standard: bool,
}

// ---- signature methods ---------------------------------------------------------------------

/// RSASSA-PKCS1-v1_5 with SHA-1 (XML-DSig 1.0).
pub const RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
/// RSA-SHA1 in the xmldsig-more namespace: non-standard, written by AD FS (and a few others).
pub const RSA_SHA1_MORE: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha1";
/// RSASSA-PKCS1-v1_5 with SHA-224.
pub const RSA_SHA224: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224";
/// RSASSA-PKCS1-v1_5 with SHA-256.
pub const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
/// RSASSA-PKCS1-v1_5 with SHA-384.
pub const RSA_SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
/// RSASSA-PKCS1-v1_5 with SHA-512.
pub const RSA_SHA512: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
/// RSASSA-PKCS1-v1_5 with MD5: recognised, not supported.
pub const RSA_MD5: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-md5";
/// RSASSA-PSS with SHA-1, MGF1-SHA-1, 20-byte salt.
pub const RSA_PSS_SHA1: &str = "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1";
/// RSASSA-PSS with SHA-224, MGF1-SHA-224, 28-byte salt.
pub const RSA_PSS_SHA224: &str = "http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1";
/// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt.
pub const RSA_PSS_SHA256: &str = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
/// RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt.
pub const RSA_PSS_SHA384: &str = "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1";
/// RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt.
pub const RSA_PSS_SHA512: &str = "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1";
/// RSASSA-PSS with explicit parameters (`RSAPSSParams`): recognised, not supported.
pub const RSA_PSS: &str = "http://www.w3.org/2007/05/xmldsig-more#rsa-pss";
/// ECDSA with SHA-1.
pub const ECDSA_SHA1: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1";
/// ECDSA with SHA-224.
pub const ECDSA_SHA224: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224";
/// ECDSA with SHA-256.
pub const ECDSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
/// ECDSA with SHA-384.
pub const ECDSA_SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
/// ECDSA with SHA-512.
pub const ECDSA_SHA512: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";
/// Ed25519 (RFC 9231): recognised, not supported.
pub const EDDSA_ED25519: &str = "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519";
/// DSA with SHA-1 (XML-DSig 1.0).
pub const DSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#dsa-sha1";
/// DSA with SHA-256 (XML-DSig 1.1).
pub const DSA_SHA256: &str = "http://www.w3.org/2009/xmldsig11#dsa-sha256";
/// HMAC-SHA-1 (XML-DSig 1.0): recognised, never verified.
pub const HMAC_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";
/// HMAC-SHA-224: recognised, never verified.
pub const HMAC_SHA224: &str = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha224";
/// HMAC-SHA-256: recognised, never verified.
pub const HMAC_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
/// HMAC-SHA-384: recognised, never verified.
pub const HMAC_SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384";
/// HMAC-SHA-512: recognised, never verified.
pub const HMAC_SHA512: &str = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512";

// ---- digest methods ------------------------------------------------------------------------

/// SHA-1 (XML-DSig 1.0).
pub const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
/// SHA-224.
pub const SHA224: &str = "http://www.w3.org/2001/04/xmldsig-more#sha224";
/// SHA-256 (XML Encryption 1.0).
pub const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
/// SHA-384.
pub const SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#sha384";
/// SHA-512 (XML Encryption 1.0).
pub const SHA512: &str = "http://www.w3.org/2001/04/xmlenc#sha512";
/// SHA-1 in the xmlenc namespace: non-standard, seen in the wild.
pub const SHA1_XMLENC: &str = "http://www.w3.org/2001/04/xmlenc#sha1";
/// SHA-224 in the xmlenc namespace: non-standard, seen in the wild.
pub const SHA224_XMLENC: &str = "http://www.w3.org/2001/04/xmlenc#sha224";
/// SHA-256 in the xmldsig-more namespace: non-standard, seen in the wild.
pub const SHA256_MORE: &str = "http://www.w3.org/2001/04/xmldsig-more#sha256";
/// SHA-384 in the xmlenc namespace: non-standard, seen in the wild.
pub const SHA384_XMLENC: &str = "http://www.w3.org/2001/04/xmlenc#sha384";
/// SHA-512 in the xmldsig-more namespace: non-standard, seen in the wild.
pub const SHA512_MORE: &str = "http://www.w3.org/2001/04/xmldsig-more#sha512";
/// MD5: recognised, not supported.
pub const MD5: &str = "http://www.w3.org/2001/04/xmldsig-more#md5";
/// SHA3-256: recognised, not supported.
pub const SHA3_256: &str = "http://www.w3.org/2007/05/xmldsig-more#sha3-256";

// ---- canonicalisation and transforms -------------------------------------------------------

/// Canonical XML 1.0.
pub const C14N10: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
/// Canonical XML 1.0 with comments.
pub const C14N10_WITH_COMMENTS: &str =
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
/// Canonical XML 1.1.
pub const C14N11: &str = "http://www.w3.org/2006/12/xml-c14n11";
/// Canonical XML 1.1 with comments.
pub const C14N11_WITH_COMMENTS: &str = "http://www.w3.org/2006/12/xml-c14n11#WithComments";
/// Exclusive XML Canonicalization 1.0 (also the namespace of its `InclusiveNamespaces`).
pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
/// Exclusive XML Canonicalization 1.0 with comments.
pub const EXC_C14N_WITH_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
/// The enveloped-signature transform.
pub const ENVELOPED_SIGNATURE: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
/// The XPath transform (supported only as the enveloped-signature filter
/// `not(ancestor-or-self::ds:Signature)`).
pub const XPATH: &str = "http://www.w3.org/TR/1999/REC-xpath-19991116";
/// The XSLT transform: recognised, not supported.
pub const XSLT: &str = "http://www.w3.org/TR/1999/REC-xslt-19991116";
/// The base64 transform: recognised, not supported.
pub const BASE64: &str = "http://www.w3.org/2000/09/xmldsig#base64";
/// XPath Filter 2.0: recognised, not supported.
pub const XPATH_FILTER2: &str = "http://www.w3.org/2002/06/xmldsig-filter2";

// ---- XML Encryption ------------------------------------------------------------------------

/// AES-128 in CBC mode (XML Encryption 1.0).
pub const AES128_CBC: &str = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
/// AES-192 in CBC mode (XML Encryption 1.0).
pub const AES192_CBC: &str = "http://www.w3.org/2001/04/xmlenc#aes192-cbc";
/// AES-256 in CBC mode (XML Encryption 1.0).
pub const AES256_CBC: &str = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
/// Triple DES in CBC mode (XML Encryption 1.0).
pub const TRIPLEDES_CBC: &str = "http://www.w3.org/2001/04/xmlenc#tripledes-cbc";
/// AES-128 in GCM mode (XML Encryption 1.1).
pub const AES128_GCM: &str = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
/// AES-192 in GCM mode (XML Encryption 1.1).
pub const AES192_GCM: &str = "http://www.w3.org/2009/xmlenc11#aes192-gcm";
/// AES-256 in GCM mode (XML Encryption 1.1).
pub const AES256_GCM: &str = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
/// RSAES-PKCS1-v1_5 key transport (XML Encryption 1.0).
pub const RSA_1_5: &str = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
/// RSAES-OAEP key transport with MGF1-SHA-1 (XML Encryption 1.0).
pub const RSA_OAEP_MGF1P: &str = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
/// RSAES-OAEP key transport with a chosen MGF (XML Encryption 1.1).
pub const RSA_OAEP: &str = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
/// MGF1 with SHA-1 (XML Encryption 1.1).
pub const MGF1_SHA1: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
/// MGF1 with SHA-224 (XML Encryption 1.1).
pub const MGF1_SHA224: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha224";
/// MGF1 with SHA-256 (XML Encryption 1.1).
pub const MGF1_SHA256: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
/// MGF1 with SHA-384 (XML Encryption 1.1).
pub const MGF1_SHA384: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha384";
/// MGF1 with SHA-512 (XML Encryption 1.1).
pub const MGF1_SHA512: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha512";

/// One row of [`ALGORITHMS`].
const fn row(
    uri: &'static str,
    name: &'static str,
    family: Family,
    weak: bool,
    supported: bool,
    standard: bool,
) -> Algorithm {
    Algorithm {
        uri,
        name,
        family,
        weak,
        supported,
        standard,
    }
}

use Family::{
    Canonicalization, ContentEncryption, Digest, KeyTransport, MaskGeneration, Signature, Transform,
};

/// Every algorithm URI known: `(uri, name, family, weak, supported, standard)`.
#[rustfmt::skip]
pub const ALGORITHMS: &[Algorithm] = &[
    // Signature methods.
    row(RSA_SHA1, "rsa-sha1", Signature, true, true, true),
    row(RSA_SHA1_MORE, "rsa-sha1", Signature, true, true, false),
    row(RSA_SHA224, "rsa-sha224", Signature, false, true, true),
    row(RSA_SHA256, "rsa-sha256", Signature, false, true, true),
    row(RSA_SHA384, "rsa-sha384", Signature, false, true, true),
    row(RSA_SHA512, "rsa-sha512", Signature, false, true, true),
    row(RSA_MD5, "rsa-md5", Signature, true, false, true),
    row(RSA_PSS_SHA1, "sha1-rsa-MGF1", Signature, true, true, true),
    row(RSA_PSS_SHA224, "sha224-rsa-MGF1", Signature, false, true, true),
    row(RSA_PSS_SHA256, "sha256-rsa-MGF1", Signature, false, true, true),
    row(RSA_PSS_SHA384, "sha384-rsa-MGF1", Signature, false, true, true),
    row(RSA_PSS_SHA512, "sha512-rsa-MGF1", Signature, false, true, true),
    row(RSA_PSS, "rsa-pss", Signature, false, false, true),
    row(ECDSA_SHA1, "ecdsa-sha1", Signature, true, true, true),
    row(ECDSA_SHA224, "ecdsa-sha224", Signature, false, true, true),
    row(ECDSA_SHA256, "ecdsa-sha256", Signature, false, true, true),
    row(ECDSA_SHA384, "ecdsa-sha384", Signature, false, true, true),
    row(ECDSA_SHA512, "ecdsa-sha512", Signature, false, true, true),
    row(EDDSA_ED25519, "eddsa-ed25519", Signature, false, false, true),
    row(DSA_SHA1, "dsa-sha1", Signature, true, true, true),
    row(DSA_SHA256, "dsa-sha256", Signature, true, true, true),
    row(HMAC_SHA1, "hmac-sha1", Signature, true, false, true),
    row(HMAC_SHA224, "hmac-sha224", Signature, false, false, true),
    row(HMAC_SHA256, "hmac-sha256", Signature, false, false, true),
    row(HMAC_SHA384, "hmac-sha384", Signature, false, false, true),
    row(HMAC_SHA512, "hmac-sha512", Signature, false, false, true),
    // Digest methods.
    row(SHA1, "sha1", Digest, true, true, true),
    row(SHA224, "sha224", Digest, false, true, true),
    row(SHA256, "sha256", Digest, false, true, true),
    row(SHA384, "sha384", Digest, false, true, true),
    row(SHA512, "sha512", Digest, false, true, true),
    row(SHA1_XMLENC, "sha1", Digest, true, true, false),
    row(SHA224_XMLENC, "sha224", Digest, false, true, false),
    row(SHA256_MORE, "sha256", Digest, false, true, false),
    row(SHA384_XMLENC, "sha384", Digest, false, true, false),
    row(SHA512_MORE, "sha512", Digest, false, true, false),
    row(MD5, "md5", Digest, true, false, true),
    row(SHA3_256, "sha3-256", Digest, false, false, true),
    // Canonicalisation.
    row(C14N10, "xml-c14n", Canonicalization, false, true, true),
    row(C14N10_WITH_COMMENTS, "xml-c14n-with-comments", Canonicalization, false, true, true),
    row(C14N11, "xml-c14n11", Canonicalization, false, true, true),
    row(C14N11_WITH_COMMENTS, "xml-c14n11-with-comments", Canonicalization, false, true, true),
    row(EXC_C14N, "xml-exc-c14n", Canonicalization, false, true, true),
    row(EXC_C14N_WITH_COMMENTS, "xml-exc-c14n-with-comments", Canonicalization, false, true, true),
    // Other transforms.
    row(ENVELOPED_SIGNATURE, "enveloped-signature", Transform, false, true, true),
    row(XPATH, "xpath", Transform, false, true, true),
    row(XSLT, "xslt", Transform, false, false, true),
    row(BASE64, "base64", Transform, false, false, true),
    row(XPATH_FILTER2, "xpath-filter2", Transform, false, false, true),
    // Content encryption.
    row(AES128_CBC, "aes128-cbc", ContentEncryption, true, true, true),
    row(AES192_CBC, "aes192-cbc", ContentEncryption, true, true, true),
    row(AES256_CBC, "aes256-cbc", ContentEncryption, true, true, true),
    row(TRIPLEDES_CBC, "tripledes-cbc", ContentEncryption, true, true, true),
    row(AES128_GCM, "aes128-gcm", ContentEncryption, false, true, true),
    row(AES192_GCM, "aes192-gcm", ContentEncryption, false, true, true),
    row(AES256_GCM, "aes256-gcm", ContentEncryption, false, true, true),
    // Key transport.
    row(RSA_1_5, "rsa-1_5", KeyTransport, true, true, true),
    row(RSA_OAEP_MGF1P, "rsa-oaep-mgf1p", KeyTransport, false, true, true),
    row(RSA_OAEP, "rsa-oaep", KeyTransport, false, true, true),
    // Mask generation.
    row(MGF1_SHA1, "mgf1sha1", MaskGeneration, false, true, true),
    row(MGF1_SHA224, "mgf1sha224", MaskGeneration, false, true, true),
    row(MGF1_SHA256, "mgf1sha256", MaskGeneration, false, true, true),
    row(MGF1_SHA384, "mgf1sha384", MaskGeneration, false, true, true),
    row(MGF1_SHA512, "mgf1sha512", MaskGeneration, false, true, true),
];

/// The algorithm of a URI (exactly as written: no trimming, case-sensitive, as XML-DSig
/// compares them), or `None` when it is none samlscope knows.
pub fn find(uri: &str) -> Option<&'static Algorithm> {
    ALGORITHMS.iter().find(|a| a.uri == uri)
}

/// The short name to show for an algorithm URI: the table's ([`Algorithm::name`]) for a known
/// one (surrounding whitespace ignored), else the URI's last non-empty segment after `#` or
/// `/` (an unknown `…/2099/xmldsig-more#foo-sha256` shows as `foo-sha256`), else the URI.
pub fn short_name(uri: &str) -> &str {
    let uri = uri.trim();
    match find(uri) {
        Some(a) => a.name,
        None => uri
            .rsplit(['#', '/'])
            .find(|segment| !segment.is_empty())
            .unwrap_or(uri),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        ALGORITHMS, C14N10_WITH_COMMENTS, ENVELOPED_SIGNATURE, EXC_C14N, Family, RSA_SHA256,
        SHA256, find, short_name,
    };
    use crate::dsig::c14n::Algorithm as C14n;
    use crate::dsig::crypto::{DigestAlgorithm, SignatureAlgorithm, SignatureFamily};

    #[test]
    fn every_uri_is_listed_once() {
        let mut uris: Vec<&str> = ALGORITHMS.iter().map(|a| a.uri).collect();
        uris.sort_unstable();
        uris.dedup();
        assert_eq!(uris.len(), ALGORITHMS.len());
    }

    #[test]
    fn names_are_fragments_where_the_uri_has_one() {
        for a in ALGORITHMS {
            match a.uri.rsplit_once('#') {
                Some((_, fragment)) if !fragment.is_empty() && fragment != "WithComments" => {
                    assert_eq!(a.name, fragment, "{}", a.uri);
                }
                _ => assert!(!a.name.is_empty(), "{}", a.uri),
            }
        }
    }

    /// The verifier's enums agree with the table: every URI they accept is listed, with the
    /// same weakness, as supported (HMAC aside: recognised, never verified), and standard
    /// exactly when the enum says so.
    #[test]
    fn the_verifier_agrees_with_the_table() {
        for a in ALGORITHMS {
            match a.family {
                Family::Signature => match SignatureAlgorithm::from_uri(a.uri) {
                    Some(alg) => {
                        assert_eq!(alg.is_weak(), a.weak, "{}", a.uri);
                        let verified = alg.family() != SignatureFamily::Hmac;
                        assert_eq!(verified, a.supported, "{}", a.uri);
                        assert_eq!(
                            SignatureAlgorithm::is_standard_uri(a.uri),
                            a.standard,
                            "{}",
                            a.uri
                        );
                    }
                    None => assert!(!a.supported, "{}", a.uri),
                },
                Family::Digest => match DigestAlgorithm::from_uri(a.uri) {
                    Some(alg) => {
                        assert!(a.supported, "{}", a.uri);
                        assert_eq!(alg.is_weak(), a.weak, "{}", a.uri);
                        assert_eq!(
                            DigestAlgorithm::is_standard_uri(a.uri),
                            a.standard,
                            "{}",
                            a.uri
                        );
                    }
                    None => assert!(!a.supported, "{}", a.uri),
                },
                Family::Canonicalization => {
                    let alg = C14n::from_uri(a.uri).expect(a.uri);
                    assert_eq!(alg.uri(), a.uri);
                    assert!(crate::dsig::c14n_from_uri(a.uri, &[]).is_some());
                }
                Family::Transform => {
                    assert_eq!(
                        crate::dsig::is_saml_transform(a.uri),
                        a.uri == ENVELOPED_SIGNATURE,
                        "{}",
                        a.uri
                    );
                }
                Family::ContentEncryption | Family::KeyTransport | Family::MaskGeneration => {
                    assert_eq!(crate::xmlenc::is_weak(a.uri), a.weak, "{}", a.uri);
                }
            }
        }
        for alg in SignatureAlgorithm::ALL {
            assert_eq!(find(alg.uri()).map(|a| a.family), Some(Family::Signature));
        }
        for alg in DigestAlgorithm::ALL {
            assert_eq!(find(alg.uri()).map(|a| a.family), Some(Family::Digest));
        }
    }

    #[test]
    fn short_names() {
        assert_eq!(short_name(RSA_SHA256), "rsa-sha256");
        assert_eq!(short_name(&format!(" {EXC_C14N}\n")), "xml-exc-c14n");
        assert_eq!(short_name(C14N10_WITH_COMMENTS), "xml-c14n-with-comments");
        assert_eq!(short_name(ENVELOPED_SIGNATURE), "enveloped-signature");
        assert_eq!(short_name(SHA256), "sha256");
        // Unknown URIs: their last segment.
        assert_eq!(
            short_name("http://example.org/2099/more#foo-sha256"),
            "foo-sha256"
        );
        assert_eq!(short_name("http://example.org/c14n/"), "c14n");
        assert_eq!(short_name("plain"), "plain");
        assert_eq!(short_name(""), "");
    }
}
