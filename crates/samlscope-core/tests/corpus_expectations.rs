//! Conformance over `../shared/corpus` beyond kinds and signatures: every MANIFEST entry whose
//! `expected` states an audience, destination, issuer, status, time, request-ID, NameID or
//! attribute expectation is reproduced with samlscope, in the settings the source project's own
//! test used (its SP entity ID, ACS URL, IdP entity ID, frozen clock, clock skew, request IDs —
//! from `expected`, `notes`, and where only the test itself says it, from that test, cited).
//!
//! Two kinds of checks:
//! * facts — the summary shows the stated audience / destination / issuer / status / NameID /
//!   InResponseTo / times / attributes;
//! * settings — e.g. `error_with_sp_entity_id_invalid`: inspected with SP entity ID `invalid`,
//!   `audience-mismatch` fires; `error_at_<time>`: at that time a time rule fires; `valid_at` /
//!   `checked_at`: at that time no time rule fires (of those the project checks: ruby-saml and
//!   python3-saml do not look at IssueInstant, only crewjam bounds it; only the OneLogin toolkits
//!   check SessionNotOnOrAfter); `error_acs_<url>`: with that ACS URL a destination or recipient
//!   mismatch fires; and so on (see `plan`).
//!
//! Checks that depend on a rule still being written (its docs are the `TODO` stub) are run and
//! printed as `pending`, never failing. Every other disagreement fails the test unless it is
//! listed in `KNOWN_EXCEPTIONS` (a real semantic difference) or `KNOWN_BUGS` (samlscope is wrong
//! or lacks the check, and the source project is right: reported, to be fixed, and then removed
//! from the list — a listed entry that agrees again also fails the test).
//!
//! What keeps the test from passing by not looking:
//! * every rule name used here is one of the core's catalogue (`rules::RULES`): a misspelled
//!   name would never fire (a "does not fire" check always agrees) and would count as a stub
//!   ("pending") forever. `rule_names_here_are_in_the_catalogue` checks every kebab-case string
//!   of this file, with or without the corpus; `fired`, `silent` and `Tally::record` check the
//!   names they are given;
//! * a "does not fire" check agrees only when a SAML message was read at all;
//! * each category must decide (agree or disagree, not pending) at least as many checks as it did
//!   when last counted (`MIN_DECIDED`): a renamed MANIFEST key, a misspelled project directory
//!   or a check that stopped recording makes the count drop;
//! * every project directory named here (`PROJECTS`) has files in the corpus, and every list
//!   entry (`KNOWN_EXCEPTIONS`, `KNOWN_BUGS`) matches a check that disagrees.
//!
//! The corpus is read in place, never copied here; when it is absent the test prints a notice and
//! passes (the catalogue check still runs).

use std::collections::BTreeMap;
use std::path::PathBuf;

use samlscope_core::{Context, Report, Timestamp, inspect, rules};
use serde_json::{Map, Value};

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("MANIFEST.json").is_file().then_some(dir)
}

// ---- what the source projects' tests used ----

/// "Now" for the tests that run on the wall clock (python3-saml and ruby-saml tests without a
/// frozen clock): any date after the corpus snapshot and before the fixtures' far-future expiries
/// (2054 and later) gives the same answers.
const WALL_CLOCK: &str = "2026-01-01T00:00:00Z";

/// python3-saml `tests/settings/settings1.json` and `get_request_data()` of its response tests:
/// the settings of every strict-mode expectation (`error_strict…`, `valid`, `timestamps_valid`).
const PY_SP_ENTITY_ID: &str = "http://stuff.com/endpoints/metadata.php";
const PY_IDP_ENTITY_ID: &str = "http://idp.example.com/";
const PY_CURRENT_URL: &str = "http://example.com/index.html";
/// The ACS and SLS URLs python3-saml's tests rewrite to `PY_CURRENT_URL` in the decoded XML
/// before a strict validation, "so the Destination check passes" (notes).
const PY_FIXTURE_ACS: &str = "http://stuff.com/endpoints/endpoints/acs.php";
const PY_FIXTURE_SLS: &str = "http://stuff.com/endpoints/endpoints/sls.php";
/// `testIsInValidRequestId` (response_test.py): `request_id = 'invalid'`.
const PY_INVALID_REQUEST_ID: &str = "invalid";
/// `testIsValidWithoutInResponseTo` (response_test.py:1779): `freeze_time(NotOnOrAfter − 150 s)`
/// with NotOnOrAfter `2014-02-19T09:37:01Z`.
const PY_WITHOUT_IN_RESPONSE_TO_CLOCK: &str = "2014-02-19T09:34:31Z";
/// `testIsValidDestinationCapitalizationOfHost` / `…OfElements` request data.
const PY_HOST_CAPITALIZED: &str = "http://StuFF.Com/endpoints/endpoints/acs.php";
const PY_PATH_CAPITALIZED: &str = "http://stuff.com/Endpoints/endPoints/acs.php";
const PY_BOTH_CAPITALIZED: &str = "http://StuFF.Com/Endpoints/endPoints/aCs.php";

const NOT_YET_VALID: &str = "conditions-not-yet-valid";
const EXPIRED: &str = "conditions-expired";
const CONFIRMATION_EXPIRED: &str = "subject-confirmation-expired";
const SESSION_EXPIRED: &str = "session-expired";
const ISSUE_INSTANT: &str = "issue-instant-skew";

/// How a source project checks time: its default clock skew and the time checks it performs
/// (as samlscope rules).
struct Project {
    skew: u32,
    time_rules: &'static [&'static str],
}

/// The projects whose time checks are reproduced, by their directory in the corpus
/// (`responses/<project>/…`): (directory, default skew, the time checks it performs).
const PROJECTS: &[(&str, u32, &[&str])] = &[
    // ruby-saml: allowed_clock_drift 0; Conditions, SubjectConfirmationData NotOnOrAfter and
    // SessionNotOnOrAfter; no IssueInstant check.
    (
        "ruby-saml",
        0,
        &[
            NOT_YET_VALID,
            EXPIRED,
            CONFIRMATION_EXPIRED,
            SESSION_EXPIRED,
        ],
    ),
    // python3-saml: ALLOWED_CLOCK_DRIFT 300 s; the same checks as ruby-saml.
    (
        "python3-saml",
        300,
        &[
            NOT_YET_VALID,
            EXPIRED,
            CONFIRMATION_EXPIRED,
            SESSION_EXPIRED,
        ],
    ),
    // crewjam/saml: MaxClockSkew 180 s, MaxIssueDelay 90 s on IssueInstant; no session check.
    (
        "crewjam-saml",
        180,
        &[NOT_YET_VALID, EXPIRED, CONFIRMATION_EXPIRED, ISSUE_INSTANT],
    ),
    // gosaml2 (no skew: `now.After`) and node-saml (acceptedClockSkewMs 0): Conditions and
    // SubjectConfirmationData NotOnOrAfter only.
    (
        "gosaml2",
        0,
        &[NOT_YET_VALID, EXPIRED, CONFIRMATION_EXPIRED],
    ),
    (
        "node-saml",
        0,
        &[NOT_YET_VALID, EXPIRED, CONFIRMATION_EXPIRED],
    ),
];

/// The project directory of a corpus file (`responses/ruby-saml/x.xml` → `ruby-saml`).
fn project_dir(file: &str) -> &str {
    file.split('/').nth(1).unwrap_or("")
}

