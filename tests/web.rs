//! Browser tests of the web shell (wasm-bindgen-test in headless Chromium).
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_DIR=/work/target-web cargo test --locked
//! --target wasm32-unknown-unknown -p samlscope-web`.
//!
//! Each test mounts its own App into its own `<div>` and queries only inside it (the runner's
//! page has elements of its own, such as `#output`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use samlscope_web::app::App;
use samlscope_web::examples::{ENTRA_RESPONSE, REDIRECT_AUTHN_REQUEST};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Between two looks at the page while waiting for a condition: a sleep here yields to the
/// browser's event loop, where the debounce timer fires and Yew renders (a test has no other
/// way to let them run). It is a polling interval, not a wait for a fixed time.
const POLL: Duration = Duration::from_millis(10);

/// How many looks before a condition counts as never met: at least 10 s, far beyond the 150 ms
/// debounce, the inspection and the render.
const LOOKS: u32 = 1000;

/// Waits until `ready` holds for the page, or fails saying what never happened.
async fn until(root: &Element, what: &str, ready: impl Fn(&Element) -> bool) {
    for _ in 0..LOOKS {
        if ready(root) {
            return;
        }
        yew::platform::time::sleep(POLL).await;
    }
    let page: String = text(root).chars().take(400).collect();
    panic!("timed out waiting for {what}; the page says: {page}…");
}

/// Waits until the first inspection is shown: fresh results, nothing pending. (Only for a page
/// that showed no results before: right after an input, the old ones may not be stale yet.)
async fn inspected(root: &Element) {
    until(root, "the inspection's results", |r| {
        find(r, ".results:not(.is-stale)").is_some() && find(r, ".working").is_none()
    })
    .await;
}

async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<App>::with_root(root.clone()).render();
    until(&root, "the app to render its input", |r| {
        find(r, "textarea[aria-label='SAML message']").is_some()
    })
    .await;
    root
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

async fn type_into(root: &Element, text: &str) {
    let area: HtmlTextAreaElement = find(root, "textarea[aria-label='SAML message']")
        .expect("the text area")
        .dyn_into()
        .expect("a textarea");
    area.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("an input event");
    area.dispatch_event(&event).expect("dispatched");
    inspected(root).await;
}

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn empty_state_explains_what_to_paste() {
    let root = mount().await;
    let page = text(&root);
    assert!(page.contains("samlscope"));
    assert!(page.contains("Nothing leaves your browser"));
    assert!(page.contains("Paste anything"));
    assert!(find(&root, "[data-example='entra-response']").is_some());
}

#[wasm_bindgen_test]
async fn pasted_entra_response_is_detected_with_findings() {
    let root = mount().await;
    type_into(&root, ENTRA_RESPONSE.text()).await;
    let detected = find(&root, ".detected")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        detected.contains("base64 SAML Response"),
        "detected: {detected}"
    );
    // Verified with the certificate the message carries, no trust anchor being configured:
    // whatever the time, this finding is there.
    assert!(
        find(&root, "[data-finding='signature-untrusted']").is_some(),
        "no signature-untrusted finding: {}",
        text(&root)
    );
    let xml = find(&root, ".xml")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        find(&root, ".xml .line").is_some() && xml.contains("<samlp:Response"),
        "the XML view does not show the decoded response: {}",
        xml.chars().take(80).collect::<String>()
    );
}

#[wasm_bindgen_test]
async fn redirect_url_is_detected_as_authn_request() {
    let root = mount().await;
    type_into(&root, REDIRECT_AUTHN_REQUEST.text()).await;
    let detected = find(&root, ".detected")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(detected.contains("AuthnRequest"), "detected: {detected}");
}

