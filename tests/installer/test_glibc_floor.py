"""installer/glibc_floor.py on real ELF files: the shiboken6 library of this environment, the
system libstdc++ it links, and a .deb built from them with dpkg-deb.

The floor the scanner reports is cross-checked with readelf (a different reader of the same
`.gnu.version_r` section), and a library the folder ships must move its versions from the
system floor to the bundled ones.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "glibc_floor.py"

needs_binutils = pytest.mark.skipif(
    not (shutil.which("objdump") and shutil.which("readelf")),
    reason="objdump/readelf (binutils) not installed",
)


def _load():
    spec = importlib.util.spec_from_file_location("glibc_floor", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["glibc_floor"] = module  # dataclasses resolve annotations through it
    spec.loader.exec_module(module)
    return module


gf = _load()


def _shiboken_library() -> Path:
    spec = importlib.util.find_spec("shiboken6")
    assert spec and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sorted(folder.glob("libshiboken6*.so*"))[0]


def _linked(library: Path, soname: str) -> Path:
    out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True)
    match = re.search(rf"^\s*{re.escape(soname)} => (\S+)", out.stdout, re.M)
    assert match, out.stdout
    return Path(match.group(1)).resolve()


def _readelf_needs(path: Path) -> dict[str, set[str]]:
    """library -> version names, from readelf's 'Version needs' section."""
    out = subprocess.run(["readelf", "-V", "--wide", str(path)], capture_output=True,
                         text=True, check=True, env={"LC_ALL": "C"}).stdout
    needs: dict[str, set[str]] = {}
    library = None
    for line in out.split("Version needs section", 1)[1].splitlines():
        file = re.search(r"File: (\S+)", line)
        if file:
            library = file.group(1)
            needs.setdefault(library, set())
        name = re.search(r"Name: (\S+)", line)
        if name and library:
            needs[library].add(name.group(1))
    return needs


def _highest(names: set[str], family: str) -> str:
    versions = [n.split("_", 1)[1] for n in names if re.fullmatch(rf"{family}_[\d.]+", n)]
    return max(versions, key=gf.version_key)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A folder like dist/backlog-desk: one real library, a link to it and a non-ELF file."""
    folder = tmp_path / "bundle" / "_internal"
    folder.mkdir(parents=True)
    shutil.copy2(_shiboken_library(), folder)
    (folder / "libshiboken-link.so").symlink_to(_shiboken_library().name)
    (folder / "notes.so.txt").write_text("not an ELF file\n")
    return folder.parent


def test_versions_compare_part_by_part() -> None:
    assert gf.version_key("2.3.4") < gf.version_key("2.28") < gf.version_key("2.34")
    assert gf.newest(["2.2.5", "2.34", "2.4", "2.28"]) == "2.34"
    assert gf.newest([]) is None


@needs_binutils
def test_floor_of_a_real_library_matches_readelf(bundle: Path) -> None:
    library = _shiboken_library()
    expected = _readelf_needs(library)
    libc = {n for lib, names in expected.items() if lib.startswith("libc.so") for n in names}
    stdcxx = expected["libstdc++.so.6"]

    report = gf.scan(bundle)

    assert report["elf_files"] == 1  # the symlink and the text file are not counted
    assert report["floor"]["GLIBC"] == _highest(libc, "GLIBC")
    assert report["floor"]["GLIBCXX"] == _highest(stdcxx, "GLIBCXX")
    assert report["floor"]["CXXABI"] == _highest(stdcxx, "CXXABI")
    assert report["set_by"]["GLIBC"] == [
        {"file": f"_internal/{library.name}", "library": "libc.so.6"}
    ]
    assert report["satisfied_by_bundled_libraries"]["GLIBCXX"] is None


@needs_binutils
def test_a_shipped_libstdcxx_satisfies_the_cxx_versions(bundle: Path) -> None:
    """As PyInstaller does: with libstdc++.so.6 in the folder, GLIBCXX is no system need,
    but what that copy of libstdc++ needs from glibc now counts."""
    system_stdcxx = _linked(_shiboken_library(), "libstdc++.so.6")
    shutil.copy2(system_stdcxx, bundle / "_internal" / "libstdc++.so.6")
    before = _readelf_needs(_shiboken_library())
    own = _readelf_needs(system_stdcxx)

    report = gf.scan(bundle)

    assert report["elf_files"] == 2
    assert report["floor"]["GLIBCXX"] is None and report["floor"]["CXXABI"] is None
    assert report["satisfied_by_bundled_libraries"]["GLIBCXX"] == _highest(
        before["libstdc++.so.6"], "GLIBCXX")
    def glibc(needs: dict[str, set[str]]) -> str:
        return _highest({n for lib, names in needs.items() if lib.startswith(("libc.", "libm."))
                         for n in names}, "GLIBC")

    floor = max(glibc(before), glibc(own), key=gf.version_key)
    assert report["floor"]["GLIBC"] == floor
    setters = {entry["file"] for entry in report["set_by"]["GLIBC"]}
    expected = {name for name, needs in ((f"_internal/{_shiboken_library().name}", before),
                                         ("_internal/libstdc++.so.6", own))
                if glibc(needs) == floor}
    assert setters == expected
    # The table of releases follows the floor.
    glibc = gf.version_key(report["floor"]["GLIBC"])
    for release, version, _cxx, _abi in gf.RELEASES:
        assert (release in report["runs_on"]) == (gf.version_key(version) >= glibc)


@needs_binutils
@pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="dpkg-deb not installed")
def test_a_deb_reports_what_its_folder_does(bundle: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "DEBIAN").mkdir(parents=True)
    (root / "opt").mkdir()
    shutil.copytree(bundle, root / "opt" / "backlog-desk", symlinks=True)
    (root / "DEBIAN" / "control").write_text(
        "Package: glibc-floor-probe\nVersion: 1.0\nArchitecture: amd64\n"
        "Maintainer: test <test@localhost>\nDescription: probe\n"
    )
    deb = tmp_path / "probe_1.0_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)],
                   check=True, capture_output=True)

    from_deb = gf.scan(deb)
    from_folder = gf.scan(bundle)

    assert from_deb["root"] == str(deb)
    assert from_deb["floor"] == from_folder["floor"]
    assert [e["file"].split("/")[-1] for e in from_deb["set_by"]["GLIBC"]] == [
        e["file"].split("/")[-1] for e in from_folder["set_by"]["GLIBC"]
    ]


@needs_binutils
def test_command_line_json_and_fail_above(bundle: Path, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                              text=True, check=False)

    ok = run(str(bundle), "--json", "--fail-above", "99.0")
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(ok.stdout)  # exactly one document
    assert doc["ok"] is True and doc["floor"]["GLIBC"]

    too_new = run(str(bundle), "--json", "--fail-above", "2.0")
    assert too_new.returncode == 1
    assert json.loads(too_new.stdout)["ok"] is False

    text = run(str(bundle))
    assert text.returncode == 0
    assert f"glibc floor: GLIBC_{doc['floor']['GLIBC']}" in text.stdout

    missing = run(str(tmp_path / "nothing.deb"), "--json")
    assert missing.returncode == 1 and "error" in json.loads(missing.stdout)
    assert run(str(bundle), "--fail-above", "new").returncode == 2
