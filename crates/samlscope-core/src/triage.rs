//! What to say first: one verdict, the findings in the order of their cause, the same problem
//! said once, and a pasted copy's expected time failures gathered into one note.
//!
//! The report's `findings` keep their order (most severe first, then document order: the CLI's
//! and the JSON contract's); [`triage`] is a view over them, for a reader in an incident who
//! must see at once why sign-in fails. It judges (which finding is the cause, which failures a
//! copy is expected to show), so it lives in the core; renderers only follow it.

use crate::context::Clock;
use crate::finding::{Rule, Severity};
use crate::report::{Kind, Report};
use crate::span::Span;
use crate::time::Timestamp;

/// Why a finding matters, in the order a reader should meet them: what stopped reading the
/// input, what the IdP said, whether the message can be trusted, whether it fits the
/// configuration, then its shape, its times and its hygiene.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// The input could not be read as SAML (or is not what it should be).
    Input,
    /// The IdP answered with an error status.
    Status,
    /// A signature fails, or the signing key is not the trusted one.
    Trust,
    /// A value differs from the configuration (Audience, Reply URL, Issuer, request …).
    Configuration,
    /// Trust could not be judged: no trust anchor was given.
    Unverified,
    /// The message's structure departs from the specification.
    Structure,
    /// A time check: validity windows, instants, certificate dates.
    Timing,
    /// Weak algorithms, insecure endpoints and other things worth tidying.
    Hygiene,
}

impl Cause {
    /// The cause of findings of `rule`.
    pub fn of(rule: &Rule) -> Self {
        match rule.name {
            "input-empty"
            | "input-undecodable"
            | "input-limit-exceeded"
            | "xml-malformed"
            | "xml-limit-exceeded"
            | "message-unknown"
            | "config-unreadable" => Self::Input,
            "status-not-success" => Self::Status,
            "signature-missing"
            | "assertion-unsigned"
            | "signature-digest-mismatch"
            | "signature-value-invalid"
            | "signature-reference-invalid"
            | "signature-algorithm-unsupported"
            | "signature-wrapping"
            | "signature-structure-suspicious"
            | "certificate-untrusted"
            | "certificate-weak-key"
            | "xml-comment-in-value"
            | "xml-doctype"
            | "decryption-failed"
            | "metadata-no-signing-key" => Self::Trust,
            "audience-missing"
            | "audience-mismatch"
            | "destination-mismatch"
            | "recipient-mismatch"
            | "issuer-mismatch"
            | "relay-state-mismatch"
            | "sp-name-qualifier-mismatch"
            | "in-response-to-mismatch"
            | "unsolicited-response"
            | "authn-context-mismatch"
            | "name-id-format-mismatch"
            | "acs-not-registered"
            | "request-issuer-mismatch"
            | "request-unsupported-by-entra"
            | "attribute-missing" => Self::Configuration,
            "signature-untrusted" | "assertion-encrypted" => Self::Unverified,
            "conditions-not-yet-valid"
            | "conditions-expired"
            | "subject-confirmation-expired"
            | "session-expired"
            | "issue-instant-skew"
            | "clock-skew-sensitive"
            | "certificate-expired"
            | "certificate-not-yet-valid"
            | "certificate-expiring"
            | "metadata-expired" => Self::Timing,
            "signature-algorithm-weak"
            | "encryption-algorithm-weak"
            | "signature-transform-unexpected"
            | "metadata-endpoint-insecure"
            | "input-private-key"
            | "input-redacted" => Self::Hygiene,
            _ => Self::Structure,
        }
    }
}

/// The rules a message fails merely by being old: judged at the time of inspection, a copy
/// pasted after its validity window fails every one of them, as expected.
const EXPECTED_OF_A_COPY: &[&str] = &[
    "conditions-expired",
    "subject-confirmation-expired",
    "session-expired",
    "issue-instant-skew",
];

/// One finding to show, with the findings of the same rule it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// Index of the finding shown (in `Report::findings`).
    pub finding: usize,
    /// Where it is: "Response" or "Assertion", when the same rule fired on both.
    pub on: Option<&'static str>,
    /// The same rule's finding on the other part ("Assertion" when this one is on the
    /// Response), said in the same card.
    pub also: Option<(usize, &'static str)>,
    /// The other findings of a rule repeated over metadata, shown folded in this card
    /// ([`crate::groups`]).
    pub rest: Vec<usize>,
    /// How many findings the card stands for: 1, or a group's true count (with those the
    /// per-rule cap counted without listing).
    pub count: usize,
}

impl Card {
    /// A card for finding `index` of `report` alone (a group's other findings, or an old
    /// copy's, each shown on its own): it stands for itself and what the per-rule cap counted
    /// with it.
    pub fn single(report: &Report, index: usize) -> Self {
        Self {
            finding: index,
            on: None,
            also: None,
            rest: Vec::new(),
            count: 1 + report.findings[index].also,
        }
    }
}

