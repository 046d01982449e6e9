//! A small DER reader for certificates and keys, with messages that say at which byte a
//! problem is ("unexpected end of data at byte 812: …").
//!
//! It reads hostile input: it never panics, never allocates more than the input's size for an
//! element, and does not recurse (the one walk over nested elements,
//! [`der_structure_problem`], has a depth bound). Only DER is accepted: definite lengths in
//! their shortest form, tag numbers in their shortest form.

use std::fmt;

/// The class of a tag (the two high bits of the identifier octet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Universal,
    Application,
    ContextSpecific,
    Private,
}

/// A universal tag number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tag(pub(crate) u32);

impl Tag {
    pub(crate) const BOOLEAN: Self = Self(1);
    pub(crate) const INTEGER: Self = Self(2);
    pub(crate) const BIT_STRING: Self = Self(3);
    pub(crate) const OCTET_STRING: Self = Self(4);
    pub(crate) const NULL: Self = Self(5);
    pub(crate) const OID: Self = Self(6);
    pub(crate) const OBJECT_DESCRIPTOR: Self = Self(7);
    pub(crate) const UTF8_STRING: Self = Self(12);
    pub(crate) const SEQUENCE: Self = Self(16);
    pub(crate) const SET: Self = Self(17);
    pub(crate) const NUMERIC_STRING: Self = Self(18);
    pub(crate) const PRINTABLE_STRING: Self = Self(19);
    pub(crate) const T61_STRING: Self = Self(20);
    pub(crate) const VIDEOTEX_STRING: Self = Self(21);
    pub(crate) const IA5_STRING: Self = Self(22);
    pub(crate) const UTC_TIME: Self = Self(23);
    pub(crate) const GENERALIZED_TIME: Self = Self(24);
    pub(crate) const GRAPHIC_STRING: Self = Self(25);
    pub(crate) const VISIBLE_STRING: Self = Self(26);
    pub(crate) const GENERAL_STRING: Self = Self(27);
    pub(crate) const UNIVERSAL_STRING: Self = Self(28);
    pub(crate) const BMP_STRING: Self = Self(30);
}

/// One TLV element.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    pub(crate) class: Class,
    pub(crate) constructed: bool,
    pub(crate) tag: u32,
    pub(crate) content: &'a [u8],
    /// The whole element: identifier, length and content.
    pub(crate) raw: &'a [u8],
    /// Absolute offset of the identifier byte.
    pub(crate) start: usize,
    /// Absolute offset of the content.
    pub(crate) content_start: usize,
}

impl<'a> Tlv<'a> {
    /// Whether this is the universal type `tag`.
    pub(crate) fn is(&self, tag: Tag) -> bool {
        self.class == Class::Universal && self.tag == tag.0
    }

    /// Whether this is the context-specific tag `[n]`.
    pub(crate) fn is_context(&self, n: u32) -> bool {
        self.class == Class::ContextSpecific && self.tag == n
    }

    /// Absolute offset just after the element.
    pub(crate) fn end(&self) -> usize {
        self.content_start + self.content.len()
    }

    /// A reader over the content.
    pub(crate) fn reader(&self) -> Der<'a> {
        Der::at(self.content, self.content_start)
    }

    /// "SEQUENCE", "INTEGER", "[0]"…
    pub(crate) fn type_name(&self) -> String {
        type_name(self.class, self.tag)
    }

    /// The magnitude of a non-negative INTEGER in DER (no sign byte, no leading zeros: empty
    /// for zero). Negative and non-minimal encodings are errors.
    pub(crate) fn unsigned(&self, what: &str) -> Result<&'a [u8], String> {
        match self.content {
            [] => Err(format!("{what} at byte {} is an empty INTEGER", self.start)),
            [first, ..] if first & 0x80 != 0 => {
                Err(format!("{what} at byte {} is negative", self.start))
            }
            [0, second, ..] if second & 0x80 == 0 => Err(format!(
                "{what} at byte {} has a leading zero byte (not DER)",
                self.start
            )),
            [0, rest @ ..] => Ok(rest),
            content => Ok(content),
        }
    }
}