/// Whether `file` comes from `dir`, one of `PROJECTS` (a misspelled name fails here rather than
/// silently never matching).
fn from_project(file: &str, dir: &str) -> bool {
    assert!(
        PROJECTS.iter().any(|(d, _, _)| *d == dir),
        "`{dir}` is not a project of PROJECTS"
    );
    project_dir(file) == dir
}

fn project(file: &str) -> Project {
    let dir = project_dir(file);
    PROJECTS.iter().find(|(d, _, _)| *d == dir).map_or(
        // samael (its tests size skew and issue delay from "now"), samlify: no time expectation
        // is derived for them.
        Project {
            skew: 180,
            time_rules: &[],
        },
        |&(_, skew, time_rules)| Project { skew, time_rules },
    )
}

// ---- known differences ----

/// Disagreements that are real semantic differences, not samlscope bugs: (file, check key, why).
const KNOWN_EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "responses/python3-saml/unsigned_response.xml.base64",
        "host_case_insensitive:recipient",
        "python3-saml compares the Destination's host case-insensitively but the Recipient byte \
         for byte; samlscope compares every ACS URL as RFC 3986 §6.2.2.1 says (scheme and host \
         case-insensitive, path exact), so the host-capitalized Recipient matches",
    ),
    (
        "requests/python3-saml/logout_request.xml",
        "error_strict_contains",
        "python3-saml compares a LogoutRequest's Destination with the URL it was received at (its \
         SLS endpoint); samlscope's Context knows Reply URLs (ACS), which a logout message must \
         not be compared with, and has no SingleLogoutService URL setting",
    ),
    (
        "requests/python3-saml/logout_response_deflated.xml.base64",
        "error_strict_contains",
        "as for logout_request.xml: a LogoutResponse's Destination is an SLS URL, and the Context \
         has no SingleLogoutService URL to compare it with",
    ),
    (
        "responses/ruby-saml/invalids_response_with_doubled_signed_assertion.xml",
        "name_id",
        "signature-wrapping sample: ruby-saml reads the NameID of the signed Assertion; the summary \
         shows the first Assertion in document order (what a naive SP reads) and samlscope reports \
         signature-wrapping (tests/corpus.rs checks that)",
    ),
    (
        "responses/ruby-saml/invalids_response_with_concealed_signed_assertion.xml",
        "name_id",
        "signature-wrapping sample: ruby-saml finds no Assertion where the signature says and \
         returns nil; the summary shows the Assertion in the document, and samlscope reports \
         signature-wrapping",
    ),
    (
        "responses/python3-saml/response4.xml.base64",
        "name_id",
        "signature-wrapping sample: python3-saml reads the signed (wrapped) Assertion; the summary \
         shows the first Assertion in document order, and samlscope reports signature-wrapping",
    ),
    (
        "requests/ruby-saml/slo_request.xml",
        "name_id_format",
        "ruby-saml's #nameid_format test reads `logout_request_document_with_name_id_format`, a \
         variant test_helper.rb builds in memory with a Format attribute; this file has none",
    ),
];

/// Disagreements where the source project is right and samlscope is wrong or lacks the check:
/// (file, check key, what is wrong). Reported, not fixed here; remove an entry once fixed (a
/// listed check that agrees fails the test as stale).
const KNOWN_BUGS: &[(&str, &str, &str)] = &[];

/// How many checks each category decided (agreed or disagreed) when last counted, over the
/// corpus snapshot in ../shared/corpus: fewer means checks were lost, not that the corpus is
/// right. Raise a number when checks are added.
const MIN_DECIDED: [(Category, usize); 8] = [
    (Category::Audience, 27),
    (Category::Destination, 39),
    (Category::Issuer, 38),
    (Category::Status, 11),
    (Category::Time, 48),
    (Category::RequestId, 22),
    (Category::NameId, 46),
    (Category::Attributes, 72),
];

/// The kebab-case strings of this file that are no rule names.
const NOT_RULE_NAMES: &[&str] = &[
    "ruby-saml",
    "python3-saml",
    "crewjam-saml",
    "node-saml",
    "request-id",
    "name-id",
];

// ---- the checks ----

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Audience,
    Destination,
    Issuer,
    Status,
    Time,
    RequestId,
    NameId,
    Attributes,
}

impl Category {
    const ALL: [Self; 8] = [
        Self::Audience,
        Self::Destination,
        Self::Issuer,
        Self::Status,
        Self::Time,
        Self::RequestId,
        Self::NameId,
        Self::Attributes,
    ];

    const fn label(self) -> &'static str {
        match self {
            Self::Audience => "audience",
            Self::Destination => "destination",
            Self::Issuer => "issuer",
            Self::Status => "status",
            Self::Time => "time",
            Self::RequestId => "request-id",
            Self::NameId => "name-id",
            Self::Attributes => "attributes",
        }
    }
}

enum Outcome {
    /// `vacuous`: only because the rules could not see the (encrypted) Assertion.
    Agree {
        vacuous: bool,
    },
    Disagree(String),
    /// The rule it depends on is still a stub; what samlscope said, for information.
    Pending(&'static str, String),
}

struct Check {
    category: Category,
    file: String,
    key: String,
    what: String,
    outcome: Outcome,
}

/// The catalogue's rule named exactly `name`; a name that is none fails the test (a misspelled
/// rule never fires, so "does not fire" would always agree and "fires" never could).
fn rule(name: &str) -> &'static samlscope_core::Rule {
    rules::RULES
        .iter()
        .copied()
        .find(|r| r.name == name)
        .unwrap_or_else(|| {
            panic!("`{name}` is no rule of the catalogue (crates/samlscope-core/src/rules/mod.rs)")
        })
}

/// Whether a rule is still the registered stub ("## What it does\nTODO…").
fn pending_rule(name: &str) -> bool {
    rule(name).docs.contains("TODO")
}

fn ts(text: &str) -> Timestamp {
    let text = text.trim();
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_owned()
    };
    Timestamp::parse(&full).unwrap_or_else(|| panic!("not a time: {text}"))
}

/// What the report read of times, for the message of a time disagreement.
fn time_facts(report: &Report) -> String {
    let show = |t: Option<Timestamp>| t.map_or("-".to_owned(), |t| t.to_string());
    format!(
        "summary: IssueInstant {}, NotBefore {}, NotOnOrAfter {}, plain assertions {}, decrypted {}",
        show(report.summary.issue_instant),
        show(report.summary.not_before),
        show(report.summary.not_on_or_after),
        report
            .message
            .as_ref()
            .and_then(|m| m.response())
            .map_or(0, |r| r.assertions.len()),
        report.decrypted.len()
    )
}

fn names(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.name()).collect()
}

/// Ok(vacuous) when samlscope agrees; `vacuous` when it agrees only because it did not look.
type Verdict = Result<bool, String>;

/// Ok when one of `rules` fired.
fn fired(report: &Report, rules: &[&str]) -> Verdict {
    for name in rules {
        rule(name);
    }
    if report.findings.iter().any(|f| rules.contains(&f.name())) {
        Ok(false)
    } else {
        Err(format!(
            "none of {} fired (findings: {:?})",
            rules.join(" / "),
            names(report)
        ))
    }
}

/// Ok when none of `rules` fired — and a SAML message was read: silence about nothing (an input
/// that did not decode or parse) is no answer.
fn silent(report: &Report, rules: &[&str]) -> Verdict {
    for name in rules {
        rule(name);
    }
    if report.message.is_none() {
        return Err(format!(
            "no SAML message was read ({}; findings {:?}), so the silence of {} says nothing",
            report.kind.label(),
            names(report),
            rules.join(" / ")
        ));
    }
    let hits: Vec<String> = report
        .findings
        .iter()
        .filter(|f| rules.contains(&f.name()))
        .map(|f| format!("{}: {}", f.name(), f.message))
        .collect();
    if hits.is_empty() {
        // The rules read decrypted assertions too: silence is an answer.
        Ok(false)
    } else {
        Err(hits.join(" | "))
    }
}

