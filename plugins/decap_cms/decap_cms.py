"""Writing in the browser: Decap CMS at /admin/, configured from the site's own settings.

Every build writes ``admin/index.html`` and ``admin/config.yml`` (DECAP_CMS_PATH) from the
settings and the content as read: the content, post and page folders, the media folder and
how posts link images (``{static}/images/…``), TIMEZONE, the categories and slugs the site
has, its address and its stylesheet for the preview pane. Nothing is written by hand, so the
CMS cannot drift from the site. The app itself (Decap, vendored by tools/cms/vendor.py) and
``pelican-cms.js``, which teaches it Pelican's ``Key: value`` header, are copied as theme
static files, the way every build and the live preview already copy the theme's.

Signing in: with DECAP_CMS_REPO and DECAP_CMS_AUTH_URL (the OAuth proxy, docs/maintainers.md)
the CMS writes to GitHub through the editorial workflow, one branch and pull request per
draft; with DECAP_CMS_LOCAL_BACKEND (set by ``invoke cms``) it writes to the working tree
through decap-server. With neither, /admin/ says that writing in the browser is not set up.
"""

import logging
import posixpath
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader
from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

import site_facts

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
DEFAULTS = {
    # Where the admin page is, in the site.
    "DECAP_CMS_PATH": "admin",
    # The GitHub repository ("owner/name") and branch the published CMS writes to.
    "DECAP_CMS_REPO": "",
    "DECAP_CMS_BRANCH": "main",
    # The OAuth proxy that signs authors in to GitHub (docs/maintainers.md).
    "DECAP_CMS_AUTH_URL": "",
    # decap-server's API (`invoke cms` sets it); None: no local backend.
    "DECAP_CMS_LOCAL_BACKEND": None,
    # The folder of the content folder that uploads go to (one of STATIC_PATHS).
    "DECAP_CMS_MEDIA": "images",
    # New posts' addresses are cut at a word to this length, as `invoke new-post` cuts them.
    "DECAP_CMS_SLUG_LENGTH": 60,
}
STATUS_OPTIONS = [
    {"label": "Published: on the site", "value": "published"},
    {"label": "Draft: kept off the published site", "value": "draft"},
    {"label": "Hidden: on the site at its address, but in no list", "value": "hidden"},
]


def _settings(pelican_settings):
    return {key: pelican_settings.get(key, default) for key, default in DEFAULTS.items()}


def admin_path(settings):
    """The admin page's folder in the site ("admin")."""
    return _settings(settings)["DECAP_CMS_PATH"].strip("/")


def add_static_files(pelican):
    """Serve the app and our format from the theme's static folder (THEME_STATIC_PATHS)."""
    paths = pelican.settings["THEME_STATIC_PATHS"]
    if str(STATIC) not in paths:
        pelican.settings["THEME_STATIC_PATHS"] = [*paths, str(STATIC)]


def repository_root(path):
    """The folder holding the git repository's .git (the CMS's paths start there)."""
    path = Path(path).resolve()
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return path.parent


def time_zone_name(timezone):
    """"America/New_York" as authors say it: "New York"."""
    return timezone.rsplit("/", 1)[-1].replace("_", " ")


def site_categories(context, settings):
    """Every category the content uses (drafts' too), by name, and the default one."""
    names = {}
    # A category's name as a published post spells it first, then a draft, then a hidden one.
    for article in site_facts.in_context(context, ("published", "draft", "hidden"),
                                         kinds=(ArticlesGenerator,)):
        for category in getattr(article, "categories", None) or [article.category]:
            names.setdefault(category.slug, category.name)
    default = settings.get("DEFAULT_CATEGORY")
    if default:
        names.setdefault(default.lower(), default)
    return sorted(names.values(), key=str.lower)


def site_slugs(context, kind):
    return sorted({item.slug for item in site_facts.in_context(context, kinds=(kind,))
                   if getattr(item, "slug", None)})


