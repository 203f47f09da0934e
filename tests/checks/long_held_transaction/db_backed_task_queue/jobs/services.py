from django.db import models, transaction
from django.utils import timezone

from jobs.tasks import push_counts, rebuild_counts


class Group(models.Model):
    closed_at = models.DateTimeField(null=True)


class Member(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    state = models.CharField(max_length=10)


# Look-alike: the handler's queue is a table of this database; the task row
# commits with the writes and nothing waits on another service.
def close_group(group):
    with transaction.atomic():
        group.closed_at = timezone.now()
        group.save(update_fields=["closed_at"])
        Member.objects.filter(group=group).update(state="leaving")
        rebuild_counts.delay(kwargs={"group_id": group.id})


# A Celery publish under the same writes is a round trip to the broker.
def close_group_now(group):
    with transaction.atomic():
        group.closed_at = timezone.now()
        group.save(update_fields=["closed_at"])
        Member.objects.filter(group=group).update(state="leaving")
        push_counts.delay(group.id)  # expect: long_held_transaction HIGH
