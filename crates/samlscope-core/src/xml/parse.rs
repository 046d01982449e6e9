//! The strict parser: quick-xml events → the [`Document`] arena.

use std::collections::{HashMap, HashSet};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::tree::{
    AttributeData, Document, ElementData, NO_NS, Node, NodeKind, NsDeclData, QName, RAW, Span32,
    XmlWarning,
};
use crate::span::Span;

/// Bounds on what the parser accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest element nesting accepted.
    pub max_depth: usize,
    /// Most nodes (elements, text, comments …) accepted.
    pub max_nodes: usize,
    /// Longest single attribute value or text node, in bytes.
    pub max_value_bytes: usize,
    /// Most attributes on one element, namespace declarations included.
    pub max_attributes: usize,
    /// Longest element or attribute name, in bytes.
    pub max_name_bytes: usize,
    /// Most distinct namespace names (URIs) one document declares (the `xml` namespace, bound
    /// without a declaration, is not counted).
    pub max_namespaces: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 256,
            max_nodes: 4_000_000,
            max_value_bytes: 16 * 1024 * 1024,
            max_attributes: 1_000,
            max_name_bytes: 1_000,
            max_namespaces: 10_000,
        }
    }
}

/// Why parsing stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlErrorKind {
    /// A bound of [`Limits`] was hit.
    LimitExceeded,
    /// The text is not well-formed XML (or not namespace-well-formed beyond repair).
    Malformed,
}

/// A parse failure, pointing at the byte where it is rational to report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    /// The kind of failure.
    pub kind: XmlErrorKind,
    /// One line, quick-xml style ("tag not closed: `>` not found before end of input").
    pub message: String,
    /// Where.
    pub span: Span,
    /// The DOCTYPE, when one was seen before the failure (it is reported either way).
    pub doctype: Option<Span>,
    /// The text, given back.
    pub text: String,
}

/// Parses `text` with the default [`Limits`].
pub fn parse(text: String) -> Result<Document, XmlError> {
    parse_with(text, Limits::default())
}

/// Parses `text` strictly into a [`Document`].
pub fn parse_with(text: String, limits: Limits) -> Result<Document, XmlError> {
    let mut builder = Builder::new(limits);
    match builder.run(&text) {
        Ok(()) => Ok(builder.finish(text)),
        Err(Failure {
            kind,
            message,
            span,
        }) => Err(XmlError {
            kind,
            message,
            span: fit(&text, span),
            doctype: builder.doctype.map(Span32::span),
            text,
        }),
    }
}

