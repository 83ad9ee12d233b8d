"""Tasks for building, previewing and publishing the society's blog (run with `invoke`)."""

import functools
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import invoke
from invoke import Exit
from invoke.main import program
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import get_settings_from_file

from tools import deploy
from tools.authoring import build as authoring_build
from tools.authoring import new_post as authoring_new_post
from tools.config import CONFIG, ROOT, SETTINGS


def task(*args, **kwargs):
    """invoke's @task, with `invoke TASK --help` (or -h) answered as help for every task:
    invoke hands a flag after the task name to the task's first positional argument (the
    title of new-post, the export of import-wordpress) instead."""
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return task()(args[0])

    def declare(body):
        name = kwargs.get("name", body.__name__.replace("_", "-"))

        @functools.wraps(body)
        def run(c, *values, **options):
            if any(value in ("-h", "--help") for value in (*values, *options.values())):
                program.print_task_help(name)
                return None
            return body(c, *values, **options)

        return invoke.task(*args, **kwargs)(run)

    return declare


@task
def clean(c):
    """Remove generated files."""
    shutil.rmtree(CONFIG["deploy_path"], ignore_errors=True)
    shutil.rmtree(SETTINGS["CACHE_PATH"], ignore_errors=True)


@task
def build(c):
    """Build the local version of the site, then its search index."""
    pelican_run(pelican_settings())
    index_search(CONFIG["deploy_path"])