/// A readable name of a type: "SEQUENCE", "UTF8String", "[0]", "[APPLICATION 3]".
pub(crate) fn type_name(class: Class, tag: u32) -> String {
    match class {
        Class::Universal => {
            let name = match Tag(tag) {
                Tag::BOOLEAN => "BOOLEAN",
                Tag::INTEGER => "INTEGER",
                Tag::BIT_STRING => "BIT STRING",
                Tag::OCTET_STRING => "OCTET STRING",
                Tag::NULL => "NULL",
                Tag::OID => "OBJECT IDENTIFIER",
                Tag::UTF8_STRING => "UTF8String",
                Tag::SEQUENCE => "SEQUENCE",
                Tag::SET => "SET",
                Tag::PRINTABLE_STRING => "PrintableString",
                Tag::IA5_STRING => "IA5String",
                Tag::UTC_TIME => "UTCTime",
                Tag::GENERALIZED_TIME => "GeneralizedTime",
                Tag::BMP_STRING => "BMPString",
                _ => return format!("universal tag {tag}"),
            };
            name.to_string()
        }
        Class::ContextSpecific => format!("[{tag}]"),
        Class::Application => format!("[APPLICATION {tag}]"),
        Class::Private => format!("[PRIVATE {tag}]"),
    }
}

/// An identifier and length, decoded.
struct Header {
    class: Class,
    constructed: bool,
    tag: u32,
    /// Bytes of identifier and length octets.
    len: usize,
    /// Declared content length (u64 so that the messages do not depend on the platform).
    content_len: u64,
}

enum HeaderError {
    /// The data ends inside the header.
    CutOff,
    /// Indefinite length (BER).
    Indefinite,
    /// Anything else, said in words.
    Bad(&'static str),
}

/// Decodes identifier octets (high tag numbers included) and definite length octets.
fn read_header(data: &[u8]) -> Result<Header, HeaderError> {
    let first = *data.first().ok_or(HeaderError::CutOff)?;
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::ContextSpecific,
        _ => Class::Private,
    };
    let constructed = first & 0x20 != 0;
    let mut pos = 1;
    let mut tag = u32::from(first & 0x1F);
    if tag == 0x1F {
        // High tag number: base-128 digits, the last one without the top bit.
        tag = 0;
        loop {
            let b = *data.get(pos).ok_or(HeaderError::CutOff)?;
            if pos == 1 && b == 0x80 {
                return Err(HeaderError::Bad(
                    "the tag number has a leading zero digit (not DER)",
                ));
            }
            if tag > (u32::MAX >> 7) {
                return Err(HeaderError::Bad("the tag number is too large"));
            }
            tag = (tag << 7) | u32::from(b & 0x7F);
            pos += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
        if tag < 0x1F {
            return Err(HeaderError::Bad(
                "a tag number below 31 in the long form (not DER)",
            ));
        }
    }
    let first_len = *data.get(pos).ok_or(HeaderError::CutOff)?;
    pos += 1;
    let content_len = match first_len {
        0..=0x7F => u64::from(first_len),
        0x80 => return Err(HeaderError::Indefinite),
        0xFF => return Err(HeaderError::Bad("invalid length field (0xFF is reserved)")),
        _ => {
            let count = usize::from(first_len & 0x7F);
            if count > 8 {
                return Err(HeaderError::Bad("invalid or too large length field"));
            }
            let bytes = data.get(pos..pos + count).ok_or(HeaderError::CutOff)?;
            pos += count;
            if bytes.first() == Some(&0) {
                return Err(HeaderError::Bad(
                    "the length has a leading zero byte (not DER)",
                ));
            }
            let value = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            if value < 0x80 {
                return Err(HeaderError::Bad(
                    "a length below 128 in the long form (not DER)",
                ));
            }
            value
        }
    };
    Ok(Header {
        class,
        constructed,
        tag,
        len: pos,
        content_len,
    })
}

/// A cursor over DER elements that knows the absolute offset of its data.
#[derive(Clone, Debug)]
pub(crate) struct Der<'a> {
    data: &'a [u8],
    /// Absolute offset of `data[0]`.
    base: usize,
    pos: usize,
}

