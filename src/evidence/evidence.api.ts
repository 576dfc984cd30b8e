import { apiDateSpec, apiRequiredDateSpec } from '../records/api-specs';
import { Request, Router } from 'express';
import { authorize } from '../auth/policy';
import { addPaths, errorResponses } from '../api/openapi';
import { actorOf } from '../http/actor';
import { AppContext } from '../http/context';
import { AppError } from '../http/errors';
import { checkForm, parseInput } from '../http/validate';
import { requireItem } from './evidence-access';
import { streamBundle } from './evidence-bundle';
import { CONFIDENTIALITY, EVIDENCE_TYPES, IP_GRADES, RECEIVED_HOW } from './evidence-constants';
import { evidenceFileRoutes } from './evidence-files.routes';
import { receiveEvidence } from './evidence-intake';
import { loadEvidenceItem, loadEvidenceList } from './evidence-page';
import { idOf } from './evidence-params';
import { evidenceRuntime } from './evidence-runtime';
import { updateEvidence } from './evidence.service';
import { bundleQuery, evidenceItemSchema, listQuery } from './evidence.schema';
import { itemFormValues } from './evidence.presenter';
import { recordViewed } from './evidence-custody';
import { createEvaluation, evaluationsOf, parseEvaluation } from './medical.service';
import { requireEvidenceCase } from './evidence-access';
import { validationFailed } from '../http/errors';
import './evidence.policy';

/** /api/v1/cases/:caseId/evidence: the same rules as the pages (privileged items 404 for non-lawyers, GPS only for cleared roles). */
export function evidenceApi(ctx: AppContext): Router {
  const router = Router();
  const { ds, config } = ctx;
  const caseIdOf = (req: Request) => idOf(req, 'caseId', 'case');
  const itemIdOf = (req: Request) => idOf(req, 'itemId', 'evidence');

  router.get('/cases/:caseId/evidence', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const filter = checkForm(listQuery, req.query);
    if (!filter.ok) throw validationFailed(filter.errors, Object.values(filter.errors)[0]);
    const page = await loadEvidenceList(ds, req.currentUser, caseIdOf(req), filter.data);
    res.json({ data: page.items });
  });

  router.post('/cases/:caseId/evidence', async (req, res) => {
    const result = await receiveEvidence(ctx, req, res, caseIdOf(req));
    if (!result.ok) throw new AppError(result.status, result.status === 415 ? 'unsupported_type' : 'validation_failed', result.message, result.errors);
    const page = await loadEvidenceItem(ds, req.currentUser!, caseIdOf(req), result.item.id);
    res.status(201).json({ data: page.item });
  });

  router.get('/cases/:caseId/evidence/bundle', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const q = checkForm(bundleQuery, req.query);
    if (!q.ok) throw validationFailed(q.errors, Object.values(q.errors)[0]);
    await streamBundle(ds, evidenceRuntime(ds, config).storage, actorOf(req), req.currentUser, caseIdOf(req), q.data.items ?? 'whole case', res);
  });

  router.get('/cases/:caseId/evidence/:itemId', async (req, res) => {
    authorize(req.currentUser, 'case.list');
    const page = await loadEvidenceItem(ds, req.currentUser, caseIdOf(req), itemIdOf(req));
    await recordViewed(ds, actorOf(req), page.entity);
    res.json({ data: page.item });
  });

  router.patch('/cases/:caseId/evidence/:itemId', async (req, res) => {
    const caseId = caseIdOf(req);
    const itemId = itemIdOf(req);
    const { item } = await requireItem(ds, req.currentUser, caseId, itemId, 'evidence.update');
    const input = parseInput(evidenceItemSchema, { ...itemFormValues(item), ...(req.body ?? {}) });
    await updateEvidence(ds, actorOf(req), req.currentUser!, caseId, itemId, input);
    res.json({ data: (await loadEvidenceItem(ds, req.currentUser!, caseId, itemId)).item });
  });

  router.use(evidenceFileRoutes(ctx, 'caseId'));

  router.get('/cases/:caseId/medical-evaluations', async (req, res) => {
    const { access } = await requireEvidenceCase(ds, req.currentUser, caseIdOf(req));
    res.json({ data: await evaluationsOf(ds, { user: req.currentUser!, access }, caseIdOf(req)) });
  });

  router.post('/cases/:caseId/medical-evaluations', async (req, res) => {
    const caseId = caseIdOf(req);
    const { access } = await requireEvidenceCase(ds, req.currentUser, caseId, 'medical.create');
    const parsed = parseEvaluation(req.body);
    if (!parsed.ok) throw validationFailed(parsed.errors);
    const evaluation = await createEvaluation(ds, actorOf(req), req.currentUser!, caseId, parsed.data);
    res.status(201).json({ data: (await evaluationsOf(ds, { user: req.currentUser!, access }, caseId)).find((e) => e.id === evaluation.id) });
  });

  return router;
}

