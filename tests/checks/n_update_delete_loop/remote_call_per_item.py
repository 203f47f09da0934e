# path: billing/reconcile.py
# stack: django
"""Reconciling invoices with a payment provider: the provider is asked
about each invoice, and the answer is saved on its row as it comes.
Without a request per invoice the rows are stamped one UPDATE at a time
for nothing."""
import requests
from django.db import models


class Invoice(models.Model):
    reference = models.CharField(max_length=40)
    state = models.CharField(max_length=20)


def set_state(invoice, state):
    Invoice.objects.filter(pk=invoice.pk).update(state=state)


def provider_status(reference):
    reply = requests.get("https://pay.example.com/v1/" + reference, timeout=15)
    return reply.json()


def reconcile(invoices):
    # look-alike: one request to the provider per invoice, through a
    # helper of the project
    for invoice in invoices:
        answer = provider_status(invoice.reference)
        set_state(invoice, answer["state"])


def refund(invoices):
    # look-alike: the request written in the loop
    for invoice in invoices:
        requests.post("https://pay.example.com/v1/refunds", json={"ref": invoice.reference}, timeout=15)
        set_state(invoice, "refunded")


def close_all(invoices):
    # positive: nothing remote per invoice
    for invoice in invoices:
        set_state(invoice, "closed")  # expect: n_update_delete_loop HIGH
