import { MigrationInterface, QueryRunner } from 'typeorm';

export class SecondFactor1796198203526 implements MigrationInterface {
  name = 'SecondFactor1796198203526';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "second_factor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "secret_cipher" varchar(500) NOT NULL, "created_at" datetime NOT NULL, "confirmed_at" datetime, "last_used_step" integer, CONSTRAINT "CHK_eae530e09e8e10bee400970ce5" CHECK (kind IN ('totp')))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9bc40d992cee81ada8da7a49e6" ON "second_factor" ("user_id") WHERE kind = 'totp'`);
    await queryRunner.query(`CREATE TABLE "recovery_code" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a0a5d0531fcd8f15f45cf088e8" ON "recovery_code" ("user_id", "code_hash") `);
    await queryRunner.query(`CREATE TABLE "second_factor_role" ("role" varchar(20) PRIMARY KEY NOT NULL, CONSTRAINT "CHK_b8bd1439e9b632142859a039d1" CHECK (role IN ('admin','researcher','lawyer','analyst','viewer')))`);
    await queryRunner.query(`CREATE TABLE "second_factor_reset" ("user_id" integer PRIMARY KEY NOT NULL, "reset_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "pending_sign_in" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "next" varchar(2000) NOT NULL, "expires_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_be91515e92eaf76ebff133c8c7" ON "pending_sign_in" ("user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
    await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`CREATE TABLE "temporary_user_session" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "ip" varchar(64), "user_agent" varchar(300), "flash" varchar(500), "authenticated_at" datetime, CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_user_session"("id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash") SELECT "id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash" FROM "user_session"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`ALTER TABLE "temporary_user_session" RENAME TO "user_session"`);
    await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_9bc40d992cee81ada8da7a49e6"`);
    await queryRunner.query(`CREATE TABLE "temporary_second_factor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "secret_cipher" varchar(500) NOT NULL, "created_at" datetime NOT NULL, "confirmed_at" datetime, "last_used_step" integer, CONSTRAINT "CHK_eae530e09e8e10bee400970ce5" CHECK (kind IN ('totp')), CONSTRAINT "FK_ed3b12c71bfc8b301ef340e1717" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_second_factor"("id", "user_id", "kind", "secret_cipher", "created_at", "confirmed_at", "last_used_step") SELECT "id", "user_id", "kind", "secret_cipher", "created_at", "confirmed_at", "last_used_step" FROM "second_factor"`);
    await queryRunner.query(`DROP TABLE "second_factor"`);
    await queryRunner.query(`ALTER TABLE "temporary_second_factor" RENAME TO "second_factor"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9bc40d992cee81ada8da7a49e6" ON "second_factor" ("user_id") WHERE kind = 'totp'`);
    await queryRunner.query(`DROP INDEX "IDX_a0a5d0531fcd8f15f45cf088e8"`);
    await queryRunner.query(`CREATE TABLE "temporary_recovery_code" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime, CONSTRAINT "FK_f5c95d9ca2047afa670093e2028" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_recovery_code"("id", "user_id", "code_hash", "used_at") SELECT "id", "user_id", "code_hash", "used_at" FROM "recovery_code"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`ALTER TABLE "temporary_recovery_code" RENAME TO "recovery_code"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a0a5d0531fcd8f15f45cf088e8" ON "recovery_code" ("user_id", "code_hash") `);
    await queryRunner.query(`CREATE TABLE "temporary_second_factor_reset" ("user_id" integer PRIMARY KEY NOT NULL, "reset_at" datetime NOT NULL, CONSTRAINT "FK_49cb2f8df3fc6b608203e14479b" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_second_factor_reset"("user_id", "reset_at") SELECT "user_id", "reset_at" FROM "second_factor_reset"`);
    await queryRunner.query(`DROP TABLE "second_factor_reset"`);
    await queryRunner.query(`ALTER TABLE "temporary_second_factor_reset" RENAME TO "second_factor_reset"`);
    await queryRunner.query(`DROP INDEX "IDX_be91515e92eaf76ebff133c8c7"`);
    await queryRunner.query(`CREATE TABLE "temporary_pending_sign_in" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "next" varchar(2000) NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "FK_be91515e92eaf76ebff133c8c75" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_pending_sign_in"("id_hash", "user_id", "next", "expires_at") SELECT "id_hash", "user_id", "next", "expires_at" FROM "pending_sign_in"`);
    await queryRunner.query(`DROP TABLE "pending_sign_in"`);
    await queryRunner.query(`ALTER TABLE "temporary_pending_sign_in" RENAME TO "pending_sign_in"`);
    await queryRunner.query(`CREATE INDEX "IDX_be91515e92eaf76ebff133c8c7" ON "pending_sign_in" ("user_id") `);
    // Issue 14's default, written by hand: admins and lawyers must use a second factor.
    await queryRunner.query(`INSERT INTO "second_factor_role"("role") VALUES ('admin'), ('lawyer')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_be91515e92eaf76ebff133c8c7"`);
    await queryRunner.query(`ALTER TABLE "pending_sign_in" RENAME TO "temporary_pending_sign_in"`);
    await queryRunner.query(`CREATE TABLE "pending_sign_in" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "next" varchar(2000) NOT NULL, "expires_at" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "pending_sign_in"("id_hash", "user_id", "next", "expires_at") SELECT "id_hash", "user_id", "next", "expires_at" FROM "temporary_pending_sign_in"`);
    await queryRunner.query(`DROP TABLE "temporary_pending_sign_in"`);
    await queryRunner.query(`CREATE INDEX "IDX_be91515e92eaf76ebff133c8c7" ON "pending_sign_in" ("user_id") `);
    await queryRunner.query(`ALTER TABLE "second_factor_reset" RENAME TO "temporary_second_factor_reset"`);
    await queryRunner.query(`CREATE TABLE "second_factor_reset" ("user_id" integer PRIMARY KEY NOT NULL, "reset_at" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "second_factor_reset"("user_id", "reset_at") SELECT "user_id", "reset_at" FROM "temporary_second_factor_reset"`);
    await queryRunner.query(`DROP TABLE "temporary_second_factor_reset"`);
    await queryRunner.query(`DROP INDEX "IDX_a0a5d0531fcd8f15f45cf088e8"`);
    await queryRunner.query(`ALTER TABLE "recovery_code" RENAME TO "temporary_recovery_code"`);
    await queryRunner.query(`CREATE TABLE "recovery_code" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime)`);
    await queryRunner.query(`INSERT INTO "recovery_code"("id", "user_id", "code_hash", "used_at") SELECT "id", "user_id", "code_hash", "used_at" FROM "temporary_recovery_code"`);
    await queryRunner.query(`DROP TABLE "temporary_recovery_code"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a0a5d0531fcd8f15f45cf088e8" ON "recovery_code" ("user_id", "code_hash") `);
    await queryRunner.query(`DROP INDEX "IDX_9bc40d992cee81ada8da7a49e6"`);
    await queryRunner.query(`ALTER TABLE "second_factor" RENAME TO "temporary_second_factor"`);
    await queryRunner.query(`CREATE TABLE "second_factor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "secret_cipher" varchar(500) NOT NULL, "created_at" datetime NOT NULL, "confirmed_at" datetime, "last_used_step" integer, CONSTRAINT "CHK_eae530e09e8e10bee400970ce5" CHECK (kind IN ('totp')))`);
    await queryRunner.query(`INSERT INTO "second_factor"("id", "user_id", "kind", "secret_cipher", "created_at", "confirmed_at", "last_used_step") SELECT "id", "user_id", "kind", "secret_cipher", "created_at", "confirmed_at", "last_used_step" FROM "temporary_second_factor"`);
    await queryRunner.query(`DROP TABLE "temporary_second_factor"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9bc40d992cee81ada8da7a49e6" ON "second_factor" ("user_id") WHERE kind = 'totp'`);
    await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
    await queryRunner.query(`ALTER TABLE "user_session" RENAME TO "temporary_user_session"`);
    await queryRunner.query(`CREATE TABLE "user_session" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "ip" varchar(64), "user_agent" varchar(300), "flash" varchar(500), CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "user_session"("id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash") SELECT "id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash" FROM "temporary_user_session"`);
    await queryRunner.query(`DROP TABLE "temporary_user_session"`);
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
    await queryRunner.query(`DROP INDEX "IDX_be91515e92eaf76ebff133c8c7"`);
    await queryRunner.query(`DROP TABLE "pending_sign_in"`);
    await queryRunner.query(`DROP TABLE "second_factor_reset"`);
    await queryRunner.query(`DROP TABLE "second_factor_role"`);
    await queryRunner.query(`DROP INDEX "IDX_a0a5d0531fcd8f15f45cf088e8"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`DROP INDEX "IDX_9bc40d992cee81ada8da7a49e6"`);
    await queryRunner.query(`DROP TABLE "second_factor"`);
  }
}
