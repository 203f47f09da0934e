# path: catalog/sync.py
# stack: django
"""A loop that saves row by row only after one bulk statement failed is
the fallback of that bulk path, not the normal cost per row."""
from django.db import IntegrityError, models


class Product(models.Model):
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)


def store_batch(products):
    # look-alike: one bulk INSERT; one row at a time only if it failed
    try:
        Product.objects.bulk_create(products)
    except IntegrityError:
        for product in products:
            try:
                product.save()
            except IntegrityError:
                pass


def store_names(products):
    # look-alike: the same, with the failure caught broadly and an UPDATE
    # per row as the fallback of a bulk_update
    try:
        Product.objects.bulk_update(products, ["name"])
    except Exception:
        for product in products:
            Product.objects.filter(code=product.code).update(name=product.name)


def rename_all(products):
    # positive: no bulk statement in the try: every call writes per row
    try:
        for product in products:
            Product.objects.filter(code=product.code).update(name=product.name)  # expect: n_update_delete_loop HIGH
    except IntegrityError:
        pass


def retry_rename(products):
    # positive: the except retries one statement per row, but the try did
    # not write in bulk (it only read)
    try:
        known = Product.objects.filter(code__in=[p.code for p in products]).count()
    except Exception:
        known = 0
        for product in products:
            Product.objects.filter(code=product.code).update(name=product.name)  # expect: n_update_delete_loop HIGH
    return known