/// A message judged long after it expired: its time findings, gathered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OldCopy {
    /// When it was issued.
    pub issued: Timestamp,
    /// How long before the time of inspection, in seconds.
    pub age_seconds: i64,
    /// How long it was valid (IssueInstant to its earliest NotOnOrAfter), in seconds.
    pub lifetime_seconds: i64,
    /// The time findings it gathers (indices in `Report::findings`), in report order.
    pub findings: Vec<usize>,
}

/// The one line said first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// An error stands: the finding that leads (the first card).
    Fails {
        /// Index of the leading finding.
        lead: usize,
    },
    /// No error, but warnings: some SPs reject it.
    Doubtful {
        /// Index of the leading finding.
        lead: usize,
    },
    /// No error, and what leads is a check that could not be made: no trust anchor was given
    /// (or the assertion is encrypted), so the signature proves nothing yet.
    Unverified {
        /// Index of the leading finding.
        lead: usize,
    },
    /// Nothing wrong found beyond what a copy this old is expected to fail.
    OldCopy,
    /// Nothing wrong found.
    Clean,
}

/// The report, ordered for a reader in an incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Triage {
    /// What to say first.
    pub verdict: Verdict,
    /// The findings to show, errors first, then warnings, then info; within each, by cause;
    /// each problem once. The findings of [`Triage::old_copy`] are not among them.
    pub cards: Vec<Card>,
    /// The time findings of a message inspected long after it expired, gathered.
    pub old_copy: Option<OldCopy>,
    /// Whether anything was configured to check the message against (an entity ID, a Reply
    /// URL, a trust anchor, an app profile, a request): "nothing wrong found" means less
    /// without.
    pub configured: bool,
}

impl Triage {
    /// How many cards show a finding of `severity` of `report` (each problem once; an old
    /// copy's gathered findings apart): the counts beside the verdict.
    pub fn count(&self, report: &Report, severity: Severity) -> usize {
        self.cards
            .iter()
            .filter(|c| report.findings[c.finding].severity == severity)
            .count()
    }

    /// How many entries the findings list shows: the cards, and an old copy's findings.
    pub fn shown(&self) -> usize {
        self.cards.len() + self.old_copy.as_ref().map_or(0, |o| o.findings.len())
    }
}

impl Verdict {
    /// The verdict's first words for `kind`: "Rejected", "Not usable", "Some SPs reject it",
    /// "Nothing wrong found".
    pub const fn words(self, kind: Kind) -> &'static str {
        let message = matches!(
            kind,
            Kind::Response
                | Kind::AuthnRequest
                | Kind::LogoutRequest
                | Kind::LogoutResponse
                | Kind::ArtifactResolve
                | Kind::ArtifactResponse
        );
        match (self, message) {
            (Self::Fails { .. }, true) => "Rejected",
            (Self::Fails { .. }, false) if matches!(kind, Kind::Unknown) => "Not readable",
            (Self::Fails { .. }, false) => "Not usable",
            (Self::Doubtful { .. }, true) => "Some SPs reject it",
            (Self::Doubtful { .. }, false) => "Worth fixing",
            (Self::Unverified { .. }, _) => "Not verified",
            (Self::OldCopy, _) => "Expired copy",
            (Self::Clean, _) => "Nothing wrong found",
        }
    }

    /// The leading finding, when there is one.
    pub const fn lead(self) -> Option<usize> {
        match self {
            Self::Fails { lead } | Self::Doubtful { lead } | Self::Unverified { lead } => {
                Some(lead)
            }
            Self::OldCopy | Self::Clean => None,
        }
    }
}

/// Orders `report`'s findings by severity and cause, says each problem once, gathers a copy's
/// expected time failures, and picks the verdict.
pub fn triage(report: &Report) -> Triage {
    let old_copy = old_copy(report);
    let f = &report.findings;
    let mut gathered = vec![false; f.len()];
    for &i in old_copy.iter().flat_map(|o| &o.findings) {
        gathered[i] = true;
    }
    let mut order: Vec<usize> = (0..f.len()).filter(|&i| !gathered[i]).collect();
    let twins = Parts::of(report).twins(report, &order);
    let mut merged = vec![false; f.len()];
    let mut groups: Vec<Option<crate::groups::FindingGroup>> = vec![None; f.len()];
    for group in crate::groups::finding_groups(report) {
        for &i in &group.indices[1..] {
            merged[i] = true;
        }
        let first = group.first();
        groups[first] = Some(group);
    }
    let causes: Vec<Cause> = f.iter().map(|x| Cause::of(x.rule)).collect();
    crate::sort::sort_by(&mut order, &|&a, &b| {
        f[b].severity
            .cmp(&f[a].severity)
            .then_with(|| causes[a].cmp(&causes[b]))
    });
    let mut cards: Vec<Card> = Vec::with_capacity(order.len());
    for &i in &order {
        if merged[i] {
            continue;
        }
        let mut card = Card::single(report, i);
        if let Some(group) = groups[i].take() {
            card.count = group.count;
            card.rest = group.indices[1..].to_vec();
        }
        if let Some(&(_, on, j, also)) = twins.iter().find(|t| t.0 == i) {
            merged[j] = true;
            card.on = Some(on);
            card.also = Some((j, also));
        }
        cards.push(card);
    }
    let verdict = match cards.first().map(|c| (c.finding, f[c.finding].severity)) {
        Some((lead, Severity::Error)) => Verdict::Fails { lead },
        Some((lead, Severity::Warning)) if causes[lead] == Cause::Unverified => {
            Verdict::Unverified { lead }
        }
        Some((lead, Severity::Warning)) => Verdict::Doubtful { lead },
        _ if old_copy.is_some() => Verdict::OldCopy,
        _ => Verdict::Clean,
    };
    Triage {
        verdict,
        cards,
        old_copy,
        configured: configured(report),
    }
}

