//! XML Encryption: decrypting `saml:EncryptedAssertion`, `saml:EncryptedID` and
//! `saml:EncryptedAttribute` with the SP's RSA private key.
//!
//! SAML encrypts an element in two layers: a random content key encrypts the element
//! (`xenc:EncryptedData`), and the IdP encrypts that content key to the SP's RSA public key
//! (`xenc:EncryptedKey`). [`decrypt`] undoes both with an [`SpKey`] and gives back the XML
//! text of the element (the Assertion, NameID or Attribute), to be parsed like any message.
//!
//! * Content encryption: `aes128-cbc`, `aes192-cbc`, `aes256-cbc`, `tripledes-cbc`
//!   (XML Encryption 1.0; the CipherValue is IV ‖ ciphertext, with XML Encryption padding:
//!   the last byte is the padding length, the other padding bytes are arbitrary) and
//!   `aes128-gcm`, `aes192-gcm`, `aes256-gcm` (XML Encryption 1.1; 12-byte IV ‖ ciphertext ‖
//!   16-byte tag).
//! * Key transport: `rsa-oaep-mgf1p` (OAEP with SHA-1 unless a `ds:DigestMethod` says
//!   otherwise, MGF1 with SHA-1), XML Encryption 1.1 `rsa-oaep` (`ds:DigestMethod` and
//!   `xenc11:MGF`, both SHA-1 by default), with an optional `xenc:OAEPparams` label, and
//!   `rsa-1_5` (RSAES-PKCS1-v1_5, checked explicitly so that a wrong key is reported as such).
//! * The EncryptedKey is looked for in the EncryptedData's `ds:KeyInfo`, through a
//!   `ds:RetrievalMethod` (`URI="#id"`, anywhere in the document), next to the EncryptedData
//!   inside the Encrypted* element (Okta's layout), and anywhere in the document when its
//!   `xenc:ReferenceList` names the EncryptedData. When there are several (one per
//!   recipient), each is tried.
//!
//! Every failure is a [`DecryptError`] naming the [`DecryptStep`] that failed and saying why
//! in one line. This is an offline inspector: there is no defence against padding or
//! Bleichenbacher oracles, and none is needed (nobody can query it remotely).

use std::fmt;

use base64::Engine as _;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockCipherDecrypt, BlockModeDecrypt as _, KeyInit, KeyIvInit as _};
use digest::{Digest, FixedOutputReset};
use rsa::BoxedUint;
use rsa::traits::PublicKeyParts as _;

use crate::algorithms::{self, RSA_1_5, RSA_OAEP as RSA_OAEP_11, RSA_OAEP_MGF1P};
use crate::cert::{self, KeyAlgorithm, KeyMaterial, PrivateKeyInfo};
use crate::decode::{self, Content};
use crate::der::{AlgorithmId, Der, Tag};
use crate::xml::ns::XENC11;
use crate::xml::{Document, ElementRef, NodeId, ns};

/// At most this many EncryptedKeys are tried for one EncryptedData (each costs an RSA
/// private-key operation; real messages have one per recipient).
const MAX_ENCRYPTED_KEYS: usize = 16;

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// The SP's RSA private key, the one the IdP encrypts to.
///
/// Its [`Debug`](fmt::Debug) output shows what the key is, never its secret.
pub struct SpKey {
    key: rsa::PrivateKey,
    description: String,
}

impl fmt::Debug for SpKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpKey")
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

impl SpKey {
    /// Reads an unencrypted RSA private key: PEM (`PRIVATE KEY` for PKCS#8, `RSA PRIVATE KEY`
    /// for PKCS#1, possibly next to certificates in the same file), bare DER, or base64 of
    /// DER. Everything [`crate::decode::decode`] undoes (URL-encoding, line breaks …) is
    /// undone first.
    ///
    /// # Errors
    ///
    /// [`DecryptStep::Key`] when the input is not an RSA private key samlscope can use: a
    /// certificate or public key (the public half), an EC or DSA key, a password-protected
    /// key (decrypt it first), or something that does not parse; and always in a build
    /// without the `decryption` feature.
    pub fn read(bytes: &[u8]) -> Result<Self, DecryptError> {
        if !cfg!(feature = "decryption") {
            // Nothing past this point is reachable then, so none of it is in the build.
            return Err(key_error(
                "decryption is left out of this build to keep it small (the web page has no SP \
                 key field); the samlscope command-line tool decrypts: samlscope inspect \
                 --sp-key sp.key",
            ));
        }
        match decode::decode(bytes) {
            Ok(decoded) => match decoded.content {
                Content::Pem(blocks) => Self::from_pem_blocks(&decoded.text, &blocks),
                Content::Der(der) => Self::from_der(None, &der),
                Content::Xml => Err(key_error(
                    "this is XML, not a private key: give the SP's RSA private key (PEM, DER or \
                     base64)",
                )),
            },
            Err(e) => {
                if bytes.first() == Some(&0x30) {
                    return Self::from_der(None, bytes);
                }
                Err(key_error(format!("not a private key: {}", e.message)))
            }
        }
    }

