#!/usr/bin/env python3
"""The oldest glibc (and C++ runtime) a built Linux bundle or .deb can run on.

    python3 installer/glibc_floor.py /tmp/backlog-desk-build/dist/backlog-desk [--json]
    python3 installer/glibc_floor.py backlog-desk_0.1.0_amd64.deb --fail-above 2.28

Every ELF file in the folder (or in the .deb's data archive) is read with `objdump -p`
(binutils) and its *version references* are collected: the GLIBC_x.y, GLIBCXX_3.4.x,
CXXABI_1.3.x and GCC_x symbol versions the dynamic loader demands from each needed library
before the program may start. Version references rather than `objdump -T`'s symbol list,
because a library the bundle ships (PyInstaller copies libstdc++.so.6 and libgcc_s.so.1)
*defines* its own versions, and those are not requirements.

A reference to a library the bundle ships itself (by file name or SONAME) is satisfied
inside the bundle, whatever the target has; the *floor* is the highest version referenced
from libraries the target system must provide. Those references are what decide whether
Kylin V10 / UOS 20 (glibc 2.28) can start the program. The report also names the files that
set each floor, any use of GLIBC_PRIVATE (which ties a file to one exact glibc build), and
which common releases meet the floor.

Exit status: 0, or 1 when --fail-above is given and the glibc floor is higher (or the input
cannot be read), 2 on a usage error. Standard library only: runs with any python3 >= 3.7
(UOS 20's own python3 included); the .deb is unpacked by Python, dpkg is not needed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
FAMILIES = ("GLIBC", "GLIBCXX", "CXXABI", "GCC")
_VERSION_NAME = re.compile(r"^(GLIBC|GLIBCXX|CXXABI|GCC)_(\d+(?:\.\d+)*)$")
_FILE_HEADER = re.compile(r"^(.*):\s+file format (\S+)\s*$")
_REQUIRED_FROM = re.compile(r"^\s+required from (\S+):\s*$")
_VERSION_LINE = re.compile(r"^\s+0x[0-9a-f]+ 0x[0-9a-f]+ \d+ (\S+)\s*$")
_SONAME = re.compile(r"^\s+SONAME\s+(\S+)\s*$")
# objdump takes many files per call; stay well below the kernel's argument limit.
_BATCH = 200

# (release, glibc, newest GLIBCXX_, newest CXXABI_) of the system libc6 / libstdc++6. The
# glibc-2.28 Chinese desktop releases are the figure in the issue (UOS 20 is built on
# Debian 10); confirm on the PC itself with `ldd --version`.
RELEASES: tuple[tuple[str, str, str, str], ...] = (
    ("Ubuntu 18.04", "2.27", "3.4.25", "1.3.11"),
    ("Kylin V10 / UOS 20 (glibc 2.28)", "2.28", "3.4.25", "1.3.11"),
    ("Debian 10 / RHEL, AlmaLinux, Rocky 8", "2.28", "3.4.25", "1.3.11"),
    ("Debian 11 / Ubuntu 20.04", "2.31", "3.4.28", "1.3.12"),
    ("RHEL, AlmaLinux, Rocky 9", "2.34", "3.4.29", "1.3.13"),
    ("Ubuntu 22.04", "2.35", "3.4.30", "1.3.13"),
    ("Debian 12", "2.36", "3.4.30", "1.3.13"),
    ("Ubuntu 24.04", "2.39", "3.4.33", "1.3.15"),
    ("Debian 13", "2.41", "3.4.33", "1.3.15"),
)


def version_key(version: str) -> tuple[int, ...]:
    """'2.3.4' < '2.28' < '2.34': numeric, part by part."""
    return tuple(int(part) for part in version.split("."))


def newest(versions: Iterable[str]) -> str | None:
    return max(versions, key=version_key, default=None)


@dataclass
class ElfNeeds:
    """What one ELF file demands from each library it links, as objdump -p reports it."""

    path: str
    soname: str | None = None
    # library name -> version names required from it (GLIBC_2.34, GLIBCXX_3.4.30, Qt_6, ...)
    required: dict[str, list[str]] = field(default_factory=dict)


def parse_objdump(text: str) -> list[ElfNeeds]:
    """Split the output of `objdump -p FILE...` into one ElfNeeds per file."""
    result: list[ElfNeeds] = []
    current: ElfNeeds | None = None
    library: str | None = None
    in_references = False
    for line in text.splitlines():
        header = _FILE_HEADER.match(line)
        if header:
            current = ElfNeeds(path=header.group(1))
            result.append(current)
            library, in_references = None, False
            continue
        if current is None:
            continue
        if line.startswith("Version References:"):
            in_references = True
            continue
        soname = _SONAME.match(line)
        if soname:
            current.soname = soname.group(1)
            continue
        if not in_references:
            continue
        if line and not line[0].isspace():  # the next section starts
            in_references, library = False, None
            continue
        required = _REQUIRED_FROM.match(line)
        if required:
            library = required.group(1)
            current.required.setdefault(library, [])
            continue
        version = _VERSION_LINE.match(line)
        if version and library is not None:
            current.required[library].append(version.group(1))
    return result


def run_objdump(paths: Sequence[Path], objdump: str = "objdump") -> list[ElfNeeds]:
    found: list[ElfNeeds] = []
    for start in range(0, len(paths), _BATCH):
        batch = [str(p) for p in paths[start : start + _BATCH]]
        # objdump exits 1 if any file is odd (e.g. a truncated one) yet still reports the rest.
        proc = subprocess.run(
            [objdump, "-p", *batch], capture_output=True, text=True, errors="replace",
            env={**os.environ, "LC_ALL": "C"}, check=False,
        )
        found.extend(parse_objdump(proc.stdout))
    return found


def elf_files(root: Path) -> Iterator[Path]:
    """Regular ELF files under root; symlinks are skipped (their targets are in the tree)."""
    for folder, _dirs, names in os.walk(root):
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file():
                continue
            with open(path, "rb") as fh:
                if fh.read(4) == ELF_MAGIC:
                    yield path


def shipped_names(root: Path, needs: Iterable[ElfNeeds]) -> set:
    """Library names the bundle satisfies itself: every file or symlink name, and SONAMEs."""
    names = {name for _folder, _dirs, files in os.walk(root) for name in files}
    names.update(n.soname for n in needs if n.soname)
    return names


def unpack_deb(deb: Path, into: Path) -> None:
    """Extract a .deb's data.tar.* (an `ar` archive member) without dpkg."""
    with open(deb, "rb") as fh:
        if fh.read(8) != b"!<arch>\n":
            raise ValueError(f"{deb}: not a .deb (ar archive)")
        while True:
            header = fh.read(60)
            if len(header) < 60:
                raise ValueError(f"{deb}: no data.tar member")
            name = header[:16].decode("ascii", "replace").strip().rstrip("/")
            size = int(header[48:58].decode("ascii").strip())
            if name.startswith("data.tar"):
                data = fh.read(size)
                break
            fh.seek(size + (size & 1), io.SEEK_CUR)
    if name.endswith(".zst"):
        raise ValueError(f"{deb}: {name} is zstd-compressed; unpack it with dpkg-deb -x first")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.issym() or m.isdir()]
        if sys.version_info >= (3, 12):
            tar.extractall(into, members=members, filter="data")
        else:  # members are plain files, links and folders of our own package
            tar.extractall(into, members=members)


