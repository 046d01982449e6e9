//! `attribute-missing`: an attribute the user or the app profile requires is absent.

use super::Checker;
use crate::entra::claim_friendly_name;
use crate::expectations::RequiredAttribute;
use crate::finding::{Finding, Origin, Rule, Setting, Severity};
use crate::model::{Attribute, Text, is_lenient};
use crate::xml::ns;

pub(crate) static RULE: Rule = Rule {
    name: "attribute-missing",
    code: "ATT002",
    severity: Severity::Error,
    summary: "an attribute the user or the app profile requires is absent",
    docs: docs!("## What it does
Checks that every required attribute (CLI `--require-attribute`, or the claims of an app
profile) is the Name of an Attribute in the assertion, compared exactly. When it is not, it looks
for what was probably meant and says so:
- a Name that differs only in letter case (`useremail` for `UserEmail`);
- a namespace URI for a short name or the reverse: the same last segment after `/`, in any case
  (`http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress` for `emailaddress`);
- an Attribute whose FriendlyName is the required name;
- an Entra source attribute instead of the claim it fills (`user.mail` for the
  `…/claims/emailaddress` claim);

and otherwise lists the attributes that are there. An Attribute of the required Name without
any non-empty AttributeValue counts as absent (node-saml drops it; other libraries give `nil`). It does not fire on a Response without
assertion (an error status), nor when an EncryptedAssertion or EncryptedAttribute hides
attributes it cannot read.

## Why is this bad?
The service provider looks attributes up by exact Name. A missing one fails the sign-in or
creates an account without e-mail or name (JIT provisioning), often with a vague error on the
app's side (\"email is required\", \"user not found\").

## Example
Required `UserEmail`; the assertion has
`<saml:Attribute Name=\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress\">`.

## How to fix
In Entra → Enterprise applications → the app → Single sign-on → Attributes & Claims, add a claim
with exactly the required name, or rename the close match. Entra builds the Attribute Name from
the claim's Namespace and Name (`<Namespace>/<Name>`): for a short name such as `UserEmail`,
leave Namespace empty. If the requirement itself is wrong (for example it names the source
attribute `user.mail` instead of the claim), fix the requirement.

## References
- SAML 2.0 Core §2.7.3.1 (Element <Attribute>: Name, NameFormat, FriendlyName)
- Microsoft Entra: \"Customize SAML token claims\"
"),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    // An EncryptedAssertion still encrypted may hold the attribute (a decrypted one is read
    // on its own).
    if cx.decrypted.is_none() && !response.encrypted_assertions.is_empty() {
        return;
    }
    // The Attributes of the plain assertions' EncryptedAttributes, once all are decrypted.
    let decrypted = cx.decrypted_attributes.filter(|_| cx.decrypted.is_none());
    let required = cx.expect.required_attributes.clone();
    check_required(cx, &required, decrypted);
}

/// Where a required attribute's requirement came from: an app profile, or the configuration.
fn origin(r: &RequiredAttribute) -> Origin {
    if r.required_by.contains("app profile") {
        Origin::Profile
    } else {
        Origin::Flag
    }
}

/// Reports each of `required` that is not the Name of an Attribute of the assertions read
/// (or of `decrypted`, the content of their EncryptedAttributes), with its close matches.
fn check_required(
    cx: &mut Checker<'_>,
    required: &[RequiredAttribute],
    decrypted: Option<&[Attribute]>,
) {
    let assertions = cx.assertions();
    let encrypted_attributes = assertions
        .iter()
        .any(|a| !a.encrypted_attributes.is_empty());
    // No assertion (an error status), or attributes we cannot read: nothing to say.
    if assertions.is_empty() || encrypted_attributes != decrypted.is_some() {
        return;
    }
    let present: Vec<&Attribute> = assertions
        .iter()
        .flat_map(|a| &a.attributes)
        .chain(decrypted.unwrap_or_default())
        .filter(|at| !name_of(at).is_empty())
        .collect();
    // The first AttributeStatement, or the (first) Assertion when there is none.
    let span = assertions
        .iter()
        .find_map(|a| {
            cx.doc
                .element(a.element)?
                .child_elements()
                .find(|c| is_lenient(c, ns::SAML, "AttributeStatement"))
                .map(|s| s.start_tag())
        })
        .unwrap_or(assertions[0].start_tag);

    let mut found = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in required {
        let want = r.name.trim();
        if want.is_empty() || seen.contains(&want) {
            continue;
        }
        seen.push(want);
        let named: Vec<&Attribute> = present
            .iter()
            .copied()
            .filter(|at| name_of(at) == want)
            .collect();
        if named.iter().any(|at| has_value(at)) {
            continue;
        }
        if let Some(first) = named.first() {
            // Service providers drop an Attribute without value (node-saml, ruby-saml's nil).
            let what = if first.values.is_empty() {
                "no AttributeValue"
            } else {
                "only empty AttributeValues"
            };
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the attribute `{want}`, required by {}, is in the assertion but has {what}, so service providers treat it as absent",
                        r.required_by.trim()
                    ),
                )
                .at(first.name.as_ref().map_or(first.span, |n| n.span))
                .help(format!(
                    "the user has no value for the claim `{want}`: fill its source attribute for this user, or choose a source every user has in {}", cx.words.place(Setting::Claims)
                ))
                .setting(Setting::Claims)
                .evidence(Some((want.to_owned(), origin(r))), first.name.as_ref().map(Text::found)),
            );
            continue;
        }
        let mut matches: Vec<(&Attribute, Closeness)> = present
            .iter()
            .filter_map(|at| closeness(want, at).map(|c| (*at, c)))
            .collect();
        crate::sort::sort_by(&mut matches, &|a, b| a.1.cmp(&b.1));
        let mut message = format!(
            "the attribute `{want}`, required by {}, is not in the assertion",
            r.required_by.trim()
        );
        let help;
        if let Some(&(best, how)) = matches.first() {
            let have = name_of(best);
            message.push_str(&format!("; {}", how.explain(want, best)));
            let also = if matches.len() > 1 {
                format!(
                    " (other close matches: {})",
                    matches[1..]
                        .iter()
                        .map(|(at, _)| format!("`{}`", name_of(at)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                String::new()
            };
            message.push_str(&also);
            let rename = format!(
                "rename the claim `{have}` to `{want}` in {} ({})",
                cx.words.place(Setting::Claims),
                entra_fields(want)
            );
            help = match how {
                Closeness::SourceOfPresent => format!(
                    "if `{want}` was meant as Entra's source attribute, require the claim `{have}` instead; if the app really expects an attribute named `{want}`, {rename}"
                ),
                Closeness::FriendlyName => format!(
                    "{rename}; or make the service provider look attributes up by FriendlyName, if it can"
                ),
                Closeness::LetterCase | Closeness::Namespace | Closeness::PresentIsSource => rename,
            };
        } else {
            if present.is_empty() {
                message.push_str("; the assertion carries no attributes at all");
            } else {
                message.push_str(&format!("; the assertion carries {}", listing(&present)));
            }
            let source = r
                .source_attribute
                .as_ref()
                .map_or(String::new(), |s| format!(", source attribute `{s}`"));
            help = format!(
                "add a claim named `{want}` in {} ({}{source})",
                cx.words.place(Setting::Claims),
                entra_fields(want)
            );
        }
        let mut f = Finding::new(&RULE, message).at(span);
        for (at, how) in &matches {
            let at_span = at.name.as_ref().map_or(at.span, |n| n.span);
            f = f.label(at_span, how.label(want, name_of(at)));
        }
        let closest = matches
            .first()
            .and_then(|(at, _)| at.name.as_ref())
            .map(Text::found);
        found.push(
            f.help(help)
                .setting(Setting::Claims)
                .evidence(Some((want.to_owned(), origin(r))), closest),
        );
    }
    for f in found {
        cx.report(f);
    }
}

/// How a present attribute comes close to a required name; the first kinds explain best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    /// Same name but for letter case.
    LetterCase,
    /// Same last segment after `/` (any case): a namespace URI for a short name, the reverse,
    /// or another namespace.
    Namespace,
    /// Its FriendlyName is the required name.
    FriendlyName,
    /// The required name is the Entra source attribute (`user.mail`) of the present claim.
    SourceOfPresent,
    /// The present name is the Entra source attribute of the required claim.
    PresentIsSource,
}

