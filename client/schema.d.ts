// Generated from GET /v1/openapi.json by `npm run client:generate`: do not edit by hand.
export interface paths {
    "/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an organization and its owner API key (bootstrap credential only) */
        post: operations["createOrg"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization (by slug or id) */
        get: operations["getOrg"];
        put?: never;
        post?: never;
        /** Delete the organization and all its data (owners; confirm with its slug); its audit trail is kept until the operator purges it */
        delete: operations["deleteOrg"];
        options?: never;
        head?: never;
        /** Rename the organization or switch its management strategy (owners) */
        patch: operations["updateOrg"];
        trace?: never;
    };
    "/v1/orgs/{org}/strategy-switch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What switching the management strategy to `to` would do: queued invitations sent, sessions ended (owners) */
        get: operations["previewStrategySwitch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the credential is: organization, role, person or key, teams */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List members (search, filters, sort) with a cursor */
        get: operations["listMembers"];
        put?: never;
        /** Add a person directly (automation and tests; people normally arrive by SCIM, SSO or invitation) */
        post: operations["createMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One member, with their teams (from SCIM, and from their last sign-in) */
        get: operations["getMember"];
        put?: never;
        post?: never;
        /** Remove a member (owners only; never the last owner) */
        delete: operations["deleteMember"];
        options?: never;
        head?: never;
        /** Change a member's organization role or suspend/reactivate them */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/v1/orgs/{org}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Leave the organization (owners and admins; never the last owner) */
        post: operations["leave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (owners and admins: all; others: their personal keys) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key; the secret is in this response only */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (it stops working at once) */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audit events (oldest first, or newest with order=desc; `after` cursor); NDJSON or CSV (Accept or format) exports every match */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invitations (newest first; by default queued, pending and expired), with a cursor */
        get: operations["listInvitations"];
        put?: never;
        /** Invite people (a comma-separated list of addresses): a result per address */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invitation, with the delivery of its mail */
        get: operations["getInvitation"];
        put?: never;
        post?: never;
        /** Delete an invitation: its link stops working, it is listed as revoked */
        delete: operations["deleteInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/invitations/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resend: a new link (the old one stops working), the expiry renewed */
        post: operations["resendInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invite/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Opens an invitation link: redirects to the organization's sign-in, or explains why not (HTML or JSON) */
        get: operations["getInvite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My live sessions */
        get: operations["listMySessions"];
        put?: never;
        post?: never;
        /** End all my sessions (sign out everywhere) */
        delete: operations["deleteMySessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of my sessions */
        delete: operations["deleteMySession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live sessions of the organization (session:manage) */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End anyone's session (session:manage) */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/members/{userId}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End all of a member's sessions (session:manage) */
        delete: operations["deleteMemberSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new token pair (the old refresh token is spent) */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether a session token is live, with its claims (RFC 7662 shape; caller's organization only) */
        post: operations["introspectSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/sso-connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SSO connections */
        get: operations["listSsoConnections"];
        put?: never;
        /** Create a SAML or OIDC connection (owners and admins) */
        post: operations["createSsoConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/sso-connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One SSO connection (secrets are never returned) */
        get: operations["getSsoConnection"];
        put?: never;
        post?: never;
        /** Delete an SSO connection */
        delete: operations["deleteSsoConnection"];
        options?: never;
        head?: never;
        /** Change, enable or disable an SSO connection */
        patch: operations["updateSsoConnection"];
        trace?: never;
    };
    "/v1/orgs/{org}/login-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List login policies */
        get: operations["listLoginPolicies"];
        put?: never;
        /** Create a login policy (validated: errors carry line and column) */
        post: operations["createLoginPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/login-policies/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate an input against every enabled policy together (nothing stored) */
        post: operations["simulateLoginPolicies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/login-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One login policy */
        get: operations["getLoginPolicy"];
        /** Replace a login policy (ends other sessions) */
        put: operations["replaceLoginPolicy"];
        post?: never;
        /** Delete a login policy (ends other sessions) */
        delete: operations["deleteLoginPolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/login-policies/{id}/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate an input against this policy, or a draft body of it (nothing stored) */
        post: operations["simulateLoginPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/login-policies/{id}/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent evaluations (input, output, duration): the newest 100 of the last 7 days */
        get: operations["listLoginPolicySamples"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/spaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the spaces the caller can read (space:read), by id, with a cursor */
        get: operations["listSpaces"];
        put?: never;
        /** Create a space below one the caller administers */
        post: operations["createSpace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/spaces/{spaceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One space */
        get: operations["getSpace"];
        put?: never;
        post?: never;
        /** Delete a space; refused while it has children unless cascade=true (its bindings go with it) */
        delete: operations["deleteSpace"];
        options?: never;
        head?: never;
        /** Rename, relabel, move (never into its own subtree; bindings stay) or change inheritance */
        patch: operations["updateSpace"];
        trace?: never;
    };
    "/v1/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The action catalogue roles are made of */
        get: operations["listActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List roles: the three predefined ones, then custom roles by slug */
        get: operations["listRoles"];
        put?: never;
        /** Create a custom role (Root Space Admins) */
        post: operations["createRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/roles/{roleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One role, by id or slug */
        get: operations["getRole"];
        put?: never;
        post?: never;
        /** Delete a custom role that no binding uses */
        delete: operations["deleteRole"];
        options?: never;
        head?: never;
        /** Change a custom role's name, description or actions (predefined roles are immutable) */
        patch: operations["updateRole"];
        trace?: never;
    };
    "/v1/orgs/{org}/role-bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the role bindings of the spaces the caller administers */
        get: operations["listRoleBindings"];
        put?: never;
        /** Bind a role (id or slug) to a user, IdP group or API key in a space the caller administers */
        post: operations["createRoleBinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/role-bindings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a role binding (effective at the next check) */
        delete: operations["deleteRoleBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/idp-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List IdP group mappings by name (any Space Admin) */
        get: operations["listIdpGroups"];
        put?: never;
        /** Create an IdP group mapping for a team name, optionally tied to the group's stable IdP id (Root Space Admins) */
        post: operations["createIdpGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/idp-groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One IdP group mapping */
        get: operations["getIdpGroup"];
        put?: never;
        post?: never;
        /** Delete a mapping and its role bindings (Root Space Admins) */
        delete: operations["deleteIdpGroup"];
        options?: never;
        head?: never;
        /** Rename a mapping, tie it to an IdP group id or untie it (externalId: null) (Root Space Admins) */
        patch: operations["updateIdpGroup"];
        trace?: never;
    };
    "/v1/orgs/{org}/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** May the caller (or `subject`) do `action` in `spaceId` (default root)? One check, or up to 1000 in `checks`; allowed answers name their sources */
        post: operations["authorize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every space where a subject (user:<id>, api_key:<id>, idp_group:<id or name>; default: the caller) has actions, and which */
        get: operations["listPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's spaces and actions in each */
        get: operations["listMyPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/scim-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SCIM tokens with their last use */
        get: operations["listScimTokens"];
        put?: never;
        /** Create a SCIM token for an IdP; the secret is in this response only */
        post: operations["createScimToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/scim-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a SCIM token (it stops working at once; other tokens keep working) */
        delete: operations["deleteScimToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event catalogue: every event type webhooks and the feed carry */
        get: operations["listEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The events feed, oldest first: pass `next` back as `after` to continue (410 when the cursor is older than the retention) */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook subscriptions */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to events; the signing secret (whsec_…) is in this response only */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a webhook subscription (never its secret) */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a subscription and its delivery log */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change a subscription; `enabled: true` re-enables a disabled one (what waited is delivered, in order) */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/orgs/{org}/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing secret; during the overlap every delivery carries both signatures */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with every attempt (status, latency, response snippet) */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivered or failed delivery again (same webhook-id) */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/audit-sinks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audit sinks */
        get: operations["listAuditSinks"];
        put?: never;
        /** Stream every audit record from now on to a SIEM or a bucket (batched, retried, none lost) */
        post: operations["createAuditSink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/audit-sinks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an audit sink, with its backlog and last error */
        get: operations["getAuditSink"];
        put?: never;
        post?: never;
        /** Delete an audit sink */
        delete: operations["deleteAuditSink"];
        options?: never;
        head?: never;
        /** Change, disable or enable an audit sink (a disabled sink keeps its place: nothing is skipped) */
        patch: operations["updateAuditSink"];
        trace?: never;
    };
    "/v1/console/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console session of this browser's cookie, with its CSRF token */
        get: operations["getConsoleSession"];
        put?: never;
        /** Sign in to the console with an owner or admin API key: sets an HttpOnly session cookie (the key is not kept) */
        post: operations["createConsoleSession"];
        /** Sign out of the console (an SSO sign-in session ends too); needs X-CSRF-Token */
        delete: operations["deleteConsoleSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/branding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sign-in pages' branding: accent colour and logo */
        get: operations["getBranding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set the accent colour or the logo of the sign-in pages (owners and admins) */
        patch: operations["updateBranding"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: {
        /** @description RFC 9457 problem details; `errors` names each field at fault */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": {
                    type?: string;
                    title?: string;
                    status?: number;
                    detail?: string;
                    errors?: {
                        field?: string;
                        reason?: string;
                    }[];
                    requestId?: string;
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createOrg: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    slug: string;
                    name: string;
                    /**
                     * @default user_management
                     * @enum {string}
                     */
                    managementStrategy?: "user_management" | "login_policy";
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organization: {
                            id: string;
                            slug: string;
                            name: string;
                            /** @enum {string} */
                            managementStrategy: "user_management" | "login_policy";
                            createdAt: string;
                            updatedAt: string;
                        };
                        ownerApiKey: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "service" | "personal";
                            /** @description organization role of a service key; null for personal keys */
                            role: ("owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member") | null;
                            /** @description the person a personal key acts as */
                            userId: string | null;
                            teams: string[];
                            secretHint: string;
                            createdBy: string | null;
                            createdAt: string;
                            lastUsedAt: string | null;
                            expiresAt: string | null;
                            revokedAt: string | null;
                            secret: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getOrg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                        name: string;
                        /** @enum {string} */
                        managementStrategy: "user_management" | "login_policy";
                        createdAt: string;
                        updatedAt: string;
                        /** @description advice that does not stop the request, e.g. a single owner */
                        warnings: string[];
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteOrg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    confirm: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organization: {
                            id: string;
                            slug: string;
                            name: string;
                            /** @enum {string} */
                            managementStrategy: "user_management" | "login_policy";
                            createdAt: string;
                            updatedAt: string;
                        };
                        erased: {
                            members: number;
                            groups: number;
                            apiKeys: number;
                            scimTokens: number;
                            liveSessions: number;
                            ssoConnections: number;
                            invitations: number;
                        };
                        auditTrail: {
                            /** @constant */
                            kept: true;
                            events: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    updateOrg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    managementStrategy?: "user_management" | "login_policy";
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                        name: string;
                        /** @enum {string} */
                        managementStrategy: "user_management" | "login_policy";
                        createdAt: string;
                        updatedAt: string;
                        /** @description advice that does not stop the request, e.g. a single owner */
                        warnings: string[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    previewStrategySwitch: {
        parameters: {
            query: {
                to: "user_management" | "login_policy";
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        from: "user_management" | "login_policy";
                        /** @enum {string} */
                        to: "user_management" | "login_policy";
                        /** @description sent at once (switching to user_management) */
                        queuedInvitations: number;
                        /** @description every live session but the caller's */
                        sessionsToEnd: number;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type: "api_key" | "user" | "scim_token";
                        organization: {
                            id: string;
                            slug: string;
                            name: string;
                            /** @enum {string} */
                            managementStrategy: "user_management" | "login_policy";
                            createdAt: string;
                            updatedAt: string;
                        };
                        /** @enum {string} */
                        role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                        user: {
                            id: string;
                            userName: string;
                            email: string | null;
                            name: string | null;
                            /** @enum {string} */
                            role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                            active: boolean;
                            source: string;
                            createdAt: string;
                            updatedAt: string;
                        } | null;
                        apiKeyId: string | null;
                        sessionId: string | null;
                        teams: string[];
                    };
                };
            };
            401: components["responses"]["Problem"];
        };
    };
    listMembers: {
        parameters: {
            query?: {
                role?: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                active?: "true" | "false";
                source?: "scim" | "sso" | "invitation" | "api";
                search?: string;
                sort?: "userName" | "name" | "createdAt" | "-createdAt";
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            userName: string;
                            email: string | null;
                            name: string | null;
                            /** @enum {string} */
                            role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                            active: boolean;
                            source: string;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        next: string | null;
                        /** @description advice that does not stop the request, e.g. a single owner */
                        warnings: string[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    userName?: string;
                    name?: string;
                    /**
                     * @default member
                     * @enum {string}
                     */
                    role?: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        userName: string;
                        email: string | null;
                        name: string | null;
                        /** @enum {string} */
                        role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                        active: boolean;
                        source: string;
                        createdAt: string;
                        updatedAt: string;
                        /** @description advice that does not stop the request, e.g. a single owner */
                        warnings: string[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        userName: string;
                        email: string | null;
                        name: string | null;
                        /** @enum {string} */
                        role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                        active: boolean;
                        source: string;
                        createdAt: string;
                        updatedAt: string;
                        teams: {
                            /** @description the SCIM groups they belong to now */
                            scim: string[];
                            /** @description the groups their identity provider sent at their last sign-in */
                            lastSignIn: {
                                at: string;
                                teams: string[];
                            } | null;
                        };
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description advice that does not stop the request, e.g. a single owner */
                        warnings: string[];
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        userName: string;
                        email: string | null;
                        name: string | null;
                        /** @enum {string} */
                        role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                        active: boolean;
                        source: string;
                        createdAt: string;
                        updatedAt: string;
                        /** @description advice that does not stop the request, e.g. a single owner */
                        warnings: string[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    leave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                includeRevoked?: "true" | "false";
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "service" | "personal";
                            /** @description organization role of a service key; null for personal keys */
                            role: ("owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member") | null;
                            /** @description the person a personal key acts as */
                            userId: string | null;
                            teams: string[];
                            secretHint: string;
                            createdBy: string | null;
                            createdAt: string;
                            lastUsedAt: string | null;
                            expiresAt: string | null;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @default service
                     * @enum {string}
                     */
                    kind?: "service" | "personal";
                    /** @enum {string} */
                    role?: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                    teams?: string[];
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        kind: "service" | "personal";
                        /** @description organization role of a service key; null for personal keys */
                        role: ("owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member") | null;
                        /** @description the person a personal key acts as */
                        userId: string | null;
                        teams: string[];
                        secretHint: string;
                        createdBy: string | null;
                        createdAt: string;
                        lastUsedAt: string | null;
                        expiresAt: string | null;
                        revokedAt: string | null;
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                after?: string;
                actor?: string;
                action?: string;
                target?: string;
                since?: string;
                until?: string;
                order?: "asc" | "desc";
                format?: "json" | "ndjson" | "csv";
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            at: string;
                            action: string;
                            actor: {
                                type: string;
                                id: string | null;
                                label: string | null;
                            };
                            target: {
                                type: string;
                                id: string | null;
                            } | null;
                            before: unknown;
                            after: unknown;
                            details: unknown;
                            ip: string | null;
                            requestId: string | null;
                        }[];
                        next: string | null;
                    };
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                state?: string;
                email?: string;
                delivery?: "queued" | "sending" | "sent" | "failed";
                role?: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            email: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                            bindings: {
                                roleId: string;
                                spaceId: string;
                            }[];
                            /** @enum {string} */
                            state: "queued" | "pending" | "expired" | "accepted" | "revoked";
                            /** @description delivery of the latest mail; null while queued */
                            delivery: ("queued" | "sending" | "sent" | "failed") | null;
                            /** @description the last delivery error, kept until the mail goes out */
                            deliveryError: string | null;
                            invitedBy: string;
                            createdAt: string;
                            expiresAt: string | null;
                            sentAt: string | null;
                            acceptedAt: string | null;
                            acceptedUserId: string | null;
                            revokedAt: string | null;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    emails: string;
                    /**
                     * @default member
                     * @enum {string}
                     */
                    role?: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                    /** @default [] */
                    bindings?: {
                        roleId: string;
                        spaceId: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            email: string;
                            /** @enum {string} */
                            result: "invited" | "already_member" | "already_invited" | "invalid";
                            reason?: string;
                            invitation?: {
                                id: string;
                                email: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                                bindings: {
                                    roleId: string;
                                    spaceId: string;
                                }[];
                                /** @enum {string} */
                                state: "queued" | "pending" | "expired" | "accepted" | "revoked";
                                /** @description delivery of the latest mail; null while queued */
                                delivery: ("queued" | "sending" | "sent" | "failed") | null;
                                /** @description the last delivery error, kept until the mail goes out */
                                deliveryError: string | null;
                                invitedBy: string;
                                createdAt: string;
                                expiresAt: string | null;
                                sentAt: string | null;
                                acceptedAt: string | null;
                                acceptedUserId: string | null;
                                revokedAt: string | null;
                            };
                            invitationId?: string | null;
                        }[];
                        summary: {
                            invited: number;
                            already_member: number;
                            already_invited: number;
                            invalid: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    getInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                        bindings: {
                            roleId: string;
                            spaceId: string;
                        }[];
                        /** @enum {string} */
                        state: "queued" | "pending" | "expired" | "accepted" | "revoked";
                        /** @description delivery of the latest mail; null while queued */
                        delivery: ("queued" | "sending" | "sent" | "failed") | null;
                        /** @description the last delivery error, kept until the mail goes out */
                        deliveryError: string | null;
                        invitedBy: string;
                        createdAt: string;
                        expiresAt: string | null;
                        sentAt: string | null;
                        acceptedAt: string | null;
                        acceptedUserId: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    resendInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "admin" | "contributor" | "viewer" | "viewer_no_secrets" | "member";
                        bindings: {
                            roleId: string;
                            spaceId: string;
                        }[];
                        /** @enum {string} */
                        state: "queued" | "pending" | "expired" | "accepted" | "revoked";
                        /** @description delivery of the latest mail; null while queued */
                        delivery: ("queued" | "sending" | "sent" | "failed") | null;
                        /** @description the last delivery error, kept until the mail goes out */
                        deliveryError: string | null;
                        invitedBy: string;
                        createdAt: string;
                        expiresAt: string | null;
                        sentAt: string | null;
                        acceptedAt: string | null;
                        acceptedUserId: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/html": string;
                };
            };
            404: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
        };
    };
    listMySessions: {
        parameters: {
            query?: {
                after?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            userId: string;
                            login: string;
                            connectionId: string | null;
                            teams: string[];
                            /** @description assertion, or scim_fallback_overage when the IdP sent a group overage instead of groups */
                            teamsSource: string;
                            admin: boolean;
                            /** @description space id → role slugs frozen by a login policy */
                            roles: {
                                [key: string]: string[];
                            } | null;
                            ip: string | null;
                            userAgent: string | null;
                            createdAt: string;
                            refreshedAt: string;
                            expiresAt: string;
                            /** @description the session making this request */
                            current: boolean;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
        };
    };
    deleteMySessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ended: number;
                    };
                };
            };
            401: components["responses"]["Problem"];
        };
    };
    deleteMySession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ended: number;
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listSessions: {
        parameters: {
            query?: {
                after?: string;
                limit?: number;
                userId?: string;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            userId: string;
                            login: string;
                            connectionId: string | null;
                            teams: string[];
                            /** @description assertion, or scim_fallback_overage when the IdP sent a group overage instead of groups */
                            teamsSource: string;
                            admin: boolean;
                            /** @description space id → role slugs frozen by a login policy */
                            roles: {
                                [key: string]: string[];
                            } | null;
                            ip: string | null;
                            userAgent: string | null;
                            createdAt: string;
                            refreshedAt: string;
                            expiresAt: string;
                            /** @description the session making this request */
                            current: boolean;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ended: number;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteMemberSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ended: number;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessionId: string;
                        /** @description signed session token (JWT, EdDSA); verify offline with /.well-known/jwks.json */
                        token: string;
                        /** @constant */
                        tokenType: "Bearer";
                        expiresAt: string;
                        /** @description single use; each refresh returns a new one */
                        refreshToken: string;
                        sessionExpiresAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
        };
    };
    introspectSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
        };
    };
    listSsoConnections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            protocol: "saml" | "oidc";
                            enabled: boolean;
                            allowIdpInitiated: boolean;
                            emailDomains: string[];
                            saml: {
                                idpEntityId: string;
                                ssoUrl: string;
                                certificates: {
                                    pem: string;
                                    sha256: string;
                                    notAfter: string;
                                }[];
                                wantResponseSigned: boolean;
                                encryption: {
                                    certificate: string;
                                } | null;
                                attributes: {
                                    email: string;
                                    name: string;
                                    groups: string;
                                };
                                groupsOverage: string;
                                spEntityId: string;
                                acsUrl: string;
                                metadataUrl: string;
                            } | null;
                            oidc: {
                                issuer: string;
                                clientId: string;
                                clientAuth: string;
                                hasClientSecret: boolean;
                                /** @description register this key at the IdP for private_key_jwt */
                                clientPublicJwk: {
                                    [key: string]: unknown;
                                } | null;
                                scopes: string[];
                                claims: {
                                    email: string;
                                    name: string;
                                    groups: string;
                                };
                                groupsOverage: string;
                                redirectUri: string;
                            } | null;
                            loginUrl: string;
                            /** @description an owner saved its identity settings; only then may owners sign in through it (any owner save approves; an admin changing IdP, certificates, client, claims or domains withdraws it) */
                            ownerApproved: boolean;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createSsoConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    enabled?: boolean;
                    /** @description SAML only; refused by default (answered with a redirect into SP-initiated sign-in) */
                    allowIdpInitiated?: boolean;
                    /** @description home-realm discovery; also the only domains whose addresses may link to existing users */
                    emailDomains?: string[];
                    /** @enum {string} */
                    protocol: "saml" | "oidc";
                    saml?: {
                        /** @description the IdP's SAML metadata; fills idpEntityId, ssoUrl and certificates */
                        metadataXml?: string;
                        /**
                         * Format: uri
                         * @description where to fetch the IdP's metadata (https), once, when saved
                         */
                        metadataUrl?: string;
                        idpEntityId?: string;
                        /** Format: uri */
                        ssoUrl?: string;
                        certificates?: string[];
                        /** @description require the whole Response to be signed; the assertion signature is always required */
                        wantResponseSigned?: boolean;
                        /** @description our SP key pair for encrypted assertions; the certificate is published in our SP metadata */
                        encryption?: {
                            privateKey: string;
                            certificate: string;
                        } | null;
                        attributes?: {
                            email?: string;
                            name?: string;
                            groups?: string;
                        };
                        /**
                         * @description when the IdP sends a group overage (Azure AD) instead of groups: use the SCIM teams and say so, or refuse the sign-in
                         * @enum {string}
                         */
                        groupsOverage?: "scim_teams" | "refuse";
                    };
                    oidc?: {
                        /** Format: uri */
                        issuer?: string;
                        clientId?: string;
                        clientSecret?: string;
                        /** @enum {string} */
                        clientAuth?: "client_secret_basic" | "client_secret_post" | "private_key_jwt";
                        scopes?: string[];
                        claims?: {
                            email?: string;
                            name?: string;
                            groups?: string;
                        };
                        /**
                         * @description when the IdP sends a group overage (Azure AD) instead of groups: use the SCIM teams and say so, or refuse the sign-in
                         * @enum {string}
                         */
                        groupsOverage?: "scim_teams" | "refuse";
                    };
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        protocol: "saml" | "oidc";
                        enabled: boolean;
                        allowIdpInitiated: boolean;
                        emailDomains: string[];
                        saml: {
                            idpEntityId: string;
                            ssoUrl: string;
                            certificates: {
                                pem: string;
                                sha256: string;
                                notAfter: string;
                            }[];
                            wantResponseSigned: boolean;
                            encryption: {
                                certificate: string;
                            } | null;
                            attributes: {
                                email: string;
                                name: string;
                                groups: string;
                            };
                            groupsOverage: string;
                            spEntityId: string;
                            acsUrl: string;
                            metadataUrl: string;
                        } | null;
                        oidc: {
                            issuer: string;
                            clientId: string;
                            clientAuth: string;
                            hasClientSecret: boolean;
                            /** @description register this key at the IdP for private_key_jwt */
                            clientPublicJwk: {
                                [key: string]: unknown;
                            } | null;
                            scopes: string[];
                            claims: {
                                email: string;
                                name: string;
                                groups: string;
                            };
                            groupsOverage: string;
                            redirectUri: string;
                        } | null;
                        loginUrl: string;
                        /** @description an owner saved its identity settings; only then may owners sign in through it (any owner save approves; an admin changing IdP, certificates, client, claims or domains withdraws it) */
                        ownerApproved: boolean;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getSsoConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        protocol: "saml" | "oidc";
                        enabled: boolean;
                        allowIdpInitiated: boolean;
                        emailDomains: string[];
                        saml: {
                            idpEntityId: string;
                            ssoUrl: string;
                            certificates: {
                                pem: string;
                                sha256: string;
                                notAfter: string;
                            }[];
                            wantResponseSigned: boolean;
                            encryption: {
                                certificate: string;
                            } | null;
                            attributes: {
                                email: string;
                                name: string;
                                groups: string;
                            };
                            groupsOverage: string;
                            spEntityId: string;
                            acsUrl: string;
                            metadataUrl: string;
                        } | null;
                        oidc: {
                            issuer: string;
                            clientId: string;
                            clientAuth: string;
                            hasClientSecret: boolean;
                            /** @description register this key at the IdP for private_key_jwt */
                            clientPublicJwk: {
                                [key: string]: unknown;
                            } | null;
                            scopes: string[];
                            claims: {
                                email: string;
                                name: string;
                                groups: string;
                            };
                            groupsOverage: string;
                            redirectUri: string;
                        } | null;
                        loginUrl: string;
                        /** @description an owner saved its identity settings; only then may owners sign in through it (any owner save approves; an admin changing IdP, certificates, client, claims or domains withdraws it) */
                        ownerApproved: boolean;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteSsoConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    updateSsoConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    enabled?: boolean;
                    /** @description SAML only; refused by default (answered with a redirect into SP-initiated sign-in) */
                    allowIdpInitiated?: boolean;
                    /** @description home-realm discovery; also the only domains whose addresses may link to existing users */
                    emailDomains?: string[];
                    saml?: {
                        /** @description the IdP's SAML metadata; fills idpEntityId, ssoUrl and certificates */
                        metadataXml?: string;
                        /**
                         * Format: uri
                         * @description where to fetch the IdP's metadata (https), once, when saved
                         */
                        metadataUrl?: string;
                        idpEntityId?: string;
                        /** Format: uri */
                        ssoUrl?: string;
                        certificates?: string[];
                        /** @description require the whole Response to be signed; the assertion signature is always required */
                        wantResponseSigned?: boolean;
                        /** @description our SP key pair for encrypted assertions; the certificate is published in our SP metadata */
                        encryption?: {
                            privateKey: string;
                            certificate: string;
                        } | null;
                        attributes?: {
                            email?: string;
                            name?: string;
                            groups?: string;
                        };
                        /**
                         * @description when the IdP sends a group overage (Azure AD) instead of groups: use the SCIM teams and say so, or refuse the sign-in
                         * @enum {string}
                         */
                        groupsOverage?: "scim_teams" | "refuse";
                    };
                    oidc?: {
                        /** Format: uri */
                        issuer?: string;
                        clientId?: string;
                        clientSecret?: string;
                        /** @enum {string} */
                        clientAuth?: "client_secret_basic" | "client_secret_post" | "private_key_jwt";
                        scopes?: string[];
                        claims?: {
                            email?: string;
                            name?: string;
                            groups?: string;
                        };
                        /**
                         * @description when the IdP sends a group overage (Azure AD) instead of groups: use the SCIM teams and say so, or refuse the sign-in
                         * @enum {string}
                         */
                        groupsOverage?: "scim_teams" | "refuse";
                    };
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        protocol: "saml" | "oidc";
                        enabled: boolean;
                        allowIdpInitiated: boolean;
                        emailDomains: string[];
                        saml: {
                            idpEntityId: string;
                            ssoUrl: string;
                            certificates: {
                                pem: string;
                                sha256: string;
                                notAfter: string;
                            }[];
                            wantResponseSigned: boolean;
                            encryption: {
                                certificate: string;
                            } | null;
                            attributes: {
                                email: string;
                                name: string;
                                groups: string;
                            };
                            groupsOverage: string;
                            spEntityId: string;
                            acsUrl: string;
                            metadataUrl: string;
                        } | null;
                        oidc: {
                            issuer: string;
                            clientId: string;
                            clientAuth: string;
                            hasClientSecret: boolean;
                            /** @description register this key at the IdP for private_key_jwt */
                            clientPublicJwk: {
                                [key: string]: unknown;
                            } | null;
                            scopes: string[];
                            claims: {
                                email: string;
                                name: string;
                                groups: string;
                            };
                            groupsOverage: string;
                            redirectUri: string;
                        } | null;
                        loginUrl: string;
                        /** @description an owner saved its identity settings; only then may owners sign in through it (any owner save approves; an admin changing IdP, certificates, client, claims or domains withdraws it) */
                        ownerApproved: boolean;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listLoginPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            body: string;
                            regoVersion: number;
                            enabled: boolean;
                            sampleAll: boolean;
                            tests: string | null;
                            version: number;
                            updatedBy: string | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createLoginPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    body: string;
                    regoVersion?: 0 | 1;
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @description store every evaluation, not only those whose `sample` rule holds
                     * @default true
                     */
                    sampleAll?: boolean;
                    /** @description a Rego module of test_ rules (`with input as …`) run against the body; a policy whose tests fail cannot be enabled */
                    tests?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        body: string;
                        regoVersion: number;
                        enabled: boolean;
                        sampleAll: boolean;
                        tests: string | null;
                        version: number;
                        updatedBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                        /** @description the saved tests, run against the body (null: no tests) */
                        testResults: {
                            passed: boolean;
                            results: {
                                name: string;
                                line: number;
                                /** @enum {string} */
                                status: "pass" | "fail" | "error";
                                durationUs: number;
                                notes: string[];
                            }[];
                        } | null;
                        /** @description rules that define a contract output in a shape the contract does not know (saved all the same) */
                        warnings: {
                            rule: string;
                            line: number;
                            column: number;
                            reason: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    simulateLoginPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input: {
                        [key: string]: unknown;
                    };
                    /**
                     * @description list the rules that fired and their values
                     * @default false
                     */
                    explain?: boolean;
                    /**
                     * @description run the policy's saved (or draft) tests
                     * @default false
                     */
                    runTests?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decision: {
                            admitted: boolean;
                            admin: boolean;
                            roles: {
                                [key: string]: string[];
                            };
                            teams: string[] | null;
                            reason: string | null;
                            warnings: string[];
                            sample: boolean;
                        };
                        policies: {
                            policyId: string;
                            durationUs: number;
                            output: {
                                allow: boolean;
                                deny: boolean;
                                denyMessages: string[];
                                admin: boolean;
                                denyAdmin: boolean;
                                sample: boolean;
                                roles: {
                                    [key: string]: string[];
                                };
                                teams: string[];
                            } | null;
                            error: string | null;
                            /** @description with explain: each rule definition that fired, its line and value */
                            fired?: {
                                rule: string;
                                line: number;
                                keys?: unknown[];
                                value: unknown;
                            }[];
                            /** @description with runTests: the policy's tests (null: it has none) */
                            tests?: {
                                passed: boolean;
                                results: {
                                    name: string;
                                    line: number;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "error";
                                    durationUs: number;
                                    notes: string[];
                                }[];
                            } | null;
                        }[];
                        durationUs: number;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    getLoginPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        body: string;
                        regoVersion: number;
                        enabled: boolean;
                        sampleAll: boolean;
                        tests: string | null;
                        version: number;
                        updatedBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    replaceLoginPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    body: string;
                    regoVersion?: 0 | 1;
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @description store every evaluation, not only those whose `sample` rule holds
                     * @default true
                     */
                    sampleAll?: boolean;
                    /** @description a Rego module of test_ rules (`with input as …`) run against the body; a policy whose tests fail cannot be enabled */
                    tests?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        body: string;
                        regoVersion: number;
                        enabled: boolean;
                        sampleAll: boolean;
                        tests: string | null;
                        version: number;
                        updatedBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                        /** @description the saved tests, run against the body (null: no tests) */
                        testResults: {
                            passed: boolean;
                            results: {
                                name: string;
                                line: number;
                                /** @enum {string} */
                                status: "pass" | "fail" | "error";
                                durationUs: number;
                                notes: string[];
                            }[];
                        } | null;
                        /** @description rules that define a contract output in a shape the contract does not know (saved all the same) */
                        warnings: {
                            rule: string;
                            line: number;
                            column: number;
                            reason: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    deleteLoginPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    simulateLoginPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input: {
                        [key: string]: unknown;
                    };
                    /** @description a draft body to try instead of the stored one */
                    body?: string;
                    regoVersion?: 0 | 1;
                    /** @description draft tests to run instead of the saved ones (with runTests) */
                    tests?: string;
                    /**
                     * @description list the rules that fired and their values
                     * @default false
                     */
                    explain?: boolean;
                    /**
                     * @description run the policy's saved (or draft) tests
                     * @default false
                     */
                    runTests?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decision: {
                            admitted: boolean;
                            admin: boolean;
                            roles: {
                                [key: string]: string[];
                            };
                            teams: string[] | null;
                            reason: string | null;
                            warnings: string[];
                            sample: boolean;
                        };
                        policies: {
                            policyId: string;
                            durationUs: number;
                            output: {
                                allow: boolean;
                                deny: boolean;
                                denyMessages: string[];
                                admin: boolean;
                                denyAdmin: boolean;
                                sample: boolean;
                                roles: {
                                    [key: string]: string[];
                                };
                                teams: string[];
                            } | null;
                            error: string | null;
                            /** @description with explain: each rule definition that fired, its line and value */
                            fired?: {
                                rule: string;
                                line: number;
                                keys?: unknown[];
                                value: unknown;
                            }[];
                            /** @description with runTests: the policy's tests (null: it has none) */
                            tests?: {
                                passed: boolean;
                                results: {
                                    name: string;
                                    line: number;
                                    /** @enum {string} */
                                    status: "pass" | "fail" | "error";
                                    durationUs: number;
                                    notes: string[];
                                }[];
                            } | null;
                        }[];
                        durationUs: number;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listLoginPolicySamples: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            policyVersion: number;
                            at: string;
                            input: unknown;
                            output: unknown;
                            error: string | null;
                            durationUs: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listSpaces: {
        parameters: {
            query?: {
                parentId?: string;
                label?: string;
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            parentId: string | null;
                            inheritEntities: boolean;
                            labels: string[];
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createSpace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    name: string;
                    /** @default root */
                    parentId?: string;
                    /** @default true */
                    inheritEntities?: boolean;
                    /** @default [] */
                    labels?: string[];
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        parentId: string | null;
                        inheritEntities: boolean;
                        labels: string[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getSpace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                spaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        parentId: string | null;
                        inheritEntities: boolean;
                        labels: string[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteSpace: {
        parameters: {
            query?: {
                cascade?: "true" | "false";
            };
            header?: never;
            path: {
                org: string;
                spaceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    updateSpace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                spaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    parentId?: string;
                    inheritEntities?: boolean;
                    labels?: string[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        parentId: string | null;
                        inheritEntities: boolean;
                        labels: string[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    listActions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            description: string;
                            /** @enum {string} */
                            scope: "space" | "account";
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
        };
    };
    listRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            slug: string;
                            name: string;
                            description: string;
                            actions: string[];
                            predefined: boolean;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    slug?: string;
                    /** @default  */
                    description?: string;
                    actions: ("space:read" | "space:manage" | "stack:read" | "stack:manage" | "run:read" | "run:trigger" | "run:comment" | "context:read" | "context:manage" | "worker_pool:read" | "worker_pool:manage" | "env_var:read" | "env_var:manage" | "secret:read" | "sso:manage" | "vcs:manage" | "session:manage" | "login_policy:manage" | "audit_trail:manage")[];
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                        name: string;
                        description: string;
                        actions: string[];
                        predefined: boolean;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                roleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                        name: string;
                        description: string;
                        actions: string[];
                        predefined: boolean;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                roleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    updateRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                roleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string;
                    actions?: ("space:read" | "space:manage" | "stack:read" | "stack:manage" | "run:read" | "run:trigger" | "run:comment" | "context:read" | "context:manage" | "worker_pool:read" | "worker_pool:manage" | "env_var:read" | "env_var:manage" | "secret:read" | "sso:manage" | "vcs:manage" | "session:manage" | "login_policy:manage" | "audit_trail:manage")[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        slug: string;
                        name: string;
                        description: string;
                        actions: string[];
                        predefined: boolean;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    listRoleBindings: {
        parameters: {
            query?: {
                spaceId?: string;
                roleId?: string;
                subjectType?: "user" | "api_key" | "idp_group";
                subjectId?: string;
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            subject: {
                                /** @enum {string} */
                                type: "user" | "api_key" | "idp_group";
                                id: string;
                                name: string | null;
                            };
                            roleId: string;
                            roleSlug: string;
                            spaceId: string;
                            createdBy: string | null;
                            createdAt: string;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createRoleBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subject: {
                        /** @constant */
                        type: "user";
                        id: string;
                    } | {
                        /** @constant */
                        type: "api_key";
                        id: string;
                    } | {
                        /** @constant */
                        type: "idp_group";
                        id?: string;
                        name?: string;
                    };
                    roleId: string;
                    spaceId: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        subject: {
                            /** @enum {string} */
                            type: "user" | "api_key" | "idp_group";
                            id: string;
                            name: string | null;
                        };
                        roleId: string;
                        roleSlug: string;
                        spaceId: string;
                        createdBy: string | null;
                        createdAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    deleteRoleBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listIdpGroups: {
        parameters: {
            query?: {
                name?: string;
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @description the IdP group stable id this mapping is tied to, if any */
                            externalId: string | null;
                            /** @description the tied group's current name as SCIM reports it */
                            idpGroupName: string | null;
                            description: string;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createIdpGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    externalId?: string | null;
                    /** @default  */
                    description?: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description the IdP group stable id this mapping is tied to, if any */
                        externalId: string | null;
                        /** @description the tied group's current name as SCIM reports it */
                        idpGroupName: string | null;
                        description: string;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getIdpGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description the IdP group stable id this mapping is tied to, if any */
                        externalId: string | null;
                        /** @description the tied group's current name as SCIM reports it */
                        idpGroupName: string | null;
                        description: string;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteIdpGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    updateIdpGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    externalId?: string | null;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description the IdP group stable id this mapping is tied to, if any */
                        externalId: string | null;
                        /** @description the tied group's current name as SCIM reports it */
                        idpGroupName: string | null;
                        description: string;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    authorize: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subject?: {
                        /** @constant */
                        type: "user";
                        id: string;
                    } | {
                        /** @constant */
                        type: "api_key";
                        id: string;
                    } | {
                        /** @constant */
                        type: "idp_group";
                        id?: string;
                        name?: string;
                    };
                    /** @enum {string} */
                    action?: "space:read" | "space:manage" | "stack:read" | "stack:manage" | "run:read" | "run:trigger" | "run:comment" | "context:read" | "context:manage" | "worker_pool:read" | "worker_pool:manage" | "env_var:read" | "env_var:manage" | "secret:read" | "sso:manage" | "vcs:manage" | "session:manage" | "login_policy:manage" | "audit_trail:manage";
                    spaceId?: string;
                    checks?: {
                        /** @enum {string} */
                        action: "space:read" | "space:manage" | "stack:read" | "stack:manage" | "run:read" | "run:trigger" | "run:comment" | "context:read" | "context:manage" | "worker_pool:read" | "worker_pool:manage" | "env_var:read" | "env_var:manage" | "secret:read" | "sso:manage" | "vcs:manage" | "session:manage" | "login_policy:manage" | "audit_trail:manage";
                        spaceId?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subject: {
                            /** @enum {string} */
                            type: "user" | "api_key" | "idp_group";
                            id: string;
                            name: string | null;
                        };
                        results: {
                            action: string;
                            spaceId: string;
                            allowed: boolean;
                            reasons: {
                                /** @enum {string} */
                                source: "binding" | "organization_role" | "session";
                                bindingId?: string;
                                subject?: {
                                    type: string;
                                    id: string;
                                };
                                /** @description the team through which an IdP group binding applies */
                                team?: string;
                                orgRole?: string;
                                role: {
                                    id: string;
                                    slug: string;
                                };
                                /** @description where the role is bound */
                                spaceId: string;
                                /** @enum {string} */
                                propagation: "bound_here" | "inherited_down" | "read_up";
                            }[];
                        }[];
                    } | {
                        action: string;
                        spaceId: string;
                        allowed: boolean;
                        reasons: {
                            /** @enum {string} */
                            source: "binding" | "organization_role" | "session";
                            bindingId?: string;
                            subject?: {
                                type: string;
                                id: string;
                            };
                            /** @description the team through which an IdP group binding applies */
                            team?: string;
                            orgRole?: string;
                            role: {
                                id: string;
                                slug: string;
                            };
                            /** @description where the role is bound */
                            spaceId: string;
                            /** @enum {string} */
                            propagation: "bound_here" | "inherited_down" | "read_up";
                        }[];
                        subject: {
                            /** @enum {string} */
                            type: "user" | "api_key" | "idp_group";
                            id: string;
                            name: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listPermissions: {
        parameters: {
            query?: {
                subject?: string;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subject: {
                            /** @enum {string} */
                            type: "user" | "api_key" | "idp_group";
                            id: string;
                            name: string | null;
                        };
                        spaces: {
                            spaceId: string;
                            actions: string[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listMyPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subject: {
                            /** @enum {string} */
                            type: "user" | "api_key" | "idp_group";
                            id: string;
                            name: string | null;
                        };
                        spaces: {
                            spaceId: string;
                            actions: string[];
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
        };
    };
    listScimTokens: {
        parameters: {
            query?: {
                includeRevoked?: "true" | "false";
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            secretHint: string;
                            createdBy: string | null;
                            createdAt: string;
                            /** @description last use, recorded at most once a minute */
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                            /**
                             * @description owner: minted by an owner, it may change and delete owners and delete users while that owner remains one; admin: what an admin may do
                             * @enum {string}
                             */
                            scope: "owner" | "admin";
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createScimToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        secretHint: string;
                        createdBy: string | null;
                        createdAt: string;
                        /** @description last use, recorded at most once a minute */
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /**
                         * @description owner: minted by an owner, it may change and delete owners and delete users while that owner remains one; admin: what an admin may do
                         * @enum {string}
                         */
                        scope: "owner" | "admin";
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteScimToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            type: string;
                            description: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                after?: string;
                types?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            type: string;
                            timestamp: string;
                            organization: {
                                id: string;
                                slug: string;
                            };
                            sequence: number;
                            actor: {
                                type: string;
                                id: string | null;
                                label: string | null;
                            };
                            requestId: string | null;
                            subject: {
                                type: string;
                                id: string;
                            };
                            /** @description `object`: the resource after the change; `changed`: the fields the change set; `previous`: their values before */
                            data: {
                                [key: string]: unknown;
                            };
                        }[];
                        next: string;
                        hasMore: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            410: components["responses"]["Problem"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            url: string;
                            description: string;
                            events: string[];
                            enabled: boolean;
                            disabledReason: string | null;
                            disabledAt: string | null;
                            secretHint: string;
                            /** @description after a rotation: until when deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            failingSince: string | null;
                            createdBy: string | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: string[];
                    description?: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        events: string[];
                        enabled: boolean;
                        disabledReason: string | null;
                        disabledAt: string | null;
                        secretHint: string;
                        /** @description after a rotation: until when deliveries also carry a signature by the previous secret */
                        previousSecretExpiresAt: string | null;
                        failingSince: string | null;
                        createdBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                        /** @description whsec_…: shown in this response only */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        events: string[];
                        enabled: boolean;
                        disabledReason: string | null;
                        disabledAt: string | null;
                        secretHint: string;
                        /** @description after a rotation: until when deliveries also carry a signature by the previous secret */
                        previousSecretExpiresAt: string | null;
                        failingSince: string | null;
                        createdBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    events?: string[];
                    description?: string;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        events: string[];
                        enabled: boolean;
                        disabledReason: string | null;
                        disabledAt: string | null;
                        secretHint: string;
                        /** @description after a rotation: until when deliveries also carry a signature by the previous secret */
                        previousSecretExpiresAt: string | null;
                        failingSince: string | null;
                        createdBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 86400 */
                    overlapSeconds?: number;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        events: string[];
                        enabled: boolean;
                        disabledReason: string | null;
                        disabledAt: string | null;
                        secretHint: string;
                        /** @description after a rotation: until when deliveries also carry a signature by the previous secret */
                        previousSecretExpiresAt: string | null;
                        failingSince: string | null;
                        createdBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                        /** @description whsec_…: shown in this response only */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "queued" | "pending" | "delivering" | "delivered" | "failed";
                before?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            eventId: string;
                            eventType: string;
                            sequence: number;
                            /** @enum {string} */
                            status: "queued" | "pending" | "delivering" | "delivered" | "failed";
                            attempts: number;
                            redeliveries: number;
                            nextAttemptAt: string | null;
                            firstAttemptAt: string | null;
                            lastAttemptAt: string | null;
                            lastStatus: number | null;
                            lastError: string | null;
                            deliveredAt: string | null;
                            createdAt: string;
                        }[];
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        eventId: string;
                        eventType: string;
                        sequence: number;
                        /** @enum {string} */
                        status: "queued" | "pending" | "delivering" | "delivered" | "failed";
                        attempts: number;
                        redeliveries: number;
                        nextAttemptAt: string | null;
                        firstAttemptAt: string | null;
                        lastAttemptAt: string | null;
                        lastStatus: number | null;
                        lastError: string | null;
                        deliveredAt: string | null;
                        createdAt: string;
                        log: {
                            at: string;
                            status: number | null;
                            error: string | null;
                            latencyMs: number;
                            responseSnippet: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        eventId: string;
                        eventType: string;
                        sequence: number;
                        /** @enum {string} */
                        status: "queued" | "pending" | "delivering" | "delivered" | "failed";
                        attempts: number;
                        redeliveries: number;
                        nextAttemptAt: string | null;
                        firstAttemptAt: string | null;
                        lastAttemptAt: string | null;
                        lastStatus: number | null;
                        lastError: string | null;
                        deliveredAt: string | null;
                        createdAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listAuditSinks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            kind: "https" | "splunk_hec" | "datadog" | "s3";
                            name: string;
                            settings: {
                                [key: string]: unknown;
                            };
                            enabled: boolean;
                            /** @description the number of the last audit record the sink received */
                            cursor: string;
                            /** @description records waiting to be sent */
                            backlog?: number;
                            lastDeliveredAt: string | null;
                            lastError: string | null;
                            lastErrorAt: string | null;
                            createdBy: string | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    createAuditSink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "https" | "splunk_hec" | "datadog" | "s3";
                    name: string;
                    /** @description per kind: https {url}; splunk_hec {url, index?, source?, sourcetype?}; datadog {url?, service?, tags?}; s3 {endpoint, bucket, region?, prefix?} */
                    settings?: {
                        [key: string]: unknown;
                    };
                    /** @description per kind, never shown again: https {headers?}; splunk_hec {token}; datadog {apiKey}; s3 {accessKeyId, secretAccessKey} */
                    secrets?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "https" | "splunk_hec" | "datadog" | "s3";
                        name: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        enabled: boolean;
                        /** @description the number of the last audit record the sink received */
                        cursor: string;
                        /** @description records waiting to be sent */
                        backlog?: number;
                        lastDeliveredAt: string | null;
                        lastError: string | null;
                        lastErrorAt: string | null;
                        createdBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    getAuditSink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "https" | "splunk_hec" | "datadog" | "s3";
                        name: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        enabled: boolean;
                        /** @description the number of the last audit record the sink received */
                        cursor: string;
                        /** @description records waiting to be sent */
                        backlog?: number;
                        lastDeliveredAt: string | null;
                        lastError: string | null;
                        lastErrorAt: string | null;
                        createdBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    deleteAuditSink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    updateAuditSink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description per kind: https {url}; splunk_hec {url, index?, source?, sourcetype?}; datadog {url?, service?, tags?}; s3 {endpoint, bucket, region?, prefix?} */
                    settings?: {
                        [key: string]: unknown;
                    };
                    /** @description per kind, never shown again: https {headers?}; splunk_hec {token}; datadog {apiKey}; s3 {accessKeyId, secretAccessKey} */
                    secrets?: {
                        [key: string]: unknown;
                    };
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "https" | "splunk_hec" | "datadog" | "s3";
                        name: string;
                        settings: {
                            [key: string]: unknown;
                        };
                        enabled: boolean;
                        /** @description the number of the last audit record the sink received */
                        cursor: string;
                        /** @description records waiting to be sent */
                        backlog?: number;
                        lastDeliveredAt: string | null;
                        lastError: string | null;
                        lastErrorAt: string | null;
                        createdBy: string | null;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    getConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        via: "api_key" | "sso";
                        /** @description send as X-CSRF-Token on every mutating request made with the cookie */
                        csrfToken: string;
                        expiresAt: string;
                        /** @description the session ends after this long without a request */
                        idleMinutes: number;
                        /** @description owners and admins; others see only their own account */
                        consoleAccess: boolean;
                        organization: {
                            id: string;
                            slug: string;
                        };
                    };
                };
            };
            401: components["responses"]["Problem"];
        };
    };
    createConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    apiKey: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        via: "api_key" | "sso";
                        /** @description send as X-CSRF-Token on every mutating request made with the cookie */
                        csrfToken: string;
                        expiresAt: string;
                        /** @description the session ends after this long without a request */
                        idleMinutes: number;
                        /** @description owners and admins; others see only their own account */
                        consoleAccess: boolean;
                        organization: {
                            id: string;
                            slug: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
        };
    };
    deleteConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
        };
    };
    getBranding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description #rrggbb; buttons on the sign-in pages (their text colour is chosen for contrast) */
                        accentColor: string | null;
                        /** @description where the sign-in pages load the logo from (this origin) */
                        logoUrl: string | null;
                    };
                };
            };
            401: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    updateBranding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    accentColor?: string | null;
                    /** @description a PNG, JPEG, GIF or WebP image, base64-encoded; null removes it */
                    logo?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description #rrggbb; buttons on the sign-in pages (their text colour is chosen for contrast) */
                        accentColor: string | null;
                        /** @description where the sign-in pages load the logo from (this origin) */
                        logoUrl: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
}
