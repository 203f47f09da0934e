"""Saving the admin settings: one UPDATE per entry of a module-wide list.
Silent for the providers registered at import time (two, fixed by the
code). Reported for a list filled per stored row and for one that any
caller can append to."""
from flask import Flask, request

from . import models

try:
    from .providers import login_providers, webhook_targets, plugin_hooks
except ImportError:
    login_providers = []
    webhook_targets = []
    plugin_hooks = []

app = Flask(__name__)


@app.route("/admin/providers", methods=["POST"])
def save_providers():
    form = request.form
    for entry in login_providers:
        models.session.query(models.LoginProvider).filter(
            models.LoginProvider.id == entry["id"]).update({"enabled": bool(form.get(entry["name"]))})
    models.session.commit()  # expect: missing_rollback MEDIUM
    return "ok"


@app.route("/admin/webhooks", methods=["POST"])
def save_webhooks():
    form = request.form
    for entry in webhook_targets:
        models.session.query(models.Webhook).filter(  # expect: n_update_delete_loop HIGH
            models.Webhook.id == entry["id"]).update({"enabled": bool(form.get(str(entry["id"])))})
    models.session.commit()  # expect: missing_rollback MEDIUM
    return "ok"


@app.route("/admin/hooks", methods=["POST"])
def save_hooks():
    for entry in plugin_hooks:
        models.session.query(models.Webhook).filter(  # expect: n_update_delete_loop HIGH
            models.Webhook.id == entry["id"]).update({"enabled": True})
    models.session.commit()  # expect: missing_rollback MEDIUM
    return "ok"
