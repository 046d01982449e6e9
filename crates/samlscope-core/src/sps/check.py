#!/usr/bin/env python3
"""Validate the SP implementation files beside this script (see README.md).

Usage: python3 check.py [FILE.json ...]   (default: every *.json here)
Exit status 1 when any file breaks the schema.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULES_DIR = os.path.join(HERE, "..", "rules")
KEYS = [
    "ruby-saml", "python3-saml", "php-saml", "java-saml", "node-saml", "spring-security-saml2",
    "shibboleth-sp", "simplesamlphp", "sustainsys-saml2", "itfoxtec", "crewjam-saml", "pysaml2",
    "keycloak-broker", "samael",
]
TOP = ["key", "name", "version", "strict", "clock_skew_seconds", "signatures", "rules", "notes", "sources"]
REQUIRES = {"response", "assertion", "response-or-assertion", "response-and-assertion", "none"}
VERDICTS = {"rejects", "accepts"}
RULE_KEYS = {"verdict", "setting", "message", "error", "source"}
AIM_BYTES = 8 * 1024  # files ship in the WebAssembly page: above this, a warning
MAX_BYTES = 12 * 1024  # above this, an error


def rule_names():
    names = set()
    for path in glob.glob(os.path.join(RULES_DIR, "*.rs")):
        with open(path, encoding="utf-8") as f:
            names.update(re.findall(r'^\s*name:\s*"([a-z0-9-]+)"', f.read(), re.M))
    return names


def check(path, rules):
    errs = []
    err = errs.append
    base = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        d = json.loads(text)
    except (OSError, ValueError) as e:
        return [f"{base}: {e}"]
    size = len(text.encode())
    if size > MAX_BYTES:
        err(f"{base}: {size} bytes, over {MAX_BYTES}")
    elif size > AIM_BYTES:
        print(f"warning: {base}: {size} bytes, over the {AIM_BYTES} aimed at")
    if not isinstance(d, dict) or list(d) != TOP:
        return errs + [f"{base}: top-level keys must be exactly, in order: {', '.join(TOP)}"]
    if d["key"] + ".json" != base:
        err(f"{base}: key {d['key']!r} is not the file name")
    if d["key"] not in KEYS:
        err(f"{base}: key {d['key']!r} is not one of the contract keys")
    for k in ("name", "version", "strict"):
        if not isinstance(d[k], str) or not d[k].strip():
            err(f"{base}: {k} must be a non-empty string")
    sources = d["sources"]
    if not isinstance(sources, dict) or not sources:
        return errs + [f"{base}: sources must be a non-empty object"]
    for k, v in sources.items():
        if not isinstance(v, str) or not (v.startswith("https://") or re.match(r"^[\w.-]+/[\w.-]+:\S+@\S+", v)):
            err(f"{base}: source {k!r} is neither owner/repo:path@ref nor a URL: {v!r}")
    used = set()

    def src(where, obj):
        s = obj.get("source")
        if not isinstance(s, str) or s not in sources:
            err(f"{base}: {where}: source {s!r} is not a key of sources")
        used.add(s)

    skew = d["clock_skew_seconds"]
    if not isinstance(skew, dict) or set(skew) != {"value", "source"}:
        err(f"{base}: clock_skew_seconds must have exactly value and source")
    else:
        if skew["value"] is not None and (not isinstance(skew["value"], int) or skew["value"] < 0):
            err(f"{base}: clock_skew_seconds.value must be a non-negative integer or null")
        src("clock_skew_seconds", skew)
    sig = d["signatures"]
    if not isinstance(sig, dict) or set(sig) != {"requires", "setting", "source"}:
        err(f"{base}: signatures must have exactly requires, setting and source")
    else:
        if sig["requires"] not in REQUIRES:
            err(f"{base}: signatures.requires {sig['requires']!r} is not in {sorted(REQUIRES)}")
        if sig["setting"] is not None and not isinstance(sig["setting"], str):
            err(f"{base}: signatures.setting must be a string or null")
        src("signatures", sig)
    if not isinstance(d["rules"], dict) or not d["rules"]:
        err(f"{base}: rules must be a non-empty object")
    else:
        for name, r in d["rules"].items():
            where = f"rules.{name}"
            if name not in rules:
                err(f"{base}: {where}: not a samlscope rule name")
            if not isinstance(r, dict):
                err(f"{base}: {where}: must be an object")
                continue
            extra = set(r) - RULE_KEYS
            missing = RULE_KEYS - {"error"} - set(r)
            if extra or missing:
                err(f"{base}: {where}: extra keys {sorted(extra)}, missing keys {sorted(missing)}")
            if r.get("verdict") not in VERDICTS:
                err(f"{base}: {where}: verdict {r.get('verdict')!r} is not rejects|accepts")
            for k in ("setting", "message"):
                if k in r and r[k] is not None and (not isinstance(r[k], str) or not r[k]):
                    err(f"{base}: {where}: {k} must be a non-empty string or null")
            if "error" in r and (not isinstance(r["error"], str) or not r["error"]):
                err(f"{base}: {where}: error must be a non-empty string")
            src(where, r)
    if not isinstance(d["notes"], list) or not all(isinstance(n, str) and n for n in d["notes"]):
        err(f"{base}: notes must be a list of non-empty strings")
    else:
        for n in d["notes"]:
            for k in re.findall(r"\[([a-z0-9][a-z0-9-]*)\]", n):
                if k not in sources:
                    err(f"{base}: note cites [{k}], not a key of sources")
                used.add(k)
    for k in sources:
        if k not in used:
            err(f"{base}: source {k!r} is never cited")
    return errs


def main(argv):
    rules = rule_names()
    if not rules:
        print(f"no rule names found under {RULES_DIR}", file=sys.stderr)
        return 1
    files = argv[1:] or sorted(glob.glob(os.path.join(HERE, "*.json")))
    errs = []
    for path in files:
        errs += check(path, rules)
    if not argv[1:]:
        have = {os.path.basename(p)[:-5] for p in files}
        errs += [f"missing {k}.json" for k in KEYS if k not in have]
    for e in errs:
        print(e)
    print(f"{len(files)} files, {len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
