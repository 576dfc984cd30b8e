import crypto from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

/**
 * A security key in software, answering like a real one (packed "none" attestation, ES256 over
 * authenticatorData ‖ SHA-256(clientDataJSON), a signature counter), so integration tests can
 * run the ceremonies over HTTP. The browser test uses Chromium's virtual authenticator instead.
 */
const u8 = (b: Buffer) => new Uint8Array(b);

export class SoftKey {
  readonly credentialId = crypto.randomBytes(16);
  private readonly keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  counter = 0;

  get id(): string {
    return isoBase64URL.fromBuffer(u8(this.credentialId));
  }

  private coseKey(): Uint8Array {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, isoBase64URL.toBuffer(jwk.x!)],
      [-3, isoBase64URL.toBuffer(jwk.y!)],
    ]);
    return isoCBOR.encode(cose);
  }

  private authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([crypto.createHash('sha256').update(rpId).digest(), Buffer.from([flags]), count, attested ?? Buffer.alloc(0)]);
  }

  register(options: PublicKeyCredentialCreationOptionsJSON, origin: string, rpId = options.rp.id!): RegistrationResponseJSON {
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, Buffer.from(this.coseKey())]);
    // Flags: user present (0x01), user verified (0x04), attested credential data (0x40).
    const authData = this.authData(rpId, 0x45, this.counter, attested);
    const attestation = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', new Uint8Array(authData)]]) as never);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: isoBase64URL.fromBuffer(u8(clientData)), attestationObject: isoBase64URL.fromBuffer(attestation), transports: ['usb'] },
      clientExtensionResults: {},
    };
  }

  /** An assertion; the counter grows by one unless `counter` says what to report. */
  assert(options: PublicKeyCredentialRequestOptionsJSON, origin: string, opts: { counter?: number; rpId?: string } = {}): AuthenticationResponseJSON {
    this.counter = opts.counter ?? this.counter + 1;
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
    const authData = this.authData(opts.rpId ?? options.rpId!, 0x05, this.counter);
    const signature = crypto.sign('sha256', Buffer.concat([authData, crypto.createHash('sha256').update(clientData).digest()]), this.keys.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: isoBase64URL.fromBuffer(u8(clientData)), authenticatorData: isoBase64URL.fromBuffer(u8(authData)), signature: isoBase64URL.fromBuffer(u8(signature)) },
      clientExtensionResults: {},
    };
  }
}

const unescapeHtml = (s: string) => s.replace(/&#34;|&quot;|&#39;|&lt;|&gt;|&amp;/g, (e) => ({ '&#34;': '"', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' })[e]!);

/** The ceremony options a page hands to its script (data-webauthn-options). */
export function optionsOnPage<T = PublicKeyCredentialRequestOptionsJSON>(html: string): T {
  const m = /data-webauthn-options="([^"]*)"/.exec(html);
  if (!m) throw new Error('no WebAuthn options on the page');
  return JSON.parse(unescapeHtml(m[1])) as T;
}

export const ORIGIN = 'http://localhost:3000';
