"""`invoke new-post` scaffolds a post authors can fill in, and never overwrites one."""

import subprocess
import sys

import pytest

import tasks
from sitebuild import REPO_ROOT, build, run_invoke


def test_new_post_writes_the_metadata_skeleton(tmp_path):
    path = tasks.create_post("Patients as partners: a primer", date="2026-11-25 09:30",
                             posts_path=tmp_path / "content/posts")
    assert path == tmp_path / "content/posts/2026/patients-as-partners-a-primer.md"
    assert path.read_text(encoding="utf-8") == (
        "Title: Patients as partners: a primer\n"
        "Date: 2026-11-25 09:30\n"
        "Author: Society for Participatory Medicine\n"
        "Category: general\n"
        "Tags:\n"
        "Slug: patients-as-partners-a-primer\n"
        "Status: draft\n"
        "\n"
        "Write the post here, in Markdown.\n"
    )
    # The skeleton builds as it is: a draft, visible locally.
    output = build(tmp_path / "content", tmp_path / "output", fatal="errors").root
    assert (output / "drafts/patients-as-partners-a-primer/index.html").is_file()


def test_new_post_refuses_to_overwrite(tmp_path):
    posts = tmp_path / "content/posts"
    path = tasks.create_post("Second thoughts", date="2026-11-25 09:30", posts_path=posts)
    path.write_text("An author's words.")
    with pytest.raises(SystemExit, match="already exists"):
        tasks.create_post("Second thoughts", date="2026-11-26 10:00", posts_path=posts)
    assert path.read_text() == "An author's words."


def test_new_post_task_uses_todays_date(tmp_path, monkeypatch):
    monkeypatch.setitem(tasks.CONFIG, "posts_path", str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c",
         "import sys, tasks, invoke; tasks.CONFIG['posts_path'] = sys.argv[1];"
         "tasks.new_post(invoke.Context(), 'Hello, readers')", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    written = list(tmp_path.rglob("*.md"))
    assert [p.name for p in written] == ["hello-readers.md"]
    assert written[0].parent.name == __import__("datetime").date.today().strftime("%Y")
    assert str(written[0]) in result.stdout


def test_a_long_title_makes_a_slug_cut_at_a_word(tmp_path):
    title = ("What patients, caregivers and clinicians told us about sharing visit notes "
             "online, and what we will do next with everything they said") * 3
    path = tasks.create_post(title, date="2026-11-25 09:30", posts_path=tmp_path)
    slug = path.stem
    assert slug == "what-patients-caregivers-and-clinicians-told-us-about"
    assert len(slug) <= 60 and not slug.endswith("-")
    assert f"Title: {title}\n" in path.read_text(encoding="utf-8")
    # The whole title is kept; the post builds with its short address.
    output = build(tmp_path, tmp_path / "output", fatal="errors", ARTICLE_PATHS=["2026"]).root
    assert (output / f"drafts/{slug}/index.html").is_file()


def test_a_long_word_is_cut_too(tmp_path):
    path = tasks.create_post("x" * 379, date="2026-11-25 09:30", posts_path=tmp_path)
    assert path.stem == "x" * 60


@pytest.mark.parametrize("title", ["!!! ??? ***", "   ", "—"])
def test_a_title_without_letters_is_refused_with_advice(tmp_path, title):
    with pytest.raises(SystemExit) as refused:
        tasks.create_post(title, date="2026-11-25 09:30", posts_path=tmp_path)
    assert str(refused.value).startswith("new-post: the title")
    assert list(tmp_path.iterdir()) == []


def test_a_slug_can_be_given(tmp_path):
    path = tasks.create_post("???", date="2026-11-25 09:30", posts_path=tmp_path,
                             slug="Questions & Answers")
    assert path.name == "questions-answers.md"


def test_new_post_help_shows_the_options_and_writes_nothing(tmp_path):
    for flag in ("--help", "-h"):
        result = run_invoke("new-post", flag)
        assert result.returncode == 0, result.stderr
        assert "Usage: inv[oke] [--core-opts] new-post" in result.stdout
        assert "--title=STRING" in result.stdout and "--slug=STRING" in result.stdout
    assert not list((REPO_ROOT / "content" / "posts").rglob("help.md"))
    assert not list((REPO_ROOT / "content" / "posts").rglob("h.md"))
