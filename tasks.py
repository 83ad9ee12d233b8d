"""Tasks for building, previewing and publishing the society's blog (run with `invoke`)."""

import datetime
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task
from invoke.main import program
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file
from pelican.utils import slugify

ROOT = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = ROOT / "pelicanconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(str(SETTINGS_FILE_BASE))}

CONFIG = {
    "settings_base": str(SETTINGS_FILE_BASE),
    "settings_publish": str(ROOT / "publishconf.py"),
    "deploy_path": str(ROOT / "output"),
    "content_path": str(ROOT / SETTINGS["PATH"]),
    "posts_path": str(ROOT / SETTINGS["PATH"] / "posts"),
    # Local builds stop on errors; the publish build stops on warnings too, so
    # CI never deploys a site that skipped a post or lost a link.
    "local_fatal": "errors",
    "publish_fatal": "warnings",
    # GitHub Pages
    "github_pages_remote": "origin",
    "github_pages_branch": "gh-pages",
    "commit_message": f"Publish site on {datetime.date.today().isoformat()}",
    # Host and port for `serve` and `livereload`
    "host": "127.0.0.1",
    "port": 8000,
    "tests_path": str(ROOT / "tests"),
    # Debian's Chromium (Playwright's own browser download is not used), started
    # without the background services that would reach for the network.
    "chromium": "/usr/bin/chromium",
    "chromium_args": [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    "screenshots_path": str(ROOT / "screenshots"),
    # The theme's sample site: every feature of the theme on a few posts (also the theme
    # tests' fixture).
    "theme_sample_path": str(ROOT / "tests" / "theme" / "content"),
}


@task
def clean(c):
    """Remove generated files."""
    shutil.rmtree(CONFIG["deploy_path"], ignore_errors=True)
    shutil.rmtree(SETTINGS["CACHE_PATH"], ignore_errors=True)


@task
def build(c):
    """Build the local version of the site, then its search index."""
    pelican_run("-s {settings_base} --fatal {local_fatal}".format(**CONFIG))
    index_search(CONFIG["deploy_path"])


@task
def rebuild(c):
    """`build` with the delete switch."""
    pelican_run("-d -s {settings_base} --fatal {local_fatal}".format(**CONFIG))
    index_search(CONFIG["deploy_path"])


@task
def serve(c):
    """Serve the output folder at http://$HOST:$PORT/ (default 127.0.0.1:8000)."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        CONFIG["deploy_path"], (CONFIG["host"], CONFIG["port"]), ComplexHTTPRequestHandler
    )
    sys.stderr.write("Serving at http://{host}:{port}/ ...\n".format(**CONFIG))
    server.serve_forever()


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task
def livereload(c):
    """Rebuild (with the content cache) and reload the browser when sources change."""
    from livereload import Server

    cached = "-s {settings_base} --fatal {local_fatal} -e CACHE_CONTENT=true".format(**CONFIG)

    def rebuild_content():
        report_failure(pelican_run, cached + " LOAD_CONTENT_CACHE=true")

    def rebuild_everything():
        # A changed setting or plugin invalidates what the cache holds, and an
        # edited plugin module must be imported afresh: a new process, no cache.
        command = [sys.executable, "-m", "pelican", *shlex.split(cached)]
        command.append("LOAD_CONTENT_CACHE=false")
        report_failure(subprocess.run, command, check=True)

    rebuild_everything()
    server = Server()
    for glob in [CONFIG["settings_base"], f"{ROOT}/plugins/**/*.py", f"{ROOT}/plugins/**/*.json"]:
        server.watch(glob, rebuild_everything)
    for glob in [
        f"{SETTINGS['THEME']}/templates/**/*",
        f"{SETTINGS['THEME']}/static/**/*",
        f"{CONFIG['content_path']}/**/*.md",
        f"{CONFIG['content_path']}/**/*.json",
    ]:
        server.watch(glob, rebuild_content)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task
def preview(c, output=None):
    """Build the production version of the site (publish settings)."""
    output = output or CONFIG["deploy_path"]
    pelican_run(
        "-s {settings_publish} --fatal {publish_fatal} -o ".format(**CONFIG) + shlex.quote(output)
    )
    index_search(output)


@task(name="new-post")
def new_post(c, title, date=None):
    """Write content/posts/YYYY/slug.md with today's date and the metadata skeleton."""
    print(create_post(title, date=date))


@task(name="gh-pages")
def gh_pages(c, remote=None, branch=None):
    """Publish the production build to GitHub Pages with ghp-import."""
    remote = remote or CONFIG["github_pages_remote"]
    branch = branch or CONFIG["github_pages_branch"]
    # Build into a fresh folder: a failed build leaves nothing for ghp-import.
    with tempfile.TemporaryDirectory(prefix="spm-publish-") as output:
        preview(c, output=output)
        publish_settings = get_settings_from_file(CONFIG["settings_publish"])
        command = [
            # The venv's ghp-import, whether or not the venv is activated.
            str(Path(sys.executable).with_name("ghp-import")), "--no-jekyll", "--push",
            "--remote", remote, "--branch", branch,
            "--message", CONFIG["commit_message"],
        ]
        if publish_settings.get("CNAME"):
            command += ["--cname", publish_settings["CNAME"]]
        c.run(shlex.join([*command, output]))


@task
def test(c):
    """Run the whole test suite."""
    c.run(shlex.join([sys.executable, "-m", "pytest", CONFIG["tests_path"], *extra_args()]))


@task(help={"output": "a built site to photograph instead of the theme's sample site",
            "folder": "where to write the PNGs and PDFs (default screenshots/)"})
def screenshots(c, output=None, folder=None):
    """Save PNGs (1280/375 px, light/dark) and print views of the theme's sample site."""
    from tools.screenshots import take

    with tempfile.TemporaryDirectory() as scratch:
        if output is None:
            output = Path(scratch) / "output"
            pelican_run(shlex.join([CONFIG["theme_sample_path"], "-o", str(output),
                                    "-s", CONFIG["settings_base"], "--fatal", "errors"]))
            index_search(output)
        for path in take(output, folder or CONFIG["screenshots_path"], CONFIG["chromium"],
                         CONFIG["chromium_args"]):
            print(path)


@task(help={
    "posts": "synthetic posts to generate (default 4000)",
    "responses": "synthetic responses to generate (default 20000)",
    "runs": "alternating rounds; the report gives medians (default 3)",
    "report": "where to write the report (default docs/benchmarks.md)",
})
def bench(c, posts=4000, responses=20000, runs=3, report=None):
    """Benchmark builds at archive scale and write docs/benchmarks.md (tools/bench)."""
    command = [sys.executable, "-m", "tools.bench", "--posts", str(posts),
               "--responses", str(responses), "--runs", str(runs)]
    if report:
        command += ["--report", report]
    with c.cd(str(ROOT)):
        c.run(shlex.join(command), pty=False)


@task(
    name="import-wordpress",
    help={
        "wxr": "the WordPress export (WXR 1.1 or 1.2)",
        "content": "content folder to write into (default: content/)",
        "force": "overwrite files edited since the last import",
        "media": "the old uploads folder: a copy of it, or its http(s) URL (files go to media/)",
    },
)
def import_wordpress(c, wxr, content=None, force=False, media=None):
    """Import a WordPress export: posts, pages, responses, media, redirects for old links."""
    from tools.wordpress.cli import main as import_main

    arguments = ["--wxr", wxr, "--content", content or CONFIG["content_path"],
                 "--timezone", SETTINGS["TIMEZONE"]]
    if force:
        arguments.append("--force")
    if media:
        arguments += ["--media", media]
    if status := import_main(arguments):
        raise Exit(code=status)


@task(
    name="import-responses",
    help={
        "mailbox": "the approved messages: an mbox file or a Maildir folder",
        "content": "content folder whose comments.json gets the responses (default: content/)",
    },
)
def import_responses(c, mailbox, content=None):
    """Add the responses mailed by readers (approved by an editor) to comments.json."""
    from tools.mail.cli import main as import_main

    arguments = ["--mailbox", mailbox, "--content", content or CONFIG["content_path"],
                 "--timezone", SETTINGS["TIMEZONE"],
                 "--paths", *SETTINGS["ARTICLE_PATHS"], *SETTINGS["PAGE_PATHS"]]
    if status := import_main(arguments):
        raise Exit(code=status)


@task(
    name="audit-migration",
    help={
        "wxr": "the WordPress export the site was migrated from",
        "site": "the built site to check (default: output/, as `invoke preview` builds it)",
        "media": "a copy of the old site's uploads folder, to compare media files byte for byte",
    },
)
def audit_migration(c, wxr, site=None, media=None):
    """Check a built site against the WordPress export; exit 1 listing every failure."""
    from tools.audit.cli import main as audit_main

    arguments = ["--wxr", wxr, "--site", site or CONFIG["deploy_path"],
                 "--max-depth", str(SETTINGS.get("RESPONSES_MAX_DEPTH", 5))]
    if media:
        arguments += ["--media", media]
    if status := audit_main(arguments):
        raise Exit(code=status)


def create_post(title, date=None, posts_path=None):
    """Write the skeleton of a new post and return its path; never overwrite."""
    date = date or datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    slug = slugify(
        title,
        regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"],
        preserve_case=False,
    )
    path = Path(posts_path or CONFIG["posts_path"]) / date[:4] / f"{slug}.md"
    if path.exists():
        raise SystemExit(f"new-post: {path} already exists; choose another title.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Title: {title}\n"
        f"Date: {date}\n"
        f"Author: {SETTINGS['AUTHOR']}\n"
        f"Category: {SETTINGS['DEFAULT_CATEGORY']}\n"
        "Tags:\n"
        f"Slug: {slug}\n"
        "Summary:\n"
        "Status: draft\n"
        "\n"
        "Write the post here, in Markdown.\n",
        encoding="utf-8",
    )
    return path


def index_search(output):
    """Index the built site with Pagefind so the search page works without a server."""
    if not SETTINGS.get("SEARCH_ENABLED"):
        return
    from pagefind_bin import get_executable

    subprocess.run(
        [str(get_executable()), "--site", str(output), "--silent"], check=True
    )


def report_failure(build, *args, **kwargs):
    """Run a livereload build; a failed build is reported and the server keeps running."""
    try:
        build(*args, **kwargs)
    except (SystemExit, subprocess.CalledProcessError) as failure:
        sys.stderr.write(f"livereload: the build failed ({failure}); fix it and save again.\n")


def extra_args():
    """Arguments after `--` on the invoke command line, passed through."""
    remainder = program.core.remainder if program.core else ""
    return shlex.split(remainder)


def pelican_run(cmd):
    pelican_main([*shlex.split(cmd), *extra_args()])

