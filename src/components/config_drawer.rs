//! The configuration drawer: what the message is checked against, in the words of the Entra
//! "Basic SAML Configuration" page and its "SAML Certificates", "Attributes & Claims" and
//! "Set up <app>" sections.
//!
//! It holds no SAML logic: app profiles, metadata reading and every check come from the core.
//! The drawer only edits a [`Config`] and emits it on each change (the app debounces the
//! inspection and keeps it in memory, or on this device when asked to).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::{FileReader, read_as_bytes};
use gloo::timers::callback::Timeout;
use samlscope_core::idps::{self, Idp, Words};
use samlscope_core::profiles::{self, Profile};
use samlscope_core::{DEFAULT_CLOCK_SKEW_SECONDS, Setting, metadata_settings};
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{inline, static_html};
use crate::config::{Config, Field, file_text, parse_skew, profile_matches};
use crate::state::Inspection;

/// Menus and dialogs that Escape closes before it closes the drawer.
const OPEN_MENUS: &str = "details.menu[open], details[open] > [role=\"menu\"], dialog[open]";

/// Props of [`ConfigDrawer`].
#[derive(Properties, PartialEq)]
pub struct ConfigDrawerProps {
    /// The current configuration.
    pub config: Rc<Config>,
    /// The latest inspection (for the suggested profile and the "Set up" values).
    pub inspection: Option<Rc<Inspection>>,
    /// The configuration changed.
    pub on_change: Callback<Config>,
    /// The drawer should close.
    pub on_close: Callback<()>,
}

/// Applies changes to the latest configuration and emits it. Callbacks run after the render
/// that created them, possibly after other changes: they start from `latest`, never from the
/// configuration they captured.
#[derive(Clone)]
struct Editor {
    latest: Rc<RefCell<Rc<Config>>>,
    on_change: Callback<Config>,
}

impl Editor {
    fn update(&self, change: impl FnOnce(&mut Config)) {
        let mut next = (**self.latest.borrow()).clone();
        change(&mut next);
        *self.latest.borrow_mut() = Rc::new(next.clone());
        self.on_change.emit(next);
    }

    fn set(&self, field: Field, value: String) {
        self.update(|config| field.set(config, value));
    }
}

/// What the drawer remembers between renders besides the configuration.
#[derive(Clone)]
struct Ui {
    editor: Editor,
    /// The file being read (dropping it cancels the read).
    reader: Rc<RefCell<Option<FileReader>>>,
    /// The field a file is dragged over.
    drop_target: UseStateHandle<Option<Field>>,
    /// A file that could not be read: the field and the sentence.
    file_error: UseStateHandle<Option<(Field, String)>>,
}

impl Ui {
    /// Reads `file` as bytes into `field` (UTF-8 kept as is, UTF-16 decoded, binary as base64).
    fn read_into(&self, field: Field, file: web_sys::File) {
        let name = file.name();
        let blob = gloo::file::File::from(file);
        let done = self.reader.clone();
        let editor = self.editor.clone();
        let file_error = self.file_error.clone();
        let reader = read_as_bytes(&blob, move |result| {
            done.borrow_mut().take();
            match result {
                Ok(bytes) => {
                    file_error.set(None);
                    editor.set(field, file_text(&bytes));
                }
                Err(_) => file_error.set(Some((field, format!("Could not read {name}.")))),
            }
        });
        *self.reader.borrow_mut() = Some(reader);
    }
}

/// How one text setting is shown (static data: the app profile's pattern and wording, when
/// it has them, are looked up by [`profile_field`]).
struct Spec {
    field: Field,
    /// Entra's name for the field (the drawer's default words).
    label: &'static str,
    /// The setting it holds: another identity provider's name for it replaces `label`, and
    /// where its admin screens hold it is shown.
    setting: Option<Setting>,
    /// For another identity provider than Entra, when `setting` gives no name: a plain label.
    plain: Option<&'static str>,
    /// Rows of a text area; 0 for a one-line input.
    rows: u8,
    /// Whether files can be dropped on it or opened into it.
    files: bool,
    /// The placeholder when the app profile gives no pattern.
    placeholder: &'static str,
    /// The general hint, `code` in backticks (see [`inline`]).
    hint: &'static str,
}

/// Basic SAML Configuration.
const BASIC: [Spec; 4] = [
    Spec {
        field: Field::Identifier,
        setting: Some(Setting::SpEntityId),
        plain: None,
        label: "Identifier (Entity ID)",
        rows: 0,
        files: false,
        placeholder: "https://app.example.com/saml/metadata",
        hint: "The app's entity ID. The assertion's `Audience` must be exactly this.",
    },
    Spec {
        field: Field::ReplyUrls,
        setting: Some(Setting::AcsUrl),
        plain: None,
        label: "Reply URL (Assertion Consumer Service URL)",
        rows: 2,
        files: false,
        placeholder: "https://app.example.com/saml/acs",
        hint: "One per line. The response's `Destination` and `Recipient` must be one of them.",
    },
    Spec {
        field: Field::SignOnUrl,
        setting: Some(Setting::SignOnUrl),
        plain: None,
        label: "Sign on URL",
        rows: 0,
        files: false,
        placeholder: "https://app.example.com/login",
        hint: "Where users start SP-initiated sign-in. Optional; the message does not carry it.",
    },
    Spec {
        field: Field::RelayState,
        setting: Some(Setting::RelayState),
        plain: None,
        label: "Relay State",
        rows: 0,
        files: false,
        placeholder: "",
        hint: "Where the app sends users after an IdP-initiated sign-in. Optional; checked against the RelayState an IdP-initiated response came with.",
    },
];

