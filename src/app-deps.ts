// What the modules' routes and services are built from: one set per running instance.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/knex.ts';
import type { CredentialResolver } from './http/actor.ts';

export interface AppDeps {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  /** Tried in order on every authenticated request (API keys; session tokens once they exist). */
  readonly credentialResolvers: CredentialResolver[];
  /** Dependency checks for /readyz; `critical` ones make the service unready, the others degraded. */
  readonly readiness: ReadinessCheck[];
}

export interface ReadinessCheck {
  name: string;
  critical: boolean;
  check(): Promise<void>;
}