/// `span` inside `text` and on character boundaries: some error spans are a fixed number of
/// bytes from where the problem starts, which can end inside a character or past the text.
fn fit(text: &str, span: Span) -> Span {
    let start = crate::span::floor_char_boundary(text, span.start);
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

struct Failure {
    kind: XmlErrorKind,
    message: String,
    span: Span,
}

fn malformed(message: impl Into<String>, span: Span) -> Failure {
    Failure {
        kind: XmlErrorKind::Malformed,
        message: message.into(),
        span,
    }
}

fn too_long(what: &str, span: Span, limit: usize) -> Failure {
    Failure {
        kind: XmlErrorKind::LimitExceeded,
        message: format!(
            "{what} is {} MB long; values over {} MB are refused (no SAML value is anywhere near this size)",
            span.len() / (1024 * 1024),
            limit / (1024 * 1024)
        ),
        span: Span::new(span.start, span.start + span.len().min(64)),
    }
}

struct PendingText {
    start: usize,
    end: usize,
    owned: Option<String>,
}

struct Builder {
    limits: Limits,
    nodes: Vec<Node>,
    elements: Vec<ElementData>,
    attributes: Vec<AttributeData>,
    ns_decls: Vec<NsDeclData>,
    namespaces: Vec<Box<str>>,
    ns_ids: HashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
    root: Option<u32>,
    doctype: Option<Span32>,
    declaration: Option<Span32>,
    warnings: Vec<XmlWarning>,
    /// Open elements (node ids).
    stack: Vec<u32>,
    /// In-scope namespace bindings: per prefix, the stack of its bindings (innermost last),
    /// so that a lookup takes constant time however many bindings are in scope.
    bindings: HashMap<Box<str>, Vec<u32>>,
    /// The prefixes each open element declared, in order, with how many per element.
    declared: Vec<Box<str>>,
    binding_counts: Vec<usize>,
    pending: Option<PendingText>,
    xml_ns: u32,
}

impl Builder {
    fn new(limits: Limits) -> Self {
        let mut b = Self {
            limits,
            nodes: Vec::new(),
            elements: Vec::new(),
            attributes: Vec::new(),
            ns_decls: Vec::new(),
            namespaces: Vec::new(),
            ns_ids: HashMap::new(),
            strings: Vec::new(),
            root: None,
            doctype: None,
            declaration: None,
            warnings: Vec::new(),
            stack: Vec::new(),
            bindings: HashMap::new(),
            declared: Vec::new(),
            binding_counts: Vec::new(),
            pending: None,
            xml_ns: 0,
        };
        b.xml_ns = b.intern(super::ns::XML);
        b
    }

    fn finish(self, text: String) -> Document {
        Document {
            text,
            nodes: self.nodes,
            elements: self.elements,
            attributes: self.attributes,
            ns_decls: self.ns_decls,
            namespaces: self.namespaces,
            strings: self.strings,
            root: self.root.unwrap_or(0),
            doctype: self.doctype,
            declaration: self.declaration,
            warnings: self.warnings,
        }
    }

    fn intern(&mut self, uri: &str) -> u32 {
        if let Some(&id) = self.ns_ids.get(uri) {
            return id;
        }
        let id = self.namespaces.len() as u32;
        self.namespaces.push(uri.into());
        self.ns_ids.insert(uri.into(), id);
        id
    }

    fn store(&mut self, s: String) -> u32 {
        let id = self.strings.len() as u32;
        self.strings.push(s.into_boxed_str());
        id
    }

    fn push_node(&mut self, kind: NodeKind, span: Span, data: u32) -> Result<u32, Failure> {
        if self.nodes.len() >= self.limits.max_nodes {
            return Err(Failure {
                kind: XmlErrorKind::LimitExceeded,
                message: format!(
                    "more than {} XML nodes; refusing to build a larger tree",
                    self.limits.max_nodes
                ),
                span,
            });
        }
        let id = self.nodes.len() as u32;
        let parent = self.stack.last().copied().unwrap_or(0);
        self.nodes.push(Node {
            kind,
            span: Span32::new(span.start, span.end),
            parent,
            end: id + 1,
            data,
        });
        Ok(id)
    }

    fn run(&mut self, text: &str) -> Result<(), Failure> {
        // The document node.
        self.nodes.push(Node {
            kind: NodeKind::Document,
            span: Span32::new(0, text.len()),
            parent: 0,
            end: 1,
            data: 0,
        });
        let mut reader = Reader::from_str(text);
        // quick-xml drops a leading UTF-8 byte order mark without counting it in its positions.
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let position = |p: u64| usize::try_from(p).unwrap_or(usize::MAX).saturating_add(bom);
        {
            let config = reader.config_mut();
            config.trim_text(false);
            config.check_end_names = true;
            config.check_comments = true;
            config.expand_empty_elements = false;
            config.allow_dangling_amp = false;
            config.allow_unmatched_ends = false;
        }
        loop {
            let start = position(reader.buffer_position());
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    // quick-xml may point inside a character (`<!---é-->`).
                    let at =
                        crate::span::floor_char_boundary(text, position(reader.error_position()));
                    // Cover a whole mismatched end tag rather than its `<`.
                    let mut span = Span::at(at);
                    if text[at..].starts_with("</")
                        && let Some(close) =
                            text[at..].char_indices().take(300).find(|&(_, c)| c == '>')
                    {
                        span = Span::new(at, at + close.0 + 1);
                    }
                    return Err(malformed(describe_error(&error), span));
                }
            };
            let end = position(reader.buffer_position()).min(text.len());
            let span = Span::new(start.min(end), end);
            match event {
                Event::Text(_) => self.text(text, span)?,
                Event::GeneralRef(_) => {
                    let name = text
                        .get(span.start + 1..span.end.saturating_sub(1))
                        .unwrap_or("");
                    self.reference(text, span, name)?;
                }
                Event::Start(_) => {
                    self.flush_text(text)?;
                    self.start_element(text, span, false)?;
                }
                Event::Empty(_) => {
                    self.flush_text(text)?;
                    self.start_element(text, span, true)?;
                }
                Event::End(_) => {
                    self.flush_text(text)?;
                    self.end_element(span)?;
                }
                Event::CData(_) => {
                    self.flush_text(text)?;
                    self.outside_root_check(span, "a CDATA section")?;
                    let inner = Span::new(span.start + 9, span.end.saturating_sub(3));
                    let value = normalize_line_ends(text, inner).map_or(RAW, |s| self.store(s));
                    self.push_node(NodeKind::CData, span, value)?;
                }
                Event::Comment(_) => {
                    self.flush_text(text)?;
                    self.push_node(NodeKind::Comment, span, 0)?;
                }
                Event::PI(_) => {
                    self.flush_text(text)?;
                    self.push_node(NodeKind::ProcessingInstruction, span, 0)?;
                }
                Event::Decl(_) => {
                    self.flush_text(text)?;
                    let only_space_before = text[..span.start]
                        .chars()
                        .all(|c| c.is_whitespace() || c == '\u{feff}');
                    if self.declaration.is_some() || self.nodes.len() > 1 || !only_space_before {
                        return Err(malformed(
                            "the XML declaration `<?xml …?>` may appear only at the very start",
                            span,
                        ));
                    }
                    self.declaration = Some(Span32::new(span.start, span.end));
                }
                Event::DocType(_) => {
                    self.flush_text(text)?;
                    if self.root.is_some() || self.doctype.is_some() {
                        return Err(malformed(
                            "a DOCTYPE may appear only once, before the root element",
                            span,
                        ));
                    }
                    self.doctype = Some(Span32::new(span.start, span.end));
                }
                Event::Eof => {
                    self.flush_text(text)?;
                    if let Some(&open) = self.stack.last() {
                        let e = &self.elements[self.nodes[open as usize].data as usize];
                        let name = text
                            .get(e.name.span.start as usize..e.name.span.end as usize)
                            .unwrap_or("");
                        return Err(malformed(
                            format!(
                                "element `{name}` is never closed: `</{name}>` not found before end of input"
                            ),
                            Span::new(
                                self.nodes[open as usize].span.start as usize,
                                e.start_tag_end as usize,
                            ),
                        ));
                    }
                    if self.root.is_none() {
                        return Err(malformed(
                            "no root element: the input has no XML element",
                            Span::at(text.len()),
                        ));
                    }
                    self.nodes[0].end = self.nodes.len() as u32;
                    return Ok(());
                }
            }
        }
    }

    fn outside_root_check(&self, span: Span, what: &str) -> Result<(), Failure> {
        if self.stack.is_empty() {
            return Err(malformed(format!("{what} outside the root element"), span));
        }
        Ok(())
    }

    fn text(&mut self, text: &str, span: Span) -> Result<(), Failure> {
        if self.stack.is_empty() {
            let raw = span.slice(text);
            if let Some(pos) = raw.find(|c: char| !c.is_whitespace() && c != '\u{feff}') {
                let at = span.start + pos;
                let what = if self.root.is_some() {
                    "text after the root element (only one root element is allowed)"
                } else {
                    "text before the root element"
                };
                return Err(malformed(what, Span::new(at, (at + 1).min(span.end))));
            }
            return Ok(());
        }
        match &mut self.pending {
            None => {
                self.pending = Some(PendingText {
                    start: span.start,
                    end: span.end,
                    owned: None,
                });
            }
            Some(p) => {
                let owned = p
                    .owned
                    .get_or_insert_with(|| normalized(&text[p.start..p.end]));
                owned.push_str(&normalized(span.slice(text)));
                p.end = span.end;
            }
        }
        Ok(())
    }

    fn reference(&mut self, text: &str, span: Span, name: &str) -> Result<(), Failure> {
        self.outside_root_check(span, "a reference")?;
        let c = resolve_reference(name).ok_or_else(|| {
            let why = if self.doctype.is_some() {
                " (entities declared in a DOCTYPE are never expanded)"
            } else {
                ""
            };
            malformed(format!("entity `&{name};` is not defined{why}"), span)
        })?;
        let p = self.pending.get_or_insert(PendingText {
            start: span.start,
            end: span.start,
            owned: Some(String::new()),
        });
        let owned = p
            .owned
            .get_or_insert_with(|| normalized(&text[p.start..p.end]));
        owned.push(c);
        p.end = span.end;
        Ok(())
    }

    fn flush_text(&mut self, text: &str) -> Result<(), Failure> {
        if let Some(p) = self.pending.take() {
            let span = Span::new(p.start, p.end);
            if span.len() > self.limits.max_value_bytes {
                return Err(too_long("a text node", span, self.limits.max_value_bytes));
            }
            let value = match p.owned {
                Some(s) => self.store(s),
                None => match normalize_line_ends(text, span) {
                    Some(s) => self.store(s),
                    None => RAW,
                },
            };
            self.push_node(NodeKind::Text, span, value)?;
        }
        Ok(())
    }

    fn start_element(&mut self, text: &str, span: Span, empty: bool) -> Result<(), Failure> {
        if self.stack.is_empty() && self.root.is_some() {
            return Err(malformed(
                "a second root element (only one root element is allowed)",
                span,
            ));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(Failure {
                kind: XmlErrorKind::LimitExceeded,
                message: format!(
                    "elements nested deeper than {} levels; refusing to go deeper",
                    self.limits.max_depth
                ),
                span,
            });
        }
        let tag = Tag::parse(text, span, empty, &self.limits)?;
        if let Some(a) = tag
            .attrs
            .iter()
            .find(|a| a.value.len() > self.limits.max_value_bytes)
        {
            return Err(too_long(
                &format!("the value of attribute `{}`", a.name.slice(text)),
                a.value,
                self.limits.max_value_bytes,
            ));
        }
        // Namespace declarations first: they are in scope for the element's own name.
        let decl_start = self.ns_decls.len() as u32;
        let mut pushed = 0;
        for a in &tag.attrs {
            let qname = &text[a.name.start..a.name.end];
            let prefix = if qname == "xmlns" {
                Some("")
            } else {
                qname.strip_prefix("xmlns:")
            };
            let Some(prefix) = prefix else { continue };
            // `xmlns:=""` would be a second default namespace declaration.
            if qname != "xmlns" && (prefix.is_empty() || prefix.contains(':')) {
                return Err(malformed(
                    format!("`{qname}` is not a valid qualified name"),
                    a.name,
                ));
            }
            let uri = self.attr_value_string(text, a)?;
            if prefix == "xml" && uri != super::ns::XML || prefix != "xml" && uri == super::ns::XML
            {
                return Err(malformed(
                    "the `xml` prefix is bound to its own namespace only",
                    a.span,
                ));
            }
            if prefix == "xmlns" {
                return Err(malformed("the `xmlns` prefix must not be declared", a.span));
            }
            if !prefix.is_empty() && uri.is_empty() {
                return Err(malformed(
                    format!(
                        "`xmlns:{prefix}=\"\"`: a prefix cannot be bound to an empty namespace name"
                    ),
                    a.span,
                ));
            }
            let ns = if uri.is_empty() {
                NO_NS
            } else {
                self.intern(&uri)
            };
            // The `xml` namespace, interned first, is not counted: it is no declared name.
            if self.namespaces.len().saturating_sub(1) > self.limits.max_namespaces {
                return Err(Failure {
                    kind: XmlErrorKind::LimitExceeded,
                    message: format!(
                        "more than {} distinct namespace names; refusing to read more (a SAML document uses a few dozen at most)",
                        self.limits.max_namespaces
                    ),
                    span: a.span,
                });
            }
            let prefix_span = if prefix.is_empty() {
                Span32::new(a.name.start, a.name.start)
            } else {
                Span32::new(a.name.start + 6, a.name.end)
            };
            self.ns_decls.push(NsDeclData {
                prefix: prefix_span,
                ns,
                span: Span32::new(a.span.start, a.span.end),
            });
            self.bindings.entry(prefix.into()).or_default().push(ns);
            self.declared.push(prefix.into());
            pushed += 1;
        }
        self.binding_counts.push(pushed);
        let decl_end = self.ns_decls.len() as u32;

        let name = self.qname(text, tag.name, true)?;
        let attr_start = self.attributes.len() as u32;
        // {namespace}local of the namespaced attributes so far, to their qualified names.
        let mut expanded: HashMap<(u32, &str), &str> = HashMap::new();
        for a in &tag.attrs {
            let qname = &text[a.name.start..a.name.end];
            if qname == "xmlns" || qname.starts_with("xmlns:") {
                continue;
            }
            let name = self.qname(text, a.name, false)?;
            let value = self.attr_value(text, a)?;
            // Namespace-level duplicates ({ns}local twice under different prefixes).
            let local = &qname[if name.prefix_len == 0 {
                0
            } else {
                name.prefix_len as usize + 1
            }..];
            if name.ns != NO_NS
                && let Some(pq) = expanded.insert((name.ns, local), qname)
            {
                return Err(malformed(
                    format!(
                        "attribute `{qname}` duplicates `{pq}` (same namespace and local name)"
                    ),
                    a.span,
                ));
            }
            self.attributes.push(AttributeData {
                name,
                value_span: Span32::new(a.value.start, a.value.end),
                value,
            });
        }
        let attr_end = self.attributes.len() as u32;

        let element_index = self.elements.len() as u32;
        self.elements.push(ElementData {
            name,
            start_tag_end: u32::try_from(span.end).unwrap_or(u32::MAX),
            end_tag_start: RAW,
            attributes: (attr_start, attr_end),
            ns_decls: (decl_start, decl_end),
        });
        let id = self.push_node(NodeKind::Element, span, element_index)?;
        if self.stack.is_empty() {
            self.root = Some(id);
        }
        self.stack.push(id);
        if empty {
            self.close(span.end, None);
        }
        Ok(())
    }

    fn end_element(&mut self, span: Span) -> Result<(), Failure> {
        if self.stack.is_empty() {
            return Err(malformed("end tag without a start tag", span));
        }
        self.close(span.end, Some(span));
        Ok(())
    }

    fn close(&mut self, end: usize, end_tag: Option<Span>) {
        let Some(id) = self.stack.pop() else { return };
        let count = self.binding_counts.pop().unwrap_or(0);
        for _ in 0..count {
            let Some(prefix) = self.declared.pop() else {
                break;
            };
            if let Some(stack) = self.bindings.get_mut(&prefix) {
                stack.pop();
                if stack.is_empty() {
                    self.bindings.remove(&prefix);
                }
            }
        }
        let total = self.nodes.len() as u32;
        let node = &mut self.nodes[id as usize];
        node.end = total;
        node.span.end = u32::try_from(end).unwrap_or(u32::MAX);
        let data = node.data as usize;
        self.elements[data].end_tag_start =
            end_tag.map_or(RAW, |s| u32::try_from(s.start).unwrap_or(RAW));
    }

    fn lookup(&self, prefix: &str) -> Option<u32> {
        if prefix == "xml" {
            return Some(self.xml_ns);
        }
        self.bindings
            .get(prefix)
            .and_then(|stack| stack.last())
            .copied()
    }

    fn qname(&mut self, text: &str, span: Span, is_element: bool) -> Result<QName, Failure> {
        let q = span.slice(text);
        let (prefix, local) = match q.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", q),
        };
        if local.contains(':') || (q.contains(':') && (prefix.is_empty() || local.is_empty())) {
            return Err(malformed(
                format!("`{q}` is not a valid qualified name"),
                span,
            ));
        }
        let ns = if prefix.is_empty() {
            if is_element {
                self.lookup("").unwrap_or(NO_NS)
            } else {
                NO_NS
            }
        } else {
            match self.lookup(prefix) {
                Some(ns) if ns != NO_NS => ns,
                _ => {
                    self.warnings.push(XmlWarning {
                        message: format!(
                            "namespace prefix `{prefix}` of `{q}` is not declared; libxml2-based services reject this document"
                        ),
                        span,
                    });
                    NO_NS
                }
            }
        };
        Ok(QName {
            span: Span32::new(span.start, span.end),
            prefix_len: prefix.len() as u32,
            ns,
        })
    }

    fn attr_value_string(&self, text: &str, a: &RawAttr) -> Result<String, Failure> {
        let raw = a.value.slice(text);
        match normalize_attribute(raw) {
            Ok(Some(s)) => Ok(s),
            Ok(None) => Ok(raw.to_owned()),
            Err((offset, message)) => Err(malformed(message, Span::at(a.value.start + offset))),
        }
    }

    fn attr_value(&mut self, text: &str, a: &RawAttr) -> Result<u32, Failure> {
        let raw = a.value.slice(text);
        match normalize_attribute(raw) {
            Ok(Some(s)) => Ok(self.store(s)),
            Ok(None) => Ok(RAW),
            Err((offset, message)) => {
                let why = if self.doctype.is_some() && message.contains("is not defined") {
                    " (entities declared in a DOCTYPE are never expanded)"
                } else {
                    ""
                };
                Err(malformed(
                    format!("{message}{why}"),
                    Span::at(a.value.start + offset),
                ))
            }
        }
    }
}

