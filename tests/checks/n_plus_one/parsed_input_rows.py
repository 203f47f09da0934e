# path: inventory/importing.py
# stack: django
"""One query per row of parsed input (CSV rows, JSON lines of an uploaded
file) grows with the input, as much as one per row of another query."""
import csv
import io
import json

from django.db import models


class Warehouse(models.Model):
    name = models.CharField(max_length=60)


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE)
    sku = models.CharField(max_length=30)
    quantity = models.IntegerField(default=0)


def check_upload(text, warehouse):
    rows = csv.reader(io.StringIO(text))
    unknown = []
    for row in rows:
        known = Stock.objects.filter(warehouse=warehouse, sku=row[0]).exists()  # expect: n_plus_one MEDIUM
        if not known:
            unknown.append(row[0])
    return unknown


def check_dict_upload(text):
    missing = []
    for record in csv.DictReader(io.StringIO(text)):
        if Warehouse.objects.filter(name=record["warehouse"]).count() == 0:  # expect: n_plus_one MEDIUM
            missing.append(record["warehouse"])
    return missing


def load_counts(path):
    totals = {}
    with open(path) as handle:
        for line in handle:
            entry = json.loads(line)
            stock = Stock.objects.filter(sku=entry["sku"]).first()  # expect: n_plus_one MEDIUM
            totals[entry["sku"]] = stock.quantity if stock else 0
    return totals


def header_only(text, warehouse):
    # look-alike: the query names nothing of the row; it runs once
    rows = csv.reader(io.StringIO(text))
    out = []
    for row in rows:
        out.append(row[0])
    known = Stock.objects.filter(warehouse=warehouse, sku__in=out).count()
    return known


def check_upload_batched(text, warehouse):
    # look-alike: the keys are collected and looked up in one query
    rows = list(csv.reader(io.StringIO(text)))
    skus = [row[0] for row in rows]
    known = set(Stock.objects.filter(warehouse=warehouse, sku__in=skus).values_list("sku", flat=True))
    return [row[0] for row in rows if row[0] not in known]


def read_settings(path):
    # look-alike: lines of a settings file, no query per line
    values = {}
    with open(path) as handle:
        for line in handle:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values
