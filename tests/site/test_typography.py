"""Typogrify sets real typography in prose and never touches code."""

from sitebuild import build, parse, write_post

PROSE = 'She said "it\'s fine" -- then waited... and left --- quietly.'
CODE = 'print("it\'s -- raw...")'


def test_prose_gets_typography_and_code_does_not(tmp_path):
    content = tmp_path / "content"
    body = f"{PROSE}\n\nInline `{CODE}` here.\n\n    {CODE}\n"
    write_post(content, "typography", body=body, title='A "quoted" title -- with dashes')
    output = build(content, tmp_path / "output", fatal="errors").root
    page = parse(output / "2020/01/typography/index.html")
    paragraphs = page.select(".post-content > p")
    assert paragraphs[0].get_text() == "She said “it’s fine” – then waited… and left —\xa0quietly."
    assert page.select_one(".post-content p code").get_text() == CODE
    assert page.select_one(".post-content pre").get_text().strip() == CODE
    assert page.find("h1").get_text() == "A “quoted” title – with\xa0dashes"
