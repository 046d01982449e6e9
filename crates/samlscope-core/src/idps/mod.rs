//! Identity providers: how to recognise one, and what its admin screens call each setting a
//! finding points at.
//!
//! Each IdP is one JSON file in this directory (see its README), embedded at build time by
//! `build.rs`; `saml.json` holds the neutral words used when the IdP is unknown. Rules never
//! name an IdP: they ask [`Words`] for the place of a [`Setting`], so that a fix reads "set
//! Okta's app → General → SAML Settings → Audience URI (SP Entity ID) …" for an Okta message
//! and "set Entra's Basic SAML Configuration → Identifier (Entity ID) …" for an Entra one.

use serde::Serialize;
use wildmatch::WildMatch;

use crate::expectations::{Expectations, Source};
use crate::finding::Setting;
use crate::model::{Message, RoleKind};

include!(concat!(env!("OUT_DIR"), "/idps.rs"));

/// One identity provider product.
#[derive(Debug, PartialEq, Eq)]
pub struct Idp {
    /// The stable key (`okta`): `--idp`, the JSON `idp.product` (a public contract).
    pub key: &'static str,
    /// The product's name, as its vendor writes it ("Microsoft Entra ID").
    pub name: &'static str,
    /// The name used in sentences ("Entra": "Entra's Basic SAML Configuration").
    pub short: &'static str,
    /// Globs (`*` = any run of characters) over the whole Issuer, lower-case.
    pub issuer: &'static [&'static str],
    /// Globs over the IdP's own URLs (SSO and SLO endpoints), lower-case.
    pub urls: &'static [&'static str],
    /// Where each setting is, by [`Setting`] key.
    pub settings: &'static [(&'static str, Place)],
    /// How the IdP rolls over its signing certificate.
    pub rollover: &'static str,
    /// Where users start an IdP-initiated sign-on ("the My Apps tile"), when known.
    pub portal: Option<&'static str>,
    /// Status and error codes, and what they mean.
    pub codes: &'static [Code],
    /// The names its admin screens give well-known claim URIs (`user.mail` for
    /// `…/claims/emailaddress`).
    pub claims: &'static [(&'static str, &'static str)],
}

/// Where an IdP's admin screens hold a setting.
#[derive(Debug, PartialEq, Eq)]
pub struct Place {
    /// The screen or file ("Basic SAML Configuration").
    pub screen: &'static str,
    /// The field, as on screen ("Identifier (Entity ID)").
    pub label: &'static str,
    /// A short noun for the value in sentences ("Reply URL"); the label when the data gives
    /// none.
    pub term: &'static str,
}

/// A status or error code an IdP shows, and what it means.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// The text that identifies it (`MSIS7070`, `app_not_configured_for_user`).
    pub code: &'static str,
    /// Its symbolic name, when the IdP gives one (`EntitlementGrantsNotFound`).
    pub name: Option<&'static str>,
    /// What it means and what to change.
    pub meaning: &'static str,
    /// The key of the setting to change, when one applies.
    pub setting: Option<&'static str>,
}

impl Idp {
    /// Where this IdP holds `setting`, when it has a screen for it.
    pub fn place(&self, setting: Setting) -> Option<&Place> {
        self.settings
            .iter()
            .find(|(key, _)| *key == setting.as_str())
            .map(|(_, place)| place)
    }

    /// The codes of this IdP that `text` contains, in the order of the data; a code found only
    /// inside a longer one found (`app_not_configured` in `app_not_configured_for_user`) is not.
    pub fn codes_in(&self, text: &str) -> Vec<&'static Code> {
        let found: Vec<&'static Code> = self
            .codes
            .iter()
            .filter(|c| text.contains(c.code))
            .collect();
        found
            .iter()
            .copied()
            .filter(|c| {
                !found
                    .iter()
                    .any(|o| o.code.len() > c.code.len() && o.code.contains(c.code))
            })
            .collect()
    }

    /// The code spelled exactly `code` (`AADSTS50105`).
    pub fn code(&self, code: &str) -> Option<&'static Code> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// The name the IdP's screens give the claim `uri`.
    pub fn claim_name(&self, uri: &str) -> Option<&'static str> {
        self.claims
            .iter()
            .find(|(u, _)| *u == uri.trim())
            .map(|&(_, name)| name)
    }

    fn issued(&self, issuer: &str) -> bool {
        matches_any(self.issuer, issuer)
    }

    fn serves(&self, url: &str) -> bool {
        matches_any(self.urls, url)
    }
}

