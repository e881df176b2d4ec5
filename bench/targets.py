"""What wrk loads: a page (GET, warmed first) or the letter POST that downloads a DOCX.

Each request wrk sends carries its own ``X-Forwarded-For`` address (bench/wrk_request.lua), as when
a bulletin sends every practice at once, so the per-address rate limits see many practices.
"""

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.wrk import lua_script, run_wrk

PAGE_TARGETS = ["home", "guidance_index", "guidance_item_many_blocks", "report", "search"]
LOAD_TARGETS = PAGE_TARGETS + ["letter_form", "docx_download"]


@dataclass(frozen=True)
class Target:
    """One prepared load: wrk's URL and script, and what a single request returned."""

    name: str
    url: str
    script: Path
    label: str
    bytes: int

    def sample(self, args) -> dict:
        """One wrk run against this target."""
        return run_wrk(self.url, args, self.script)


def fetch(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of one request (127.0.0.1 only)."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def csrf_for(url: str) -> tuple[str, str]:
    """The CSRF cookie and the form token from a GET of the letter form."""
    request = urllib.request.Request(url, headers={"X-Forwarded-For": "10.255.0.1"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        cookies = response.headers.get_all("Set-Cookie") or []
        html = response.read().decode()
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def prepare(base: str, name: str, found: dict, tmp: Path, tag: str) -> Target | dict:
    """A Target for ``name`` on the server at ``base``, or {"missing"|"error": why}."""
    if name == "docx_download":
        return _prepare_docx(base, found, tmp, tag)
    urls = found["urls"]
    if name not in urls:
        return {"missing": "this page does not exist yet"}
    url = urls[name]
    status, headers, body = fetch(base + url, headers={"X-Forwarded-For": "10.255.0.2"})
    if status != 200:
        return {"error": f"GET {url} answered {status}"}
    fetch(base + url, headers={"X-Forwarded-For": "10.255.0.2"})  # warm the cache, if any
    host = base.split("//", 1)[1]
    script = lua_script(tmp, f"{tag}-{name}", host=host, path=url)
    return Target(name=name, url=base + url, script=script, label=url, bytes=len(body))


def _prepare_docx(base: str, found: dict, tmp: Path, tag: str) -> Target | dict:
    data = found.get("docx_post")
    url = found["urls"].get("letter_form")
    if not data or "invalid" in data or not url:
        return {"missing": f"no valid letter POST ({data and data.get('invalid')})"}
    try:
        cookie, token = csrf_for(base + url)
    except (urllib.error.URLError, StopIteration, AttributeError) as error:
        return {"error": f"could not read the CSRF token from GET {url}: {error}"}
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
    headers = {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "10.255.0.3",
    }
    status, response_headers, content = fetch(base + url, body.encode(), headers)
    if status != 200 or not content.startswith(b"PK"):
        return {"error": f"POST {url} answered {status} {response_headers.get('Content-Type')}, not a DOCX"}
    host = base.split("//", 1)[1]
    script = lua_script(tmp, f"{tag}-docx", host=host, path=url, body=body, cookie=cookie)
    return Target(
        name="docx_download", url=base + url, script=script, label=f"POST {url}", bytes=len(content)
    )
