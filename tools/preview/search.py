"""The Pagefind search index of the preview, rebuilt whole once edits pause.

Pagefind adds new index files beside the old ones and never removes any, so
each run writes a fresh folder next to output/ and it replaces
output/pagefind/ only when complete: the index in output/ is always the one a
clean `invoke build` of the same pages writes, and search works meanwhile.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

FOLDER = "pagefind"


def pagefind_command(site, output_path=None, silent=True):
    """Pagefind's command line over the built site in `site`: the index goes to site/pagefind/,
    or to `output_path` (`invoke build`'s index_search, this preview, the benchmark)."""
    from pagefind_bin import get_executable

    return [str(get_executable()), "--site", str(site),
            *(["--output-path", str(output_path)] if output_path else []),
            *(["--silent"] if silent else [])]


class SearchIndex:
    def __init__(self, output):
        self.output = Path(output)
        self.process = self.fresh = None

    def start(self):
        """Start Pagefind over output/; poll() says when it is done."""
        self.fresh = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=self.output.parent))
        self.process = subprocess.Popen(pagefind_command(self.output, self.fresh / FOLDER))
        return self

    def poll(self):
        return self.process.poll()

    def finish(self):
        """Put the fresh index in place; True when Pagefind succeeded."""
        ok = self.process.wait() == 0
        if ok:
            current = self.output / FOLDER
            retired = self.fresh / "retired"
            if current.exists():
                current.rename(retired)
            (self.fresh / FOLDER).rename(current)
        shutil.rmtree(self.fresh, ignore_errors=True)
        return ok

    def abort(self):
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.fresh, ignore_errors=True)
