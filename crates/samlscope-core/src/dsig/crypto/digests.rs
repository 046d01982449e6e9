//! Digests: the `DigestMethod` algorithms, and hashing canonical bytes as they are written.

use std::fmt;

use sha2::Digest as _;

use crate::algorithms;
use crate::dsig::c14n::Sink;

/// A `DigestMethod` algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DigestAlgorithm {
    /// SHA-1 ([`algorithms::SHA1`]). Weak.
    Sha1,
    /// SHA-224 ([`algorithms::SHA224`]).
    Sha224,
    /// SHA-256 ([`algorithms::SHA256`]).
    Sha256,
    /// SHA-384 ([`algorithms::SHA384`]).
    Sha384,
    /// SHA-512 ([`algorithms::SHA512`]).
    Sha512,
}

/// The URIs of the digests that are not the standard ones but are seen in the wild (the
/// xmlenc / xmldsig-more namespaces mixed up).
const NONSTANDARD_DIGEST_URIS: [(&str, DigestAlgorithm); 5] = [
    (algorithms::SHA1_XMLENC, DigestAlgorithm::Sha1),
    (algorithms::SHA224_XMLENC, DigestAlgorithm::Sha224),
    (algorithms::SHA256_MORE, DigestAlgorithm::Sha256),
    (algorithms::SHA384_XMLENC, DigestAlgorithm::Sha384),
    (algorithms::SHA512_MORE, DigestAlgorithm::Sha512),
];

impl DigestAlgorithm {
    /// Every digest algorithm.
    pub const ALL: [Self; 5] = [
        Self::Sha1,
        Self::Sha224,
        Self::Sha256,
        Self::Sha384,
        Self::Sha512,
    ];

    /// The algorithm of a `DigestMethod` URI: the standard URI ([`Self::uri`]) or one of the
    /// non-standard ones seen in the wild ([`algorithms::SHA256_MORE`],
    /// [`algorithms::SHA1_XMLENC`], ...; see [`Self::is_standard_uri`]).
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|alg| alg.uri() == uri)
            .or_else(|| {
                NONSTANDARD_DIGEST_URIS
                    .iter()
                    .find(|(u, _)| *u == uri)
                    .map(|(_, alg)| *alg)
            })
    }

    /// Whether `uri` is the standard URI of a digest algorithm (false for the non-standard
    /// ones [`Self::from_uri`] also accepts, and for unknown URIs).
    pub fn is_standard_uri(uri: &str) -> bool {
        Self::ALL.into_iter().any(|alg| alg.uri() == uri)
    }

    /// The standard URI.
    pub const fn uri(self) -> &'static str {
        match self {
            Self::Sha1 => algorithms::SHA1,
            Self::Sha224 => algorithms::SHA224,
            Self::Sha256 => algorithms::SHA256,
            Self::Sha384 => algorithms::SHA384,
            Self::Sha512 => algorithms::SHA512,
        }
    }

    /// The usual name: `SHA-256`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA-1",
            Self::Sha224 => "SHA-224",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
        }
    }

    /// Whether the algorithm is weak (SHA-1: collisions are practical).
    pub const fn is_weak(self) -> bool {
        matches!(self, Self::Sha1)
    }

    /// The length of a digest in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 => 28,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }
}

impl fmt::Display for DigestAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A streaming hash: canonicalisation writes into it (it is a [`Sink`]), then
/// [`Hasher::finish`] gives the digest.
#[derive(Clone, Debug)]
pub struct Hasher(HasherState);

#[derive(Clone, Debug)]
enum HasherState {
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// A hasher for `alg`.
    pub fn new(alg: DigestAlgorithm) -> Self {
        Self(match alg {
            DigestAlgorithm::Sha1 => HasherState::Sha1(sha1::Sha1::new()),
            DigestAlgorithm::Sha224 => HasherState::Sha224(sha2::Sha224::new()),
            DigestAlgorithm::Sha256 => HasherState::Sha256(sha2::Sha256::new()),
            DigestAlgorithm::Sha384 => HasherState::Sha384(sha2::Sha384::new()),
            DigestAlgorithm::Sha512 => HasherState::Sha512(sha2::Sha512::new()),
        })
    }

    /// The algorithm this hasher computes.
    pub fn algorithm(&self) -> DigestAlgorithm {
        match self.0 {
            HasherState::Sha1(_) => DigestAlgorithm::Sha1,
            HasherState::Sha224(_) => DigestAlgorithm::Sha224,
            HasherState::Sha256(_) => DigestAlgorithm::Sha256,
            HasherState::Sha384(_) => DigestAlgorithm::Sha384,
            HasherState::Sha512(_) => DigestAlgorithm::Sha512,
        }
    }

    /// Hashes more bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        match &mut self.0 {
            HasherState::Sha1(h) => h.update(bytes),
            HasherState::Sha224(h) => h.update(bytes),
            HasherState::Sha256(h) => h.update(bytes),
            HasherState::Sha384(h) => h.update(bytes),
            HasherState::Sha512(h) => h.update(bytes),
        }
    }

    /// The digest of everything written.
    pub fn finish(self) -> Vec<u8> {
        match self.0 {
            HasherState::Sha1(h) => h.finalize().to_vec(),
            HasherState::Sha224(h) => h.finalize().to_vec(),
            HasherState::Sha256(h) => h.finalize().to_vec(),
            HasherState::Sha384(h) => h.finalize().to_vec(),
            HasherState::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

impl Sink for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// The `alg` digest of `bytes`.
pub fn digest(alg: DigestAlgorithm, bytes: &[u8]) -> Vec<u8> {
    let mut hasher = Hasher::new(alg);
    hasher.update(bytes);
    hasher.finish()
}
