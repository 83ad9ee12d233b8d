"""Settings for the published site: absolute URLs, feeds, a clean output folder.

Built by `invoke preview`, `invoke check` and `invoke gh-pages`; the build fails on any warning.
"""

import os
import sys

# Importable from any working directory (tests, CI, invoke from a subfolder).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403
from tools.deploy import published_address  # noqa: E402

# The address GitHub Pages serves: the custom domain in PAGES_CNAME (the repository variable
# the workflow passes on), else https://<owner>.github.io/<repo> in a GitHub workflow, else
# PUBLISHED_SITEURL. SITEURL in the environment points a build elsewhere (a fork, a test).
# CNAME is the custom domain, written into every gh-pages commit so publishing keeps it.
SITEURL, CNAME = published_address(os.environ, default=PUBLISHED_SITEURL)  # noqa: F405
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author/{slug}.atom.xml"
RESPONSES_FEED_ATOM = "feeds/responses/{slug}.atom.xml"
# The latest responses on the whole site: WordPress's /comments/feed/.
RESPONSES_FEED_ALL_ATOM = "feeds/responses.atom.xml"

DELETE_OUTPUT_DIRECTORY = True
# Drafts exist only on authors' machines.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# A post dated in the future waits for its date; the workflow's daily run publishes it.
# plugins/scheduled holds it back by the site's clock (TIMEZONE, or SITE_NOW), not Pelican by
# the machine's (WITH_FUTURE_DATES = False), so the build, `invoke check` and `invoke
# new-post` agree on "now". Pelican's generator-layer cache cannot hold back future posts,
# and the publish build uses no cache anyway.
WITH_FUTURE_DATES = True
SCHEDULED_HOLD_BACK = True
CONTENT_CACHING_LAYER = "reader"

# Writing in the browser: /admin/ writes to this GitHub repository (Actions sets
# GITHUB_REPOSITORY) through the editorial workflow, signing authors in with the OAuth proxy
# at DECAP_CMS_AUTH_URL (the workflow passes the repository variable CMS_AUTH_URL; see
# docs/maintainers.md). Without both, /admin/ says writing in the browser is not set up.
DECAP_CMS_REPO = os.environ.get("DECAP_CMS_REPO") or os.environ.get("GITHUB_REPOSITORY", "")
DECAP_CMS_AUTH_URL = os.environ.get("DECAP_CMS_AUTH_URL", "")
