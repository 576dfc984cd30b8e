import { isLongWriteRunning } from './db/long-write';
import crypto from 'node:crypto';
import path from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppContext } from './http/context';
import { csrfProtection, loadSession, requireSignedInPage } from './http/auth.middleware';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { dropPrototypeKeys } from './http/body-keys';
import { redactResponses } from './http/redaction.middleware';
import { can } from './auth/policy';
import { setFlash } from './sessions/session.service';
import { authRoutes } from './auth/auth.routes';
import { homeRoutes } from './home/home.routes';
import { enforceSecurityMode } from './security/security-mode.middleware';
import { securityPageRoutes } from './security/security.routes';
import { secondStepRoutes } from './second-factor/second-factor-login.routes';
import { secondFactorRoutes } from './second-factor/second-factor.routes';
import { recentAuthApiRoutes, requireEnrolment, requireRecentAuth } from './second-factor/second-factor.middleware';
import { webauthnRoutes } from './second-factor/webauthn.routes';
import { accountRoutes } from './users/account.routes';
import { userPageRoutes } from './users/user.routes';
import { tokenPageRoutes } from './tokens/token.routes';
import { auditPageRoutes } from './audit/audit.routes';
import { apiRoutes } from './api/api.routes';
import { viewHelpers } from './views/helpers';
import { languageMiddleware, languageSwitchRoutes } from './i18n/i18n.middleware';
import { t } from './i18n/i18n';
import { casePageRoutes } from './cases/case.routes';
import { quickCaseRoutes } from './cases/quick-case.routes';
import { inlineCreateRoutes } from './drafts/inline-create.routes';
import { caseApiRoutes } from './cases/case.api';
import { exportApiRoutes, exportPageRoutes } from './exports/export.routes';
import { reportApiRoutes, reportPageRoutes } from './reports/report.routes';
import { dossierPageRoutes } from './dossier/dossier.routes';
import { mergePageRoutes, mergesApiRoutes } from './merges/merges.routes';
import { peoplePageRoutes, peopleApiRoutes } from './people/people.routes';
import { institutionsPageRoutes, institutionsApiRoutes } from './institutions/institutions.routes';
import { eventsPageRoutes, eventsApiRoutes } from './events/events.routes';
import { allegationsPageRoutes, allegationsApiRoutes } from './allegations/allegations.routes';
import { statementsPageRoutes, statementsApiRoutes } from './statements/statements.routes';
import { complaintsPageRoutes, complaintsApiRoutes } from './complaints/complaints.routes';
import { investigationsPageRoutes, investigationsApiRoutes } from './investigations/investigations.routes';
import { proceedingsPageRoutes, proceedingsApiRoutes } from './proceedings/proceedings.routes';
import { sourcesPageRoutes, sourcesApiRoutes } from './sources/sources.routes';
import { vocabPageRoutes, vocabApiRoutes } from './vocab/vocab.routes';
import { evidencePageRoutes, evidenceApiRoutes } from './evidence/evidence.routes';
import { searchPageRoutes } from './search/search.routes';
import { searchApiRoutes } from './search/search.api';
import { importsPageRoutes } from './imports/imports.routes';
import { importTemplateRoutes } from './imports/template.routes';
import { trashApiRoutes, trashPageRoutes, trashedRecordNotice } from './trash/trash.routes';
import { transferPageRoutes } from './transfer/transfer.routes';
import { backupPageRoutes } from './backups/backup.routes';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

