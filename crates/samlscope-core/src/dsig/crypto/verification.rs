//! Verification of a `SignatureValue` with RSA (PKCS#1 v1.5 and PSS), ECDSA and DSA.

use rsa::traits::PublicKeyParts as _;
use signature::hazmat::PrehashVerifier as _;

use super::error::{Tolerance, Verified, VerifyError};
use super::signature_algorithm::SignatureAlgorithm;
use crate::der;

pub(super) fn verify_rsa(
    key: &rsa::PublicKey,
    alg: SignatureAlgorithm,
    hash: &[u8],
    signature: &[u8],
    mismatch: &dyn Fn(Option<String>) -> VerifyError,
) -> Result<Verified, VerifyError> {
    let k = key.size();
    let mut tolerated = Vec::new();
    let padded;
    let signature = if signature.len() == k {
        signature
    } else if signature.is_empty() {
        return Err(VerifyError::MalformedSignature(
            "the signature is empty".to_owned(),
        ));
    } else if signature.len() < k && k - signature.len() <= 3 {
        // Leading zero bytes dropped by the signer (about 1 signature in 256).
        let mut v = vec![0; k - signature.len()];
        v.extend_from_slice(signature);
        padded = v;
        tolerated.push(Tolerance::RsaSignatureLength {
            found: signature.len(),
            expected: k,
        });
        &padded
    } else if signature.len() > k && signature[..signature.len() - k].iter().all(|b| *b == 0) {
        tolerated.push(Tolerance::RsaSignatureLength {
            found: signature.len(),
            expected: k,
        });
        &signature[signature.len() - k..]
    } else if signature.len() >= 64 && signature.len().is_multiple_of(32) {
        return Err(mismatch(Some(format!(
            "a {}-byte signature is from an RSA {} key; this key's are {k} bytes",
            signature.len(),
            signature.len() * 8
        ))));
    } else {
        return Err(VerifyError::MalformedSignature(format!(
            "an RSA signature of {} bytes; this key's are {k} bytes",
            signature.len()
        )));
    };
    use rsa::Pkcs1v15Sign;
    use rsa::pss::Pss;
    let result = match alg {
        SignatureAlgorithm::RsaSha1 => {
            key.verify(Pkcs1v15Sign::new::<sha1::Sha1>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha224 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha224>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha256 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha256>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha384 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha384>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha512 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha512>(), hash, signature)
        }
        SignatureAlgorithm::RsaPssSha1 => key.verify(Pss::<sha1::Sha1>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha224 => key.verify(Pss::<sha2::Sha224>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha256 => key.verify(Pss::<sha2::Sha256>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha384 => key.verify(Pss::<sha2::Sha384>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha512 => key.verify(Pss::<sha2::Sha512>::new(), hash, signature),
        _ => return Err(mismatch(None)),
    };
    match result {
        Ok(()) => Ok(Verified { tolerated }),
        Err(_) => Err(VerifyError::BadSignature),
    }
}

/// The field size in bytes of the curves supported, and their names, to say which curve a
/// signature's length is for.
const CURVE_SIGNATURE_LENGTHS: [(usize, &str); 3] = [(64, "P-256"), (96, "P-384"), (132, "P-521")];

/// An ASN.1 DER `SEQUENCE { r, s }` as the fixed-size `r‖s` of a curve whose field has
/// `field_len` bytes; `None` when it is not one or r or s does not fit.
fn der_r_s(signature: &[u8], field_len: usize) -> Option<Vec<u8>> {
    let (r, s) = der::signature_r_s(signature).ok()?;
    if r.len() > field_len || s.len() > field_len {
        return None;
    }
    let mut rs = vec![0; 2 * field_len];
    rs[field_len - r.len()..field_len].copy_from_slice(r);
    rs[2 * field_len - s.len()..].copy_from_slice(s);
    Some(rs)
}

/// One ECDSA verifier per curve (the generic bounds of `ecdsa` over all three are longer than
/// the code).
macro_rules! ecdsa_verifier {
    ($name:ident, $curve:ident) => {
        pub(super) fn $name(
            key: &$curve::ecdsa::VerifyingKey,
            hash: &[u8],
            signature: &[u8],
            mismatch: &dyn Fn(Option<String>) -> VerifyError,
        ) -> Result<Verified, VerifyError> {
            let expected = 2 * $curve::FieldBytes::default().len();
            let mut tolerated = Vec::new();
            let parsed = if signature.len() == expected {
                $curve::ecdsa::Signature::from_slice(signature).map_err(|_| {
                    VerifyError::MalformedSignature(
                        "r or s is zero or not below the curve order".to_owned(),
                    )
                })?
            } else if let Some(sig) = der_r_s(signature, expected / 2)
                .and_then(|rs| $curve::ecdsa::Signature::from_slice(&rs).ok())
            {
                tolerated.push(Tolerance::DerEncodedSignature);
                sig
            } else if let Some((_, curve)) = CURVE_SIGNATURE_LENGTHS
                .iter()
                .find(|(len, _)| *len == signature.len())
            {
                return Err(mismatch(Some(format!(
                    "a {}-byte r‖s is from a {curve} key",
                    signature.len()
                ))));
            } else {
                return Err(VerifyError::MalformedSignature(format!(
                    "an ECDSA signature of {} bytes; this curve's r‖s has {expected}",
                    signature.len()
                )));
            };
            key.verify_prehash(hash, &parsed)
                .map(|()| Verified { tolerated })
                .map_err(|_| VerifyError::BadSignature)
        }
    };
}

ecdsa_verifier!(verify_p256, p256);
ecdsa_verifier!(verify_p384, p384);
ecdsa_verifier!(verify_p521, p521);

pub(super) fn verify_dsa(
    key: &dsa::VerifyingKey,
    hash: &[u8],
    signature: &[u8],
    mismatch: &dyn Fn(Option<String>) -> VerifyError,
) -> Result<Verified, VerifyError> {
    let q_len = (key.components().q().bit_width() as usize).div_ceil(8);
    let mut tolerated = Vec::new();
    let parsed = if signature.len() == 2 * q_len {
        let (r, s) = signature.split_at(q_len);
        dsa::Signature::from_components(
            dsa::BoxedUint::from_be_slice_vartime(r),
            dsa::BoxedUint::from_be_slice_vartime(s),
        )
        .ok_or_else(|| VerifyError::MalformedSignature("r or s is zero".to_owned()))?
    } else if let Some(sig) = der::signature_r_s(signature).ok().and_then(|(r, s)| {
        dsa::Signature::from_components(
            dsa::BoxedUint::from_be_slice_vartime(r),
            dsa::BoxedUint::from_be_slice_vartime(s),
        )
    }) {
        tolerated.push(Tolerance::DerEncodedSignature);
        sig
    } else if matches!(signature.len(), 40 | 56 | 64) {
        return Err(mismatch(Some(format!(
            "a {}-byte r‖s is from a key with a {}-bit q; this key's is {} bits",
            signature.len(),
            signature.len() * 4,
            q_len * 8
        ))));
    } else {
        return Err(VerifyError::MalformedSignature(format!(
            "a DSA signature of {} bytes; this key's r‖s has {}",
            signature.len(),
            2 * q_len
        )));
    };
    key.verify_prehash(hash, &parsed)
        .map(|()| Verified { tolerated })
        .map_err(|_| VerifyError::BadSignature)
}
