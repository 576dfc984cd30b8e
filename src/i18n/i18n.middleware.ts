import { Request, RequestHandler, Router } from 'express';
import { handle } from 'i18next-http-middleware';
import { DEFAULT_LANGUAGE, LANGUAGE_COOKIE, LANGUAGE_NAMES, LANGUAGES, Language, i18nInstance, isLanguage, runInLanguage, translator } from './i18n';
import { formatDate, formatNumber } from './format';

/** The language i18next detected for this request, narrowed to one we have. */
export function requestLanguage(req: Request): Language {
  const detected = (req.language ?? '').slice(0, 2).toLowerCase();
  return isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
}

/**
 * Detects the request's language (user setting, header switch cookie, Accept-Language), then
 * serves the rest of the request inside it: templates get `t`, `lang` and formatters, and code
 * that builds messages (validation, flashes, API errors, dossiers, exports) reads it through
 * `currentLanguage()`.
 */
export function languageMiddleware(): RequestHandler[] {
  const detect = handle(i18nInstance(), { ignoreRoutes: ['/static/'] }) as unknown as RequestHandler;
  const enter: RequestHandler = (req, res, next) => {
    const lang = requestLanguage(req);
    res.locals.lang = lang;
    res.locals.t = translator(lang);
    res.locals.languages = LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] }));
    res.locals.fmt = { date: formatDate, number: formatNumber };
    res.setHeader('Content-Language', lang);
    runInLanguage(lang, () => next());
  };
  return [detect, enter];
}

/** A path of this site to go back to: anything else is the home page. */
export function safeBack(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && value.length < 2000 ? value : '/';
}

/**
 * The switch in the header for signed-out pages: remembers the choice in a cookie (it changes
 * nothing stored, so a link can do it). Signed-in users choose in their account settings.
 */
export function languageSwitchRoutes(): Router {
  const router = Router();
  router.get('/language/:lang', (req, res) => {
    const lang = req.params.lang;
    const back = safeBack(req.query.back);
    if (!isLanguage(lang)) return res.redirect(303, back);
    res.cookie(LANGUAGE_COOKIE, lang, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: 365 * 24 * 3600 * 1000 });
    res.redirect(303, back);
  });
  return router;
}