    /// What the key is, e.g. `RSA 2048 private key (PKCS#8)`.
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.key.n().bit_width() as usize
    }

    fn from_pem_blocks(text: &str, blocks: &[decode::PemBlock]) -> Result<Self, DecryptError> {
        let mut first_error = None;
        for block in blocks {
            let armour = text.get(block.span.start..block.span.end).unwrap_or("");
            if block.label.contains("PRIVATE KEY")
                && armour.contains("Proc-Type:")
                && armour.contains("ENCRYPTED")
            {
                return Err(key_error(format!(
                    "the {} is password-protected (OpenSSL's legacy PEM encryption, \
                     'Proc-Type: 4,ENCRYPTED'): samlscope does not decrypt private keys; export \
                     it without a password first (`openssl pkey -in sp.key -out sp-plain.key`)",
                    block.label
                )));
            }
            match cert::read_key_material(Some(&block.label), &block.der) {
                Ok(KeyMaterial::PrivateKey(info)) => return Self::from_info(&info, &block.der),
                Ok(other) => {
                    first_error.get_or_insert_with(|| not_private(&other));
                }
                Err(e) => {
                    first_error.get_or_insert_with(|| {
                        key_error(format!("the {} PEM block: {}", block.label, e.message))
                    });
                }
            }
        }
        Err(first_error.unwrap_or_else(|| key_error("no PEM block: not a private key")))
    }

    fn from_der(label: Option<&str>, der: &[u8]) -> Result<Self, DecryptError> {
        match cert::read_key_material(label, der) {
            Ok(KeyMaterial::PrivateKey(info)) => Self::from_info(&info, der),
            Ok(other) => Err(not_private(&other)),
            Err(e) => Err(key_error(format!("not a private key: {}", e.message))),
        }
    }

    fn from_info(info: &PrivateKeyInfo, der: &[u8]) -> Result<Self, DecryptError> {
        let description = info.describe();
        if info.encrypted {
            let how = info
                .encryption
                .as_deref()
                .map(|e| format!(", {e}"))
                .unwrap_or_default();
            return Err(key_error(format!(
                "the private key is password-protected ({description}{how}): samlscope does not \
                 decrypt private keys; export it without a password first (`openssl pkey -in \
                 sp.key -out sp-plain.key`)"
            )));
        }
        if info.algorithm != KeyAlgorithm::Rsa {
            return Err(key_error(format!(
                "{description}: SAML's key transport (rsa-oaep, rsa-1_5) needs an RSA private key"
            )));
        }
        let key = match info.format.as_str() {
            "PKCS#8" => pkcs8_rsa_private_key(der),
            "PKCS#1" => pkcs1_rsa_private_key(der, 0),
            other => {
                return Err(key_error(format!(
                    "{description}: samlscope reads RSA private keys as PKCS#8 or PKCS#1, not \
                     {other} (convert it with `openssl pkey`)"
                )));
            }
        }
        .map_err(|e| {
            key_error(format!(
                "the RSA private key does not load ({description}): {e}"
            ))
        })?;
        Ok(Self { key, description })
    }
}

/// The RSA key of a PKCS#8 PrivateKeyInfo: SEQUENCE { version, AlgorithmIdentifier
/// (rsaEncryption with NULL parameters, or id-RSASSA-PSS without), privateKey OCTET STRING
/// holding a PKCS#1 RSAPrivateKey, ... }.
fn pkcs8_rsa_private_key(der: &[u8]) -> Result<rsa::PrivateKey, String> {
    let mut top = Der::new(der);
    let info = top.expect(Tag::SEQUENCE, "the PrivateKeyInfo")?;
    let mut r = info.reader();
    r.expect(Tag::INTEGER, "the version")?;
    let algorithm = AlgorithmId::read(&mut r, "the private key's AlgorithmIdentifier")?;
    match algorithm.oid.as_str() {
        "1.2.840.113549.1.1.1" if algorithm.null_params => {}
        "1.2.840.113549.1.1.1" => {
            return Err("the rsaEncryption AlgorithmIdentifier must have NULL parameters".into());
        }
        "1.2.840.113549.1.1.10" if algorithm.params.is_none() && !algorithm.null_params => {}
        "1.2.840.113549.1.1.10" => {
            return Err(
                "an id-RSASSA-PSS private key with parameters is not supported".to_string(),
            );
        }
        other => return Err(format!("the key algorithm {other} is not RSA")),
    }
    let key = r.expect(Tag::OCTET_STRING, "the privateKey OCTET STRING")?;
    pkcs1_rsa_private_key(key.content, key.content_start)
}

/// A PKCS#1 RSAPrivateKey at absolute offset `base`: SEQUENCE { version 0, modulus,
/// publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient }, built
/// from n, e, d, p and q (the rest is recomputed and checked by `rsa`).
fn pkcs1_rsa_private_key(der: &[u8], base: usize) -> Result<rsa::PrivateKey, String> {
    let key = crate::der::rsa_private_key(der, base)?;
    if key.version.content != [0] {
        return Err(format!(
            "the version at byte {} is not 0: multi-prime RSA keys are not supported",
            key.version.start
        ));
    }
    let mut values = [&[][..]; 8];
    for ((value, integer), what) in values
        .iter_mut()
        .zip(key.integers)
        .zip(crate::der::RSA_PRIVATE_KEY_INTEGERS)
    {
        *value = integer.unsigned(what)?;
    }
    let [n, e, d, p, q, ..] = values;
    let too_large = || "the key is too large".to_string();
    let bits = u32::try_from(n.len() * 8).map_err(|_| too_large())?;
    let e_bits = u32::try_from(e.len() * 8).map_err(|_| too_large())?;
    let uint = |bytes: &[u8], bits: u32, what: &str| {
        BoxedUint::from_be_slice(bytes, bits)
            .map_err(|_| format!("{what} is larger than the modulus"))
    };
    rsa::PrivateKey::from_components(
        uint(n, bits, "the modulus")?,
        uint(e, e_bits, "the public exponent")?,
        uint(d, bits, "the private exponent")?,
        vec![uint(p, bits, "prime1")?, uint(q, bits, "prime2")?],
    )
    .map_err(|e| format!("the key's numbers do not make an RSA key ({e})"))
}

