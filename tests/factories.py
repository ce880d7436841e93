"""Small builders for test data: plain functions, so each test says what it needs."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from networks.models import HealthBoard, Network, NetworkRole

_sequence = itertools.count(1)

PASSWORD = "a-long-test-password-1"


def make_user(username=None, *, staff=False, **extra):
    """A person; `staff=True` makes them a member of the programme team (not a superuser)."""
    username = username or f"user{next(_sequence)}"
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        is_staff=staff,
        **extra,
    )
    if staff:
        user.groups.add(Group.objects.get(name="Programme team"))
    return user


def make_network(short_name=None, *, kind=Network.Kind.REGIONAL, boards=(), **extra):
    number = next(_sequence)
    short_name = short_name or f"NET{number}"
    network = Network.objects.create(
        name=extra.pop("name", f"Test Network {short_name}"),
        short_name=short_name,
        slug=extra.pop("slug", short_name.lower()),
        kind=kind,
        contact_email=f"{short_name.lower()}@example.org",
        **extra,
    )
    if boards:
        network.member_boards.set(HealthBoard.objects.filter(slug__in=boards))
    return network


def give_role(user, network, role):
    return NetworkRole.objects.create(user=user, network=network, role=role)
