#!/usr/bin/env bash
# Regenerates the examples shown by "Try an example" (static/examples/), deterministically
# given the committed TEST key: same key + same script = byte-identical files (RSA PKCS#1 v1.5
# signatures are deterministic). Times are derived from the test certificate's notBefore, so
# every message is issued while its signing certificate is valid.
#
# Needs: bash, openssl, xmlsec1 1.2.37 (Debian 12: `apt-get install xmlsec1`), python3, GNU date.
# Usage: scripts/make-examples.sh            # reuse static/examples/keys/
#        NEW_TEST_KEY=1 scripts/make-examples.sh   # make a new throwaway key first
set -euo pipefail
cd "$(dirname "$0")/.."

out=static/examples
keys=$out/keys
key=$keys/TEST-ONLY-signing-key.pem
cert=$keys/TEST-ONLY-signing-cert.pem
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Made-up identifiers (not real tenants, applications or people).
tenant=7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38
app_id=c41f8e2a-6b3d-4a7e-9f15-3d8a2b7c6e90
object_id=5b8e1f47-2c9a-4d63-8e0b-a17f3c92d4e5
trace_id=e3a9c5d1-7f24-4b8e-9a06-2d51c8f4b700
correlation_id=0f6b2d8e-4a13-4c7f-b5e9-8d2a61c3f4b9
response_id=_8f4a2c6e-1d3b-4e5f-9a7c-0b2d4f6e8a1c
assertion_id=_3c9e7a5b-2f1d-4c8e-b6a4-9d0f2e4c6b8a
metadata_id=_6e2a8c4f-0b9d-4f1e-8c3a-5b7d9f1e3a2c
error_id=_1b3d5f7a-9c2e-4a6b-8d0f-2e4a6c8b0d1f
request_id=_b7e2f9a41c6d8e03a5f7b9c1d3e5f7a9
issuer=https://sts.windows.net/$tenant/
identifier=https://contoso.timetrackenterprise.com
reply_url=https://contoso.timetrackenterprise.com/api/v2/azure/callback
sso_url=https://login.microsoftonline.com/$tenant/saml2
user=jordan.lee@contoso.com

if [[ ! -f $key || ! -f $cert || ${NEW_TEST_KEY:-0} == 1 ]]; then
  mkdir -p "$keys"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 \
    -subj "/CN=Microsoft Azure Federated SSO Certificate" -days 1095 \
    -keyout "$key" -out "$cert" 2>/dev/null
fi
cert_b64=$(grep -v -- '-----' "$cert" | tr -d '\n')

# Times: 20 minutes after the certificate's notBefore.
not_before_cert=$(openssl x509 -in "$cert" -noout -startdate | cut -d= -f2)
at() { date -u -d "$not_before_cert + $1" +%Y-%m-%dT%H:%M:%S; }
t_request=$(at "20 minutes - 2 seconds").000Z
t_authn=$(at "20 minutes - 1 second").845Z
t_issue=$(at "20 minutes").307Z
t_confirm=$(at "25 minutes").307Z      # SubjectConfirmationData NotOnOrAfter: +5 min (Entra)
t_after=$(at "90 minutes").307Z        # Conditions NotOnOrAfter: +70 min (Entra)
t_error=$(at "21 minutes").112Z
t_error_words=$(date -u -d "$not_before_cert + 21 minutes" "+%Y-%m-%d %H:%M:%SZ")

# One line per element in the templates below; `oneline` joins them as Entra does (no
# whitespace between elements).
oneline() { tr -d '\n'; }
signature_template() { # $1 = the ID the signature references
  cat <<EOF | oneline
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
<SignedInfo>
<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
<Reference URI="#$1">
<Transforms>
<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
</Transforms>
<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
<DigestValue></DigestValue>
</Reference>
</SignedInfo>
<SignatureValue></SignatureValue>
<KeyInfo><X509Data><X509Certificate></X509Certificate></X509Data></KeyInfo>
</Signature>
EOF
}
key_descriptor() {
  printf '<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>%s</X509Certificate></X509Data></KeyInfo></KeyDescriptor>' "$cert_b64"
}
attribute() { # $1 = Name, $2... = values
  local name=$1; shift
  printf '<Attribute Name="%s">' "$name"
  for value in "$@"; do printf '<AttributeValue>%s</AttributeValue>' "$value"; done
  printf '</Attribute>'
}
# xmlsec1 signs, then writes base64 with line breaks: Entra writes none. The breaks are only
# inside SignatureValue and X509Certificate (outside what is signed), so joining lines keeps the
# signature valid; xmlsec1 --verify checks that below.
sign() { # $1 = template, $2 = output, $3 = element with the ID attribute
  xmlsec1 --sign --privkey-pem "$key,$cert" --id-attr:ID "$3" --output "$work/signed.xml" "$1"
  # Drop the XML declaration xmlsec1 adds when the template has none, join lines.
  sed '1{/^<?xml version="1.0"?>$/d}' "$work/signed.xml" | oneline > "$2"
  xmlsec1 --verify --trusted-pem "$cert" --id-attr:ID "$3" "$2" 2>/dev/null \
    || { echo "verification of $2 failed" >&2; exit 1; }
}