/// What decrypting gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decrypted {
    /// The decrypted XML text (the Assertion, NameID or Attribute element).
    pub plaintext: String,
    /// The content encryption algorithm URI (`EncryptedData/EncryptionMethod/@Algorithm`).
    pub data_algorithm: String,
    /// The key transport algorithm URI of the EncryptedKey that worked.
    pub key_algorithm: Option<String>,
}

/// The step of decryption that failed, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecryptStep {
    /// Reading the SP private key.
    Key,
    /// Finding and reading the `xenc:EncryptedKey` (where it is, its CipherValue).
    EncryptedKey,
    /// Decrypting the content key with the SP key (key transport algorithm, wrong key).
    KeyTransport,
    /// Reading and decrypting the `xenc:EncryptedData` (algorithm, CipherValue, GCM tag).
    Content,
    /// Removing the CBC padding (a wrong content key or altered ciphertext shows here).
    Padding,
    /// The decrypted bytes are not UTF-8 text.
    Plaintext,
}

impl DecryptStep {
    /// A short name: `key`, `EncryptedKey`, `key transport`, `content`, `padding`,
    /// `plaintext`.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Key => "key",
            Self::EncryptedKey => "EncryptedKey",
            Self::KeyTransport => "key transport",
            Self::Content => "content",
            Self::Padding => "padding",
            Self::Plaintext => "plaintext",
        }
    }
}

impl fmt::Display for DecryptStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why decryption failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecryptError {
    /// The step that failed.
    pub step: DecryptStep,
    /// One line saying what failed and why.
    pub message: String,
}

impl DecryptError {
    fn new(step: DecryptStep, message: impl Into<String>) -> Self {
        Self {
            step,
            message: message.into(),
        }
    }
}

impl fmt::Display for DecryptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecryptError {}

/// Decrypts `encrypted`: a `saml:EncryptedAssertion`, `saml:EncryptedID`,
/// `saml:EncryptedAttribute` (any element holding an `xenc:EncryptedData`), or an
/// `xenc:EncryptedData` itself. Never panics.
///
/// # Errors
///
/// A [`DecryptError`] whose [`step`](DecryptError::step) says what failed: no EncryptedKey
/// found, an unsupported algorithm, a key that is not the one the IdP encrypted to, a GCM
/// tag or CBC padding that does not check, a plaintext that is not UTF-8. When several
/// EncryptedKeys are tried and all fail, the error of the attempt that went furthest. Always
/// an error in a build without the `decryption` feature.
pub fn decrypt(doc: &Document, encrypted: NodeId, key: &SpKey) -> Result<Decrypted, DecryptError> {
    // Without the feature no SpKey can be made ([`SpKey::read`]); saying so here too lets the
    // compiler leave every cipher out.
    if !cfg!(feature = "decryption") {
        return Err(key_error("decryption is left out of this build"));
    }
    if encrypted.index() >= doc.len() {
        return Err(content_error("the node to decrypt is not in this document"));
    }
    let Some(outer) = doc.element(encrypted) else {
        return Err(content_error("the node to decrypt is not an element"));
    };
    let data = encrypted_data(outer)?;

    let Some(method) = data.child(ns::XENC, "EncryptionMethod") else {
        return Err(content_error(
            "the xenc:EncryptedData has no xenc:EncryptionMethod: its content encryption \
             algorithm is unknown",
        ));
    };
    let data_uri = method.attr("Algorithm").unwrap_or("").trim();
    let Some(alg) = ContentAlg::from_uri(data_uri) else {
        return Err(content_error(format!(
            "unsupported content encryption algorithm '{data_uri}' (samlscope decrypts \
             aes128/192/256-cbc, tripledes-cbc and aes128/192/256-gcm)"
        )));
    };
    let ciphertext = cipher_value(data, "xenc:EncryptedData", DecryptStep::Content)?;

    let candidates = encrypted_keys(doc, outer, data)?;
    let tried = candidates.len().min(MAX_ENCRYPTED_KEYS);
    let mut best: Option<DecryptError> = None;
    for ek in candidates.into_iter().take(MAX_ENCRYPTED_KEYS) {
        let attempt = unwrap_key(ek, key).and_then(|(content_key, transport)| {
            if content_key.len() != alg.key_len() {
                return Err(DecryptError::new(
                    DecryptStep::KeyTransport,
                    format!(
                        "the EncryptedKey decrypts to a {}-byte key, but {} needs {} bytes: it \
                         holds the key of another algorithm",
                        content_key.len(),
                        alg.name(),
                        alg.key_len()
                    ),
                ));
            }
            let plaintext = alg.decrypt(&content_key, &ciphertext)?;
            let plaintext = utf8(plaintext)?;
            Ok(Decrypted {
                plaintext,
                data_algorithm: data_uri.to_string(),
                key_algorithm: Some(transport),
            })
        });
        match attempt {
            Ok(done) => return Ok(done),
            Err(e) => {
                if best.as_ref().is_none_or(|b| e.step > b.step) {
                    best = Some(e);
                }
            }
        }
    }
    let mut error = best.unwrap_or_else(|| {
        DecryptError::new(DecryptStep::EncryptedKey, "no xenc:EncryptedKey was tried")
    });
    if tried > 1 {
        error.message = format!("{} (tried {tried} EncryptedKeys)", error.message);
    }
    Err(error)
}

