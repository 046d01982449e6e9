//! Small text formatting helpers for the page (sizes, counts, durations, URI tails).
//! Presentation only; pure, so they build and are tested natively.

use samlscope_core::Severity;

/// "1 error", "2 warnings", "3 info".
pub fn count_words(count: usize, severity: Severity) -> String {
    let word = match (severity, count) {
        (Severity::Error, 1) => "error",
        (Severity::Error, _) => "errors",
        (Severity::Warning, 1) => "warning",
        (Severity::Warning, _) => "warnings",
        (Severity::Info, _) => "info",
    };
    format!("{count} {word}")
}

/// "812 B", "6.1 KB", "34.2 MB".
pub fn byte_size(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // display only
    let value = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", value / 1024.0)
    } else {
        format!("{:.1} MB", value / (1024.0 * 1024.0))
    }
}

/// "<1 ms", "19 ms", "2.4 s".
pub fn duration(ms: f64) -> String {
    if ms < 1.0 {
        "<1 ms".to_owned()
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

/// The last segment of a URN or URI, for compact display (`…:nameid-format:emailAddress` →
/// `emailAddress`). The view keeps the full value next to it or in a `title`.
pub fn tail(value: &str) -> &str {
    value
        .trim_end_matches(['/', '#'])
        .rsplit([':', '/', '#'])
        .next()
        .filter(|last| !last.is_empty())
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails() {
        assert_eq!(
            tail("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"),
            "emailAddress"
        );
        assert_eq!(
            tail("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"),
            "name"
        );
        assert_eq!(tail("https://sts.windows.net/x/"), "x");
        assert_eq!(tail("plain"), "plain");
        assert_eq!(tail("/"), "/");
        assert_eq!(
            tail("http://www.w3.org/2001/10/xml-exc-c14n#"),
            "xml-exc-c14n"
        );
        assert_eq!(
            tail("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
            "rsa-sha256"
        );
    }

    #[test]
    fn sizes_counts_and_durations() {
        assert_eq!(byte_size(812), "812 B");
        assert_eq!(byte_size(6_246), "6.1 KB");
        assert_eq!(byte_size(24 * 1024 * 1024), "24.0 MB");
        assert_eq!(count_words(1, Severity::Error), "1 error");
        assert_eq!(count_words(0, Severity::Warning), "0 warnings");
        assert_eq!(count_words(3, Severity::Info), "3 info");
        assert_eq!(duration(0.4), "<1 ms");
        assert_eq!(duration(19.2), "19 ms");
        assert_eq!(duration(2_400.0), "2.4 s");
    }
}
