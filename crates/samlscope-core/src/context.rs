//! The [`Context`]: everything that is not the message.

use crate::time::Timestamp;

/// Default clock skew tolerated by time checks, in seconds (Shibboleth SP and crewjam/saml use 180 s).
pub const DEFAULT_CLOCK_SKEW_SECONDS: u32 = 180;

/// What the time checks take as "now": which clock [`Context::now`] is read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clock {
    /// The time of inspection (the browser's or the machine's clock, or `--now`).
    #[default]
    Now,
    /// When the message was captured (a HAR entry's `startedDateTime`).
    Capture,
    /// The message's own IssueInstant (the Response's, else the Assertion's): "was it valid
    /// when it was issued?". `now` is used when the message has none.
    IssueInstant,
    /// A time the user chose.
    Custom,
}

impl Clock {
    /// "the time of inspection", "the capture time", "the message's IssueInstant", "the
    /// chosen time": what the times were judged at, for sentences.
    pub const fn words(self) -> &'static str {
        match self {
            Self::Now => "the time of inspection",
            Self::Capture => "the capture time",
            Self::IssueInstant => "the message's IssueInstant",
            Self::Custom => "the chosen time",
        }
    }
}

/// Everything `inspect` needs besides the message: the time of inspection, the
/// configuration of the service provider and identity provider, and trust anchors.
///
/// `now` is always injected: the core never reads a clock (the web app passes `Date.now()`,
/// the CLI its clock or `--now`, a HAR entry its capture time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// The time of inspection.
    pub now: Timestamp,
    /// Which clock `now` is: with [`Clock::IssueInstant`], the message's IssueInstant replaces
    /// it once the message is read.
    pub clock: Clock,
    /// Clock skew tolerated by the time checks, in seconds.
    pub clock_skew_seconds: u32,
    /// The SP entity ID (Entra: "Identifier (Entity ID)").
    pub sp_entity_id: Option<String>,
    /// The ACS URLs (Entra: "Reply URL").
    pub acs_urls: Vec<String>,
    /// The expected IdP entity ID (Entra: "Microsoft Entra Identifier").
    pub idp_entity_id: Option<String>,
    /// Trusted certificate thumbprints (SHA-1 or SHA-256 hex; any case and separators).
    pub thumbprints: Vec<String>,
    /// Trusted certificates, as given (PEM, base64 or DER bytes).
    pub idp_certificates: Vec<Vec<u8>>,
    /// IdP metadata, as given.
    pub idp_metadata: Option<Vec<u8>>,
    /// SP metadata, as given.
    pub sp_metadata: Option<Vec<u8>>,
    /// AuthnRequests the SP sent, as given (any encoding `inspect` accepts).
    pub requests: Vec<Vec<u8>>,
    /// Attribute names that must be present.
    pub required_attributes: Vec<String>,
    /// Name of an app profile.
    pub profile: Option<String>,
    /// The Relay State configured for the app (Entra: Basic SAML Configuration → Relay State),
    /// which Entra sends with IdP-initiated sign-ons.
    pub relay_state: Option<String>,
    /// SP private key for decryption, as given.
    pub sp_key: Option<Vec<u8>>,
    /// The identity provider the user chose (`okta`, a key `samlscope idps` lists): fixes
    /// speak its words whatever the message looks like. Unset, it is detected.
    pub idp: Option<String>,
    /// The user's SP software (`python3-saml`, a key `samlscope sps` lists): its predicted
    /// verdict leads the acceptance table.
    pub sp_software: Option<String>,
}

impl Context {
    /// A context at time `now` with nothing configured and the default skew.
    pub fn new(now: Timestamp) -> Self {
        Self {
            now,
            clock: Clock::Now,
            clock_skew_seconds: DEFAULT_CLOCK_SKEW_SECONDS,
            sp_entity_id: None,
            acs_urls: Vec::new(),
            idp_entity_id: None,
            thumbprints: Vec::new(),
            idp_certificates: Vec::new(),
            idp_metadata: None,
            sp_metadata: None,
            requests: Vec::new(),
            required_attributes: Vec::new(),
            profile: None,
            relay_state: None,
            sp_key: None,
            idp: None,
            sp_software: None,
        }
    }

    /// The configured Relay State, trimmed; `None` when unset or blank.
    pub fn configured_relay_state(&self) -> Option<&str> {
        self.relay_state
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}
