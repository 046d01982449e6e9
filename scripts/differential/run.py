#!/usr/bin/env python3
"""The differential harness: samlscope's predicted verdicts against the real SP libraries.

For every Response fixture (the IdP-shaped ones, the rule fixtures, the seed-app incidents and,
when present, ../shared/corpus) this driver works out the message's context (SP entity ID, the
URL the POST arrived at, the trusted IdP certificate, the IdP entity ID, the request IDs the SP
remembers, the SP key, the clock), asks samlscope (target/debug/samlscope) for its `acceptance`
with that context, runs python3-saml, pysaml2 and @node-saml/node-saml configured alike
(runner.py, runner.mjs), and compares: accepts or rejects. `unknown` predictions are not counted.

    python3 scripts/differential/run.py            # installs the libraries first (setup.sh)
    python3 scripts/differential/run.py --list     # also print every disagreement
    python3 scripts/differential/run.py --only idps,rules --lib pysaml2

Prints `sp predictions agree K/M (python3-saml a/b, pysaml2 c/d, node-saml e/f)`; writes every
case, both verdicts and the libraries' errors to target/differential/report.json and the
disagreements to target/differential/disagreements.md. Exits 1 on a disagreement that
known-disagreements.json does not list with its reason, or on a listed one that now agrees. README.md (this folder) says how the
context is mapped for each library. Standard library only: it runs on the system python3.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import functools
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = ROOT / "crates/samlscope-core/tests/fixtures"
CORPUS = ROOT.parent / "shared/corpus"
OUT = ROOT / "target/differential"
VENV = OUT / "venv"
LIBS = ("python3-saml", "pysaml2", "node-saml")
KNOWN = HERE / "known-disagreements.json"  # every disagreement, with its reason

# tests/rules.rs: the base context of every rule fixture.
RULES_NOW = "2027-01-15T10:05:00Z"
RULES_SP = "https://contoso.example.com/saml"
RULES_ACS = "https://contoso.example.com/saml/acs"
RULES_IDP = "https://sts.windows.net/00000000-1111-2222-3333-444444444444/"
RULES_CERT = FIXTURES / "rules/keys/TEST-ONLY-idp.crt"

# The seed apps' own configuration, as make-incidents.py writes their messages (`ident`, `reply`):
# the scenarios give samlscope an app profile (URL patterns); a library needs the values.
INCIDENT_APPS = {
    "timetrack": ("https://contoso.timetrackenterprise.com/api/v2/azure/saml20",
                  "https://contoso.timetrackenterprise.com/api/v2/azure/callback"),
    "trakstar": ("https://perform.trakstar.com",
                 "https://perform.trakstar.com/auth/saml/callback?namespace=contoso"),
    "it-conductor": ("https://www.itconductor.com/sso/saml2/contoso",
                     "https://www.itconductor.com/sso/saml2/contoso/acs"),
    "pymetrics": ("https://www.pymetrics.com/saml2-sp/contoso/contoso/metadata/",
                  "https://www.pymetrics.com/saml2-sp/contoso/contoso/?acs"),
    "topdesk-secure": ("https://contoso.topdesk.net/saml-metadata/a1b2c3",
                       "https://contoso.topdesk.net/tas/secure/login/verify"),
}

# Corpus files: used when the manifest and the message name no SP.
PLACEHOLDER_SP = "https://sp.example.com/differential"
PLACEHOLDER_ACS = "https://sp.example.com/differential/acs"
CORPUS_WALL_CLOCK = "2026-01-01T00:00:00Z"  # tests/corpus_expectations.rs WALL_CLOCK


# ---- reading a message ----------------------------------------------------------------------

def decode(raw: bytes) -> bytes | None:
    """The XML of a fixture: as it is, or base64, or DEFLATE+base64."""
    text = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return raw
    try:
        data = base64.b64decode(re.sub(rb"\s+", b"", text), validate=False)
    except ValueError:
        return None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return data
    try:
        data = zlib.decompress(data, -15)
    except zlib.error:
        return None
    return data if data.lstrip().startswith(b"<") else None


def attr(tag: str, name: str) -> str | None:
    m = re.search(r"\s%s\s*=\s*(?:\"([^\"]*)\"|'([^']*)')" % name, tag)
    return html.unescape(m.group(1) if m.group(1) is not None else m.group(2)) if m else None


def element_text(xml: str, local: str, start: int = 0) -> str | None:
    m = re.compile(r"<(?:[\w.-]+:)?%s(?:\s[^>]*)?>([^<]*)<" % local).search(xml, start)
    return html.unescape(m.group(1)).strip() if m else None


def facts(xml_bytes: bytes) -> dict:
    """What the context is derived from: the Response's attributes, Issuers, first Audience and
    Recipient, the certificates in its KeyInfo."""
    xml = xml_bytes.decode("utf-8", "replace")
    root = re.search(r"<((?:[\w.-]+:)?Response)\b[^>]*>", xml)
    tag = root.group(0) if root else ""
    assertion = re.search(r"<(?:[\w.-]+:)?Assertion\b", xml)
    return {
        "destination": attr(tag, "Destination"),
        "in_response_to": attr(tag, "InResponseTo"),
        "issue_instant": attr(tag, "IssueInstant"),
        "assertion_issue_instant": attr(re.search(r"<(?:[\w.-]+:)?Assertion\b[^>]*>", xml).group(0),
                                        "IssueInstant") if assertion else None,
        "issuer": element_text(xml, "Issuer"),
        "assertion_issuer": element_text(xml, "Issuer", assertion.start()) if assertion else None,
        "audience": element_text(xml, "Audience"),
        "recipient": next((attr(m.group(0), "Recipient") for m in re.finditer(
            r"<(?:[\w.-]+:)?SubjectConfirmationData\b[^>]*>", xml) if attr(m.group(0), "Recipient")), None),
        "certs": [re.sub(r"\s+", "", c) for c in re.findall(
            r"<(?:[\w.-]+:)?X509Certificate(?:\s[^>]*)?>([^<]*)<", xml) if c.strip()],
    }


def pem(b64: str) -> str:
    b64 = re.sub(r"\s+", "", b64)
    return "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n" % "\n".join(
        b64[i:i + 64] for i in range(0, len(b64), 64))


def pem_body(text: str) -> str | None:
    """The base64 of a certificate file (PEM, or bare base64)."""
    m = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S)
    body = re.sub(r"\s+", "", m.group(1) if m else text)
    return body if re.fullmatch(r"[A-Za-z0-9+/=]+", body or "") else None


def thumbprints(b64: str) -> set[str]:
    """SHA-1 and SHA-256 thumbprints of a certificate's base64 (none when it is not base64)."""
    try:
        der = base64.b64decode(b64, validate=True)
    except ValueError:
        return set()
    return {hashlib.sha1(der).hexdigest().upper(), hashlib.sha256(der).hexdigest().upper()}


