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
