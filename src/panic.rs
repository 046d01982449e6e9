//! A panic must not leave a dead page: the hook puts a plain-HTML notice on the page (no wasm
//! needed afterwards) saying what happened, that nothing left the browser, and how to go on.

use wasm_bindgen::JsCast;

/// The fragment that makes the app panic on purpose (for the end-to-end test of this hook).
pub const TEST_FRAGMENT: &str = "#samlscope-panic-test";

/// Installs the hook.
pub fn install() {
    // Yew installs its own hook (console only) when it renders unless one is given to it.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_owned());
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        show(&format!("{message}{place}"));
    }));
}

fn show(detail: &str) {
    let document = gloo::utils::document();
    let Some(body) = document.body() else { return };
    let Ok(notice) = document.create_element("div") else {
        return;
    };
    notice.set_class_name("panic-notice");
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("data-view", "panic");
    let heading = document.create_element("strong").ok();
    if let Some(h) = &heading {
        h.set_text_content(Some("samlscope hit an internal error and stopped."));
        let _ = notice.append_child(h);
    }
    if let Ok(p) = document.create_element("p") {
        p.set_text_content(Some(
            "Nothing was sent anywhere: your input never left this page. Reload to start again; \
             if the same input does this again, it is a bug worth reporting (without the message).",
        ));
        let _ = notice.append_child(&p);
    }
    if let Ok(code) = document.create_element("code") {
        code.set_text_content(Some(detail));
        let _ = notice.append_child(&code);
    }
    if let Ok(link) = document.create_element("a")
        && let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        let location = gloo::utils::window().location();
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        link.set_href(&here);
        link.set_class_name("tool");
        link.set_text_content(Some("Reload the page"));
        let _ = notice.append_child(&link);
    }
    let _ = body.prepend_with_node_1(&notice);
}
