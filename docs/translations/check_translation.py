#!/usr/bin/env python3
"""Check a translation against en.json.

Usage: python3 docs/translations/check_translation.py [fr]

Checks: same key set (and order); every {{.X}} placeholder of the English
text is in the translation and no other (per plural form: the translation's
"one" against English "one", its other forms against English "other");
plural entries have exactly the forms the language needs; no value is empty
or equal to its key; the same number of line breaks; only characters from
the set the bundled Noto Sans font is known to draw.
"""
import json
import re
import sys
import unicodedata

LANG = sys.argv[1] if len(sys.argv) > 1 else "fr"
FORMS = {"fr": {"one", "many", "other"}}.get(LANG, {"one", "other"})
BASE = "assets/translations/"
en = json.load(open(BASE + "en.json", encoding="utf-8"))
tr = json.load(open(BASE + LANG + ".json", encoding="utf-8"))
PH = re.compile(r"\{\{\s*\.(\w+)\s*\}\}")
ALLOWED_EXTRA = set("«»–—…×\u00a0’•·›")
errors = []


def chars_ok(key, s):
    for ch in s:
        if ch in "\n\t" or ch in ALLOWED_EXTRA:
            continue
        if ord(ch) < 0x250 and unicodedata.category(ch)[0] != "C":
            continue
        errors.append(f"{key}: character {ch!r} (U+{ord(ch):04X}) may be missing from the font")


def compare(key, e, t):
    if not isinstance(t, str) or not t.strip():
        errors.append(f"{key}: empty or not a text")
        return
    pe, pt = sorted(PH.findall(e)), sorted(PH.findall(t))
    if set(pe) != set(pt):
        errors.append(f"{key}: placeholders {pe} in English, {pt} in translation")
    if "{{" in t and len(re.findall(r"\{\{", t)) != len(PH.findall(t)):
        errors.append(f"{key}: malformed template action")
    if e.count("\n") != t.count("\n"):
        errors.append(f"{key}: {e.count(chr(10))} line breaks in English, {t.count(chr(10))} in translation")
    chars_ok(key, t)


if set(en) != set(tr):
    for k in sorted(set(en) - set(tr)):
        errors.append(f"{k}: missing")
    for k in sorted(set(tr) - set(en)):
        errors.append(f"{k}: not in en.json")
elif list(en) != list(tr):
    errors.append("keys are not in the same order as en.json")

for key in en:
    if key not in tr:
        continue
    e, t = en[key], tr[key]
    if isinstance(e, dict):
        if not isinstance(t, dict):
            errors.append(f"{key}: English has plural forms, translation does not")
            continue
        if set(t) != FORMS:
            errors.append(f"{key}: plural forms {sorted(t)}, want {sorted(FORMS)}")
        for form, text in t.items():
            compare(f"{key}#{form}", e["one"] if form == "one" else e["other"], text)
            if text == key:
                errors.append(f"{key}#{form}: value equals its key")
    else:
        if isinstance(t, dict):
            errors.append(f"{key}: translation has plural forms, English does not")
            continue
        compare(key, e, t)
        if t == key:
            errors.append(f"{key}: value equals its key")

raw = open(BASE + LANG + ".json", encoding="utf-8").read()
if json.dumps(tr, ensure_ascii=False, indent=2) + "\n" != raw:
    errors.append("file is not 2-space indented json.dump output with a trailing newline")

for line in errors:
    print(line)
n = sum(1 for _ in tr)
print(f"{LANG}.json: {n} keys, {len(errors)} problem(s)")
sys.exit(1 if errors else 0)
