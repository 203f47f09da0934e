# path: rules/serializers.py
# stack: django
"""Nested rule payloads carry a "delete" flag per item: reading that key
with dict.get() is a lookup in the request body, not a DELETE statement.
The purge below really deletes once per item and is still reported."""
from django.db import models
from rest_framework import serializers


class Rule(models.Model):
    name = models.CharField(max_length=50)


class RuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rule
        fields = ["name"]

    def _kept(self, rules):
        return [
            {"name": rule["name"], "children": self._kept(rule.get("children", []))}
            for rule in rules
            if not rule.get("delete")  # a key of the payload, no statement
        ]

    def _kept_loop(self, rules):
        out = []
        for rule in rules:
            if rule.get("DELETE"):  # a key of the payload, no statement
                continue
            out.append(rule)
        return out


def purge(payload):
    for rule in payload:
        if rule.get("delete"):
            Rule.objects.filter(name=rule["name"]).delete()  # expect: n_update_delete_loop HIGH