const SP_METADATA: Spec = Spec {
    field: Field::SpMetadata,
    setting: None,
    plain: None,
    label: "SP metadata",
    rows: 3,
    files: true,
    placeholder: "Paste the app's metadata XML, or drop the file here",
    hint: "Optional. Its entity ID and every AssertionConsumerService are checked too.",
};

/// SAML Certificates.
const CERTIFICATES: [Spec; 4] = [
    Spec {
        field: Field::IdpIdentifier,
        setting: Some(Setting::IdpEntityId),
        plain: None,
        label: "Microsoft Entra Identifier",
        rows: 0,
        files: false,
        placeholder: "https://sts.windows.net/<tenant-id>/",
        hint: "The IdP the app trusts: the `Issuer` must be exactly this. Taken from the IdP metadata when empty.",
    },
    Spec {
        field: Field::Thumbprints,
        setting: None,
        plain: None,
        label: "Thumbprint",
        rows: 1,
        files: false,
        placeholder: "40 hex digits (SHA-1) or 64 (SHA-256)",
        hint: "SHA-1 as the portal shows it, or SHA-256; any case or separators. One per line during a rollover.",
    },
    Spec {
        field: Field::Certificate,
        setting: None,
        plain: Some("Signing certificate"),
        label: "Certificate (Base64)",
        rows: 2,
        files: true,
        placeholder: "-----BEGIN CERTIFICATE----- … or the base64 alone; drop the .cer here",
        hint: "The Base64 or Raw download, or PEM.",
    },
    Spec {
        field: Field::FederationMetadata,
        setting: Some(Setting::IdpMetadata),
        plain: Some("IdP metadata XML"),
        label: "Federation Metadata XML",
        rows: 3,
        files: true,
        placeholder: "Paste the IdP's metadata XML (Entra: App Federation Metadata), or drop the file here",
        hint: "Every signing certificate in it is trusted (rollover). Also gives the values below.",
    },
];

/// Attributes & Claims.
const CLAIMS: Spec = Spec {
    field: Field::RequiredClaims,
    setting: Some(Setting::Claims),
    plain: None,
    label: "Required claims",
    rows: 3,
    files: false,
    placeholder: "emailaddress\ngivenname",
    hint: "One per line: the claim name or its full URI. Each must be in the assertion.",
};

/// Request and time.
const REQUEST: Spec = Spec {
    field: Field::Request,
    setting: None,
    plain: None,
    label: "AuthnRequest the app sent",
    rows: 3,
    files: true,
    placeholder: "Optional: the SAMLRequest from the network tab — XML, base64 or the whole Redirect URL",
    hint: "Correlates the response with it: `InResponseTo`, the ACS URL asked for, the NameID format.",
};

/// The words the drawer speaks: Entra's (its default, and for Entra), or another identity
/// provider's names for the settings it has.
#[derive(Clone, Copy)]
struct Vocabulary {
    /// The other IdP, when the drawer speaks its words.
    other: Option<&'static Idp>,
}

impl Vocabulary {
    /// The chosen identity provider, else the one the core recognised in the message.
    fn of(config: &Config, inspection: Option<&Inspection>) -> Self {
        let speaking =
            idps::find(&config.idp).or_else(|| inspection.and_then(|i| i.report.idp.idp));
        Self {
            other: speaking.filter(|i| i.key != "entra"),
        }
    }

    /// The field's label: Entra's; for another IdP, a plain one or its name for the setting.
    fn label(self, spec: &Spec) -> String {
        match (self.other, spec.plain, spec.setting) {
            (None, ..) => spec.label.to_owned(),
            (Some(_), Some(plain), _) => plain.to_owned(),
            (Some(idp), None, Some(setting)) => capitalized(Words::of(idp).label(setting)),
            (Some(_), None, None) => spec.label.to_owned(),
        }
    }

    /// The placeholder: the tutorial's pattern when given, else the spec's (Entra's examples
    /// give way to a plain one for another IdP's issuer).
    fn placeholder<'a>(self, spec: &'a Spec, pattern: Option<&'a str>) -> &'a str {
        match (pattern, self.other, spec.field) {
            (Some(pattern), ..) => pattern,
            (None, Some(_), Field::IdpIdentifier) => {
                "The IdP's entity ID: the Issuer of its messages"
            }
            _ => spec.placeholder,
        }
    }

    /// Where the IdP's admin screens hold the field's setting ("Okta: app → General → SAML
    /// Settings → Audience URI (SP Entity ID)"), for another IdP than Entra.
    fn place(self, spec: &Spec) -> Option<String> {
        Words::of(self.other?).aside(spec.setting?)
    }

    /// A section's title: Entra's, or a plain one.
    fn title(self, entra: &'static str, plain: &'static str) -> &'static str {
        if self.other.is_some() { plain } else { entra }
    }
}

