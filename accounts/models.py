"""Sign-in records kept by the portal itself (accounts are Django's own users)."""

from django.db import models
from django.utils import timezone


class LoginFailure(models.Model):
    """A failed sign-in, kept briefly so repeated failures can be slowed down."""

    username = models.CharField(max_length=150)
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["username", "at"], name="login_failure_user_time"),
            models.Index(fields=["address", "at"], name="login_failure_address_time"),
        ]

    def __str__(self):
        return f"{self.username} from {self.address} at {self.at:%Y-%m-%d %H:%M}"
