"""Two kinds of task handler. The task processor keeps its queue in a
table of the application's own database, so queuing one of its handlers
inserts a row inside the caller's transaction; a Celery task is published
to a broker over the network."""
from celery import shared_task
from task_processor.decorators import register_task_handler


@register_task_handler()
def rebuild_counts(group_id):
    pass


@shared_task
def push_counts(group_id):
    pass
