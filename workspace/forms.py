"""Workspace forms. None of them accepts a field only a transition may set (status, author,
number, dates of record): a forged field of that name is simply not read."""

from django import forms
from django.utils import timezone

from networks.models import CancerType, Network
from pathways import policy
from pathways.models import PathwayVersion, default_next_review
from pathways.services import WITHDRAWAL_REASON_NEEDED

MAX_BODY_CHARACTERS = 200_000


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and sends ISO dates whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NhsukForm(forms.Form):
    """Gives each widget the NHS.UK frontend class for its kind."""

    widget_classes = [
        (forms.DateInput, "nhsuk-input nhsuk-input--width-10"),
        (forms.Textarea, "nhsuk-textarea"),
        (forms.Select, "nhsuk-select"),
        (forms.TextInput, "nhsuk-input"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css_class in self.widget_classes:
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css_class)
                    break


class CreatePathwayForm(NhsukForm):
    network = forms.ModelChoiceField(queryset=Network.objects.none(), empty_label=None)
    cancer_type = forms.ModelChoiceField(queryset=CancerType.objects.all(), label="Cancer")
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        max_length=100,
        required=False,
        label="Web address (optional)",
        help_text="Letters, numbers and hyphens, such as ovarian-cancer. Left empty, it is made from the title.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the networks this person writes for: another network's id fails validation.
        self.fields["network"].queryset = Network.objects.active().filter(
            pk__in=policy.networks_for(user, policy.PathwayAction.CREATE)
        )


class DraftForm(NhsukForm):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="One or two sentences: who the pathway is for and what it covers.",
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24}),
        required=False,
        max_length=MAX_BODY_CHARACTERS,
        help_text="Markdown. Start each section with ## (for example ## Staging); "
        "use ### for a subsection and | for tables.",
    )
    edit_count = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SubmitForm(NhsukForm):
    """Offers the change types `terms` (from `services.submission_terms`) allow, and says of
    the change note only what those terms ask: the service applies the same terms."""

    change_type = forms.ChoiceField(
        choices=PathwayVersion.ChangeType.choices,
        widget=forms.RadioSelect,
        initial=PathwayVersion.ChangeType.MAJOR,
    )
    change_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = terms
        self.fields["change_type"].choices = [(o.change_type, o.label) for o in terms.options]
        note = self.fields["change_note"]
        needing = [o.label.lower() for o in terms.options if o.note_required]
        if not needing:
            note.label = "Change note (optional)"
            note.help_text = "Anything reviewers and readers should know about this version."
        else:
            note.help_text = (
                f"What changed and why; readers see it. Required for a {' or '.join(needing)}."
            )

    def change_type_options(self):
        """Each radio button with the terms of its change type: the choices follow the terms."""
        return zip(self["change_type"], self.terms.options, strict=True)


class ReviewForm(NhsukForm):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text="Required when you request changes.",
    )


class PublishForm(NhsukForm):
    effective_on = forms.DateField(
        widget=DateInput,
        required=False,
        label="Takes effect on",
        help_text="Leave empty to publish now; a future date schedules it.",
    )
    next_review_on = forms.DateField(widget=DateInput, label="Next review due")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_review_on"].initial = default_next_review()

    def clean_effective_on(self):
        day = self.cleaned_data["effective_on"]
        if day and day < timezone.localdate():
            raise forms.ValidationError("Choose today or a later date.")
        return day


class WithdrawForm(NhsukForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Every reader sees it, on the pathway's page and in the feeds, in place of "
        "the guidance.",
        error_messages={"required": WITHDRAWAL_REASON_NEEDED},
    )
