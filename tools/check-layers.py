#!/usr/bin/env python3
"""Check that the library's layers depend one way only (DESIGN.md, section 1).

Usage: tools/check-layers.py LIBDIR [ARCHIVE]

LIBDIR is the library's source folder (lib/), ARCHIVE a static library of
its objects (the build's lib/libtnet-internal.a). The layers, bottom to top:

    core -> model, io -> graph -> paths, interop -> analysis -> render

Folders on one line are peers. Two checks:

* calls (needs ARCHIVE and nm): no object of a folder leaves undefined a
  symbol that an object of a higher folder defines, i.e. no lower layer
  calls a function (or reads a variable) of a higher one. Meson names the
  objects of lib/<folder>/<file>.c "<folder>_<file>.c.o"; an object whose
  source is not found that way is an error, so a change of naming cannot
  silently pass.
* includes (sources only): no file of lib/ includes a header of a higher
  folder (found as the compiler would: beside the file, then in the
  layer folders), and none names a header by a path ("../model/x.h"):
  headers are reached through the layer include folders only.
* private headers (sources only): a header named *-private.h holds the
  layout of its folder's objects, so only files of that folder include
  it. A folder exports what the layers above need of its objects in
  headers named *-internal.h (read-only views, builder functions:
  lib/graph/graph-internal.h, lib/model/timetable-internal.h,
  lib/model/feed-internal.h, ...): those
  are included by their own folder, its peers and higher folders, never
  by a lower one, and never include a private header themselves (the
  layout would leak through them). SHARED_LAYOUTS lists the exceptions
  left, each with its reason (none today).

* outside lib/ (sources only): the files of tests/, bench/, examples/,
  python/ and tools/ (beside LIBDIR) use the public headers (include/tnet)
  only: none includes a header of lib/ (any header whose name a lib/
  folder holds and that is not beside the including file: *-private.h,
  *-internal.h, tnet-internal.h, heap.h, csv.h, ...) or names a tnet_i_*
  symbol outside a comment. The exceptions are the white-box tests, unit
  tests of internal modules listed in the white_box_tests list of
  tests/meson.build (file names under tests/), and OUTSIDE_EXCEPTIONS
  below, each with its reason. A benchmark measures what users get, so no
  file of bench/ may be one.

Prints one line per offence and exits 1 when there is any, 0 otherwise,
77 (skipped, for meson) when nm is missing.
"""
import pathlib
import re
import shutil
import subprocess
import sys

RANK = {
    "core": 0,
    "model": 1, "io": 1,
    "graph": 2,
    "paths": 3, "interop": 3,
    "analysis": 4,
    "render": 5,
}
# the include folders of lib/meson.build, in their order
INCLUDE_ORDER = [".", "core", "model", "io", "graph", "paths", "analysis", "render", "interop"]
# private header -> the other folders that may include it, and why. Shrink
# it, do not grow it: a folder above gets an interface in a *-internal.h
# header instead.
SHARED_LAYOUTS = {
    # empty: the GTFS reader fills a feed through the builder of
    # lib/model/feed-internal.h. An entry reads
    #   "x-private.h": {"io"},   # why io still needs x's layout
}
# file outside lib/ (relative to the source root) -> why it may still use
# the library's internals. Shrink it, do not grow it.
OUTSIDE_EXCEPTIONS = {
    # empty: the CLI writes its JSON documents with the public
    # tnet_json_to_text(). An entry reads
    #   "tools/tnet/x.c": "x-internal.h, tnet_i_x",   # why x still needs it
}
OUTSIDE_FOLDERS = ["tests", "bench", "examples", "python", "tools"]
SOURCE_SUFFIXES = {".c", ".h", ".cc", ".cpp"}
WHITE_BOX = re.compile(r"white_box_tests\s*=\s*\[(.*?)\]", re.S)
TNET_I = re.compile(r"\btnet_i_\w+")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
DEFINED = set("TDBRVWCGS")


def folder_of(libdir, obj):
    """The layer folder of object @obj (a member name), or raise."""
    base = pathlib.PurePath(obj).name
    folder, _, rest = base.partition("_")
    src = rest[:-2] if rest.endswith(".o") else rest
    if folder not in RANK or not (libdir / folder / src).is_file():
        raise SystemExit(f"check-layers: cannot tell the layer of object {obj} "
                         f"(expected <folder>_<file>.c.o with lib/<folder>/<file>.c)")
    return folder, f"{folder}/{src}"


def symbols(archive):
    """Per object: (defined, undefined) global symbol names."""
    out = subprocess.run(["nm", "-P", "-A", str(archive)], check=True,
                         capture_output=True, text=True).stdout
    objs = {}
    for line in out.splitlines():
        head, _, tail = line.rpartition("]: ")
        if not head or "[" not in head:
            continue
        member = head.split("[", 1)[1]
        parts = tail.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        d, u = objs.setdefault(member, (set(), set()))
        if kind == "U":
            u.add(name)
        elif kind in DEFINED:
            d.add(name)
    return objs


