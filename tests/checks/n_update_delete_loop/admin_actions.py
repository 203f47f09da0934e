# path: accounts/admin.py
# stack: django
"""Admin actions save each ticked object on purpose (signals, save() logic);
a queryset.update() per object is still one UPDATE per row."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    totp_secret = models.CharField(max_length=64, blank=True)
    reminders = models.BooleanField(default=True)


class ProfileAdmin(admin.ModelAdmin):
    actions = ["reset_totp", "mute_reminders"]

    def reset_totp(self, request, queryset):
        for profile in queryset:
            profile.totp_secret = ""
            profile.save()

    def mute_reminders(self, request, queryset):
        for profile in queryset:
            Profile.objects.filter(pk=profile.pk).update(reminders=False)  # expect: n_update_delete_loop HIGH


class AccountAdmin(UserAdmin):
    def deactivate(self, request, queryset):
        for user in queryset:
            user.is_active = False
            user.set_unusable_password()
            user.save()


def purge_profiles(profiles):
    # not an admin action: a plain function deleting row by row
    for profile in profiles.all():
        profile.delete()  # expect: n_update_delete_loop HIGH
