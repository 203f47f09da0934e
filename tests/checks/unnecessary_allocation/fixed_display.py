# path: billing/totals.py
"""A comprehension over a display written out in the source builds a list
of those few items whatever the data: nothing to gain from a generator.
One over the rows of the data, or a second `for` that multiplies the
display by the data, is the pattern the check is for."""


def invoice_total(invoice, lines):
    # Look-alikes: the list has two or three items, fixed by the source.
    fees = sum([getattr(invoice, name) for name in ("net", "tax", "fee")])
    ready = all([hasattr(invoice, name) for name in ["number", "issued_at"]])
    flags = any([f(invoice) for f in {callable, bool}])
    # Reported: one item per line of the invoice.
    gross = sum([line.amount for line in lines])  # expect: unnecessary_allocation LOW
    # Reported: a grouping, not a display, around the data.
    net = sum([line.net for line in (invoice.lines)])  # expect: unnecessary_allocation LOW
    # Reported: the display is concatenated with data.
    late = any([x.late for x in (invoice.first, invoice.last) + tuple(lines)])  # expect: unnecessary_allocation LOW
    # Reported: a second `for` runs over the data.
    tags = len([t for k in ("a", "b") for t in lines])  # expect: unnecessary_allocation LOW
    return fees, ready, flags, gross, net, late, tags


def reminders(invoices):
    for invoice in invoices:
        # Look-alike inside a loop: still two items each time.
        if any([getattr(invoice, d) is None for d in ("due_at", "sent_at")]):
            continue
        # Reported: a list per invoice over its items.
        if all([i.paid for i in invoice.items]):  # expect: unnecessary_allocation MEDIUM
            yield invoice
