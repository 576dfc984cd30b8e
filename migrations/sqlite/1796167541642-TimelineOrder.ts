import { MigrationInterface, QueryRunner } from 'typeorm';

/** The order researchers set for timeline entries sharing a date (src/events/timeline-order.entity.ts). */
export class TimelineOrder1796167541642 implements MigrationInterface {
  name = 'TimelineOrder1796167541642';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "timeline_order" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "entry_key" varchar(60) NOT NULL, "position" integer NOT NULL, CONSTRAINT "UQ_beec0458ab4e3cb44a5c95fba1d" UNIQUE ("case_id", "entry_key"), CONSTRAINT "CHK_7be7923c93c536b918c71789d4" CHECK (position >= 1), CONSTRAINT "FK_057edf6b18814114805a1bfc531" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "timeline_order"`);
  }
}