impl<'a> Der<'a> {
    /// A reader at offset 0.
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Self::at(data, 0)
    }

    /// A reader whose data starts at absolute offset `base` (for messages).
    pub(crate) fn at(data: &'a [u8], base: usize) -> Self {
        Self { data, base, pos: 0 }
    }

    /// Whether every byte was read.
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// The next element, whatever it is.
    pub(crate) fn any(&mut self, what: &str) -> Result<Tlv<'a>, String> {
        let start = self.base + self.pos;
        let end_abs = self.base + self.data.len();
        let rest = self.data.get(self.pos..).unwrap_or_default();
        if rest.is_empty() {
            return Err(format!(
                "unexpected end of data at byte {start}: expected {what}"
            ));
        }
        let header = match read_header(rest) {
            Ok(header) => header,
            Err(HeaderError::CutOff) => {
                return Err(format!(
                    "unexpected end of data at byte {end_abs}: the header of {what} at byte \
                     {start} is cut off"
                ));
            }
            Err(HeaderError::Indefinite) => {
                return Err(format!(
                    "{what} at byte {start} has an indefinite length (BER, not DER)"
                ));
            }
            Err(HeaderError::Bad(why)) => {
                return Err(format!("bad DER header for {what} at byte {start}: {why}"));
            }
        };
        let after_header = &rest[header.len..];
        let len = match usize::try_from(header.content_len) {
            Ok(len) if len <= after_header.len() => len,
            _ => {
                return Err(format!(
                    "unexpected end of data at byte {end_abs}: {what} at byte {start} declares {} \
                     bytes of content but only {} remain",
                    header.content_len,
                    after_header.len()
                ));
            }
        };
        self.pos += header.len + len;
        Ok(Tlv {
            class: header.class,
            constructed: header.constructed,
            tag: header.tag,
            content: &after_header[..len],
            raw: &rest[..header.len + len],
            start,
            content_start: start + header.len,
        })
    }

    /// The next element, which must be the universal type `tag` (constructed for SEQUENCE and
    /// SET, primitive otherwise).
    pub(crate) fn expect(&mut self, tag: Tag, what: &str) -> Result<Tlv<'a>, String> {
        let tlv = self.any(what)?;
        if !tlv.is(tag) {
            return Err(format!(
                "expected {what} ({}) at byte {}, found {}",
                type_name(Class::Universal, tag.0),
                tlv.start,
                tlv.type_name()
            ));
        }
        let must_be_constructed = matches!(tag, Tag::SEQUENCE | Tag::SET);
        if tlv.constructed != must_be_constructed {
            return Err(format!(
                "{what} at byte {} has the wrong constructed bit",
                tlv.start
            ));
        }
        Ok(tlv)
    }

    /// The next element if it is the context-specific `[n]` (otherwise nothing is read).
    pub(crate) fn optional_context(
        &mut self,
        n: u32,
        what: &str,
    ) -> Result<Option<Tlv<'a>>, String> {
        if self.peek_context()? == Some(n) {
            self.any(what).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The context-specific tag number of the next element, if it is one.
    pub(crate) fn peek_context(&self) -> Result<Option<u32>, String> {
        if self.at_end() {
            return Ok(None);
        }
        let tlv = self.clone().any("the next element")?;
        Ok((tlv.class == Class::ContextSpecific).then_some(tlv.tag))
    }

    /// Elements left (None when they do not parse).
    pub(crate) fn remaining_elements(&self) -> Option<usize> {
        let mut copy = self.clone();
        let mut n = 0;
        while !copy.at_end() {
            copy.any("element").ok()?;
            n += 1;
        }
        Some(n)
    }

    /// No bytes may follow.
    pub(crate) fn finish(&self, what: &str) -> Result<(), String> {
        let left = self.data.len().saturating_sub(self.pos);
        if left == 0 {
            Ok(())
        } else {
            Err(format!(
                "{left} unexpected bytes after {what}, at byte {}",
                self.base + self.pos
            ))
        }
    }
}

/// Upper-case hex without separators.
pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    use fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
    out
}

/// Dotted form of OID content bytes; never panics (overlong arcs are shown in hex, a cut-off
/// last arc as `(truncated)`).
pub(crate) fn oid_to_string(content: &[u8]) -> String {
    let mut arcs: Vec<String> = Vec::new();
    let mut value: u128 = 0;
    let mut overflow = false;
    let mut arc_start = 0;
    for (i, &b) in content.iter().enumerate() {
        if value > (u128::MAX >> 7) {
            overflow = true;
        }
        value = (value << 7) | u128::from(b & 0x7F);
        if b & 0x80 == 0 {
            let text = if overflow {
                format!("0x{}", hex_upper(&content[arc_start..=i]))
            } else if arcs.is_empty() {
                let (first, second) = match value {
                    0..=39 => (0, value),
                    40..=79 => (1, value - 40),
                    _ => (2, value - 80),
                };
                arcs.push(first.to_string());
                second.to_string()
            } else {
                value.to_string()
            };
            arcs.push(text);
            value = 0;
            overflow = false;
            arc_start = i + 1;
        }
    }
    if arc_start < content.len() || content.is_empty() {
        arcs.push("(truncated)".to_string());
    }
    arcs.join(".")
}

