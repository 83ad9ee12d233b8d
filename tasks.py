"""Tasks for building, previewing and publishing the society's blog (run with `invoke`)."""

import datetime
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task
from invoke.main import program
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

from tools.authoring import build as authoring_build
from tools.authoring import new_post as authoring_new_post

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


@task(help={"port": "the port to serve on (default 8000)"})
def serve(c, port=None):
    """Serve the output folder at http://127.0.0.1:PORT/ (default port 8000)."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    port = int(port or CONFIG["port"])
    server = AddressReuseTCPServer(
        CONFIG["deploy_path"], (CONFIG["host"], port), ComplexHTTPRequestHandler
    )
    sys.stderr.write(f"Serving at http://{CONFIG['host']}:{port}/ ...\n")
    server.serve_forever()


@task(help={"port": "the port to serve on (default 8000)"})
def reserve(c, port=None):
    """`build`, then `serve`."""
    build(c)
    serve(c, port=port)


@task(help={"port": "the port to serve on (default 8000)"})
def livereload(c, port=None):
    """Rebuild (with the content cache) and reload the browser when sources change."""
    from livereload import Server

    cached = "-s {settings_base} --fatal {local_fatal} -e CACHE_CONTENT=true".format(**CONFIG)

    def rebuild_content():
        report_failure(pelican_run, cached + " LOAD_CONTENT_CACHE=true")

    def rebuild_everything():
        # A changed setting or plugin invalidates what the cache holds, and an
        # edited plugin module must be imported afresh: a new process, no cache.
        command = [sys.executable, "-m", "tools.authoring.build", *shlex.split(cached)]
        command.append("LOAD_CONTENT_CACHE=false")
        report_failure(subprocess.run, command, check=True, cwd=ROOT)

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
    server.serve(host=CONFIG["host"], port=int(port or CONFIG["port"]),
                 root=CONFIG["deploy_path"])


@task(help={
    "output": "the folder to build into (default output/)",
    "siteurl": "the address the site is browsed at, e.g. http://127.0.0.1:8000 to check a "
               "production build locally with `invoke serve` (default: the published address)",
})
def preview(c, output=None, siteurl=None):
    """Build the production version of the site (publish settings)."""
    output = output or CONFIG["deploy_path"]
    command = "-s {settings_publish} --fatal {publish_fatal} ".format(**CONFIG)
    if siteurl:
        siteurl = json.dumps(siteurl.rstrip("/"))
        command += shlex.join(["-e", f"SITEURL={siteurl}", f"FEED_DOMAIN={siteurl}"]) + " "
    pelican_run(command + "-o " + shlex.quote(output))
    index_search(output)


@task(help={"debug": "show Python's tracebacks too"})
def check(c, debug=False):
    """Check the site as the publish build would: one line per problem, exit 1 on any."""
    with tempfile.TemporaryDirectory(prefix="spm-check-") as output:
        argv = ["-s", CONFIG["settings_publish"], "--fatal", CONFIG["publish_fatal"],
                "-o", output, *(["-D"] if debug else []), *extra_args()]
        report = authoring_build.build(argv, stream=sys.stdout, labels=False)
    if report.failed:
        count = len(report.problems)
        raise Exit(f"invoke check: {count} problem{'s' * (count != 1)}; fix "
                   f"{'them' if count != 1 else 'it'}, then run `invoke check` again.", code=1)
    print("invoke check: no problems; the site is ready to publish.")


@task(
    name="new-post",
    help={
        "title": "the post's title, in quotes",
        "date": "its date, YYYY-MM-DD HH:MM (default: now); a future date schedules it",
        "slug": "its address, if not made from the title (letters, digits and hyphens)",
    },
)
def new_post(c, title, date=None, slug=None):
    """Write content/posts/YYYY/slug.md with today's date and the metadata skeleton."""
    if title in ("-h", "--help"):
        # invoke hands a flag after the task to its positional title; answer it as help.
        program.print_task_help("new-post")
        return
    print(create_post(title, date=date, slug=slug))


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


def create_post(title, date=None, posts_path=None, slug=None):
    """Write the skeleton of a new post and return its path; never overwrite."""
    return authoring_new_post.create_post(
        title, posts_path or CONFIG["posts_path"], SETTINGS, date=date, slug=slug
    )


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
    except (Exit, SystemExit, subprocess.CalledProcessError):
        sys.stderr.write("livereload: the build failed (see above); fix it and save again.\n")


def extra_args():
    """Arguments after `--` on the invoke command line, passed through."""
    remainder = program.core.remainder if program.core else ""
    return shlex.split(remainder)


def pelican_run(cmd):
    """Build in-process; each problem is one line naming the file (tools/authoring/build)."""
    report = authoring_build.build([*shlex.split(cmd), *extra_args()])
    if report.failed:
        raise Exit(code=1)