/// Whether an XML Encryption algorithm URI is weak ([`algorithms::Algorithm::weak`]):
/// `rsa-1_5` key transport (open to Bleichenbacher-style attacks) and every CBC content
/// encryption (unauthenticated, open to padding-oracle attacks on XML Encryption), including a
/// CBC mode the table does not list.
pub fn is_weak(algorithm_uri: &str) -> bool {
    let uri = algorithm_uri.trim();
    algorithms::find(uri).is_some_and(|a| a.weak) || uri.ends_with("-cbc")
}

// ---------------------------------------------------------------------------------------------
// Algorithms
// ---------------------------------------------------------------------------------------------

/// A content encryption algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ContentAlg {
    Aes128Cbc,
    Aes192Cbc,
    Aes256Cbc,
    TripleDesCbc,
    Aes128Gcm,
    Aes192Gcm,
    Aes256Gcm,
}

impl ContentAlg {
    const ALL: [Self; 7] = [
        Self::Aes128Cbc,
        Self::Aes192Cbc,
        Self::Aes256Cbc,
        Self::TripleDesCbc,
        Self::Aes128Gcm,
        Self::Aes192Gcm,
        Self::Aes256Gcm,
    ];

    fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|alg| alg.uri() == uri)
    }

    const fn uri(self) -> &'static str {
        match self {
            Self::Aes128Cbc => algorithms::AES128_CBC,
            Self::Aes192Cbc => algorithms::AES192_CBC,
            Self::Aes256Cbc => algorithms::AES256_CBC,
            Self::TripleDesCbc => algorithms::TRIPLEDES_CBC,
            Self::Aes128Gcm => algorithms::AES128_GCM,
            Self::Aes192Gcm => algorithms::AES192_GCM,
            Self::Aes256Gcm => algorithms::AES256_GCM,
        }
    }

    /// The short name: `aes128-cbc`.
    fn name(self) -> &'static str {
        algorithms::short_name(self.uri())
    }

    const fn key_len(self) -> usize {
        match self {
            Self::Aes128Cbc | Self::Aes128Gcm => 16,
            Self::Aes192Cbc | Self::Aes192Gcm | Self::TripleDesCbc => 24,
            Self::Aes256Cbc | Self::Aes256Gcm => 32,
        }
    }

    /// Decrypts IV ‖ ciphertext (‖ tag for GCM) with the content key (of the right length).
    fn decrypt(self, key: &[u8], data: &[u8]) -> Result<Vec<u8>, DecryptError> {
        match self {
            Self::Aes128Cbc => cbc_decrypt::<aes::Aes128>(self, 16, key, data),
            Self::Aes192Cbc => cbc_decrypt::<aes::Aes192>(self, 16, key, data),
            Self::Aes256Cbc => cbc_decrypt::<aes::Aes256>(self, 16, key, data),
            #[cfg(feature = "legacy-ciphers")]
            Self::TripleDesCbc => cbc_decrypt::<des::TdesEde3>(self, 8, key, data),
            #[cfg(not(feature = "legacy-ciphers"))]
            Self::TripleDesCbc => Err(DecryptError {
                step: DecryptStep::Content,
                message:
                    "tripledes-cbc (3DES) content decryption is left out of this build to keep \
                          it small; the samlscope command-line tool decrypts it"
                        .to_owned(),
            }),
            Self::Aes128Gcm => gcm_decrypt::<aes_gcm::Aes128Gcm>(self, key, data),
            Self::Aes192Gcm => gcm_decrypt::<
                aes_gcm::AesGcm<aes::Aes192, aes_gcm::aead::consts::U12>,
            >(self, key, data),
            Self::Aes256Gcm => gcm_decrypt::<aes_gcm::Aes256Gcm>(self, key, data),
        }
    }
}

/// CBC with XML Encryption padding: the last byte is the padding length (1 to the block
/// size), the other padding bytes are arbitrary (ISO 10126; PKCS#7 is a special case).
fn cbc_decrypt<C>(
    alg: ContentAlg,
    block: usize,
    key: &[u8],
    data: &[u8],
) -> Result<Vec<u8>, DecryptError>
where
    C: BlockCipherDecrypt + KeyInit,
{
    let name = alg.name();
    if data.len() < 2 * block || !data.len().is_multiple_of(block) {
        return Err(content_error(format!(
            "the {name} CipherValue is {} bytes: it must be a {block}-byte IV followed by whole \
             {block}-byte blocks (at least one)",
            data.len()
        )));
    }
    let (iv, ciphertext) = data.split_at(block);
    let Ok(decryptor) = cbc::Decryptor::<C>::new_from_slices(key, iv) else {
        return Err(content_error(format!(
            "the {name} key or IV has the wrong length"
        )));
    };
    let mut buf = ciphertext.to_vec();
    if decryptor.decrypt_padded::<NoPadding>(&mut buf).is_err() {
        return Err(content_error(format!(
            "the {name} ciphertext is not made of whole blocks"
        )));
    }
    let pad = buf.last().copied().map_or(0, usize::from);
    if pad == 0 || pad > block {
        return Err(DecryptError::new(
            DecryptStep::Padding,
            format!(
                "the {name} padding does not check (last byte {pad:#04x}, must be 1 to {block}): \
                 the ciphertext was altered, or the content key is not the one it was encrypted \
                 with"
            ),
        ));
    }
    buf.truncate(buf.len() - pad);
    Ok(buf)
}

