import pytest
from django.db import IntegrityError, transaction

from networks.models import CancerType, HealthBoard, Network, NetworkRole
from tests.factories import give_role, make_network, make_user

pytestmark = pytest.mark.django_db

SCOTLANDS_BOARDS = {
    "Ayrshire & Arran",
    "Borders",
    "Dumfries & Galloway",
    "Fife",
    "Forth Valley",
    "Grampian",
    "Greater Glasgow & Clyde",
    "Highland",
    "Lanarkshire",
    "Lothian",
    "Orkney",
    "Shetland",
    "Tayside",
    "Western Isles",
}


def test_the_data_migration_creates_scotlands_14_territorial_boards():
    assert set(HealthBoard.objects.values_list("name", flat=True)) == SCOTLANDS_BOARDS


def test_the_data_migration_creates_the_cancer_types_pathways_cover():
    names = set(CancerType.objects.values_list("name", flat=True))
    assert {"Ovarian", "Cervical", "Head and neck", "Lung", "Sarcoma"} <= names


def test_a_network_needs_two_approvals_for_major_and_one_for_minor_changes_by_default(woscan):
    assert (woscan.major_change_approvals, woscan.minor_change_approvals) == (2, 1)


def test_the_database_refuses_a_duplicate_role(woscan):
    user = make_user()
    give_role(user, woscan, NetworkRole.Role.REVIEWER)
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkRole.objects.create(user=user, network=woscan, role=NetworkRole.Role.REVIEWER)


def test_one_person_may_hold_different_roles_in_a_network_and_the_same_role_in_another(
    woscan, other_network
):
    user = make_user()
    give_role(user, woscan, NetworkRole.Role.REVIEWER)
    give_role(user, woscan, NetworkRole.Role.AUTHOR)
    give_role(user, other_network, NetworkRole.Role.REVIEWER)
    assert user.network_roles.count() == 3


@pytest.mark.parametrize("field", ["major_change_approvals", "minor_change_approvals"])
def test_the_database_refuses_a_network_that_needs_no_approval(woscan, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        Network.objects.filter(pk=woscan.pk).update(**{field: 0})


def test_short_names_are_unique_whatever_their_case(woscan):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_network("WOSCAN", slug="woscan-again", name="Another network")


def test_changes_to_networks_and_roles_are_kept_in_history(woscan):
    woscan.status = Network.Status.UNDER_REVIEW
    woscan.save()
    role = give_role(make_user(), woscan, NetworkRole.Role.AUTHOR)
    role.delete()
    assert woscan.history.earliest().status == Network.Status.ESTABLISHED
    assert woscan.history.latest().status == Network.Status.UNDER_REVIEW
    assert [entry.history_type for entry in NetworkRole.history.all()] == ["-", "+"]
