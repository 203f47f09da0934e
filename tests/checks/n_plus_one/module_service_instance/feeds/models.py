from django.db import models


class Author(models.Model):
    handle = models.CharField(max_length=60)
    remote = models.BooleanField(default=False)
    server = models.CharField(max_length=120, blank=True)


class Subscription(models.Model):
    reader = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="subscriptions")
    writer = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="subscribers")
