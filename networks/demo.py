"""Demo networks, people and the networks' governance (terms, steering groups) for
`manage.py load_demo`; their annual cycle is networks.demo_oversight. Every name and address is
invented."""

from datetime import UTC, date, datetime, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from networks import demo_oversight
from networks.demo_oversight_text import (
    EARLIER_TERMS,
    PROPOSAL_APPROVED_DAYS_AGO,
    STEERING_GROUPS,
    TERM_ENDED_WITHOUT_SUCCESSOR,
)
from networks.models import (
    Appointment,
    CancerType,
    Constituency,
    HealthBoard,
    Network,
    NetworkRole,
    Profile,
    SteeringGroupMember,
)

PROGRAMME_TEAM = "Programme team"  # the group made by pathways migration 0006
# Printed by `make run`; `load_demo` refuses to set it unless DEBUG is on.
DEMO_PASSWORD = "demo-pathways-2026"
# Every demo network's contact address ends so; nothing else in the portal does.
CONTACT_SUFFIX = ".demo@example.org"

REGIONAL = Network.Kind.REGIONAL
NATIONAL = Network.Kind.NATIONAL_MCN
GROUP = Network.Kind.NATIONAL_GROUP
OTHER = Network.Kind.OTHER_NATIONAL
LEAD, AUTHOR, REVIEWER = NetworkRole.Role.LEAD, NetworkRole.Role.AUTHOR, NetworkRole.Role.REVIEWER
MANAGER = NetworkRole.Role.MANAGER
LEAD_CLINICIAN, MANAGER_POST = Appointment.Post.LEAD_CLINICIAN, Appointment.Post.MANAGER

# The national pathway groups: one per cancer the demo has a pathway for. (slug, short name,
# name, cancer types, chair, description)
GROUPS = [
    (
        "ovarian-cmp-group",
        "Ovarian CMP",
        "Ovarian Cancer CMP Group",
        ["ovarian"],
        "Dr Morven Baird",
    ),
    (
        "cervical-cmp-group",
        "Cervical CMP",
        "Cervical Cancer CMP Group",
        ["cervical"],
        "Dr Anna Kerr",
    ),
    (
        "oesophago-gastric-cmp-group",
        "OG CMP",
        "Oesophago-gastric Cancer CMP Group",
        ["oesophago-gastric", "upper-gastrointestinal"],
        "Mr David Boyle",
    ),
    ("lung-cmp-group", "Lung CMP", "Lung Cancer CMP Group", ["lung"], "Dr Sanjay Rao"),
    (
        "prostate-cmp-group",
        "Prostate CMP",
        "Prostate Cancer CMP Group",
        ["prostate"],
        "Mr Euan Tait",
    ),
    ("lymphoma-cmp-group", "Lymphoma CMP", "Lymphoma CMP Group", ["lymphoma"], "Dr Heather Laing"),
    (
        "head-and-neck-cmp-group",
        "Head and Neck CMP",
        "Head and Neck Cancer CMP Group",
        ["head-and-neck"],
        "Ms Claire Dunn",
    ),
    ("melanoma-cmp-group", "Melanoma CMP", "Melanoma CMP Group", ["melanoma"], "Dr Iona Sinclair"),
    ("breast-cmp-group", "Breast CMP", "Breast Cancer CMP Group", ["breast"], "Ms Joanna Petrie"),
]
GROUPS_LED_BY_LEAD = [
    "ovarian-cmp-group",
    "cervical-cmp-group",
    "oesophago-gastric-cmp-group",
    "lung-cmp-group",
    "prostate-cmp-group",
    "lymphoma-cmp-group",
]

