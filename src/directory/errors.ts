// The directory's refusals, in its own terms; each adapter renders them (SCIM: src/scim/error-response.ts).

export type DirectoryErrorKind =
  /** The actor's organization role does not allow this change (domain §2; issue 13.1). */
  | 'forbidden'
  /** The change would leave the organization without an active owner. */
  | 'lastOwner'
  /** A member named in the request is not a user or group of the organization, or not of the type given. */
  | 'invalidMember'
  /** The nesting asked for would make a group contain itself. */
  | 'cycle'
  /** Another user or group already has this unique name. */
  | 'taken'
  /** A concurrent change won and retrying did not help (deadlock victim, role changed under us). */
  | 'conflict';

export class DirectoryError extends Error {
  constructor(readonly kind: DirectoryErrorKind, detail: string) {
    super(detail);
  }
}

/** Thrown inside a transaction to have inTransaction run it again from the start. */
export class RetryTransaction extends Error {}
