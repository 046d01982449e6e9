//! Findings: what a rule reports, as data (like a linter's diagnostics).

use serde::Serialize;

use crate::span::Span;

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is broken.
    Info,
    /// Likely a problem, or one for some service providers.
    Warning,
    /// Sign-in fails, or the message must not be trusted.
    Error,
}

impl Severity {
    /// The lower-case word used in text and JSON output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A rule of the public catalogue (`../shared/CHECKS.md`): stable name and code, default
/// severity and documentation. Names and codes are never renamed or reused.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case name, e.g. `audience-mismatch` (a public contract).
    pub name: &'static str,
    /// Stable code: area prefix and number, e.g. `AUD002`.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: when the rule fires.
    pub summary: &'static str,
    /// Markdown documentation with the sections What / Why / Example / How to fix / References;
    /// empty in a build without the `rule-docs` feature (the web page's).
    pub docs: &'static str,
}

/// A secondary span with a short message ("the signed Assertion is here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// The one setting a finding asks to change: a closed vocabulary (a public contract, the JSON
/// `setting` of a finding). Each identity provider's data names where its admin screens hold
/// it (`crate::idps`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Setting {
    /// The SP's entity ID, which the IdP puts in the Audience.
    SpEntityId,
    /// The SP's Assertion Consumer Service URL(s): Destination and Recipient.
    AcsUrl,
    /// Where an SP-initiated sign-in starts.
    SignOnUrl,
    /// The RelayState sent with IdP-initiated sign-ons.
    RelayState,
    /// The IdP's entity ID (the Issuer of its messages).
    IdpEntityId,
    /// The IdP's signing certificate.
    IdpSigningCertificate,
    /// Where the IdP's metadata is published.
    IdpMetadata,
    /// What the IdP signs: the Response, the Assertion, or both.
    SignedParts,
    /// The signature and digest algorithms.
    SigningAlgorithm,
    /// The NameID Format the IdP sends.
    NameIdFormat,
    /// The value the IdP puts in the NameID.
    NameId,
    /// The attributes (claims) the IdP sends.
    Claims,
    /// The SP's certificate for signed AuthnRequests.
    SpSigningCertificate,
    /// The SP's certificate the IdP encrypts assertions for.
    SpEncryptionCertificate,
    /// Which users may use the app.
    UserAccess,
    /// Clocks, validity windows and the allowed clock skew.
    Clock,
}

impl Setting {
    /// Every setting, in the order of the documentation.
    pub const ALL: [Self; 16] = [
        Self::SpEntityId,
        Self::AcsUrl,
        Self::SignOnUrl,
        Self::RelayState,
        Self::IdpEntityId,
        Self::IdpSigningCertificate,
        Self::IdpMetadata,
        Self::SignedParts,
        Self::SigningAlgorithm,
        Self::NameIdFormat,
        Self::NameId,
        Self::Claims,
        Self::SpSigningCertificate,
        Self::SpEncryptionCertificate,
        Self::UserAccess,
        Self::Clock,
    ];

    /// The stable key (`sp-entity-id`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SpEntityId => "sp-entity-id",
            Self::AcsUrl => "acs-url",
            Self::SignOnUrl => "sign-on-url",
            Self::RelayState => "relay-state",
            Self::IdpEntityId => "idp-entity-id",
            Self::IdpSigningCertificate => "idp-signing-certificate",
            Self::IdpMetadata => "idp-metadata",
            Self::SignedParts => "signed-parts",
            Self::SigningAlgorithm => "signing-algorithm",
            Self::NameIdFormat => "name-id-format",
            Self::NameId => "name-id",
            Self::Claims => "claims",
            Self::SpSigningCertificate => "sp-signing-certificate",
            Self::SpEncryptionCertificate => "sp-encryption-certificate",
            Self::UserAccess => "user-access",
            Self::Clock => "clock",
        }
    }

    /// The setting with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == key)
    }
}

impl Serialize for Setting {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where an expected value came from (the JSON `evidence.expected.source`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Given explicitly: a CLI flag or the page's configuration form.
    Flag,
    /// The SP's metadata.
    SpMetadata,
    /// The IdP's metadata.
    IdpMetadata,
    /// An app profile's pattern.
    Profile,
    /// The request the SP sent (its ID, ACS URL, NameIDPolicy …).
    Request,
    /// Another part of the same message (the Response's Issuer for the Assertion's …).
    Message,
    /// The time the message is judged at (now, a capture's time, its IssueInstant or a
    /// chosen time), with the clock skew allowed.
    Clock,
}

/// A value a finding compared, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The value as the message has it (trimmed).
    pub value: String,
    /// Where, in the decoded text.
    pub span: Option<Span>,
}

/// What a finding compared: the expected value with its origin, and the value found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The value the configuration (or the other message) expects, when there is one.
    pub expected: Option<(String, Origin)>,
    /// The value the message has, when it has one.
    pub found: Option<Found>,
}

