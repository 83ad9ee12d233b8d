"""A synthetic society archive in the project's own formats, for the benchmark.

`generate_site` writes, under one folder:

- ``content/posts/YYYY/<slug>.md``: Markdown posts with Pelican metadata (several comma-separated
  categories, tags, an author), bodies with links, emphasis, a list, quotes and dashes (so
  typogrify has real work), sometimes a heading, a block quote or a fenced code block;
- ``content/pages/``: two pages, as the real site has;
- ``content/comments.json``: threaded responses in the comments data contract v1.

Every post body ends with a hidden marker and every response with a visible token, so the
benchmark can prove each article page and each response reached the output (a fast build that
dropped work must not pass). Output is deterministic for a given seed.
"""

import random
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from responses.contract import make_record
from responses.store import CommentsStore, Source, load, resolve_path
from responses.validate import validate

# The hidden marker at the end of each post body, and the token ending each response. Both are
# plain lowercase text so Markdown, typogrify and an HTML sanitiser leave them intact.
ARTICLE_MARKER = "<!-- bench-article:{slug} -->"
ARTICLE_MARKER_PATTERN = r"<!-- bench-article:([a-z0-9-]+) -->"
RESPONSE_TOKEN = "rq{id}qr"
RESPONSE_TOKEN_PATTERN = r"\brq(\d+)qr\b"

MAX_REPLY_DEPTH = 7  # WordPress's default thread depth is 5; the archive has up to 7.

CATEGORIES = [
    "ethics", "found on the net", "general", "JoPM", "net-friendly docs", "social media",
    "patient engagement", "health policy", "e-patients", "research", "shared decision making",
    "health IT", "conferences", "book reviews", "medical records", "caregivers",
    "patient safety", "open notes", "clinical trials", "access to care", "members",
    "telehealth", "chronic illness", "health literacy", "cost of care", "announcements",
]
TAG_STEMS = [
    "AMA", "BMA", "Facebook", "Twitter", "EHR", "HIPAA", "OpenNotes", "PHR", "cancer",
    "diabetes", "genomics", "privacy", "consent", "apps", "wearables", "nursing", "primary care",
    "hospital", "insurance", "Medicare", "FDA", "NIH", "PCORI", "blue button", "portals",
    "communication", "advocacy", "evidence", "guidelines", "rare disease",
]
FIRST_NAMES = [
    "Dave", "Susannah", "Danny", "Gilles", "Rick", "Nancy", "Jessie", "Sarah", "Kathy", "Hugo",
    "Alan", "Regina", "Carolyn", "Michael", "Amy", "Peter", "Liz", "Ted", "Casey", "Brian",
]
LAST_NAMES = [
    "deBronkart", "Fox", "Sands", "Frydman", "Ladd", "Finn", "Gruman", "Greene", "Holt",
    "Campos", "Greene", "Holliday", "Thielst", "Millenson", "Romano", "Elias", "Quinn",
]
WORDS = [
    "patients", "clinicians", "partners", "care", "data", "records", "access", "trust",
    "evidence", "study", "doctor", "nurse", "family", "decision", "choice", "risk", "outcome",
    "question", "answer", "society", "journal", "community", "network", "portal", "visit",
    "note", "hospital", "clinic", "research", "policy", "voice", "story", "experience",
    "safety", "cost", "privacy", "consent", "treatment", "diagnosis", "symptom", "therapy",
    "medicine", "health", "system", "change", "participation", "engagement", "conversation",
    "learning", "listening", "sharing", "together", "better", "important", "difficult",
    "simple", "practical", "honest", "open", "clear", "early", "often", "really",
]
DOMAINS = [
    "participatorymedicine.org", "e-patients.net", "jopm.org", "example.org", "nejm.org",
    "healthaffairs.org", "bmj.com", "kevinmd.com", "pewresearch.org", "ncbi.nlm.nih.gov",
]
CODE_SNIPPETS = [
    ("python", 'def bmi(weight_kg, height_m):\n    """Body-mass index."""\n'
               "    return weight_kg / height_m ** 2\n"),
    ("json", '{"resourceType": "Patient", "id": "example", "active": true}\n'),
    ("sql", "SELECT visit_date, note\n  FROM notes\n WHERE patient_id = 42\n"
            " ORDER BY visit_date DESC;\n"),
]


@dataclass
class Post:
    slug: str
    date: datetime
    path: Path


