//! The arena that holds the parsed tree, and read-only views into it.

use crate::span::Span;

/// Index of a node in a [`Document`] (document order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The index, for use as a key.
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// The document itself (node 0): the parent of the root element and of any comment or
    /// processing instruction outside it.
    Document,
    /// An element.
    Element,
    /// Character data (entity and character references resolved, line ends normalised).
    Text,
    /// A `<![CDATA[…]]>` section.
    CData,
    /// A `<!--…-->` comment.
    Comment,
    /// A `<?target …?>` processing instruction (the XML declaration is not one).
    ProcessingInstruction,
}

/// "No stored value": the raw text of the span is the value.
pub(crate) const RAW: u32 = u32::MAX;

/// A compact span (inputs are bounded well below 4 GiB).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span32 {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Span32 {
    pub(crate) fn new(start: usize, end: usize) -> Self {
        Self {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }
    pub(crate) fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

pub(crate) const NO_NS: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) kind: NodeKind,
    pub(crate) span: Span32,
    pub(crate) parent: u32,
    /// One past the last descendant.
    pub(crate) end: u32,
    /// Element: index into `elements`; Text/CData: index into `strings` of the value when it
    /// differs from the raw text, else `RAW`; otherwise unused.
    pub(crate) data: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct QName {
    /// The whole qualified name.
    pub(crate) span: Span32,
    /// Length of the prefix (0 when unprefixed).
    pub(crate) prefix_len: u32,
    /// Resolved namespace id, or `NO_NS`.
    pub(crate) ns: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct ElementData {
    pub(crate) name: QName,
    /// One past the `>` of the start tag (the start tag begins where the node does).
    pub(crate) start_tag_end: u32,
    /// Where the end tag begins (it ends where the node does); `RAW` for `<x/>`.
    pub(crate) end_tag_start: u32,
    pub(crate) attributes: (u32, u32),
    pub(crate) ns_decls: (u32, u32),
}

#[derive(Clone, Debug)]
pub(crate) struct AttributeData {
    pub(crate) name: QName,
    /// The raw value between the quotes (the attribute ends one byte after it).
    pub(crate) value_span: Span32,
    /// Index into `strings` of the normalised value when it differs from the raw text, else `RAW`.
    pub(crate) value: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct NsDeclData {
    /// The declared prefix (empty for the default namespace).
    pub(crate) prefix: Span32,
    /// Namespace id, or `NO_NS` for `xmlns=""`.
    pub(crate) ns: u32,
    pub(crate) span: Span32,
}

/// Something the parser accepted but that deserves a finding (parser-differential risk).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlWarning {
    /// One line saying what is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// A parsed XML document: the decoded text and the tree over it.
#[derive(Clone, Debug)]
pub struct Document {
    pub(crate) text: String,
    pub(crate) nodes: Vec<Node>,
    pub(crate) elements: Vec<ElementData>,
    pub(crate) attributes: Vec<AttributeData>,
    pub(crate) ns_decls: Vec<NsDeclData>,
    pub(crate) namespaces: Vec<Box<str>>,
    pub(crate) strings: Vec<Box<str>>,
    pub(crate) root: u32,
    pub(crate) doctype: Option<Span32>,
    pub(crate) declaration: Option<Span32>,
    pub(crate) warnings: Vec<XmlWarning>,
}

impl Document {
    /// The text every span points into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Gives the text back.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The document node (id 0).
    pub const fn document_node(&self) -> NodeId {
        NodeId(0)
    }

    /// The root element.
    pub const fn root(&self) -> NodeId {
        NodeId(self.root)
    }

    /// Number of nodes, the document node included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the document has no node besides the document node (never true once parsed).
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// Where the DOCTYPE is, when there is one (it is never processed).
    pub fn doctype(&self) -> Option<Span> {
        self.doctype.map(Span32::span)
    }

    /// Where the XML declaration is, when there is one.
    pub fn declaration(&self) -> Option<Span> {
        self.declaration.map(Span32::span)
    }

    /// Recoverable problems the parser noticed.
    pub fn warnings(&self) -> &[XmlWarning] {
        &self.warnings
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Every node id, in document order.
    pub fn all(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    /// What node `id` is.
    pub fn kind(&self, id: NodeId) -> NodeKind {
        self.node(id).kind
    }

    /// The whole node: an element from `<` of its start tag to `>` of its end tag.
    pub fn span(&self, id: NodeId) -> Span {
        self.node(id).span.span()
    }

    /// The parent (None for the document node).
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        (id.0 != 0).then(|| NodeId(self.node(id).parent))
    }

    /// Ancestors, nearest first (the document node last).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&n| self.parent(n))
    }

    /// One past the last descendant: the descendants of `id` are `id+1 .. subtree_end(id)`.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        NodeId(self.node(id).end)
    }

    /// Whether `node` is `ancestor` or one of its descendants.
    pub fn is_inside(&self, node: NodeId, ancestor: NodeId) -> bool {
        ancestor.0 <= node.0 && node.0 < self.node(ancestor).end
    }

    /// Descendants in document order (not including `id`).
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        (id.0 + 1..self.node(id).end).map(NodeId)
    }

    /// Descendant elements in document order (not including `id`).
    pub fn descendant_elements(&self, id: NodeId) -> impl Iterator<Item = ElementRef<'_>> + '_ {
        self.descendants(id).filter_map(|n| self.element(n))
    }

    /// Direct children.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: id.0 + 1,
            end: self.node(id).end,
        }
    }

    /// Direct child elements.
    pub fn child_elements(&self, id: NodeId) -> impl Iterator<Item = ElementRef<'_>> + '_ {
        self.children(id).filter_map(|n| self.element(n))
    }

    /// A view of node `id` when it is an element.
    pub fn element(&self, id: NodeId) -> Option<ElementRef<'_>> {
        let node = self.node(id);
        (node.kind == NodeKind::Element).then(|| ElementRef {
            doc: self,
            id,
            data: &self.elements[node.data as usize],
        })
    }

    /// The character data of a Text or CData node (references resolved); `None` for others.
    pub fn node_text(&self, id: NodeId) -> Option<&str> {
        let node = self.node(id);
        match node.kind {
            NodeKind::Text => Some(self.value(node.span, node.data)),
            NodeKind::CData => {
                let inner = Span32 {
                    start: node.span.start.saturating_add(9),
                    end: node.span.end.saturating_sub(3),
                };
                Some(self.value(inner, node.data))
            }
            _ => None,
        }
    }

    /// The content of a comment (between `<!--` and `-->`) or processing instruction (between
    /// `<?` and `?>`).
    pub fn markup_content(&self, id: NodeId) -> Option<&str> {
        let span = self.span(id);
        let (open, close) = match self.kind(id) {
            NodeKind::Comment => (4, 3),
            NodeKind::ProcessingInstruction => (2, 2),
            _ => return None,
        };
        self.text
            .get(span.start + open..span.end.saturating_sub(close))
    }

    /// The concatenated character data of all descendants (what a DOM's `textContent` gives).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Some(t) = self.node_text(n) {
                out.push_str(t);
            }
        }
        out
    }

    /// The span of an element's content (between its start and end tags); for other nodes,
    /// the node's span.
    pub fn content_span(&self, id: NodeId) -> Span {
        match self.element(id) {
            Some(e) => {
                let start = e.start_tag().end;
                let end = e.end_tag().map_or(start, |t| t.start);
                Span::new(start, end)
            }
            None => self.span(id),
        }
    }

    /// A namespace URI by id.
    pub(crate) fn namespace_uri(&self, ns: u32) -> Option<&str> {
        (ns != NO_NS).then(|| &*self.namespaces[ns as usize])
    }

    pub(crate) fn value(&self, raw: Span32, stored: u32) -> &str {
        if stored == RAW {
            self.text
                .get(raw.start as usize..raw.end as usize)
                .unwrap_or("")
        } else {
            self.strings.get(stored as usize).map_or("", |s| s)
        }
    }

    fn slice(&self, s: Span32) -> &str {
        self.text
            .get(s.start as usize..s.end as usize)
            .unwrap_or("")
    }
}

