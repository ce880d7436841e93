from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from networks import demo as network_demo
from pathways import demo as pathway_demo
from pathways import services


class Command(BaseCommand):
    help = "Create or refresh the demo content (idempotent). Needs DEBUG: it sets known passwords."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refused: demo content creates accounts with a published password, "
                "so it loads only when DEBUG is on."
            )
        # The demo's reviews and publications would otherwise email every demo person.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            with services.composed():
                # The registry and the accounts predate the first pathway of the demo's story.
                with pathway_demo.as_of(pathway_demo.at(pathway_demo.OPENED, 9)):
                    people = network_demo.load()
                pathway_demo.load(people)
        network_demo.is_loaded.cache_clear()  # this process shows the banner from now on
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(network_demo.describe_logins())