const partialDateSchema = apiDateSpec; // records/api-specs.ts: the one date shape
const itemInput = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: [...EVIDENCE_TYPES] },
    title: { type: 'string', maxLength: 500 },
    description: { type: ['string', 'null'] },
    contentDate: partialDateSchema,
    receivedFrom: { type: ['string', 'null'] },
    receivedHow: { type: ['string', 'null'], enum: [...RECEIVED_HOW, null] },
    receivedDate: partialDateSchema,
    confidentiality: { type: 'string', enum: [...CONFIDENTIALITY], description: 'privileged: set and lifted by lawyers and admins only' },
    paperLocation: { type: ['string', 'null'] },
    graphic: { type: 'boolean', description: 'its pictures or videos show injuries or violence: previews blurred until a viewer chooses to see them; originals unaltered' },
  },
};
const fileSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string', description: 'sanitised original file name' },
    mime: { type: 'string', description: 'detected from the bytes' },
    category: { type: 'string', enum: ['image', 'pdf', 'video', 'audio', 'office', 'text', 'other'] },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    keptAsOther: { type: 'boolean' },
    preview: { type: 'object', properties: { state: { type: 'string', enum: ['pending', 'ready', 'none'] }, note: { type: ['string', 'null'] } } },
    metadata: { type: ['object', 'null'], description: 'EXIF/XMP facts, never the GPS position' },
    gps: { type: ['object', 'null'], description: 'present only for admins, lawyers and researchers', properties: { latitude: { type: 'number' }, longitude: { type: 'number' }, altitude: { type: ['number', 'null'] } } },
    pageCount: { type: ['integer', 'null'] },
  },
};
const itemParams = [
  { name: 'caseId', in: 'path', required: true, schema: { type: 'integer' } },
  { name: 'itemId', in: 'path', required: true, schema: { type: 'integer' } },
];
const fileParams = [...itemParams, { name: 'fileId', in: 'path', required: true, schema: { type: 'integer' } }];
addPaths(
  {
    '/cases/{caseId}/evidence': {
      parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'integer' } }],
      get: {
        summary: 'Evidence of a case you may see (privileged items: lawyers and admins only)',
        parameters: [
          { name: 'type', in: 'query', schema: { type: 'string', enum: [...EVIDENCE_TYPES] } },
          { name: 'link', in: 'query', schema: { type: 'string', example: 'allegation:12' } },
        ],
        responses: { '200': { description: 'Items with their files' }, ...errorResponses(401, 404) },
      },
      post: {
        summary: 'Upload evidence (researcher, lawyer, admin): multipart/form-data with one or more `files` and the item fields',
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                ...itemInput,
                required: ['type', 'title', 'files'],
                properties: {
                  ...itemInput.properties,
                  files: { type: 'array', items: { type: 'string', format: 'binary' } },
                  keepAsOther: { type: 'boolean', description: 'lawyers and admins: keep files of a type outside the allow-list as other binary' },
                  'eventIds[]': { type: 'array', items: { type: 'integer' } },
                  'allegationIds[]': { type: 'array', items: { type: 'integer' } },
                  'statementIds[]': { type: 'array', items: { type: 'integer' } },
                  'personIds[]': { type: 'array', items: { type: 'integer' } },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'Stored; previews and text extraction follow (preview.state pending)', content: { 'application/json': { schema: { $ref: '#/components/schemas/EvidenceItem' } } } }, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    '/cases/{caseId}/evidence/bundle': {
      parameters: [
        { name: 'caseId', in: 'path', required: true, schema: { type: 'integer' } },
        { name: 'items', in: 'query', schema: { type: 'string', example: '3,4,9' }, description: 'a selection; all visible items when absent' },
      ],
      get: { summary: 'A ZIP streamed with the originals, manifest.json, manifest.html and SHA256SUMS (researcher, lawyer, admin); recorded in each item’s custody', responses: { '200': { description: 'application/zip' }, ...errorResponses(401, 403, 404, 422) } },
    },
    '/cases/{caseId}/evidence/{itemId}': {
      parameters: itemParams,
      get: { summary: 'One item with files, provenance, links, custody log (and privileged annotations for lawyers and admins); recorded as viewed', responses: { '200': { description: 'The item' }, ...errorResponses(401, 404) } },
      patch: { summary: 'Change the description (researcher, lawyer, admin); fields not sent keep their values', requestBody: { content: { 'application/json': { schema: itemInput } } }, responses: { '200': { description: 'Updated' }, ...errorResponses(400, 401, 403, 404, 422) } },
    },
    '/cases/{caseId}/evidence/{itemId}/files/{fileId}/original': {
      parameters: fileParams,
      get: { summary: 'The original as an attachment, re-hashed before sending (409 and an alert if it no longer matches); recorded as downloaded', responses: { '200': { description: 'The bytes as received' }, '409': { description: 'The stored file no longer matches its SHA-256 or is missing' }, ...errorResponses(401, 403, 404) } },
    },
    '/cases/{caseId}/evidence/{itemId}/files/{fileId}/view': {
      parameters: fileParams,
      get: {
        summary: 'The original shown inline, for images, PDFs, text, video and audio (403 for other files: download them from /original); Range requests are answered',
        responses: { '200': { description: 'The bytes as received, inline' }, '206': { description: 'The requested range' }, '416': { description: 'The range lies outside the file' }, ...errorResponses(401, 403, 404) },
      },
    },
    '/cases/{caseId}/evidence/{itemId}/files/{fileId}/preview': {
      parameters: fileParams,
      get: { summary: 'The preview image derived from the file, without metadata (404 while none is ready)', responses: { '200': { description: 'image/webp or image/jpeg' }, ...errorResponses(401, 404) } },
    },
    '/cases/{caseId}/evidence/{itemId}/files/{fileId}/thumbnail': {
      parameters: fileParams,
      get: { summary: 'The thumbnail derived from the file, without metadata (404 while none is ready)', responses: { '200': { description: 'image/webp or image/jpeg' }, ...errorResponses(401, 404) } },
    },
    '/cases/{caseId}/medical-evaluations': {
      parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { summary: 'Medical evaluations (Istanbul Protocol) and forensic or post-mortem examinations of a case, with their findings and grades', responses: { '200': { description: 'Evaluations' }, ...errorResponses(401, 404) } },
      post: {
        summary: 'Record a medical evaluation (researcher, lawyer, admin)',
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['examiner', 'examDate'], properties: { kind: { type: 'string', default: 'istanbul_protocol', description: 'examination_kind term: istanbul_protocol (every finding graded), forensic_medical, post_mortem, medical_certification, other (grades optional)' }, examiner: { type: 'string' }, examDate: apiRequiredDateSpec, place: { type: 'string' }, present: { type: 'string' }, policePresent: { type: 'string', enum: ['yes', 'no', 'unknown'] }, restrained: { type: 'string', enum: ['yes', 'no', 'unknown'] }, interpreter: { type: 'string', enum: ['yes', 'no', 'unknown'] }, consent: { type: 'string', enum: ['yes', 'no', 'unknown'] }, restrictions: { type: 'string' }, overallGrade: { type: 'string', enum: [...IP_GRADES] }, overallOpinion: { type: 'string' }, evidenceItemId: { type: 'integer' }, findings: { type: 'array', items: { type: 'object', required: ['bodyLocation'], description: 'grade is required when kind is istanbul_protocol', properties: { allegationId: { type: 'integer' }, method: { type: 'string', description: 'torture_method term' }, bodyLocation: { type: 'string' }, description: { type: 'string' }, grade: { type: 'string', enum: [...IP_GRADES] } } } } } } } } },
        responses: { '201': { description: 'Recorded' }, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
  },
  { EvidenceItem: { type: 'object', properties: { data: { type: 'object', properties: { id: { type: 'integer' }, type: { type: 'string' }, title: { type: 'string' }, confidentiality: { type: 'string' }, files: { type: 'array', items: fileSchema } } } } } },
);
