"""An accepted annual report is a permanent public page: PostgreSQL refuses any change to it
(its due date, text or status) and its deletion, whoever asks, as it does for a published
pathway version. The network (a foreign key) may not be re-pointed either."""

from django.db import migrations

CREATE = """
CREATE FUNCTION networks_refuse_change_to_accepted_report() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'annual report % is accepted: it cannot be changed', OLD.id
        USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER networks_annualreport_frozen_when_accepted
    BEFORE UPDATE OR DELETE ON networks_annualreport
    FOR EACH ROW WHEN (OLD.status = 'accepted')
    EXECUTE FUNCTION networks_refuse_change_to_accepted_report();
"""

DROP = """
DROP TRIGGER networks_annualreport_frozen_when_accepted ON networks_annualreport;
DROP FUNCTION networks_refuse_change_to_accepted_report();
"""


class Migration(migrations.Migration):
    dependencies = [("networks", "0008_drop_the_registry_fields")]

    operations = [migrations.RunSQL(CREATE, DROP)]
