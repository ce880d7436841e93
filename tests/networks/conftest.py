"""People of the networks' annual cycle, for every test of it."""

from datetime import date

import pytest

from networks.models import NetworkRole
from pathways import network_services
from tests.factories import give_role, make_user


@pytest.fixture
def manager(woscan):
    """WoSCAN's network manager: keeps its work plan and writes its report."""
    user = make_user("manager")
    give_role(user, woscan, NetworkRole.Role.MANAGER)
    return user


@pytest.fixture
def other_manager(other_network):
    """The manager of another network: no rights in WoSCAN."""
    user = make_user("other-manager")
    give_role(user, other_network, NetworkRole.Role.MANAGER)
    return user


@pytest.fixture
def proposal(programme_team):
    """A proposal for a new national network, recorded and awaiting a decision."""
    return network_services.record_proposal(
        actor=programme_team,
        area="Rare gynaecological cancers",
        grounds=["low_volumes"],
        case="Fewer than 40 cases a year across Scotland.",
        proposed_by="SCAN gynaecology group",
        received_on=date(2026, 10, 1),
    )
