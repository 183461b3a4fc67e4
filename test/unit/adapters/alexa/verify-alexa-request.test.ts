import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidSignatureError, ValidationError } from '#core/errors.ts';
import { createAlexaRequestVerifier } from '#adapters/alexa/verify-alexa-request.ts';
import {
  generateAlexaPkiWithImpostors,
  signAlexaBody as sign,
  type AlexaImpostors,
  type AlexaPki,
} from '../../../helpers/alexa-pki.ts';

const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem';

function body(timestamp = new Date()): string {
  return JSON.stringify({
    version: '1.0',
    request: {
      type: 'LaunchRequest',
      requestId: 'amzn1.echo-api.request.1',
      timestamp: timestamp.toISOString(),
      locale: 'en-US',
    },
  });
}

describe('verifyAlexaRequest', () => {
  let pki: AlexaPki & AlexaImpostors;
  const fetched: string[] = [];

  beforeAll(() => {
    pki = generateAlexaPkiWithImpostors();
  });

  function verifier(chain: () => string, options: { now?: () => Date } = {}) {
    return createAlexaRequestVerifier({
      verifySignatures: true,
      trustedRoots: [pki.root],
      fetchCertChain: async (url) => {
        fetched.push(url);
        return chain();
      },
      ...options,
    });
  }

  it('accepts a fresh request signed by a certificate chaining to a trusted root, and caches the chain', async () => {
    const verify = verifier(() => pki.chain);
    const raw = body();
    const headers = { SignatureCertChainUrl: CERT_URL, 'Signature-256': sign(raw, pki.leafKey) };
    fetched.length = 0;
    await expect(verify(raw, headers)).resolves.toBeUndefined();
    await expect(verify(raw, headers)).resolves.toBeUndefined();
    expect(fetched).toEqual([CERT_URL]);
  });

  it('rejects a body changed after signing', async () => {
    const raw = body();
    const signature = sign(raw, pki.leafKey);
    const tampered = raw.replace('LaunchRequest', 'SessionEndedRequest');
    await expect(
      verifier(() => pki.chain)(tampered, {
        signaturecertchainurl: CERT_URL,
        'signature-256': signature,
      }),
    ).rejects.toThrow(/does not match its signature/);
  });

  it.each([
    ['missing headers', {}, /missing SignatureCertChainUrl/],
    ['missing signature', { signaturecertchainurl: CERT_URL }, /missing Signature-256/],
    [
      'http URL',
      { signaturecertchainurl: 'http://s3.amazonaws.com/echo.api/c.pem', 'signature-256': 'x' },
      /not an Amazon echo.api URL/,
    ],
    [
      'other host',
      { signaturecertchainurl: 'https://evil.example/echo.api/c.pem', 'signature-256': 'x' },
      /not an Amazon echo.api URL/,
    ],
    [
      'path escaping echo.api',
      {
        signaturecertchainurl: 'https://s3.amazonaws.com/echo.api/../evil/c.pem',
        'signature-256': 'x',
      },
      /not an Amazon echo.api URL/,
    ],
    [
      'other port',
      {
        signaturecertchainurl: 'https://s3.amazonaws.com:563/echo.api/c.pem',
        'signature-256': 'x',
      },
      /not an Amazon echo.api URL/,
    ],
  ])('rejects %s with InvalidSignatureError', async (_name, headers, message) => {
    const error = await verifier(() => pki.chain)(body(), headers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSignatureError);
    expect(String(error)).toMatch(message);
  });

  it('rejects a certificate for another domain, an untrusted one and an expired one', async () => {
    const raw = body();
    const other = verifier(() => pki.otherChain)(raw, {
      signaturecertchainurl: CERT_URL,
      'signature-256': sign(raw, pki.otherKey),
    });
    await expect(other).rejects.toThrow(/not for echo-api.amazon.com/);
    const self = verifier(() => pki.selfSigned)(raw, {
      signaturecertchainurl: CERT_URL,
      'signature-256': sign(raw, pki.selfKey),
    });
    await expect(self).rejects.toThrow(/not trusted/);
    const later = verifier(() => pki.chain, { now: () => new Date(Date.now() + 30 * 86_400_000) });
    await expect(
      later(raw, { signaturecertchainurl: CERT_URL, 'signature-256': sign(raw, pki.leafKey) }),
    ).rejects.toThrow(/expired/);
  });

  it('rejects a download failure as an invalid signature, not a crash', async () => {
    const verify = createAlexaRequestVerifier({
      verifySignatures: true,
      trustedRoots: [pki.root],
      fetchCertChain: () => Promise.reject(new Error('getaddrinfo ENOTFOUND')),
    });
    await expect(
      verify(body(), { signaturecertchainurl: CERT_URL, 'signature-256': 'x' }),
    ).rejects.toBeInstanceOf(InvalidSignatureError);
  });

  it('rejects a correctly signed but stale request with ValidationError (400)', async () => {
    const raw = body(new Date(Date.now() - 10 * 60_000));
    const error = await verifier(() => pki.chain)(raw, {
      signaturecertchainurl: CERT_URL,
      'signature-256': sign(raw, pki.leafKey),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toMatch(/timestamp/);
  });

  it.each([
    ['151 s in the future', 151_000, /too far in the future/],
    ['an hour in the future', 3_600_000, /too far in the future/],
    ['151 s in the past', -151_000, /too old/],
  ])(
    'rejects a correctly signed request stamped %s (Amazon allows 150 s either way)',
    async (_name, offsetMs, message) => {
      const now = new Date();
      const raw = body(new Date(now.getTime() + offsetMs));
      const error = await verifier(() => pki.chain, { now: () => now })(raw, {
        signaturecertchainurl: CERT_URL,
        'signature-256': sign(raw, pki.leafKey),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(String(error)).toMatch(message);
    },
  );

  it.each([149_000, -149_000])('accepts a request stamped %i ms from now', async (offsetMs) => {
    const now = new Date();
    const raw = body(new Date(now.getTime() + offsetMs));
    await expect(
      verifier(() => pki.chain, { now: () => now })(raw, {
        signaturecertchainurl: CERT_URL,
        'signature-256': sign(raw, pki.leafKey),
      }),
    ).resolves.toBeUndefined();
  });

  it('rejects a correctly signed request whose timestamp is not a time', async () => {
    const raw = body().replace(/"timestamp":"[^"]*"/, '"timestamp":"soon"');
    const error = await verifier(() => pki.chain)(raw, {
      signaturecertchainurl: CERT_URL,
      'signature-256': sign(raw, pki.leafKey),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toMatch(/not an ISO-8601 time/);
  });

  it('lets everything through only when verification is explicitly off', async () => {
    const verify = createAlexaRequestVerifier({ verifySignatures: false });
    await expect(verify('not even json', {})).resolves.toBeUndefined();
  });
});
