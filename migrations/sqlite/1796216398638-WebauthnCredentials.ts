import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebauthnCredentials1796216398638 implements MigrationInterface {
  name = 'WebauthnCredentials1796216398638';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webauthn_credential" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "credential_id" varchar(1400) NOT NULL, "public_key" text NOT NULL, "counter" integer NOT NULL, "transports" varchar(200) NOT NULL, "device_type" varchar(20) NOT NULL, "backed_up" boolean NOT NULL, "name" varchar(100) NOT NULL, "created_at" datetime NOT NULL, "last_used_at" datetime)`);
    await queryRunner.query(`CREATE INDEX "IDX_510813f2630c911269a0a9678f" ON "webauthn_credential" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_077c2f874495f288e795151ef6" ON "webauthn_credential" ("credential_id") `);
    await queryRunner.query(`CREATE TABLE "webauthn_challenge" ("challenge" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "purpose" varchar(20) NOT NULL, "bound_to" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "CHK_80ab32e4774837b1f75f3046ef" CHECK (purpose IN ('register','sign_in','reauth')))`);
    await queryRunner.query(`CREATE INDEX "IDX_b2d4c5601e023c8d1850a7ce8a" ON "webauthn_challenge" ("bound_to") `);
    await queryRunner.query(`DROP INDEX "IDX_510813f2630c911269a0a9678f"`);
    await queryRunner.query(`DROP INDEX "IDX_077c2f874495f288e795151ef6"`);
    await queryRunner.query(`CREATE TABLE "temporary_webauthn_credential" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "credential_id" varchar(1400) NOT NULL, "public_key" text NOT NULL, "counter" integer NOT NULL, "transports" varchar(200) NOT NULL, "device_type" varchar(20) NOT NULL, "backed_up" boolean NOT NULL, "name" varchar(100) NOT NULL, "created_at" datetime NOT NULL, "last_used_at" datetime, CONSTRAINT "FK_510813f2630c911269a0a9678fc" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_webauthn_credential"("id", "user_id", "credential_id", "public_key", "counter", "transports", "device_type", "backed_up", "name", "created_at", "last_used_at") SELECT "id", "user_id", "credential_id", "public_key", "counter", "transports", "device_type", "backed_up", "name", "created_at", "last_used_at" FROM "webauthn_credential"`);
    await queryRunner.query(`DROP TABLE "webauthn_credential"`);
    await queryRunner.query(`ALTER TABLE "temporary_webauthn_credential" RENAME TO "webauthn_credential"`);
    await queryRunner.query(`CREATE INDEX "IDX_510813f2630c911269a0a9678f" ON "webauthn_credential" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_077c2f874495f288e795151ef6" ON "webauthn_credential" ("credential_id") `);
    await queryRunner.query(`DROP INDEX "IDX_b2d4c5601e023c8d1850a7ce8a"`);
    await queryRunner.query(`CREATE TABLE "temporary_webauthn_challenge" ("challenge" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "purpose" varchar(20) NOT NULL, "bound_to" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "CHK_80ab32e4774837b1f75f3046ef" CHECK (purpose IN ('register','sign_in','reauth')), CONSTRAINT "FK_3c20936ca7834769d1acafedb04" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_webauthn_challenge"("challenge", "user_id", "purpose", "bound_to", "expires_at") SELECT "challenge", "user_id", "purpose", "bound_to", "expires_at" FROM "webauthn_challenge"`);
    await queryRunner.query(`DROP TABLE "webauthn_challenge"`);
    await queryRunner.query(`ALTER TABLE "temporary_webauthn_challenge" RENAME TO "webauthn_challenge"`);
    await queryRunner.query(`CREATE INDEX "IDX_b2d4c5601e023c8d1850a7ce8a" ON "webauthn_challenge" ("bound_to") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_b2d4c5601e023c8d1850a7ce8a"`);
    await queryRunner.query(`ALTER TABLE "webauthn_challenge" RENAME TO "temporary_webauthn_challenge"`);
    await queryRunner.query(`CREATE TABLE "webauthn_challenge" ("challenge" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "purpose" varchar(20) NOT NULL, "bound_to" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "CHK_80ab32e4774837b1f75f3046ef" CHECK (purpose IN ('register','sign_in','reauth')))`);
    await queryRunner.query(`INSERT INTO "webauthn_challenge"("challenge", "user_id", "purpose", "bound_to", "expires_at") SELECT "challenge", "user_id", "purpose", "bound_to", "expires_at" FROM "temporary_webauthn_challenge"`);
    await queryRunner.query(`DROP TABLE "temporary_webauthn_challenge"`);
    await queryRunner.query(`CREATE INDEX "IDX_b2d4c5601e023c8d1850a7ce8a" ON "webauthn_challenge" ("bound_to") `);
    await queryRunner.query(`DROP INDEX "IDX_077c2f874495f288e795151ef6"`);
    await queryRunner.query(`DROP INDEX "IDX_510813f2630c911269a0a9678f"`);
    await queryRunner.query(`ALTER TABLE "webauthn_credential" RENAME TO "temporary_webauthn_credential"`);
    await queryRunner.query(`CREATE TABLE "webauthn_credential" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "credential_id" varchar(1400) NOT NULL, "public_key" text NOT NULL, "counter" integer NOT NULL, "transports" varchar(200) NOT NULL, "device_type" varchar(20) NOT NULL, "backed_up" boolean NOT NULL, "name" varchar(100) NOT NULL, "created_at" datetime NOT NULL, "last_used_at" datetime)`);
    await queryRunner.query(`INSERT INTO "webauthn_credential"("id", "user_id", "credential_id", "public_key", "counter", "transports", "device_type", "backed_up", "name", "created_at", "last_used_at") SELECT "id", "user_id", "credential_id", "public_key", "counter", "transports", "device_type", "backed_up", "name", "created_at", "last_used_at" FROM "temporary_webauthn_credential"`);
    await queryRunner.query(`DROP TABLE "temporary_webauthn_credential"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_077c2f874495f288e795151ef6" ON "webauthn_credential" ("credential_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_510813f2630c911269a0a9678f" ON "webauthn_credential" ("user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_b2d4c5601e023c8d1850a7ce8a"`);
    await queryRunner.query(`DROP TABLE "webauthn_challenge"`);
    await queryRunner.query(`DROP INDEX "IDX_077c2f874495f288e795151ef6"`);
    await queryRunner.query(`DROP INDEX "IDX_510813f2630c911269a0a9678f"`);
    await queryRunner.query(`DROP TABLE "webauthn_credential"`);
  }
}
