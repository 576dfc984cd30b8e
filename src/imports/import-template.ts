import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { IMPORT_FIELDS, IMPORT_KINDS, ImportField, ImportKind } from './import-fields';
import { PARENT_OF } from './import-kinds';
import { Language, translator } from '../i18n/i18n';
import { vocabOptions } from '../vocab/vocab.service';
import { VOCABULARIES } from '../vocab/vocab-term.entity';

/**
 * The downloadable import template: a sheet per kind whose header row holds the field codes the
 * import recognises, and one example row; the fields' meanings in the user's language on a
 * "Fields" sheet (a second header row would be read as data); every active vocabulary term with
 * its English and Russian labels on a "Vocabularies" sheet. Streamed, never held in memory.
 */
export async function writeTemplateXlsx(ds: DataSource, out: Writable, lang: Language): Promise<void> {
  const tr = translator(lang);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const bold = { font: { bold: true } };

  for (const kind of IMPORT_KINDS) {
    const ws = wb.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
    const fields = IMPORT_FIELDS[kind];
    // Text columns: a spreadsheet must not turn a partial date "2005-10" into a full date or "0012" into 12.
    ws.columns = fields.map((f) => ({ key: f.code, width: Math.max(14, f.code.length + 2, Math.min(40, f.example.length + 2)), style: { numFmt: '@' } }));
    const header = ws.addRow(fields.map((f) => f.code));
    header.eachCell((c) => Object.assign(c, { style: bold }));
    header.commit();
    ws.addRow(fields.map((f) => f.example)).commit();
    ws.commit();
  }

  const fieldsSheet = wb.addWorksheet(String(tr('imports.template.fieldsSheet')), { views: [{ state: 'frozen', ySplit: 1 }] });
  const fieldColumns = ['kind', 'field', 'label', 'type', 'required', 'vocabulary', 'example', 'hint'] as const;
  fieldsSheet.columns = fieldColumns.map((c) => ({ key: c, width: c === 'label' ? 40 : c === 'hint' ? 80 : 20 }));
  const fh = fieldsSheet.addRow(fieldColumns.map((c) => String(c === 'hint' ? tr('imports.template.hintColumn') : tr(`imports.template.columns.${c}`))));
  fh.eachCell((c) => Object.assign(c, { style: bold }));
  fh.commit();
  for (const kind of IMPORT_KINDS) {
    for (const f of IMPORT_FIELDS[kind]) {
      fieldsSheet
        .addRow([kind, f.code, String(tr(`imports.fields.${kind}.${f.code}`)), f.type, String(tr(f.required ? 'imports.template.yes' : 'imports.template.no')), f.vocabulary ?? '', f.example, fieldHint(tr, kind, f)])
        .commit();
    }
  }
  fieldsSheet.commit();

  const vocabSheet = wb.addWorksheet(String(tr('imports.template.vocabulariesSheet')), { views: [{ state: 'frozen', ySplit: 1 }] });
  const vocabColumns = ['vocabulary', 'code', 'labelEn', 'labelRu'] as const;
  vocabSheet.columns = vocabColumns.map((c) => ({ key: c, width: c.startsWith('label') ? 45 : 28 }));
  const vh = vocabSheet.addRow(vocabColumns.map((c) => String(tr(`imports.template.vocabColumns.${c}`))));
  vh.eachCell((c) => Object.assign(c, { style: bold }));
  vh.commit();
  for (const vocabulary of VOCABULARIES) {
    for (const term of await vocabOptions(ds, vocabulary)) {
      vocabSheet.addRow([vocabulary, term.code, term.labelEn ?? '', term.labelRu ?? '']).commit();
    }
  }
  vocabSheet.commit();
  await wb.commit();
}

/**
 * How to fill a column in, in the user's language: what a reference names (a history's steps
 * refer to their record by its external id, a row per step), how several values are separated.
 */
function fieldHint(tr: ReturnType<typeof translator>, kind: ImportKind, f: ImportField): string {
  const hint = (key: string, params: Record<string, string> = {}) => String(tr(`imports.template.hints.${key}`, params));
  const parts: string[] = [];
  if (f.type === 'record-ref') parts.push(hint('record-ref', { sheet: f.refers! }));
  else if (f.type === 'choice') parts.push(hint('choice', { choices: f.choices!.join(', ') }));
  else if (['person-ref', 'institution-ref', 'case-ref', 'partial-date', 'term', 'terms'].includes(f.type)) parts.push(hint(f.type === 'terms' ? 'term' : f.type));
  if (f.multiple) parts.push(hint('multiple'));
  const parent = PARENT_OF[kind];
  if (parent && parent.field === f.code) parts.push(hint('child', { parent: String(tr(`imports.recordKinds.${parent.kind}`)) }));
  return parts.join(' ');
}

/** One kind's CSV template: the field codes and an example row, UTF-8 with a BOM so Excel reads it as UTF-8. */
export function templateCsv(kind: ImportKind): Buffer {
  const fields = IMPORT_FIELDS[kind];
  const text = stringify([fields.map((f) => f.code), fields.map((f) => f.example)], { record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export const templateFileName = (format: 'xlsx' | 'csv', kind?: ImportKind) =>
  format === 'xlsx' ? 'casebook-import-template.xlsx' : `casebook-import-template-${kind}.csv`;
