CREATE TABLE "commendation_exchanges" (
	"commendation_id" integer NOT NULL,
	"exchange_id" integer NOT NULL,
	CONSTRAINT "commendation_exchanges_commendation_id_exchange_id_pk" PRIMARY KEY("commendation_id","exchange_id")
);
--> statement-breakpoint
CREATE TABLE "commendation_relationships" (
	"commendation_id" integer NOT NULL,
	"relationship_id" integer NOT NULL,
	CONSTRAINT "commendation_relationships_commendation_id_relationship_id_pk" PRIMARY KEY("commendation_id","relationship_id")
);
--> statement-breakpoint
CREATE TABLE "commendations" (
	"id" serial PRIMARY KEY NOT NULL,
	"award" text NOT NULL,
	"year" smallint NOT NULL,
	"local_government_id" integer,
	"organisation_en" text DEFAULT '' NOT NULL,
	"organisation_ja" text DEFAULT '' NOT NULL,
	"category_en" text DEFAULT '' NOT NULL,
	"category_ja" text DEFAULT '' NOT NULL,
	"citation_en" text DEFAULT '' NOT NULL,
	"citation_ja" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commendations_one_recipient" CHECK (("commendations"."local_government_id" is null) = ("commendations"."organisation_en" <> '' or "commendations"."organisation_ja" <> ''))
);
--> statement-breakpoint
CREATE TABLE "news_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"title_ja" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"body_ja" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "news_tags" (
	"news_id" integer NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "news_tags_news_id_kind_value_pk" PRIMARY KEY("news_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "newsletter_deliveries" (
	"issue_id" integer NOT NULL,
	"subscriber_id" integer NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"failure" text,
	CONSTRAINT "newsletter_deliveries_issue_id_subscriber_id_pk" PRIMARY KEY("issue_id","subscriber_id")
);
--> statement-breakpoint
CREATE TABLE "newsletter_issues" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"scope_kind" text,
	"scope_value" text,
	"title_en" text DEFAULT '' NOT NULL,
	"title_ja" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"body_ja" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "newsletter_issues_period" CHECK ("newsletter_issues"."period_to" >= "newsletter_issues"."period_from"),
	CONSTRAINT "newsletter_issues_scope" CHECK (("newsletter_issues"."scope_kind" is null) = ("newsletter_issues"."scope_value" is null))
);
--> statement-breakpoint
CREATE TABLE "subscriber_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"subscriber_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "subscribers" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	CONSTRAINT "subscribers_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "commendation_exchanges" ADD CONSTRAINT "commendation_exchanges_commendation_id_commendations_id_fk" FOREIGN KEY ("commendation_id") REFERENCES "public"."commendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_exchanges" ADD CONSTRAINT "commendation_exchanges_exchange_id_exchanges_id_fk" FOREIGN KEY ("exchange_id") REFERENCES "public"."exchanges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_relationships" ADD CONSTRAINT "commendation_relationships_commendation_id_commendations_id_fk" FOREIGN KEY ("commendation_id") REFERENCES "public"."commendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_relationships" ADD CONSTRAINT "commendation_relationships_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_local_government_id_local_governments_id_fk" FOREIGN KEY ("local_government_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_tags" ADD CONSTRAINT "news_tags_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_deliveries" ADD CONSTRAINT "newsletter_deliveries_issue_id_newsletter_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."newsletter_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_deliveries" ADD CONSTRAINT "newsletter_deliveries_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD CONSTRAINT "newsletter_issues_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_tokens" ADD CONSTRAINT "subscriber_tokens_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commendation_relationships_relationship" ON "commendation_relationships" USING btree ("relationship_id");--> statement-breakpoint
CREATE INDEX "commendations_award_year" ON "commendations" USING btree ("award","year");--> statement-breakpoint
CREATE INDEX "commendations_local_government" ON "commendations" USING btree ("local_government_id");--> statement-breakpoint
CREATE INDEX "news_items_published" ON "news_items" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "news_tags_tag" ON "news_tags" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "subscriber_tokens_subscriber" ON "subscriber_tokens" USING btree ("subscriber_id");--> statement-breakpoint
-- Commendations, news and published issues change public pages: the register's version moves with them (see 0006).
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "commendations" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "commendation_relationships" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "commendation_exchanges" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "news_items" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "news_tags" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();--> statement-breakpoint
CREATE TRIGGER "advance_register_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "newsletter_issues" FOR EACH STATEMENT EXECUTE FUNCTION "advance_register_version"();
