"""The Decap CMS the site serves is the pinned npm package's own bundle, byte for byte."""

import json
import shutil

import pytest
from cms_testing import NODE_INSTALL

from sitebuild import REPO_ROOT
from tools.cms import vendor


def test_the_vendored_files_are_the_pinned_package_s(tmp_path):
    if shutil.which("npm") is None:
        pytest.fail(f"npm is needed to fetch the pinned package: {NODE_INSTALL}", pytrace=False)
    files = vendor.dist_files(vendor.pack(tmp_path))
    assert vendor.differences(files) == []
    assert {name for name in files if not name.endswith(".decap-cms.js")} == {
        "decap-cms.js", "decap-cms.js.LICENSE.txt", "dd5d52671a5763720504.wasm",
        "f728dc876b39e5273411.wasm"}


def test_a_tarball_with_another_integrity_is_refused(tmp_path, monkeypatch):
    if shutil.which("npm") is None:
        pytest.fail(f"npm is needed to fetch the pinned package: {NODE_INSTALL}", pytrace=False)
    monkeypatch.setitem(vendor.VENDORED, "integrity", "sha512-" + "A" * 86 + "==")
    with pytest.raises(SystemExit, match=r"decap-cms-3\.16\.3\.tgz has integrity sha512-hf\+d"
                                         r".*refusing it"):
        vendor.pack(tmp_path)


def test_only_the_browser_bundle_is_vendored():
    assert vendor.wanted("package/dist/decap-cms.js") == "decap-cms.js"
    assert vendor.wanted("package/dist/103.decap-cms.js") == "103.decap-cms.js"
    for name in ["package/dist/cms.js", "package/dist/decap-cms.js.map",
                 "package/dist/103.cms.js", "package/README.md", "package/dist/a/b.wasm"]:
        assert vendor.wanted(name) is None


def test_decap_server_is_pinned_exactly():
    manifest = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert manifest["dependencies"] == {"decap-server": "3.11.3"}
    assert lock["packages"]["node_modules/decap-server"]["version"] == "3.11.3"
    assert all(entry.get("integrity", "").startswith("sha512-")
               for path, entry in lock["packages"].items() if path)
