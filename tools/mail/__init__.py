"""Import readers' responses sent by e-mail into the comments JSON.

Stages, one small module each: read the mail (mailboxes.py for an exported mbox or Maildir,
imap.py for the editors' own folder of approved mail), take one message apart
(message.py; the reply protocol it reads is plugins/responses/reply.py), hold back personal
data (privacy.py), find the post it answers (posts.py), build the records (records.py), and
put it together with the report (importer.py). cli.py is `invoke import-responses`,
pull_request.py the hourly workflow's import, remove.py `invoke remove-response`.
Nothing from the headers but Subject, Date, Message-ID and X-Spam-Flag is ever read.
"""
