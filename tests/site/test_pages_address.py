"""GitHub Pages serves a working site with or without a custom domain: the publish job's
environment (the workflow's own `env`, with GitHub's GITHUB_REPOSITORY) decides SITEURL, and
every link, stylesheet, script, image, feed, sitemap entry and robots.txt line of the site
`invoke gh-pages` pushes resolves to a published file under that address."""

import os
import re
import subprocess
import tarfile
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import (
    FIXTURE_CONTENT,
    GIT_IDENTITY,
    INVOKE,
    REPO_ROOT,
    commit_all,
    copy_project,
    git,
    parse,
    write_post,
)
from tools.deploy import github_pages_url, published_address

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "site.yml"
PRODUCTION = "https://blog.participatorymedicine.org"
# GitHub's own variables in every job; the repository's variables as the cases set them.
GITHUB_CONTEXT = {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "Society-PM/blog"}
CASES = {
    "no custom domain": ({"PAGES_CNAME": ""}, "https://society-pm.github.io/blog", None),
    "custom domain": ({"PAGES_CNAME": "blog.example.org"}, "https://blog.example.org",
                      "blog.example.org"),
}


def workflow_environment(job, variables):
    """The job's `env:` as GitHub would set it, `${{ vars.NAME }}` filled in from `variables`."""
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return {name: re.sub(r"\$\{\{\s*vars\.(\w+)\s*\}\}", lambda m: variables.get(m[1], ""),
                         str(value))
            for name, value in jobs[job].get("env", {}).items()}


@pytest.mark.parametrize("environ,expected", [
    ({}, (PRODUCTION, "")),
    ({"GITHUB_REPOSITORY": "Society-PM/blog"}, ("https://society-pm.github.io/blog", "")),
    ({"GITHUB_REPOSITORY": "society-pm/society-pm.github.io"}, ("https://society-pm.github.io",
                                                                "")),
    ({"GITHUB_REPOSITORY": "society-pm/blog", "PAGES_CNAME": " Blog.Example.org "},
     ("https://blog.example.org", "blog.example.org")),
    ({"PAGES_CNAME": "https://blog.example.org/"}, ("https://blog.example.org",
                                                    "blog.example.org")),
    ({"PAGES_CNAME": "blog.example.org", "SITEURL": "http://127.0.0.1:8000/"},
     ("http://127.0.0.1:8000", "blog.example.org")),
])
def test_the_published_address_follows_the_environment(environ, expected):
    assert published_address(environ, default=PRODUCTION) == expected


@pytest.mark.parametrize("cname", ["blog.example.org/path", "two words.org", "localhost"])
def test_a_pages_cname_that_is_no_domain_is_refused(cname):
    with pytest.raises(ValueError, match=f"PAGES_CNAME '{cname}' is not a domain name; set it "
                       "to the bare domain, e.g. blog.participatorymedicine.org"):
        published_address({"PAGES_CNAME": cname}, default=PRODUCTION)


def test_github_pages_url():
    assert github_pages_url("octo/site") == "https://octo.github.io/site"


def urls_in(path, root):
    """Every URL a reader's browser or a crawler would follow from one published file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    # The feeds' copies at WordPress's old feed addresses are feeds named index.html.
    is_xml = path.suffix == ".xml" or text.lstrip().startswith("<?xml")
    if path.suffix == ".html" and not is_xml:
        soup = parse(path)
        for tag in soup.find_all(True):
            for attribute in ("href", "src", "action"):
                if tag.get(attribute):
                    yield tag[attribute]
            for candidate in (tag.get("srcset") or "").split(","):
                if candidate.strip():
                    yield candidate.split()[0]
            if tag.name == "meta" and tag.get("property", tag.get("name", "")) in (
                    "og:url", "og:image", "twitter:image"):
                yield tag["content"]
    elif is_xml:
        soup = BeautifulSoup(text, "xml")
        yield from (loc.get_text(strip=True) for loc in soup.find_all("loc"))
        yield from (link["href"] for link in soup.find_all("link") if link.get("href"))
    elif path.name == "robots.txt":
        yield from (line.split(":", 1)[1].strip() for line in text.splitlines()
                    if line.lower().startswith("sitemap:"))


def published_file(root, base, url):
    """The file a URL under `base` is served from, or None when it is not under `base`."""
    parts, base_parts = urlsplit(url), urlsplit(base)
    if (parts.scheme, parts.netloc) != (base_parts.scheme, base_parts.netloc):
        return None
    prefix = base_parts.path.rstrip("/")
    if not (parts.path == prefix or parts.path.startswith(prefix + "/")):
        return None
    target = root / parts.path[len(prefix):].lstrip("/")
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_pushed_site_resolves_under_the_address_pages_serves(tmp_path, case):
    variables, base, cname = CASES[case]
    checkout = copy_project(tmp_path / "project", content=FIXTURE_CONTENT)
    (checkout / "content" / "images").mkdir()
    (checkout / "content" / "images" / "chart.png").write_bytes(
        (REPO_ROOT / "theme" / "static" / "images" / "apple-touch-icon.png").read_bytes())
    write_post(checkout / "content", "with-image", body=(
        "![A chart]({static}/images/chart.png) and [the seed]({filename}/posts/2011/"
        "social-media-patients-and-physicians-a-sticky-wicket.md)."), image="images/chart.png",
        image_alt="A chart")
    git("init", "--quiet", "--initial-branch=main", cwd=checkout)
    commit_all(checkout, "The site")
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("SITEURL", "PAGES_CNAME") and not key.startswith("GITHUB_")}
    environment.update(GIT_IDENTITY, **GITHUB_CONTEXT, **workflow_environment("publish",
                                                                               variables))
    result = subprocess.run([INVOKE, "gh-pages", "--remote", str(remote)], cwd=checkout,
                            env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"gh-pages: pushed {base} (commit" in result.stdout

    archive = tmp_path / "site.tar"
    git("archive", "--output", str(archive), "gh-pages", cwd=remote)
    root = tmp_path / "site"
    with tarfile.open(archive) as tar:
        tar.extractall(root, filter="data")
    if cname:
        assert (root / "CNAME").read_text().strip() == cname
    else:
        assert not (root / "CNAME").exists()

    checked, missing, elsewhere = 0, [], []
    kinds = set()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("pagefind/"):
            continue
        page_url = f"{base}/{relative}"
        for url in urls_in(path, root):
            if url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
                continue
            absolute = urljoin(page_url, url)
            target = published_file(root, base, absolute)
            if target is None:
                if urlsplit(absolute).netloc in (urlsplit(PRODUCTION).netloc,
                                                 urlsplit(base).netloc):
                    elsewhere.append(f"{relative}: {url}")
                continue
            checked += 1
            kinds.add(target.suffix or "/")
            if not target.is_file():
                missing.append(f"{relative}: {url}")
    assert (missing, elsewhere) == ([], [])
    # Pages, stylesheets, scripts, images, feeds, the sitemap: all of them were looked at.
    assert {".html", ".css", ".js", ".png", ".xml"} <= kinds
    assert checked > 100
    robots = (root / "robots.txt").read_text()
    assert f"Sitemap: {base}/sitemap.xml" in robots
