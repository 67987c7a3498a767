// Where a person lands after sign-in. An open redirect here would hand a fresh session token's
// landing page to an attacker (RFC 9700 §4.11), so only two shapes pass: a same-origin absolute path,
// or a URL whose origin is in RETURN_TO_ORIGINS.
export function checkReturnTo(value: string | null | undefined, allowedOrigins: readonly string[]): string | null {
  if (value === undefined || value === null || value === '') return '/';
  if (value.length > 2000 || /[\x00-\x1f\x7f\\]/.test(value)) return null;
  if (value.startsWith('/')) {
    // `//evil` and `/\evil` are protocol-relative to browsers; `/%2F` decodes to the same.
    if (value.startsWith('//') || /^\/%2f/i.test(value) || /^\/%5c/i.test(value)) return null;
    return value;
  }
  try {
    const u = new URL(value);
    if ((u.protocol === 'https:' || u.protocol === 'http:') && allowedOrigins.some((o) => new URL(o).origin === u.origin) && !u.username && !u.password) return u.toString();
  } catch {
    /* not a URL */
  }
  return null;
}
