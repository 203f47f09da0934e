from celery import shared_task

from feeds import models
from feeds.timeline import timeline


@shared_task
def forget_server(server):
    for author in models.Author.objects.filter(server=server):
        keys = timeline.cache_keys(author)  # expect: n_plus_one MEDIUM
        print(keys)


# key_of builds a string: nothing read per author
@shared_task
def own_keys(server):
    for author in models.Author.objects.filter(server=server):
        key = timeline.key_of(author)
        print(key)
