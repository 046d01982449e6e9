//! Tests of `samlscope_core::cert` against OpenSSL-made fixtures (see
//! `tests/fixtures/certs/README.md`) and, when present, the shared corpus.
#![allow(clippy::unwrap_used)]

// One module, so that `cargo test cert` selects every test of this file.
mod cert {
    use std::path::{Path, PathBuf};

    use base64::Engine as _;
    use samlscope_core::Timestamp;
    use samlscope_core::cert::{
        CertificateInfo, KeyAlgorithm, KeyMaterial, PrivateKeyInfo, PublicKeyInfo, Validity,
        certificate_text_problems, normalize_thumbprint, parse_certificate, parse_certificate_text,
        parse_certificate_text_with_problems, read_key_material, thumbprint_matches,
    };

    fn fixture_path(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/certs")
            .join(name)
    }

    fn fixture_text(name: &str) -> String {
        std::fs::read_to_string(fixture_path(name)).unwrap()
    }

    fn fixture_bytes(name: &str) -> Vec<u8> {
        std::fs::read(fixture_path(name)).unwrap()
    }

    /// A minimal PEM reader for the tests: (label, DER) of every block.
    fn pem_blocks(text: &str) -> Vec<(String, Vec<u8>)> {
        let mut blocks = Vec::new();
        let mut current: Option<(String, String)> = None;
        for line in text.lines() {
            let line = line.trim();
            if let Some(label) = line
                .strip_prefix("-----BEGIN ")
                .and_then(|l| l.strip_suffix("-----"))
            {
                current = Some((label.to_string(), String::new()));
            } else if line.starts_with("-----END ") {
                if let Some((label, b64)) = current.take() {
                    let der = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .unwrap();
                    blocks.push((label, der));
                }
            } else if let Some((_, b64)) = current.as_mut()
                && !line.contains(':')
            {
                b64.push_str(line);
            }
        }
        blocks
    }

    fn pem_der(name: &str) -> (String, Vec<u8>) {
        pem_blocks(&fixture_text(name)).into_iter().next().unwrap()
    }

