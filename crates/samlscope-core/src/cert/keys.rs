//! Keys: a PEM block (by label) or bare DER read as a certificate, a public key or a private
//! key (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1, OpenSSL DSA, OpenSSH), described, never shown.

use super::key_algorithms::{
    OID_DSA, OID_EC, OID_EC_DH, OID_EC_MQV, OID_ED448, OID_ED25519, OID_RSA, OID_RSA_PSS,
    bit_string_bytes, dsa_params_bits, ec_curve_from_params, ec_point_bits, key_algorithm_name,
    magnitude_bits, positive_bits,
};
use super::x509::parse_certificate_der;
use super::{CertError, KeyAlgorithm, KeyMaterial, PrivateKeyInfo, PublicKeyInfo};
use crate::der::{AlgorithmId, Der, Tag, envelope, oid_to_string};

/// Reads a PEM block (by label) or bare DER as a certificate, public key or private key.
///
/// Labels: `CERTIFICATE`, `X509 CERTIFICATE`, `TRUSTED CERTIFICATE`, `PUBLIC KEY`,
/// `RSA PUBLIC KEY`, `PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `DSA PRIVATE KEY`,
/// `ENCRYPTED PRIVATE KEY`, `OPENSSH PRIVATE KEY`. With no label the DER is tried as a
/// certificate, SubjectPublicKeyInfo, PKCS#8, PKCS#1 RSA private key, SEC1 EC private key,
/// encrypted PKCS#8, PKCS#1 RSA public key and OpenSSL DSA private key, in that order.
pub fn read_key_material(label: Option<&str>, der: &[u8]) -> Result<KeyMaterial, CertError> {
    let Some(label) = label else {
        return read_bare_der(der).map_err(CertError::new);
    };
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = label.to_ascii_uppercase();
    let traditional_hint = " (if the PEM block has 'Proc-Type: 4,ENCRYPTED' and 'DEK-Info' \
                            headers, it is encrypted with OpenSSL's legacy scheme: decrypt it \
                            with `openssl pkey`)";
    let result = match upper.as_str() {
        "CERTIFICATE" | "X509 CERTIFICATE" => parse_certificate_der(der, false)
            .map(KeyMaterial::Certificate)
            .map_err(|m| format!("not a DER certificate: {m}")),
        "TRUSTED CERTIFICATE" => parse_certificate_der(der, true)
            .map(KeyMaterial::Certificate)
            .map_err(|m| format!("not a DER certificate: {m}")),
        "PUBLIC KEY" => envelope(der, false)
            .and_then(|_| public_key_from_spki(der))
            .map(KeyMaterial::PublicKey)
            .map_err(|m| format!("not a SubjectPublicKeyInfo public key: {m}")),
        "RSA PUBLIC KEY" => envelope(der, false)
            .and_then(|_| rsa_public_key_pkcs1(der))
            .map(KeyMaterial::PublicKey)
            .map_err(|m| format!("not a PKCS#1 RSA public key: {m}")),
        "PRIVATE KEY" => envelope(der, false)
            .and_then(|_| pkcs8_private_key(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not a PKCS#8 private key: {m}")),
        "ENCRYPTED PRIVATE KEY" => envelope(der, false)
            .and_then(|_| encrypted_pkcs8_private_key(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not an encrypted PKCS#8 private key: {m}")),
        "RSA PRIVATE KEY" => envelope(der, false)
            .and_then(|_| rsa_private_key_pkcs1(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not a PKCS#1 RSA private key: {m}{traditional_hint}")),
        "EC PRIVATE KEY" => envelope(der, false)
            .and_then(|_| ec_private_key_sec1(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not a SEC1 EC private key: {m}{traditional_hint}")),
        "DSA PRIVATE KEY" => envelope(der, false)
            .and_then(|_| dsa_private_key_openssl(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not an OpenSSL DSA private key: {m}{traditional_hint}")),
        "OPENSSH PRIVATE KEY" => openssh_private_key(der)
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not an OpenSSH private key: {m}")),
        "EC PARAMETERS" => Err(match ec_parameters(der) {
            Ok(Some(curve)) => format!(
                "EC PARAMETERS (curve {curve}) is not a key; the EC PRIVATE KEY block that usually \
                 follows it is"
            ),
            _ => "EC PARAMETERS is not a key; the EC PRIVATE KEY block that usually follows it is"
                .to_string(),
        }),
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Err(
            "a certificate signing request (CSR), not a certificate: it has not been issued yet"
                .to_string(),
        ),
        "X509 CRL" => Err("a certificate revocation list (CRL), not a certificate".to_string()),
        "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => Err(
            "a PKCS#7 bundle, not a certificate: extract the certificates with `openssl pkcs7 \
             -print_certs`"
                .to_string(),
        ),
        "DH PARAMETERS" | "X9.42 DH PARAMETERS" => {
            Err("Diffie-Hellman parameters, not a certificate or key".to_string())
        }
        _ => Err(format!(
            "unknown PEM label '{label}': not a certificate or key samlscope reads"
        )),
    };
    result.map_err(CertError::new)
}

/// A parser of one private key container.
type PrivateKeyParser = fn(&[u8]) -> Result<PrivateKeyInfo, String>;

/// Bare DER: try every container in turn.
fn read_bare_der(der: &[u8]) -> Result<KeyMaterial, String> {
    envelope(der, false).map_err(|m| format!("not a DER certificate or key: {m}"))?;
    if let Ok(cert) = parse_certificate_der(der, false) {
        return Ok(KeyMaterial::Certificate(cert));
    }
    if let Ok(key) = public_key_from_spki(der) {
        return Ok(KeyMaterial::PublicKey(key));
    }
    let private: [PrivateKeyParser; 4] = [
        pkcs8_private_key,
        rsa_private_key_pkcs1,
        ec_private_key_sec1,
        encrypted_pkcs8_private_key,
    ];
    for parse in private {
        if let Ok(key) = parse(der) {
            return Ok(KeyMaterial::PrivateKey(key));
        }
    }
    if let Ok(key) = rsa_public_key_pkcs1(der) {
        return Ok(KeyMaterial::PublicKey(key));
    }
    if let Ok(key) = dsa_private_key_openssl(der) {
        return Ok(KeyMaterial::PrivateKey(key));
    }
    Err(match classify_other_der(der) {
        Some(what) => what,
        None => {
            let cert_error = parse_certificate_der(der, false).err().unwrap_or_default();
            if looks_like_certificate(der) {
                format!("not a DER certificate: {cert_error}")
            } else {
                "DER, but not a certificate or key: not an X.509 certificate, SubjectPublicKeyInfo, \
                 PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8 structure"
                    .to_string()
            }
        }
    })
}

/// A SEQUENCE whose first element is a SEQUENCE starting with `[0]` (the version of a
/// TBSCertificate) is meant to be a certificate.
fn looks_like_certificate(der: &[u8]) -> bool {
    let mut top = Der::new(der);
    let Ok(outer) = top.expect(Tag::SEQUENCE, "certificate") else {
        return false;
    };
    let mut inner = outer.reader();
    let Ok(tbs) = inner.expect(Tag::SEQUENCE, "TBSCertificate") else {
        return false;
    };
    let mut tbs = tbs.reader();
    matches!(tbs.any("version"), Ok(v) if v.is_context(0)) || inner.remaining_elements() == Some(2)
}

/// Whether `der` is a PKCS#12 (`.pfx`, `.p12`) bundle: `SEQUENCE { INTEGER 3, SEQUENCE {
/// OID 1.2.840.113549.1.7.…, … } … }`. It holds a private key (and certificates), which
/// samlscope does not read; it is treated as a private key all the same.
pub fn is_pkcs12(der: &[u8]) -> bool {
    let mut top = Der::new(der);
    let Ok(outer) = top.expect(Tag::SEQUENCE, "PFX") else {
        return false;
    };
    let mut r = outer.reader();
    let (Ok(version), Ok(auth_safe)) = (r.any("version"), r.any("authSafe")) else {
        return false;
    };
    if !version.is(Tag::INTEGER) || version.content != [3] || !auth_safe.is(Tag::SEQUENCE) {
        return false;
    }
    auth_safe
        .reader()
        .expect(Tag::OID, "content type")
        .is_ok_and(|oid| oid_to_string(oid.content).starts_with("1.2.840.113549.1.7."))
}

/// Names the DER structures people paste instead of a certificate or key.
fn classify_other_der(der: &[u8]) -> Option<String> {
    let mut top = Der::new(der);
    let outer = top.expect(Tag::SEQUENCE, "structure").ok()?;
    let mut r = outer.reader();
    let first = r.any("first element").ok()?;
    if first.is(Tag::OID) && oid_to_string(first.content) == "1.2.840.113549.1.7.2" {
        return Some(
            "a PKCS#7 bundle (.p7b), not a certificate: extract the certificates with `openssl \
             pkcs7 -inform DER -print_certs`"
                .to_string(),
        );
    }
    if is_pkcs12(der) {
        return Some(
            "a PKCS#12 (.pfx/.p12) bundle, not a certificate: export the certificate with \
             `openssl pkcs12 -nokeys`"
                .to_string(),
        );
    }
    if first.is(Tag::SEQUENCE) {
        let mut info = first.reader();
        if let Ok(version) = info.any("version")
            && version.is(Tag::INTEGER)
            && version.content == [0]
            && info.expect(Tag::SEQUENCE, "subject").is_ok()
            && info.expect(Tag::SEQUENCE, "subjectPKInfo").is_ok()
            && matches!(info.any("attributes"), Ok(a) if a.is_context(0))
        {
            return Some(
                "a certificate signing request (CSR), not a certificate: it has not been issued \
                 yet"
                .to_string(),
            );
        }
    }
    None
}

/// Reads a SubjectPublicKeyInfo (the whole input must be one).
pub(super) fn public_key_from_spki(spki: &[u8]) -> Result<PublicKeyInfo, String> {
    let (alg, key_bits) = crate::der::subject_public_key_info(spki)?;
    let key = bit_string_bytes(&key_bits)?;
    let (algorithm, bits, curve) = match alg.oid.as_str() {
        OID_RSA | OID_RSA_PSS => {
            let bits = rsa_public_bits(key, key_bits.content_start + 1)?;
            (KeyAlgorithm::Rsa, Some(bits), None)
        }
        OID_EC | OID_EC_DH | OID_EC_MQV => {
            let params = alg.params.ok_or("EC key without curve parameters")?;
            let (curve, curve_bits) = ec_curve_from_params(&params)?;
            let bits = curve_bits.or_else(|| ec_point_bits(key));
            (KeyAlgorithm::Ec, bits, Some(curve))
        }
        OID_DSA => {
            let bits = match &alg.params {
                Some(p) if p.is(Tag::SEQUENCE) => Some(dsa_params_bits(p)?),
                _ => None,
            };
            (KeyAlgorithm::Dsa, bits, None)
        }
        OID_ED25519 => (KeyAlgorithm::Ed25519, None, None),
        OID_ED448 => (KeyAlgorithm::Ed448, None, None),
        other => (KeyAlgorithm::Other(key_algorithm_name(other)), None, None),
    };
    Ok(PublicKeyInfo {
        algorithm,
        bits,
        curve,
        spki_der: spki.to_vec(),
    })
}

/// PKCS#1 RSAPublicKey: SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
fn rsa_public_key_pkcs1(der: &[u8]) -> Result<PublicKeyInfo, String> {
    let bits = rsa_public_bits(der, 0)?;
    Ok(PublicKeyInfo {
        algorithm: KeyAlgorithm::Rsa,
        bits: Some(bits),
        curve: None,
        spki_der: Vec::new(),
    })
}

/// Bits of the modulus of a PKCS#1 RSAPublicKey at absolute offset `base`.
fn rsa_public_bits(der: &[u8], base: usize) -> Result<u32, String> {
    let mut top = Der::at(der, base);
    let seq = top.expect(Tag::SEQUENCE, "RSAPublicKey")?;
    top.finish("the RSAPublicKey")?;
    let mut r = seq.reader();
    let n = r.expect(Tag::INTEGER, "the RSA modulus")?;
    r.expect(Tag::INTEGER, "the RSA public exponent")?;
    r.finish("the RSAPublicKey")?;
    positive_bits(&n, "RSA modulus")
}

/// PKCS#8 PrivateKeyInfo / OneAsymmetricKey.
fn pkcs8_private_key(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::SEQUENCE, "PrivateKeyInfo")?;
    top.finish("the PrivateKeyInfo")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::INTEGER, "the version")?;
    if !matches!(version.content, [0] | [1]) {
        return Err(format!("version at byte {} is not 0 or 1", version.start));
    }
    let alg = AlgorithmId::read(&mut r, "the private key's AlgorithmIdentifier")?;
    let key = r.expect(Tag::OCTET_STRING, "the privateKey OCTET STRING")?;
    if let Some(attrs) = r.peek_context()?
        && attrs == 0
    {
        r.any("attributes")?;
    }
    if let Some(public) = r.peek_context()?
        && public == 1
    {
        r.any("publicKey")?;
    }
    r.finish("the PrivateKeyInfo")?;
    let mut curve = None;
    let (algorithm, bits) = match alg.oid.as_str() {
        OID_RSA | OID_RSA_PSS => {
            let inner = rsa_private_key_pkcs1_at(key.content, key.content_start)
                .map_err(|m| format!("the RSA key inside: {m}"))?;
            (KeyAlgorithm::Rsa, inner.bits)
        }
        OID_EC | OID_EC_DH | OID_EC_MQV => {
            let inner = ec_private_key_sec1_at(key.content, key.content_start)
                .map_err(|m| format!("the EC key inside: {m}"))?;
            let (c, b) = match &alg.params {
                Some(p) => {
                    let (c, b) = ec_curve_from_params(p)?;
                    (Some(c), b)
                }
                None => (inner.curve.clone(), None),
            };
            curve = c;
            (KeyAlgorithm::Ec, b.or(inner.bits))
        }
        OID_DSA => {
            let bits = match &alg.params {
                Some(p) if p.is(Tag::SEQUENCE) => Some(dsa_params_bits(p)?),
                _ => None,
            };
            (KeyAlgorithm::Dsa, bits)
        }
        OID_ED25519 => (KeyAlgorithm::Ed25519, None),
        OID_ED448 => (KeyAlgorithm::Ed448, None),
        other => (KeyAlgorithm::Other(key_algorithm_name(other)), None),
    };
    Ok(PrivateKeyInfo {
        algorithm,
        bits,
        format: "PKCS#8".to_string(),
        encrypted: false,
        curve,
        encryption: None,
    })
}

/// PKCS#8 EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
fn encrypted_pkcs8_private_key(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::SEQUENCE, "EncryptedPrivateKeyInfo")?;
    top.finish("the EncryptedPrivateKeyInfo")?;
    let mut r = seq.reader();
    let alg = AlgorithmId::read(&mut r, "the encryption AlgorithmIdentifier")?;
    r.expect(Tag::OCTET_STRING, "the encryptedData OCTET STRING")?;
    r.finish("the EncryptedPrivateKeyInfo")?;
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Other("encrypted".to_string()),
        bits: None,
        format: "encrypted PKCS#8".to_string(),
        encrypted: true,
        curve: None,
        encryption: Some(describe_pbe(&alg)),
    })
}

/// "PBES2 (PBKDF2, aes256-CBC)", "pbeWithSHAAnd3-KeyTripleDES-CBC", or the OID.
fn describe_pbe(alg: &AlgorithmId<'_>) -> String {
    let name = |oid: &str| -> String {
        match oid {
            "1.2.840.113549.1.5.12" => "PBKDF2",
            "1.3.6.1.4.1.11591.4.11" => "scrypt",
            "2.16.840.1.101.3.4.1.2" => "aes128-CBC",
            "2.16.840.1.101.3.4.1.22" => "aes192-CBC",
            "2.16.840.1.101.3.4.1.42" => "aes256-CBC",
            "1.2.840.113549.3.7" => "des-ede3-CBC",
            "1.3.14.3.2.7" => "des-CBC",
            "1.2.840.113549.3.2" => "rc2-CBC",
            "1.2.840.113549.1.5.3" => "pbeWithMD5AndDES-CBC",
            "1.2.840.113549.1.5.10" => "pbeWithSHA1AndDES-CBC",
            "1.2.840.113549.1.12.1.1" => "pbeWithSHAAnd128BitRC4",
            "1.2.840.113549.1.12.1.3" => "pbeWithSHAAnd3-KeyTripleDES-CBC",
            "1.2.840.113549.1.12.1.6" => "pbeWithSHAAnd40BitRC2-CBC",
            "1.2.840.113549.1.5.13" => "PBES2",
            other => return other.to_string(),
        }
        .to_string()
    };
    if alg.oid != "1.2.840.113549.1.5.13" {
        return name(&alg.oid);
    }
    // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier,
    //                             encryptionScheme AlgorithmIdentifier }
    let parts = (|| -> Result<(String, String), String> {
        let params = alg.params.as_ref().ok_or("no parameters")?;
        let mut r = params.reader();
        let kdf = AlgorithmId::read(&mut r, "keyDerivationFunc")?;
        let enc = AlgorithmId::read(&mut r, "encryptionScheme")?;
        Ok((name(&kdf.oid), name(&enc.oid)))
    })();
    match parts {
        Ok((kdf, enc)) => format!("PBES2 ({kdf}, {enc})"),
        Err(_) => "PBES2".to_string(),
    }
}

/// PKCS#1 RSAPrivateKey.
fn rsa_private_key_pkcs1(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    rsa_private_key_pkcs1_at(der, 0)
}

fn rsa_private_key_pkcs1_at(der: &[u8], base: usize) -> Result<PrivateKeyInfo, String> {
    let key = crate::der::rsa_private_key(der, base)?;
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Rsa,
        bits: Some(positive_bits(&key.integers[0], "RSA modulus")?),
        format: "PKCS#1".to_string(),
        encrypted: false,
        curve: None,
        encryption: None,
    })
}

/// SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING, [0] ECParameters OPTIONAL,
/// [1] BIT STRING OPTIONAL }.
fn ec_private_key_sec1(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    ec_private_key_sec1_at(der, 0)
}

fn ec_private_key_sec1_at(der: &[u8], base: usize) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::at(der, base);
    let seq = top.expect(Tag::SEQUENCE, "ECPrivateKey")?;
    top.finish("the ECPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::INTEGER, "the version")?;
    if version.content != [1] {
        return Err(format!("version at byte {} is not 1", version.start));
    }
    let key = r.expect(Tag::OCTET_STRING, "the privateKey OCTET STRING")?;
    let mut curve = None;
    let mut bits = None;
    if r.peek_context()? == Some(0) {
        let params = r.any("parameters")?;
        let mut p = params.reader();
        let inner = p.any("ECParameters")?;
        p.finish("the parameters")?;
        let (c, b) = ec_curve_from_params(&inner)?;
        curve = Some(c);
        bits = b;
    }
    if r.peek_context()? == Some(1) {
        r.any("publicKey")?;
    }
    r.finish("the ECPrivateKey")?;
    if bits.is_none() && !key.content.is_empty() {
        bits = u32::try_from(key.content.len().saturating_mul(8)).ok();
    }
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Ec,
        bits,
        format: "SEC1".to_string(),
        encrypted: false,
        curve,
        encryption: None,
    })
}

