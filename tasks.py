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


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Serve the site from one process that keeps it in memory; update it on every save."""
    from tools.preview.cli import main as preview_main

    preview_main(["--settings", CONFIG["settings_base"], "--host", CONFIG["host"],
                  "--port", str(port)])


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


@task(help={"output": "a built site to photograph instead of building output/ first"})
def screenshots(c, output=None, folder=None):
    """Save PNGs of home and the seed article (light, dark, 375 px) under screenshots/."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    if output is None:
        build(c)
        output = CONFIG["deploy_path"]
    pages = {
        "home": "",
        "article": "2011/07/social-media-patients-and-physicians-a-sticky-wicket/",
    }
    modes = {
        "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
        "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
        "phone": {"viewport": {"width": 375, "height": 812}, "color_scheme": "light",
                  "device_scale_factor": 2},
    }
    folder = Path(folder or CONFIG["screenshots_path"])
    folder.mkdir(parents=True, exist_ok=True)

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CONFIG["chromium"], args=CONFIG["chromium_args"]
            )
            for mode, options in modes.items():
                context = browser.new_context(**options)
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base + path)
                    target = folder / f"{name}-{mode}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


@task(help={
    "posts": "synthetic posts to generate (default 4000)",
    "responses": "synthetic responses to generate (default 20000)",
    "runs": "alternating rounds; the report gives medians (default 3)",
    "report": "where to write the report (default docs/benchmarks.md)",
    "livereload": "time `invoke livereload`'s edits in Chromium instead (tools/bench)",
})
def bench(c, posts=4000, responses=20000, runs=3, report=None, livereload=False):
    """Benchmark builds at archive scale and write docs/benchmarks.md (tools/bench)."""
    command = [sys.executable, "-m", "tools.bench", "--posts", str(posts),
               "--responses", str(responses), "--runs", str(runs)]
    if report:
        command += ["--report", report]
    if livereload:
        command = [sys.executable, "-m", "tools.bench.livereload", "--posts", str(posts),
                   "--responses", str(responses)]
    with c.cd(str(ROOT)):
        c.run(shlex.join(command), pty=False)


@task(
    name="import-wordpress",
    help={
        "wxr": "the WordPress export (WXR 1.1 or 1.2)",
        "content": "content folder to write into (default: content/)",
        "force": "overwrite files edited since the last import",
    },
)
def import_wordpress(c, wxr, content=None, force=False):
    """Import a WordPress export: posts, pages, approved responses, redirects for old links."""
    from tools.wordpress.cli import main as import_main

    arguments = ["--wxr", wxr, "--content", content or CONFIG["content_path"],
                 "--timezone", SETTINGS["TIMEZONE"]]
    if force:
        arguments.append("--force")
    if status := import_main(arguments):
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


def extra_args():
    """Arguments after `--` on the invoke command line, passed through."""
    remainder = program.core.remainder if program.core else ""
    return shlex.split(remainder)


def pelican_run(cmd):
    pelican_main([*shlex.split(cmd), *extra_args()])

