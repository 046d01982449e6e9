//! The page's configuration form, in the words of Entra's "Basic SAML Configuration" and
//! "SAML Certificates" sections, and how it becomes the core's [`Context`].
//!
//! It stays in memory; only when the user ticks "remember on this device" is it written to
//! `localStorage` (and "forget" removes it).

use samlscope_core::Context;
use serde::{Deserialize, Serialize};

/// What the user configured. Multi-valued fields hold one value per line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Identifier (Entity ID) — the SP entity ID.
    pub identifier: String,
    /// Reply URL (Assertion Consumer Service URL), one per line.
    pub reply_urls: String,
    /// Sign-on URL.
    pub sign_on_url: String,
    /// Relay State.
    pub relay_state: String,
    /// Microsoft Entra Identifier — the IdP entity ID.
    pub idp_identifier: String,
    /// Thumbprints (SHA-1 or SHA-256 hex, any case and separators), one per line.
    pub thumbprints: String,
    /// Certificate (Base64) or PEM text.
    pub certificate: String,
    /// Federation Metadata XML (the IdP's metadata).
    pub federation_metadata: String,
    /// The SP's metadata.
    pub sp_metadata: String,
    /// AuthnRequest the app sent (any encoding the input accepts).
    pub request: String,
    /// Claims the app requires, one per line.
    pub required_claims: String,
    /// App profile name ("" for none).
    pub profile: String,
    /// Clock skew in seconds (None: the default, 180 s).
    pub skew_seconds: Option<u32>,
    /// Whether to keep this configuration in `localStorage`.
    pub remember: bool,
}

fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl Config {
    /// Puts the configuration into `ctx` (whose `now` is already set).
    pub fn apply(&self, ctx: &mut Context) {
        ctx.sp_entity_id = non_empty(&self.identifier);
        ctx.acs_urls = lines(&self.reply_urls).collect();
        ctx.idp_entity_id = non_empty(&self.idp_identifier);
        ctx.thumbprints = lines(&self.thumbprints).collect();
        ctx.idp_certificates = non_empty(&self.certificate)
            .map(String::into_bytes)
            .into_iter()
            .collect();
        ctx.idp_metadata = non_empty(&self.federation_metadata).map(String::into_bytes);
        ctx.sp_metadata = non_empty(&self.sp_metadata).map(String::into_bytes);
        ctx.requests = non_empty(&self.request)
            .map(String::into_bytes)
            .into_iter()
            .collect();
        ctx.required_attributes = lines(&self.required_claims).collect();
        ctx.profile = non_empty(&self.profile);
        if let Some(skew) = self.skew_seconds {
            ctx.clock_skew_seconds = skew;
        }
    }

    /// How many settings are filled (for the "Configure (3)" button).
    pub fn count(&self) -> usize {
        [
            &self.identifier,
            &self.reply_urls,
            &self.sign_on_url,
            &self.relay_state,
            &self.idp_identifier,
            &self.thumbprints,
            &self.certificate,
            &self.federation_metadata,
            &self.sp_metadata,
            &self.request,
            &self.required_claims,
            &self.profile,
        ]
        .iter()
        .filter(|v| !v.trim().is_empty())
        .count()
            + usize::from(self.skew_seconds.is_some())
    }
}

/// The `localStorage` key of a remembered configuration.
pub const STORAGE_KEY: &str = "samlscope.config.v1";

/// The configuration remembered on this device, if the user asked for that.
#[cfg(target_arch = "wasm32")]
pub fn load_remembered() -> Option<Config> {
    let storage = gloo::utils::window().local_storage().ok()??;
    let text = storage.get_item(STORAGE_KEY).ok()??;
    serde_json::from_str::<Config>(&text)
        .ok()
        .filter(|c| c.remember)
}

/// Keeps `config` in `localStorage` when it says `remember`, and removes any stored copy
/// otherwise ("forget").
#[cfg(target_arch = "wasm32")]
pub fn persist(config: &Config) {
    let Some(storage) = gloo::utils::window().local_storage().ok().flatten() else {
        return;
    };
    if config.remember {
        if let Ok(text) = serde_json::to_string(config) {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    } else {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samlscope_core::Timestamp;

    #[test]
    fn the_form_becomes_a_context() {
        let config = Config {
            identifier: " https://app.example.com/saml ".to_owned(),
            reply_urls: "https://app.example.com/acs\n\n https://app.example.com/acs2 \n".to_owned(),
            thumbprints: "AB:CD\n".to_owned(),
            required_claims: "UserEmail\nUserFirstName".to_owned(),
            profile: "pymetrics".to_owned(),
            skew_seconds: Some(0),
            ..Config::default()
        };
        let mut ctx = Context::new(Timestamp(0));
        config.apply(&mut ctx);
        assert_eq!(ctx.sp_entity_id.as_deref(), Some("https://app.example.com/saml"));
        assert_eq!(ctx.acs_urls, ["https://app.example.com/acs", "https://app.example.com/acs2"]);
        assert_eq!(ctx.thumbprints, ["AB:CD"]);
        assert_eq!(ctx.required_attributes, ["UserEmail", "UserFirstName"]);
        assert_eq!(ctx.profile.as_deref(), Some("pymetrics"));
        assert_eq!(ctx.clock_skew_seconds, 0);
        assert!(ctx.idp_metadata.is_none());
        assert_eq!(config.count(), 6);
    }
}
