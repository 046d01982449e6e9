#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets (scripts/fuzz.sh calls it).

Usage: fuzz/seeds.py OUT_DIR FIXTURES_DIR [SHARED_CORPUS_DIR]

Reads the project's fixtures and the shared conformance corpus where they are (nothing is
copied into the repository) and writes OUT_DIR/<target>/<sha1> files — the input of each
target in the shape it expects (some targets read a leading selector byte, `keys` reads DER).
OUT_DIR is git-ignored; libFuzzer adds what it finds to the same directories. Writing is
idempotent: a seed's name is the SHA-1 of its bytes, as libFuzzer names its own.
"""

import base64
import hashlib
import os
import re
import sys

SKIP_SUFFIXES = (".md", ".sh", ".py", ".tsv")
SKIP_NAMES = ("MANIFEST.json", "README.md")

# The PEM labels of fuzz_targets/keys.rs, in its order (index = selector byte); 12 = bare DER.
LABELS = [
    "CERTIFICATE",
    "X509 CERTIFICATE",
    "TRUSTED CERTIFICATE",
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "NEW CERTIFICATE REQUEST",
]
BARE_DER = 12

PEM = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", re.S)


def files(root):
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(SKIP_SUFFIXES) or name in SKIP_NAMES:
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                yield path, f.read()


def is_xml(data):
    text = data.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<")


def pem_blocks(data):
    for m in PEM.finditer(data):
        label = m.group(1).decode()
        body = b"".join(
            line for line in m.group(2).splitlines() if b":" not in line and line.strip()
        )
        try:
            yield label, base64.b64decode(body, validate=False)
        except ValueError:
            continue


def main():
    out, fixtures = sys.argv[1], sys.argv[2]
    roots = [fixtures]
    if len(sys.argv) > 3 and os.path.isdir(sys.argv[3]):
        roots.append(sys.argv[3])
    corpora = {}

    def add(target, data):
        if not data:
            return
        corpora.setdefault(target, set()).add(bytes(data))

    for root in roots:
        for path, data in files(root):
            name = os.path.basename(path)
            xml = is_xml(data)
            # Everything a user could paste: decode and inspect take it as it is.
            add("decode", data)
            add("inspect", data)
            for options in (b"\x7f", b"\x15"):
                add("redact", options + data)
            if name.endswith((".har", ".json")):
                add("har", data)
            if xml:
                add("xml_parse", b"\x00" + data)
                for prefix in (b"\x00\x00\x00", b"\x04\x01\x00", b"\x02\x00\x00", b"\x07\x03\x05"):
                    add("c14n", prefix + data)
                if b"EntityDescriptor" in data:
                    add("metadata", data)
                if b"Encrypted" in data:
                    add("xmlenc", b"\x00" + data)
            if xml or name.endswith((".url", ".b64", ".base64")):
                for anchors in (b"\x00", b"\x01"):
                    add("verify", anchors + data)
            # Keys: DER as it is (bare), PEM blocks with their label, texts as they are.
            if data[:1] == b"\x30":
                add("keys", bytes([BARE_DER]) + data)
            for label, der in pem_blocks(data):
                selector = LABELS.index(label) if label in LABELS else BARE_DER
                add("keys", bytes([selector]) + der)
                add("keys", bytes([BARE_DER]) + der)
            if not xml and len(data) < 16384 and b"MII" in data:
                add("keys", bytes([BARE_DER]) + data)
            # XML Encryption, structured mode: plaintexts to encrypt (CBC with a 1-byte pad, GCM).
            if xml and name in ("assertion.xml", "nameid.xml", "base_response.xml"):
                add("xmlenc", b"\x01" + data + b"\x01")
                add("xmlenc", b"\x03" + data)

    total = 0
    for target, seeds in sorted(corpora.items()):
        directory = os.path.join(out, target)
        os.makedirs(directory, exist_ok=True)
        for seed in seeds:
            path = os.path.join(directory, hashlib.sha1(seed).hexdigest())
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(seed)
        total += len(seeds)
        print(f"  {target:16} {len(seeds):5} seeds")
    os.makedirs(os.path.join(out, "saml_structured"), exist_ok=True)
    print(f"  {'saml_structured':16}     0 seeds (arbitrary builds its documents)")
    print(f"  {total} seeds in {out}")


if __name__ == "__main__":
    main()
