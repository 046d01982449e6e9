//! The page's components, each small and fed by props (no global state).

pub mod empty_state;
pub mod examples_menu;
pub mod findings_list;
pub mod header;
pub mod input_pane;
pub mod summary_view;
pub mod verdict;
pub mod xml_view;

use samlscope_core::Severity;

/// The severities in display order, most severe first.
pub const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

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

/// The heading of a severity group.
pub const fn severity_title(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

/// 2 for errors, 1 for warnings, 0 for info (the order of the view's marks).
pub const fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    }
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
