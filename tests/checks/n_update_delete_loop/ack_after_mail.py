# path: notify/management/commands/send_digests.py
# stack: django
"""A row marked (or removed) right after a mail went out for it records
that this one item is done: batching the writes would lose the record of
the mails already sent when the run stops half-way."""
import datetime

from django.core import mail
from django.core.management.base import BaseCommand
from django.db import models


class Subscriber(models.Model):
    email = models.EmailField()
    last_digest = models.DateField(null=True)


class Outbox(models.Model):
    to = models.EmailField()
    subject = models.CharField(max_length=100)
    body = models.TextField()


def send_digest(subscriber):
    mail.send_mail("Your digest", "...", "noreply@example.org", [subscriber.email])


class Command(BaseCommand):
    def handle(self, **options):
        today = datetime.date.today()
        # look-alike: the mail is sent, then the row is acknowledged
        for message in Outbox.objects.all()[:200]:
            mail.send_mail(message.subject, message.body, "noreply@example.org", [message.to])
            message.delete()
        # look-alike: the same through a helper that sends the mail
        for subscriber in Subscriber.objects.filter(last_digest__lt=today):
            send_digest(subscriber)
            subscriber.last_digest = today
            subscriber.save()
        # positive: nothing is sent; the rows are only stamped one by one
        for subscriber in Subscriber.objects.filter(last_digest__isnull=True):
            subscriber.last_digest = today
            subscriber.save()  # expect: n_update_delete_loop HIGH