/// Whether OID content bytes are well formed: not empty, every arc in its shortest form and
/// within 64 bits, the last one complete.
pub(crate) fn oid_is_well_formed(content: &[u8]) -> bool {
    let mut arc_len = 0usize;
    for &b in content {
        if arc_len == 0 && b == 0x80 {
            return false;
        }
        arc_len += 1;
        if arc_len > 9 {
            return false;
        }
        if b & 0x80 == 0 {
            arc_len = 0;
        }
    }
    !content.is_empty() && arc_len == 0
}

/// The content bytes of a dotted OID (`1.2.840.10045.3.1.7`); `None` unless it has at least
/// two arcs, the first 0, 1 or 2 and the second below 40 when the first is 0 or 1.
pub(crate) fn oid_from_dotted(text: &str) -> Option<Vec<u8>> {
    let arcs: Vec<u64> = text
        .split('.')
        .map(|arc| {
            if arc.is_empty() || !arc.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                arc.parse().ok()
            }
        })
        .collect::<Option<_>>()?;
    let (&first, &second) = (arcs.first()?, arcs.get(1)?);
    if first > 2 || (first < 2 && second >= 40) {
        return None;
    }
    let mut out = Vec::new();
    let mut push = |mut value: u64| {
        let mut digits = [0u8; 10];
        let mut n = 0;
        loop {
            digits[n] = (value & 0x7F) as u8;
            n += 1;
            value >>= 7;
            if value == 0 {
                break;
            }
        }
        for i in (0..n).rev() {
            out.push(digits[i] | if i > 0 { 0x80 } else { 0 });
        }
    };
    push(first.checked_mul(40)?.checked_add(second)?);
    for &arc in &arcs[2..] {
        push(arc);
    }
    Some(out)
}

/// An AlgorithmIdentifier: OID and optional parameters.
pub(crate) struct AlgorithmId<'a> {
    /// Dotted OID.
    pub(crate) oid: String,
    /// The parameters, NULL left out.
    pub(crate) params: Option<Tlv<'a>>,
    /// Whether the parameters are present and NULL.
    pub(crate) null_params: bool,
}

impl<'a> AlgorithmId<'a> {
    /// Reads `SEQUENCE { OBJECT IDENTIFIER, ANY OPTIONAL }` (nothing may follow inside).
    pub(crate) fn read(r: &mut Der<'a>, what: &str) -> Result<Self, String> {
        let seq = r.expect(Tag::SEQUENCE, what)?;
        let mut inner = seq.reader();
        let oid = inner.expect(Tag::OID, "the algorithm OID")?;
        let params = if inner.at_end() {
            None
        } else {
            Some(inner.any("the algorithm parameters")?)
        };
        inner.finish(what)?;
        let null_params = params.is_some_and(|p| p.is(Tag::NULL));
        Ok(Self {
            oid: oid_to_string(oid.content),
            params: params.filter(|p| !p.is(Tag::NULL)),
            null_params,
        })
    }
}

/// The fields of a PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RsaPrivateKeyFields<'a> {
    /// 0 (two primes) or 1 (more primes, in otherPrimeInfos).
    pub(crate) version: Tlv<'a>,
    /// modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2 and
    /// coefficient, in that order (see [`RSA_PRIVATE_KEY_INTEGERS`]).
    pub(crate) integers: [Tlv<'a>; 8],
}

/// What the INTEGERs of an RSAPrivateKey are, in order, for messages.
pub(crate) const RSA_PRIVATE_KEY_INTEGERS: [&str; 8] = [
    "the modulus",
    "the public exponent",
    "the private exponent",
    "prime1",
    "prime2",
    "exponent1",
    "exponent2",
    "the coefficient",
];

