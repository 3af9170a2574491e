ALTER TABLE "local_governments" ADD COLUMN "region_name_ja" text;--> statement-breakpoint
-- Databases loaded before this column: a Japanese LG's region is its prefecture, a place abroad's its state's or province's own LG.
UPDATE "local_governments" AS "lg" SET "region_name_ja" = "prefecture"."name_ja"
  FROM "local_governments" AS "prefecture"
  WHERE "lg"."country" = 'JP' AND "lg"."kind" <> 'prefecture' AND "prefecture"."kind" = 'prefecture'
    AND left("prefecture"."jis_code", 2) = left("lg"."jis_code", 2);--> statement-breakpoint
UPDATE "local_governments" AS "place" SET "region_name_ja" = "region"."name_ja"
  FROM "local_governments" AS "region"
  WHERE "place"."country" <> 'JP' AND "place"."admin1" IS NOT NULL AND "region"."country" = "place"."country"
    AND "region"."admin1" = "place"."admin1" AND "region"."kind" IN ('state', 'province', 'region', 'territory', 'county')
    AND "region"."name_ja" IS NOT NULL;
