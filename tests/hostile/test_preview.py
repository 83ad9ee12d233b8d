"""Door 8, the live preview's server (tools/preview/server.py): it serves regular files inside
output/ only, never through a symbolic link, a folder listing or a FIFO, and answers only
requests whose Host is the address it serves (a page elsewhere cannot read it by pointing a
name of its own at 127.0.0.1: DNS rebinding)."""

import http.client
import os
import socket

import pytest

from hostile.hostile_helpers import serving

SECRET_TEXT = "TOPSECRET"


@pytest.fixture
def output(tmp_path, secret):
    """A built site's output/, with what an attacker planted in it."""
    output = tmp_path / "output"
    (output / "real").mkdir(parents=True)
    (output / "index.html").write_text("<html><body><p>Home</p></body></html>")
    (output / "404.html").write_text("<html><body><p>Not here</p></body></html>")
    (output / "plain").mkdir()
    os.symlink(secret, output / "leak.txt")
    os.symlink(secret, output / "leak.html")
    os.symlink(secret.parent, output / "folder")
    os.symlink(secret, output / "real" / "index.html")
    os.mkfifo(output / "pipe")
    return output


def request(server, path, host=None, method="GET", raw=None):
    """(status, body) of one request; `host` None sends the server's own Host header."""
    host_name, port = server.server_address[:2]
    if raw is not None:  # a request line and headers exactly as given
        with socket.create_connection((host_name, port), timeout=10) as connection:
            connection.sendall(raw)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        return int(head.split()[1]), body.decode("utf-8", "replace")
    connection = http.client.HTTPConnection(host_name, port, timeout=10)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", f"{host_name}:{port}" if host is None else host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


HOSTS = {
    "another name": "evil.example",
    "another name, the right port": "evil.example:{port}",
    "the loopback address, another port": "127.0.0.1:{other}",
    "a name ending like the address": "127.0.0.1.evil.example:{port}",
    "a name starting with localhost": "localhost.evil.example:{port}",
    "an empty Host": "",
}


@pytest.mark.parametrize("case", HOSTS, ids=list(HOSTS))
@pytest.mark.parametrize("path", ["/", "/__preview/events"])
def test_a_request_for_another_host_is_refused(output, capsys, case, path):
    with serving(output) as server:
        port = server.server_address[1]
        host = HOSTS[case].format(port=port, other=port + 1)
        status, body = request(server, path, host=host)
    assert status == 403
    assert "Home" not in body
    assert capsys.readouterr().err.splitlines() == [
        f"preview: refused a request for Host {host!r}: only http://127.0.0.1:{port}/ is "
        "served"]


def test_a_request_without_a_host_is_refused(output):
    with serving(output) as server:
        status, body = request(server, None, raw=b"GET / HTTP/1.0\r\n\r\n")
    assert status == 403 and "Home" not in body


def test_a_head_request_for_another_host_is_refused(output):
    with serving(output) as server:
        status, _ = request(server, "/", host="evil.example", method="HEAD")
    assert status == 403


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}"])
def test_control_the_preview_answers_at_its_own_address(output, host):
    with serving(output) as server:
        status, body = request(server, "/", host=host.format(port=server.server_address[1]))
    assert status == 200 and "Home" in body


PATHS = {
    "a linked file": "/leak.txt",
    "a linked page": "/leak.html",
    "a file in a linked folder": "/folder/secret.txt",
    "a linked index.html": "/real/",
    "out of output/ with ..": "/../outside/secret.txt",
    "out with encoded dots": "/%2e%2e/outside/secret.txt",
    "out with encoded slashes": "/..%2f..%2foutside%2fsecret.txt",
    "out with backslashes": "/..%5coutside%5csecret.txt",
    "an absolute path": "//etc/passwd",
    "a NUL byte": "/index.html%00.txt",
}


@pytest.mark.parametrize("case", PATHS, ids=list(PATHS))
def test_nothing_but_a_regular_file_inside_output_is_served(output, case):
    with serving(output) as server:
        status, body = request(server, PATHS[case])
    assert status == 404
    assert SECRET_TEXT not in body and "root:x" not in body


def test_a_fifo_in_output_is_not_opened(output):
    # Opening a FIFO blocks until someone writes to it: the server would hang on it.
    with serving(output) as server:
        status, body = request(server, "/pipe")
    assert status == 404 and body.count("Not here") == 1


def test_a_folder_without_index_is_not_listed(output):
    with serving(output) as server:
        status, body = request(server, "/")
        listing_status, listing = request(server, "/plain/")
    assert status == 200
    assert listing_status == 404 and "Directory listing" not in listing


def test_a_linked_file_is_not_served_to_head_either(output):
    with serving(output) as server:
        status, _ = request(server, "/leak.txt", method="HEAD")
    assert status == 404


def test_a_linked_404_page_is_not_served_as_the_not_found_page(output, secret):
    (output / "404.html").unlink()
    os.symlink(secret, output / "404.html")
    with serving(output) as server:
        status, body = request(server, "/missing/")
    assert status == 404 and SECRET_TEXT not in body
