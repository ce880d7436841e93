"""Spelling correction for search: what a clinician meant by "Braest" or "carboplatn".

Each word of a query that no current pathway holds is corrected to the nearest word of the
current pathways' readable text (titles, summaries, headings, body, medicine names), within
one edit for a word of up to five letters and two beyond. An edit is a letter inserted,
deleted or changed, or two neighbouring letters swapped ("braest"), as in the optimal string
alignment distance. Of the words nearest, the one more current pathways hold wins.

Left as typed: words some current pathway holds (in any form search matches: "tumours" for
"tumour"), stop words ("or", "the"), words of one or two letters, and codes with digits
(CA125, SMC2689).

The vocabulary is `SearchWord`, the words of every published version, which PostgreSQL keeps
(migration 0009); a word is offered only while a current version holds it, decided when
searching as currency is, so a withdrawn pathway or a superseded version never lends a word
that would then find nothing, and a scheduled version's words are offered from its moment.
"""

import re

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery
from django.db.models import CharField, Exists, F, Func, IntegerField, OuterRef, Value
from django.db.models.functions import Length
from django.utils import timezone

from pathways.models import SearchWord
from pathways.queries import SEARCH_CONFIG, WORD, current_ways

SHORTEST = 3  # letters: one edit away, a two-letter word could be any other
MOST_WORDS = 8  # corrected in one search: a longer query keeps the rest as typed
# Pathways counted for a word's frequency. Counting every one of a common word's matches
# would read them all; past this many, either word is common enough.
FREQUENCY_COUNTED = 100
# Web search syntax: "or" between alternatives, "-" before an excluded word ("PET-CT" is one).
OPTIONAL_OR_EXCLUDED = re.compile(r"(?:^|\s)(?:or\s|-)", re.IGNORECASE)


def allowed_edits(word):
    """How many edits a misspelling of a word of this length may hold."""
    return 1 if len(word) <= 5 else 2


def osa_distance(a, b):
    """Edits from `a` to `b`: insertions, deletions, substitutions and swaps of neighbouring
    letters, each one edit, no letter edited twice (optimal string alignment distance)."""
    previous, row = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, row = previous, row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(
                previous[j] + 1,
                row[j - 1] + 1,
                previous[j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def correctable(token):
    """Whether a word of a query is one spelling correction may change."""
    return token.isalpha() and SHORTEST <= len(token) <= SearchWord.LONGEST + 2


def correct(text, at=None):
    """`text` with each misspelt word replaced by the word of current pathways it most likely
    meant (see the module's docstring), or None when no word needs correcting. Two queries at
    most: the vocabulary words near each typed word, then how many current pathways hold those
    within the edits allowed (counting a common word's pathways is what costs, so only those
    few are counted)."""
    words = list(dict.fromkeys(t.lower() for t in WORD.findall(text) if correctable(t)))
    words = words[:MOST_WORDS]
    if not words:
        return None
    at = at or timezone.now()
    near = {}
    for typed, word in _near_words(words, at):
        distance = osa_distance(typed, word)
        if distance <= allowed_edits(typed):
            near.setdefault(typed, []).append((distance, word))
    if not near:
        return None
    held = _pathways_holding({word for found in near.values() for _, word in found}, at)
    meant = {}
    for typed, found in near.items():
        current = [(distance, -held[word], word) for distance, word in found if held.get(word)]
        if current:
            meant[typed] = min(current)[2]
    if not meant:
        return None
    return WORD.sub(lambda token: meant.get(token[0].lower(), token[0]), text)


def has_optional_or_excluded_words(text):
    """Whether `text` has an alternative ("braest or lung") or an excluded word ("-braest"):
    the only places a misspelt word can be in a query whose search found something, since
    every other word of it is in a pathway found. Otherwise `correct` need not be asked."""
    return bool(OPTIONAL_OR_EXCLUDED.search(text))


class _LevenshteinLessEqual(Func):
    """fuzzystrmatch's Levenshtein distance, or `max_d + 1` once it is known to be more."""

    function = "levenshtein_less_equal"
    output_field = IntegerField()


def _near_words(words, at):
    """(typed word, vocabulary word) for the vocabulary words within one edit more than each
    typed word allows, found by length (an index) and then Levenshtein, which counts a swap of
    neighbouring letters as two edits: `osa_distance` decides. Typed words a current pathway
    holds, and stop words, have none."""
    unsuperseded, superseded_later = current_ways(at)

    def near(typed):
        allowed = allowed_edits(typed)
        fetched = allowed + 1
        typed_query = SearchQuery(Value(typed), config=SEARCH_CONFIG)
        return (
            SearchWord.objects.annotate(
                length=Length("word"),
                edits=_LevenshteinLessEqual(Value(typed), F("word"), fetched),
                lexemes=Func(typed_query, function="numnode", output_field=IntegerField()),
                typed=Value(typed, output_field=CharField()),
            )
            .filter(lexemes__gt=0)  # a stop word ("or") stays as typed
            .filter(length__range=(len(typed) - allowed, len(typed) + allowed), edits__lte=fetched)
            .exclude(Exists(unsuperseded.filter(search_vector=typed_query)))
            .exclude(Exists(superseded_later.filter(search_vector=typed_query)))
            .values_list("typed", "word")
        )

    first, *others = [near(typed) for typed in words]
    return first.union(*others, all=True) if others else first


def _pathways_holding(words, at):
    """{word: how many current pathways hold it, up to FREQUENCY_COUNTED} for `words`."""
    meant = SearchQuery(OuterRef("word"), config=SEARCH_CONFIG)
    held = sum(
        (
            Func(
                ArraySubquery(way.filter(search_vector=meant).values("pk")[:FREQUENCY_COUNTED]),
                function="cardinality",
                output_field=IntegerField(),
            )
            for way in current_ways(at)
        ),
        start=Value(0),
    )
    return dict(
        SearchWord.objects.filter(word__in=words).annotate(held=held).values_list("word", "held")
    )
