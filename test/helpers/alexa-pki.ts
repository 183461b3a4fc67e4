/**
 * Test helper: a certificate chain like Amazon's for signing Alexa requests offline — a root CA
 * (to trust), an intermediate CA and a leaf for echo-api.amazon.com — made with the openssl CLI.
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

export function generateAlexaPki(): AlexaPki {
  const dir = mkdtempSync(join(tmpdir(), 'alexa-pki-'));
  try {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const file = (name: string) => readFileSync(join(dir, name), 'utf8');
    writeFileSync(
      join(dir, 'ca.ext'),
      'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n',
    );
    writeFileSync(
      join(dir, 'leaf.ext'),
      'basicConstraints=CA:FALSE\nsubjectAltName=DNS:echo-api.amazon.com\n',
    );
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'root.key',
      '-out',
      'root.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Test Root',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    const issue = (name: string, cn: string, signer: string, ext: string) => {
      run(
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${cn}`,
      );
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
    return {
      root: file('root.pem'),
      chain: file('leaf.pem') + file('inter.pem'),
      leafKey,
      sign: (body) => ({
        'content-type': 'application/json',
        signaturecertchainurl: ALEXA_CERT_URL,
        'signature-256': createSign('RSA-SHA256').update(body, 'utf8').sign(leafKey, 'base64'),
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
