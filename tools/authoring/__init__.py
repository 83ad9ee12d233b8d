"""Authors' tools behind the invoke tasks: the build that reports problems as one line
each (``build``), and the new-post scaffold (``new_post``)."""
