"""The right to erasure: "Ask to remove this response" links, requests listed for an editor,
and `invoke remove-response ID`, which takes a response off comments.json, the site, its
feed and its search index while replies to it stay under a placeholder."""

import gzip
import json
import textwrap
from urllib.parse import parse_qs, urlsplit

import pytest
from mail_helpers import ADDRESS, POST, compose, make_site, run_import, write_mbox

from responses.contract import dump_comments
from responses.problems import ResponsesError
from responses.store import CommentsStore
from sitebuild import PUBLISH_SETTINGS, build, normalise, run_invoke
from tasks import index_search

RICK = {"id": "1", "post": POST, "author": "Rick Ladd", "date": "2011-07-21T09:14:00-04:00",
        "content": "Rick’s own words about the sticky wicket."}
SAM = {"id": "3", "post": POST, "parent": "1", "author": "Sam Reply",
       "date": "2011-07-23T09:14:00-04:00", "content": "I agree with that."}
LEE = {"id": "4", "post": POST, "author": "Lee Leaf", "date": "2011-07-24T09:14:00-04:00",
       "content": "Lee’s words, with no replies."}
OTHER = {"id": "2", "post": "second-opinions", "author": "", "date": "2011-07-22T09:14:00-04:00",
         "content": "On the other post."}
GONE = ["Rick Ladd", "Rick’s own words", "Lee Leaf", "Lee’s words"]


def remove(content, response_id):
    return run_invoke("remove-response", response_id, "--content", content)


def search_index_text(output):
    """What Pagefind indexed (as `invoke build` indexes it): its fragments, decompressed."""
    index_search(output)
    return b"".join(gzip.decompress(path.read_bytes())
                    for path in (output / "pagefind" / "fragment").iterdir()).decode()


@pytest.fixture(scope="module")
def removed_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("removal")
    content = make_site(root / "content", [RICK, OTHER, SAM, LEE])
    before = (content / "comments.json").read_text(encoding="utf-8")
    results = [remove(content, "1"), remove(content, "4")]
    site = build(content, root / "output", settings_file=PUBLISH_SETTINGS, fatal="warnings",
                 SITEURL="https://blog.example.org", RESPONSES_EMAIL=ADDRESS)
    return {"content": content, "before": before, "results": results, "site": site,
            "page": site.soup(f"{POST_PAGE}"), "index": search_index_text(site.root)}


POST_PAGE = f"2020/01/{POST}/"


def test_every_response_offers_a_removal_link_naming_its_id(tmp_path):
    content = make_site(tmp_path / "content", [RICK, OTHER, SAM, LEE])
    page = build(content, tmp_path / "output", fatal="errors", RESPONSES_EMAIL=ADDRESS).soup(
        POST_PAGE)
    links = page.select("a.comment-remove-link")
    assert [normalise(link.get_text()) for link in links] == [
        "Ask to remove this response by Rick Ladd", "Ask to remove this response by Sam Reply",
        "Ask to remove this response by Lee Leaf"]
    link = urlsplit(links[0]["href"])
    fields = parse_qs(link.query)
    assert (link.scheme, link.path) == ("mailto", ADDRESS)
    assert fields["subject"] == ["Please remove my response [remove:1]"]
    assert fields["body"][0].startswith("Please remove my response 1 from the blog.\r\n")
    notice = normalise(page.select_one(".respond-notice").get_text(" "))
    assert "link to ask for its removal; an editor answers within 30 days" in notice


def test_the_command_says_what_it_removed_and_keeps_the_other_records(removed_site):
    first, second = removed_site["results"]
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        f"remove-response: removed #comment-1 on {POST} (2011-07-21T09:14:00-04:00, Rick Ladd) "
        f"from {removed_site['content'] / 'comments.json'}; its 1 reply stays under a "
        "placeholder. Commit it; the next build takes it off the site and out of the search "
        "index.\n")
    assert second.returncode == 0 and "removed #comment-4" in second.stdout
    records = json.loads((removed_site["content"] / "comments.json").read_text())["responses"]
    placeholder = {"post": POST, "type": "removed", "author": "", "content": ""}
    assert records == [{"id": "1", **placeholder, "date": RICK["date"]}, OTHER, SAM,
                       {"id": "4", **placeholder, "date": LEE["date"]}]
    # In the importers' layout, so the diff shows only the two records that changed.
    text = (removed_site["content"] / "comments.json").read_text()
    assert text == dump_comments(records)
    for kept in (OTHER, SAM):
        block = textwrap.indent(json.dumps(kept, indent=2, ensure_ascii=False), "    ")
        assert block in removed_site["before"] and block in text


