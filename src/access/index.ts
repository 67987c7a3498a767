// What other modules use from access: the resolver, the caller as a principal, organization set-up,
// and an explicit version bump. Import from here, not from the files behind it.
//
// Invalidation needs no cooperation: deferred triggers (migrations/0003_access.ts) bump the
// organization's access version at commit whenever spaces, roles, bindings, mappings, IdP group
// names/ids or the management strategy change, and a person's role, state and teams are read
// fresh with their credential on every request. `bumpAccessVersion` is only for a change the
// triggers cannot see.
export { ACTION_NAMES, ACTIONS } from './actions.ts';
export { checkBindingRefs, grantUserBindings, type BindingRef } from './bindings-grant.ts';
export type { Grants, Principal } from './grants.ts';
export type { OrgModel } from './model.ts';
export { initOrgAccess, ROOT_SPACE } from './org-init.ts';
export { PREDEFINED_ROLES } from './predefined-roles.ts';
export { actorPrincipal, subjectPrincipal, type SubjectRef } from './principals.ts';
export { accessResolver, AccessResolver } from './resolver.ts';
export { bumpVersion as bumpAccessVersion } from './versions-store.ts';
