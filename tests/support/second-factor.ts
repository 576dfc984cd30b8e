import * as OTPAuth from 'otpauth';
import type { Express } from 'express';
import request from 'supertest';
import { Agent, PASSWORD, hiddenField } from './app';

/** The code an authenticator app would show for `secret` at `at` (default: now). */
export function totpCode(secret: string, at: Date = new Date()): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at.getTime() });
}

/** The key shown on the enrolment page for manual entry. */
export function secretOnPage(html: string): string {
  const m = /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!m) throw new Error('no TOTP secret on the enrolment page');
  return m[1].replace(/ /g, '');
}

export function recoveryCodesOnPage(html: string): string[] {
  return [...html.matchAll(/<li><code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<\/code><\/li>/g)].map((m) => m[1]);
}

/** Enrols TOTP through the account pages; the code is for `at` (use a past step so the next sign-in's step is fresh). */
export async function enrolTotp(agent: Agent, csrf: string, at: Date): Promise<{ secret: string; recoveryCodes: string[] }> {
  const page = await agent.get('/account/second-factor/totp').expect(200);
  const secret = secretOnPage(page.text);
  const done = await agent.post('/account/second-factor/totp').type('form').send({ _csrf: csrf, code: totpCode(secret, at) });
  if (done.status !== 201) throw new Error(`enrolment failed with ${done.status}`);
  return { secret, recoveryCodes: recoveryCodesOnPage(done.text) };
}

/** Password step: answers the agent on the second step (303 to /login/second-factor expected). */
export async function passwordStep(app: Express, email: string, password = PASSWORD): Promise<{ agent: Agent; loginCsrf: string; status: number; location: string }> {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  const loginCsrf = hiddenField(page.text);
  const res = await agent.post('/login').type('form').send({ _csrf: loginCsrf, email, password, next: '/' });
  return { agent, loginCsrf, status: res.status, location: String(res.headers.location ?? '') };
}