/// Longest value compared with the globs: an Issuer or URL longer than this is no product's.
const MAX_MATCHED: usize = 2048;

fn matches_any(globs: &[&str], value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || value.len() > MAX_MATCHED {
        return false;
    }
    let value = value.to_lowercase();
    globs.iter().any(|g| WildMatch::new(g).matches(&value))
}

/// Every identity provider known, in the order of their keys.
pub fn all() -> &'static [Idp] {
    EMBEDDED
}

/// The identity provider with this key (`okta`), case-insensitively.
pub fn find(key: &str) -> Option<&'static Idp> {
    EMBEDDED
        .iter()
        .find(|i| i.key.eq_ignore_ascii_case(key.trim()))
}

/// What the IdP is known from (the JSON `idp.detected_from`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DetectedFrom {
    /// The user chose it (`--idp`, the page's Configure).
    Chosen,
    /// The message's Issuer (or the entityID of pasted IdP metadata).
    Issuer,
    /// The IdP's metadata: its entityID or endpoints.
    Metadata,
    /// The IdP URL a request was sent to.
    Url,
    /// The app profile applied: its tutorial is an Entra one.
    Profile,
}

impl DetectedFrom {
    /// How it is known, for people: "recognised from the Issuer".
    pub const fn words(self) -> &'static str {
        match self {
            Self::Chosen => "chosen in the configuration",
            Self::Issuer => "recognised from the Issuer",
            Self::Metadata => "recognised from the IdP metadata",
            Self::Url => "recognised from the URL the request went to",
            Self::Profile => "the app profile's tutorial is Entra's",
        }
    }
}

/// Which IdP a message is from, and how that is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detection {
    /// The IdP, when known.
    pub idp: Option<&'static Idp>,
    /// How it is known.
    pub from: Option<DetectedFrom>,
}

impl Serialize for Detection {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("product", &self.idp.map(|i| i.key))?;
        map.serialize_entry("detected_from", &self.from)?;
        map.end()
    }
}

impl Detection {
    /// The words to speak: the IdP's, else the neutral ones.
    pub fn words(&self) -> Words {
        Words { idp: self.idp }
    }

    fn found(idp: &'static Idp, from: DetectedFrom) -> Self {
        Self {
            idp: Some(idp),
            from: Some(from),
        }
    }
}

