//! `samlscope`: inspect SAML messages, metadata and certificates from the command line.
//!
//! The contract (flags, text and JSON output, exit status) is `docs/cli.md`, kept in step with
//! this file by `tests/docs.rs`: other tools and test suites depend on it. Exit status: 0 no
//! error-severity finding; 1 at least one; 2 the command was misused (unknown flag, unreadable
//! file), with a one-line message on stderr.
#![forbid(unsafe_code)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use samlscope_core::{Context, Timestamp, har, inspect_owned, render, rules};

/// Inspect SAML messages, metadata and certificates — locally.
#[derive(Debug, Parser)]
#[command(name = "samlscope", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Inspect a message: XML, base64, deflate+base64, URL, form body, HAR, PEM.
    Inspect(Box<InspectArgs>),
    /// Print the documentation of a rule, by name or code.
    Explain {
        /// Rule name (`audience-mismatch`) or code (`AUD002`), or an error line an SP or an
        /// IdP wrote (`"… is not a valid audience for this Response"`, `AADSTS50011`).
        rule: String,
    },
    /// List the app profiles known.
    Profiles,
    /// List the identity providers whose words fixes can speak (for `--idp`).
    Idps,
    /// List the SP implementations whose verdicts are predicted (for `--sp-software`).
    Sps,
    /// List every rule.
    Rules,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
struct InspectArgs {
    /// The input file; `-` or nothing reads standard input.
    file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The time of inspection (RFC 3339), instead of the system clock.
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Clock skew tolerated by time checks, in seconds.
    #[arg(long, value_name = "SECONDS")]
    skew: Option<u32>,
    /// The SP entity ID (Entra: Identifier (Entity ID)).
    #[arg(long, value_name = "ID")]
    sp_entity_id: Option<String>,
    /// An ACS URL (Entra: Reply URL); repeatable.
    #[arg(long, value_name = "URL")]
    acs: Vec<String>,
    /// The expected IdP entity ID (Entra: Microsoft Entra Identifier).
    #[arg(long, value_name = "ID")]
    idp_entity_id: Option<String>,
    /// A trusted certificate thumbprint (SHA-1 or SHA-256); repeatable.
    #[arg(long, value_name = "HEX")]
    thumbprint: Vec<String>,
    /// A trusted IdP certificate file (PEM, base64 or DER); repeatable.
    #[arg(long, value_name = "FILE")]
    idp_cert: Vec<PathBuf>,
    /// IdP metadata file (Entra: Federation Metadata XML).
    #[arg(long, value_name = "FILE")]
    idp_metadata: Option<PathBuf>,
    /// SP metadata file.
    #[arg(long, value_name = "FILE")]
    sp_metadata: Option<PathBuf>,
    /// An AuthnRequest the SP sent (any encoding); repeatable.
    #[arg(long, value_name = "FILE")]
    request: Vec<PathBuf>,
    /// An attribute that must be present; repeatable.
    #[arg(long, value_name = "NAME")]
    require_attribute: Vec<String>,
    /// An app profile (see `samlscope profiles`).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// The identity provider (see `samlscope idps`): fixes name its settings. Detected from
    /// the message when not given.
    #[arg(long, value_name = "NAME")]
    idp: Option<String>,
    /// Your SP software (see `samlscope sps`): the text output says whether it accepts the
    /// message, with the line it logs.
    #[arg(long, value_name = "NAME")]
    sp_software: Option<String>,
    /// The Relay State configured for the app (Entra: Relay State), which the IdP sends with
    /// IdP-initiated sign-ons.
    #[arg(long, value_name = "VALUE")]
    relay_state: Option<String>,
    /// The SP private key, to decrypt EncryptedAssertions.
    #[arg(long, value_name = "FILE")]
    sp_key: Option<PathBuf>,
    /// Also print the exact canonical bytes each signature hashed (SignedInfo and every
    /// Reference), to compare with what the signer produced.
    #[arg(long)]
    show_c14n: bool,
}

/// `print!` to standard output; when the reader has gone (`samlscope inspect … | head`), stop
/// quietly with status 0, as a pipe's writer should, instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        write_out(format_args!($($arg)*))
    };
}

