"""Demo networks and people for `manage.py load_demo`. Every name and address is invented."""

from datetime import date
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from networks.models import CancerType, HealthBoard, Network, NetworkRole

PROGRAMME_TEAM = "Programme team"  # the group made by pathways migration 0006
# Printed by `make run`; `load_demo` refuses to set it unless DEBUG is on.
DEMO_PASSWORD = "demo-pathways-2026"
# Every demo network's contact address ends so; nothing else in the portal does.
CONTACT_SUFFIX = ".demo@example.org"

REGIONAL = Network.Kind.REGIONAL
NATIONAL = Network.Kind.NATIONAL_MCN
OTHER = Network.Kind.OTHER_NATIONAL

NETWORKS = [
    {
        "slug": "nca",
        "name": "North Cancer Alliance",
        "short_name": "NCA",
        "kind": REGIONAL,
        "boards": ["grampian", "highland", "orkney", "shetland", "tayside", "western-isles"],
        "cancers": ["breast", "colorectal", "lung", "prostate", "upper-gastrointestinal"],
        "major_change_approvals": 1,
        "description": "The regional cancer network for the north of Scotland, spanning "
        "mainland and island boards. It coordinates cancer services across a wide rural "
        "geography, including remote and island care.",
        "lead": "Dr Eilidh Morrison",
        "manager": "Callum Reid",
        "established": "2006-04-01",
    },
    {
        "slug": "scan",
        "name": "South East Scotland Cancer Network",
        "short_name": "SCAN",
        "kind": REGIONAL,
        "boards": ["borders", "dumfries-galloway", "fife", "lothian"],
        "cancers": ["breast", "head-and-neck", "melanoma", "ovarian", "renal"],
        "major_change_approvals": 1,
        "description": "The regional cancer network for the south east of Scotland.",
        "lead": "Dr Fiona Henderson",
        "manager": "Alasdair Grant",
        "established": "2003-10-01",
    },
    {
        "slug": "woscan",
        "name": "West of Scotland Cancer Network",
        "short_name": "WoSCAN",
        "kind": REGIONAL,
        "boards": ["ayrshire-arran", "forth-valley", "greater-glasgow-clyde", "lanarkshire"],
        "cancers": [
            "cervical",
            "colorectal",
            "lung",
            "lymphoma",
            "oesophago-gastric",
            "ovarian",
            "prostate",
        ],
        "description": "The regional cancer network for the west of Scotland, the largest "
        "of the three by population served.",
        "lead": "Professor Kenneth MacLeod",
        "manager": "Shona Campbell",
        "established": "2002-06-01",
    },
    {
        "slug": "sarcoma",
        "name": "Scottish Sarcoma Network",
        "short_name": "SSN",
        "kind": NATIONAL,
        "boards": [],
        "cancers": ["sarcoma"],
        "description": "A national managed clinical network for bone and soft tissue sarcoma.",
        "lead": "Mr Iain Fraser",
        "manager": "Kirsty Wallace",
        "established": "2011-01-01",
    },
    {
        "slug": "neuro-oncology",
        "name": "Scottish Adult Neuro-Oncology Network",
        "short_name": "SANON",
        "kind": NATIONAL,
        "boards": [],
        "cancers": ["brain-and-central-nervous-system"],
        "description": "A national managed clinical network for adults with brain and "
        "central nervous system tumours.",
        "lead": "Dr Rhona Stewart",
        "manager": "Euan Docherty",
        "established": "2012-09-01",
    },
    {
        "slug": "children-young-people",
        "name": "Children and Young People's Cancer Network",
        "short_name": "CYPCN",
        "kind": NATIONAL,
        "boards": [],
        "cancers": ["childrens-and-young-peoples-cancers"],
        "description": "A national managed clinical network for children, teenagers and "
        "young adults with cancer.",
        "lead": "Dr Catriona Ross",
        "manager": "Neil Paterson",
        "established": "2010-04-01",
    },
    {
        "slug": "neuroendocrine",
        "name": "Scottish Neuroendocrine Tumour Network",
        "short_name": "SNETN",
        "kind": NATIONAL,
        "boards": [],
        "cancers": ["neuroendocrine-tumours"],
        "description": "A national managed clinical network for neuroendocrine tumours.",
        "lead": "Dr Hamish Murray",
        "manager": "Lorna Kerr",
        "established": "2015-05-01",
    },
    {
        "slug": "mesothelioma",
        "name": "Scottish Mesothelioma Network",
        "short_name": "SMN",
        "kind": NATIONAL,
        "boards": [],
        "cancers": ["mesothelioma"],
        "description": "A national managed clinical network for mesothelioma.",
        "lead": "Dr Gillian Robertson",
        "manager": "Stuart Watson",
        "established": "2018-02-01",
    },
    {
        "slug": "acute-oncology",
        "name": "Scottish Acute Oncology Network",
        "short_name": "SAON",
        "kind": OTHER,
        "boards": [],
        "cancers": [],
        "description": "A national network that shares practice in acute oncology across "
        "Scotland's boards.",
        "lead": "Dr Moira Thomson",
        "manager": "Graham Hughes",
        "established": "2019-11-01",
    },
]

