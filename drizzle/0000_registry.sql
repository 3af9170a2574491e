CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" integer,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"code" char(2) PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_ja" text NOT NULL,
	"continent" char(2) NOT NULL,
	"languages" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_governments" (
	"id" serial PRIMARY KEY NOT NULL,
	"country" char(2) NOT NULL,
	"kind" text NOT NULL,
	"name_local" text NOT NULL,
	"name_kana" text,
	"name_romaji" text NOT NULL,
	"name_en" text NOT NULL,
	"name_ja" text,
	"slug" text NOT NULL,
	"jis_code" char(6),
	"geonames_id" integer,
	"parent_id" integer,
	"designated_city" boolean DEFAULT false NOT NULL,
	"admin1" text,
	"region_name" text,
	"population" integer,
	"population_year" smallint,
	"area_km2" real,
	"latitude" double precision,
	"longitude" double precision,
	"website" text,
	"description" text,
	"in_coverage" boolean DEFAULT true NOT NULL,
	"verified" boolean DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_governments_jis_code_unique" UNIQUE("jis_code"),
	CONSTRAINT "local_governments_geonames_id_unique" UNIQUE("geonames_id")
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relationship_renewals" (
	"id" serial PRIMARY KEY NOT NULL,
	"relationship_id" integer NOT NULL,
	"renewed_on" date NOT NULL,
	"new_end" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" serial PRIMARY KEY NOT NULL,
	"first_id" integer NOT NULL,
	"second_id" integer NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"label_original" text,
	"signed_on" date,
	"signed_precision" text,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"fixed_term_end" date,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"clair_signed_by_leaders" boolean,
	"clair_multiple_fields" boolean,
	"clair_budget_approved" boolean,
	"agreement_url" text,
	"source" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"notes" text,
	"first_country" char(2) NOT NULL,
	"second_country" char(2) NOT NULL,
	"domestic" boolean GENERATED ALWAYS AS (first_country = second_country) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationships_ordered_pair" CHECK ("relationships"."first_id" < "relationships"."second_id")
);
--> statement-breakpoint
CREATE TABLE "search_keys" (
	"local_government_id" integer NOT NULL,
	"key" text NOT NULL,
	"is_base" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "local_governments" ADD CONSTRAINT "local_governments_country_countries_code_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_renewals" ADD CONSTRAINT "relationship_renewals_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_first_id_local_governments_id_fk" FOREIGN KEY ("first_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_second_id_local_governments_id_fk" FOREIGN KEY ("second_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_keys" ADD CONSTRAINT "search_keys_local_government_id_local_governments_id_fk" FOREIGN KEY ("local_government_id") REFERENCES "public"."local_governments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "local_governments_country_kind" ON "local_governments" USING btree ("country","kind");--> statement-breakpoint
CREATE INDEX "local_governments_parent" ON "local_governments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "local_governments_name_local" ON "local_governments" USING btree ("name_local");--> statement-breakpoint
CREATE UNIQUE INDEX "relationships_pair_label" ON "relationships" USING btree ("first_id","second_id","label");--> statement-breakpoint
CREATE INDEX "relationships_second" ON "relationships" USING btree ("second_id");--> statement-breakpoint
CREATE INDEX "relationships_first_country" ON "relationships" USING btree ("first_country");--> statement-breakpoint
CREATE INDEX "relationships_second_country" ON "relationships" USING btree ("second_country");--> statement-breakpoint
CREATE INDEX "search_keys_lg" ON "search_keys" USING btree ("local_government_id");