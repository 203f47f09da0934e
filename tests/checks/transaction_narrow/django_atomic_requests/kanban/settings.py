"""Every request runs in one transaction (ATOMIC_REQUESTS): a handler's
writes commit together."""
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "kanban",
        "ATOMIC_REQUESTS": True,
    }
}
