"""Forms of the national consultation pages. They check only what a form can (a field is there,
not too long); every rule about consultations is the services' (`pathways.consultations`),
whose refusals the pages show in the same error summary."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from networks.models import HealthBoard
from pathways.models import ConsultationComment
from workspace.forms import DateInput, NhsukForm

MAX_COMMENT_CHARACTERS = 5000
EMPTY_COMMENT = "Write your comment: it is empty."
DEFAULT_WINDOW = timedelta(days=28)


class OpenConsultationForm(NhsukForm):
    opens_on = forms.DateField(
        widget=DateInput, label="Opens on", help_text="Today or a later date."
    )
    closes_on = forms.DateField(
        widget=DateInput,
        label="Closes on",
        help_text="Comments are taken until the end of this day; at most three months after "
        "it opens.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + DEFAULT_WINDOW


class _CommentForm(NhsukForm):
    """A comment on one section. Every section's form posts the same field names; each has its
    own ids (`auto_id`), so the page's error summary links to the right one."""

    section = forms.CharField(widget=forms.HiddenInput, max_length=200)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_COMMENT_CHARACTERS,
        label="Your comment",
        error_messages={"required": EMPTY_COMMENT},
    )

    def __init__(self, *args, section, **kwargs):
        kwargs.setdefault("auto_id", f"comment-{section['id']}-%s")
        kwargs.setdefault("initial", {"section": section["id"]})
        super().__init__(*args, **kwargs)
        self.section = section
        self.fields["text"].label = f"Your comment on {section['text']}"


class CommentForm(_CommentForm):
    """From a signed-in person. Their name, job and board come from their profile; someone
    whose profile does not say (`ask_workplace`) is asked their job title and board here."""

    role = forms.CharField(max_length=200, label="Your job title")
    board = forms.ModelChoiceField(
        queryset=HealthBoard.objects.order_by("name"),
        required=False,
        label="Your NHS board",
        empty_label="Not a territorial board",
    )
    organisation = forms.CharField(
        max_length=200,
        required=False,
        label="Or your NHS Scotland organisation",
        help_text="If you do not work for a territorial board, for example NHS Education for "
        "Scotland.",
    )

    def __init__(self, *args, ask_workplace, **kwargs):
        super().__init__(*args, **kwargs)
        self.asks_workplace = ask_workplace
        if not ask_workplace:
            for name in ("role", "board", "organisation"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if self.asks_workplace and not (cleaned.get("board") or cleaned.get("organisation")):
            self.add_error("board", "Choose your NHS board, or give your organisation.")
        return cleaned


class InvitedCommentForm(_CommentForm):
    """From someone invited by link: no account, so they say who they are."""

    name = forms.CharField(
        max_length=200,
        label="Your name",
        error_messages={"required": "Give your name: comments are not anonymous."},
    )
    organisation = forms.CharField(
        max_length=200,
        label="Your organisation",
        error_messages={"required": "Give your organisation."},
    )
    role = forms.CharField(max_length=200, required=False, label="Your role (optional)")

    field_order = ["name", "organisation", "role", "text"]


class LinkForm(NhsukForm):
    label = forms.CharField(
        max_length=200,
        label="Who is it for?",
        help_text="For example: Ovarian Cancer Action, patient panel.",
        error_messages={"required": "Say who the link is for."},
    )
    expires_on = forms.DateField(
        widget=DateInput,
        label="Stops working after",
        help_text="At the latest, the day the consultation closes.",
    )

    def __init__(self, *args, consultation, **kwargs):
        kwargs.setdefault("auto_id", "link-%s")
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = consultation.closes_on


class ResponseForm(NhsukForm):
    """The authors' response to one comment; like the comment forms, each comment's has its
    own ids and the same field names."""

    comment = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.ChoiceField(
        choices=ConsultationComment.Response.choices,
        widget=forms.RadioSelect,
        label="Response",
        error_messages={"required": "Choose accepted, not accepted or noted."},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_COMMENT_CHARACTERS,
        required=False,
        label="Reason or note",
        help_text="Required when the comment is not accepted. The commenter sees it.",
    )

    def __init__(self, *args, comment, **kwargs):
        kwargs.setdefault("auto_id", f"response-{comment.pk}-%s")
        kwargs.setdefault("initial", {"comment": comment.pk})
        super().__init__(*args, **kwargs)
        self.comment = comment
