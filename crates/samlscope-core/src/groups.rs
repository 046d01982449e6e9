//! Repeated findings, grouped for display: an aggregate of hundreds of entities can have the
//! same rule fire on hundreds of them (`metadata-endpoint-insecure` on 312 entities), which a
//! reader wants as one line with a count ("metadata-endpoint-insecure ×312: first at …"), not
//! 312 cards. The [`Report`]'s `findings` stay as they are (the JSON lists them all); this
//! only says which of them go together.

use crate::finding::Severity;
use crate::report::{Kind, Report};

/// Fewest findings of one rule that are grouped.
pub(crate) const MIN_GROUPED: usize = 3;

/// Findings shown as one: of one rule and one severity, or a finding on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FindingGroup {
    /// Indices into the report's findings, in report order; the first is the one to show.
    pub indices: Vec<usize>,
    /// How many findings the group stands for: those listed, and those the report counted
    /// without listing them ([`crate::finding::MAX_PER_RULE`]).
    pub count: usize,
}

impl FindingGroup {
    /// The finding shown for the group (the first).
    pub(crate) fn first(&self) -> usize {
        self.indices[0]
    }
}

/// The report's findings as groups, ordered by their first finding. In metadata (an
/// EntityDescriptor or an EntitiesDescriptor) the findings of one rule and severity are one
/// group when there are at least [`MIN_GROUPED`] of them; every other finding is a group of
/// its own (a message's findings each say something else, and are never grouped here).
pub(crate) fn finding_groups(report: &Report) -> Vec<FindingGroup> {
    let metadata = matches!(
        report.kind,
        Kind::EntitiesDescriptor | Kind::EntityDescriptor
    );
    let findings = &report.findings;
    // Each rule and severity with how many findings it has and its group, once made (a few
    // dozen rules at most: a list is enough).
    let mut by_rule: Vec<(&str, Severity, usize, Option<usize>)> = Vec::new();
    if metadata {
        for finding in findings {
            let key = (finding.name(), finding.severity);
            match by_rule.iter_mut().find(|(n, s, ..)| (*n, *s) == key) {
                Some(entry) => entry.2 += 1 + finding.also,
                None => by_rule.push((key.0, key.1, 1 + finding.also, None)),
            }
        }
    }
    let mut groups: Vec<FindingGroup> = Vec::new();
    for (index, finding) in findings.iter().enumerate() {
        let key = (finding.name(), finding.severity);
        let entry = by_rule
            .iter_mut()
            .find(|(n, s, count, _)| (*n, *s) == key && *count >= MIN_GROUPED);
        match entry {
            Some((.., Some(g))) => groups[*g].indices.push(index),
            Some((.., count, g)) => {
                *g = Some(groups.len());
                groups.push(FindingGroup {
                    indices: vec![index],
                    count: *count,
                });
            }
            None => groups.push(FindingGroup {
                indices: vec![index],
                count: 1 + finding.also,
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, Timestamp, inspect};

    /// An aggregate of `n` entities, each with an ACS over plain HTTP.
    fn aggregate(n: usize) -> String {
        let mut xml = String::from(
            r#"<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" validUntil="2030-01-01T00:00:00Z">"#,
        );
        for i in 0..n {
            xml.push_str(&format!(
                concat!(
                    r#"<EntityDescriptor entityID="https://sp{i}.example.test/"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">"#,
                    r#"<AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="http://sp{i}.example.test/acs" index="0"/>"#,
                    r#"</SPSSODescriptor></EntityDescriptor>"#
                ),
                i = i
            ));
        }
        xml.push_str("</EntitiesDescriptor>");
        xml
    }

    fn report(text: &str) -> Report {
        inspect(
            text,
            &Context::new(Timestamp::parse("2026-01-01T00:00:00Z").expect("time")),
        )
    }

    #[test]
    fn a_rule_repeated_over_an_aggregate_is_one_group_with_the_true_count() {
        let report = report(&aggregate(312));
        let insecure = report
            .findings
            .iter()
            .filter(|f| f.name() == "metadata-endpoint-insecure")
            .count();
        // The report lists 100 and one more that counts the rest.
        assert_eq!(insecure, crate::finding::MAX_PER_RULE + 1);
        let groups = finding_groups(&report);
        let group = groups
            .iter()
            .find(|g| report.findings[g.first()].name() == "metadata-endpoint-insecure")
            .expect("a group");
        assert_eq!(group.count, 312);
        assert_eq!(group.indices.len(), insecure);
        assert!(group.count > 1);
        // Every finding is in exactly one group.
        let mut all: Vec<usize> = groups.iter().flat_map(|g| g.indices.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..report.findings.len()).collect::<Vec<_>>());
    }

    #[test]
    fn few_repeats_and_messages_are_not_grouped() {
        let two = report(&aggregate(2));
        assert!(finding_groups(&two).iter().all(|g| g.count == 1));
        assert!(
            two.findings
                .iter()
                .filter(|f| f.name() == "metadata-endpoint-insecure")
                .count()
                == 2
        );
        let three = report(&aggregate(3));
        assert!(finding_groups(&three).iter().any(|g| g.count == 3));
        // A Response: each finding on its own.
        let response = report(include_str!("../tests/fixtures/rules/base_response.xml"));
        let groups = finding_groups(&response);
        assert_eq!(groups.len(), response.findings.len());
        assert!(groups.iter().all(|g| g.indices.len() == 1));
    }
}
