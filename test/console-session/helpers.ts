// A browser-like client for the console's cookie session: keeps the cookie the server sets and
// sends it back, and adds the CSRF token where asked.
import supertest from 'supertest';
import type { TestServer } from '../helpers/server.ts';

export interface ConsoleBrowser {
  cookie: string | null;
  csrf: string | null;
  setCookies: string[];
  request(method: 'get' | 'post' | 'patch' | 'delete', path: string, opts?: { csrf?: boolean; body?: object; headers?: Record<string, string> }): Promise<supertest.Response>;
}

export function consoleBrowser(server: TestServer): ConsoleBrowser {
  const b: ConsoleBrowser = {
    cookie: null,
    csrf: null,
    setCookies: [],
    async request(method, path, opts = {}) {
      let r = supertest(server.url)[method](path).redirects(0);
      if (b.cookie) r = r.set('Cookie', b.cookie);
      if (opts.csrf && b.csrf) r = r.set('X-CSRF-Token', b.csrf);
      for (const [k, v] of Object.entries(opts.headers ?? {})) r = r.set(k, v);
      const res = await (opts.body ? r.send(opts.body) : r);
      const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      b.setCookies.push(...set);
      for (const c of set) {
        const pair = c.split(';')[0]!;
        if (!pair.startsWith('gatehouse_console=')) continue;
        b.cookie = /=$/.test(pair) || /expires=Thu, 01 Jan 1970/i.test(c) ? null : pair;
      }
      if (res.body?.csrfToken) b.csrf = res.body.csrfToken;
      return res;
    },
  };
  return b;
}

export async function signInWithKey(server: TestServer, apiKey: string): Promise<ConsoleBrowser> {
  const b = consoleBrowser(server);
  const res = await b.request('post', '/v1/console/session', { body: { apiKey } });
  if (res.status !== 201) throw new Error(`console sign-in: ${res.status} ${JSON.stringify(res.body)}`);
  return b;
}
