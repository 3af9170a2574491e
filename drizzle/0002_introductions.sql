CREATE TABLE "introduction_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"introduction_id" integer NOT NULL,
	"account_id" integer,
	"side" text NOT NULL,
	"kind" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "introductions" (
	"id" serial PRIMARY KEY NOT NULL,
	"from_lg_id" integer NOT NULL,
	"to_lg_id" integer NOT NULL,
	"from_listing_id" integer,
	"to_listing_id" integer,
	"account_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"sent_on" date NOT NULL,
	"forwarded_at" timestamp with time zone,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "introductions_two_parties" CHECK ("introductions"."from_lg_id" <> "introductions"."to_lg_id")
);
--> statement-breakpoint
CREATE TABLE "tracker_steps" (
	"introduction_id" integer NOT NULL,
	"step" smallint NOT NULL,
	"done_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracker_steps_introduction_id_step_pk" PRIMARY KEY("introduction_id","step"),
	CONSTRAINT "tracker_steps_step" CHECK ("tracker_steps"."step" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "trackers" (
	"introduction_id" integer PRIMARY KEY NOT NULL,
	"relationship_id" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "introduction_messages" ADD CONSTRAINT "introduction_messages_introduction_id_introductions_id_fk" FOREIGN KEY ("introduction_id") REFERENCES "public"."introductions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_messages" ADD CONSTRAINT "introduction_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_from_lg_id_local_governments_id_fk" FOREIGN KEY ("from_lg_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_to_lg_id_local_governments_id_fk" FOREIGN KEY ("to_lg_id") REFERENCES "public"."local_governments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_from_listing_id_listings_id_fk" FOREIGN KEY ("from_listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_to_listing_id_listings_id_fk" FOREIGN KEY ("to_listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_steps" ADD CONSTRAINT "tracker_steps_introduction_id_trackers_introduction_id_fk" FOREIGN KEY ("introduction_id") REFERENCES "public"."trackers"("introduction_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_steps" ADD CONSTRAINT "tracker_steps_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trackers" ADD CONSTRAINT "trackers_introduction_id_introductions_id_fk" FOREIGN KEY ("introduction_id") REFERENCES "public"."introductions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trackers" ADD CONSTRAINT "trackers_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "introduction_messages_introduction" ON "introduction_messages" USING btree ("introduction_id");--> statement-breakpoint
CREATE INDEX "introductions_from" ON "introductions" USING btree ("from_lg_id","sent_on");--> statement-breakpoint
CREATE INDEX "introductions_to" ON "introductions" USING btree ("to_lg_id");--> statement-breakpoint
CREATE INDEX "introductions_status" ON "introductions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "introductions_one_open_per_pair" ON "introductions" USING btree (least("from_lg_id", "to_lg_id"),greatest("from_lg_id", "to_lg_id")) WHERE status in ('pending', 'more-info', 'forwarded');