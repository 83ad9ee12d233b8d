"""Personal data in a response's text or name, in its usual disguises: a response that holds
any is held back, never published.

Looked for in a normalised copy of the text: Unicode compatibility forms folded (a
full-width ＠ or ０ is an @ or a 0), invisible format characters dropped, HTML character
references and %40 decoded, every dash a hyphen. Then e-mail addresses written with
@, " at ", [at], (at), {at} or <at> (and "dot" for a dot), and phone numbers of 10 to 15
digits, or local ones such as 555-0100, with any of the usual separators and the letter O
for a zero. Holding back an ordinary number by mistake costs an editor a look; publishing
a reader's number cannot be undone.
"""

import html
import re
import unicodedata

_SYMBOL_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?i:at)\s*[\])}>]\s*)"
_SYMBOL_DOT = r"(?:\s?\.\s?|\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*|\s+(?i:dot)\s+)"
# Where "at" is a word, the dot is a dot or a word too, and the top-level domain is in
# lower case, so that "I was at home. Then" and "meet at noon.Then" are not addresses.
_WORD_DOT = r"(?:\.|\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*|\s+(?i:dot)\s+)"
EMAIL_ADDRESS = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{_SYMBOL_AT}[\w-]+(?:{_SYMBOL_DOT}[\w-]+)*?{_SYMBOL_DOT}[A-Za-z]{{2,24}}\b"
    rf"|(?<![\w.+-])[\w.+-]+\s+(?i:at)\s+[\w-]+(?:{_WORD_DOT}[\w-]+)*?{_WORD_DOT}[a-z]{{2,24}}\b"
)
_SEPARATOR = r"[\s().\-/_]"
# A run of digits (or O's standing for zeros) and separators; a separator is only taken
# when more digits follow, so a final "." or ")" is punctuation. Not followed by ":" and a
# digit: "2026-12-01 10:30" is a date and a time.
PHONE_CANDIDATE = re.compile(
    rf"(?<![\w])\+?\(?[\dOo](?:[\dOo]|{_SEPARATOR}(?={_SEPARATOR}*[\dOo]))*(?![\w]|:\d)")
LOCAL_PHONE = re.compile(r"^\d{3}[-./_]\d{4}$")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")


def normalised(text):
    """The text as a reader would read it: disguises undone (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = re.sub("%40", "@", text, flags=re.IGNORECASE)
    return re.sub("%2e", ".", text, flags=re.IGNORECASE).translate(_DASHES)


def personal_data(text):
    """What in `text` looks like personal data ("an e-mail address", "a phone number"), or
    None."""
    text = normalised(text)
    if EMAIL_ADDRESS.search(text):
        return "an e-mail address"
    for candidate in PHONE_CANDIDATE.findall(text):
        digits = sum(char.isdigit() or char in "Oo" for char in candidate)
        real = sum(char.isdigit() for char in candidate)
        if (10 <= digits <= 15 and real >= 6) or (
                LOCAL_PHONE.match(candidate.replace("O", "0").replace("o", "0")) and real >= 4):
            return "a phone number"
    return None
