import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD = 30;
/** ±1 step of clock drift is accepted. */
const WINDOW = 1;
/** How far back a code is still recognised as expired rather than wrong (for a clearer message). */
const EXPIRED_WINDOW = 10;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'Casebook', label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

export function totpUri(secret: string, label: string): string {
  return totpFor(secret, label).toString();
}

/** The enrolment QR, drawn here (no external service), as an SVG data URI for an <img>. */
export async function totpQrDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'expired' };

/** Checks a code's digits against the time; replay is refused by the caller (lastUsedStep). */
export function checkTotp(secret: string, token: string, now: Date): TotpCheck {
  const totp = totpFor(secret, 'check');
  const timestamp = now.getTime();
  const step = Math.floor(timestamp / 1000 / TOTP_PERIOD);
  const delta = totp.validate({ token, timestamp, window: WINDOW });
  if (delta !== null) return { ok: true, step: step + delta };
  const late = totp.validate({ token, timestamp, window: EXPIRED_WINDOW });
  return { ok: false, reason: late !== null && late < 0 ? 'expired' : 'wrong' };
}