/// `println!`, as [`out!`].
macro_rules! outln {
    () => {
        write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

fn write_out(text: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    if let Err(e) = std::io::stdout().lock().write_fmt(text) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("samlscope: cannot write the output: {e}");
        std::process::exit(2);
    }
}

/// A misuse of the command: printed on one line, exit status 2.
struct Misuse(String);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Misuse(message)) => {
            eprintln!("samlscope: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Misuse> {
    match cli.command {
        Command::Inspect(args) => inspect_command(&args),
        Command::Explain { rule } => {
            let Some(rule) = rules::find(&rule) else {
                let matches = samlscope_core::errors::lookup(&rule);
                if matches.is_empty() {
                    return Err(Misuse(format!(
                        "no rule named `{rule}`, and no SP or IdP error text known in it; `samlscope rules` lists the rules"
                    )));
                }
                out!("{}", render::text::explained(&matches));
                return Ok(0);
            };
            outln!(
                "{} ({}) — {}, default severity {}\n",
                rule.name,
                rule.code,
                rule.summary,
                rule.severity.as_str()
            );
            out!("{}", rule.docs);
            Ok(0)
        }
        Command::Profiles => {
            out!("{}", profiles_text());
            Ok(0)
        }
        Command::Idps => {
            out!("{}", render::text::idps());
            Ok(0)
        }
        Command::Sps => {
            out!("{}", render::text::sps());
            Ok(0)
        }
        Command::Rules => {
            for rule in rules::RULES {
                outln!(
                    "{:<7} {:<8} {:<28} {}",
                    rule.code,
                    rule.severity.as_str(),
                    rule.name,
                    rule.summary
                );
            }
            Ok(0)
        }
    }
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, Misuse> {
    std::fs::read(path).map_err(|e| Misuse(format!("cannot read {what} `{}`: {e}", path.display())))
}

fn inspect_command(args: &InspectArgs) -> Result<u8, Misuse> {
    let (input, source_name) = match &args.file {
        Some(path) if path.as_os_str() != "-" => {
            (read_file(path, "input file")?, path.display().to_string())
        }
        _ => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Misuse(format!("cannot read standard input: {e}")))?;
            (buf, "<stdin>".to_owned())
        }
    };
    let now = match &args.now {
        Some(text) => Timestamp::parse(text).ok_or_else(|| {
            Misuse(format!(
                "--now `{text}` is not an RFC 3339 time such as 2024-05-01T12:00:00Z"
            ))
        })?,
        None => system_now(),
    };
    let mut ctx = Context::new(now);
    if let Some(skew) = args.skew {
        ctx.clock_skew_seconds = skew;
    }
    ctx.sp_entity_id.clone_from(&args.sp_entity_id);
    ctx.acs_urls.clone_from(&args.acs);
    ctx.idp_entity_id.clone_from(&args.idp_entity_id);
    ctx.thumbprints.clone_from(&args.thumbprint);
    for path in &args.idp_cert {
        ctx.idp_certificates.push(read_file(path, "certificate")?);
    }
    if let Some(path) = &args.idp_metadata {
        ctx.idp_metadata = Some(read_file(path, "IdP metadata")?);
    }
    if let Some(path) = &args.sp_metadata {
        ctx.sp_metadata = Some(read_file(path, "SP metadata")?);
    }
    for path in &args.request {
        ctx.requests.push(read_file(path, "request")?);
    }
    ctx.required_attributes.clone_from(&args.require_attribute);
    if let Some(name) = &args.profile
        && samlscope_core::profiles::find(name).is_none()
    {
        return Err(Misuse(format!(
            "no app profile named `{name}`; `samlscope profiles` lists them"
        )));
    }
    ctx.profile.clone_from(&args.profile);
    if let Some(name) = &args.idp
        && samlscope_core::idps::find(name).is_none()
    {
        return Err(Misuse(format!(
            "no identity provider named `{name}`; `samlscope idps` lists them"
        )));
    }
    ctx.idp.clone_from(&args.idp);
    if let Some(name) = &args.sp_software
        && samlscope_core::sps::find(name).is_none()
    {
        return Err(Misuse(format!(
            "no SP software named `{name}`; `samlscope sps` lists them"
        )));
    }
    ctx.sp_software.clone_from(&args.sp_software);
    ctx.relay_state.clone_from(&args.relay_state);
    if let Some(path) = &args.sp_key {
        ctx.sp_key = Some(read_file(path, "SP key")?);
    }
    if har::is_har(&input) {
        return inspect_har(&input, &ctx, args, &source_name);
    }
    let report = inspect_owned(input, &ctx);
    match args.format {
        Format::Json if args.show_c14n => outln!("{}", render::c14n::json(&report)),
        Format::Json => outln!("{}", render::json::render(&report)),
        Format::Text => {
            out!("{}", render::text::render(&report, &source_name));
            if args.show_c14n {
                out!("{}", render::c14n::text(&report));
            }
        }
    }
    Ok(u8::from(report.has_errors()))
}

/// A HAR: every SAML message in order, each inspected at its capture time (see
/// [`render::har`]). A file that looks like a HAR but cannot be read as one gives its one
/// finding, exit status 1.
fn inspect_har(
    input: &[u8],
    ctx: &Context,
    args: &InspectArgs,
    source_name: &str,
) -> Result<u8, Misuse> {
    let capture = match har::inspect_har(input, ctx) {
        Ok(capture) => capture,
        Err(reason) => {
            let finding = har::unreadable(&reason);
            match args.format {
                Format::Json => outln!("{}", render::har::unreadable_json(&finding)),
                Format::Text => out!("{}", render::har::unreadable_text(&finding, source_name)),
            }
            return Ok(1);
        }
    };
    match args.format {
        Format::Json => outln!("{}", render::har::json(&capture)),
        Format::Text => out!("{}", render::har::text(&capture, source_name)),
    }
    Ok(u8::from(capture.has_errors()))
}

#[allow(
    clippy::disallowed_methods,
    reason = "the CLI is where the clock is read, once, for the Context"
)]
fn system_now() -> Timestamp {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp(millis)
}

/// `samlscope profiles`: every app profile with its expectations, in the tutorial's words.
fn profiles_text() -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for p in samlscope_core::profiles::all() {
        let _ = writeln!(out, "{} — {} ({})", p.name, p.title, p.sso_words());
        let _ = writeln!(out, "  from: {}", p.tutorial);
        for (label, field) in [
            ("Identifier", &p.identifier),
            ("Reply URL", &p.reply_url),
            ("Sign-on URL", &p.sign_on_url),
            ("Relay State", &p.relay_state),
        ] {
            if let Some(f) = field {
                let _ = writeln!(out, "  {label:<12} {}", f.pattern);
            }
        }
        let _ = writeln!(out, "  {:<12} {}", "certificate", p.certificate.kind);
        if !p.claims.is_empty() {
            let claims: Vec<String> = p
                .claims
                .iter()
                .map(|c| format!("{} ← {}", c.name, c.source))
                .collect();
            let _ = writeln!(out, "  {:<12} {}", "claims", claims.join(", "));
        }
        for note in &p.notes {
            let _ = writeln!(out, "  note: {note}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "Use one with `samlscope inspect --profile NAME`: its patterns and claims feed the checks."
    );
    out
}
