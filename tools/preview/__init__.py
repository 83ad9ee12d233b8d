"""`invoke livereload`: one long-lived process that keeps the built site in memory.

site.py holds Pelican's generators and the articles as read; writer.py writes a
file only when its bytes change; server.py serves output/ and tells open pages
to reload; watch.py turns the operating system's change events into updates;
cli.py starts it all.
"""
