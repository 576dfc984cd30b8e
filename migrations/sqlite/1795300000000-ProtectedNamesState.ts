import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand, not generated: the counters that tell every process when the protected
 * people's names or the clearances changed (issue 19), and the triggers that keep them, copied
 * verbatim from the registry in src/people/protected-names-state.ts
 * (tests/unit/protected-names.test.ts checks that the two agree). No other table changes.
 */
export class ProtectedNamesState1795300000000 implements MigrationInterface {
  name = 'ProtectedNamesState1795300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "protected_names_state" ("id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1), "names_version" integer NOT NULL DEFAULT (0), "clearance_version" integer NOT NULL DEFAULT (0), "links_version" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "protected_names_state" ("id", "names_version", "clearance_version", "links_version") VALUES (1, 0, 0, 0)`);
    await queryRunner.query(`CREATE TRIGGER "redaction_person_insert" AFTER INSERT ON "person" FOR EACH ROW WHEN NEW."protected_identity" = 1 BEGIN UPDATE "protected_names_state" SET "names_version" = "names_version" + 1, "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_person_protected" AFTER UPDATE OF "protected_identity", "primary_name" ON "person" FOR EACH ROW WHEN OLD."protected_identity" = 1 OR NEW."protected_identity" = 1 BEGIN UPDATE "protected_names_state" SET "names_version" = "names_version" + 1, "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_person_creator" AFTER UPDATE OF "created_by_id", "id" ON "person" FOR EACH ROW WHEN OLD."protected_identity" = 1 OR NEW."protected_identity" = 1 BEGIN UPDATE "protected_names_state" SET "names_version" = "names_version" + 1, "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_person_delete" AFTER DELETE ON "person" FOR EACH ROW WHEN OLD."protected_identity" = 1 BEGIN UPDATE "protected_names_state" SET "names_version" = "names_version" + 1, "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_person_name_insert" AFTER INSERT ON "person_name" FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "person" WHERE "id" = NEW."person_id" AND "protected_identity" = 1) BEGIN UPDATE "protected_names_state" SET "names_version" = "names_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_person_name_update" AFTER UPDATE ON "person_name" FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "person" WHERE "id" = NEW."person_id" AND "protected_identity" = 1) OR EXISTS (SELECT 1 FROM "person" WHERE "id" = OLD."person_id" AND "protected_identity" = 1) BEGIN UPDATE "protected_names_state" SET "names_version" = "names_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_person_name_delete" AFTER DELETE ON "person_name" FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "person" WHERE "id" = OLD."person_id" AND "protected_identity" = 1) BEGIN UPDATE "protected_names_state" SET "names_version" = "names_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_case_member_insert" AFTER INSERT ON "case_member" FOR EACH ROW BEGIN UPDATE "protected_names_state" SET "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_case_member_update" AFTER UPDATE ON "case_member" FOR EACH ROW BEGIN UPDATE "protected_names_state" SET "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_case_member_delete" AFTER DELETE ON "case_member" FOR EACH ROW BEGIN UPDATE "protected_names_state" SET "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_case_participant_insert" AFTER INSERT ON "case_participant" FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "person" WHERE "id" = NEW."person_id" AND "protected_identity" = 1) BEGIN UPDATE "protected_names_state" SET "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_case_participant_update" AFTER UPDATE OF "case_id", "person_id" ON "case_participant" FOR EACH ROW BEGIN UPDATE "protected_names_state" SET "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_case_participant_delete" AFTER DELETE ON "case_participant" FOR EACH ROW BEGIN UPDATE "protected_names_state" SET "clearance_version" = "clearance_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_protected_link_insert" AFTER INSERT ON "protected_person_case" FOR EACH ROW BEGIN UPDATE "protected_names_state" SET "links_version" = "links_version" + 1 WHERE "id" = 1; END`);
    await queryRunner.query(`CREATE TRIGGER "redaction_protected_link_delete" AFTER DELETE ON "protected_person_case" FOR EACH ROW BEGIN UPDATE "protected_names_state" SET "links_version" = "links_version" + 1 WHERE "id" = 1; END`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "redaction_person_insert"`);
    await queryRunner.query(`DROP TRIGGER "redaction_person_protected"`);
    await queryRunner.query(`DROP TRIGGER "redaction_person_creator"`);
    await queryRunner.query(`DROP TRIGGER "redaction_person_delete"`);
    await queryRunner.query(`DROP TRIGGER "redaction_person_name_insert"`);
    await queryRunner.query(`DROP TRIGGER "redaction_person_name_update"`);
    await queryRunner.query(`DROP TRIGGER "redaction_person_name_delete"`);
    await queryRunner.query(`DROP TRIGGER "redaction_case_member_insert"`);
    await queryRunner.query(`DROP TRIGGER "redaction_case_member_update"`);
    await queryRunner.query(`DROP TRIGGER "redaction_case_member_delete"`);
    await queryRunner.query(`DROP TRIGGER "redaction_case_participant_insert"`);
    await queryRunner.query(`DROP TRIGGER "redaction_case_participant_update"`);
    await queryRunner.query(`DROP TRIGGER "redaction_case_participant_delete"`);
    await queryRunner.query(`DROP TRIGGER "redaction_protected_link_insert"`);
    await queryRunner.query(`DROP TRIGGER "redaction_protected_link_delete"`);
    await queryRunner.query(`DROP TABLE "protected_names_state"`);
  }
}
