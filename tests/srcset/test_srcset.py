"""plugins/srcset: {static} links inside srcset, built by Pelican with the site's settings.

A post at /YYYY/MM/slug/ shows a responsive image whose srcset names three files of the
content folder; the local build (relative URLs) and the publish build (absolute SITEURL)
must each give candidates that lead to the very files, descriptors and sizes kept.
"""

import io
from urllib.parse import urljoin, urlsplit

import pytest

from sitebuild import PUBLISH_SETTINGS, BuildFailed, build, publish_build, write_post
from sitebuild import PUBLISH_SITEURL as SITEURL
from tools.authoring.build import build as run_build

FILES = {
    "media/2019/03/hall-300x200.png": b"\x89PNG small hall",
    "media/2019/03/hall-768x512.png": b"\x89PNG medium hall",
    "media/2019/03/hall.png": b"\x89PNG the original hall",
    # Outside STATIC_PATHS: copied because the srcset links it, as Pelican copies a src's file.
    "pictures/plan.png": b"\x89PNG the floor plan",
}
SIZES = "(max-width: 300px) 100vw, 300px"
# The srcset plugin on its own: the images plugin (tests/images) would publish copies made
# from these files instead of the files (and refuse them: they are no pictures).
ON_ITS_OWN = {"IMAGES_PUBLISH": False}
BODY = f"""The hall, responsive:

<img src="{{static}}/media/2019/03/hall-300x200.png" alt="The meeting hall"
 srcset="{{static}}/media/2019/03/hall-300x200.png 300w,
 {{static}}/media/2019/03/hall-768x512.png 768w, {{static}}/media/2019/03/hall.png 1024w"
 sizes="{SIZES}">

<img src="{{static}}/pictures/plan.png" alt="The floor plan"
 srcset="{{static}}/pictures/plan.png 2x">
"""
EXPECTED = [
    ("media/2019/03/hall-300x200.png", "300w"),
    ("media/2019/03/hall-768x512.png", "768w"),
    ("media/2019/03/hall.png", "1024w"),
]


def candidates(img):
    return [tuple(candidate.split()) for candidate in img["srcset"].split(",")]


def write_site(root, body=BODY, files=FILES):
    content = root / "content"
    for relative, data in files.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_bytes(data)
    write_post(content, "the-hall", body, date="2020-01-15 10:00")
    return content


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    root = tmp_path_factory.mktemp("srcset-local")
    return build(write_site(root), root / "output", fatal="warnings", **ON_ITS_OWN)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("srcset-publish")
    return publish_build(write_site(root), root / "output", **ON_ITS_OWN)


def test_local_build_gives_each_candidate_relative_to_the_post(local):
    img = local.soup("2020/01/the-hall/").select_one(".post-content img")
    page_url = "http://localhost/2020/01/the-hall/"
    resolved = []
    for url, descriptor in candidates(img):
        # Exactly as Pelican makes src for this page: a path relative to it.
        assert not urlsplit(url).scheme and not url.startswith("/"), url
        resolved.append((urlsplit(urljoin(page_url, url)).path.lstrip("/"), descriptor))
    assert resolved == EXPECTED
    assert candidates(img)[0][0] == img["src"]
    assert img["sizes"] == SIZES
    for path, _descriptor in resolved:
        assert (local.root / path).read_bytes() == FILES[path]


def test_publish_build_gives_absolute_candidates_to_the_files(published):
    soup = published.soup("2020/01/the-hall/")
    hall, plan = soup.select(".post-content img")
    assert candidates(hall) == [(f"{SITEURL}/{path}", d) for path, d in EXPECTED]
    assert hall["sizes"] == SIZES
    assert hall["src"] == f"{SITEURL}/media/2019/03/hall-300x200.png"
    assert candidates(plan) == [(f"{SITEURL}/pictures/plan.png", "2x")]
    for path in FILES:
        assert (published.root / path).read_bytes() == FILES[path]


def test_the_summary_on_the_home_page_resolves_too(published):
    for img in published.soup("").select("img[srcset]"):
        assert all(url.startswith(f"{SITEURL}/") for url, *_ in candidates(img)), img


def test_a_missing_candidate_fails_the_publish_build_naming_the_post(tmp_path):
    body = BODY.replace("hall-768x512.png 768w", "hall-640x427.png 640w")
    content = write_site(tmp_path, body)
    with pytest.raises(BuildFailed) as failed:
        publish_build(content, tmp_path / "output", **ON_ITS_OWN)
    message = str(failed.value)
    # Pelican's own warning for a {static} link to a missing file, as for a src...
    assert "Cannot get modification stamp for" in message
    assert "content/media/2019/03/hall-640x427.png" in message
    # ...and the site's check, naming the post and the line.
    checks = [line for line in message.splitlines() if "content_checks" in line]
    assert len(checks) == 1, message
    assert "posts/the-hall.md:" in checks[0]
    assert "{static}/media/2019/03/hall-640x427.png leads nowhere" in checks[0]


def test_invoke_check_reports_a_missing_candidate_as_one_line(tmp_path):
    """What `invoke check` prints: content_checks' line; Pelican's vaguer one is dropped."""
    body = BODY.replace("hall-768x512.png 768w,", "hall-640x427.png 640w,")
    content = write_site(tmp_path, body)
    stream = io.StringIO()
    report = run_build(["-s", str(PUBLISH_SETTINGS), "--fatal", "warnings", str(content),
                        "-o", str(tmp_path / "output"), "-e", "IMAGES_PUBLISH=false"],
                       stream=stream, labels=False)
    post = content / "posts" / "the-hall.md"
    line = next(number for number, text in enumerate(post.read_text().splitlines(), 1)
                if "hall-640x427" in text)
    assert report.failed
    assert stream.getvalue().splitlines() == [
        f"{post}:{line}: the link {{static}}/media/2019/03/"
        "hall-640x427.png leads nowhere: no file media/2019/03/hall-640x427.png in the content "
        "folder; fix the path (relative to this file, or from content/ when it starts with /)"
    ]


def test_without_the_plugin_srcset_is_left_as_written(tmp_path):
    """The plugin is what resolves srcset (and leaves no trace on a site that lacks it)."""
    site = build(write_site(tmp_path), tmp_path / "output", PLUGINS=[])
    img = site.soup("2020/01/the-hall/").select_one("img[srcset]")
    assert img["srcset"].startswith("{static}/media/2019/03/hall-300x200.png 300w")


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_a_warm_build_from_the_content_cache_resolves_srcset_as_src(tmp_path, layer):
    """Pelican's content cache pickles what it read (the generator layer: the posts
    themselves); nothing of the plugin's is stored on them, and a warm build's srcset is
    resolved exactly as its src.
    """
    content = write_site(tmp_path)
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
              "CONTENT_CACHING_LAYER": layer, **ON_ITS_OWN}
    cold = build(content, tmp_path / "output", **cached)
    cold_page = cold.file("2020/01/the-hall/").read_bytes()
    assert list((tmp_path / "output-cache").glob("*Generator*"))
    warm = build(content, tmp_path / "output", **cached)
    img = warm.soup("2020/01/the-hall/").select_one("img[srcset]")
    assert candidates(img)[0][0] == img["src"]
    if layer == "reader":
        assert warm.file("2020/01/the-hall/").read_bytes() == cold_page
        assert candidates(img) == [(f"../../../{path}", d) for path, d in EXPECTED]
        assert warm.warnings == []
    # Pelican's own generator-layer warm build leaves every {static} link of a cached post
    # unresolved, src included (it warns "Unable to find"): srcset does the same, no worse.
