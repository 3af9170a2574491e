-- The register's version: a number every write to the register advances, whichever process or path
-- makes it, so that answers cached by it are never stale. Triggers rather than calls in the services,
-- so that no new way of writing can forget it. Private tables (accounts, sessions, sign-in failures,
-- introductions, the audit log, listing events) have no trigger: their writes change no public answer.
INSERT INTO "meta" ("key", "value") VALUES ('register_version', '1') ON CONFLICT ("key") DO NOTHING;--> statement-breakpoint
-- BEFORE each statement, so that a transaction locks this one row before any row of the register:
-- writers wait for each other here rather than deadlock. The notification (sent at commit, once a
-- transaction) lets a process that keeps the number learn of the change without asking.
CREATE FUNCTION "advance_register_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "meta" ("key", "value") VALUES ('register_version', '1')
    ON CONFLICT ("key") DO UPDATE SET "value" = ("meta"."value"::bigint + 1)::text;
  PERFORM pg_notify('register_changed', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "countries" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "local_governments" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "search_keys" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "former_municipalities" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "relationships" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "relationship_renewals" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "published_figures" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "listings" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "listing_images" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();