/// A PKCS#1 RSAPrivateKey at absolute offset `base` of `der`, read to its end: SEQUENCE {
/// version, eight INTEGERs, otherPrimeInfos when the version is 1 }. Only the structure is
/// checked here; what the values must be is up to the caller.
pub(crate) fn rsa_private_key(der: &[u8], base: usize) -> Result<RsaPrivateKeyFields<'_>, String> {
    let mut top = Der::at(der, base);
    let seq = top.expect(Tag::SEQUENCE, "the RSAPrivateKey")?;
    top.finish("the RSAPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::INTEGER, "the version")?;
    if !matches!(version.content, [0] | [1]) {
        return Err(format!(
            "the version at byte {} is not 0 or 1",
            version.start
        ));
    }
    let mut integers = [version; 8];
    for (integer, what) in integers.iter_mut().zip(RSA_PRIVATE_KEY_INTEGERS) {
        *integer = r.expect(Tag::INTEGER, what)?;
    }
    if !r.at_end() && version.content == [1] {
        r.expect(Tag::SEQUENCE, "otherPrimeInfos")?;
    }
    r.finish("the RSAPrivateKey")?;
    Ok(RsaPrivateKeyFields { version, integers })
}

/// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
/// STRING }, the whole input: the algorithm and the key's BIT STRING.
pub(crate) fn subject_public_key_info(der: &[u8]) -> Result<(AlgorithmId<'_>, Tlv<'_>), String> {
    let mut top = Der::new(der);
    let spki = top.expect(Tag::SEQUENCE, "SubjectPublicKeyInfo")?;
    top.finish("the SubjectPublicKeyInfo")?;
    let mut r = spki.reader();
    let algorithm = AlgorithmId::read(&mut r, "the key's AlgorithmIdentifier")?;
    let key = r.expect(Tag::BIT_STRING, "the public key BIT STRING")?;
    r.finish("the public key")?;
    Ok((algorithm, key))
}

/// Checks that the input is exactly one DER SEQUENCE (with `allow_trailing`, starts with
/// one), with messages for the common mistakes (empty, text instead of DER, truncated).
pub(crate) fn envelope(der: &[u8], allow_trailing: bool) -> Result<Tlv<'_>, String> {
    let Some(&first) = der.first() else {
        return Err("empty input (0 bytes)".to_string());
    };
    // `0` is 0x30: hex text of DER starts like DER.
    if der.len() >= 8
        && der
            .iter()
            .take(64)
            .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace())
    {
        return Err("this is hex text, not DER".to_string());
    }
    if first != 0x30 {
        let text = der
            .iter()
            .take(64)
            .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
        if text {
            let start = String::from_utf8_lossy(&der[..der.len().min(16)]).into_owned();
            let kind = if start.trim_start().starts_with("-----BEGIN") {
                "PEM"
            } else if start.trim_start().starts_with('<') {
                "XML"
            } else {
                "base64 or other"
            };
            return Err(format!(
                "this is {kind} text, not DER (starts with \"{}\")",
                start.trim()
            ));
        }
        return Err(format!(
            "starts with byte 0x{first:02X}, not a DER SEQUENCE (0x30)"
        ));
    }
    let mut r = Der::new(der);
    let outer = r.any("the outer SEQUENCE")?;
    if !outer.constructed {
        return Err("the outer SEQUENCE at byte 0 is not constructed".to_string());
    }
    if !allow_trailing && !r.at_end() {
        return Err(format!(
            "{} bytes of trailing data after the end of the DER structure at byte {}",
            der.len() - outer.end(),
            outer.end()
        ));
    }
    Ok(outer)
}

/// Walks nested constructed elements (at most 32 deep) to find the first element that does
/// not fit, for a message with a byte position.
pub(crate) fn der_structure_problem(der: &[u8]) -> Option<String> {
    const MAX_DEPTH: usize = 32;
    // An explicit stack instead of recursion.
    let mut stack = vec![Der::new(der)];
    while let Some(r) = stack.last_mut() {
        if r.at_end() {
            stack.pop();
            continue;
        }
        match r.any("an element") {
            Err(m) => return Some(m),
            Ok(tlv) if tlv.constructed && stack.len() <= MAX_DEPTH => stack.push(tlv.reader()),
            Ok(_) => {}
        }
    }
    None
}