fn closeness(want: &str, at: &Attribute) -> Option<Closeness> {
    let have = name_of(at);
    // Claim names are URIs or Entra's ASCII names: ASCII case is the case that differs.
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if same(have, want) {
        return Some(Closeness::LetterCase);
    }
    if (have.contains('/') || want.contains('/')) && same(last_segment(have), last_segment(want)) {
        return Some(Closeness::Namespace);
    }
    if at
        .friendly_name
        .as_ref()
        .is_some_and(|f| same(f.trimmed(), want))
    {
        return Some(Closeness::FriendlyName);
    }
    if claim_friendly_name(have).is_some_and(|source| same(source, want)) {
        return Some(Closeness::SourceOfPresent);
    }
    if claim_friendly_name(want).is_some_and(|source| same(source, have)) {
        return Some(Closeness::PresentIsSource);
    }
    None
}

impl Closeness {
    /// The clause of the message: how the close match `at` differs from `want`.
    fn explain(self, want: &str, at: &Attribute) -> String {
        let have = name_of(at);
        match self {
            Self::LetterCase => {
                format!("`{have}` differs only in letter case, and names are case-sensitive")
            }
            Self::Namespace => {
                let (have_ns, want_ns) = (namespace(have), namespace(want));
                let case = if last_segment(have) == last_segment(want) {
                    ""
                } else {
                    ", and its letter case differs"
                };
                match (have_ns, want_ns) {
                    (Some(_), None) => format!(
                        "the assertion has `{have}`: the full claim URI where the short name `{want}` is expected{case}"
                    ),
                    (None, Some(_)) => format!(
                        "the assertion has `{have}`: the short name where the full claim URI is expected{case}"
                    ),
                    _ => format!(
                        "the assertion has `{have}`: the same name `{}` in another namespace{case}",
                        last_segment(have)
                    ),
                }
            }
            Self::FriendlyName => format!(
                "the Attribute `{have}` has the FriendlyName `{}`, but service providers look attributes up by Name",
                at.friendly_name.as_ref().map_or("", |f| f.trimmed())
            ),
            Self::SourceOfPresent => format!(
                "`{want}` is the Entra source attribute of the claim `{have}`, which is present: the service provider sees the claim's name, not its source"
            ),
            Self::PresentIsSource => format!(
                "the assertion has a claim named `{have}`, the Entra source attribute that `{want}` is normally filled from"
            ),
        }
    }