NETWORKS = [
    {
        "slug": "nca",
        "name": "North Cancer Alliance",
        "short_name": "NCA",
        "kind": REGIONAL,
        "host": "grampian",
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
        "host": "lothian",
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
        "host": "greater-glasgow-clyde",
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
        "host": "greater-glasgow-clyde",
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
        "host": "lothian",
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
        "host": "greater-glasgow-clyde",
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
        "host": "tayside",
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
        "host": "greater-glasgow-clyde",
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
        "host": "lanarkshire",
        "boards": [],
        "cancers": [],
        "description": "A national network that shares practice in acute oncology across "
        "Scotland's boards.",
        "lead": "Dr Moira Thomson",
        "manager": "Graham Hughes",
        "established": "2019-11-01",
    },
    # Networks no longer at work, kept in the registry with their history.
    {
        "slug": "cancer-genetics",
        "name": "Scottish Cancer Genetics Network",
        "short_name": "SCGN",
        "kind": OTHER,
        "boards": [],
        "cancers": [],
        "description": "A national network for inherited cancer risk services from 2008 to "
        "2020. Retired when the genetics services formed a national service of their own; "
        "its familial breast and colorectal cancer work passed to the regional networks.",
        "lead": "Dr Ian Crawford",
        "manager": "Patricia Low",
        "established": "2008-10-01",
        "status": Network.Status.RETIRED,
        "since": "2020-03-31",
    },
    {
        "slug": "teenage-young-adult",
        "name": "Teenage and Young Adult Cancer Network",
        "short_name": "TYACN",
        "kind": NATIONAL,
        "boards": [],
        "cancers": ["childrens-and-young-peoples-cancers"],
        "description": "A national managed clinical network for people aged 16 to 24 with "
        "cancer. It joined the Children and Young People's Cancer Network in 2021, so that "
        "one network follows a young person from diagnosis into adult services.",
        "lead": "Dr Malcolm Birrell",
        "manager": "Janice Orr",
        "established": "2012-04-01",
        "status": Network.Status.MERGED,
        "since": "2021-04-01",
        "merged_into": "children-young-people",
    },
    # Approved by the programme (networks.demo_oversight_text.PROPOSALS) and being set up.
    {
        "slug": "germ-cell-tumours",
        "name": "Scottish Germ Cell Tumour Network",
        "short_name": "SGCTN",
        "kind": NATIONAL,
        "boards": [],
        "cancers": ["testicular"],
        "description": "A national managed clinical network for testicular and other germ "
        "cell tumours, being set up: a few hundred people a year are treated in four "
        "centres, and the network will agree one pathway and one surgical referral route.",
        "lead": None,
        "manager": None,
        "status": Network.Status.PROPOSED,
        "since_days_ago": PROPOSAL_APPROVED_DAYS_AGO,
    },
    *(
        {
            "slug": slug,
            "name": name,
            "short_name": short_name,
            "kind": GROUP,
            "boards": [],
            "cancers": cancers,
            "description": f"The national group that develops and keeps the National Clinical "
            f"Management Pathway for {name.removesuffix(' CMP Group').lower()}, with clinicians "
            "from all three regional cancer networks and the disciplines that deliver the care.",
            "lead": chair,
            "manager": "Scottish Cancer Network programme team",
            "established": "2022-04-01",
        }
        for slug, short_name, name, cancers, chair in GROUPS
    ),
]

# The regional networks each region's constituency stands for.
REGION_NETWORKS = {
    "north-cancer-alliance": "nca",
    "south-east-scotland-cancer-network": "scan",
    "west-of-scotland-cancer-network": "woscan",
}

# username, first name, last name, staff, [(network slug, role)]
PEOPLE = [
    (
        "lead",
        "Lesley",
        "Lead",
        False,
        [("woscan", LEAD), *((group, LEAD) for group in GROUPS_LED_BY_LEAD)],
    ),
    (
        "author",
        "Andrew",
        "Author",
        False,
        [("woscan", AUTHOR), *((group, AUTHOR) for group in GROUPS_LED_BY_LEAD)],
    ),
    ("reviewer1", "Rachel", "Reviewer", False, [("woscan", REVIEWER)]),
    ("reviewer2", "Ruaridh", "Reviewer", False, [("woscan", REVIEWER)]),
    ("nca-reviewer", "Niamh", "North", False, [("nca", REVIEWER)]),
    ("nca-author", "Hamish", "Highland", False, [("nca", AUTHOR), ("breast-cmp-group", AUTHOR)]),
    (
        "scan-author",
        "Isla",
        "Lothian",
        False,
        [("scan", AUTHOR), ("head-and-neck-cmp-group", AUTHOR), ("melanoma-cmp-group", AUTHOR)],
    ),
    ("scan-reviewer", "Fraser", "Borders", False, [("scan", REVIEWER)]),
    ("programme", "Priya", "Programme", True, []),
    # Reviewers named for their place at the national table: region and discipline.
    ("nca-oncologist", "Mairi", "Mackenzie", False, []),
    ("scan-pharmacist", "Tom", "Ballantyne", False, []),
    ("woscan-surgeon", "Ravi", "Chandran", False, []),
    ("woscan-haematologist", "Eleanor", "Galbraith", False, []),
    # NHS Scotland staff with an account of their own and no role: they comment on
    # consultations.
    ("highland-gp", "Morag", "Mackay", False, []),
    ("fife-nurse", "Kirsty", "Duncan", False, []),
    ("lanarkshire-physio", "Gordon", "McAllister", False, []),
    # Each network manager in the annual cycle keeps its work plan and writes its report; they
    # hold the manager's term in the registry under the same name.
    ("nca-manager", "Callum", "Reid", False, [("nca", MANAGER)]),
    ("scan-manager", "Alasdair", "Grant", False, [("scan", MANAGER)]),
    ("woscan-manager", "Shona", "Campbell", False, [("woscan", MANAGER)]),
    ("ssn-manager", "Kirsty", "Wallace", False, [("sarcoma", MANAGER)]),
    ("sanon-manager", "Euan", "Docherty", False, [("neuro-oncology", MANAGER)]),
    ("cypcn-manager", "Neil", "Paterson", False, [("children-young-people", MANAGER)]),
    ("snetn-manager", "Lorna", "Kerr", False, [("neuroendocrine", MANAGER)]),
    ("smn-manager", "Stuart", "Watson", False, [("mesothelioma", MANAGER)]),
    ("saon-manager", "Graham", "Hughes", False, [("acute-oncology", MANAGER)]),
]