@dataclass
class GeneratedSite:
    """What was generated, so the benchmark can check the output against it."""

    root: Path
    content: Path
    comments: Path
    posts: list[Post] = field(default_factory=list)
    responses: list[dict] = field(default_factory=list)

    @property
    def slugs(self):
        return [post.slug for post in self.posts]

    def copy_content(self, destination, records=None):
        """A private copy of the content, so one configuration's edits never reach another;
        with `records`, a comments file of its own holding them. Returns the copy's comments
        file."""
        comments = destination / self.comments.relative_to(self.content)
        skipped = {self.comments} if records is not None else set()
        shutil.copytree(self.content, destination, ignore=lambda folder, names: [
            name for name in names if Path(folder, name) in skipped])
        if records is not None:
            CommentsStore(comments).create(records)
        return comments


def _sentence(rng, words=None):
    words = words or rng.randint(8, 22)
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!", "..."])


def _paragraph(rng):
    """A Markdown paragraph with the inline features typogrify and Markdown spend time on."""
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
    decorations = [
        lambda s: f'As one reader put it, "{s.rstrip(".?!")}" -- and we agree.',
        lambda s: f"It's *{s.rstrip('.?!')}*, isn't it?",
        lambda s: f"**{s}**",
        lambda s: f"See [{rng.choice(WORDS)} {rng.choice(WORDS)}](https://{rng.choice(DOMAINS)}"
        f"/{rng.choice(WORDS)}/{rng.randint(1, 9999)}/) for the details.",
        lambda s: f"{s.rstrip('.?!')} --- the 1990s' way of thinking, in the 'old' model.",
        lambda s: f"The AMA and the NIH said so in {rng.randint(1995, 2024)} & again later.",
    ]
    for index in rng.sample(range(len(sentences)), k=min(len(sentences), rng.randint(1, 3))):
        sentences[index] = rng.choice(decorations)(sentences[index])
    return " ".join(sentences)


def _body(rng, slug):
    blocks = [_paragraph(rng) for _ in range(rng.randint(3, 7))]
    bullet = rng.choice(["-", "*", "1."])
    items = [f"{bullet} {_sentence(rng, rng.randint(4, 12))}" for _ in range(rng.randint(3, 6))]
    blocks.insert(rng.randint(1, len(blocks)), "\n".join(items))
    if rng.random() < 0.3:
        blocks.insert(rng.randint(1, len(blocks)), f"## {_sentence(rng, 4).rstrip('.?!')}")
    if rng.random() < 0.3:
        blocks.insert(rng.randint(1, len(blocks)), "> " + _paragraph(rng))
    if rng.random() < 0.2:
        language, code = rng.choice(CODE_SNIPPETS)
        blocks.insert(rng.randint(1, len(blocks)), f"```{language}\n{code}```")
    blocks.append(ARTICLE_MARKER.format(slug=slug))
    return "\n\n".join(blocks) + "\n"


