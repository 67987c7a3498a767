// OpenAPI operationIds, derived from method and path so that no route has to spell one out, and
// stable as long as the path is. Generated clients name their functions after them.
//
//   GET    /v1/orgs/{org}/members           listMembers        (a plural segment is a collection)
//   POST   /v1/orgs/{org}/members           createMember
//   GET    /v1/orgs/{org}/members/{userId}  getMember          (PATCH update…, PUT replace…, DELETE delete…)
//   DELETE /v1/orgs/{org}/members/{id}/sessions  deleteMemberSessions   (a parent item qualifies)
//   POST   /v1/orgs/{org}/invitations/{id}/resend  resendInvitation  (a singular segment is an action)
//   POST   /v1/orgs/{org}/login-policies/simulate   simulateLoginPolicies (an action on a collection)
//   GET    /v1/me/sessions                  listMySessions     (/v1/me/… is the caller's own)
//
// `/v1/orgs/{org}` is the scope of nearly every path, so it names nothing; an action right on it
// is the verb alone (`POST /v1/orgs/{org}/leave` → leave).

const ITEM_VERBS = { get: 'get', post: 'create', put: 'replace', patch: 'update', delete: 'delete' } as const;
type Method = keyof typeof ITEM_VERBS;

const isParam = (segment: string) => segment.startsWith('{');
const isPlural = (segment: string) => segment.endsWith('s');
const singular = (noun: string) => (noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.replace(/s$/, ''));
const pascal = (segment: string) => segment.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
const camel = (segment: string) => segment.charAt(0).toLowerCase() + pascal(segment).slice(1);

/** The nouns in front of the operation's own: each collection followed by an item names that item. */
function qualifiers(segments: string[]): string {
  return segments.map((s, i) => (isParam(s) ? '' : pascal(isParam(segments[i + 1] ?? '') ? singular(s) : s))).join('');
}

export function defaultOperationId(method: Method, path: string): string {
  let segments = path.split('/').filter(Boolean);
  if (segments[0] === 'v1') segments = segments.slice(1);
  if (segments[0] === 'orgs' && segments[1] === '{org}' && segments.length > 2) segments = segments.slice(2);
  let owner = '';
  if (segments[0] === 'me') {
    if (segments.length === 1) return `${ITEM_VERBS[method]}Me`;
    owner = 'My';
    segments = segments.slice(1);
  }
  const last = segments.at(-1)!;
  const before = segments.slice(0, -1);
  if (isParam(last)) {
    const noun = before.at(-1)!;
    return ITEM_VERBS[method] + owner + qualifiers(before.slice(0, -1)) + pascal(singular(noun));
  }
  if (isPlural(last)) {
    const verb = method === 'get' ? 'list' : ITEM_VERBS[method];
    return verb + owner + qualifiers(before) + pascal(method === 'post' ? singular(last) : last);
  }
  // An action (a verb segment) on the item or collection in front of it.
  if (!before.length) return camel(last) + owner;
  const target = before.at(-1)!;
  if (isParam(target)) return camel(last) + owner + qualifiers(before.slice(0, -2)) + pascal(singular(before.at(-2)!));
  return camel(last) + owner + qualifiers(before.slice(0, -1)) + pascal(target);
}
