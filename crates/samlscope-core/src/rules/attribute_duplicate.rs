//! `attribute-duplicate`: two Attribute elements have the same Name.

use super::Checker;
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::Attribute;

pub(crate) static RULE: Rule = Rule {
    name: "attribute-duplicate",
    code: "ATT001",
    severity: Severity::Warning,
    summary: "two Attribute elements have the same Name",
    docs: docs!(
        "## What it does
Looks for two `saml:Attribute` elements with the same Name (compared exactly, after trimming
surrounding whitespace) in one Assertion, whether in the same AttributeStatement or in two. The
finding points at the second one and labels the first.

## Why is this bad?
SAML carries several values of one attribute as several AttributeValues of one Attribute. With
two Attributes of the same Name, service providers disagree on what the user has: some keep the
first, some the last, some merge them; python3-saml rejects the response (\"Found an Attribute
element with duplicated Name\") unless `allowRepeatAttributeName` is set. A second Attribute
inserted into a message is also a way to smuggle in a value.

## Example
```xml
<saml:AttributeStatement>
  <saml:Attribute Name=\"role\"><saml:AttributeValue>user</saml:AttributeValue></saml:Attribute>
  <saml:Attribute Name=\"role\"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute>
</saml:AttributeStatement>
```

## How to fix
Send one Attribute per Name, with one AttributeValue per value. In Entra → Enterprise
applications → the app → Single sign-on → Attributes & Claims, keep a single claim with that name
(a claim such as groups or roles already carries several values). If the identity provider
cannot change, tell the service provider to accept repeated names (python3-saml:
`allowRepeatAttributeName`).

## References
- SAML 2.0 Core §2.7.3.1 (Element <Attribute>: multiple AttributeValues)
- python3-saml: `security.allowRepeatAttributeName`
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for a in cx.assertions() {
        // Attributes by Name, in the order their Name first appears.
        let mut groups: Vec<(&str, Vec<&Attribute>)> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for attribute in &a.attributes {
            let Some(name) = attribute.name.as_ref().map(|n| n.trimmed()) else {
                continue;
            };
            if name.is_empty() {
                continue;
            }
            match index.get(name) {
                Some(&i) => groups[i].1.push(attribute),
                None => {
                    index.insert(name, groups.len());
                    groups.push((name, vec![attribute]));
                }
            }
        }
        for (name, list) in groups {
            let [first, second, rest @ ..] = list.as_slice() else {
                continue;
            };
            let span = |at: &Attribute| at.name.as_ref().map_or(at.span, |n| n.span);
            let statement = |at: &Attribute| cx.doc.parent(at.element);
            let same_statement = list.iter().all(|at| statement(at) == statement(first));
            let values: Vec<String> = list.iter().map(|at| values(at)).collect();
            let all_same = values.iter().all(|v| *v == values[0]);
            const LISTED: usize = 4;
            let listed = if values.len() > LISTED {
                format!(
                    "{}, and {} more",
                    values[..LISTED].join(", then "),
                    values.len() - LISTED
                )
            } else {
                values.join(", then ")
            };
            let mut f = Finding::new(
                &RULE,
                format!(
                    "the Attribute `{name}` appears {} in the Assertion ({}), {}",
                    match list.len() {
                        2 => "twice".to_owned(),
                        n => format!("{n} times"),
                    },
                    if same_statement {
                        "in the same AttributeStatement"
                    } else {
                        "in different AttributeStatements"
                    },
                    if all_same {
                        format!("each time with {}", values[0])
                    } else {
                        format!("with {listed}")
                    }
                ),
            )
            .at(span(second))
            .label(span(first), "the first Attribute with this Name");
            for at in rest.iter().take(crate::finding::MAX_LABELS) {
                f = f.label(span(at), "and again");
            }
            found.push(f.help(format!(
                "service providers keep the first, the last or both values, and python3-saml rejects the response unless allowRepeatAttributeName: send one Attribute of this Name with several AttributeValues (keep one claim of this name in {})",
                cx.words.place(Setting::Claims)
            )).setting(Setting::Claims));
        }
    }
    for f in found {
        cx.report(f);
    }
}

/// "the value `a`", "the values `a`, `b`", "no value".
fn values(attribute: &Attribute) -> String {
    const SHOWN: usize = 3;
    let quoted: Vec<String> = attribute
        .values
        .iter()
        .take(SHOWN)
        .map(|v| format!("`{}`", clip(v.trimmed())))
        .collect();
    let more = attribute.values.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    match attribute.values.len() {
        0 => "no value".to_owned(),
        1 => format!("the value {}", quoted[0]),
        _ => format!("the values {}{more}", quoted.join(", ")),
    }
}

/// At most 60 characters of a value, with an ellipsis.
fn clip(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        format!("{}…", value.chars().take(MAX).collect::<String>())
    }
}