#[wasm_bindgen_test]
async fn examples_menu_loads_an_example_and_clear_empties_the_page() {
    let root = mount().await;
    let item: HtmlElement = find(&root, "[data-example='error-response']")
        .expect("menu item")
        .dyn_into()
        .expect("an element");
    item.click();
    inspected(&root).await;
    assert!(
        text(&root).contains("RequestDenied"),
        "status not summarised"
    );

    let clear = root
        .query_selector_all(".input-pane button")
        .ok()
        .and_then(|buttons| {
            (0..buttons.length())
                .filter_map(|i| buttons.get(i))
                .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
                .find(|button| button.text_content().as_deref() == Some("Clear"))
        })
        .expect("a Clear button");
    assert!(find(&root, ".empty-state").is_none());
    clear.click();
    until(&root, "the empty state after Clear", |r| {
        find(r, ".empty-state").is_some()
    })
    .await;
    assert!(find(&root, ".results").is_none(), "results still shown");
}

#[wasm_bindgen_test]
async fn garbage_gives_an_undecodable_finding() {
    let root = mount().await;
    type_into(&root, "this is %% not SAML at all ~~~").await;
    assert!(
        find(
            &root,
            "[data-finding='input-undecodable'][data-severity='error']"
        )
        .is_some(),
        "no input-undecodable finding: {}",
        text(&root)
    );
}

#[wasm_bindgen_test]
async fn clicking_a_finding_marks_its_span_in_the_xml() {
    let root = mount().await;
    type_into(&root, samlscope_web::examples::ERROR_RESPONSE.text()).await;
    let finding: HtmlElement = find(&root, "[data-finding] .finding-head")
        .expect("a finding")
        .dyn_into()
        .expect("an element");
    assert!(find(&root, "[data-finding].is-selected").is_none());
    finding.click();
    until(&root, "the clicked finding to be selected", |r| {
        find(r, "[data-finding].is-selected").is_some()
    })
    .await;
    assert!(
        find(&root, ".xml .line.is-selected").is_some(),
        "no line selected"
    );
    assert!(
        find(&root, ".xml mark.is-selected-mark").is_some(),
        "span not marked"
    );
}

fn click(root: &Element, selector: &str) {
    let element: HtmlElement = find(root, selector)
        .unwrap_or_else(|| panic!("{selector}"))
        .dyn_into()
        .expect("an HTML element");
    element.click();
}

#[wasm_bindgen_test]
async fn the_views_switch_and_each_renders_from_the_report() {
    let root = mount().await;
    type_into(&root, ENTRA_RESPONSE.text()).await;
    click(&root, "[data-tab='claims']");
    until(&root, "the Claims view", |r| {
        find(r, ".tab-panel[data-view='claims']").is_some()
    })
    .await;
    let claims = text(&root);
    assert!(
        claims.contains("user.mail"),
        "the Claims view names user.mail"
    );
    assert!(
        find(&root, "table.claims-full").is_some(),
        "no claims table"
    );
    click(&root, "[data-tab='timeline']");
    until(&root, "the Conditions view", |r| {
        find(r, ".tab-panel[data-view='timeline']").is_some()
    })
    .await;
    assert!(
        find(&root, "[data-view='clock-skew'] [data-sp='ruby-saml']").is_some(),
        "no clock-skew view"
    );
    click(&root, "[data-tab='signatures']");
    until(&root, "the Signatures & certificates view", |r| {
        find(r, ".tab-panel[data-view='signatures']").is_some()
    })
    .await;
    assert!(text(&root).contains("SHA-256"), "no thumbprints");
}

#[wasm_bindgen_test]
async fn configure_opens_the_drawer_and_a_wrong_identifier_gives_audience_mismatch() {
    let root = mount().await;
    type_into(&root, ENTRA_RESPONSE.text()).await;
    click(&root, "[data-action='configure']");
    until(&root, "the configuration drawer", |r| {
        find(r, "#config-drawer").is_some()
    })
    .await;
    let drawer = find(&root, "#config-drawer").expect("the drawer");
    let label = drawer.text_content().unwrap_or_default();
    assert!(
        label.contains("Identifier (Entity ID)"),
        "no Identifier field"
    );
    let input = drawer
        .query_selector("#cfg-identifier")
        .ok()
        .flatten()
        .expect("the Identifier input");
    match input.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(i) => i.set_value("https://wrong.example.com/saml"),
        None => input
            .dyn_ref::<HtmlTextAreaElement>()
            .expect("an input or text area")
            .set_value("https://wrong.example.com/saml"),
    }
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).expect("event"))
        .expect("dispatched");
    assert!(find(&root, "[data-finding='audience-mismatch']").is_none());
    // The answer itself is the condition: a timeout fails the test.
    until(
        &root,
        "an audience-mismatch finding after configuring a wrong Identifier",
        |r| find(r, "[data-finding='audience-mismatch']").is_some(),
    )
    .await;
}