# username, first name, last name, staff, [(network slug, role)]
PEOPLE = [
    ("lead", "Lesley", "Lead", False, [("woscan", NetworkRole.Role.LEAD)]),
    ("author", "Andrew", "Author", False, [("woscan", NetworkRole.Role.AUTHOR)]),
    ("reviewer1", "Rachel", "Reviewer", False, [("woscan", NetworkRole.Role.REVIEWER)]),
    ("reviewer2", "Ruaridh", "Reviewer", False, [("woscan", NetworkRole.Role.REVIEWER)]),
    ("nca-reviewer", "Niamh", "North", False, [("nca", NetworkRole.Role.REVIEWER)]),
    ("nca-author", "Hamish", "Highland", False, [("nca", NetworkRole.Role.AUTHOR)]),
    ("scan-author", "Isla", "Lothian", False, [("scan", NetworkRole.Role.AUTHOR)]),
    ("scan-reviewer", "Fraser", "Borders", False, [("scan", NetworkRole.Role.REVIEWER)]),
    ("programme", "Priya", "Programme", True, []),
]


def _upsert(model, lookup, values):
    """Create the row, or update only the fields that differ, so a second run writes nothing
    (and adds no history rows)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    if changed:
        for field in changed:
            setattr(instance, field, values[field])
        instance.save(update_fields=changed)
    return instance


def _load_networks():
    boards = {board.slug: board for board in HealthBoard.objects.all()}
    cancers = {cancer.slug: cancer for cancer in CancerType.objects.all()}
    networks = {}
    for spec in NETWORKS:
        network = _upsert(
            Network,
            {"slug": spec["slug"]},
            {
                "name": spec["name"],
                "short_name": spec["short_name"],
                "kind": spec["kind"],
                "description": spec["description"],
                "lead_clinician": spec["lead"],
                "network_manager": spec["manager"],
                "contact_email": f"{spec['slug']}{CONTACT_SUFFIX}",
                "established_on": date.fromisoformat(spec["established"]),
                "major_change_approvals": spec.get("major_change_approvals", 2),
            },
        )
        network.member_boards.set([boards[slug] for slug in spec["boards"]])
        network.cancer_types.set([cancers[slug] for slug in spec["cancers"]])
        networks[spec["slug"]] = network
    return networks


def _load_people(networks):
    User = get_user_model()
    people = {}
    for username, first, last, staff, roles in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(DEMO_PASSWORD)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.org"
        user.is_staff = staff
        user.save()
        if staff:
            user.groups.add(Group.objects.get(name=PROGRAMME_TEAM))
        for slug, role in roles:
            NetworkRole.objects.get_or_create(user=user, network=networks[slug], role=role)
        people[username] = user
    return people


@transaction.atomic
def load():
    """Create or refresh the demo networks and people; returns the people by username."""
    return _load_people(_load_networks())


@cache
def is_loaded():
    """Whether the demo content is in the database (its networks mark it). Asked once per
    process: the answer changes only when load_demo runs, which clears it for its own process;
    a server started before then tells only once restarted."""
    return Network.objects.filter(contact_email__endswith=CONTACT_SUFFIX).exists()


def describe_logins():
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for username, first, last, _staff, roles in PEOPLE:
        what = ", ".join(f"{role.label.lower()} of {slug}" for slug, role in roles)
        lines.append(f"  {username:<14} {first} {last}: {what or 'programme team (staff)'}")
    return "\n".join(lines)
