//! Read-only views written as HTML text instead of `html!` node trees.
//!
//! Building a node tree with `html!` costs a few hundred bytes of wasm per element; writing
//! the same element into a string costs a few bytes per call. The views that only show the
//! Report (no input, no state of their own) are therefore written with [`Markup`], and Yew
//! inserts the result as one raw block.
//!
//! Safe by construction: markup can only come from `&'static str` constants of this crate
//! ([`Markup::tag`]); everything else (every value from a message, a configuration or a
//! number) goes through [`Markup::text`] or `write!`, which escape `&`, `<`, `>` and `"`.
//! Dynamic values are only ever written as element text or inside a double-quoted attribute,
//! so an escaped value cannot leave its place.

use std::fmt;

pub mod parts;

/// HTML text being written (see the module docs for why it is safe).
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// Empty markup.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends constant markup of this crate (tags, attribute names, fixed words).
    pub fn tag(&mut self, markup: &'static str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Appends `text`, escaped: safe as element text and inside a double-quoted attribute.
    pub fn text(&mut self, text: &str) -> &mut Self {
        let mut rest = text;
        while let Some(at) = rest.find(['&', '<', '>', '"']) {
            self.0.push_str(&rest[..at]);
            self.0.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            });
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
        self
    }

    /// Appends a sentence of the core (a finding's message or fix), escaped, with what it quotes
    /// between backticks (`` `https://…/acs` ``) shown as code: `<code>…</code>`, never as
    /// literal backticks. An unpaired backtick stays as written.
    pub fn prose(&mut self, text: &str) -> &mut Self {
        let mut rest = text;
        while let Some(open) = rest.find('`') {
            let Some(len) = rest[open + 1..].find('`') else {
                break;
            };
            self.text(&rest[..open]);
            self.tag("<code>")
                .text(&rest[open + 1..open + 1 + len])
                .tag("</code>");
            rest = &rest[open + 2 + len..];
        }
        self.text(rest)
    }

    /// `open`, then `text` escaped, then `close`: `m.wrap("<dt>", label, "</dt>")`.
    pub fn wrap(&mut self, open: &'static str, text: &str, close: &'static str) -> &mut Self {
        self.tag(open).text(text).tag(close)
    }

    /// Appends markup written separately.
    pub fn markup(&mut self, other: Self) -> &mut Self {
        self.0.push_str(&other.0);
        self
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The HTML text written so far.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The HTML text.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// `write!(markup, …)` writes the formatted text escaped.
impl fmt::Write for Markup {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.text(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::Markup;

    #[test]
    fn text_is_escaped_and_tags_are_not() {
        let mut m = Markup::new();
        m.tag("<span title=\"")
            .text("a\"b<c>&d")
            .tag("\">")
            .text("<script>alert(1)</script>")
            .tag("</span>");
        assert_eq!(
            m.as_str(),
            "<span title=\"a&quot;b&lt;c&gt;&amp;d\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"
        );
    }

    #[test]
    fn prose_shows_quoted_values_as_code_and_escapes_everything() {
        let mut m = Markup::new();
        m.prose("the Audience `https://a.example/?x=<1>&y` is not `b` (a ` alone)");
        assert_eq!(
            m.as_str(),
            "the Audience <code>https://a.example/?x=&lt;1&gt;&amp;y</code> is not <code>b</code> (a ` alone)"
        );
        let mut m = Markup::new();
        m.prose("``empty`` and <b>`");
        assert_eq!(m.as_str(), "<code></code>empty<code></code> and &lt;b&gt;`");
    }

    #[test]
    fn formatted_text_is_escaped() {
        let mut m = Markup::new();
        let tag = "<b>";
        write!(m, "{tag} & {}", 3).expect("writes to a String");
        assert_eq!(m.as_str(), "&lt;b&gt; &amp; 3");
    }

    #[test]
    fn text_without_special_characters_is_copied() {
        let mut m = Markup::new();
        m.wrap("<dt>", "Issuer — é", "</dt>");
        assert_eq!(m.as_str(), "<dt>Issuer — é</dt>");
    }
}