def metadata_facts(path: Path) -> dict:
    """entityID, signing certificates and ACS URLs of a metadata file."""
    xml = path.read_text("utf-8", "replace")
    ed = re.search(r"<(?:[\w.-]+:)?EntityDescriptor\b[^>]*>", xml)
    idp = re.search(r"<(?:[\w.-]+:)?IDPSSODescriptor\b.*?</(?:[\w.-]+:)?IDPSSODescriptor>", xml, re.S)
    certs = []
    for kd in re.finditer(r"<(?:[\w.-]+:)?KeyDescriptor\b([^>]*)>(.*?)</(?:[\w.-]+:)?KeyDescriptor>",
                          idp.group(0) if idp else "", re.S):
        if (attr(" " + kd.group(1), "use") or "signing") == "signing":
            certs += [re.sub(r"\s+", "", c) for c in re.findall(
                r"<(?:[\w.-]+:)?X509Certificate>([^<]*)<", kd.group(2))]
    acs = [attr(m.group(0), "Location") for m in re.finditer(
        r"<(?:[\w.-]+:)?AssertionConsumerService\b[^>]*>", xml)]
    return {"entity_id": attr(ed.group(0), "entityID") if ed else None, "certs": certs,
            "acs": [a for a in acs if a]}


def request_id(path: Path) -> str | None:
    xml = decode(path.read_bytes())
    if xml is None:
        return None
    m = re.search(r"<(?:[\w.-]+:)?AuthnRequest\b[^>]*>", xml.decode("utf-8", "replace"))
    return attr(m.group(0), "ID") if m else None


