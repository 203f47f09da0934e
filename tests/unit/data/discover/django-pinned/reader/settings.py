import os

import dj_database_url

# The primary keeps its connections and pools them through psycopg.
DATABASES: dict = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "reader"),
        "CONN_MAX_AGE": 10 * 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"pool": {"min_size": 2, "max_size": 10}},
    },
    # reports read here: Django's defaults, one connection per request
    "reports": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "reader_reports",
    },
    "archive": dj_database_url.parse(os.environ.get("ARCHIVE_URL", "")),
}

# a use, not an assignment: no engine
if DATABASES["default"]["NAME"] == "":
    raise SystemExit("DB_NAME is empty")
