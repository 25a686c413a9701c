#!/usr/bin/env python3
"""Check a translation against assets/translations/en.json.

Usage: python3 docs/translations/check_translation.py es [one,many,other]

Checks: same key set and order; for every key the set of {{.X}}
placeholders is identical to English (in every plural form); plural
entries have exactly the given forms; no value is empty; no value equals
its key; line breaks where English has them. Lists the non-ASCII
characters used, so they can be compared with the bundled font.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PH = re.compile(r"\{\{\s*\.(\w+)\s*\}\}")


def main():
    loc = sys.argv[1] if len(sys.argv) > 1 else "es"
    forms = set((sys.argv[2] if len(sys.argv) > 2 else "one,many,other").split(","))
    en = json.loads((ROOT / "assets/translations/en.json").read_text(encoding="utf-8"))
    tr = json.loads((ROOT / f"assets/translations/{loc}.json").read_text(encoding="utf-8"))
    errs = []
    if set(en) != set(tr):
        errs.append(f"missing keys: {sorted(set(en) - set(tr))}")
        errs.append(f"extra keys: {sorted(set(tr) - set(en))}")
    elif list(en) != list(tr):
        errs.append("keys are not in the English order")
    chars = set()
    for k, ev in en.items():
        if k not in tr:
            continue
        tv = tr[k]
        ephs = set()
        for t in (ev.values() if isinstance(ev, dict) else [ev]):
            ephs |= set(PH.findall(t))
        if isinstance(ev, dict):
            if not isinstance(tv, dict):
                errs.append(f"{k}: English has plural forms, translation has none")
                continue
            if set(tv) != forms:
                errs.append(f"{k}: plural forms {sorted(tv)}, want {sorted(forms)}")
            vals = list(tv.items())
        else:
            if not isinstance(tv, str):
                errs.append(f"{k}: English is a plain text, translation is not")
                continue
            vals = [("", tv)]
        for form, t in vals:
            where = f"{k}{'[' + form + ']' if form else ''}"
            if not t.strip():
                errs.append(f"{where}: empty")
            if t == k:
                errs.append(f"{where}: equals its key")
            phs = set(PH.findall(t))
            need = ephs
            if isinstance(ev, dict):
                # compare with the matching English form ("many" with "other")
                need = set(PH.findall(ev.get(form, ev.get("other"))))
            if phs != need:
                errs.append(f"{where}: placeholders {sorted(phs)}, English has {sorted(need)}")
            if "{{" in t and re.search(r"\{\{(?!\s*\.\w+\s*\}\})", t):
                errs.append(f"{where}: malformed template")
            src = ev.get(form, ev.get("other")) if isinstance(ev, dict) else ev
            if src.count("\n") != t.count("\n"):
                errs.append(f"{where}: {t.count(chr(10))} line breaks, English has {src.count(chr(10))}")
            chars |= {c for c in t if ord(c) > 126}
    for e in errs:
        print("ERROR", e)
    print(f"{len(tr)} keys checked, {len(errs)} problems")
    print("non-ASCII characters used:", " ".join(sorted(chars)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
