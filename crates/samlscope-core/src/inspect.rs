//! The pipeline: decode → parse → model → check → Report. Never panics, never fails.

use crate::cert::{KeyMaterial, is_pkcs12, read_key_material};
use crate::context::{Clock, Context};
use crate::decode::{Content, DecodeErrorKind, decode, decode_owned};
use crate::dsig;
use crate::expectations::{Expectations, MetadataRead};
use crate::finding::{Finding, Setting};
use crate::model::Message;
use crate::report::{Configuration, Kind, Report, Summary};
use crate::rules;
use crate::summary::{summarize, summarize_keys};
use crate::xml::{self, XmlErrorKind};
use crate::xmlenc;

/// Most PEM blocks of one input that are read (a certificate chain is a few; a bundle of
/// every CA a system trusts, about 150).
pub const MAX_PEM_BLOCKS: usize = 200;

/// Inspects anything a user pasted (bytes or text) against `ctx`.
///
/// Never panics and never fails for bad input: every problem becomes a finding, and the
/// Report keeps everything recovered before it.
pub fn inspect(input: impl AsRef<[u8]>, ctx: &Context) -> Report {
    let input = input.as_ref();
    finish(input.len(), decode(input), ctx, None)
}

/// Like [`inspect`], with the context's metadata already read ([`MetadataRead::read`]): how
/// many messages are checked against one configuration without reading its metadata again
/// for each (the messages of a HAR capture).
pub fn inspect_read(input: impl AsRef<[u8]>, ctx: &Context, read: &MetadataRead) -> Report {
    let input = input.as_ref();
    finish(input.len(), decode(input), ctx, Some(read))
}

/// The Report of an input refused for its size before anything is read: `input_len` bytes is
/// more than `limit`, a bound lower than the core's own ([`crate::decode::MAX_INPUT_BYTES`]),
/// such as the page's; `advice` says where it can be read instead. One `input-limit-exceeded`
/// finding says so.
pub fn too_large(input_len: usize, limit: usize, advice: &str) -> Report {
    Report {
        input_len,
        findings: vec![rules::input_limit_exceeded::too_large_finding(
            input_len, limit, advice,
        )],
        ..Report::default()
    }
}

/// Like [`inspect`], taking ownership of the input so that XML input is not copied (for large
/// files: a 50 MB metadata aggregate then stays at about 1× in memory plus the tree).
pub fn inspect_owned(input: Vec<u8>, ctx: &Context) -> Report {
    let len = input.len();
    finish(len, decode_owned(input), ctx, None)
}

fn finish(
    input_len: usize,
    decoded: Result<crate::decode::Decoded, crate::decode::DecodeError>,
    ctx: &Context,
    read: Option<&MetadataRead>,
) -> Report {
    let mut report = Report {
        input_len,
        judged_at: ctx.now,
        clock: ctx.clock,
        idp: crate::idps::detect(
            ctx.idp.as_deref().and_then(crate::idps::find),
            None,
            &Expectations::default(),
            None,
        ),
        sp_software: ctx.sp_software.clone(),
        ..Report::default()
    };
    let decoded = match decoded {
        Ok(decoded) => decoded,
        Err(error) => {
            report.findings.push(match error.kind {
                DecodeErrorKind::Empty => rules::input_empty::finding(),
                DecodeErrorKind::LimitExceeded => rules::input_limit_exceeded::finding(&error),
                DecodeErrorKind::Undecodable => rules::input_undecodable::finding(&error),
            });
            report.not_decoded_as = not_decoded_as(&error.tried);
            report.source = error.text;
            report.layers = error.layers;
            return report;
        }
    };
    report.layers = decoded.layers;
    report.binding = decoded.binding;
    match decoded.content {
        Content::Xml => inspect_xml(&mut report, decoded.text, ctx, read),
        Content::Pem(blocks) => {
            report.source = decoded.text;
            if blocks.len() > MAX_PEM_BLOCKS {
                report
                    .findings
                    .push(rules::input_limit_exceeded::pem_finding(
                        blocks.len(),
                        MAX_PEM_BLOCKS,
                    ));
            }
            for block in blocks.into_iter().take(MAX_PEM_BLOCKS) {
                match read_key_material(Some(&block.label), &block.der) {
                    Ok(key) => {
                        if let KeyMaterial::PrivateKey(private) = &key {
                            report
                                .findings
                                .push(rules::input_private_key::finding(private, Some(block.span)));
                        }
                        report.keys.push(key);
                    }
                    Err(e) => report
                        .findings
                        .push(rules::input_undecodable::unreadable_key(
                            format!(
                                "the PEM block `{}` is not readable: {}",
                                block.label, e.message
                            ),
                            Some(block.span),
                        )),
                }
            }
            finish_keys(&mut report);
        }
        Content::Der(der) => {
            report.source = decoded.text;
            match read_key_material(None, &der) {
                Ok(key) => {
                    if let KeyMaterial::PrivateKey(private) = &key {
                        report
                            .findings
                            .push(rules::input_private_key::finding(private, None));
                    }
                    report.keys.push(key);
                }
                Err(_) if is_pkcs12(&der) => {
                    report.private_key_bundle = true;
                    report.findings.push(rules::input_private_key::bundle());
                }
                Err(e) => report
                    .findings
                    .push(rules::input_undecodable::unreadable_key(
                        format!("base64 of DER that is no certificate or key: {}", e.message),
                        None,
                    )),
            }
            finish_keys(&mut report);
        }
    }
    sort(&mut report.findings);
    crate::finding::cap_per_rule(&mut report.findings);
    report
}

