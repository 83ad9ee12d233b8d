"""Constants for the theme tests (a module name no other test folder uses)."""

from pathlib import Path

TEST_CONTENT = Path(__file__).resolve().parent / "content"
SEED_PATH = "2011/07/social-media-patients-and-physicians-a-sticky-wicket/"
SEED_TITLE = "Social media, patients, and physicians: a sticky wicket"
PER_PAGE = 2
