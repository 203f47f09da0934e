# path: catalog/services/restore.py
# stack: django djangorestframework
"""A helper that validates one item of an upload with a serializer built
from `data=` alone and saves it creates a row: called per item it is one
INSERT per row (missing_bulk_ops), not an UPDATE. A serializer built on
an existing `instance=` updates that row (n_update_delete_loop), and so
does a record loaded and saved."""
from catalog import serializers
from catalog.models import Product


def _restore_product(shop, item):
    validator = serializers.ProductSerializer(data=item)
    if validator.is_valid():
        validator.save(shop=shop)
    return validator


def _restore_tag(shop, item, serializer_class):
    tag_validator = serializer_class(data=item)
    if tag_validator.is_valid():
        tag_validator.save(shop=shop)


def _refresh_product(shop, item):
    current = Product.objects.get(shop=shop, sku=item["sku"])
    validator = serializers.ProductSerializer(instance=current, data=item)
    if validator.is_valid():
        validator.save()


def restore_products(shop, payload):
    for item in payload["products"]:
        _restore_product(shop, item)  # expect: missing_bulk_ops MEDIUM
    for item in payload["tags"]:
        _restore_tag(shop, item, serializers.TagSerializer)  # expect: missing_bulk_ops MEDIUM


def refresh_products(shop, payload):
    for item in payload["products"]:
        _refresh_product(shop, item)  # expect: n_update_delete_loop HIGH
