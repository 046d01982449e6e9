//! `status-not-success`: the top-level StatusCode is not Success.

use super::{Checker, short};
use crate::entra;
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::{Message, Status};

pub(crate) static RULE: Rule = Rule {
    name: "status-not-success",
    code: "STS001",
    severity: Severity::Error,
    summary: "the top-level StatusCode is not Success",
    docs: docs!("## What it does
Reports a Response (or LogoutResponse, ArtifactResponse) whose top-level StatusCode is not
`urn:oasis:names:tc:SAML:2.0:status:Success`, with the nested codes, the StatusMessage, and an
explanation of any Entra `AADSTS` code in it.

## Why is this bad?
The identity provider refused to sign the user in; the service provider will show an error.
The reason is in the nested code and the message (ruby-saml: \"The status code of the Response
was not Success, was Responder => AuthnFailed -> msg\").

## Example
```xml
<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Requester\">
  <samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:RequestDenied\"/>
</samlp:StatusCode>
<samlp:StatusMessage>AADSTS50105: The signed in user is not assigned to a role …</samlp:StatusMessage>
```

## How to fix
Act on the AADSTS code (for 50105: assign the user or their group to the app under Enterprise
applications → Users and groups). `Requester` means the request was at fault, `Responder` the
identity provider.

## References
- SAML 2.0 Core §3.2.2.2 (StatusCode)
- Microsoft Entra authentication and authorization error codes (AADSTS)
"),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut statuses: Vec<&Status> = Vec::new();
    collect(cx.message, &mut statuses);
    for status in statuses {
        if status.is_success() {
            continue;
        }
        cx.report(finding(cx, status));
    }
}

fn collect<'m>(message: &'m Message, out: &mut Vec<&'m Status>) {
    match message {
        Message::Response(r) => out.extend(&r.status),
        Message::LogoutResponse(r) => out.extend(&r.status),
        Message::ArtifactResponse(a) => {
            out.extend(&a.response.status);
            if let Some(inner) = &a.inner {
                collect(inner, out);
            }
        }
        _ => {}
    }
}

fn finding(cx: &Checker<'_>, status: &Status) -> Finding {
    let span = status
        .code
        .as_ref()
        .map_or_else(|| cx.doc.span(status.element), |c| c.span);
    let mut chain: Vec<&str> = status.code.iter().map(|c| short(&c.value)).collect();
    chain.extend(status.nested.iter().map(|c| short(&c.value)));
    let codes = if chain.is_empty() {
        "missing".to_owned()
    } else {
        chain.join(" → ")
    };
    let mut message = format!("the status is {codes}");
    if let Some(m) = &status.message {
        let one_line = m.value.split_whitespace().collect::<Vec<_>>().join(" ");
        message.push_str(&format!(": {one_line}"));
    }
    let mut finding = Finding::new(&RULE, message).at(span);
    if let Some(m) = &status.message {
        finding = finding.label(m.span, "StatusMessage");
    }
    let aadsts: Vec<String> = status
        .message
        .as_ref()
        .map(|m| entra::aadsts_codes(&m.value))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|code| {
            entra::aadsts(code).map(|a| format!("AADSTS{} ({}): {}", a.code, a.name, a.meaning))
        })
        .collect();
    let text = status.message.as_ref().map_or("", |m| m.value.as_str());
    let idp_codes: Vec<(&str, &crate::idps::Code)> = match cx.words.idp() {
        Some(idp) => idp
            .codes_in(text)
            .into_iter()
            .map(|c| (idp.short, c))
            .collect(),
        None => crate::idps::all()
            .iter()
            .flat_map(|idp| idp.codes_in(text).into_iter().map(|c| (idp.short, c)))
            .collect(),
    };
    if let Some(setting) = idp_codes
        .iter()
        .find_map(|(_, c)| c.setting.and_then(Setting::from_key))
    {
        finding = finding.setting(setting);
    }
    let help = if !aadsts.is_empty() {
        aadsts.join(" ")
    } else if !idp_codes.is_empty() {
        idp_codes
            .iter()
            .map(|(idp, c)| format!("{idp} {}: {}", c.code, c.meaning))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        match chain.as_slice() {
            [_, "AuthnFailed", ..] => "the identity provider could not authenticate the user: check its sign-in logs".to_owned(),
            [_, "RequestDenied", ..] => "the identity provider refused the request: check the user's assignment to the app and its sign-in logs".to_owned(),
            [_, "NoPassive", ..] => "IsPassive was requested but the user must interact: retry without IsPassive".to_owned(),
            [_, "InvalidNameIDPolicy", ..] => "the requested NameIDPolicy Format is not supported by the identity provider".to_owned(),
            [_, "NoAuthnContext", ..] => "the RequestedAuthnContext cannot be satisfied: relax or remove it".to_owned(),
            ["Requester", ..] => "the identity provider blames the request: check the AuthnRequest (Issuer, ACS URL, NameIDPolicy)".to_owned(),
            ["Responder", ..] => "the identity provider failed: its sign-in logs say why".to_owned(),
            ["VersionMismatch", ..] => "the identity provider does not accept this SAML version".to_owned(),
            _ => "the identity provider did not sign the user in: look up the nested status code and message in its logs".to_owned(),
        }
    };
    finding.help(help)
}
