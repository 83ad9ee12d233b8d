"""Give the fixture's About page a thread, until the responses plugin threads pages itself.

Issue 11 item 4 makes the responses plugin attach ``responses``,
``responses_in_order``, ``response_count`` and ``title_text`` to pages as it does
to articles; that work is on another branch. Meanwhile the fixture keeps the
About page's responses on a hidden article, ``theme-test-about-thread``, which the
real plugin reads, checks and threads, and this module hands that thread to the
page, so the page template is tested with the plugin's own objects. Drop it (and
point the fixture's responses at the page) once pages have threads of their own.
"""

from pelican import signals

THREAD_HOLDER = "theme-test-about-thread"
PAGE = "about"


def hand_thread_to_page(generator):
    # Pelican's signals outlive a build: later in-process builds of other sites come here too.
    holder = next((article for article in generator.context.get("hidden_articles", [])
                   if article.slug == THREAD_HOLDER), None)
    page = next((page for page in generator.pages if page.slug == PAGE), None)
    if holder is None or page is None:
        return
    page.responses = holder.responses
    page.responses_in_order = holder.responses_in_order
    page.response_count = holder.response_count
    page.title_text = "About"


def register():
    signals.page_generator_finalized.connect(hand_thread_to_page)