def test_replies_stay_under_a_placeholder_and_a_removed_leaf_is_gone(removed_site):
    page = removed_site["page"]
    placeholder = page.select_one("ol.commentlist > li#comment-1")
    assert placeholder["class"] == ["removed", "depth-1"]
    assert normalise(placeholder.select_one(".comment-removed").get_text()) == \
        "Removed at the author’s request."
    assert placeholder.select_one(".comment-removed")["data-pagefind-ignore"] == "all"
    # Nothing of the response is left: no name, no text, no links to reply or remove.
    assert placeholder.select(":scope > article, :scope > .reply, :scope > footer") == []
    reply = placeholder.select_one("ol.children > li#comment-3")
    assert normalise(reply.select_one(".comment-content").get_text()) == "I agree with that."
    assert page.select_one("#comment-4") is None
    assert [li["id"] for li in page.select("ol.commentlist li")] == ["comment-1", "comment-3"]
    assert normalise(page.select_one("#responses-title").get_text()) == \
        "One Response to “Patients as partners”"


def test_nothing_removed_is_left_on_the_site_in_its_feed_or_search_index(removed_site):
    site = removed_site["site"]
    texts = {str(path): path.read_text(encoding="utf-8", errors="replace")
             for path in site.root.rglob("*") if path.is_file() and "pagefind" not in path.parts}
    texts["search index"] = removed_site["index"]
    assert [(where, gone) for where, text in texts.items() for gone in GONE if gone in text] == []
    # The reply is still found, and the feed still has it.
    assert "I agree with that." in removed_site["index"]
    feed = next(text for where, text in texts.items() if where.endswith(f"{POST}.atom.xml"))
    assert feed.count("<entry>") == 1 and "I agree with that." in feed


def test_removing_twice_or_an_unknown_id_is_one_line_and_changes_nothing(removed_site):
    before = (removed_site["content"] / "comments.json").read_bytes()
    path = removed_site["content"] / "comments.json"
    for response_id, reason in (("1", "response 1 was removed already"),
                                ("999", "no response has the id 999")):
        result = remove(removed_site["content"], response_id)
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == f"remove-response: {path}: {reason}; nothing was changed.\n"
    assert path.read_bytes() == before


def test_an_import_never_brings_a_removed_response_back(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    box = write_mbox(tmp_path / "a.mbox", [compose(f"Re: x [post:{POST}]", "Regretted words.")])
    run_import(capsys, box, content)
    store = CommentsStore(content / "comments.json")
    mailed = store.records()[-1]
    assert store.remove(mailed["id"])["content"] == "Regretted words."
    status, out, _ = run_import(capsys, box, content)
    assert status == 0 and "0 new responses added" in out and "1 already there" in out
    assert store.records()[-1] == {"id": mailed["id"], "post": POST, "type": "removed",
                                   "author": "", "date": mailed["date"], "content": ""}
    # Nor does a re-run of another importer adding the same record through the store.
    result = store.add([mailed], source="the WordPress export export.xml")
    assert (result.added, result.removed) == ([], [mailed])
    assert "Regretted" not in (content / "comments.json").read_text()


def test_a_removal_request_is_listed_never_acted_on(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    before = (content / "comments.json").read_bytes()
    box = write_mbox(tmp_path / "a.mbox", [
        compose("Please remove my response [remove:1]", "Please.", name=None),
        compose("Please remove my response [remove:mail-000000000000]", "Please.", name=None)])
    status, out, err = run_import(capsys, box, content)
    assert (status, err) == (0, "")
    assert out.split("\n", 1)[1] == (
        "Asking to remove a response (2), for an editor to check; nothing was removed:\n"
        "  2026-12-01 10:30  “Please remove my response [remove:1]”: asks to remove #comment-1"
        f" on {POST} (2011-07-21T09:14:00-04:00, Rick Ladd); if its author sent it, run "
        "`invoke remove-response 1`\n"
        "  2026-12-01 10:30  “Please remove my response [remove:mail-000000000000]”: names "
        "response mail-000000000000, which is not in the comments\n")
    assert (content / "comments.json").read_bytes() == before


def test_the_contract_refuses_a_placeholder_that_still_holds_words(tmp_path):
    content = make_site(tmp_path / "content")
    (content / "comments.json").write_text(json.dumps({"version": 1, "responses": [
        {**RICK, "type": "removed"}]}), encoding="utf-8")
    with pytest.raises(ResponsesError) as refused:
        build(content, tmp_path / "output")
    assert str(refused.value).splitlines()[1:] == [
        f"  {content / 'comments.json'}:1: response 1: field 'author' must be \"\"",
        f"  {content / 'comments.json'}:1: response 1: field 'content' must be \"\""]
