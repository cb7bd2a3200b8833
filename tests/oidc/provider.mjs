// A real OpenID Connect provider (the certified `oidc-provider` package) on loopback, for
// Commonroom's sign-in tests. Its development login pages accept any password; the login
// name is used as the account's email, so a test chooses who signs in.
//
// Environment: PORT (0 = any), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI.
// Prints "issuer <url>" on stdout once listening.
import Provider from "oidc-provider";
import http from "node:http";

const port = Number(process.env.PORT || 0);
const server = http.createServer();
server.listen(port, "127.0.0.1", () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: process.env.CLIENT_ID,
        client_secret: process.env.CLIENT_SECRET,
        redirect_uris: [process.env.REDIRECT_URI],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      return {
        accountId: id,
        async claims() {
          const local = id.split("@")[0].replace(/[._-]+/g, " ");
          const name = local.replace(/\b\w/g, (c) => c.toUpperCase());
          return { sub: id, email: id, email_verified: true, name };
        },
      };
    },
  });
  provider.proxy = false;
  provider.on("server_error", (ctx, err) => console.error("server_error", err));
  server.on("request", provider.callback());
  console.log(`issuer ${issuer}`);
});