@task
def rebuild(c):
    """`build` with the delete switch."""
    pelican_run(["-d", *pelican_settings()])
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


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Serve the site from one process that keeps it in memory; update it on every save."""
    from tools.preview.cli import main as preview_main

    preview_main(["--settings", CONFIG["settings_base"], "--host", CONFIG["host"],
                  "--port", str(port)])


@task(help={"port": "the preview's port, where /admin/ is (default 8000; 0: any free port)"})
def cms(c, port=CONFIG["port"]):
    """Write in the browser: /admin/ on this computer, saving into the working tree."""
    from tools.cms.run import main as cms_main

    run_tool(cms_main, ["--root", str(ROOT), "--port", str(port)])


@task(help={
    "output": "the folder to build into (default output/)",
    "siteurl": "the address the site is browsed at, e.g. http://127.0.0.1:8000 to check a "
               "production build locally with `invoke serve` (default: the published address)",
})
def preview(c, output=None, siteurl=None):
    """Build the production version of the site (publish settings)."""
    output = output or CONFIG["deploy_path"]
    arguments = pelican_settings(publish=True)
    if siteurl:
        siteurl = json.dumps(siteurl.rstrip("/"))
        arguments += ["-e", f"SITEURL={siteurl}", f"FEED_DOMAIN={siteurl}"]
    pelican_run([*arguments, "-o", output])
    index_search(output)


@task(help={"debug": "show Python's tracebacks too"})
def check(c, debug=False):
    """Check the site as the publish build would: one line per problem, exit 1 on any."""
    with tempfile.TemporaryDirectory(prefix="spm-check-") as output:
        argv = [*pelican_settings(publish=True), "-o", output, *options_given({"-D": debug}),
                *extra_args()]
        report = authoring_build.build(argv, stream=sys.stdout, labels=False, scratch=True,
                                       summary=False)
    for line in authoring_build.scheduled_lines(report, SETTINGS["TIMEZONE"]):
        print(line)
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
    print(create_post(title, date=date, slug=slug))


@task(name="gh-pages", help={
    "remote": "the git remote to push to (default origin)",
    "branch": "the branch GitHub Pages serves (default gh-pages)",
})
def gh_pages(c, remote=None, branch=None):
    """Publish the committed site to GitHub Pages; push nothing when nothing changed."""
    remote = remote or CONFIG["github_pages_remote"]
    branch = branch or CONFIG["github_pages_branch"]
    # Only committed work: what is published is what `git log` says was.
    if changed := deploy.uncommitted(ROOT):
        listed = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if changed[5:] else "")
        raise Exit(f"gh-pages: refused: the working tree has changes that are not committed "
                   f"({listed}); commit or stash them, then publish again. Nothing was "
                   "published.", code=1)
    commit = deploy.head_commit(ROOT)
    print(f"gh-pages: publishing commit {commit} (the working tree is clean)")
    # Build into a fresh folder: a failed build leaves nothing for ghp-import.
    with tempfile.TemporaryDirectory(prefix="spm-publish-") as output:
        preview(c, output=output)
        publish_settings = get_settings_from_file(CONFIG["settings_publish"])
        try:
            pushed = deploy.publish(
                output, repository=ROOT, remote=remote, branch=branch,
                message=CONFIG["commit_message"].format(commit=commit),
                cname=publish_settings.get("CNAME", ""))
        except deploy.PublishError as error:
            raise Exit(f"gh-pages: {error}; nothing was published.", code=1) from None
    if pushed:
        print(f"gh-pages: pushed {publish_settings['SITEURL']} (commit {pushed[:7]}) to "
              f"{remote} {branch}")
    else:
        print(f"gh-pages: {remote} {branch} already serves this site; nothing pushed")


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
            pelican_run([CONFIG["theme_sample_path"], "-o", str(output), *pelican_settings()])
            index_search(output)
        for path in take(output, folder or CONFIG["screenshots_path"], CONFIG["chromium"],
                         CONFIG["chromium_args"]):
            print(path)


@task(help={
    "posts": "synthetic posts to generate (default 4000; 200 with --hostile)",
    "responses": "synthetic responses to generate (default 20000)",
    "runs": "alternating rounds; the report gives medians of pairs (default 5; 3 with --images)",
    "report": "where to write the report (default docs/benchmarks.md)",
    "livereload": "time `invoke livereload`'s edits in Chromium instead (tools/bench)",
    "images": "measure a post with five phone photos instead: bytes, Lighthouse, build cost "
              "(tools/bench/images.py, docs/benchmarks-images.md); --runs rounds (default 3)",
    "hostile": "time hostile comments files against valid ones (tools/bench/hostile.py, "
               "docs/benchmarks-hostile.md)",
}, auto_shortflags=False)  # -h is help, not --hostile
def bench(c, posts=None, responses=None, runs=0, report=None, livereload=False,
          images=False, hostile=False):
    """Benchmark builds at archive scale and write docs/benchmarks.md (tools/bench)."""
    module = ("tools.bench.images" if images else "tools.bench.livereload" if livereload
              else "tools.bench.hostile" if hostile else "tools.bench")
    # Each mode has its own defaults (200 posts with --hostile, 3 rounds with --images);
    # --images takes no archive size, --livereload no rounds and no report.
    size = {"--posts": posts, "--responses": responses}
    rounds = {"--runs": runs or None, "--report": report}
    given = rounds if images else size if livereload else {**size, **rounds}
    command = [sys.executable, "-m", module, *options_given(given), *extra_args()]
    with c.cd(str(ROOT)):
        c.run(shlex.join(command), pty=False)


@task(
    name="import-wordpress",
    help={
        "wxr": "the WordPress export (WXR 1.1 or 1.2)",
        "content": "content folder to write into (default: content/)",
        "force": "replace files that differ from the export (the report names each)",
        "media": "the old uploads folder: a copy of it, or its http(s) URL (files go to media/)",
        "media-cache": "where downloads are kept (default: cache/wordpress-media/)",
        "media-timeout": "seconds a whole download may take (default 30)",
        "media-max-mb": "largest file to download, in MB (default 100)",
        "debug": "show Python's tracebacks too",
    },
)
def import_wordpress(c, wxr, content=None, force=False, media=None, media_cache=None,
                     media_timeout=None, media_max_mb=None, debug=False):
    """Import a WordPress export: posts, pages, responses, media, redirects for old links."""
    from tools.wordpress.cli import main as import_main

    arguments = ["--wxr", wxr, "--content", content or CONFIG["content_path"],
                 "--timezone", SETTINGS["TIMEZONE"], *options_given({
                     "--media": media, "--media-cache": media_cache,
                     "--media-timeout": media_timeout, "--media-max-mb": media_max_mb,
                     "--force": force, "--debug": debug})]
    run_tool(import_main, arguments)


@task(
    name="import-responses",
    help={
        "mailbox": "the approved messages: an mbox file or a Maildir folder",
        "imap": "the folder of approved mail, imaps://USER@HOST[:PORT]/FOLDER (default: the "
                "setting RESPONSES_IMAP_URL); the password is read from RESPONSES_IMAP_PASSWORD",
        "content": "content folder whose comments.json gets the responses (default: content/)",
        "debug": "show Python's tracebacks too",
    },
)
def import_responses(c, mailbox=None, imap=None, content=None, debug=False):
    """Add the responses mailed by readers (approved by an editor) to comments.json."""
    from tools.mail.cli import main as import_main
    from tools.mail.cli import site_arguments

    imap = imap or (None if mailbox else SETTINGS.get("RESPONSES_IMAP_URL"))
    if not (mailbox or imap):
        raise Exit("invoke import-responses: give --mailbox PATH or --imap URL (or set "
                   "RESPONSES_IMAP_URL in pelicanconf.py)", code=1)
    source = ["--mailbox", mailbox] if mailbox else ["--imap", imap]
    run_tool(import_main, [*source, *site_arguments(SETTINGS, content or CONFIG["content_path"]),
                           *options_given({"--debug": debug})])


@task(
    name="remove-response",
    help={"id": "the response's id (its page anchor is #comment-ID)",
          "content": "content folder whose comments.json holds it (default: content/)"},
)
def remove_response(c, id, content=None):
    """Remove a response at its author's request; replies to it stay under a placeholder."""
    from tools.mail.cli import store_arguments
    from tools.mail.remove import main as remove_main

    run_tool(remove_main, [id, *store_arguments(SETTINGS, content or CONFIG["content_path"])])


