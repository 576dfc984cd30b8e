import { MigrationInterface, QueryRunner } from 'typeorm';

export class Trash1796167337945 implements MigrationInterface {
  name = 'Trash1796167337945';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "trash_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(60) NOT NULL, "record_type" varchar(60) NOT NULL, "record_id" integer NOT NULL, "case_id" integer, "case_code" varchar(40), "label" varchar(300) NOT NULL, "restricted" boolean NOT NULL DEFAULT (0), "deleted_by_id" integer, "deleted_by_label" varchar(200) NOT NULL, "deleted_at" datetime NOT NULL, "row_count" integer NOT NULL, "snapshot" text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_60b96657fd25c48b1024e0a233" ON "trash_item" ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_0d64bfb0f9fce02c4902bf62e0" ON "trash_item" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f2cae5eb3e53dd42435c60b319" ON "trash_item" ("deleted_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_b09b074ccd9f65e196b6757704" ON "trash_item" ("record_type", "record_id") `);
    await queryRunner.query(`CREATE TABLE "trash_stored_object" ("trash_item_id" integer NOT NULL, "stored_object_id" integer NOT NULL, PRIMARY KEY ("trash_item_id", "stored_object_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_13924760bd83d929274d999fcb" ON "trash_stored_object" ("stored_object_id") `);
    await queryRunner.query(`DROP INDEX "IDX_13924760bd83d929274d999fcb"`);
    await queryRunner.query(`CREATE TABLE "temporary_trash_stored_object" ("trash_item_id" integer NOT NULL, "stored_object_id" integer NOT NULL, CONSTRAINT "FK_c2fff7a3293b3274c79e8e62017" FOREIGN KEY ("trash_item_id") REFERENCES "trash_item" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_13924760bd83d929274d999fcbc" FOREIGN KEY ("stored_object_id") REFERENCES "stored_object" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("trash_item_id", "stored_object_id"))`);
    await queryRunner.query(`INSERT INTO "temporary_trash_stored_object"("trash_item_id", "stored_object_id") SELECT "trash_item_id", "stored_object_id" FROM "trash_stored_object"`);
    await queryRunner.query(`DROP TABLE "trash_stored_object"`);
    await queryRunner.query(`ALTER TABLE "temporary_trash_stored_object" RENAME TO "trash_stored_object"`);
    await queryRunner.query(`CREATE INDEX "IDX_13924760bd83d929274d999fcb" ON "trash_stored_object" ("stored_object_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_13924760bd83d929274d999fcb"`);
    await queryRunner.query(`ALTER TABLE "trash_stored_object" RENAME TO "temporary_trash_stored_object"`);
    await queryRunner.query(`CREATE TABLE "trash_stored_object" ("trash_item_id" integer NOT NULL, "stored_object_id" integer NOT NULL, PRIMARY KEY ("trash_item_id", "stored_object_id"))`);
    await queryRunner.query(`INSERT INTO "trash_stored_object"("trash_item_id", "stored_object_id") SELECT "trash_item_id", "stored_object_id" FROM "temporary_trash_stored_object"`);
    await queryRunner.query(`DROP TABLE "temporary_trash_stored_object"`);
    await queryRunner.query(`CREATE INDEX "IDX_13924760bd83d929274d999fcb" ON "trash_stored_object" ("stored_object_id") `);
    await queryRunner.query(`DROP INDEX "IDX_13924760bd83d929274d999fcb"`);
    await queryRunner.query(`DROP TABLE "trash_stored_object"`);
    await queryRunner.query(`DROP INDEX "IDX_b09b074ccd9f65e196b6757704"`);
    await queryRunner.query(`DROP INDEX "IDX_f2cae5eb3e53dd42435c60b319"`);
    await queryRunner.query(`DROP INDEX "IDX_0d64bfb0f9fce02c4902bf62e0"`);
    await queryRunner.query(`DROP INDEX "IDX_60b96657fd25c48b1024e0a233"`);
    await queryRunner.query(`DROP TABLE "trash_item"`);
  }
}
