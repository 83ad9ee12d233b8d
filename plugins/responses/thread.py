"""Thread stage: nest replies under their parents, then lay each thread out in page order.

Everything here is iterative: a chain of 1,000 replies must not meet Python's
recursion limit. The theme writes a thread as one flat loop over the page order:
per response it opens ``<ol class="children">`` when the response has replies, and
otherwise closes its ``<li>`` and ``closes`` enclosing reply lists.
"""

from collections import defaultdict


def thread(responses, max_depth):
    """Nest replies under their parents, oldest first; return {post slug: top-level list}.

    Like WordPress's Walker_Comment, replies to a response at `max_depth` continue at
    that depth, right after it, so no reply is dropped however deep the chain; each
    keeps its real parent in ``parent_response``. Assumes the validate stage found
    nothing wrong.
    """
    replies = defaultdict(list)
    top_level = defaultdict(list)
    by_id = {response.id: response for response in responses}
    for response in sorted(_without_removed_leaves(responses, by_id), key=by_date):
        response.children = []
        response.parent_response = by_id.get(response.parent)
        if response.parent is None:
            top_level[response.post].append(response)
        else:
            replies[response.parent].append(response)
    threads = {}
    for post, roots in top_level.items():
        placed = []
        # Each entry: responses still to place, their depth, the list they go in.
        stack = [(iter(roots), 1, placed)]
        while stack:
            pending, depth, siblings = stack[-1]
            response = next(pending, None)
            if response is None:
                stack.pop()
                continue
            response.depth = depth
            siblings.append(response)
            children = replies.get(response.id)
            if children:
                if depth < max_depth:
                    stack.append((iter(children), depth + 1, response.children))
                else:
                    stack.append((iter(children), depth, siblings))
        threads[post] = placed
    return threads


def _without_removed_leaves(responses, by_id):
    """The responses less those removed at their authors' request (type "removed") that no
    shown response replies to, however deep: a placeholder is only kept to hold replies."""
    holding = set()
    for response in responses:
        if response.type == "removed":
            continue
        parent = by_id.get(response.parent)
        while parent is not None and parent.id not in holding:
            holding.add(parent.id)
            parent = by_id.get(parent.parent)
    return [response for response in responses
            if response.type != "removed" or response.id in holding]


def by_date(response):
    """Sort key: the instant. Stable sorting keeps equal dates in the order of the file.
    Comparing floats, not datetimes whose offsets differ, is ten times quicker."""
    return response.date.timestamp()


def in_page_order(roots):
    """Every response of a thread, each reply right after its parent; sets ``closes``."""
    order = []
    stack = roots[::-1]
    while stack:
        response = stack.pop()
        order.append(response)
        stack.extend(response.children[::-1])
    for response, following in zip(order, [*order[1:], None], strict=True):
        next_depth = following.depth if following is not None else 1
        response.closes = 0 if response.children else response.depth - next_depth
    return order