/** Builds the express app without listening, so tests can drive it directly. */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  // 'production' keeps express's own last-resort handler from printing stack traces.
  app.set('env', 'production');
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.locals.helpers = viewHelpers;
  // For pages rendered before the language is known (a body too large, say): the request's
  // language when there is one, else English. languageMiddleware sets the real ones.
  app.locals.t = (key: string, options?: Record<string, unknown>) => t(key, options);
  app.locals.lang = 'en';
  app.locals.languages = [];
  app.locals.navItems = [
    { href: '/cases', label: 'nav.cases', action: 'case.list' },
    { href: '/people', label: 'nav.people', action: 'person.list' },
    { href: '/institutions', label: 'nav.institutions', action: 'institution.list' },
    { href: '/sources', label: 'nav.sources', action: 'source.list' },
    { href: '/search', label: 'nav.search', action: 'search.use' },
    { href: '/reports', label: 'nav.reports', action: 'report.view' },
    { href: '/imports', label: 'nav.imports', action: 'import.use' },
    { href: '/exports', label: 'nav.exports', action: 'export.run' },
  ];

  app.use((req: Request, res: Response, next: NextFunction) => {
    req.correlationId = crypto.randomBytes(6).toString('hex');
    res.setHeader('X-Request-Id', req.correlationId);
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          mediaSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameSrc: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  // The WebAuthn browser library, served from Casebook itself (the CSP allows only our own scripts).
  const webauthnBundle = path.join(ROOT, 'node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js');
  app.get('/static/vendor/simplewebauthn-browser.js', (_req, res) => res.sendFile(webauthnBundle, { maxAge: '1h' }));
  app.use('/static', express.static(path.join(ROOT, 'public'), { index: false, maxAge: '1h', fallthrough: true }));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  app.get('/healthz', async (_req, res) => {
    await ctx.ds.query('SELECT 1');
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  // Everything below is per-user: never cached by the browser or a proxy.
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Parsed before anyone is signed in, and qs merges indexed fields in quadratic time (5,000
  // fields cost ~0.5 s of the only thread): no form has more than a few hundred (413 beyond).
  // No form nests deeper than people[0][personId] or date[value]: deeper bodies are refused (400).
  const formOptions = { extended: true, limit: '200kb', parameterLimit: 1000, depth: 5 };
  app.use(express.urlencoded(formOptions));
  app.use(express.json({ limit: '1mb', strict: true }));
  app.use(dropPrototypeKeys);
  app.use(loadSession(ctx));
  app.use(languageMiddleware());
  app.use(redactResponses(ctx));
  app.use(enforceSecurityMode(ctx)); // sessions; the API applies it again once it has read a token

  app.use(
    '/api/v1',
    apiRoutes(ctx, [
      recentAuthApiRoutes(), // bulk downloads by a browser session: password and second factor in the last 10 minutes
      caseApiRoutes(ctx),
      exportApiRoutes(ctx),
      reportApiRoutes(ctx),
      mergesApiRoutes(ctx), // before people and institutions: old addresses of merged records redirect
      peopleApiRoutes(ctx),
      institutionsApiRoutes(ctx),
      eventsApiRoutes(ctx),
      allegationsApiRoutes(ctx),
      statementsApiRoutes(ctx),
      complaintsApiRoutes(ctx),
      investigationsApiRoutes(ctx),
      proceedingsApiRoutes(ctx),
      sourcesApiRoutes(ctx),
      vocabApiRoutes(ctx),
      evidenceApiRoutes(ctx),
      searchApiRoutes(ctx),
      trashApiRoutes(ctx),
    ]),
  );

  app.use((req, res, next) => {
    res.locals.currentUser = req.currentUser ?? null;
    res.locals.csrfToken = req.sessionInfo?.csrfToken ?? '';
    res.locals.can = (action: string, record?: unknown) => can(req.currentUser, action, record);
    res.locals.path = req.path;
    res.locals.flash = null;
    res.locals.correlationId = req.correlationId;
    next();
  });
  app.use(languageSwitchRoutes());
  app.use(authRoutes(ctx));
  app.use(secondStepRoutes(ctx));
  app.use(requireSignedInPage);
  app.use(csrfProtection);
  app.use(requireEnrolment(ctx)); // before the flash is read, so the enrolment page shows it
  app.use(async (req, res, next) => {
    if (req.method === 'GET' && req.sessionInfo?.flash) {
      res.locals.flash = req.sessionInfo.flash;
      // While an import's commit holds the database the message stays, shown once more later (db/long-write.ts).
      if (!isLongWriteRunning(ctx.ds)) await setFlash(ctx.ds, req.sessionInfo.idHash, null);
    }
    next();
  });
  app.use(homeRoutes(ctx));
  app.use(accountRoutes(ctx));
  // Password and second factor checked within the last 10 minutes (issue 14): managing people,
  // tokens and the instance's security, and every download of many records at once.
  app.use(['/admin/users', '/admin/tokens', '/admin/export', '/admin/security', '/admin/backups'], requireRecentAuth());
  app.get(['/exports/:file', '/cases/:id/evidence/bundle', '/cases/:id/dossier.pdf'], requireRecentAuth());
  app.use(securityPageRoutes(ctx));
  app.use(secondFactorRoutes(ctx));
  app.use(webauthnRoutes(ctx));
  app.use(userPageRoutes(ctx));
  app.use(tokenPageRoutes(ctx));
  app.use(auditPageRoutes(ctx));
  app.use(quickCaseRoutes(ctx)); // before /cases/:id
  app.use(casePageRoutes(ctx));
  app.use(inlineCreateRoutes(ctx));
  app.use(importTemplateRoutes(ctx)); // before /imports/:id
  app.use(exportPageRoutes(ctx));
  app.use(reportPageRoutes(ctx));
  app.use(dossierPageRoutes(ctx));
  app.use(mergePageRoutes(ctx)); // before people and institutions: old addresses of merged records redirect
  app.use(peoplePageRoutes(ctx));
  app.use(institutionsPageRoutes(ctx));
  app.use(eventsPageRoutes(ctx));
  app.use(allegationsPageRoutes(ctx));
  app.use(statementsPageRoutes(ctx));
  app.use(complaintsPageRoutes(ctx));
  app.use(investigationsPageRoutes(ctx));
  app.use(proceedingsPageRoutes(ctx));
  app.use(sourcesPageRoutes(ctx));
  app.use(vocabPageRoutes(ctx));
  app.use(evidencePageRoutes(ctx));
  app.use(searchPageRoutes(ctx));
  app.use(trashPageRoutes(ctx));
  app.use(transferPageRoutes(ctx));
  app.use(backupPageRoutes(ctx));
  app.use(importsPageRoutes(ctx));

  app.use(notFoundHandler);
  app.use(trashedRecordNotice(ctx));
  app.use(errorHandler);
  return app;
}
