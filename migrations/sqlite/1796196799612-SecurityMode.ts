import { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityMode1796196799612 implements MigrationInterface {
  name = 'SecurityMode1796196799612';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "security_state" ("id" integer PRIMARY KEY NOT NULL, "mode" varchar(20) NOT NULL DEFAULT ('normal'), "message" varchar(1000), "changed_at" datetime NOT NULL, "changed_by_id" integer, CONSTRAINT "CHK_75634dca40297fa3da29b9ba2d" CHECK (mode IN ('normal','read_only','admins_only')))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "security_state"`);
  }
}
