"""No one reviews a version they wrote or edited: the database now refuses a review by anyone
who saved the version's text, not only by the person who started it, as the permission policy
(pathways/policy.py) and the services already did."""

from django.db import migrations

NOT_BY_CONTRIBUTORS = r"""
CREATE OR REPLACE FUNCTION pathways_review_not_by_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pathways_pathwayversion
               WHERE id = NEW.version_id AND author_id = NEW.reviewer_id)
       OR EXISTS (SELECT 1 FROM pathways_event
                  WHERE version_id = NEW.version_id AND actor_id = NEW.reviewer_id
                    AND action = 'saved') THEN
        RAISE EXCEPTION 'a reviewer cannot review their own pathway version %', NEW.version_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
"""

NOT_BY_AUTHOR = r"""
CREATE OR REPLACE FUNCTION pathways_review_not_by_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pathways_pathwayversion
               WHERE id = NEW.version_id AND author_id = NEW.reviewer_id) THEN
        RAISE EXCEPTION 'a reviewer cannot review their own pathway version %', NEW.version_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("pathways", "0009_search_words_and_plain_text")]

    operations = [migrations.RunSQL(NOT_BY_CONTRIBUTORS, NOT_BY_AUTHOR)]
