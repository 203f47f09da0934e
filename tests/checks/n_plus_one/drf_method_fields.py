# path: ledger/api.py
# stack: django
"""A method field's get_<name>(self, obj) runs once per listed object: a
relation it reaches through obj is one query per row unless the list
view's queryset loaded it."""
from django.db import models
from rest_framework import generics, serializers, viewsets


class Account(models.Model):
    label = models.CharField(max_length=80)


class Entry(models.Model):
    memo = models.CharField(max_length=200)
    account = models.ForeignKey(Account, on_delete=models.CASCADE)


class Tag(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="tags")
    word = models.CharField(max_length=30)


class EntryOut(serializers.ModelSerializer):
    account_label = serializers.SerializerMethodField()
    tag_words = serializers.SerializerMethodField(method_name="words_of")

    class Meta:
        model = Entry
        fields = ["id", "memo", "account_label", "tag_words"]

    def get_account_label(self, entry):
        return entry.account.label

    def words_of(self, entry):
        return [t.word for t in entry.tags.all()]


class EntryPlain(serializers.ModelSerializer):
    short_memo = serializers.SerializerMethodField()
    account_key = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = ["id", "short_memo", "account_key"]

    def get_short_memo(self, entry):
        return entry.memo[:20]

    def get_account_key(self, entry):
        return entry.account_id


# positive: both method fields reach relations nothing loaded
class EntryList(generics.ListAPIView):
    queryset = Entry.objects.all()  # expect: n_plus_one HIGH
    serializer_class = EntryOut


# positive: the account is joined, the tags are not
class HalfLoadedEntries(viewsets.ReadOnlyModelViewSet):
    queryset = Entry.objects.select_related("account")  # expect: n_plus_one HIGH
    serializer_class = EntryOut


# look-alike: both relations loaded
class LoadedEntries(viewsets.ReadOnlyModelViewSet):
    queryset = Entry.objects.select_related("account").prefetch_related("tags")
    serializer_class = EntryOut


# look-alike: the methods read columns and the key only
class PlainEntries(generics.ListAPIView):
    queryset = Entry.objects.all()
    serializer_class = EntryPlain
