DROP TABLE sso_logins;
DROP TABLE identity_providers;
