// A headless browser for SimpleSAMLphp's login: follows redirects with a cookie jar, posts the
// username/password form once, and returns the auto-submitting form that carries the SAMLResponse.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function htmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

interface HtmlForm {
  action: string;
  fields: Map<string, string>;
}

function firstForm(html: string): HtmlForm | null {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const attrs = (tag: string) => new Map([...tag.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((m) => [m[1]!.toLowerCase(), htmlUnescape(m[2] ?? m[3] ?? '')]));
  const fields = new Map<string, string>();
  for (const input of form[2]!.matchAll(/<input\b([^>]*)>/gi)) {
    const a = attrs(input[1]!);
    if (a.has('name')) fields.set(a.get('name')!, a.get('value') ?? '');
  }
  return { action: attrs(form[1]!).get('action') ?? '', fields };
}

class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || (/^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

// What a person would read on an error page (SimpleSAMLphp explains the error there).
const pageText = (html: string) =>
  htmlUnescape(html.replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

export interface SspPostback {
  /** Where the auto-submitting form posts (the ACS SimpleSAMLphp chose). */
  action: string;
  SAMLResponse: string;
  RelayState: string | undefined;
}

export class SspLoginRefused extends Error {}

/**
 * Walks from an IdP URL (an SP's HTTP-Redirect AuthnRequest, or an IdP-initiated start) through
 * SimpleSAMLphp's login form to the auto-submitting form that carries the SAMLResponse. The ACS is not
 * called: the test posts the result itself.
 */
export async function signInAtSsp(startUrl: string, user: { username: string; password: string }, maxSteps = 10): Promise<SspPostback> {
  const jar = new CookieJar();
  let url = startUrl;
  let body: URLSearchParams | undefined;
  let submitted = false;
  for (let step = 0; step < maxSteps; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    jar.take(res);
    body = undefined;
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const form = res.status === 200 ? firstForm(html) : null;
    if (form?.fields.has('SAMLResponse')) {
      return { action: new URL(form.action, url).href, SAMLResponse: form.fields.get('SAMLResponse')!, RelayState: form.fields.get('RelayState') };
    }
    if (form?.fields.has('AuthState') && form.fields.has('password')) {
      if (submitted) throw new SspLoginRefused(`SimpleSAMLphp showed the login form again after the password was posted: wrong username or password for ${user.username}`);
      submitted = true;
      // The AuthState in the page was HTML-escaped; firstForm has unescaped it.
      body = new URLSearchParams({ username: user.username, password: user.password, AuthState: form.fields.get('AuthState')! });
      url = new URL(form.action || '?', url).href;
      continue;
    }
    throw new Error(`SimpleSAMLphp answered ${res.status} at ${url} with neither a login form nor a SAMLResponse: ${pageText(html).slice(0, 600)}`);
  }
  throw new Error(`no SAMLResponse after ${maxSteps} steps at SimpleSAMLphp (last URL ${url})`);
}
