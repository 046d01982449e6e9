//! A pasted error line, recognised: which SP or IdP writes it, what it means, and the rule that
//! finds its cause once the message is pasted. The core recognises it
//! ([`samlscope_core::errors::lookup`]); this only shows it.

use std::rc::Rc;

use samlscope_core::errors::Side;
use yew::prelude::*;

use super::markup_html;
use crate::markup::Markup;
use crate::state::Inspection;

/// Props of [`ErrorTextView`].
#[derive(Properties, PartialEq)]
pub struct ErrorTextViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// One card per error text recognised in the input (nothing when there is none).
#[component]
pub fn ErrorTextView(props: &ErrorTextViewProps) -> Html {
    let mut m = Markup::new();
    for found in &props.inspection.error_texts {
        let (who, message) = match found.side {
            Side::Sp => ("An error the SP writes", "the SAMLResponse it rejected"),
            Side::Idp => (
                "An error the identity provider shows",
                "the AuthnRequest it refused",
            ),
        };
        m.tag(
            "<section class=\"card view-card\" data-view=\"error-text\"><h3 class=\"card-title\">",
        );
        m.text(who);
        m.tag("<span class=\"card-note\">");
        m.text(&found.software.join(", "));
        m.tag("</span></h3><p><code>");
        m.text(found.text);
        m.tag("</code></p>");
        if let Some(meaning) = found.meaning {
            m.tag("<p>");
            m.text(meaning);
            m.tag("</p>");
        }
        if let Some(rule) = found.rule {
            m.tag("<p><span class=\"help-label\">Cause: </span>");
            m.text(&format!(
                "the rule {} ({}) finds it: {}. Paste {message} here, and set the app's values in Configure, to see which value differs.",
                rule.name, rule.code, rule.summary
            ));
            m.tag("</p>");
        }
        m.tag("</section>");
    }
    markup_html(m)
}
