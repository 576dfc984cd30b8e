import { numberedPlaceholders } from '../../src/db/sql';

describe('raw SQL placeholders for PostgreSQL', () => {
  it('numbers each ? in order', () => {
    expect(numberedPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
  });

  it('leaves a ? inside quotes, quoted names and comments alone', () => {
    expect(numberedPlaceholders(`SELECT 'why?', "odd?name", 'it''s ?' FROM t WHERE a = ? -- really?\nAND b = ?`)).toBe(
      `SELECT 'why?', "odd?name", 'it''s ?' FROM t WHERE a = $1 -- really?\nAND b = $2`,
    );
  });

  it('leaves SQL without ? as it is, and refuses a mix of both styles', () => {
    expect(numberedPlaceholders('SELECT $1::int')).toBe('SELECT $1::int');
    expect(() => numberedPlaceholders('SELECT ? , $1')).toThrow(/mixes/);
  });
});