/// Iterator over the children of a node.
#[derive(Clone, Debug)]
pub struct Children<'d> {
    doc: &'d Document,
    next: u32,
    end: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = NodeId(self.next);
        self.next = self.doc.nodes[self.next as usize].end;
        Some(id)
    }
}

/// A read-only view of one element.
#[derive(Clone, Copy, Debug)]
pub struct ElementRef<'d> {
    doc: &'d Document,
    id: NodeId,
    data: &'d ElementData,
}

impl<'d> ElementRef<'d> {
    /// The element's node id.
    pub const fn id(&self) -> NodeId {
        self.id
    }

    /// The document.
    pub const fn document(&self) -> &'d Document {
        self.doc
    }

    /// The qualified name as written (`saml:Assertion`).
    pub fn qname(&self) -> &'d str {
        self.doc.slice(self.data.name.span)
    }

    /// The prefix as written (`""` when unprefixed).
    pub fn prefix(&self) -> &'d str {
        let q = self.qname();
        q.get(..self.data.name.prefix_len as usize).unwrap_or("")
    }

    /// The local name (`Assertion`).
    pub fn local_name(&self) -> &'d str {
        let q = self.qname();
        let skip = match self.data.name.prefix_len {
            0 => 0,
            n => n as usize + 1,
        };
        q.get(skip..).unwrap_or("")
    }

    /// The resolved namespace URI.
    pub fn namespace(&self) -> Option<&'d str> {
        self.doc.namespace_uri(self.data.name.ns)
    }

    /// Whether the element is `{ns}local`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local_name() == local && self.namespace() == Some(ns)
    }

    /// The whole element.
    pub fn span(&self) -> Span {
        self.doc.span(self.id)
    }

    /// The start tag (`<saml:Assertion …>`).
    pub fn start_tag(&self) -> Span {
        Span::new(self.span().start, self.data.start_tag_end as usize)
    }

    /// The end tag, `None` for an empty-element tag (`<x/>`).
    pub fn end_tag(&self) -> Option<Span> {
        (self.data.end_tag_start != RAW)
            .then(|| Span::new(self.data.end_tag_start as usize, self.span().end))
    }

    /// The span of the name in the start tag.
    pub fn name_span(&self) -> Span {
        self.data.name.span.span()
    }

    /// Attributes in document order (namespace declarations excluded).
    pub fn attributes(&self) -> impl ExactSizeIterator<Item = AttrRef<'d>> + 'd {
        let doc = self.doc;
        let (a, b) = self.data.attributes;
        doc.attributes[a as usize..b as usize]
            .iter()
            .map(move |data| AttrRef { doc, data })
    }

    /// The unqualified attribute `local` (no namespace), as SAML uses for `ID`, `Destination` …
    pub fn attribute(&self, local: &str) -> Option<AttrRef<'d>> {
        self.attributes()
            .find(|a| a.data.name.prefix_len == 0 && a.local_name() == local)
    }

    /// The value of the unqualified attribute `local`.
    pub fn attr(&self, local: &str) -> Option<&'d str> {
        self.attribute(local).map(|a| a.value())
    }

    /// The attribute `{ns}local`.
    pub fn attribute_ns(&self, ns: &str, local: &str) -> Option<AttrRef<'d>> {
        self.attributes()
            .find(|a| a.local_name() == local && a.namespace() == Some(ns))
    }

    /// Namespace declarations written on this element, in document order.
    pub fn namespace_declarations(&self) -> impl ExactSizeIterator<Item = NamespaceDecl<'d>> + 'd {
        let doc = self.doc;
        let (a, b) = self.data.ns_decls;
        doc.ns_decls[a as usize..b as usize]
            .iter()
            .map(move |d| NamespaceDecl {
                prefix: doc.slice(d.prefix),
                uri: doc.namespace_uri(d.ns).unwrap_or(""),
                span: d.span.span(),
            })
    }

    /// The URI bound to `prefix` (`""` for the default namespace) in scope at this element.
    pub fn lookup_namespace(&self, prefix: &str) -> Option<&'d str> {
        if prefix == "xml" {
            return Some(super::ns::XML);
        }
        let mut at = Some(self.id);
        while let Some(id) = at {
            if let Some(e) = self.doc.element(id) {
                for d in e.namespace_declarations() {
                    if d.prefix == prefix {
                        return (!d.uri.is_empty()).then_some(d.uri);
                    }
                }
            }
            at = self.doc.parent(id);
        }
        None
    }

    /// Direct child elements.
    pub fn child_elements(&self) -> impl Iterator<Item = ElementRef<'d>> + 'd {
        self.doc.child_elements(self.id)
    }

    /// The first child element `{ns}local`.
    pub fn child(&self, ns: &str, local: &str) -> Option<Self> {
        self.child_elements().find(|c| c.is(ns, local))
    }

    /// All child elements `{ns}local`.
    pub fn children_named<'a>(
        &self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = ElementRef<'d>> + 'a
    where
        'd: 'a,
    {
        self.child_elements().filter(move |c| c.is(ns, local))
    }

    /// Concatenated character data of all descendants.
    pub fn text_content(&self) -> String {
        self.doc.text_content(self.id)
    }

    /// The span between the start and end tag.
    pub fn content_span(&self) -> Span {
        self.doc.content_span(self.id)
    }

    /// The parent element, if any.
    pub fn parent_element(&self) -> Option<Self> {
        self.doc.parent(self.id).and_then(|p| self.doc.element(p))
    }
}

