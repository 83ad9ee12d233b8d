"""plugins/site_facts.py: the plugins see every one of Pelican's content lists.

A local build (drafts written) of an article and a page in each status, published, hidden and
draft, each with a French translation: twelve pages, one in each of Pelican's lists, and each
shows its featured image (plugins/featured_image once missed draft translations of pages).
"""

from media_helpers import picture

from sitebuild import LOCAL_SETTINGS, build, write_files, write_page, write_post

STATUSES = ("published", "hidden", "draft")


def test_every_article_and_page_of_every_list_gets_its_featured_image(tmp_path):
    content = tmp_path / "content"
    write_files(content, {"images/plan.png": picture((14, 107, 94, 200), (40, 30))})
    image = {"image": "{static}/images/plan.png", "image_alt": "The plan"}
    for status in STATUSES:
        for lang in ("en", "fr"):
            slug = f"{status}-item"
            write_post(content, slug, f"An article, {lang}.", status=status, lang=lang,
                       date="2020-01-15 10:00", **image)
            (content / "posts" / f"{slug}.md").rename(content / "posts" / f"{slug}-{lang}.md")
            write_page(content, slug, f"A page, {lang}.", status=status, lang=lang, **image)
            (content / "pages" / f"{slug}.md").rename(content / "pages" / f"{slug}-{lang}.md")
    site = build(content, tmp_path / "output", settings_file=LOCAL_SETTINGS, fatal="warnings")
    pages = {
        "published": ["2020/01/published-item/", "2020/01/published-item/fr/",
                      "published-item/", "published-item/fr/"],
        "hidden": ["2020/01/hidden-item/", "2020/01/hidden-item/fr/",
                   "hidden-item/", "hidden-item/fr/"],
        "draft": ["drafts/draft-item/", "drafts/draft-item/fr/",
                  "drafts/pages/draft-item/", "drafts/pages/draft-item/fr/"],
    }
    for status, paths in pages.items():
        for path in paths:
            figure = site.soup(path).select(".featured-image img")
            assert [img["alt"] for img in figure] == ["The plan"], (status, path)
            # The picture's copy of plan.png (plugins/images), relative to this page.
            prefix = "../" * path.count("/") + "images/plan."
            assert figure[0]["src"].startswith(prefix), (status, path, figure[0]["src"])
            assert (site.root / path / figure[0]["src"]).resolve().is_file(), (status, path)
