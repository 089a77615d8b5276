#!/usr/bin/env python3
"""Rebuild data/verbs/CAMEO.2.0.txt from the Phoenix CAMEO 2.0 verb dictionary.

Usage: scripts/build_verbs.py [PATH_TO_PHOENIX_CAMEO.2.0.txt]
(default: ../shared/dictionaries/phoenix/CAMEO.2.0.txt relative to the workspace root)

The file is copied verbatim except for the few codes that are not CAMEO codes in the
codebook (data/cameo/cameo_codebook.jsonl); those are remapped inside their `[...]`
field only, and each remap is listed in data/verbs/SOURCE.md. The verbs crate has a test
that every bundled code parses as a CAMEO code.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "dictionaries" / "phoenix" / "CAMEO.2.0.txt"
OUT = ROOT / "data" / "verbs" / "CAMEO.2.0.txt"

# code as written -> replacement (why)
REMAP = {
    "080!": "080",  # stray '!' typo on a BACK DOWN pattern
    "176": "170",   # Phoenix-only "hack (cyber attack)" code; CAMEO has none -> coerce, not specified
    "1952": "195",  # Phoenix-only drone-strike sub-code -> employ aerial weapons
}


def fix_code(match: re.Match) -> str:
    parts = match.group(1).split(":")
    return "[" + ":".join(REMAP.get(p.strip(), p) for p in parts) + "]"


def main() -> None:
    src = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SRC
    text = src.read_text(encoding="utf-8", errors="surrogateescape")
    out = re.sub(r"\[([^\]\n]*)\]", fix_code, text)
    OUT.write_text(out, encoding="utf-8", errors="surrogateescape")
    changed = sum(1 for a, b in zip(text.splitlines(), out.splitlines()) if a != b)
    print(f"wrote {OUT} ({changed} lines remapped)")


if __name__ == "__main__":
    main()
