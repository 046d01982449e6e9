//! The page's configuration form, in the words of Entra's "Basic SAML Configuration" and
//! "SAML Certificates" sections, and how it becomes the core's [`Context`].
//!
//! It stays in memory; only when the user ticks "remember on this device" is it written to
//! `localStorage` (and "forget" removes it).

use samlscope_core::profiles::Profile;
use samlscope_core::{Clock, Context, MetadataSettings, Timestamp, holds_private_key};

/// The clock the time checks are judged at, as chosen on the page (never remembered).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClockChoice {
    /// Which clock: the time of inspection (a HAR's capture time), the message's
    /// IssueInstant, or a time the user chose.
    pub basis: Clock,
    /// The chosen time, for [`Clock::Custom`].
    pub custom: Option<Timestamp>,
}

/// What the user configured. Multi-valued fields hold one value per line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    /// The identity provider whose words the fixes speak (a key of the core's `idps`; "" to
    /// detect it from the message).
    pub idp: String,
    /// The SP software the app runs (a key of the core's `sps`; "" when not said): its verdict
    /// leads the acceptance table.
    pub sp_software: String,
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
        ctx.idp = non_empty(&self.idp);
        ctx.sp_software = non_empty(&self.sp_software);
        ctx.relay_state = non_empty(&self.relay_state);
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
            &self.idp,
            &self.sp_software,
        ]
        .iter()
        .filter(|v| !v.trim().is_empty())
        .count()
            + usize::from(self.skew_seconds.is_some())
    }
}

/// One text setting of the form (the drawer edits them all the same way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Identifier (Entity ID).
    Identifier,
    /// Reply URL (Assertion Consumer Service URL), one per line.
    ReplyUrls,
    /// Sign on URL.
    SignOnUrl,
    /// Relay State.
    RelayState,
    /// Microsoft Entra Identifier.
    IdpIdentifier,
    /// Thumbprint.
    Thumbprints,
    /// Certificate (Base64).
    Certificate,
    /// Federation Metadata XML.
    FederationMetadata,
    /// SP metadata.
    SpMetadata,
    /// The AuthnRequest the app sent.
    Request,
    /// Required claims, one per line.
    RequiredClaims,
}

impl Field {
    /// Every text field.
    pub const ALL: [Self; 11] = [
        Self::Identifier,
        Self::ReplyUrls,
        Self::SignOnUrl,
        Self::RelayState,
        Self::IdpIdentifier,
        Self::Thumbprints,
        Self::Certificate,
        Self::FederationMetadata,
        Self::SpMetadata,
        Self::Request,
        Self::RequiredClaims,
    ];

    /// A stable name (element ids, `data-field`).
    pub const fn id(self) -> &'static str {
        match self {
            Self::Identifier => "identifier",
            Self::ReplyUrls => "reply-urls",
            Self::SignOnUrl => "sign-on-url",
            Self::RelayState => "relay-state",
            Self::IdpIdentifier => "idp-identifier",
            Self::Thumbprints => "thumbprints",
            Self::Certificate => "certificate",
            Self::FederationMetadata => "federation-metadata",
            Self::SpMetadata => "sp-metadata",
            Self::Request => "request",
            Self::RequiredClaims => "required-claims",
        }
    }

    /// The field's text in `config`.
    pub fn get(self, config: &Config) -> &str {
        match self {
            Self::Identifier => &config.identifier,
            Self::ReplyUrls => &config.reply_urls,
            Self::SignOnUrl => &config.sign_on_url,
            Self::RelayState => &config.relay_state,
            Self::IdpIdentifier => &config.idp_identifier,
            Self::Thumbprints => &config.thumbprints,
            Self::Certificate => &config.certificate,
            Self::FederationMetadata => &config.federation_metadata,
            Self::SpMetadata => &config.sp_metadata,
            Self::Request => &config.request,
            Self::RequiredClaims => &config.required_claims,
        }
    }

    /// Sets the field's text in `config`.
    pub fn set(self, config: &mut Config, value: String) {
        let slot = match self {
            Self::Identifier => &mut config.identifier,
            Self::ReplyUrls => &mut config.reply_urls,
            Self::SignOnUrl => &mut config.sign_on_url,
            Self::RelayState => &mut config.relay_state,
            Self::IdpIdentifier => &mut config.idp_identifier,
            Self::Thumbprints => &mut config.thumbprints,
            Self::Certificate => &mut config.certificate,
            Self::FederationMetadata => &mut config.federation_metadata,
            Self::SpMetadata => &mut config.sp_metadata,
            Self::Request => &mut config.request,
            Self::RequiredClaims => &mut config.required_claims,
        };
        *slot = value;
    }
}