    fn cert(name: &str) -> CertificateInfo {
        parse_certificate_text(&fixture_text(name)).unwrap()
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    fn private(label: &str, name: &str) -> PrivateKeyInfo {
        let (pem_label, der) = pem_der(name);
        assert_eq!(pem_label, label, "{name}");
        match read_key_material(Some(label), &der).unwrap() {
            KeyMaterial::PrivateKey(k) => k,
            other => panic!("{name}: {other:?}"),
        }
    }

    fn public(label: &str, name: &str) -> PublicKeyInfo {
        let (pem_label, der) = pem_der(name);
        assert_eq!(pem_label, label, "{name}");
        match read_key_material(Some(label), &der).unwrap() {
            KeyMaterial::PublicKey(k) => k,
            other => panic!("{name}: {other:?}"),
        }
    }

    // Values below were recorded from `openssl x509` (fixtures/certs/fingerprints.txt).

    #[test]
    fn rsa2048_certificate() {
        let c = cert("rsa2048.cert.pem");
        assert_eq!(c.subject, "O=Example, CN=idp.example.com");
        assert_eq!(c.issuer, c.subject);
        assert!(c.self_signed);
        assert_eq!(c.serial, "E1:F2:A3:B4:C5:D6:E7:F8:09:1A:2B:3C");
        assert_eq!(c.not_before, at("2026-11-23T16:33:05Z"));
        assert_eq!(c.not_after, at("2036-11-20T16:33:05Z"));
        assert_eq!(c.signature_algorithm, "sha256WithRSAEncryption");
        assert_eq!(c.sha1, "B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F");
        assert_eq!(
            c.sha256,
            "03D30ACF65E6DA557E18398D9B22242F0C2B55CF30D4C321EFCDF6AD7949F8D4"
        );
        assert_eq!(c.key.algorithm, KeyAlgorithm::Rsa);
        assert_eq!(c.key.bits, Some(2048));
        assert_eq!(c.key.curve, None);
        assert_eq!(c.key.describe(), "RSA 2048");
        assert_eq!(c.der, fixture_bytes("rsa2048.cert.der"));
        assert_eq!(c.key.spki_der, fixture_bytes("rsa2048.spki.der"));
    }

    #[test]
    fn der_pem_and_base64_inputs_agree() {
        let from_der = parse_certificate(&fixture_bytes("rsa2048.cert.der")).unwrap();
        let pem = fixture_text("rsa2048.cert.pem");
        let (from_pem, pem_problems) = parse_certificate_text_with_problems(&pem).unwrap();
        assert_eq!(from_der, from_pem);
        assert!(
            pem_problems.iter().any(|p| p.contains("PEM armour")),
            "{pem_problems:?}"
        );

        // base64 with 64-column lines, no armour: clean.
        let b64_text = fixture_text("rsa2048.cert.b64");
        assert!(b64_text.contains('\n'));
        assert_eq!(parse_certificate_text(&b64_text).unwrap(), from_der);
        assert_eq!(certificate_text_problems(&b64_text), Vec::<String>::new());

        // As it appears inside <ds:X509Certificate>: indented, CRLF, tabs.
        let indented: String = b64_text.lines().map(|l| format!("\t\t  {l}\r\n")).collect();
        assert_eq!(parse_certificate_text(&indented).unwrap(), from_der);
        assert!(certificate_text_problems(&indented).is_empty());

        // X509Certificate with PEM armour inside (seen in the wild): accepted and reported.
        let armoured = format!("\n        {}\n      ", pem.replace('\n', "\r\n"));
        let (c, problems) = parse_certificate_text_with_problems(&armoured).unwrap();
        assert_eq!(c, from_der);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("-----BEGIN CERTIFICATE-----"));

        // Bare DER through read_key_material, with and without the label.
        for label in [
            None,
            Some("CERTIFICATE"),
            Some("X509 CERTIFICATE"),
            Some("certificate"),
        ] {
            match read_key_material(label, &from_der.der).unwrap() {
                KeyMaterial::Certificate(c) => assert_eq!(c, from_der),
                other => panic!("{label:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn missing_padding_and_other_tolerated_text() {
        // A certificate whose base64 ends with padding (DER length not a multiple of 3).
        let der = parse_certificate_text(&fixture_text("ec-p256.cert.pem"))
            .unwrap()
            .der;
        assert_ne!(der.len() % 3, 0);
        let text = b64(&der);
        assert!(text.ends_with('='));
        let unpadded = text.trim_end_matches('=');
        let (c, problems) = parse_certificate_text_with_problems(unpadded).unwrap();
        assert_eq!(c.der, der);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("padding"), "{problems:?}");

        // URL-safe alphabet.
        let url_safe = base64::engine::general_purpose::URL_SAFE.encode(&der);
        if url_safe.contains(['-', '_']) {
            let (c, problems) = parse_certificate_text_with_problems(&url_safe).unwrap();
            assert_eq!(c.der, der);
            assert!(
                problems.iter().any(|p| p.contains("URL-safe")),
                "{problems:?}"
            );
        }

        // Character references copied from XML source.
        let with_refs = text.replacen('A', "A&#13;\n", 1);
        let (c, problems) = parse_certificate_text_with_problems(&with_refs).unwrap();
        assert_eq!(c.der, der);
        assert!(problems.iter().any(|p| p.contains("&#13;")), "{problems:?}");

        // Hex DER.
        let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
        let (c, problems) = parse_certificate_text_with_problems(&hex).unwrap();
        assert_eq!(c.der, der);
        assert!(problems.iter().any(|p| p.contains("hex")), "{problems:?}");

        // Two PEM blocks: the first is read, the rest reported.
        let two = format!(
            "{}{}",
            fixture_text("ec-p256.cert.pem"),
            fixture_text("rsa2048.cert.pem")
        );
        let (c, problems) = parse_certificate_text_with_problems(&two).unwrap();
        assert_eq!(c.der, der);
        assert!(
            problems.iter().any(|p| p.contains("1 more PEM block")),
            "{problems:?}"
        );

        // Invisible marks copied from a web page or Windows.
        let marked = format!("\u{FEFF}{text}\u{200B}");
        assert_eq!(parse_certificate_text(&marked).unwrap().der, der);
    }

    #[test]
    fn double_encoded_certificates() {
        let pem = fixture_text("rsa2048.cert.pem");
        let der = fixture_bytes("rsa2048.cert.der");

        // base64(PEM text), as some IdPs put into X509Certificate.
        let double_pem = b64(pem.as_bytes());
        let (c, problems) = parse_certificate_text_with_problems(&double_pem).unwrap();
        assert_eq!(c.der, der);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("double-encoded") && problems[0].contains("PEM"));

        // base64(base64(DER)), with line breaks in the inner base64.
        let inner = fixture_text("rsa2048.cert.b64");
        let double_b64 = b64(inner.as_bytes());
        let (c, problems) = parse_certificate_text_with_problems(&double_b64).unwrap();
        assert_eq!(c.der, der);
        assert!(
            problems.iter().any(|p| p.contains("base64 text again")),
            "{problems:?}"
        );

        // Triple: base64(base64(PEM)).
        let triple = b64(double_pem.as_bytes());
        assert_eq!(parse_certificate_text(&triple).unwrap().der, der);
        assert_eq!(certificate_text_problems(&triple).len(), 2);
    }

    #[test]
    fn rsa1024_sha1_certificate() {
        let c = cert("rsa1024-sha1.cert.pem");
        assert_eq!(c.subject, "C=US, O=Example Corp, CN=legacy.example.com");
        assert_eq!(c.serial, "01");
        assert_eq!(c.signature_algorithm, "sha1WithRSAEncryption");
        assert_eq!(c.sha1, "F76AA0E3CB8A99B9957402490F8A8E8C47232E59");
        assert_eq!(
            c.sha256,
            "5E743B793D190CCD853A20DEBCA1A30355FA18FD89BC40F57435B4696CEE1DE2"
        );
        assert_eq!(c.key.describe(), "RSA 1024");
    }

    #[test]
    fn ec_and_ed25519_certificates() {
        let p256 = cert("ec-p256.cert.pem");
        assert_eq!(p256.subject, "CN=EC Test CA");
        assert_eq!(p256.serial, "01:02");
        assert_eq!(p256.signature_algorithm, "ecdsa-with-SHA256");
        assert_eq!(p256.sha1, "B737C29696530117B015C4348022425620C015B1");
        assert_eq!(p256.key.algorithm, KeyAlgorithm::Ec);
        assert_eq!(p256.key.curve.as_deref(), Some("P-256"));
        assert_eq!(p256.key.bits, Some(256));
        assert_eq!(p256.key.describe(), "EC P-256");

        let p384 = cert("ec-p384.cert.pem");
        assert_eq!(p384.serial, "7F");
        assert_eq!(p384.signature_algorithm, "ecdsa-with-SHA384");
        assert_eq!(p384.sha1, "E418FC30D1786828E8813A3DBE25C59AD6C7D1D6");
        assert_eq!(p384.key.curve.as_deref(), Some("P-384"));
        assert_eq!(p384.key.bits, Some(384));

        let p521 = cert("ec-p521.cert.pem");
        assert_eq!(p521.serial, "80");
        assert_eq!(p521.signature_algorithm, "ecdsa-with-SHA512");
        assert_eq!(p521.sha1, "4A911058DC3684F7E5091CBBE35422EDE59FE349");
        assert_eq!(p521.key.describe(), "EC P-521");
        assert_eq!(p521.key.bits, Some(521));

        let ed = cert("ed25519.cert.pem");
        assert_eq!(ed.serial, "63:AF");
        assert_eq!(ed.signature_algorithm, "Ed25519");
        assert_eq!(ed.sha1, "63D0C46529188D94F8459E920295F8B09E80C385");
        assert_eq!(ed.key.algorithm, KeyAlgorithm::Ed25519);
        assert_eq!(ed.key.describe(), "Ed25519");

        let dsa = cert("dsa1024.cert.pem");
        assert_eq!(dsa.serial, "0D:5A");
        assert_eq!(dsa.signature_algorithm, "dsa-with-SHA256");
        assert_eq!(dsa.sha1, "5D5D155AB8F44A3C5CC4F5882C5A3C10E40DCDDA");
        assert_eq!(dsa.key.describe(), "DSA 1024");
    }

    #[test]
    fn issued_certificate_is_not_self_signed() {
        let leaf = cert("leaf-by-ec-ca.cert.pem");
        assert_eq!(leaf.subject, "O=Example, CN=sp.example.com");
        assert_eq!(leaf.issuer, "CN=EC Test CA");
        assert!(!leaf.self_signed);
        assert_eq!(leaf.serial, "A0:B0");
        assert_eq!(leaf.signature_algorithm, "ecdsa-with-SHA256");
        assert_eq!(leaf.sha1, "3D5C0908DE394821592472409C8A5FA25A90C27A");
        assert_eq!(leaf.key.describe(), "RSA 2048");
        // Same key as the rsa2048 certificate.
        assert_eq!(leaf.key.spki_der, cert("rsa2048.cert.pem").key.spki_der);
    }

    #[test]
    fn validity_and_days_left() {
        let c = cert("expired-2020.cert.pem");
        assert_eq!(c.serial, "20:21");
        assert_eq!(c.sha1, "6968DFE17590D8446F5CA93400BD9221B814B3DA");
        assert_eq!(c.not_before, at("2020-01-01T00:00:00Z"));
        assert_eq!(c.not_after, at("2021-01-01T00:00:00Z"));
        assert_eq!(
            c.validity_at(at("2019-12-31T23:59:59Z")),
            Validity::NotYetValid
        );
        assert_eq!(c.validity_at(at("2020-01-01T00:00:00Z")), Validity::Valid);
        assert_eq!(c.validity_at(at("2020-06-15T12:00:00Z")), Validity::Valid);
        assert_eq!(c.validity_at(at("2021-01-01T00:00:00Z")), Validity::Valid);
        assert_eq!(c.validity_at(at("2021-01-01T00:00:01Z")), Validity::Expired);
        assert_eq!(c.validity_at(at("2025-01-01T00:00:00Z")), Validity::Expired);
        assert_eq!(c.days_left(at("2020-12-31T00:00:00Z")), 1);
        assert_eq!(c.days_left(at("2020-12-31T00:00:01Z")), 0);
        assert_eq!(c.days_left(at("2021-01-01T00:00:00Z")), 0);
        assert_eq!(c.days_left(at("2021-01-01T12:00:00Z")), -1);
        assert_eq!(c.days_left(at("2020-01-01T00:00:00Z")), 366);
        assert_eq!(c.days_left(at("2022-01-01T00:00:00Z")), -365);
    }

    #[test]
    fn private_keys() {
        let k = private("PRIVATE KEY", "rsa2048.pkcs8.pem");
        assert_eq!(
            (k.algorithm.clone(), k.bits, k.format.as_str()),
            (KeyAlgorithm::Rsa, Some(2048), "PKCS#8")
        );
        assert!(!k.encrypted);
        assert_eq!(k.describe(), "RSA 2048 private key (PKCS#8)");

        let k = private("PRIVATE KEY", "rsa1024.pkcs8.pem");
        assert_eq!(k.bits, Some(1024));

        let k = private("RSA PRIVATE KEY", "rsa2048.pkcs1.pem");
        assert_eq!(
            (k.algorithm.clone(), k.bits, k.format.as_str()),
            (KeyAlgorithm::Rsa, Some(2048), "PKCS#1")
        );

        let k = private("PRIVATE KEY", "ec-p256.pkcs8.pem");
        assert_eq!(
            (k.algorithm.clone(), k.bits, k.format.as_str()),
            (KeyAlgorithm::Ec, Some(256), "PKCS#8")
        );
        assert_eq!(k.curve.as_deref(), Some("P-256"));
        assert_eq!(k.describe(), "EC P-256 private key (PKCS#8)");

        let k = private("PRIVATE KEY", "ec-p521.pkcs8.pem");
        assert_eq!((k.bits, k.curve.as_deref()), (Some(521), Some("P-521")));

        let k = private("EC PRIVATE KEY", "ec-p256.sec1.pem");
        assert_eq!(
            (k.algorithm.clone(), k.bits, k.format.as_str()),
            (KeyAlgorithm::Ec, Some(256), "SEC1")
        );
        assert_eq!(k.curve.as_deref(), Some("P-256"));
        let k = private("EC PRIVATE KEY", "ec-p384.sec1.pem");
        assert_eq!((k.bits, k.curve.as_deref()), (Some(384), Some("P-384")));

        let k = private("ENCRYPTED PRIVATE KEY", "rsa2048.encrypted-pkcs8.pem");
        assert_eq!(k.algorithm, KeyAlgorithm::Other("encrypted".into()));
        assert!(k.encrypted);
        assert_eq!(k.bits, None);
        assert_eq!(k.format, "encrypted PKCS#8");
        assert_eq!(k.encryption.as_deref(), Some("PBES2 (PBKDF2, aes256-CBC)"));
        assert_eq!(k.describe(), "encrypted private key (encrypted PKCS#8)");

        let k = private("PRIVATE KEY", "ed25519.pkcs8.pem");
        assert_eq!(k.algorithm, KeyAlgorithm::Ed25519);

        let k = private("PRIVATE KEY", "dsa1024.pkcs8.pem");
        assert_eq!(
            (k.algorithm.clone(), k.bits),
            (KeyAlgorithm::Dsa, Some(1024))
        );
        let k = private("DSA PRIVATE KEY", "dsa1024.traditional.pem");
        assert_eq!(
            (k.algorithm.clone(), k.bits, k.format.as_str()),
            (KeyAlgorithm::Dsa, Some(1024), "OpenSSL DSA")
        );
    }

    #[test]
    fn openssh_private_keys() {
        if !fixture_path("openssh-ed25519.pem").exists() {
            eprintln!("notice: OpenSSH fixtures absent (ssh-keygen was not available)");
            return;
        }
        let k = private("OPENSSH PRIVATE KEY", "openssh-ed25519.pem");
        assert_eq!(
            (k.algorithm.clone(), k.encrypted, k.format.as_str()),
            (KeyAlgorithm::Ed25519, false, "OpenSSH")
        );
        let k = private("OPENSSH PRIVATE KEY", "openssh-rsa2048-encrypted.pem");
        assert_eq!(
            (k.algorithm.clone(), k.bits, k.encrypted),
            (KeyAlgorithm::Rsa, Some(2048), true)
        );
        assert_eq!(k.encryption.as_deref(), Some("aes256-ctr"));
    }

    #[test]
    fn public_keys() {
        let spki = public("PUBLIC KEY", "rsa2048.spki.pem");
        assert_eq!(spki.describe(), "RSA 2048");
        assert_eq!(spki.spki_der, fixture_bytes("rsa2048.spki.der"));
        assert_eq!(spki, cert("rsa2048.cert.pem").key);

        let pkcs1 = public("RSA PUBLIC KEY", "rsa2048.rsapub.pem");
        assert_eq!(
            (pkcs1.algorithm, pkcs1.bits),
            (KeyAlgorithm::Rsa, Some(2048))
        );

        let ec = public("PUBLIC KEY", "ec-p256.spki.pem");
        assert_eq!(ec.describe(), "EC P-256");
        assert_eq!(ec, cert("ec-p256.cert.pem").key);

        let ed = public("PUBLIC KEY", "ed25519.spki.pem");
        assert_eq!(ed.describe(), "Ed25519");
    }

    #[test]
    fn bare_der_is_recognised() {
        let kind = |der: &[u8]| match read_key_material(None, der) {
            Ok(KeyMaterial::Certificate(_)) => "certificate".to_string(),
            Ok(KeyMaterial::PublicKey(k)) => format!("public {}", k.describe()),
            Ok(KeyMaterial::PrivateKey(k)) => format!("private {}", k.describe()),
            Err(e) => format!("error {e}"),
        };
        assert_eq!(kind(&fixture_bytes("rsa2048.cert.der")), "certificate");
        assert_eq!(kind(&fixture_bytes("rsa2048.spki.der")), "public RSA 2048");
        assert_eq!(
            kind(&fixture_bytes("rsa2048.pkcs8.der")),
            "private RSA 2048 private key (PKCS#8)"
        );
        assert_eq!(
            kind(&fixture_bytes("rsa2048.pkcs1.der")),
            "private RSA 2048 private key (PKCS#1)"
        );
        assert_eq!(
            kind(&pem_der("ec-p384.sec1.pem").1),
            "private EC P-384 private key (SEC1)"
        );
        assert_eq!(
            kind(&pem_der("ec-p256.pkcs8.pem").1),
            "private EC P-256 private key (PKCS#8)"
        );
        assert_eq!(
            kind(&pem_der("rsa2048.encrypted-pkcs8.pem").1),
            "private encrypted private key (encrypted PKCS#8)"
        );
        assert_eq!(kind(&pem_der("rsa2048.rsapub.pem").1), "public RSA 2048");
        assert_eq!(kind(&pem_der("ed25519.spki.pem").1), "public Ed25519");
        assert_eq!(
            kind(&pem_der("dsa1024.traditional.pem").1),
            "private DSA 1024 private key (OpenSSL DSA)"
        );
        // Things that are not certificates or keys say what they are.
        let p7 = kind(&fixture_bytes("rsa2048.p7b.der"));
        assert!(p7.starts_with("error a PKCS#7 bundle"), "{p7}");
        let csr = kind(&fixture_bytes("csr.der"));
        assert!(csr.contains("certificate signing request"), "{csr}");
    }

    #[test]
    fn labels() {
        // TRUSTED CERTIFICATE carries trust settings after the certificate.
        let (label, der) = pem_der("rsa2048.trusted.pem");
        assert_eq!(label, "TRUSTED CERTIFICATE");
        let plain = fixture_bytes("rsa2048.cert.der");
        assert!(der.len() > plain.len());
        match read_key_material(Some(&label), &der).unwrap() {
            KeyMaterial::Certificate(c) => assert_eq!(c.der, plain),
            other => panic!("{other:?}"),
        }
        let (c, problems) =
            parse_certificate_text_with_problems(&fixture_text("rsa2048.trusted.pem")).unwrap();
        assert_eq!(c.der, plain);
        assert!(
            problems.iter().any(|p| p.contains("trust settings")),
            "{problems:?}"
        );
        // …which is trailing garbage for a plain CERTIFICATE.
        let e = read_key_material(Some("CERTIFICATE"), &der).unwrap_err();
        assert!(e.message.contains("trailing data"), "{e}");

        // A label that does not match the content.
        let (_, key) = pem_der("rsa2048.pkcs8.pem");
        let e = read_key_material(Some("CERTIFICATE"), &key).unwrap_err();
        assert!(e.message.starts_with("not a DER certificate"), "{e}");
        let e = read_key_material(Some("EC PRIVATE KEY"), &key).unwrap_err();
        assert!(e.message.starts_with("not a SEC1 EC private key"), "{e}");
        let e = read_key_material(Some("RSA PRIVATE KEY"), &key).unwrap_err();
        assert!(e.message.contains("expected the modulus (INTEGER)"), "{e}");

        let (label, params) = pem_der("ec-p256.params.pem");
        let e = read_key_material(Some(&label), &params).unwrap_err();
        assert!(e.message.contains("curve P-256"), "{e}");
        let e =
            read_key_material(Some("CERTIFICATE REQUEST"), &fixture_bytes("csr.der")).unwrap_err();
        assert!(e.message.contains("CSR"), "{e}");
        let e = read_key_material(Some("PGP PUBLIC KEY BLOCK"), b"x").unwrap_err();
        assert!(
            e.message
                .contains("unknown PEM label 'PGP PUBLIC KEY BLOCK'"),
            "{e}"
        );
    }

    #[test]
    fn private_key_material_is_never_serialised() {
        for (label, name) in [
            ("PRIVATE KEY", "rsa2048.pkcs8.pem"),
            ("RSA PRIVATE KEY", "rsa2048.pkcs1.pem"),
            ("EC PRIVATE KEY", "ec-p256.sec1.pem"),
            ("PRIVATE KEY", "ed25519.pkcs8.pem"),
            ("ENCRYPTED PRIVATE KEY", "rsa2048.encrypted-pkcs8.pem"),
        ] {
            let (_, der) = pem_der(name);
            let material = read_key_material(Some(label), &der).unwrap();
            let json = serde_json::to_string(&material).unwrap();
            assert!(json.len() < 200, "{name}: {json}");
            // No run of key-looking characters.
            let longest = json
                .split(|c: char| !c.is_ascii_alphanumeric())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(longest < 20, "{name}: {json}");
            assert!(!format!("{material:?}").contains(&b64(&der)[10..30]));
        }
    }

    #[test]
    fn certificate_serialises_without_der() {
        let c = cert("ec-p256.cert.pem");
        let json: serde_json::Value = serde_json::to_value(&c).unwrap();
        assert_eq!(json["sha1"], "B737C29696530117B015C4348022425620C015B1");
        assert_eq!(json["key"]["curve"], "P-256");
        assert_eq!(json["key"]["algorithm"], "ec");
        assert_eq!(json["not_before"], c.not_before.unix_millis());
        assert!(json.get("der").is_none());
        assert!(json["key"].get("spki_der").is_none());
        let v = serde_json::to_value(Validity::NotYetValid).unwrap();
        assert_eq!(v, "not-yet-valid");
    }

    #[test]
    fn thumbprints() {
        let sha1 = "B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F";
        for input in [
            "SHA1 Fingerprint=B0:1E:C9:C7:B2:2F:54:81:1E:A2:E6:90:07:E3:FD:FC:5C:EF:5B:6F",
            "b01ec9c7b22f54811ea2e69007e3fdfc5cef5b6f",
            "b0 1e c9 c7 b2 2f 54 81 1e a2 e6 90 07 e3 fd fc 5c ef 5b 6f",
            "B0-1E-C9-C7-B2-2F-54-81-1E-A2-E6-90-07-E3-FD-FC-5C-EF-5B-6F",
            "  B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F\n",
            "\u{200E}b01ec9c7b22f54811ea2e69007e3fdfc5cef5b6f",
            "sha1:B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F",
            "SHA-1: b0:1e:c9:c7:b2:2f:54:81:1e:a2:e6:90:07:e3:fd:fc:5c:ef:5b:6f",
            "Thumbprint: B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F",
        ] {
            assert_eq!(
                normalize_thumbprint(input).as_deref(),
                Some(sha1),
                "{input:?}"
            );
        }
        let sha256 = "03D30ACF65E6DA557E18398D9B22242F0C2B55CF30D4C321EFCDF6AD7949F8D4";
        let openssl256 = "sha256 Fingerprint=03:D3:0A:CF:65:E6:DA:55:7E:18:39:8D:9B:22:24:2F:0C:2B:55:CF:30:D4:C3:21:EF:CD:F6:AD:79:49:F8:D4";
        assert_eq!(normalize_thumbprint(openssl256).as_deref(), Some(sha256));
        assert_eq!(
            normalize_thumbprint(&sha256.to_lowercase()).as_deref(),
            Some(sha256)
        );
        for bad in [
            "",
            "   ",
            "B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6", // 39
            "B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F0", // 41
            "G01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F",
            "md5 Fingerprint=B0:1E:C9:C7:B2:2F:54:81:1E:A2:E6:90:07:E3:FD:FC", // 32
            "not a thumbprint",
        ] {
            assert_eq!(normalize_thumbprint(bad), None, "{bad:?}");
        }

        let c = cert("rsa2048.cert.pem");
        assert!(thumbprint_matches(&c, sha1));
        assert!(thumbprint_matches(&c, &sha1.to_lowercase()));
        assert!(thumbprint_matches(&c, openssl256));
        assert!(!thumbprint_matches(
            &c,
            "6968DFE17590D8446F5CA93400BD9221B814B3DA"
        ));
        assert!(!thumbprint_matches(&c, "garbage"));
        // The SHA-256 is not accepted as a SHA-1 and vice versa.
        assert!(!thumbprint_matches(&c, &c.sha256[..40]));
    }

    // ---------------------------------------------------------------------------------------------
    // Hostile input: errors, never panics.

    #[test]
    fn empty_and_garbage_inputs() {
        let e = parse_certificate(&[]).unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
        let e = parse_certificate_text("").unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
        let e = parse_certificate_text(" \n\t ").unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
        let e = read_key_material(None, &[]).unwrap_err();
        assert!(e.message.contains("empty"), "{e}");

        let e = parse_certificate(b"-----BEGIN CERTIFICATE-----\nMIIB").unwrap_err();
        assert!(e.message.contains("PEM text, not DER"), "{e}");
        let e = parse_certificate(b"308203323082021aa0030201").unwrap_err();
        assert!(e.message.contains("hex text"), "{e}");
        let e = parse_certificate(&[0x04, 0x02, 0x01, 0x02]).unwrap_err();
        assert!(e.message.contains("starts with byte 0x04"), "{e}");

        let e = parse_certificate_text("MIIB$$$$").unwrap_err();
        assert!(
            e.message.contains("unexpected character '$' at position 4"),
            "{e}"
        );
        let e = parse_certificate_text("QUJDREVGR0g=").unwrap_err(); // "ABCDEFGH"
        assert!(e.message.contains("decodes to text"), "{e}");
        let e = parse_certificate_text("MIIBA").unwrap_err();
        assert!(
            e.message.contains("cannot be a whole number of bytes"),
            "{e}"
        );
        let e = parse_certificate_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----")
            .unwrap_err();
        assert!(e.message.contains("no base64"), "{e}");
        let e = parse_certificate_text(&fixture_text("rsa2048.pkcs8.pem")).unwrap_err();
        assert!(e.message.contains("'PRIVATE KEY', not CERTIFICATE"), "{e}");
        let e = parse_certificate_text("MII=BAAA").unwrap_err();
        assert!(e.message.contains("padding"), "{e}");
    }

    #[test]
    fn truncated_and_trailing_der() {
        let der = fixture_bytes("rsa2048.cert.der");
        assert_eq!(der.len(), 822);
        let e = parse_certificate(&der[..812]).unwrap_err();
        assert!(
            e.message
                .starts_with("not a DER certificate: unexpected end of data at byte 812"),
            "{e}"
        );
        let mut trailing = der;
        trailing.extend_from_slice(b"\0\0garbage");
        let e = parse_certificate(&trailing).unwrap_err();
        assert!(
            e.message.contains("9 bytes of trailing data") && e.message.contains("byte 822"),
            "{e}"
        );
        let e = read_key_material(None, &trailing).unwrap_err();
        assert!(e.message.contains("trailing data"), "{e}");

        // Every truncation of every DER fixture is an error, never a panic.
        for name in [
            "rsa2048.cert.der",
            "rsa2048.spki.der",
            "rsa2048.pkcs8.der",
            "rsa2048.pkcs1.der",
        ] {
            let der = fixture_bytes(name);
            for len in 0..der.len() {
                assert!(parse_certificate(&der[..len]).is_err());
                assert!(
                    read_key_material(None, &der[..len]).is_err(),
                    "{name} {len}"
                );
            }
        }
        let text = fixture_text("rsa2048.cert.b64");
        for len in 0..text.len() {
            let _ = parse_certificate_text(&text[..len]);
            let _ = certificate_text_problems(&text[..len]);
        }
    }

    #[test]
    fn inner_length_errors_have_positions() {
        // The TBSCertificate claims more than the certificate holds.
        let mut der = fixture_bytes("rsa2048.cert.der");
        // 30 82 03 32 | 30 82 02 1a: bump the TBS length.
        assert_eq!(&der[4..6], &[0x30, 0x82]);
        der[6] = 0x03;
        der[7] = 0x40;
        let e = parse_certificate(&der).unwrap_err();
        assert!(
            e.message
                .contains("at byte 4 declares 832 bytes of content but only 814 remain"),
            "{e}"
        );
        // A length inside the TBSCertificate that overruns it.
        let mut der = fixture_bytes("rsa2048.cert.der");
        der[7] += 0x10;
        let e = parse_certificate(&der).unwrap_err();
        assert!(e.message.contains("unexpected end of data at byte"), "{e}");
    }

    #[test]
    fn unreadable_key_does_not_hide_the_certificate() {
        let mut der = fixture_bytes("rsa2048.cert.der");
        let spki = fixture_bytes("rsa2048.spki.der");
        let at = der.windows(spki.len()).position(|w| w == spki).unwrap();
        // SEQUENCE(4) AlgorithmIdentifier(15) BIT STRING header(4), then the unused-bits byte.
        assert_eq!(&der[at + 19..at + 24], &[0x03, 0x82, 0x01, 0x0F, 0x00]);
        // The RSAPublicKey SEQUENCE inside the BIT STRING becomes a SET.
        assert_eq!(der[at + 24], 0x30);
        der[at + 24] = 0x31;
        let c = parse_certificate(&der).unwrap();
        assert_eq!((c.key.algorithm, c.key.bits), (KeyAlgorithm::Rsa, None));
        assert_eq!(c.subject, "O=Example, CN=idp.example.com");
        let e = read_key_material(Some("PUBLIC KEY"), &der[at..at + spki.len()]).unwrap_err();
        assert_eq!(
            e.message,
            "not a SubjectPublicKeyInfo public key: expected RSAPublicKey (SEQUENCE) at byte 24, \
             found SET"
        );
    }

    #[test]
    fn huge_length_fields() {
        for input in [
            &[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x00][..],
            &[
                0x30, 0x88, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00,
            ][..],
            &[0x30, 0x89, 1, 1, 1, 1, 1, 1, 1, 1, 1][..],
            &[0x30, 0xFF][..],
            &[0x30, 0x80, 0x00, 0x00][..],
            &[0x30, 0x82, 0x00][..],
            &[0x30, 0x06, 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF][..],
            &[0x30, 0x00][..],
            &[0x30, 0x03, 0x02, 0x01, 0x00][..],
            &[0x30, 0x05, 0x06, 0x03, 0xFF, 0xFF, 0xFF][..],
        ] {
            let e = parse_certificate(input).unwrap_err();
            assert!(!e.message.is_empty() && !e.message.contains('\n'), "{e}");
            let e = read_key_material(None, input).unwrap_err();
            assert!(!e.message.contains('\n'), "{e}");
            for label in [
                "CERTIFICATE",
                "PUBLIC KEY",
                "RSA PUBLIC KEY",
                "PRIVATE KEY",
                "RSA PRIVATE KEY",
                "EC PRIVATE KEY",
                "DSA PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY",
                "OPENSSH PRIVATE KEY",
                "TRUSTED CERTIFICATE",
                "EC PARAMETERS",
            ] {
                assert!(read_key_material(Some(label), input).is_err(), "{label}");
            }
        }
        let e =
            parse_certificate(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x00]).unwrap_err();
        assert!(e.message.contains("declares 4294967295 bytes"), "{e}");
        // Huge OpenSSH string lengths.
        let mut ssh = b"openssh-key-v1\0".to_vec();
        ssh.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF, b'n']);
        let e = read_key_material(Some("OPENSSH PRIVATE KEY"), &ssh).unwrap_err();
        assert!(e.message.contains("declares 4294967295 bytes"), "{e}");
    }

    /// xorshift: deterministic noise without a dependency.
    struct Noise(u64);
    impl Noise {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn random_bytes_and_mutations_never_panic() {
        let mut noise = Noise(0x5EED_CAFE_F00D_1234);
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len).map(|_| noise.next() as u8).collect();
            let _ = parse_certificate(&bytes);
            let _ = read_key_material(None, &bytes);
            let mut seq = vec![0x30, 0x82, (len >> 8) as u8, len as u8];
            seq.extend_from_slice(&bytes);
            let _ = parse_certificate(&seq);
            let _ = read_key_material(None, &seq);
            let _ = read_key_material(Some("PRIVATE KEY"), &seq);
            let _ = read_key_material(Some("OPENSSH PRIVATE KEY"), &bytes);
        }
        // Single-byte mutations of real structures.
        let mut inputs = vec![
            (None, fixture_bytes("rsa2048.cert.der")),
            (None, fixture_bytes("rsa2048.pkcs8.der")),
            (None, pem_der("ec-p256.sec1.pem").1),
            (None, pem_der("rsa2048.encrypted-pkcs8.pem").1),
            (None, pem_der("dsa1024.traditional.pem").1),
            (None, pem_der("ec-p256.cert.pem").1),
        ];
        if fixture_path("openssh-ed25519.pem").exists() {
            inputs.push((
                Some("OPENSSH PRIVATE KEY"),
                pem_der("openssh-ed25519.pem").1,
            ));
        }
        for (label, der) in inputs {
            for i in 0..der.len() {
                for flip in [0x01u8, 0x80, 0xFF] {
                    let mut m = der.clone();
                    m[i] ^= flip;
                    let _ = read_key_material(label, &m);
                    if label.is_none() {
                        let _ = parse_certificate(&m);
                    }
                }
            }
        }
        // Random text.
        for len in 0..200 {
            let alphabet = b"ABCDabcd0123+/=-_ \n\r\t-----BEGIN CERTIFICATE-----&#13;";
            let text: String = (0..len)
                .map(|_| alphabet[(noise.next() % alphabet.len() as u64) as usize] as char)
                .collect();
            let _ = parse_certificate_text(&text);
            let _ = normalize_thumbprint(&text);
        }
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

            #[test]
            fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
                let _ = parse_certificate(&bytes);
                let _ = read_key_material(None, &bytes);
                let _ = read_key_material(Some("ENCRYPTED PRIVATE KEY"), &bytes);
            }

            #[test]
            fn any_text(text in ".{0,300}") {
                let _ = parse_certificate_text(&text);
                let _ = certificate_text_problems(&text);
                if let Some(t) = normalize_thumbprint(&text) {
                    prop_assert!(t.len() == 40 || t.len() == 64);
                }
            }

            #[test]
            fn errors_are_one_line(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
                if let Err(e) = parse_certificate(&bytes) {
                    prop_assert!(!e.message.contains('\n') && !e.message.is_empty());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The shared corpus (third-party fixtures), when present.

    #[test]
    fn corpus_certificates_agree_with_manifest() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let manifest = root.join("MANIFEST.json");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            eprintln!(
                "notice: {} absent; corpus check skipped",
                manifest.display()
            );
            return;
        };
        let entries: serde_json::Value = serde_json::from_str(&text).unwrap();
        let entries = entries.as_array().unwrap();
        let mut checked = 0;
        let mut certificates = 0;
        let mut failures = Vec::new();
        for entry in entries {
            let file = entry["file"].as_str().unwrap_or_default();
            let kind = entry["kind"].as_str().unwrap_or_default();
            let path = root.join(file);
            match kind {
                "certificate" => {
                    let fingerprint = ["expected", "observed"]
                        .iter()
                        .find_map(|k| entry[k]["sha1_fingerprint"].as_str());
                    let Some(fingerprint) = fingerprint else {
                        continue;
                    };
                    let pem = std::fs::read_to_string(&path).unwrap();
                    checked += 1;
                    certificates += 1;
                    match parse_certificate_text(&pem) {
                        Err(e) => failures.push(format!("{file}: {e}")),
                        Ok(c) => {
                            if c.sha1.to_lowercase() != fingerprint.to_lowercase() {
                                failures.push(format!("{file}: sha1 {} != {fingerprint}", c.sha1));
                            }
                            let observed = &entry["observed"];
                            for (field, value) in
                                [("not_before", c.not_before), ("not_after", c.not_after)]
                            {
                                if let Some(t) = observed[field].as_str().and_then(Timestamp::parse)
                                    && t != value
                                {
                                    failures.push(format!("{file}: {field} {value:?} != {t:?}"));
                                }
                            }
                            if let Some(alg) = observed["public_key"].as_str()
                                && !c.key.describe().starts_with(alg)
                            {
                                failures
                                    .push(format!("{file}: key {} is not {alg}", c.key.describe()));
                            }
                            if entry["expected"]["expired"].as_bool() == Some(true)
                                && c.validity_at(at("2024-01-01T00:00:00Z")) != Validity::Expired
                            {
                                failures.push(format!("{file}: expected expired"));
                            }
                        }
                    }
                }
                "private_key" | "public_key" => {
                    let pem = std::fs::read_to_string(&path).unwrap();
                    for (label, der) in pem_blocks(&pem) {
                        checked += 1;
                        match read_key_material(Some(&label), &der) {
                            Ok(KeyMaterial::PrivateKey(k)) if kind == "private_key" => {
                                let want = match label.as_str() {
                                    "RSA PRIVATE KEY" => "PKCS#1",
                                    "PRIVATE KEY" => "PKCS#8",
                                    "EC PRIVATE KEY" => "SEC1",
                                    _ => "?",
                                };
                                if k.format != want {
                                    failures
                                        .push(format!("{file}: format {} for {label}", k.format));
                                }
                            }
                            Ok(KeyMaterial::PublicKey(_)) if kind == "public_key" => {}
                            other => failures.push(format!("{file}: {label}: {other:?}")),
                        }
                    }
                }
                _ => {}
            }
        }

        // X509Certificate values inside the corpus' XML, including the double-encoded AD FS ones.
        let mut in_xml = 0;
        let mut xml_failures = Vec::new();
        let mut double = 0;
        for entry in entries {
            let file = entry["file"].as_str().unwrap_or_default();
            if !file.ends_with(".xml") {
                continue;
            }
            let Ok(xml) = std::fs::read_to_string(root.join(file)) else {
                continue;
            };
            for value in x509_values(&xml) {
                in_xml += 1;
                match parse_certificate_text_with_problems(value) {
                    Ok((_, problems)) => {
                        if problems.iter().any(|p| p.contains("double-encoded")) {
                            double += 1;
                        }
                    }
                    Err(e) => xml_failures.push(format!("{file}: {e}")),
                }
            }
        }
        for (xml, derived) in [
            (
                "responses/ruby-saml/adfs_response_sha1.xml",
                "keys/ruby-saml/derived_adfs_response_sha1_keyinfo_cert.pem",
            ),
            (
                "responses/ruby-saml/adfs_response_sha256.xml",
                "keys/ruby-saml/derived_adfs_response_sha256_keyinfo_cert.pem",
            ),
        ] {
            let (Ok(xml_text), Some(entry)) = (
                std::fs::read_to_string(root.join(xml)),
                entries.iter().find(|e| e["file"] == derived),
            ) else {
                continue;
            };
            let want = entry["expected"]["sha1_fingerprint"]
                .as_str()
                .unwrap()
                .to_uppercase();
            let value = x509_values(&xml_text).into_iter().next().unwrap();
            let (c, problems) = parse_certificate_text_with_problems(value).unwrap();
            assert_eq!(c.sha1, want, "{xml}");
            assert!(
                problems.iter().any(|p| p.contains("double-encoded")),
                "{xml}: {problems:?}"
            );
        }

        eprintln!(
            "corpus: {checked} manifest entries checked ({certificates} certificates with a SHA-1 \
         fingerprint), {} disagreements; {in_xml} \
         X509Certificate values in XML, {} unreadable, {double} double-encoded",
            failures.len(),
            xml_failures.len()
        );
        for f in &xml_failures {
            eprintln!("  X509Certificate not read: {f}");
        }
        assert!(checked > 0);
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// The text of every `X509Certificate` element (any prefix), found textually.
    fn x509_values(xml: &str) -> Vec<&str> {
        let mut values = Vec::new();
        let mut rest = xml;
        while let Some(i) = rest.find("X509Certificate>") {
            let after = &rest[i + "X509Certificate>".len()..];
            // Only opening tags: the character before the name is '<' or ':' and not '/'.
            let before = &rest[..i];
            let opening = before
                .rfind('<')
                .is_some_and(|t| !before[t + 1..].starts_with('/') && !before[t..].contains('>'));
            match after.find('<') {
                Some(end) => {
                    if opening && !after[..end].trim().is_empty() {
                        values.push(&after[..end]);
                    }
                    rest = &after[end..];
                }
                None => break,
            }
        }
        values
    }
}
