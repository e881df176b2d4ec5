"""The environment for a child process (manage.py, gunicorn) started by a test."""

import os

# Set by the test run itself (pytest-django, the live-server fixture), never by a real deployment.
TEST_RUN_VARIABLES = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def child_environment(overrides: dict[str, str | None]) -> dict[str, str]:
    """This process's environment without the test run's own variables, then ``overrides``.

    An override of None removes the variable.
    """
    env = {name: value for name, value in os.environ.items() if name not in TEST_RUN_VARIABLES}
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env