# (a) Entra ID SAML Response, Assertion signed -------------------------------------------------
{
  cat <<EOF | oneline
<samlp:Response ID="$response_id" Version="2.0" IssueInstant="$t_issue" Destination="$reply_url" InResponseTo="$request_id" xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">
<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">$issuer</Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<Assertion ID="$assertion_id" IssueInstant="$t_issue" Version="2.0" xmlns="urn:oasis:names:tc:SAML:2.0:assertion">
<Issuer>$issuer</Issuer>
EOF
  signature_template "$assertion_id"
  cat <<EOF | oneline
<Subject>
<NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">$user</NameID>
<SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<SubjectConfirmationData InResponseTo="$request_id" NotOnOrAfter="$t_confirm" Recipient="$reply_url"/>
</SubjectConfirmation>
</Subject>
<Conditions NotBefore="$t_issue" NotOnOrAfter="$t_after">
<AudienceRestriction><Audience>$identifier</Audience></AudienceRestriction>
</Conditions>
<AttributeStatement>
EOF
  attribute http://schemas.microsoft.com/identity/claims/tenantid "$tenant"
  attribute http://schemas.microsoft.com/identity/claims/objectidentifier "$object_id"
  attribute http://schemas.microsoft.com/identity/claims/displayname "Jordan Lee"
  attribute http://schemas.microsoft.com/identity/claims/identityprovider "$issuer"
  attribute http://schemas.microsoft.com/claims/authnmethodsreferences \
    http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password \
    http://schemas.microsoft.com/claims/multipleauthn
  attribute http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname Jordan
  attribute http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname Lee
  attribute http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress "$user"
  attribute http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name "$user"
  cat <<EOF | oneline
</AttributeStatement>
<AuthnStatement AuthnInstant="$t_authn" SessionIndex="$assertion_id">
<AuthnContext><AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</AuthnContextClassRef></AuthnContext>
</AuthnStatement>
</Assertion>
</samlp:Response>
EOF
} > "$work/response.tmpl.xml"
sign "$work/response.tmpl.xml" "$out/entra-response.xml" urn:oasis:names:tc:SAML:2.0:assertion:Assertion
base64 -w0 "$out/entra-response.xml" > "$out/entra-response.b64"

# (a2) A browser-test fixture, not an example: the same response with an Identifier that names
# another TimeTrack customer (the tutorial's Identifier pattern with `fabrikam`), signed the same
# way: the Audience is wrong, the signature holds (tests/e2e/fixtures/README.md).
mkdir -p tests/e2e/fixtures
sed "s|<Audience>$identifier</Audience>|<Audience>https://fabrikam.timetrackenterprise.com/api/v2/azure/saml20</Audience>|" \
  "$work/response.tmpl.xml" > "$work/other-tenant.tmpl.xml"
sign "$work/other-tenant.tmpl.xml" tests/e2e/fixtures/entra-other-tenant.xml urn:oasis:names:tc:SAML:2.0:assertion:Assertion

# (b) AuthnRequest in an HTTP-Redirect URL ----------------------------------------------------
cat <<EOF | oneline > "$out/redirect-authnrequest.xml"
<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="$request_id" Version="2.0" IssueInstant="$t_request" Destination="$sso_url" AssertionConsumerServiceURL="$reply_url" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">
<saml:Issuer>$identifier</saml:Issuer>
<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" AllowCreate="true"/>
</samlp:AuthnRequest>
EOF
python3 - "$out/redirect-authnrequest.xml" "$sso_url" > "$out/redirect-authnrequest.url" <<'PY'
import base64, sys, urllib.parse, zlib
xml = open(sys.argv[1], "rb").read()
deflater = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw DEFLATE, as the Redirect binding says
request = base64.b64encode(deflater.compress(xml) + deflater.flush()).decode()
relay = "/app/timesheets?week=2026-W48"
sys.stdout.write(sys.argv[2] + "?SAMLRequest=" + urllib.parse.quote(request, safe="")
                 + "&RelayState=" + urllib.parse.quote(relay, safe=""))
