import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserLanguage1796179888912 implements MigrationInterface {
  name = 'UserLanguage1796179888912';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
    await queryRunner.query(`CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "role" varchar(20) NOT NULL, "password_hash" varchar(200) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "last_login_at" datetime, "password_changed_at" datetime, "language" varchar(8), CONSTRAINT "CHK_4f58aa6a734dc10f441979998c" CHECK ((role IN ('admin','researcher','lawyer','analyst','viewer'))))`);
    await queryRunner.query(`INSERT INTO "temporary_user"("id", "email", "name", "role", "password_hash", "disabled", "created_at", "updated_at", "last_login_at", "password_changed_at") SELECT "id", "email", "name", "role", "password_hash", "disabled", "created_at", "updated_at", "last_login_at", "password_changed_at" FROM "user"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
    await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
    await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "role" varchar(20) NOT NULL, "password_hash" varchar(200) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "last_login_at" datetime, "password_changed_at" datetime, CONSTRAINT "CHK_4f58aa6a734dc10f441979998c" CHECK ((role IN ('admin','researcher','lawyer','analyst','viewer'))))`);
    await queryRunner.query(`INSERT INTO "user"("id", "email", "name", "role", "password_hash", "disabled", "created_at", "updated_at", "last_login_at", "password_changed_at") SELECT "id", "email", "name", "role", "password_hash", "disabled", "created_at", "updated_at", "last_login_at", "password_changed_at" FROM "temporary_user"`);
    await queryRunner.query(`DROP TABLE "temporary_user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
  }
}
