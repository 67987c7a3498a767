// GET|PATCH /v1/orgs/{org}/branding: the sign-in pages' accent colour and logo.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam } from '../orgs/schemas.ts';
import { getBranding, updateBranding } from './branding-service.ts';

const branding = z.object({
  accentColor: z.string().nullable().describe('#rrggbb; buttons on the sign-in pages (their text colour is chosen for contrast)'),
  logoUrl: z.string().nullable().describe('where the sign-in pages load the logo from (this origin)'),
});

export const brandingRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/branding', operationId: 'getBranding', summary: "The sign-in pages' branding: accent colour and logo", tag: 'organizations',
    auth: 'credential', params: orgParam, response: branding, errors: [404],
    handle: ({ ctx }) => getBranding(deps.db, ctx),
  }),
  defineRoute({
    method: 'patch', path: '/v1/orgs/{org}/branding', operationId: 'updateBranding', summary: 'Set the accent colour or the logo of the sign-in pages (owners and admins)', tag: 'organizations',
    auth: 'credential', params: orgParam,
    body: z.strictObject({
      accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d5bbf').nullable().optional(),
      logo: z.string().max(400_000, 'must be at most 256 kB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64').nullable().optional()
        .describe('a PNG, JPEG, GIF or WebP image, base64-encoded; null removes it'),
    }).refine((b) => b.accentColor !== undefined || b.logo !== undefined, { message: 'give accentColor or logo' }),
    response: branding, errors: [403, 404],
    handle: ({ ctx, body }) => updateBranding(deps.db, ctx, body),
  }),
];
