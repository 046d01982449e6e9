//! SAML metadata: as configuration (`dsig::trust::read_metadata`, the IdP and SP metadata of a
//! Context, against a response signed by the fixtures' IdP key) and as the inspected input.
//!
//! Checks: every report's invariants (spans, order, renderings); the signed response's
//! signature is `valid` only when the metadata holds the key that signed it; embedded
//! certificates parse or fail without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::dsig::Verdict;
use samlscope_core::dsig::trust::read_metadata;
use samlscope_core::inspect;
use samlscope_fuzz::{check_report, keys, plain_context};

const SIGNED_RESPONSE: &str =
    include_str!("../../crates/samlscope-core/tests/fixtures/dsig/response-signed.xml");

fuzz_target!(|data: &[u8]| {
    let idp_spki = samlscope_core::cert::parse_certificate(&keys::pem_der(keys::IDP_RSA_CERT))
        .expect("the fixture certificate parses")
        .key
        .spki_der;
    let mut holds_idp_key = false;
    if let Ok(entities) = read_metadata(data, "IdP metadata") {
        for entity in &entities {
            for role in &entity.roles {
                for key in &role.keys {
                    for cert in &key.certificates {
                        if let Ok(c) = cert.parse() {
                            holds_idp_key |= c.key.spki_der == idp_spki;
                        }
                    }
                }
            }
        }
    }

    check_report(&inspect(data, &plain_context()));

    let mut ctx = plain_context();
    ctx.idp_metadata = Some(data.to_vec());
    ctx.sp_metadata = Some(data.to_vec());
    let report = inspect(SIGNED_RESPONSE, &ctx);
    check_report(&report);
    for s in &report.signatures {
        if s.verdict == Verdict::Valid {
            assert!(
                holds_idp_key,
                "valid with metadata that does not hold the signing key"
            );
        }
    }
});
