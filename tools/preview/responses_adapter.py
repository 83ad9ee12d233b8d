"""The one place the preview knows about the responses plugin's article attributes.

A post re-read on its own has no thread yet: the plugin attaches threads to
every article at the end of a whole build (``article_generator_finalized``).
When only the post's body, title or summary changed, its thread is the one its
previous version carried, so it is carried over; any change that could move a
thread (a new slug, a new comments file) takes the whole-build road instead.
"""

# What responses.attach_responses gives every article (see its docstring).
CARRIED = ("responses", "responses_in_order", "response_count")


def carry_responses(old, new, context):
    """Give `new` the thread `old` had, and point the recent-responses list at `new`."""
    for name in CARRIED:
        if hasattr(old, name):
            setattr(new, name, getattr(old, name))
    if hasattr(old, "title_text"):
        from responses.sanitise import plain_text  # the plugin's own title rule

        new.title_text = plain_text(new.title)
    for response in context.get("recent_responses", []):
        if getattr(response, "article", None) is old:
            response.article = new
