"""The one place the preview knows about the responses plugin's article attributes.

A post re-read on its own has no thread yet: the plugin attaches threads to
every article at the end of a whole build (``all_generators_finalized``).
When only the post's body, title or summary changed, its thread is the one its
previous version carried, so it is carried over; any change that could move a
thread (a new slug, a new comments file) takes the whole-build road instead,
where the plugin attaches everything itself.
"""

from site_facts import display_title

# What the plugin's attach stage (responses/attach.py) gives every article.
CARRIED = ("responses", "responses_in_order", "response_count")


def carry_responses(old, new, context):
    """Give `new` the thread `old` had; False when that cannot be done here (the caller then
    rebuilds the whole site, and the plugin attaches the threads itself)."""
    if hasattr(old, "title_text"):
        new.title_text = display_title(new)
    for name in CARRIED:
        if hasattr(old, name):
            setattr(new, name, getattr(old, name))
    for response in context.get("recent_responses", []):
        if getattr(response, "article", None) is old:
            response.article = new
    return True