PY

# (c) Entra-style federation metadata, signed, with a UTF-8 BOM --------------------------------
wsfed=http://docs.oasis-open.org/wsfed/federation/200706
endpoint() { printf '<wsa:EndpointReference xmlns:wsa="http://www.w3.org/2005/08/addressing"><wsa:Address>%s</wsa:Address></wsa:EndpointReference>' "$1"; }
claim_type() { printf '<auth:ClaimType Uri="%s" xmlns:auth="http://docs.oasis-open.org/wsfed/authorization/200706"><auth:DisplayName>%s</auth:DisplayName><auth:Description>%s</auth:Description></auth:ClaimType>' "$1" "$2" "$3"; }
{
  printf '<EntityDescriptor ID="%s" entityID="%s" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">' "$metadata_id" "$issuer"
  signature_template "$metadata_id"
  printf '<RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="%s">' "$wsfed" "$wsfed"
  key_descriptor
  printf '<fed:ClaimTypesOffered>'
  claim_type http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name Name "The mutable display name of the user."
  claim_type http://schemas.microsoft.com/identity/claims/objectidentifier "Object Identifier" "The immutable identifier of the user."
  claim_type http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress Email "Email address of the user."
  printf '</fed:ClaimTypesOffered>'
  printf '<fed:SecurityTokenServiceEndpoint>%s</fed:SecurityTokenServiceEndpoint>' "$(endpoint "https://login.microsoftonline.com/$tenant/wsfed")"
  printf '<fed:PassiveRequestorEndpoint>%s</fed:PassiveRequestorEndpoint>' "$(endpoint "https://login.microsoftonline.com/$tenant/wsfed")"
  printf '</RoleDescriptor>'
  printf '<RoleDescriptor xsi:type="fed:ApplicationServiceType" protocolSupportEnumeration="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="%s">' "$wsfed" "$wsfed"
  key_descriptor
  printf '<fed:TargetScopes>%s</fed:TargetScopes>' "$(endpoint "$issuer")"
  printf '<fed:ApplicationServiceEndpoint>%s</fed:ApplicationServiceEndpoint>' "$(endpoint "https://login.microsoftonline.com/$tenant/wsfed")"
  printf '<fed:PassiveRequestorEndpoint>%s</fed:PassiveRequestorEndpoint>' "$(endpoint "https://login.microsoftonline.com/$tenant/wsfed")"
  printf '</RoleDescriptor>'
  printf '<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
  key_descriptor
  printf '<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>' "$sso_url"
  printf '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>' "$sso_url"
  printf '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s"/>' "$sso_url"
  printf '</IDPSSODescriptor></EntityDescriptor>'
} > "$work/metadata.tmpl.xml"
sign "$work/metadata.tmpl.xml" "$work/metadata.xml" urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor
# As downloaded from Entra: UTF-8 BOM, then an XML declaration.
{ printf '\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>'; cat "$work/metadata.xml"; } > "$out/entra-federation-metadata.xml"

# (d) Error Response: Requester / RequestDenied, AADSTS50105 (user not assigned) ----------------
cat <<EOF | oneline > "$out/error-response-aadsts50105.xml"
<samlp:Response ID="$error_id" Version="2.0" IssueInstant="$t_error" Destination="$reply_url" InResponseTo="$request_id" xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">
<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">$issuer</Issuer>
<samlp:Status>
<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestDenied"/></samlp:StatusCode>
<samlp:StatusMessage>AADSTS50105: Your administrator has configured the application TimeTrack Enterprise ('$app_id') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '$user' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.&#xD;@NL@
Trace ID: $trace_id&#xD;@NL@
Correlation ID: $correlation_id&#xD;@NL@
Timestamp: $t_error_words</samlp:StatusMessage>
</samlp:Status>
</samlp:Response>
EOF
# Entra's StatusMessage has CR LF line breaks: CR as a character reference, LF as is.
sed -i 's/@NL@/\n/g' "$out/error-response-aadsts50105.xml"
base64 -w0 "$out/error-response-aadsts50105.xml" > "$out/error-response-aadsts50105.b64"

ls -l "$out"
