"""Scotland's 14 territorial NHS boards and the cancers pathways are written for."""

from django.db import migrations
from django.utils.text import slugify

HEALTH_BOARDS = [
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
]

CANCER_TYPES = [
    "Brain and central nervous system",
    "Breast",
    "Cervical",
    "Children's and young people's cancers",
    "Colorectal",
    "Endometrial",
    "Head and neck",
    "Lung",
    "Lymphoma",
    "Melanoma",
    "Mesothelioma",
    "Myeloma",
    "Neuroendocrine tumours",
    "Oesophago-gastric",
    "Ovarian",
    "Pancreatic",
    "Prostate",
    "Renal",
    "Sarcoma",
    "Testicular",
    "Upper gastrointestinal",
    "Urological",
]


def create(apps, schema_editor):
    HealthBoard = apps.get_model("networks", "HealthBoard")
    CancerType = apps.get_model("networks", "CancerType")
    for name in HEALTH_BOARDS:
        HealthBoard.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name in CANCER_TYPES:
        CancerType.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("networks", "HealthBoard").objects.filter(
        slug__in=[slugify(name) for name in HEALTH_BOARDS]
    ).delete()
    apps.get_model("networks", "CancerType").objects.filter(
        slug__in=[slugify(name) for name in CANCER_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
