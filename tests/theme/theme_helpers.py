"""Constants and a layout probe for the theme tests (a module name no other folder uses)."""

from pathlib import Path

from sitebuild import SEED_SLUG, SEED_TITLE

__all__ = ["PER_PAGE", "SEED_PATH", "SEED_TITLE", "TEST_CONTENT", "line_length"]

TEST_CONTENT = Path(__file__).resolve().parent / "content"
SEED_PATH = f"2011/07/{SEED_SLUG}/"
PER_PAGE = 2


def line_length(page):
    """Characters per line of the first paragraph of a post, as laid out in `page`."""
    return page.evaluate(
        """() => {
            const p = document.querySelector('.post-content p');
            const probe = document.createElement('span');
            probe.textContent = p.textContent.slice(0, 200);
            probe.style.whiteSpace = 'nowrap';
            p.append(probe);
            const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
            probe.remove();
            return p.getBoundingClientRect().width / perChar;
        }"""
    )
