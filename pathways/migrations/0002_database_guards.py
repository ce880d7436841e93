"""Invariants a CHECK constraint cannot express, held by PostgreSQL triggers.

- A published version is never updated or deleted, whatever path tries (form, admin, ORM, SQL).
- A version's author never changes.
- A reviewer is never the author of the version they review (no one approves their own work).
- The event record is append-only.

Each raises an integrity error (SQLSTATE class 23), which Django reports as IntegrityError.
"""

from django.db import migrations

GUARDS = r"""
CREATE FUNCTION pathways_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'published' THEN
        RAISE EXCEPTION 'published pathway version % is immutable', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.author_id <> OLD.author_id THEN
        RAISE EXCEPTION 'the author of pathway version % cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER pathways_version_guard
    BEFORE UPDATE OR DELETE ON pathways_pathwayversion
    FOR EACH ROW EXECUTE FUNCTION pathways_version_guard();

CREATE FUNCTION pathways_review_not_by_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pathways_pathwayversion
               WHERE id = NEW.version_id AND author_id = NEW.reviewer_id) THEN
        RAISE EXCEPTION 'a reviewer cannot review their own pathway version %', NEW.version_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER pathways_review_not_by_author
    BEFORE INSERT OR UPDATE ON pathways_review
    FOR EACH ROW EXECUTE FUNCTION pathways_review_not_by_author();

CREATE FUNCTION pathways_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'pathway events are append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER pathways_event_append_only
    BEFORE UPDATE OR DELETE ON pathways_event
    FOR EACH ROW EXECUTE FUNCTION pathways_event_append_only();
"""

REMOVE_GUARDS = """
DROP TRIGGER pathways_event_append_only ON pathways_event;
DROP FUNCTION pathways_event_append_only();
DROP TRIGGER pathways_review_not_by_author ON pathways_review;
DROP FUNCTION pathways_review_not_by_author();
DROP TRIGGER pathways_version_guard ON pathways_pathwayversion;
DROP FUNCTION pathways_version_guard();
"""


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [migrations.RunSQL(GUARDS, REMOVE_GUARDS)]