/// Recognises the IdP of `message`: the one chosen, else from the message's Issuers (or a
/// pasted IdP metadata's entityID), the IdP metadata of the configuration, the IdP URL a
/// request went to (`endpoint`: where a Redirect-binding URL points), and last an app profile
/// (whose tutorial is Entra's).
pub fn detect(
    chosen: Option<&'static Idp>,
    message: Option<&Message>,
    expect: &Expectations,
    endpoint: Option<&str>,
) -> Detection {
    if let Some(idp) = chosen {
        return Detection::found(idp, DetectedFrom::Chosen);
    }
    let by_issuer = |issuer: &str| EMBEDDED.iter().find(|i| i.issued(issuer));
    let by_url = |url: &str| EMBEDDED.iter().find(|i| i.serves(url));
    if let Some(message) = message {
        // An AuthnRequest's Issuer is the SP's entity ID: it says nothing of the IdP.
        let issuers = match message {
            Message::AuthnRequest(_) => Vec::new(),
            _ => crate::expectations::issuers(message),
        };
        if let Some(idp) = issuers.iter().find_map(|i| by_issuer(i)) {
            return Detection::found(idp, DetectedFrom::Issuer);
        }
        if let Message::EntityDescriptor(e) = message
            && let Some(role) = e.roles.iter().find(|r| r.kind == RoleKind::IdpSso)
        {
            if let Some(idp) = e.entity_id.as_ref().and_then(|id| by_issuer(id.trimmed())) {
                return Detection::found(idp, DetectedFrom::Issuer);
            }
            let locations = role.endpoints.iter().filter_map(|p| p.location.as_ref());
            if let Some(idp) = locations.into_iter().find_map(|l| by_url(l.trimmed())) {
                return Detection::found(idp, DetectedFrom::Metadata);
            }
        }
    }
    let from_metadata = expect
        .idp_entity_id
        .as_ref()
        .filter(|e| e.source == Source::IdpMetadata)
        .and_then(|e| by_issuer(&e.value))
        .or_else(|| {
            expect
                .idp_sso_urls
                .iter()
                .chain(&expect.idp_slo_urls)
                .find_map(|u| by_url(u))
        });
    if let Some(idp) = from_metadata {
        return Detection::found(idp, DetectedFrom::Metadata);
    }
    let request_destination = match message {
        Some(Message::AuthnRequest(r)) => r.header.destination.as_ref().map(|d| d.trimmed()),
        _ => None,
    };
    if let Some(idp) = request_destination
        .into_iter()
        .chain(endpoint)
        .find_map(by_url)
    {
        return Detection::found(idp, DetectedFrom::Url);
    }
    if expect.profile.is_some()
        && let Some(entra) = find("entra")
    {
        return Detection::found(entra, DetectedFrom::Profile);
    }
    Detection::default()
}

/// An IdP's words for settings, falling back to neutral SAML words where the IdP has none (or
/// is unknown). What every fix is written with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Words {
    idp: Option<&'static Idp>,
}

impl Words {
    /// The words of `idp`.
    pub fn of(idp: &'static Idp) -> Self {
        Self { idp: Some(idp) }
    }