fn equal<T: PartialEq + std::fmt::Debug>(expected: &T, ours: &T) -> Verdict {
    if expected == ours {
        Ok(false)
    } else {
        Err(format!("expected {expected:?}, samlscope says {ours:?}"))
    }
}

/// A minimal AuthnRequest with the given ID, as the SP would have sent it.
fn authn_request(id: &str, at: Timestamp) -> Vec<u8> {
    format!(
        "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" \
         xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"{id}\" Version=\"2.0\" \
         IssueInstant=\"{at}\"><saml:Issuer>https://sp.example.com/corpus-expectations</saml:Issuer>\
         </samlp:AuthnRequest>"
    )
    .into_bytes()
}

/// One MANIFEST entry, with what it takes to inspect it in a given setting.
struct Entry<'a> {
    file: &'a str,
    raw: Vec<u8>,
    expected: &'a Map<String, Value>,
    sp_key: Option<Vec<u8>>,
    project: Project,
    attack: bool,
    kind: &'a str,
}

impl Entry<'_> {
    fn str(&self, key: &str) -> Option<&str> {
        self.expected.get(key).and_then(Value::as_str)
    }

    fn is(&self, key: &str, value: bool) -> bool {
        self.expected.get(key).and_then(Value::as_bool) == Some(value)
    }

    /// All string values of the `error…` keys (strings or lists of strings), with their key.
    fn errors(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        for (k, v) in self.expected {
            if !(k.starts_with("error") || k.starts_with("ruby-saml_error")) {
                continue;
            }
            match v {
                Value::String(s) => out.push((k.as_str(), s.as_str())),
                Value::Array(items) => {
                    out.extend(
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .map(|s| (k.as_str(), s)),
                    );
                }
                _ => {}
            }
        }
        out
    }

    fn context(&self, now: Timestamp, skew: u32) -> Context {
        let mut ctx = Context::new(now);
        ctx.clock_skew_seconds = skew;
        ctx.sp_key.clone_from(&self.sp_key);
        ctx
    }

    /// Inspects the file at `now` with the project's skew, after `set` adjusted the context.
    fn at(&self, now: Timestamp, set: impl FnOnce(&mut Context)) -> Report {
        self.bytes_at(&self.raw, now, self.project.skew, set)
    }

    fn bytes_at(
        &self,
        bytes: &[u8],
        now: Timestamp,
        skew: u32,
        set: impl FnOnce(&mut Context),
    ) -> Report {
        let mut ctx = self.context(now, skew);
        set(&mut ctx);
        inspect(bytes, &ctx)
    }

    /// The decoded XML with `from` replaced by `to`, as python3-saml's tests rewrite it.
    fn rewritten(&self, from: &str, to: &str) -> Vec<u8> {
        let report = self.at(ts(WALL_CLOCK), |_| {});
        report.text().replace(from, to).into_bytes()
    }

    /// The clock the source test froze for an accepted response, when it says.
    fn accept_clock(&self) -> Option<Timestamp> {
        ["valid_at", "checked_at", "time_now"]
            .iter()
            .find_map(|k| self.str(k))
            .map(ts)
    }
}

struct Tally {
    checks: Vec<Check>,
}

impl Tally {
    fn record(
        &mut self,
        category: Category,
        entry: &Entry<'_>,
        key: &str,
        what: String,
        depends: &[&'static str],
        result: Verdict,
    ) {
        let outcome = if let Some(rule) = depends.iter().find(|r| pending_rule(r)) {
            Outcome::Pending(
                rule,
                match result {
                    Ok(_) => "would agree".to_owned(),
                    Err(e) => e,
                },
            )
        } else {
            match result {
                Ok(vacuous) => Outcome::Agree { vacuous },
                Err(e) => Outcome::Disagree(e),
            }
        };
        self.checks.push(Check {
            category,
            file: entry.file.to_owned(),
            key: key.to_owned(),
            what,
            outcome,
        });
    }
}

// ---- reading the report ----

/// Every Issuer of the message: its own, the carried Response's, and those of its Assertions
/// (plain and decrypted), first occurrence first (python3-saml `get_issuers`).
fn all_issuers(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    };
    if let Some(m) = &report.message {
        if let Some(h) = m.header() {
            h.issuers.iter().for_each(|t| push(t.trimmed()));
        }
        if let Some(r) = m.response() {
            r.header.issuers.iter().for_each(|t| push(t.trimmed()));
            for a in &r.assertions {
                a.issuers.iter().for_each(|t| push(t.trimmed()));
            }
        }
    }
    for d in &report.decrypted {
        if let Some(a) = &d.assertion {
            a.issuers.iter().for_each(|t| push(t.trimmed()));
        }
    }
    out
}

/// The first Assertion the report read: plain, else decrypted.
fn first_assertion(report: &Report) -> Option<&samlscope_core::model::Assertion> {
    report
        .message
        .as_ref()
        .and_then(|m| m.response())
        .and_then(|r| r.assertions.first())
        .or_else(|| report.decrypted.iter().find_map(|d| d.assertion.as_ref()))
}

/// IssueInstant of the Assertion, else of the Response (gosaml2's provider-test clock).
fn assertion_or_response_instant(report: &Report) -> Option<Timestamp> {
    first_assertion(report)
        .and_then(|a| a.issue_instant.as_ref())
        .and_then(|t| t.at)
        .or(report.summary.issue_instant)
}