/// `SEQUENCE { r INTEGER, s INTEGER }` (an ECDSA or DSA signature in ASN.1 DER): the
/// magnitudes of r and s. Nothing may follow.
pub(crate) fn signature_r_s(der: &[u8]) -> Result<(&[u8], &[u8]), String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::SEQUENCE, "the signature SEQUENCE")?;
    top.finish("the signature")?;
    let mut r = seq.reader();
    let r_value = r.expect(Tag::INTEGER, "r")?.unsigned("r")?;
    let s_value = r.expect(Tag::INTEGER, "s")?.unsigned("s")?;
    r.finish("the signature's r and s")?;
    Ok((r_value, s_value))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lengths() {
        let tlv = Der::new(&[0x04, 0x02, 0xAA, 0xBB]).any("x").unwrap();
        assert_eq!(
            (tlv.tag, tlv.content, tlv.content_start),
            (4, &[0xAA, 0xBB][..], 2)
        );
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend([7; 128]);
        let tlv = Der::new(&long).any("x").unwrap();
        assert_eq!(
            (tlv.content.len(), tlv.content_start, tlv.end()),
            (128, 3, 131)
        );
        let mut two = vec![0x30, 0x82, 0x01, 0x00];
        two.extend([0; 256]);
        assert_eq!(Der::new(&two).any("x").unwrap().content.len(), 256);
    }

    #[test]
    fn non_minimal_and_indefinite_lengths_are_rejected() {
        for (input, expected) in [
            (
                &[0x04, 0x81, 0x05, 1, 2, 3, 4, 5][..],
                "a length below 128 in the long form",
            ),
            (
                &[0x04, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5][..],
                "leading zero byte",
            ),
            (&[0x04, 0x81, 0x00][..], "leading zero byte"),
            (&[0x30, 0xFF, 0x00][..], "0xFF is reserved"),
            (
                &[0x30, 0x89, 1, 1, 1, 1, 1, 1, 1, 1, 1][..],
                "invalid or too large length field",
            ),
        ] {
            let m = Der::new(input).any("x").unwrap_err();
            assert!(m.starts_with("bad DER header for x at byte 0: "), "{m}");
            assert!(m.contains(expected), "{m}");
        }
        let m = Der::new(&[0x30, 0x80, 0x00, 0x00]).any("x").unwrap_err();
        assert_eq!(m, "x at byte 0 has an indefinite length (BER, not DER)");
    }

    #[test]
    fn high_tag_numbers() {
        // [APPLICATION 31], [PRIVATE 200] (two digits), universal 1000000.
        let tlv = Der::new(&[0x5F, 0x1F, 0x01, 0x00]).any("x").unwrap();
        assert_eq!(
            (tlv.class, tlv.tag, tlv.content),
            (Class::Application, 31, &[0][..])
        );
        assert_eq!(tlv.type_name(), "[APPLICATION 31]");
        let tlv = Der::new(&[0xFF, 0x81, 0x48, 0x00]).any("x").unwrap();
        assert_eq!(
            (tlv.class, tlv.constructed, tlv.tag),
            (Class::Private, true, 200)
        );
        assert_eq!(tlv.content_start, 4);
        let tlv = Der::new(&[0x1F, 0xBD, 0x84, 0x40, 0x00]).any("x").unwrap();
        assert_eq!((tlv.class, tlv.tag), (Class::Universal, 1_000_000));
        assert_eq!(tlv.type_name(), "universal tag 1000000");
        // Leading zero digit, a small number in the long form, too large, cut off.
        for (input, expected) in [
            (&[0x1F, 0x80, 0x01, 0x00][..], "leading zero digit"),
            (&[0x1F, 0x1E, 0x00][..], "below 31 in the long form"),
            (
                &[0x1F, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00][..],
                "too large",
            ),
        ] {
            let m = Der::new(input).any("x").unwrap_err();
            assert!(m.starts_with("bad DER header for x at byte 0"), "{m}");
            assert!(m.contains(expected), "{m}");
        }
        let m = Der::new(&[0x1F, 0x81, 0x82]).any("x").unwrap_err();
        assert_eq!(
            m,
            "unexpected end of data at byte 3: the header of x at byte 0 is cut off"
        );
    }

    #[test]
    fn positions_and_overruns() {
        let data = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x05, 0x00];
        let seq = Der::new(&data).any("outer").unwrap();
        let mut inner = seq.reader();
        let int = inner.expect(Tag::INTEGER, "n").unwrap();
        assert_eq!((int.start, int.content_start), (2, 4));
        assert_eq!(int.unsigned("n").unwrap(), &[5]);
        let m = inner.any("the string").unwrap_err();
        assert_eq!(
            m,
            "unexpected end of data at byte 8: the string at byte 5 declares 5 bytes of content \
             but only 1 remain"
        );
        let m = Der::new(&[0x02, 0x01, 0x00])
            .expect(Tag::SEQUENCE, "the key")
            .unwrap_err();
        assert_eq!(m, "expected the key (SEQUENCE) at byte 0, found INTEGER");
        let m = Der::new(&[0x22, 0x00])
            .expect(Tag::INTEGER, "n")
            .unwrap_err();
        assert_eq!(m, "n at byte 0 has the wrong constructed bit");
        let m = Der::new(&[0x30, 0x00, 0x00]).finish("x");
        assert_eq!(m, Err("3 unexpected bytes after x, at byte 0".to_string()));
    }

    #[test]
    fn unsigned_integers() {
        let int = |content: &[u8]| {
            let mut der = vec![0x02, content.len() as u8];
            der.extend_from_slice(content);
            Der::new(&der)
                .any("i")
                .unwrap()
                .unsigned("i")
                .map(<[u8]>::to_vec)
        };
        assert_eq!(int(&[0x00]).unwrap(), Vec::<u8>::new());
        assert_eq!(int(&[0x00, 0x80]).unwrap(), vec![0x80]);
        assert_eq!(int(&[0x7F, 0x00]).unwrap(), vec![0x7F, 0x00]);
        assert!(int(&[]).unwrap_err().contains("empty"));
        assert!(int(&[0x80]).unwrap_err().contains("negative"));
        assert!(int(&[0x00, 0x7F]).unwrap_err().contains("leading zero"));
    }

    #[test]
    fn oids() {
        let p256 = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
        assert_eq!(oid_to_string(&p256), "1.2.840.10045.3.1.7");
        assert_eq!(oid_from_dotted("1.2.840.10045.3.1.7").unwrap(), p256);
        assert_eq!(oid_from_dotted("2.999.1").unwrap(), [0x88, 0x37, 0x01]);
        assert_eq!(oid_to_string(&[0x88, 0x37, 0x01]), "2.999.1");
        for bad in [
            "",
            "1",
            "3.1",
            "1.40",
            "1..2",
            "1.2.x",
            "urn:oid:1.2",
            "1.2.-3",
        ] {
            assert_eq!(oid_from_dotted(bad), None, "{bad}");
        }
        assert!(oid_is_well_formed(&p256));
        assert!(!oid_is_well_formed(&[]));
        assert!(!oid_is_well_formed(&[0x2A, 0x86]));
        assert!(!oid_is_well_formed(&[0x2A, 0x80, 0x01]));
        assert!(!oid_is_well_formed(&[
            0x2A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F
        ]));
    }

    #[test]
    fn structure_walk_is_bounded() {
        // 10,000 nested SEQUENCEs whose innermost length overruns: no recursion, no panic.
        let mut der = vec![0x04, 0x09];
        for _ in 0..10_000 {
            let len = der.len() as u32;
            let mut outer = vec![0x30];
            match len {
                0..=0x7F => outer.push(len as u8),
                0x80..=0xFF => outer.extend([0x81, len as u8]),
                0x100..=0xFFFF => outer.extend([0x82, (len >> 8) as u8, len as u8]),
                _ => outer.extend([0x83, (len >> 16) as u8, (len >> 8) as u8, len as u8]),
            }
            outer.extend(der);
            der = outer;
        }
        // Beyond 32 levels the walk stops looking: no problem is found, and nothing breaks.
        assert_eq!(der_structure_problem(&der), None);
        let shallow = [0x30, 0x04, 0x30, 0x02, 0x04, 0x09];
        let m = der_structure_problem(&shallow).unwrap();
        assert!(m.contains("at byte 4 declares 9 bytes"), "{m}");
    }

    #[test]
    fn signatures() {
        let der = [0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x01];
        assert_eq!(signature_r_s(&der).unwrap(), (&[0x80][..], &[0x01][..]));
        let mut trailing = der.to_vec();
        trailing.push(0);
        assert!(signature_r_s(&trailing).is_err());
        assert!(signature_r_s(&der[..8]).is_err());
        assert!(signature_r_s(&[0x30, 0x03, 0x02, 0x01, 0x01]).is_err());
    }
}
