//! Thumbprints as people paste them, and comparing them with a certificate's.

use super::CertificateInfo;

/// Normalises a thumbprint as people paste it (any case, colons, spaces, dashes,
/// `SHA1 Fingerprint=` / `sha256:` prefix, invisible marks copied from Windows) to upper-case
/// hex. Returns `None` unless it is 40 (SHA-1) or 64 (SHA-256) hex digits.
pub fn normalize_thumbprint(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '"' | '\''
            )
    });
    // `SHA1 Fingerprint=AB:CD…` (openssl), `Thumbprint = …`.
    let mut rest = match text.rfind('=') {
        Some(i) => &text[i + 1..],
        None => text,
    };
    // `sha256:AB…`, `SHA-1 ab cd…`, `Thumbprint: …`: labels contain non-hex letters, so a
    // label is never mistaken for digits.
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let lower = trimmed.to_ascii_lowercase();
        let label = [
            "sha-256",
            "sha256",
            "sha-1",
            "sha1",
            "thumbprint",
            "fingerprint",
            "digest",
            "hash",
            "x5t#s256",
            "x5t",
        ]
        .into_iter()
        .find(|l| lower.starts_with(l));
        match label {
            Some(l) => rest = &trimmed[l.len()..],
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    let mut hex = String::with_capacity(64);
    for c in rest.chars() {
        if c.is_ascii_hexdigit() {
            hex.push(c.to_ascii_uppercase());
        } else if c.is_whitespace()
            || matches!(
                c,
                ':' | '-' | '.' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}'
            )
        {
            continue;
        } else {
            return None;
        }
    }
    matches!(hex.len(), 40 | 64).then_some(hex)
}

/// Whether a thumbprint (as people paste it, see [`normalize_thumbprint`]) is the SHA-1 or
/// SHA-256 thumbprint of `cert`.
pub fn thumbprint_matches(cert: &CertificateInfo, thumbprint: &str) -> bool {
    match normalize_thumbprint(thumbprint) {
        Some(t) if t.len() == 40 => t == cert.sha1,
        Some(t) => t == cert.sha256,
        None => false,
    }
}
