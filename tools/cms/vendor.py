"""The copy of Decap CMS the site serves at /admin/, and how it is refreshed from npm.

The browser app is vendored in plugins/decap_cms/static/decap-cms/ (its dist bundle, its
lazily loaded chunks and WebAssembly files, and its licence notice), so `make build` needs
neither npm nor the network. VENDORED pins the npm package by version and by the registry's
sha512 integrity; ``python -m tools.cms.vendor`` fetches that tarball with npm itself, refuses
it if the integrity differs, and replaces the vendored files; ``--check`` only compares them.
"""

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
VENDOR_PATH = REPO_ROOT / "plugins" / "decap_cms" / "static" / "decap-cms"
VENDORED = {
    "name": "decap-cms",
    "version": "3.16.3",
    "integrity": "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6"
                 "+z0oIpwUYhUJDYtYw==",
}
# The browser build and what it loads on demand; cms.js is the same app built a second time
# under its old name, and the source maps are for Decap's own developers.
DIST = "package/dist/"
BUNDLE = "decap-cms.js"


class VendorError(SystemExit):
    def __init__(self, message):
        super().__init__(f"decap-cms vendor: {message}")


def wanted(member_name):
    """The vendored name of a tarball member, or None for a file the site does not serve."""
    if not member_name.startswith(DIST):
        return None
    name = member_name.removeprefix(DIST)
    if "/" in name:
        return None
    if name in (BUNDLE, BUNDLE + ".LICENSE.txt") or name.endswith((".decap-cms.js", ".wasm")):
        return name
    return None


def integrity_of(path):
    digest = hashlib.sha512(Path(path).read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def pack(destination):
    """The pinned tarball, downloaded by npm into `destination`; its integrity checked."""
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm is needed to fetch the package: apt-get install -y nodejs npm")
    spec = f"{VENDORED['name']}@{VENDORED['version']}"
    result = subprocess.run(
        [npm, "pack", spec, "--json", "--prefer-offline", "--pack-destination", str(destination)],
        capture_output=True, text=True, check=False)
    if result.returncode:
        raise VendorError(f"npm pack {spec} failed: {result.stderr.strip()}")
    tarball = Path(destination) / json.loads(result.stdout)[0]["filename"]
    found = integrity_of(tarball)
    if found != VENDORED["integrity"]:
        raise VendorError(f"{tarball.name} has integrity {found}, not the pinned "
                          f"{VENDORED['integrity']}; refusing it")
    return tarball


def dist_files(tarball):
    """{vendored name: bytes} of the files the site serves, read from the tarball."""
    files = {}
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            name = wanted(member.name)
            if name and member.isfile():
                files[name] = archive.extractfile(member).read()
    if BUNDLE not in files:
        raise VendorError(f"{tarball.name} has no {DIST}{BUNDLE}")
    return files


def differences(files, folder=VENDOR_PATH):
    """What differs between `files` and the vendored folder, one line each."""
    present = {path.name for path in Path(folder).glob("*")} if Path(folder).is_dir() else set()
    lines = [f"missing: {name}" for name in sorted(set(files) - present)]
    lines += [f"not in the package: {name}" for name in sorted(present - set(files))]
    lines += [f"differs: {name}" for name in sorted(set(files) & present)
              if (Path(folder) / name).read_bytes() != files[name]]
    return lines


def replace(files, folder=VENDOR_PATH):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.cms.vendor", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="compare the vendored files with the pinned package; change nothing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="decap-cms-pack-") as scratch:
        files = dist_files(pack(scratch))
    if args.check:
        problems = differences(files)
        for line in problems:
            print(line)
        print(f"{VENDORED['name']} {VENDORED['version']}: "
              f"{'vendored files differ' if problems else 'vendored files match'}")
        return 1 if problems else 0
    replace(files)
    print(f"{VENDORED['name']} {VENDORED['version']}: {len(files)} files in "
          f"{VENDOR_PATH.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
