import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportJsonFormat1796227502113 implements MigrationInterface {
  name = 'ImportJsonFormat1796227502113';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_877a54c93ab970b745ecb8603e"`);
    await queryRunner.query(`DROP INDEX "IDX_8ac98d5dc63628e7e9f25c0442"`);
    await queryRunner.query(`CREATE TABLE "temporary_import_batch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "file_name" varchar(255) NOT NULL, "sha256" varchar(64) NOT NULL, "bytes" integer NOT NULL, "format" varchar(10) NOT NULL, "status" varchar(20) NOT NULL, "sheets" text NOT NULL, "notices" text NOT NULL, "mapping" text NOT NULL, "counts" text NOT NULL, "commit_audit_seq" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "checked_at" datetime, "committed_at" datetime, "undone_at" datetime, CONSTRAINT "CHK_de7d8931dbfba664af73ed979e" CHECK ((status IN ('mapping','checked','has-problems','committed','undone','discarded'))), CONSTRAINT "FK_8ac98d5dc63628e7e9f25c04426" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_import_batch"("id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at") SELECT "id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at" FROM "import_batch"`);
    await queryRunner.query(`DROP TABLE "import_batch"`);
    await queryRunner.query(`ALTER TABLE "temporary_import_batch" RENAME TO "import_batch"`);
    await queryRunner.query(`CREATE INDEX "IDX_877a54c93ab970b745ecb8603e" ON "import_batch" ("sha256") `);
    await queryRunner.query(`CREATE INDEX "IDX_8ac98d5dc63628e7e9f25c0442" ON "import_batch" ("user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_877a54c93ab970b745ecb8603e"`);
    await queryRunner.query(`DROP INDEX "IDX_8ac98d5dc63628e7e9f25c0442"`);
    await queryRunner.query(`CREATE TABLE "temporary_import_batch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "file_name" varchar(255) NOT NULL, "sha256" varchar(64) NOT NULL, "bytes" integer NOT NULL, "format" varchar(10) NOT NULL, "status" varchar(20) NOT NULL, "sheets" text NOT NULL, "notices" text NOT NULL, "mapping" text NOT NULL, "counts" text NOT NULL, "commit_audit_seq" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "checked_at" datetime, "committed_at" datetime, "undone_at" datetime, CONSTRAINT "CHK_de7d8931dbfba664af73ed979e" CHECK ((status IN ('mapping','checked','has-problems','committed','undone','discarded'))), CONSTRAINT "CHK_08943544a6383365355cb9ba2e" CHECK (format IN ('csv','xlsx','json')), CONSTRAINT "FK_8ac98d5dc63628e7e9f25c04426" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_import_batch"("id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at") SELECT "id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at" FROM "import_batch"`);
    await queryRunner.query(`DROP TABLE "import_batch"`);
    await queryRunner.query(`ALTER TABLE "temporary_import_batch" RENAME TO "import_batch"`);
    await queryRunner.query(`CREATE INDEX "IDX_877a54c93ab970b745ecb8603e" ON "import_batch" ("sha256") `);
    await queryRunner.query(`CREATE INDEX "IDX_8ac98d5dc63628e7e9f25c0442" ON "import_batch" ("user_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: the generated down() renamed import_batch first, and SQLite then points the
    // foreign keys of import_row and import_record at the renamed table, which it drops. Rebuilt
    // here the way up() does it. Refused (CHECK) while a json batch exists.
    await queryRunner.query(`DROP INDEX "IDX_877a54c93ab970b745ecb8603e"`);
    await queryRunner.query(`DROP INDEX "IDX_8ac98d5dc63628e7e9f25c0442"`);
    await queryRunner.query(`CREATE TABLE "temporary_import_batch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "file_name" varchar(255) NOT NULL, "sha256" varchar(64) NOT NULL, "bytes" integer NOT NULL, "format" varchar(10) NOT NULL, "status" varchar(20) NOT NULL, "sheets" text NOT NULL, "notices" text NOT NULL, "mapping" text NOT NULL, "counts" text NOT NULL, "commit_audit_seq" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "checked_at" datetime, "committed_at" datetime, "undone_at" datetime, CONSTRAINT "CHK_080548dc76fd477b19784f8c21" CHECK ((format IN ('csv','xlsx'))), CONSTRAINT "CHK_de7d8931dbfba664af73ed979e" CHECK ((status IN ('mapping','checked','has-problems','committed','undone','discarded'))), CONSTRAINT "FK_8ac98d5dc63628e7e9f25c04426" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_import_batch"("id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at") SELECT "id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at" FROM "import_batch"`);
    await queryRunner.query(`DROP TABLE "import_batch"`);
    await queryRunner.query(`ALTER TABLE "temporary_import_batch" RENAME TO "import_batch"`);
    await queryRunner.query(`CREATE INDEX "IDX_877a54c93ab970b745ecb8603e" ON "import_batch" ("sha256") `);
    await queryRunner.query(`CREATE INDEX "IDX_8ac98d5dc63628e7e9f25c0442" ON "import_batch" ("user_id") `);
  }
}
