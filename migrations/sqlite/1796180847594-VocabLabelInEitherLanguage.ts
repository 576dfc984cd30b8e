import { MigrationInterface, QueryRunner } from 'typeorm';

export class VocabLabelInEitherLanguage1796180847594 implements MigrationInterface {
  name = 'VocabLabelInEitherLanguage1796180847594';

  // A term may have an English label, a Russian label or both (at least one): label_en becomes
  // nullable. SQLite rebuilds the table to change it; the search index's triggers on other tables
  // name vocab_term (for labels), so the copy is renamed in legacy mode, which does not re-parse
  // them while the original is gone (as in StatementHistoryRegions). vocab_term has no triggers
  // of its own and no table refers to it by a foreign key.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`PRAGMA legacy_alter_table = ON`);
    try {
      await this.upSteps(queryRunner);
    } finally {
      await queryRunner.query(`PRAGMA legacy_alter_table = OFF`);
    }
  }

  /** Back to a required English label: a term named only in Russian gets its Russian label as its English one. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "vocab_term" SET "label_en" = "label_ru" WHERE "label_en" IS NULL OR "label_en" = ''`);
    await queryRunner.query(`PRAGMA legacy_alter_table = ON`);
    try {
      await this.downSteps(queryRunner);
    } finally {
      await queryRunner.query(`PRAGMA legacy_alter_table = OFF`);
    }
  }

  private async upSteps(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200) NOT NULL, "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))))`);
    await queryRunner.query(`INSERT INTO "temporary_vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "vocab_term"`);
    await queryRunner.query(`DROP TABLE "vocab_term"`);
    await queryRunner.query(`ALTER TABLE "temporary_vocab_term" RENAME TO "vocab_term"`);
    await queryRunner.query(`CREATE TABLE "temporary_vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200) NOT NULL, "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))))`);
    await queryRunner.query(`INSERT INTO "temporary_vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "vocab_term"`);
    await queryRunner.query(`DROP TABLE "vocab_term"`);
    await queryRunner.query(`ALTER TABLE "temporary_vocab_term" RENAME TO "vocab_term"`);
    await queryRunner.query(`CREATE TABLE "temporary_vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200), "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))))`);
    await queryRunner.query(`INSERT INTO "temporary_vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "vocab_term"`);
    await queryRunner.query(`DROP TABLE "vocab_term"`);
    await queryRunner.query(`ALTER TABLE "temporary_vocab_term" RENAME TO "vocab_term"`);
    await queryRunner.query(`CREATE TABLE "temporary_vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200), "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))), CONSTRAINT "CHK_d95593f3fe1c971b300f98afa8" CHECK (length(code) > 0 AND (length(coalesce(label_en, '')) > 0 OR length(coalesce(label_ru, '')) > 0)))`);
    await queryRunner.query(`INSERT INTO "temporary_vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "vocab_term"`);
    await queryRunner.query(`DROP TABLE "vocab_term"`);
    await queryRunner.query(`ALTER TABLE "temporary_vocab_term" RENAME TO "vocab_term"`);
  }

  private async downSteps(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vocab_term" RENAME TO "temporary_vocab_term"`);
    await queryRunner.query(`CREATE TABLE "vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200), "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))))`);
    await queryRunner.query(`INSERT INTO "vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "temporary_vocab_term"`);
    await queryRunner.query(`DROP TABLE "temporary_vocab_term"`);
    await queryRunner.query(`ALTER TABLE "vocab_term" RENAME TO "temporary_vocab_term"`);
    await queryRunner.query(`CREATE TABLE "vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200) NOT NULL, "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))))`);
    await queryRunner.query(`INSERT INTO "vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "temporary_vocab_term"`);
    await queryRunner.query(`DROP TABLE "temporary_vocab_term"`);
    await queryRunner.query(`ALTER TABLE "vocab_term" RENAME TO "temporary_vocab_term"`);
    await queryRunner.query(`CREATE TABLE "vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200) NOT NULL, "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))))`);
    await queryRunner.query(`INSERT INTO "vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "temporary_vocab_term"`);
    await queryRunner.query(`DROP TABLE "temporary_vocab_term"`);
    await queryRunner.query(`ALTER TABLE "vocab_term" RENAME TO "temporary_vocab_term"`);
    await queryRunner.query(`CREATE TABLE "vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200) NOT NULL, "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_d8451650e55c5c15bd0120e8de" CHECK ((length(code) > 0 AND length(label_en) > 0)), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK ((retired IN (true, false))))`);
    await queryRunner.query(`INSERT INTO "vocab_term"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "vocabulary", "code", "label_en", "label_ru", "retired", "sort_order" FROM "temporary_vocab_term"`);
    await queryRunner.query(`DROP TABLE "temporary_vocab_term"`);
  }
}