/// `text` with its first letter in upper case (neutral labels are written for mid-sentence).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Under the drawer's title (static: see [`static_html`]).
const LEAD: &str = r#"<p class="cfg-lead">What the message is checked against, as on Entra's <strong>Basic SAML Configuration</strong> page. Findings update as you type.</p>"#;

/// The clock skew's hint. Its number is the core's default, checked at compile time.
const SKEW_HINT: &str = r#"<p class="cfg-hint" id="cfg-skew-hint">How far the app's clock may differ from Entra's. Empty: 180 s, as Shibboleth SP and crewjam/saml.</p>"#;
const _: () = assert!(
    DEFAULT_CLOCK_SKEW_SECONDS == 180,
    "update SKEW_HINT and the placeholder"
);

/// "Remember on this device", and what it means when on.
const REMEMBERED: &str = concat!(
    r#"<label for="cfg-remember">Remember on this device</label>"#,
    r#"<p class="cfg-note" id="cfg-remember-note">Every field above, the AuthnRequest included, is kept in this browser's local storage until you press Forget — but never a private key pasted into one. The message you inspect is never stored.</p>"#,
);

/// "Remember on this device", and what it means when off.
const NOT_REMEMBERED: &str = concat!(
    r#"<label for="cfg-remember">Remember on this device</label>"#,
    r#"<p class="cfg-note" id="cfg-remember-note">Otherwise nothing is stored: the configuration lives in this tab only and is gone when you close it.</p>"#,
);

/// The close button's cross.
const CLOSE_ICON: &str = concat!(
    r#"<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">"#,
    r#"<path d="M4 4 L12 12 M12 4 L4 12" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"></path>"#,
    r#"</svg>"#,
);

/// The app profile tutorial's pattern and wording for `field` (Basic SAML Configuration only).
fn profile_field(profile: &Profile, field: Field) -> Option<&profiles::Field> {
    match field {
        Field::Identifier => profile.identifier.as_ref(),
        Field::ReplyUrls => profile.reply_url.as_ref(),
        Field::SignOnUrl => profile.sign_on_url.as_ref(),
        Field::RelayState => profile.relay_state.as_ref(),
        _ => None,
    }
}

/// A section of the drawer: its title and fields.
fn section(class: &'static str, title_id: &'static str, title: &'static str, body: Html) -> Html {
    html! {
        <section {class} aria-labelledby={title_id}>
            <h3 class="cfg-section-title" id={title_id}>{ title }</h3>
            { body }
        </section>
    }
}

/// The "Set up <app>" values: what to give the app, from the IdP metadata the user gave.
#[derive(Default)]
struct SetUp {
    login_urls: Vec<String>,
    entity_id: Option<String>,
    logout_urls: Vec<String>,
    thumbprints: Vec<String>,
    /// An aggregate in which nothing says which identity provider is meant: its IdPs.
    candidates: Vec<String>,
    /// Why the Federation Metadata XML gave nothing.
    problem: Option<String>,
}

fn set_up_values(config: &Config, inspection: Option<&Inspection>) -> SetUp {
    let metadata = config.federation_metadata.trim();
    let mut problem = None;
    if !metadata.is_empty() {
        // In an aggregate, the identity provider meant: the Microsoft Entra Identifier given,
        // else the message's Issuer.
        let issuer = inspection.and_then(|i| i.report.summary.issuer.as_deref());
        let names: Vec<&str> = [Some(config.idp_identifier.as_str()), issuer]
            .into_iter()
            .flatten()
            .collect();
        match metadata_settings(
            config.federation_metadata.as_bytes(),
            "IdP metadata",
            &names,
        ) {
            Ok(s) => {
                return SetUp {
                    login_urls: s.sso_urls,
                    entity_id: s.entity_id,
                    logout_urls: s.slo_urls,
                    thumbprints: s.signing_thumbprints,
                    candidates: s.candidates,
                    problem: None,
                };
            }
            Err(sentence) => problem = Some(sentence),
        }
    }
    // What the last inspection resolved from IdP metadata, if anything.
    let Some(inspection) = inspection else {
        return SetUp {
            problem,
            ..SetUp::default()
        };
    };
    let c = &inspection.report.configuration;
    SetUp {
        login_urls: c.login_urls.clone(),
        entity_id: c
            .idp_entity_id
            .as_ref()
            .filter(|v| v.source == "idp-metadata")
            .map(|v| v.value.clone()),
        logout_urls: c.logout_urls.clone(),
        thumbprints: Vec::new(),
        candidates: Vec::new(),
        problem,
    }
}

/// Most identity providers offered in the picker of an aggregate (the others can be typed
/// into Microsoft Entra Identifier).
const MAX_CANDIDATES: usize = 500;

