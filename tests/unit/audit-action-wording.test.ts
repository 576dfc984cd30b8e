import { auditActionCodes } from '../support/audit-actions';
import { auditActionKey, auditActionText } from '../../src/audit/audit-wording';
import { hasKey, LANGUAGES, runInLanguage } from '../../src/i18n/i18n';
import { viewHelpers } from '../../src/views/helpers';

/**
 * Every audit action the code base can write reads as words in every language: the record
 * histories, the dossier (HTML and PDF), the custody log and the audit page never show a code
 * such as `case.participant_add`. A new action, or a new way of building one, fails here until
 * it has its wording.
 */
describe('audit action wording', () => {
  const { codes, unknownTemplates } = auditActionCodes();

  it('finds the actions the code base writes', () => {
    // A scan that found nothing (or lost a helper) would pass everything below.
    for (const code of ['case.participant_add', 'evidence.received', 'evidence.integrity_failed', 'auth.second_factor_failed', 'backup.verify', 'transfer.restore', 'vocab_term.retire', 'person.merged_into', 'statement.reaffirmation_add', 'export.complete']) expect(codes).toContain(code);
    expect(codes.size).toBeGreaterThan(120);
  });

  it('knows how every action built from a template is built', () => {
    expect(unknownTemplates).toEqual([]);
  });

  it.each(LANGUAGES)('has a wording in %s for every action', (lang) => {
    const missing = [...codes].filter((code) => !hasKey(auditActionKey(code), lang));
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('words actions without codes or underscores in %s', (lang) => {
    runInLanguage(lang, () => {
      for (const code of codes) {
        const text = auditActionText(code);
        expect(text).not.toMatch(/[a-z]+\.[a-z]|_/);
        expect(viewHelpers.actionLabel(code)).toBe(text);
      }
    });
  });

  it('words the same action differently in Russian and English', () => {
    expect(runInLanguage('en', () => auditActionText('case.participant_add'))).toBe('added a person to the case');
    expect(runInLanguage('ru', () => auditActionText('case.participant_add'))).toBe('в дело добавлен участник');
    expect(runInLanguage('ru', () => auditActionText('transfer.export.start'))).toBe('начата полная выгрузка');
  });

  it('still words an action it does not know from its type and verb', () => {
    expect(runInLanguage('en', () => auditActionText('case.frobnicate'))).toBe('frobnicate case');
  });
});
