"""Settings for the published site: absolute URLs, feeds, a clean output folder.

Built by `invoke preview` and `invoke gh-pages`; the build fails on any warning.
"""

import os
import sys

# Importable from any working directory (tests, CI, invoke from a subfolder).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

# SITEURL can be pointed elsewhere (a fork, a test) without editing this file.
SITEURL = os.environ.get("SITEURL", "https://blog.participatorymedicine.org")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author/{slug}.atom.xml"
RESPONSES_FEED_ATOM = "feeds/responses/{slug}.atom.xml"
# The latest responses on the whole site: WordPress's /comments/feed/ (issue 21).
RESPONSES_FEED_ALL_ATOM = "feeds/responses.atom.xml"

DELETE_OUTPUT_DIRECTORY = True
# Drafts exist only on authors' machines.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# GitHub Pages custom domain; empty publishes to <user>.github.io.
CNAME = os.environ.get("CNAME", "")

# A post dated in the future waits for its date; the workflow's daily run publishes it.
# Pelican's generator-layer cache cannot hold back future posts, and the publish build uses
# no cache anyway.
WITH_FUTURE_DATES = False
CONTENT_CACHING_LAYER = "reader"
