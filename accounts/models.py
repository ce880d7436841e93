"""Sign-in and registration records kept by the portal itself (accounts are Django's own
users; what a person says about themselves is networks.Profile)."""

from datetime import timedelta

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from networks.models import HealthBoard


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


# How long a confirmation link works.
REGISTRATION_LINK_DAYS = 3


class PendingRegistrationQuerySet(models.QuerySet):
    def unexpired(self):
        return self.filter(created_at__gte=_link_valid_since())

    def expired(self):
        return self.filter(created_at__lt=_link_valid_since())


def _link_valid_since():
    return timezone.now() - timedelta(days=REGISTRATION_LINK_DAYS)


class PendingRegistration(models.Model):
    """A request to register, waiting for its e-mail address to be confirmed. No account
    exists until the link sent to the address is followed (accounts.registration)."""

    email = models.EmailField("email address", unique=True)  # one request per address
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=200)
    board = models.ForeignKey(
        HealthBoard, on_delete=models.PROTECT, related_name="+", verbose_name="NHS board"
    )
    # Hashed by make_password when the request is made: the chosen password is never stored.
    password = models.CharField(max_length=128, editable=False)
    # SHA-256 of the token in the link: the database never holds a usable link.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PendingRegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Addresses are compared lower-cased; storing them so makes `unique` mean it.
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="pending_registration_email_lower"
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.created_at:%Y-%m-%d %H:%M})"


class RegistrationAttempt(models.Model):
    """A registration request that sent an e-mail, kept briefly so that the form cannot be
    used to flood an inbox (accounts.registration.is_throttled)."""

    email = models.EmailField()
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["email", "at"], name="registration_attempt_email"),
            models.Index(fields=["address", "at"], name="registration_attempt_address"),
        ]

    def __str__(self):
        return f"{self.email} from {self.address} at {self.at:%Y-%m-%d %H:%M}"
