CREATE TABLE "former_municipalities" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"name_romaji" text,
	"district" text,
	"prefecture_id" integer NOT NULL,
	"successor_id" integer NOT NULL,
	"merged_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_figures" (
	"id" serial PRIMARY KEY NOT NULL,
	"publisher" text NOT NULL,
	"published_on" date NOT NULL,
	"scope" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"value" integer NOT NULL,
	"citation" text DEFAULT '' NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "source_kind" text DEFAULT 'entry' NOT NULL;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "first_signed_as" text;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "second_signed_as" text;--> statement-breakpoint
ALTER TABLE "former_municipalities" ADD CONSTRAINT "former_municipalities_prefecture_id_local_governments_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "former_municipalities" ADD CONSTRAINT "former_municipalities_successor_id_local_governments_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_figures" ADD CONSTRAINT "published_figures_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "former_municipalities_successor" ON "former_municipalities" USING btree ("successor_id");--> statement-breakpoint
CREATE INDEX "former_municipalities_name" ON "former_municipalities" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "published_figures_one_per_day" ON "published_figures" USING btree ("publisher","published_on","scope","subject");