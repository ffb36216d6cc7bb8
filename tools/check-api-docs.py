#!/usr/bin/env python3
"""Check that every public function is documented in full: its time
complexity, its errors and its thread-safety.

Usage: tools/check-api-docs.py INCLUDEDIR [HEADER ...]

INCLUDEDIR is the folder of the public headers (include/tnet); the headers
checked are the ones named, or by default every public header there
(*.h). A
function's documentation is the comment just above its declaration; a
comment may cover a run of declarations that follow it with nothing but
blank lines between (the ref/unref and getter groups), and a gtk-doc
block "/** name: ... */" anywhere in the header documents "name".

The documentation must say
* its cost: "Time complexity:" or a big-O term, "O(...)";
* its errors: a line "Errors:" (which may say "none"), or a GError
  argument described with "%TNET_ERROR_..."/"%G_..._ERROR" codes;
* its thread-safety: "Thread-safety"/"thread-safe"/"Thread-safe" or a
  pointer to another function's rule ("as tnet_x()", "as the workspace").

Prints one line per gap, "header:line: function: missing ...", and exits 1
when there is any, 0 otherwise.
"""
import pathlib
import re
import sys


DECL = re.compile(r"^TNET_API\b[^(]*?\b(tnet_\w+)\s*\(", re.M)
DOC_BLOCK = re.compile(r"/\*\*\s*\n\s*\*\s*([\w, ]+):(.*?)\*/", re.S)

COST = re.compile(r"time complexity:|\bO\(", re.I)
ERRORS = re.compile(r"\berrors?\b|%G_\w*ERROR|%TNET_ERROR", re.I)
THREADS = re.compile(r"thread|\bas (the workspace|tnet_\w+\(\))", re.I)


def attached_comment(text, pos):
    """The comment just above the declaration at pos, skipping blank lines
    and the declarations of its group; None when other code comes first."""
    before = text[:pos].rstrip()
    while not before.endswith("*/"):
        decl_start = before.rfind("TNET_API")
        if decl_start < 0:
            return None
        decl = before[decl_start:]
        # only a whole declaration of the group may stand in between
        if decl.count(";") != 1 or not decl.endswith(";"):
            return None
        before = before[:decl_start].rstrip()
        if not before.endswith(("*/", ";")):
            return None
    return before[before.rfind("/*"):]


def check(path):
    text = path.read_text()
    named = {}
    for m in DOC_BLOCK.finditer(text):
        for name in m.group(1).replace(",", " ").split():
            named[name] = m.group(0)
    gaps = []
    for m in DECL.finditer(text):
        name = m.group(1)
        doc = named.get(name) or attached_comment(text, m.start())
        line = text.count("\n", 0, m.start()) + 1
        if doc is None:
            gaps.append((line, name, "documentation"))
            continue
        missing = []
        if not COST.search(doc):
            missing.append("time complexity")
        if not ERRORS.search(doc):
            missing.append("errors")
        if not THREADS.search(doc):
            missing.append("thread-safety")
        if missing:
            gaps.append((line, name, ", ".join(missing)))
    return gaps


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder = pathlib.Path(argv[1])
    headers = argv[2:] or sorted(p.name for p in folder.glob("*.h"))
    if not headers:
        print(f"{folder}: no headers", file=sys.stderr)
        return 2
    n_funcs = 0
    n_gaps = 0
    for name in headers:
        path = folder / name
        if not path.exists():
            print(f"{path}: no such header", file=sys.stderr)
            return 2
        n_funcs += len(DECL.findall(path.read_text()))
        for line, func, what in check(path):
            print(f"{path}:{line}: {func}: missing {what}")
            n_gaps += 1
    print(f"{n_funcs} functions in {len(headers)} headers, {n_gaps} gaps",
          file=sys.stderr)
    return 1 if n_gaps else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
