"""Door 2, addresses: a post's or page's Slug, Save_as, Url, Lang and Template name a place in
this site, never one outside it or one the site writes itself; so do Redirect_from and the
names of categories, tags and authors.

Each case builds a small site of its own with one hostile post or page, as `invoke build`
(local settings, --fatal errors) and as `invoke check` (publish settings, --fatal warnings),
and asserts the one line each prints and that nothing was written.
"""

import shutil

import pytest

from hostile.hostile_helpers import run, written
from sitebuild import REPO_ROOT, write_files, write_page, write_post

MODES = ["build", "check"]
POST_SLUG = ("Slug {value} {reason}; a slug is one part of an address: letters, digits and "
             "hyphens, e.g. 'my-post'")
SAVE_AS = "Save_as {value} {reason}; write an address in this site, e.g. 'my-page/index.html', " \
          "or delete the line"
TAKEN_SAVE_AS = "Save_as {value} is {owner}; give the {kind} another Save_as, or delete the line"
TAKEN_SLUG = "Slug {value} makes its address {address}, which is {owner}; give it another Slug"
URL = "Url {value} {reason}; write an address in this site, e.g. 'my-page/', or delete the line"
LANG = "Lang {value} is not a language tag; write one such as 'en' or 'pt-BR'"
TEMPLATE = "Template {value} {reason}; write a template's name, e.g. 'page'"
REDIRECT = "Redirect_from {value} would replace {owner} ({address}); delete it from the line"


