"""Workspace forms. None of them accepts a field only a transition may set (status, author,
number, dates of record): a forged field of that name is simply not read."""

from django import forms
from django.utils import timezone

from networks.models import CancerType, Network
from pathways import policy
from pathways.models import PathwayVersion, Review, default_next_review
from pathways.services import WITHDRAWAL_REASON_NEEDED

# Said by the forms before the services would say the same.
RECLASSIFICATION_REASON_NEEDED = "Say why this is a major change: the reason is required."
ANSWER_NEEDED = "Say why the change is not being made: the answer is required."

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
    """A reviewer's decision on the current text with their declaration of interests, as
    `services.approve` and `services.request_changes` take them. Every decision is offered:
    the service, under its lock, says whether it may be made now."""

    NO_INTERESTS, DECLARES = "none", "declared"

    decision = forms.ChoiceField(
        choices=[
            (Review.Decision.APPROVE, "Approve"),
            (Review.Decision.APPROVE_WITH_RESERVATION, "Approve with a reservation"),
            (Review.Decision.REQUEST_CHANGES, "Request changes"),
        ],
        widget=forms.RadioSelect,
        label="Your decision",
        error_messages={
            "required": "Choose Approve, Approve with a reservation or Request changes."
        },
    )
    approval_comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        label="Comment (optional)",
    )
    reservation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        label="Your reservation",
        help_text="Recorded and published with the version. It does not stop the version being "
        "agreed.",
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        label="What needs to change",
        help_text="The version waits until its authors change the text or a lead answers you.",
    )
    interests_declared = forms.ChoiceField(
        choices=[(NO_INTERESTS, "I have no interests to declare"), (DECLARES, "I declare:")],
        widget=forms.RadioSelect,
        label="Declaration of interests",
        error_messages={"required": "Declare your interests, or that you have none."},
    )
    interests = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label="Your interests",
        help_text="For example, paid work for a company whose medicine the pathway names. "
        "Published with your decision.",
    )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == Review.Decision.APPROVE_WITH_RESERVATION and not data["reservation"].strip():
            self.add_error("reservation", "Say what your reservation is: readers see it.")
        if decision == Review.Decision.REQUEST_CHANGES and not data["comment"].strip():
            self.add_error("comment", "Say what needs to change: the comment is required.")
        if data.get("interests_declared") == self.DECLARES and not data["interests"].strip():
            self.add_error(
                "interests",
                "Say what your interests are, or choose “I have no interests to declare”.",
            )
        return data

    def declared_interests(self):
        """What the reviewer declared: "" for none, whatever the box holds."""
        if self.cleaned_data["interests_declared"] == self.DECLARES:
            return self.cleaned_data["interests"].strip()
        return ""


class ReclassifyForm(NhsukForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Why is this a major change?",
        help_text="It then needs what a major change needs; the authors and leads are told.",
        error_messages={"required": RECLASSIFICATION_REASON_NEEDED},
    )


class AnswerForm(NhsukForm):
    """A lead's answer to one request for changes (`review`, checked against the version)."""

    review = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        label="Your answer",
        help_text="Why the change is not being made. The reviewer and readers of the "
        "published version see it.",
        error_messages={"required": ANSWER_NEEDED},
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
