# path: crm/views.py
# stack: django
"""Django relations read per row: reverse one-to-one, a manager asked for rows,
and the manager forms that run no query."""
from django.contrib.auth import get_user_model
from django.db import models
from django.http import JsonResponse

User = get_user_model()


class Account(models.Model):
    name = models.CharField(max_length=100)


class Contact(models.Model):
    email = models.EmailField()
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="contacts")
    labels = models.ManyToManyField("Label")


class Label(models.Model):
    text = models.CharField(max_length=30)


class Preferences(models.Model):
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE)
    newsletter = models.BooleanField(default=False)


class Seat(models.Model):
    # auth's User is not declared here; it still gets the `seat` accessor
    user = models.OneToOneField("auth.User", on_delete=models.CASCADE)
    account = models.ForeignKey(Account, on_delete=models.CASCADE)


def newsletter_list(request):
    emails = []
    for contact in Contact.objects.filter(account__name__startswith="A"):
        # reverse one-to-one: a SELECT per contact
        if contact.preferences.newsletter:  # expect: n_plus_one HIGH
            emails.append(contact.email)
    return JsonResponse({"emails": emails})


def contacts_joined(request):
    # look-alike: a bare select_related() follows every foreign key
    rows = [(c.email, c.account.name) for c in Contact.objects.select_related().all()]
    for contact in Contact.objects.select_related():
        rows.append((contact.email, contact.account.name))
    return JsonResponse({"rows": rows})


def contacts_plain(request):
    # the same comprehension without it: a SELECT per contact
    rows = [(c.email, c.account.name) for c in Contact.objects.all()]  # expect: n_plus_one HIGH
    return JsonResponse({"rows": rows})


def tag_contacts(request, label_id: int):
    label = Label.objects.get(pk=label_id)
    # look-alike: add() writes the link rows; naming the manager reads nothing
    for contact in Contact.objects.filter(account_id=request.GET["account"]):
        contact.labels.add(label)
        manager = contact.labels
        del manager
    return JsonResponse({})


def seat_accounts(request):
    out = []
    for user in User.objects.filter(is_active=True):
        out.append(user.seat.account_id)  # expect: n_plus_one HIGH
    for user in User.objects.filter(is_active=True).select_related("seat"):
        out.append(user.seat.account_id)
    return JsonResponse({"accounts": out})