def small_site(root):
    """A post in 2020/01 (category general, tag health, author Ann Editor, an old address),
    an About page, an image and the favicon: every kind of address the site writes."""
    content = root / "content"
    write_post(content, "good", tags="health", author="Ann Editor",
               redirect_from="/old/")
    write_page(content, "about")
    write_files(content, {"images/chart.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    (content / "extra").mkdir()
    shutil.copy(REPO_ROOT / "tests/theme/content/extra/favicon.ico", content / "extra")
    return content


def write_victim(content, folder, metadata):
    """The hostile post (or page) "victim"; its Slug: line (line 4, or 2 for a page) holds
    metadata["slug"] when there is one."""
    write = write_page if folder == "pages" else write_post
    path = write(content, "victim", **{k: v for k, v in metadata.items() if k != "slug"})
    if "slug" in metadata:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Slug: victim\n", f"Slug: {metadata['slug']}\n"),
                        encoding="utf-8")
    return path


def case(folder, metadata, line, message, modes=MODES):
    return {"folder": folder, "metadata": metadata, "line": line, "message": message,
            "modes": modes}


def post_slug(value, reason, shown=None):
    return case("posts", {"slug": value}, 4, POST_SLUG.format(value=shown or f"'{value}'",
                                                              reason=reason))


def page_slug(value, address, owner):
    return case("pages", {"slug": value}, 2, TAKEN_SLUG.format(
        value=f"'{value}'", address=address, owner=owner))


def save_as_taken(value, owner, modes=MODES):
    return case("posts", {"save_as": value}, 5, TAKEN_SAVE_AS.format(
        value=f"'{value}'", owner=owner, kind="post"), modes)


def save_as_shape(value, reason, shown=None, modes=MODES):
    return case("posts", {"save_as": value}, 5, SAVE_AS.format(
        value=shown or f"'{value}'", reason=reason), modes)


def url_shape(value, reason, shown=None):
    return case("posts", {"url": value}, 5, URL.format(value=shown or f"'{value}'",
                                                       reason=reason))


def lang(value, shown=None):
    return case("posts", {"lang": value}, 5, LANG.format(value=shown or f"'{value}'"))


def template(value, reason, shown=None):
    return case("posts", {"template": value}, 5, TEMPLATE.format(value=shown or f"'{value}'",
                                                                  reason=reason))


def redirect(value, owner, address, modes=MODES):
    return case("posts", {"redirect_from": value}, 5, REDIRECT.format(
        value=f"'{value}'", owner=owner, address=address), modes)


YEAR, MONTH = "a year's archive", "a month's archive"
CATEGORY = "the listing of category 'general'"
HOME_LATER = "a later page of the home page"
THEME = "inside theme/, the folder of the theme's own files"
SEARCH_INDEX = "inside pagefind/, the folder of the search index"
CONTROL = "holds a control character (U+{:04X})"

CASES = {
    # Slugs that are not one part of an address.
    "Slug ../..": post_slug("../..", "holds '/'"),
    "Slug ../../etc": post_slug("../../etc", "holds '/'"),
    "Slug a/b": post_slug("a/b", "holds '/'"),
    "Slug x/../../y": post_slug("x/../../y", "holds '/'"),
    "Slug ..": post_slug("..", "starts with '.'"),
    "Slug .": post_slug(".", "starts with '.'"),
    "Slug .git": post_slug(".git", "starts with '.'"),
    "Slug %2e%2e": post_slug("%2e%2e", "starts with '.'"),
    "Slug with a bell": post_slug("a\x07b", CONTROL.format(7), "'a\\u0007b'"),
    "Slug with a no-break space": post_slug("a\xa0b", "holds white space (U+00A0)"),
    "Slug with a right-to-left override": post_slug(
        "\u202egnp.evil", CONTROL.format(0x202E), "'\\u202egnp.evil'"),
    "Slug with a backslash": post_slug("a\\b", "holds '\\'"),
    "Slug with a space": post_slug("a b", "holds white space (U+0020)"),
    "Slug with ?": post_slug("a?b", "holds '?'"),
    "Slug with #": post_slug("a#b", "holds '#'"),
    "Slug with markup": post_slug('x"><script>alert(1)</script>', "holds '\"'"),
    # A page's slug that takes an address the site writes.
    "page Slug search": page_slug("search", "search/index.html", "the search page"),
    "page Slug archives": page_slug("archives", "archives/index.html", "the archives page"),
    "page Slug categories": page_slug("categories", "categories/index.html",
                                      "the list of categories"),
    "page Slug tags": page_slug("tags", "tags/index.html", "the list of tags"),
    "page Slug authors": page_slug("authors", "authors/index.html", "the list of authors"),
    "page Slug 2020 (a year with posts)": page_slug("2020", "2020/index.html", YEAR),
    "page Slug 2031 (a year still to come)": page_slug("2031", "2031/index.html", YEAR),
    "page Slug theme": page_slug("theme", "theme/index.html", THEME),
    "page Slug pagefind": page_slug("pagefind", "pagefind/index.html", SEARCH_INDEX),
    "page Slug admin": page_slug("admin", "admin/index.html",
                                 "inside admin/, the folder of the CMS (/admin/)"),
    # Save_as onto a page the site writes itself.
    "Save_as the home page": save_as_taken("index.html", "the home page"),
    "Save_as the search page": save_as_taken("search/index.html", "the search page"),
    "Save_as the 404 page": save_as_taken("404.html", "the page-not-found page"),
    "Save_as the archives": save_as_taken("archives/index.html", "the archives page"),
    "Save_as the categories": save_as_taken("categories/index.html", "the list of categories"),
    "Save_as the tags": save_as_taken("tags/index.html", "the list of tags"),
    "Save_as the authors": save_as_taken("authors/index.html", "the list of authors"),
    "Save_as a category": save_as_taken("category/general/index.html", CATEGORY),
    "Save_as a tag": save_as_taken("tag/health/index.html", "the listing of tag 'health'"),
    "Save_as an author": save_as_taken("author/ann-editor/index.html",
                                       "the listing of author 'Ann Editor'"),
    "Save_as a year": save_as_taken("2020/index.html", YEAR),
    "Save_as a month": save_as_taken("2020/01/index.html", MONTH),
    "Save_as a year still to come": save_as_taken("2031/index.html", YEAR),
    "Save_as a month still to come": save_as_taken("2031/05/index.html", MONTH),
    "Save_as page 2 of the home page": save_as_taken("page/2/index.html", HOME_LATER),
    "Save_as page 9 of the home page": save_as_taken("page/9/index.html", HOME_LATER),
    "Save_as page 2 of a category": save_as_taken("category/general/page/2/index.html",
                                                  f"a later page of {CATEGORY}"),
    "Save_as page 3 of a tag": save_as_taken("tag/health/page/3/index.html",
                                             "a later page of the listing of tag 'health'"),
    "Save_as the sitemap": save_as_taken("sitemap.xml", "the sitemap"),
    "Save_as robots.txt": save_as_taken("robots.txt", "the robots.txt file"),
    "Save_as the favicon": save_as_taken("favicon.ico", "the static file extra/favicon.ico"),
    "Save_as an image": save_as_taken("images/chart.svg", "the static file images/chart.svg"),
    "Save_as in the theme's folder": save_as_taken("theme/css/site.html", THEME),
    "Save_as in the search index": save_as_taken("pagefind/index.html", SEARCH_INDEX),
    "Save_as the feed": save_as_taken("feeds/all.atom.xml", "the feed feeds/all.atom.xml",
                                      ["check"]),
    "Save_as a category's feed": save_as_taken("feeds/category/general.atom.xml",
                                               "the feed of category 'general'", ["check"]),
    "Save_as a post's responses feed": save_as_taken("feeds/responses/good.atom.xml",
                                                     "a feed of responses", ["check"]),
    "Save_as the feed (no feeds locally)": save_as_shape("feeds/all.atom.xml",
                                                         "is not an .html file", None,
                                                         ["build"]),
    # Save_as that is no path in the site.
    "Save_as ../escape.html": save_as_shape("../escape.html", "holds the part '..'"),
    "Save_as ../output-sibling/x.html": save_as_shape("../output-sibling/x.html",
                                                      "holds the part '..'"),
    "Save_as an absolute path": save_as_shape(
        "/tmp/hostile-absolute.html",
        "starts with '/' (addresses here are relative to the site, e.g. 'about/')"),
    "Save_as with a backslash": save_as_shape("a\\b.html", "holds '\\'"),
    "Save_as with a control character": save_as_shape("a\x01.html", CONTROL.format(1),
                                                      "'a\\u0001.html'"),
    "Save_as x/./y.html": save_as_shape("x/./y.html", "holds the part '.'"),
    "Save_as %2e%2e/x.html": save_as_shape("%2e%2e/x.html", "holds the part '%2e%2e'"),
    "Save_as a hidden folder": save_as_shape(".git/index.html", "holds a hidden name '.git'"),
    "Save_as a//b.html": save_as_shape("a//b.html", "holds '//'"),
    "Save_as a folder": save_as_shape("folder/",
                                      "names a folder, not a file (end it with index.html)"),
    "Save_as not HTML": save_as_shape("page.svg", "is not an .html file"),
    "Save_as with ?": save_as_shape("x.html?y", "holds '?'"),
    # Url that leads elsewhere, or to no page at all.
    "Url another site": url_shape("https://evil.example/", "leads to another site"),
    "Url //another site": url_shape("//evil.example/", "leads to another site"),
    "Url javascript:": url_shape("javascript:alert(1)", "leads to another site"),
    "Url data:": url_shape("data:text/html,hi", "leads to another site"),
    "Url ../../x/": url_shape("../../x/", "holds the part '..'"),
    "Url %2e%2e/x/": url_shape("%2e%2e/x/", "holds the part '%2e%2e'"),
    "Url /abs/": url_shape("/abs/", "starts with '/' (addresses here are relative to the "
                                    "site, e.g. 'about/')"),
    "Url with a control character": url_shape("a\x01b/", CONTROL.format(1), "'a\\u0001b/'"),
    "Url with ?": url_shape("x/?q=1", "holds '?'"),
    "Url without its Save_as": case("posts", {"url": "elsewhere/"}, 5,
                                    "Url 'elsewhere/' does not lead to this page, which is "
                                    "written at 2020/01/victim/index.html; give it 'Save_as: "
                                    "elsewhere/index.html' too, or delete Url"),
    "Url the home page": case("posts", {"url": ""}, 5,
                              "Url '' leads to the home page (index.html); give the page an "
                              "address of its own, or delete the line"),
    "Url the search page": case("posts", {"url": "search/"}, 5,
                                "Url 'search/' leads to the search page (search/index.html); "
                                "give the page an address of its own, or delete the line"),
    "Save_as without its Url": case("posts", {"save_as": "elsewhere/index.html"}, 5,
                                    "Save_as 'elsewhere/index.html' is not where its address "
                                    "2020/01/victim/ leads; give it 'Url: elsewhere/' too, or "
                                    "delete Save_as"),
    # Lang that is no language tag (it makes the address of a translation).
    "Lang ../..": lang("../.."),
    "Lang en/../../x": lang("en/../../x"),
    "Lang with a control character": lang("en\x01", "'en\\u0001'"),
    "Lang with markup": lang('"><script>alert(1)</script>'),
    "Lang en us": lang("en us"),
    "Lang en_US": lang("en_US"),
    # Template that is no template of the theme.
    "Template ../../../etc/passwd": template("../../../etc/passwd", "holds '/'"),
    "Template partials/responses": template("partials/responses", "holds '/'"),
    "Template !simple/article": template("!simple/article", "holds '/'"),
    "Template with a control character": template("base\x01", CONTROL.format(1),
                                                  "'base\\u0001'"),
    "Template .hidden": template(".hidden", "starts with '.'"),
    "Template page.html": template("page.html", "is not a template's name"),
    "Template nonexistent": case("posts", {"template": "nonexistent"}, 5,
                                 "Template 'nonexistent' is not one of the theme's templates; "
                                 "write one it has, e.g. 'page', or delete the line"),
    # Names with no address of their own.
    "Category ..": case("posts", {"category": ".."}, 3, "Category '..' has no letter or digit "
                        "to make its address from; rename it"),
    "Category <>": case("posts", {"category": "<>"}, 3, "Category '<>' has no letter or digit "
                        "to make its address from; rename it"),
    "Tags //": case("posts", {"tags": "//"}, 5, "Tag '//' has no letter or digit to make its "
                    "address from; rename it"),
    "Author ...": case("posts", {"author": "..."}, 5, "Author '...' has no letter or digit to "
                       "make its address from; rename it"),
    # A redirect page over one the site writes.
    "Redirect_from the home page": redirect("/index.html", "the home page", "index.html"),
    "Redirect_from the search page": redirect("/search/", "the search page",
                                              "search/index.html"),
    "Redirect_from the sitemap": redirect("/sitemap.xml", "the sitemap", "sitemap.xml"),
    "Redirect_from robots.txt": redirect("/robots.txt", "the robots.txt file", "robots.txt"),
    "Redirect_from a year": redirect("/2020/", YEAR, "2020/index.html"),
    "Redirect_from a category": redirect("/category/general/", CATEGORY,
                                         "category/general/index.html"),
    "Redirect_from the theme's folder": redirect("/theme/css/site.css", THEME,
                                                 "theme/css/site.css"),
    "Redirect_from the feed": redirect("/feeds/all.atom.xml", "the feed feeds/all.atom.xml",
                                       "feeds/all.atom.xml", ["check"]),
}
ITEMS = [(name, mode) for name, spec in CASES.items() for mode in spec["modes"]]


@pytest.mark.parametrize("name,mode", ITEMS, ids=[f"{n}-{m}" for n, m in ITEMS])
def test_an_address_out_of_the_site_or_onto_its_own_pages_is_refused(tmp_path, name, mode):
    spec = CASES[name]
    content = small_site(tmp_path)
    path = write_victim(content, spec["folder"], spec["metadata"])
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    assert lines == [f"{path}:{spec['line']}: {spec['message']}"]
    assert written(output) == []


# Cases whose line names the other post: (the victim's metadata, the line, given the victim's
# path and the other post's).
ANOTHER_POST = {
    "a Save_as onto another post": (
        {"save_as": "2020/01/good/index.html", "url": "2020/01/good/"},
        lambda victim, good: f"{victim}:5: Save_as '2020/01/good/index.html' is the address of "
                             f"the post {good}; give the post another Save_as, or delete the "
                             "line"),
    "a Redirect_from over another post": (
        {"redirect_from": "/2020/01/good/"},
        lambda victim, good: f"{victim}:5: Redirect_from '/2020/01/good/' would replace the "
                             f"post {good} (2020/01/good/index.html); delete it from the line"),
    # A real page keeps its address: the redirect that would replace it is the one refused.
    "a page at an address another post redirects from": (
        {"save_as": "old/index.html", "url": "old/"},
        lambda victim, good: f"{good}:7: Redirect_from '/old/' would replace the post {victim} "
                             "(old/index.html); delete it from the line"),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", ANOTHER_POST, ids=list(ANOTHER_POST))
def test_an_address_of_another_post_is_refused_naming_both(tmp_path, case, mode):
    metadata, expected = ANOTHER_POST[case]
    content = small_site(tmp_path)
    victim = write_post(content, "victim", **metadata)
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    assert lines == [expected(victim, content / "posts" / "good.md")]
    assert written(output) == []


@pytest.mark.parametrize("mode", MODES)
def test_a_translation_with_a_hostile_lang_is_refused(tmp_path, mode):
    content = small_site(tmp_path)
    translation = write_victim(content, "posts", {"slug": "good", "lang": "../../x"})
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    assert lines == [f"{translation}:5: " + LANG.format(value="'../../x'")]
    assert written(output) == []


@pytest.mark.parametrize("mode", MODES)
def test_control_addresses_of_the_sites_own_making_pass(tmp_path, mode):
    content = small_site(tmp_path)
    write_post(content, "moved", url="elsewhere/moved/", save_as="elsewhere/moved/index.html")
    write_page(content, "page", template="page")
    write_victim(content, "posts", {"slug": "good", "lang": "pt-BR"})
    write_post(content, "page", date="2020-02-01 10:00")
    report, lines = run(content, tmp_path / "output", mode)
    assert (report.failed, lines) == (False, [])
