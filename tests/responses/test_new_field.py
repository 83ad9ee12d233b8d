"""A response field added to the schema needs no other code on the way from an importer to the
page: the schema, the importer that fills the field and the template are all that change.

In a copy of the project, an optional ``via`` field is added to comments.schema.json and shown
by partials/responses.html; a record made with ``make_record(..., via="e-mail")`` is written
through the comments store and built with the ``pelican`` command. Nothing else is edited.
"""

import json
import subprocess
import sys

from bs4 import BeautifulSoup

from sitebuild import copy_project, write_post

WRITE = """
import sys
sys.path.insert(0, "plugins")
from responses.contract import make_record
from responses.store import CommentsStore
CommentsStore("content/comments.json").create([make_record(
    id="1", post="a-post", author="A reader", date="2026-11-30", content="Thanks.",
    via="e-mail")])
"""


def test_an_optional_field_added_to_the_schema_reaches_the_page(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-post", date="2020-01-15 10:00")
    project = copy_project(tmp_path / "project", content)
    schema_path = project / "plugins" / "responses" / "comments.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["$defs"]["response"]["properties"]["via"] = {"type": "string"}
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    template = project / "theme" / "templates" / "partials" / "responses.html"
    says = '<span class="says">says:</span>'
    text = template.read_text(encoding="utf-8")
    assert says in text
    template.write_text(text.replace(
        says, says + '{% if response.via %} <span class="via">({{ response.via }})</span>'
        '{% endif %}'), encoding="utf-8")

    for command in (["-c", WRITE], ["-m", "pelican", "-s", "pelicanconf.py", "--fatal",
                                    "errors", "-o", "output"]):
        run = subprocess.run([sys.executable, *command], cwd=project, capture_output=True,
                             text=True, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
    written = json.loads((project / "content" / "comments.json").read_text(encoding="utf-8"))
    assert written["responses"][0]["via"] == "e-mail"
    page = project / "output" / "2020" / "01" / "a-post" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    assert [span.get_text() for span in soup.select("#comment-1 .via")] == ["(e-mail)"]
