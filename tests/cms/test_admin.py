"""/admin/ as every build writes it: Decap's config.yml made from the settings and the content,
the page that loads the vendored app, and what it says when nothing is set up."""

import json

import pytest
import yaml
from cms_testing import read
from pagecheck import nu_html_errors

from sitebuild import PUBLISH_SETTINGS, build, copy_fixture_content, parse, write_post
from tools.cms.vendor import BUNDLE, VENDOR_PATH

LOCAL_API = "http://127.0.0.1:8081/api/v1"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    content = copy_fixture_content(tmp_path_factory.mktemp("cms-admin") / "content")
    write_post(content, "a-draft", category="Caregiving, ethics", status="draft")
    return content


def config_of(site):
    return yaml.safe_load(read(site.root / "admin/config.yml"))


def settings_of(site):
    return json.loads(site.soup("admin/").select_one("#pelican-cms-settings").string)


def test_the_local_backend_config_follows_the_settings_and_the_content(content, tmp_path):
    site = build(content, tmp_path / "output", fatal="warnings",
                 DECAP_CMS_LOCAL_BACKEND=LOCAL_API)
    config = config_of(site)
    # The content folder as Decap sees it: relative to the repository holding it (here none,
    # so the folder above the content).
    assert config["backend"] == {"name": "proxy", "proxy_url": LOCAL_API}
    assert config["local_backend"] == {"url": LOCAL_API,
                                       "allowed_hosts": ["127.0.0.1", "localhost"]}
    assert config["publish_mode"] == "editorial_workflow"
    assert (config["media_folder"], config["public_folder"]) == ("content/images",
                                                                 "{static}/images")
    posts, pages = config["collections"]
    assert (posts["folder"], posts["path"], posts["format"], posts["extension"]) == (
        "content/posts", "{{year_folder}}/{{slug}}", "pelican", "md")
    assert (posts["media_folder"], posts["public_folder"]) == ("/content/images",
                                                               "{static}/images")
    assert (pages["folder"], pages["path"]) == ("content/pages", "{{slug}}")
    fields = {field["name"]: field for field in posts["fields"]}
    assert list(fields) == ["title", "date", "author", "categories", "new_categories", "tags",
                            "summary", "pinned", "image", "image_alt", "status", "body"]
    # The seed post's six categories and the draft's new one, and the default category.
    assert fields["categories"]["options"] == [
        "Caregiving", "ethics", "found on the net", "general", "JoPM", "net-friendly docs",
        "social media"]
    assert fields["author"]["default"] == "Society for Participatory Medicine"
    assert "New York time" in fields["date"]["hint"]
    assert [option["value"] for option in fields["status"]["options"]] == [
        "published", "draft", "hidden"]
    assert [field["name"] for field in pages["fields"]] == [
        "title", "summary", "image", "image_alt", "status", "body"]


def test_the_page_loads_the_vendored_app_and_tells_it_the_site(content, tmp_path):
    site = build(content, tmp_path / "output", fatal="warnings",
                 DECAP_CMS_LOCAL_BACKEND=LOCAL_API)
    page = site.soup("admin/")
    assert page.html["data-preview-reload"] == "off"
    assert [script["src"] for script in page.select("script[src]")] == [
        "../theme/pelican-cms.js", "../theme/decap-cms/decap-cms.js"]
    for script in page.select("script[src]"):
        assert (site.root / "admin" / script["src"]).resolve().is_file()
    assert (site.root / "theme/decap-cms" / BUNDLE).read_bytes() == (
        VENDOR_PATH / BUNDLE).read_bytes()
    settings = settings_of(site)
    assert settings["timezone"] == "America/New_York"
    assert settings["slugs"] == {
        "posts": ["a-draft", "social-media-patients-and-physicians-a-sticky-wicket"],
        "pages": ["about"]}
    assert settings["dateFormat"] == "%B %-d, %Y"
    # The preview pane's stylesheet is the site's own.
    assert (site.root / "admin" / settings["stylesheet"]).resolve() == (
        site.root / "theme/css/site.css")
    assert nu_html_errors(site.root, "admin/index.html") == []


def test_the_published_site_signs_in_to_github_through_the_oauth_proxy(content, tmp_path):
    site = build(content, tmp_path / "output", settings_file=PUBLISH_SETTINGS,
                 fatal="warnings", SITEURL="https://blog.example.org",
                 DECAP_CMS_REPO="society/blog", DECAP_CMS_AUTH_URL="https://auth.example.org")
    config = config_of(site)
    assert config["backend"] == {
        "name": "github", "repo": "society/blog", "branch": "main",
        "base_url": "https://auth.example.org", "auth_endpoint": "auth", "squash_merges": True}
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
    assert config["site_url"] == config["display_url"] == "https://blog.example.org"
    # Drafts are not published, but their categories are offered all the same.
    assert "Caregiving" in config["collections"][0]["fields"][3]["options"]
    assert settings_of(site)["stylesheet"] == "../theme/css/site.css"


def test_without_a_backend_the_page_says_it_is_not_set_up(content, tmp_path):
    site = build(content, tmp_path / "output", settings_file=PUBLISH_SETTINGS,
                 fatal="warnings", SITEURL="https://blog.example.org", DECAP_CMS_REPO="",
                 DECAP_CMS_AUTH_URL="")
    page = parse(site.file("admin/"))
    assert page.select("script") == []
    assert page.h1.get_text() == "Writing in the browser is not set up on this site yet"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"


def test_the_admin_page_is_no_page_of_the_theme(content, tmp_path):
    site = build(content, tmp_path / "output", fatal="warnings")
    assert "admin/index.html" not in site.html_paths()
    assert (site.root / "admin/index.html").is_file()
