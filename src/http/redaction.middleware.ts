import { RequestHandler } from 'express';
import { AppContext } from './context';
import { casesShown, redactorFor } from '../people/redaction';
import { loadRedactionSnapshot } from '../people/redaction-source';

/**
 * The last gate before a page or a JSON body leaves the server: every string of the view model
 * or body passes through the signed-in user's redactor (people/redaction.ts), so a protected
 * person's name typed into any free text reaches only users cleared for that person, whichever
 * presenter built the model. Streams that bypass render and json (exports, PDF, ZIP bundles)
 * redact their rows themselves. The redactor is looked up when the response is sent, since an
 * API request is authenticated by its bearer token after this runs.
 */
/** The case a page or an API route is about, from its address: every case's pages and routes live under /cases/:id. */
const CASE_PATH = /^\/(?:api\/v1\/)?cases\/(\d{1,9})(?:[/.?#]|$)/;

export function redactResponses(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const m = CASE_PATH.exec(req.originalUrl);
    const cases = m ? [Number(m[1])] : [];
    const redactor = (model?: unknown) => {
      const base = redactorFor(ctx.ds, req.currentUser);
      return base.active ? base.forCases([...casesShown(model, new Set(cases))]) : base;
    };
    req.redact = (text: string) => redactor().text(text);
    const render = res.render.bind(res);
    const json = res.json.bind(res);
    const renderRedacted = (view: string, options?: object, callback?: (err: Error, html: string) => void) => render(view, redactor(options).deep(options ?? {}), callback);
    const jsonRedacted = (body?: unknown) => json(redactor(body).deep(body));
    if (ctx.ds.options.type === 'postgres') {
      // PostgreSQL reads asynchronously: the redaction state (and this user's clearances) is
      // brought up to date when the response is sent, after whatever the request wrote.
      const current = () => loadRedactionSnapshot(ctx.ds, req.currentUser ? [req.currentUser.id] : []);
      res.render = ((view: string, options?: object | ((err: Error, html: string) => void), callback?: (err: Error, html: string) => void) => {
        if (typeof options === 'function') return render(view, options);
        current().then(() => renderRedacted(view, options, callback), next);
      }) as typeof res.render;
      res.json = ((body?: unknown) => {
        current().then(() => jsonRedacted(body), next);
        return res;
      }) as typeof res.json;
      return next();
    }
    res.render = ((view: string, options?: object | ((err: Error, html: string) => void), callback?: (err: Error, html: string) => void) => {
      if (typeof options === 'function') return render(view, options);
      return renderRedacted(view, options, callback);
    }) as typeof res.render;
    res.json = jsonRedacted as typeof res.json;
    next();
  };
}