impl Config {
    /// Fills Identifier and Reply URL from SP metadata ("Fill from SP metadata"); what the
    /// metadata does not say is left as it was. Returns what was filled, for the status line
    /// ("Identifier and 2 Reply URLs"), or `None` when the metadata names neither.
    pub fn fill_from_sp_metadata(&mut self, settings: &MetadataSettings) -> Option<String> {
        let mut filled = Vec::new();
        if let Some(entity_id) = settings.entity_id.as_deref().filter(|e| !e.is_empty()) {
            entity_id.clone_into(&mut self.identifier);
            filled.push("Identifier".to_owned());
        }
        if !settings.acs_urls.is_empty() {
            self.reply_urls = settings.acs_urls.join("\n");
            filled.push(match settings.acs_urls.len() {
                1 => "Reply URL".to_owned(),
                n => format!("{n} Reply URLs"),
            });
        }
        (!filled.is_empty()).then(|| filled.join(" and "))
    }

    /// The clock skew to show in the form ("" for the default).
    pub fn skew_text(&self) -> String {
        self.skew_seconds.map(|s| s.to_string()).unwrap_or_default()
    }
}

/// The clock skew typed in the form: whole seconds, or `None` (the default) when empty or
/// not a number.
pub fn parse_skew(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// Whether `profile` fits what was typed in the profile search: every word must appear in its
/// title, name, tutorial or host names (case-insensitive). An empty query fits every profile.
pub fn profile_matches(profile: &Profile, query: &str) -> bool {
    let haystack = format!(
        "{} {} {} {}",
        profile.title,
        profile.name,
        profile.tutorial,
        profile.host_patterns().join(" ")
    );
    let haystack = crate::format::lower_case(&haystack);
    crate::format::lower_case(query)
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// The text of a file opened or dropped on a field. UTF-8 stays as it is (a byte order mark
/// included: the core skips it); UTF-16 with a byte order mark is decoded; anything else (a
/// DER `.cer`) becomes base64, which the core reads like the portal's "Certificate (Base64)".
/// Nothing is lost either way.
pub fn file_text(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let utf16 = |little: bool| -> Option<String> {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|pair| {
                let pair = [pair[0], pair[1]];
                if little {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        bytes
            .len()
            .is_multiple_of(2)
            .then(|| String::from_utf16(&units).ok())
            .flatten()
    };
    let decoded = match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        _ => None,
    };
    decoded.unwrap_or_else(|| base64(bytes))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The `localStorage` key of a remembered configuration.
pub const STORAGE_KEY: &str = "samlscope.config.v1";

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl Config {
    /// The stored form: one `name=value` line per setting, newlines escaped (no JSON parser
    /// in the page). A field holding private key material ([`holds_private_key`]: no field is
    /// for keys, but one may be pasted by mistake) is left out: keys are never stored.
    pub fn to_storage(&self) -> String {
        let mut out = String::new();
        for field in Field::ALL {
            let value = field.get(self);
            if !value.is_empty() && !holds_private_key(value) {
                out.push_str(field.id());
                out.push('=');
                out.push_str(&escape(value));
                out.push('\n');
            }
        }
        if !self.profile.is_empty() {
            out.push_str(&format!("profile={}\n", escape(&self.profile)));
        }
        if !self.idp.is_empty() {
            out.push_str(&format!("idp={}\n", escape(&self.idp)));
        }
        if !self.sp_software.is_empty() {
            out.push_str(&format!("sp-software={}\n", escape(&self.sp_software)));
        }
        if let Some(skew) = self.skew_seconds {
            out.push_str(&format!("skew={skew}\n"));
        }
        out.push_str(&format!("remember={}\n", self.remember));
        out
    }

    /// Reads [`Config::to_storage`]'s form; unknown lines are ignored.
    pub fn from_storage(text: &str) -> Self {
        let mut config = Self::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = unescape(value);
            match key {
                "profile" => config.profile = value,
                "idp" => config.idp = value,
                "sp-software" => config.sp_software = value,
                "skew" => config.skew_seconds = value.parse().ok(),
                "remember" => config.remember = value == "true",
                _ => {
                    if let Some(field) = Field::ALL.into_iter().find(|f| f.id() == key) {
                        field.set(&mut config, value);
                    }
                }
            }
        }
        config
    }
}

impl Config {
    /// The form a share link carries ([`crate::share`]): [`Config::to_storage`]'s, each text
    /// setting passed through `redact` first (the core's
    /// [`Redactor::redact_setting`](samlscope_core::redact::Redactor::redact_setting), to mask
    /// it as the message was), without "remember" (that is the recipient's to choose). A
    /// setting holding private key material is left out, whatever `redact` returns: keys
    /// never travel.
    pub fn shared_form(&self, redact: &mut dyn FnMut(&str) -> String) -> String {
        let mut shared = Self {
            profile: self.profile.clone(),
            skew_seconds: self.skew_seconds,
            ..Self::default()
        };
        for field in Field::ALL {
            let value = field.get(self);
            if !value.is_empty() && !holds_private_key(value) {
                field.set(&mut shared, redact(value));
            }
        }
        let stored = shared.to_storage();
        stored
            .lines()
            .filter(|line| !line.starts_with("remember="))
            .fold(String::new(), |out, line| out + line + "\n")
    }

    /// A configuration received in a share link: never remembered, unless the recipient
    /// ticks "Remember on this device" (whatever the link says).
    pub fn from_shared_form(text: &str) -> Self {
        Self {
            remember: false,
            ..Self::from_storage(text)
        }
    }
}

/// The configuration remembered on this device, if the user asked for that.
#[cfg(target_arch = "wasm32")]
pub fn load_remembered() -> Option<Config> {
    let storage = gloo::utils::window().local_storage().ok()??;
    let text = storage.get_item(STORAGE_KEY).ok()??;
    Some(Config::from_storage(&text)).filter(|c| c.remember)
}

/// Keeps `config` in `localStorage` when it says `remember`, and removes any stored copy
/// otherwise ("forget").
#[cfg(target_arch = "wasm32")]
pub fn persist(config: &Config) {
    let Some(storage) = gloo::utils::window().local_storage().ok().flatten() else {
        return;
    };
    if config.remember {
        let _ = storage.set_item(STORAGE_KEY, &config.to_storage());
    } else {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_form_round_trips() {
        let config = Config {
            identifier: "https://app.example.com/saml".to_owned(),
            reply_urls: "https://a/acs\nhttps://b/acs".to_owned(),
            federation_metadata: "\u{feff}<x a=\"1\">\r\n back\\slash = sign\n</x>".to_owned(),
            profile: "pymetrics".to_owned(),
            idp: "okta".to_owned(),
            sp_software: "python3-saml".to_owned(),
            skew_seconds: Some(0),
            remember: true,
            ..Config::default()
        };
        assert_eq!(Config::from_storage(&config.to_storage()), config);
        assert_eq!(
            Config::from_storage("garbage\nremember=yes"),
            Config::default()
        );
    }
    #[test]
    fn a_private_key_is_never_stored() {
        let fixtures = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/crates/samlscope-core/tests/fixtures/xmlenc/"
        );
        let read = |name: &str| std::fs::read(format!("{fixtures}{name}")).expect(name);
        let text = |name: &str| String::from_utf8(read(name)).expect(name);
        let certificate = text("sp.crt");
        let b64 = |bytes: &[u8]| base64(bytes);
        for key in [
            text("sp.key"),                             // PKCS#8 PEM
            text("sp.rsa.key"),                         // PKCS#1 PEM
            text("sp.enc.key"),                         // encrypted PKCS#8 PEM
            b64(&read("sp.key.der")),                   // a binary key file, as the drawer keeps it
            b64(&read("sp.pfx")),                       // a .pfx bundle dropped on the field
            text("sp.key").replace('\n', "\\n"),        // one line, JSON-escaped line ends
            format!("{certificate}{}", text("sp.key")), // a certificate followed by its key
        ] {
            let config = Config {
                identifier: "https://app.example.com/saml".to_owned(),
                certificate: key.clone(),
                remember: true,
                ..Config::default()
            };
            let stored = config.to_storage();
            assert!(!stored.contains("certificate="), "stored: {stored}");
            assert!(
                stored.contains("identifier=https://app.example.com/saml"),
                "{stored}"
            );
            assert!(
                !stored.contains(&key[key.len() / 2..key.len() / 2 + 16]),
                "{stored}"
            );
        }
        // Certificates, PEM or bare base64 (the portal's "Certificate (Base64)"), are kept.
        let bare: String = certificate
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        for cert in [certificate, bare] {
            let config = Config {
                certificate: cert.clone(),
                remember: true,
                ..Config::default()
            };
            assert_eq!(Config::from_storage(&config.to_storage()).certificate, cert);
        }
    }

    #[test]
    fn a_shared_configuration_is_masked_like_the_message_and_carries_no_key() {
        use samlscope_core::redact::{RedactOptions, Redactor};
        let tenant = "7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38";
        let message = samlscope_core::inspect(
            format!(
                r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/{tenant}/</Issuer></samlp:Response>"#
            ),
            &Context::new(Timestamp(0)),
        );
        let key = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/crates/samlscope-core/tests/fixtures/xmlenc/sp.key"
        ))
        .expect("key");
        let config = Config {
            identifier: "https://app.example.com/saml".to_owned(),
            idp_identifier: format!("https://sts.windows.net/{tenant}/"),
            sign_on_url: format!("https://login.microsoftonline.com/{tenant}/saml2"),
            certificate: key,
            profile: "timetrack".to_owned(),
            skew_seconds: Some(60),
            remember: true,
            ..Config::default()
        };
        let mut redactor = Redactor::new(RedactOptions::ALL);
        let copy = redactor.redact(&message).text;
        assert!(
            copy.contains("https://sts.windows.net/[redacted-tenant-1]/"),
            "{copy}"
        );
        let shared = config.shared_form(&mut |v| redactor.redact_setting(v));
        assert!(!shared.contains(tenant), "{shared}");
        assert!(
            !shared.contains("PRIVATE KEY") && !shared.contains("certificate="),
            "{shared}"
        );
        assert!(!shared.contains("remember"), "{shared}");
        let received = Config::from_shared_form(&(shared + "remember=true\n"));
        assert_eq!(
            received,
            Config {
                identifier: "https://app.example.com/saml".to_owned(),
                idp_identifier: "https://sts.windows.net/[redacted-tenant-1]/".to_owned(),
                sign_on_url: "https://login.microsoftonline.com/[redacted-tenant-1]/saml2"
                    .to_owned(),
                profile: "timetrack".to_owned(),
                skew_seconds: Some(60),
                remember: false,
                ..Config::default()
            }
        );
        // Unredacted, a key is still left out.
        assert!(
            !config
                .shared_form(&mut str::to_owned)
                .contains("PRIVATE KEY")
        );
    }

    use samlscope_core::Timestamp;

    #[test]
    fn the_form_becomes_a_context() {
        let config = Config {
            identifier: " https://app.example.com/saml ".to_owned(),
            reply_urls: "https://app.example.com/acs\n\n https://app.example.com/acs2 \n"
                .to_owned(),
            thumbprints: "AB:CD\n".to_owned(),
            required_claims: "UserEmail\nUserFirstName".to_owned(),
            profile: "pymetrics".to_owned(),
            skew_seconds: Some(0),
            ..Config::default()
        };
        let mut ctx = Context::new(Timestamp(0));
        config.apply(&mut ctx);
        assert_eq!(
            ctx.sp_entity_id.as_deref(),
            Some("https://app.example.com/saml")
        );
        assert_eq!(
            ctx.acs_urls,
            [
                "https://app.example.com/acs",
                "https://app.example.com/acs2"
            ]
        );
        assert_eq!(ctx.thumbprints, ["AB:CD"]);
        assert_eq!(ctx.required_attributes, ["UserEmail", "UserFirstName"]);
        assert_eq!(ctx.profile.as_deref(), Some("pymetrics"));
        assert_eq!(ctx.clock_skew_seconds, 0);
        assert!(ctx.idp_metadata.is_none());
        assert_eq!(config.count(), 6);
    }

    #[test]
    fn every_field_reads_and_writes_its_own_setting() {
        let fields = [
            Field::Identifier,
            Field::ReplyUrls,
            Field::SignOnUrl,
            Field::RelayState,
            Field::IdpIdentifier,
            Field::Thumbprints,
            Field::Certificate,
            Field::FederationMetadata,
            Field::SpMetadata,
            Field::Request,
            Field::RequiredClaims,
        ];
        let mut config = Config::default();
        for (i, field) in fields.iter().enumerate() {
            field.set(&mut config, format!("value {i}"));
        }
        for (i, field) in fields.iter().enumerate() {
            assert_eq!(field.get(&config), format!("value {i}"), "{field:?}");
        }
        let mut ids: Vec<&str> = fields.iter().map(|f| f.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), fields.len());
        // Every text setting counts once; the profile is not a Field.
        assert_eq!(config.count(), fields.len());
    }

    #[test]
    fn sp_metadata_fills_identifier_and_reply_urls() {
        let mut config = Config {
            identifier: "old".to_owned(),
            relay_state: "kept".to_owned(),
            ..Config::default()
        };
        let settings = MetadataSettings {
            entity_id: Some("https://sp.example.com/saml".to_owned()),
            acs_urls: vec![
                "https://sp.example.com/acs".to_owned(),
                "https://sp.example.com/acs2".to_owned(),
            ],
            ..MetadataSettings::default()
        };
        assert_eq!(
            config.fill_from_sp_metadata(&settings).as_deref(),
            Some("Identifier and 2 Reply URLs")
        );
        assert_eq!(config.identifier, "https://sp.example.com/saml");
        assert_eq!(
            config.reply_urls,
            "https://sp.example.com/acs\nhttps://sp.example.com/acs2"
        );
        assert_eq!(config.relay_state, "kept");

        let mut only_acs = Config::default();
        let settings = MetadataSettings {
            acs_urls: vec!["https://sp.example.com/acs".to_owned()],
            ..MetadataSettings::default()
        };
        assert_eq!(
            only_acs.fill_from_sp_metadata(&settings).as_deref(),
            Some("Reply URL")
        );
        assert_eq!(only_acs.identifier, "");
        assert_eq!(
            Config::default().fill_from_sp_metadata(&MetadataSettings::default()),
            None
        );
    }

    #[test]
    fn real_sp_metadata_fills_the_form() {
        let xml = br#"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.com/saml">
  <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <AssertionConsumerService index="0" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.com/acs"/>
  </SPSSODescriptor>
</EntityDescriptor>"#;
        let settings =
            samlscope_core::metadata_settings(xml, "SP metadata", &[]).expect("metadata");
        let mut config = Config::default();
        assert_eq!(
            config.fill_from_sp_metadata(&settings).as_deref(),
            Some("Identifier and Reply URL")
        );
        assert_eq!(config.identifier, "https://sp.example.com/saml");
        assert_eq!(config.reply_urls, "https://sp.example.com/acs");
    }

    #[test]
    fn clock_skew_is_whole_seconds_or_the_default() {
        assert_eq!(parse_skew(" 300 "), Some(300));
        assert_eq!(parse_skew("0"), Some(0));
        assert_eq!(parse_skew(""), None);
        assert_eq!(parse_skew("-5"), None);
        assert_eq!(parse_skew("1.5"), None);
        let config = Config {
            skew_seconds: Some(60),
            ..Config::default()
        };
        assert_eq!(config.skew_text(), "60");
        assert_eq!(Config::default().skew_text(), "");
    }

    #[test]
    fn the_profile_search_matches_title_name_and_hosts() {
        let timetrack = samlscope_core::profiles::find("timetrack").expect("seed profile");
        assert!(profile_matches(timetrack, ""));
        assert!(profile_matches(timetrack, "TimeTrack"));
        assert!(profile_matches(timetrack, "time"));
        assert!(profile_matches(timetrack, "timetrackenterprise.com"));
        assert!(profile_matches(timetrack, "  azure   time "));
        assert!(!profile_matches(timetrack, "pymetrics"));
        let all = samlscope_core::profiles::all();
        assert!(
            all.iter()
                .filter(|p| profile_matches(p, "pymetrics"))
                .count()
                == 1
        );
    }

    #[test]
    fn files_become_text_without_loss() {
        // UTF-8, with its byte order mark kept for the core.
        assert_eq!(file_text("\u{feff}<x>é</x>".as_bytes()), "\u{feff}<x>é</x>");
        // UTF-16 with a byte order mark, both byte orders.
        let mut le = vec![0xFF, 0xFE];
        le.extend("<x>é</x>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(file_text(&le), "<x>é</x>");
        let mut be = vec![0xFE, 0xFF];
        be.extend("<x/>".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(file_text(&be), "<x/>");
        // Binary (a DER certificate) becomes base64.
        assert_eq!(file_text(&[0x30, 0x82, 0x01]), "MIIB");
        assert_eq!(file_text(&[0x30, 0x82, 0xFF, 0xFE]), "MIL//g==");
        assert_eq!(file_text(&[0xFF]), "/w==");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(b"fooba"), "Zm9vYmE=");
        assert_eq!(base64(b""), "");
        // An odd-length "UTF-16" file is not text.
        assert_eq!(file_text(&[0xFF, 0xFE, 0x41]), "//5B");
    }
}