@task(
    name="audit-migration",
    help={
        "wxr": "the WordPress export the site was migrated from",
        "site": "the built site to check (default: output/, as `invoke preview` builds it)",
        "media": "a copy of the old site's uploads folder: every copy in the site must be made "
                 "from its original there",
        "all": "list every occurrence of each problem, not only a few examples",
    },
)
def audit_migration(c, wxr, site=None, media=None, all=False):  # noqa: A002 - the flag's name
    """Check a built site against the WordPress export; exit 1 listing every failure."""
    from tools.audit.cli import main as audit_main

    arguments = ["--wxr", wxr, "--site", site or CONFIG["deploy_path"],
                 "--max-depth", str(SETTINGS.get("RESPONSES_MAX_DEPTH", 5)),
                 *options_given({"--media": media, "--all": all})]
    run_tool(audit_main, arguments)


def create_post(title, date=None, posts_path=None, slug=None):
    """Write the skeleton of a new post and return its path; never overwrite."""
    return authoring_new_post.create_post(
        title, posts_path or CONFIG["posts_path"], SETTINGS, date=date, slug=slug
    )


def index_search(output):
    """Index the built site with Pagefind so the search page works without a server."""
    if not SETTINGS.get("SEARCH_ENABLED"):
        return
    from tools.preview.search import pagefind_command

    subprocess.run(pagefind_command(output), check=True)


def run_tool(main, arguments):
    """Run one of tools/' command lines in-process; a non-zero status is the task's too."""
    if status := main(arguments):
        raise Exit(code=status)


def options_given(options):
    """A tool's command-line options from a task's: `--name value` for each value given,
    `--name` alone for each switch that is on; None and off switches are left out."""
    arguments = []
    for name, value in options.items():
        if value is True:
            arguments.append(name)
        elif value is not None and value is not False:
            arguments += [name, str(value)]
    return arguments


def pelican_settings(publish=False):
    """`-s` and `--fatal` of the local build (errors stop it) or of the publish build
    (warnings too): build, rebuild, screenshots; preview, check and gh-pages."""
    if publish:
        return ["-s", CONFIG["settings_publish"], "--fatal", CONFIG["publish_fatal"]]
    return ["-s", CONFIG["settings_base"], "--fatal", CONFIG["local_fatal"]]


def extra_args():
    """Arguments after `--` on the invoke command line, passed through."""
    remainder = program.core.remainder if program.core else ""
    return shlex.split(remainder)


def pelican_run(arguments):
    """Build in-process; each problem is one line naming the file (tools/authoring/build)."""
    report = authoring_build.build([*arguments, *extra_args()])
    if report.failed:
        raise Exit(code=1)

