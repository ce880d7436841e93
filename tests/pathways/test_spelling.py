"""Spelling correction for search (`pathways.spelling`): each misspelt word corrected to a word
of the current pathways' readable text, within the edits its length allows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from pathways import services, spelling
from pathways.models import PathwayVersion, SearchWord
from tests.lifecycle import BODY, publish_change, publish_pathway

pytestmark = pytest.mark.django_db

BREAST = (
    "## Surgery\n\nOffer breast-conserving surgery with sentinel lymph node biopsy.\n\n"
    "## Systemic therapy\n\nOffer carboplatin-based chemotherapy where advised (SMC2689).\n"
)


@pytest.fixture
def breast(published, team):
    """Beside the ovarian cancer pathway (BODY: referral, staging, CT), a breast cancer one."""
    return publish_pathway(team, published.pathway.network, "Breast cancer", BREAST, "breast")


def levenshtein(a, b):
    with connection.cursor() as cursor:
        cursor.execute("SELECT levenshtein(%s, %s)", [a, b])
        return cursor.fetchone()[0]


class TestCorrection:
    def test_braest_is_corrected_to_breast(self, breast):
        assert spelling.correct("Braest") == "breast"

    def test_carboplatn_is_corrected_to_carboplatin(self, breast):
        assert spelling.correct("carboplatn") == "carboplatin"

    def test_each_misspelt_word_of_a_query_is_corrected_in_place(self, breast):
        assert spelling.correct('"braest surgry" -ovarain') == '"breast surgery" -ovarian'

    def test_a_swap_of_neighbouring_letters_counts_as_one_edit(self, breast):
        assert spelling.osa_distance("braest", "breast") == 1
        assert levenshtein("braest", "breast") == 2  # as PostgreSQL counts it
        # Five letters may hold one edit: the swap is one, so "stgae" is corrected.
        assert spelling.osa_distance("stgae", "stage") == 1
        assert spelling.correct("stgae") == "stage"
        assert spelling.correct("lmyph nodes") == "lymph nodes"

    def test_the_distance_counts_insertions_deletions_and_changes(self):
        assert spelling.osa_distance("cancr", "cancer") == 1
        assert spelling.osa_distance("canxr", "cancer") == 2
        assert spelling.osa_distance("ca", "abc") == 3  # no letter is edited twice
        assert spelling.osa_distance("", "abc") == 3

    def test_a_word_of_five_letters_is_allowed_one_edit_only(self, breast):
        assert spelling.allowed_edits("cancr") == 1 and spelling.allowed_edits("cancre") == 2
        assert spelling.correct("cancr") == "cancer"  # one edit
        assert spelling.correct("canxr") is None  # two edits: too many for five letters
        assert spelling.correct("canxrr") == "cancer"  # two edits in six letters

    def test_codes_and_numbers_are_left_as_typed(self, breast):
        assert spelling.correct("CA125 braest SMC2689") == "CA125 breast SMC2689"
        assert spelling.correct("SMC2688") is None  # one edit from a code in the text
        assert spelling.correct("CA 125 T2 N1") is None

    def test_words_current_pathways_hold_are_left_as_typed(self, breast):
        assert spelling.correct("Breast surgery") is None
        assert spelling.correct("therapies") is None  # search finds "therapy" for it
        assert spelling.correct("breast or stage") is None  # "or" is a stop word

    def test_a_word_in_no_current_pathways_text_is_not_offered(self, published, team):
        assert spelling.correct("zoledronat") is None  # in no pathway
        # In the first version only, or in a draft: neither is current text.
        second = publish_change(
            published, body=BODY.replace("Stage with CT.", "Give zoledronate."), **team
        )
        publish_change(second, body=BODY, **team)
        draft = services.start_new_version(actor=team["author"], pathway=published.pathway)
        services.save_draft(
            actor=team["author"],
            version=draft,
            title="Ovarian cancer",
            summary="",
            body=BODY + "\nConsider pamidronate.\n",
            edit_count=draft.edit_count,
        )
        assert spelling.correct("zoledronat") is None
        assert spelling.correct("pamidronat") is None
        assert "zoledronate" in set(SearchWord.objects.values_list("word", flat=True))

    def test_a_withdrawn_pathways_words_are_not_offered(self, breast, lead):
        services.withdraw(actor=lead, pathway=breast.pathway, reason="Replaced.")
        assert spelling.correct("carboplatn") is None  # it would find nothing
        assert spelling.correct("braest") is None

    def test_a_scheduled_versions_words_are_offered_from_the_moment_it_takes_effect(
        self, published, team
    ):
        scheduled = publish_change(
            published,
            body=BODY + "\nOffer olaparib maintenance.\n",
            effective_on=timezone.localdate() + timedelta(days=3),
            **team,
        )
        assert spelling.correct("olaprib") is None
        later = scheduled.effective_from + timedelta(hours=1)
        assert spelling.correct("olaprib", at=later) == "olaparib"

    def test_the_nearest_word_wins_then_the_one_more_pathways_hold(self, published, team):
        network = published.pathway.network
        publish_pathway(team, network, "Stent care", BODY + "\nPlace a stent.\n")
        publish_pathway(team, network, "Stent review", BODY + "\nCheck the stent.\n")
        publish_pathway(team, network, "Stunt", BODY + "\nA stunt.\n")
        publish_pathway(team, network, "Stint", BODY + "\nA stint.\n")
        assert spelling.correct("stxnt") == "stent"  # held by two pathways, the others one
        assert spelling.correct("stunr") == "stunt"  # one edit beats two, however common

    def test_words_are_learnt_at_publication_not_before(self, draft, author, lead, team):
        words = set(SearchWord.objects.values_list("word", flat=True))
        assert "urgently" not in words and "##" not in words
        version = services.submit(actor=author, version=draft, change_type="major")
        for reviewer in team["reviewers"]:
            version = services.approve(actor=reviewer, version=version)
        services.publish(actor=lead, version=version)
        words = set(SearchWord.objects.values_list("word", flat=True))
        assert {"ovarian", "cancer", "adults", "referral", "urgently", "staging"} <= words
        assert not any(not word.isalpha() for word in words)

    def test_words_are_learnt_however_a_version_is_published(self, draft, author):
        version = services.submit(actor=author, version=draft, change_type="major")
        now = timezone.now()
        # Not through the services: PostgreSQL learns the words all the same.
        PathwayVersion.objects.filter(pk=version.pk).update(
            status="published",
            major=1,
            minor=0,
            published_at=now,
            effective_from=now,
            next_review_on=now.date() + timedelta(days=30),
        )
        assert SearchWord.objects.filter(word="urgently").exists()
        assert spelling.correct("urgnetly") == "urgently"

    @pytest.mark.parametrize(
        "text", ["' OR 1=1 --", "a" * 200, "\\", "&|!():*", "🙂 braest", "<script>", "ÿ" * 50]
    )
    def test_hostile_text_never_fails(self, breast, text):
        corrected = spelling.correct(text)
        assert corrected is None or len(corrected) <= len(text) + 2 * spelling.MOST_WORDS

    def test_at_most_eight_words_are_corrected_in_two_queries(
        self, breast, django_assert_num_queries
    ):
        typed = ["braest", "surgry", "nodse", "lmyph", "ofer", "biospy", "sentinle", "therpay"]
        with django_assert_num_queries(2):
            corrected = spelling.correct(" ".join(typed + ["carboplatn"]))
        # The ninth word is left as typed.
        assert corrected == "breast surgery node lymph offer biopsy sentinel therapy carboplatn"
        with django_assert_num_queries(1):  # none near: nothing to count
            assert spelling.correct(" ".join(f"{letter}qqxq" for letter in "abcdefghijkl")) is None
