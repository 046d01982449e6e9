//! URLs, query strings and form bodies carrying a SAML binding's parameters.

use super::BindingSource;
use super::percent::percent_decode;
use super::walk::lossy;

/// A SAML parameter found in a URL, query string or form body.
pub(super) struct Found<'a> {
    pub(super) source: BindingSource,
    pub(super) endpoint: Option<&'a str>,
    pub(super) raw_query: &'a str,
    pub(super) parameter: &'static str,
    pub(super) value: &'a str,
    pub(super) relay_state: Option<&'a str>,
    pub(super) sig_alg: Option<&'a str>,
    pub(super) signature: Option<&'a str>,
    /// No `?` at all: could be a form body.
    pub(super) bare: bool,
}

pub(super) enum Scan<'a> {
    Found(Found<'a>),
    UrlWithoutParameter(&'static str),
    NotFound,
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Looks for `SAMLRequest` / `SAMLResponse` in a URL, query string or form body.
pub(super) fn scan_binding(text: &str) -> Scan<'_> {
    let absolute =
        starts_with_ignore_case(text, "http://") || starts_with_ignore_case(text, "https://");
    let (endpoint, rest, url) = match text.split_once('?') {
        Some((before, after)) if absolute || before.starts_with('/') => (Some(before), after, true),
        Some(("", after)) => (None, after, false),
        Some(_) | None if absolute => {
            return Scan::UrlWithoutParameter(
                "a URL without SAMLRequest or SAMLResponse parameter (it has no query string)",
            );
        }
        _ => (None, text, false),
    };
    let raw_query = rest.split_once('#').map_or(rest, |(query, _)| query);
    let mut saml: Option<(&'static str, &str)> = None;
    let (mut relay_state, mut sig_alg, mut signature) = (None, None, None);
    for pair in raw_query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match parameter_name(name) {
            Some(name @ ("SAMLRequest" | "SAMLResponse")) => {
                saml.get_or_insert((name, value));
            }
            Some("RelayState") => {
                relay_state.get_or_insert(value);
            }
            Some("SigAlg") => {
                sig_alg.get_or_insert(value);
            }
            Some("Signature") => {
                signature.get_or_insert(value);
            }
            _ => {}
        }
    }
    match saml {
        Some((parameter, value)) => Scan::Found(Found {
            source: if url {
                BindingSource::Url
            } else {
                BindingSource::QueryString
            },
            endpoint,
            raw_query,
            parameter,
            value,
            relay_state,
            sig_alg,
            signature,
            bare: !url && !text.starts_with('?'),
        }),
        None if url => {
            Scan::UrlWithoutParameter("a URL without SAMLRequest or SAMLResponse parameter")
        }
        None => Scan::NotFound,
    }
}

/// The canonical spelling of a binding parameter name (matched case-insensitively).
fn parameter_name(name: &str) -> Option<&'static str> {
    const NAMES: [&str; 5] = [
        "SAMLRequest",
        "SAMLResponse",
        "RelayState",
        "SigAlg",
        "Signature",
    ];
    if name.len() > 40 {
        return None;
    }
    let decoded;
    let name = if name.contains('%') {
        decoded = lossy(percent_decode(name.as_bytes(), false));
        decoded.as_str()
    } else {
        name
    };
    let name = name.trim();
    NAMES
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(name))
}
