//! App profiles: what one SaaS app expects, from its Microsoft Entra tutorial.
//!
//! Each profile is one JSON file in this directory (embedded at build time by `build.rs`, so a
//! new app is one new file): URL patterns with `<placeholders>` for the Identifier, Reply URL,
//! Sign-on URL and Relay State, the sign-on modes it supports, the claims it needs, and the
//! tutorial's own wording for each field. A profile never adds rules: it feeds the expectations
//! the rules check (see [`crate::expectations`]).

use std::sync::OnceLock;

use serde::Serialize;

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// One app's expectations.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Profile {
    /// The name used by `--profile` (`timetrack`).
    pub name: String,
    /// The app's name as the Entra gallery shows it (`TimeTrack`).
    pub title: String,
    /// The tutorial the profile was written from.
    pub tutorial: String,
    /// Supported sign-on modes: `sp` (SP-initiated) and/or `idp` (IdP-initiated).
    pub sso: Vec<String>,
    /// Basic SAML Configuration → Identifier (Entity ID).
    pub identifier: Option<Field>,
    /// Basic SAML Configuration → Reply URL (Assertion Consumer Service URL).
    pub reply_url: Option<Field>,
    /// Basic SAML Configuration → Sign-on URL.
    pub sign_on_url: Option<Field>,
    /// Basic SAML Configuration → Relay State.
    pub relay_state: Option<Field>,
    /// Host names of the app, beyond those of the URL patterns (for suggestions).
    pub hosts: Vec<String>,
    /// How the app gets the signing certificate.
    pub certificate: CertificateHandover,
    /// Claims the app requires, beyond Entra's defaults.
    pub claims: Vec<Claim>,
    /// What else the tutorial says that matters during an incident.
    pub notes: Vec<String>,
}

/// One field of the Basic SAML Configuration.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Field {
    /// The value or pattern, with `<placeholders>`.
    pub pattern: String,
    /// The tutorial's wording.
    pub wording: String,
}

/// How the tutorial hands the signing certificate to the app.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CertificateHandover {
    /// `Thumbprint`, `Certificate (Base64)` or `Federation Metadata XML`.
    pub kind: String,
    /// The tutorial's wording.
    pub wording: String,
}

/// A claim the app requires.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Claim {
    /// The claim (Attribute) name the app reads.
    pub name: String,
    /// The Entra source attribute the tutorial maps to it (`user.mail`).
    pub source: String,
    /// Why the app needs it, when the tutorial says.
    pub why: Option<String>,
}

impl Profile {
    /// Whether the app supports SP-initiated sign-on only (an unsolicited response is an error).
    pub fn sp_initiated_only(&self) -> bool {
        self.sso.iter().all(|m| m == "sp")
    }

    /// "SP- and IdP-initiated sign-on", "SP-initiated sign-on only", "IdP-initiated sign-on only".
    pub fn sso_words(&self) -> &'static str {
        let sp = self.sso.iter().any(|m| m == "sp");
        let idp = self.sso.iter().any(|m| m == "idp");
        match (sp, idp) {
            (true, true) => "SP- and IdP-initiated sign-on",
            (true, false) => "SP-initiated sign-on only",
            _ => "IdP-initiated sign-on only",
        }
    }

    /// The host names (or `*.suffix` for a placeholder label) the app's URLs use.
    pub fn host_patterns(&self) -> Vec<String> {
        let mut hosts: Vec<String> = [&self.identifier, &self.reply_url, &self.sign_on_url]
            .into_iter()
            .flatten()
            .filter_map(|f| host_of(&f.pattern))
            .map(str::to_ascii_lowercase)
            .collect();
        hosts.extend(self.hosts.iter().map(|h| h.to_ascii_lowercase()));
        crate::sort::sort(&mut hosts);
        hosts.dedup();
        hosts
    }

    /// Whether `host` is one of the app's (`acme.timetrackenterprise.com` for
    /// `<tenant>.timetrackenterprise.com`; a listed domain covers its subdomains).
    pub fn owns_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.host_patterns().iter().any(|p| {
            if let Some(i) = p.rfind('>') {
                let suffix = &p[i + 1..];
                host.ends_with(suffix) && host.len() > suffix.len()
            } else {
                host == *p || host.ends_with(&format!(".{p}"))
            }
        })
    }
}