# username: (job title, board slug, constituencies)
PLACES = {
    "lead": ("Consultant gynaecological oncologist", "greater-glasgow-clyde", []),
    "author": ("Specialty doctor, oncology", "greater-glasgow-clyde", []),
    "reviewer1": ("Consultant clinical oncologist", "lanarkshire", ["west-of-scotland-cancer-network", "clinical-oncology"]),
    "reviewer2": ("Lead cancer nurse", "ayrshire-arran", ["west-of-scotland-cancer-network", "nursing"]),
    "nca-reviewer": ("Consultant radiologist", "grampian", ["north-cancer-alliance", "radiology"]),
    "nca-author": ("Consultant breast surgeon", "highland", []),
    "scan-author": ("Consultant dermatologist", "lothian", []),
    "scan-reviewer": ("Consultant radiologist", "borders", ["south-east-scotland-cancer-network", "radiology"]),
    "programme": ("Programme manager, Scottish Cancer Network", None, []),
    "nca-oncologist": ("Consultant medical oncologist", "tayside", ["north-cancer-alliance", "medical-oncology"]),
    "scan-pharmacist": ("Lead cancer pharmacist", "lothian", ["south-east-scotland-cancer-network", "pharmacy"]),
    "woscan-surgeon": ("Consultant surgeon", "greater-glasgow-clyde", ["west-of-scotland-cancer-network", "surgery"]),
    "woscan-haematologist": ("Consultant haematologist", "lanarkshire", ["west-of-scotland-cancer-network", "haemato-oncology"]),
    "highland-gp": ("General practitioner", "highland", []),
    "fife-nurse": ("Clinical nurse specialist", "fife", []),
    "lanarkshire-physio": ("Specialist physiotherapist", "lanarkshire", []),
    "nca-manager": ("Network manager, North Cancer Alliance", "grampian", []),
    "scan-manager": ("Network manager, South East Scotland Cancer Network", "lothian", []),
    "woscan-manager": ("Network manager, West of Scotland Cancer Network", "greater-glasgow-clyde", []),
    "ssn-manager": ("Network manager, Scottish Sarcoma Network", "greater-glasgow-clyde", []),
    "sanon-manager": ("Network manager, Scottish Adult Neuro-Oncology Network", "lothian", []),
    "cypcn-manager": ("Network manager, Children and Young People's Cancer Network", "greater-glasgow-clyde", []),
    "snetn-manager": ("Network manager, Scottish Neuroendocrine Tumour Network", "tayside", []),
    "smn-manager": ("Network manager, Scottish Mesothelioma Network", "greater-glasgow-clyde", []),
    "saon-manager": ("Network manager, Scottish Acute Oncology Network", "lanarkshire", []),
}  # fmt: skip


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


def status_since(spec, today):
    """The day the network's status took effect: a proposed network's counts back from today,
    so it is always being set up now."""
    if "since_days_ago" in spec:
        return today - timedelta(days=spec["since_days_ago"])
    return date.fromisoformat(spec.get("since", spec["established"]))


def _load_networks(today):
    boards = {board.slug: board for board in HealthBoard.objects.all()}
    cancers = {cancer.slug: cancer for cancer in CancerType.objects.all()}
    networks = {}
    for spec in NETWORKS:
        lookup = {"slug": spec["slug"]}
        values = {
            "name": spec["name"],
            "short_name": spec["short_name"],
            "kind": spec["kind"],
            "description": spec["description"],
            "contact_email": f"{spec['slug']}{CONTACT_SUFFIX}",
            "host_board": boards.get(spec.get("host")),
            "status": spec.get("status", Network.Status.ESTABLISHED),
            "status_since": status_since(spec, today),
            "merged_into": networks.get(spec.get("merged_into")),
            "major_change_approvals": spec.get("major_change_approvals", 2),
        }
        if (
            values["status"] in Network.ENDED_STATUSES
            and not Network.objects.filter(**lookup).exists()
        ):
            # Made as it was founded, then ended: two saved changes, so its history (and the
            # public page's) keeps both stages. A later run finds it ended and changes nothing.
            founded = {
                "status": Network.Status.ESTABLISHED,
                "status_since": date.fromisoformat(spec["established"]),
                "merged_into": None,
            }
            _upsert(Network, lookup, {**values, **founded})
        network = _upsert(Network, lookup, values)
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


