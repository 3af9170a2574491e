CREATE TABLE "jurisdiction_members" (
	"jurisdiction_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"country" char(2),
	"admin1" text,
	"admin2" text,
	"local_government_id" integer,
	CONSTRAINT "jurisdiction_members_jurisdiction_id_position_pk" PRIMARY KEY("jurisdiction_id","position"),
	CONSTRAINT "jurisdiction_members_shape" CHECK (("jurisdiction_members"."kind" = 'lg') = ("jurisdiction_members"."local_government_id" is not null) and ("jurisdiction_members"."kind" = 'lg') = ("jurisdiction_members"."country" is null)
        and ("jurisdiction_members"."kind" in ('region', 'county')) = ("jurisdiction_members"."admin1" is not null) and ("jurisdiction_members"."kind" = 'county') = ("jurisdiction_members"."admin2" is not null))
);
--> statement-breakpoint
CREATE TABLE "jurisdictions" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name_en" text NOT NULL,
	"name_ja" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"description_ja" text DEFAULT '' NOT NULL,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jurisdictions_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "local_governments" ADD COLUMN "admin2" text;--> statement-breakpoint
ALTER TABLE "jurisdiction_members" ADD CONSTRAINT "jurisdiction_members_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jurisdiction_members" ADD CONSTRAINT "jurisdiction_members_local_government_id_local_governments_id_fk" FOREIGN KEY ("local_government_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jurisdictions" ADD CONSTRAINT "jurisdictions_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Jurisdictions are public (their pages, feeds and the anniversaries filtered by them): a write advances the register's version.
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "jurisdictions" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "jurisdiction_members" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();