    /// The label on the close match `have`.
    fn label(self, want: &str, have: &str) -> &'static str {
        match self {
            Self::LetterCase => "close match: differs in letter case",
            Self::Namespace => match (namespace(have), namespace(want)) {
                (Some(_), None) => "close match: the full claim URI",
                (None, Some(_)) => "close match: the short name, without namespace",
                _ => "close match: the same name in another namespace",
            },
            Self::FriendlyName => "close match: its FriendlyName",
            Self::SourceOfPresent | Self::PresentIsSource => {
                "close match: Entra source attribute and claim"
            }
        }
    }
}

/// Whether an attribute has a value that is not empty.
fn has_value(at: &Attribute) -> bool {
    at.values.iter().any(|v| !v.trimmed().is_empty())
}

/// The Name of an attribute, trimmed ("" when absent).
fn name_of(at: &Attribute) -> &str {
    at.name.as_ref().map_or("", |n| n.trimmed())
}

/// The part after the last `/` (`emailaddress` of `http://…/claims/emailaddress`).
fn last_segment(name: &str) -> &str {
    name.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(name)
}

/// The part before the last `/`, when the name has one.
fn namespace(name: &str) -> Option<&str> {
    name.trim_end_matches('/')
        .rsplit_once('/')
        .map(|(ns, _)| ns)
        .filter(|ns| !ns.is_empty())
}

/// How to fill Entra's claim form for `name`: Name and Namespace.
fn entra_fields(name: &str) -> String {
    match namespace(name) {
        Some(ns) => format!("Name `{}`, Namespace `{ns}`", last_segment(name)),
        None => format!("Name `{name}`, Namespace empty"),
    }
}

/// "3 attributes: `a` (user.mail), `b`, `c`", at most ten of them.
fn listing(present: &[&Attribute]) -> String {
    const SHOWN: usize = 10;
    let mut names: Vec<String> = Vec::new();
    let mut listed: std::collections::HashSet<String> = std::collections::HashSet::new();
    for at in present {
        let name = name_of(at);
        let entry = match claim_friendly_name(name) {
            Some(source) => format!("`{name}` (Entra: {source})"),
            None => match at.friendly_name.as_ref().map(|f| f.trimmed()) {
                Some(friendly) if !friendly.is_empty() => {
                    format!("`{name}` (FriendlyName `{friendly}`)")
                }
                _ => format!("`{name}`"),
            },
        };
        if listed.insert(entry.clone()) {
            names.push(entry);
        }
    }
    let total = names.len();
    let more = total.saturating_sub(SHOWN);
    names.truncate(SHOWN);
    format!(
        "{total} attribute{}: {}{}",
        if total == 1 { "" } else { "s" },
        names.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_claim_names_as_entra_does() {
        let uri = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
        assert_eq!(last_segment(uri), "emailaddress");
        assert_eq!(
            namespace(uri),
            Some("http://schemas.xmlsoap.org/ws/2005/05/identity/claims")
        );
        assert_eq!(last_segment("UserEmail"), "UserEmail");
        assert_eq!(namespace("UserEmail"), None);
        assert_eq!(
            entra_fields("UserEmail"),
            "Name `UserEmail`, Namespace empty"
        );
        assert_eq!(
            entra_fields(uri),
            "Name `emailaddress`, Namespace `http://schemas.xmlsoap.org/ws/2005/05/identity/claims`"
        );
    }
}
