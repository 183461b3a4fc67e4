/**
 * Verifies that an HTTP request to the local server's /alexa endpoint really comes from Alexa,
 * as Amazon requires for skills hosted as a web service: the `SignatureCertChainUrl` points to
 * Amazon's S3 echo.api path, the certificate chain is valid, names echo-api.amazon.com and leads
 * to a trusted root, the `Signature-256` header is the RSA-SHA256 signature of the raw body, and
 * the request timestamp is within 150 s of now, in the past or the future.
 *
 * The chain check uses node:crypto with an injectable certificate fetch and trust roots, because
 * ask-sdk-express-adapter's SkillRequestSignatureVerifier always downloads from Amazon and trusts
 * only Node's bundled roots, which cannot be exercised offline. Lambda requests need none of this
 * (Alexa invokes the function directly); the skill id check happens in the skill itself.
 */
import { X509Certificate, createVerify } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { InvalidSignatureError, ValidationError } from '#core/errors.ts';

export type AlexaRequestHeaders = Record<string, string | string[] | undefined>;

export interface AlexaRequestVerifierOptions {
  /** False only for explicit local development (no Alexa in front of the server). */
  verifySignatures: boolean;
  /** Loads the PEM chain at the (already validated) certificate URL. Default: HTTPS GET. */
  fetchCertChain?: (url: string) => Promise<string>;
  /** Trusted root certificates (PEM). Default: Node's bundled root CAs. */
  trustedRoots?: readonly string[];
  /** Timestamp tolerance in milliseconds (Amazon's maximum, 150 s, by default). */
  toleranceMs?: number;
  /** Clock for certificate validity and the timestamp check (tests). */
  now?: () => Date;
}

/** Verifies one request (raw body + headers); resolves or throws. */
export type AlexaRequestVerifier = (body: string, headers: AlexaRequestHeaders) => Promise<void>;

const CERT_HOST = 's3.amazonaws.com';
const CERT_PATH_PREFIX = '/echo.api/';
const ECHO_DOMAIN = 'echo-api.amazon.com';
const MAX_TOLERANCE_MS = 150_000;

/**
 * A verifier with a certificate cache (one per process).
 * Throws `InvalidSignatureError` (→ 403) for a missing/forged signature or a bad certificate and
 * `ValidationError` (→ 400) for a body that is not JSON or a stale/missing timestamp.
 *
 * @example
 * const verify = createAlexaRequestVerifier({ verifySignatures: config.alexaVerifySignatures });
 * await verify(rawBody, request.headers);
 */
export function createAlexaRequestVerifier(
  options: AlexaRequestVerifierOptions,
): AlexaRequestVerifier {
  const cache = new Map<string, X509Certificate[]>();
  const fetchChain = options.fetchCertChain ?? fetchCertChainOverHttps;
  const roots = (options.trustedRoots ?? rootCertificates).map((pem) => new X509Certificate(pem));
  const toleranceMs = Math.min(options.toleranceMs ?? MAX_TOLERANCE_MS, MAX_TOLERANCE_MS);
  const now = options.now ?? (() => new Date());

  return async (body, headers) => {
    if (!options.verifySignatures) return;
    const chainUrl = header(headers, 'signaturecertchainurl');
    const signature = header(headers, 'signature-256');
    if (!chainUrl) throw new InvalidSignatureError('missing SignatureCertChainUrl header');
    if (!signature) throw new InvalidSignatureError('missing Signature-256 header');
    const url = validCertUrl(chainUrl);

    let chain = cache.get(url);
    if (!chain) {
      let pem: string;
      try {
        pem = await fetchChain(url);
      } catch (cause) {
        throw new InvalidSignatureError(
          'could not load the signing certificate',
          { url },
          { cause },
        );
      }
      chain = parseChain(pem);
      checkChain(chain, roots, now());
      cache.set(url, chain);
    } else {
      checkValidity(chain, now());
    }

    const leaf = chain[0] as X509Certificate;
    const verifier = createVerify('RSA-SHA256');
    verifier.update(body, 'utf8');
    if (!verifier.verify(leaf.publicKey, signature, 'base64')) {
      throw new InvalidSignatureError('request body does not match its signature');
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (cause) {
      throw new ValidationError('Alexa request body is not JSON', {}, { cause });
    }
    checkTimestamp(parsed, now(), toleranceMs);
  };
}

/**
 * Amazon: reject a request whose timestamp is more than 150 s from now, in either direction.
 * (ask-sdk-express-adapter's TimestampVerifier only rejects old ones, and lets an unparseable
 * timestamp through.)
 */
function checkTimestamp(envelope: unknown, now: Date, toleranceMs: number): void {
  const raw = (envelope as { request?: { timestamp?: unknown } } | null)?.request?.timestamp;
  const at = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new ValidationError('Alexa request timestamp is missing or not an ISO-8601 time');
  }
  const skewMs = at - now.getTime();
  if (skewMs < -toleranceMs) throw new ValidationError('Alexa request timestamp is too old');
  if (skewMs > toleranceMs) {
    throw new ValidationError('Alexa request timestamp is too far in the future');
  }
}

