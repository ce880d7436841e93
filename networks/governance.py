"""How a network is governed: its steering group, and who leads and manages it, for what term."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class SteeringGroupMember(models.Model):
    """A seat on a network's steering group, as the public page lists it."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="steering_group"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(
        max_length=200, help_text="Their role on the group, such as Chair or Lead nurse."
    )
    board = models.ForeignKey(
        "networks.HealthBoard", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="Outside NHS Scotland: who they represent."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on the page: the chair first."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.name}, {self.role}"

    @property
    def represents(self):
        return str(self.board) if self.board else self.organisation


class AppointmentQuerySet(models.QuerySet):
    def current(self, on):
        """Terms running on the date `on` (a term without an end runs on)."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class Appointment(models.Model):
    """A term as a network's lead clinician or its manager."""

    class Post(models.TextChoices):
        LEAD_CLINICIAN = "lead_clinician", "Lead clinician"
        MANAGER = "manager", "Network manager"

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="appointments"
    )
    post = models.CharField(max_length=20, choices=Post.choices)
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        help_text="Their portal account, if they have one.",
    )
    starts_on = models.DateField("from")
    ends_on = models.DateField("to", null=True, blank=True, help_text="Empty while it runs on.")

    history = HistoricalRecords()
    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["post", "-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="appointment_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.get_post_display().lower()} of {self.network.short_name}"
