"""Thread stage: check how responses refer to posts and to each other, then nest replies.

Everything here is iterative: a chain of 1,000 replies must not meet Python's
recursion limit.
"""

from collections import defaultdict

from .problems import Problem


def check_references(responses, unusable_ids, line_of):
    """Problems with ids and parents, each naming file, line, id and field.

    `unusable_ids` are ids of records already reported as invalid.
    """
    problems = []

    def problem(response, field, message):
        problems.append(Problem(response.source, line_of(response), response.id, field, message))

    by_id = {}
    for response in responses:
        first = by_id.setdefault(response.id, response)
        if first is not response:
            problem(response, "id", f"is used twice; first in {first.source}")
        elif response.id in unusable_ids:
            problem(response, "id", "is used twice (the other record is invalid)")
    for response in responses:
        if response.parent is None or by_id.get(response.id) is not response:
            continue
        parent = by_id.get(response.parent)
        if parent is None:
            if response.parent not in unusable_ids:
                problem(
                    response, "parent", f"names no response: there is no id {response.parent!r}"
                )
        elif parent.post != response.post:
            problem(
                response,
                "parent",
                f"names response {parent.id!r}, which is on post {parent.post!r},"
                f" not {response.post!r}",
            )
    problems.extend(_cycles(by_id, line_of))
    return problems


def _cycles(by_id, line_of):
    """One problem per cycle of parents, found by walking up from every response once."""
    problems = []
    finished = set()
    for start in by_id:
        path, on_path = [], set()
        node = start
        while node in by_id and node not in finished:
            if node in on_path:
                cycle = path[path.index(node) :]
                first = by_id[cycle[0]]
                chain = " → ".join([*cycle, cycle[0]])
                problems.append(
                    Problem(
                        first.source, line_of(first), first.id, "parent",
                        f"makes a cycle of replies: {chain}",
                    )
                )
                break
            on_path.add(node)
            path.append(node)
            node = by_id[node].parent
        finished.update(path)
    return problems


def check_posts(responses, article_slugs, line_of):
    """Problems with responses whose post is not an article of the site.

    `article_slugs` holds every article's slug (drafts and hidden ones too: a
    response to a draft is kept for when it is published).
    """
    return [
        Problem(response.source, line_of(response), response.id, "post",
                f"names no article: no article has the slug {response.post!r}")
        for response in responses
        if response.post not in article_slugs
    ]


def thread(responses, max_depth):
    """Nest replies under their parents, oldest first; return {post slug: top-level list}.

    Like WordPress's Walker_Comment, replies to a response at `max_depth`
    continue at that depth, right after it, so no reply is dropped however deep
    the chain. Assumes check_references found nothing.
    """
    replies = defaultdict(list)
    top_level = defaultdict(list)
    by_id = {response.id: response for response in responses}
    # sorted() is stable, so equal dates keep the order of the file.
    for response in sorted(responses, key=lambda response: response.date):
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
