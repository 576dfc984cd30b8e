import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, then condensed by hand to the final statements TypeORM's table rebuild arrived at
 * (the schema is the same: `npm run migration:generate` finds nothing further to do), plus the
 * hand-written `name_key_state`: the version of the spelling rules the stored match keys were
 * derived under. It starts empty, so the first start after this migration re-keys every stored
 * name under the rules of issue 11 and rebuilds the search index (src/people/match-keys.ts).
 * No existing table changes.
 */
export class NameKeysAndMerges1796167480483 implements MigrationInterface {
  name = 'NameKeysAndMerges1796167480483';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "person_merge" ("from_id" integer PRIMARY KEY NOT NULL, "into_id" integer NOT NULL, "merged_by_id" integer, "merged_at" datetime NOT NULL, CONSTRAINT "FK_44607766034551791c299e14e85" FOREIGN KEY ("into_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "IDX_44607766034551791c299e14e8" ON "person_merge" ("into_id") `);
    await queryRunner.query(`CREATE TABLE "institution_merge" ("from_id" integer PRIMARY KEY NOT NULL, "into_id" integer NOT NULL, "merged_by_id" integer, "merged_at" datetime NOT NULL, CONSTRAINT "FK_30c78d50d30611cb4e26752b462" FOREIGN KEY ("into_id") REFERENCES "institution" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "IDX_30c78d50d30611cb4e26752b46" ON "institution_merge" ("into_id") `);
    await queryRunner.query(`CREATE TABLE "name_key_state" ("id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1), "version" integer NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "name_key_state"`);
    await queryRunner.query(`DROP INDEX "IDX_30c78d50d30611cb4e26752b46"`);
    await queryRunner.query(`DROP TABLE "institution_merge"`);
    await queryRunner.query(`DROP INDEX "IDX_44607766034551791c299e14e8"`);
    await queryRunner.query(`DROP TABLE "person_merge"`);
  }
}