    /// The IdP spoken for, when known.
    pub fn idp(&self) -> Option<&'static Idp> {
        self.idp
    }

    fn known(&self, setting: Setting) -> Option<(&'static Idp, &'static Place)> {
        let idp = self.idp?;
        idp.place(setting).map(|p| (idp, p))
    }

    fn neutral(setting: Setting) -> &'static Place {
        NEUTRAL.place(setting).unwrap_or(&Place {
            screen: "configuration",
            label: "setting",
            term: "setting",
        })
    }

    /// Where the setting is, as a sentence part: "Entra's Basic SAML Configuration →
    /// Identifier (Entity ID)"; for an unknown IdP, "the IdP's configuration of this SP → SP
    /// entity ID (the Audience it issues)".
    pub fn place(&self, setting: Setting) -> String {
        match self.known(setting) {
            Some((idp, place)) => format!("{}'s {} → {}", idp.short, place.screen, place.label),
            None => {
                let place = Self::neutral(setting);
                format!("{}'s {} → {}", NEUTRAL.short, place.screen, place.label)
            }
        }
    }

    /// The same, as an aside for a sentence that is already complete: "Entra: Basic SAML
    /// Configuration → Identifier (Entity ID)"; `None` when the IdP is unknown or has no
    /// screen for it (neutral words add nothing to the sentence).
    pub fn aside(&self, setting: Setting) -> Option<String> {
        self.known(setting)
            .map(|(idp, place)| format!("{}: {} → {}", idp.short, place.screen, place.label))
    }

    /// The IdP's name in sentences, its screen and the field, when the IdP is known and has a
    /// screen for `setting`: for sentences that place them freely ("Entra sends the Relay State
    /// of Basic SAML Configuration …").
    pub fn parts(&self, setting: Setting) -> Option<(&'static str, &'static str, &'static str)> {
        self.known(setting)
            .map(|(idp, place)| (idp.short, place.screen, place.label))
    }

    /// The field's name alone ("Identifier (Entity ID)", "Audience URI (SP Entity ID)").
    pub fn label(&self, setting: Setting) -> &'static str {
        self.known(setting)
            .map_or_else(|| Self::neutral(setting).label, |(_, p)| p.label)
    }

    /// The short noun for the setting's value ("Reply URL", "ACS URL").
    pub fn term(&self, setting: Setting) -> &'static str {
        self.known(setting)
            .map_or_else(|| Self::neutral(setting).term, |(_, p)| p.term)
    }

    /// The first code of the IdP that points at `setting` (what it answers when that setting
    /// is wrong: `AADSTS50011` for the Reply URL).
    pub fn code_for(&self, setting: Setting) -> Option<&'static Code> {
        self.idp?
            .codes
            .iter()
            .find(|c| c.setting == Some(setting.as_str()))
    }

    /// Whether the IdP may be the one with this key: it is, or it is unknown. For what only
    /// one product does (Entra's AADSTS answers to AuthnRequests).
    pub fn may_be(&self, key: &str) -> bool {
        self.idp.is_none_or(|i| i.key == key)
    }

    /// The IdP's name in sentences ("Entra", "Okta"), or "the IdP".
    pub fn short(&self) -> &'static str {
        self.idp.map_or(NEUTRAL.short, |i| i.short)
    }

    /// Where users start an IdP-initiated sign-on: "the My Apps tile", or "the IdP's app
    /// portal".
    pub fn portal(&self) -> &'static str {
        self.idp
            .and_then(|i| i.portal)
            .or(NEUTRAL.portal)
            .unwrap_or("the IdP's app portal")
    }

    /// How the IdP rolls over its signing certificate.
    pub fn rollover(&self) -> &'static str {
        self.idp.map_or(NEUTRAL.rollover, |i| i.rollover)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_well_formed() {
        assert!(EMBEDDED.iter().all(|i| i.key != "saml"));
        for idp in EMBEDDED.iter().chain([&NEUTRAL]) {
            for (key, _) in idp.settings {
                assert!(Setting::from_key(key).is_some(), "{}: `{key}`", idp.key);
            }
            for code in idp.codes {
                if let Some(key) = code.setting {
                    assert!(Setting::from_key(key).is_some(), "{}: `{key}`", idp.key);
                }
            }
        }
        for setting in Setting::ALL {
            assert!(
                NEUTRAL.place(setting).is_some(),
                "saml.json lacks {setting:?}"
            );
        }
    }

    #[test]
    fn entra_words_are_the_portals() {
        let words = Words::of(find("entra").expect("entra"));
        assert_eq!(
            words.place(Setting::SpEntityId),
            "Entra's Basic SAML Configuration → Identifier (Entity ID)"
        );
        assert_eq!(
            words.aside(Setting::AcsUrl).as_deref(),
            Some("Entra: Basic SAML Configuration → Reply URL (Assertion Consumer Service URL)")
        );
        let neutral = Words::default();
        assert_eq!(neutral.aside(Setting::AcsUrl), None);
        assert!(neutral.place(Setting::AcsUrl).starts_with("the IdP's "));
    }

    #[test]
    fn issuers_are_recognised() {
        let by_issuer = |s: &str| EMBEDDED.iter().find(|i| i.issued(s)).map(|i| i.key);
        assert_eq!(
            by_issuer("https://sts.windows.net/00000000-1111-2222-3333-444444444444/"),
            Some("entra")
        );
        assert_eq!(by_issuer("https://contoso.example.com/saml"), None);
        assert_eq!(by_issuer(&"x".repeat(10_000)), None);
        assert_eq!(
            by_issuer("http://www.okta.com/exkppsa1qwuFV4D7z0h7"),
            Some("okta")
        );
        assert_eq!(
            by_issuer("http://fs.example.com/adfs/services/trust"),
            Some("adfs")
        );
    }

    #[test]
    fn a_code_inside_a_longer_one_is_not_said_twice() {
        let google = find("google").expect("google");
        let codes: Vec<&str> = google
            .codes_in("403. That's an error. Error: app_not_configured_for_user")
            .iter()
            .map(|c| c.code)
            .collect();
        assert_eq!(codes, ["app_not_configured_for_user"]);
    }
}