/// OpenSSL's traditional DSA key: SEQUENCE { 0, p, q, g, y, x }.
fn dsa_private_key_openssl(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::SEQUENCE, "DSAPrivateKey")?;
    top.finish("the DSAPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::INTEGER, "the version")?;
    if version.content != [0] {
        return Err(format!("version at byte {} is not 0", version.start));
    }
    let p = r.expect(Tag::INTEGER, "p")?;
    for what in ["q", "g", "the public key y", "the private key x"] {
        r.expect(Tag::INTEGER, what)?;
    }
    r.finish("the DSAPrivateKey")?;
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Dsa,
        bits: Some(positive_bits(&p, "DSA p")?),
        format: "OpenSSL DSA".to_string(),
        encrypted: false,
        curve: None,
        encryption: None,
    })
}

/// The curve of an `EC PARAMETERS` block.
fn ec_parameters(der: &[u8]) -> Result<Option<String>, String> {
    let mut top = Der::new(der);
    let params = top.any("ECParameters")?;
    top.finish("the ECParameters")?;
    Ok(Some(ec_curve_from_params(&params)?.0))
}

/// OpenSSH's own private key format (`openssh-key-v1`): the public half says what the key is.
fn openssh_private_key(data: &[u8]) -> Result<PrivateKeyInfo, String> {
    const MAGIC: &[u8] = b"openssh-key-v1\0";
    let mut rest = data
        .strip_prefix(MAGIC)
        .ok_or("does not start with 'openssh-key-v1'")?;
    let cipher = ssh_string(&mut rest, "the cipher name")?;
    let _kdf = ssh_string(&mut rest, "the KDF name")?;
    let _kdf_options = ssh_string(&mut rest, "the KDF options")?;
    let count = ssh_u32(&mut rest, "the number of keys")?;
    if count == 0 {
        return Err("it holds no key".to_string());
    }
    let mut public = ssh_string(&mut rest, "the public key")?;
    let kind = ssh_string(&mut public, "the key type")?;
    let kind = String::from_utf8_lossy(kind).into_owned();
    let (algorithm, bits, curve) = match kind.as_str() {
        "ssh-rsa" => {
            let _e = ssh_string(&mut public, "the RSA exponent")?;
            let n = ssh_string(&mut public, "the RSA modulus")?;
            (KeyAlgorithm::Rsa, Some(magnitude_bits(n)), None)
        }
        "ssh-dss" => {
            let p = ssh_string(&mut public, "the DSA p")?;
            (KeyAlgorithm::Dsa, Some(magnitude_bits(p)), None)
        }
        "ssh-ed25519" => (KeyAlgorithm::Ed25519, None, None),
        "ssh-ed448" => (KeyAlgorithm::Ed448, None, None),
        "ecdsa-sha2-nistp256" => (KeyAlgorithm::Ec, Some(256), Some("P-256".to_string())),
        "ecdsa-sha2-nistp384" => (KeyAlgorithm::Ec, Some(384), Some("P-384".to_string())),
        "ecdsa-sha2-nistp521" => (KeyAlgorithm::Ec, Some(521), Some("P-521".to_string())),
        other => (KeyAlgorithm::Other(other.to_string()), None, None),
    };
    let cipher = String::from_utf8_lossy(cipher).into_owned();
    let encrypted = cipher != "none";
    Ok(PrivateKeyInfo {
        algorithm,
        bits,
        format: "OpenSSH".to_string(),
        encrypted,
        curve,
        encryption: encrypted.then_some(cipher),
    })
}

fn ssh_u32(rest: &mut &[u8], what: &str) -> Result<u32, String> {
    match rest.split_first_chunk::<4>() {
        Some((head, tail)) => {
            *rest = tail;
            Ok(u32::from_be_bytes(*head))
        }
        None => Err(format!("unexpected end of data reading {what}")),
    }
}

fn ssh_string<'a>(rest: &mut &'a [u8], what: &str) -> Result<&'a [u8], String> {
    let len = ssh_u32(rest, what)?;
    let len = usize::try_from(len).map_err(|_| format!("{what} is too long"))?;
    if len > rest.len() {
        return Err(format!(
            "unexpected end of data: {what} declares {len} bytes, only {} remain",
            rest.len()
        ));
    }
    let (value, tail) = rest.split_at(len);
    *rest = tail;
    Ok(value)
}
