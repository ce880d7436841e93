"""How a network is governed: its steering group, and who leads and manages it, for what term."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
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


def _running_on(on):
    """A term runs on `on` from its first day to its last (one without an end runs on)."""
    return Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class AppointmentQuerySet(models.QuerySet):
    def current(self, on):
        """Terms running on the date `on`."""
        return self.filter(_running_on(on))

    def ended(self, on):
        """Terms whose last day came before `on`."""
        return self.filter(ends_on__lt=on)

    def current_or_last_ended(self, on):
        """The terms running on `on` and, for each network's post, the last to have ended
        before it (since when a post no one holds is vacant), each marked `running`."""
        ended = self.ended(on)
        later = ended.filter(
            network=OuterRef("network"), post=OuterRef("post"), ends_on__gt=OuterRef("ends_on")
        )
        return (self.current(on) | ended.filter(~Exists(later))).annotate(
            running=ExpressionWrapper(_running_on(on), output_field=models.BooleanField())
        )


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
