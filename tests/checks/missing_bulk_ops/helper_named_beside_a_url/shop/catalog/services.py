"""The catalog's own copy of the movement recorder, the one its view calls."""
from ..models import Movement


def record_movements(rows):
    for row in rows:
        Movement.objects.create(sku=row["sku"], delta=row["delta"])  # expect: missing_bulk_ops MEDIUM
