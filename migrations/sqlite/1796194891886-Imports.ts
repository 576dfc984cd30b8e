import { MigrationInterface, QueryRunner } from 'typeorm';

export class Imports1796194891886 implements MigrationInterface {
  name = 'Imports1796194891886';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "import_batch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "file_name" varchar(255) NOT NULL, "sha256" varchar(64) NOT NULL, "bytes" integer NOT NULL, "format" varchar(10) NOT NULL, "status" varchar(20) NOT NULL, "sheets" text NOT NULL, "notices" text NOT NULL, "mapping" text NOT NULL, "counts" text NOT NULL, "commit_audit_seq" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "checked_at" datetime, "committed_at" datetime, "undone_at" datetime, CONSTRAINT "CHK_080548dc76fd477b19784f8c21" CHECK (format IN ('csv','xlsx')), CONSTRAINT "CHK_de7d8931dbfba664af73ed979e" CHECK (status IN ('mapping','checked','has-problems','committed','undone','discarded')))`);
    await queryRunner.query(`CREATE INDEX "IDX_8ac98d5dc63628e7e9f25c0442" ON "import_batch" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_877a54c93ab970b745ecb8603e" ON "import_batch" ("sha256") `);
    await queryRunner.query(`CREATE TABLE "import_row" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "batch_id" integer NOT NULL, "sheet" varchar(255) NOT NULL, "sheet_order" integer NOT NULL, "line" integer NOT NULL, "kind" varchar(20) NOT NULL, "action" varchar(20) NOT NULL, "external_id" varchar(255) NOT NULL, "row_hash" varchar(64) NOT NULL, "record_id" integer, "values" text NOT NULL, "problems" text NOT NULL, "skip" boolean NOT NULL DEFAULT (0), "fixes" text NOT NULL, CONSTRAINT "UQ_63caa707c86305e5262cdca3633" UNIQUE ("batch_id", "sheet", "line"), CONSTRAINT "CHK_7d249c7877c8075ef3b1ae32e6" CHECK (action IN ('create','update','unchanged','skip','error')))`);
    await queryRunner.query(`CREATE INDEX "IDX_2c3ab276cbcbe1ff0ac7c1ca57" ON "import_row" ("batch_id", "action") `);
    await queryRunner.query(`CREATE INDEX "IDX_b33695054e946b6e39b40d0450" ON "import_row" ("batch_id", "kind", "external_id") `);
    await queryRunner.query(`CREATE TABLE "import_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "batch_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "record_id" integer NOT NULL, "external_id" varchar(255) NOT NULL, "row_hash" varchar(64) NOT NULL, "source" varchar(255) NOT NULL, "created" boolean NOT NULL DEFAULT (1), CONSTRAINT "UQ_81872b28d6273fc14ea1cecab88" UNIQUE ("source", "kind", "external_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d2da97a55860ea271ce445a6c1" ON "import_record" ("batch_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_cac4c19613895c8c5b4556a08f" ON "import_record" ("kind", "record_id") `);
    await queryRunner.query(`CREATE TABLE "import_mapping" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "mapping" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_e1dc144cf499c00132c20e8c7f4" UNIQUE ("user_id", "name"))`);
    await queryRunner.query(`DROP INDEX "IDX_8ac98d5dc63628e7e9f25c0442"`);
    await queryRunner.query(`DROP INDEX "IDX_877a54c93ab970b745ecb8603e"`);
    await queryRunner.query(`CREATE TABLE "temporary_import_batch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "file_name" varchar(255) NOT NULL, "sha256" varchar(64) NOT NULL, "bytes" integer NOT NULL, "format" varchar(10) NOT NULL, "status" varchar(20) NOT NULL, "sheets" text NOT NULL, "notices" text NOT NULL, "mapping" text NOT NULL, "counts" text NOT NULL, "commit_audit_seq" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "checked_at" datetime, "committed_at" datetime, "undone_at" datetime, CONSTRAINT "CHK_080548dc76fd477b19784f8c21" CHECK (format IN ('csv','xlsx')), CONSTRAINT "CHK_de7d8931dbfba664af73ed979e" CHECK (status IN ('mapping','checked','has-problems','committed','undone','discarded')), CONSTRAINT "FK_8ac98d5dc63628e7e9f25c04426" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_import_batch"("id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at") SELECT "id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at" FROM "import_batch"`);
    await queryRunner.query(`DROP TABLE "import_batch"`);
    await queryRunner.query(`ALTER TABLE "temporary_import_batch" RENAME TO "import_batch"`);
    await queryRunner.query(`CREATE INDEX "IDX_8ac98d5dc63628e7e9f25c0442" ON "import_batch" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_877a54c93ab970b745ecb8603e" ON "import_batch" ("sha256") `);
    await queryRunner.query(`DROP INDEX "IDX_2c3ab276cbcbe1ff0ac7c1ca57"`);
    await queryRunner.query(`DROP INDEX "IDX_b33695054e946b6e39b40d0450"`);
    await queryRunner.query(`CREATE TABLE "temporary_import_row" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "batch_id" integer NOT NULL, "sheet" varchar(255) NOT NULL, "sheet_order" integer NOT NULL, "line" integer NOT NULL, "kind" varchar(20) NOT NULL, "action" varchar(20) NOT NULL, "external_id" varchar(255) NOT NULL, "row_hash" varchar(64) NOT NULL, "record_id" integer, "values" text NOT NULL, "problems" text NOT NULL, "skip" boolean NOT NULL DEFAULT (0), "fixes" text NOT NULL, CONSTRAINT "UQ_63caa707c86305e5262cdca3633" UNIQUE ("batch_id", "sheet", "line"), CONSTRAINT "CHK_7d249c7877c8075ef3b1ae32e6" CHECK (action IN ('create','update','unchanged','skip','error')), CONSTRAINT "FK_c5ad9fecee10e5acbb69b5a6215" FOREIGN KEY ("batch_id") REFERENCES "import_batch" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_import_row"("id", "batch_id", "sheet", "sheet_order", "line", "kind", "action", "external_id", "row_hash", "record_id", "values", "problems", "skip", "fixes") SELECT "id", "batch_id", "sheet", "sheet_order", "line", "kind", "action", "external_id", "row_hash", "record_id", "values", "problems", "skip", "fixes" FROM "import_row"`);
    await queryRunner.query(`DROP TABLE "import_row"`);
    await queryRunner.query(`ALTER TABLE "temporary_import_row" RENAME TO "import_row"`);
    await queryRunner.query(`CREATE INDEX "IDX_2c3ab276cbcbe1ff0ac7c1ca57" ON "import_row" ("batch_id", "action") `);
    await queryRunner.query(`CREATE INDEX "IDX_b33695054e946b6e39b40d0450" ON "import_row" ("batch_id", "kind", "external_id") `);
    await queryRunner.query(`DROP INDEX "IDX_d2da97a55860ea271ce445a6c1"`);
    await queryRunner.query(`DROP INDEX "IDX_cac4c19613895c8c5b4556a08f"`);
    await queryRunner.query(`CREATE TABLE "temporary_import_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "batch_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "record_id" integer NOT NULL, "external_id" varchar(255) NOT NULL, "row_hash" varchar(64) NOT NULL, "source" varchar(255) NOT NULL, "created" boolean NOT NULL DEFAULT (1), CONSTRAINT "UQ_81872b28d6273fc14ea1cecab88" UNIQUE ("source", "kind", "external_id"), CONSTRAINT "FK_d2da97a55860ea271ce445a6c1a" FOREIGN KEY ("batch_id") REFERENCES "import_batch" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_import_record"("id", "batch_id", "kind", "record_id", "external_id", "row_hash", "source", "created") SELECT "id", "batch_id", "kind", "record_id", "external_id", "row_hash", "source", "created" FROM "import_record"`);
    await queryRunner.query(`DROP TABLE "import_record"`);
    await queryRunner.query(`ALTER TABLE "temporary_import_record" RENAME TO "import_record"`);
    await queryRunner.query(`CREATE INDEX "IDX_d2da97a55860ea271ce445a6c1" ON "import_record" ("batch_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_cac4c19613895c8c5b4556a08f" ON "import_record" ("kind", "record_id") `);
    await queryRunner.query(`CREATE TABLE "temporary_import_mapping" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "mapping" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_e1dc144cf499c00132c20e8c7f4" UNIQUE ("user_id", "name"), CONSTRAINT "FK_3945f0fb777ab4fb2a18167606c" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_import_mapping"("id", "user_id", "name", "mapping", "created_at") SELECT "id", "user_id", "name", "mapping", "created_at" FROM "import_mapping"`);
    await queryRunner.query(`DROP TABLE "import_mapping"`);
    await queryRunner.query(`ALTER TABLE "temporary_import_mapping" RENAME TO "import_mapping"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_mapping" RENAME TO "temporary_import_mapping"`);
    await queryRunner.query(`CREATE TABLE "import_mapping" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "mapping" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_e1dc144cf499c00132c20e8c7f4" UNIQUE ("user_id", "name"))`);
    await queryRunner.query(`INSERT INTO "import_mapping"("id", "user_id", "name", "mapping", "created_at") SELECT "id", "user_id", "name", "mapping", "created_at" FROM "temporary_import_mapping"`);
    await queryRunner.query(`DROP TABLE "temporary_import_mapping"`);
    await queryRunner.query(`DROP INDEX "IDX_cac4c19613895c8c5b4556a08f"`);
    await queryRunner.query(`DROP INDEX "IDX_d2da97a55860ea271ce445a6c1"`);
    await queryRunner.query(`ALTER TABLE "import_record" RENAME TO "temporary_import_record"`);
    await queryRunner.query(`CREATE TABLE "import_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "batch_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "record_id" integer NOT NULL, "external_id" varchar(255) NOT NULL, "row_hash" varchar(64) NOT NULL, "source" varchar(255) NOT NULL, "created" boolean NOT NULL DEFAULT (1), CONSTRAINT "UQ_81872b28d6273fc14ea1cecab88" UNIQUE ("source", "kind", "external_id"))`);
    await queryRunner.query(`INSERT INTO "import_record"("id", "batch_id", "kind", "record_id", "external_id", "row_hash", "source", "created") SELECT "id", "batch_id", "kind", "record_id", "external_id", "row_hash", "source", "created" FROM "temporary_import_record"`);
    await queryRunner.query(`DROP TABLE "temporary_import_record"`);
    await queryRunner.query(`CREATE INDEX "IDX_cac4c19613895c8c5b4556a08f" ON "import_record" ("kind", "record_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_d2da97a55860ea271ce445a6c1" ON "import_record" ("batch_id") `);
    await queryRunner.query(`DROP INDEX "IDX_b33695054e946b6e39b40d0450"`);
    await queryRunner.query(`DROP INDEX "IDX_2c3ab276cbcbe1ff0ac7c1ca57"`);
    await queryRunner.query(`ALTER TABLE "import_row" RENAME TO "temporary_import_row"`);
    await queryRunner.query(`CREATE TABLE "import_row" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "batch_id" integer NOT NULL, "sheet" varchar(255) NOT NULL, "sheet_order" integer NOT NULL, "line" integer NOT NULL, "kind" varchar(20) NOT NULL, "action" varchar(20) NOT NULL, "external_id" varchar(255) NOT NULL, "row_hash" varchar(64) NOT NULL, "record_id" integer, "values" text NOT NULL, "problems" text NOT NULL, "skip" boolean NOT NULL DEFAULT (0), "fixes" text NOT NULL, CONSTRAINT "UQ_63caa707c86305e5262cdca3633" UNIQUE ("batch_id", "sheet", "line"), CONSTRAINT "CHK_7d249c7877c8075ef3b1ae32e6" CHECK (action IN ('create','update','unchanged','skip','error')))`);
    await queryRunner.query(`INSERT INTO "import_row"("id", "batch_id", "sheet", "sheet_order", "line", "kind", "action", "external_id", "row_hash", "record_id", "values", "problems", "skip", "fixes") SELECT "id", "batch_id", "sheet", "sheet_order", "line", "kind", "action", "external_id", "row_hash", "record_id", "values", "problems", "skip", "fixes" FROM "temporary_import_row"`);
    await queryRunner.query(`DROP TABLE "temporary_import_row"`);
    await queryRunner.query(`CREATE INDEX "IDX_b33695054e946b6e39b40d0450" ON "import_row" ("batch_id", "kind", "external_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2c3ab276cbcbe1ff0ac7c1ca57" ON "import_row" ("batch_id", "action") `);
    await queryRunner.query(`DROP INDEX "IDX_877a54c93ab970b745ecb8603e"`);
    await queryRunner.query(`DROP INDEX "IDX_8ac98d5dc63628e7e9f25c0442"`);
    await queryRunner.query(`ALTER TABLE "import_batch" RENAME TO "temporary_import_batch"`);
    await queryRunner.query(`CREATE TABLE "import_batch" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "file_name" varchar(255) NOT NULL, "sha256" varchar(64) NOT NULL, "bytes" integer NOT NULL, "format" varchar(10) NOT NULL, "status" varchar(20) NOT NULL, "sheets" text NOT NULL, "notices" text NOT NULL, "mapping" text NOT NULL, "counts" text NOT NULL, "commit_audit_seq" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "checked_at" datetime, "committed_at" datetime, "undone_at" datetime, CONSTRAINT "CHK_080548dc76fd477b19784f8c21" CHECK (format IN ('csv','xlsx')), CONSTRAINT "CHK_de7d8931dbfba664af73ed979e" CHECK (status IN ('mapping','checked','has-problems','committed','undone','discarded')))`);
    await queryRunner.query(`INSERT INTO "import_batch"("id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at") SELECT "id", "user_id", "file_name", "sha256", "bytes", "format", "status", "sheets", "notices", "mapping", "counts", "commit_audit_seq", "created_at", "updated_at", "checked_at", "committed_at", "undone_at" FROM "temporary_import_batch"`);
    await queryRunner.query(`DROP TABLE "temporary_import_batch"`);
    await queryRunner.query(`CREATE INDEX "IDX_877a54c93ab970b745ecb8603e" ON "import_batch" ("sha256") `);
    await queryRunner.query(`CREATE INDEX "IDX_8ac98d5dc63628e7e9f25c0442" ON "import_batch" ("user_id") `);
    await queryRunner.query(`DROP TABLE "import_mapping"`);
    await queryRunner.query(`DROP INDEX "IDX_cac4c19613895c8c5b4556a08f"`);
    await queryRunner.query(`DROP INDEX "IDX_d2da97a55860ea271ce445a6c1"`);
    await queryRunner.query(`DROP TABLE "import_record"`);
    await queryRunner.query(`DROP INDEX "IDX_b33695054e946b6e39b40d0450"`);
    await queryRunner.query(`DROP INDEX "IDX_2c3ab276cbcbe1ff0ac7c1ca57"`);
    await queryRunner.query(`DROP TABLE "import_row"`);
    await queryRunner.query(`DROP INDEX "IDX_877a54c93ab970b745ecb8603e"`);
    await queryRunner.query(`DROP INDEX "IDX_8ac98d5dc63628e7e9f25c0442"`);
    await queryRunner.query(`DROP TABLE "import_batch"`);
  }
}
