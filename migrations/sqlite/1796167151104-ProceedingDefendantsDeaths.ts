import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-defendant proceedings and deaths (issue 11).
 * - proceeding_charge: the articles each defendant is charged under; stage_verdict: each stage's
 *   outcome and sentence per defendant; person_death: a person's death.
 * - proceeding_stage loses `outcome` and `sentence`: each stage's old outcome and sentence text
 *   move to a verdict for every defendant of its proceeding (the sentence text in the verdict's
 *   note); a proceeding whose defendants were never entered keeps them on one verdict without a
 *   defendant ("the defendants"), so nothing is lost and reports still count it.
 * - New vocabularies criminal_code_article, sentence_kind, colony_regime; verdict outcomes quashed and released.
 * The search triggers that read proceeding_stage.outcome are dropped here (SQLite would refuse to
 * rename the table under them) and created anew by the next migration (ProceedingSearch); down()
 * puts the earlier ones back around the table it restores.
 * Written by hand from the generator's DDL, reordered so the data moves before the columns go.
 */
export class ProceedingDefendantsDeaths1796167151104 implements MigrationInterface {
  name = 'ProceedingDefendantsDeaths1796167151104';

  private async dropTriggersReading(queryRunner: QueryRunner, pattern: string): Promise<{ name: string; sql: string }[]> {
    const triggers: { name: string; sql: string }[] = await queryRunner.query(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE ? ORDER BY name`, [pattern]);
    for (const t of triggers) await queryRunner.query(`DROP TRIGGER "${t.name}"`);
    return triggers;
  }

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.dropTriggersReading(queryRunner, '%st.outcome%');
    await queryRunner.query(`CREATE TABLE "proceeding_charge" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "defendant_id" integer NOT NULL, "article" varchar(300), "article_code" varchar(60), CONSTRAINT "CHK_e1a9e594f45203cc0a2dd15e31" CHECK (article IS NOT NULL OR article_code IS NOT NULL), CONSTRAINT "FK_fd9ff4ccb0b43519b7911b4cef9" FOREIGN KEY ("defendant_id") REFERENCES "proceeding_defendant" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "IDX_fd9ff4ccb0b43519b7911b4cef" ON "proceeding_charge" ("defendant_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_bdfc489cbc392400f3051dc6d6" ON "proceeding_charge" ("article_code") `);
    await queryRunner.query(`CREATE TABLE "stage_verdict" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "stage_id" integer NOT NULL, "defendant_id" integer, "outcome" varchar(60), "sentence_kind" varchar(60), "sentence_years" integer, "sentence_months" integer, "suspended" boolean NOT NULL DEFAULT (0), "regime" varchar(60), "note" text, CONSTRAINT "CHK_b0bb64fd6d3cbf2d48030b6a0b" CHECK (suspended IN (true, false)), CONSTRAINT "CHK_eb334540ebb6a2d8f312016616" CHECK (sentence_months IS NULL OR (sentence_months >= 0 AND sentence_months <= 11)), CONSTRAINT "CHK_6682025a07125f7bc7c673004a" CHECK (sentence_years IS NULL OR (sentence_years >= 0 AND sentence_years <= 99)), CONSTRAINT "FK_e40c882ecf495c450c08880e31c" FOREIGN KEY ("stage_id") REFERENCES "proceeding_stage" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_15b4f91bb49564947441e5144ff" FOREIGN KEY ("defendant_id") REFERENCES "proceeding_defendant" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "IDX_15b4f91bb49564947441e5144f" ON "stage_verdict" ("defendant_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e4174ea9b0b2e874663316d4ec" ON "stage_verdict" ("outcome") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a68412abc8b1e37ff4557c9eff" ON "stage_verdict" ("stage_id", "defendant_id") `);
    await queryRunner.query(`CREATE TABLE "person_death" ("person_id" integer PRIMARY KEY NOT NULL, "place" text, "institution_id" integer, "in_custody" varchar(10) NOT NULL DEFAULT ('unknown'), "cause_official" text, "cause_alleged" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_84a1e4fb9d7ec8303cbdb1d103" CHECK (in_custody IN ('yes','no','unknown')), CONSTRAINT "CHK_8326b5235fa4710cd47f765b8f" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "FK_09ff8e3e8d4c79ef9b8b506df27" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_65662f9210704d019a85314b9f5" FOREIGN KEY ("institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`CREATE INDEX "IDX_65662f9210704d019a85314b9f" ON "person_death" ("institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9caaeeb7d807bb453816e8a000" ON "person_death" ("in_custody") `);

    // Written by hand: every stage's outcome and sentence, kept on each defendant of its proceeding.
    await queryRunner.query(`INSERT INTO "stage_verdict" ("stage_id", "defendant_id", "outcome", "note", "suspended")
      SELECT s.id, d.id, s.outcome, s.sentence, 0 FROM "proceeding_stage" s JOIN "proceeding_defendant" d ON d.proceeding_id = s.proceeding_id
       WHERE s.outcome IS NOT NULL OR s.sentence IS NOT NULL ORDER BY s.id, d.id`);
    await queryRunner.query(`INSERT INTO "stage_verdict" ("stage_id", "defendant_id", "outcome", "note", "suspended")
      SELECT s.id, NULL, s.outcome, s.sentence, 0 FROM "proceeding_stage" s
       WHERE (s.outcome IS NOT NULL OR s.sentence IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM "proceeding_defendant" d WHERE d.proceeding_id = s.proceeding_id) ORDER BY s.id`);

    await queryRunner.query(`DROP INDEX "IDX_db764fd26f3775ac8abd1a3593"`);
    await queryRunner.query(`DROP INDEX "IDX_18dd99ea072b2aac8c5a1570c4"`);
    await queryRunner.query(`DROP INDEX "IDX_7d5f31c1fb9d536d3be9def374"`);
    await queryRunner.query(`DROP INDEX "IDX_3705c949f2fb6078020f81955b"`);
    await queryRunner.query(`CREATE TABLE "temporary_proceeding_stage" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "court_institution_id" integer, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_038ea271a29e8683b5eb0ddc01" CHECK ((((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end)))), CONSTRAINT "FK_7d5f31c1fb9d536d3be9def374d" FOREIGN KEY ("court_institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_ce4b4461daa65ab79e3f5642cfc" FOREIGN KEY ("proceeding_id") REFERENCES "proceeding" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_proceeding_stage"("id", "proceeding_id", "kind", "court_institution_id", "note", "date_precision", "date_start", "date_end") SELECT "id", "proceeding_id", "kind", "court_institution_id", "note", "date_precision", "date_start", "date_end" FROM "proceeding_stage"`);
    await queryRunner.query(`DROP TABLE "proceeding_stage"`);
    await queryRunner.query(`ALTER TABLE "temporary_proceeding_stage" RENAME TO "proceeding_stage"`);
    await queryRunner.query(`CREATE INDEX "IDX_18dd99ea072b2aac8c5a1570c4" ON "proceeding_stage" ("proceeding_id", "date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_7d5f31c1fb9d536d3be9def374" ON "proceeding_stage" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_3705c949f2fb6078020f81955b" ON "proceeding_stage" ("kind") `);

    // Written by hand: the new terms (frozen copy of src/vocab/vocab.seed.ts at this migration).
    await queryRunner.query(`INSERT OR IGNORE INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('criminal_code_article', 'ccrf_105', 'Art. 105 Criminal Code: murder', 'ст. 105 УК РФ: убийство', 10, false),
      ('criminal_code_article', 'ccrf_111', 'Art. 111 Criminal Code: intentional infliction of grave bodily harm', 'ст. 111 УК РФ: умышленное причинение тяжкого вреда здоровью', 20, false),
      ('criminal_code_article', 'ccrf_205', 'Art. 205 Criminal Code: terrorist act', 'ст. 205 УК РФ: террористический акт', 30, false),
      ('criminal_code_article', 'ccrf_209', 'Art. 209 Criminal Code: banditry', 'ст. 209 УК РФ: бандитизм', 40, false),
      ('criminal_code_article', 'ccrf_210', 'Art. 210 Criminal Code: organising or taking part in a criminal community', 'ст. 210 УК РФ: организация преступного сообщества (преступной организации) или участие в нём (ней)', 50, false),
      ('criminal_code_article', 'ccrf_222', 'Art. 222 Criminal Code: illegal possession or trafficking of weapons', 'ст. 222 УК РФ: незаконные приобретение, передача, сбыт, хранение, перевозка или ношение оружия', 60, false),
      ('criminal_code_article', 'ccrf_279', 'Art. 279 Criminal Code: armed rebellion', 'ст. 279 УК РФ: вооружённый мятеж', 70, false),
      ('criminal_code_article', 'ccrf_317', 'Art. 317 Criminal Code: attempt on the life of a law-enforcement officer', 'ст. 317 УК РФ: посягательство на жизнь сотрудника правоохранительного органа', 80, false),
      ('criminal_code_article', 'ccrf_286', 'Art. 286 Criminal Code: exceeding official powers (officials)', 'ст. 286 УК РФ: превышение должностных полномочий', 90, false),
      ('criminal_code_article', 'ccrf_302', 'Art. 302 Criminal Code: coercion to testify (officials)', 'ст. 302 УК РФ: принуждение к даче показаний', 100, false),
      ('criminal_code_article', 'other', 'Other article', 'Другая статья', 110, false),
      ('sentence_kind', 'imprisonment', 'Imprisonment', 'Лишение свободы', 10, false),
      ('sentence_kind', 'life_imprisonment', 'Life imprisonment', 'Пожизненное лишение свободы', 20, false),
      ('sentence_kind', 'fine', 'Fine', 'Штраф', 30, false),
      ('sentence_kind', 'compulsory_treatment', 'Compulsory medical treatment', 'Принудительные меры медицинского характера', 40, false),
      ('sentence_kind', 'compulsory_labour', 'Compulsory labour', 'Принудительные работы', 50, false),
      ('sentence_kind', 'correctional_labour', 'Correctional labour', 'Исправительные работы', 60, false),
      ('sentence_kind', 'restriction_of_liberty', 'Restriction of liberty', 'Ограничение свободы', 70, false),
      ('sentence_kind', 'ban_on_office', 'Ban on holding certain posts', 'Лишение права занимать определённые должности', 80, false),
      ('sentence_kind', 'other', 'Other', 'Другое', 90, false),
      ('colony_regime', 'general', 'General-regime colony', 'Исправительная колония общего режима', 10, false),
      ('colony_regime', 'strict', 'Strict-regime colony', 'Исправительная колония строгого режима', 20, false),
      ('colony_regime', 'special', 'Special-regime colony', 'Исправительная колония особого режима', 30, false),
      ('colony_regime', 'settlement', 'Colony-settlement', 'Колония-поселение', 40, false),
      ('colony_regime', 'prison', 'Prison', 'Тюрьма', 50, false),
      ('colony_regime', 'juvenile', 'Juvenile educational colony', 'Воспитательная колония', 60, false),
      ('verdict_outcome', 'quashed', 'Conviction quashed', 'Обвинительный приговор отменён', 92, false),
      ('verdict_outcome', 'released', 'Released', 'Освобождён', 96, false)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "vocab_term" WHERE "vocabulary" IN ('criminal_code_article', 'sentence_kind', 'colony_regime') OR ("vocabulary" = 'verdict_outcome' AND "code" IN ('quashed', 'released'))`);
    // The earlier search triggers (put back by the next migration's down()) read the old columns: set aside around the table.
    const triggers = await this.dropTriggersReading(queryRunner, '%st.outcome%');
    await queryRunner.query(`DROP INDEX "IDX_3705c949f2fb6078020f81955b"`);
    await queryRunner.query(`DROP INDEX "IDX_7d5f31c1fb9d536d3be9def374"`);
    await queryRunner.query(`DROP INDEX "IDX_18dd99ea072b2aac8c5a1570c4"`);
    await queryRunner.query(`ALTER TABLE "proceeding_stage" RENAME TO "temporary_proceeding_stage"`);
    await queryRunner.query(`CREATE TABLE "proceeding_stage" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "court_institution_id" integer, "outcome" varchar(60), "sentence" text, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_038ea271a29e8683b5eb0ddc01" CHECK ((((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end)))), CONSTRAINT "FK_7d5f31c1fb9d536d3be9def374d" FOREIGN KEY ("court_institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_ce4b4461daa65ab79e3f5642cfc" FOREIGN KEY ("proceeding_id") REFERENCES "proceeding" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    // Written by hand: a stage's outcome and sentence back from its verdicts (those of "the
    // defendants" first, then the first defendant's: the old shape held one of each).
    await queryRunner.query(`INSERT INTO "proceeding_stage"("id", "proceeding_id", "kind", "court_institution_id", "outcome", "sentence", "note", "date_precision", "date_start", "date_end")
      SELECT t."id", t."proceeding_id", t."kind", t."court_institution_id",
        (SELECT v.outcome FROM "stage_verdict" v WHERE v.stage_id = t.id AND v.outcome IS NOT NULL ORDER BY v.defendant_id IS NOT NULL, v.id LIMIT 1),
        (SELECT v.note FROM "stage_verdict" v WHERE v.stage_id = t.id AND v.note IS NOT NULL ORDER BY v.defendant_id IS NOT NULL, v.id LIMIT 1),
        t."note", t."date_precision", t."date_start", t."date_end" FROM "temporary_proceeding_stage" t`);
    await queryRunner.query(`DROP TABLE "temporary_proceeding_stage"`);
    await queryRunner.query(`CREATE INDEX "IDX_3705c949f2fb6078020f81955b" ON "proceeding_stage" ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_7d5f31c1fb9d536d3be9def374" ON "proceeding_stage" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_18dd99ea072b2aac8c5a1570c4" ON "proceeding_stage" ("proceeding_id", "date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_db764fd26f3775ac8abd1a3593" ON "proceeding_stage" ("outcome") `);
    await queryRunner.query(`DROP INDEX "IDX_9caaeeb7d807bb453816e8a000"`);
    await queryRunner.query(`DROP INDEX "IDX_65662f9210704d019a85314b9f"`);
    await queryRunner.query(`DROP TABLE "person_death"`);
    await queryRunner.query(`DROP INDEX "IDX_a68412abc8b1e37ff4557c9eff"`);
    await queryRunner.query(`DROP INDEX "IDX_e4174ea9b0b2e874663316d4ec"`);
    await queryRunner.query(`DROP INDEX "IDX_15b4f91bb49564947441e5144f"`);
    await queryRunner.query(`DROP TABLE "stage_verdict"`);
    await queryRunner.query(`DROP INDEX "IDX_bdfc489cbc392400f3051dc6d6"`);
    await queryRunner.query(`DROP INDEX "IDX_fd9ff4ccb0b43519b7911b4cef"`);
    await queryRunner.query(`DROP TABLE "proceeding_charge"`);
    for (const t of triggers) await queryRunner.query(t.sql);
  }
}
