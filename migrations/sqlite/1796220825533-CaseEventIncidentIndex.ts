import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseEventIncidentIndex1796220825533 implements MigrationInterface {
  name = 'CaseEventIncidentIndex1796220825533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_c156aedecb5617ba37601803d0" ON "case_event" ("case_id", "date_start", "type") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c156aedecb5617ba37601803d0"`);
  }
}
