"""Login providers registered once, when the module is imported: two
appends, in a function that only the module itself calls, once. A loop
over this list makes as many passes as the code registers providers,
whatever the data holds."""
from . import models

login_providers = []
webhook_targets = []
plugin_hooks = []


def register_providers():
    rows = models.session.query(models.LoginProvider).all()
    login_providers.append(dict(id=rows[0].id, name="alpha"))
    login_providers.append(dict(id=rows[1].id, name="beta"))
    return login_providers


def load_webhooks():
    # one entry per stored row: grows with the data
    for row in models.session.query(models.Webhook).all():
        webhook_targets.append(dict(id=row.id, url=row.url))
    return webhook_targets


def add_hook(hook):
    # any caller, any time
    plugin_hooks.append(hook)


login_providers = register_providers()
webhook_targets = load_webhooks()
