import path from 'node:path';
import { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { DossierModel } from './dossier.model';
import { t } from '../i18n/i18n';

// DejaVu covers Latin, Cyrillic and the other scripts in the records; pdfkit's built-in fonts do not.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const INK = '#1d232b';
const MUTED = '#5b6672';
const WARN = '#a4262c';

/**
 * Writes the dossier as a paginated A4 PDF: a cover block, the summary, every section, and on
 * each page the case code and "page N of M". Text is embedded as text (searchable, copyable).
 */
export function writeDossierPdf(model: DossierModel, out: Writable): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: `${model.code} — ${model.title}`, Author: 'Casebook', Subject: t('dossier.pdf.subject'), CreationDate: new Date(model.generatedAt) },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', resolve);
    doc.on('error', reject);
  });
  doc.pipe(out);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.font('bold').fontSize(9).fillColor(MUTED).text(model.code);
  doc.font('bold').fontSize(18).fillColor(INK).text(model.title, { width });
  doc.moveDown(0.5);
  for (const [k, v] of model.header) {
    doc.font('bold').fontSize(10).fillColor(MUTED).text(`${k}: `, { continued: true }).font('regular').fillColor(INK).text(v, { width });
  }
  doc.moveDown(0.4);
  doc.font('regular').fontSize(8).fillColor(MUTED).text(`${t('dossier.generated', { at: `${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`, name: model.generatedBy })} ${t('dossier.confidential')}`, { width });
  if (model.summary) {
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor(INK).text(t('dossier.summary'));
    doc.font('regular').fontSize(10).text(model.summary, { width });
  }

  for (const section of model.sections) {
    doc.moveDown(1);
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.font('bold').fontSize(13).fillColor(INK).text(section.title, { width });
    doc.moveTo(doc.page.margins.left, doc.y + 2).lineTo(doc.page.margins.left + width, doc.y + 2).lineWidth(0.5).strokeColor('#d5dbe1').stroke();
    doc.moveDown(0.4);
    if (section.items.length === 0) {
      doc.font('regular').fontSize(9).fillColor(MUTED).text(section.empty, { width });
      continue;
    }
    for (const item of section.items) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      doc.font('bold').fontSize(10).fillColor(INK).text(item.date ? `${item.date} — ${item.heading}` : item.heading, { width });
      if (item.flags.length) doc.font('bold').fontSize(8.5).fillColor(WARN).text(item.flags.join(' · '), { width });
      for (const [k, v] of item.facts) {
        doc.font('bold').fontSize(9).fillColor(MUTED).text(`${k}: `, { continued: true, width }).font('regular').fillColor(INK).text(v, { width });
      }
      if (item.text) doc.font('regular').fontSize(9).fillColor(INK).text(item.text, { width });
      doc.moveDown(0.5);
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - doc.page.margins.bottom + 24;
    // Writing inside the bottom margin must not trigger a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(MUTED).text(t('dossier.pdf.footer', { code: model.code, page: i + 1, pages: range.count }), doc.page.margins.left, bottom, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