def post_fields(settings, categories, zone):
    return [
        {"label": "Title", "name": "title", "widget": "string"},
        {"label": "Date and time", "name": "date", "widget": "datetime",
         "format": "YYYY-MM-DDTHH:mmZ", "default": "{{now}}",
         "hint": f"Shown in your computer's time; the post is dated in {zone} time, the "
                 "site's. A date in the future keeps the post off the site until then."},
        {"label": "Author", "name": "author", "widget": "string", "required": False,
         "default": settings["AUTHOR"],
         "hint": f"The name readers see with the post; left empty, it is {settings['AUTHOR']}."},
        {"label": "Categories", "name": "categories", "widget": "select", "multiple": True,
         "options": categories, "required": False,
         "hint": "Pick one or more of the site's categories. A post with none is filed "
                 f"under {settings['DEFAULT_CATEGORY']}."},
        {"label": "New categories", "name": "new_categories", "widget": "list",
         "required": False,
         "hint": "Only if none of the categories above fits: type the new ones, separated "
                 "by commas."},
        {"label": "Tags", "name": "tags", "widget": "list", "required": False,
         "hint": "Words or short phrases readers can browse by, separated by commas."},
        {"label": "Summary", "name": "summary", "widget": "text", "required": False,
         "hint": "One or two sentences for the home page and lists. Leave it empty to "
                 f"show the post's first {settings['SUMMARY_MAX_LENGTH']} words."},
        {"label": "Keep at the top of the home page", "name": "pinned", "widget": "boolean",
         "default": False, "required": False},
        {"label": "Featured image", "name": "image", "widget": "image", "required": False,
         "hint": "Shown at the top of the post and when it is shared."},
        {"label": "Description of the featured image", "name": "image_alt",
         "widget": "string", "required": False,
         "hint": "Needed with a featured image: what a reader who cannot see it should know."},
        {"label": "Status", "name": "status", "widget": "select", "options": STATUS_OPTIONS,
         "default": "published"},
        {"label": "Text", "name": "body", "widget": "markdown",
         "hint": "Every image needs a description for readers who cannot see it."},
    ]


def page_fields(settings):
    fields = post_fields(settings, [], "")
    keep = ("title", "summary", "image", "image_alt", "status", "body")
    return [field for field in fields if field["name"] in keep]


def cms_config(settings, context, root):
    """Decap's config.yml, as a dict."""
    options = _settings(settings)
    content = posixpath.relpath(Path(settings["PATH"]).resolve().as_posix(), root.as_posix())
    zone = time_zone_name(settings["TIMEZONE"])
    categories = site_categories(context, settings)
    media = {
        # Absolute, or Decap puts uploads beside the post; the body links them as posts do.
        "media_folder": "/" + posixpath.join(content, options["DECAP_CMS_MEDIA"]),
        "public_folder": "{static}/" + options["DECAP_CMS_MEDIA"],
    }
    config = {}
    local = options["DECAP_CMS_LOCAL_BACKEND"]
    if options["DECAP_CMS_REPO"]:
        config["backend"] = {
            "name": "github", "repo": options["DECAP_CMS_REPO"],
            "branch": options["DECAP_CMS_BRANCH"], "base_url": options["DECAP_CMS_AUTH_URL"],
            "auth_endpoint": "auth", "squash_merges": True,
        }
    elif local:
        config["backend"] = {"name": "proxy", "proxy_url": local}
    # Each draft is a branch and a pull request; decap-server's file mode saves straight
    # to the working tree, and Decap switches to that by itself.
    config["publish_mode"] = "editorial_workflow"
    if local:
        config["local_backend"] = {"url": local, "allowed_hosts": ["127.0.0.1", "localhost"]}
    if settings["SITEURL"].startswith(("http://", "https://")):
        config["site_url"] = config["display_url"] = settings["SITEURL"]
    config.update({
        "locale": settings["DEFAULT_LANG"],
        "media_folder": media["media_folder"].lstrip("/"),
        "public_folder": media["public_folder"],
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    })
    common = {"create": True, "extension": "md", "format": "pelican", "slug": "{{fields.slug}}",
              **media}
    config["collections"] = [
        {"name": "posts", "label": "Posts", "label_singular": "Post",
         "description": "The blog's posts, newest first.",
         "folder": posixpath.join(content, settings["ARTICLE_PATHS"][0]),
         # The year in TIMEZONE (pelican-cms.js sets it), as `invoke new-post` files posts;
         # Decap's own {{year}} is the UTC year, and a path cannot say {{fields.…}}.
         "path": "{{year_folder}}/{{slug}}", **common,
         "sortable_fields": ["date", "title"],
         "summary": "{{title}}", "fields": post_fields(settings, categories, zone)},
        {"name": "pages", "label": "Pages", "label_singular": "Page",
         "description": "Pages such as About, outside the list of posts.",
         "folder": posixpath.join(content, settings["PAGE_PATHS"][0]), "path": "{{slug}}",
         **common, "sortable_fields": ["title"], "summary": "{{title}}",
         "fields": page_fields(settings)},
    ]
    return config


