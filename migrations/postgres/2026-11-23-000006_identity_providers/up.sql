-- An authority's own sign-in (Microsoft Entra ID, Google Workspace…) over OpenID Connect.
CREATE TABLE identity_providers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    authority_id BIGINT NOT NULL REFERENCES authorities(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    issuer_url TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    -- Comma-separated email domains trusted even when the provider doesn't say
    -- email_verified (Entra ID often doesn't).
    email_domains TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX identity_providers_authority ON identity_providers (authority_id);

-- Sign-ins in flight: the state sent to the provider, with the PKCE verifier and nonce.
CREATE TABLE sso_logins (
    state TEXT PRIMARY KEY,
    provider_id BIGINT NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX sso_logins_provider ON sso_logins (provider_id);