def _author(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _write_posts(rng, content, count, site):
    tags = [f"{stem} {n}" if n else stem for stem in TAG_STEMS for n in range(10)]
    start = datetime(2008, 1, 1, 8, 0)
    span_minutes = int((datetime(2025, 12, 31) - start).total_seconds() // 60)
    for number in range(count):
        title_words = [rng.choice(WORDS) for _ in range(rng.randint(3, 8))]
        title = " ".join(title_words).capitalize()
        if rng.random() < 0.3:
            title = f'"{title}": patients\' questions -- answered'
        slug = f"{'-'.join(title_words)}-{number}"
        date = start + timedelta(minutes=rng.randrange(span_minutes))
        header = [
            f"Title: {title}",
            f"Date: {date:%Y-%m-%d %H:%M}",
            f"Author: {_author(rng)}",
            "Category: " + ", ".join(rng.sample(CATEGORIES, k=rng.randint(1, 4))),
            "Tags: " + ", ".join(rng.sample(tags, k=rng.randint(2, 6))),
            f"Slug: {slug}",
        ]
        # Some imported posts carry a WordPress excerpt; the rest get Pelican's summary.
        if rng.random() < 0.3:
            header.append(f"Summary: {_sentence(rng, 25)}")
        path = content / "posts" / f"{date:%Y}" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(header) + "\n\n" + _body(rng, slug), encoding="utf-8")
        site.posts.append(Post(slug=slug, date=date, path=path))


def _response_content(rng, response_id, kind):
    if kind != "comment":
        return (f"[…] {_sentence(rng)} […] "
                f"{RESPONSE_TOKEN.format(id=response_id)}")
    paragraphs = []
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
        text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
        roll = rng.random()
        if roll < 0.2:
            text += f" I <em>really</em> think it’s {rng.choice(WORDS)}."
        elif roll < 0.35:
            text += (f' More at <a href="https://{rng.choice(DOMAINS)}/{rng.choice(WORDS)}">'
                     f"{rng.choice(WORDS)}</a> – worth reading.")
        paragraphs.append(text)
    paragraphs[-1] += f" {RESPONSE_TOKEN.format(id=response_id)}"
    return "\n\n".join(paragraphs)


def _responses(rng, posts, count):
    """Threads: about 60% top level, replies up to MAX_REPLY_DEPTH, a few pingbacks."""
    # A long tail: a few posts draw most of the discussion, many have none.
    weights = [rng.paretovariate(1.2) for _ in posts]
    chosen = rng.choices(range(len(posts)), weights=weights, k=count) if posts else []
    per_post = {}  # post index -> list of (response, depth)
    responses = []
    for number, post_index in enumerate(chosen, start=1000):
        post = posts[post_index]
        thread = per_post.setdefault(post_index, [])
        kind = "comment"
        roll = rng.random()
        if roll < 0.02:
            kind = "pingback"
        elif roll < 0.03:
            kind = "trackback"
        previous = thread[-1][0]["date"] if thread else None
        when = (datetime.fromisoformat(previous) if previous
                else post.date.replace(tzinfo=timezone(timedelta(hours=-5))))
        when += timedelta(minutes=rng.randint(5, 60 * 48))
        fields = {"id": str(number), "post": post.slug, "type": kind}
        depth = 0
        replyable = [(r, d) for r, d in thread
                     if d < MAX_REPLY_DEPTH and r.get("type", "comment") == "comment"]
        if kind == "comment" and replyable and rng.random() < 0.4:
            # Replies favour recent responses, which is how conversations deepen.
            parent, parent_depth = rng.choice(replyable[-5:])
            fields["parent"] = parent["id"]
            depth = parent_depth + 1
        if kind == "comment":
            fields["author"] = _author(rng)
            if rng.random() < 0.4:
                fields["url"] = f"https://{rng.choice(DOMAINS)}/"
        else:
            fields["author"] = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} Blog"
            fields["url"] = f"https://{rng.choice(DOMAINS)}/{rng.choice(WORDS)}/"
        response = make_record(date=when.isoformat(timespec="seconds"),
                               content=_response_content(rng, number, kind), **fields)
        thread.append((response, depth))
        responses.append(response)
    return responses


def generate_site(root, posts=4000, responses=20000, seed=6):
    """Write the synthetic site under `root` and describe it."""
    rng = random.Random(seed)
    root = Path(root)
    content = root / "content"
    site = GeneratedSite(
        root=root,
        content=content,
        comments=resolve_path(None, content),
    )
    _write_posts(rng, content, posts, site)
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for slug, title in (("about", "About the society"), ("contact", "Contact us")):
        (pages / f"{slug}.md").write_text(
            f"Title: {title}\nSlug: {slug}\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n",
            encoding="utf-8",
        )
    extra = content / "extra"
    extra.mkdir(exist_ok=True)
    (extra / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    site.responses = _responses(rng, site.posts, responses)
    CommentsStore(site.comments).create(site.responses)
    return site


def contract_problems(data, slugs):
    """Every way `data` breaks the comments contract, as the build would report it: the
    schema, real dates, unique ids, parents, cycles and posts; empty when it holds."""
    return _problems([Source("generated comments", data=data)], slugs)


def file_problems(path, slugs):
    """contract_problems() of the comments file at `path`, read as the build reads it."""
    return _problems(load(path, Path(path).parent), slugs)


def _problems(sources, slugs):
    _, problems = validate(sources, "UTC", {slug: ["article"] for slug in slugs})
    return [str(problem) for problem in problems]


def thread_depth(responses):
    """The deepest reply level (0 = top level), to show threads are really threaded."""
    by_id = {response["id"]: response for response in responses}
    deepest = 0
    for response in responses:
        depth, current = 0, response
        while "parent" in current:
            current, depth = by_id[current["parent"]], depth + 1
        deepest = max(deepest, depth)
    return deepest


def edit_post(post, run_number):
    """Change one post's body, as an author would, and return the text that must appear."""
    text = post.path.read_text(encoding="utf-8")
    token = f"benchedit{run_number}x"
    marker = ARTICLE_MARKER.format(slug=post.slug)
    text = text.replace(marker, f"An edit, number {run_number}: {token}.\n\n{marker}")
    post.path.write_text(text, encoding="utf-8")
    return token
