//! Lexical colouring of XML text for the exact-text view.
//!
//! This is presentation only: it never parses, validates or interprets anything (the core's
//! one parser does that). It splits text into contiguous runs (markup, names, attribute values,
//! comments, text) so that the view can colour them. Unclosed constructs run to the end of the
//! text; every boundary falls on an ASCII delimiter, hence on a `char` boundary.

/// The lexical class of a run of XML text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    /// An attribute name.
    AttributeName,
    /// A quoted attribute value, quotes included.
    AttributeValue,
    /// `<!-- … -->`.
    Comment,
    /// `<?xml … ?>`, `<!DOCTYPE …>` and `<![CDATA[ … ]]>`.
    Declaration,
    /// `<`, `</`, `>`, `/>` and `=`.
    Punctuation,
    /// An element name (with its prefix).
    TagName,
    /// Character data and whitespace.
    Text,
}

impl Token {
    /// The CSS class the view uses for this token (`None` for plain text).
    pub const fn class(self) -> Option<&'static str> {
        match self {
            Self::AttributeName => Some("tk-an"),
            Self::AttributeValue => Some("tk-av"),
            Self::Comment => Some("tk-c"),
            Self::Declaration => Some("tk-d"),
            Self::Punctuation => Some("tk-p"),
            Self::TagName => Some("tk-t"),
            Self::Text => None,
        }
    }
}

/// A run `start..end` (byte offsets) of one token class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The class.
    pub token: Token,
}

/// Splits `text` into contiguous runs covering it entirely, offset by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Run> {
    let mut lexer = Lexer {
        bytes: text.as_bytes(),
        pos: 0,
        runs: Vec::new(),
        base,
    };
    lexer.run();
    lexer.runs
}

struct Lexer<'t> {
    bytes: &'t [u8],
    pos: usize,
    runs: Vec<Run>,
    base: usize,
}

impl Lexer<'_> {
    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            if self.bytes[self.pos] != b'<' {
                let end = self.find_byte(b'<');
                self.push(end, Token::Text);
            } else if self.starts_with(b"<!--") {
                let end = self.find_after(b"-->");
                self.push(end, Token::Comment);
            } else if self.starts_with(b"<![CDATA[") {
                let end = self.find_after(b"]]>");
                self.push(end, Token::Declaration);
            } else if self.starts_with(b"<?") {
                let end = self.find_after(b"?>");
                self.push(end, Token::Declaration);
            } else if self.starts_with(b"<!") {
                let end = self.find_after(b">");
                self.push(end, Token::Declaration);
            } else {
                self.tag();
            }
        }
    }

    fn tag(&mut self) {
        let open = if self.starts_with(b"</") { 2 } else { 1 };
        self.push(self.pos + open, Token::Punctuation);
        let name_end = self.scan_while(|b| !is_space(b) && !matches!(b, b'/' | b'>' | b'<'));
        self.push(name_end, Token::TagName);
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if is_space(b) {
                let end = self.scan_while(is_space);
                self.push(end, Token::Text);
            } else if b == b'>' {
                self.push(self.pos + 1, Token::Punctuation);
                return;
            } else if self.starts_with(b"/>") || self.starts_with(b"?>") {
                self.push(self.pos + 2, Token::Punctuation);
                return;
            } else if b == b'<' {
                // A broken tag: let the outer loop take the new one.
                return;
            } else if b == b'=' {
                self.push(self.pos + 1, Token::Punctuation);
            } else if b == b'"' || b == b'\'' {
                let close = self.bytes[self.pos + 1..]
                    .iter()
                    .position(|&c| c == b)
                    .map_or(self.bytes.len(), |i| self.pos + 1 + i + 1);
                self.push(close, Token::AttributeValue);
            } else {
                let end =
                    self.scan_while(|c| !is_space(c) && !matches!(c, b'=' | b'>' | b'/' | b'<'));
                let end = if end == self.pos { self.pos + 1 } else { end };
                self.push(end, Token::AttributeName);
            }
        }
    }

    fn starts_with(&self, prefix: &[u8]) -> bool {
        self.bytes[self.pos..].starts_with(prefix)
    }

    fn find_byte(&self, byte: u8) -> usize {
        self.bytes[self.pos..]
            .iter()
            .position(|&b| b == byte)
            .map_or(self.bytes.len(), |i| self.pos + i)
    }

    fn find_after(&self, needle: &[u8]) -> usize {
        self.bytes[self.pos + 1..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map_or(self.bytes.len(), |i| self.pos + 1 + i + needle.len())
    }

    fn scan_while(&self, keep: impl Fn(u8) -> bool) -> usize {
        self.bytes[self.pos..]
            .iter()
            .position(|&b| !keep(b))
            .map_or(self.bytes.len(), |i| self.pos + i)
    }

    fn push(&mut self, end: usize, token: Token) {
        let end = end.min(self.bytes.len());
        if end <= self.pos {
            return;
        }
        let (start, end) = (self.pos + self.base, end + self.base);
        match self.runs.last_mut() {
            Some(last) if last.token == token && last.end == start => last.end = end,
            _ => self.runs.push(Run { start, end, token }),
        }
        self.pos = end - self.base;
    }
}

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<(&str, Token)> {
        tokenize(text, 0)
            .into_iter()
            .map(|run| (&text[run.start..run.end], run.token))
            .collect()
    }

    #[test]
    fn runs_cover_the_text() {
        let text =
            "\u{feff}<?xml version=\"1.0\"?><a:B x='1' y=\"é\">t<!-- c --><![CDATA[<x>]]></a:B>";
        let runs = tokenize(text, 0);
        assert_eq!(runs.first().map(|r| r.start), Some(0));
        assert_eq!(runs.last().map(|r| r.end), Some(text.len()));
        for pair in runs.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text.is_char_boundary(pair[0].end));
        }
    }

    #[test]
    fn tags_and_attributes() {
        use Token::*;
        assert_eq!(
            classes("<a:B x=\"1\"/>text</a:B>"),
            vec![
                ("<", Punctuation),
                ("a:B", TagName),
                (" ", Text),
                ("x", AttributeName),
                ("=", Punctuation),
                ("\"1\"", AttributeValue),
                ("/>", Punctuation),
                ("text", Text),
                ("</", Punctuation),
                ("a:B", TagName),
                (">", Punctuation),
            ]
        );
    }

    #[test]
    fn broken_input_does_not_panic() {
        for text in [
            "<",
            "<a",
            "<a x=\"",
            "<!--",
            "<?",
            "<![CDATA[",
            "<a <b>",
            "a<",
            "<a x='1' =>",
            "</",
        ] {
            let runs = tokenize(text, 7);
            assert_eq!(runs.last().map(|r| r.end), Some(text.len() + 7), "{text}");
        }
    }
}
