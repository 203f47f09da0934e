# path: alerts/push.py
# stack: django
"""A helper that writes only in the handler of a remote service's
refusal (`except PushRefused:` drop the dead device) writes for the
items that failed, not once per item: the loop calling it is silent. A
write in the handler of a lookup's miss (`except DoesNotExist:` create
it) is the normal path of a get-or-create, a handler of any exception
can be the database's own failure, and a write in the try block runs on
every call: those loops stay reported."""
from django.db import models

from pushlib import sender


class PushRefused(Exception):
    pass


class Device(models.Model):
    token = models.CharField(max_length=200)
    last_seen = models.DateTimeField(null=True)


class Alert(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE)
    text = models.CharField(max_length=200)


def push(device, text):
    try:
        if not sender.deliver(device.token, text):
            raise PushRefused(device.token)
    except PushRefused:
        Device.objects.filter(token=device.token).delete()


def push_or_forget(device, text):
    try:
        sender.deliver(device.token, text)
    except Exception:
        Device.objects.filter(token=device.token).delete()


def touch(device):
    try:
        Device.objects.filter(pk=device.pk).update(last_seen=None)
    except PushRefused:
        pass


def remember(device_id, text):
    try:
        Alert.objects.get(device_id=device_id, text=text)
    except Alert.DoesNotExist:
        Alert.objects.filter(device_id=device_id).update(text=text)


def broadcast(text):
    for device in Device.objects.all():
        push(device, text)


def broadcast_loose(text):
    for device in Device.objects.all():
        push_or_forget(device, text)  # expect: n_update_delete_loop HIGH


def touch_all():
    for device in Device.objects.all():
        touch(device)  # expect: n_update_delete_loop HIGH


def remember_all(pairs):
    for device_id, text in pairs:
        remember(device_id, text)  # expect: n_update_delete_loop HIGH
