"""Download one file from the old site, within limits, or say in one line why not.

- http and https only, and redirects only on the --media address's own scheme, host and
  port: a redirect elsewhere is not followed (nor are the credentials sent there);
- one deadline for the whole file (connection, headers and every read of the body), so a
  server that sends a byte a second cannot hold the import for ever;
- a size cap, checked against Content-Length before the body and against the bytes read;
- a body cut off before its Content-Length (or its last chunk) is discarded.

The caller writes into a temporary file and keeps it only when fetch() returns.
"""

import base64
import http.client
import ssl
import time
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
DEFAULT_SECONDS = 30.0
DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # far above any picture; a long video is too much
USER_AGENT = "spm-blog-wordpress-import"


class DownloadError(Exception):
    """Why a file could not be downloaded, in words for the report."""


@dataclass(frozen=True)
class Limits:
    seconds: float = DEFAULT_SECONDS  # for the whole file
    max_bytes: int = DEFAULT_MAX_BYTES


def origin(url):
    """(scheme, host, port) of `url`, the port made explicit."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.scheme, (parts.hostname or "").lower(), port


def without_credentials(url):
    """`url` as it may be printed: any user name and password taken out."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def authorization(url):
    """The Basic Authorization header for credentials in `url`, or None."""
    parts = urlsplit(url)
    if parts.username is None:
        return None
    pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


def _size(count):
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count:,} bytes"


class _Deadline:
    def __init__(self, seconds):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self):
        left = self.at - time.monotonic()
        if left <= 0:
            raise DownloadError(f"took longer than {self.seconds:g} s")
        return left


def fetch(url, out, limits, allowed_origin, auth=None):
    """Write the body at `url` to the binary file `out`; return its size in bytes.

    Raises DownloadError with a reason (never naming credentials).
    """
    deadline = _Deadline(limits.seconds)
    for _hop in range(MAX_REDIRECTS + 1):
        if origin(url) != allowed_origin:
            raise DownloadError(f"redirected to {without_credentials(url)}, another address "
                                "than the --media source's; not followed")
        try:
            location = _get(url, out, limits, deadline, auth)
        except TimeoutError:
            raise DownloadError(f"took longer than {limits.seconds:g} s") from None
        except http.client.IncompleteRead as error:
            raise DownloadError(f"cut off after {_size(len(error.partial))}") from None
        except (http.client.HTTPException, ssl.SSLError) as error:
            raise DownloadError(f"bad reply from the server ({type(error).__name__})") from None
        except OSError as error:
            raise DownloadError(f"cannot connect ({error.strerror or error})") from None
        if location is None:
            return out.tell()
        url = location
    raise DownloadError(f"more than {MAX_REDIRECTS} redirects")


def _get(url, out, limits, deadline, auth):
    """One request: None when the body was written, or the URL a redirect names."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port,
                                                 timeout=deadline.remaining())
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port,
                                                timeout=deadline.remaining())
    try:
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if auth:
            headers["Authorization"] = auth
        connection.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query
                                                         else ""), headers=headers)
        # Kept here: getresponse() hands a closing connection's socket to the response.
        sock = connection.sock
        sock.settimeout(deadline.remaining())
        response = connection.getresponse()
        if response.status in {301, 302, 303, 307, 308}:
            location = response.getheader("Location")
            if not location:
                raise DownloadError(f"HTTP {response.status} redirect without an address")
            return urljoin(url, location.strip())
        if response.status != 200:
            raise DownloadError(f"HTTP {response.status} {response.reason}")
        declared = response.getheader("Content-Length", "")
        expected = int(declared) if declared.strip().isdigit() else None
        if expected is not None and expected > limits.max_bytes:
            raise DownloadError(f"is {_size(expected)}, more than the cap of "
                                f"{_size(limits.max_bytes)} (--media-max-mb)")
        out.seek(0)
        out.truncate()
        received = 0
        while True:
            sock.settimeout(deadline.remaining())
            chunk = response.read1(CHUNK_BYTES)
            if not chunk:
                break
            received += len(chunk)
            if received > limits.max_bytes:
                raise DownloadError(f"is more than the cap of {_size(limits.max_bytes)} "
                                    "(--media-max-mb)")
            out.write(chunk)
            deadline.remaining()
        if expected is not None and received != expected:
            raise DownloadError(f"cut off after {_size(received)} of {_size(expected)}")
        return None
    finally:
        connection.close()