/// The page is built without the core's `decryption` feature (it has no SP key field): an SP
/// key given anyway is refused with a finding that points to the CLI, and an encrypted
/// assertion is reported as such.
#[wasm_bindgen_test]
fn the_page_build_leaves_decryption_out_and_says_so() {
    use samlscope_core::{Context, Timestamp, inspect};
    let input = include_bytes!(
        "../crates/samlscope-core/tests/fixtures/xmlenc/aes128-gcm.rsa-oaep-mgf1p.xml"
    );
    let mut ctx = Context::new(Timestamp::parse("2026-12-01T00:00:00Z").expect("time"));
    assert!(
        inspect(input, &ctx)
            .findings
            .iter()
            .any(|f| f.name() == "assertion-encrypted")
    );
    ctx.sp_key =
        Some(include_bytes!("../crates/samlscope-core/tests/fixtures/xmlenc/sp.key").to_vec());
    let report = inspect(input, &ctx);
    let refused = report
        .findings
        .iter()
        .find(|f| f.name() == "decryption-failed")
        .expect("a decryption-failed finding");
    assert!(
        refused.message.contains("left out of this build") && refused.message.contains("--sp-key"),
        "{}",
        refused.message
    );
}

/// The page is built without the core's `ecdsa-p521` and `dsa-signatures` features: a P-521
/// or DSA signature is "not verifiable here", and says to use the CLI; P-384 still verifies.
#[wasm_bindgen_test]
fn the_page_build_leaves_p521_and_dsa_out_and_says_so() {
    use samlscope_core::dsig::Verdict;
    use samlscope_core::{Context, Timestamp, inspect};
    let fixtures = [
        (
            &include_bytes!(
                "../crates/samlscope-core/tests/fixtures/dsig/alg-ecdsa-p521-sha512.xml"
            )[..],
            &include_bytes!(
                "../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-ec-p521.crt"
            )[..],
            Verdict::Unsupported,
        ),
        (
            &include_bytes!("../crates/samlscope-core/tests/fixtures/dsig/alg-dsa2048-sha256.xml")
                [..],
            &include_bytes!(
                "../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-dsa2048.crt"
            )[..],
            Verdict::Unsupported,
        ),
        (
            &include_bytes!(
                "../crates/samlscope-core/tests/fixtures/dsig/alg-ecdsa-p384-sha384.xml"
            )[..],
            &include_bytes!(
                "../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-ec-p384.crt"
            )[..],
            Verdict::Valid,
        ),
    ];
    for (input, cert, verdict) in fixtures {
        let mut ctx = Context::new(Timestamp::parse("2026-12-01T00:00:00Z").expect("time"));
        ctx.idp_certificates.push(cert.to_vec());
        let report = inspect(input, &ctx);
        let signature = report.signatures.first().expect("a signature");
        assert_eq!(signature.verdict, verdict);
        if verdict == Verdict::Unsupported {
            let why = signature
                .failure
                .as_ref()
                .map(|f| f.describe())
                .unwrap_or_default();
            assert!(why.contains("samlscope inspect"), "{why}");
            let finding = report
                .findings
                .iter()
                .find(|f| f.name() == "signature-algorithm-unsupported")
                .expect("a signature-algorithm-unsupported finding");
            assert!(
                finding.message.contains("cannot be checked here"),
                "{}",
                finding.message
            );
            assert!(
                report
                    .findings
                    .iter()
                    .all(|f| f.name() != "signature-value-invalid"),
                "an unusable key is not an invalid signature"
            );
        }
    }
}