def analyse(root: Path, objdump: str = "objdump") -> dict:
    """The floor report for a folder (a bundle, or an unpacked .deb)."""
    paths = list(elf_files(root))
    needs = run_objdump(paths, objdump)
    if paths and not needs:
        raise RuntimeError(f"{objdump} -p reported nothing for {len(paths)} ELF files")
    shipped = shipped_names(root, needs)

    def rel(path: str) -> str:
        return os.path.relpath(path, root)

    # family -> version -> [(file, library)]
    system: dict[str, dict[str, list[tuple[str, str]]]] = {f: {} for f in FAMILIES}
    bundled: dict[str, dict[str, list[tuple[str, str]]]] = {f: {} for f in FAMILIES}
    private: list[dict] = []
    files = []
    for item in needs:
        per_file: dict[str, dict[str, str]] = {"system": {}, "bundled": {}}
        for library, versions in item.required.items():
            inside = library in shipped
            for name in versions:
                if name == "GLIBC_PRIVATE":
                    private.append({"file": rel(item.path), "library": library})
                    continue
                match = _VERSION_NAME.match(name)
                if not match:
                    continue
                family, version = match.groups()
                table = bundled if inside else system
                table[family].setdefault(version, []).append((rel(item.path), library))
                where = per_file["bundled" if inside else "system"]
                if version_key(version) > version_key(where.get(family, "0")):
                    where[family] = version
        files.append({"file": rel(item.path), **per_file})

    def floors(table: dict[str, dict[str, list[tuple[str, str]]]]) -> tuple[dict, dict]:
        floor = {family: newest(table[family]) for family in FAMILIES}
        set_by = {
            family: [
                {"file": file, "library": library}
                for file, library in sorted(set(table[family][version]))
            ]
            for family, version in floor.items()
            if version is not None
        }
        return floor, set_by

    floor, set_by = floors(system)
    bundled_floor, _ = floors(bundled)
    runs_on, too_old = [], []
    for release, glibc, glibcxx, cxxabi in RELEASES:
        have = {"GLIBC": glibc, "GLIBCXX": glibcxx, "CXXABI": cxxabi}
        ok = all(
            floor[family] is None or version_key(floor[family]) <= version_key(have[family])
            for family in have
        )
        (runs_on if ok else too_old).append(release)
    files.sort(key=lambda f: [-n for n in version_key(f["system"].get("GLIBC", "0"))])
    return {
        "root": str(root),
        "elf_files": len(paths),
        "floor": floor,
        "set_by": set_by,
        "satisfied_by_bundled_libraries": bundled_floor,
        "glibc_private": sorted(private, key=lambda p: p["file"]),
        "runs_on": runs_on,
        "too_old": too_old,
        "files": files,
    }