def authn_request(request_id: str, issuer: str, now: str) -> Path:
    """A minimal AuthnRequest with that ID, as the SP sent it (a file for samlscope's --request)."""
    esc = lambda v: html.escape(v, quote=True)  # noqa: E731
    xml = ('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
           'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="%s" Version="2.0" IssueInstant="%s">'
           "<saml:Issuer>%s</saml:Issuer></samlp:AuthnRequest>\n" % (esc(request_id), esc(now), esc(issuer)))
    path = OUT / "work/requests" / (hashlib.sha256(xml.encode()).hexdigest()[:16] + ".xml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(xml)
    return path


KNOWN_CERTS: dict[str, str] = {}


def known_certs() -> dict[str, str]:
    """Thumbprint → certificate base64, over the fixtures' TEST-ONLY certificates."""
    if not KNOWN_CERTS:
        for path in sorted(FIXTURES.rglob("*.crt")) + sorted(FIXTURES.rglob("*.pem")):
            body = pem_body(path.read_text("utf-8", "replace"))
            if body:
                for t in thumbprints(body):
                    KNOWN_CERTS.setdefault(t, body)
    return KNOWN_CERTS


# ---- cases ----------------------------------------------------------------------------------

class Case:
    """One message in one context: what samlscope is told (`args`, its own flags) and what the
    libraries are told (`context`)."""

    def __init__(self, source: str, name: str, path: Path, args: list[str], base: Path):
        self.source, self.name, self.path, self.base = source, name, path, base
        self.args = args
        self.xml = decode(path.read_bytes())
        self.facts = facts(self.xml) if self.xml is not None else {}
        self.context: dict = {}
        self.prediction: dict = {}
        self.results: dict = {}

    @property
    def id(self) -> str:
        return f"{self.source}:{self.name}"

    def flag(self, name: str) -> list[str]:
        return [self.args[i + 1] for i, a in enumerate(self.args[:-1]) if a == name]

    def resolve(self, defaults: dict | None = None) -> None:
        """Fills `context` from the flags, `defaults` (values the scenario implies) and the
        message; the values samlscope was not given are added to its flags."""
        d = defaults or {}
        f = self.facts
        file = lambda v: (self.base / v) if not os.path.isabs(v) else Path(v)  # noqa: E731
        idp_md = [metadata_facts(file(v)) for v in self.flag("--idp-metadata")]
        sp_md = [metadata_facts(file(v)) for v in self.flag("--sp-metadata")]

        sp = (self.flag("--sp-entity-id") or [None])[0] or d.get("sp") or \
            (sp_md[0]["entity_id"] if sp_md else None) or f.get("audience") or PLACEHOLDER_SP
        named = [x.strip() for x in (f.get("destination"), f.get("recipient"))
                 if x and re.fullmatch(r"https?://\S+", x.strip())]
        acs_all = self.flag("--acs") or ([d["acs"]] if d.get("acs") else []) or \
            (sp_md[0]["acs"] if sp_md else []) or named[:1] or [PLACEHOLDER_ACS]
        # The URL the POST arrived at: the configured ACS the message names, else the first.
        acs = next((a for a in acs_all if a == f.get("destination")), acs_all[0])
        idp = (self.flag("--idp-entity-id") or [None])[0] or d.get("idp") or \
            (idp_md[0]["entity_id"] if idp_md else None) or \
            f.get("assertion_issuer") or f.get("issuer") or "https://idp.example.com/differential"

        certs: list[str] = []
        for v in self.flag("--idp-cert"):
            body = pem_body(file(v).read_text("utf-8", "replace"))
            if body:
                certs.append(body)
        for md in idp_md:
            certs += md["certs"]
        for t in self.flag("--thumbprint"):
            want = re.sub(r"[^0-9A-Fa-f]", "", t).upper()
            pool = dict(known_certs())
            for c in f.get("certs", []):
                for tp in thumbprints(c):
                    pool[tp] = c
            if want in pool:
                certs.append(pool[want])
        anchored = bool(self.flag("--idp-cert") or self.flag("--idp-metadata") or self.flag("--thumbprint"))
        signer = next((c for c in f.get("certs", []) if thumbprints(c)), None)
        if not anchored and signer:
            # Nothing configured: trust the signer the message names (samlscope by its thumbprint).
            certs.append(signer)
            self.args += ["--thumbprint", hashlib.sha256(base64.b64decode(signer)).hexdigest().upper()]
        elif not anchored:
            certs.append(pem_body(RULES_CERT.read_text()))  # unsigned: any certificate
            self.args += ["--idp-cert", str(RULES_CERT)]

        requests = [request_id(file(v)) for v in self.flag("--request")]
        requests = [r for r in requests if r]
        # The SP remembers the request it sent: the given ones, else the one answered.
        remembered = requests or ([f["in_response_to"]] if f.get("in_response_to") else [])

        # Unless said, the time the assertion was issued (its window is what the SPs check).
        now = (self.flag("--now") or [None])[0] or d.get("now") or f.get("assertion_issue_instant") or \
            f.get("issue_instant") or CORPUS_WALL_CLOCK
        sp_key = (self.flag("--sp-key") or [None])[0] or d.get("sp_key")

        if not self.flag("--sp-entity-id"):
            self.args += ["--sp-entity-id", sp]
        if not self.flag("--acs"):
            for a in acs_all:
                self.args += ["--acs", a]
        if not self.flag("--idp-entity-id"):
            self.args += ["--idp-entity-id", idp]
        if not self.flag("--now"):
            self.args += ["--now", now]
        if sp_key and not self.flag("--sp-key"):
            self.args += ["--sp-key", str(file(sp_key))]
        if remembered and not requests:
            # samlscope is told of the request the SP remembers, as the libraries are.
            self.args += ["--request", str(authn_request(remembered[0], sp, now))]
        self.context = {
            "id": self.id,
            "response": base64.b64encode(self.xml).decode(),
            "sp_entity_id": sp,
            "acs": acs,
            "acs_all": acs_all,
            "idp_entity_id": idp,
            "certs": [pem(c) for c in dict.fromkeys(certs)],
            "sp_key": file(sp_key).read_text() if sp_key else None,
            "sp_key_file": str(file(sp_key)) if sp_key else None,
            "request_ids": remembered,
            "now": now,
        }


def absolute(args: list[str], base: Path) -> list[str]:
    """Scenario flags with their file arguments made absolute."""
    out = []
    for i, a in enumerate(args):
        prev = args[i - 1] if i else ""
        if prev in ("--idp-cert", "--idp-metadata", "--sp-metadata", "--request", "--sp-key") and not os.path.isabs(a):
            a = str((base / a).resolve())
        out.append(a)
    return out


def idp_cases() -> list[Case]:
    base = FIXTURES / "idps"
    cases, seen = [], set()
    for s in json.loads((base / "scenarios.json").read_text()):
        key = (s["input"], tuple(s["args"]))
        if key in seen:  # bad_acs.xml: two scenarios (two expected rules), one context
            continue
        seen.add(key)
        c = Case("idps", s["input"], base / s["input"], absolute(s["args"], base), base)
        c.resolve()
        cases.append(c)
    return cases


def rule_files() -> list[Path]:
    base = FIXTURES / "rules"
    files = [base / "base_response.xml"]
    for d in sorted(p for p in base.iterdir() if p.is_dir() and p.name not in ("keys", "context")):
        files += sorted(p for p in d.iterdir() if p.is_file() and p.suffix in (".xml", ".txt"))
    return files


def rule_args(path: Path) -> list[str]:
    """tests/rules.rs's context of a rule fixture, as samlscope flags."""
    ctx = {"sp_entity_id": RULES_SP, "acs_urls": [RULES_ACS], "idp_entity_id": RULES_IDP}
    for cfile in (path.parent / f"{path.stem}.context.json", path.parent / "context.json"):
        if path.parent != FIXTURES / "rules" and cfile.is_file():
            ctx.update(json.loads(cfile.read_text()))
            break
    args = ["--now", ctx.get("now", RULES_NOW), "--idp-cert", str(RULES_CERT)]
    if ctx.get("sp_entity_id"):
        args += ["--sp-entity-id", ctx["sp_entity_id"]]
    for a in ctx.get("acs_urls") or []:
        args += ["--acs", a]
    if ctx.get("idp_entity_id"):
        args += ["--idp-entity-id", ctx["idp_entity_id"]]
    for r in ctx.get("requests", []):
        args += ["--request", str(path.parent / r)]
    for k, flag in (("sp_metadata", "--sp-metadata"), ("idp_metadata", "--idp-metadata")):
        if ctx.get(k):
            args += [flag, str(path.parent / ctx[k])]
    if ctx.get("profile"):
        args += ["--profile", ctx["profile"]]
    if ctx.get("relay_state"):
        args += ["--relay-state", ctx["relay_state"]]
    for a in ctx.get("required_attributes", []):
        args += ["--require-attribute", a]
    return args


def is_response(c: Case) -> bool:
    return c.xml is not None and re.search(rb"<(?:[\w.-]+:)?Response\b", c.xml) is not None


def rule_cases() -> list[Case]:
    cases = []
    for path in rule_files():
        c = Case("rules", str(path.relative_to(FIXTURES / "rules")), path, rule_args(path), path.parent)
        if is_response(c):
            c.resolve()
            cases.append(c)
    return cases


RULES_KEY = FIXTURES / "rules/keys/TEST-ONLY-idp.key"
SAML_NS = "urn:oasis:names:tc:SAML:2.0:"
RESPONSE_SIGNATURE = (
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
    '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
    '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
    '<ds:Reference URI="#%s"><ds:Transforms>'
    '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
    '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
    '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>'
    "</ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/>"
    "</ds:X509Data></ds:KeyInfo></ds:Signature>")


def xmlsec_sign(src: Path, out: Path, xpath: str) -> bool:
    return subprocess.run(
        ["xmlsec1", "--sign", "--privkey-pem", f"{RULES_KEY},{RULES_CERT}",
         "--id-attr:ID", SAML_NS + "assertion:Assertion", "--id-attr:ID", SAML_NS + "protocol:Response",
         "--node-xpath", xpath, "--output", str(out), str(src)],
        capture_output=True).returncode == 0


def resign(path: Path, out: Path) -> bool:
    """`path` with its Assertion signed again and a Response signature added, both by the rule
    fixtures' TEST-ONLY key (what make-fixtures.py does for base_response.xml): the edit that makes
    a fixture also breaks the Assertion's digest, and every library stops there."""
    text = path.read_text("utf-8")
    tag = re.search(r"<((?:[\w.-]+:)?)Response\b[^>]*>", text)
    rid = attr(tag.group(0), "ID") if tag else None
    if not rid or re.search(r"<(?:[\w.-]+:)?Signature\b", text[tag.end():].split("Assertion", 1)[0]):
        return False  # no Response ID to reference, or the Response is signed already
    issuer = re.compile(r"\s*<(?:[\w.-]+:)?Issuer\b[^>]*>[^<]*</(?:[\w.-]+:)?Issuer>").match(text, tag.end())
    at = issuer.end() if issuer else tag.end()
    text = text[:at] + RESPONSE_SIGNATURE % html.escape(rid) + text[at:]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    inner = "//*[local-name()='Assertion']/*[local-name()='Signature']"
    if re.search(r"<(?:[\w.-]+:)?Assertion\b.*?<(?:[\w.-]+:)?Signature\b", text, re.S):
        if not xmlsec_sign(tmp, tmp, inner):
            return False
    ok = xmlsec_sign(tmp, out, "/*/*[local-name()='Signature']")
    tmp.unlink()
    return ok


# Rules whose fixtures are about the signatures themselves (or cannot be signed): not re-signed.
NOT_RESIGNED = ("signature-", "id-", "xml-", "input-", "certificate-", "message-", "decryption-")


def resigned_cases() -> list[Case]:
    cases = []
    for path in rule_files():
        rel = path.relative_to(FIXTURES / "rules")
        if path.parent == FIXTURES / "rules" or rel.parts[0].startswith(NOT_RESIGNED):
            continue
        c = Case("rules", str(rel), path, [], path.parent)
        if not is_response(c):
            continue
        out = OUT / "work/resigned" / rel
        if not resign(path, out):
            continue
        c = Case("resigned", str(rel), out, rule_args(path), path.parent)
        c.resolve()
        cases.append(c)
    return cases


def incident_cases() -> list[Case]:
    base = FIXTURES / "incidents"
    cases, seen = [], set()
    for s in json.loads((base / "scenarios.json").read_text()):
        key = (s["input"], tuple(s["args"]))
        if key in seen:
            continue
        seen.add(key)
        c = Case("incidents", f"{s['input']} ({s['incident']})", base / s["input"], absolute(s["args"], base), base)
        if c.xml is None or not re.search(rb"<(?:[\w.-]+:)?Response\b", c.xml):
            continue
        sp, acs = INCIDENT_APPS[s["app"]]
        c.resolve({"sp": sp, "acs": acs})
        cases.append(c)
    return cases


def corpus_cases() -> list[Case]:
    manifest = CORPUS / "MANIFEST.json"
    if not manifest.is_file():
        return []
    cases = []
    for e in json.loads(manifest.read_text()):
        if e["kind"] != "response":
            continue
        x = e.get("expected", {})
        path = CORPUS / e["file"]
        args = []
        if e.get("verify_with"):
            args += ["--idp-cert", str(CORPUS / e["verify_with"])]
        c = Case("corpus", e["file"], path, args, CORPUS)
        if c.xml is None:
            continue
        now = next((x[k] for k in ("valid_at", "checked_at", "time_now", "dsig_clock")
                    if isinstance(x.get(k), str)), None)
        c.resolve({
            "sp": x.get("sp_entity_id") if isinstance(x.get("sp_entity_id"), str) else None,
            "acs": x.get("acs_url") if isinstance(x.get("acs_url"), str) else None,
            "idp": x.get("idp_issuer") if isinstance(x.get("idp_issuer"), str) else None,
            "now": now,
            "sp_key": str(CORPUS / e["decrypt_with"]) if e.get("decrypt_with") else None,
        })
        cases.append(c)
    return cases


SOURCES = {"idps": idp_cases, "rules": rule_cases, "resigned": resigned_cases, "incidents": incident_cases,
           "corpus": corpus_cases}


# ---- running --------------------------------------------------------------------------------

def predict(case: Case, samlscope: Path) -> None:
    out = subprocess.run([str(samlscope), "inspect", str(case.path), "--format", "json", *case.args],
                         capture_output=True, timeout=120)
    try:
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        case.prediction = {"error": out.stderr.decode("utf-8", "replace")[-500:]}
        return
    case.prediction = {"kind": report.get("kind"),
                       "acceptance": {a["sp"]: a for a in report.get("acceptance", [])}}


def run_libraries(cases: list[Case], libs: list[str], jobs: int) -> None:
    work = OUT / "work"
    work.mkdir(parents=True, exist_ok=True)
    # On the runners' standard input only: the corpus is read in place, never copied.
    cases_jsonl = "".join(json.dumps(c.context) + "\n" for c in cases).encode()
    commands = {
        "python3-saml": [str(VENV / "bin/python"), str(HERE / "runner.py"), "python3-saml"],
        "pysaml2": [str(VENV / "bin/python"), str(HERE / "runner.py"), "pysaml2"],
        "node-saml": ["node", str(HERE / "runner.mjs")],
    }

    def one(lib: str) -> tuple[str, list[dict]]:
        with open(work / f"{lib}.stderr", "wb") as err:
            out = subprocess.run(commands[lib], input=cases_jsonl, stdout=subprocess.PIPE, stderr=err,
                                 cwd=HERE, timeout=1800)
        if out.returncode != 0:
            sys.exit(f"differential: the {lib} runner failed ({out.returncode}); see {work / (lib + '.stderr')}")
        return lib, [json.loads(line) for line in out.stdout.splitlines() if line.strip()]

    by_id = {c.id: c for c in cases}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for lib, results in pool.map(one, libs):
            for r in results:
                by_id[r["id"]].results[lib] = r


@functools.cache
def sp_rules(lib: str) -> dict:
    return json.loads((ROOT / f"crates/samlscope-core/src/sps/{lib}.json").read_text())["rules"]


def same_reason(lib: str, row: dict) -> bool:
    """Whether the library's message is one the SP data gives for a rule behind the prediction
    (`%s` standing for anything)."""
    data = sp_rules(lib)
    texts = [data.get(rule, {}).get("message") for rule in row["because"] or []] + [row["predicted_message"]]
    got = row["message"] or ""
    return any(re.search(".*".join(re.escape(p) for p in t.split("%s")), got, re.S) for t in texts if t)


def compare(cases: list[Case], libs: list[str]) -> tuple[dict, list[dict]]:
    tally = {lib: {"agree": 0, "counted": 0, "unknown": 0, "unpredicted": 0, "harness": 0,
                   "rejected": 0, "same_reason": 0} for lib in libs}
    rows = []
    for c in cases:
        for lib in libs:
            pred = c.prediction["acceptance"].get(lib, {})
            res = c.results.get(lib)
            if res is None:
                continue
            row = {"case": c.id, "lib": lib, "predicted": pred.get("verdict"), "because": pred.get("because"),
                   "predicted_message": pred.get("message"), "actual": res["verdict"],
                   "error": res.get("error"), "message": res.get("message"),
                   "context": {k: v for k, v in c.context.items() if k not in ("response", "certs", "sp_key")},
                   "samlscope_args": c.args}
            t = tally[lib]
            if res["verdict"] == "error":
                t["harness"] += 1
                row["outcome"] = "harness-error"
            elif not pred:
                # samlscope read no message (malformed XML): it predicts nothing.
                t["unpredicted"] += 1
                row["outcome"] = "unpredicted"
            elif pred.get("verdict") == "unknown":
                t["unknown"] += 1
                row["outcome"] = "unknown"
            else:
                t["counted"] += 1
                agree = pred.get("verdict") == res["verdict"]
                t["agree"] += agree
                row["outcome"] = "agree" if agree else "disagree"
                if agree and res["verdict"] == "rejects":
                    row["same_reason"] = same_reason(lib, row)
                    t["rejected"] += 1
                    t["same_reason"] += row["same_reason"]
            rows.append(row)
    return tally, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default=",".join(SOURCES), help="sources: idps,rules,incidents,corpus")
    ap.add_argument("--lib", default=",".join(LIBS), help="libraries: python3-saml,pysaml2,node-saml")
    ap.add_argument("--samlscope", default=str(ROOT / "target/debug/samlscope"))
    ap.add_argument("--no-install", action="store_true", help="do not run setup.sh")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--list", action="store_true", help="print every disagreement")
    ap.add_argument("--min", type=float, default=0.0,
                    help="fail when a library's agreement is below this fraction (e.g. 0.97)")
    opts = ap.parse_args()
    libs = [x for x in opts.lib.split(",") if x]
    if not opts.no_install:
        setup = subprocess.run(["bash", str(HERE / "setup.sh")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if setup.returncode != 0:
            print(setup.stdout.decode("utf-8", "replace")[-2000:], end="")
            print("notice: sp predictions not checked: the SP libraries could not be installed "
                  "(scripts/differential/setup.sh)")
            return 0
    samlscope = Path(opts.samlscope)
    if not samlscope.is_file():
        sys.exit(f"differential: {samlscope} is missing (cargo build -p samlscope-cli)")

    cases = [c for s in opts.only.split(",") if s for c in SOURCES[s]()]
    with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        list(pool.map(lambda c: predict(c, samlscope), cases))
    failed = [c for c in cases if "error" in c.prediction]
    if failed:
        sys.exit(f"differential: samlscope failed on {failed[0].id}: {failed[0].prediction['error']}")
    cases = [c for c in cases if c.prediction["kind"] == "response"]
    run_libraries(cases, libs, max(opts.jobs, 1))
    tally, rows = compare(cases, libs)

    OUT.mkdir(parents=True, exist_ok=True)
    known = {(k["lib"], k["case"]): k["reason"] for k in json.loads(KNOWN.read_text())}
    bad = [r for r in rows if r["outcome"] == "disagree"]
    for r in bad:
        r["reason"] = known.get((r["lib"], r["case"]))
    (OUT / "report.json").write_text(json.dumps(rows, indent=1) + "\n")
    lines = ["# Disagreements\n"]
    for r in bad:
        message = (r["message"] or "").replace("\n", " ")[:300]
        lines.append(f"- **{r['lib']}** `{r['case']}`: the library {r['actual']}"
                     + (f" ({r['error']}: {message})" if r["actual"] == "rejects" else "")
                     + f"; samlscope predicted {r['predicted']}"
                     + (f" because {', '.join(r['because'])} ({r['predicted_message']})" if r["because"] else "")
                     + f". Why: {r['reason'] or 'NEW, not in known-disagreements.json'}\n")
    (OUT / "disagreements.md").write_text("".join(lines))
    if opts.list:
        for line in lines[1:]:
            print(line, end="")
    # Every disagreement must be known (with its reason), and every known one that ran must
    # still disagree: a fixed prediction leaves the list.
    new = [r for r in bad if r["reason"] is None]
    ran = {(r["lib"], r["case"]) for r in rows}
    stale = sorted(k for k in known if k in ran and k not in {(r["lib"], r["case"]) for r in bad})
    total_agree = sum(t["agree"] for t in tally.values())
    total = sum(t["counted"] for t in tally.values())
    parts = ", ".join(f"{lib} {tally[lib]['agree']}/{tally[lib]['counted']}" for lib in libs)
    print(f"sp predictions agree {total_agree}/{total} ({parts})")
    unknown = ", ".join(f"{lib} {tally[lib]['unknown']}" for lib in libs)
    unpredicted = sum(tally[lib]["unpredicted"] for lib in libs) // max(len(libs), 1)
    print(f"notice: {len(cases)} responses; not counted: unknown predictions ({unknown}), "
          f"{unpredicted} unreadable messages with no prediction, "
          f"{sum(t['harness'] for t in tally.values())} configurations a library refused; "
          f"{len(bad)} disagreements in {(OUT / 'disagreements.md').relative_to(ROOT)}")
    reasons = ", ".join(f"{lib} {tally[lib]['same_reason']}/{tally[lib]['rejected']}" for lib in libs)
    print(f"notice: where both reject, the library's message is one the SP data gives for a rule "
          f"samlscope names: {reasons}")
    status = 0
    for r in new:
        print(f"differential: new disagreement, {r['lib']} on {r['case']}: the library {r['actual']} "
              f"({r['error']}: {(r['message'] or '')[:200]}), samlscope predicted {r['predicted']} "
              f"{r['because']}; fix the data or add it with its reason to {KNOWN.relative_to(ROOT)}")
        status = 1
    for lib, case in stale:
        print(f"differential: {lib} on {case} now agrees: remove it from {KNOWN.relative_to(ROOT)}")
        status = 1
    low = [lib for lib in libs if tally[lib]["counted"] and tally[lib]["agree"] / tally[lib]["counted"] < opts.min]
    if low:
        print(f"differential: agreement below {opts.min:.0%} for {', '.join(low)}")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
