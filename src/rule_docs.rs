//! The rule documentation page, `rules.html`: every rule's code, severity, summary and
//! documentation (the text `samlscope explain` prints), as a static page beside the app.
//!
//! The app does not carry the documentation (60 KB of text, 17 KB of its download): each
//! finding and the footer's rule reference link to `rules.html#<rule name>`, which opens in a
//! new tab. The page is made here, natively, from the core's rules; a test keeps
//! `static/rules.html` equal to what [`rules_page`] writes (`SAMLSCOPE_UPDATE=1 cargo test -p
//! samlscope-web rules_page` rewrites it).

use crate::format::{DocBlock, code_spans, doc_blocks};
use crate::markup::Markup;

/// The link to a rule's documentation, relative to the app's page.
pub fn docs_href(rule_name: &'static str) -> String {
    format!("rules.html#{rule_name}")
}

/// `text` with the parts in backticks as `<code>`.
fn inline(m: &mut Markup, text: &str) {
    for (code, piece) in code_spans(text) {
        if code {
            m.wrap("<code>", piece, "</code>");
        } else {
            m.text(piece);
        }
    }
}

/// A rule's documentation (What / Why / Example / How to fix / References) as markup.
pub fn docs_markup(m: &mut Markup, docs: &str) {
    let mut in_list = false;
    for block in doc_blocks(docs) {
        let item = matches!(block, DocBlock::Item(_));
        if in_list && !item {
            m.tag("</ul>");
        }
        match block {
            DocBlock::Heading(h) => {
                m.wrap("<h3>", &h, "</h3>");
            }
            DocBlock::Paragraph(p) => {
                m.tag("<p>");
                inline(m, &p);
                m.tag("</p>");
            }
            DocBlock::Code(code) => {
                m.wrap("<pre><code>", &code, "</code></pre>");
            }
            DocBlock::Item(i) => {
                if !in_list {
                    m.tag("<ul>");
                }
                m.tag("<li>");
                inline(m, &i);
                m.tag("</li>");
            }
        }
        in_list = item;
    }
    if in_list {
        m.tag("</ul>");
    }
}

/// The whole `rules.html` document for `rules`.
#[cfg(not(target_arch = "wasm32"))]
pub fn rules_page(rules: &[&samlscope_core::Rule]) -> String {
    let mut m = Markup::new();
    m.tag(concat!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ",
        "style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'\" />\n",
        "<meta name=\"referrer\" content=\"no-referrer\" />\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n",
        "<meta name=\"color-scheme\" content=\"light dark\" />\n",
        "<title>samlscope — rule reference</title>\n",
        "<link rel=\"icon\" href=\"data:,\" />\n",
        "<link rel=\"stylesheet\" href=\"rules.css\" />\n",
        "</head>\n<body>\n<!-- Made by src/rule_docs.rs from the core's rules: do not edit. -->\n",
        "<header class=\"head\"><a class=\"back\" href=\"./\">samlscope</a>",
        "<h1>Rule reference</h1><p class=\"lead\">"
    ));
    let _ = std::fmt::Write::write_fmt(
        &mut m,
        format_args!(
            "{} rules. Each finding of samlscope names its rule and links here.",
            rules.len()
        ),
    );
    m.tag("</p></header>\n<nav class=\"toc\" aria-label=\"Rules\"><ul>");
    for rule in rules {
        m.wrap("<li><a href=\"#", rule.name, "\"><code>");
        m.text(rule.code).tag("</code> ").text(rule.name);
        m.tag("</a></li>");
    }
    m.tag("</ul></nav>\n<main>\n");
    for rule in rules {
        let severity = rule.severity.as_str();
        m.wrap(
            "<article class=\"rule\" id=\"",
            rule.name,
            "\" data-rule=\"",
        );
        m.text(rule.name).tag("\"><h2><code>").text(rule.code);
        m.tag("</code> ").text(rule.name);
        m.wrap(" <span class=\"sev sev-", severity, "\">");
        m.text(severity).tag("</span></h2>");
        m.wrap("<p class=\"summary\">", rule.summary, "</p>");
        docs_markup(&mut m, rule.docs);
        m.tag("</article>\n");
    }
    m.tag("</main>\n</body>\n</html>\n");
    m.into_string()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use samlscope_core::rules::RULES;

    use super::*;

    #[test]
    fn docs_become_headings_paragraphs_and_lists() {
        let mut m = Markup::new();
        docs_markup(
            &mut m,
            "## What it does\nChecks `A<B>`\nand B.\n\n## References\n- SAML Core\n- RFC 3986\n",
        );
        assert_eq!(
            m.as_str(),
            "<h3>What it does</h3><p>Checks <code>A&lt;B&gt;</code> and B.</p>\
             <h3>References</h3><ul><li>SAML Core</li><li>RFC 3986</li></ul>"
        );
    }

    #[test]
    fn rules_page_is_current() {
        let page = rules_page(RULES);
        for rule in RULES {
            assert!(
                page.contains(&format!("id=\"{}\"", rule.name)),
                "{}",
                rule.name
            );
            assert!(!rule.docs.is_empty(), "{} has no docs", rule.name);
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/rules.html");
        if std::env::var_os("SAMLSCOPE_UPDATE").is_some() {
            std::fs::write(path, &page).expect("writes static/rules.html");
        }
        let kept = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            kept == page,
            "static/rules.html is not what the rules say: run \
             `SAMLSCOPE_UPDATE=1 cargo test -p samlscope-web rules_page` and commit it"
        );
    }
}
