import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseRecords1795246671509 implements MigrationInterface {
  name = 'CaseRecords1795246671509';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "vocab_term" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "vocabulary" varchar(40) NOT NULL, "code" varchar(60) NOT NULL, "label_en" varchar(200) NOT NULL, "label_ru" varchar(200), "retired" boolean NOT NULL DEFAULT (0), "sort_order" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_1815bf0d774ae55b72ec95d750b" UNIQUE ("vocabulary", "code"), CONSTRAINT "CHK_d8451650e55c5c15bd0120e8de" CHECK (length(code) > 0 AND length(label_en) > 0), CONSTRAINT "CHK_334f9034e191688d547cb1fb14" CHECK (retired IN (true, false)))`);
    await queryRunner.query(`CREATE TABLE "person_name" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "name" varchar(300) NOT NULL, "script" varchar(60), "language" varchar(20), "kind" varchar(20) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, CONSTRAINT "UQ_532fdd66d16c6e61817355eb353" UNIQUE ("person_id", "name"), CONSTRAINT "CHK_eda48c38a7f16b9c1582b09604" CHECK (length(name) > 0), CONSTRAINT "CHK_7e6b7f273f9100ecc5f8e65187" CHECK (kind IN ('primary','alias','spelling','transliteration')))`);
    await queryRunner.query(`CREATE INDEX "IDX_1246f9a80467d0458296022163" ON "person_name" ("name_latin") `);
    await queryRunner.query(`CREATE INDEX "IDX_c42b1c32d9b73cb3eb609923af" ON "person_name" ("match_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_name_one_primary" ON "person_name" ("person_id") WHERE kind = 'primary'`);
    await queryRunner.query(`CREATE TABLE "person_profile" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_ee164d6c5c493cf3505af906212" UNIQUE ("person_id", "code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5c2d319c9478816258d6a4b934" ON "person_profile" ("code") `);
    await queryRunner.query(`CREATE TABLE "person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "primary_name" varchar(300) NOT NULL, "gender" varchar(10) NOT NULL DEFAULT ('unknown'), "region" varchar(60), "notes" text, "protected_identity" boolean NOT NULL DEFAULT (0), "birth_precision" varchar(12), "birth_start" varchar(10), "birth_end" varchar(10), CONSTRAINT "CHK_dfaf353c9a8e3457f9003fc190" CHECK (((birth_precision IS NULL AND birth_start IS NULL AND birth_end IS NULL) OR (birth_precision IS NOT NULL AND birth_precision IN ('day','month','year','approximate','range') AND birth_start IS NOT NULL AND birth_end IS NOT NULL AND birth_start <= birth_end))), CONSTRAINT "CHK_3e354d679a8b6278ea56c21f9e" CHECK (length(primary_name) > 0), CONSTRAINT "CHK_51539d8e2e65cda90d5c37a930" CHECK (protected_identity IN (true, false)), CONSTRAINT "CHK_cb966d8a17b254ea21af228564" CHECK (gender IN ('female','male','other','unknown')))`);
    await queryRunner.query(`CREATE INDEX "IDX_44045a889d79ffbb4405f70570" ON "person" ("primary_name") `);
    await queryRunner.query(`CREATE INDEX "IDX_77723ac40e94bb5128a667cb58" ON "person" ("region") `);
    await queryRunner.query(`CREATE TABLE "institution_alias" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "institution_id" integer NOT NULL, "name" varchar(300) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, CONSTRAINT "UQ_700cd1a5320e9283ca7b15b7030" UNIQUE ("institution_id", "name"), CONSTRAINT "CHK_e92dda7beca31a5caec578ef38" CHECK (length(name) > 0))`);
    await queryRunner.query(`CREATE INDEX "IDX_5e7c63e4b6f12156e18ee552df" ON "institution_alias" ("name_latin") `);
    await queryRunner.query(`CREATE INDEX "IDX_13e8844230b671944a00b0811f" ON "institution_alias" ("match_key") `);
    await queryRunner.query(`CREATE TABLE "institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "name" varchar(300) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, "type" varchar(60) NOT NULL, "parent_id" integer, "region" varchar(60), "locality" varchar(200), "latitude" real, "longitude" real, "notes" text, CONSTRAINT "CHK_3e397bab482be01e5188599452" CHECK ((latitude IS NULL AND longitude IS NULL) OR (latitude IS NOT NULL AND longitude IS NOT NULL AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)), CONSTRAINT "CHK_e0ac0f1972836971a537cdb423" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "CHK_b1bfa62f18c25f2c40c08b9b79" CHECK (length(name) > 0))`);
    await queryRunner.query(`CREATE INDEX "IDX_d218ad3566afa9e396f184fd7d" ON "institution" ("name") `);
    await queryRunner.query(`CREATE INDEX "IDX_23130deeeb46dfc815901d9e03" ON "institution" ("name_latin") `);
    await queryRunner.query(`CREATE INDEX "IDX_6fac37925de4cb4df6cb694223" ON "institution" ("match_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_829e3ef7ee5db8aed1a64a2545" ON "institution" ("type") `);
    await queryRunner.query(`CREATE INDEX "IDX_8cb4eeece385473952771b02bb" ON "institution" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_ef4af80771af37bc4e34e39091" ON "institution" ("region") `);
    await queryRunner.query(`CREATE TABLE "case_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "user_id" integer NOT NULL, CONSTRAINT "UQ_e64cc3d251bc826e6d879b58d94" UNIQUE ("case_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f925be2bae95e3638871b72aa3" ON "case_member" ("user_id") `);
    await queryRunner.query(`CREATE TABLE "case_participant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "person_id" integer NOT NULL, "role" varchar(60) NOT NULL, "note" text, CONSTRAINT "UQ_739ac3d461bdd53c059ee86a7be" UNIQUE ("case_id", "person_id", "role"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d6da21ec54d937001394db3f95" ON "case_participant" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_4ff94121c23d5dccb86c0daefb" ON "case_participant" ("role") `);
    await queryRunner.query(`CREATE TABLE "case_tag" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "tag" varchar(100) NOT NULL, CONSTRAINT "UQ_acf0d4a2d476a2de3b69705c161" UNIQUE ("case_id", "tag"), CONSTRAINT "CHK_26d34e2074f76e69822784a2f5" CHECK (length(tag) > 0))`);
    await queryRunner.query(`CREATE INDEX "IDX_ce010a20f0fc88d6f746de771e" ON "case_tag" ("tag") `);
    await queryRunner.query(`CREATE TABLE "case_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "code" varchar(20) NOT NULL, "title" varchar(500) NOT NULL, "summary" text, "status" varchar(60) NOT NULL, "region" varchar(60), "restricted" boolean NOT NULL DEFAULT (0), "group_description" text, "group_count" integer, "group_count_precision" varchar(20), "group_death_count" integer, "group_death_count_precision" varchar(20), CONSTRAINT "CHK_179b5a5c3e766b6fbdbcb9a26f" CHECK ((group_death_count IS NULL AND group_death_count_precision IS NULL) OR (group_death_count IS NOT NULL AND group_death_count >= 0 AND group_death_count_precision IS NOT NULL AND group_death_count_precision IN ('exact','approximately','at_least','at_most'))), CONSTRAINT "CHK_5d37eac0d961d299ccc37e3127" CHECK ((group_count IS NULL AND group_count_precision IS NULL) OR (group_count IS NOT NULL AND group_count >= 0 AND group_count_precision IS NOT NULL AND group_count_precision IN ('exact','approximately','at_least','at_most'))), CONSTRAINT "CHK_14edf84dfca76977c663721f2a" CHECK (length(code) > 0 AND length(title) > 0), CONSTRAINT "CHK_dcc2d35667e70f6784b5a5739b" CHECK (restricted IN (true, false)))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1d3de560d591d251a7d5d18c6f" ON "case_record" ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_aacb863689936be8399b55b2f4" ON "case_record" ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_742f9942e924db277345202416" ON "case_record" ("region") `);
    await queryRunner.query(`CREATE INDEX "IDX_f07de99d760070f8dceaca9c4f" ON "case_record" ("restricted") `);
    await queryRunner.query(`CREATE TABLE "case_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_case_id" integer NOT NULL, "to_case_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "note" text, CONSTRAINT "UQ_ebb41095f1b64093fc14f1b6a4e" UNIQUE ("from_case_id", "to_case_id", "kind"), CONSTRAINT "CHK_6fc24be67ee2bf406c66bbf368" CHECK (from_case_id < to_case_id))`);
    await queryRunner.query(`CREATE INDEX "IDX_22c552cb2001dede5981987911" ON "case_link" ("to_case_id") `);
    await queryRunner.query(`CREATE TABLE "event_institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" integer NOT NULL, "institution_id" integer NOT NULL, CONSTRAINT "UQ_523cc0224c253fff07913f83e40" UNIQUE ("event_id", "institution_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ef33cb1ff060c786149137518b" ON "event_institution" ("institution_id") `);
    await queryRunner.query(`CREATE TABLE "event_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" integer NOT NULL, "person_id" integer NOT NULL, "role" varchar(60) NOT NULL, CONSTRAINT "UQ_0229983c9fb2bcf06decffcbf79" UNIQUE ("event_id", "person_id", "role"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c01810f1bb0c5f94751f109edb" ON "event_person" ("person_id") `);
    await queryRunner.query(`CREATE TABLE "case_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "type" varchar(60) NOT NULL, "title" varchar(500), "place" varchar(500), "description" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_e07055969c3b3d4e1e4d1f07d6" CHECK ((date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end)))`);
    await queryRunner.query(`CREATE INDEX "IDX_ba5f652ccdefc49485d73e6f00" ON "case_event" ("type") `);
    await queryRunner.query(`CREATE INDEX "IDX_c736ffe4ca6d559f6179591b32" ON "case_event" ("date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_c16e76581ee05c8f19c6d6a44a" ON "case_event" ("case_id", "date_start") `);
    await queryRunner.query(`CREATE TABLE "event_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_event_id" integer NOT NULL, "to_event_id" integer NOT NULL, CONSTRAINT "UQ_9c77f51a3557c2e59ea8ec57b09" UNIQUE ("from_event_id", "to_event_id"), CONSTRAINT "CHK_da7f1012d07090eb45a41ecda2" CHECK (from_event_id <> to_event_id))`);
    await queryRunner.query(`CREATE INDEX "IDX_1b4d276ca384536848b40b9076" ON "event_link" ("to_event_id") `);
    await queryRunner.query(`CREATE TABLE "allegation_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "event_id" integer NOT NULL, CONSTRAINT "UQ_581f61c18d8c34e0bb23aa3cf0c" UNIQUE ("allegation_id", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0a8632924bf6af648629eb4f43" ON "allegation_event" ("event_id") `);
    await queryRunner.query(`CREATE TABLE "allegation_institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "institution_id" integer NOT NULL, CONSTRAINT "UQ_461efdb916fef10e9cfe1605ed6" UNIQUE ("allegation_id", "institution_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_61ac52c4ae975cb9efa874a8a1" ON "allegation_institution" ("institution_id") `);
    await queryRunner.query(`CREATE TABLE "allegation_method" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_6349559e0b23c6413616727622f" UNIQUE ("allegation_id", "code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1cd6617ae33b19a60dacc47795" ON "allegation_method" ("code") `);
    await queryRunner.query(`CREATE TABLE "allegation_purpose" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_720de0ae04c7ab8431646d73d9d" UNIQUE ("allegation_id", "code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_301c625c533fc7524074d8c409" ON "allegation_purpose" ("code") `);
    await queryRunner.query(`CREATE TABLE "perpetrator" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "institution_id" integer, "person_id" integer, "description" text, "involvement" varchar(60) NOT NULL, "attribution" varchar(60) NOT NULL, CONSTRAINT "CHK_ce7d28ce29de9f3f507c829d42" CHECK (institution_id IS NOT NULL OR person_id IS NOT NULL OR description IS NOT NULL))`);
    await queryRunner.query(`CREATE INDEX "IDX_c98edcc11a0169381bcc97c933" ON "perpetrator" ("allegation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b2b8a78916998473a1da8aea93" ON "perpetrator" ("institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_32910739193f349b2e0d317cab" ON "perpetrator" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7a8de3bf9204a27b6f10a84eea" ON "perpetrator" ("involvement") `);
    await queryRunner.query(`CREATE INDEX "IDX_37b5fea2b709085c1b686a7ff1" ON "perpetrator" ("attribution") `);
    await queryRunner.query(`CREATE TABLE "allegation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "victim_person_id" integer, "summary" varchar(500), "description" text, "physical_consequences" text, "psychological_consequences" text, "duration" varchar(2000), "status" varchar(60) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_1eac2ed7245d85421654298f62" ON "allegation" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_8531c09ef87798bf987a77cf31" ON "allegation" ("victim_person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_08d6cb4556a629cee3ac3e8953" ON "allegation" ("status") `);
    await queryRunner.query(`CREATE TABLE "proceeding_defendant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "person_id" integer NOT NULL, CONSTRAINT "UQ_d42e44642f5d6dd16384a1d182c" UNIQUE ("proceeding_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6b4b58b63ed932f5b705f24d4c" ON "proceeding_defendant" ("person_id") `);
    await queryRunner.query(`CREATE TABLE "proceeding_stage" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "court_institution_id" integer, "outcome" varchar(60), "sentence" text, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_038ea271a29e8683b5eb0ddc01" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))))`);
    await queryRunner.query(`CREATE INDEX "IDX_3705c949f2fb6078020f81955b" ON "proceeding_stage" ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_7d5f31c1fb9d536d3be9def374" ON "proceeding_stage" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_db764fd26f3775ac8abd1a3593" ON "proceeding_stage" ("outcome") `);
    await queryRunner.query(`CREATE INDEX "IDX_18dd99ea072b2aac8c5a1570c4" ON "proceeding_stage" ("proceeding_id", "date_start") `);
    await queryRunner.query(`CREATE TABLE "proceeding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "title" varchar(500), "court_institution_id" integer, "case_number" varchar(100), "note" text)`);
    await queryRunner.query(`CREATE INDEX "IDX_60dc338974dc0bebbce4031a51" ON "proceeding" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_08ca3d22f5a6d90d461af4c317" ON "proceeding" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c8d81f23deffd760c8600a30ee" ON "proceeding" ("case_number") `);
    await queryRunner.query(`CREATE TABLE "statement_condition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "statement_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_5cad778129968b733f07419b560" UNIQUE ("statement_id", "code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0cc39286ce192725fece8654ef" ON "statement_condition" ("code") `);
    await queryRunner.query(`CREATE TABLE "statement_incriminates" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "statement_id" integer NOT NULL, "person_id" integer NOT NULL, CONSTRAINT "UQ_4123da17cfa29345271475d14d4" UNIQUE ("statement_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fccd21f21cb66dadce74c71a08" ON "statement_incriminates" ("person_id") `);
    await queryRunner.query(`CREATE TABLE "statement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "maker_person_id" integer, "maker_description" varchar(300), "before_institution_id" integer, "before_official" varchar(300), "kind" varchar(60) NOT NULL, "content" text, "retracted" boolean NOT NULL DEFAULT (0), "retraction_forum" varchar(60), "retraction_reason" text, "relied_on_by_court" boolean NOT NULL DEFAULT (0), "proceeding_id" integer, "allegation_id" integer, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), "retraction_date_precision" varchar(12), "retraction_date_start" varchar(10), "retraction_date_end" varchar(10), CONSTRAINT "CHK_3020362a82a573993e0bceaee4" CHECK (((retraction_date_precision IS NULL AND retraction_date_start IS NULL AND retraction_date_end IS NULL) OR (retraction_date_precision IS NOT NULL AND retraction_date_precision IN ('day','month','year','approximate','range') AND retraction_date_start IS NOT NULL AND retraction_date_end IS NOT NULL AND retraction_date_start <= retraction_date_end))), CONSTRAINT "CHK_c6954e7d5a12f9506ac248f78c" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "CHK_4c5c65c8426ee6567fb4960cf3" CHECK (relied_on_by_court = true OR proceeding_id IS NULL), CONSTRAINT "CHK_85effe19a6767204ae48a01193" CHECK (retracted = true OR (retraction_date_precision IS NULL AND retraction_forum IS NULL AND retraction_reason IS NULL)), CONSTRAINT "CHK_e406bf58d0535d64c60dcfed36" CHECK (retracted IN (true, false) AND relied_on_by_court IN (true, false)), CONSTRAINT "CHK_8da45777e67ede5793448a7a01" CHECK (maker_person_id IS NOT NULL OR maker_description IS NOT NULL))`);
    await queryRunner.query(`CREATE INDEX "IDX_486eb98353ab708b9ee7f506b7" ON "statement" ("maker_person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_568a7d5bef2a999c3faecd4c8d" ON "statement" ("before_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_bf1b9da2e0e5270007c2285784" ON "statement" ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_02cdd7ddf59d76e1fb80c62772" ON "statement" ("retracted") `);
    await queryRunner.query(`CREATE INDEX "IDX_27f1e214d4f7de7d1fb5c38536" ON "statement" ("relied_on_by_court") `);
    await queryRunner.query(`CREATE INDEX "IDX_8843a59e887d515ce5cc3b9af8" ON "statement" ("proceeding_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9b8552de94f588228bd72fef69" ON "statement" ("allegation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9f569f2aadffeea0c79407ef9c" ON "statement" ("case_id", "date_start") `);
    await queryRunner.query(`CREATE TABLE "complaint_response" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "complaint_id" integer NOT NULL, "responding_institution_id" integer, "outcome" varchar(60) NOT NULL, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_ee71ffd99a35344b771493c3f3" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))))`);
    await queryRunner.query(`CREATE INDEX "IDX_ae2bd6f1b33a1c2b5eacde8908" ON "complaint_response" ("responding_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_86eedaadf0039029b27c069a3a" ON "complaint_response" ("outcome") `);
    await queryRunner.query(`CREATE INDEX "IDX_34e18cfa70509e39ca846a7afb" ON "complaint_response" ("complaint_id", "date_start") `);
    await queryRunner.query(`CREATE TABLE "complaint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "filed_by_person_id" integer, "filed_by_text" varchar(300), "to_institution_id" integer, "request" varchar(60) NOT NULL, "description" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_f3fb89aff15fb612fad03a3c2f" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))))`);
    await queryRunner.query(`CREATE INDEX "IDX_40d7746a6436a587e2e2ade150" ON "complaint" ("filed_by_person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_d18678a4983b11070dadaf55fb" ON "complaint" ("to_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c6bd93bc068ecbfcb3cc7d8fba" ON "complaint" ("request") `);
    await queryRunner.query(`CREATE INDEX "IDX_107847be4fefc5c45c4ec58aba" ON "complaint" ("case_id", "date_start") `);
    await queryRunner.query(`CREATE TABLE "source" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "kind" varchar(20) NOT NULL, "name" varchar(300) NOT NULL, "title" varchar(500), "url" varchar(2000), "reliability" varchar(60) NOT NULL, "relation" varchar(60) NOT NULL, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_d4c896bbc0653d0576ba20679d" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "CHK_de1dcfd94f8bde4e36b409ce97" CHECK (length(name) > 0), CONSTRAINT "CHK_fd2f7c0980b91942b098a86a4f" CHECK (kind IN ('organisation','person')))`);
    await queryRunner.query(`CREATE INDEX "IDX_e64619e22dc97d6525c86ef8af" ON "source" ("name") `);
    await queryRunner.query(`CREATE INDEX "IDX_509fd4ce3d706e1d8f0e45f353" ON "source" ("reliability") `);
    await queryRunner.query(`CREATE INDEX "IDX_d4b10d0b006599d68445db4222" ON "source" ("relation") `);
    await queryRunner.query(`CREATE TABLE "citation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "source_id" integer NOT NULL, "record_type" varchar(30) NOT NULL, "record_id" integer NOT NULL, "case_id" integer, "note" text, CONSTRAINT "UQ_1be84d919f8a5bb849bba8a2522" UNIQUE ("source_id", "record_type", "record_id"), CONSTRAINT "CHK_39ead112cc1b699d2a3ce0cdc8" CHECK (record_type IN ('case_record','person','institution','case_event','allegation','statement','complaint','complaint_response','proceeding','proceeding_stage')))`);
    await queryRunner.query(`CREATE INDEX "IDX_154add67e2671f70497c26791e" ON "citation" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7df6d31f94c8b970d165985565" ON "citation" ("record_type", "record_id") `);
    await queryRunner.query(`DROP INDEX "IDX_1246f9a80467d0458296022163"`);
    await queryRunner.query(`DROP INDEX "IDX_c42b1c32d9b73cb3eb609923af"`);
    await queryRunner.query(`DROP INDEX "uq_person_name_one_primary"`);
    await queryRunner.query(`CREATE TABLE "temporary_person_name" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "name" varchar(300) NOT NULL, "script" varchar(60), "language" varchar(20), "kind" varchar(20) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, CONSTRAINT "UQ_532fdd66d16c6e61817355eb353" UNIQUE ("person_id", "name"), CONSTRAINT "CHK_eda48c38a7f16b9c1582b09604" CHECK (length(name) > 0), CONSTRAINT "CHK_7e6b7f273f9100ecc5f8e65187" CHECK (kind IN ('primary','alias','spelling','transliteration')), CONSTRAINT "FK_97553c304c7022d9edb17eee801" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_person_name"("id", "person_id", "name", "script", "language", "kind", "name_latin", "match_key") SELECT "id", "person_id", "name", "script", "language", "kind", "name_latin", "match_key" FROM "person_name"`);
    await queryRunner.query(`DROP TABLE "person_name"`);
    await queryRunner.query(`ALTER TABLE "temporary_person_name" RENAME TO "person_name"`);
    await queryRunner.query(`CREATE INDEX "IDX_1246f9a80467d0458296022163" ON "person_name" ("name_latin") `);
    await queryRunner.query(`CREATE INDEX "IDX_c42b1c32d9b73cb3eb609923af" ON "person_name" ("match_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_name_one_primary" ON "person_name" ("person_id") WHERE kind = 'primary'`);
    await queryRunner.query(`DROP INDEX "IDX_5c2d319c9478816258d6a4b934"`);
    await queryRunner.query(`CREATE TABLE "temporary_person_profile" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_ee164d6c5c493cf3505af906212" UNIQUE ("person_id", "code"), CONSTRAINT "FK_49d8087460bf76957d81e77f112" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_person_profile"("id", "person_id", "code") SELECT "id", "person_id", "code" FROM "person_profile"`);
    await queryRunner.query(`DROP TABLE "person_profile"`);
    await queryRunner.query(`ALTER TABLE "temporary_person_profile" RENAME TO "person_profile"`);
    await queryRunner.query(`CREATE INDEX "IDX_5c2d319c9478816258d6a4b934" ON "person_profile" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_5e7c63e4b6f12156e18ee552df"`);
    await queryRunner.query(`DROP INDEX "IDX_13e8844230b671944a00b0811f"`);
    await queryRunner.query(`CREATE TABLE "temporary_institution_alias" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "institution_id" integer NOT NULL, "name" varchar(300) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, CONSTRAINT "UQ_700cd1a5320e9283ca7b15b7030" UNIQUE ("institution_id", "name"), CONSTRAINT "CHK_e92dda7beca31a5caec578ef38" CHECK (length(name) > 0), CONSTRAINT "FK_7ae42a51311cb5414146b2b7353" FOREIGN KEY ("institution_id") REFERENCES "institution" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_institution_alias"("id", "institution_id", "name", "name_latin", "match_key") SELECT "id", "institution_id", "name", "name_latin", "match_key" FROM "institution_alias"`);
    await queryRunner.query(`DROP TABLE "institution_alias"`);
    await queryRunner.query(`ALTER TABLE "temporary_institution_alias" RENAME TO "institution_alias"`);
    await queryRunner.query(`CREATE INDEX "IDX_5e7c63e4b6f12156e18ee552df" ON "institution_alias" ("name_latin") `);
    await queryRunner.query(`CREATE INDEX "IDX_13e8844230b671944a00b0811f" ON "institution_alias" ("match_key") `);
    await queryRunner.query(`DROP INDEX "IDX_d218ad3566afa9e396f184fd7d"`);
    await queryRunner.query(`DROP INDEX "IDX_23130deeeb46dfc815901d9e03"`);
    await queryRunner.query(`DROP INDEX "IDX_6fac37925de4cb4df6cb694223"`);
    await queryRunner.query(`DROP INDEX "IDX_829e3ef7ee5db8aed1a64a2545"`);
    await queryRunner.query(`DROP INDEX "IDX_8cb4eeece385473952771b02bb"`);
    await queryRunner.query(`DROP INDEX "IDX_ef4af80771af37bc4e34e39091"`);
    await queryRunner.query(`CREATE TABLE "temporary_institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "name" varchar(300) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, "type" varchar(60) NOT NULL, "parent_id" integer, "region" varchar(60), "locality" varchar(200), "latitude" real, "longitude" real, "notes" text, CONSTRAINT "CHK_3e397bab482be01e5188599452" CHECK ((latitude IS NULL AND longitude IS NULL) OR (latitude IS NOT NULL AND longitude IS NOT NULL AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)), CONSTRAINT "CHK_e0ac0f1972836971a537cdb423" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "CHK_b1bfa62f18c25f2c40c08b9b79" CHECK (length(name) > 0), CONSTRAINT "FK_8cb4eeece385473952771b02bb4" FOREIGN KEY ("parent_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_institution"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "name", "name_latin", "match_key", "type", "parent_id", "region", "locality", "latitude", "longitude", "notes") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "name", "name_latin", "match_key", "type", "parent_id", "region", "locality", "latitude", "longitude", "notes" FROM "institution"`);
    await queryRunner.query(`DROP TABLE "institution"`);
    await queryRunner.query(`ALTER TABLE "temporary_institution" RENAME TO "institution"`);
    await queryRunner.query(`CREATE INDEX "IDX_d218ad3566afa9e396f184fd7d" ON "institution" ("name") `);
    await queryRunner.query(`CREATE INDEX "IDX_23130deeeb46dfc815901d9e03" ON "institution" ("name_latin") `);
    await queryRunner.query(`CREATE INDEX "IDX_6fac37925de4cb4df6cb694223" ON "institution" ("match_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_829e3ef7ee5db8aed1a64a2545" ON "institution" ("type") `);
    await queryRunner.query(`CREATE INDEX "IDX_8cb4eeece385473952771b02bb" ON "institution" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_ef4af80771af37bc4e34e39091" ON "institution" ("region") `);
    await queryRunner.query(`DROP INDEX "IDX_f925be2bae95e3638871b72aa3"`);
    await queryRunner.query(`CREATE TABLE "temporary_case_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "user_id" integer NOT NULL, CONSTRAINT "UQ_e64cc3d251bc826e6d879b58d94" UNIQUE ("case_id", "user_id"), CONSTRAINT "FK_e4c26097a0e5f78bb3d9a8b7d2b" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f925be2bae95e3638871b72aa3a" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_case_member"("id", "case_id", "user_id") SELECT "id", "case_id", "user_id" FROM "case_member"`);
    await queryRunner.query(`DROP TABLE "case_member"`);
    await queryRunner.query(`ALTER TABLE "temporary_case_member" RENAME TO "case_member"`);
    await queryRunner.query(`CREATE INDEX "IDX_f925be2bae95e3638871b72aa3" ON "case_member" ("user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_d6da21ec54d937001394db3f95"`);
    await queryRunner.query(`DROP INDEX "IDX_4ff94121c23d5dccb86c0daefb"`);
    await queryRunner.query(`CREATE TABLE "temporary_case_participant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "person_id" integer NOT NULL, "role" varchar(60) NOT NULL, "note" text, CONSTRAINT "UQ_739ac3d461bdd53c059ee86a7be" UNIQUE ("case_id", "person_id", "role"), CONSTRAINT "FK_5331713e8cb1f9d3b8878b473cb" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_d6da21ec54d937001394db3f959" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_case_participant"("id", "case_id", "person_id", "role", "note") SELECT "id", "case_id", "person_id", "role", "note" FROM "case_participant"`);
    await queryRunner.query(`DROP TABLE "case_participant"`);
    await queryRunner.query(`ALTER TABLE "temporary_case_participant" RENAME TO "case_participant"`);
    await queryRunner.query(`CREATE INDEX "IDX_d6da21ec54d937001394db3f95" ON "case_participant" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_4ff94121c23d5dccb86c0daefb" ON "case_participant" ("role") `);
    await queryRunner.query(`DROP INDEX "IDX_ce010a20f0fc88d6f746de771e"`);
    await queryRunner.query(`CREATE TABLE "temporary_case_tag" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "tag" varchar(100) NOT NULL, CONSTRAINT "UQ_acf0d4a2d476a2de3b69705c161" UNIQUE ("case_id", "tag"), CONSTRAINT "CHK_26d34e2074f76e69822784a2f5" CHECK (length(tag) > 0), CONSTRAINT "FK_0d93b3bf85b79d6db6b5d7aafb5" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_case_tag"("id", "case_id", "tag") SELECT "id", "case_id", "tag" FROM "case_tag"`);
    await queryRunner.query(`DROP TABLE "case_tag"`);
    await queryRunner.query(`ALTER TABLE "temporary_case_tag" RENAME TO "case_tag"`);
    await queryRunner.query(`CREATE INDEX "IDX_ce010a20f0fc88d6f746de771e" ON "case_tag" ("tag") `);
    await queryRunner.query(`DROP INDEX "IDX_22c552cb2001dede5981987911"`);
    await queryRunner.query(`CREATE TABLE "temporary_case_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_case_id" integer NOT NULL, "to_case_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "note" text, CONSTRAINT "UQ_ebb41095f1b64093fc14f1b6a4e" UNIQUE ("from_case_id", "to_case_id", "kind"), CONSTRAINT "CHK_6fc24be67ee2bf406c66bbf368" CHECK (from_case_id < to_case_id), CONSTRAINT "FK_8a2c66dd7ebbcce68ec77430be5" FOREIGN KEY ("from_case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_22c552cb2001dede59819879115" FOREIGN KEY ("to_case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_case_link"("id", "from_case_id", "to_case_id", "kind", "note") SELECT "id", "from_case_id", "to_case_id", "kind", "note" FROM "case_link"`);
    await queryRunner.query(`DROP TABLE "case_link"`);
    await queryRunner.query(`ALTER TABLE "temporary_case_link" RENAME TO "case_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_22c552cb2001dede5981987911" ON "case_link" ("to_case_id") `);
    await queryRunner.query(`DROP INDEX "IDX_ef33cb1ff060c786149137518b"`);
    await queryRunner.query(`CREATE TABLE "temporary_event_institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" integer NOT NULL, "institution_id" integer NOT NULL, CONSTRAINT "UQ_523cc0224c253fff07913f83e40" UNIQUE ("event_id", "institution_id"), CONSTRAINT "FK_33abee2e3f1d509ba3e929d2065" FOREIGN KEY ("event_id") REFERENCES "case_event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ef33cb1ff060c786149137518b6" FOREIGN KEY ("institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_event_institution"("id", "event_id", "institution_id") SELECT "id", "event_id", "institution_id" FROM "event_institution"`);
    await queryRunner.query(`DROP TABLE "event_institution"`);
    await queryRunner.query(`ALTER TABLE "temporary_event_institution" RENAME TO "event_institution"`);
    await queryRunner.query(`CREATE INDEX "IDX_ef33cb1ff060c786149137518b" ON "event_institution" ("institution_id") `);
    await queryRunner.query(`DROP INDEX "IDX_c01810f1bb0c5f94751f109edb"`);
    await queryRunner.query(`CREATE TABLE "temporary_event_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" integer NOT NULL, "person_id" integer NOT NULL, "role" varchar(60) NOT NULL, CONSTRAINT "UQ_0229983c9fb2bcf06decffcbf79" UNIQUE ("event_id", "person_id", "role"), CONSTRAINT "FK_d56dd4b86deb310873df6ef55fc" FOREIGN KEY ("event_id") REFERENCES "case_event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_c01810f1bb0c5f94751f109edb7" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_event_person"("id", "event_id", "person_id", "role") SELECT "id", "event_id", "person_id", "role" FROM "event_person"`);
    await queryRunner.query(`DROP TABLE "event_person"`);
    await queryRunner.query(`ALTER TABLE "temporary_event_person" RENAME TO "event_person"`);
    await queryRunner.query(`CREATE INDEX "IDX_c01810f1bb0c5f94751f109edb" ON "event_person" ("person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_ba5f652ccdefc49485d73e6f00"`);
    await queryRunner.query(`DROP INDEX "IDX_c736ffe4ca6d559f6179591b32"`);
    await queryRunner.query(`DROP INDEX "IDX_c16e76581ee05c8f19c6d6a44a"`);
    await queryRunner.query(`CREATE TABLE "temporary_case_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "type" varchar(60) NOT NULL, "title" varchar(500), "place" varchar(500), "description" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_e07055969c3b3d4e1e4d1f07d6" CHECK ((date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end)), CONSTRAINT "FK_85962fcd8d72296385c01a5dd45" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_case_event"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "type", "title", "place", "description", "date_precision", "date_start", "date_end") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "type", "title", "place", "description", "date_precision", "date_start", "date_end" FROM "case_event"`);
    await queryRunner.query(`DROP TABLE "case_event"`);
    await queryRunner.query(`ALTER TABLE "temporary_case_event" RENAME TO "case_event"`);
    await queryRunner.query(`CREATE INDEX "IDX_ba5f652ccdefc49485d73e6f00" ON "case_event" ("type") `);
    await queryRunner.query(`CREATE INDEX "IDX_c736ffe4ca6d559f6179591b32" ON "case_event" ("date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_c16e76581ee05c8f19c6d6a44a" ON "case_event" ("case_id", "date_start") `);
    await queryRunner.query(`DROP INDEX "IDX_1b4d276ca384536848b40b9076"`);
    await queryRunner.query(`CREATE TABLE "temporary_event_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_event_id" integer NOT NULL, "to_event_id" integer NOT NULL, CONSTRAINT "UQ_9c77f51a3557c2e59ea8ec57b09" UNIQUE ("from_event_id", "to_event_id"), CONSTRAINT "CHK_da7f1012d07090eb45a41ecda2" CHECK (from_event_id <> to_event_id), CONSTRAINT "FK_35bf983a1e080cea2d646577740" FOREIGN KEY ("from_event_id") REFERENCES "case_event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1b4d276ca384536848b40b90760" FOREIGN KEY ("to_event_id") REFERENCES "case_event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_event_link"("id", "from_event_id", "to_event_id") SELECT "id", "from_event_id", "to_event_id" FROM "event_link"`);
    await queryRunner.query(`DROP TABLE "event_link"`);
    await queryRunner.query(`ALTER TABLE "temporary_event_link" RENAME TO "event_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_1b4d276ca384536848b40b9076" ON "event_link" ("to_event_id") `);
    await queryRunner.query(`DROP INDEX "IDX_0a8632924bf6af648629eb4f43"`);
    await queryRunner.query(`CREATE TABLE "temporary_allegation_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "event_id" integer NOT NULL, CONSTRAINT "UQ_581f61c18d8c34e0bb23aa3cf0c" UNIQUE ("allegation_id", "event_id"), CONSTRAINT "FK_6a8d9f4ea9b74dbfdea841641ba" FOREIGN KEY ("allegation_id") REFERENCES "allegation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_0a8632924bf6af648629eb4f436" FOREIGN KEY ("event_id") REFERENCES "case_event" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_allegation_event"("id", "allegation_id", "event_id") SELECT "id", "allegation_id", "event_id" FROM "allegation_event"`);
    await queryRunner.query(`DROP TABLE "allegation_event"`);
    await queryRunner.query(`ALTER TABLE "temporary_allegation_event" RENAME TO "allegation_event"`);
    await queryRunner.query(`CREATE INDEX "IDX_0a8632924bf6af648629eb4f43" ON "allegation_event" ("event_id") `);
    await queryRunner.query(`DROP INDEX "IDX_61ac52c4ae975cb9efa874a8a1"`);
    await queryRunner.query(`CREATE TABLE "temporary_allegation_institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "institution_id" integer NOT NULL, CONSTRAINT "UQ_461efdb916fef10e9cfe1605ed6" UNIQUE ("allegation_id", "institution_id"), CONSTRAINT "FK_bab3c6ddf8667aaa590afd27f09" FOREIGN KEY ("allegation_id") REFERENCES "allegation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_61ac52c4ae975cb9efa874a8a16" FOREIGN KEY ("institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_allegation_institution"("id", "allegation_id", "institution_id") SELECT "id", "allegation_id", "institution_id" FROM "allegation_institution"`);
    await queryRunner.query(`DROP TABLE "allegation_institution"`);
    await queryRunner.query(`ALTER TABLE "temporary_allegation_institution" RENAME TO "allegation_institution"`);
    await queryRunner.query(`CREATE INDEX "IDX_61ac52c4ae975cb9efa874a8a1" ON "allegation_institution" ("institution_id") `);
    await queryRunner.query(`DROP INDEX "IDX_1cd6617ae33b19a60dacc47795"`);
    await queryRunner.query(`CREATE TABLE "temporary_allegation_method" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_6349559e0b23c6413616727622f" UNIQUE ("allegation_id", "code"), CONSTRAINT "FK_f3e5e56060302d34f8e67c86344" FOREIGN KEY ("allegation_id") REFERENCES "allegation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_allegation_method"("id", "allegation_id", "code") SELECT "id", "allegation_id", "code" FROM "allegation_method"`);
    await queryRunner.query(`DROP TABLE "allegation_method"`);
    await queryRunner.query(`ALTER TABLE "temporary_allegation_method" RENAME TO "allegation_method"`);
    await queryRunner.query(`CREATE INDEX "IDX_1cd6617ae33b19a60dacc47795" ON "allegation_method" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_301c625c533fc7524074d8c409"`);
    await queryRunner.query(`CREATE TABLE "temporary_allegation_purpose" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_720de0ae04c7ab8431646d73d9d" UNIQUE ("allegation_id", "code"), CONSTRAINT "FK_8499501499e7e4c0b2c6572db4e" FOREIGN KEY ("allegation_id") REFERENCES "allegation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_allegation_purpose"("id", "allegation_id", "code") SELECT "id", "allegation_id", "code" FROM "allegation_purpose"`);
    await queryRunner.query(`DROP TABLE "allegation_purpose"`);
    await queryRunner.query(`ALTER TABLE "temporary_allegation_purpose" RENAME TO "allegation_purpose"`);
    await queryRunner.query(`CREATE INDEX "IDX_301c625c533fc7524074d8c409" ON "allegation_purpose" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_c98edcc11a0169381bcc97c933"`);
    await queryRunner.query(`DROP INDEX "IDX_b2b8a78916998473a1da8aea93"`);
    await queryRunner.query(`DROP INDEX "IDX_32910739193f349b2e0d317cab"`);
    await queryRunner.query(`DROP INDEX "IDX_7a8de3bf9204a27b6f10a84eea"`);
    await queryRunner.query(`DROP INDEX "IDX_37b5fea2b709085c1b686a7ff1"`);
    await queryRunner.query(`CREATE TABLE "temporary_perpetrator" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "institution_id" integer, "person_id" integer, "description" text, "involvement" varchar(60) NOT NULL, "attribution" varchar(60) NOT NULL, CONSTRAINT "CHK_ce7d28ce29de9f3f507c829d42" CHECK (institution_id IS NOT NULL OR person_id IS NOT NULL OR description IS NOT NULL), CONSTRAINT "FK_c98edcc11a0169381bcc97c9330" FOREIGN KEY ("allegation_id") REFERENCES "allegation" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b2b8a78916998473a1da8aea939" FOREIGN KEY ("institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_32910739193f349b2e0d317cab0" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_perpetrator"("id", "allegation_id", "institution_id", "person_id", "description", "involvement", "attribution") SELECT "id", "allegation_id", "institution_id", "person_id", "description", "involvement", "attribution" FROM "perpetrator"`);
    await queryRunner.query(`DROP TABLE "perpetrator"`);
    await queryRunner.query(`ALTER TABLE "temporary_perpetrator" RENAME TO "perpetrator"`);
    await queryRunner.query(`CREATE INDEX "IDX_c98edcc11a0169381bcc97c933" ON "perpetrator" ("allegation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b2b8a78916998473a1da8aea93" ON "perpetrator" ("institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_32910739193f349b2e0d317cab" ON "perpetrator" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7a8de3bf9204a27b6f10a84eea" ON "perpetrator" ("involvement") `);
    await queryRunner.query(`CREATE INDEX "IDX_37b5fea2b709085c1b686a7ff1" ON "perpetrator" ("attribution") `);
    await queryRunner.query(`DROP INDEX "IDX_1eac2ed7245d85421654298f62"`);
    await queryRunner.query(`DROP INDEX "IDX_8531c09ef87798bf987a77cf31"`);
    await queryRunner.query(`DROP INDEX "IDX_08d6cb4556a629cee3ac3e8953"`);
    await queryRunner.query(`CREATE TABLE "temporary_allegation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "victim_person_id" integer, "summary" varchar(500), "description" text, "physical_consequences" text, "psychological_consequences" text, "duration" varchar(2000), "status" varchar(60) NOT NULL, CONSTRAINT "FK_1eac2ed7245d85421654298f62f" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_8531c09ef87798bf987a77cf31a" FOREIGN KEY ("victim_person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_allegation"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "victim_person_id", "summary", "description", "physical_consequences", "psychological_consequences", "duration", "status") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "victim_person_id", "summary", "description", "physical_consequences", "psychological_consequences", "duration", "status" FROM "allegation"`);
    await queryRunner.query(`DROP TABLE "allegation"`);
    await queryRunner.query(`ALTER TABLE "temporary_allegation" RENAME TO "allegation"`);
    await queryRunner.query(`CREATE INDEX "IDX_1eac2ed7245d85421654298f62" ON "allegation" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_8531c09ef87798bf987a77cf31" ON "allegation" ("victim_person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_08d6cb4556a629cee3ac3e8953" ON "allegation" ("status") `);
    await queryRunner.query(`DROP INDEX "IDX_6b4b58b63ed932f5b705f24d4c"`);
    await queryRunner.query(`CREATE TABLE "temporary_proceeding_defendant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "person_id" integer NOT NULL, CONSTRAINT "UQ_d42e44642f5d6dd16384a1d182c" UNIQUE ("proceeding_id", "person_id"), CONSTRAINT "FK_0f967bfb3671d53a3aebbe62e2b" FOREIGN KEY ("proceeding_id") REFERENCES "proceeding" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_6b4b58b63ed932f5b705f24d4c5" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_proceeding_defendant"("id", "proceeding_id", "person_id") SELECT "id", "proceeding_id", "person_id" FROM "proceeding_defendant"`);
    await queryRunner.query(`DROP TABLE "proceeding_defendant"`);
    await queryRunner.query(`ALTER TABLE "temporary_proceeding_defendant" RENAME TO "proceeding_defendant"`);
    await queryRunner.query(`CREATE INDEX "IDX_6b4b58b63ed932f5b705f24d4c" ON "proceeding_defendant" ("person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_3705c949f2fb6078020f81955b"`);
    await queryRunner.query(`DROP INDEX "IDX_7d5f31c1fb9d536d3be9def374"`);
    await queryRunner.query(`DROP INDEX "IDX_db764fd26f3775ac8abd1a3593"`);
    await queryRunner.query(`DROP INDEX "IDX_18dd99ea072b2aac8c5a1570c4"`);
    await queryRunner.query(`CREATE TABLE "temporary_proceeding_stage" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "court_institution_id" integer, "outcome" varchar(60), "sentence" text, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_038ea271a29e8683b5eb0ddc01" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "FK_ce4b4461daa65ab79e3f5642cfc" FOREIGN KEY ("proceeding_id") REFERENCES "proceeding" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7d5f31c1fb9d536d3be9def374d" FOREIGN KEY ("court_institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_proceeding_stage"("id", "proceeding_id", "kind", "court_institution_id", "outcome", "sentence", "note", "date_precision", "date_start", "date_end") SELECT "id", "proceeding_id", "kind", "court_institution_id", "outcome", "sentence", "note", "date_precision", "date_start", "date_end" FROM "proceeding_stage"`);
    await queryRunner.query(`DROP TABLE "proceeding_stage"`);
    await queryRunner.query(`ALTER TABLE "temporary_proceeding_stage" RENAME TO "proceeding_stage"`);
    await queryRunner.query(`CREATE INDEX "IDX_3705c949f2fb6078020f81955b" ON "proceeding_stage" ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_7d5f31c1fb9d536d3be9def374" ON "proceeding_stage" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_db764fd26f3775ac8abd1a3593" ON "proceeding_stage" ("outcome") `);
    await queryRunner.query(`CREATE INDEX "IDX_18dd99ea072b2aac8c5a1570c4" ON "proceeding_stage" ("proceeding_id", "date_start") `);
    await queryRunner.query(`DROP INDEX "IDX_60dc338974dc0bebbce4031a51"`);
    await queryRunner.query(`DROP INDEX "IDX_08ca3d22f5a6d90d461af4c317"`);
    await queryRunner.query(`DROP INDEX "IDX_c8d81f23deffd760c8600a30ee"`);
    await queryRunner.query(`CREATE TABLE "temporary_proceeding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "title" varchar(500), "court_institution_id" integer, "case_number" varchar(100), "note" text, CONSTRAINT "FK_60dc338974dc0bebbce4031a518" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_08ca3d22f5a6d90d461af4c3176" FOREIGN KEY ("court_institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_proceeding"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "title", "court_institution_id", "case_number", "note") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "title", "court_institution_id", "case_number", "note" FROM "proceeding"`);
    await queryRunner.query(`DROP TABLE "proceeding"`);
    await queryRunner.query(`ALTER TABLE "temporary_proceeding" RENAME TO "proceeding"`);
    await queryRunner.query(`CREATE INDEX "IDX_60dc338974dc0bebbce4031a51" ON "proceeding" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_08ca3d22f5a6d90d461af4c317" ON "proceeding" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c8d81f23deffd760c8600a30ee" ON "proceeding" ("case_number") `);
    await queryRunner.query(`DROP INDEX "IDX_0cc39286ce192725fece8654ef"`);
    await queryRunner.query(`CREATE TABLE "temporary_statement_condition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "statement_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_5cad778129968b733f07419b560" UNIQUE ("statement_id", "code"), CONSTRAINT "FK_380315e7d32c54650a00c284078" FOREIGN KEY ("statement_id") REFERENCES "statement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_statement_condition"("id", "statement_id", "code") SELECT "id", "statement_id", "code" FROM "statement_condition"`);
    await queryRunner.query(`DROP TABLE "statement_condition"`);
    await queryRunner.query(`ALTER TABLE "temporary_statement_condition" RENAME TO "statement_condition"`);
    await queryRunner.query(`CREATE INDEX "IDX_0cc39286ce192725fece8654ef" ON "statement_condition" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_fccd21f21cb66dadce74c71a08"`);
    await queryRunner.query(`CREATE TABLE "temporary_statement_incriminates" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "statement_id" integer NOT NULL, "person_id" integer NOT NULL, CONSTRAINT "UQ_4123da17cfa29345271475d14d4" UNIQUE ("statement_id", "person_id"), CONSTRAINT "FK_5c0c5a1db3b8741fde9c7d0ed75" FOREIGN KEY ("statement_id") REFERENCES "statement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_fccd21f21cb66dadce74c71a089" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_statement_incriminates"("id", "statement_id", "person_id") SELECT "id", "statement_id", "person_id" FROM "statement_incriminates"`);
    await queryRunner.query(`DROP TABLE "statement_incriminates"`);
    await queryRunner.query(`ALTER TABLE "temporary_statement_incriminates" RENAME TO "statement_incriminates"`);
    await queryRunner.query(`CREATE INDEX "IDX_fccd21f21cb66dadce74c71a08" ON "statement_incriminates" ("person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_486eb98353ab708b9ee7f506b7"`);
    await queryRunner.query(`DROP INDEX "IDX_568a7d5bef2a999c3faecd4c8d"`);
    await queryRunner.query(`DROP INDEX "IDX_bf1b9da2e0e5270007c2285784"`);
    await queryRunner.query(`DROP INDEX "IDX_02cdd7ddf59d76e1fb80c62772"`);
    await queryRunner.query(`DROP INDEX "IDX_27f1e214d4f7de7d1fb5c38536"`);
    await queryRunner.query(`DROP INDEX "IDX_8843a59e887d515ce5cc3b9af8"`);
    await queryRunner.query(`DROP INDEX "IDX_9b8552de94f588228bd72fef69"`);
    await queryRunner.query(`DROP INDEX "IDX_9f569f2aadffeea0c79407ef9c"`);
    await queryRunner.query(`CREATE TABLE "temporary_statement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "maker_person_id" integer, "maker_description" varchar(300), "before_institution_id" integer, "before_official" varchar(300), "kind" varchar(60) NOT NULL, "content" text, "retracted" boolean NOT NULL DEFAULT (0), "retraction_forum" varchar(60), "retraction_reason" text, "relied_on_by_court" boolean NOT NULL DEFAULT (0), "proceeding_id" integer, "allegation_id" integer, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), "retraction_date_precision" varchar(12), "retraction_date_start" varchar(10), "retraction_date_end" varchar(10), CONSTRAINT "CHK_3020362a82a573993e0bceaee4" CHECK (((retraction_date_precision IS NULL AND retraction_date_start IS NULL AND retraction_date_end IS NULL) OR (retraction_date_precision IS NOT NULL AND retraction_date_precision IN ('day','month','year','approximate','range') AND retraction_date_start IS NOT NULL AND retraction_date_end IS NOT NULL AND retraction_date_start <= retraction_date_end))), CONSTRAINT "CHK_c6954e7d5a12f9506ac248f78c" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "CHK_4c5c65c8426ee6567fb4960cf3" CHECK (relied_on_by_court = true OR proceeding_id IS NULL), CONSTRAINT "CHK_85effe19a6767204ae48a01193" CHECK (retracted = true OR (retraction_date_precision IS NULL AND retraction_forum IS NULL AND retraction_reason IS NULL)), CONSTRAINT "CHK_e406bf58d0535d64c60dcfed36" CHECK (retracted IN (true, false) AND relied_on_by_court IN (true, false)), CONSTRAINT "CHK_8da45777e67ede5793448a7a01" CHECK (maker_person_id IS NOT NULL OR maker_description IS NOT NULL), CONSTRAINT "FK_288e84471c40929e5a957b388d1" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_486eb98353ab708b9ee7f506b7a" FOREIGN KEY ("maker_person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_568a7d5bef2a999c3faecd4c8d1" FOREIGN KEY ("before_institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_8843a59e887d515ce5cc3b9af83" FOREIGN KEY ("proceeding_id") REFERENCES "proceeding" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_9b8552de94f588228bd72fef698" FOREIGN KEY ("allegation_id") REFERENCES "allegation" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_statement"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "maker_person_id", "maker_description", "before_institution_id", "before_official", "kind", "content", "retracted", "retraction_forum", "retraction_reason", "relied_on_by_court", "proceeding_id", "allegation_id", "date_precision", "date_start", "date_end", "retraction_date_precision", "retraction_date_start", "retraction_date_end") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "maker_person_id", "maker_description", "before_institution_id", "before_official", "kind", "content", "retracted", "retraction_forum", "retraction_reason", "relied_on_by_court", "proceeding_id", "allegation_id", "date_precision", "date_start", "date_end", "retraction_date_precision", "retraction_date_start", "retraction_date_end" FROM "statement"`);
    await queryRunner.query(`DROP TABLE "statement"`);
    await queryRunner.query(`ALTER TABLE "temporary_statement" RENAME TO "statement"`);
    await queryRunner.query(`CREATE INDEX "IDX_486eb98353ab708b9ee7f506b7" ON "statement" ("maker_person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_568a7d5bef2a999c3faecd4c8d" ON "statement" ("before_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_bf1b9da2e0e5270007c2285784" ON "statement" ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_02cdd7ddf59d76e1fb80c62772" ON "statement" ("retracted") `);
    await queryRunner.query(`CREATE INDEX "IDX_27f1e214d4f7de7d1fb5c38536" ON "statement" ("relied_on_by_court") `);
    await queryRunner.query(`CREATE INDEX "IDX_8843a59e887d515ce5cc3b9af8" ON "statement" ("proceeding_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9b8552de94f588228bd72fef69" ON "statement" ("allegation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9f569f2aadffeea0c79407ef9c" ON "statement" ("case_id", "date_start") `);
    await queryRunner.query(`DROP INDEX "IDX_ae2bd6f1b33a1c2b5eacde8908"`);
    await queryRunner.query(`DROP INDEX "IDX_86eedaadf0039029b27c069a3a"`);
    await queryRunner.query(`DROP INDEX "IDX_34e18cfa70509e39ca846a7afb"`);
    await queryRunner.query(`CREATE TABLE "temporary_complaint_response" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "complaint_id" integer NOT NULL, "responding_institution_id" integer, "outcome" varchar(60) NOT NULL, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_ee71ffd99a35344b771493c3f3" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "FK_49bff20ceca295957c9f0b54b17" FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ae2bd6f1b33a1c2b5eacde89083" FOREIGN KEY ("responding_institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_complaint_response"("id", "complaint_id", "responding_institution_id", "outcome", "note", "date_precision", "date_start", "date_end") SELECT "id", "complaint_id", "responding_institution_id", "outcome", "note", "date_precision", "date_start", "date_end" FROM "complaint_response"`);
    await queryRunner.query(`DROP TABLE "complaint_response"`);
    await queryRunner.query(`ALTER TABLE "temporary_complaint_response" RENAME TO "complaint_response"`);
    await queryRunner.query(`CREATE INDEX "IDX_ae2bd6f1b33a1c2b5eacde8908" ON "complaint_response" ("responding_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_86eedaadf0039029b27c069a3a" ON "complaint_response" ("outcome") `);
    await queryRunner.query(`CREATE INDEX "IDX_34e18cfa70509e39ca846a7afb" ON "complaint_response" ("complaint_id", "date_start") `);
    await queryRunner.query(`DROP INDEX "IDX_40d7746a6436a587e2e2ade150"`);
    await queryRunner.query(`DROP INDEX "IDX_d18678a4983b11070dadaf55fb"`);
    await queryRunner.query(`DROP INDEX "IDX_c6bd93bc068ecbfcb3cc7d8fba"`);
    await queryRunner.query(`DROP INDEX "IDX_107847be4fefc5c45c4ec58aba"`);
    await queryRunner.query(`CREATE TABLE "temporary_complaint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "filed_by_person_id" integer, "filed_by_text" varchar(300), "to_institution_id" integer, "request" varchar(60) NOT NULL, "description" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_f3fb89aff15fb612fad03a3c2f" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "FK_9577e07b26221123efebda175bc" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_40d7746a6436a587e2e2ade150a" FOREIGN KEY ("filed_by_person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d18678a4983b11070dadaf55fb1" FOREIGN KEY ("to_institution_id") REFERENCES "institution" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_complaint"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "filed_by_person_id", "filed_by_text", "to_institution_id", "request", "description", "date_precision", "date_start", "date_end") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "filed_by_person_id", "filed_by_text", "to_institution_id", "request", "description", "date_precision", "date_start", "date_end" FROM "complaint"`);
    await queryRunner.query(`DROP TABLE "complaint"`);
    await queryRunner.query(`ALTER TABLE "temporary_complaint" RENAME TO "complaint"`);
    await queryRunner.query(`CREATE INDEX "IDX_40d7746a6436a587e2e2ade150" ON "complaint" ("filed_by_person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_d18678a4983b11070dadaf55fb" ON "complaint" ("to_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c6bd93bc068ecbfcb3cc7d8fba" ON "complaint" ("request") `);
    await queryRunner.query(`CREATE INDEX "IDX_107847be4fefc5c45c4ec58aba" ON "complaint" ("case_id", "date_start") `);
    await queryRunner.query(`DROP INDEX "IDX_154add67e2671f70497c26791e"`);
    await queryRunner.query(`DROP INDEX "IDX_7df6d31f94c8b970d165985565"`);
    await queryRunner.query(`CREATE TABLE "temporary_citation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "source_id" integer NOT NULL, "record_type" varchar(30) NOT NULL, "record_id" integer NOT NULL, "case_id" integer, "note" text, CONSTRAINT "UQ_1be84d919f8a5bb849bba8a2522" UNIQUE ("source_id", "record_type", "record_id"), CONSTRAINT "CHK_39ead112cc1b699d2a3ce0cdc8" CHECK (record_type IN ('case_record','person','institution','case_event','allegation','statement','complaint','complaint_response','proceeding','proceeding_stage')), CONSTRAINT "FK_b1661be309b71bd750d6f027387" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_154add67e2671f70497c26791e7" FOREIGN KEY ("case_id") REFERENCES "case_record" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_citation"("id", "source_id", "record_type", "record_id", "case_id", "note") SELECT "id", "source_id", "record_type", "record_id", "case_id", "note" FROM "citation"`);
    await queryRunner.query(`DROP TABLE "citation"`);
    await queryRunner.query(`ALTER TABLE "temporary_citation" RENAME TO "citation"`);
    await queryRunner.query(`CREATE INDEX "IDX_154add67e2671f70497c26791e" ON "citation" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7df6d31f94c8b970d165985565" ON "citation" ("record_type", "record_id") `);
    // Written by hand: the controlled vocabularies every installation starts with (frozen copy of
    // src/vocab/vocab.seed.ts at this migration; later changes to terms need a new migration).
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('case_status', 'open', 'Open', 'Открыто', 10, false),
      ('case_status', 'monitoring', 'Monitoring', 'Мониторинг', 20, false),
      ('case_status', 'closed', 'Closed', 'Закрыто', 30, false),
      ('participant_role', 'victim', 'Victim', 'Пострадавший', 10, false),
      ('participant_role', 'defendant', 'Defendant', 'Обвиняемый', 20, false),
      ('participant_role', 'co_defendant', 'Co-defendant', 'Соучастник по делу', 30, false),
      ('participant_role', 'witness', 'Witness', 'Свидетель', 40, false),
      ('participant_role', 'relative', 'Relative', 'Родственник', 50, false),
      ('participant_role', 'lawyer', 'Lawyer', 'Адвокат', 60, false),
      ('participant_role', 'official', 'Official', 'Должностное лицо', 70, false),
      ('participant_role', 'alleged_perpetrator', 'Alleged perpetrator', 'Предполагаемый исполнитель', 80, false),
      ('participant_role', 'investigator', 'Investigator', 'Следователь', 90, false),
      ('participant_role', 'prosecutor', 'Prosecutor', 'Прокурор', 100, false),
      ('participant_role', 'judge', 'Judge', 'Судья', 110, false),
      ('participant_role', 'doctor', 'Doctor or medical examiner', 'Врач или судебно-медицинский эксперт', 120, false),
      ('participant_role', 'other', 'Other', 'Другое', 130, false),
      ('case_link_kind', 'co_defendants', 'Co-defendants in one criminal case', 'Соучастники по одному уголовному делу', 10, false),
      ('case_link_kind', 'same_operation', 'Detained in the same operation', 'Задержаны в ходе одной операции', 20, false),
      ('case_link_kind', 'same_perpetrators', 'Same alleged perpetrators', 'Те же предполагаемые исполнители', 30, false),
      ('case_link_kind', 'related', 'Related', 'Связанное дело', 40, false),
      ('person_profile', 'human_rights_defender', 'Human-rights defender', 'Правозащитник', 10, false),
      ('person_profile', 'lawyer', 'Lawyer', 'Адвокат', 20, false),
      ('person_profile', 'journalist', 'Journalist', 'Журналист', 30, false),
      ('person_profile', 'civic_activist', 'Civic activist', 'Гражданский активист', 40, false),
      ('person_profile', 'political_opposition', 'Political opposition', 'Политическая оппозиция', 50, false),
      ('person_profile', 'lgbti', 'LGBTI', 'ЛГБТИ', 60, false),
      ('person_profile', 'former_guantanamo_detainee', 'Former Guantanamo detainee', 'Бывший узник Гуантанамо', 70, false),
      ('person_profile', 'crimean_tatar', 'Crimean Tatar', 'Крымский татарин', 80, false),
      ('person_profile', 'ethnic_minority', 'Ethnic minority', 'Этническое меньшинство', 90, false),
      ('person_profile', 'banned_islamic_group_accused', 'Accused of membership in a banned Islamic organisation', 'Обвиняемый в членстве в запрещённой исламской организации', 100, false),
      ('person_profile', 'jehovahs_witness', 'Jehovah''s Witness', 'Свидетель Иеговы', 110, false),
      ('person_profile', 'ukrainian_civilian', 'Ukrainian civilian', 'Гражданское лицо из Украины', 120, false),
      ('person_profile', 'prisoner_of_war', 'Prisoner of war', 'Военнопленный', 130, false),
      ('person_profile', 'conscientious_objector', 'Conscientious objector', 'Отказник по убеждениям', 140, false),
      ('person_profile', 'military_serviceperson', 'Military serviceperson', 'Военнослужащий', 150, false),
      ('person_profile', 'migrant_worker', 'Migrant worker', 'Трудовой мигрант', 160, false),
      ('person_profile', 'minor', 'Minor', 'Несовершеннолетний', 170, false),
      ('person_profile', 'person_with_disability', 'Person with a disability', 'Человек с инвалидностью', 180, false),
      ('person_profile', 'convicted_prisoner', 'Convicted prisoner', 'Осуждённый', 190, false),
      ('person_profile', 'other', 'Other', 'Другое', 200, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('name_script', 'cyrillic', 'Cyrillic', 'Кириллица', 10, false),
      ('name_script', 'latin', 'Latin', 'Латиница', 20, false),
      ('name_script', 'arabic', 'Arabic', 'Арабское письмо', 30, false),
      ('name_script', 'georgian', 'Georgian', 'Грузинское письмо', 40, false),
      ('name_script', 'armenian', 'Armenian', 'Армянское письмо', 50, false),
      ('name_script', 'other', 'Other', 'Другое', 60, false),
      ('institution_type', 'police_unit', 'Police unit', 'Подразделение полиции', 10, false),
      ('institution_type', 'centre_combating_extremism', 'Centre for Combating Extremism', 'Центр по противодействию экстремизму («Центр Э»)', 20, false),
      ('institution_type', 'fsb', 'FSB (Federal Security Service)', 'ФСБ', 30, false),
      ('institution_type', 'national_guard', 'National Guard (Rosgvardiya)', 'Росгвардия', 40, false),
      ('institution_type', 'investigative_committee', 'Investigative Committee', 'Следственный комитет', 50, false),
      ('institution_type', 'prosecutors_office', 'Prosecutor''s office', 'Прокуратура', 60, false),
      ('institution_type', 'court', 'Court', 'Суд', 70, false),
      ('institution_type', 'pretrial_detention_centre', 'Pre-trial detention centre (SIZO)', 'Следственный изолятор (СИЗО)', 80, false),
      ('institution_type', 'temporary_detention_facility', 'Temporary detention facility (IVS)', 'Изолятор временного содержания (ИВС)', 90, false),
      ('institution_type', 'penal_colony', 'Penal colony', 'Исправительная колония', 100, false),
      ('institution_type', 'penitentiary_service', 'Penitentiary service (FSIN)', 'Федеральная служба исполнения наказаний (ФСИН)', 110, false),
      ('institution_type', 'military_unit', 'Military unit', 'Воинская часть', 120, false),
      ('institution_type', 'government_building', 'Government building', 'Административное здание', 130, false),
      ('institution_type', 'ministry', 'Ministry or government agency', 'Министерство или ведомство', 140, false),
      ('institution_type', 'medical_facility', 'Medical facility', 'Медицинское учреждение', 150, false),
      ('institution_type', 'psychiatric_hospital', 'Psychiatric hospital', 'Психиатрическая больница', 160, false),
      ('institution_type', 'ombudsman', 'Ombudsman', 'Уполномоченный по правам человека', 170, false),
      ('institution_type', 'international_body', 'International body', 'Международный орган', 180, false),
      ('institution_type', 'other', 'Other', 'Другое', 190, false),
      ('event_type', 'arrest', 'Arrest', 'Задержание', 10, false),
      ('event_type', 'abduction', 'Abduction', 'Похищение', 20, false),
      ('event_type', 'detention', 'Detention', 'Содержание под стражей', 30, false),
      ('event_type', 'search', 'Search', 'Обыск', 40, false),
      ('event_type', 'transfer', 'Transfer', 'Перевод (этапирование)', 50, false),
      ('event_type', 'interrogation', 'Interrogation', 'Допрос', 60, false),
      ('event_type', 'torture_ill_treatment', 'Torture or ill-treatment', 'Пытки или жестокое обращение', 70, false),
      ('event_type', 'medical_examination', 'Medical examination', 'Медицинское освидетельствование', 80, false),
      ('event_type', 'confession', 'Confession', 'Признательные показания', 90, false),
      ('event_type', 'retraction', 'Retraction', 'Отказ от показаний', 100, false),
      ('event_type', 'charged', 'Charges brought', 'Предъявление обвинения', 110, false),
      ('event_type', 'complaint', 'Complaint', 'Жалоба', 120, false),
      ('event_type', 'investigation_refused', 'Investigation refused', 'Отказ в возбуждении уголовного дела', 130, false),
      ('event_type', 'investigation_opened', 'Investigation opened', 'Возбуждение уголовного дела', 140, false),
      ('event_type', 'investigation_suspended', 'Investigation suspended', 'Приостановление расследования', 150, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('event_type', 'investigation_closed', 'Investigation closed', 'Прекращение расследования', 160, false),
      ('event_type', 'hearing', 'Hearing', 'Судебное заседание', 170, false),
      ('event_type', 'verdict', 'Verdict', 'Приговор', 180, false),
      ('event_type', 'acquittal', 'Acquittal', 'Оправдательный приговор', 190, false),
      ('event_type', 'annulment', 'Annulment', 'Отмена приговора', 200, false),
      ('event_type', 'appeal', 'Appeal', 'Обжалование', 210, false),
      ('event_type', 'release', 'Release', 'Освобождение', 220, false),
      ('event_type', 'death_in_custody', 'Death in custody', 'Смерть под стражей', 230, false),
      ('event_type', 'threat_reprisal', 'Threat or reprisal', 'Угрозы или преследование', 240, false),
      ('event_type', 'document_destroyed', 'Document destroyed', 'Уничтожение документов', 250, false),
      ('event_type', 'other', 'Other', 'Другое', 260, false),
      ('torture_method', 'beating', 'Beating', 'Избиение', 10, false),
      ('torture_method', 'beating_with_objects', 'Beating with objects (truncheons, bottles, rifle butts)', 'Избиение предметами (дубинками, бутылками, прикладами)', 20, false),
      ('torture_method', 'falanga', 'Falanga (beating the soles of the feet)', 'Фаланга (удары по стопам)', 30, false),
      ('torture_method', 'electric_shock', 'Electric shock', 'Пытки электротоком', 40, false),
      ('torture_method', 'asphyxiation', 'Asphyxiation (bag, gas mask, strangling)', 'Удушение (пакет, противогаз)', 50, false),
      ('torture_method', 'wet_asphyxiation', 'Wet asphyxiation (near-drowning, waterboarding)', 'Пытка водой', 60, false),
      ('torture_method', 'suspension', 'Suspension', 'Подвешивание', 70, false),
      ('torture_method', 'stress_positions', 'Stress positions and forced standing', 'Принудительные позы', 80, false),
      ('torture_method', 'shackling', 'Shackling and restraints', 'Наручники и оковы', 90, false),
      ('torture_method', 'confinement_in_small_space', 'Confinement in a cage or small space', 'Содержание в клетке или тесном пространстве', 100, false),
      ('torture_method', 'burning', 'Burning', 'Ожоги', 110, false),
      ('torture_method', 'cutting_stabbing', 'Cutting or stabbing', 'Порезы и колотые раны', 120, false),
      ('torture_method', 'nail_or_tooth_extraction', 'Pulling out nails or teeth', 'Вырывание ногтей или зубов', 130, false),
      ('torture_method', 'extreme_temperatures', 'Exposure to extreme heat or cold', 'Воздействие жары или холода', 140, false),
      ('torture_method', 'sleep_deprivation', 'Sleep deprivation', 'Лишение сна', 150, false),
      ('torture_method', 'deprivation_of_food_or_water', 'Deprivation of food or water', 'Лишение пищи или воды', 160, false),
      ('torture_method', 'denial_of_medical_care', 'Denial of medical care', 'Отказ в медицинской помощи', 170, false),
      ('torture_method', 'prolonged_isolation', 'Prolonged isolation', 'Длительная изоляция', 180, false),
      ('torture_method', 'incommunicado_detention', 'Incommunicado detention', 'Содержание без связи с внешним миром', 190, false),
      ('torture_method', 'sensory_deprivation', 'Hooding, blindfolding or sensory deprivation', 'Мешок на голове, повязка на глазах, сенсорная депривация', 200, false),
      ('torture_method', 'noise_or_light', 'Constant noise or light', 'Постоянный шум или свет', 210, false),
      ('torture_method', 'sexual_violence', 'Sexual violence', 'Сексуальное насилие', 220, false),
      ('torture_method', 'rape', 'Rape', 'Изнасилование', 230, false),
      ('torture_method', 'forced_nudity', 'Forced nudity', 'Принудительное раздевание', 240, false),
      ('torture_method', 'humiliation', 'Humiliation', 'Унижение', 250, false),
      ('torture_method', 'mock_execution', 'Mock execution', 'Имитация казни', 260, false),
      ('torture_method', 'death_threats', 'Death threats', 'Угрозы убийством', 270, false),
      ('torture_method', 'threats_of_sexual_violence', 'Threats of sexual violence', 'Угрозы сексуального насилия', 280, false),
      ('torture_method', 'threats_against_family', 'Threats against family', 'Угрозы родственникам', 290, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('torture_method', 'witnessing_torture_of_others', 'Forced to witness the torture of others', 'Принуждение наблюдать пытки других', 300, false),
      ('torture_method', 'forced_drug_administration', 'Forced administration of drugs', 'Принудительное введение препаратов', 310, false),
      ('torture_method', 'dog_attack', 'Attack by dogs', 'Травля собаками', 320, false),
      ('torture_method', 'punitive_psychiatry', 'Punitive psychiatric confinement', 'Карательная психиатрия', 330, false),
      ('torture_method', 'inhuman_conditions', 'Inhuman conditions of detention', 'Бесчеловечные условия содержания', 340, false),
      ('torture_method', 'other', 'Other', 'Другое', 350, false),
      ('purpose', 'extract_confession', 'Extract a confession', 'Получение признания', 10, false),
      ('purpose', 'extract_information', 'Extract information', 'Получение информации', 20, false),
      ('purpose', 'incriminate_others', 'Obtain testimony against others', 'Получение показаний против других', 30, false),
      ('purpose', 'punish', 'Punish', 'Наказание', 40, false),
      ('purpose', 'intimidate', 'Intimidate', 'Запугивание', 50, false),
      ('purpose', 'discriminate', 'Discriminate', 'Дискриминация', 60, false),
      ('purpose', 'coerce_cooperation', 'Coerce cooperation or recruitment', 'Принуждение к сотрудничеству', 70, false),
      ('purpose', 'extort', 'Extort money or property', 'Вымогательство', 80, false),
      ('purpose', 'other', 'Other', 'Другое', 90, false),
      ('involvement', 'carried_out', 'Carried out', 'Непосредственный исполнитель', 10, false),
      ('involvement', 'ordered', 'Ordered', 'Отдал приказ', 20, false),
      ('involvement', 'present', 'Present', 'Присутствовал', 30, false),
      ('involvement', 'failed_to_prevent', 'Failed to prevent', 'Не предотвратил', 40, false),
      ('involvement', 'covered_up', 'Covered up', 'Скрыл', 50, false),
      ('involvement', 'unknown', 'Unknown', 'Неизвестно', 60, false),
      ('attribution', 'confirmed', 'Confirmed', 'Подтверждено', 10, false),
      ('attribution', 'claimed_by_perpetrator', 'Claimed by the perpetrators', 'Заявлено самими исполнителями', 20, false),
      ('attribution', 'alleged_by_victim', 'Alleged by the victim', 'Со слов пострадавшего', 30, false),
      ('attribution', 'alleged_by_witness', 'Alleged by a witness', 'Со слов свидетеля', 40, false),
      ('attribution', 'unknown', 'Unknown', 'Неизвестно', 50, false),
      ('allegation_status', 'alleged', 'Alleged', 'Заявлено', 10, false),
      ('allegation_status', 'corroborated', 'Corroborated', 'Подтверждено доказательствами', 20, false),
      ('allegation_status', 'disputed', 'Disputed', 'Оспаривается', 30, false),
      ('allegation_status', 'established', 'Established by a court or international body', 'Установлено судом или международным органом', 40, false),
      ('statement_kind', 'confession', 'Confession', 'Признательные показания', 10, false),
      ('statement_kind', 'surrender_statement', 'Statement of surrender (yavka s povinnoy)', 'Явка с повинной', 20, false),
      ('statement_kind', 'explanation', 'Pre-investigation explanation (obyasneniye)', 'Объяснение', 30, false),
      ('statement_kind', 'testimony', 'Testimony', 'Показания', 40, false),
      ('statement_kind', 'witness_statement', 'Witness statement', 'Свидетельские показания', 50, false),
      ('statement_kind', 'video_confession', 'Filmed or broadcast confession', 'Видеопризнание', 60, false),
      ('statement_kind', 'other', 'Other', 'Другое', 70, false),
      ('statement_condition', 'forced_to_sign', 'Forced to sign', 'Принуждён подписать', 10, false),
      ('statement_condition', 'signed_without_counsel', 'Signed without counsel', 'Подписано без адвоката', 20, false),
      ('statement_condition', 'under_duress_alleged', 'Made under duress (alleged)', 'Дано под принуждением (со слов)', 30, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('statement_condition', 'appointed_lawyer_only', 'Only an investigator-appointed lawyer present', 'Присутствовал только адвокат по назначению', 40, false),
      ('statement_condition', 'without_interpreter', 'Without an interpreter', 'Без переводчика', 50, false),
      ('statement_condition', 'visible_injuries', 'Made with visible injuries', 'При видимых телесных повреждениях', 60, false),
      ('statement_condition', 'unrecorded_detention', 'During unrecorded detention', 'В период незафиксированного задержания', 70, false),
      ('statement_condition', 'dictated_text', 'Text dictated or prepared in advance', 'Текст продиктован или подготовлен заранее', 80, false),
      ('statement_condition', 'under_threat', 'Under threat', 'Под угрозами', 90, false),
      ('statement_condition', 'night_interrogation', 'Night-time interrogation', 'Ночной допрос', 100, false),
      ('statement_condition', 'video_recorded', 'Recorded on video', 'Записано на видео', 110, false),
      ('statement_condition', 'other', 'Other', 'Другое', 120, false),
      ('retraction_forum', 'court', 'Court', 'Суд', 10, false),
      ('retraction_forum', 'complaint', 'Complaint', 'Жалоба', 20, false),
      ('retraction_forum', 'appeal', 'Appeal', 'Апелляция', 30, false),
      ('retraction_forum', 'investigator', 'Investigator', 'Следователь', 40, false),
      ('retraction_forum', 'lawyer_statement', 'Statement through a lawyer', 'Заявление через адвоката', 50, false),
      ('retraction_forum', 'media', 'Media', 'СМИ', 60, false),
      ('retraction_forum', 'international_body', 'International body', 'Международный орган', 70, false),
      ('retraction_forum', 'other', 'Other', 'Другое', 80, false),
      ('complaint_request', 'open_criminal_investigation', 'Open a criminal investigation', 'Возбудить уголовное дело', 10, false),
      ('complaint_request', 'appeal_refusal', 'Appeal a refusal to investigate', 'Обжаловать отказ в возбуждении дела', 20, false),
      ('complaint_request', 'forensic_medical_examination', 'Order a forensic medical examination', 'Назначить судебно-медицинскую экспертизу', 30, false),
      ('complaint_request', 'medical_care', 'Provide medical care', 'Оказать медицинскую помощь', 40, false),
      ('complaint_request', 'access_to_lawyer', 'Grant access to a lawyer', 'Допустить адвоката', 50, false),
      ('complaint_request', 'protection_measures', 'Protect the complainant or witnesses', 'Принять меры защиты', 60, false),
      ('complaint_request', 'release', 'Release from custody', 'Освободить из-под стражи', 70, false),
      ('complaint_request', 'exclude_evidence', 'Exclude evidence obtained under torture', 'Исключить доказательства, полученные под пытками', 80, false),
      ('complaint_request', 'international_application', 'Application to an international body', 'Обращение в международный орган', 90, false),
      ('complaint_request', 'interim_measures', 'Urgent interim measures', 'Срочные обеспечительные меры', 100, false),
      ('complaint_request', 'other', 'Other', 'Другое', 110, false),
      ('response_outcome', 'refused_to_open', 'Refused to open a criminal case', 'Отказ в возбуждении уголовного дела', 10, false),
      ('response_outcome', 'opened', 'Criminal case opened', 'Уголовное дело возбуждено', 20, false),
      ('response_outcome', 'suspended', 'Investigation suspended', 'Расследование приостановлено', 30, false),
      ('response_outcome', 'closed', 'Investigation closed', 'Расследование прекращено', 40, false),
      ('response_outcome', 'charges_brought', 'Charges brought', 'Предъявлено обвинение', 50, false),
      ('response_outcome', 'refusal_overturned', 'Refusal overturned', 'Отказ отменён', 60, false),
      ('response_outcome', 'complaint_rejected', 'Complaint rejected', 'Жалоба отклонена', 70, false),
      ('response_outcome', 'complaint_upheld', 'Complaint upheld', 'Жалоба удовлетворена', 80, false),
      ('response_outcome', 'forwarded', 'Forwarded to another body', 'Передано в другой орган', 90, false),
      ('response_outcome', 'communicated', 'Communicated to the government', 'Коммуницировано правительству', 100, false),
      ('response_outcome', 'no_response', 'No response', 'Нет ответа', 110, false),
      ('response_outcome', 'other', 'Other', 'Другое', 120, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('proceeding_stage_kind', 'indictment', 'Case sent to court', 'Направление дела в суд', 10, false),
      ('proceeding_stage_kind', 'preliminary_hearing', 'Preliminary hearing', 'Предварительное слушание', 20, false),
      ('proceeding_stage_kind', 'hearing', 'Hearing', 'Судебное заседание', 30, false),
      ('proceeding_stage_kind', 'verdict', 'Verdict', 'Приговор', 40, false),
      ('proceeding_stage_kind', 'appeal', 'Appeal', 'Апелляция', 50, false),
      ('proceeding_stage_kind', 'cassation', 'Cassation', 'Кассация', 60, false),
      ('proceeding_stage_kind', 'supervisory_review', 'Supervisory review', 'Надзорное производство', 70, false),
      ('proceeding_stage_kind', 'annulment', 'Annulment', 'Отмена приговора', 80, false),
      ('proceeding_stage_kind', 'retrial', 'Retrial', 'Новое рассмотрение', 90, false),
      ('proceeding_stage_kind', 'other', 'Other', 'Другое', 100, false),
      ('verdict_outcome', 'convicted', 'Convicted', 'Обвинительный приговор', 10, false),
      ('verdict_outcome', 'acquitted', 'Acquitted', 'Оправдательный приговор', 20, false),
      ('verdict_outcome', 'annulled', 'Annulled', 'Приговор отменён', 30, false),
      ('verdict_outcome', 'upheld', 'Upheld', 'Оставлено без изменения', 40, false),
      ('verdict_outcome', 'sent_for_retrial', 'Sent for retrial', 'Направлено на новое рассмотрение', 50, false),
      ('verdict_outcome', 'sentence_reduced', 'Sentence reduced', 'Наказание смягчено', 60, false),
      ('verdict_outcome', 'sentence_increased', 'Sentence increased', 'Наказание ужесточено', 70, false),
      ('verdict_outcome', 'returned_to_prosecutor', 'Returned to the prosecutor', 'Возвращено прокурору', 80, false),
      ('verdict_outcome', 'case_terminated', 'Case terminated', 'Дело прекращено', 90, false),
      ('verdict_outcome', 'other', 'Other', 'Другое', 100, false),
      ('source_relation', 'victim', 'Victim', 'Пострадавший', 10, false),
      ('source_relation', 'witness', 'Witness', 'Свидетель', 20, false),
      ('source_relation', 'relative', 'Relative', 'Родственник', 30, false),
      ('source_relation', 'lawyer', 'Lawyer', 'Адвокат', 40, false),
      ('source_relation', 'medical', 'Medical', 'Медицинский источник', 50, false),
      ('source_relation', 'ngo', 'NGO', 'НКО', 60, false),
      ('source_relation', 'media', 'Media', 'СМИ', 70, false),
      ('source_relation', 'state_media', 'State media', 'Государственные СМИ', 80, false),
      ('source_relation', 'official', 'Official body', 'Государственный орган', 90, false),
      ('source_relation', 'court', 'Court record', 'Судебные документы', 100, false),
      ('source_relation', 'other', 'Other', 'Другое', 110, false),
      ('reliability', 'completely_reliable', 'A – Completely reliable', 'A — Полностью надёжный', 10, false),
      ('reliability', 'usually_reliable', 'B – Usually reliable', 'B — Обычно надёжный', 20, false),
      ('reliability', 'fairly_reliable', 'C – Fairly reliable', 'C — Достаточно надёжный', 30, false),
      ('reliability', 'not_usually_reliable', 'D – Not usually reliable', 'D — Обычно ненадёжный', 40, false),
      ('reliability', 'unreliable', 'E – Unreliable', 'E — Ненадёжный', 50, false),
      ('reliability', 'cannot_be_judged', 'F – Reliability cannot be judged', 'F — Надёжность невозможно оценить', 60, false),
      ('region', 'adygea', 'Republic of Adygea', 'Республика Адыгея', 10, false),
      ('region', 'altai_republic', 'Altai Republic', 'Республика Алтай', 20, false),
      ('region', 'bashkortostan', 'Republic of Bashkortostan', 'Республика Башкортостан', 30, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('region', 'buryatia', 'Republic of Buryatia', 'Республика Бурятия', 40, false),
      ('region', 'chechnya', 'Chechen Republic', 'Чеченская Республика', 50, false),
      ('region', 'chuvashia', 'Chuvash Republic', 'Чувашская Республика', 60, false),
      ('region', 'dagestan', 'Republic of Dagestan', 'Республика Дагестан', 70, false),
      ('region', 'ingushetia', 'Republic of Ingushetia', 'Республика Ингушетия', 80, false),
      ('region', 'kabardino_balkaria', 'Kabardino-Balkarian Republic', 'Кабардино-Балкарская Республика', 90, false),
      ('region', 'kalmykia', 'Republic of Kalmykia', 'Республика Калмыкия', 100, false),
      ('region', 'karachay_cherkessia', 'Karachay-Cherkess Republic', 'Карачаево-Черкесская Республика', 110, false),
      ('region', 'karelia', 'Republic of Karelia', 'Республика Карелия', 120, false),
      ('region', 'khakassia', 'Republic of Khakassia', 'Республика Хакасия', 130, false),
      ('region', 'komi', 'Komi Republic', 'Республика Коми', 140, false),
      ('region', 'mari_el', 'Mari El Republic', 'Республика Марий Эл', 150, false),
      ('region', 'mordovia', 'Republic of Mordovia', 'Республика Мордовия', 160, false),
      ('region', 'north_ossetia', 'Republic of North Ossetia–Alania', 'Республика Северная Осетия — Алания', 170, false),
      ('region', 'sakha', 'Sakha (Yakutia) Republic', 'Республика Саха (Якутия)', 180, false),
      ('region', 'tatarstan', 'Republic of Tatarstan', 'Республика Татарстан', 190, false),
      ('region', 'tuva', 'Tuva Republic', 'Республика Тыва', 200, false),
      ('region', 'udmurtia', 'Udmurt Republic', 'Удмуртская Республика', 210, false),
      ('region', 'altai_krai', 'Altai Krai', 'Алтайский край', 220, false),
      ('region', 'kamchatka_krai', 'Kamchatka Krai', 'Камчатский край', 230, false),
      ('region', 'khabarovsk_krai', 'Khabarovsk Krai', 'Хабаровский край', 240, false),
      ('region', 'krasnodar_krai', 'Krasnodar Krai', 'Краснодарский край', 250, false),
      ('region', 'krasnoyarsk_krai', 'Krasnoyarsk Krai', 'Красноярский край', 260, false),
      ('region', 'perm_krai', 'Perm Krai', 'Пермский край', 270, false),
      ('region', 'primorsky_krai', 'Primorsky Krai', 'Приморский край', 280, false),
      ('region', 'stavropol_krai', 'Stavropol Krai', 'Ставропольский край', 290, false),
      ('region', 'zabaykalsky_krai', 'Zabaykalsky Krai', 'Забайкальский край', 300, false),
      ('region', 'amur_oblast', 'Amur Oblast', 'Амурская область', 310, false),
      ('region', 'arkhangelsk_oblast', 'Arkhangelsk Oblast', 'Архангельская область', 320, false),
      ('region', 'astrakhan_oblast', 'Astrakhan Oblast', 'Астраханская область', 330, false),
      ('region', 'belgorod_oblast', 'Belgorod Oblast', 'Белгородская область', 340, false),
      ('region', 'bryansk_oblast', 'Bryansk Oblast', 'Брянская область', 350, false),
      ('region', 'chelyabinsk_oblast', 'Chelyabinsk Oblast', 'Челябинская область', 360, false),
      ('region', 'irkutsk_oblast', 'Irkutsk Oblast', 'Иркутская область', 370, false),
      ('region', 'ivanovo_oblast', 'Ivanovo Oblast', 'Ивановская область', 380, false),
      ('region', 'kaliningrad_oblast', 'Kaliningrad Oblast', 'Калининградская область', 390, false),
      ('region', 'kaluga_oblast', 'Kaluga Oblast', 'Калужская область', 400, false),
      ('region', 'kemerovo_oblast', 'Kemerovo Oblast', 'Кемеровская область', 410, false),
      ('region', 'kirov_oblast', 'Kirov Oblast', 'Кировская область', 420, false),
      ('region', 'kostroma_oblast', 'Kostroma Oblast', 'Костромская область', 430, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('region', 'kurgan_oblast', 'Kurgan Oblast', 'Курганская область', 440, false),
      ('region', 'kursk_oblast', 'Kursk Oblast', 'Курская область', 450, false),
      ('region', 'leningrad_oblast', 'Leningrad Oblast', 'Ленинградская область', 460, false),
      ('region', 'lipetsk_oblast', 'Lipetsk Oblast', 'Липецкая область', 470, false),
      ('region', 'magadan_oblast', 'Magadan Oblast', 'Магаданская область', 480, false),
      ('region', 'moscow_oblast', 'Moscow Oblast', 'Московская область', 490, false),
      ('region', 'murmansk_oblast', 'Murmansk Oblast', 'Мурманская область', 500, false),
      ('region', 'nizhny_novgorod_oblast', 'Nizhny Novgorod Oblast', 'Нижегородская область', 510, false),
      ('region', 'novgorod_oblast', 'Novgorod Oblast', 'Новгородская область', 520, false),
      ('region', 'novosibirsk_oblast', 'Novosibirsk Oblast', 'Новосибирская область', 530, false),
      ('region', 'omsk_oblast', 'Omsk Oblast', 'Омская область', 540, false),
      ('region', 'orenburg_oblast', 'Orenburg Oblast', 'Оренбургская область', 550, false),
      ('region', 'oryol_oblast', 'Oryol Oblast', 'Орловская область', 560, false),
      ('region', 'penza_oblast', 'Penza Oblast', 'Пензенская область', 570, false),
      ('region', 'pskov_oblast', 'Pskov Oblast', 'Псковская область', 580, false),
      ('region', 'rostov_oblast', 'Rostov Oblast', 'Ростовская область', 590, false),
      ('region', 'ryazan_oblast', 'Ryazan Oblast', 'Рязанская область', 600, false),
      ('region', 'sakhalin_oblast', 'Sakhalin Oblast', 'Сахалинская область', 610, false),
      ('region', 'samara_oblast', 'Samara Oblast', 'Самарская область', 620, false),
      ('region', 'saratov_oblast', 'Saratov Oblast', 'Саратовская область', 630, false),
      ('region', 'smolensk_oblast', 'Smolensk Oblast', 'Смоленская область', 640, false),
      ('region', 'sverdlovsk_oblast', 'Sverdlovsk Oblast', 'Свердловская область', 650, false),
      ('region', 'tambov_oblast', 'Tambov Oblast', 'Тамбовская область', 660, false),
      ('region', 'tomsk_oblast', 'Tomsk Oblast', 'Томская область', 670, false),
      ('region', 'tula_oblast', 'Tula Oblast', 'Тульская область', 680, false),
      ('region', 'tver_oblast', 'Tver Oblast', 'Тверская область', 690, false),
      ('region', 'tyumen_oblast', 'Tyumen Oblast', 'Тюменская область', 700, false),
      ('region', 'ulyanovsk_oblast', 'Ulyanovsk Oblast', 'Ульяновская область', 710, false),
      ('region', 'vladimir_oblast', 'Vladimir Oblast', 'Владимирская область', 720, false),
      ('region', 'volgograd_oblast', 'Volgograd Oblast', 'Волгоградская область', 730, false),
      ('region', 'vologda_oblast', 'Vologda Oblast', 'Вологодская область', 740, false),
      ('region', 'voronezh_oblast', 'Voronezh Oblast', 'Воронежская область', 750, false),
      ('region', 'yaroslavl_oblast', 'Yaroslavl Oblast', 'Ярославская область', 760, false),
      ('region', 'moscow', 'Moscow', 'Москва', 770, false),
      ('region', 'saint_petersburg', 'Saint Petersburg', 'Санкт-Петербург', 780, false),
      ('region', 'jewish_autonomous_oblast', 'Jewish Autonomous Oblast', 'Еврейская автономная область', 790, false),
      ('region', 'chukotka', 'Chukotka Autonomous Okrug', 'Чукотский автономный округ', 800, false),
      ('region', 'khanty_mansi', 'Khanty-Mansi Autonomous Okrug – Yugra', 'Ханты-Мансийский автономный округ — Югра', 810, false),
      ('region', 'nenets', 'Nenets Autonomous Okrug', 'Ненецкий автономный округ', 820, false),
      ('region', 'yamalo_nenets', 'Yamalo-Nenets Autonomous Okrug', 'Ямало-Ненецкий автономный округ', 830, false)`);
    await queryRunner.query(`INSERT INTO "vocab_term" ("vocabulary", "code", "label_en", "label_ru", "sort_order", "retired") VALUES
      ('region', 'crimea', 'Crimea (occupied Ukraine)', 'Крым (оккупированная территория Украины)', 840, false),
      ('region', 'sevastopol', 'Sevastopol (occupied Ukraine)', 'Севастополь (оккупированная территория Украины)', 850, false),
      ('region', 'donetsk_oblast', 'Donetsk Oblast (occupied Ukraine)', 'Донецкая область (оккупированная территория Украины)', 860, false),
      ('region', 'luhansk_oblast', 'Luhansk Oblast (occupied Ukraine)', 'Луганская область (оккупированная территория Украины)', 870, false),
      ('region', 'zaporizhzhia_oblast', 'Zaporizhzhia Oblast (occupied Ukraine)', 'Запорожская область (оккупированная территория Украины)', 880, false),
      ('region', 'kherson_oblast', 'Kherson Oblast (occupied Ukraine)', 'Херсонская область (оккупированная территория Украины)', 890, false),
      ('region', 'other', 'Other or outside Russia', 'Другое или за пределами России', 900, false)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "vocab_term"`);
    await queryRunner.query(`DROP INDEX "IDX_7df6d31f94c8b970d165985565"`);
    await queryRunner.query(`DROP INDEX "IDX_154add67e2671f70497c26791e"`);
    await queryRunner.query(`ALTER TABLE "citation" RENAME TO "temporary_citation"`);
    await queryRunner.query(`CREATE TABLE "citation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "source_id" integer NOT NULL, "record_type" varchar(30) NOT NULL, "record_id" integer NOT NULL, "case_id" integer, "note" text, CONSTRAINT "UQ_1be84d919f8a5bb849bba8a2522" UNIQUE ("source_id", "record_type", "record_id"), CONSTRAINT "CHK_39ead112cc1b699d2a3ce0cdc8" CHECK (record_type IN ('case_record','person','institution','case_event','allegation','statement','complaint','complaint_response','proceeding','proceeding_stage')))`);
    await queryRunner.query(`INSERT INTO "citation"("id", "source_id", "record_type", "record_id", "case_id", "note") SELECT "id", "source_id", "record_type", "record_id", "case_id", "note" FROM "temporary_citation"`);
    await queryRunner.query(`DROP TABLE "temporary_citation"`);
    await queryRunner.query(`CREATE INDEX "IDX_7df6d31f94c8b970d165985565" ON "citation" ("record_type", "record_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_154add67e2671f70497c26791e" ON "citation" ("case_id") `);
    await queryRunner.query(`DROP INDEX "IDX_107847be4fefc5c45c4ec58aba"`);
    await queryRunner.query(`DROP INDEX "IDX_c6bd93bc068ecbfcb3cc7d8fba"`);
    await queryRunner.query(`DROP INDEX "IDX_d18678a4983b11070dadaf55fb"`);
    await queryRunner.query(`DROP INDEX "IDX_40d7746a6436a587e2e2ade150"`);
    await queryRunner.query(`ALTER TABLE "complaint" RENAME TO "temporary_complaint"`);
    await queryRunner.query(`CREATE TABLE "complaint" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "filed_by_person_id" integer, "filed_by_text" varchar(300), "to_institution_id" integer, "request" varchar(60) NOT NULL, "description" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_f3fb89aff15fb612fad03a3c2f" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))))`);
    await queryRunner.query(`INSERT INTO "complaint"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "filed_by_person_id", "filed_by_text", "to_institution_id", "request", "description", "date_precision", "date_start", "date_end") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "filed_by_person_id", "filed_by_text", "to_institution_id", "request", "description", "date_precision", "date_start", "date_end" FROM "temporary_complaint"`);
    await queryRunner.query(`DROP TABLE "temporary_complaint"`);
    await queryRunner.query(`CREATE INDEX "IDX_107847be4fefc5c45c4ec58aba" ON "complaint" ("case_id", "date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_c6bd93bc068ecbfcb3cc7d8fba" ON "complaint" ("request") `);
    await queryRunner.query(`CREATE INDEX "IDX_d18678a4983b11070dadaf55fb" ON "complaint" ("to_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_40d7746a6436a587e2e2ade150" ON "complaint" ("filed_by_person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_34e18cfa70509e39ca846a7afb"`);
    await queryRunner.query(`DROP INDEX "IDX_86eedaadf0039029b27c069a3a"`);
    await queryRunner.query(`DROP INDEX "IDX_ae2bd6f1b33a1c2b5eacde8908"`);
    await queryRunner.query(`ALTER TABLE "complaint_response" RENAME TO "temporary_complaint_response"`);
    await queryRunner.query(`CREATE TABLE "complaint_response" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "complaint_id" integer NOT NULL, "responding_institution_id" integer, "outcome" varchar(60) NOT NULL, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_ee71ffd99a35344b771493c3f3" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))))`);
    await queryRunner.query(`INSERT INTO "complaint_response"("id", "complaint_id", "responding_institution_id", "outcome", "note", "date_precision", "date_start", "date_end") SELECT "id", "complaint_id", "responding_institution_id", "outcome", "note", "date_precision", "date_start", "date_end" FROM "temporary_complaint_response"`);
    await queryRunner.query(`DROP TABLE "temporary_complaint_response"`);
    await queryRunner.query(`CREATE INDEX "IDX_34e18cfa70509e39ca846a7afb" ON "complaint_response" ("complaint_id", "date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_86eedaadf0039029b27c069a3a" ON "complaint_response" ("outcome") `);
    await queryRunner.query(`CREATE INDEX "IDX_ae2bd6f1b33a1c2b5eacde8908" ON "complaint_response" ("responding_institution_id") `);
    await queryRunner.query(`DROP INDEX "IDX_9f569f2aadffeea0c79407ef9c"`);
    await queryRunner.query(`DROP INDEX "IDX_9b8552de94f588228bd72fef69"`);
    await queryRunner.query(`DROP INDEX "IDX_8843a59e887d515ce5cc3b9af8"`);
    await queryRunner.query(`DROP INDEX "IDX_27f1e214d4f7de7d1fb5c38536"`);
    await queryRunner.query(`DROP INDEX "IDX_02cdd7ddf59d76e1fb80c62772"`);
    await queryRunner.query(`DROP INDEX "IDX_bf1b9da2e0e5270007c2285784"`);
    await queryRunner.query(`DROP INDEX "IDX_568a7d5bef2a999c3faecd4c8d"`);
    await queryRunner.query(`DROP INDEX "IDX_486eb98353ab708b9ee7f506b7"`);
    await queryRunner.query(`ALTER TABLE "statement" RENAME TO "temporary_statement"`);
    await queryRunner.query(`CREATE TABLE "statement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "maker_person_id" integer, "maker_description" varchar(300), "before_institution_id" integer, "before_official" varchar(300), "kind" varchar(60) NOT NULL, "content" text, "retracted" boolean NOT NULL DEFAULT (0), "retraction_forum" varchar(60), "retraction_reason" text, "relied_on_by_court" boolean NOT NULL DEFAULT (0), "proceeding_id" integer, "allegation_id" integer, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), "retraction_date_precision" varchar(12), "retraction_date_start" varchar(10), "retraction_date_end" varchar(10), CONSTRAINT "CHK_3020362a82a573993e0bceaee4" CHECK (((retraction_date_precision IS NULL AND retraction_date_start IS NULL AND retraction_date_end IS NULL) OR (retraction_date_precision IS NOT NULL AND retraction_date_precision IN ('day','month','year','approximate','range') AND retraction_date_start IS NOT NULL AND retraction_date_end IS NOT NULL AND retraction_date_start <= retraction_date_end))), CONSTRAINT "CHK_c6954e7d5a12f9506ac248f78c" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))), CONSTRAINT "CHK_4c5c65c8426ee6567fb4960cf3" CHECK (relied_on_by_court = true OR proceeding_id IS NULL), CONSTRAINT "CHK_85effe19a6767204ae48a01193" CHECK (retracted = true OR (retraction_date_precision IS NULL AND retraction_forum IS NULL AND retraction_reason IS NULL)), CONSTRAINT "CHK_e406bf58d0535d64c60dcfed36" CHECK (retracted IN (true, false) AND relied_on_by_court IN (true, false)), CONSTRAINT "CHK_8da45777e67ede5793448a7a01" CHECK (maker_person_id IS NOT NULL OR maker_description IS NOT NULL))`);
    await queryRunner.query(`INSERT INTO "statement"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "maker_person_id", "maker_description", "before_institution_id", "before_official", "kind", "content", "retracted", "retraction_forum", "retraction_reason", "relied_on_by_court", "proceeding_id", "allegation_id", "date_precision", "date_start", "date_end", "retraction_date_precision", "retraction_date_start", "retraction_date_end") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "maker_person_id", "maker_description", "before_institution_id", "before_official", "kind", "content", "retracted", "retraction_forum", "retraction_reason", "relied_on_by_court", "proceeding_id", "allegation_id", "date_precision", "date_start", "date_end", "retraction_date_precision", "retraction_date_start", "retraction_date_end" FROM "temporary_statement"`);
    await queryRunner.query(`DROP TABLE "temporary_statement"`);
    await queryRunner.query(`CREATE INDEX "IDX_9f569f2aadffeea0c79407ef9c" ON "statement" ("case_id", "date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_9b8552de94f588228bd72fef69" ON "statement" ("allegation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_8843a59e887d515ce5cc3b9af8" ON "statement" ("proceeding_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_27f1e214d4f7de7d1fb5c38536" ON "statement" ("relied_on_by_court") `);
    await queryRunner.query(`CREATE INDEX "IDX_02cdd7ddf59d76e1fb80c62772" ON "statement" ("retracted") `);
    await queryRunner.query(`CREATE INDEX "IDX_bf1b9da2e0e5270007c2285784" ON "statement" ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_568a7d5bef2a999c3faecd4c8d" ON "statement" ("before_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_486eb98353ab708b9ee7f506b7" ON "statement" ("maker_person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_fccd21f21cb66dadce74c71a08"`);
    await queryRunner.query(`ALTER TABLE "statement_incriminates" RENAME TO "temporary_statement_incriminates"`);
    await queryRunner.query(`CREATE TABLE "statement_incriminates" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "statement_id" integer NOT NULL, "person_id" integer NOT NULL, CONSTRAINT "UQ_4123da17cfa29345271475d14d4" UNIQUE ("statement_id", "person_id"))`);
    await queryRunner.query(`INSERT INTO "statement_incriminates"("id", "statement_id", "person_id") SELECT "id", "statement_id", "person_id" FROM "temporary_statement_incriminates"`);
    await queryRunner.query(`DROP TABLE "temporary_statement_incriminates"`);
    await queryRunner.query(`CREATE INDEX "IDX_fccd21f21cb66dadce74c71a08" ON "statement_incriminates" ("person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_0cc39286ce192725fece8654ef"`);
    await queryRunner.query(`ALTER TABLE "statement_condition" RENAME TO "temporary_statement_condition"`);
    await queryRunner.query(`CREATE TABLE "statement_condition" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "statement_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_5cad778129968b733f07419b560" UNIQUE ("statement_id", "code"))`);
    await queryRunner.query(`INSERT INTO "statement_condition"("id", "statement_id", "code") SELECT "id", "statement_id", "code" FROM "temporary_statement_condition"`);
    await queryRunner.query(`DROP TABLE "temporary_statement_condition"`);
    await queryRunner.query(`CREATE INDEX "IDX_0cc39286ce192725fece8654ef" ON "statement_condition" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_c8d81f23deffd760c8600a30ee"`);
    await queryRunner.query(`DROP INDEX "IDX_08ca3d22f5a6d90d461af4c317"`);
    await queryRunner.query(`DROP INDEX "IDX_60dc338974dc0bebbce4031a51"`);
    await queryRunner.query(`ALTER TABLE "proceeding" RENAME TO "temporary_proceeding"`);
    await queryRunner.query(`CREATE TABLE "proceeding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "title" varchar(500), "court_institution_id" integer, "case_number" varchar(100), "note" text)`);
    await queryRunner.query(`INSERT INTO "proceeding"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "title", "court_institution_id", "case_number", "note") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "title", "court_institution_id", "case_number", "note" FROM "temporary_proceeding"`);
    await queryRunner.query(`DROP TABLE "temporary_proceeding"`);
    await queryRunner.query(`CREATE INDEX "IDX_c8d81f23deffd760c8600a30ee" ON "proceeding" ("case_number") `);
    await queryRunner.query(`CREATE INDEX "IDX_08ca3d22f5a6d90d461af4c317" ON "proceeding" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_60dc338974dc0bebbce4031a51" ON "proceeding" ("case_id") `);
    await queryRunner.query(`DROP INDEX "IDX_18dd99ea072b2aac8c5a1570c4"`);
    await queryRunner.query(`DROP INDEX "IDX_db764fd26f3775ac8abd1a3593"`);
    await queryRunner.query(`DROP INDEX "IDX_7d5f31c1fb9d536d3be9def374"`);
    await queryRunner.query(`DROP INDEX "IDX_3705c949f2fb6078020f81955b"`);
    await queryRunner.query(`ALTER TABLE "proceeding_stage" RENAME TO "temporary_proceeding_stage"`);
    await queryRunner.query(`CREATE TABLE "proceeding_stage" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "court_institution_id" integer, "outcome" varchar(60), "sentence" text, "note" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_038ea271a29e8683b5eb0ddc01" CHECK (((date_precision IS NULL AND date_start IS NULL AND date_end IS NULL) OR (date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end))))`);
    await queryRunner.query(`INSERT INTO "proceeding_stage"("id", "proceeding_id", "kind", "court_institution_id", "outcome", "sentence", "note", "date_precision", "date_start", "date_end") SELECT "id", "proceeding_id", "kind", "court_institution_id", "outcome", "sentence", "note", "date_precision", "date_start", "date_end" FROM "temporary_proceeding_stage"`);
    await queryRunner.query(`DROP TABLE "temporary_proceeding_stage"`);
    await queryRunner.query(`CREATE INDEX "IDX_18dd99ea072b2aac8c5a1570c4" ON "proceeding_stage" ("proceeding_id", "date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_db764fd26f3775ac8abd1a3593" ON "proceeding_stage" ("outcome") `);
    await queryRunner.query(`CREATE INDEX "IDX_7d5f31c1fb9d536d3be9def374" ON "proceeding_stage" ("court_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_3705c949f2fb6078020f81955b" ON "proceeding_stage" ("kind") `);
    await queryRunner.query(`DROP INDEX "IDX_6b4b58b63ed932f5b705f24d4c"`);
    await queryRunner.query(`ALTER TABLE "proceeding_defendant" RENAME TO "temporary_proceeding_defendant"`);
    await queryRunner.query(`CREATE TABLE "proceeding_defendant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "proceeding_id" integer NOT NULL, "person_id" integer NOT NULL, CONSTRAINT "UQ_d42e44642f5d6dd16384a1d182c" UNIQUE ("proceeding_id", "person_id"))`);
    await queryRunner.query(`INSERT INTO "proceeding_defendant"("id", "proceeding_id", "person_id") SELECT "id", "proceeding_id", "person_id" FROM "temporary_proceeding_defendant"`);
    await queryRunner.query(`DROP TABLE "temporary_proceeding_defendant"`);
    await queryRunner.query(`CREATE INDEX "IDX_6b4b58b63ed932f5b705f24d4c" ON "proceeding_defendant" ("person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_08d6cb4556a629cee3ac3e8953"`);
    await queryRunner.query(`DROP INDEX "IDX_8531c09ef87798bf987a77cf31"`);
    await queryRunner.query(`DROP INDEX "IDX_1eac2ed7245d85421654298f62"`);
    await queryRunner.query(`ALTER TABLE "allegation" RENAME TO "temporary_allegation"`);
    await queryRunner.query(`CREATE TABLE "allegation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "victim_person_id" integer, "summary" varchar(500), "description" text, "physical_consequences" text, "psychological_consequences" text, "duration" varchar(2000), "status" varchar(60) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "allegation"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "victim_person_id", "summary", "description", "physical_consequences", "psychological_consequences", "duration", "status") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "victim_person_id", "summary", "description", "physical_consequences", "psychological_consequences", "duration", "status" FROM "temporary_allegation"`);
    await queryRunner.query(`DROP TABLE "temporary_allegation"`);
    await queryRunner.query(`CREATE INDEX "IDX_08d6cb4556a629cee3ac3e8953" ON "allegation" ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_8531c09ef87798bf987a77cf31" ON "allegation" ("victim_person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_1eac2ed7245d85421654298f62" ON "allegation" ("case_id") `);
    await queryRunner.query(`DROP INDEX "IDX_37b5fea2b709085c1b686a7ff1"`);
    await queryRunner.query(`DROP INDEX "IDX_7a8de3bf9204a27b6f10a84eea"`);
    await queryRunner.query(`DROP INDEX "IDX_32910739193f349b2e0d317cab"`);
    await queryRunner.query(`DROP INDEX "IDX_b2b8a78916998473a1da8aea93"`);
    await queryRunner.query(`DROP INDEX "IDX_c98edcc11a0169381bcc97c933"`);
    await queryRunner.query(`ALTER TABLE "perpetrator" RENAME TO "temporary_perpetrator"`);
    await queryRunner.query(`CREATE TABLE "perpetrator" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "institution_id" integer, "person_id" integer, "description" text, "involvement" varchar(60) NOT NULL, "attribution" varchar(60) NOT NULL, CONSTRAINT "CHK_ce7d28ce29de9f3f507c829d42" CHECK (institution_id IS NOT NULL OR person_id IS NOT NULL OR description IS NOT NULL))`);
    await queryRunner.query(`INSERT INTO "perpetrator"("id", "allegation_id", "institution_id", "person_id", "description", "involvement", "attribution") SELECT "id", "allegation_id", "institution_id", "person_id", "description", "involvement", "attribution" FROM "temporary_perpetrator"`);
    await queryRunner.query(`DROP TABLE "temporary_perpetrator"`);
    await queryRunner.query(`CREATE INDEX "IDX_37b5fea2b709085c1b686a7ff1" ON "perpetrator" ("attribution") `);
    await queryRunner.query(`CREATE INDEX "IDX_7a8de3bf9204a27b6f10a84eea" ON "perpetrator" ("involvement") `);
    await queryRunner.query(`CREATE INDEX "IDX_32910739193f349b2e0d317cab" ON "perpetrator" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b2b8a78916998473a1da8aea93" ON "perpetrator" ("institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c98edcc11a0169381bcc97c933" ON "perpetrator" ("allegation_id") `);
    await queryRunner.query(`DROP INDEX "IDX_301c625c533fc7524074d8c409"`);
    await queryRunner.query(`ALTER TABLE "allegation_purpose" RENAME TO "temporary_allegation_purpose"`);
    await queryRunner.query(`CREATE TABLE "allegation_purpose" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_720de0ae04c7ab8431646d73d9d" UNIQUE ("allegation_id", "code"))`);
    await queryRunner.query(`INSERT INTO "allegation_purpose"("id", "allegation_id", "code") SELECT "id", "allegation_id", "code" FROM "temporary_allegation_purpose"`);
    await queryRunner.query(`DROP TABLE "temporary_allegation_purpose"`);
    await queryRunner.query(`CREATE INDEX "IDX_301c625c533fc7524074d8c409" ON "allegation_purpose" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_1cd6617ae33b19a60dacc47795"`);
    await queryRunner.query(`ALTER TABLE "allegation_method" RENAME TO "temporary_allegation_method"`);
    await queryRunner.query(`CREATE TABLE "allegation_method" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_6349559e0b23c6413616727622f" UNIQUE ("allegation_id", "code"))`);
    await queryRunner.query(`INSERT INTO "allegation_method"("id", "allegation_id", "code") SELECT "id", "allegation_id", "code" FROM "temporary_allegation_method"`);
    await queryRunner.query(`DROP TABLE "temporary_allegation_method"`);
    await queryRunner.query(`CREATE INDEX "IDX_1cd6617ae33b19a60dacc47795" ON "allegation_method" ("code") `);
    await queryRunner.query(`DROP INDEX "IDX_61ac52c4ae975cb9efa874a8a1"`);
    await queryRunner.query(`ALTER TABLE "allegation_institution" RENAME TO "temporary_allegation_institution"`);
    await queryRunner.query(`CREATE TABLE "allegation_institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "institution_id" integer NOT NULL, CONSTRAINT "UQ_461efdb916fef10e9cfe1605ed6" UNIQUE ("allegation_id", "institution_id"))`);
    await queryRunner.query(`INSERT INTO "allegation_institution"("id", "allegation_id", "institution_id") SELECT "id", "allegation_id", "institution_id" FROM "temporary_allegation_institution"`);
    await queryRunner.query(`DROP TABLE "temporary_allegation_institution"`);
    await queryRunner.query(`CREATE INDEX "IDX_61ac52c4ae975cb9efa874a8a1" ON "allegation_institution" ("institution_id") `);
    await queryRunner.query(`DROP INDEX "IDX_0a8632924bf6af648629eb4f43"`);
    await queryRunner.query(`ALTER TABLE "allegation_event" RENAME TO "temporary_allegation_event"`);
    await queryRunner.query(`CREATE TABLE "allegation_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "allegation_id" integer NOT NULL, "event_id" integer NOT NULL, CONSTRAINT "UQ_581f61c18d8c34e0bb23aa3cf0c" UNIQUE ("allegation_id", "event_id"))`);
    await queryRunner.query(`INSERT INTO "allegation_event"("id", "allegation_id", "event_id") SELECT "id", "allegation_id", "event_id" FROM "temporary_allegation_event"`);
    await queryRunner.query(`DROP TABLE "temporary_allegation_event"`);
    await queryRunner.query(`CREATE INDEX "IDX_0a8632924bf6af648629eb4f43" ON "allegation_event" ("event_id") `);
    await queryRunner.query(`DROP INDEX "IDX_1b4d276ca384536848b40b9076"`);
    await queryRunner.query(`ALTER TABLE "event_link" RENAME TO "temporary_event_link"`);
    await queryRunner.query(`CREATE TABLE "event_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_event_id" integer NOT NULL, "to_event_id" integer NOT NULL, CONSTRAINT "UQ_9c77f51a3557c2e59ea8ec57b09" UNIQUE ("from_event_id", "to_event_id"), CONSTRAINT "CHK_da7f1012d07090eb45a41ecda2" CHECK (from_event_id <> to_event_id))`);
    await queryRunner.query(`INSERT INTO "event_link"("id", "from_event_id", "to_event_id") SELECT "id", "from_event_id", "to_event_id" FROM "temporary_event_link"`);
    await queryRunner.query(`DROP TABLE "temporary_event_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_1b4d276ca384536848b40b9076" ON "event_link" ("to_event_id") `);
    await queryRunner.query(`DROP INDEX "IDX_c16e76581ee05c8f19c6d6a44a"`);
    await queryRunner.query(`DROP INDEX "IDX_c736ffe4ca6d559f6179591b32"`);
    await queryRunner.query(`DROP INDEX "IDX_ba5f652ccdefc49485d73e6f00"`);
    await queryRunner.query(`ALTER TABLE "case_event" RENAME TO "temporary_case_event"`);
    await queryRunner.query(`CREATE TABLE "case_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "case_id" integer NOT NULL, "type" varchar(60) NOT NULL, "title" varchar(500), "place" varchar(500), "description" text, "date_precision" varchar(12), "date_start" varchar(10), "date_end" varchar(10), CONSTRAINT "CHK_e07055969c3b3d4e1e4d1f07d6" CHECK ((date_precision IS NOT NULL AND date_precision IN ('day','month','year','approximate','range') AND date_start IS NOT NULL AND date_end IS NOT NULL AND date_start <= date_end)))`);
    await queryRunner.query(`INSERT INTO "case_event"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "type", "title", "place", "description", "date_precision", "date_start", "date_end") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "case_id", "type", "title", "place", "description", "date_precision", "date_start", "date_end" FROM "temporary_case_event"`);
    await queryRunner.query(`DROP TABLE "temporary_case_event"`);
    await queryRunner.query(`CREATE INDEX "IDX_c16e76581ee05c8f19c6d6a44a" ON "case_event" ("case_id", "date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_c736ffe4ca6d559f6179591b32" ON "case_event" ("date_start") `);
    await queryRunner.query(`CREATE INDEX "IDX_ba5f652ccdefc49485d73e6f00" ON "case_event" ("type") `);
    await queryRunner.query(`DROP INDEX "IDX_c01810f1bb0c5f94751f109edb"`);
    await queryRunner.query(`ALTER TABLE "event_person" RENAME TO "temporary_event_person"`);
    await queryRunner.query(`CREATE TABLE "event_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" integer NOT NULL, "person_id" integer NOT NULL, "role" varchar(60) NOT NULL, CONSTRAINT "UQ_0229983c9fb2bcf06decffcbf79" UNIQUE ("event_id", "person_id", "role"))`);
    await queryRunner.query(`INSERT INTO "event_person"("id", "event_id", "person_id", "role") SELECT "id", "event_id", "person_id", "role" FROM "temporary_event_person"`);
    await queryRunner.query(`DROP TABLE "temporary_event_person"`);
    await queryRunner.query(`CREATE INDEX "IDX_c01810f1bb0c5f94751f109edb" ON "event_person" ("person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_ef33cb1ff060c786149137518b"`);
    await queryRunner.query(`ALTER TABLE "event_institution" RENAME TO "temporary_event_institution"`);
    await queryRunner.query(`CREATE TABLE "event_institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" integer NOT NULL, "institution_id" integer NOT NULL, CONSTRAINT "UQ_523cc0224c253fff07913f83e40" UNIQUE ("event_id", "institution_id"))`);
    await queryRunner.query(`INSERT INTO "event_institution"("id", "event_id", "institution_id") SELECT "id", "event_id", "institution_id" FROM "temporary_event_institution"`);
    await queryRunner.query(`DROP TABLE "temporary_event_institution"`);
    await queryRunner.query(`CREATE INDEX "IDX_ef33cb1ff060c786149137518b" ON "event_institution" ("institution_id") `);
    await queryRunner.query(`DROP INDEX "IDX_22c552cb2001dede5981987911"`);
    await queryRunner.query(`ALTER TABLE "case_link" RENAME TO "temporary_case_link"`);
    await queryRunner.query(`CREATE TABLE "case_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_case_id" integer NOT NULL, "to_case_id" integer NOT NULL, "kind" varchar(60) NOT NULL, "note" text, CONSTRAINT "UQ_ebb41095f1b64093fc14f1b6a4e" UNIQUE ("from_case_id", "to_case_id", "kind"), CONSTRAINT "CHK_6fc24be67ee2bf406c66bbf368" CHECK (from_case_id < to_case_id))`);
    await queryRunner.query(`INSERT INTO "case_link"("id", "from_case_id", "to_case_id", "kind", "note") SELECT "id", "from_case_id", "to_case_id", "kind", "note" FROM "temporary_case_link"`);
    await queryRunner.query(`DROP TABLE "temporary_case_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_22c552cb2001dede5981987911" ON "case_link" ("to_case_id") `);
    await queryRunner.query(`DROP INDEX "IDX_ce010a20f0fc88d6f746de771e"`);
    await queryRunner.query(`ALTER TABLE "case_tag" RENAME TO "temporary_case_tag"`);
    await queryRunner.query(`CREATE TABLE "case_tag" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "tag" varchar(100) NOT NULL, CONSTRAINT "UQ_acf0d4a2d476a2de3b69705c161" UNIQUE ("case_id", "tag"), CONSTRAINT "CHK_26d34e2074f76e69822784a2f5" CHECK (length(tag) > 0))`);
    await queryRunner.query(`INSERT INTO "case_tag"("id", "case_id", "tag") SELECT "id", "case_id", "tag" FROM "temporary_case_tag"`);
    await queryRunner.query(`DROP TABLE "temporary_case_tag"`);
    await queryRunner.query(`CREATE INDEX "IDX_ce010a20f0fc88d6f746de771e" ON "case_tag" ("tag") `);
    await queryRunner.query(`DROP INDEX "IDX_4ff94121c23d5dccb86c0daefb"`);
    await queryRunner.query(`DROP INDEX "IDX_d6da21ec54d937001394db3f95"`);
    await queryRunner.query(`ALTER TABLE "case_participant" RENAME TO "temporary_case_participant"`);
    await queryRunner.query(`CREATE TABLE "case_participant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "person_id" integer NOT NULL, "role" varchar(60) NOT NULL, "note" text, CONSTRAINT "UQ_739ac3d461bdd53c059ee86a7be" UNIQUE ("case_id", "person_id", "role"))`);
    await queryRunner.query(`INSERT INTO "case_participant"("id", "case_id", "person_id", "role", "note") SELECT "id", "case_id", "person_id", "role", "note" FROM "temporary_case_participant"`);
    await queryRunner.query(`DROP TABLE "temporary_case_participant"`);
    await queryRunner.query(`CREATE INDEX "IDX_4ff94121c23d5dccb86c0daefb" ON "case_participant" ("role") `);
    await queryRunner.query(`CREATE INDEX "IDX_d6da21ec54d937001394db3f95" ON "case_participant" ("person_id") `);
    await queryRunner.query(`DROP INDEX "IDX_f925be2bae95e3638871b72aa3"`);
    await queryRunner.query(`ALTER TABLE "case_member" RENAME TO "temporary_case_member"`);
    await queryRunner.query(`CREATE TABLE "case_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "case_id" integer NOT NULL, "user_id" integer NOT NULL, CONSTRAINT "UQ_e64cc3d251bc826e6d879b58d94" UNIQUE ("case_id", "user_id"))`);
    await queryRunner.query(`INSERT INTO "case_member"("id", "case_id", "user_id") SELECT "id", "case_id", "user_id" FROM "temporary_case_member"`);
    await queryRunner.query(`DROP TABLE "temporary_case_member"`);
    await queryRunner.query(`CREATE INDEX "IDX_f925be2bae95e3638871b72aa3" ON "case_member" ("user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_ef4af80771af37bc4e34e39091"`);
    await queryRunner.query(`DROP INDEX "IDX_8cb4eeece385473952771b02bb"`);
    await queryRunner.query(`DROP INDEX "IDX_829e3ef7ee5db8aed1a64a2545"`);
    await queryRunner.query(`DROP INDEX "IDX_6fac37925de4cb4df6cb694223"`);
    await queryRunner.query(`DROP INDEX "IDX_23130deeeb46dfc815901d9e03"`);
    await queryRunner.query(`DROP INDEX "IDX_d218ad3566afa9e396f184fd7d"`);
    await queryRunner.query(`ALTER TABLE "institution" RENAME TO "temporary_institution"`);
    await queryRunner.query(`CREATE TABLE "institution" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "created_by_id" integer, "updated_by_id" integer, "name" varchar(300) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, "type" varchar(60) NOT NULL, "parent_id" integer, "region" varchar(60), "locality" varchar(200), "latitude" real, "longitude" real, "notes" text, CONSTRAINT "CHK_3e397bab482be01e5188599452" CHECK ((latitude IS NULL AND longitude IS NULL) OR (latitude IS NOT NULL AND longitude IS NOT NULL AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)), CONSTRAINT "CHK_e0ac0f1972836971a537cdb423" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "CHK_b1bfa62f18c25f2c40c08b9b79" CHECK (length(name) > 0))`);
    await queryRunner.query(`INSERT INTO "institution"("id", "created_at", "updated_at", "created_by_id", "updated_by_id", "name", "name_latin", "match_key", "type", "parent_id", "region", "locality", "latitude", "longitude", "notes") SELECT "id", "created_at", "updated_at", "created_by_id", "updated_by_id", "name", "name_latin", "match_key", "type", "parent_id", "region", "locality", "latitude", "longitude", "notes" FROM "temporary_institution"`);
    await queryRunner.query(`DROP TABLE "temporary_institution"`);
    await queryRunner.query(`CREATE INDEX "IDX_ef4af80771af37bc4e34e39091" ON "institution" ("region") `);
    await queryRunner.query(`CREATE INDEX "IDX_8cb4eeece385473952771b02bb" ON "institution" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_829e3ef7ee5db8aed1a64a2545" ON "institution" ("type") `);
    await queryRunner.query(`CREATE INDEX "IDX_6fac37925de4cb4df6cb694223" ON "institution" ("match_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_23130deeeb46dfc815901d9e03" ON "institution" ("name_latin") `);
    await queryRunner.query(`CREATE INDEX "IDX_d218ad3566afa9e396f184fd7d" ON "institution" ("name") `);
    await queryRunner.query(`DROP INDEX "IDX_13e8844230b671944a00b0811f"`);
    await queryRunner.query(`DROP INDEX "IDX_5e7c63e4b6f12156e18ee552df"`);
    await queryRunner.query(`ALTER TABLE "institution_alias" RENAME TO "temporary_institution_alias"`);
    await queryRunner.query(`CREATE TABLE "institution_alias" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "institution_id" integer NOT NULL, "name" varchar(300) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, CONSTRAINT "UQ_700cd1a5320e9283ca7b15b7030" UNIQUE ("institution_id", "name"), CONSTRAINT "CHK_e92dda7beca31a5caec578ef38" CHECK (length(name) > 0))`);
    await queryRunner.query(`INSERT INTO "institution_alias"("id", "institution_id", "name", "name_latin", "match_key") SELECT "id", "institution_id", "name", "name_latin", "match_key" FROM "temporary_institution_alias"`);
    await queryRunner.query(`DROP TABLE "temporary_institution_alias"`);
    await queryRunner.query(`CREATE INDEX "IDX_13e8844230b671944a00b0811f" ON "institution_alias" ("match_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_5e7c63e4b6f12156e18ee552df" ON "institution_alias" ("name_latin") `);
    await queryRunner.query(`DROP INDEX "IDX_5c2d319c9478816258d6a4b934"`);
    await queryRunner.query(`ALTER TABLE "person_profile" RENAME TO "temporary_person_profile"`);
    await queryRunner.query(`CREATE TABLE "person_profile" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "code" varchar(60) NOT NULL, CONSTRAINT "UQ_ee164d6c5c493cf3505af906212" UNIQUE ("person_id", "code"))`);
    await queryRunner.query(`INSERT INTO "person_profile"("id", "person_id", "code") SELECT "id", "person_id", "code" FROM "temporary_person_profile"`);
    await queryRunner.query(`DROP TABLE "temporary_person_profile"`);
    await queryRunner.query(`CREATE INDEX "IDX_5c2d319c9478816258d6a4b934" ON "person_profile" ("code") `);
    await queryRunner.query(`DROP INDEX "uq_person_name_one_primary"`);
    await queryRunner.query(`DROP INDEX "IDX_c42b1c32d9b73cb3eb609923af"`);
    await queryRunner.query(`DROP INDEX "IDX_1246f9a80467d0458296022163"`);
    await queryRunner.query(`ALTER TABLE "person_name" RENAME TO "temporary_person_name"`);
    await queryRunner.query(`CREATE TABLE "person_name" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" integer NOT NULL, "name" varchar(300) NOT NULL, "script" varchar(60), "language" varchar(20), "kind" varchar(20) NOT NULL, "name_latin" varchar(1200) NOT NULL, "match_key" varchar(1200) NOT NULL, CONSTRAINT "UQ_532fdd66d16c6e61817355eb353" UNIQUE ("person_id", "name"), CONSTRAINT "CHK_eda48c38a7f16b9c1582b09604" CHECK (length(name) > 0), CONSTRAINT "CHK_7e6b7f273f9100ecc5f8e65187" CHECK (kind IN ('primary','alias','spelling','transliteration')))`);
    await queryRunner.query(`INSERT INTO "person_name"("id", "person_id", "name", "script", "language", "kind", "name_latin", "match_key") SELECT "id", "person_id", "name", "script", "language", "kind", "name_latin", "match_key" FROM "temporary_person_name"`);
    await queryRunner.query(`DROP TABLE "temporary_person_name"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_name_one_primary" ON "person_name" ("person_id") WHERE kind = 'primary'`);
    await queryRunner.query(`CREATE INDEX "IDX_c42b1c32d9b73cb3eb609923af" ON "person_name" ("match_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_1246f9a80467d0458296022163" ON "person_name" ("name_latin") `);
    await queryRunner.query(`DROP INDEX "IDX_7df6d31f94c8b970d165985565"`);
    await queryRunner.query(`DROP INDEX "IDX_154add67e2671f70497c26791e"`);
    await queryRunner.query(`DROP TABLE "citation"`);
    await queryRunner.query(`DROP INDEX "IDX_d4b10d0b006599d68445db4222"`);
    await queryRunner.query(`DROP INDEX "IDX_509fd4ce3d706e1d8f0e45f353"`);
    await queryRunner.query(`DROP INDEX "IDX_e64619e22dc97d6525c86ef8af"`);
    await queryRunner.query(`DROP TABLE "source"`);
    await queryRunner.query(`DROP INDEX "IDX_107847be4fefc5c45c4ec58aba"`);
    await queryRunner.query(`DROP INDEX "IDX_c6bd93bc068ecbfcb3cc7d8fba"`);
    await queryRunner.query(`DROP INDEX "IDX_d18678a4983b11070dadaf55fb"`);
    await queryRunner.query(`DROP INDEX "IDX_40d7746a6436a587e2e2ade150"`);
    await queryRunner.query(`DROP TABLE "complaint"`);
    await queryRunner.query(`DROP INDEX "IDX_34e18cfa70509e39ca846a7afb"`);
    await queryRunner.query(`DROP INDEX "IDX_86eedaadf0039029b27c069a3a"`);
    await queryRunner.query(`DROP INDEX "IDX_ae2bd6f1b33a1c2b5eacde8908"`);
    await queryRunner.query(`DROP TABLE "complaint_response"`);
    await queryRunner.query(`DROP INDEX "IDX_9f569f2aadffeea0c79407ef9c"`);
    await queryRunner.query(`DROP INDEX "IDX_9b8552de94f588228bd72fef69"`);
    await queryRunner.query(`DROP INDEX "IDX_8843a59e887d515ce5cc3b9af8"`);
    await queryRunner.query(`DROP INDEX "IDX_27f1e214d4f7de7d1fb5c38536"`);
    await queryRunner.query(`DROP INDEX "IDX_02cdd7ddf59d76e1fb80c62772"`);
    await queryRunner.query(`DROP INDEX "IDX_bf1b9da2e0e5270007c2285784"`);
    await queryRunner.query(`DROP INDEX "IDX_568a7d5bef2a999c3faecd4c8d"`);
    await queryRunner.query(`DROP INDEX "IDX_486eb98353ab708b9ee7f506b7"`);
    await queryRunner.query(`DROP TABLE "statement"`);
    await queryRunner.query(`DROP INDEX "IDX_fccd21f21cb66dadce74c71a08"`);
    await queryRunner.query(`DROP TABLE "statement_incriminates"`);
    await queryRunner.query(`DROP INDEX "IDX_0cc39286ce192725fece8654ef"`);
    await queryRunner.query(`DROP TABLE "statement_condition"`);
    await queryRunner.query(`DROP INDEX "IDX_c8d81f23deffd760c8600a30ee"`);
    await queryRunner.query(`DROP INDEX "IDX_08ca3d22f5a6d90d461af4c317"`);
    await queryRunner.query(`DROP INDEX "IDX_60dc338974dc0bebbce4031a51"`);
    await queryRunner.query(`DROP TABLE "proceeding"`);
    await queryRunner.query(`DROP INDEX "IDX_18dd99ea072b2aac8c5a1570c4"`);
    await queryRunner.query(`DROP INDEX "IDX_db764fd26f3775ac8abd1a3593"`);
    await queryRunner.query(`DROP INDEX "IDX_7d5f31c1fb9d536d3be9def374"`);
    await queryRunner.query(`DROP INDEX "IDX_3705c949f2fb6078020f81955b"`);
    await queryRunner.query(`DROP TABLE "proceeding_stage"`);
    await queryRunner.query(`DROP INDEX "IDX_6b4b58b63ed932f5b705f24d4c"`);
    await queryRunner.query(`DROP TABLE "proceeding_defendant"`);
    await queryRunner.query(`DROP INDEX "IDX_08d6cb4556a629cee3ac3e8953"`);
    await queryRunner.query(`DROP INDEX "IDX_8531c09ef87798bf987a77cf31"`);
    await queryRunner.query(`DROP INDEX "IDX_1eac2ed7245d85421654298f62"`);
    await queryRunner.query(`DROP TABLE "allegation"`);
    await queryRunner.query(`DROP INDEX "IDX_37b5fea2b709085c1b686a7ff1"`);
    await queryRunner.query(`DROP INDEX "IDX_7a8de3bf9204a27b6f10a84eea"`);
    await queryRunner.query(`DROP INDEX "IDX_32910739193f349b2e0d317cab"`);
    await queryRunner.query(`DROP INDEX "IDX_b2b8a78916998473a1da8aea93"`);
    await queryRunner.query(`DROP INDEX "IDX_c98edcc11a0169381bcc97c933"`);
    await queryRunner.query(`DROP TABLE "perpetrator"`);
    await queryRunner.query(`DROP INDEX "IDX_301c625c533fc7524074d8c409"`);
    await queryRunner.query(`DROP TABLE "allegation_purpose"`);
    await queryRunner.query(`DROP INDEX "IDX_1cd6617ae33b19a60dacc47795"`);
    await queryRunner.query(`DROP TABLE "allegation_method"`);
    await queryRunner.query(`DROP INDEX "IDX_61ac52c4ae975cb9efa874a8a1"`);
    await queryRunner.query(`DROP TABLE "allegation_institution"`);
    await queryRunner.query(`DROP INDEX "IDX_0a8632924bf6af648629eb4f43"`);
    await queryRunner.query(`DROP TABLE "allegation_event"`);
    await queryRunner.query(`DROP INDEX "IDX_1b4d276ca384536848b40b9076"`);
    await queryRunner.query(`DROP TABLE "event_link"`);
    await queryRunner.query(`DROP INDEX "IDX_c16e76581ee05c8f19c6d6a44a"`);
    await queryRunner.query(`DROP INDEX "IDX_c736ffe4ca6d559f6179591b32"`);
    await queryRunner.query(`DROP INDEX "IDX_ba5f652ccdefc49485d73e6f00"`);
    await queryRunner.query(`DROP TABLE "case_event"`);
    await queryRunner.query(`DROP INDEX "IDX_c01810f1bb0c5f94751f109edb"`);
    await queryRunner.query(`DROP TABLE "event_person"`);
    await queryRunner.query(`DROP INDEX "IDX_ef33cb1ff060c786149137518b"`);
    await queryRunner.query(`DROP TABLE "event_institution"`);
    await queryRunner.query(`DROP INDEX "IDX_22c552cb2001dede5981987911"`);
    await queryRunner.query(`DROP TABLE "case_link"`);
    await queryRunner.query(`DROP INDEX "IDX_f07de99d760070f8dceaca9c4f"`);
    await queryRunner.query(`DROP INDEX "IDX_742f9942e924db277345202416"`);
    await queryRunner.query(`DROP INDEX "IDX_aacb863689936be8399b55b2f4"`);
    await queryRunner.query(`DROP INDEX "IDX_1d3de560d591d251a7d5d18c6f"`);
    await queryRunner.query(`DROP TABLE "case_record"`);
    await queryRunner.query(`DROP INDEX "IDX_ce010a20f0fc88d6f746de771e"`);
    await queryRunner.query(`DROP TABLE "case_tag"`);
    await queryRunner.query(`DROP INDEX "IDX_4ff94121c23d5dccb86c0daefb"`);
    await queryRunner.query(`DROP INDEX "IDX_d6da21ec54d937001394db3f95"`);
    await queryRunner.query(`DROP TABLE "case_participant"`);
    await queryRunner.query(`DROP INDEX "IDX_f925be2bae95e3638871b72aa3"`);
    await queryRunner.query(`DROP TABLE "case_member"`);
    await queryRunner.query(`DROP INDEX "IDX_ef4af80771af37bc4e34e39091"`);
    await queryRunner.query(`DROP INDEX "IDX_8cb4eeece385473952771b02bb"`);
    await queryRunner.query(`DROP INDEX "IDX_829e3ef7ee5db8aed1a64a2545"`);
    await queryRunner.query(`DROP INDEX "IDX_6fac37925de4cb4df6cb694223"`);
    await queryRunner.query(`DROP INDEX "IDX_23130deeeb46dfc815901d9e03"`);
    await queryRunner.query(`DROP INDEX "IDX_d218ad3566afa9e396f184fd7d"`);
    await queryRunner.query(`DROP TABLE "institution"`);
    await queryRunner.query(`DROP INDEX "IDX_13e8844230b671944a00b0811f"`);
    await queryRunner.query(`DROP INDEX "IDX_5e7c63e4b6f12156e18ee552df"`);
    await queryRunner.query(`DROP TABLE "institution_alias"`);
    await queryRunner.query(`DROP INDEX "IDX_77723ac40e94bb5128a667cb58"`);
    await queryRunner.query(`DROP INDEX "IDX_44045a889d79ffbb4405f70570"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "IDX_5c2d319c9478816258d6a4b934"`);
    await queryRunner.query(`DROP TABLE "person_profile"`);
    await queryRunner.query(`DROP INDEX "uq_person_name_one_primary"`);
    await queryRunner.query(`DROP INDEX "IDX_c42b1c32d9b73cb3eb609923af"`);
    await queryRunner.query(`DROP INDEX "IDX_1246f9a80467d0458296022163"`);
    await queryRunner.query(`DROP TABLE "person_name"`);
    await queryRunner.query(`DROP TABLE "vocab_term"`);
  }
}
