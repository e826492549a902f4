"""Fuzzing the API against its own OpenAPI schema with schemathesis: whatever a client
sends to any operation, Tandem answers without a server error. A bounded number of examples
per operation, so it runs in CI on both databases.

(The schema is walked here rather than through schemathesis's pytest loader, which does not
yet run under this pytest.)"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from schemathesis.checks import not_a_server_error

from api.models import SCOPES, ApiToken

EXAMPLES = 25


@pytest.fixture
def keep_test_connection():
    # A real WSGI server closes the database connection around each request; here that
    # would end the test's transaction, so do as Django's test client does.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_input_makes_a_server_error(cast, settings, keep_test_connection):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    _, raw = ApiToken.issue(
        trust=cast.trust_a, name="fuzz", scopes=list(SCOPES), by=cast.coordinator
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7
    calls = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @examples(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def run(case):
            # Aim at the cast's own school half the time, to reach past the 404s.
            school = (case.path_parameters or {}).get("school_id")
            if isinstance(school, int) and school % 2:
                case.path_parameters["school_id"] = cast.school_a.pk
            response = case.call_and_validate(
                headers={"Authorization": f"Bearer {raw}"}, checks=[not_a_server_error]
            )
            calls.append(response.status_code)

        run()
    assert len(calls) >= len(operations) * 5
    assert any(200 <= code < 300 for code in calls)
    assert any(code == 422 for code in calls)


@pytest.mark.parametrize("path", ["/api/v1/schools", "/api/v1/openapi.json"])
def test_the_api_answers_json_even_to_nonsense_headers(db, client, path):
    response = client.get(path, headers={"Authorization": "Bearer \x00\x01"})
    assert response.status_code in (200, 401)