/// Every profile, sorted by name (read and checked at build time by `build.rs`).
pub fn all() -> &'static [Profile] {
    static ALL: OnceLock<Vec<Profile>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = embedded();
        crate::sort::sort_by(&mut all, &|a, b| a.name.cmp(&b.name));
        all
    })
}

/// The profile named `name` (case-insensitive; the title works too).
pub fn find(name: &str) -> Option<&'static Profile> {
    let name = name.trim();
    all()
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name) || p.title.eq_ignore_ascii_case(name))
}

/// The profile whose hosts one of `urls` uses, if exactly one does.
pub fn suggest<'a>(urls: impl IntoIterator<Item = &'a str>) -> Option<&'static Profile> {
    // Each host once, and only so many: a message can list 200,000 Audiences, and each host
    // is tried against every profile.
    const MAX_HOSTS: usize = 64;
    let mut seen = std::collections::HashSet::new();
    let hosts: Vec<&str> = urls
        .into_iter()
        .filter_map(host_of)
        .filter(|h| seen.insert(*h))
        .take(MAX_HOSTS)
        .collect();
    let mut hits = all()
        .iter()
        .filter(|p| hosts.iter().any(|h| p.owns_host(h)));
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// The host of an absolute URL (or pattern), without port.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.trim().split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = authority.split(':').next().unwrap_or(authority);
    (!host.is_empty()).then_some(host)
}

/// A `<placeholder>` and the text it stood for.
pub type Binding = (String, String);

/// Matches `text` against `pattern`, where each `<name>` stands for one or more characters
/// other than `/ ? # &` and whitespace (a host label, a path segment, a query value). Returns
/// what each placeholder matched; `None` when it does not fit. The same placeholder twice must
/// match the same text.
pub fn match_pattern(pattern: &str, text: &str) -> Option<Vec<Binding>> {
    let parts = split_pattern(pattern);
    let mut bindings = Vec::new();
    matches_from(&parts, text, &mut bindings).then_some(bindings)
}

/// Whether `pattern` holds a placeholder.
pub fn is_pattern(pattern: &str) -> bool {
    split_pattern(pattern)
        .iter()
        .any(|p| matches!(p, Part::Placeholder(_)))
}

/// A piece of a pattern: literal text or a `<placeholder>` (its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternPart<'a> {
    /// Text that must appear as is.
    Literal(&'a str),
    /// A placeholder's name.
    Placeholder(&'a str),
}

impl PatternPart<'_> {
    /// The part as written in the pattern.
    pub fn as_written(&self) -> String {
        match self {
            Self::Literal(l) => (*l).to_owned(),
            Self::Placeholder(p) => format!("<{p}>"),
        }
    }
}

/// The pieces of a pattern, in order.
pub fn pattern_parts(pattern: &str) -> Vec<PatternPart<'_>> {
    split_pattern(pattern)
}

use PatternPart as Part;

fn split_pattern(pattern: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        if name.is_empty() || name.contains(char::is_whitespace) {
            break;
        }
        if open > 0 {
            parts.push(Part::Literal(&rest[..open]));
        }
        parts.push(Part::Placeholder(name));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest));
    }
    parts
}