function header(headers: AlexaRequestHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** The normalised certificate URL, if it is https://s3.amazonaws.com[:443]/echo.api/… */
function validCertUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidSignatureError('SignatureCertChainUrl is not a URL');
  }
  const ok =
    url.protocol === 'https:' &&
    url.hostname.toLowerCase() === CERT_HOST &&
    (url.port === '' || url.port === '443') &&
    url.pathname.startsWith(CERT_PATH_PREFIX);
  if (!ok)
    throw new InvalidSignatureError('SignatureCertChainUrl is not an Amazon echo.api URL', {
      url: raw,
    });
  return url.toString();
}

function parseChain(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new InvalidSignatureError('signing certificate chain is empty');
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch (cause) {
    throw new InvalidSignatureError('signing certificate chain is not valid PEM', {}, { cause });
  }
}

/** Leaf names echo-api.amazon.com; each certificate is signed by the next; the last by a trusted root. */
function checkChain(chain: X509Certificate[], roots: X509Certificate[], at: Date): void {
  checkValidity(chain, at);
  const leaf = chain[0] as X509Certificate;
  const names = (leaf.subjectAltName ?? '').split(/,\s*/);
  if (!names.includes(`DNS:${ECHO_DOMAIN}`)) {
    throw new InvalidSignatureError(`signing certificate is not for ${ECHO_DOMAIN}`);
  }
  for (let i = 0; i + 1 < chain.length; i += 1) {
    const cert = chain[i] as X509Certificate;
    const issuer = chain[i + 1] as X509Certificate;
    if (!issuer.ca || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new InvalidSignatureError('signing certificate chain is broken', { position: i });
    }
  }
  const last = chain[chain.length - 1] as X509Certificate;
  const trusted = roots.some(
    (root) =>
      root.fingerprint256 === last.fingerprint256 ||
      (root.ca && last.checkIssued(root) && last.verify(root.publicKey) && isValidAt(root, at)),
  );
  if (!trusted) throw new InvalidSignatureError('signing certificate chain is not trusted');
}

function checkValidity(chain: X509Certificate[], at: Date): void {
  if (!chain.every((cert) => isValidAt(cert, at))) {
    throw new InvalidSignatureError('signing certificate expired or not yet valid');
  }
}

function isValidAt(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom) <= at && at <= new Date(cert.validTo);
}

async function fetchCertChainOverHttps(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
  if (!response.ok) throw new Error(`certificate download failed: HTTP ${response.status}`);
  return response.text();
}

/**
 * One-off verification (builds a verifier each call; servers should keep one from
 * `createAlexaRequestVerifier` so the certificate cache is reused).
 */
export function verifyAlexaRequest(
  body: string,
  headers: AlexaRequestHeaders,
  options: AlexaRequestVerifierOptions,
): Promise<void> {
  return createAlexaRequestVerifier(options)(body, headers);
}
