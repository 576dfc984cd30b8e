import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795246198592 implements MigrationInterface {
  name = 'Foundation1795246198592';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "role" varchar(20) NOT NULL, "password_hash" varchar(200) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "last_login_at" datetime, "password_changed_at" datetime, CONSTRAINT "CHK_4f58aa6a734dc10f441979998c" CHECK (role IN ('admin','researcher','lawyer','analyst','viewer')))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e12875dfb3b1d92d7d7c5377e2" ON "user" ("email") `);
    await queryRunner.query(`CREATE TABLE "user_session" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "ip" varchar(64), "user_agent" varchar(300), "flash" varchar(500))`);
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key_hash" varchar(64) PRIMARY KEY NOT NULL, "failures" integer NOT NULL DEFAULT (0), "locked_until" datetime, "last_failure_at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "api_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "token_hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_used_at" datetime, "revoked_at" datetime)`);
    await queryRunner.query(`CREATE INDEX "IDX_1725c5ea908ff009f6ab3fa34f" ON "api_token" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bafaa5aab5957cd193fb2da8f2" ON "api_token" ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "audit_entry" ("seq" integer PRIMARY KEY NOT NULL, "at" varchar(30) NOT NULL, "actor_user_id" integer, "actor_label" varchar(254) NOT NULL, "action" varchar(60) NOT NULL, "record_type" varchar(40), "record_id" varchar(64), "fields" text NOT NULL DEFAULT ('[]'), "detail" text NOT NULL DEFAULT ('{}'), "ip" varchar(64), "prev_hash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d099f32d77ce3db4700a14896e" ON "audit_entry" ("hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_b68dcc794cea3a97d59a0b8771" ON "audit_entry" ("action") `);
    await queryRunner.query(`CREATE INDEX "IDX_9145793cad0b4c9d2a33a3cc3f" ON "audit_entry" ("actor_user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e5a6cea63bd68521c60db699e2" ON "audit_entry" ("record_type", "record_id") `);
    await queryRunner.query(`CREATE TABLE "audit_head" ("id" integer PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL)`);
    await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
    await queryRunner.query(`CREATE TABLE "temporary_user_session" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "ip" varchar(64), "user_agent" varchar(300), "flash" varchar(500), CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_user_session"("id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash") SELECT "id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash" FROM "user_session"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`ALTER TABLE "temporary_user_session" RENAME TO "user_session"`);
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
    await queryRunner.query(`DROP INDEX "IDX_1725c5ea908ff009f6ab3fa34f"`);
    await queryRunner.query(`DROP INDEX "IDX_bafaa5aab5957cd193fb2da8f2"`);
    await queryRunner.query(`CREATE TABLE "temporary_api_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "token_hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_used_at" datetime, "revoked_at" datetime, CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_api_token"("id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at") SELECT "id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at" FROM "api_token"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`ALTER TABLE "temporary_api_token" RENAME TO "api_token"`);
    await queryRunner.query(`CREATE INDEX "IDX_1725c5ea908ff009f6ab3fa34f" ON "api_token" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bafaa5aab5957cd193fb2da8f2" ON "api_token" ("token_hash") `);
    // Written by hand, not generated: the audit trail is append-only at the database level too.
    await queryRunner.query(`CREATE TRIGGER "audit_entry_no_update" BEFORE UPDATE ON "audit_entry" BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END`);
    await queryRunner.query(`CREATE TRIGGER "audit_entry_no_delete" BEFORE DELETE ON "audit_entry" BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_entry_no_delete"`);
    await queryRunner.query(`DROP TRIGGER "audit_entry_no_update"`);
    await queryRunner.query(`DROP INDEX "IDX_bafaa5aab5957cd193fb2da8f2"`);
    await queryRunner.query(`DROP INDEX "IDX_1725c5ea908ff009f6ab3fa34f"`);
    await queryRunner.query(`ALTER TABLE "api_token" RENAME TO "temporary_api_token"`);
    await queryRunner.query(`CREATE TABLE "api_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "token_hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_used_at" datetime, "revoked_at" datetime)`);
    await queryRunner.query(`INSERT INTO "api_token"("id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at") SELECT "id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at" FROM "temporary_api_token"`);
    await queryRunner.query(`DROP TABLE "temporary_api_token"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bafaa5aab5957cd193fb2da8f2" ON "api_token" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_1725c5ea908ff009f6ab3fa34f" ON "api_token" ("user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
    await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`ALTER TABLE "user_session" RENAME TO "temporary_user_session"`);
    await queryRunner.query(`CREATE TABLE "user_session" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "ip" varchar(64), "user_agent" varchar(300), "flash" varchar(500))`);
    await queryRunner.query(`INSERT INTO "user_session"("id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash") SELECT "id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "ip", "user_agent", "flash" FROM "temporary_user_session"`);
    await queryRunner.query(`DROP TABLE "temporary_user_session"`);
    await queryRunner.query(`CREATE INDEX "IDX_0e82e6a3406d6ea5e5c4d06458" ON "user_session" ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
    await queryRunner.query(`DROP TABLE "audit_head"`);
    await queryRunner.query(`DROP INDEX "IDX_e5a6cea63bd68521c60db699e2"`);
    await queryRunner.query(`DROP INDEX "IDX_9145793cad0b4c9d2a33a3cc3f"`);
    await queryRunner.query(`DROP INDEX "IDX_b68dcc794cea3a97d59a0b8771"`);
    await queryRunner.query(`DROP INDEX "IDX_d099f32d77ce3db4700a14896e"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP INDEX "IDX_bafaa5aab5957cd193fb2da8f2"`);
    await queryRunner.query(`DROP INDEX "IDX_1725c5ea908ff009f6ab3fa34f"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "IDX_0e82e6a3406d6ea5e5c4d06458"`);
    await queryRunner.query(`DROP INDEX "IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP INDEX "IDX_e12875dfb3b1d92d7d7c5377e2"`);
    await queryRunner.query(`DROP TABLE "user"`);
  }
}