/// An aggregate's identity providers to pick from: picking one sets Microsoft Entra
/// Identifier, and only that entity's signing keys are trusted.
fn candidate_picker(candidates: &[String], editor: &Editor, idp_id: &str, metadata: &str) -> Html {
    let onchange = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                editor.set(Field::IdpIdentifier, select.value());
            }
        })
    };
    let more = candidates.len().saturating_sub(MAX_CANDIDATES);
    let options = candidates.iter().take(MAX_CANDIDATES).map(|id| {
        html! { <option value={id.clone()}>{ id.clone() }</option> }
    });
    html! {
        <div class="cfg-candidates" data-view="idp-candidates">
            <p class="cfg-setup-empty">
                { format!(
                    "The {metadata} describes {} identity providers, and neither {idp_id} nor the message's Issuer names one of them: nothing of it is trusted until you pick the one that signs.",
                    candidates.len()
                ) }
            </p>
            <label class="cfg-label" for="cfg-idp-pick">{ "Identity provider to trust" }</label>
            <select id="cfg-idp-pick" class="cfg-input" {onchange}>
                <option value="" selected=true>{ "Pick one…" }</option>
                { for options }
            </select>
            if more > 0 {
                <p class="cfg-hint">{ format!("{more} more are not listed: type the entity ID into {idp_id}.") }</p>
            }
        </div>
    }
}

/// Copies `text` to the clipboard; `copied` names what was copied for two seconds.
fn copy(text: String, key: String, copied: UseStateHandle<Option<String>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let promise = gloo::utils::window()
            .navigator()
            .clipboard()
            .write_text(&text);
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            copied.set(Some(key));
            Timeout::new(2_000, move || copied.set(None)).forget();
        }
    });
}

