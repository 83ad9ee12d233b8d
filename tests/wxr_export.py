"""Small WordPress exports (WXR 1.2) written by the tests that need one, item by item.

    path = write_export(tmp_path / "export.xml", [
        post(1, "A post", "<p>Text.</p>", comments=[comment(5, "Ann", "Hello")]),
        page(2, "About", "About us.", post_name="about"),
        attachment(3, "2020/05/chart.png"),
    ])

Every value is written as text (CDATA for bodies), so a test can put anything in it:
line breaks, markup, entities. Dates default to 2020-05-01 12:00 GMT.
"""

from pathlib import Path
from xml.sax.saxutils import escape

SITE = "https://old.example"
UPLOADS = f"{SITE}/wp-content/uploads"


def _cdata(text):
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def comment(comment_id, author, content, *, parent="0", approved="1", comment_type="",
            date="2020-05-02 12:00:00", url=""):
    return {"comment_id": comment_id, "comment_author": author, "comment_content": content,
            "comment_parent": parent, "comment_approved": approved,
            "comment_type": comment_type, "comment_date_gmt": date,
            "comment_author_url": url}


def item(post_id, title, content="", *, post_type="post", status="publish", post_name=None,
         date="2020-05-01 12:00:00", link=None, guid=None, comments=(), meta=None,
         categories=(), tags=(), excerpt="", creator="admin", parent="0",
         attachment_url=""):
    post_name = f"item-{post_id}" if post_name is None else post_name
    return {
        "post_id": post_id, "title": title, "content": content, "post_type": post_type,
        "status": status, "post_name": post_name, "post_date_gmt": date,
        "link": f"{SITE}/?p={post_id}" if link is None else link,
        "guid": f"{SITE}/?p={post_id}" if guid is None else guid,
        "comments": list(comments), "meta": dict(meta or {}), "categories": list(categories),
        "tags": list(tags), "excerpt": excerpt, "creator": creator, "post_parent": parent,
        "attachment_url": attachment_url,
    }


def post(post_id, title, content="", **fields):
    return item(post_id, title, content, **fields)


def page(post_id, title, content="", **fields):
    return item(post_id, title, content, post_type="page", **fields)


def attachment(post_id, relative, *, alt="", title=None, parent="0", url=None):
    """An attachment of the file `relative` in the uploads folder."""
    meta = {"_wp_attached_file": relative}
    if alt:
        meta["_wp_attachment_image_alt"] = alt
    return item(post_id, relative.rsplit("/", 1)[-1] if title is None else title,
                post_type="attachment", status="inherit", parent=parent, meta=meta,
                attachment_url=url or f"{UPLOADS}/{relative}", post_name=f"file-{post_id}")


def _item_xml(fields):
    terms = "".join(
        f'<category domain="{domain}" nicename="{escape(name.lower())}">{_cdata(name)}'
        "</category>"
        for domain, names in (("category", fields["categories"]), ("post_tag", fields["tags"]))
        for name in names)
    meta = "".join(f"<wp:postmeta><wp:meta_key>{escape(key)}</wp:meta_key>"
                   f"<wp:meta_value>{_cdata(value)}</wp:meta_value></wp:postmeta>"
                   for key, value in fields["meta"].items())
    comments = "".join(
        "<wp:comment>" + "".join(f"<wp:{name}>{_cdata(value)}</wp:{name}>"
                                 for name, value in each.items()) + "</wp:comment>"
        for each in fields["comments"])
    attachment_url = (f"<wp:attachment_url>{_cdata(fields['attachment_url'])}"
                      "</wp:attachment_url>" if fields["attachment_url"] else "")
    return (
        f"<item><title>{_cdata(fields['title'])}</title><link>{escape(fields['link'])}</link>"
        f'<guid isPermaLink="false">{_cdata(fields["guid"])}</guid>'
        f"<dc:creator>{_cdata(fields['creator'])}</dc:creator>"
        f"<content:encoded>{_cdata(fields['content'])}</content:encoded>"
        f"<excerpt:encoded>{_cdata(fields['excerpt'])}</excerpt:encoded>"
        f"<wp:post_id>{fields['post_id']}</wp:post_id>"
        f"<wp:post_date_gmt>{_cdata(fields['post_date_gmt'])}</wp:post_date_gmt>"
        f"<wp:post_name>{_cdata(fields['post_name'])}</wp:post_name>"
        f"<wp:status>{_cdata(fields['status'])}</wp:status>"
        f"<wp:post_parent>{fields['post_parent']}</wp:post_parent>"
        f"<wp:post_type>{_cdata(fields['post_type'])}</wp:post_type>"
        f"{attachment_url}{terms}{meta}{comments}</item>\n"
    )


def export_text(items, site=SITE, authors=(("admin", "Ann Admin"),)):
    authors_xml = "".join(
        f"<wp:author><wp:author_login>{_cdata(login)}</wp:author_login>"
        f"<wp:author_display_name>{_cdata(name)}</wp:author_display_name></wp:author>"
        for login, name in authors)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        f"<title>Old site</title><link>{escape(site)}</link>"
        f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{escape(site)}"
        f"</wp:base_site_url><wp:base_blog_url>{escape(site)}</wp:base_blog_url>\n"
        f"{authors_xml}\n" + "".join(_item_xml(each) for each in items)
        + "</channel>\n</rss>\n"
    )


def write_export(path, items, **options):
    path = Path(path)
    path.write_text(export_text(items, **options), encoding="utf-8")
    return path
