#!/usr/bin/env bash
# Makes the signed ~10 KB Entra-style response the benchmarks inspect: the project's example
# response (static/examples/entra-response.xml) plus 60 group claims, re-signed by xmlsec1 with
# the TEST-ONLY key of the signature fixtures (tests/fixtures/dsig/keys), then base64 (as the
# HTTP-POST binding carries it). Usage: crates/samlscope-core/benches/data/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
keys=$root/crates/samlscope-core/tests/fixtures/dsig/keys
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$root/static/examples/entra-response.xml" "$work/tmpl.xml" <<'PY'
import re, sys
xml = open(sys.argv[1]).read()
groups = '<Attribute Name="http://schemas.microsoft.com/ws/2008/06/identity/claims/groups">' + "".join(
    f"<AttributeValue>{0x5a3c0000 + i:08x}-4c2e-4f1a-9b7d-{0x1e2d3c4b5a69 + i:012x}</AttributeValue>" for i in range(60)
) + "</Attribute>"
xml = xml.replace("</AttributeStatement>", groups + "</AttributeStatement>", 1)
xml = re.sub(r"<DigestValue>[^<]*</DigestValue>", "<DigestValue></DigestValue>", xml)
xml = re.sub(r"<SignatureValue>[^<]*</SignatureValue>", "<SignatureValue></SignatureValue>", xml)
xml = re.sub(r"<X509Certificate>[^<]*</X509Certificate>", "<X509Certificate></X509Certificate>", xml)
open(sys.argv[2], "w").write(xml)
PY
xmlsec1 --sign --privkey-pem "$keys/TEST-ONLY-rsa2048-idp.key,$keys/TEST-ONLY-rsa2048-idp.crt" \
  --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion --output "$work/signed.xml" "$work/tmpl.xml"
# Entra writes no line breaks; xmlsec1 wraps base64 (outside what the Reference digests).
sed '1{/^<?xml version="1.0"?>$/d}' "$work/signed.xml" | tr -d '\n' > "$work/oneline.xml"
xmlsec1 --verify --trusted-pem "$keys/TEST-ONLY-rsa2048-idp.crt" \
  --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion "$work/oneline.xml"
base64 -w0 "$work/oneline.xml" > "$here/entra-response-10kb-signed.b64"
echo "wrote $here/entra-response-10kb-signed.b64 ($(wc -c < "$work/oneline.xml") bytes of XML)"
