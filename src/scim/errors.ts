// One error vocabulary for /scim/v2, named after RFC 7644 §3.12's scimType values; rendered as the
// Error schema with `status` as a string (Entra compares it as one: Microsoft Learn's SCIM
// tutorial for Entra app provisioning shows `"status": "404"` as a string).
import { boundText } from '../http/input-hygiene.ts';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax'
  | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive' | 'tooLarge';

export class ScimError extends Error {
  constructor(readonly status: number, readonly scimType: ScimType | null, detail: string) {
    super(detail);
  }

  toBody() {
    return { schemas: [ERROR_SCHEMA], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: boundText(this.message, 1000) };
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, 'invalidFilter', detail);
export const invalidSyntax = (detail: string) => new ScimError(400, 'invalidSyntax', detail);
export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);
export const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', detail);
export const noTarget = (detail: string) => new ScimError(400, 'noTarget', detail);
export const mutability = (detail: string) => new ScimError(400, 'mutability', detail);
export const tooMany = (detail: string) => new ScimError(400, 'tooMany', detail);
export const uniqueness = (detail: string) => new ScimError(409, 'uniqueness', detail);
export const tooLarge = (detail: string) => new ScimError(413, 'tooLarge', detail);
export const notFound = (what: string) => new ScimError(404, null, `${what} not found`);
export const unauthorized = (detail: string) => new ScimError(401, null, detail);
export const forbidden = (detail: string) => new ScimError(403, null, detail);
export const preconditionFailed = (detail: string) => new ScimError(412, null, detail);
export const notImplemented = (detail: string) => new ScimError(501, null, detail);
export const methodNotAllowed = (detail: string) => new ScimError(405, null, detail);
