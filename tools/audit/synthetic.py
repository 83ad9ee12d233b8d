"""Write a synthetic WordPress export of any size, to measure the audit at archive scale.

    python -m tools.audit.synthetic --posts 2000 --responses 8000 /tmp/big.xml

Posts with threaded comments, pingbacks, spam and pending comments (with commenters'
e-mail and IP addresses), a few pages, drafts and private posts, and attachments.
"""

import argparse
import random
from xml.sax.saxutils import escape

WORDS = [
    "patients", "clinicians", "partners", "care", "record", "portal", "question", "answer",
    "study", "trial", "evidence", "shared", "decision", "access", "data", "society",
    "medicine", "health", "nurse", "family",
]


def _text(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."


def _cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _comment(rng, comment_id, parent, approved="1", kind="comment"):
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
        f"<wp:comment_author>{_cdata('Reader ' + str(comment_id))}</wp:comment_author>"
        f"<wp:comment_author_email>reader{comment_id}@commenters.example"
        "</wp:comment_author_email>"
        f"<wp:comment_author_IP>198.51.{comment_id // 250 % 250}.{comment_id % 250}"
        "</wp:comment_author_IP>"
        f"<wp:comment_date>2012-01-01 10:00:{comment_id % 60:02d}</wp:comment_date>"
        f"<wp:comment_content>{_cdata(_text(rng, 30) + chr(10) * 2 + _text(rng, 20))}"
        "</wp:comment_content>"
        f"<wp:comment_approved>{approved}</wp:comment_approved>"
        f"<wp:comment_type>{kind}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def write_export(path, posts=2000, responses=8000, seed=15):
    rng = random.Random(seed)
    per_post = [0] * posts
    for _ in range(responses):
        per_post[rng.randrange(posts)] += 1
    comment_id = 1
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>'
                  "<title>Synthetic</title><link>https://old.example</link>"
                  "<wp:wxr_version>1.2</wp:wxr_version>"
                  "<wp:author><wp:author_login>editor</wp:author_login>"
                  "<wp:author_email>editor@authors.example</wp:author_email>"
                  "<wp:author_display_name>The Editor</wp:author_display_name></wp:author>\n")
        for number in range(1, posts + 1):
            year, month = 2008 + number % 12, 1 + number % 12
            kind = "page" if number % 200 == 0 else "post"
            status = {7: "draft", 13: "private"}.get(number % 100, "publish")
            slug = f"synthetic-{kind}-{number}"
            link = (f"https://old.example/{slug}/" if kind == "page"
                    else f"https://old.example/archives/{year}/{month:02d}/{slug}.html")
            threads = []
            for index in range(per_post[number - 1]):
                parent = rng.choice([0, 0, comment_id - 1]) if index else 0
                roll = rng.random()
                approved = "spam" if roll < 0.05 else "0" if roll < 0.08 else "1"
                kind_of = "pingback" if rng.random() < 0.05 else "comment"
                threads.append(_comment(rng, comment_id, parent, approved, kind_of))
                comment_id += 1
            body = "\n\n".join(_text(rng, 60) for _ in range(4))
            out.write(
                f"<item><title>{escape(f'Synthetic {kind} {number}: ' + _text(rng, 4))}</title>"
                f"<link>{link}</link><dc:creator>editor</dc:creator>"
                f"<content:encoded>{_cdata(body)}</content:encoded>"
                f"<wp:post_id>{number}</wp:post_id>"
                f"<wp:post_date>{year}-{month:02d}-15 10:00:00</wp:post_date>"
                f"<wp:post_date_gmt>{year}-{month:02d}-15 15:00:00</wp:post_date_gmt>"
                f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
                f"<wp:post_type>{kind}</wp:post_type><wp:post_password></wp:post_password>"
                + "".join(threads) + "</item>\n"
            )
            if number % 100 == 1:
                out.write(
                    f"<item><title>image-{number}.jpg</title><link>{link}image/</link>"
                    f"<wp:post_id>{posts + number}</wp:post_id><wp:status>inherit</wp:status>"
                    "<wp:post_type>attachment</wp:post_type><wp:attachment_url>"
                    f"https://old.example/wp-content/uploads/{year}/{month:02d}/image-{number}"
                    ".jpg</wp:attachment_url></item>\n"
                )
        out.write("</channel>\n</rss>\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--responses", type=int, default=8000)
    arguments = parser.parse_args(argv)
    write_export(arguments.path, arguments.posts, arguments.responses)


if __name__ == "__main__":
    main()
