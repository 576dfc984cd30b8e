import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Casebook's raw SQL writes `+col` where SQLite's planner must not use an index on col (the
 * unary plus is SQLite's documented way to say so). PostgreSQL has unary plus for numbers only;
 * this makes it the identity on text as well, so the same statements run on both engines. The
 * function is IMMUTABLE and inlined by the planner: `+col = ?` costs what `col = ?` costs.
 */
export class UnaryPlus1796300000000 implements MigrationInterface {
  name = 'UnaryPlus1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION casebook_text_identity(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1'`);
    await queryRunner.query(`CREATE OPERATOR + (RIGHTARG = text, FUNCTION = casebook_text_identity)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP OPERATOR + (NONE, text)`);
    await queryRunner.query(`DROP FUNCTION casebook_text_identity(text)`);
  }
}
