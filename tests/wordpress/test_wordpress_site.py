"""An import built with the project's own publish settings: old links answer, responses show."""

import os
import subprocess
import sys
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from wordpress_helpers import EXPORT_12, REPO_ROOT

from tools.wordpress import import_wordpress

SITEURL = "https://blog.example.org"
# Every published post and page of the fixture, by old link, with its title.
OLD_LINKS = {
    "https://e-patients.example/archives/2011/07/ethics-and-the-net.html": (
        "Ethics & the \u201cNet\u201d: a sticky wicket"
    ),
    "https://e-patients.example/2011/07/new-style/": "New-style link, with an excerpt",
    "https://e-patients.example/archives/2011/09/caf%c3%a9-talk.html": "Caf\u00e9 talk",
    "https://e-patients.example/archives/2013/01/ethics-and-the-net.html": "Ethics again",
    "https://e-patients.example/about/": "About SPM",
    "https://e-patients.example/about/board/": "Board",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("wordpress-site")
    import_wordpress(EXPORT_12, root / "content")
    result = subprocess.run(
        [
            sys.executable, "-m", "pelican", str(root / "content"),
            "-s", str(REPO_ROOT / "publishconf.py"), "-o", str(root / "output"),
            "--fatal", "warnings",
            "-e", f'CACHE_PATH="{root / "cache"}"',
        ],
        capture_output=True, text=True, cwd=REPO_ROOT,
        env={**os.environ, "SITEURL": SITEURL, "COLUMNS": "250"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def page_at(output, path):
    relative = unquote(path).strip("/")
    file = output / relative
    if path.endswith("/") or not relative:
        file = file / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html5lib")


def follow(output, url):
    """The page a visitor lands on from `url`, following at most one redirect page."""
    soup = page_at(output, urlsplit(url).path)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return url, soup
    target = refresh["content"].split("url=", 1)[1]
    assert target.startswith(SITEURL)
    assert soup.find("link", rel="canonical")["href"] == target
    return target, page_at(output, urlsplit(target).path)


@pytest.mark.parametrize(("old_link", "title"), OLD_LINKS.items())
def test_every_old_link_still_answers(site, old_link, title):
    _url, soup = follow(site, old_link)
    assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert soup.find("h1").get_text(" ", strip=True).replace("\u00a0", " ") == title


def test_moved_post_lands_on_its_new_url_with_its_responses(site):
    url, soup = follow(site, "https://e-patients.example/archives/2011/07/ethics-and-the-net.html")
    assert url == f"{SITEURL}/2011/07/ethics-and-the-net/"
    anchors = sorted(tag["id"] for tag in soup.select('[id^="comment-"]'))
    assert anchors == [f"comment-{n}" for n in (1042, 1043, 1045, 1047, 1048, 1049, 1050)]
