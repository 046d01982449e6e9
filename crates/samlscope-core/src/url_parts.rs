//! URLs compared by their parts (scheme, host, port, path segments, query parameters,
//! fragment), so that a near miss is said in those words: "the host differs", "path segment 2
//! differs", not as characters aligned across segments.

/// The parts of an absolute URL (`scheme://host[:port][/path][?query][#fragment]`), as
/// written. Only what comparing two configured URLs needs: no percent-decoding, no IDNA.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    scheme: &'a str,
    host: &'a str,
    port: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn split(url: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return None;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    // user:password@ is never part of what a SAML URL is compared on.
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p))
            if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !h.ends_with(':') =>
        {
            (h, Some(p))
        }
        _ => (authority, None),
    };
    Some(Parts {
        scheme,
        host,
        port,
        path,
        query,
        fragment,
    })
}

/// The port a URL talks to: the written one, or its scheme's default.
fn port<'a>(p: &Parts<'a>) -> Option<&'a str> {
    p.port.or(match p.scheme.to_ascii_lowercase().as_str() {
        "https" => Some("443"),
        "http" => Some("80"),
        _ => None,
    })
}

/// `"x"` → "`x`", `""` → "nothing".
fn quoted(value: &str) -> String {
    if value.is_empty() {
        "nothing".to_owned()
    } else {
        format!("`{value}`")
    }
}

/// How two URLs differ, part by part ("the host differs: expected `a`, the message has `b`;
/// path segment 2 differs: …"), or `None` when either is not an absolute URL or they do not
/// differ in their parts.
pub(crate) fn difference(expected: &str, found: &str) -> Option<String> {
    let (e, f) = (split(expected)?, split(found)?);
    let mut out = Vec::new();
    if !e.scheme.eq_ignore_ascii_case(f.scheme) {
        out.push(format!(
            "the scheme differs: expected `{}`, the message has `{}`",
            e.scheme, f.scheme
        ));
    }
    if !e.host.eq_ignore_ascii_case(f.host) {
        out.push(format!(
            "the host differs: expected `{}`, the message has `{}`",
            e.host, f.host
        ));
    }
    if port(&e) != port(&f) {
        let said = |p: &Parts<'_>| match (p.port, port(p)) {
            (Some(written), _) => format!("`{written}`"),
            (None, Some(default)) => format!("`{default}` (the default for {})", p.scheme),
            (None, None) => "no port".to_owned(),
        };
        out.push(format!(
            "the port differs: expected {}, the message has {}",
            said(&e),
            said(&f)
        ));
    }
    if e.path != f.path {
        out.push(path_difference(e.path, f.path));
    }
    if e.query != f.query {
        out.push(query_difference(
            e.query.unwrap_or(""),
            f.query.unwrap_or(""),
        ));
    }
    if e.fragment != f.fragment {
        out.push(format!(
            "the fragment differs: expected {}, the message has {}",
            quoted(e.fragment.unwrap_or("")),
            quoted(f.fragment.unwrap_or(""))
        ));
    }
    (!out.is_empty()).then(|| out.join("; "))
}

fn path_difference(expected: &str, found: &str) -> String {
    let segments = |p: &str| -> Vec<String> {
        p.trim_start_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (e, f) = (segments(expected), segments(found));
    let common = e.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let joined = |s: &[String]| format!("/{}", s.join("/"));
    if common == e.len() && common < f.len() {
        return format!(
            "the message's path goes on after `{}` with `{}`",
            joined(&e),
            joined(&f[common..])
        );
    }
    if common == f.len() && common < e.len() {
        return format!(
            "the message's path stops at `{}`, without the expected `{}`",
            joined(&f),
            joined(&e[common..])
        );
    }
    if e.len() == f.len() {
        let differing: Vec<usize> = (0..e.len()).filter(|&i| e[i] != f[i]).collect();
        if let [i] = differing.as_slice() {
            let case = if e[*i].eq_ignore_ascii_case(&f[*i]) {
                " (only in letter case: paths are case-sensitive)"
            } else {
                ""
            };
            return format!(
                "path segment {} differs{case}: expected `{}`, the message has `{}`",
                i + 1,
                e[*i],
                f[*i]
            );
        }
    }
    format!(
        "the path differs: expected {}, the message has {}",
        quoted(expected),
        quoted(found)
    )
}

fn query_difference(expected: &str, found: &str) -> String {
    let params = |q: &str| -> Vec<(String, String)> {
        q.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.to_owned(), v.to_owned()),
                None => (p.to_owned(), String::new()),
            })
            .collect()
    };
    let (e, f) = (params(expected), params(found));
    let names = |ps: &[(String, String)]| ps.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    if !e.is_empty() && names(&e) == names(&f) {
        let differing: Vec<String> = e
            .iter()
            .zip(&f)
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, b)| {
                format!(
                    "the query parameter `{}` differs: expected {}, the message has {}",
                    a.0,
                    quoted(&a.1),
                    quoted(&b.1)
                )
            })
            .collect();
        if !differing.is_empty() {
            return differing.join("; ");
        }
    }
    format!(
        "the query differs: expected {}, the message has {}",
        quoted(expected),
        quoted(found)
    )
}

#[cfg(test)]
mod tests {
    use super::difference;

    #[test]
    fn urls_are_compared_by_parts() {
        for (expected, found, said) in [
            (
                "https://contoso.example.com/saml/acs",
                "https://contoso.example.com/sso/saml/consume",
                "the path differs: expected `/saml/acs`, the message has `/sso/saml/consume`",
            ),
            (
                "https://contoso.example.com/saml",
                "https://fabrikam.example.com/saml",
                "the host differs: expected `contoso.example.com`, the message has `fabrikam.example.com`",
            ),
            (
                "https://sts.windows.net/0000/",
                "https://sts.windows.net/9999/",
                "path segment 1 differs: expected `0000`, the message has `9999`",
            ),
            (
                "https://contoso.example.com/saml",
                "https://contoso.example.com/saml/metadata",
                "the message's path goes on after `/saml` with `/metadata`",
            ),
            (
                "https://contoso.example.com/saml/acs",
                "https://contoso.example.com/saml",
                "the message's path stops at `/saml`, without the expected `/acs`",
            ),
            (
                "https://sp.example/acs",
                "https://sp.example:8443/acs",
                "the port differs: expected `443` (the default for https), the message has `8443`",
            ),
            (
                "https://perform.trakstar.com/auth/saml/callback?namespace=acme",
                "https://perform.trakstar.com/auth/saml/callback?namespace=acme-test",
                "the query parameter `namespace` differs: expected `acme`, the message has `acme-test`",
            ),
            (
                "https://sp.example/acs",
                "https://sp.example/acs?x=1",
                "the query differs: expected nothing, the message has `x=1`",
            ),
            (
                "https://sp.example/SAML/acs",
                "https://sp.example/saml/acs",
                "path segment 1 differs (only in letter case: paths are case-sensitive): expected `SAML`, the message has `saml`",
            ),
            (
                "https://a.example/x",
                "https://b.example/y",
                "the host differs: expected `a.example`, the message has `b.example`; path segment 1 differs: expected `x`, the message has `y`",
            ),
        ] {
            assert_eq!(
                difference(expected, found).as_deref(),
                Some(said),
                "{found}"
            );
        }
        assert_eq!(difference("urn:example:sp", "urn:example:sp2"), None);
        assert_eq!(difference("_req1", "_req2"), None);
        assert_eq!(
            difference("https://SP.example/a", "https://sp.example/a"),
            None
        );
    }
}