/// A MANIFEST attribute value as text: strings as they are, `null` (xsi:nil) as the empty text
/// the summary keeps for it, `{"NameID": {"value": …}}` as the NameID's text.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o
            .get("NameID")
            .and_then(|n| n.get("value"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

/// The summary's attributes, values merged per Name (or per FriendlyName) in document order, as
/// ruby-saml and python3-saml (with allowRepeatAttributeName) return them.
fn merged_attributes(report: &Report, by_friendly_name: bool) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in &report.summary.attributes {
        let key = if by_friendly_name {
            match &a.friendly_name {
                Some(f) => f.clone(),
                None => continue,
            }
        } else {
            a.name.clone()
        };
        out.entry(key)
            .or_default()
            .extend(a.values.iter().map(|v| v.trim().to_owned()));
    }
    out
}

// ---- the mapping from MANIFEST keys to checks ----

fn plan(e: &Entry<'_>, t: &mut Tally) {
    let wall = ts(WALL_CLOCK);
    let some_clock = e.accept_clock().unwrap_or(wall);
    let base = e.at(some_clock, |_| {});
    let gosaml2 = from_project(e.file, "gosaml2");
    let python = from_project(e.file, "python3-saml");

    audience(e, t, &base, gosaml2, python, some_clock);
    destination(e, t, &base, gosaml2, python, some_clock);
    issuer(e, t, &base, gosaml2, python, some_clock);
    status(e, t, &base);
    time(e, t, &base, gosaml2, python);
    request_id(e, t, &base, some_clock);
    name_id(e, t, &base, python, some_clock);
    attributes(e, t, &base, some_clock);
}

/// gosaml2's provider tests configure one SP for every file of a scenario matrix; a setting is
/// exercised only when the file passed (`valid: true`, the check did not fire) or when the error
/// names that very check (it fired). Files rejected earlier (signature, decryption) say nothing.
fn gosaml2_verdict(e: &Entry<'_>, error_words: &[&str]) -> Option<bool> {
    if e.str("error")
        .is_some_and(|err| error_words.iter().any(|w| err.contains(w)))
    {
        Some(true)
    } else if e.is("valid", true) {
        Some(false)
    } else {
        None
    }
}

fn audience(
    e: &Entry<'_>,
    t: &mut Tally,
    base: &Report,
    gosaml2: bool,
    python: bool,
    clock: Timestamp,
) {
    const RULE: &[&str] = &["audience-mismatch"];
    let cat = Category::Audience;
    // Facts: `audience` (the Audience in the file, except in gosaml2 where it is the SP's
    // AudienceURI setting) and `audiences`.
    let mut facts: Vec<(&str, String)> = Vec::new();
    if !gosaml2 && let Some(a) = e.str("audience") {
        facts.push(("audience", a.to_owned()));
    }
    if let Some(list) = e.expected.get("audiences").and_then(Value::as_array) {
        facts.extend(
            list.iter()
                .filter_map(Value::as_str)
                .map(|a| ("audiences", a.to_owned())),
        );
    }
    for (key, a) in facts {
        let shown = if base.summary.audiences.iter().any(|x| x == &a) {
            Ok(false)
        } else {
            Err(format!("summary audiences {:?}", base.summary.audiences))
        };
        t.record(
            cat,
            e,
            key,
            format!("summary shows Audience `{a}`"),
            &[],
            shown,
        );
        let r = e.at(clock, |c| c.sp_entity_id = Some(a.clone()));
        t.record(
            cat,
            e,
            key,
            format!("with SP entity ID `{a}`: no audience-mismatch"),
            &[],
            silent(&r, RULE),
        );
    }
    // gosaml2: the SP's AudienceURI; `warning: NotInAudience` when it is not an Audience.
    if gosaml2 && let Some(a) = e.str("audience") {
        let not_in_audience = e.str("warning") == Some("NotInAudience");
        if not_in_audience || e.is("valid", true) {
            let r = e.at(clock, |c| c.sp_entity_id = Some(a.to_owned()));
            let (what, result) = if not_in_audience {
                (
                    "audience-mismatch fires (warning NotInAudience)",
                    fired(&r, RULE),
                )
            } else {
                ("no audience-mismatch", silent(&r, RULE))
            };
            t.record(
                cat,
                e,
                "audience",
                format!("with AudienceURI `{a}`: {what}"),
                &[],
                result,
            );
        }
    }
    // Settings: an SP entity ID the audience error names.
    for (key, err) in e.errors() {
        if let Some((_, expected)) = err.split_once("did not match the expected audience ") {
            let sp = expected.trim().to_owned();
            let r = e.at(clock, |c| c.sp_entity_id = Some(sp.clone()));
            t.record(
                cat,
                e,
                key,
                format!("with SP entity ID `{sp}`: audience-mismatch fires"),
                &[],
                fired(&r, RULE),
            );
        }
        if python && key.starts_with("error_strict") && err.contains("valid audience") {
            let r = e.at(clock, |c| c.sp_entity_id = Some(PY_SP_ENTITY_ID.to_owned()));
            t.record(
                cat,
                e,
                key,
                format!("with settings1 SP entity ID `{PY_SP_ENTITY_ID}`: audience-mismatch fires"),
                &[],
                fired(&r, RULE),
            );
        }
    }
    // `sp_entity_id` of an accepted response (crewjam, ruby-saml, python3-saml strict-valid).
    if e.kind != "metadata"
        && let Some(sp) = e.str("sp_entity_id")
    {
        let r = e.at(clock, |c| c.sp_entity_id = Some(sp.to_owned()));
        t.record(
            cat,
            e,
            "sp_entity_id",
            format!("with SP entity ID `{sp}`: no audience-mismatch"),
            &[],
            silent(&r, RULE),
        );
    }
    // python3-saml valid_response is strict-valid with settings1 (response_test.py:1841).
    if python && e.str("strict_valid_at_url").is_some() {
        let r = e.at(clock, |c| c.sp_entity_id = Some(PY_SP_ENTITY_ID.to_owned()));
        t.record(
            cat,
            e,
            "strict_valid_at_url",
            format!(
                "strict-valid with settings1 SP entity ID `{PY_SP_ENTITY_ID}`: no audience-mismatch"
            ),
            &[],
            silent(&r, RULE),
        );
    }
}

fn destination(
    e: &Entry<'_>,
    t: &mut Tally,
    base: &Report,
    gosaml2: bool,
    python: bool,
    clock: Timestamp,
) {
    const BOTH: &[&str] = &["destination-mismatch", "recipient-mismatch"];
    const DEST: &[&str] = &["destination-mismatch"];
    const RECIPIENT: &[&str] = &["recipient-mismatch"];
    let cat = Category::Destination;
    let with_acs = |url: &str| e.at(clock, |c| c.acs_urls = vec![url.to_owned()]);

    if let Some(d) = e.str("destination") {
        t.record(
            cat,
            e,
            "destination",
            format!("summary shows Destination `{d}`"),
            &[],
            equal(&Some(d.to_owned()), &base.summary.destination),
        );
    }
    if let Some(rcpt) = e.str("subject_confirmation_recipient") {
        t.record(
            cat,
            e,
            "subject_confirmation_recipient",
            format!("summary shows Recipient `{rcpt}`"),
            &[],
            equal(&Some(rcpt.to_owned()), &base.summary.recipient),
        );
    }
    // ruby-saml `validate_destination` with each ACS URL (scheme and host case-insensitive).
    if let Some(map) = e
        .expected
        .get("destination_match")
        .and_then(Value::as_object)
    {
        for (url, matches) in map {
            let r = with_acs(url);
            let (what, result) = if matches.as_bool() == Some(true) {
                ("no destination-mismatch", silent(&r, DEST))
            } else {
                ("destination-mismatch fires", fired(&r, DEST))
            };
            t.record(
                cat,
                e,
                &format!("destination_match:{url}"),
                format!("with ACS URL `{url}`: {what}"),
                &[],
                result,
            );
        }
    }
    // ACS URLs of accepted responses.
    let accepted_acs: Vec<(&str, &str)> = ["acs_url", "request_url", "strict_valid_at_url"]
        .iter()
        .filter_map(|k| e.str(k).map(|v| (*k, v)))
        .filter(|_| !gosaml2 && !e.attack)
        .collect();
    for (key, url) in accepted_acs {
        let r = with_acs(url);
        t.record(
            cat,
            e,
            key,
            format!("with ACS URL `{url}`: no destination-mismatch / recipient-mismatch"),
            &[],
            silent(&r, BOTH),
        );
    }
    if gosaml2
        && let Some(url) = e.str("acs_url")
        && let Some(fires) = gosaml2_verdict(e, &["Destination", "Recipient"])
    {
        let r = with_acs(url);
        let (what, result) = if fires {
            (
                "destination-mismatch / recipient-mismatch fires",
                fired(&r, BOTH),
            )
        } else {
            (
                "no destination-mismatch / recipient-mismatch",
                silent(&r, BOTH),
            )
        };
        t.record(
            cat,
            e,
            "acs_url",
            format!("with AssertionConsumerServiceURL `{url}`: {what}"),
            &[],
            result,
        );
    }
    for (key, err) in e.errors() {
        if let Some(url) = key.strip_prefix("error_acs_") {
            let r = with_acs(url);
            t.record(
                cat,
                e,
                key,
                format!("with ACS URL `{url}`: destination-mismatch / recipient-mismatch fires"),
                &[],
                fired(&r, BOTH),
            );
        }
        if err.contains("empty Destination value") {
            t.record(
                cat,
                e,
                key,
                "the empty Destination of a signed Response: destination-missing fires".to_owned(),
                &[],
                fired(base, &["destination-missing"]),
            );
        }
        if python && key.starts_with("error_strict") && err.contains("was received at") {
            let r = with_acs(PY_CURRENT_URL);
            t.record(
                cat,
                e,
                key,
                format!("received at `{PY_CURRENT_URL}`: destination-mismatch fires"),
                &[],
                fired(&r, DEST),
            );
        }
        if python && key == "error_strict" && err.contains("valid SubjectConfirmation") {
            // The test rewrites the ACS URL of the fixture to the current URL first.
            let bytes = e.rewritten(PY_FIXTURE_ACS, PY_CURRENT_URL);
            let r = e.bytes_at(&bytes, clock, e.project.skew, |c| {
                c.acs_urls = vec![PY_CURRENT_URL.to_owned()];
            });
            t.record(
                cat,
                e,
                key,
                format!(
                    "rewritten to and received at `{PY_CURRENT_URL}`: recipient-mismatch fires, \
                     no destination-mismatch"
                ),
                &[],
                fired(&r, RECIPIENT).and(silent(&r, DEST)),
            );
        }
    }
    // python3-saml compares the Destination's host case-insensitively, its path exactly; the
    // Recipient it compares exactly (the host-capitalized URL then fails the SubjectConfirmation).
    if python && e.is("host_case_insensitive", true) {
        let r = with_acs(PY_HOST_CAPITALIZED);
        t.record(
            cat,
            e,
            "host_case_insensitive",
            format!("with ACS URL `{PY_HOST_CAPITALIZED}`: no destination-mismatch"),
            &[],
            silent(&r, DEST),
        );
        t.record(
            cat,
            e,
            "host_case_insensitive:recipient",
            format!("with ACS URL `{PY_HOST_CAPITALIZED}`: recipient-mismatch fires"),
            &[],
            fired(&r, RECIPIENT),
        );
    }
    if python && e.is("path_case_sensitive", true) {
        for url in [PY_PATH_CAPITALIZED, PY_BOTH_CAPITALIZED] {
            let r = with_acs(url);
            t.record(
                cat,
                e,
                &format!("path_case_sensitive:{url}"),
                format!("with ACS URL `{url}`: destination-mismatch fires"),
                &[],
                fired(&r, DEST),
            );
        }
    }
}

fn issuer(
    e: &Entry<'_>,
    t: &mut Tally,
    base: &Report,
    gosaml2: bool,
    python: bool,
    clock: Timestamp,
) {
    const RULE: &[&str] = &["issuer-mismatch"];
    let cat = Category::Issuer;
    let with_idp = |idp: &str| e.at(clock, |c| c.idp_entity_id = Some(idp.to_owned()));
    if e.kind != "metadata"
        && let Some(i) = e.str("issuer")
    {
        t.record(
            cat,
            e,
            "issuer",
            format!("summary shows Issuer `{i}`"),
            &[],
            equal(&Some(i.to_owned()), &base.summary.issuer),
        );
        let r = with_idp(i);
        t.record(
            cat,
            e,
            "issuer",
            format!("with IdP entity ID `{i}`: no issuer-mismatch"),
            &[],
            silent(&r, RULE),
        );
    }
    if let Some(list) = e.expected.get("issuers").and_then(Value::as_array) {
        let mut expected: Vec<String> = list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        let mut ours = all_issuers(base);
        expected.sort();
        ours.sort();
        t.record(
            cat,
            e,
            "issuers",
            format!("the message's Issuers are {expected:?}"),
            &[],
            equal(&expected, &ours),
        );
    }
    if gosaml2
        && let Some(i) = e.str("idp_issuer")
        && let Some(fires) = gosaml2_verdict(e, &["Issuer"])
    {
        let r = with_idp(i);
        let (what, result) = if fires {
            ("issuer-mismatch fires", fired(&r, RULE))
        } else {
            ("no issuer-mismatch", silent(&r, RULE))
        };
        t.record(
            cat,
            e,
            "idp_issuer",
            format!("with IdentityProviderIssuer `{i}`: {what}"),
            &[],
            result,
        );
    }
    if python
        && e.kind != "metadata"
        && let Some(i) = e.str("idp_entity_id")
    {
        let r = with_idp(i);
        t.record(
            cat,
            e,
            "idp_entity_id",
            format!("strict-valid with IdP entity ID `{i}`: no issuer-mismatch"),
            &[],
            silent(&r, RULE),
        );
    }
    if python && e.str("strict_valid_at_url").is_some() {
        let r = with_idp(PY_IDP_ENTITY_ID);
        t.record(
            cat,
            e,
            "strict_valid_at_url",
            format!(
                "strict-valid with settings1 IdP entity ID `{PY_IDP_ENTITY_ID}`: no issuer-mismatch"
            ),
            &[],
            silent(&r, RULE),
        );
    }
    for (key, err) in e.errors() {
        if let Some(idp) = key.strip_prefix("error_idp_entity_id_") {
            let r = with_idp(idp);
            t.record(
                cat,
                e,
                key,
                format!("with IdP entity ID `{idp}`: issuer-mismatch fires"),
                &[],
                fired(&r, RULE),
            );
        }
        if python && key == "error_strict" && err.starts_with("Invalid issuer") {
            let bytes = e.rewritten(PY_FIXTURE_SLS, PY_CURRENT_URL);
            let r = e.bytes_at(&bytes, clock, e.project.skew, |c| {
                c.idp_entity_id = Some(PY_IDP_ENTITY_ID.to_owned());
            });
            t.record(
                cat,
                e,
                key,
                format!("with settings1 IdP entity ID `{PY_IDP_ENTITY_ID}`: issuer-mismatch fires"),
                &[],
                fired(&r, RULE),
            );
        }
    }
}

fn status(e: &Entry<'_>, t: &mut Tally, base: &Report) {
    const RULE: &[&str] = &["status-not-success"];
    let cat = Category::Status;
    let Some(status) = e.str("status") else {
        return;
    };
    let codes: Vec<&str> = status.split(" | ").map(str::trim).collect();
    let ours = base.summary.status.as_ref();
    let mut ours_codes: Vec<String> = ours.map(|s| vec![s.code.clone()]).unwrap_or_default();
    ours_codes.extend(ours.map(|s| s.nested.clone()).unwrap_or_default());
    let mut expected_codes: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
    if let Some(second) = e.str("second_level_status") {
        expected_codes.push(second.to_owned());
    }
    t.record(
        cat,
        e,
        "status",
        format!("summary shows the status codes {expected_codes:?}"),
        &[],
        equal(&expected_codes, &ours_codes),
    );
    if let Some(m) = e.str("status_message") {
        t.record(
            cat,
            e,
            "status_message",
            format!("summary shows StatusMessage `{m}`"),
            &[],
            equal(&Some(m.to_owned()), &ours.and_then(|s| s.message.clone())),
        );
    }
    let success = codes
        .first()
        .is_some_and(|c| c.ends_with(":status:Success"));
    if success {
        t.record(
            cat,
            e,
            "status",
            "Success: no status-not-success".to_owned(),
            &[],
            silent(base, RULE),
        );
        return;
    }
    let finding = base
        .findings
        .iter()
        .find(|f| f.name() == "status-not-success");
    let mut words: Vec<String> = expected_codes
        .iter()
        .map(|c| c.rsplit(':').next().unwrap_or(c).to_owned())
        .collect();
    words.extend(e.str("status_message").map(str::to_owned));
    let result = match finding {
        None => Err(format!(
            "status-not-success did not fire ({:?})",
            names(base)
        )),
        Some(f) => match words.iter().find(|w| !f.message.contains(w.as_str())) {
            Some(w) => Err(format!("the message lacks `{w}`: {}", f.message)),
            None => Ok(false),
        },
    };
    t.record(
        cat,
        e,
        "status",
        format!("status-not-success fires and names {}", words.join(", ")),
        &[],
        result,
    );
}

fn time(e: &Entry<'_>, t: &mut Tally, base: &Report, gosaml2: bool, python: bool) {
    let cat = Category::Time;
    let rules = e.project.time_rules;
    let wall = ts(WALL_CLOCK);
    // Facts.
    for (key, ours) in [
        ("not_before", base.summary.not_before),
        ("not_on_or_after", base.summary.not_on_or_after),
    ] {
        if let Some(v) = e.str(key) {
            t.record(
                cat,
                e,
                key,
                format!("summary shows Conditions {key} {v}"),
                &[],
                equal(&Some(ts(v)), &ours),
            );
        }
    }
    if let Some(epoch) = e
        .expected
        .get("session_not_on_or_after_epoch")
        .and_then(Value::as_i64)
    {
        t.record(
            cat,
            e,
            "session_not_on_or_after_epoch",
            format!("summary shows SessionNotOnOrAfter at epoch {epoch}"),
            &[],
            equal(
                &Some(epoch),
                &base
                    .summary
                    .session_not_on_or_after
                    .map(Timestamp::unix_seconds),
            ),
        );
    }
    if let Some(epoch) = e
        .expected
        .get("assertion_not_on_or_after_epoch")
        .and_then(Value::as_i64)
    {
        let ours = first_assertion(base)
            .and_then(|a| a.subject.as_ref())
            .and_then(|s| s.confirmations.iter().find(|c| c.is_bearer()))
            .and_then(|c| c.data.as_ref())
            .and_then(|d| d.not_on_or_after.as_ref())
            .and_then(|t| t.at)
            .map(Timestamp::unix_seconds);
        t.record(
            cat,
            e,
            "assertion_not_on_or_after_epoch",
            format!("the bearer SubjectConfirmationData NotOnOrAfter is epoch {epoch}"),
            &[],
            equal(&Some(epoch), &ours),
        );
    }
    if rules.is_empty() {
        return;
    }
    // The clock of an accepted response: stated, or (gosaml2) the Assertion's IssueInstant.
    let mut stubbed: Vec<&str> = Vec::new();
    if from_project(e.file, "ruby-saml") && e.file.ends_with("/starfield_response.xml.base64") {
        // "The test stubs only the SubjectConfirmation check" (notes).
        stubbed.push(CONFIRMATION_EXPIRED);
    }
    let checked: Vec<&str> = rules
        .iter()
        .copied()
        .filter(|r| !stubbed.contains(r))
        .collect();
    let (clock_key, clock) = if let Some(k) = ["valid_at", "checked_at", "time_now"]
        .into_iter()
        .find(|k| e.str(k).is_some())
    {
        (Some(k), e.str(k).map(ts))
    } else if gosaml2 {
        (Some("gosaml2 clock"), assertion_or_response_instant(base))
    } else {
        (None, None)
    };
    let time_error = e.str("error").is_some_and(|err| err.contains("Expired"));
    let accepted = if gosaml2 {
        e.is("valid", true) || time_error
    } else {
        !e.attack
    };
    if let (Some(key), Some(now), true) = (clock_key, clock, accepted) {
        let r = e.at(now, |_| {});
        let (what, result) = if gosaml2 && time_error {
            ("a time rule fires", fired(&r, &checked))
        } else {
            ("no time rule fires", silent(&r, &checked))
        };
        t.record(cat, e, key, format!("at {now}: {what}"), &[], result);
    }
    // python3-saml strict-valid responses.
    if python && e.str("strict_valid_at_url").is_some() {
        let r = e.at(wall, |_| {});
        t.record(
            cat,
            e,
            "strict_valid_at_url",
            format!("strict-valid on the wall clock ({wall}): no time rule fires"),
            &[],
            silent(&r, rules),
        );
    }
    if python && e.is("valid_strict", true) {
        let now = ts(PY_WITHOUT_IN_RESPONSE_TO_CLOCK);
        let r = e.at(now, |_| {});
        t.record(
            cat,
            e,
            "valid_strict",
            format!("strict-valid at {now}: no time rule fires"),
            &[],
            silent(&r, rules),
        );
    }
    if python && e.is("timestamps_valid", false) {
        let r = e.at(wall, |_| {});
        t.record(
            cat,
            e,
            "timestamps_valid",
            format!("on the wall clock ({wall}): a Conditions time rule fires"),
            &[],
            fired(&r, &[NOT_YET_VALID, EXPIRED]),
        );
    }
    for (key, err) in e.errors() {
        if let Some(at) = key.strip_prefix("error_at_") {
            if err.contains("InResponseTo") {
                // node-saml `tests.spec.ts:874`: "first is expired so it should take the second
                // one" — at that time an unexpired bearer confirmation passes the time checks,
                // and the error is its InResponseTo (checked in `request_id`).
                let now = ts(at);
                let r = e.at(now, |_| {});
                t.record(
                    cat,
                    e,
                    &format!("{key}:time"),
                    format!("at {now}: one bearer confirmation is still valid, no time rule fires"),
                    &[],
                    silent(&r, rules).map_err(|m| format!("{m}; {}", time_facts(&r))),
                );
                continue;
            }
            let now = ts(at);
            let r = e.at(now, |_| {});
            t.record(
                cat,
                e,
                key,
                format!("at {now}: a time rule fires ({})", rules.join(" / ")),
                &[],
                fired(&r, rules).map_err(|m| format!("{m}; {}", time_facts(&r))),
            );
        }
        if python && key == "error_strict" && err.starts_with("Could not validate timestamp") {
            let bytes = e.rewritten(PY_FIXTURE_SLS, PY_CURRENT_URL);
            let r = e.bytes_at(&bytes, wall, e.project.skew, |_| {});
            t.record(
                cat,
                e,
                key,
                format!("on the wall clock ({wall}): a time rule fires"),
                &[],
                fired(&r, rules),
            );
        }
        // ruby-saml's tests of the same bytes run on the wall clock with no drift.
        if key == "ruby-saml_error_not_on_or_after" {
            let r = e.bytes_at(&e.raw, wall, 0, |_| {});
            t.record(
                cat,
                e,
                key,
                format!("ruby-saml on the wall clock ({wall}), no skew: conditions-expired fires"),
                &[],
                fired(&r, &[EXPIRED]),
            );
        }
        if key == "ruby-saml_error_session" {
            let r = e.bytes_at(&e.raw, wall, 0, |_| {});
            t.record(
                cat,
                e,
                key,
                format!("ruby-saml on the wall clock ({wall}), no skew: session-expired fires"),
                &[],
                fired(&r, &[SESSION_EXPIRED]),
            );
        }
    }
}

fn request_id(e: &Entry<'_>, t: &mut Tally, base: &Report, clock: Timestamp) {
    const RULE: &str = "in-response-to-mismatch";
    let cat = Category::RequestId;
    let issued = base.summary.issue_instant.unwrap_or(clock);
    let with_request = |bytes: &[u8], now: Timestamp, id: &str| -> Report {
        e.bytes_at(bytes, now, e.project.skew, |c| {
            c.requests = vec![authn_request(id, issued)];
        })
    };
    if let Some(v) = e.expected.get("in_response_to") {
        let expected = v.as_str().map(str::to_owned);
        t.record(
            cat,
            e,
            "in_response_to",
            format!("summary shows InResponseTo {expected:?}"),
            &[],
            equal(&expected, &base.summary.in_response_to),
        );
    }
    // Request IDs the SP had sent, for responses it accepted (or rejected for another reason).
    let mut sent: Vec<(&str, String)> = Vec::new();
    if !e.attack {
        for key in ["request_id", "valid_request_id"] {
            if let Some(id) = e.str(key) {
                sent.push((key, id.to_owned()));
            }
        }
        if let Some(ids) = e
            .expected
            .get("possible_request_ids")
            .and_then(Value::as_array)
        {
            sent.extend(
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(|id| ("possible_request_ids", id.to_owned())),
            );
        }
    }
    // node-saml `tests.spec.ts:846`: the cache is primed with the Response's InResponseTo
    // (validateInResponseTo: always) and the response validates at `valid_at`.
    if from_project(e.file, "node-saml")
        && e.str("valid_at").is_some()
        && let Some(id) = e.str("in_response_to")
    {
        sent.push(("valid_at:in_response_to", id.to_owned()));
    }
    for (key, id) in sent {
        // python3-saml's request-ID test runs on the rewritten XML.
        let bytes = if key == "valid_request_id" {
            e.rewritten(PY_FIXTURE_ACS, PY_CURRENT_URL)
        } else {
            e.raw.clone()
        };
        let r = with_request(&bytes, clock, &id);
        t.record(
            cat,
            e,
            key,
            format!("with an AuthnRequest `{id}` sent: no {RULE}"),
            &[RULE],
            silent(&r, &[RULE]),
        );
    }
    for (key, err) in e.errors() {
        let wrong = if let Some((_, id)) = err.split_once("sent by the SP: ") {
            Some((id.trim().to_owned(), e.raw.clone(), clock))
        } else if key == "error_wrong_request_id" {
            err.split_once("expected [")
                .and_then(|(_, rest)| rest.split_once(']'))
                .map(|(id, _)| (id.to_owned(), e.raw.clone(), clock))
        } else if key == "error_strict_request_id_invalid_contains" {
            Some((
                PY_INVALID_REQUEST_ID.to_owned(),
                e.rewritten(PY_FIXTURE_ACS, PY_CURRENT_URL),
                clock,
            ))
        } else if let Some(at) = key.strip_prefix("error_at_")
            && err.contains("InResponseTo")
        {
            e.str("in_response_to")
                .map(|id| (id.to_owned(), e.raw.clone(), ts(at)))
        } else {
            None
        };
        if let Some((id, bytes, now)) = wrong {
            let r = with_request(&bytes, now, &id);
            t.record(
                cat,
                e,
                key,
                format!("at {now} with an AuthnRequest `{id}` sent: {RULE} fires"),
                &[RULE],
                fired(&r, &[RULE]),
            );
        }
    }
}

fn name_id(e: &Entry<'_>, t: &mut Tally, base: &Report, python: bool, clock: Timestamp) {
    const SPNQ: &[&str] = &["sp-name-qualifier-mismatch"];
    let cat = Category::NameId;
    if let Some(v) = e.expected.get("name_id") {
        let expected = v.as_str().map(str::to_owned);
        t.record(
            cat,
            e,
            "name_id",
            format!("summary shows NameID {expected:?}"),
            &[],
            equal(&expected, &base.summary.name_id),
        );
    }
    if let Some(f) = e.str("name_id_format") {
        t.record(
            cat,
            e,
            "name_id_format",
            format!("summary shows NameID Format `{f}`"),
            &[],
            equal(&Some(f.to_owned()), &base.summary.name_id_format),
        );
    }
    if let Some(spnq) = e.str("name_id_spnq") {
        let ours = first_assertion(base)
            .and_then(|a| a.subject.as_ref())
            .and_then(|s| s.name_id.as_ref())
            .and_then(|n| n.sp_name_qualifier.as_ref())
            .map(|t| t.trimmed().to_owned())
            .or_else(|| {
                base.message.as_ref().and_then(|m| match m {
                    samlscope_core::model::Message::LogoutRequest(r) => r
                        .name_id
                        .as_ref()
                        .and_then(|n| n.sp_name_qualifier.as_ref())
                        .map(|t| t.trimmed().to_owned()),
                    _ => None,
                })
            })
            .or_else(|| base.summary.name_id_sp_name_qualifier.clone());
        t.record(
            cat,
            e,
            "name_id_spnq",
            format!("the NameID SPNameQualifier is `{spnq}`"),
            &[],
            equal(&Some(spnq.to_owned()), &ours),
        );
    }
    if python {
        let with_sp = || e.at(clock, |c| c.sp_entity_id = Some(PY_SP_ENTITY_ID.to_owned()));
        if e.str("error_strict")
            .is_some_and(|err| err.contains("SPNameQualifier"))
        {
            t.record(
                cat,
                e,
                "error_strict",
                format!("with settings1 SP entity ID `{PY_SP_ENTITY_ID}`: sp-name-qualifier-mismatch fires"),
                &[],
                fired(&with_sp(), SPNQ),
            );
        }
        if e.str("strict_valid_at_url").is_some() {
            t.record(
                cat,
                e,
                "strict_valid_at_url",
                format!("strict-valid with settings1 SP entity ID `{PY_SP_ENTITY_ID}`: no sp-name-qualifier-mismatch"),
                &[],
                silent(&with_sp(), SPNQ),
            );
        }
    }
}

fn attributes(e: &Entry<'_>, t: &mut Tally, base: &Report, clock: Timestamp) {
    const MISSING: &str = "attribute-missing";
    const DUPLICATE: &str = "attribute-duplicate";
    let cat = Category::Attributes;
    for (key, by_friendly_name) in [
        ("attributes", false),
        ("attributes_first", false),
        ("attributes_with_allowRepeatAttributeName", false),
        ("friendlyname_attributes", true),
        (
            "friendlyname_attributes_with_allowRepeatAttributeName",
            true,
        ),
    ] {
        let Some(map) = e.expected.get(key).and_then(Value::as_object) else {
            continue;
        };
        let ours = merged_attributes(base, by_friendly_name);
        let mut required = Vec::new();
        for (name, values) in map {
            // crewjam's keys read "urn:oid:… (uid)": the Name, then the FriendlyName.
            let name = name.split(" (").next().unwrap_or(name).to_owned();
            let expected: Vec<String> = values
                .as_array()
                .map(|vs| vs.iter().map(value_text).collect())
                .unwrap_or_default();
            let result = match ours.get(&name) {
                None => Err(format!(
                    "no attribute `{name}` in the summary ({:?})",
                    ours.keys().collect::<Vec<_>>()
                )),
                Some(v) => equal(&expected, v),
            };
            t.record(
                cat,
                e,
                &format!("{key}:{name}"),
                format!("summary shows attribute `{name}` = {expected:?}"),
                &[],
                result,
            );
            // Requiring an attribute the project returns only empty (`[""]`, `[null]`, `[]`) is
            // a policy question (samlscope counts an empty claim as missing, as an app needing a
            // value would); only attributes with a value are required below.
            if expected.iter().any(|v| !v.trim().is_empty()) {
                required.push(name);
            }
        }
        if !by_friendly_name
            && key != "attributes_with_allowRepeatAttributeName"
            && !required.is_empty()
        {
            let r = e.at(clock, |c| c.required_attributes.clone_from(&required));
            t.record(
                cat,
                e,
                &format!("{key}:required"),
                format!("requiring {required:?}: no {MISSING}"),
                &[MISSING],
                silent(&r, &[MISSING]),
            );
        }
    }
    // node-saml ignores an Attribute without AttributeValue: the profile lacks it.
    if let Some(name) = e.str("attribute_without_value_ignored") {
        let r = e.at(clock, |c| c.required_attributes = vec![name.to_owned()]);
        t.record(
            cat,
            e,
            "attribute_without_value_ignored",
            format!("requiring `{name}` (an Attribute without AttributeValue): {MISSING} fires"),
            &[MISSING],
            fired(&r, &[MISSING]),
        );
    }
    if e.str("error")
        .is_some_and(|err| err.contains("duplicated Name"))
    {
        t.record(
            cat,
            e,
            "error",
            format!("two Attributes with the same Name: {DUPLICATE} fires"),
            &[DUPLICATE],
            fired(base, &[DUPLICATE]),
        );
    }
}

// ---- the test ----

#[test]
fn corpus_expectations_agree() {
    let Some(dir) = corpus_dir() else {
        println!("notice: ../shared/corpus is absent; corpus expectations skipped");
        return;
    };
    let manifest: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.join("MANIFEST.json")).expect("manifest"))
            .expect("manifest JSON");
    let mut tally = Tally { checks: Vec::new() };
    let mut project_dirs = std::collections::BTreeSet::new();
    for entry in &manifest {
        project_dirs.extend(entry["file"].as_str().map(|f| project_dir(f).to_owned()));
        let kind = entry["kind"].as_str().unwrap_or("");
        if !matches!(
            kind,
            "response"
                | "artifact_response"
                | "authn_request"
                | "logout_request"
                | "logout_response"
        ) {
            continue;
        }
        let file = entry["file"].as_str().expect("file");
        let Some(expected) = entry["expected"].as_object() else {
            continue;
        };
        let read = |p: &str| std::fs::read(dir.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        let e = Entry {
            file,
            raw: read(file),
            expected,
            sp_key: entry["decrypt_with"].as_str().map(read),
            project: project(file),
            attack: expected.contains_key("attack"),
            kind,
        };
        plan(&e, &mut tally);
    }

    let listed = |list: &[(&str, &str, &'static str)], c: &Check| -> Option<&'static str> {
        list.iter()
            .find(|(f, k, _)| *f == c.file && *k == c.key)
            .map(|(_, _, why)| *why)
    };
    // CORPUS_EXPECTATIONS_VERBOSE=1 also lists the checks that agree.
    let verbose = std::env::var_os("CORPUS_EXPECTATIONS_VERBOSE").is_some();
    let mut line = Vec::new();
    let mut failures = Vec::new();
    let mut notes = Vec::new();
    let mut all_vacuous = 0;
    for cat in Category::ALL {
        let (mut agree, mut total, mut pending) = (0, 0, 0);
        let (mut exceptions, mut bugs, mut vacuous) = (0, 0, 0);
        for c in tally.checks.iter().filter(|c| c.category == cat) {
            let head = format!("[{}] {}: {}", cat.label(), c.file, c.what);
            let stale = listed(KNOWN_EXCEPTIONS, c).or_else(|| listed(KNOWN_BUGS, c));
            match &c.outcome {
                Outcome::Pending(rule, said) => {
                    pending += 1;
                    notes.push(format!("  pending {head} ({rule} is a stub; {said})"));
                }
                Outcome::Agree { vacuous: v } => {
                    total += 1;
                    agree += 1;
                    vacuous += usize::from(*v);
                    if verbose {
                        let how = if *v { "agree (vacuously)" } else { "agree" };
                        notes.push(format!("  {how} {head}"));
                    }
                    if let Some(why) = stale {
                        failures.push(format!(
                            "  stale list entry {head}: it agrees now; remove it ({why})"
                        ));
                    }
                }
                Outcome::Disagree(why) => {
                    total += 1;
                    if let Some(reason) = listed(KNOWN_EXCEPTIONS, c) {
                        exceptions += 1;
                        notes.push(format!(
                            "  known exception {head}: {why}\n      because {reason}"
                        ));
                    } else if let Some(bug) = listed(KNOWN_BUGS, c) {
                        bugs += 1;
                        notes.push(format!("  known bug {head}: {why}\n      {bug}"));
                    } else {
                        failures.push(format!("  disagree {head}: {why}"));
                    }
                }
            }
        }
        all_vacuous += vacuous;
        let floor = MIN_DECIDED
            .iter()
            .find(|(c, _)| *c == cat)
            .map_or(1, |(_, n)| *n);
        if total < floor {
            failures.push(format!(
                "  only {total} {} checks were decided ({pending} pending), at least {floor} \
                 were: a MANIFEST key was renamed, a project directory misspelled, or a check \
                 stopped recording",
                cat.label()
            ));
        }
        let mut part = format!("{} {agree}/{total}", cat.label());
        let extra: Vec<String> = [
            (exceptions, "known exception"),
            (bugs, "known bug"),
            (vacuous, "vacuous"),
            (pending, "pending"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if !extra.is_empty() {
            part.push_str(&format!(" ({})", extra.join(", ")));
        }
        line.push(part);
    }
    for (dir, _, _) in PROJECTS {
        if !project_dirs.contains(*dir) {
            failures.push(format!(
                "  no corpus file under */{dir}/: PROJECTS names a directory the corpus lacks"
            ));
        }
    }
    for (file, key, _) in KNOWN_EXCEPTIONS.iter().chain(KNOWN_BUGS) {
        let matched = tally
            .checks
            .iter()
            .any(|c| c.file == *file && c.key == *key && matches!(c.outcome, Outcome::Disagree(_)));
        if !matched {
            failures.push(format!(
                "  the list entry {file} / {key} matches no check that disagrees: remove it, or \
                 fix its file name or key"
            ));
        }
    }
    println!("corpus expectations: {}", line.join(", "));
    if all_vacuous > 0 {
        println!(
            "  ({all_vacuous} agreements are vacuous: the Assertion is encrypted, and the rules \
             read plain Assertions only, not the one decrypted with the SP key)"
        );
    }
    for n in &notes {
        println!("{n}");
    }
    for f in &failures {
        println!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} corpus expectations disagree with samlscope (or list entries are stale):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every kebab-case string of this file is a rule of the catalogue (or one of `NOT_RULE_NAMES`):
/// a misspelled rule name fails here, with or without the corpus.
#[test]
fn rule_names_here_are_in_the_catalogue() {
    let source = include_str!("corpus_expectations.rs");
    let mut strings = Vec::new();
    for (i, part) in source.split('"').enumerate() {
        let kebab = part.contains('-')
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && part.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        // Odd parts are inside quotes (this file has no escaped quote in a kebab-case string).
        if i % 2 == 1 && kebab {
            strings.push(part);
        }
    }
    assert!(
        strings.contains(&"audience-mismatch") && strings.len() > 15,
        "the scan found {} strings: {strings:?}",
        strings.len()
    );
    let unknown: Vec<&&str> = strings
        .iter()
        .filter(|s| !NOT_RULE_NAMES.contains(s) && !rules::RULES.iter().any(|r| r.name == **s))
        .collect();
    assert!(
        unknown.is_empty(),
        "no rule of the catalogue (crates/samlscope-core/src/rules/mod.rs) is named {unknown:?}: \
         a misspelled rule never fires; if a string is no rule name, add it to NOT_RULE_NAMES"
    );
}
