// The input document a login policy sees (Spacelift's login contract §2; `email` is our addition).

export interface SignInFacts {
  login: string;
  name: string | null;
  email: string | null;
  teams: string[];
  /** True when the identity provider vouched for the person (every validated SSO sign-in). */
  member: boolean;
  machine?: boolean;
  remoteIp: string | null;
  /** The sign-in's time; `time.now_ns` in the policy is fixed to it. */
  timestampNs: number;
}

export interface CatalogEntry {
  spaces: { id: string; name: string; labels: string[] }[];
  roles: { id: string; name: string; slug: string }[];
}

export function buildPolicyInput(f: SignInFacts, catalog: CatalogEntry) {
  return {
    request: { remote_ip: f.remoteIp, timestamp_ns: f.timestampNs },
    session: {
      login: f.login,
      name: f.name ?? f.login,
      email: f.email,
      teams: f.teams,
      member: f.member,
      machine: f.machine ?? false,
      admin: false,
      creator_ip: f.remoteIp,
    },
    spaces: catalog.spaces,
    roles: catalog.roles.map((r) => ({ id: r.id, name: r.name, slug: r.slug, ulid: r.id })),
  };
}
