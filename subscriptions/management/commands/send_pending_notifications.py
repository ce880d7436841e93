"""E-mail subscribers about publications, withdrawals and consultations (`subscriptions.outbox`).

Safe from cron as often as wanted, and two runs may overlap: each e-mail is owed once (a
unique constraint), each run locks only the rows it is working on and skips those another run
holds, and a failed send stays queued for a later run.
"""

from django.core.management.base import BaseCommand, CommandError

from subscriptions import outbox


class Command(BaseCommand):
    help = (
        "Queue an e-mail to each confirmed subscriber for every new publication, withdrawal "
        "and consultation, then send what is queued, in batches."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=100,
            help="Events fanned out, and e-mails sent, per transaction (default 100).",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        report = outbox.Report()
        outbox.forget_unconfirmed()
        outbox.fan_out(batch_size, report)
        outbox.send_pending(batch_size, report)
        self.stdout.write(
            f"Events fanned out: {report.events}; e-mails queued: {report.queued}; "
            f"sent: {report.sent} in {report.batches} batch{'es' if report.batches != 1 else ''}; "
            f"failed: {report.failed} ({report.abandoned} for the last time, the rest to retry); "
            f"no longer wanted: {report.unwanted}."
        )
