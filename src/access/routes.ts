// Every route of the access module, in the order the OpenAPI document lists them.
import type { AppDeps } from '../app-deps.ts';
import { authorizeRoutes } from './authorize-routes.ts';
import { bindingRoutes } from './bindings-routes.ts';
import { idpGroupRoutes } from './idp-groups-routes.ts';
import { roleRoutes } from './roles-routes.ts';
import { spaceRoutes } from './spaces-routes.ts';

export const accessRoutes = (deps: AppDeps) => [
  ...spaceRoutes(deps),
  ...roleRoutes(deps),
  ...bindingRoutes(deps),
  ...idpGroupRoutes(deps),
  ...authorizeRoutes(deps),
];
