//! Tests of `samlscope_core::dsig::crypto` against OpenSSL-made keys and signatures (see
//! `tests/fixtures/crypto/README.md`) and, when present, the shared corpus's ECDSA and DSA
//! XML-DSig vectors.
#![allow(clippy::unwrap_used)]

// One module, so that `cargo test crypto` selects every test of this file.
mod crypto {
    use std::path::{Path, PathBuf};
    use std::time::Instant;

    use base64::Engine as _;
    use samlscope_core::algorithms;
    use samlscope_core::cert::{parse_certificate, parse_certificate_text};
    use samlscope_core::dsig::c14n::{self, NodeSet, Sink};
    use samlscope_core::dsig::c14n_from_uri;
    use samlscope_core::dsig::crypto::{
        DigestAlgorithm, Hasher, SignatureAlgorithm, SignatureFamily, Tolerance, VerifyError,
        VerifyingKey, digest, dsa_spki_from_components, ec_spki_from_point, key_description,
        rsa_spki_from_components, verify,
    };
    use samlscope_core::xml::{self, Document, NodeId, ns};

    // -----------------------------------------------------------------------------------------
    // Fixtures
    // -----------------------------------------------------------------------------------------

    fn fixture_path(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/crypto")
            .join(name)
    }

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn key(name: &str) -> Vec<u8> {
        fixture(&format!("keys/{name}.spki.der"))
    }

    fn message() -> Vec<u8> {
        fixture("message.xml")
    }

    /// One line of `manifest.tsv`: algorithm, key name, signature.
    struct Case {
        alg: SignatureAlgorithm,
        key_name: String,
        spki: Vec<u8>,
        sig_file: String,
        sig: Vec<u8>,
    }

