# path: crm/management/commands/link_accounts.py
# stack: django
"""An operator command that asks at the terminal for each remote account
which local user it belongs to: the loop is paced by the person typing,
one answer per item, so the lookup of each answer is no N+1. The same
command's loop that matches every remote account by e-mail without
asking, and a loop that only prompts before it starts, stay reported."""
import click
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from crm.models import Account, RemoteAccount


class Command(BaseCommand):
    def handle(self, *args, **options):
        bindings = {}
        for remote in RemoteAccount.objects.filter(linked=False):
            while True:
                answer = input("{}: ".format(remote.display_name))
                if answer == "":
                    break
                try:
                    bindings[remote.pk] = User.objects.get(username=answer)
                    break
                except User.DoesNotExist:
                    self.stdout.write("no such user")

        for remote in RemoteAccount.objects.filter(linked=False):
            owner_name = click.prompt(remote.display_name, default="")
            if owner_name:
                bindings[remote.pk] = User.objects.filter(username=owner_name).first()

        default_owner = input("Default owner: ")
        for remote in RemoteAccount.objects.filter(linked=False):
            bindings.setdefault(remote.pk, User.objects.filter(email=remote.email).first())  # expect: n_plus_one MEDIUM

        for remote in RemoteAccount.objects.filter(linked=True):
            Account.objects.filter(remote=remote).update(owner=default_owner)  # expect: n_update_delete_loop HIGH
        return str(len(bindings))