def check_calls(libdir, archive):
    objs = symbols(archive)
    where = {}
    layer = {}
    for member, (defs, _) in objs.items():
        layer[member] = folder_of(libdir, member)
        for s in defs:
            where[s] = member
    bad = []
    for member, (_, undefs) in sorted(objs.items()):
        folder, src = layer[member]
        for s in sorted(undefs):
            if s not in where:
                continue
            ofolder, osrc = layer[where[s]]
            if RANK[ofolder] > RANK[folder]:
                bad.append(f"lib/{src}: calls {s} of lib/{osrc} "
                           f"({folder} may not call {ofolder})")
    return bad


def owner(libdir, path, name):
    """The folder of the header @name included from @path, or None."""
    for d in [path.parent] + [libdir / f for f in INCLUDE_ORDER]:
        if (d / name).is_file():
            rel = (d / name).resolve().relative_to(libdir.resolve())
            return rel.parts[0] if len(rel.parts) > 1 else "."
    return None


def check_includes(libdir):
    bad = []
    for folder in sorted(RANK):
        for path in sorted((libdir / folder).glob("*.[ch]")):
            text = path.read_text(errors="replace")
            for m in INCLUDE.finditer(text):
                name = m.group(1)
                line = text.count("\n", 0, m.start()) + 1
                where = f"lib/{folder}/{path.name}:{line}"
                if "/" in name:
                    bad.append(f"{where}: includes \"{name}\" by a path "
                               "(use the layer include folders)")
                    continue
                o = owner(libdir, path, name)
                if (name.endswith("-internal.h") and o in RANK
                        and RANK[o] > RANK[folder]):
                    bad.append(f"{where}: includes {o}'s internal \"{name}\" "
                               f"(exported to the layers above {o} only, "
                               f"not to {folder})")
                elif o in RANK and RANK[o] > RANK[folder]:
                    bad.append(f"{where}: includes {o}'s \"{name}\" "
                               f"({folder} may not include {o})")
                elif (name.endswith("-private.h") and o is not None and o != folder
                      and folder not in SHARED_LAYOUTS.get(name, ())):
                    bad.append(f"{where}: includes {o}'s private \"{name}\" "
                               f"(use lib/{o}'s *-internal.h interface)")
                elif (name.endswith("-private.h") and path.name.endswith("-internal.h")):
                    bad.append(f"{where}: the interface \"{path.name}\" includes "
                               f"the private \"{name}\" (its layout would leak "
                               "to the layers above)")
    return bad


def white_box_tests(root):
    """The file names (under tests/) of the white_box_tests list of
    tests/meson.build, or raise when the list is missing."""
    build = root / "tests" / "meson.build"
    m = WHITE_BOX.search(build.read_text())
    if m is None:
        raise SystemExit("check-layers: tests/meson.build has no white_box_tests list")
    body = re.sub(r"#[^\n]*", "", m.group(1))
    return {"tests/" + n for n in re.findall(r"'([^']+)'", body)}


def check_outside(libdir):
    """Files of tests/, bench/, examples/, python/, tools/ that include a
    header of lib/ or name a tnet_i_ symbol, but for the white-box tests
    and OUTSIDE_EXCEPTIONS."""
    root = libdir.resolve().parent
    lib_headers = {p.name for p in libdir.rglob("*.h")}
    allowed = white_box_tests(root)
    bad = [f"tests/meson.build: white_box_tests names {n}, which does not exist"
           for n in sorted(allowed) if not (root / n).is_file()]
    for folder in OUTSIDE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            if rel in allowed or rel in OUTSIDE_EXCEPTIONS:
                continue
            text = path.read_text(errors="replace")
            for m in INCLUDE.finditer(text):
                name = pathlib.PurePosixPath(m.group(1)).name
                if name in lib_headers and not (path.parent / m.group(1)).is_file():
                    line = text.count("\n", 0, m.start()) + 1
                    bad.append(f"{rel}:{line}: includes the library's private "
                               f"\"{m.group(1)}\" (public headers only outside lib/, "
                               "but for the white_box_tests of tests/meson.build)")
            code = COMMENT.sub(lambda c: "\n" * c.group(0).count("\n"), text)
            for m in TNET_I.finditer(code):
                line = code.count("\n", 0, m.start()) + 1
                bad.append(f"{rel}:{line}: uses the library's internal {m.group(0)} "
                           "(public API only outside lib/, but for the "
                           "white_box_tests of tests/meson.build)")
    return bad


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    libdir = pathlib.Path(argv[1])
    for d in libdir.iterdir():
        if d.is_dir() and d.name not in RANK and any(d.glob("*.c")):
            print(f"check-layers: lib/{d.name} has no layer: add it to RANK", file=sys.stderr)
            return 1
    bad = check_includes(libdir) + check_outside(libdir)
    if len(argv) == 3:
        if shutil.which("nm") is None:
            print("check-layers: nm not found, skipped")
            return 77
        bad += check_calls(libdir, pathlib.Path(argv[2]))
    for b in bad:
        print(b)
    print(f"check-layers: {len(bad)} offence(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