/// The encodings a failed decoding ruled out, from its "tried" lines (`"base64: …"`), each
/// named once, in the order tried.
fn not_decoded_as(tried: &[String]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for line in tried {
        let what = match line.split(':').next().unwrap_or_default() {
            "XML" => "XML",
            "PEM" => "PEM",
            "URL" | "URL / query string" => "a URL or query string",
            "percent-encoding" => "percent-encoded",
            "base64" => "base64",
            "text" | "UTF-8" | "UTF-16" | "ISO-8859-1" => "text",
            "DER" => "DER",
            "DEFLATE" => "DEFLATE",
            _ => continue,
        };
        if !out.contains(&what) {
            out.push(what);
        }
    }
    out
}

fn finish_keys(report: &mut Report) {
    report.kind = match report.keys.first() {
        Some(KeyMaterial::Certificate(_)) => Kind::Certificate,
        Some(KeyMaterial::PublicKey(_)) => Kind::PublicKey,
        Some(KeyMaterial::PrivateKey(_)) => Kind::PrivateKey,
        None if report.private_key_bundle => Kind::PrivateKey,
        None => Kind::Unknown,
    };
    report.summary = summarize_keys(&report.keys);
}

fn inspect_xml(report: &mut Report, text: String, ctx: &Context, read: Option<&MetadataRead>) {
    let doc = match xml::parse(text) {
        Ok(doc) => doc,
        Err(error) => {
            if let Some(span) = error.doctype {
                report.findings.push(rules::xml_doctype::finding(span));
            }
            report.findings.push(match error.kind {
                XmlErrorKind::LimitExceeded => rules::xml_limit_exceeded::finding(&error),
                XmlErrorKind::Malformed => rules::xml_malformed::finding(&error),
            });
            report.kind = sniff_kind(&error.text);
            report.source = error.text;
            return;
        }
    };
    let message = Message::read(&doc);
    let at_issue_instant;
    let ctx = match (ctx.clock, issue_instant(&message)) {
        (Clock::IssueInstant, Some(at)) => {
            at_issue_instant = Context {
                now: at,
                ..ctx.clone()
            };
            report.judged_at = at;
            &at_issue_instant
        }
        (Clock::IssueInstant, None) => {
            report.clock = Clock::Now;
            ctx
        }
        _ => ctx,
    };
    report.kind = message.kind();
    report.summary = summarize(&doc, &message, report.binding.as_ref());
    let expect = match read {
        Some(read) => Expectations::for_message_read(ctx, read, Some(&message)),
        None => Expectations::for_message(ctx, Some(&message)),
    };
    let endpoint = report.binding.as_ref().and_then(|b| b.endpoint.as_deref());
    report.idp = crate::idps::detect(
        ctx.idp.as_deref().and_then(crate::idps::find),
        Some(&message),
        &expect,
        endpoint,
    );
    let words = report.idp.words();
    let anchors = &expect.anchors;
    report.findings.extend(
        expect
            .problems
            .iter()
            .map(|p| rules::config_unreadable::finding(p)),
    );
    report.signatures = dsig::verify_all(&doc, anchors);
    report.redirect_signature = report
        .binding
        .as_ref()
        .and_then(|b| dsig::verify_redirect(b, anchors));
    decrypt(report, &doc, &message, ctx, &expect);
    let decrypted_attributes = decrypt_ids(report, &doc, &message, ctx);
    let findings = rules::check(&rules::Inspected {
        doc: &doc,
        message: &message,
        ctx,
        signatures: &report.signatures,
        redirect: report.redirect_signature.as_ref(),
        binding: report.binding.as_ref(),
        expect: &expect,
        words,
        decrypted_attributes: decrypted_attributes.as_deref(),
        decrypted: report
            .decrypted
            .iter()
            .filter_map(|d| {
                Some(rules::Decrypted {
                    doc: &d.document,
                    assertion: d.assertion.as_ref()?,
                    signatures: &d.signatures,
                    span: doc.span(d.encrypted),
                })
            })
            .collect(),
    });
    report.findings.extend(findings);
    not_checked_signatures(report);
    report.clock_skew = crate::skew::acceptance(&message, ctx.now);
    report.configuration = Configuration::from_expectations(&expect);
    report.configuration.clock_skew_seconds = ctx.clock_skew_seconds;
    report.configuration.relay_state = ctx.configured_relay_state().map(str::to_owned);
    if expect.profile.is_none() {
        report.configuration.suggested_profile = suggest_profile(&report.summary);
    }
    report.message = Some(message);
    report.document = Some(doc);
}

