"""Settings for the test suite: the real settings with fast hashing and eager tasks."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("EMAIL_URL", "locmem:")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from tandem.settings import *  # noqa: E402, F403

# The MFA tests switch it on; the rest of the suite signs people in with a password alone.
MFA_REQUIRED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Static files are served from the finders in tests; there is no collected folder.
STATIC_ROOT = None
