//! PEM: the blocks of a pasted certificate or key file.

use super::PemBlock;
use super::b64::b64_decode;
use crate::span::Span;

pub(super) fn looks_like_pem(trimmed: &str) -> bool {
    trimmed.starts_with("-----BEGIN ") || trimmed.contains("\n-----BEGIN ")
}

/// A PEM block being read.
struct OpenBlock {
    label: String,
    begin: usize,
    begin_end: usize,
    body: usize,
    seen_data: bool,
}

/// Parses every PEM block of `text`; text outside blocks is ignored. Spans point into `text`.
pub(super) fn parse_pem(text: &str) -> Result<Vec<PemBlock>, (String, Option<Span>)> {
    let mut blocks = Vec::new();
    let mut open: Option<OpenBlock> = None;
    let mut pos = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += raw_line.len();
        let first = line_start + (raw_line.len() - raw_line.trim_start().len());
        let end = line_start + raw_line.trim_end().len();
        let line = raw_line.trim();
        let line_span = Some(Span::new(first, end.max(first)));
        let number = blocks.len() + 1;
        match &mut open {
            None => {
                if let Some(rest) = line.strip_prefix("-----BEGIN ") {
                    let Some(label) = rest.strip_suffix("-----") else {
                        return Err((
                            format!(
                                "PEM block {number}: the BEGIN line at byte {first} does not end with `-----`"
                            ),
                            line_span,
                        ));
                    };
                    open = Some(OpenBlock {
                        label: label.to_owned(),
                        begin: first,
                        begin_end: end,
                        body: pos,
                        seen_data: false,
                    });
                }
            }
            Some(block) => {
                if let Some(rest) = line.strip_prefix("-----END ") {
                    let label = &block.label;
                    if rest.strip_suffix("-----") != Some(label.as_str()) {
                        return Err((
                            format!(
                                "PEM block {number} ({label}): the END line at byte {first} is not `-----END {label}-----`"
                            ),
                            line_span,
                        ));
                    }
                    let body = text.get(block.body..line_start).unwrap_or_default();
                    if body.trim().is_empty() {
                        return Err((
                            format!("PEM block {number} ({label}) is empty"),
                            Some(Span::new(block.begin, end)),
                        ));
                    }
                    let der = match b64_decode(body, block.body, false) {
                        Ok((der, _)) => der,
                        Err(e) => {
                            return Err((
                                format!("PEM block {number} ({label}): {}", e.reason),
                                Some(e.span),
                            ));
                        }
                    };
                    blocks.push(PemBlock {
                        label: label.clone(),
                        der,
                        span: Span::new(block.begin, end),
                    });
                    open = None;
                } else if !block.seen_data && line.contains(':') {
                    // RFC 1421 header (`Proc-Type: 4,ENCRYPTED`): not part of the base64.
                    block.body = pos;
                } else if !line.is_empty() {
                    block.seen_data = true;
                }
            }
        }
    }
    if let Some(block) = open {
        let label = block.label;
        return Err((
            format!(
                "PEM block {} ({label}) at byte {} has no `-----END {label}-----` line",
                blocks.len() + 1,
                block.begin
            ),
            Some(Span::new(block.begin, block.begin_end)),
        ));
    }
    if blocks.is_empty() {
        return Err(("PEM: no complete PEM block".to_owned(), None));
    }
    Ok(blocks)
}
