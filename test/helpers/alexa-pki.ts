/**
 * Test helper: a certificate chain like Amazon's for signing Alexa requests offline — a root CA
 * (to trust), an intermediate CA and a leaf for echo-api.amazon.com — made with the openssl CLI.
 * On request it also makes impostor certificates, for tests of what must be refused.
 */
import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ALEXA_CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';

export interface AlexaPki {
  root: string;
  /** leaf + intermediate, as Amazon serves it */
  chain: string;
  leafKey: string;
  /** Headers of a request signed with the leaf key. */
  sign(body: string): Record<string, string>;
}

/** Certificates a verifier must refuse, each with its private key. */
export interface AlexaImpostors {
  /** a leaf for another domain, signed by the same intermediate (+ that intermediate) */
  otherChain: string;
  otherKey: string;
  /** a self-signed echo-api.amazon.com certificate, trusted by nobody */
  selfSigned: string;
  selfKey: string;
}

/** The base64 RSA-SHA256 signature of a request body, as in the Signature-256 header. */
export function signAlexaBody(body: string, key: string): string {
  return createSign('RSA-SHA256').update(body, 'utf8').sign(key, 'base64');
}

/** Root → intermediate → echo-api.amazon.com leaf. */
export function generateAlexaPki(): AlexaPki {
  return generate(false);
}

/** The same chain plus the impostor certificates (a few openssl runs more, so only on request). */
export function generateAlexaPkiWithImpostors(): AlexaPki & AlexaImpostors {
  return generate(true);
}

function generate(withImpostors: false): AlexaPki;
function generate(withImpostors: true): AlexaPki & AlexaImpostors;
function generate(withImpostors: boolean): AlexaPki | (AlexaPki & AlexaImpostors) {
  const dir = mkdtempSync(join(tmpdir(), 'alexa-pki-'));
  try {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const file = (name: string) => readFileSync(join(dir, name), 'utf8');
    const leafExt = (name: string, domain: string) =>
      writeFileSync(join(dir, name), `basicConstraints=CA:FALSE\nsubjectAltName=DNS:${domain}\n`);
    writeFileSync(
      join(dir, 'ca.ext'),
      'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n',
    );
    leafExt('leaf.ext', 'echo-api.amazon.com');
    // A new key `${name}.key` and, for it, a request or (with -x509) a self-signed certificate.
    const newKey = (name: string, subject: string, ...output: string[]) =>
      run(
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-subj',
        subject,
        ...output,
      );
    const selfSign = (name: string, days: string, subject: string, ...extensions: string[]) =>
      newKey(
        name,
        subject,
        '-x509',
        '-out',
        `${name}.pem`,
        '-days',
        days,
        ...extensions.flatMap((extension) => ['-addext', extension]),
      );
    selfSign(
      'root',
      '2',
      '/CN=Test Root',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    const issue = (name: string, cn: string, signer: string, ext: string) => {
      newKey(name, `/CN=${cn}`, '-out', `${name}.csr`);
      run(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${signer}.pem`,
        '-CAkey',
        `${signer}.key`,
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '1',
        '-extfile',
        ext,
      );
    };
    issue('inter', 'Test Intermediate', 'root', 'ca.ext');
    issue('leaf', 'echo-api.amazon.com', 'inter', 'leaf.ext');
    const leafKey = file('leaf.key');
    const pki: AlexaPki = {
      root: file('root.pem'),
      chain: file('leaf.pem') + file('inter.pem'),
      leafKey,
      sign: (body) => ({
        'content-type': 'application/json',
        signaturecertchainurl: ALEXA_CERT_URL,
        'signature-256': signAlexaBody(body, leafKey),
      }),
    };
    if (!withImpostors) return pki;
    leafExt('other.ext', 'evil.example');
    issue('other', 'evil.example', 'inter', 'other.ext');
    selfSign('self', '1', '/CN=echo-api.amazon.com', 'subjectAltName=DNS:echo-api.amazon.com');
    return {
      ...pki,
      otherChain: file('other.pem') + file('inter.pem'),
      otherKey: file('other.key'),
      selfSigned: file('self.pem'),
      selfKey: file('self.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
