import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Graphic media (issue 14): an evidence item can be marked graphic, and a user can see every
 * picture in greyscale. Both are new columns with a default, added in place: rebuilding
 * evidence_item the way TypeORM generates it would drop the search triggers that hang on it.
 * Existing items are not graphic and existing users see colour, as before.
 */
export class GraphicMedia1796195274396 implements MigrationInterface {
  name = 'GraphicMedia1796195274396';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_item" ADD COLUMN "graphic" boolean NOT NULL DEFAULT (0)`);
    await queryRunner.query(`ALTER TABLE "user" ADD COLUMN "media_greyscale" boolean NOT NULL DEFAULT (0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "media_greyscale"`);
    await queryRunner.query(`ALTER TABLE "evidence_item" DROP COLUMN "graphic"`);
  }
}
