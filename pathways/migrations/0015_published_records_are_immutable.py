"""The record of how a published version was agreed never changes, as the version itself never
does (migration 0002): PostgreSQL refuses any insert, change or deletion of a decision on a
published version, or of a consultation comment on one, whatever makes it (a service, the
admin, the ORM, SQL)."""

from django.db import migrations

CREATE = r"""
CREATE FUNCTION pathways_published_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_version bigint;
    old_version bigint;
BEGIN
    IF TG_TABLE_NAME = 'pathways_review' THEN
        IF TG_OP <> 'DELETE' THEN new_version := NEW.version_id; END IF;
        IF TG_OP <> 'INSERT' THEN old_version := OLD.version_id; END IF;
    ELSE
        IF TG_OP <> 'DELETE' THEN
            SELECT version_id INTO new_version FROM pathways_consultation
            WHERE id = NEW.consultation_id;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            SELECT version_id INTO old_version FROM pathways_consultation
            WHERE id = OLD.consultation_id;
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pathways_pathwayversion
               WHERE id IN (new_version, old_version) AND status = 'published') THEN
        RAISE EXCEPTION 'the record of published pathway version % is immutable',
            coalesce(new_version, old_version)
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER pathways_review_published_guard
    BEFORE INSERT OR UPDATE OR DELETE ON pathways_review
    FOR EACH ROW EXECUTE FUNCTION pathways_published_record_guard();
CREATE TRIGGER pathways_consultationcomment_published_guard
    BEFORE INSERT OR UPDATE OR DELETE ON pathways_consultationcomment
    FOR EACH ROW EXECUTE FUNCTION pathways_published_record_guard();
"""

DROP = """
DROP TRIGGER pathways_consultationcomment_published_guard ON pathways_consultationcomment;
DROP TRIGGER pathways_review_published_guard ON pathways_review;
DROP FUNCTION pathways_published_record_guard();
"""


class Migration(migrations.Migration):
    dependencies = [("pathways", "0014_consultation_notices")]

    operations = [migrations.RunSQL(CREATE, DROP)]