fn matches_from(parts: &[Part<'_>], text: &str, bindings: &mut Vec<Binding>) -> bool {
    match parts.split_first() {
        None => text.is_empty(),
        Some((Part::Literal(l), rest)) => {
            text.starts_with(l) && matches_from(rest, &text[l.len()..], bindings)
        }
        Some((Part::Placeholder(name), rest)) => {
            let stop = text
                .find(|c: char| matches!(c, '/' | '?' | '#' | '&') || c.is_whitespace())
                .unwrap_or(text.len());
            // Longest first, so `<tenant>.example.com` binds the whole label.
            for end in (1..=stop).rev().filter(|&e| text.is_char_boundary(e)) {
                let value = &text[..end];
                if let Some((_, bound)) = bindings.iter().find(|(n, _)| n == name)
                    && bound != value
                {
                    continue;
                }
                bindings.push(((*name).to_owned(), value.to_owned()));
                if matches_from(rest, &text[end..], bindings) {
                    return true;
                }
                bindings.pop();
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Product text cites a tutorial by the title it is published under (the `title:` of the
    /// tutorial's front matter, without the site's " | Microsoft Docs" suffix), never by an
    /// internal name. Skipped, with a notice, when the seed tutorials are not beside the repo.
    #[test]
    fn tutorials_are_cited_by_their_published_titles() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
        let Ok(entries) = std::fs::read_dir(dir) else {
            println!("skipped: {dir} is absent");
            return;
        };
        let titles: Vec<String> = entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .filter_map(|text| {
                let line = text.lines().find(|l| l.starts_with("title:"))?;
                let title = line["title:".len()..].trim().trim_matches('\'');
                Some(title.trim_end_matches(" | Microsoft Docs").to_owned())
            })
            .collect();
        for p in all() {
            assert!(
                titles.contains(&p.tutorial),
                "{}: `{}` is not the title of a published tutorial ({titles:?})",
                p.name,
                p.tutorial
            );
        }
    }

    #[test]
    fn the_five_seed_profiles_load() {
        let names: Vec<_> = all().iter().map(|p| p.name.as_str()).collect();
        let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/profiles"))
            .expect("dir")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json"))
            })
            .count();
        assert_eq!(files, all().len(), "every profile file is embedded");
        for name in [
            "it-conductor",
            "pymetrics",
            "timetrack",
            "topdesk-secure",
            "trakstar",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
    }

    #[test]
    fn patterns_bind_placeholders() {
        let p = "https://<tenant>.timetrackenterprise.com/api/v2/azure/saml20";
        assert_eq!(
            match_pattern(
                p,
                "https://acme.timetrackenterprise.com/api/v2/azure/saml20"
            ),
            Some(vec![("tenant".to_owned(), "acme".to_owned())])
        );
        assert_eq!(
            match_pattern(
                p,
                "https://acme.timetrackenterprise.com/api/v2/azure/saml20/"
            ),
            None
        );
        assert_eq!(
            match_pattern(p, "https://.timetrackenterprise.com/api/v2/azure/saml20"),
            None
        );
        let twice = "https://www.pymetrics.com/saml2-sp/<C>/<C>/metadata/";
        assert!(
            match_pattern(
                twice,
                "https://www.pymetrics.com/saml2-sp/acme/acme/metadata/"
            )
            .is_some()
        );
        assert!(
            match_pattern(
                twice,
                "https://www.pymetrics.com/saml2-sp/acme/acne/metadata/"
            )
            .is_none()
        );
        let query = "https://perform.trakstar.com/auth/saml/callback?namespace=<NS>";
        assert!(
            match_pattern(
                query,
                "https://perform.trakstar.com/auth/saml/callback?namespace=acme"
            )
            .is_some()
        );
        assert!(
            match_pattern(
                query,
                "https://perform.trakstar.com/auth/saml/callback?namespace=a&b=c"
            )
            .is_none()
        );
        assert_eq!(
            match_pattern(
                "https://perform.trakstar.com",
                "https://perform.trakstar.com"
            ),
            Some(vec![])
        );
    }

    #[test]
    fn suggestions_come_from_hosts() {
        let s = |u: &str| suggest([u]).map(|p| p.name.as_str());
        assert_eq!(
            s("https://acme.timetrackenterprise.com/api/v2/azure/callback"),
            Some("timetrack")
        );
        assert_eq!(s("https://perform.trakstar.com"), Some("trakstar"));
        assert_eq!(
            s("https://acme.topdesk.net/tas/secure/login/verify"),
            Some("topdesk-secure")
        );
        assert_eq!(
            s("https://www.pymetrics.com/saml2-sp/a/a/?acs"),
            Some("pymetrics")
        );
        assert_eq!(s("https://contoso.example.com/saml"), None);
        assert_eq!(s("https://timetrackenterprise.com.evil.example/"), None);
    }
}
