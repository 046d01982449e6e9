//! `metadata-entity-id-suspicious`: an entity ID has surrounding whitespace or nearly duplicates another.

use std::collections::HashMap;

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::model::{EntityDescriptor, Message, Text};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-entity-id-suspicious",
    code: "MET005",
    severity: Severity::Warning,
    summary: "an entity ID has surrounding whitespace or nearly duplicates another",
    docs: docs!(
        "## What it does
Reports an `entityID` with leading or trailing whitespace, and, in an aggregate
(EntitiesDescriptor), entity IDs that are the same apart from letter case, a trailing slash or
the scheme (`http://` / `https://`) — and entity IDs listed more than once. Each group of
near-duplicates is one finding, however many entities it has.

## Why is this bad?
Entity IDs are compared character for character: `https://sp.example.org/shibboleth/` is not
`https://sp.example.org/shibboleth`, and `https://contoso.example.com/saml ` (with its space)
matches neither an Audience nor Entra's Identifier (Entity ID). A near-duplicate in an
aggregate is almost always a typo or a stale second registration of the same service; which
one the software picks then depends on the software. An exact duplicate makes the lookup of that
entity ambiguous, and some software rejects the whole aggregate.

## Example
```xml
<md:EntityDescriptor entityID=\"https://sp.example.org/shibboleth\">…</md:EntityDescriptor>
<md:EntityDescriptor entityID=\"https://SP.example.org/shibboleth/\">…</md:EntityDescriptor>
```

## How to fix
Keep one EntityDescriptor per entity, with the entityID spelled exactly as the entity itself
uses it (for an SP in Entra: exactly its Identifier (Entity ID)), and remove the stray copy or
fix the typo at the source of the metadata. Trim whitespace from entity IDs.

## References
- SAML 2.0 Metadata §2.3.2 (EntityDescriptor, entityID)
- SAML 2.0 Core §8.3.6 (entity identifiers)
"
    ),
};

/// Further members of a group that get a label of their own (the message counts them all).
const MAX_LABELS: usize = 4;

pub(crate) fn check(cx: &mut Checker<'_>) {
    let (entities, aggregate) = match cx.message {
        Message::EntityDescriptor(e) => (std::slice::from_ref(e), false),
        Message::EntitiesDescriptor(g) => (g.entities.as_slice(), true),
        _ => return,
    };
    let mut found = Vec::new();
    for id in entities.iter().filter_map(|e| e.entity_id.as_ref()) {
        if id.value.len() != id.trimmed().len() && !id.trimmed().is_empty() {
            found.push(whitespace(id, cx.doc.text()));
        }
    }
    if aggregate {
        near_duplicates(entities, &mut found);
    }
    for f in found {
        cx.report(f);
    }
}

fn whitespace(id: &Text, source: &str) -> Finding {
    // As written (XML turns a newline in an attribute into a space), unless references are involved.
    let raw = id.span.slice(source);
    let v = if raw.trim() == id.trimmed() {
        raw
    } else {
        id.value.as_str()
    };
    let leading = &v[..v.len() - v.trim_start().len()];
    let trailing = &v[v.trim_end().len()..];
    let mut what = Vec::new();
    if !leading.is_empty() {
        what.push(format!("starts with {}", describe_whitespace(leading)));
    }
    if !trailing.is_empty() {
        what.push(format!("ends with {}", describe_whitespace(trailing)));
    }
    Finding::new(
        &RULE,
        format!(
            "the entityID `{}` {}: software that compares entity IDs exactly will not match it with `{}`",
            v.replace('\n', "\\n").replace('\r', "\\r").replace('\t', "\\t"),
            what.join(" and "),
            id.trimmed()
        ),
    )
    .at(id.span)
    .help(format!(
        "remove the whitespace: entityID=\"{}\" (fix it where the metadata is made; editing a signed file breaks its signature)",
        id.trimmed()
    ))
}

