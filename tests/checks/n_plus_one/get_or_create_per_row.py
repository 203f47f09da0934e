# path: inventory/sync.py
# stack: django
"""get_or_create per item is a read per item (and an insert per missing one)."""
from django.db import models


class Supplier(models.Model):
    code = models.CharField(max_length=20, unique=True)


class Part(models.Model):
    sku = models.CharField(max_length=40, unique=True)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT)


class StockedPart(models.Model):
    sku = models.CharField(max_length=40)


def sync_stocked_parts() -> int:
    created = 0
    for part in Part.objects.filter(supplier__code="ACME"):
        _obj, new = StockedPart.objects.get_or_create(sku=part.sku)  # expect: n_plus_one MEDIUM
        created += new
    return created


def ensure_suppliers() -> None:
    # look-alike: two fixed codes
    for code in ("ACME", "GLOBEX"):
        Supplier.objects.get_or_create(code=code)