/// Signatures a redacted copy's placeholders keep from verifying: said as not checked, so that
/// "no errors" is not read as "the signatures hold" (of a redacted copy, or of a message
/// whose signed values merely look like placeholders).
fn not_checked_signatures(report: &mut Report) {
    let redacted = report
        .signatures
        .iter()
        .filter(|s| matches!(s.failure, Some(dsig::Failure::Redacted(_))))
        .count();
    if redacted > 0 {
        report.not_checked.push(crate::report::NotChecked {
            what: match redacted {
                1 => "the signature".to_owned(),
                n => format!("{n} signatures"),
            },
            setting: None,
            why: "values it covers are redaction placeholders: a redacted copy cannot verify; \
                  check the original message"
                .to_owned(),
        });
    }
}

/// What an encrypted assertion holds that could not be checked, the configured checks first,
/// in the words of the message's IdP.
fn inside_the_assertion(
    expect: &Expectations,
    words: crate::idps::Words,
    why: &str,
) -> Vec<crate::report::NotChecked> {
    let configured = |what: String, setting: Option<Setting>| crate::report::NotChecked {
        what,
        setting,
        why: why.to_owned(),
    };
    let mut out = Vec::new();
    if expect.sp_entity_id.is_some() {
        let identifier = match words.aside(Setting::SpEntityId) {
            Some(_) => words.label(Setting::SpEntityId),
            None => words.term(Setting::SpEntityId),
        };
        out.push(configured(
            format!("the Audience against the {identifier}"),
            Some(Setting::SpEntityId),
        ));
    }
    if !expect.acs_urls.is_empty() {
        out.push(configured(
            format!(
                "the bearer Recipient against the {}",
                words.term(Setting::AcsUrl)
            ),
            Some(Setting::AcsUrl),
        ));
    }
    if !expect.required_attributes.is_empty() {
        out.push(configured(
            "the required claims".to_owned(),
            Some(Setting::Claims),
        ));
    }
    if !expect.requests.is_empty() {
        out.push(configured(
            "the assertion's InResponseTo against the request sent".to_owned(),
            None,
        ));
    }
    for what in [
        "the assertion's time window (NotBefore, NotOnOrAfter)",
        "the NameID",
        "the assertion's Issuer and signature",
    ] {
        out.push(crate::report::NotChecked {
            what: what.to_owned(),
            setting: None,
            why: why.to_owned(),
        });
    }
    out
}