/// Whether the report was checked against any configuration.
fn configured(report: &Report) -> bool {
    let c = &report.configuration;
    c.sp_entity_id.is_some()
        || !c.acs_urls.is_empty()
        || c.idp_entity_id.is_some()
        || c.profile.is_some()
        || !c.request_ids.is_empty()
        || !c.required_attributes.is_empty()
        || report.signatures.iter().any(|s| {
            matches!(
                s.verdict,
                crate::dsig::Verdict::Valid | crate::dsig::Verdict::Untrusted
            )
        })
}

/// The time findings of a Response judged at the time of inspection after its validity window
/// ended: each is what any copy this old shows, and they are said once, together.
fn old_copy(report: &Report) -> Option<OldCopy> {
    if report.clock != Clock::Now || report.kind != Kind::Response {
        return None;
    }
    let s = &report.summary;
    let response = report.message.as_ref()?.response()?;
    let issued = s
        .issue_instant
        .or_else(|| response.assertions.first()?.issue_instant.as_ref()?.at)?;
    let ends = s.not_on_or_after.into_iter().chain(bearer_ends(report));
    let end = ends.min()?;
    let skew = i64::from(report.configuration.clock_skew_seconds);
    if report.judged_at.seconds_since(end) < skew {
        return None;
    }
    let findings: Vec<usize> = report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| EXPECTED_OF_A_COPY.contains(&f.name()))
        .map(|(i, _)| i)
        .collect();
    if findings.is_empty() {
        return None;
    }
    Some(OldCopy {
        issued,
        age_seconds: report.judged_at.seconds_since(issued),
        lifetime_seconds: end.seconds_since(issued).max(0),
        findings,
    })
}

/// The bearer SubjectConfirmationData NotOnOrAfter of the first assertion.
fn bearer_ends(report: &Report) -> Option<Timestamp> {
    let assertion = report.message.as_ref()?.response()?.assertions.first()?;
    assertion
        .subject
        .as_ref()?
        .confirmations
        .iter()
        .find_map(|c| c.data.as_ref()?.not_on_or_after.as_ref()?.at)
}

/// Where the parts of a Response are: its assertions' spans.
struct Parts {
    assertions: Vec<Span>,
    response: Option<Span>,
}

impl Parts {
    fn of(report: &Report) -> Self {
        let response = report.message.as_ref().and_then(|m| m.response());
        Self {
            assertions: response
                .map_or_else(Vec::new, |r| r.assertions.iter().map(|a| a.span).collect()),
            response: response.map(|r| r.header.span),
        }
    }

    /// "Assertion" when `span` lies in an assertion, "Response" when in the Response outside
    /// them.
    fn part(&self, span: Option<Span>) -> Option<&'static str> {
        let span = span?;
        if self
            .assertions
            .iter()
            .any(|a| a.start <= span.start && span.end <= a.end)
        {
            Some("Assertion")
        } else if self
            .response
            .is_some_and(|r| r.start <= span.start && span.end <= r.end)
        {
            Some("Response")
        } else {
            None
        }
    }

    /// The rules that fired exactly twice among `order`, once on the Response and once in an
    /// Assertion: `(first, its part, second, its part)`, in the order of `order`.
    fn twins(
        &self,
        report: &Report,
        order: &[usize],
    ) -> Vec<(usize, &'static str, usize, &'static str)> {
        if self.assertions.is_empty() {
            return Vec::new();
        }
        let f = &report.findings;
        // Per rule: its first two findings and how many it has (a few dozen rules: a list).
        let mut by_rule: Vec<(&str, usize, Option<usize>, usize)> = Vec::new();
        for &i in order {
            match by_rule.iter_mut().find(|r| r.0 == f[i].rule.name) {
                Some(r) => {
                    r.2 = r.2.or(Some(i));
                    r.3 += 1;
                }
                None => by_rule.push((f[i].rule.name, i, None, 1)),
            }
        }
        by_rule
            .into_iter()
            .filter_map(|(_, a, b, count)| {
                let b = b.filter(|_| count == 2)?;
                let (p, q) = (self.part(f[a].span)?, self.part(f[b].span)?);
                (p != q).then_some((a, p, b, q))
            })
            .collect()
    }
}
