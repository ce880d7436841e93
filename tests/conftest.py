"""Personas shared by every test: made once here, named as the product spec names people."""

from importlib import import_module

import pytest
from django.core.cache import caches
from django.test.testcases import LiveServerThread

from networks.models import Network, NetworkRole
from tests.factories import give_role, make_network, make_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production's deliberately slow hasher would cost a third of a second per test user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no rendered pages kept from another (see public_site/caching.py)."""
    caches["pages"].clear()


@pytest.fixture
def woscan(db):
    return make_network(
        "WoSCAN",
        name="West of Scotland Cancer Network",
        slug="woscan",
        boards=["ayrshire-arran", "forth-valley", "greater-glasgow-clyde", "lanarkshire"],
    )


@pytest.fixture
def other_network(db):
    return make_network(
        "SSN", name="Scottish Sarcoma Network", slug="sarcoma", kind=Network.Kind.NATIONAL_MCN
    )


@pytest.fixture
def lead(woscan):
    user = make_user("lead")
    give_role(user, woscan, NetworkRole.Role.LEAD)
    return user


@pytest.fixture
def author(woscan):
    user = make_user("author")
    give_role(user, woscan, NetworkRole.Role.AUTHOR)
    return user


@pytest.fixture
def reviewer(woscan):
    user = make_user("reviewer")
    give_role(user, woscan, NetworkRole.Role.REVIEWER)
    return user


@pytest.fixture
def second_reviewer(woscan):
    user = make_user("second-reviewer")
    give_role(user, woscan, NetworkRole.Role.REVIEWER)
    return user


@pytest.fixture
def outsider(other_network):
    """A reviewer of another network: no rights in WoSCAN."""
    user = make_user("outsider")
    give_role(user, other_network, NetworkRole.Role.REVIEWER)
    return user


@pytest.fixture
def programme_team(db):
    return make_user("programme", staff=True)


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests (browser tests among them) end by emptying every table, including
    the rows the data migrations made; this puts them back: Scotland's boards, the cancer
    types, the constituencies of national consensus and the programme team's group."""
    from django.apps import apps

    import_module("networks.migrations.0002_boards_and_cancer_types").create(apps, None)
    import_module("networks.migrations.0005_constituencies_and_profiles").create_constituencies(
        apps, None
    )
    import_module("pathways.migrations.0006_programme_team_group").create_group(apps, None)
    import_module("pathways.migrations.0019_programme_team_keeps_network_governance").grant(
        apps, None
    )


# A pathway at each stage of its life, for every test package.
from tests.lifecycle import approved, cancer, draft, in_review, published, team  # noqa: E402, F401


@pytest.fixture(scope="session")
def live_url(django_db_setup, django_db_blocker):
    """A live portal in a thread, serving static files through whitenoise from `collectstatic`
    output as production does, rather than through Django's development static handler."""
    with django_db_blocker.unblock():
        server = LiveServerThread("localhost", static_handler=lambda handler: handler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield f"http://localhost:{server.port}"
        server.terminate()