/// GCM: 12-byte IV ‖ ciphertext ‖ 16-byte tag.
fn gcm_decrypt<A>(alg: ContentAlg, key: &[u8], data: &[u8]) -> Result<Vec<u8>, DecryptError>
where
    A: KeyInit + aes_gcm::aead::Aead + aes_gcm::AeadCore<NonceSize = aes_gcm::aead::consts::U12>,
{
    let name = alg.name();
    if data.len() < 12 + 16 {
        return Err(content_error(format!(
            "the {name} CipherValue is {} bytes: it must hold a 12-byte IV, the ciphertext and a \
             16-byte tag",
            data.len()
        )));
    }
    let (iv, rest) = data.split_at(12);
    let Ok(cipher) = A::new_from_slice(key) else {
        return Err(content_error(format!(
            "the {name} key has the wrong length"
        )));
    };
    let Ok(nonce) = aes_gcm::Nonce::<aes_gcm::aead::consts::U12>::try_from(iv) else {
        return Err(content_error(format!("the {name} IV has the wrong length")));
    };
    cipher.decrypt(&nonce, rest).map_err(|_| {
        content_error(format!(
            "the {name} authentication tag does not check: the ciphertext was altered, or the \
             content key is not the one it was encrypted with"
        ))
    })
}

fn utf8(plaintext: Vec<u8>) -> Result<String, DecryptError> {
    String::from_utf8(plaintext).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        DecryptError::new(
            DecryptStep::Plaintext,
            format!(
                "the decrypted content is not UTF-8 text (invalid byte at offset {at} of {}): it \
                 is not the XML of an element",
                e.as_bytes().len()
            ),
        )
    })
}

/// A hash of RSA-OAEP (the digest or MGF1's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn from_digest_uri(uri: &str) -> Option<Self> {
        match uri {
            algorithms::SHA1 => Some(Self::Sha1),
            algorithms::SHA224 => Some(Self::Sha224),
            algorithms::SHA256 => Some(Self::Sha256),
            algorithms::SHA384 => Some(Self::Sha384),
            algorithms::SHA512 => Some(Self::Sha512),
            _ => None,
        }
    }

    fn from_mgf_uri(uri: &str) -> Option<Self> {
        match uri {
            algorithms::MGF1_SHA1 => Some(Self::Sha1),
            algorithms::MGF1_SHA224 => Some(Self::Sha224),
            algorithms::MGF1_SHA256 => Some(Self::Sha256),
            algorithms::MGF1_SHA384 => Some(Self::Sha384),
            algorithms::MGF1_SHA512 => Some(Self::Sha512),
            _ => None,
        }
    }

    const fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA-1",
            Self::Sha224 => "SHA-224",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
        }
    }
}

/// A key transport algorithm with its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Transport {
    Oaep {
        digest: Hash,
        mgf: Hash,
        label: Vec<u8>,
    },
    Pkcs1v15,
}

impl Transport {
    /// Reads `EncryptedKey/EncryptionMethod`.
    fn read(method: ElementRef<'_>, uri: &str) -> Result<Self, DecryptError> {
        let oaep_11 = match uri {
            RSA_1_5 => return Ok(Self::Pkcs1v15),
            RSA_OAEP_MGF1P => false,
            RSA_OAEP_11 => true,
            "" => {
                return Err(transport_error(
                    "the EncryptedKey's EncryptionMethod has no Algorithm",
                ));
            }
            other => {
                return Err(transport_error(format!(
                    "unsupported key transport algorithm '{other}' (samlscope decrypts \
                     rsa-oaep-mgf1p, xmlenc11 rsa-oaep and rsa-1_5)"
                )));
            }
        };
        let digest = match method.child(ns::DS, "DigestMethod") {
            None => Hash::Sha1,
            Some(d) => {
                let d_uri = d.attr("Algorithm").unwrap_or("").trim();
                Hash::from_digest_uri(d_uri).ok_or_else(|| {
                    transport_error(format!("unsupported RSA-OAEP DigestMethod '{d_uri}'"))
                })?
            }
        };
        let mgf = match method.child(XENC11, "MGF") {
            Some(m) if oaep_11 => {
                let m_uri = m.attr("Algorithm").unwrap_or("").trim();
                Hash::from_mgf_uri(m_uri)
                    .ok_or_else(|| transport_error(format!("unsupported RSA-OAEP MGF '{m_uri}'")))?
            }
            // rsa-oaep-mgf1p fixes MGF1 with SHA-1 (an MGF element there is ignored).
            _ => Hash::Sha1,
        };
        let label = match method.child(ns::XENC, "OAEPparams") {
            None => Vec::new(),
            Some(p) => base64_decode(&p.text_content()).ok_or_else(|| {
                transport_error("the xenc:OAEPparams of the EncryptedKey is not base64")
            })?,
        };
        Ok(Self::Oaep { digest, mgf, label })
    }