struct RawAttr {
    name: Span,
    value: Span,
    span: Span,
}

struct Tag {
    name: Span,
    attrs: Vec<RawAttr>,
}

impl Tag {
    /// Tokenises a start tag `<name a="v" …>` strictly, keeping spans.
    fn parse(text: &str, span: Span, empty: bool, limits: &Limits) -> Result<Self, Failure> {
        let bytes = text.as_bytes();
        let inner_end = span.end.saturating_sub(if empty { 2 } else { 1 });
        let mut i = span.start + 1;
        let name_start = i;
        while i < inner_end && !is_space(bytes[i]) {
            i += 1;
        }
        let name = Span::new(name_start, i);
        check_name_length("an element name", name, limits.max_name_bytes)?;
        check_name(text, name)?;
        let mut attrs: Vec<RawAttr> = Vec::new();
        // The names so far, as a set once there are more than a few (a scan is quicker below).
        let mut names: HashSet<&str> = HashSet::new();
        loop {
            let ws_start = i;
            while i < inner_end && is_space(bytes[i]) {
                i += 1;
            }
            if i >= inner_end {
                break;
            }
            if i == ws_start {
                return Err(malformed(
                    "attributes must be separated by whitespace",
                    Span::at(i),
                ));
            }
            let attr_start = i;
            while i < inner_end && bytes[i] != b'=' && !is_space(bytes[i]) {
                i += 1;
            }
            let attr_name = Span::new(attr_start, i);
            if attrs.len() >= limits.max_attributes {
                let element = name.slice(text);
                return Err(Failure {
                    kind: XmlErrorKind::LimitExceeded,
                    message: format!(
                        "element `{}` has more than {} attributes (namespace declarations included); refusing to read more (no SAML element has more than a few dozen)",
                        &element[..crate::span::floor_char_boundary(element, 100)],
                        limits.max_attributes
                    ),
                    span: Span::new(attr_start, attr_start),
                });
            }
            check_name_length("an attribute name", attr_name, limits.max_name_bytes)?;
            check_name(text, attr_name)?;
            while i < inner_end && is_space(bytes[i]) {
                i += 1;
            }
            if i >= inner_end || bytes[i] != b'=' {
                return Err(malformed(
                    format!(
                        "attribute `{}` has no value: `=` expected",
                        attr_name.slice(text)
                    ),
                    Span::at(i),
                ));
            }
            i += 1;
            while i < inner_end && is_space(bytes[i]) {
                i += 1;
            }
            let quote = bytes.get(i).copied().unwrap_or(0);
            if i >= inner_end || (quote != b'"' && quote != b'\'') {
                return Err(malformed(
                    format!(
                        "the value of attribute `{}` must be quoted",
                        attr_name.slice(text)
                    ),
                    Span::at(i),
                ));
            }
            i += 1;
            let value_start = i;
            while i < inner_end && bytes[i] != quote {
                if bytes[i] == b'<' {
                    return Err(malformed(
                        "`<` is not allowed in attribute values",
                        Span::new(i, i + 1),
                    ));
                }
                i += 1;
            }
            if i >= inner_end {
                return Err(malformed(
                    format!(
                        "the value of attribute `{}` is not closed",
                        attr_name.slice(text)
                    ),
                    Span::at(value_start),
                ));
            }
            let value = Span::new(value_start, i);
            i += 1;
            let qname = attr_name.slice(text);
            const SCAN: usize = 8;
            if attrs.len() == SCAN {
                names.extend(attrs.iter().map(|a| a.name.slice(text)));
            }
            let twice = if attrs.len() < SCAN {
                attrs.iter().any(|a| a.name.slice(text) == qname)
            } else {
                !names.insert(qname)
            };
            if twice {
                return Err(malformed(
                    format!("attribute `{qname}` appears twice in one tag"),
                    Span::new(attr_start, i),
                ));
            }
            attrs.push(RawAttr {
                name: attr_name,
                value,
                span: Span::new(attr_start, i),
            });
        }
        Ok(Self { name, attrs })
    }
}

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Refuses names longer than `limit` bytes (before looking at their characters).
fn check_name_length(what: &str, span: Span, limit: usize) -> Result<(), Failure> {
    if span.len() <= limit {
        return Ok(());
    }
    Err(Failure {
        kind: XmlErrorKind::LimitExceeded,
        message: format!(
            "{what} is {} bytes long; names over {limit} bytes are refused (no SAML name is anywhere near this long)",
            span.len()
        ),
        span: Span::new(span.start, span.start + 64),
    })
}

