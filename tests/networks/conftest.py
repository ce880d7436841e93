"""People of the networks' annual cycle, for every test of it."""

import pytest

from networks.models import NetworkRole
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
