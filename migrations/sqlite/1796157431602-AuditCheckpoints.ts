import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditCheckpoints1796157431602 implements MigrationInterface {
  name = 'AuditCheckpoints1796157431602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_checkpoint" ("seq" integer PRIMARY KEY NOT NULL, "hash" varchar(64) NOT NULL, "at" varchar(30) NOT NULL, "key_fingerprint" varchar(64) NOT NULL, "public_key" varchar(44) NOT NULL, "signature" varchar(88) NOT NULL)`);
    // Written by hand, not generated: checkpoints are append-only, like the trail they sign.
    await queryRunner.query(`CREATE TRIGGER "audit_checkpoint_no_update" BEFORE UPDATE ON "audit_checkpoint" BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END`);
    await queryRunner.query(`CREATE TRIGGER "audit_checkpoint_no_delete" BEFORE DELETE ON "audit_checkpoint" BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_checkpoint_no_delete"`);
    await queryRunner.query(`DROP TRIGGER "audit_checkpoint_no_update"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
  }
}
