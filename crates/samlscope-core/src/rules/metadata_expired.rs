//! `metadata-expired`: the metadata's validUntil has passed.

use super::{Checker, relative_to_now};
use crate::finding::{Finding, Rule, Severity};
use crate::model::{Message, Time, is_lenient, time_attr};
use crate::time::Timestamp;
use crate::xml::{ElementRef, ns};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-expired",
    code: "MET001",
    severity: Severity::Warning,
    summary: "the metadata's validUntil has passed",
    docs: docs!(
        "## What it does
Compares the `validUntil` of the metadata — the EntitiesDescriptor (aggregate, nested groups
included) and every EntityDescriptor — with the time of inspection, and reports each one that
lies in the past, saying how long ago it expired.

## Why is this bad?
`validUntil` is the publisher's promise of how long the metadata may be used; after it, the
keys and endpoints inside are no longer vouched for. Software that loads metadata discards
expired metadata (Shibboleth: \"If the validUntil attribute indicates the metadata is expired,
the metadata is discarded\"), so the partner is unknown and every sign-in with it fails. A copy
saved to disk once and never refreshed expires silently.

## Example
```xml
<EntitiesDescriptor Name=\"https://federation.example.org\" validUntil=\"2027-01-12T00:00:00Z\">
```
inspected on 2027-01-15.

## How to fix
Fetch fresh metadata from where it came from — the federation's signed feed, or the IdP's
metadata URL (Entra: \"App Federation Metadata Url\" or \"Federation Metadata XML\" in the SAML
Signing Certificate section) — and configure the partner to refresh it automatically. Never
edit `validUntil` by hand: that breaks the metadata signature. If the fresh copy is expired too,
the publisher has to re-sign it.

## References
- SAML 2.0 Metadata §2.3.1 (validUntil on EntitiesDescriptor and EntityDescriptor)
- Shibboleth wiki, RequiredValidUntilFilter
"
    ),
};

/// Entities of an aggregate reported one by one; the rest are counted in one more finding.
const MAX_ENTITIES: usize = 20;

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let mut found = Vec::new();
    let entities = match cx.message {
        Message::EntityDescriptor(e) => std::slice::from_ref(e),
        Message::EntitiesDescriptor(g) => {
            if let Some((t, at)) = passed(g.valid_until.as_ref(), now) {
                let size = match g.entities.len() {
                    1 => "1 entity".to_owned(),
                    n => format!("{n} entities"),
                };
                let what = match &g.name {
                    Some(n) if !n.trimmed().is_empty() => {
                        format!("the metadata aggregate `{}` ({size})", n.trimmed())
                    }
                    _ => format!("the metadata aggregate ({size})"),
                };
                found.push(finding(&what, t, at, now, true));
            }
            if g.nested_groups > 0
                && let Some(root) = cx.doc.element(g.element)
            {
                nested(&mut found, &root, now);
            }
            &g.entities
        }
        _ => return,
    };
    let mut expired = entities
        .iter()
        .filter_map(|e| passed(e.valid_until.as_ref(), now).map(|(t, at)| (e, t, at)));
    for (e, t, at) in expired.by_ref().take(MAX_ENTITIES) {
        let id = e.entity_id.as_ref().map_or("", |t| t.trimmed());
        found.push(finding(
            &format!("the metadata of `{id}`"),
            t,
            at,
            now,
            false,
        ));
    }
    if let Some((_, t, _)) = expired.next() {
        let more = 1 + expired.count();
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "{more} more entities of this aggregate have a validUntil before the time of inspection ({now}); the first is here"
                ),
            )
            .at(t.text.span)
            .help("the aggregate was assembled from expired entity metadata: download it again from its source"),
        );
    }
    for f in found {
        cx.report(f);
    }
}

/// The nested EntitiesDescriptors under `group`, at any depth (EntityDescriptors are not entered).
fn nested(found: &mut Vec<Finding>, group: &ElementRef<'_>, now: Timestamp) {
    for child in group.child_elements() {
        if is_lenient(&child, ns::MD, "EntitiesDescriptor") {
            let valid_until = time_attr(&child, "validUntil");
            if let Some((t, at)) = passed(valid_until.as_ref(), now) {
                let what = match child.attr("Name").map(str::trim) {
                    Some(name) if !name.is_empty() => {
                        format!("the nested EntitiesDescriptor `{name}`")
                    }
                    _ => "a nested EntitiesDescriptor".to_owned(),
                };
                found.push(finding(&what, t, at, now, true));
            }
            nested(found, &child, now);
        }
    }
}

/// The validUntil and its instant, when it lies before `now`.
fn passed(valid_until: Option<&Time>, now: Timestamp) -> Option<(&Time, Timestamp)> {
    let t = valid_until?;
    t.at.filter(|&at| crate::time::valid_until_passed(at, now))
        .map(|at| (t, at))
}

fn finding(what: &str, t: &Time, at: Timestamp, now: Timestamp, aggregate: bool) -> Finding {
    let help = if aggregate {
        "download the aggregate again from the federation's feed and let the SP refresh it automatically; if the feed itself is expired, tell the federation operator (editing validUntil breaks the signature)"
    } else {
        "download this metadata again from where it is published and let the partner refresh it automatically; editing validUntil breaks the signature"
    };
    Finding::new(
        &RULE,
        format!(
            "{what} expired {}: validUntil is `{}`",
            relative_to_now(at, now),
            t.text.trimmed()
        ),
    )
    .at(t.text.span)
    .help(help)
}
