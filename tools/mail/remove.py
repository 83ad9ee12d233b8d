"""Command line: python -m tools.mail.remove ID [--content DIR] [--comments PATH].

Removes a response at its author's request, through the comments store: its name and
text leave comments.json (and so the site and its search index at the next build); a
placeholder keeps its place when it has replies, which stay under it.
"""

import argparse
import sys

from responses.store import CommentsStore, StoreError, display_name, resolve_path

from .cli import add_store_options


def main(argv=None):
    """Remove the response and say what was removed. Returns the exit status."""
    parser = argparse.ArgumentParser(prog="invoke remove-response", description=__doc__)
    parser.add_argument("id", help="the response's id (its page anchor is #comment-ID)")
    add_store_options(parser)
    arguments = parser.parse_args(argv)
    store = CommentsStore(arguments.comments or resolve_path(None, arguments.content))
    try:
        removed = store.remove(arguments.id)
    except StoreError as error:
        if arguments.debug:
            raise
        print(f"remove-response: {error}; nothing was changed.", file=sys.stderr)
        return 1
    replies = sum(record.get("parent") == arguments.id for record in store.records())
    kept = (f"; its {replies} repl{'y stays' if replies == 1 else 'ies stay'} under a "
            "placeholder" if replies else "")
    print(f"remove-response: removed #comment-{arguments.id} on {removed['post']} "
          f"({removed['date']}, {removed['author'] or 'Anonymous'}) from "
          f"{display_name(store.path)}{kept}. Commit it; the next build takes it off the site "
          "and out of the search index.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
