from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from networks import demo


class Command(BaseCommand):
    help = "Create or refresh the demo content (idempotent). Needs DEBUG: it sets known passwords."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refused: demo content creates accounts with a published password, "
                "so it loads only when DEBUG is on."
            )
        demo.load()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(demo.describe_logins())
