# path: shop/views.py
# stack: django
"""A read behind a member of the row's own model class: a property or a
method that queries (here through the row's related manager), used once
per row of a queryset. Each use is one more query per row, as a lazy
relation is. Members that compute in memory, write, or are memoised per
key stay silent."""
from functools import lru_cache

from django.db import models
from django.http import JsonResponse


class Customer(models.Model):
    name = models.CharField(max_length=80)


class Basket(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    discount = models.IntegerField(default=0)

    @property
    def paid_lines(self):
        return self.lines.filter(paid=True).count()

    def has_open_lines(self):
        return self.lines.filter(paid=False).exists()

    @property
    def label(self):
        return f"basket {self.pk} ({self.discount}%)"

    def close(self):
        Line.objects.filter(basket=self, paid=False).delete()
        return self.lines.filter(paid=True).count()

    @lru_cache(maxsize=64)
    def cached_total(self):
        return self.lines.count()


class Line(models.Model):
    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="lines")
    paid = models.BooleanField(default=False)


def paid_summary(request):
    baskets = Basket.objects.filter(customer_id=request.GET["c"])
    total = sum(b.paid_lines for b in baskets)  # expect: n_plus_one HIGH
    return JsonResponse({"paid": total})


def open_baskets(request):
    out = []
    for basket in Basket.objects.all():
        if basket.has_open_lines():  # expect: n_plus_one HIGH
            out.append(basket.pk)
    return JsonResponse({"open": out})


# the property computes in memory: no query per row
def labels(request):
    return JsonResponse({"labels": [b.label for b in Basket.objects.all()]})


# the method writes: per-row writes are other checks' business, not a read
def close_all(request, customer_id):
    closed = 0
    for basket in Basket.objects.filter(customer_id=customer_id):
        closed += basket.close()
    return JsonResponse({"closed": closed})


# memoised per key: not judged a read per call
def totals(request):
    return JsonResponse({"t": [b.cached_total() for b in Basket.objects.all()]})


# the bound method is handed on, not called per row
def hooks(request):
    checks = [b.has_open_lines for b in Basket.objects.all()]
    return JsonResponse({"n": len(checks)})