/// Moves the focus back to the toolbar's "Configure" button (the drawer is about to close).
fn focus_configure_button() {
    let button = gloo::utils::document()
        .query_selector("[data-action=\"configure\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}

/// The configuration drawer.
#[component]
pub fn ConfigDrawer(props: &ConfigDrawerProps) -> Html {
    let latest = use_mut_ref(|| props.config.clone());
    *latest.borrow_mut() = props.config.clone();
    let ui = Ui {
        editor: Editor {
            latest,
            on_change: props.on_change.clone(),
        },
        reader: use_mut_ref(|| None::<FileReader>),
        drop_target: use_state(|| None::<Field>),
        file_error: use_state(|| None::<(Field, String)>),
    };
    let query = use_state(String::new);
    let choosing = use_state(|| false);
    let sp_fill = use_state(|| None::<Result<String, String>>);
    let copied = use_state(|| None::<String>);
    let panel = use_node_ref();
    let heading = use_node_ref();

    // Escape closes the drawer (unless a menu or dialog is open: Escape closes that first).
    let on_close = use_mut_ref(|| props.on_close.clone());
    *on_close.borrow_mut() = props.on_close.clone();
    {
        let panel = panel.clone();
        use_effect_with((), move |()| {
            let document = gloo::utils::document();
            // In the capture phase: before a menu's own Escape handler closes it.
            let options = EventListenerOptions::run_in_capture_phase();
            let listener =
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if key.key() != "Escape" || key.default_prevented() {
                        return;
                    }
                    let document = gloo::utils::document();
                    if document.query_selector(OPEN_MENUS).ok().flatten().is_some() {
                        return;
                    }
                    let inside = match (document.active_element(), panel.cast::<web_sys::Node>()) {
                        (Some(active), Some(panel)) => panel.contains(Some(&active)),
                        _ => false,
                    };
                    if inside {
                        focus_configure_button();
                    }
                    on_close.borrow().emit(());
                });
            move || drop(listener)
        });
    }
    // Opening moves the focus to the drawer's heading, so that it is announced.
    {
        let heading = heading.clone();
        use_effect_with((), move |()| {
            if let Some(heading) = heading.cast::<HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }

    let config = &*props.config;
    let vocabulary = Vocabulary::of(config, props.inspection.as_deref());
    let profile = profiles::find(&config.profile).filter(|_| !config.profile.trim().is_empty());
    let app = profile.map_or("your app", |p| p.title.as_str());
    let on_close_click = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            focus_configure_button();
            on_close.emit(());
        })
    };

    // ---- app profile --------------------------------------------------------------------
    let suggested = props
        .inspection
        .as_ref()
        .and_then(|i| i.report.configuration.suggested_profile.as_deref())
        .and_then(profiles::find)
        .filter(|_| profile.is_none());
    let choose = {
        let editor = ui.editor.clone();
        let choosing = choosing.clone();
        let query = query.clone();
        move |name: String| {
            let editor = editor.clone();
            let choosing = choosing.clone();
            let query = query.clone();
            Callback::from(move |_: MouseEvent| {
                let name = name.clone();
                editor.update(move |c| c.profile = name);
                choosing.set(false);
                query.set(String::new());
            })
        }
    };
    let profile_section = profile_picker(
        config, profile, suggested, &query, &choosing, &choose, &ui.editor,
    );

    // ---- Basic SAML Configuration -------------------------------------------------------
    let on_fill = {
        let editor = ui.editor.clone();
        let sp_fill = sp_fill.clone();
        Callback::from(move |_: MouseEvent| {
            let latest = editor.latest.borrow().clone();
            let result = metadata_settings(
                latest.sp_metadata.as_bytes(),
                "SP metadata",
                &[latest.identifier.as_str()],
            );
            match result {
                Ok(settings) if !settings.candidates.is_empty() => sp_fill.set(Some(Err(format!(
                    "The SP metadata describes {} service providers: type the Identifier (Entity ID) of yours first, then fill.",
                    settings.candidates.len()
                )))),
                Ok(settings) => {
                    let mut next = (*latest).clone();
                    match next.fill_from_sp_metadata(&settings) {
                        Some(filled) => {
                            editor.update(move |c| *c = next);
                            sp_fill.set(Some(Ok(format!("Filled {filled} from the SP metadata."))));
                        }
                        None => sp_fill.set(Some(Err(
                            "The SP metadata names no entity ID and no AssertionConsumerService."
                                .to_owned(),
                        ))),
                    }
                }
                Err(sentence) => sp_fill.set(Some(Err(format!(
                    "Cannot fill from the SP metadata: {sentence}."
                )))),
            }
        })
    };
    let fill_status = (*sp_fill).clone().map(|result| {
        let (class, text) = match result {
            Ok(text) => ("cfg-status is-ok", text),
            Err(text) => ("cfg-status is-error", text),
        };
        html! { <p {class} role="status">{ text }</p> }
    });
    let sp_metadata_html = text_field(
        &ui,
        config,
        (profile, vocabulary),
        &SP_METADATA,
        Some(html! {
            <div class="cfg-under">
                <button
                    type="button"
                    class="button"
                    data-action="fill-from-sp-metadata"
                    disabled={config.sp_metadata.trim().is_empty()}
                    onclick={on_fill}
                >
                    { "Fill from SP metadata" }
                </button>
                <span class="cfg-under-note">{ format!("Sets {} and {}.", vocabulary.label(&BASIC[0]), vocabulary.label(&BASIC[1])) }</span>
            </div>
        }),
    );

    // ---- SAML Certificates --------------------------------------------------------------
    let handover = profile.map(|p| {
        html! {
            <p class="cfg-tutorial">
                <span class="cfg-tutorial-app">{ format!("{} uses the {}", p.title, p.certificate.kind) }</span>
                { p.certificate.wording.clone() }
            </p>
        }
    });
    let set_up = set_up_values(config, props.inspection.as_deref());
    let set_up_html = set_up_box((app, vocabulary), &set_up, &copied, &ui.editor);

    // ---- Attributes & Claims ------------------------------------------------------------
    let profile_claims = profile.filter(|p| !p.claims.is_empty()).map(|p| {
        let items = p.claims.iter().map(|claim| {
            html! {
                <li>
                    <code class="cfg-claim-name">{ claim.name.clone() }</code>
                    <span class="cfg-claim-source">{ "← " }<code>{ claim.source.clone() }</code></span>
                    if let Some(why) = &claim.why {
                        <span class="cfg-claim-why">{ why.clone() }</span>
                    }
                </li>
            }
        });
        html! {
            <div class="cfg-profile-claims">
                <p class="cfg-subtitle">{ format!("{} also requires (checked with the profile)", p.title) }</p>
                <ul class="cfg-claims">{ for items }</ul>
            </div>
        }
    });

    // ---- Request and time ---------------------------------------------------------------
    let on_skew = {
        let editor = ui.editor.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                let skew = parse_skew(&input.value());
                editor.update(move |c| c.skew_seconds = skew);
            }
        })
    };

    // ---- remember / forget --------------------------------------------------------------
    let on_remember = {
        let editor = ui.editor.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                let remember = input.checked();
                editor.update(move |c| c.remember = remember);
            }
        })
    };
    let on_forget = {
        let editor = ui.editor.clone();
        let heading = heading.clone();
        Callback::from(move |_: MouseEvent| {
            sp_fill.set(None);
            query.set(String::new());
            editor.update(|c| *c = Config::default());
            // The button is disabled now: keep the focus in the drawer.
            if let Some(heading) = heading.cast::<HtmlElement>() {
                let _ = heading.focus();
            }
        })
    };
    let count = config.count();

    html! {
        <aside id="config-drawer" class="config-drawer" aria-labelledby="config-title" ref={panel}>
            <div class="cfg-head">
                <div class="cfg-head-text">
                    <h2 id="config-title" class="cfg-title" tabindex="-1" ref={heading}>{ "Configuration" }</h2>
                    if let Some(idp) = vocabulary.other {
                        <p class="cfg-lead">{ format!("What the message is checked against, each setting named as {}'s admin screens name it. Findings update as you type.", idp.short) }</p>
                    } else {
                        { static_html(LEAD) }
                    }
                </div>
                <button type="button" class="cfg-close" aria-label="Close configuration" title="Close (Esc)" onclick={on_close_click}>
                    { static_html(CLOSE_ICON) }
                </button>
            </div>

            <div class="cfg-product-band">
                { idp_picker(config, props.inspection.as_deref(), &ui.editor) }
                { sp_picker(config, &ui.editor) }
            </div>
            { profile_section }

            <div class="cfg-grid">
                <div class="cfg-col">
                    { section("cfg-section cfg-basic", "cfg-basic-title", vocabulary.title("Basic SAML Configuration", "The app at the identity provider"), html! {
                        <>
                            { for BASIC.iter().map(|spec| text_field(&ui, config, (profile, vocabulary), spec, None)) }
                            { sp_metadata_html }
                            { for fill_status }
                        </>
                    }) }
                    { section("cfg-section cfg-claims-section", "cfg-claims-title", vocabulary.title("Attributes & Claims", "Attributes"), html! {
                        <>
                            { text_field(&ui, config, (profile, vocabulary), &CLAIMS, None) }
                            { for profile_claims }
                        </>
                    }) }
                </div>
                <div class="cfg-col">
                    { section("cfg-section cfg-certs", "cfg-certs-title", vocabulary.title("SAML Certificates", "The identity provider's signing certificate"), html! {
                        <>
                            { for handover }
                            { for CERTIFICATES.iter().map(|spec| text_field(&ui, config, (profile, vocabulary), spec, None)) }
                            { set_up_html }
                        </>
                    }) }
                    { section("cfg-section cfg-time", "cfg-time-title", "Request and time", html! {
                        <>
                            { text_field(&ui, config, (profile, vocabulary), &REQUEST, None) }
                            <div class="cfg-field" data-field="skew">
                                { static_html(r#"<label class="cfg-label" for="cfg-skew">Clock skew (seconds)</label>"#) }
                                <input
                                    id="cfg-skew"
                                    class="cfg-input cfg-skew"
                                    type="number"
                                    min="0"
                                    max="86400"
                                    step="1"
                                    inputmode="numeric"
                                    placeholder="180"
                                    value={config.skew_text()}
                                    aria-describedby="cfg-skew-hint"
                                    oninput={on_skew}
                                />
                                { static_html(SKEW_HINT) }
                            </div>
                        </>
                    }) }
                </div>
            </div>

            <div class="cfg-foot">
                <div class="cfg-remember">
                    <input id="cfg-remember" type="checkbox" checked={config.remember} onchange={on_remember} aria-describedby="cfg-remember-note" />
                    { static_html(if config.remember { REMEMBERED } else { NOT_REMEMBERED }) }
                </div>
                <button
                    type="button"
                    class="button cfg-forget"
                    data-action="forget"
                    disabled={count == 0 && !config.remember}
                    onclick={on_forget}
                >
                    { "Forget" }
                </button>
            </div>
        </aside>
    }
}

/// The identity provider whose words the fixes and the fields speak: the one the core
/// recognised in the message (preselected), or one the user chooses.
fn idp_picker(config: &Config, inspection: Option<&Inspection>, editor: &Editor) -> Html {
    let detected = inspection.and_then(|i| i.report.idp.idp);
    let first = match detected {
        Some(idp) => format!("{} (recognised in the message)", idp.name),
        None => "Not recognised: neutral words in fixes".to_owned(),
    };
    let onchange = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let value = select.value();
                editor.update(move |c| c.idp = value);
            }
        })
    };
    let options = idps::all().iter().map(|idp| {
        html! {
            <option value={idp.key} selected={config.idp == idp.key}>{ idp.name }</option>
        }
    });
    html! {
        <div class="cfg-field cfg-idp" data-field="idp">
            <label class="cfg-label" for="cfg-idp">{ "Identity provider" }</label>
            <select id="cfg-idp" class="cfg-input" aria-describedby="cfg-idp-hint" {onchange}>
                <option value="" selected={config.idp.is_empty()}>{ first }</option>
                { for options }
            </select>
            <p class="cfg-hint" id="cfg-idp-hint">{ "Fixes name each setting as this identity provider's admin screens do, and so do the fields below." }</p>
        </div>
    }
}