    fn describe(&self) -> String {
        match self {
            Self::Oaep { digest, mgf, label } => {
                let label = if label.is_empty() { "" } else { ", label" };
                format!(
                    "RSA-OAEP, {}, MGF1 with {}{label}",
                    digest.name(),
                    mgf.name()
                )
            }
            Self::Pkcs1v15 => "RSA PKCS#1 v1.5".to_string(),
        }
    }

    /// RSA-decrypts `ciphertext` (exactly the modulus length) to the content key.
    fn decrypt(&self, key: &rsa::PrivateKey, ciphertext: &[u8]) -> Option<Vec<u8>> {
        match self {
            Self::Oaep { digest, mgf, label } => match digest {
                Hash::Sha1 => oaep_mgf::<sha1::Sha1>(key, *mgf, label, ciphertext),
                Hash::Sha224 => oaep_mgf::<sha2::Sha224>(key, *mgf, label, ciphertext),
                Hash::Sha256 => oaep_mgf::<sha2::Sha256>(key, *mgf, label, ciphertext),
                Hash::Sha384 => oaep_mgf::<sha2::Sha384>(key, *mgf, label, ciphertext),
                Hash::Sha512 => oaep_mgf::<sha2::Sha512>(key, *mgf, label, ciphertext),
            },
            Self::Pkcs1v15 => pkcs1v15_decrypt(key, ciphertext),
        }
    }
}

fn oaep_mgf<D>(key: &rsa::PrivateKey, mgf: Hash, label: &[u8], ct: &[u8]) -> Option<Vec<u8>>
where
    D: Digest + FixedOutputReset,
{
    match mgf {
        Hash::Sha1 => oaep::<D, sha1::Sha1>(key, label, ct),
        Hash::Sha224 => oaep::<D, sha2::Sha224>(key, label, ct),
        Hash::Sha256 => oaep::<D, sha2::Sha256>(key, label, ct),
        Hash::Sha384 => oaep::<D, sha2::Sha384>(key, label, ct),
        Hash::Sha512 => oaep::<D, sha2::Sha512>(key, label, ct),
    }
}

fn oaep<D, M>(key: &rsa::PrivateKey, label: &[u8], ct: &[u8]) -> Option<Vec<u8>>
where
    D: Digest + FixedOutputReset,
    M: Digest + FixedOutputReset,
{
    let padding = if label.is_empty() {
        rsa::Oaep::<D, M>::new_with_mgf_hash()
    } else {
        rsa::Oaep::<D, M>::new_with_mgf_hash_and_label(label.to_vec())
    };
    key.decrypt(padding, ct).ok()
}

/// RSAES-PKCS1-v1_5 decryption with an explicit padding check (rsa's own decryption uses
/// implicit rejection, which hides a wrong key behind a random-looking result).
fn pkcs1v15_decrypt(key: &rsa::PrivateKey, ct: &[u8]) -> Option<Vec<u8>> {
    let k = key.size();
    let c = BoxedUint::from_be_slice(ct, key.n_bits_precision()).ok()?;
    let m = rsa::hazmat::rsa_decrypt_and_check(
        key,
        None::<&mut dyn rsa::rand_core::TryCryptoRng<Error = core::convert::Infallible>>,
        &c,
    )
    .ok()?;
    let bytes = m.to_be_bytes();
    let cut = bytes.len().checked_sub(k)?;
    let (high, em) = bytes.split_at(cut);
    if high.iter().any(|&b| b != 0) {
        return None;
    }
    // EM = 0x00 ‖ 0x02 ‖ PS (at least 8 non-zero bytes) ‖ 0x00 ‖ M
    if em.first() != Some(&0) || em.get(1) != Some(&2) {
        return None;
    }
    let separator = em.iter().skip(2).position(|&b| b == 0)? + 2;
    if separator < 10 {
        return None;
    }
    em.get(separator + 1..).map(<[u8]>::to_vec)
}

// ---------------------------------------------------------------------------------------------
// Finding things
// ---------------------------------------------------------------------------------------------