/// A read-only view of one attribute.
#[derive(Clone, Copy, Debug)]
pub struct AttrRef<'d> {
    doc: &'d Document,
    data: &'d AttributeData,
}

impl<'d> AttrRef<'d> {
    /// The qualified name as written.
    pub fn qname(&self) -> &'d str {
        self.doc.slice(self.data.name.span)
    }

    /// The prefix as written (`""` when unprefixed).
    pub fn prefix(&self) -> &'d str {
        self.qname()
            .get(..self.data.name.prefix_len as usize)
            .unwrap_or("")
    }

    /// The local name.
    pub fn local_name(&self) -> &'d str {
        let skip = match self.data.name.prefix_len {
            0 => 0,
            n => n as usize + 1,
        };
        self.qname().get(skip..).unwrap_or("")
    }

    /// The resolved namespace (None for unprefixed attributes).
    pub fn namespace(&self) -> Option<&'d str> {
        self.doc.namespace_uri(self.data.name.ns)
    }

    /// The normalised value (references resolved, whitespace characters as spaces).
    pub fn value(&self) -> &'d str {
        self.doc.value(self.data.value_span, self.data.value)
    }

    /// The whole `name="value"`.
    pub fn span(&self) -> Span {
        Span::new(
            self.data.name.span.start as usize,
            self.data.value_span.end as usize + 1,
        )
    }

    /// The raw value between the quotes.
    pub fn value_span(&self) -> Span {
        self.data.value_span.span()
    }
}

/// A namespace declaration (`xmlns:p="uri"` or `xmlns="uri"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamespaceDecl<'d> {
    /// The prefix (`""` for the default namespace).
    pub prefix: &'d str,
    /// The URI (`""` for an undeclaration `xmlns=""`).
    pub uri: &'d str,
    /// The whole attribute.
    pub span: Span,
}
