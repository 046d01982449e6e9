//! Linter-style text: code, name and message, the line of the decoded text with the span
//! underlined, and the help.
//!
//! ```text
//! error[STS001] status-not-success: the status is Requester → RequestDenied: AADSTS50105: …
//!   --> response.xml:7:28
//!    |
//!  7 |     <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester">
//!    |                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!    = help: AADSTS50105 (EntitlementGrantsNotFound): …
//! ```

use std::fmt::Write as _;

use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::span::{LineIndex, Span, floor_char_boundary};

/// Widest excerpt of a line shown (base64 lines in XML can be thousands of characters).
const MAX_EXCERPT: usize = 110;

/// Most audiences and signatures listed in the summary (a message can carry 200,000; the
/// JSON lists them all).
const MAX_LISTED: usize = 20;

/// Characters shown before the span when the line is cut.
const CONTEXT_BEFORE: usize = 20;

/// Renders the whole report: a header (what was detected), a summary, the findings, a tally.
pub fn render(report: &Report, source_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{source_name}: {}", report.detected());
    let _ = writeln!(out, "  decoded: {}", report.trail());
    verdict_lines(&mut out, report);
    for (label, value) in summary_lines(report) {
        let _ = writeln!(out, "  {label:<13} {value}");
    }
    if let Some(line) = skew_line(report) {
        let _ = writeln!(out, "  {:<13} {line}", "clock skew");
    }
    if let Some(p) = &report.configuration.profile {
        let _ = writeln!(out, "  {:<13} {p}", "app profile");
    } else if let Some(p) = &report.configuration.suggested_profile {
        let _ = writeln!(
            out,
            "  {:<13} the URLs look like the app profile `{p}`: add --profile {p} to check them against its tutorial",
            "app profile"
        );
    }
    out.push('\n');
    let index = LineIndex::new(report.text());
    let located = if report.layers.is_empty() {
        source_name.to_owned()
    } else {
        format!("{source_name} (decoded)")
    };
    for finding in &report.findings {
        out.push_str(&render_finding(finding, report.text(), &index, &located));
        out.push('\n');
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    if report.findings.is_empty() {
        out.push_str("no findings\n");
    } else {
        let _ = writeln!(
            out,
            "{e} error{}, {w} warning{}, {i} info",
            plural(e),
            plural(w)
        );
    }
    not_checked(&mut out, report);
    out
}

/// The core's verdict first ("verdict  Rejected: the Audience …"), and an old copy's note
/// ("this message is 6 days old: 3 time findings fail as expected for a copy").
fn verdict_lines(out: &mut String, report: &Report) {
    let triage = crate::triage::triage(report);
    if let Some(lead) = triage.verdict.lead() {
        let _ = writeln!(
            out,
            "  {:<13} {}: {}",
            "verdict",
            triage.verdict.words(report.kind),
            report.findings[lead].message
        );
    }
    if let Some(old) = &triage.old_copy {
        let _ = writeln!(
            out,
            "  {:<13} this message is {} old (valid for {}): its {} time findings fail as expected for a copy; --now {} judges it when it was issued",
            "old copy",
            crate::time::duration_words(old.age_seconds),
            crate::time::duration_words(old.lifetime_seconds),
            old.findings.len(),
            old.issued
        );
    }
}

/// "not checked: the Audience against the Identifier (Entity ID), … — the assertion is
/// encrypted and no SP key was given (--sp-key)", one line per reason.
fn not_checked(out: &mut String, report: &Report) {
    for (why, what) in report.not_checked_by_reason() {
        let _ = writeln!(out, "not checked: {} — {why}", what.join(", "));
    }
}

/// "accepted by python3-saml (300 s), …; rejected by ruby-saml (0 s), … — NotBefore is 12 s
/// after the time of inspection". Only when some implementation rejects the message.
fn skew_line(report: &Report) -> Option<String> {
    let list = |accepted: bool| {
        report
            .clock_skew
            .iter()
            .filter(|a| a.accepted == accepted)
            .map(|a| format!("{} ({} s)", a.sp, a.skew_seconds))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let first_rejection = report.clock_skew.iter().find(|a| !a.accepted)?;
    let accepted = list(true);
    let rejected = list(false);
    Some(if accepted.is_empty() {
        format!("rejected by all of {rejected} — {}", first_rejection.reason)
    } else {
        format!(
            "accepted by {accepted}; rejected by {rejected} — {}",
            first_rejection.reason
        )
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn summary_lines(report: &Report) -> Vec<(&'static str, String)> {
    let s = &report.summary;
    let mut lines: Vec<(&'static str, String)> = Vec::new();
    let mut push = |label: &'static str, value: Option<String>| {
        if let Some(v) = value {
            lines.push((label, v));
        }
    };
    push("issuer", s.issuer.clone());
    push(
        "idp",
        report
            .idp
            .idp
            .zip(report.idp.from)
            .map(|(idp, from)| format!("{} ({})", idp.name, from.words())),
    );
    push(
        "sp-software",
        report
            .sp_software
            .as_deref()
            .and_then(crate::sps::find)
            .and_then(|sp| {
                crate::sps::acceptance(report)
                    .into_iter()
                    .find(|a| a.sp == sp.key)
                    .map(|a| sp_line(sp, &a))
            }),
    );
    push("destination", s.destination.clone());
    push("id", s.id.clone());
    push("in-response-to", s.in_response_to.clone());
    push("issue-instant", s.issue_instant.map(|t| t.to_string()));
    push(
        "status",
        s.status.as_ref().map(|st| {
            let mut v: Vec<&str> = vec![super::short_urn(&st.code)];
            v.extend(st.nested.iter().map(|n| super::short_urn(n)));
            v.join(" → ")
        }),
    );
    push(
        "name-id",
        s.name_id.as_ref().map(|n| match &s.name_id_format {
            Some(f) => format!("{n} ({})", super::short_urn(f)),
            None => n.clone(),
        }),
    );
    push(
        "audience",
        (!s.audiences.is_empty()).then(|| {
            let mut line = s.audiences[..s.audiences.len().min(MAX_LISTED)].join(", ");
            if s.audiences.len() > MAX_LISTED {
                let _ = write!(line, " … and {} more", s.audiences.len() - MAX_LISTED);
            }
            line
        }),
    );
    push("recipient", s.recipient.clone());
    push("not-before", s.not_before.map(|t| t.to_string()));
    push("not-on-or-after", s.not_on_or_after.map(|t| t.to_string()));
    push(
        "attributes",
        (!s.attributes.is_empty()).then(|| s.attributes.len().to_string()),
    );
    push(
        "encrypted",
        s.assertion_encrypted
            .then(|| "EncryptedAssertion present".to_owned()),
    );
    push("relay-state", s.relay_state.clone());
    push("acs-url", s.acs_url.clone());
    push("entity-id", s.entity_id.clone());
    push(
        "entities",
        s.entity_count.filter(|&n| n > 1).map(|n| n.to_string()),
    );
    let signature_line = |sig: &crate::dsig::SignatureReport, target: &str| {
        let algorithm = sig
            .signature_method
            .as_deref()
            .map_or("?", crate::algorithms::short_name);
        format!(
            "{target} #{} — {} ({algorithm})",
            sig.target_id.as_deref().unwrap_or(""),
            sig.verdict.as_str()
        )
    };
    for sig in report.signatures.iter().take(MAX_LISTED) {
        let target = sig
            .target
            .or(sig.parent)
            .and_then(|t| report.document.as_ref().and_then(|d| d.element(t)))
            .map_or("?", |e| e.local_name());
        push("signature", Some(signature_line(sig, target)));
    }
    if report.signatures.len() > MAX_LISTED {
        let more = report.signatures.len() - MAX_LISTED;
        push(
            "signature",
            Some(format!("… and {more} more (the JSON lists them all)")),
        );
    }
    for sig in report.decrypted.iter().flat_map(|d| &d.signatures) {
        push(
            "signature",
            Some(signature_line(sig, "Assertion (decrypted)")),
        );
    }
    if let Some(r) = &report.redirect_signature {
        push(
            "signature",
            Some(format!(
                "Redirect query — {} ({})",
                r.verdict.as_str(),
                crate::algorithms::short_name(&r.sig_alg)
            )),
        );
    }
    for cert in &s.certificates {
        push(
            "certificate",
            Some(format!(
                "{} ({}; {} – {}; SHA-1 {})",
                cert.subject,
                cert.key.describe(),
                cert.not_before,
                cert.not_after,
                cert.sha1
            )),
        );
    }
    lines
}

/// Renders one finding with its source excerpt.
pub fn render_finding(
    finding: &Finding,
    text: &str,
    index: &LineIndex,
    source_name: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}] {}: {}",
        finding.severity.as_str(),
        finding.code(),
        finding.name(),
        finding.message
    );
    if let Some(span) = finding.span {
        let at = index.line_column(text, span.start);
        let labels: Vec<_> = finding.labels.iter().filter(|l| l.span != span).collect();
        let width = labels
            .iter()
            .map(|l| index.line_column(text, l.span.start).line)
            .chain(std::iter::once(at.line))
            .max()
            .unwrap_or(1)
            .to_string()
            .len();
        let _ = writeln!(
            out,
            "{:width$}--> {source_name}:{}:{}",
            "",
            at.line,
            at.column,
            width = width + 1
        );
        excerpt(&mut out, text, index, span, None, width);
        for label in labels {
            excerpt(
                &mut out,
                text,
                index,
                label.span,
                Some(&label.message),
                width,
            );
        }
    }
    if let Some(help) = &finding.help {
        let _ = writeln!(out, "   = help: {help}");
    }
    out
}

fn excerpt(
    out: &mut String,
    text: &str,
    index: &LineIndex,
    span: Span,
    label: Option<&str>,
    width: usize,
) {
    let at = index.line_column(text, span.start);
    let line_span = index.line_span(text, at.line);
    let line = line_span.slice(text);
    // Byte offsets of the span within the line (clamped to the line).
    let start = floor_char_boundary(line, span.start.saturating_sub(line_span.start));
    let end = floor_char_boundary(
        line,
        span.end.min(line_span.end).saturating_sub(line_span.start),
    )
    .max(start);
    // Window the line around the span, looking only at that part of it (a line can be
    // megabytes long, and carry thousands of findings).
    let long = line.len() > 4 * MAX_EXCERPT || line.chars().count() > MAX_EXCERPT;
    let from_byte = if long {
        line[..start]
            .char_indices()
            .rev()
            .take(CONTEXT_BEFORE)
            .last()
            .map_or(start, |(b, _)| b)
    } else {
        0
    };
    let window = &line[from_byte..];
    let to_byte = from_byte
        + window
            .char_indices()
            .nth(MAX_EXCERPT)
            .map_or(window.len(), |(b, _)| b);
    let shown: String = line[from_byte..to_byte]
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let prefix = if from_byte > 0 { "…" } else { "" };
    let suffix = if to_byte < line.len() { "…" } else { "" };
    let caret_start = line[from_byte..start].chars().count() + prefix.chars().count();
    let caret_len = line
        .get(start..end.min(to_byte).max(start))
        .map_or(0, |s| s.chars().count())
        .max(1);
    let number = format!("{:>width$}", at.line);
    let pad = " ".repeat(width);
    let _ = writeln!(out, " {pad} |");
    let _ = writeln!(out, " {number} | {prefix}{shown}{suffix}");
    let _ = write!(
        out,
        " {pad} | {}{}",
        " ".repeat(caret_start),
        "^".repeat(caret_len)
    );
    if let Some(label) = label {
        let _ = write!(out, " {label}");
    }
    out.push('\n');
}

/// `samlscope idps`: every identity provider whose words fixes can speak, with how it is
/// recognised and what it calls the SP's entity ID and ACS URL.
pub fn idps() -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for idp in crate::idps::all() {
        let words = crate::idps::Words::of(idp);
        let _ = writeln!(out, "{:<14} {}", idp.key, idp.name);
        if !idp.issuer.is_empty() {
            let _ = writeln!(out, "  issuer       {}", idp.issuer.join(", "));
        }
        if !idp.urls.is_empty() {
            let _ = writeln!(out, "  urls         {}", idp.urls.join(", "));
        }
        for setting in [
            crate::finding::Setting::SpEntityId,
            crate::finding::Setting::AcsUrl,
        ] {
            if let Some(place) = words.aside(setting) {
                let _ = writeln!(out, "  {:<12} {place}", setting.as_str());
            }
        }
    }
    let _ = writeln!(
        out,
        "\nDetected from the Issuer, metadata or URLs; choose one with `samlscope inspect --idp NAME`."
    );
    out
}

/// "python3-saml rejects it (audience-mismatch): %s is not a valid audience for this Response".
fn sp_line(sp: &crate::sps::Sp, a: &crate::sps::Acceptance) -> String {
    let verdict = match a.verdict {
        crate::sps::Verdict::Accepts => "accepts it",
        crate::sps::Verdict::Rejects => "rejects it",
        crate::sps::Verdict::Unknown => "may reject it",
    };
    let because = if a.because.is_empty() {
        String::new()
    } else {
        format!(" ({})", a.because.join(", "))
    };
    match &a.message {
        Some(m) => format!("{} {verdict}{because}: {m}", sp.name),
        None => format!("{} {verdict}{because}", sp.name),
    }
}

/// `samlscope sps`: every SP implementation whose behaviour samlscope predicts, with its
/// default clock skew and the signatures it requires.
pub fn sps() -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for sp in crate::sps::all() {
        let requires = match sp.requires {
            crate::sps::Requires::Response => "a signed Response",
            crate::sps::Requires::Assertion => "signed Assertions",
            crate::sps::Requires::Either => "a signed Response or Assertion",
            crate::sps::Requires::Both => "a signed Response and signed Assertions",
            crate::sps::Requires::Nothing => "no signature",
        };
        let skew = sp
            .skew_seconds
            .map_or_else(|| "not known".to_owned(), |s| format!("{s} s"));
        let _ = writeln!(out, "{:<22} {} {}", sp.key, sp.name, sp.version);
        let _ = writeln!(
            out,
            "  requires {requires}; clock skew {skew}; {} rules known",
            sp.rules.len()
        );
    }
    let _ = writeln!(
        out,
        "\nEvery JSON report carries `acceptance`; `samlscope inspect --sp-software NAME` puts yours first."
    );
    out
}

/// `samlscope explain "<error line>"`: who wrote it, what it means, and the rule that finds its
/// cause in a message.
pub fn explained(matches: &[crate::errors::Match]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for m in matches {
        let side = match m.side {
            crate::errors::Side::Sp => "SP",
            crate::errors::Side::Idp => "IdP",
        };
        let _ = writeln!(out, "{} ({side}): {}", m.software.join(", "), m.text);
        if let Some(meaning) = m.meaning {
            let _ = writeln!(out, "  means: {meaning}");
        }
        match m.rule {
            Some(rule) => {
                let _ = writeln!(
                    out,
                    "  rule: {} ({}) — {}",
                    rule.name, rule.code, rule.summary
                );
                let message = match m.side {
                    crate::errors::Side::Sp => "the SAMLResponse it rejected",
                    crate::errors::Side::Idp => "the AuthnRequest it refused",
                };
                let _ = writeln!(
                    out,
                    "  cause: inspect {message} with the app's configuration (`samlscope inspect FILE --sp-entity-id … --acs …`): the `{}` finding says which value differs",
                    rule.name
                );
            }
            None => {
                let _ = writeln!(out, "  rule: none checks this in a message");
            }
        }
        out.push('\n');
    }
    out
}
