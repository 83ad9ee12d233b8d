"""`invoke new-post`: a post's skeleton, with an address made from any title."""

from pathlib import Path

from pelican.utils import slugify
from scheduled.clock import DateError, parse_date, site_now

# Long titles make long addresses (and file names); cut at a word, like WordPress does.
MAX_SLUG_LENGTH = 60


class NewPostError(SystemExit):
    """A title or path new-post cannot use; the message says what to do."""

    def __init__(self, message):
        super().__init__(f"new-post: {message}")


def make_slug(title, settings, max_length=MAX_SLUG_LENGTH):
    """The address of a post titled `title`: lower case, hyphens, cut at a word."""
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"], preserve_case=False)
    slug = slug.strip("-")
    if not slug:
        raise NewPostError(
            f"the title {title!r} has no letters or digits to make the post's address from; "
            "use a title with words in it, or give one with --slug"
        )
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rsplit("-", 1)[0]
        slug = cut if cut and len(cut) <= max_length else slug[:max_length]
    return slug.strip("-")


def skeleton(title, date, slug, settings):
    """The text of a new post: the header an author fills in, then the placeholder."""
    return (
        f"Title: {title}\n"
        f"Date: {date}\n"
        f"Author: {settings['AUTHOR']}\n"
        f"Category: {settings['DEFAULT_CATEGORY']}\n"
        "Tags:\n"
        f"Slug: {slug}\n"
        "Status: draft\n"
        "\n"
        f"{settings['NEW_POST_PLACEHOLDER']}\n"
    )


def create_post(title, posts_path, settings, date=None, slug=None):
    """Write the skeleton of a new post and return its path; never overwrite."""
    title = " ".join(title.split())
    if not title:
        raise NewPostError("the title is empty; give the post a title in quotes")
    try:
        if date:
            date = f"{parse_date(date, '--date'):%Y-%m-%d %H:%M}"
        else:
            # The site's local time: the build reads the Date: line in TIMEZONE, so a post
            # written "now" on a machine east of it would otherwise wait hours to appear.
            date = f"{site_now(settings['TIMEZONE']):%Y-%m-%d %H:%M}"
    except DateError as refused:
        raise NewPostError(str(refused)) from None
    slug = make_slug(slug or title, settings)
    path = Path(posts_path) / date[:4] / f"{slug}.md"
    if path.exists():
        raise NewPostError(f"{path} already exists; choose another title (or --slug).")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(title, date, slug, settings), encoding="utf-8")
    return path