fn check_name(text: &str, span: Span) -> Result<(), Failure> {
    let name = span.slice(text);
    let mut chars = name.chars();
    // Any non-ASCII character that is not a space is let through (as `is_alphabetic` would
    // for letters): the ASCII test needs no Unicode table in the page.
    let ok_start = |c: char| {
        c.is_ascii_alphabetic() || c == '_' || c == ':' || (!c.is_ascii() && !c.is_whitespace())
    };
    let ok_rest =
        |c: char| ok_start(c) || c.is_ascii_digit() || c == '-' || c == '.' || c == '\u{b7}';
    match chars.next() {
        Some(c) if ok_start(c) && chars.all(ok_rest) => Ok(()),
        _ => Err(malformed(format!("`{name}` is not a valid XML name"), span)),
    }
}

/// Line-end normalisation (XML 1.0 §2.11): `\r\n` and `\r` become `\n`. `None` when nothing changes.
fn normalize_line_ends(text: &str, span: Span) -> Option<String> {
    let raw = span.slice(text);
    raw.contains('\r').then(|| normalized(raw))
}

fn normalized(raw: &str) -> String {
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// A predefined entity or a character reference, by the name between `&` and `;`.
fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let digits = name.strip_prefix('#')?;
            let code = match digits.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.len() <= 8 => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                Some(_) => return None,
                None if !digits.is_empty()
                    && digits.len() <= 10
                    && digits.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    digits.parse().ok()?
                }
                None => return None,
            };
            char::from_u32(code).filter(|&c| is_xml_char(c))
        }
    }
}

const fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Attribute-value normalisation (XML 1.0 §3.3.3, for CDATA attributes): references resolved,
/// each whitespace character (after line-end normalisation) becomes a space; characters from
/// character references are kept as they are. `Ok(None)` when the raw text is already the value.
fn normalize_attribute(raw: &str) -> Result<Option<String>, (usize, String)> {
    if !raw
        .bytes()
        .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    {
        return Ok(None);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut offset = 0;
    while let Some(pos) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(&rest[..pos]);
        let b = rest.as_bytes()[pos];
        match b {
            b'&' => {
                let after = &rest[pos + 1..];
                let Some(semi) = after.find(';').filter(|&s| s <= 12) else {
                    return Err((
                        offset + pos,
                        "`&` must start a reference such as `&amp;`".into(),
                    ));
                };
                let name = &after[..semi];
                let c = resolve_reference(name)
                    .ok_or_else(|| (offset + pos, format!("entity `&{name};` is not defined")))?;
                out.push(c);
                let consumed = pos + 1 + semi + 1;
                offset += consumed;
                rest = &rest[consumed..];
            }
            b'\r' if rest.as_bytes().get(pos + 1) == Some(&b'\n') => {
                out.push(' ');
                offset += pos + 2;
                rest = &rest[pos + 2..];
            }
            _ => {
                out.push(' ');
                offset += pos + 1;
                rest = &rest[pos + 1..];
            }
        }
    }
    out.push_str(rest);
    Ok(Some(out))
}