/// The `xenc:EncryptedData` of an Encrypted* element (or the element itself).
fn encrypted_data(outer: ElementRef<'_>) -> Result<ElementRef<'_>, DecryptError> {
    if outer.is(ns::XENC, "EncryptedData") {
        return Ok(outer);
    }
    if let Some(data) = outer.child(ns::XENC, "EncryptedData") {
        return Ok(data);
    }
    let doc = outer.document();
    doc.descendant_elements(outer.id())
        .find(|e| e.is(ns::XENC, "EncryptedData"))
        .ok_or_else(|| {
            content_error(format!(
                "no xenc:EncryptedData in <{}>: there is nothing to decrypt",
                outer.qname()
            ))
        })
}

/// The EncryptedKeys that may hold the content key of `data`, in the order to try them:
/// in its KeyInfo, through RetrievalMethod, siblings of `data` in `outer`, and
/// EncryptedKeys anywhere whose ReferenceList names `data`.
fn encrypted_keys<'d>(
    doc: &'d Document,
    outer: ElementRef<'d>,
    data: ElementRef<'d>,
) -> Result<Vec<ElementRef<'d>>, DecryptError> {
    let mut found: Vec<ElementRef<'d>> = Vec::new();
    let push = |e: ElementRef<'d>, found: &mut Vec<ElementRef<'d>>| {
        // Bounded: a hostile message may carry thousands of EncryptedKeys.
        if found.len() < MAX_ENCRYPTED_KEYS && !found.iter().any(|f| f.id() == e.id()) {
            found.push(e);
        }
    };
    let mut dangling: Option<String> = None;
    let key_info = data.child(ns::DS, "KeyInfo");
    if let Some(info) = key_info {
        for child in info.child_elements() {
            if child.is(ns::XENC, "EncryptedKey") {
                push(child, &mut found);
            } else if child.is(ns::DS, "RetrievalMethod") {
                let kind = child.attr("Type").unwrap_or("").trim();
                if !kind.is_empty() && kind.strip_prefix(ns::XENC) != Some("EncryptedKey") {
                    continue;
                }
                let uri = child.attr("URI").unwrap_or("").trim();
                match by_id(doc, uri) {
                    Some(target) if target.is(ns::XENC, "EncryptedKey") => {
                        push(target, &mut found);
                    }
                    Some(target) => {
                        dangling.get_or_insert_with(|| {
                            format!(
                                "the ds:RetrievalMethod points at '{uri}', which is a <{}>, not \
                                 an xenc:EncryptedKey",
                                target.qname()
                            )
                        });
                    }
                    None => {
                        dangling.get_or_insert_with(|| {
                            format!(
                                "the ds:RetrievalMethod points at '{uri}', but no element has \
                                 that Id"
                            )
                        });
                    }
                }
            }
        }
    }
    // Okta: the EncryptedKey next to the EncryptedData.
    let parent = if data.id() == outer.id() {
        data.parent_element()
    } else {
        Some(outer)
    };
    if let Some(parent) = parent {
        for sibling in parent.children_named(ns::XENC, "EncryptedKey") {
            push(sibling, &mut found);
        }
    }
    // Anywhere, when its ReferenceList names this EncryptedData (only looked for when
    // nothing closer was found: it walks the whole document).
    if let Some(id) = data
        .attr("Id")
        .map(str::trim)
        .filter(|i| !i.is_empty() && found.is_empty())
    {
        for ek in doc
            .descendant_elements(doc.document_node())
            .filter(|e| e.is(ns::XENC, "EncryptedKey"))
        {
            let names_data = ek.child(ns::XENC, "ReferenceList").is_some_and(|list| {
                list.children_named(ns::XENC, "DataReference").any(|r| {
                    r.attr("URI")
                        .map(str::trim)
                        .and_then(|u| u.strip_prefix('#'))
                        == Some(id)
                })
            });
            if names_data {
                push(ek, &mut found);
            }
        }
    }
    if found.is_empty() {
        if let Some(message) = dangling {
            return Err(DecryptError::new(DecryptStep::EncryptedKey, message));
        }
        let names = key_info
            .and_then(|i| i.child(ns::DS, "KeyName"))
            .map(|n| {
                format!(
                    " (the KeyInfo only names a key, '{}', agreed out of band)",
                    n.text_content().trim()
                )
            })
            .unwrap_or_default();
        return Err(DecryptError::new(
            DecryptStep::EncryptedKey,
            format!(
                "no xenc:EncryptedKey for this EncryptedData: none in its ds:KeyInfo, through a \
                 ds:RetrievalMethod, or next to it{names}"
            ),
        ));
    }
    Ok(found)
}

/// The element whose `Id` (or `ID`, `id`) is the fragment of `uri` (`#x` or
/// `#xpointer(id('x'))`).
fn by_id<'d>(doc: &'d Document, uri: &str) -> Option<ElementRef<'d>> {
    let fragment = uri.strip_prefix('#')?;
    let id = fragment
        .strip_prefix("xpointer(id('")
        .and_then(|r| r.strip_suffix("'))"))
        .unwrap_or(fragment);
    if id.is_empty() {
        return None;
    }
    doc.descendant_elements(doc.document_node()).find(|e| {
        ["Id", "ID", "id"]
            .iter()
            .any(|name| e.attr(name).map(str::trim) == Some(id))
    })
}

/// Decrypts one EncryptedKey: the content key and the key transport URI.
fn unwrap_key(ek: ElementRef<'_>, key: &SpKey) -> Result<(Vec<u8>, String), DecryptError> {
    let Some(method) = ek.child(ns::XENC, "EncryptionMethod") else {
        return Err(DecryptError::new(
            DecryptStep::EncryptedKey,
            "the xenc:EncryptedKey has no xenc:EncryptionMethod: its key transport algorithm is \
             unknown",
        ));
    };
    let uri = method.attr("Algorithm").unwrap_or("").trim();
    let transport = Transport::read(method, uri)?;
    let ciphertext = cipher_value(ek, "xenc:EncryptedKey", DecryptStep::EncryptedKey)?;
    let described = transport.describe();
    let k = key.key.size();
    if ciphertext.len() != k {
        return Err(transport_error(format!(
            "the EncryptedKey does not decrypt with this key ({described}): its CipherValue is \
             {} bytes, but this {}-bit key takes {k}; the key is not the one the IdP encrypted \
             for",
            ciphertext.len(),
            key.bits()
        )));
    }
    match transport.decrypt(&key.key, &ciphertext) {
        Some(content_key) => Ok((content_key, uri.to_string())),
        None => {
            let recipient = ek
                .attr("Recipient")
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(|r| format!(" (Recipient '{r}')"))
                .unwrap_or_default();
            Err(transport_error(format!(
                "the EncryptedKey{recipient} does not decrypt with this key ({described}): the \
                 key is not the one the IdP encrypted for"
            )))
        }
    }
}