/// Decrypts the EncryptedAssertions of a Response with the SP key, parses each once, verifies
/// the signatures inside, and fills the summary from the first.
fn decrypt(
    report: &mut Report,
    doc: &xml::Document,
    message: &Message,
    ctx: &Context,
    expect: &Expectations,
) {
    let anchors = &expect.anchors;
    let Some(response) = message.response() else {
        return;
    };
    if response.encrypted_assertions.is_empty() {
        return;
    }
    let Some(key_bytes) = &ctx.sp_key else {
        if response.assertions.is_empty() {
            let why = if cfg!(feature = "decryption") {
                "the assertion is encrypted and no SP key was given (--sp-key)"
            } else {
                "the assertion is encrypted, and this page does not decrypt (the command-line tool does, locally)"
            };
            report.not_checked = inside_the_assertion(expect, report.idp.words(), why);
        }
        return;
    };
    let key = match xmlenc::SpKey::read(key_bytes) {
        Ok(key) => key,
        Err(e) => {
            report.findings.push(rules::decryption_failed::finding(
                &e,
                None,
                report.idp.words(),
            ));
            if response.assertions.is_empty() {
                report.not_checked = inside_the_assertion(
                    expect,
                    report.idp.words(),
                    "the SP key given cannot be used to decrypt",
                );
            }
            return;
        }
    };
    for encrypted in &response.encrypted_assertions {
        match xmlenc::decrypt(doc, encrypted.element, &key) {
            Err(e) => report.findings.push(rules::decryption_failed::finding(
                &e,
                Some(encrypted.span),
                report.idp.words(),
            )),
            Ok(d) => {
                let text = wrap_in_scope(doc, encrypted.element, &d.plaintext);
                let Ok(inner) = xml::parse(text) else {
                    report.findings.push(rules::decryption_failed::finding(
                        &xmlenc::DecryptError {
                            step: xmlenc::DecryptStep::Plaintext,
                            message: "the decrypted content is not well-formed XML".to_owned(),
                        },
                        Some(encrypted.span),
                        report.idp.words(),
                    ));
                    continue;
                };
                let assertion = inner
                    .child_elements(inner.root())
                    .find(|e| e.local_name() == "Assertion")
                    .map(|e| crate::model::Assertion::read(&e));
                let signatures = dsig::verify_all(&inner, anchors);
                if report.summary.name_id.is_none()
                    && let Some(a) = &assertion
                {
                    crate::summary::fill_from_assertion(&mut report.summary, a);
                }
                report.decrypted.push(crate::report::DecryptedAssertion {
                    encrypted: encrypted.element,
                    document: inner,
                    assertion,
                    signatures,
                    data_algorithm: d.data_algorithm,
                    key_algorithm: d.key_algorithm,
                });
            }
        }
    }
    if response.assertions.is_empty() && report.decrypted.is_empty() {
        report.not_checked = inside_the_assertion(
            expect,
            report.idp.words(),
            "the assertion could not be decrypted with the SP key given",
        );
    }
}

/// `<decrypted xmlns:…>` + plaintext + `</decrypted>`, declaring every namespace in scope at
/// `element` (nearest declaration wins), so the plaintext parses and canonicalises as it would
/// in place.
fn wrap_in_scope(doc: &xml::Document, element: xml::NodeId, plaintext: &str) -> String {
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut decls = String::new();
    let mut at = Some(element);
    while let Some(id) = at {
        if let Some(e) = doc.element(id) {
            for d in e.namespace_declarations() {
                if !seen.insert(d.prefix) {
                    continue;
                }
                let uri = d
                    .uri
                    .replace('&', "&amp;")
                    .replace('"', "&quot;")
                    .replace('<', "&lt;");
                if d.prefix.is_empty() {
                    decls.push_str(&format!(" xmlns=\"{uri}\""));
                } else {
                    decls.push_str(&format!(" xmlns:{}=\"{uri}\"", d.prefix));
                }
            }
        }
        at = doc.parent(id);
    }
    format!("<decrypted{decls}>{plaintext}</decrypted>")
}

/// Best guess of the kind of malformed XML, from the first element name (so a truncated
/// Response is still called a Response).
fn sniff_kind(text: &str) -> Kind {
    let mut rest = text;
    while let Some(pos) = rest.find('<') {
        rest = &rest[pos + 1..];
        if rest.starts_with(['?', '!', '/']) {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .take(100)
            .collect();
        let local = name.rsplit(':').next().unwrap_or("");
        return match local {
            "Envelope" | "Body" | "Header" => continue,
            "Response" => Kind::Response,
            "AuthnRequest" => Kind::AuthnRequest,
            "LogoutRequest" => Kind::LogoutRequest,
            "LogoutResponse" => Kind::LogoutResponse,
            "ArtifactResolve" => Kind::ArtifactResolve,
            "ArtifactResponse" => Kind::ArtifactResponse,
            "EntityDescriptor" => Kind::EntityDescriptor,
            "EntitiesDescriptor" => Kind::EntitiesDescriptor,
            _ => Kind::Unknown,
        };
    }
    Kind::Unknown
}

/// The IssueInstant [`Clock::IssueInstant`] judges at: the Response's (or other protocol
/// message's), else its first Assertion's.
fn issue_instant(message: &Message) -> Option<crate::time::Timestamp> {
    let header = message.header().and_then(|h| h.issue_instant.as_ref()?.at);
    header.or_else(|| {
        message
            .response()?
            .assertions
            .first()?
            .issue_instant
            .as_ref()?
            .at
    })
}

/// Errors first, then warnings, then info; within a severity, in document order.
fn sort(findings: &mut [Finding]) {
    crate::sort::sort_by(findings, &|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.span.map(|s| s.start).cmp(&b.span.map(|s| s.start)))
    });
}