/// One problem (or fact worth knowing) found in the input, produced by one [`Rule`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule that produced it.
    pub rule: &'static Rule,
    /// Severity (the rule's default unless the context raised or lowered it).
    pub severity: Severity,
    /// One specific line built from the evidence.
    pub message: String,
    /// The primary span in the decoded text, when there is one.
    pub span: Option<Span>,
    /// Secondary spans.
    pub labels: Vec<Label>,
    /// How to fix it, in the user's vocabulary.
    pub help: Option<String>,
    /// The one setting to change, when a finding compared the message with configuration.
    pub setting: Option<Setting>,
    /// What was compared: expected (with its origin) and found.
    pub evidence: Option<Evidence>,
    /// How many more findings of the same rule this one stands for and a report does not
    /// list (0 but for the one past [`MAX_PER_RULE`] of a rule, which a report turns into
    /// that count). Not part of the JSON: its message says it.
    pub also: usize,
}

impl Finding {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            message: message.into(),
            span: None,
            labels: Vec::new(),
            help: None,
            setting: None,
            evidence: None,
            also: 0,
        }
    }

    /// Sets the primary span.
    #[must_use]
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets the primary span when there is one.
    #[must_use]
    pub fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// Adds a secondary span.
    #[must_use]
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the fix hint.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names the setting to change.
    #[must_use]
    pub fn setting(mut self, setting: Setting) -> Self {
        self.setting = Some(setting);
        self
    }

    /// Records what was compared: the expected value (with its origin), and the value found
    /// with its span.
    #[must_use]
    pub fn evidence(
        mut self,
        expected: Option<(String, Origin)>,
        found: Option<(&str, Option<Span>)>,
    ) -> Self {
        self.evidence = Some(Evidence {
            expected,
            found: found.map(|(value, span)| Found {
                value: value.trim().to_owned(),
                span,
            }),
        });
        self
    }

    /// Overrides the severity.
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The rule's stable name.
    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    /// The rule's stable code.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// Most findings of one rule listed in a report; the rest are counted by one more finding.
pub const MAX_PER_RULE: usize = 100;

/// Most secondary spans kept on one finding.
pub const MAX_LABELS: usize = 100;

/// Keeps the first [`MAX_PER_RULE`] findings of each rule (in the order given) and turns the
/// next one into a finding that says how many more there are and shows the first of them, in
/// its place; drops the others. A document with 20,000 copies of a mistake reports it 100
/// times and says so, rather than rendering 20,000 findings.
pub(crate) fn cap_per_rule(findings: &mut Vec<Finding>) {
    let mut seen: std::collections::HashMap<&'static str, (usize, Option<usize>)> =
        std::collections::HashMap::new();
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len().min(4 * MAX_PER_RULE));
    for mut f in findings.drain(..) {
        let (count, summary) = seen.entry(f.rule.name).or_insert((0, None));
        *count += 1;
        if *count <= MAX_PER_RULE {
            f.labels.truncate(MAX_LABELS);
            kept.push(f);
        } else if summary.is_none() {
            f.labels.clear();
            *summary = Some(kept.len());
            kept.push(f);
        }
    }
    for (name, (count, summary)) in seen {
        let Some(i) = summary else { continue };
        let more = count - MAX_PER_RULE;
        let f = &mut kept[i];
        f.also = more - 1;
        f.message = format!(
            "{more} more {name} finding{} not listed (a report lists the first {MAX_PER_RULE} of a rule); the next: {}",
            if more == 1 { " is" } else { "s are" },
            f.message
        );
    }
    *findings = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_of_one_rule_are_capped_with_a_count() {
        static RULE: Rule = Rule {
            name: "some-rule",
            code: "TST001",
            severity: Severity::Warning,
            summary: "",
            docs: "",
        };
        static OTHER: Rule = Rule {
            name: "other-rule",
            code: "TST002",
            severity: Severity::Error,
            summary: "",
            docs: "",
        };
        let mut findings: Vec<Finding> = (0..250)
            .map(|i| Finding::new(&RULE, format!("number {i}")).at(Span::at(i)))
            .collect();
        findings.push(Finding::new(&OTHER, "once"));
        cap_per_rule(&mut findings);
        assert_eq!(findings.len(), MAX_PER_RULE + 2);
        assert_eq!(findings[MAX_PER_RULE - 1].message, "number 99");
        assert_eq!(
            findings[MAX_PER_RULE].message,
            "150 more some-rule findings are not listed (a report lists the first 100 of a rule); the next: number 100"
        );
        assert_eq!(findings[MAX_PER_RULE].span, Some(Span::at(100)));
        // It stands for itself and the 149 after it.
        assert_eq!(findings[MAX_PER_RULE].also, 149);
        assert_eq!(findings[MAX_PER_RULE - 1].also, 0);
        assert_eq!(findings[MAX_PER_RULE + 1].message, "once");
    }
}
