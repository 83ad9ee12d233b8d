"""Import readers' responses sent by e-mail into the comments JSON.

Stages, one small module each: read the mailbox (mailboxes.py), take one message
apart (message.py), find the post it answers (posts.py), build and append the
records (records.py), and put it together with the report (importer.py).
Nothing from the headers but Subject, Date and Message-ID is ever read.
"""