def scan(target: Path, objdump: str = "objdump") -> dict:
    """analyse() a bundle folder, or a .deb after unpacking it to a temporary folder."""
    if target.is_dir():
        return analyse(target, objdump)
    if target.suffix == ".deb":
        with tempfile.TemporaryDirectory(prefix="glibc-floor-") as tmp:
            unpack_deb(target, Path(tmp))
            report = analyse(Path(tmp), objdump)
        report["root"] = str(target)
        return report
    raise ValueError(f"{target}: neither a folder nor a .deb")


def describe(report: dict, top: int) -> str:
    floor = report["floor"]
    lines = [f"{report['root']}: {report['elf_files']} ELF files"]
    glibc = floor["GLIBC"]
    lines.append(f"glibc floor: GLIBC_{glibc}" if glibc else "glibc floor: none")
    for family in FAMILIES[1:]:
        if floor[family]:
            lines.append(f"{family} floor (system library): {family}_{floor[family]}")
    inside = {f: v for f, v in report["satisfied_by_bundled_libraries"].items() if v}
    if inside:
        lines.append(
            "satisfied by libraries in the bundle: "
            + ", ".join(f"{f}_{v}" for f, v in inside.items())
        )
    for family, users in report["set_by"].items():
        shown = users[:top]
        more = f" (+{len(users) - top} more)" if len(users) > top else ""
        lines.append(
            f"{family}_{floor[family]} is needed by: "
            + ", ".join(f"{u['file']} (from {u['library']})" for u in shown) + more
        )
    if report["glibc_private"]:
        lines.append(
            "WARNING GLIBC_PRIVATE (tied to one glibc build): "
            + ", ".join(p["file"] for p in report["glibc_private"])
        )
    lines.append("runs on: " + ("; ".join(report["runs_on"]) or "none of the known releases"))
    lines.append("too old: " + ("; ".join(report["too_old"]) or "none"))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="glibc_floor.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("target", help="a bundle folder (dist/backlog-desk) or a .deb")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--fail-above", metavar="X.Y",
                        help="exit 1 if the bundle needs a glibc newer than X.Y")
    parser.add_argument("--top", type=int, default=8,
                        help="files named per floor in the text report (default 8)")
    parser.add_argument("--objdump", default="objdump", help="objdump program (binutils)")
    args = parser.parse_args(argv)
    if args.fail_above is not None and not re.fullmatch(r"\d+(\.\d+)+", args.fail_above):
        parser.error(f"--fail-above wants a version such as 2.28, not {args.fail_above!r}")
    try:
        report = scan(Path(args.target), args.objdump)
    except (OSError, ValueError, RuntimeError, tarfile.TarError) as exc:
        if args.json:
            print(json.dumps({"error": str(exc), "file": args.target}, ensure_ascii=False))
        else:
            print(f"glibc_floor: {exc}", file=sys.stderr)
        return 1
    glibc = report["floor"]["GLIBC"]
    too_new = bool(
        args.fail_above and glibc and version_key(glibc) > version_key(args.fail_above)
    )
    if args.fail_above:
        report["fail_above"] = args.fail_above
        report["ok"] = not too_new
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(describe(report, args.top))
        if too_new:
            print(f"FAIL: needs glibc {glibc}, above {args.fail_above}", file=sys.stderr)
    return 1 if too_new else 0


if __name__ == "__main__":
    sys.exit(main())
