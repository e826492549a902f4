"""Fuzzing every form: for each page of the permission matrix, the person allowed to open it
posts generated values (empty, text, odd numbers and dates, unicode, a valid option) into
every field of every form on it. Whatever is sent, the answer is never a server error.
Bounded (a few examples a form) so it runs in CI on both databases."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from tests.test_permissions import MATRIX

EXAMPLES = 4
# Downloads and feeds have no forms; the API has its own fuzzing.
SKIP = {"evaluation_download", "my_data_download", "programme_export"}


class Forms(HTMLParser):
    """The POST forms of a page: action and fields, with the options of choice fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.forms.append({"action": a.get("action") or "", "fields": {}})
        elif not self.forms:
            return
        elif tag in ("input", "textarea") and a.get("name"):
            if a["name"] == "csrfmiddlewaretoken" or a.get("type") == "file":
                return
            options = self.forms[-1]["fields"].setdefault(a["name"], [])
            if a.get("type") in ("radio", "checkbox", "hidden") and a.get("value") is not None:
                options.append(a["value"])
        elif tag == "select" and a.get("name"):
            self._select = self.forms[-1]["fields"].setdefault(a["name"], [])
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


ODD = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "99999999999",
        "1.5",
        "2026-02-30",
        "31/12/1899",
        "<script>",
        "x" * 500,
        "'; DROP TABLE x;--",
        "\u202e\u0000",
        "NaN",
        "2026-11-23",
    ]
)


def _value(options):
    strategies = [ODD, st.text(max_size=40)]
    if options:
        strategies.append(st.sampled_from(options))
    return st.one_of(*strategies)


def _cases():
    for name, args, expected in MATRIX:
        if name in SKIP:
            continue
        allowed = [m for m, status in expected.items() if status == 200 and m != "*"]
        member = allowed[0] if allowed else ("ect" if expected.get("*") == 200 else None)
        if member:
            yield pytest.param(name, args, member, id=f"{name}-{member}")


@pytest.mark.parametrize(("name", "args", "member"), list(_cases()))
def test_no_form_input_makes_a_server_error(client, cast, name, args, member):
    client.force_login(getattr(cast, member))
    url = reverse(name, args=args(cast))
    page = client.get(url)
    assert page.status_code == 200
    parser = Forms()
    parser.feed(page.content.decode())
    for form in parser.forms:
        _fuzz(client, form["action"] or url, form["fields"])


def _fuzz(client, target: str, fields: dict) -> None:
    @given(data=st.fixed_dictionaries({k: _value(v) for k, v in fields.items()}))
    @examples(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def post(data):
        response = client.post(target, data)
        assert response.status_code < 500, (target, data)

    post()