    fn cases() -> Vec<Case> {
        let manifest = String::from_utf8(fixture("manifest.tsv")).unwrap();
        manifest
            .lines()
            .filter(|l| !l.is_empty())
            .map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                assert_eq!(fields.len(), 3, "bad manifest line {line:?}");
                let alg = SignatureAlgorithm::from_uri(fields[0])
                    .unwrap_or_else(|| panic!("unknown URI {}", fields[0]));
                Case {
                    alg,
                    key_name: fields[1].to_owned(),
                    spki: key(fields[1]),
                    sig_file: fields[2].to_owned(),
                    sig: fixture(fields[2]),
                }
            })
            .collect()
    }

    fn case<'a>(cases: &'a [Case], alg: SignatureAlgorithm, key_name: &str) -> &'a Case {
        cases
            .iter()
            .find(|c| c.alg == alg && c.key_name == key_name)
            .unwrap_or_else(|| panic!("no fixture for {alg} with {key_name}"))
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn flip_bit(bytes: &[u8], index: usize, bit: u8) -> Vec<u8> {
        let mut out = bytes.to_vec();
        out[index] ^= 1 << bit;
        out
    }

    // -----------------------------------------------------------------------------------------
    // Algorithms and URIs
    // -----------------------------------------------------------------------------------------

    #[test]
    fn digest_uris_round_trip() {
        for alg in DigestAlgorithm::ALL {
            assert_eq!(DigestAlgorithm::from_uri(alg.uri()), Some(alg), "{alg}");
            assert!(DigestAlgorithm::is_standard_uri(alg.uri()), "{alg}");
            assert_eq!(alg.to_string(), alg.name());
            assert_eq!(digest(alg, b"").len(), alg.output_len());
            assert_eq!(alg.is_weak(), alg == DigestAlgorithm::Sha1);
        }
        assert_eq!(DigestAlgorithm::Sha256.name(), "SHA-256");
        assert_eq!(DigestAlgorithm::Sha256.uri(), algorithms::SHA256);
        let nonstandard = [
            (algorithms::SHA1_XMLENC, DigestAlgorithm::Sha1),
            (algorithms::SHA224_XMLENC, DigestAlgorithm::Sha224),
            (algorithms::SHA256_MORE, DigestAlgorithm::Sha256),
            (algorithms::SHA384_XMLENC, DigestAlgorithm::Sha384),
            (algorithms::SHA512_MORE, DigestAlgorithm::Sha512),
        ];
        for (uri, alg) in nonstandard {
            assert_eq!(DigestAlgorithm::from_uri(uri), Some(alg), "{uri}");
            assert!(!DigestAlgorithm::is_standard_uri(uri), "{uri}");
        }
        // Unknown, recognised but unsupported, or not exactly the URI (URIs are compared as
        // written).
        for uri in [
            String::new(),
            format!("{} ", algorithms::SHA256),
            algorithms::MD5.to_owned(),
            algorithms::SHA3_256.to_owned(),
        ] {
            assert_eq!(DigestAlgorithm::from_uri(&uri), None, "{uri:?}");
            assert!(!DigestAlgorithm::is_standard_uri(&uri));
        }
    }

    #[test]
    fn signature_uris_round_trip() {
        for alg in SignatureAlgorithm::ALL {
            assert_eq!(SignatureAlgorithm::from_uri(alg.uri()), Some(alg), "{alg}");
            assert!(SignatureAlgorithm::is_standard_uri(alg.uri()), "{alg}");
            assert_eq!(alg.to_string(), alg.name());
            // Names end with the digest: RSA-SHA256, ECDSA-SHA1, ...
            let digest_suffix = alg.digest().name().replace('-', "");
            assert!(alg.name().ends_with(&digest_suffix), "{alg}");
            let weak =
                alg.digest() == DigestAlgorithm::Sha1 || alg.family() == SignatureFamily::Dsa;
            assert_eq!(alg.is_weak(), weak, "{alg}");
        }
        // Every URI is distinct.
        let mut uris: Vec<&str> = SignatureAlgorithm::ALL.iter().map(|a| a.uri()).collect();
        uris.sort_unstable();
        uris.dedup();
        assert_eq!(uris.len(), SignatureAlgorithm::ALL.len());

        let named = [
            (
                SignatureAlgorithm::RsaSha256,
                "RSA-SHA256",
                algorithms::RSA_SHA256,
            ),
            (
                SignatureAlgorithm::RsaSha1,
                "RSA-SHA1",
                algorithms::RSA_SHA1,
            ),
            (
                SignatureAlgorithm::RsaPssSha256,
                "RSA-PSS-SHA256",
                algorithms::RSA_PSS_SHA256,
            ),
            (
                SignatureAlgorithm::EcdsaSha384,
                "ECDSA-SHA384",
                algorithms::ECDSA_SHA384,
            ),
            (
                SignatureAlgorithm::DsaSha1,
                "DSA-SHA1",
                algorithms::DSA_SHA1,
            ),
            (
                SignatureAlgorithm::DsaSha256,
                "DSA-SHA256",
                algorithms::DSA_SHA256,
            ),
            (
                SignatureAlgorithm::HmacSha1,
                "HMAC-SHA1",
                algorithms::HMAC_SHA1,
            ),
            (
                SignatureAlgorithm::HmacSha512,
                "HMAC-SHA512",
                algorithms::HMAC_SHA512,
            ),
        ];
        for (alg, name, uri) in named {
            assert_eq!(alg.name(), name);
            assert_eq!(alg.uri(), uri);
        }
        assert_eq!(
            SignatureAlgorithm::RsaPssSha384.digest(),
            DigestAlgorithm::Sha384
        );
        assert_eq!(SignatureAlgorithm::DsaSha256.family(), SignatureFamily::Dsa);
        assert!(SignatureAlgorithm::DsaSha256.is_weak());
        assert!(!SignatureAlgorithm::EcdsaSha256.is_weak());

        // AD FS's non-standard rsa-sha1.
        let adfs = algorithms::RSA_SHA1_MORE;
        assert_eq!(
            SignatureAlgorithm::from_uri(adfs),
            Some(SignatureAlgorithm::RsaSha1)
        );
        assert!(!SignatureAlgorithm::is_standard_uri(adfs));

        for uri in [
            String::new(),
            algorithms::RSA_MD5.to_owned(),
            algorithms::RSA_PSS.to_owned(),
            algorithms::EDDSA_ED25519.to_owned(),
            algorithms::RSA_SHA256.replacen("http", "HTTP", 1),
        ] {
            assert_eq!(SignatureAlgorithm::from_uri(&uri), None, "{uri:?}");
            assert!(!SignatureAlgorithm::is_standard_uri(&uri));
        }
    }

    // -----------------------------------------------------------------------------------------
    // Digests
    // -----------------------------------------------------------------------------------------

    #[test]
    fn digests_match_fips_180_vectors() {
        // FIPS 180-4 example "abc".
        let expected = [
            (
                DigestAlgorithm::Sha1,
                "a9993e364706816aba3e25717850c26c9cd0d89d",
            ),
            (
                DigestAlgorithm::Sha224,
                "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
            ),
            (
                DigestAlgorithm::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                DigestAlgorithm::Sha384,
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
                 8086072ba1e7cc2358baeca134c825a7",
            ),
            (
                DigestAlgorithm::Sha512,
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                 2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            ),
        ];
        for (alg, hex_digest) in expected {
            assert_eq!(hex(&digest(alg, b"abc")), hex_digest, "{alg}");
        }
    }

    #[test]
    fn hasher_streams_like_a_one_shot_digest() {
        let msg = message();
        for alg in DigestAlgorithm::ALL {
            let mut hasher = Hasher::new(alg);
            assert_eq!(hasher.algorithm(), alg);
            {
                // Through the Sink trait, as canonicalisation writes.
                let sink: &mut dyn Sink = &mut hasher;
                for chunk in msg.chunks(7) {
                    sink.write(chunk);
                }
                sink.write(b"");
            }
            assert_eq!(hasher.finish(), digest(alg, &msg), "{alg}");
        }
    }

    // -----------------------------------------------------------------------------------------
    // Good signatures, bad signatures
    // -----------------------------------------------------------------------------------------

    #[test]
    fn fixtures_cover_every_verifiable_algorithm() {
        let cases = cases();
        for alg in SignatureAlgorithm::ALL {
            let present = cases.iter().any(|c| c.alg == alg);
            assert_eq!(present, alg.family() != SignatureFamily::Hmac, "{alg}");
        }
        for key_name in [
            "rsa1024", "rsa2048", "rsa3072", "rsa4096", "p256", "p384", "p521", "dsa1024",
            "dsa2048",
        ] {
            assert!(cases.iter().any(|c| c.key_name == key_name), "{key_name}");
        }
    }

    #[test]
    fn every_good_signature_verifies() {
        let msg = message();
        let cases = cases();
        assert!(cases.len() >= 50);
        for c in &cases {
            assert_eq!(
                verify(c.alg, &c.spki, &msg, &c.sig),
                Ok(()),
                "{} with {} ({})",
                c.alg,
                c.key_name,
                c.sig_file
            );
            let verified = VerifyingKey::from_spki_der(&c.spki)
                .unwrap()
                .verify(c.alg, &msg, &c.sig)
                .unwrap();
            assert!(verified.tolerated.is_empty(), "{}", c.sig_file);
        }
    }

    #[test]
    fn flipped_signature_bits_are_rejected() {
        let msg = message();
        for c in &cases() {
            // The last byte of r and of s for ECDSA/DSA, two places of the RSA integer.
            let half = c.sig.len() / 2;
            for (index, bit) in [(half - 1, 0), (c.sig.len() - 1, 0), (half - 1, 5)] {
                let bad = flip_bit(&c.sig, index, bit);
                assert_eq!(
                    verify(c.alg, &c.spki, &msg, &bad),
                    Err(VerifyError::BadSignature),
                    "{} byte {index} bit {bit}",
                    c.sig_file
                );
            }
        }
    }

    #[test]
    fn changed_messages_are_rejected() {
        let msg = message();
        for c in &cases() {
            for index in [0, msg.len() / 2, msg.len() - 1] {
                let mut changed = msg.clone();
                changed[index] = changed[index].wrapping_add(1);
                assert_eq!(
                    verify(c.alg, &c.spki, &changed, &c.sig),
                    Err(VerifyError::BadSignature),
                    "{} message byte {index}",
                    c.sig_file
                );
            }
            // One byte more, one byte less.
            let mut longer = msg.clone();
            longer.push(b' ');
            assert_eq!(
                verify(c.alg, &c.spki, &longer, &c.sig),
                Err(VerifyError::BadSignature)
            );
            assert_eq!(
                verify(c.alg, &c.spki, &msg[..msg.len() - 1], &c.sig),
                Err(VerifyError::BadSignature)
            );
        }
    }

    #[test]
    fn a_signature_under_another_algorithm_of_the_family_is_bad() {
        let msg = message();
        let cases = cases();
        let swaps = [
            (
                SignatureAlgorithm::RsaSha256,
                "rsa2048",
                SignatureAlgorithm::RsaSha1,
            ),
            (
                SignatureAlgorithm::RsaSha256,
                "rsa2048",
                SignatureAlgorithm::RsaPssSha256,
            ),
            (
                SignatureAlgorithm::RsaPssSha256,
                "rsa2048",
                SignatureAlgorithm::RsaSha256,
            ),
            (
                SignatureAlgorithm::RsaPssSha256,
                "rsa2048",
                SignatureAlgorithm::RsaPssSha384,
            ),
            (
                SignatureAlgorithm::EcdsaSha256,
                "p256",
                SignatureAlgorithm::EcdsaSha512,
            ),
            (
                SignatureAlgorithm::DsaSha256,
                "dsa2048",
                SignatureAlgorithm::DsaSha1,
            ),
        ];
        for (signed, key_name, claimed) in swaps {
            let c = case(&cases, signed, key_name);
            assert_eq!(
                verify(claimed, &c.spki, &msg, &c.sig),
                Err(VerifyError::BadSignature),
                "{signed} verified as {claimed}"
            );
        }
    }

    // -----------------------------------------------------------------------------------------
    // Mismatches and malformed input
    // -----------------------------------------------------------------------------------------

    fn mismatch_key(result: Result<(), VerifyError>, algorithm: &str) -> String {
        match result {
            Err(VerifyError::KeyMismatch { algorithm: a, key }) => {
                assert_eq!(a, algorithm);
                key
            }
            other => panic!("expected KeyMismatch for {algorithm}, got {other:?}"),
        }
    }

    #[test]
    fn keys_of_the_wrong_kind_are_a_mismatch() {
        let msg = message();
        let cases = cases();
        let ec = case(&cases, SignatureAlgorithm::EcdsaSha256, "p256");
        let rsa = case(&cases, SignatureAlgorithm::RsaSha256, "rsa2048");
        let dsa = case(&cases, SignatureAlgorithm::DsaSha1, "dsa1024");

        let k = mismatch_key(
            verify(SignatureAlgorithm::RsaSha256, &ec.spki, &msg, &rsa.sig),
            "RSA-SHA256",
        );
        assert_eq!(k, "EC P-256");
        let k = mismatch_key(
            verify(SignatureAlgorithm::RsaPssSha512, &dsa.spki, &msg, &rsa.sig),
            "RSA-PSS-SHA512",
        );
        assert_eq!(k, "DSA 1024");
        let k = mismatch_key(
            verify(SignatureAlgorithm::EcdsaSha256, &rsa.spki, &msg, &ec.sig),
            "ECDSA-SHA256",
        );
        assert_eq!(k, "RSA 2048");
        let k = mismatch_key(
            verify(SignatureAlgorithm::DsaSha1, &ec.spki, &msg, &dsa.sig),
            "DSA-SHA1",
        );
        assert_eq!(k, "EC P-256");
        let k = mismatch_key(
            verify(
                SignatureAlgorithm::EcdsaSha256,
                &key("ed25519"),
                &msg,
                &ec.sig,
            ),
            "ECDSA-SHA256",
        );
        assert_eq!(k, "Ed25519");
        // An unsupported curve is still an EC key: a mismatch for RSA.
        let k = mismatch_key(
            verify(
                SignatureAlgorithm::RsaSha256,
                &key("secp256k1"),
                &msg,
                &rsa.sig,
            ),
            "RSA-SHA256",
        );
        assert_eq!(k, "EC secp256k1");

        let err = verify(SignatureAlgorithm::RsaSha256, &ec.spki, &msg, &rsa.sig).unwrap_err();
        assert_eq!(err.to_string(), "RSA-SHA256 does not fit the key: EC P-256");
    }

    #[test]
    fn signatures_sized_for_another_key_are_a_mismatch() {
        let msg = message();
        let cases = cases();
        // ECDSA: a P-384 r‖s with a P-256 key, and the other way round.
        let p384 = case(&cases, SignatureAlgorithm::EcdsaSha384, "p384");
        let k = mismatch_key(
            verify(
                SignatureAlgorithm::EcdsaSha384,
                &key("p256"),
                &msg,
                &p384.sig,
            ),
            "ECDSA-SHA384",
        );
        assert_eq!(k, "EC P-256 (a 96-byte r‖s is from a P-384 key)");
        let p521 = case(&cases, SignatureAlgorithm::EcdsaSha512, "p521");
        let k = mismatch_key(
            verify(
                SignatureAlgorithm::EcdsaSha512,
                &key("p384"),
                &msg,
                &p521.sig,
            ),
            "ECDSA-SHA512",
        );
        assert!(k.starts_with("EC P-384 (a 132-byte"), "{k}");
        // RSA: a 1024-bit key's signature with a 2048-bit key.
        let rsa1024 = case(&cases, SignatureAlgorithm::RsaSha256, "rsa1024");
        let k = mismatch_key(
            verify(
                SignatureAlgorithm::RsaSha256,
                &key("rsa2048"),
                &msg,
                &rsa1024.sig,
            ),
            "RSA-SHA256",
        );
        assert!(k.starts_with("RSA 2048 (a 128-byte signature"), "{k}");
        // DSA: a 1024/160 key's signature with a 2048/256 key.
        let dsa1024 = case(&cases, SignatureAlgorithm::DsaSha1, "dsa1024");
        let k = mismatch_key(
            verify(
                SignatureAlgorithm::DsaSha1,
                &key("dsa2048"),
                &msg,
                &dsa1024.sig,
            ),
            "DSA-SHA1",
        );
        assert!(k.starts_with("DSA 2048 (a 40-byte r‖s"), "{k}");
        // A signature of the right size from another key of the same size is simply bad.
        let rsa3072 = case(&cases, SignatureAlgorithm::RsaSha256, "rsa3072");
        let other = case(&cases, SignatureAlgorithm::RsaPssSha256, "rsa3072");
        assert_eq!(
            verify(
                SignatureAlgorithm::RsaSha256,
                &key("rsa3072"),
                &msg,
                &other.sig
            ),
            Err(VerifyError::BadSignature)
        );
        assert_eq!(
            verify(
                SignatureAlgorithm::RsaSha256,
                &rsa3072.spki,
                &msg,
                &rsa3072.sig
            ),
            Ok(())
        );
    }

    #[test]
    fn hmac_is_recognised_but_never_verified() {
        let msg = message();
        for alg in SignatureAlgorithm::ALL
            .into_iter()
            .filter(|a| a.family() == SignatureFamily::Hmac)
        {
            for spki in [key("rsa2048"), key("p256"), Vec::new(), b"garbage".to_vec()] {
                match verify(alg, &spki, &msg, &[0; 32]) {
                    Err(VerifyError::Unsupported(why)) => {
                        assert!(why.contains("CVE-2009-0217"), "{why}");
                        assert!(why.contains(alg.name()), "{why}");
                    }
                    other => panic!("{alg}: {other:?}"),
                }
            }
            let parsed = VerifyingKey::from_spki_der(&key("rsa2048")).unwrap();
            assert!(matches!(
                parsed.verify(alg, &msg, &[0; 20]),
                Err(VerifyError::Unsupported(_))
            ));
        }
    }

    fn assert_malformed_key(result: Result<(), VerifyError>, what: &str) {
        assert!(
            matches!(result, Err(VerifyError::MalformedKey(_))),
            "{what}: {result:?}"
        );
    }

    #[test]
    fn malformed_keys_are_reported() {
        let msg = message();
        let cases = cases();
        let good = case(&cases, SignatureAlgorithm::RsaSha256, "rsa2048");
        let spki = key("rsa2048");
        let alg = SignatureAlgorithm::RsaSha256;
        assert_malformed_key(verify(alg, &[], &msg, &good.sig), "empty");
        assert_malformed_key(verify(alg, b"not DER at all", &msg, &good.sig), "text");
        assert_malformed_key(
            verify(alg, &spki[..spki.len() - 1], &msg, &good.sig),
            "truncated",
        );
        let mut trailing = spki.clone();
        trailing.push(0);
        assert_malformed_key(verify(alg, &trailing, &msg, &good.sig), "trailing byte");
        // A certificate is not a SubjectPublicKeyInfo.
        assert_malformed_key(
            verify(alg, &fixture("keys/rsa2048.cert.der"), &msg, &good.sig),
            "certificate",
        );
        // An RSA key whose BIT STRING is not an RSAPublicKey.
        let mut broken = spki;
        let at = broken.len() - 270; // inside the RSAPublicKey's SEQUENCE header
        broken[at] ^= 0xff;
        assert_malformed_key(verify(alg, &broken, &msg, &good.sig), "broken RSAPublicKey");

        // A P-256 point that is not on the curve.
        let mut off_curve = key("p256");
        let last = off_curve.len() - 1;
        off_curve[last] ^= 1;
        let ec = case(&cases, SignatureAlgorithm::EcdsaSha256, "p256");
        assert_malformed_key(
            verify(SignatureAlgorithm::EcdsaSha256, &off_curve, &msg, &ec.sig),
            "point off the curve",
        );
        // Its description stays readable.
        assert_eq!(key_description(&off_curve), "EC P-256");

        // An even RSA modulus.
        let even = rsa_spki_from_components(&[0xc0; 128], &[1, 0, 1]);
        assert!(
            matches!(even, Err(VerifyError::MalformedKey(_))),
            "{even:?}"
        );

        for bad in [&[][..], b"\x30\x00", b"\x30\x03\x02\x01\x00"] {
            assert!(VerifyingKey::from_spki_der(bad).is_err());
            assert_eq!(key_description(bad), "malformed key");
        }
    }

    #[test]
    fn unsupported_keys_are_reported() {
        let msg = message();
        let cases = cases();
        let ec = case(&cases, SignatureAlgorithm::EcdsaSha256, "p256");
        match verify(
            SignatureAlgorithm::EcdsaSha256,
            &key("secp256k1"),
            &msg,
            &ec.sig,
        ) {
            Err(VerifyError::Unsupported(why)) => {
                assert!(
                    why.contains("1.3.132.0.10") && why.contains("secp256k1"),
                    "{why}"
                )
            }
            other => panic!("{other:?}"),
        }
        // Explicit curve parameters instead of a named curve.
        let explicit = key("p256-explicit");
        assert_eq!(key_description(&explicit), "EC (explicit curve)");
        assert!(matches!(
            verify(SignatureAlgorithm::EcdsaSha256, &explicit, &msg, &ec.sig),
            Err(VerifyError::Unsupported(_))
        ));
        assert!(matches!(
            verify(SignatureAlgorithm::RsaSha256, &explicit, &msg, &ec.sig),
            Err(VerifyError::KeyMismatch { .. })
        ));
        // A 256-bit RSA modulus is too small even to try.
        let mut n = vec![0xff; 32];
        n[31] = 0xfd;
        match rsa_spki_from_components(&n, &[3]) {
            Err(VerifyError::Unsupported(why)) => assert!(why.contains("256 bits"), "{why}"),
            other => panic!("{other:?}"),
        }
        // A DSA key with a 1024-bit p and a 256-bit q.
        let (p, _q, g, y) = dsa_components(&key("dsa1024"));
        match dsa_spki_from_components(&p, &[0x80; 32], &g, &y) {
            Err(VerifyError::Unsupported(why)) => {
                assert!(why.contains("1024-bit p and a 256-bit q"), "{why}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_signatures_are_reported() {
        let msg = message();
        let cases = cases();
        let malformed = |alg, spki: &[u8], sig: &[u8], what: &str| {
            let result = verify(alg, spki, &msg, sig);
            assert!(
                matches!(result, Err(VerifyError::MalformedSignature(_))),
                "{alg} {what}: {result:?}"
            );
        };
        for c in &cases {
            malformed(c.alg, &c.spki, &[], "empty");
            malformed(c.alg, &c.spki, &c.sig[..c.sig.len() / 2 + 1], "half");
        }
        let p256 = key("p256");
        malformed(SignatureAlgorithm::EcdsaSha256, &p256, &[0; 63], "63 bytes");
        malformed(
            SignatureAlgorithm::EcdsaSha256,
            &p256,
            &[0; 64],
            "r = s = 0",
        );
        malformed(
            SignatureAlgorithm::EcdsaSha256,
            &p256,
            &[0xff; 64],
            "r, s >= n",
        );
        malformed(
            SignatureAlgorithm::EcdsaSha256,
            &p256,
            &[0x30; 70],
            "not DER",
        );
        let dsa = key("dsa1024");
        malformed(SignatureAlgorithm::DsaSha1, &dsa, &[0; 40], "r = s = 0");
        malformed(SignatureAlgorithm::DsaSha1, &dsa, &[1; 41], "41 bytes");
        let rsa = key("rsa2048");
        malformed(SignatureAlgorithm::RsaSha256, &rsa, &[1; 100], "100 bytes");
        // DSA r, s not below q verify as bad, not as an error of the parser.
        assert_eq!(
            verify(SignatureAlgorithm::DsaSha1, &dsa, &msg, &[0xff; 40]),
            Err(VerifyError::BadSignature)
        );
        // An RSA signature not below the modulus.
        assert_eq!(
            verify(SignatureAlgorithm::RsaSha256, &rsa, &msg, &[0xff; 256]),
            Err(VerifyError::BadSignature)
        );
    }

    /// A small deterministic generator (xorshift64*), for the robustness tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn bytes(&mut self, len: usize) -> Vec<u8> {
            (0..len).map(|_| self.next() as u8).collect()
        }
    }

    #[test]
    fn hostile_signatures_and_keys_never_panic() {
        let msg = message();
        let cases = cases();
        let mut rng = Rng(0x5eed_cafe_f00d_1234);
        let mut key_names: Vec<&str> = cases.iter().map(|c| c.key_name.as_str()).collect();
        key_names.dedup();
        key_names.extend(["secp256k1", "ed25519", "p256-explicit"]);
        for name in &key_names {
            let spki = key(name);
            let parsed = VerifyingKey::from_spki_der(&spki).unwrap();
            for alg in SignatureAlgorithm::ALL {
                // Random signatures of every length up to 140 bytes, plus the real lengths.
                let mut lengths: Vec<usize> = (0..=140).step_by(7).collect();
                lengths.extend([40, 64, 96, 128, 132, 256, 384, 512]);
                for len in lengths {
                    let sig = rng.bytes(len);
                    assert!(
                        parsed.verify(alg, &msg, &sig).is_err(),
                        "{name} {alg} {len}"
                    );
                }
                // DER-looking signatures with absurd integers.
                let mut der = vec![0x30, 0x82, 0x01, 0x32, 0x02, 0x82, 0x01, 0x2c];
                der.extend(rng.bytes(300));
                der.extend([0x02, 0x02, 0x01, 0x01]);
                assert!(parsed.verify(alg, &msg, &der).is_err(), "{name} {alg} DER");
            }
            // Mutated keys: every outcome is fine but a panic.
            for _ in 0..40 {
                let mut bad = spki.clone();
                for _ in 0..=rng.below(3) {
                    let at = rng.below(bad.len());
                    bad[at] = rng.next() as u8;
                }
                let cut = bad.len() - rng.below(4);
                bad.truncate(cut);
                let _ = key_description(&bad);
                for alg in [
                    SignatureAlgorithm::RsaSha256,
                    SignatureAlgorithm::EcdsaSha256,
                    SignatureAlgorithm::DsaSha1,
                ] {
                    let _ = verify(alg, &bad, &msg, &[1; 64]);
                }
            }
        }
        // KeyValue builders with hostile components.
        for _ in 0..50 {
            let (a_len, b_len) = (rng.below(300), rng.below(10));
            let a = rng.bytes(a_len);
            let b = rng.bytes(b_len);
            let _ = rsa_spki_from_components(&a, &b);
            let _ = ec_spki_from_point("P-256", &a);
            let _ = ec_spki_from_point("P-521", &a);
            let _ = dsa_spki_from_components(&a, &b, &a, &b);
        }
    }

    #[test]
    fn der_encoded_ecdsa_and_dsa_signatures_are_tolerated() {
        let msg = message();
        for (alg, key_name, file) in [
            (
                SignatureAlgorithm::EcdsaSha256,
                "p256",
                "sigs/ecdsa-sha256.p256.der-sig",
            ),
            (
                SignatureAlgorithm::DsaSha1,
                "dsa1024",
                "sigs/dsa-sha1.dsa1024.der-sig",
            ),
        ] {
            let sig = fixture(file);
            assert_eq!(sig[0], 0x30, "{file} is DER");
            assert_eq!(verify(alg, &key(key_name), &msg, &sig), Ok(()), "{file}");
            let verified = VerifyingKey::from_spki_der(&key(key_name))
                .unwrap()
                .verify(alg, &msg, &sig)
                .unwrap();
            assert_eq!(verified.tolerated, vec![Tolerance::DerEncodedSignature]);
            let last = sig.len() - 1;
            assert_eq!(
                verify(alg, &key(key_name), &msg, &flip_bit(&sig, last, 0)),
                Err(VerifyError::BadSignature)
            );
        }
    }

    #[test]
    fn rsa_signatures_missing_leading_zeros_are_tolerated() {
        let msg = fixture("leading-zero.txt");
        let sig = fixture("sigs/rsa-sha256.rsa1024.leading-zero.sig");
        assert_eq!((sig.len(), sig[0]), (128, 0));
        let k = VerifyingKey::from_spki_der(&key("rsa1024")).unwrap();
        let alg = SignatureAlgorithm::RsaSha256;
        assert_eq!(k.verify(alg, &msg, &sig).unwrap().tolerated, vec![]);
        let stripped = k.verify(alg, &msg, &sig[1..]).unwrap();
        assert_eq!(
            stripped.tolerated,
            vec![Tolerance::RsaSignatureLength {
                found: 127,
                expected: 128
            }]
        );
        let mut longer = vec![0, 0];
        longer.extend_from_slice(&sig);
        let longer = k.verify(alg, &msg, &longer).unwrap();
        assert_eq!(
            longer.tolerated,
            vec![Tolerance::RsaSignatureLength {
                found: 130,
                expected: 128
            }]
        );
        // A non-zero extra byte is not tolerated.
        let mut extra = vec![1];
        extra.extend_from_slice(&sig);
        assert!(k.verify(alg, &msg, &extra).is_err());
        assert_eq!(
            k.verify(alg, b"leading zero ?", &sig[1..]),
            Err(VerifyError::BadSignature)
        );
    }

    // -----------------------------------------------------------------------------------------
    // Keys
    // -----------------------------------------------------------------------------------------

    #[test]
    fn keys_are_described() {
        for (name, description) in [
            ("rsa1024", "RSA 1024"),
            ("rsa2048", "RSA 2048"),
            ("rsa3072", "RSA 3072"),
            ("rsa4096", "RSA 4096"),
            ("p256", "EC P-256"),
            ("p384", "EC P-384"),
            ("p521", "EC P-521"),
            ("dsa1024", "DSA 1024"),
            ("dsa2048", "DSA 2048"),
            ("secp256k1", "EC secp256k1"),
            ("ed25519", "Ed25519"),
        ] {
            assert_eq!(key_description(&key(name)), description, "{name}");
            let parsed = VerifyingKey::from_spki_der(&key(name)).unwrap();
            assert_eq!(parsed.description(), description);
        }
    }

    #[test]
    fn certificates_give_the_same_keys() {
        let msg = message();
        let cases = cases();
        for (cert_file, key_name, alg) in [
            (
                "keys/rsa2048.cert.der",
                "rsa2048",
                SignatureAlgorithm::RsaSha256,
            ),
            (
                "keys/p256.cert.der",
                "p256",
                SignatureAlgorithm::EcdsaSha256,
            ),
        ] {
            let cert = parse_certificate(&fixture(cert_file)).unwrap();
            assert_eq!(cert.key.spki_der, key(key_name), "{cert_file}");
            assert_eq!(key_description(&cert.key.spki_der), cert.key.describe());
            let c = case(&cases, alg, key_name);
            assert_eq!(verify(alg, &cert.key.spki_der, &msg, &c.sig), Ok(()));
        }
    }

    /// A minimal DER reader for the tests: the (tag, content) of each element of `bytes`.
    fn der_elements(mut bytes: &[u8]) -> Vec<(u8, &[u8])> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let tag = bytes[0];
            let (len, header) = if bytes[1] < 0x80 {
                (bytes[1] as usize, 2)
            } else {
                let n = (bytes[1] & 0x7f) as usize;
                let len = bytes[2..2 + n].iter().fold(0, |a, b| a << 8 | *b as usize);
                (len, 2 + n)
            };
            out.push((tag, &bytes[header..header + len]));
            bytes = &bytes[header + len..];
        }
        out
    }

    /// (algorithm identifier content, subject public key without the unused-bits byte).
    fn spki_parts(spki: &[u8]) -> (&[u8], &[u8]) {
        let top = der_elements(spki);
        let inner = der_elements(top[0].1);
        (inner[0].1, &inner[1].1[1..])
    }

    fn dsa_components(spki: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>) {
        let (alg, y) = spki_parts(spki);
        let params = der_elements(der_elements(alg)[1].1);
        (
            params[0].1.to_vec(),
            params[1].1.to_vec(),
            params[2].1.to_vec(),
            der_elements(y)[0].1.to_vec(),
        )
    }

    #[test]
    fn rsa_key_values_become_the_same_spki() {
        for name in ["rsa1024", "rsa2048", "rsa3072", "rsa4096"] {
            let spki = key(name);
            let (_, rsa_key) = spki_parts(&spki);
            let ints = der_elements(der_elements(rsa_key)[0].1);
            let (n, e) = (ints[0].1, ints[1].1);
            // What a base64 Modulus decodes to: no DER sign byte.
            let n_unsigned = n.strip_prefix(&[0]).unwrap_or(n);
            assert_eq!(
                rsa_spki_from_components(n_unsigned, e).unwrap(),
                spki,
                "{name}"
            );
            // Leading zero bytes (some writers keep the sign byte) are accepted.
            let mut padded_e = vec![0, 0];
            padded_e.extend_from_slice(e);
            assert_eq!(
                rsa_spki_from_components(n, &padded_e).unwrap(),
                spki,
                "{name}"
            );
        }
        assert!(matches!(
            rsa_spki_from_components(&[], &[1, 0, 1]),
            Err(VerifyError::MalformedKey(_))
        ));
        assert!(matches!(
            rsa_spki_from_components(&[0xc1; 256], &[0, 0]),
            Err(VerifyError::MalformedKey(_))
        ));
    }

    #[test]
    fn ec_key_values_become_the_same_spki() {
        let msg = message();
        let cases = cases();
        for (name, curves, alg) in [
            (
                "p256",
                [
                    "urn:oid:1.2.840.10045.3.1.7",
                    "1.2.840.10045.3.1.7",
                    "prime256v1",
                ],
                SignatureAlgorithm::EcdsaSha256,
            ),
            (
                "p384",
                ["urn:oid:1.3.132.0.34", " P-384 ", "secp384r1"],
                SignatureAlgorithm::EcdsaSha384,
            ),
            (
                "p521",
                ["urn:oid:1.3.132.0.35", "1.3.132.0.35", "P-521"],
                SignatureAlgorithm::EcdsaSha512,
            ),
        ] {
            let spki = key(name);
            let (_, point) = spki_parts(&spki);
            assert_eq!(point[0], 4, "uncompressed");
            for curve in curves {
                assert_eq!(
                    ec_spki_from_point(curve, point).unwrap(),
                    spki,
                    "{name} {curve}"
                );
            }
            // A compressed point gives another SPKI for the same key.
            let field = (point.len() - 1) / 2;
            let mut compressed = vec![2 + (point[point.len() - 1] & 1)];
            compressed.extend_from_slice(&point[1..=field]);
            let from_compressed = ec_spki_from_point(curves[0], &compressed).unwrap();
            let c = case(&cases, alg, name);
            assert_eq!(
                verify(alg, &from_compressed, &msg, &c.sig),
                Ok(()),
                "{name}"
            );
            // The wrong curve for the point.
            assert!(matches!(
                ec_spki_from_point(if name == "p256" { "P-384" } else { "P-256" }, point),
                Err(VerifyError::MalformedKey(_))
            ));
        }
        let k1 = key("secp256k1");
        let (_, point) = spki_parts(&k1);
        assert!(matches!(
            ec_spki_from_point("urn:oid:1.3.132.0.10", point),
            Err(VerifyError::Unsupported(_))
        ));
        assert!(matches!(
            ec_spki_from_point("urn:example:curve", point),
            Err(VerifyError::Unsupported(_))
        ));
    }

    #[test]
    fn dsa_key_values_become_the_same_spki() {
        let msg = message();
        let cases = cases();
        for (name, alg) in [
            ("dsa1024", SignatureAlgorithm::DsaSha1),
            ("dsa2048", SignatureAlgorithm::DsaSha256),
        ] {
            let spki = key(name);
            let (p, q, g, y) = dsa_components(&spki);
            let built = dsa_spki_from_components(&p, &q, &g, &y).unwrap();
            assert_eq!(built, spki, "{name}");
            let c = case(&cases, alg, name);
            assert_eq!(verify(alg, &built, &msg, &c.sig), Ok(()));
            // y outside the subgroup.
            let mut bad_y = y.clone();
            let last = bad_y.len() - 1;
            bad_y[last] ^= 1;
            assert!(matches!(
                dsa_spki_from_components(&p, &q, &g, &bad_y),
                Err(VerifyError::MalformedKey(_))
            ));
        }
    }

    // -----------------------------------------------------------------------------------------
    // The shared corpus (read in place; skipped when absent)
    // -----------------------------------------------------------------------------------------

    fn corpus(relative: &str) -> Option<String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus")
            .join(relative);
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(_) => {
                println!("corpus file {} absent: skipped", path.display());
                None
            }
        }
    }

    fn base64_text(text: &str) -> Vec<u8> {
        let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact)
            .unwrap()
    }

    fn child(doc: &Document, parent: NodeId, local: &str) -> Option<NodeId> {
        doc.child_elements(parent)
            .find(|e| e.is(ns::DS, local))
            .map(|e| e.id())
    }

    fn descendant_text(doc: &Document, under: NodeId, local: &str) -> Option<Vec<u8>> {
        doc.descendant_elements(under)
            .find(|e| e.is(ns::DS, local))
            .map(|e| base64_text(&doc.text_content(e.id())))
    }

    /// Checks the first ds:Signature of a corpus file: canonical SignedInfo (by `c14n`), its
    /// SignatureMethod, SignatureValue, and the key from `cert` (a corpus PEM) or else from
    /// the KeyInfo's DSAKeyValue, RSAKeyValue or X509Certificates.
    fn check_corpus_signature(file: &str, cert: Option<&str>, expected: SignatureAlgorithm) {
        let Some(text) = corpus(file) else { return };
        let doc = xml::parse(text).unwrap();
        let signature = doc
            .descendant_elements(doc.document_node())
            .find(|e| e.is(ns::DS, "Signature"))
            .unwrap()
            .id();
        let signed_info = child(&doc, signature, "SignedInfo").unwrap();
        let c14n_method = child(&doc, signed_info, "CanonicalizationMethod").unwrap();
        let c14n_uri = doc.element(c14n_method).unwrap().attr("Algorithm").unwrap();
        let prefixes: Vec<String> = doc
            .descendant_elements(c14n_method)
            .find_map(|e| e.attr("PrefixList"))
            .map(|l| l.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        let c14n_alg = c14n_from_uri(c14n_uri, &prefixes).unwrap();
        let canonical = c14n::canonicalize_to_vec(
            &doc,
            &NodeSet {
                apex: signed_info,
                excluded: Vec::new(),
            },
            &c14n_alg,
        );
        let method = child(&doc, signed_info, "SignatureMethod").unwrap();
        let alg =
            SignatureAlgorithm::from_uri(doc.element(method).unwrap().attr("Algorithm").unwrap())
                .unwrap();
        assert_eq!(alg, expected, "{file}");
        let value =
            base64_text(&doc.text_content(child(&doc, signature, "SignatureValue").unwrap()));

        let mut keys = Vec::new();
        if let Some(cert) = cert {
            let Some(pem) = corpus(cert) else { return };
            keys.push(parse_certificate_text(&pem).unwrap().key.spki_der);
        } else if let Some(key_info) = child(&doc, signature, "KeyInfo") {
            if let Some(y) = descendant_text(&doc, key_info, "Y") {
                let part = |l| descendant_text(&doc, key_info, l).unwrap();
                keys.push(
                    dsa_spki_from_components(&part("P"), &part("Q"), &part("G"), &y).unwrap(),
                );
            }
            if let Some(n) = descendant_text(&doc, key_info, "Modulus") {
                let e = descendant_text(&doc, key_info, "Exponent").unwrap();
                keys.push(rsa_spki_from_components(&n, &e).unwrap());
            }
            for e in doc
                .descendant_elements(key_info)
                .filter(|e| e.is(ns::DS, "X509Certificate"))
            {
                let der = base64_text(&doc.text_content(e.id()));
                keys.push(parse_certificate(&der).unwrap().key.spki_der);
            }
        }
        assert!(!keys.is_empty(), "{file}: no key");
        let results: Vec<_> = keys
            .iter()
            .map(|k| verify(alg, k, &canonical, &value))
            .collect();
        assert!(
            results.iter().any(Result::is_ok),
            "{file}: {results:?}\ncanonical SignedInfo:\n{}",
            String::from_utf8_lossy(&canonical)
        );
        // And the first byte of the canonical form changed breaks it.
        let mut changed = canonical;
        changed[1] ^= 0x20;
        assert!(
            keys.iter()
                .all(|k| verify(alg, k, &changed, &value).is_err())
        );
        println!("{file}: {alg} verified with {}", key_description(&keys[0]));
    }

    #[test]
    fn corpus_ecdsa_and_dsa_signatures_verify() {
        check_corpus_signature(
            "xmldsig/xmlsec/enveloped-sha256-ecdsa-sha256.xml",
            Some("keys/xmlsec/ec-prime256v1-cert.pem"),
            SignatureAlgorithm::EcdsaSha256,
        );
        check_corpus_signature(
            "responses/samael/response_signed_by_idp_ecdsa.xml",
            Some("keys/samael/ec_cert.pem"),
            SignatureAlgorithm::EcdsaSha256,
        );
        check_corpus_signature(
            "xmldsig/xmlsec/exc-signature.xml",
            None,
            SignatureAlgorithm::DsaSha1,
        );
        check_corpus_signature(
            "xmldsig/xmlsec/signature.xml",
            None,
            SignatureAlgorithm::DsaSha1,
        );
        check_corpus_signature(
            "xmldsig/xmlsec/enveloped-sha1-rsa-sha1.xml",
            Some("keys/xmlsec/rsa-4096-cert.pem"),
            SignatureAlgorithm::RsaSha1,
        );
        check_corpus_signature(
            "xmldsig/xmlsec/enveloping-sha256-rsa-sha256.xml",
            None,
            SignatureAlgorithm::RsaSha256,
        );
    }

    // -----------------------------------------------------------------------------------------
    // Timings (run with --release -- --ignored --nocapture)
    // -----------------------------------------------------------------------------------------

    /// The fastest of `batches` batches of `rounds` calls, in µs per call (the minimum is
    /// the least disturbed by other processes).
    fn fastest(batches: u32, rounds: u32, mut f: impl FnMut()) -> f64 {
        (0..batches)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..rounds {
                    f();
                }
                start.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    #[ignore = "a timing report, not a test: cargo test --release -- --ignored --nocapture"]
    fn timings() {
        let msg = message();
        let cases = cases();
        println!("message: {} bytes", msg.len());
        println!(
            "{:<16} {:<8} {:>14} {:>14}",
            "algorithm", "key", "parse+verify", "verify only"
        );
        for c in &cases {
            let rounds = if c.key_name.starts_with("dsa") { 5 } else { 40 };
            let full = fastest(5, rounds, || {
                assert!(verify(c.alg, &c.spki, &msg, &c.sig).is_ok());
            });
            let parsed = VerifyingKey::from_spki_der(&c.spki).unwrap();
            let only = fastest(5, rounds, || {
                assert!(parsed.verify(c.alg, &msg, &c.sig).is_ok());
            });
            println!(
                "{:<16} {:<8} {:>11.1} µs {:>11.1} µs",
                c.alg.name(),
                c.key_name,
                full,
                only
            );
        }
        let sha256 = fastest(5, 200, || {
            std::hint::black_box(digest(DigestAlgorithm::Sha256, &msg));
        });
        println!("SHA-256 of the message alone: {sha256:.1} µs");
    }
}