def _load_places(people, networks):
    """Each person's job and board, and the constituencies they review for."""
    boards = {board.slug: board for board in HealthBoard.objects.all()}
    constituencies = {c.slug: c for c in Constituency.objects.all()}
    for slug, network in REGION_NETWORKS.items():
        _upsert(Constituency, {"slug": slug}, {"network": networks[network]})
    for username, (job, board, _seats) in PLACES.items():
        _upsert(Profile, {"user": people[username]}, {"job_title": job, "board": boards.get(board)})
    # Memberships are changed from the constituency's side, whose history records them.
    demo_people = {user.pk for user in people.values()}
    for slug, constituency in constituencies.items():
        wanted = {people[name].pk for name, (_, _, seats) in PLACES.items() if slug in seats}
        held = set(constituency.members.filter(pk__in=demo_people).values_list("pk", flat=True))
        if wanted - held:
            constituency.members.add(*(wanted - held))
        if held - wanted:
            constituency.members.remove(*(held - wanted))


def _load_terms(networks, people, today):
    """Each network's lead clinician and manager, with earlier terms for a few. A current
    holder's term starts the day after their predecessor's ended; a network no longer at work
    ended its terms with it. A holder with a demo account is linked to it."""
    accounts = {user.get_full_name(): user for user in people.values()}
    ended_slug, ended_post, ended_days_ago = TERM_ENDED_WITHOUT_SUCCESSOR
    for spec in NETWORKS:
        network = networks[spec["slug"]]
        for post, holder in [(LEAD_CLINICIAN, spec["lead"]), (MANAGER_POST, spec["manager"])]:
            if holder is None:
                continue  # being set up: no one appointed yet
            starts_on = date.fromisoformat(spec["established"])
            for earlier_post, name, starts, ends in EARLIER_TERMS.get(spec["slug"], []):
                if earlier_post == post:
                    term = {
                        "starts_on": date.fromisoformat(starts),
                        "ends_on": date.fromisoformat(ends),
                    }
                    _upsert(Appointment, {"network": network, "post": post, "name": name}, term)
                    starts_on = term["ends_on"] + timedelta(days=1)
            ends_on = None if network.is_active else network.status_since
            if (spec["slug"], post) == (ended_slug, ended_post):
                ends_on = today - timedelta(days=ended_days_ago)
            _upsert(
                Appointment,
                {"network": network, "post": post, "name": holder},
                {"starts_on": starts_on, "ends_on": ends_on, "user": accounts.get(holder)},
            )


def _load_steering_groups(networks):
    boards = {board.slug: board for board in HealthBoard.objects.all()}
    for slug, members in STEERING_GROUPS.items():
        for position, (name, role, where) in enumerate(members):
            board = boards.get(where)  # else `where` names an organisation
            _upsert(
                SteeringGroupMember,
                {"network": networks[slug], "name": name},
                {
                    "role": role,
                    "board": board,
                    "organisation": "" if board else where,
                    "position": position,
                },
            )


def real_now():
    """The wall clock's time. load_demo sets up the registry under the demo story's clock
    (the day the registry opened: pathways.demo.as_of), but what must stay overdue, due soon
    or recent in the networks' annual cycle counts back from the real today."""
    return datetime.now(UTC)


@transaction.atomic
def load():
    """Create or refresh the demo networks, people and governance, then add the networks'
    annual cycle where it is missing; returns the people by username."""
    now = real_now()
    today = timezone.localdate(now)
    networks = _load_networks(today)
    people = _load_people(networks)
    _load_places(people, networks)
    _load_terms(networks, people, today)
    _load_steering_groups(networks)
    demo_oversight.load(networks, people, now)
    return people


@cache
def is_loaded():
    """Whether the demo content is in the database (its networks mark it). Asked once per
    process: the answer changes only when load_demo runs, which clears it for its own process;
    a server started before then tells only once restarted."""
    return Network.objects.filter(contact_email__endswith=CONTACT_SUFFIX).exists()


def describe_logins():
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for username, first, last, staff, roles in PEOPLE:
        job, _board, seats = PLACES.get(username, ("", None, []))
        what = ", ".join(f"{role.label.lower()} of {slug}" for slug, role in roles[:2])
        if len(roles) > 2:
            what += f" and {len(roles) - 2} more"
        if seats:
            what = ", ".join(filter(None, [what, "reviews for " + " and ".join(seats)]))
        what = what or ("programme team (staff)" if staff else "no role: comments on consultations")
        lines.append(f"  {username:<20} {first} {last}, {job}: {what}")
    return "\n".join(lines)
