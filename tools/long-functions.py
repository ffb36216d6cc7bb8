#!/usr/bin/env python3
"""List the C functions longer than a number of lines (STYLE: under ~150).

Usage: tools/long-functions.py [LINES] [DIR|FILE...]   (default: 150, lib tools)

A function is counted from the line of its name to its closing brace, the
project's layout (return type on its own line, braces in column 0). Prints
one line per function, longest first: lines, name, file:line. Exits 1 when
some function is longer, so it can guard a directory that is clean.
"""
import pathlib
import re
import sys

NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")


def functions(path):
    """(name, first line, number of lines) of each function of @path."""
    lines = path.read_text(errors="replace").splitlines()
    i = 0
    while i < len(lines):
        if lines[i] != "{":
            i += 1
            continue
        j = i - 1
        while j >= 0 and not NAME.search(lines[j]):
            j -= 1
        k = i + 1
        while k < len(lines) and lines[k] != "}":
            k += 1
        if j >= 0:
            yield NAME.search(lines[j]).group(1), j + 1, k - j + 1
        i = k + 1


def main(argv):
    limit = int(argv[1]) if len(argv) > 1 else 150
    roots = argv[2:] or ["lib", "tools"]
    found = []
    for root in roots:
        top = pathlib.Path(root)
        for path in [top] if top.is_file() else sorted(top.rglob("*.c")):
            for name, line, n in functions(path):
                if n > limit:
                    found.append((n, name, f"{path}:{line}"))
    for n, name, where in sorted(found, key=lambda f: (-f[0], f[2])):
        print(f"{n:5d}  {name:40s} {where}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
