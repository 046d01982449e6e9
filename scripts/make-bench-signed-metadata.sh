#!/usr/bin/env bash
# Makes a ~50 MB signed federation metadata file for benchmarks (not committed): an
# EntitiesDescriptor with 20,000 EntityDescriptors (IdPs and SPs, each with a signing
# KeyDescriptor and certificate, NameIDFormats, endpoints, Organization and ContactPerson),
# signed by xmlsec1 with an enveloped signature (exc-c14n, rsa-sha256, sha256, Reference to the
# EntitiesDescriptor's ID), then verified by `xmlsec1 --verify`, printing the verify's wall time
# and peak RSS (from /usr/bin/time -v).
#
# The signing key is the TEST ONLY main key of the signature fixtures
# (crates/samlscope-core/tests/fixtures/dsig/keys/, trust anchor TEST-ONLY-rsa2048-idp.crt). The
# entities' certificates are eight throwaway self-signed certificates made on each run (cycled).
#
# Needs: bash, openssl, xmlsec1 1.2.37, python3, /usr/bin/time (GNU time).
# Usage: scripts/make-bench-signed-metadata.sh [OUT]   (default target/bench-data/metadata-50mb-signed.xml)
#        ENTITIES=2000 scripts/make-bench-signed-metadata.sh /tmp/small.xml   # a smaller one
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-target/bench-data/metadata-50mb-signed.xml}
entities=${ENTITIES:-20000}
keys=crates/samlscope-core/tests/fixtures/dsig/keys
key=$keys/TEST-ONLY-rsa2048-idp.key
cert=$keys/TEST-ONLY-rsa2048-idp.crt
id=_bench-metadata-signed
[[ -f $key && -f $cert ]] || {
  echo "no test key: run crates/samlscope-core/tests/fixtures/dsig/make-fixtures.sh first" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Eight entity certificates (RSA 2048, self-signed, 10 years), reused round-robin.
for i in 0 1 2 3 4 5 6 7; do
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=bench-entity-$i.example.org" \
    -keyout "$work/entity-$i.key" -out "$work/entity-$i.crt" 2>/dev/null
done

# The unsigned document with a signature template as the EntitiesDescriptor's first child
# (the place the metadata schema gives ds:Signature).
python3 - "$work" "$entities" "$id" > "$work/tmpl.xml" <<'PY'
import sys
work, count, doc_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
certs = []
for i in range(8):
    lines = [l for l in open(f"{work}/entity-{i}.crt").read().splitlines() if "-----" not in l]
    certs.append("\n".join(lines))
w = sys.stdout.write
w('<?xml version="1.0" encoding="UTF-8"?>\n')
w(f'<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
  f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="{doc_id}" '
  f'Name="urn:example:federation:bench" validUntil="2036-01-01T00:00:00Z">\n')
w('  <ds:Signature><ds:SignedInfo>'
  '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
  '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
  f'<ds:Reference URI="#{doc_id}"><ds:Transforms>'
  '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
  '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
  '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>'
  '</ds:Reference></ds:SignedInfo><ds:SignatureValue/>'
  '<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>\n')
formats = ("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
           "urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
post = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
redirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
for n in range(count):
    idp = n % 3 == 0
    host = f"{'idp' if idp else 'sp'}{n:05d}.{'university' if idp else 'service'}{n % 97:02d}.example.org"
    entity_id = f"https://{host}/{'idp/shibboleth' if idp else 'shibboleth'}"
    role = "md:IDPSSODescriptor" if idp else "md:SPSSODescriptor"
    extra = ' WantAuthnRequestsSigned="false"' if idp else ' AuthnRequestsSigned="true" WantAssertionsSigned="true"'
    w(f' <md:EntityDescriptor entityID="{entity_id}">\n'
      f'  <{role} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"{extra}>\n'
      f'   <md:KeyDescriptor use="signing">\n    <ds:KeyInfo>\n     <ds:X509Data>\n'
      f'      <ds:X509Certificate>\n{certs[n % 8]}\n      </ds:X509Certificate>\n'
      f'     </ds:X509Data>\n    </ds:KeyInfo>\n   </md:KeyDescriptor>\n'
      f'   <md:SingleLogoutService Binding="{redirect}" Location="https://{host}/saml2/logout"/>\n')
    for f in formats:
        w(f'   <md:NameIDFormat>{f}</md:NameIDFormat>\n')
    if idp:
        w(f'   <md:SingleSignOnService Binding="{redirect}" Location="https://{host}/idp/profile/SAML2/Redirect/SSO"/>\n'
          f'   <md:SingleSignOnService Binding="{post}" Location="https://{host}/idp/profile/SAML2/POST/SSO"/>\n')
    else:
        w(f'   <md:AssertionConsumerService Binding="{post}" Location="https://{host}/Shibboleth.sso/SAML2/POST" index="0" isDefault="true"/>\n')
    w(f'  </{role}>\n'
      f'  <md:Organization>\n'
      f'   <md:OrganizationName xml:lang="en">Example Organization {n:05d}</md:OrganizationName>\n'
      f'   <md:OrganizationDisplayName xml:lang="en">Example {n:05d}</md:OrganizationDisplayName>\n'
      f'   <md:OrganizationURL xml:lang="en">https://{host}/</md:OrganizationURL>\n'
      f'  </md:Organization>\n'
      f'  <md:ContactPerson contactType="technical">\n'
      f'   <md:GivenName>Operator {n:05d}</md:GivenName>\n'
      f'   <md:EmailAddress>mailto:saml-admin@{host}</md:EmailAddress>\n'
      f'  </md:ContactPerson>\n'
      f' </md:EntityDescriptor>\n')
w('</md:EntitiesDescriptor>\n')
PY

ids=(--id-attr:ID urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor)
start=$(date +%s.%N)
xmlsec1 --sign --privkey-pem "$key,$cert" "${ids[@]}" --output "$out" "$work/tmpl.xml"
sign_s=$(python3 -c "print($(date +%s.%N) - $start)")

start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" \
  xmlsec1 --verify --trusted-pem "$cert" "${ids[@]}" "$out" 2> "$work/verify.log" \
  || { cat "$work/verify.log" >&2; echo "verification FAILED" >&2; exit 1; }
end=$(date +%s.%N)

printf '%s: %d entities, %d bytes; signed by xmlsec1 in %.2f s\n' \
  "$out" "$entities" "$(wc -c < "$out")" "$sign_s"
printf 'xmlsec1 --verify: %s in %.2f s wall; peak RSS %s KiB (%s)\n' \
  "$(head -1 "$work/verify.log")" "$(python3 -c "print($end - $start)")" \
  "$(sed -n 's/^\tMaximum resident set size (kbytes): //p' "$work/time.txt")" \
  "$(sed -n 's/^\tElapsed (wall clock) time (h:mm:ss or m:ss): /elapsed /p' "$work/time.txt")"