/// The SP software the app runs: its predicted verdict leads "Would the SP accept it?".
fn sp_picker(config: &Config, editor: &Editor) -> Html {
    let onchange = {
        let editor = editor.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let value = select.value();
                editor.update(move |c| c.sp_software = value);
            }
        })
    };
    let options = samlscope_core::sps::all().iter().map(|sp| {
        html! {
            <option value={sp.key} selected={config.sp_software == sp.key}>{ sp.name }</option>
        }
    });
    html! {
        <div class="cfg-field cfg-idp" data-field="sp-software">
            <label class="cfg-label" for="cfg-sp-software">{ "SP software" }</label>
            <select id="cfg-sp-software" class="cfg-input" aria-describedby="cfg-sp-software-hint" {onchange}>
                <option value="" selected={config.sp_software.is_empty()}>{ "Not said" }</option>
                { for options }
            </select>
            <p class="cfg-hint" id="cfg-sp-software-hint">{ "What the app runs: whether it would accept the message comes first." }</p>
        </div>
    }
}

/// The app profile: the chosen one with its tutorial notes, or a searchable list.
fn profile_picker(
    config: &Config,
    profile: Option<&'static Profile>,
    suggested: Option<&'static Profile>,
    query: &UseStateHandle<String>,
    choosing: &UseStateHandle<bool>,
    choose: &impl Fn(String) -> Callback<MouseEvent>,
    editor: &Editor,
) -> Html {
    let suggestion = suggested.map(|p| {
        html! {
            <p class="cfg-suggest" data-suggested={p.name.clone()}>
                <span>
                    <strong>{ "Suggested: " }{ p.title.clone() }</strong>
                    { " — the message's URLs belong to this app; its Entra tutorial says what to expect." }
                </span>
                <button type="button" class="button is-primary" aria-label={format!("Apply the {} profile", p.title)} onclick={choose(p.name.clone())}>
                    { "Apply" }
                </button>
            </p>
        }
    });

    let chosen = profile.filter(|_| !**choosing).map(|p| {
        let on_change = {
            let choosing = choosing.clone();
            Callback::from(move |_: MouseEvent| choosing.set(true))
        };
        let on_remove = {
            let editor = editor.clone();
            Callback::from(move |_: MouseEvent| editor.update(|c| c.profile.clear()))
        };
        let notes = p.notes.iter().map(|n| html! { <li>{ n.clone() }</li> });
        html! {
            <div class="cfg-chosen" data-profile-chosen={p.name.clone()}>
                <div class="cfg-chosen-head">
                    <p class="cfg-chosen-title">
                        <strong>{ p.title.clone() }</strong>
                        <code class="cfg-profile-name">{ p.name.clone() }</code>
                        <span class="cfg-mode">{ p.sso_words() }</span>
                    </p>
                    <div class="cfg-chosen-actions">
                        <button type="button" class="button" onclick={on_change}>{ "Change" }</button>
                        <button type="button" class="button is-quiet" onclick={on_remove}>{ "Remove" }</button>
                    </div>
                </div>
                <p class="cfg-from">{ "From “" }{ p.tutorial.clone() }{ "”. Each field below shows its wording." }</p>
                if !p.notes.is_empty() {
                    <ul class="cfg-notes">{ for notes }</ul>
                }
            </div>
        }
    });

    let picker = chosen.is_none().then(|| {
        let oninput = {
            let query = query.clone();
            Callback::from(move |event: InputEvent| {
                if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                    query.set(input.value());
                }
            })
        };
        let matching: Vec<&Profile> = profiles::all()
            .iter()
            .filter(|p| profile_matches(p, query))
            .collect();
        let items = matching.iter().map(|p| {
            let selected = p.name == config.profile;
            html! {
                <li>
                    <button
                        type="button"
                        class={if selected { "cfg-profile is-selected" } else { "cfg-profile" }}
                        data-profile={p.name.clone()}
                        aria-pressed={if selected { "true" } else { "false" }}
                        onclick={choose(p.name.clone())}
                    >
                        <span class="cfg-profile-title">{ p.title.clone() }</span>
                        <span class="cfg-profile-meta">
                            <code>{ p.name.clone() }</code>{ " · " }{ p.sso_words() }
                        </span>
                    </button>
                </li>
            }
        });
        let cancel = (**choosing).then(|| {
            let choosing = choosing.clone();
            let onclick = Callback::from(move |_: MouseEvent| choosing.set(false));
            html! { <button type="button" class="button is-quiet" {onclick}>{ "Cancel" }</button> }
        });
        html! {
            <div class="cfg-picker">
                <div class="cfg-picker-search">
                    { static_html(r#"<label class="cfg-label" for="cfg-profile-search">App profile</label>"#) }
                    <input
                        id="cfg-profile-search"
                        class="cfg-input"
                        type="search"
                        placeholder="Search the app gallery…"
                        autocomplete="off"
                        spellcheck="false"
                        value={(**query).clone()}
                        aria-describedby="cfg-profile-hint"
                        aria-controls="cfg-profile-list"
                        {oninput}
                    />
                    { static_html(r#"<p class="cfg-hint" id="cfg-profile-hint">Optional. What a gallery app expects, from its Entra tutorial: URL patterns, sign-on modes, claims.</p>"#) }
                    { for cancel }
                </div>
                <ul class="cfg-profiles" id="cfg-profile-list" aria-label="App profiles">
                    { for items }
                    if matching.is_empty() {
                        <li class="cfg-profiles-none">{ format!("No app profile matches “{}”.", query.trim()) }</li>
                    }
                </ul>
            </div>
        }
    });

    html! {
        <div class="cfg-profile-band">
            { for suggestion }
            { for chosen }
            { for picker }
        </div>
    }
}

/// One labelled text setting, with its hint, the profile tutorial's wording, and (for files)
/// "Open file" and a drop target.
fn text_field(
    ui: &Ui,
    config: &Config,
    (profile, vocabulary): (Option<&Profile>, Vocabulary),
    spec: &Spec,
    extra: Option<Html>,
) -> Html {
    let field = spec.field;
    let label = vocabulary.label(spec);
    let tutorial = profile.and_then(|p| Some((p, profile_field(p, field)?)));
    let placeholder = vocabulary.placeholder(spec, tutorial.map(|(_, f)| f.pattern.as_str()));
    let id = format!("cfg-{}", field.id());
    let hint_id = format!("{id}-hint");
    let value = field.get(config).to_owned();

    let oninput = {
        let editor = ui.editor.clone();
        Callback::from(move |event: InputEvent| {
            let value = if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                area.value()
            } else if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                input.value()
            } else {
                return;
            };
            editor.set(field, value);
        })
    };

    let (ondragover, ondragleave, ondrop) = if spec.files {
        let over = {
            let drop_target = ui.drop_target.clone();
            Callback::from(move |event: DragEvent| {
                let has_files = event
                    .data_transfer()
                    .is_some_and(|data| data.types().includes(&"Files".into(), 0));
                if has_files {
                    event.prevent_default();
                    if *drop_target != Some(field) {
                        drop_target.set(Some(field));
                    }
                }
            })
        };
        let leave = {
            let drop_target = ui.drop_target.clone();
            Callback::from(move |_: DragEvent| drop_target.set(None))
        };
        let drop = {
            let ui = ui.clone();
            Callback::from(move |event: DragEvent| {
                ui.drop_target.set(None);
                let file = event
                    .data_transfer()
                    .and_then(|data| data.files())
                    .and_then(|files| files.get(0));
                // Text drops fall through to the text area (an input event).
                if let Some(file) = file {
                    event.prevent_default();
                    ui.read_into(field, file);
                }
            })
        };
        (Some(over), Some(leave), Some(drop))
    } else {
        (None, None, None)
    };

    let open_file = spec.files.then(|| {
        let ui = ui.clone();
        let onchange = Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                ui.read_into(field, file);
            }
            input.set_value("");
        });
        html! {
            <label class="cfg-open">
                <input type="file" class="visually-hidden" aria-label={format!("Open file: {label}")} {onchange} />
                { "Open file" }
            </label>
        }
    });
    let error = ui
        .file_error
        .as_ref()
        .filter(|(f, _)| *f == field)
        .map(|(_, message)| html! { <p class="cfg-status is-error" role="alert">{ message.clone() }</p> });

    let dropping = *ui.drop_target == Some(field);
    let class = match (spec.rows, dropping) {
        (0, false) => "cfg-input",
        (0, true) => "cfg-input is-drop-target",
        (_, false) => "cfg-input is-area",
        (_, true) => "cfg-input is-area is-drop-target",
    };
    let control = match spec.rows {
        0 => html! {
            <input
                id={id.clone()}
                {class}
                type="text"
                value={value}
                placeholder={placeholder.to_owned()}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby={hint_id.clone()}
                {oninput}
            />
        },
        rows => html! {
            <textarea
                id={id.clone()}
                {class}
                rows={rows.to_string()}
                value={value}
                placeholder={placeholder.to_owned()}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby={hint_id.clone()}
                {oninput}
                {ondragover}
                {ondragleave}
                {ondrop}
            />
        },
    };
    // With an app profile, its tutorial's words replace the general hint.
    let (hint_class, hint) = match tutorial {
        Some((profile, wording)) => (
            "cfg-hint is-tutorial",
            html! {
                <>
                    <span class="cfg-hint-app">{ format!("{} tutorial: ", profile.title) }</span>
                    { wording.wording.clone() }
                </>
            },
        ),
        None => ("cfg-hint", inline(spec.hint)),
    };

    html! {
        <div class="cfg-field" data-field={field.id()}>
            <div class="cfg-label-row">
                <label class="cfg-label" for={id}>{ label }</label>
                { for open_file }
            </div>
            if let Some(place) = vocabulary.place(spec) {
                <p class="cfg-where">{ place }</p>
            }
            { control }
            <p class={hint_class} id={hint_id}>
                { hint }
            </p>
            { for error }
            { for extra }
        </div>
    }
}