def admin_settings(settings, context, admin_path):
    """What pelican-cms.js needs to read and write posts as Pelican does."""
    options = _settings(settings)
    static = settings["THEME_STATIC_DIR"]
    from_admin = posixpath.relpath(static, admin_path)
    return {
        "timezone": settings["TIMEZONE"],
        "categorySeparator": settings.get("CATEGORY_SEPARATOR", ","),
        "categories": site_categories(context, settings),
        "slugs": {"posts": site_slugs(context, ArticlesGenerator),
                  "pages": site_slugs(context, PagesGenerator)},
        "slugLength": options["DECAP_CMS_SLUG_LENGTH"],
        "dateFormat": settings["DEFAULT_DATE_FORMAT"],
        "stylesheet": posixpath.join(from_admin, "css", "site.css"),
    }


class _Text:
    """A finished text, given to Pelican's writer as a template renders one."""

    def __init__(self, text):
        self.text = text

    def render(self, context):
        return self.text


class DecapAdminGenerator(Generator):
    """Writes the admin page and its config.yml on every build."""

    def generate_context(self):
        options = _settings(self.settings)
        self.admin_path = admin_path(self.settings)
        self.ready = bool(options["DECAP_CMS_LOCAL_BACKEND"]
                          or (options["DECAP_CMS_REPO"] and options["DECAP_CMS_AUTH_URL"]))
        self.config = cms_config(self.settings, self.context,
                                 repository_root(self.settings["PATH"]))
        if not self.ready:
            logger.info("decap_cms: no DECAP_CMS_REPO and DECAP_CMS_AUTH_URL; %s/ says "
                        "writing in the browser is not set up", self.admin_path)

    def generate_output(self, writer):
        environment = Environment(loader=FileSystemLoader(str(HERE)), autoescape=True)
        page = environment.get_template("admin.html").render(
            SITENAME=self.settings["SITENAME"], DEFAULT_LANG=self.settings["DEFAULT_LANG"],
            ready=self.ready,
            static=posixpath.relpath(self.settings["THEME_STATIC_DIR"], self.admin_path),
            settings=admin_settings(self.settings, self.context, self.admin_path))
        writer.write_file(posixpath.join(self.admin_path, "index.html"), _Text(page),
                          self.context)
        config = yaml.safe_dump(self.config, sort_keys=False, allow_unicode=True, width=100)
        header = ("# Written by plugins/decap_cms on every build, from pelicanconf.py and the "
                  "content; edit those, not this file.\n")
        writer.write_file(posixpath.join(self.admin_path, "config.yml"), _Text(header + config),
                          self.context)


def get_generators(pelican):
    return DecapAdminGenerator


def register():
    signals.initialized.connect(add_static_files)
    signals.get_generators.connect(get_generators)