/// The base64 `CipherData/CipherValue` of an EncryptedData or EncryptedKey.
fn cipher_value(
    element: ElementRef<'_>,
    what: &str,
    step: DecryptStep,
) -> Result<Vec<u8>, DecryptError> {
    let Some(data) = element.child(ns::XENC, "CipherData") else {
        return Err(DecryptError::new(
            step,
            format!("the {what} has no xenc:CipherData"),
        ));
    };
    let Some(value) = data.child(ns::XENC, "CipherValue") else {
        let reference = if data.child(ns::XENC, "CipherReference").is_some() {
            ": it has a xenc:CipherReference (ciphertext stored elsewhere), which samlscope \
             does not fetch"
        } else {
            ""
        };
        return Err(DecryptError::new(
            step,
            format!("the {what} has no xenc:CipherValue{reference}"),
        ));
    };
    let text = value.text_content();
    if text.trim().is_empty() {
        return Err(DecryptError::new(
            step,
            format!("the CipherValue of the {what} is empty"),
        ));
    }
    base64_decode(&text).ok_or_else(|| {
        DecryptError::new(step, format!("the CipherValue of the {what} is not base64"))
    })
}

/// Standard base64, whitespace anywhere, padding optional.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ENGINE: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let clean: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    ENGINE.decode(clean.as_bytes()).ok()
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

fn key_error(message: impl Into<String>) -> DecryptError {
    DecryptError::new(DecryptStep::Key, message)
}

fn content_error(message: impl Into<String>) -> DecryptError {
    DecryptError::new(DecryptStep::Content, message)
}

fn transport_error(message: impl Into<String>) -> DecryptError {
    DecryptError::new(DecryptStep::KeyTransport, message)
}

fn not_private(material: &KeyMaterial) -> DecryptError {
    match material {
        KeyMaterial::Certificate(_) => key_error(
            "a certificate, not a private key: the certificate is the public half the IdP \
             encrypts to; decrypting needs the SP's private key",
        ),
        KeyMaterial::PublicKey(_) => {
            key_error("a public key, not a private key: decrypting needs the SP's private key")
        }
        KeyMaterial::PrivateKey(info) => key_error(info.describe()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_algorithms_round_trip() {
        for alg in ContentAlg::ALL {
            let base = if alg.name().ends_with("-gcm") {
                XENC11
            } else {
                ns::XENC
            };
            let uri = format!("{base}{}", alg.name());
            assert_eq!(uri, alg.uri());
            assert_eq!(ContentAlg::from_uri(&uri), Some(alg));
            assert_eq!(is_weak(&uri), alg.name().ends_with("-cbc"));
        }
        // The GCM names live in xmlenc11 only.
        assert_eq!(
            ContentAlg::from_uri(&format!("{}aes128-gcm", ns::XENC)),
            None
        );
    }

    #[test]
    fn base64_tolerates_whitespace_and_missing_padding() {
        assert_eq!(
            base64_decode(" QUJD\r\nREU= ").as_deref(),
            Some(&b"ABCDE"[..])
        );
        assert_eq!(base64_decode("QUJDREU").as_deref(), Some(&b"ABCDE"[..]));
        assert_eq!(base64_decode("QUJ*REU="), None);
    }

    #[test]
    fn cbc_padding_is_xml_encryption_padding() {
        // One AES block whose plaintext ends in 3 arbitrary padding bytes and the length 4.
        use cbc::cipher::{BlockModeEncrypt as _, KeyIvInit as _};
        let key = [7u8; 16];
        let iv = [9u8; 16];
        let block = *b"hello world!\xAA\xBB\xCC\x04";
        let mut data = iv.to_vec();
        let mut buf = block;
        let enc = cbc::Encryptor::<aes::Aes128>::new_from_slices(&key, &iv).expect("sizes");
        let out = enc
            .encrypt_padded::<NoPadding>(&mut buf, 16)
            .expect("one block")
            .to_vec();
        data.extend_from_slice(&out);
        let plain = ContentAlg::Aes128Cbc
            .decrypt(&key, &data)
            .expect("decrypts");
        assert_eq!(plain, b"hello world!");
        // A padding length of 0 is refused.
        let mut zero = block;
        zero[15] = 0;
        let enc = cbc::Encryptor::<aes::Aes128>::new_from_slices(&key, &iv).expect("sizes");
        let mut data = iv.to_vec();
        data.extend_from_slice(
            enc.encrypt_padded::<NoPadding>(&mut zero, 16)
                .expect("block"),
        );
        let e = ContentAlg::Aes128Cbc
            .decrypt(&key, &data)
            .expect_err("pad 0");
        assert_eq!(e.step, DecryptStep::Padding);
    }
}