fn describe_error(error: &quick_xml::Error) -> String {
    // Only the kinds a slice reader can give are displayed by quick-xml's own words: its
    // `Io` display would bring the standard library's I/O error texts into the page.
    let s = match error {
        quick_xml::Error::Syntax(e) => e.to_string(),
        quick_xml::Error::IllFormed(e) => e.to_string(),
        quick_xml::Error::InvalidAttr(e) => e.to_string(),
        quick_xml::Error::Escape(e) => e.to_string(),
        quick_xml::Error::Namespace(e) => e.to_string(),
        quick_xml::Error::Encoding(_) => "the text is not valid in its encoding".to_owned(),
        _ => "the document could not be read".to_owned(),
    };
    s.strip_prefix("syntax error: ")
        .or_else(|| s.strip_prefix("ill-formed document: "))
        .unwrap_or(&s)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{NodeKind, ns};

    fn ok(text: &str) -> Document {
        match parse(text.to_owned()) {
            Ok(doc) => doc,
            Err(e) => panic!("{}: {}", e.message, e.span.start),
        }
    }

    fn err(text: &str) -> XmlError {
        match parse(text.to_owned()) {
            Ok(_) => panic!("parsed: {text}"),
            Err(e) => e,
        }
    }

    #[test]
    fn spans_names_and_namespaces() {
        let text = r#"<?xml version="1.0"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">idp &amp; co</saml:Issuer><x/></samlp:Response>"#;
        let doc = ok(text);
        let root = doc.element(doc.root()).expect("root");
        assert!(root.is(ns::SAMLP, "Response"));
        assert_eq!(root.prefix(), "samlp");
        assert_eq!(root.attr("ID"), Some("_1"));
        assert_eq!(
            root.attribute("ID").map(|a| a.value_span().slice(text)),
            Some("_1")
        );
        let issuer = root.child(ns::SAML, "Issuer").expect("issuer");
        assert_eq!(issuer.text_content(), "idp & co");
        assert_eq!(
            issuer.span().slice(text),
            r#"<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">idp &amp; co</saml:Issuer>"#
        );
        assert_eq!(issuer.content_span().slice(text), "idp &amp; co");
        let x = root.child_elements().nth(1).expect("x");
        assert_eq!(x.namespace(), None);
        assert_eq!(x.end_tag(), None);
        assert_eq!(
            doc.declaration().map(|s| s.slice(text)),
            Some(r#"<?xml version="1.0"?>"#)
        );
        assert!(doc.is_inside(issuer.id(), root.id()));
        assert!(!doc.is_inside(root.id(), issuer.id()));
        assert_eq!(issuer.lookup_namespace("samlp"), Some(ns::SAMLP));
    }

    #[test]
    fn text_is_split_by_comments_and_cdata() {
        let doc = ok("<a>user@evil.com<!---->.attacker.com<![CDATA[x]]></a>");
        let kids: Vec<_> = doc.children(doc.root()).map(|n| doc.kind(n)).collect();
        assert_eq!(
            kids,
            [
                NodeKind::Text,
                NodeKind::Comment,
                NodeKind::Text,
                NodeKind::CData
            ]
        );
        assert_eq!(doc.text_content(doc.root()), "user@evil.com.attacker.comx");
    }

    #[test]
    fn values_are_normalised() {
        let doc = ok("<a b=\"x&#13;\r\ny\tz\">l1\r\nl2&#13;</a>");
        let a = doc.element(doc.root()).expect("a");
        assert_eq!(a.attr("b"), Some("x\r y z"));
        assert_eq!(a.text_content(), "l1\nl2\r");
    }

    #[test]
    fn default_namespace_and_undeclaration() {
        let doc = ok(r#"<a xmlns="urn:x"><b xmlns=""><c/></b></a>"#);
        let a = doc.element(doc.root()).expect("a");
        assert_eq!(a.namespace(), Some("urn:x"));
        let b = a.child_elements().next().expect("b");
        assert_eq!(b.namespace(), None);
        assert_eq!(b.child_elements().next().expect("c").namespace(), None);
    }

    #[test]
    fn undeclared_prefix_is_a_warning() {
        let doc = ok("<a><saml:Assertion/></a>");
        assert_eq!(doc.warnings().len(), 1);
        assert!(doc.warnings()[0].message.contains("`saml`"));
    }

    #[test]
    fn malformed_inputs_point_at_the_problem() {
        let cases: &[(&str, &str, usize)] = &[
            ("<a><b></a>", "", 6),
            ("<a>", "never closed", 0),
            ("<a b='1' b='2'/>", "appears twice", 9),
            ("<a b=1/>", "quoted", 5),
            ("<a/><b/>", "second root", 4),
            ("x<a/>", "before the root", 0),
            ("<a>&foo;</a>", "`&foo;` is not defined", 3),
            ("<a b='<'/>", "`<` is not allowed", 6),
            ("<a b='1'c='2'/>", "separated by whitespace", 8),
            ("", "no root element", 0),
            ("<1a/>", "not a valid XML name", 1),
            ("<a:b:c xmlns:a='u'/>", "qualified name", 1),
        ];
        for (text, needle, at) in cases {
            let e = err(text);
            assert!(e.message.contains(needle), "{text}: {}", e.message);
            assert_eq!(e.span.start, *at, "{text}: {}", e.message);
            assert_eq!(e.kind, XmlErrorKind::Malformed);
        }
    }

    #[test]
    fn doctype_is_reported_never_expanded() {
        let text = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        let e = err(text);
        assert!(e.message.contains("never expanded"), "{}", e.message);
        assert!(e.doctype.is_some());
        let doc = ok("<!DOCTYPE a><a/>");
        assert!(doc.doctype().is_some());
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let deep = "<a>".repeat(200_000) + &"</a>".repeat(200_000);
        let e = err(&deep);
        assert_eq!(e.kind, XmlErrorKind::LimitExceeded);
        let wide = "<r>".to_owned() + &"<a/>".repeat(100) + "</r>";
        let e = parse_with(
            wide,
            Limits {
                max_depth: 10,
                max_nodes: 50,
                max_value_bytes: 100,
                ..Limits::default()
            },
        )
        .expect_err("too many");
        assert_eq!(e.kind, XmlErrorKind::LimitExceeded);
    }

    #[test]
    fn many_attributes_and_long_names_are_bounded() {
        let many: String = (0..5_000).map(|i| format!(" a{i}='v'")).collect();
        let e = err(&format!("<r{many}/>"));
        assert_eq!(e.kind, XmlErrorKind::LimitExceeded);
        assert!(
            e.message.contains("more than 1000 attributes"),
            "{}",
            e.message
        );
        let e = err(&format!("<{}/>", "n".repeat(5_000)));
        assert_eq!(e.kind, XmlErrorKind::LimitExceeded);
        assert!(e.message.contains("5000 bytes long"), "{}", e.message);
    }

    #[test]
    fn ten_thousand_namespace_names_are_read_and_one_more_is_refused() {
        // Declaring the `xml` namespace, bound from the start, adds no name.
        let distinct = |n: usize| -> String {
            let decls: String = (0..n).map(|i| format!("<x xmlns='urn:{i}'/>")).collect();
            format!("<r xmlns:xml='{}'>{decls}</r>", ns::XML)
        };
        let doc = parse(distinct(10_000)).expect("10,000 distinct namespace names are read");
        assert_eq!(doc.namespaces.len(), 10_001, "with the `xml` namespace");
        let e = err(&distinct(10_001));
        assert_eq!(e.kind, XmlErrorKind::LimitExceeded);
        assert!(
            e.message
                .starts_with("more than 10000 distinct namespace names; refusing"),
            "{}",
            e.message
        );
        // The refusal points at the 10,001st declaration.
        let last = "<x xmlns='urn:10000'/>";
        let at = distinct(10_001).find(last).expect("the last declaration") + 3;
        assert_eq!(e.span.start, at, "{:?}: {}", e.span, e.message);
    }

    #[test]
    fn duplicates_among_many_attributes_are_found() {
        let some: String = (0..50).map(|i| format!(" a{i}='v'")).collect();
        let e = err(&format!("<r{some} a7='again'/>"));
        assert!(e.message.contains("`a7` appears twice"), "{}", e.message);
        let e = err(&format!(
            "<r xmlns:p='urn:x' xmlns:q='urn:x'{some} p:a='1' q:a='2'/>"
        ));
        assert!(
            e.message.contains("`q:a` duplicates `p:a`"),
            "{}",
            e.message
        );
        // In scope across many bindings: the innermost wins, and leaving restores the outer.
        let decls: String = (0..50).map(|i| format!(" xmlns:p{i}='urn:{i}'")).collect();
        let doc = ok(&format!(
            "<r{decls}><p3:a xmlns:p3='urn:inner'/><p3:b/></r>"
        ));
        let kids: Vec<_> = doc
            .child_elements(doc.root())
            .map(|e| e.namespace())
            .collect();
        assert_eq!(kids, [Some("urn:inner"), Some("urn:3")]);
    }

    #[test]
    fn subtree_ranges() {
        let doc = ok("<r><a><b/>t</a><c/></r>");
        let r = doc.root();
        let kids: Vec<_> = doc.child_elements(r).map(|e| e.local_name()).collect();
        assert_eq!(kids, ["a", "c"]);
        let a = doc.child_elements(r).next().expect("a").id();
        assert_eq!(doc.descendants(a).count(), 2);
        assert_eq!(doc.subtree_end(doc.document_node()).index(), doc.len());
    }
}
