# path: members/management/commands/warn_dormant.py
# stack: django
"""A command that warns each dormant member, one at a time and paced
by a pause, stamps the row as each warning goes out: the run is slow on
purpose, and the stamp records the member just handled. Without a wait
per item, stamping row by row is one UPDATE per row for nothing."""
import time

from django.core.management.base import BaseCommand
from django.db import models


class Member(models.Model):
    email = models.EmailField()
    warned_at = models.DateTimeField(null=True)
    score = models.IntegerField(default=0)


def log_line(text):
    return text.strip()


def recount(member):
    return Member.objects.filter(email=member.email).count()


class Command(BaseCommand):
    def throttle(self):
        time.sleep(2)

    def handle(self, **options):
        # look-alike: a pause per member (a helper that only sleeps)
        for member in Member.objects.filter(warned_at__isnull=True):
            member.warned_at = "2026-01-01"
            member.save()
            self.throttle()
        # look-alike: the same with the sleep written in the loop
        for member in Member.objects.filter(score__lt=0):
            member.score = 0
            member.save()
            time.sleep(1)
        # positive: the helper called per row reads the database; it is
        # no wait, the rows are only stamped one by one
        for member in Member.objects.filter(score__gt=100):
            member.score = recount(member)  # expect: n_plus_one MEDIUM
            member.save()  # expect: n_update_delete_loop HIGH
        # positive: a helper that neither blocks nor touches rows
        for member in Member.objects.filter(score=0):
            member.warned_at = log_line(" none ")
            member.save()  # expect: n_update_delete_loop HIGH
