CREATE TABLE "exchanges" (
	"id" serial PRIMARY KEY NOT NULL,
	"relationship_id" integer NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"visitor_id" integer,
	"participants" integer,
	"description_en" text DEFAULT '' NOT NULL,
	"description_ja" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchanges_participants" CHECK ("exchanges"."participants" is null or "exchanges"."participants" >= 0),
	CONSTRAINT "exchanges_period" CHECK ("exchanges"."ended_on" is null or "exchanges"."ended_on" >= "exchanges"."started_on"),
	CONSTRAINT "exchanges_visitor" CHECK (("exchanges"."direction" = 'visit') = ("exchanges"."visitor_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "term_reminders" (
	"relationship_id" integer NOT NULL,
	"term_end" date NOT NULL,
	"days_before" smallint NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "term_reminders_relationship_id_term_end_days_before_pk" PRIMARY KEY("relationship_id","term_end","days_before")
);
--> statement-breakpoint
ALTER TABLE "relationship_renewals" ADD COLUMN "previous_end" date;--> statement-breakpoint
ALTER TABLE "relationship_renewals" ADD COLUMN "recorded_by" integer;--> statement-breakpoint
ALTER TABLE "relationship_renewals" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "last_exchange_on" date;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "exchange_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_visitor_id_local_governments_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_reminders" ADD CONSTRAINT "term_reminders_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchanges_relationship_started" ON "exchanges" USING btree ("relationship_id","started_on");--> statement-breakpoint
ALTER TABLE "relationship_renewals" ADD CONSTRAINT "relationship_renewals_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relationship_renewals_relationship" ON "relationship_renewals" USING btree ("relationship_id");--> statement-breakpoint
-- Renewals recorded before: each extended the end the one before it set (the first's is not known).
UPDATE "relationship_renewals" r SET "previous_end" = chained."previous_end"
  FROM (SELECT "id", lag("new_end") OVER (PARTITION BY "relationship_id" ORDER BY "renewed_on", "new_end") AS "previous_end" FROM "relationship_renewals") chained
  WHERE chained."id" = r."id" AND chained."previous_end" IS NOT NULL;--> statement-breakpoint
-- The exchange log shows on public pages (a relationship's, its parties', the statistics' vitality):
-- its writes advance the register's version as 0006 does for the register's other tables. The term
-- reminders are this database's own record of mail sent, and change no public answer.
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "exchanges" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
-- relationships.last_exchange_on and exchange_count follow the log, whichever way it is written: once
-- per statement, for the relationships the statement touched (transition tables hold one event each,
-- hence three triggers).
CREATE FUNCTION "keep_last_exchange_on"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "relationships" r SET ("last_exchange_on", "exchange_count") = (
      SELECT max(coalesce(e."ended_on", e."started_on")), count(*) FROM "exchanges" e WHERE e."relationship_id" = r."id")
    WHERE r."id" IN (SELECT "relationship_id" FROM "touched");
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "keep_last_exchange_on_insert" AFTER INSERT ON "exchanges" REFERENCING NEW TABLE AS "touched" FOR EACH STATEMENT EXECUTE FUNCTION "keep_last_exchange_on"();--> statement-breakpoint
CREATE TRIGGER "keep_last_exchange_on_update" AFTER UPDATE ON "exchanges" REFERENCING NEW TABLE AS "touched" FOR EACH STATEMENT EXECUTE FUNCTION "keep_last_exchange_on"();--> statement-breakpoint
CREATE TRIGGER "keep_last_exchange_on_delete" AFTER DELETE ON "exchanges" REFERENCING OLD TABLE AS "touched" FOR EACH STATEMENT EXECUTE FUNCTION "keep_last_exchange_on"();
