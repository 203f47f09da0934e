# path: catalogue/sync/remote_import.py
# stack: django
"""Importing from another service: when every pass already waits on an
HTTP request for that item (its details, its picture), the INSERT beside
it is not what the run costs, and the item is stored as soon as it has
arrived. A request made once for the whole list (the loop's iterable),
or on a branch the writing passes do not take, leaves the rows inserted
one by one for nothing."""
import requests
from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=40)
    title = models.CharField(max_length=200)


class Picture(models.Model):
    product_sku = models.CharField(max_length=40)
    url = models.URLField()


class Label(models.Model):
    name = models.CharField(max_length=60)


class ShopApi:
    def fetch(self, path):
        answer = requests.get("https://shop.example.net/api" + path, timeout=20)
        return answer.json()


def keep_picture(sku, url):
    return Picture.objects.create(product_sku=sku, url=url)


class RemoteImport:
    def __init__(self):
        self._api = ShopApi()

    def products(self, listing):
        # look-alike: each product's details come from the remote API
        for entry in listing:
            details = self._api.fetch("/products/%s" % entry["sku"])
            Product.objects.create(sku=entry["sku"], title=details["title"])

    def pictures(self, listing):
        # look-alike: a download per picture, the row through a helper
        for entry in listing:
            answer = requests.get(entry["picture"], timeout=20)
            keep_picture(entry["sku"], answer.url)

    def labels(self):
        # positive: the request is the iterable, made once; the passes
        # only insert
        for entry in self._api.fetch("/labels"):
            Label.objects.create(name=entry["name"])  # expect: missing_bulk_ops MEDIUM

    def mixed(self, listing):
        # positive: the request runs on the other branch, never on a
        # pass that writes
        for entry in listing:
            if entry.get("remote"):
                self._api.fetch("/products/%s" % entry["sku"])
            else:
                keep_picture(entry["sku"], entry["picture"])  # expect: missing_bulk_ops MEDIUM
