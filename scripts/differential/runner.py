"""Runs one Python SP library over the cases run.py writes (JSON lines on stdin) and prints its
verdict on each (JSON lines on stdout): {"id", "verdict": "accepts"|"rejects", "error", "message"}.

    target/differential/venv/bin/python runner.py python3-saml < cases.jsonl
    target/differential/venv/bin/python runner.py pysaml2 < cases.jsonl

Each library is configured as a service provider would configure it for the case (README.md),
with its defaults for everything else, and its clock frozen at the case's `now` (freezegun).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import warnings
from urllib.parse import urlsplit

from freezegun import freeze_time

warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)


class HarnessError(Exception):
    """The library refused the harness's configuration: no verdict on the message."""


def fail(exc: BaseException) -> dict:
    code = getattr(exc, "code", None)
    name = type(exc).__module__ + "." + type(exc).__qualname__
    return {"verdict": "rejects", "error": name + (f" ({code})" if code is not None else ""),
            "message": str(exc)[:4000]}


# ---- python3-saml ---------------------------------------------------------------------------

def python3_saml():
    from onelogin.saml2.auth import OneLogin_Saml2_Auth
    from onelogin.saml2.response import OneLogin_Saml2_Response
    from onelogin.saml2.settings import OneLogin_Saml2_Settings

    last: list[BaseException | None] = [None]

    class Response(OneLogin_Saml2_Response):
        """Keeps the exception is_valid turns into an error string (for its class and code)."""

        def is_valid(self, request_data, request_id=None, raise_exceptions=False):
            try:
                return super().is_valid(request_data, request_id, raise_exceptions=True)
            except Exception as exc:  # noqa: BLE001 (is_valid catches every exception too)
                last[0] = exc
                if raise_exceptions:
                    raise
                return False

    def run(case: dict) -> dict:
        url = urlsplit(case["acs"])
        request = {
            "https": "on" if url.scheme == "https" else "off",
            "http_host": url.netloc,
            "script_name": url.path,
            "query_string": url.query,
            "get_data": {},
            "post_data": {"SAMLResponse": case["response"]},
        }
        certs = case["certs"]
        idp = {"entityId": case["idp_entity_id"],
               "singleSignOnService": {"url": "https://idp.example.com/differential/sso",
                                       "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"}}
        if len(certs) == 1:
            idp["x509cert"] = certs[0]
        else:
            idp["x509certMulti"] = {"signing": certs}
        settings = {
            "strict": True,
            "debug": False,
            "sp": {"entityId": case["sp_entity_id"],
                   "assertionConsumerService": {"url": case["acs"],
                                                "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
                   "privateKey": case.get("sp_key") or ""},
            "idp": idp,
        }
        # process_response is given the request ID the SP remembers (the one answered, if any).
        ids = case["request_ids"]
        irt = case.get("in_response_to")
        request_id = (irt if irt in ids else ids[0]) if ids else None
        try:
            settings = OneLogin_Saml2_Settings(settings)
        except Exception as exc:  # noqa: BLE001: the harness's settings, not the message
            raise HarnessError(f"settings: {exc}") from exc
        last[0] = None
        auth = OneLogin_Saml2_Auth(request, settings)
        auth.response_class = Response
        auth.process_response(request_id=request_id)
        if auth.get_errors():
            exc = last[0]
            return {"verdict": "rejects", "error": fail(exc)["error"] if exc else auth.get_errors()[0],
                    "message": auth.get_last_error_reason()}
        return {"verdict": "accepts"}

    return run


# ---- pysaml2 --------------------------------------------------------------------------------

def pysaml2():
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID
    from saml2 import BINDING_HTTP_POST
    from saml2.client import Saml2Client
    from saml2.config import SPConfig

    tmp = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../target/differential/work/pysaml2")
    os.makedirs(tmp, exist_ok=True)
    XMLSEC1 = shutil.which("xmlsec1") or "/usr/bin/xmlsec1"

    def idp_metadata(entity_id: str, certs: list[str]) -> str:
        keys = "".join(
            '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s'
            "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
            % "".join(c.strip().splitlines()[1:-1]) for c in certs)
        return (
            '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">'
            '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">%s'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
            'Location="https://idp.example.com/differential/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>'
            % (xml_escape(entity_id), keys))

    def key_files(key_file: str) -> tuple[str, str]:
        """The SP key file, and a certificate made for it (pysaml2's decryption wants a pair)."""
        with open(key_file, "rb") as f:
            key_pem = f.read()
        key = serialization.load_pem_private_key(key_pem, password=None)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "differential SP")])
        start = datetime.datetime(2000, 1, 1)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(1).not_valid_before(start).not_valid_after(start.replace(year=2099))
                .sign(key, hashes.SHA256()))
        cf = os.path.join(tmp, hashlib.sha256(key_pem).hexdigest()[:16] + ".crt")
        with open(cf, "wb") as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))
        return key_file, cf

    def run(case: dict) -> dict:
        conf = {
            "entityid": case["sp_entity_id"],
            "xmlsec_binary": XMLSEC1,
            "service": {"sp": {"endpoints": {
                "assertion_consumer_service": [(a, BINDING_HTTP_POST) for a in case["acs_all"]]}}},
            "metadata": {"inline": [idp_metadata(case["idp_entity_id"], case["certs"])]},
        }
        if case.get("sp_key"):
            kf, cf = key_files(case["sp_key_file"])
            conf.update({"key_file": kf, "cert_file": cf,
                         "encryption_keypairs": [{"key_file": kf, "cert_file": cf}]})
        try:
            config = SPConfig()
            config.load(conf)
            client = Saml2Client(config=config)
        except Exception as exc:  # noqa: BLE001: the harness's configuration, not the message
            raise HarnessError(f"configuration: {exc}") from exc
        outstanding = {rid: "/" for rid in case["request_ids"]}
        resp = client.parse_authn_request_response(case["response"], BINDING_HTTP_POST, outstanding=outstanding)
        if resp is None:
            return {"verdict": "rejects", "error": "None", "message": "parse_authn_request_response returned None"}
        if resp.assertion is None:
            # A Destination not among the ACS URLs, or an assertion it could not decrypt: no
            # exception, a response without an assertion (session_info() would raise).
            return {"verdict": "rejects", "error": "no assertion",
                    "message": "the returned AuthnResponse has no assertion"}
        resp.session_info()
        return {"verdict": "accepts"}

    return run


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def main() -> None:
    lib = sys.argv[1]
    run = {"python3-saml": python3_saml, "pysaml2": pysaml2}[lib]()
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        m = re.search(rb"<(?:[\w.-]+:)?Response\b[^>]*\sInResponseTo\s*=\s*[\"']([^\"']*)",
                      base64.b64decode(case["response"]))
        case["in_response_to"] = m.group(1).decode("utf-8", "replace") if m else None
        now = case["now"].replace("Z", "+00:00")
        try:
            with freeze_time(datetime.datetime.fromisoformat(now)):
                result = run(case)
        except HarnessError as exc:
            result = {"verdict": "error", "error": "harness", "message": str(exc)[:4000]}
        except Exception as exc:  # noqa: BLE001: every exception is a rejection
            result = fail(exc)
        result["id"] = case["id"]
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
