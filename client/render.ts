// Turns the service's OpenAPI document into the TypeScript types of client/schema.d.ts. One function
// for `npm run client:generate` and for the test that fails when the committed file is stale.
import openapiTS, { astToString } from 'openapi-typescript';

export const SCHEMA_FILE = new URL('./schema.d.ts', import.meta.url);

const HEADER = '// Generated from GET /v1/openapi.json by `npm run client:generate`: do not edit by hand.\n';

export async function renderSchema(document: object): Promise<string> {
  // openapi-typescript reads a copy: it annotates the object it is given.
  const nodes = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(nodes);
}