/// The app profile the message's own URLs point at (Audience, Destination, Recipient, ACS URL,
/// Issuer of a request, entity ID of metadata).
fn suggest_profile(summary: &Summary) -> Option<String> {
    let urls = summary
        .audiences
        .iter()
        .chain(&summary.destination)
        .chain(&summary.recipient)
        .chain(&summary.acs_url)
        .chain(&summary.issuer)
        .chain(&summary.entity_id)
        .map(String::as_str);
    crate::profiles::suggest(urls).map(|p| p.name.clone())
}

/// A decrypted Attribute, placed (with its name and values) on the EncryptedAttribute it came
/// from: its own spans point into the decrypted text, which the user does not see.
fn relocated(
    mut attribute: crate::model::Attribute,
    span: crate::span::Span,
) -> crate::model::Attribute {
    attribute.span = span;
    for text in attribute
        .name
        .iter_mut()
        .chain(attribute.name_format.iter_mut())
        .chain(attribute.friendly_name.iter_mut())
        .chain(attribute.values.iter_mut())
    {
        text.span = span;
    }
    attribute
}

/// Decrypts the EncryptedIDs (of the assertions' Subjects, or of a LogoutRequest) and the
/// EncryptedAttributes with the SP key, and shows the NameID and attributes inside in the
/// summary (a decrypted attribute's span is that of its EncryptedAttribute). Returns the
/// decrypted Attributes once every EncryptedAttribute is decrypted, for the rules to read.
fn decrypt_ids(
    report: &mut Report,
    doc: &xml::Document,
    message: &Message,
    ctx: &Context,
) -> Option<Vec<crate::model::Attribute>> {
    let mut ids: Vec<xml::NodeId> = Vec::new();
    let mut encrypted_attributes = 0;
    if let Message::LogoutRequest(r) = message {
        ids.extend(r.encrypted_id);
    }
    for a in message
        .response()
        .map_or(&[][..], |r| r.assertions.as_slice())
    {
        ids.extend(a.subject.as_ref().and_then(|s| s.encrypted_id));
        ids.extend(a.encrypted_attributes.iter().copied());
        encrypted_attributes += a.encrypted_attributes.len();
    }
    if ids.is_empty() {
        return None;
    }
    let key_bytes = ctx.sp_key.as_ref()?;
    // Unreadable: reported once by the assertion decryption, or not needed.
    let key = xmlenc::SpKey::read(key_bytes).ok()?;
    let mut decrypted_attributes = Vec::new();
    let mut attributes_read = 0;
    for id in ids {
        let span = doc.span(id);
        let is_attribute = doc
            .element(id)
            .is_some_and(|e| e.local_name() == "EncryptedAttribute");
        match xmlenc::decrypt(doc, id, &key) {
            Err(e) => report.findings.push(rules::decryption_failed::finding(
                &e,
                Some(span),
                report.idp.words(),
            )),
            Ok(d) => {
                let text = wrap_in_scope(doc, id, &d.plaintext);
                let Ok(inner) = xml::parse(text) else {
                    continue;
                };
                attributes_read += usize::from(is_attribute);
                for e in inner.descendant_elements(inner.root()) {
                    match e.local_name() {
                        "NameID" if report.summary.name_id.is_none() => {
                            let n = crate::model::NameId::read(&e);
                            crate::summary::fill_name_id(&mut report.summary, &n);
                        }
                        "Attribute" => {
                            let attribute = relocated(crate::model::Attribute::read(&e), span);
                            let a = crate::summary::attribute_summary(&attribute);
                            report.summary.attributes.push(a);
                            decrypted_attributes.push(attribute);
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    (encrypted_attributes > 0 && attributes_read == encrypted_attributes)
        .then_some(decrypted_attributes)
}
