import { MigrationInterface, QueryRunner } from 'typeorm';

export class Backups1796216883149 implements MigrationInterface {
  name = 'Backups1796216883149';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "backup_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "started_at" datetime NOT NULL, "finished_at" datetime NOT NULL, "origin" varchar(20) NOT NULL, "status" varchar(10) NOT NULL, "dir" varchar(4000) NOT NULL, "file_name" varchar(200), "backup_id" varchar(36), "bytes" bigint, "sha256" varchar(64), "duration_ms" integer NOT NULL, "objects_total" integer NOT NULL DEFAULT (0), "objects_copied" integer NOT NULL DEFAULT (0), "needs" text NOT NULL DEFAULT ('[]'), "error" text, "pruned_at" datetime, CONSTRAINT "CHK_3908ce94c81703146799c7ad9b" CHECK (status IN ('ok','failed')), CONSTRAINT "CHK_1625bb8e424a54344bd75db0c4" CHECK (origin IN ('schedule','page','cli')))`);
    await queryRunner.query(`CREATE INDEX "IDX_5f622b0000b770f1bbb5d60225" ON "backup_run" ("dir", "status") `);
    await queryRunner.query(`CREATE TABLE "backup_object" ("run_id" integer NOT NULL, "sha256" varchar(64) NOT NULL, PRIMARY KEY ("run_id", "sha256"))`);
    await queryRunner.query(`CREATE TABLE "temporary_backup_object" ("run_id" integer NOT NULL, "sha256" varchar(64) NOT NULL, CONSTRAINT "FK_e287448a97712337a1959dea329" FOREIGN KEY ("run_id") REFERENCES "backup_run" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("run_id", "sha256"))`);
    await queryRunner.query(`INSERT INTO "temporary_backup_object"("run_id", "sha256") SELECT "run_id", "sha256" FROM "backup_object"`);
    await queryRunner.query(`DROP TABLE "backup_object"`);
    await queryRunner.query(`ALTER TABLE "temporary_backup_object" RENAME TO "backup_object"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "backup_object" RENAME TO "temporary_backup_object"`);
    await queryRunner.query(`CREATE TABLE "backup_object" ("run_id" integer NOT NULL, "sha256" varchar(64) NOT NULL, PRIMARY KEY ("run_id", "sha256"))`);
    await queryRunner.query(`INSERT INTO "backup_object"("run_id", "sha256") SELECT "run_id", "sha256" FROM "temporary_backup_object"`);
    await queryRunner.query(`DROP TABLE "temporary_backup_object"`);
    await queryRunner.query(`DROP TABLE "backup_object"`);
    await queryRunner.query(`DROP INDEX "IDX_5f622b0000b770f1bbb5d60225"`);
    await queryRunner.query(`DROP TABLE "backup_run"`);
  }
}
