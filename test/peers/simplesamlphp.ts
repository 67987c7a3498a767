// SimpleSAMLphp (Debian's 1.19 package) as a real, independent SAML IdP for tests: `php -S` on
// loopback with a private config directory (SIMPLESAMLPHP_CONFIG_DIR), users from exampleauth:UserPass,
// a key pair made per run, and a headless driver for its login form (its `baseurlpath`, `metadatadir`
// and `certdir` settings are what let it run from a temporary folder without Apache).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { makeKeyPair } from './saml-idp.ts';

export const SSP_WWW = '/usr/share/simplesamlphp/www';

export function isSimpleSamlPhpInstalled(): boolean {
  const php = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'php')));
  return php && existsSync(SSP_WWW);
}

export interface SspUser {
  username: string;
  password: string;
  attributes: Record<string, string[]>;
}

type Php = string | number | boolean | null | Php[] | { [key: string]: Php };

// PHP source for a value. Strings are single-quoted, where only \\ and \' are escapes (as var_export
// writes them), so no value can interpolate variables or end the literal.
function php(v: Php, indent = ''): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => php(x, indent)).join(', ')}]`;
  // Integer-like keys are integers in PHP anyway ('0' => … is 0 => …); write them as such.
  const key = (k: string) => (/^(0|[1-9]\d{0,8})$/.test(k) ? k : php(k));
  const inner = `${indent}  `;
  return `[\n${Object.entries(v).map(([k, x]) => `${inner}${key(k)} => ${php(x, inner)},\n`).join('')}${indent}]`;
}

const phpFile = (variable: string, value: Php) => `<?php\n$${variable} = ${php(value)};\n`;
const phpMetadata = (entries: Record<string, Php>) =>
  `<?php\n${Object.entries(entries).map(([id, m]) => `$metadata[${php(id)}] = ${php(m)};\n`).join('')}`;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export const DEFAULT_SSP_USERS: SspUser[] = [
  { username: 'alice', password: 'alice-pass', attributes: { uid: ['alice'], email: ['alice@example.test'], displayName: ['Alice Example'], groups: ['eng', 'ops'] } },
  { username: 'bob', password: 'bob-pass', attributes: { uid: ['bob'], email: ['bob@example.test'], displayName: ['Bob Example'], groups: ['sales'] } },
];

export class SimpleSamlPhp {
  readonly dir = mkdtempSync(join(tmpdir(), 'gh-ssp-'));
  baseUrl = '';
  metadataXml = '';
  private proc: ChildProcess | null = null;
  private log = '';
  private readonly sps = new Map<string, string>();

  constructor(readonly entityId = 'urn:test:ssp-idp', readonly users: SspUser[] = DEFAULT_SSP_USERS) {}

  get metadataUrl() {
    return `${this.baseUrl}/saml2/idp/metadata.php`;
  }

  /** Where an IdP-initiated sign-in for `spEntityId` starts (the response then has no InResponseTo). */
  idpInitiatedUrl(spEntityId: string, relayState: string) {
    return `${this.baseUrl}/saml2/idp/SSOService.php?${new URLSearchParams({ spentityid: spEntityId, RelayState: relayState })}`;
  }

  async start(): Promise<this> {
    try {
      for (const sub of ['config', 'metadata', 'cert', 'tmp', 'data', 'log']) mkdirSync(join(this.dir, sub), { mode: 0o700 });
      const port = await freePort();
      this.baseUrl = `http://127.0.0.1:${port}`;
      const keys = makeKeyPair('ssp-test-idp');
      writeFileSync(join(this.dir, 'cert', 'idp.pem'), keys.key, { mode: 0o600 });
      writeFileSync(join(this.dir, 'cert', 'idp.crt'), keys.cert);
      this.writeConfig();
      this.writeServiceProviders();

      const proc = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', SSP_WWW], {
        env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: join(this.dir, 'config') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.proc = proc;
      // php -S logs each request on stderr; keep only the tail, for error messages.
      const keep = (text: string) => { this.log = (this.log + text).slice(-4000); };
      proc.stdout!.on('data', (c: Buffer) => keep(c.toString()));
      proc.stderr!.on('data', (c: Buffer) => keep(c.toString()));
      proc.on('error', (e) => keep(`\ncannot run php: ${e.message}\n`));
      this.metadataXml = await this.waitForMetadata(proc);
      return this;
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  /**
   * Registers (or replaces) a service provider. SimpleSAMLphp reads its flat-file metadata on every
   * request, so this takes effect without a restart.
   */
  addServiceProvider(entityId: string, acsUrl: string): void {
    this.sps.set(entityId, acsUrl);
    this.writeServiceProviders();
  }

  async close(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (proc?.pid !== undefined && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const stuck = setTimeout(() => proc.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(stuck);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private writeConfig(): void {
    const d = (sub: string) => `${join(this.dir, sub)}/`;
    writeFileSync(join(this.dir, 'config', 'config.php'), phpFile('config', {
      baseurlpath: `${this.baseUrl}/`, // php -S has no alias: the full URL is what makes links absolute
      certdir: d('cert'), metadatadir: d('metadata'), tempdir: d('tmp'), datadir: d('data'), loggingdir: d('log'),
      secretsalt: randomBytes(24).toString('hex'),
      'auth.adminpassword': randomBytes(24).toString('hex'),
      'enable.saml20-idp': true,
      'module.enable': { exampleauth: true, core: true, saml: true },
      'session.cookie.secure': false, // plain http on loopback
      'store.type': 'phpsession',
      timezone: 'UTC',
      'logging.handler': 'file',
      'metadata.sources': [{ type: 'flatfile' }],
    }));
    const users: Record<string, Php> = {};
    for (const u of this.users) {
      if (u.username.includes(':')) throw new Error(`SimpleSAMLphp user names cannot contain ':' (${u.username})`);
      users[`${u.username}:${u.password}`] = u.attributes;
    }
    // An auth source is one PHP array: its class at index 0, then 'user:password' => attributes.
    writeFileSync(join(this.dir, 'config', 'authsources.php'), phpFile('config', {
      admin: ['core:AdminPassword'],
      users: { 0: 'exampleauth:UserPass', ...users },
    }));
    writeFileSync(join(this.dir, 'metadata', 'saml20-idp-hosted.php'), phpMetadata({
      [this.entityId]: {
        host: '__DEFAULT__',
        privatekey: 'idp.pem',
        certificate: 'idp.crt',
        auth: 'users',
        'attributes.NameFormat': 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
        'saml20.sign.assertion': true,
        'saml20.sign.response': true,
        'signature.algorithm': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      },
    }));
  }

  private writeServiceProviders(): void {
    const entries: Record<string, Php> = {};
    for (const [entityId, acsUrl] of this.sps) {
      entries[entityId] = {
        AssertionConsumerService: acsUrl,
        NameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        'simplesaml.nameidattribute': 'email',
      };
    }
    writeFileSync(join(this.dir, 'metadata', 'saml20-sp-remote.php'), phpMetadata(entries));
  }

  private async waitForMetadata(proc: ChildProcess): Promise<string> {
    const deadline = Date.now() + 10_000;
    let last = '';
    while (Date.now() < deadline) {
      if (proc.pid === undefined || proc.exitCode !== null) throw new Error(`php -S is not running (exit code ${proc.exitCode}): ${this.log}`);
      try {
        const res = await fetch(this.metadataUrl, { signal: AbortSignal.timeout(2000) });
        const text = await res.text();
        if (res.ok && text.includes('IDPSSODescriptor')) return text;
        last = `HTTP ${res.status}: ${text.slice(0, 500)}`;
      } catch (e) {
        last = (e as Error).message;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`SimpleSAMLphp did not serve its metadata within 10 s (${last}); log: ${this.log}`);
  }
}

export async function startSimpleSamlPhp(opts: { entityId?: string; users?: SspUser[] } = {}): Promise<SimpleSamlPhp> {
  return new SimpleSamlPhp(opts.entityId, opts.users).start();
}
