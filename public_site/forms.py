"""The public site's forms: search and the pathway list's filters."""

from django import forms

from networks.models import CancerType, Network


class ListedChoicesForm(forms.Form):
    """Reads each model choice field's options once, into a list, for includes/select.html:
    a template looping over Django's lazy choices counts them first (two queries, not one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.choices = list(iter(field.choices))  # iter(): no len(), so no COUNT


class SearchForm(ListedChoicesForm):
    q = forms.CharField(max_length=200, required=False, label="Search pathways")
    network = forms.ModelChoiceField(
        queryset=Network.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label="All networks",
    )
    cancer = forms.ModelChoiceField(
        queryset=CancerType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All cancers",
    )
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)
    # Set by "Search instead for ...": search the words as typed, without correcting them.
    exact = forms.BooleanField(required=False)


class PathwayFilterForm(ListedChoicesForm):
    ORDERINGS = {
        "title": ["title"],
        "newest": ["-effective_from", "title"],
        "oldest": ["effective_from", "title"],
    }

    network = SearchForm.base_fields["network"]
    cancer = SearchForm.base_fields["cancer"]
    sort = forms.ChoiceField(
        choices=[
            ("title", "Title (A to Z)"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
        ],
        required=False,
        label="Sort by",
    )