/// "a space", "a newline and 4 spaces".
fn describe_whitespace(ws: &str) -> String {
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in ws.chars() {
        match runs.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => runs.push((c, 1)),
        }
    }
    runs.iter()
        .map(|&(c, n)| {
            let name = match c {
                ' ' => "space".to_owned(),
                '\t' => "tab".to_owned(),
                '\n' => "newline".to_owned(),
                '\r' => "carriage return".to_owned(),
                '\u{A0}' => "non-breaking space".to_owned(),
                _ => format!("U+{:04X}", u32::from(c)),
            };
            if n == 1 {
                format!("a {name}")
            } else {
                format!("{n} {name}s")
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Groups the entities by a normalized entity ID (letter case, scheme and trailing slashes
/// ignored) in one pass, and reports each group of two or more.
fn near_duplicates(entities: &[EntityDescriptor], found: &mut Vec<Finding>) {
    // Normalized ID → first member and the others, in document order (a group of one
    // allocates no list).
    let mut groups: HashMap<String, (usize, &Text, Vec<&Text>)> =
        HashMap::with_capacity(entities.len());
    for (i, id) in entities
        .iter()
        .filter_map(|e| e.entity_id.as_ref())
        .enumerate()
    {
        let Some(key) = normalized(id.trimmed()) else {
            continue;
        };
        groups
            .entry(key)
            .and_modify(|(_, _, more)| more.push(id))
            .or_insert((i, id, Vec::new()));
    }
    let mut duplicated: Vec<(usize, Vec<&Text>)> = groups
        .into_values()
        .filter(|(_, _, more)| !more.is_empty())
        .map(|(order, first, mut more)| {
            more.insert(0, first);
            (order, more)
        })
        .collect();
    crate::sort::sort_by(&mut duplicated, &|a, b| a.0.cmp(&b.0));
    found.extend(duplicated.iter().map(|(_, members)| group_finding(members)));
}

/// One finding for a group of two or more entity IDs with the same normalized form.
fn group_finding(members: &[&Text]) -> Finding {
    // Distinct spellings, in document order: (spelling, how many, first occurrence).
    let mut variants: Vec<(&str, usize, &Text)> = Vec::new();
    for &id in members {
        match variants.iter_mut().find(|(v, _, _)| *v == id.trimmed()) {
            Some((_, n, _)) => *n += 1,
            None => variants.push((id.trimmed(), 1, id)),
        }
    }
    let times = |n: usize| match n {
        1 => String::new(),
        2 => " (listed twice)".to_owned(),
        n => format!(" (listed {n} times)"),
    };
    let first = members[0];
    if let [(only, count, _)] = variants[..] {
        let mut finding = Finding::new(
            &RULE,
            format!(
                "the entity ID `{only}` is listed {} in this aggregate",
                if count == 2 {
                    "twice".to_owned()
                } else {
                    format!("{count} times")
                }
            ),
        )
        .at(members[1].span)
        .label(first.span, "first listed here");
        for id in members.iter().skip(2).take(MAX_LABELS) {
            finding = finding.label(id.span, "and here");
        }
        return finding.help("keep one EntityDescriptor per entity and remove the other copies: which copy is used depends on the software that loads the aggregate, and some refuse duplicates");
    }
    let (base, base_count, _) = variants[0];
    let mut differences: Vec<String> = variants
        .iter()
        .enumerate()
        .skip(1)
        .take(MAX_LABELS + 1)
        .map(|(k, &(v, n, _))| {
            let from = if k == 1 {
                format!(" from `{base}`{}", times(base_count))
            } else {
                String::new()
            };
            format!(
                "`{v}`{} differs{from} only in {}",
                times(n),
                difference(base, v)
            )
        })
        .collect();
    if variants.len() > MAX_LABELS + 2 {
        differences.push(format!(
            "and {} more spellings",
            variants.len() - MAX_LABELS - 2
        ));
    }
    let head = match members.len() {
        2 => String::new(),
        n => format!(" ({n} entities)"),
    };
    let mut finding = Finding::new(
        &RULE,
        format!(
            "near-duplicate entity IDs{head}: {}",
            differences.join("; ")
        ),
    )
    .at(variants[1].2.span)
    .label(first.span, format!("`{base}` is here"));
    for &(v, _, id) in variants.iter().skip(2).take(MAX_LABELS) {
        finding = finding.label(id.span, format!("`{v}` is here"));
    }
    finding.help("entity IDs are compared character for character: keep one EntityDescriptor per entity, spelled exactly as the entity itself uses it, and fix or remove the other")
}

/// The grouping key: ASCII lower case (entity IDs are URIs or URNs), without `http://` /
/// `https://` and trailing slashes.
fn normalized(id: &str) -> Option<String> {
    let lower = id.to_ascii_lowercase();
    let (_, rest) = split_scheme(&lower);
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty()).then(|| rest.to_owned())
}

/// `("https://", "sp.example.org/")`; `("", id)` for other schemes (URNs).
fn split_scheme(id: &str) -> (&str, &str) {
    for scheme in ["https://", "http://"] {
        if id
            .get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        {
            return id.split_at(scheme.len());
        }
    }
    ("", id)
}

/// How two spellings with the same key differ: "letter case and a trailing slash".
fn difference(a: &str, b: &str) -> String {
    let ((scheme_a, rest_a), (scheme_b, rest_b)) = (split_scheme(a), split_scheme(b));
    let (path_a, path_b) = (rest_a.trim_end_matches('/'), rest_b.trim_end_matches('/'));
    let mut parts = Vec::new();
    if !scheme_a.eq_ignore_ascii_case(scheme_b) {
        let shown = |s: &str| match s {
            "" => "no scheme".to_owned(),
            s => s.to_ascii_lowercase(),
        };
        parts.push(format!(
            "the scheme ({} instead of {})",
            shown(scheme_b),
            shown(scheme_a)
        ));
    }
    if path_a != path_b || (scheme_a != scheme_b && scheme_a.eq_ignore_ascii_case(scheme_b)) {
        parts.push("letter case".to_owned());
    }
    if rest_a.len() - path_a.len() != rest_b.len() - path_b.len() {
        parts.push("a trailing slash".to_owned());
    }
    parts.join(" and ")
}