/// "Set up <app>": Login URL, Microsoft Entra Identifier, Logout URL (and the Thumbprint),
/// each with a Copy button.
fn set_up_box(
    (app, vocabulary): (&str, Vocabulary),
    set_up: &SetUp,
    copied: &UseStateHandle<Option<String>>,
    editor: &Editor,
) -> Html {
    let idp_id = vocabulary.label(&CERTIFICATES[0]);
    let metadata = vocabulary.label(&CERTIFICATES[3]);
    let mut rows: Vec<(&str, String)> = Vec::new();
    rows.extend(set_up.login_urls.iter().map(|u| ("Login URL", u.clone())));
    rows.extend(
        set_up
            .entity_id
            .iter()
            .map(|e| (idp_id.as_str(), e.clone())),
    );
    rows.extend(set_up.logout_urls.iter().map(|u| ("Logout URL", u.clone())));
    rows.extend(set_up.thumbprints.iter().map(|t| ("Thumbprint", t.clone())));

    let body = if !set_up.candidates.is_empty() {
        candidate_picker(&set_up.candidates, editor, &idp_id, &metadata)
    } else if rows.is_empty() {
        let text = set_up.problem.as_ref().map_or_else(
            || format!("Give the {metadata} above to see the Login URL, {idp_id} and Logout URL to enter in the app."),
            |problem| format!("The {metadata} gives no values: {problem}."),
        );
        html! { <p class="cfg-setup-empty">{ text }</p> }
    } else {
        let items = rows.into_iter().map(|(label, value)| {
            let key = format!("{label}\u{1f}{value}");
            let done = copied.as_deref() == Some(key.as_str());
            let onclick = {
                let copied = copied.clone();
                let value = value.clone();
                Callback::from(move |_: MouseEvent| {
                    copy(value.clone(), key.clone(), copied.clone())
                })
            };
            html! {
                <div class="cfg-setup-row" data-setup={label.to_owned()}>
                    <dt>{ label }</dt>
                    <dd>
                        <code class="cfg-setup-value">{ value }</code>
                        <button
                            type="button"
                            class={if done { "cfg-copy is-done" } else { "cfg-copy" }}
                            aria-label={format!("{} {label}", if done { "Copied" } else { "Copy" })}
                            {onclick}
                        >
                            { if done { "Copied" } else { "Copy" } }
                        </button>
                    </dd>
                </div>
            }
        });
        html! { <dl class="cfg-setup-list">{ for items }</dl> }
    };
    html! {
        <div class="cfg-setup" data-view="set-up">
            <p class="cfg-subtitle">{ format!("Set up {app}") }</p>
            { body }
            <p class="visually-hidden" role="status">
                { if copied.is_some() { "Copied to the clipboard." } else { "" } }
            </p>
        </div>
    }
}
